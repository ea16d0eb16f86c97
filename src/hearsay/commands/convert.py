"""`hearsay convert`: Label Studio export -> documents JSONL, or documents JSONL -> Label Studio tasks."""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

from ..convert.labelstudio import ConversionReport, convert_export_file, documents_to_tasks
from ..corpus import load_corpus
from ..document import write_documents
from ..errors import HearsayError
from ..io import write_json
from ..validate import load_documents

log = logging.getLogger(__name__)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("convert", help="convert between Label Studio JSON and documents JSONL",
                       description="An input *.json is read as a Label Studio export and written as documents "
                                   "JSONL; an input *.jsonl is read as documents and written as Label Studio "
                                   "import tasks.")
    p.add_argument("input", type=Path)
    p.add_argument("--output", "-o", type=Path, required=True)
    p.add_argument("--pick", default="single",
                   help="export -> documents: which annotation of a task (single | latest | annotator:<name>)")
    p.add_argument("--predictions", action="store_true",
                   help="export -> documents: convert predictions instead of annotations")
    p.add_argument("--skip-empty", action="store_true",
                   help="export -> documents: skip (and report) tasks without annotations instead of failing")
    p.add_argument("--as", dest="as_", choices=("annotations", "predictions", "none"), default="annotations",
                   help="documents -> tasks: attach spans as annotations, predictions, or not at all")
    p.add_argument("--model-version", default=None, help="documents -> tasks: model version of predictions")
    p.add_argument("--no-meta", action="store_true", help="documents -> tasks: metadata not required")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.input.suffix == ".json":
        report = ConversionReport()
        docs = convert_export_file(args.input, pick=args.pick, skip_empty=args.skip_empty,
                                   use="predictions" if args.predictions else "annotations",
                                   corpus=load_corpus(), report=report)
        write_documents(args.output, docs)
        print(f"wrote {len(docs)} documents to {args.output} ({report.tasks} tasks, "
              f"{len(report.cancelled)} cancelled annotations skipped, {len(report.skipped_empty)} empty tasks skipped)")
        return 0
    if args.input.suffix == ".jsonl":
        docs = load_documents(args.input, meta_required=not args.no_meta)
        tasks = documents_to_tasks(docs, as_=args.as_, model_version=args.model_version)
        write_json(args.output, tasks)
        print(f"wrote {len(tasks)} tasks to {args.output}")
        return 0
    raise HearsayError(f"{args.input}: expected a .json Label Studio export or a .jsonl documents file")
