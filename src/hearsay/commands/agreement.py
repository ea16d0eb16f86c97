"""`hearsay agreement`: agreement between the pass1 and pass2 exports (or two documents files)."""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

from .. import paths
from ..agreement import AgreementInput, card_markdown, compute_agreement, disagreements, report_markdown
from ..errors import HearsayError
from ..gold import load_passes
from ..io import write_json, write_jsonl, write_text
from ..validate import load_documents

log = logging.getLogger(__name__)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("agreement", help="inter-annotator agreement of the double-annotated documents")
    p.add_argument("--first", type=Path, default=None, help="documents JSONL of the first pass (default: pass1 exports)")
    p.add_argument("--second", type=Path, default=None, help="documents JSONL of the second pass (default: pass2 exports)")
    p.add_argument("--output", type=Path, default=None, help="folder for report.md/.json (default annotations/agreement)")
    p.set_defaults(func=run)


def _annotator(doc) -> str:
    return str((doc.meta.get("annotation") or {}).get("annotator") or doc.meta.get("annotator") or "unknown")


def run(args: argparse.Namespace) -> int:
    if (args.first is None) != (args.second is None):
        raise HearsayError("give both --first and --second, or neither (then the pass1/pass2 exports are used)")
    if args.first is not None:
        first_docs = {d.id: d for d in load_documents(args.first, meta_required=False)}
        second_docs = {d.id: d for d in load_documents(args.second, meta_required=False)}
    else:
        passes = load_passes()
        first_docs, second_docs = passes["pass1"], passes["pass2"]
    ids = sorted(set(first_docs) & set(second_docs))
    if not ids:
        raise HearsayError("no document is annotated in both passes")
    missing = sorted(set(second_docs) - set(first_docs))
    if missing:
        raise HearsayError(f"second-pass documents without a first pass: {missing}")
    data = AgreementInput([first_docs[i] for i in ids], [second_docs[i] for i in ids],
                          [_annotator(first_docs[i]) for i in ids], [_annotator(second_docs[i]) for i in ids])
    result = compute_agreement(data)
    result["card_markdown"] = card_markdown(result)
    out = Path(args.output or paths.AGREEMENT_DIR)
    write_json(out / "report.json", result)
    write_text(out / "report.md", report_markdown(result))
    write_jsonl(out / "disagreements.jsonl", disagreements(data.first, data.second))
    print(report_markdown(result))
    return 0
