"""Validation reports every problem with document id, span or relation, and reason."""

from __future__ import annotations

import json

import pytest

from hearsay.errors import ValidationError
from hearsay.validate import check_document, load_documents


def reasons(problems):
    return [f"{p.item}: {p.reason}" for p in problems]


def test_validate_seed_and_small_doc_are_clean(seed_doc, small_doc, schema):
    assert check_document(seed_doc.to_dict(), schema) == []
    assert check_document(small_doc.to_dict(), schema) == []


@pytest.mark.parametrize("mutate, expected", [
    (lambda d: d["spans"][0].update(end=10_000), "out of range"),
    (lambda d: d["spans"][0].update(start=-1), "out of range"),
    (lambda d: d["spans"][0].update(text="Prizes may rise"), "differs from the text"),
    (lambda d: d["spans"][0].update(label="CLAIM"), "unknown label 'CLAIM'"),
    (lambda d: d["spans"][0].update(start="0"), "must be integers"),
    (lambda d: d["spans"][1].update(id=d["spans"][0]["id"]), "duplicate span id"),
    (lambda d: d["relations"].append({"type": "SOURCE", "head": "C1", "tail": "NOPE"}), "'NOPE' is not a span"),
    (lambda d: d["relations"].append({"type": "BLAMES", "head": "C1", "tail": "S1"}), "unknown relation type"),
    (lambda d: d["relations"].append({"type": "SOURCE", "head": "C1", "tail": "X1"}), "needs SOURCE"),
    (lambda d: d["meta"].pop("license"), "meta.license: required metadata field is missing"),
    (lambda d: d["meta"].update(domain="gardening"), "is not one of"),
    (lambda d: d["meta"].update(date="2025-13-01"), "is not a YYYY-MM-DD date"),
    (lambda d: d.update(text=d["text"] + " More."), "text has changed since it was annotated"),
])
def test_validate_reports_each_problem(small_doc, schema, mutate, expected):
    raw = json.loads(json.dumps(small_doc.to_dict()))
    mutate(raw)
    found = reasons(check_document(raw, schema, file="x.jsonl"))
    assert any(expected in r for r in found), found


def test_validate_span_with_surrounding_whitespace(small_doc, schema):
    raw = small_doc.to_dict()
    span = next(s for s in raw["spans"] if s["id"] == "S1")
    span["start"] -= 1
    span["text"] = raw["text"][span["start"]:span["end"]]
    assert any("whitespace" in r for r in reasons(check_document(raw, schema)))


def test_validate_attributes(small_doc, schema):
    raw = small_doc.to_dict()
    quantity = next(s for s in raw["spans"] if s["id"] == "Q1")
    quantity["attrs"]["value"] = "forty"
    quantity["attrs"]["kind"] = None
    quantity["attrs"]["colour"] = "red"
    found = reasons(check_document(raw, schema))
    assert "span Q1: attribute value='forty' is not a number" in found
    assert "span Q1: attribute kind is required" in found
    assert "span Q1: attribute 'colour' is not defined for label QUANTITY" in found


def test_validate_cardinalities(small_doc, schema):
    raw = small_doc.to_dict()
    raw["relations"] = [r for r in raw["relations"] if not (r["type"] == "CONTENT" and r["head"] == "C1")]
    found = reasons(check_document(raw, schema))
    assert "span C1: CUE needs at least 1 CONTENT relation(s) from it, has 0" in found
    assert "span X1: CONTENT needs at least 1 CONTENT relation(s) into it, has 0" in found
    raw = small_doc.to_dict()
    raw["spans"].append({**next(s for s in raw["spans"] if s["id"] == "S1"), "id": "S2"})
    raw["relations"].append({"type": "SOURCE", "head": "C1", "tail": "S2"})
    assert "span C1: CUE allows at most 1 SOURCE relation(s) from it, has 2" in reasons(check_document(raw, schema))


def test_validate_load_documents_collects_all_problems(tmp_path, small_doc):
    bad1 = small_doc.to_dict()
    bad1["spans"][0]["label"] = "CLAIM"
    bad2 = small_doc.to_dict()
    bad2["id"] = "economy-2025-01-02-other"
    bad2["meta"]["id"] = "economy-2025-01-02-other"
    bad2["spans"][1]["end"] = 999
    path = tmp_path / "docs.jsonl"
    path.write_text("\n".join(json.dumps(d) for d in (bad1, bad2, small_doc.to_dict())) + "\n", encoding="utf-8")
    with pytest.raises(ValidationError) as info:
        load_documents(path)
    text = str(info.value)
    assert "unknown label 'CLAIM'" in text and "out of range" in text
    assert "duplicate document id" in text
    assert all(p.file == str(path) and p.doc for p in info.value.problems)
