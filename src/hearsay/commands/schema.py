"""`hearsay schema`: regenerate (or with --check, verify) the files generated from schema/hearsay.yaml."""

from __future__ import annotations

import argparse
import logging

from ..errors import HearsayError
from ..generate import stale_files, write_generated

log = logging.getLogger(__name__)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("schema", help="generate labeling_config.xml and hearsay.schema.json from hearsay.yaml")
    p.add_argument("--check", action="store_true", help="only check that the generated files are up to date")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.check:
        stale = stale_files()
        if stale:
            raise HearsayError("out of date (run `hearsay schema`): " + ", ".join(str(p) for p in stale))
        print("generated schema files are up to date")
        return 0
    for path in write_generated():
        print(f"wrote {path}")
    return 0
