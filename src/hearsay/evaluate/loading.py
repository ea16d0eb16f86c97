"""Reading the gold and predicted documents for evaluation.

Gold is a documents JSONL file or a dataset folder (`dataset/`), whose split is read from
`data/documents/<split>.parquet`. Predictions are a documents JSONL file, validated like gold
(offsets, labels, attributes, relations and their cardinalities) except that metadata fields may be
absent: a prediction is scored against the gold document's text and metadata, and
`scorer.pair_documents` checks that its text is the gold text.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..document import Document
from ..errors import InputError
from ..schema import Schema
from ..validate import load_documents

DEFAULT_SPLIT = "test"


@dataclass
class Gold:
    documents: list[Document]
    files: list[Path]          # the file(s) the documents were read from (hashed in results)
    dataset_dir: Path | None   # the dataset folder, when gold is one
    split: str | None


def dataset_split_file(dataset_dir: Path, split: str) -> Path:
    return Path(dataset_dir) / "data" / "documents" / f"{split}.parquet"


def load_gold(path: Path, split: str | None = None, schema: Schema | None = None) -> Gold:
    """Gold documents from a JSONL file, or from split `split` (default "test") of a dataset folder."""
    path = Path(path)
    if path.is_dir():
        from ..build import read_split  # the dataset builder; imported only when needed

        split = split or DEFAULT_SPLIT
        parquet = dataset_split_file(path, split)
        if not parquet.is_file():
            raise InputError(f"{path}: no split {split!r} (expected {parquet})")
        return Gold(read_split(path, split), [parquet], path, split)
    if not path.is_file():
        raise InputError(f"{path}: file not found")
    return Gold(load_documents(path, schema), [path], None, split)


def load_predictions(path: Path, schema: Schema | None = None) -> list[Document]:
    """Predicted documents, validated; metadata fields may be absent (see module docstring)."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: file not found")
    return load_documents(path, schema, meta_required=False)
