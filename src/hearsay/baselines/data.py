"""The train/validation/test documents the baselines learn from and are scored on.

`load_splits()` reads the real splits, never a hard-coded id list:

1. with `gold` (a documents JSONL file, e.g. a development copy made with `hearsay draft resolve`):
   its documents, split by `corpus/splits/*.txt`; documents the split files do not list yet are
   assigned in memory with `hearsay.splits.assign_splits` (the rule `hearsay splits` uses), and a
   warning says how many;
2. otherwise the built dataset `dataset/` (`hearsay.build.read_split`), when it has the splits;
3. otherwise `annotations/gold/hearsay.jsonl` as in 1.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from .. import paths
from ..document import Document
from ..errors import HearsayError
from ..evaluate.loading import Gold, dataset_split_file
from ..splits import SPLITS, assign_splits, read_splits
from ..validate import load_documents

log = logging.getLogger(__name__)


@dataclass
class Splits:
    documents: dict[str, list[Document]]
    files: dict[str, list[Path]]  # the file(s) each split was read from
    dataset_dir: Path | None
    origin: str

    def gold(self, split: str) -> Gold:
        """The split as the evaluator's `Gold` (files and dataset version go into results files)."""
        return Gold(self.documents[split], self.files[split], self.dataset_dir, split)

    def __getitem__(self, split: str) -> list[Document]:
        return self.documents[split]


def split_jsonl(gold_file: Path, splits_dir: Path | None = None) -> Splits:
    """Documents of `gold_file`, split by `corpus/splits/*.txt` (unlisted ones assigned in memory)."""
    docs = load_documents(Path(gold_file))
    existing = read_splits(splits_dir)
    domains = {d.id: str(d.meta.get("domain", "unknown")) for d in docs}
    listed = {i for ids in existing.values() for i in ids}
    unlisted = sorted(set(domains) - listed)
    if unlisted:
        log.warning("%d of %d documents of %s are in no committed split; assigned in memory like `hearsay splits`",
                    len(unlisted), len(docs), gold_file)
    assigned = assign_splits(domains, existing)
    by_id = {d.id: d for d in docs}
    documents = {split: [by_id[i] for i in sorted(assigned[split]) if i in by_id] for split in SPLITS}
    files = {split: [Path(gold_file)] for split in SPLITS}
    return Splits(documents, files, None, f"{gold_file} split by corpus/splits" + (" (+ in-memory)" if unlisted else ""))


def split_dataset(dataset_dir: Path) -> Splits:
    from ..build import read_split

    documents, files = {}, {}
    for split in SPLITS:
        path = dataset_split_file(dataset_dir, split)
        documents[split] = read_split(dataset_dir, split) if path.is_file() else []
        files[split] = [path]
    return Splits(documents, files, Path(dataset_dir), f"dataset {dataset_dir}")


def load_splits(gold: Path | None = None, dataset_dir: Path | None = None) -> Splits:
    """The splits (see the module docstring for where they come from)."""
    if gold is not None:
        return split_jsonl(gold)
    dataset_dir = Path(dataset_dir or paths.DATASET_DIR)
    if dataset_split_file(dataset_dir, "train").is_file() and dataset_split_file(dataset_dir, "test").is_file():
        return split_dataset(dataset_dir)
    gold_file = paths.GOLD_DIR / "hearsay.jsonl"
    if gold_file.is_file():
        return split_jsonl(gold_file)
    raise HearsayError(f"no gold data: neither {dataset_dir}/data/documents/*.parquet nor {gold_file} exists "
                       "(pass --gold FILE, e.g. a copy made with `hearsay draft resolve`)")


def require(splits: Splits, *names: str) -> None:
    empty = [n for n in names if not splits.documents.get(n)]
    if empty:
        raise HearsayError(f"split(s) {', '.join(empty)} of {splits.origin} have no documents")
