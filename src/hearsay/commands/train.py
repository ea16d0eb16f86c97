"""`hearsay train --baseline NAME|all`: train baselines on the train split (validation for selection)."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..baselines import base
from ..baselines.data import load_splits
from ..baselines.runner import train


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("train", help="train a baseline (or all) on the train split; models in .work/models/<name>/")
    p.add_argument("--baseline", required=True,
                   help=f"baseline name or 'all' (trainable: {', '.join(base.names(trainable=True))})")
    p.add_argument("--gold", type=Path, default=None,
                   help="gold documents JSONL (split by corpus/splits); default: dataset/, else annotations/gold")
    p.add_argument("--models", type=Path, default=None, help="models folder (default .work/models)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    names = base.names(trainable=True) if args.baseline == "all" else [args.baseline]
    untrainable = [n for n in names if not base.get(n).trainable]  # unknown names fail before any data is read
    for name in untrainable:
        print(f"{name} has nothing to train (it predicts as it is)")
    names = [n for n in names if n not in untrainable]
    if not names:
        return 0
    splits = load_splits(args.gold)
    print(f"data: {splits.origin}; " + ", ".join(f"{s} {len(d)}" for s, d in splits.documents.items()))
    total = 0.0
    for report in train(names, splits, args.models):
        total += report.seconds
        extra = ", ".join(f"{k} {v}" for k, v in report.details.items() if isinstance(v, (int, float, str)))
        print(f"trained {report.name} in {report.seconds:.1f} s" + (f" ({extra})" if extra else ""))
    if len(names) > 1:
        print(f"total training time {total:.1f} s")
    return 0
