"""`hearsay corpus add|check`: add a text with its metadata; check texts, hashes and metadata."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..corpus import add_to_corpus, load_corpus, read_text, remove_from_corpus


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("corpus", help="add texts to corpus/ or check it")
    sp = p.add_subparsers(dest="corpus_command", required=True)
    add = sp.add_parser("add", help="add one UTF-8 text file to the corpus (sha256 and word count computed)")
    add.add_argument("file", type=Path)
    for name in ("id", "title", "date", "domain", "style", "provenance", "source", "license"):
        add.add_argument(f"--{name}", required=True)
    add.set_defaults(func=run_add)
    remove = sp.add_parser("remove", help="withdraw a text that has no annotations yet")
    remove.add_argument("id")
    remove.set_defaults(func=run_remove)
    check = sp.add_parser("check", help="check every text against metadata.jsonl")
    check.add_argument("--corpus", type=Path, default=None)
    check.set_defaults(func=run_check)


def run_add(args: argparse.Namespace) -> int:
    meta = {k: getattr(args, k) for k in ("title", "date", "domain", "style", "provenance", "source", "license")}
    row = add_to_corpus(args.id, read_text(args.file), meta)
    print(f"added {row['id']} ({row['word_count']} words)")
    return 0


def run_check(args: argparse.Namespace) -> int:
    docs = load_corpus(args.corpus)
    print(f"corpus ok: {len(docs)} documents")
    return 0


def run_remove(args: argparse.Namespace) -> int:
    remove_from_corpus(args.id)
    print(f"removed {args.id}")
    return 0
