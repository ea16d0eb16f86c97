"""`hearsay validate PATH...`: check documents JSONL files or Label Studio exports; report every problem."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..convert.labelstudio import convert_export_file
from ..corpus import load_corpus
from ..errors import HearsayError, ValidationError
from ..validate import load_documents


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("validate", help="validate documents JSONL or Label Studio JSON exports")
    p.add_argument("paths", type=Path, nargs="+", help="*.jsonl (documents) or *.json (Label Studio export)")
    p.add_argument("--pick", default="single", help="for exports: single | latest | annotator:<name>")
    p.add_argument("--no-meta", action="store_true", help="do not require document metadata (predictions)")
    p.set_defaults(func=run)


def validate_path(path: Path, *, pick: str = "single", meta_required: bool = True) -> int:
    """Validate one file; returns the number of documents. Raises ValidationError."""
    if path.suffix == ".json":
        return len(convert_export_file(path, pick=pick, corpus=load_corpus()))
    if path.suffix == ".jsonl":
        return len(load_documents(path, meta_required=meta_required))
    raise HearsayError(f"{path}: expected a .jsonl documents file or a .json Label Studio export")


def run(args: argparse.Namespace) -> int:
    problems = []
    for path in args.paths:
        try:
            count = validate_path(path, pick=args.pick, meta_required=not args.no_meta)
            print(f"ok {path}: {count} documents")
        except ValidationError as exc:
            problems += exc.problems
    if problems:
        raise ValidationError(problems)
    return 0
