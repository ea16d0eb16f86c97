"""The `hearsay` command line. Each subcommand lives in `hearsay.commands.<name>` as a thin module
with `register(subparsers)`; it parses options, calls plain library functions, and is the only place
where errors become messages and exit codes."""

from __future__ import annotations

import argparse
import importlib
import logging
import sys

from rich.console import Console
from rich.text import Text

from . import __version__
from .errors import HearsayError, ValidationError

# One module per subcommand, in help order.
COMMANDS = (
    "schema", "validate", "convert", "draft", "corpus", "gold", "splits", "build", "stats", "check", "agreement",
    "evaluate", "leaderboard", "studio", "train", "predict", "benchmark", "claims", "export",
)

err_console = Console(stderr=True, highlight=False, soft_wrap=True)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="hearsay", description="Hearsay: build, check and score the news corpus of attribution, hedging and quantities.")
    parser.add_argument("--version", action="version", version=f"hearsay {__version__}")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more log output (-vv for debug)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"hearsay.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"hearsay.commands.{name}":
                continue  # not built yet
            raise
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    level = logging.WARNING - 10 * min(args.verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    try:
        return int(args.func(args) or 0)
    except ValidationError as exc:
        for problem in exc.problems:
            err_console.print(Text("error ", style="red") + Text(str(problem)))
        err_console.print(f"{len(exc.problems)} problem(s); nothing was written.", markup=False)
        return 1
    except HearsayError as exc:
        err_console.print(Text("error ", style="red") + Text(str(exc)))
        return 2
    except KeyboardInterrupt:
        err_console.print("interrupted")
        return 130


if __name__ == "__main__":
    sys.exit(main())
