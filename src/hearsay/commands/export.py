"""`hearsay export spacy --output DIR`: the splits as spaCy DocBins (train/validation/test.spacy)."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..baselines.data import load_splits
from ..baselines.spacy_pipeline import export_splits


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="export the gold splits for other tools")
    sp = p.add_subparsers(dest="export_format", required=True)
    spacy = sp.add_parser("spacy", help="spaCy DocBins: spans in doc.spans['hearsay'], relations in doc.user_data")
    spacy.add_argument("--output", type=Path, required=True, help="folder for train/validation/test.spacy")
    spacy.add_argument("--gold", type=Path, default=None,
                       help="gold documents JSONL (split by corpus/splits); default: dataset/, else annotations/gold")
    spacy.set_defaults(func=run_spacy)


def run_spacy(args: argparse.Namespace) -> int:
    splits = load_splits(args.gold)
    stats = export_splits(splits.documents, args.output)
    for split, s in stats.items():
        print(f"wrote {args.output / f'{split}.spacy'}: {s.documents} documents, {s.spans} spans "
              f"({s.widened} widened to token boundaries), {s.relations} relations")
    return 0
