"""`hearsay leaderboard`: regenerate baselines/LEADERBOARD.md from baselines/results/*.json."""

from __future__ import annotations

import argparse
from pathlib import Path

from .. import paths
from ..errors import HearsayError
from ..evaluate.results import load_results, render_leaderboard, update_readme_scores
from ..io import write_text


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("leaderboard", help="regenerate baselines/LEADERBOARD.md from baselines/results/*.json")
    p.add_argument("--results", type=Path, default=paths.BASELINES_DIR / "results",
                   help="folder of results files (default baselines/results)")
    p.add_argument("--output", type=Path, default=paths.BASELINES_DIR / "LEADERBOARD.md",
                   help="leaderboard file to write (default baselines/LEADERBOARD.md)")
    p.add_argument("--check", action="store_true", help="only check that the leaderboard is up to date")
    p.set_defaults(func=run)


def _generated(args: argparse.Namespace) -> dict[Path, str]:
    """Every file `hearsay leaderboard` writes: the leaderboard and the scores block of each
    baseline README (`baselines/<system>/README.md`) that exists for a test-split results file."""
    results = load_results(args.results)
    out = {args.output: render_leaderboard(results)}
    for result in results:
        readme = args.output.parent / str(result["system"]) / "README.md"
        if result.get("split") == "test" and readme.is_file():
            try:
                out[readme] = update_readme_scores(readme.read_text(encoding="utf-8"), result)
            except ValueError as exc:
                raise HearsayError(f"{readme}: {exc}") from exc
    return out


def run(args: argparse.Namespace) -> int:
    files = _generated(args)
    if args.check:
        stale = [str(p) for p, text in files.items()
                 if not p.is_file() or p.read_text(encoding="utf-8") != text]
        if stale:
            raise HearsayError(f"out of date (run `hearsay leaderboard`): {', '.join(stale)}")
        print(f"{args.output} and {len(files) - 1} baseline README score table(s) are up to date")
        return 0
    for path, text in files.items():
        write_text(path, text)
    print(f"wrote {args.output} and {len(files) - 1} baseline README score table(s)")
    return 0
