"""`hearsay build`: gold + splits -> the Hugging Face dataset folder with its card."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..build import build_dataset


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("build", help="build dataset/ (parquet per config and split, and the card) from the gold")
    p.add_argument("--gold", type=Path, default=None, help="gold documents JSONL (default annotations/gold/hearsay.jsonl)")
    p.add_argument("--output", type=Path, default=None, help="dataset folder (default dataset/)")
    p.add_argument("--no-card", action="store_true", help="write data files only")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    result = build_dataset(args.gold, args.output, with_card=not args.no_card)
    for config, counts in result.rows.items():
        print(f"{config:13s} " + "  ".join(f"{split} {n}" for split, n in counts.items()))
    return 0
