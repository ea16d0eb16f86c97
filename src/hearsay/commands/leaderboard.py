"""`hearsay leaderboard`: regenerate baselines/LEADERBOARD.md from baselines/results/*.json."""

from __future__ import annotations

import argparse
from pathlib import Path

from .. import paths
from ..errors import HearsayError
from ..evaluate.results import load_results, render_leaderboard
from ..io import write_text


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("leaderboard", help="regenerate baselines/LEADERBOARD.md from baselines/results/*.json")
    p.add_argument("--results", type=Path, default=paths.BASELINES_DIR / "results",
                   help="folder of results files (default baselines/results)")
    p.add_argument("--output", type=Path, default=paths.BASELINES_DIR / "LEADERBOARD.md",
                   help="leaderboard file to write (default baselines/LEADERBOARD.md)")
    p.add_argument("--check", action="store_true", help="only check that the leaderboard is up to date")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.check:
        expected = render_leaderboard(load_results(args.results))
        current = args.output.read_text(encoding="utf-8") if args.output.is_file() else None
        if current != expected:
            raise HearsayError(f"{args.output} is out of date (run `hearsay leaderboard`)")
        print(f"{args.output} is up to date")
        return 0
    results = load_results(args.results)
    write_text(args.output, render_leaderboard(results))
    print(f"wrote {args.output} from {len(results)} results file(s)")
    return 0
