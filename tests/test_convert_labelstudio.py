"""Label Studio export <-> documents: round trip, pick rules, cancelled annotations, predictions."""

from __future__ import annotations

import copy

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hearsay.convert.labelstudio import (ANNOTATION_KEY, ConversionReport, documents_to_tasks,
                                         export_to_documents)
from hearsay.document import Document, Relation, Span, sha256_text
from hearsay.errors import ValidationError

from .conftest import make_meta

ALPHABET = list("abcdefgh XYZ,.") + ["\r\n", "\n", "“", "”", "‘", "’", "—", "é", "e\u0301", "ñ", "🙂", "👩🏽‍🔬", "€", "½"]


def as_export(tasks, *, annotator=7, start_id=1):
    """Give import tasks the ids and fields that Label Studio adds on export."""
    tasks = copy.deepcopy(tasks)
    for number, task in enumerate(tasks, start_id):
        task["id"] = number
        for index, ann in enumerate(task.get("annotations", [])):
            ann.update(id=100 * number + index, completed_by=annotator, was_cancelled=False,
                       updated_at=f"2026-01-0{index + 1}T00:00:00Z")
        for index, pred in enumerate(task.get("predictions", [])):
            pred.update(id=200 * number + index)
    return tasks


def strip_provenance(doc: Document) -> Document:
    meta = {k: v for k, v in doc.meta.items() if k != ANNOTATION_KEY}
    return Document(doc.id, doc.text, meta, doc.spans, doc.relations)


@st.composite
def documents(draw):
    pieces = draw(st.lists(st.sampled_from(ALPHABET), min_size=12, max_size=80))
    text = "".join(pieces)
    if not text.strip():
        text = "x" + text
    cut = draw(st.lists(st.integers(0, len(text)), min_size=2, max_size=24))
    windows = sorted({(min(a, b), max(a, b)) for a, b in zip(cut[::2], cut[1::2]) if a != b})
    windows = [(s, e) for s, e in windows if text[s:e] == text[s:e].strip()]
    spans, relations = [], []
    counter = 0

    def add(label, window, **attrs):
        nonlocal counter
        counter += 1
        s, e = window
        spans.append(Span(f"r{counter}", label, s, e, text[s:e], attrs))
        return f"r{counter}"

    kinds = ["count", "money", "percent", "measure"]
    for index, window in enumerate(windows):
        choice = draw(st.integers(0, 3))
        if choice == 0:  # attribution: cue + content (+ source), overlapping the same window is allowed
            cue = add("CUE", window)
            content = add("CONTENT", window, quote=draw(st.sampled_from(["direct", "indirect", "mixed"])))
            relations.append(Relation("CONTENT", cue, content))
            if draw(st.booleans()):
                relations.append(Relation("SOURCE", cue, add("SOURCE", window)))
            if draw(st.booleans()):
                hedge = add("HEDGE", window, category="modal")
                relations.append(Relation("HEDGES", hedge, content))
        elif choice == 1:
            add("HEDGE", window, category=draw(st.sampled_from(["probability", "reported", "conditional"])))
        else:
            value = draw(st.one_of(st.none(), st.integers(-10**12, 10**12),
                                   st.floats(allow_nan=False, allow_infinity=False, width=64)))
            quantity = add("QUANTITY", window, value=value, low=None, high=None,
                           unit=draw(st.sampled_from([None, "USD", "km", "percent", "°C"])),
                           kind=draw(st.sampled_from(kinds)), modifier="exact")
            if choice == 3:
                relations.append(Relation("QUANTIFIES", quantity, add("ENTITY", window)))
    doc_id = "science-2025-01-02-roundtrip"
    return Document(doc_id, text, make_meta(doc_id, text), spans, relations).canonical()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_convert_round_trip_is_identity(doc):
    for as_ in ("annotations", "predictions"):
        export = as_export(documents_to_tasks([doc], as_=as_, model_version="m1"))
        back = export_to_documents(export, use=as_)
        assert [strip_provenance(d).to_dict() for d in back] == [doc.to_dict()]


def test_convert_round_trip_seed(seed_doc):
    export = as_export(documents_to_tasks([seed_doc]))
    [back] = export_to_documents(export, source="seed.json")
    assert strip_provenance(back).to_dict() == seed_doc.to_dict()
    assert back.meta[ANNOTATION_KEY] == {"export": "seed.json", "task_id": 1, "annotator": "user-7",
                                         "annotation_id": 100}


def test_convert_attributes_are_separate_results_sharing_the_region_id(small_doc):
    [task] = documents_to_tasks([small_doc])
    results = task["annotations"][0]["result"]
    by_id = {}
    for result in results:
        if result["type"] != "relation":
            by_id.setdefault(result["id"], []).append(result["from_name"])
    assert sorted(by_id["Q1"]) == ["kind", "label", "modifier", "value"]
    assert by_id["X1"] == ["label", "quote"]
    assert task["data"]["sha256"] == sha256_text(small_doc.text)
    assert {"from_id": "C1", "to_id": "S1", "type": "relation", "direction": "right",
            "labels": ["SOURCE"]} in results


def two_annotations(small_doc):
    [task] = as_export(documents_to_tasks([small_doc]))
    second = copy.deepcopy(task["annotations"][0])
    second.update(id=555, completed_by={"id": 9, "email": "b@example.org"}, updated_at="2026-02-01T00:00:00Z")
    second["result"] = [r for r in second["result"] if r.get("from_name") != "quote" or r["id"] != "X2"]
    second["result"].append({"id": "X2", "from_name": "quote", "to_name": "text", "type": "choices",
                             "value": {"start": 0, "end": 1, "text": "x", "choices": ["mixed"]}})
    task["annotations"].append(second)
    return [task]


def test_convert_pick_single_refuses_several_annotations(small_doc):
    with pytest.raises(ValidationError, match=r"task has 2 annotations \[100, 555\]"):
        export_to_documents(two_annotations(small_doc))


def test_convert_pick_latest_and_annotator(small_doc):
    export = two_annotations(small_doc)
    [latest] = export_to_documents(export, pick="latest")
    assert latest.meta[ANNOTATION_KEY]["annotation_id"] == 555
    assert latest.span("X2").attrs["quote"] == "mixed"
    [first] = export_to_documents(export, pick="annotator:user-7")
    assert first.meta[ANNOTATION_KEY]["annotation_id"] == 100
    [by_email] = export_to_documents(export, pick="annotator:b@example.org")
    assert by_email.meta[ANNOTATION_KEY]["annotator"] == "b@example.org"


def test_convert_cancelled_annotations_are_skipped_and_counted(small_doc):
    export = two_annotations(small_doc)
    export[0]["annotations"][1]["was_cancelled"] = True
    report = ConversionReport()
    [doc] = export_to_documents(export, report=report)
    assert doc.meta[ANNOTATION_KEY]["annotation_id"] == 100
    assert report.cancelled == [(small_doc.id, 555)]


def test_convert_predictions_are_never_mixed_with_annotations(small_doc):
    [task] = as_export(documents_to_tasks([small_doc], as_="predictions", model_version="rules-1"))
    with pytest.raises(ValidationError, match="task has no completed annotation"):
        export_to_documents([task])
    report = ConversionReport()
    assert export_to_documents([task], skip_empty=True, report=report) == []
    assert report.skipped_empty == [small_doc.id]
    [doc] = export_to_documents([task], use="predictions")
    assert doc.meta[ANNOTATION_KEY]["model_version"] == "rules-1"
