"""The dataset folder: deterministic build, every config loadable offline with `datasets.load_dataset`."""

from __future__ import annotations

import hashlib

import pytest
from datasets import load_dataset

from hearsay.build import build_dataset, read_split
from hearsay.build.features import CONFIGS
from hearsay.document import write_documents
from hearsay.errors import ValidationError


@pytest.fixture
def built(project, seed_doc, monkeypatch, tmp_path):
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    gold = project / "annotations" / "gold" / "hearsay.jsonl"
    write_documents(gold, [seed_doc])
    result = build_dataset(gold, project / "dataset")
    return project / "dataset", result


def digest(folder):
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_build_load_dataset_default_config_returns_the_seed(built, seed_doc):
    folder, _ = built
    ds = load_dataset(str(folder))
    assert list(ds) == ["train"]
    [row] = ds["train"]
    assert row["id"] == seed_doc.id and row["text"] == seed_doc.text
    assert len(row["spans"]) == len(seed_doc.spans) == 56
    assert len(row["relations"]) == len(seed_doc.relations)
    q2 = next(s for s in row["spans"] if s["id"] == "Q2")
    assert (q2["text"], q2["attrs"]["value"], q2["attrs"]["modifier"]) == ("About 12,000", 12000.0, "approximate")
    assert row["meta"]["date"] == "2024-11-12" and row["meta"]["provenance"] == "third_party"
    for span in row["spans"]:
        assert row["text"][span["start"]:span["end"]] == span["text"]
    assert load_dataset(str(folder), "documents")["train"][0]["id"] == seed_doc.id


@pytest.mark.parametrize("config", CONFIGS[1:])
def test_build_every_config_loads(built, config, seed_doc):
    folder, result = built
    ds = load_dataset(str(folder), config)["train"]
    assert len(ds) == result.rows[config]["train"] > 0
    row = ds[0]
    assert row["doc_id"] == seed_doc.id


def test_build_attribution_rows_carry_hedges_and_nesting(built):
    folder, _ = built
    rows = {r["cue"]["id"]: r for r in load_dataset(str(folder), "attributions")["train"]}
    assert len(rows) == 13
    suggest = rows["C5"]
    assert suggest["source"]["text"] == "Ukrainian analysts"
    assert sorted(h["text"] for h in suggest["hedges"]) == ["may", "suggest"]
    assert rows["C2"]["parent_cue"] == "C1"  # "according to" inside what "the publication notes"
    assert rows["C6"]["quantities"][0]["text"] == "approximately half"
    assert len(rows["C4"]["contents"]) == 2  # the "cited by" channel splits its content


def test_build_tokens_config_tags(built):
    folder, _ = built
    sentences = load_dataset(str(folder), "tokens")["train"]
    found = next(s for s in sentences if "12,000" in s["tokens"])
    i = found["tokens"].index("About")
    assert found["quantities_tags"][i:i + 5] == ["B-QUANTITY", "I-QUANTITY", "B-ENTITY", "I-ENTITY", "I-ENTITY"]
    assert found["tokens"][i:i + 5] == ["About", "12,000", "North", "Korean", "conscripts"]
    assert dict(zip(found["tokens"], found["hedging_tags"]))["expected"] == "B-HEDGE"
    for s in sentences:
        assert len(s["tokens"]) == len(s["attribution_tags"]) == len(s["hedging_tags"]) == len(s["token_starts"])


def test_build_is_byte_identical_on_rebuild(built, project):
    folder, _ = built
    before = digest(folder)
    build_dataset(project / "annotations" / "gold" / "hearsay.jsonl", folder)
    assert digest(folder) == before
    assert "README.md" in before and any(k.endswith(".png") for k in before)


def test_build_card_numbers_come_from_the_data(built, seed_doc):
    folder, _ = built
    card = (folder / "README.md").read_text(encoding="utf-8")
    assert card.startswith("---\n") and "default: true" in card
    assert "| documents | 1 | 1 |" in card
    cues = sum(s.label == "CUE" for s in seed_doc.spans)
    assert f"| attributions (cues with content) | {cues} |" in card
    assert "[More Information Needed]" not in card


def test_build_read_split_round_trips_documents(built, seed_doc):
    folder, _ = built
    [doc] = read_split(folder, "train")
    assert doc.to_dict() == seed_doc.to_dict()


def test_build_refuses_gold_that_differs_from_corpus(project, seed_doc):
    gold = project / "annotations" / "gold" / "hearsay.jsonl"
    changed = seed_doc.to_dict()
    changed["meta"]["title"] = "Another title"
    from hearsay.document import Document
    write_documents(gold, [Document.from_dict(changed)])
    with pytest.raises(ValidationError, match="gold metadata differs"):
        build_dataset(gold, project / "dataset")
    assert not (project / "dataset").exists()


def test_build_refuses_documents_outside_the_splits(project, seed_doc):
    (project / "corpus" / "splits" / "train.txt").write_text("", encoding="utf-8")
    gold = project / "annotations" / "gold" / "hearsay.jsonl"
    write_documents(gold, [seed_doc])
    with pytest.raises(ValidationError, match="is in no split"):
        build_dataset(gold, project / "dataset")


def test_build_committed_dataset_loads_offline_with_the_seed(monkeypatch, tmp_path, seed_doc):
    from hearsay import paths

    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    ds = load_dataset(str(paths.DATASET_DIR), "documents")
    assert set(ds) == {"train", "validation", "test"}
    assert sum(len(ds[s]) for s in ds) >= 151
    row = next(r for s in ds for r in ds[s] if r["id"] == seed_doc.id)
    assert {(s["label"], s["start"], s["end"]) for s in row["spans"]} == \
        {(s.label, s.start, s.end) for s in seed_doc.spans}
    assert len(row["relations"]) == len(seed_doc.relations)
    for config in CONFIGS[1:]:
        assert set(load_dataset(str(paths.DATASET_DIR), config)) == {"train", "validation", "test"}
