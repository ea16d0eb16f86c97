"""`hearsay splits`: assign documents that are in no split yet (existing assignments never move)."""

from __future__ import annotations

import argparse

from ..corpus import load_corpus
from ..splits import assign_splits, read_splits, write_splits


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("splits", help="assign new corpus documents to train/validation/test (stratified by domain)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    corpus = load_corpus()
    splits = assign_splits({doc_id: doc.meta["domain"] for doc_id, doc in corpus.items()}, read_splits())
    write_splits(splits)
    print("  ".join(f"{split} {len(ids)}" for split, ids in splits.items()))
    return 0
