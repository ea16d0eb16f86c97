"""`hearsay gold`: annotations/exports/*.json -> annotations/gold/hearsay.jsonl (see hearsay.gold)."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..gold import write_gold


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("gold", help="assemble the gold from the Label Studio exports (adjudicated > pass1)")
    p.add_argument("--exports", type=Path, default=None, help="folder of exports (default annotations/exports)")
    p.add_argument("--output", type=Path, default=None, help="gold JSONL (default annotations/gold/hearsay.jsonl)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    docs = write_gold(args.exports, args.output)
    print(f"gold: {len(docs)} documents")
    return 0
