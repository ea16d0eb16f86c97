"""The converter on genuine exports from a real Label Studio 1.23.2 server (tests/fixtures/labelstudio/).

The files were pulled by `hearsay studio pull` in tests/test_studio_integration.py; refresh them with
HEARSAY_UPDATE_STUDIO_FIXTURES=1 .venv/bin/python -m pytest -m studio tests/test_studio_integration.py
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hearsay.convert.labelstudio import ANNOTATION_KEY, ConversionReport, convert_export_file, export_to_documents
from hearsay.document import sha256_text
from hearsay.errors import ValidationError
from hearsay.schema import load_schema
from hearsay.studio.client import PullReport, Project, summarize
from tests.test_studio_integration import UNICODE_ID, UNICODE_TEXT, comparable, unicode_gold

FIXTURES = Path(__file__).parent / "fixtures" / "labelstudio"
ADMIN, SECOND = "admin@hearsay.local", "second@hearsay.local"


def load(name: str) -> list[dict]:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", ["gold_round_trip.json", "predictions.json", "two_annotators.json",
                                  "with_problems.json"])
def test_fixture_is_a_real_export_with_code_point_offsets(name):
    export = load(name)
    assert isinstance(export, list) and export
    for task in export:
        text = task["data"]["text"]
        assert task["data"]["sha256"] == sha256_text(text)
        for item in [*task["annotations"], *task["predictions"]]:
            for result in item["result"]:
                if "start" in result.get("value", {}):
                    value = result["value"]
                    if isinstance(value.get("text"), str):
                        assert text[value["start"]:value["end"]] == value["text"], (name, result["id"])


def test_gold_round_trip_converts_to_the_pushed_gold():
    docs = convert_export_file(FIXTURES / "gold_round_trip.json", skip_empty=True)
    by_id = {d.id: d for d in docs}
    unicode_doc = by_id[UNICODE_ID]
    assert unicode_doc.text == UNICODE_TEXT
    assert comparable(unicode_doc) == comparable(unicode_gold(unicode_doc.meta))
    assert unicode_doc.meta[ANNOTATION_KEY]["annotator"] == ADMIN
    # every labelled region of the export became a span
    export = load("gold_round_trip.json")
    regions = {t["data"]["doc_id"]: sum(r["type"] == "labels" for a in t["annotations"] for r in a["result"])
               for t in export if t["annotations"]}
    assert {d.id: len(d.spans) for d in docs} == regions


def test_gold_round_trip_without_skip_empty_names_the_unannotated_tasks():
    with pytest.raises(ValidationError) as info:
        convert_export_file(FIXTURES / "gold_round_trip.json")
    unannotated = {t["data"]["doc_id"] for t in load("gold_round_trip.json") if not t["annotations"]}
    assert {p.doc for p in info.value.problems} == unannotated
    assert all("no completed annotation" in p.reason for p in info.value.problems)


def test_predictions_convert_with_their_model_version():
    export = load("predictions.json")
    assert not any(t["annotations"] for t in export)
    docs = export_to_documents(export, source="predictions.json", use="predictions", skip_empty=True)
    assert docs
    assert {d.meta[ANNOTATION_KEY]["model_version"] for d in docs} == {"gold-as-model-v1"}
    assert not any(s.label == "HEDGE" for d in docs for s in d.spans)  # the replaced (second) output


def test_two_annotators_need_a_pick_rule():
    export = load("two_annotators.json")
    with pytest.raises(ValidationError) as info:
        export_to_documents(export, source="two_annotators.json", skip_empty=True)
    assert [(p.doc, "2 annotations" in p.reason) for p in info.value.problems] == [(UNICODE_ID, True)]

    mine = export_to_documents(export, source="two_annotators.json", skip_empty=True, pick=f"annotator:{SECOND}")
    assert [d.id for d in mine] == [UNICODE_ID]
    assert not any(s.label == "HEDGE" for s in mine[0].spans)

    report = ConversionReport()
    admin = export_to_documents(export, source="two_annotators.json", skip_empty=True, pick=f"annotator:{ADMIN}",
                                report=report)
    assert comparable(next(d for d in admin if d.id == UNICODE_ID)) == comparable(unicode_gold(admin[-1].meta))
    assert len(report.cancelled) == 1  # the skipped task is counted, not converted


def test_pull_summary_of_real_exports():
    report = PullReport(Path("two_annotators.json"), Project(1, "Two annotators", ""))
    summarize(load("two_annotators.json"), report, source="two_annotators.json", corpus=None, schema=load_schema())
    assert report.annotations == {ADMIN: 2, SECOND: 1}
    assert report.cancelled == {ADMIN: 1}
    assert report.documents == {ADMIN: 2, SECOND: 1}
    assert not report.problems

    report = PullReport(Path("with_problems.json"), Project(1, "Two annotators", ""))
    summarize(load("with_problems.json"), report, source="with_problems.json", corpus=None, schema=load_schema())
    assert report.problems and all(p.item.startswith(SECOND) for p in report.problems)
    assert any("bad1" in p.item for p in report.problems)
