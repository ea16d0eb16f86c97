"""Deterministic train/validation/test splits by document, stratified by domain, committed as id lists.

Assignment is stable: documents already listed in `corpus/splits/*.txt` keep their split; new
documents are assigned per domain so that each domain's split sizes approach 70/15/15, in the order
of sha256(document id) (no randomness, no dependence on file order).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from pathlib import Path

from . import paths
from .errors import Problem, ValidationError
from .io import write_text

SPLITS = ("train", "validation", "test")
RATIOS = {"train": 0.70, "validation": 0.15, "test": 0.15}


def splits_dir() -> Path:
    return paths.CORPUS_DIR / "splits"


def read_splits(directory: Path | None = None) -> dict[str, list[str]]:
    directory = Path(directory or splits_dir())
    out: dict[str, list[str]] = {}
    for split in SPLITS:
        path = directory / f"{split}.txt"
        out[split] = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()
                      if line.strip() and not line.startswith("#")] if path.exists() else []
    seen: dict[str, str] = {}
    problems = []
    for split, ids in out.items():
        for doc_id in ids:
            if doc_id in seen:
                problems.append(Problem(str(directory / f"{split}.txt"), doc_id, None,
                                        f"document is in both {seen[doc_id]} and {split}"))
            seen[doc_id] = split
    if problems:
        raise ValidationError(problems)
    return out


def _key(doc_id: str) -> str:
    return hashlib.sha256(doc_id.encode("utf-8")).hexdigest()


def _targets(total: int, global_counts: dict[str, int]) -> dict[str, int]:
    """Split sizes for one domain of `total` documents by the largest remainder; equal remainders go
    to the split that is smallest across the corpus so far (so validation and test stay balanced)."""
    exact = {s: RATIOS[s] * total for s in SPLITS}
    sizes = {s: int(exact[s]) for s in SPLITS}
    order = sorted(SPLITS, key=lambda s: (-(exact[s] - sizes[s]), global_counts[s], SPLITS.index(s)))
    for split in order[: total - sum(sizes.values())]:
        sizes[split] += 1
    return sizes


def assign_splits(domains: dict[str, str], existing: dict[str, list[str]]) -> dict[str, list[str]]:
    """Extend `existing` with every id of `domains` (id -> domain) not yet assigned.

    Per domain (in name order), the target sizes are 70/15/15 of the domain's documents by the
    largest remainder; new documents, in sha256(id) order, fill the split furthest below its
    target. Documents already assigned never move."""
    where = {doc_id: split for split, ids in existing.items() for doc_id in ids if doc_id in domains}
    result = {split: sorted(i for i in existing.get(split, []) if i in domains) for split in SPLITS}
    global_counts = {split: len(result[split]) for split in SPLITS}
    by_domain: dict[str, list[str]] = defaultdict(list)
    for doc_id, domain in domains.items():
        by_domain[domain].append(doc_id)
    for domain in sorted(by_domain):
        ids = by_domain[domain]
        targets = _targets(len(ids), global_counts)
        counts = {split: sum(1 for i in ids if where.get(i) == split) for split in SPLITS}
        for doc_id in sorted((i for i in ids if i not in where), key=_key):
            split = max(SPLITS, key=lambda s: (targets[s] - counts[s], -SPLITS.index(s)))
            counts[split] += 1
            global_counts[split] += 1
            result[split].append(doc_id)
    return {split: sorted(ids) for split, ids in result.items()}


def write_splits(splits: dict[str, list[str]], directory: Path | None = None) -> None:
    directory = Path(directory or splits_dir())
    for split in SPLITS:
        header = f"# {split} split of Hearsay: document ids, one per line (see hearsay.splits)\n"
        write_text(directory / f"{split}.txt", header + "".join(f"{i}\n" for i in splits[split]))
