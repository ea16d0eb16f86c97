"""`hearsay check`: corpus-wide consistency checks of the gold (see hearsay.consistency)."""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from ..build.builder import gold_path
from ..consistency import is_accepted, load_exceptions, run_checks, stale_exceptions, unaccepted
from ..errors import HearsayError
from ..validate import load_documents


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("check", help="consistency checks across the gold (conflicts, values, alignment)")
    p.add_argument("--gold", type=Path, default=None)
    p.add_argument("--all", action="store_true", help="also list findings accepted as exceptions")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    docs = load_documents(args.gold or gold_path())
    findings = run_checks(docs)
    exceptions = load_exceptions()
    open_findings = unaccepted(findings, exceptions)
    for finding in findings if args.all else open_findings:
        accepted = " (accepted)" if is_accepted(finding, exceptions) else ""
        print(f"{finding.check:20s} {finding.key}{accepted}: {finding.detail}")
    counts = Counter(f.check for f in findings)
    print(f"{len(findings)} findings ({', '.join(f'{k} {v}' for k, v in sorted(counts.items())) or 'none'}); "
          f"{len(findings) - len(open_findings)} accepted as exceptions, {len(open_findings)} open")
    stale = stale_exceptions(findings, exceptions)
    if stale:
        print(f"{len(stale)} exceptions no longer match a finding: {stale}")
    if open_findings:
        raise HearsayError(f"{len(open_findings)} consistency findings are neither fixed nor accepted "
                           "in annotations/consistency_exceptions.yaml")
    return 0
