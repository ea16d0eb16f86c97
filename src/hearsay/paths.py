"""Well-known locations inside a Hearsay checkout."""

from __future__ import annotations

import os
from pathlib import Path


def project_root() -> Path:
    """The checkout root: $HEARSAY_ROOT if set, else the folder holding schema/hearsay.yaml above this file or the cwd."""
    env = os.environ.get("HEARSAY_ROOT")
    if env:
        return Path(env).resolve()
    for start in (Path.cwd(), Path(__file__).resolve()):
        for candidate in (start, *start.parents):
            if (candidate / "schema" / "hearsay.yaml").is_file():
                return candidate
    return Path.cwd()


ROOT = project_root()
SCHEMA_DIR = ROOT / "schema"
SCHEMA_YAML = SCHEMA_DIR / "hearsay.yaml"
CORPUS_DIR = ROOT / "corpus"
METADATA = CORPUS_DIR / "metadata.jsonl"
ANNOTATIONS_DIR = ROOT / "annotations"
EXPORTS_DIR = ANNOTATIONS_DIR / "exports"
GOLD_DIR = ANNOTATIONS_DIR / "gold"
AGREEMENT_DIR = ANNOTATIONS_DIR / "agreement"
DATASET_DIR = ROOT / "dataset"
SPLITS_DIR = ROOT / "splits"
BASELINES_DIR = ROOT / "baselines"
WORK_DIR = ROOT / ".work"
