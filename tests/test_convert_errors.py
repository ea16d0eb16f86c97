"""Bad Label Studio exports: each gets its own clear error, a non-zero exit, and no output written."""

from __future__ import annotations

import json

import pytest

from hearsay.cli import main
from hearsay.convert.labelstudio import documents_to_tasks

from .test_convert_labelstudio import as_export


def labelled(task, region_id):
    return next(r for r in task["annotations"][0]["result"]
                if r.get("id") == region_id and r["type"] == "labels")


def _unknown_label(task):
    labelled(task, "Q2")["value"]["labels"] = ["AMOUNT"]


def _region_text(task):
    labelled(task, "C7")["value"]["text"] = "reports"


def _out_of_range(task):
    labelled(task, "E1")["value"].update(start=5000, end=5008)


def _missing_region(task):
    task["annotations"][0]["result"].append({"from_id": "C1", "to_id": "Z9", "type": "relation", "labels": ["SOURCE"]})


def _duplicate_region(task):
    copy = json.loads(json.dumps(labelled(task, "S1")))
    task["annotations"][0]["result"].append(copy)


def _non_numeric(task, region="Q2"):
    next(r for r in task["annotations"][0]["result"]
         if r.get("id") == region and r["from_name"] == "value")["value"]["number"] = "12k"


def _no_text(task):
    del task["data"]["text"]


def _text_changed(task):
    task["data"]["text"] = task["data"]["text"].replace("About 12,000", "About 13,000")
    task["data"].pop("sha256")


CASES = [
    ("no_text", _no_text, "task 1", None, "task has no text"),
    ("unknown_label", _unknown_label, "task 1", "region Q2", "unknown label 'AMOUNT'"),
    ("region_text", _region_text, "task 1", "region C7", "region text 'reports' differs from the task text"),
    ("out_of_range", _out_of_range, "task 1", "region E1", "offsets [5000, 5008) out of range"),
    ("missing_region", _missing_region, "task 1", "relation SOURCE C1->Z9", "'Z9'"),
    ("duplicate_region", _duplicate_region, "task 1", "region S1", "duplicate region id"),
    ("non_numeric", _non_numeric, "task 1", "region Q2", "attribute value='12k' is not a number"),
    ("text_changed", _text_changed, "task 1", None, "corpus text has changed since this task was annotated"),
]


@pytest.mark.parametrize("name, mutate, task_ref, region, reason", CASES, ids=[c[0] for c in CASES])
def test_convert_bad_export_is_refused(project, seed_doc, capsys, name, mutate, task_ref, region, reason):
    export = as_export(documents_to_tasks([seed_doc]))
    mutate(export[0])
    bad = project / f"{name}.json"
    bad.write_text(json.dumps(export), encoding="utf-8")
    out = project / "out.jsonl"
    out.write_text("previous content\n", encoding="utf-8")
    code = main(["convert", str(bad), "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 1
    line = next((l for l in err.splitlines() if reason in l), None)
    assert line is not None, err
    assert str(bad) in line
    if name != "no_text":
        assert "document conflict-2024-11-12-kursk" in line
    if region:
        assert region in line
    assert out.read_text(encoding="utf-8") == "previous content\n"
    assert [p.name for p in project.iterdir() if p.name.startswith(".out")] == []


def test_convert_malformed_json_names_file_and_position(project, capsys):
    bad = project / "broken.json"
    bad.write_text('[{"id": 1, "data": {"text": "x"}', encoding="utf-8")
    out = project / "out.jsonl"
    assert main(["convert", str(bad), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert str(bad) in err and "malformed JSON at line 1" in err
    assert not out.exists()


def test_convert_reports_every_problem_at_once(project, seed_doc, capsys):
    export = as_export(documents_to_tasks([seed_doc]))
    _unknown_label(export[0])
    _non_numeric(export[0], "Q5")
    _missing_region(export[0])
    bad = project / "many.json"
    bad.write_text(json.dumps(export), encoding="utf-8")
    assert main(["validate", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "region Q2: unknown label 'AMOUNT'" in err and "'Z9'" in err
    assert "region Q5: attribute value='12k' is not a number" in err
    assert "3 problem(s)" in err


def test_convert_good_export_writes_documents(project, seed_doc, capsys):
    export = as_export(documents_to_tasks([seed_doc]))
    good = project / "good.json"
    good.write_text(json.dumps(export), encoding="utf-8")
    out = project / "out.jsonl"
    assert main(["convert", str(good), "-o", str(out)]) == 0
    [row] = [json.loads(l) for l in out.read_text(encoding="utf-8").splitlines()]
    assert row["id"] == seed_doc.id and len(row["spans"]) == len(seed_doc.spans)
    tasks = project / "tasks.json"
    assert main(["convert", str(out), "-o", str(tasks), "--as", "predictions", "--model-version", "m"]) == 0
    assert json.loads(tasks.read_text(encoding="utf-8"))[0]["predictions"][0]["model_version"] == "m"
