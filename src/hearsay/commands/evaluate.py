"""`hearsay evaluate`: score predictions against gold; a table, JSON on stdout, and/or a results file."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from ..evaluate import evaluate_documents, load_gold, load_predictions
from ..evaluate.bootstrap import RESAMPLES, SEED
from ..evaluate.report import print_report
from ..evaluate.results import build_results, package_versions, write_results
from ..schema import load_schema

log = logging.getLogger(__name__)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("evaluate", help="score predicted documents against gold (spans, attribution, hedges, "
                                        "quantities)")
    p.add_argument("--gold", type=Path, required=True,
                   help="gold documents JSONL, or a dataset folder (then --split is read from it)")
    p.add_argument("--pred", type=Path, required=True, help="predicted documents JSONL")
    p.add_argument("--split", default=None,
                   help="split to read from a dataset folder (default test); recorded in the results file")
    p.add_argument("--json", action="store_true", help="print all scores as one JSON object on stdout")
    p.add_argument("--output", type=Path, default=None,
                   help="also write a results file (e.g. baselines/results/<system>.json)")
    p.add_argument("--system", default=None, help="system name for the results file (default: --pred file stem)")
    p.add_argument("--system-package", action="append", default=[], metavar="PACKAGE",
                   help="record this package's installed version in the results file (repeatable)")
    p.add_argument("--resamples", type=_non_negative, default=RESAMPLES,
                   help=f"bootstrap resamples over documents (default {RESAMPLES}; 0 = off)")
    p.add_argument("--no-bootstrap", action="store_true", help="no bootstrap intervals (same as --resamples 0)")
    p.add_argument("--seed", type=int, default=SEED, help=f"bootstrap seed (default {SEED})")
    p.set_defaults(func=run)


def _non_negative(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return value


def run(args: argparse.Namespace) -> int:
    schema = load_schema()
    gold = load_gold(args.gold, args.split, schema)
    pred = load_predictions(args.pred, schema)
    scores = evaluate_documents(gold.documents, pred, schema, resamples=0 if args.no_bootstrap else args.resamples,
                                seed=args.seed, pred_file=str(args.pred))
    if args.output:
        results = build_results(args.system or args.pred.stem, scores, gold, args.pred,
                                package_versions(args.system_package), schema)
        write_results(args.output, results)
        log.info("wrote %s", args.output)
    if args.json:
        sys.stdout.write(json.dumps(scores, ensure_ascii=False) + "\n")
    else:
        print_report(scores, schema=schema)
        if args.output:
            print(f"wrote {args.output}")
    return 0
