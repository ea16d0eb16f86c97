"""`hearsay predict --baseline NAME --input IN.jsonl --output OUT.jsonl`: predicted documents JSONL."""

from __future__ import annotations

import argparse
from pathlib import Path

from .. import paths
from ..baselines import base
from ..baselines.runner import predict
from ..document import sha256_text, write_documents
from ..errors import InputError
from ..io import iter_jsonl


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("predict", help="predict documents (spans, relations, attributes) with a baseline or peer")
    p.add_argument("--baseline", required=True, help=f"one of: {', '.join(base.names())}")
    p.add_argument("--input", type=Path, required=True, help="documents JSONL; only `id` and `text` are needed")
    p.add_argument("--output", type=Path, required=True,
                   help="predicted documents JSONL (input `meta` kept; corpus metadata for corpus documents)")
    p.add_argument("--models", type=Path, default=None, help="models folder (default .work/models)")
    p.set_defaults(func=run)


def read_items(path: Path) -> tuple[list[tuple[str, str]], list[dict]]:
    items, metas = [], []
    for number, row in enumerate(iter_jsonl(path), 1):
        if not isinstance(row.get("id"), str) or not isinstance(row.get("text"), str) or not row["text"]:
            raise InputError(f"{path}: document {number}: needs a string `id` and a non-empty string `text`")
        items.append((row["id"], row["text"]))
        metas.append(row.get("meta") if isinstance(row.get("meta"), dict) else {})
    return items, metas


def corpus_meta(items: list[tuple[str, str]], metas: list[dict]) -> list[dict]:
    """A document without `meta` whose id and text are in the corpus gets the corpus metadata, so the
    output passes `hearsay validate` as is; other documents keep what they had (validate with --no-meta)."""
    if all(metas) or not paths.METADATA.is_file():
        return metas
    known = {}
    for row in iter_jsonl(paths.METADATA):
        if isinstance(row.get("id"), str):
            known[row["id"]] = row
    out = []
    for (doc_id, text), meta in zip(items, metas):
        row = known.get(doc_id)
        out.append(dict(row) if not meta and row and row.get("sha256") == sha256_text(text) else meta)
    return out


def run(args: argparse.Namespace) -> int:
    baseline = base.load(args.baseline, args.models)
    items, metas = read_items(args.input)
    metas = corpus_meta(items, metas)
    docs = predict(baseline, items, metas)
    write_documents(args.output, docs)
    spans = sum(len(d.spans) for d in docs)
    print(f"wrote {len(docs)} documents ({spans} spans) predicted by {args.baseline} to {args.output}")
    return 0
