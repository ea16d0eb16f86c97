"""Shared fixtures. Tests build small documents by hand; the seed gold is the one real document used."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from hearsay import paths
from hearsay.corpus import CorpusDoc
from hearsay.document import Document, Relation, Span, sha256_text
from hearsay.draft import read_draft, resolve_draft
from hearsay.schema import load_schema

SEED_ID = "conflict-2024-11-12-kursk"
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def schema():
    return load_schema()


@pytest.fixture(scope="session")
def seed_corpus_doc() -> CorpusDoc:
    meta = next(json.loads(line) for line in paths.METADATA.read_text(encoding="utf-8").splitlines()
                if json.loads(line)["id"] == SEED_ID)
    with (paths.CORPUS_DIR / f"{SEED_ID}.txt").open(encoding="utf-8", newline="") as handle:
        text = handle.read()
    return CorpusDoc(SEED_ID, text, meta)


@pytest.fixture(scope="session")
def seed_doc(seed_corpus_doc, schema) -> Document:
    draft = paths.ANNOTATIONS_DIR / "drafts" / "pass1" / f"{SEED_ID}.yaml"
    return resolve_draft(read_draft(draft), seed_corpus_doc, schema)


def make_meta(doc_id: str, text: str, **overrides) -> dict:
    meta = {"id": doc_id, "title": "Test", "date": "2025-01-02", "domain": "economy", "style": "wire",
            "provenance": "synthetic", "source": "tests", "license": "CC-BY-4.0",
            "sha256": sha256_text(text), "word_count": len(text.split())}
    meta.update(overrides)
    return meta


def quantity_attrs(**values) -> dict:
    attrs = {"value": None, "low": None, "high": None, "unit": None, "kind": "count", "modifier": "exact"}
    attrs.update(values)
    return attrs


@pytest.fixture
def small_doc() -> Document:
    """A hand-built document exercising every label and relation."""
    text = "“Prices may rise,” said Ana Ruiz, adding that about 40 firms had closed."
    doc_id = "economy-2025-01-02-prices"

    def span(sid, label, piece, nth=1, **attrs):
        start = -1
        for _ in range(nth):
            start = text.index(piece, start + 1)
        return Span(sid, label, start, start + len(piece), piece, attrs)

    spans = [
        span("X1", "CONTENT", "Prices may rise", quote="direct"),
        span("H1", "HEDGE", "may", category="modal"),
        span("C1", "CUE", "said"),
        span("S1", "SOURCE", "Ana Ruiz"),
        span("C2", "CUE", "adding"),
        span("X2", "CONTENT", "about 40 firms had closed", quote="indirect"),
        span("Q1", "QUANTITY", "about 40", **quantity_attrs(value=40, modifier="approximate")),
        span("E1", "ENTITY", "firms"),
    ]
    relations = [Relation("CONTENT", "C1", "X1"), Relation("SOURCE", "C1", "S1"), Relation("HEDGES", "H1", "X1"),
                 Relation("CONTENT", "C2", "X2"), Relation("SOURCE", "C2", "S1"), Relation("QUANTIFIES", "Q1", "E1")]
    return Document(doc_id, text, make_meta(doc_id, text), spans, relations).canonical()


@pytest.fixture
def project(tmp_path, monkeypatch, seed_corpus_doc):
    """A throw-away checkout layout with the real schema and the seed in its corpus."""
    root = tmp_path / "project"
    shutil.copytree(paths.SCHEMA_DIR, root / "schema")
    (root / "corpus" / "splits").mkdir(parents=True)
    (root / "corpus" / f"{SEED_ID}.txt").write_text(seed_corpus_doc.text, encoding="utf-8", newline="")
    (root / "corpus" / "metadata.jsonl").write_text(json.dumps(seed_corpus_doc.meta, ensure_ascii=False) + "\n",
                                                    encoding="utf-8")
    (root / "corpus" / "splits" / "train.txt").write_text(f"{SEED_ID}\n", encoding="utf-8")
    monkeypatch.setattr(paths, "CORPUS_DIR", root / "corpus")
    monkeypatch.setattr(paths, "METADATA", root / "corpus" / "metadata.jsonl")
    monkeypatch.setattr(paths, "ANNOTATIONS_DIR", root / "annotations")
    monkeypatch.setattr(paths, "GOLD_DIR", root / "annotations" / "gold")
    monkeypatch.setattr(paths, "AGREEMENT_DIR", root / "annotations" / "agreement")
    monkeypatch.setattr(paths, "DATASET_DIR", root / "dataset")
    return root
