"""`hearsay draft check|resolve`: anchor-text annotation drafts (see hearsay.draft) to documents."""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

from ..corpus import load_corpus
from ..document import write_documents
from ..draft import read_draft, resolve_draft
from ..errors import Problem, ValidationError
from ..validate import check_document

log = logging.getLogger(__name__)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("draft", help="check or resolve anchor-text annotation drafts")
    sp = p.add_subparsers(dest="draft_command", required=True)
    check = sp.add_parser("check", help="resolve and validate drafts; report every problem")
    check.add_argument("drafts", type=Path, nargs="+", help="draft YAML files or folders of them")
    check.set_defaults(func=run_check)
    res = sp.add_parser("resolve", help="resolve drafts into a documents JSONL file")
    res.add_argument("drafts", type=Path, nargs="+")
    res.add_argument("--output", "-o", type=Path, required=True)
    res.add_argument("--annotator", default=None, help="only the drafts whose `annotator:` is this name")
    res.set_defaults(func=run_resolve)


def _files(inputs: list[Path]) -> list[Path]:
    files: list[Path] = []
    for item in inputs:
        files += sorted(item.glob("*.yaml")) if item.is_dir() else [item]
    return files


def resolve_all(inputs: list[Path], annotator: str | None = None):
    corpus = load_corpus()
    docs, problems = [], []
    for path in _files(inputs):
        raw = read_draft(path)
        if annotator is not None and raw.get("annotator") != annotator:
            continue
        doc_id = raw.get("id")
        if doc_id not in corpus:
            problems.append(Problem(str(path), str(doc_id), None, "no such document in corpus/metadata.jsonl"))
            continue
        try:
            doc = resolve_draft(raw, corpus[doc_id], file=str(path))
        except ValidationError as exc:
            problems += exc.problems
            continue
        found = check_document(doc.to_dict(), file=str(path))
        if found:
            problems += found
        else:
            docs.append(doc)
    return docs, problems


def run_check(args: argparse.Namespace) -> int:
    docs, problems = resolve_all(args.drafts)
    if problems:
        raise ValidationError(problems)
    for doc in docs:
        counts: dict[str, int] = {}
        for span in doc.spans:
            counts[span.label] = counts.get(span.label, 0) + 1
        print(f"ok {doc.id}: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    return 0


def run_resolve(args: argparse.Namespace) -> int:
    docs, problems = resolve_all(args.drafts, args.annotator)
    if problems:
        raise ValidationError(problems)
    if not docs:
        raise ValidationError([Problem(str(args.drafts[0]), None, None, "no drafts matched")])
    write_documents(args.output, sorted(docs, key=lambda d: d.id))
    print(f"wrote {len(docs)} documents to {args.output}")
    return 0
