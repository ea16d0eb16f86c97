"""`hearsay benchmark`: predict a split with every baseline and peer, write results files and LEADERBOARD.md."""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.console import Console
from rich.table import Table

from .. import paths
from ..baselines import base
from ..baselines.data import load_splits
from ..baselines.runner import benchmark
from ..evaluate.bootstrap import RESAMPLES, SEED


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("benchmark", help="score every baseline and peer on a split; write baselines/results "
                                         "and regenerate the leaderboard")
    p.add_argument("--split", default="test", help="split to score (default test)")
    p.add_argument("--baseline", action="append", default=None, metavar="NAME",
                   help=f"only these (repeatable; default all: {', '.join(base.names())})")
    p.add_argument("--gold", type=Path, default=None,
                   help="gold documents JSONL (split by corpus/splits); default: dataset/, else annotations/gold")
    p.add_argument("--models", type=Path, default=None, help="models folder (default .work/models)")
    p.add_argument("--results", type=Path, default=None,
                   help="results folder (default baselines/results for the test split, "
                        ".work/results/<split> otherwise)")
    p.add_argument("--resamples", type=int, default=RESAMPLES, help=f"bootstrap resamples (default {RESAMPLES})")
    p.add_argument("--seed", type=int, default=SEED, help=f"bootstrap seed (default {SEED})")
    p.set_defaults(func=run)


def _fmt(value) -> str:
    return "–" if value is None else f"{100 * value:.1f}"


def run(args: argparse.Namespace) -> int:
    names = args.baseline or base.names()
    for name in names:
        base.get(name)
    splits = load_splits(args.gold)
    official = args.split == "test" and args.results is None
    results = args.results or (paths.BASELINES_DIR / "results" if official else paths.WORK_DIR / "results" / args.split)
    leaderboard = paths.BASELINES_DIR / "LEADERBOARD.md" if official else results / "LEADERBOARD.md"
    rows = benchmark(names, splits, args.split, results_dir=results, models=args.models, resamples=args.resamples,
                     seed=args.seed, leaderboard=leaderboard)
    table = Table(title=f"{args.split} split of {splits.origin} ({len(splits[args.split])} documents)")
    for header in ("system", "CUE F1", "SOURCE F1", "CONTENT F1 (ovl)", "triples F1 (ovl)", "HEDGE F1",
                   "QUANTITY value+unit F1", "seconds"):
        table.add_column(header, justify="left" if header == "system" else "right")
    for row in rows:
        s = row.scores
        table.add_row(row.name, _fmt(s["spans"]["CUE"]["exact"]["f1"]), _fmt(s["spans"]["SOURCE"]["exact"]["f1"]),
                      _fmt(s["spans"]["CONTENT"]["overlap"]["f1"]), _fmt(s["attribution"]["overlap"]["f1"]),
                      _fmt(s["spans"]["HEDGE"]["exact"]["f1"]), _fmt(s["quantities"]["value_unit"]["f1"]),
                      f"{row.seconds:.1f}")
    Console().print(table)
    print(f"wrote {len(rows)} results file(s) to {results} and {leaderboard}")
    return 0
