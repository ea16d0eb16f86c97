"""`hearsay evaluate` and `hearsay leaderboard` end to end: JSON and table output, validation of
predictions, results files (byte-identical on rerun) and the generated leaderboard."""

from __future__ import annotations

import copy
import hashlib
import json
import sys
import types
from pathlib import Path
from typing import Any

import pytest

from hearsay import cli
from hearsay.document import Document
from hearsay.evaluate.results import HEADER

# a copy of the annotated seed article (annotations/gold/), so the test data does not move under us
GOLD = Path(__file__).parent / "fixtures" / "evaluate" / "gold.jsonl"


def _gold_rows() -> list[dict[str, Any]]:
    rows = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    # a second document in another domain, so that there is something to resample and break down
    twin = copy.deepcopy(rows[0])
    twin["id"] = twin["meta"]["id"] = rows[0]["id"] + "-twin"
    twin["meta"]["domain"] = "economy"
    return [*rows, twin]


def _write(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def _drop(row: dict[str, Any], labels: set[str]) -> dict[str, Any]:
    """A prediction without the spans of `labels` (and their relations); metadata left out."""
    row = copy.deepcopy(row)
    keep = {s["id"] for s in row["spans"] if s["label"] not in labels}
    row["spans"] = [s for s in row["spans"] if s["id"] in keep]
    row["relations"] = [r for r in row["relations"] if r["head"] in keep and r["tail"] in keep]
    row["meta"] = {}
    return row


@pytest.fixture
def gold_file(tmp_path: Path) -> Path:
    return _write(tmp_path / "gold.jsonl", _gold_rows())


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _fractions(tree: Any) -> list[Any]:
    if isinstance(tree, dict):
        return [x for key, value in tree.items() if key != "bootstrap" for x in _fractions(value)]
    return [tree] if isinstance(tree, float) else []


def test_cli_evaluate_gold_against_itself_is_one_everywhere(gold_file, capsys):
    code, out, _ = _run(capsys, "evaluate", "--gold", str(gold_file), "--pred", str(gold_file), "--json",
                        "--resamples", "200")
    assert code == 0
    scores = json.loads(out)
    fractions = _fractions(scores)
    assert len(fractions) > 100 and set(fractions) == {1.0}
    assert scores["spans"]["CUE"]["exact"]["f1_ci95"] == [1.0, 1.0]
    assert scores["attribution"]["exact"]["f1"] == scores["quantities"]["value_unit"]["f1"] == 1.0
    assert scores["hedges"]["category_accuracy"] == 1.0 and scores["quantities"]["unit_accuracy"] == 1.0
    assert set(scores["domains"]) == {"conflict", "economy"}


def test_cli_evaluate_prints_tables(gold_file, tmp_path, capsys):
    rows = _gold_rows()
    pred = _write(tmp_path / "pred.jsonl", [_drop(r, {"HEDGE"}) for r in rows])
    code, out, _ = _run(capsys, "evaluate", "--gold", str(gold_file), "--pred", str(pred), "--no-bootstrap")
    assert code == 0
    for title in ("Spans", "Span errors", "Attribution", "Hedges and quantities", "Per domain"):
        assert title in out
    assert "bootstrap off" in out


def test_cli_evaluate_missing_prediction_warns_and_unknown_is_an_error(gold_file, tmp_path, capsys, caplog):
    rows = _gold_rows()
    partial = _write(tmp_path / "partial.jsonl", [_drop(rows[0], set())])
    code, out, _ = _run(capsys, "evaluate", "--gold", str(gold_file), "--pred", str(partial), "--json",
                        "--no-bootstrap")
    assert code == 0
    assert "have no prediction" in caplog.text and rows[1]["id"] in caplog.text
    scores = json.loads(out)
    assert scores["documents"]["missing_predictions"] == 1
    assert scores["spans"]["micro"]["exact"]["r"] == 0.5 and scores["spans"]["micro"]["exact"]["p"] == 1.0

    stranger = _drop(rows[0], set())
    stranger["id"] = "conflict-2024-11-12-elsewhere"
    unknown = _write(tmp_path / "unknown.jsonl", [stranger])
    code, _, err = _run(capsys, "evaluate", "--gold", str(gold_file), "--pred", str(unknown), "--json")
    assert code == 1
    assert "conflict-2024-11-12-elsewhere" in err and "not in the gold set" in err


def test_cli_evaluate_validates_predictions_like_gold(gold_file, tmp_path, capsys):
    bad = _drop(_gold_rows()[0], set())
    bad["spans"][0]["end"] += 1  # span text no longer matches the offsets
    bad["spans"][1]["label"] = "CLAIM"
    pred = _write(tmp_path / "bad.jsonl", [bad])
    code, _, err = _run(capsys, "evaluate", "--gold", str(gold_file), "--pred", str(pred), "--json")
    assert code == 1
    assert "differs from the text" in err and "unknown label 'CLAIM'" in err


def test_cli_results_files_and_leaderboard(gold_file, tmp_path, capsys):
    rows = _gold_rows()
    results = tmp_path / "results"
    perfect = _write(tmp_path / "perfect.jsonl", rows)
    weak = _write(tmp_path / "weak.jsonl", [_drop(r, {"SOURCE", "HEDGE", "QUANTITY", "ENTITY"}) for r in rows])
    for system, pred in (("oracle", perfect), ("weak", weak)):
        code, _, _ = _run(capsys, "evaluate", "--gold", str(gold_file), "--pred", str(pred), "--system", system,
                          "--output", str(results / f"{system}.json"), "--json", "--resamples", "100",
                          "--system-package", "seqeval")
        assert code == 0
    first = (results / "weak.json").read_bytes()
    _run(capsys, "evaluate", "--gold", str(gold_file), "--pred", str(weak), "--system", "weak",
         "--output", str(results / "weak.json"), "--json", "--resamples", "100", "--system-package", "seqeval")
    assert (results / "weak.json").read_bytes() == first  # no timestamp: reruns are byte-identical

    data = json.loads(first)
    assert data["system"] == "weak" and data["split"] is None and data["format"] == "hearsay-results/1"
    assert data["dataset"]["gold"] == [{"path": "gold.jsonl",
                                        "sha256": hashlib.sha256(gold_file.read_bytes()).hexdigest()}]
    assert data["dataset"]["version"] is None and data["dataset"]["schema_version"]
    assert data["predictions"]["sha256"] == hashlib.sha256(weak.read_bytes()).hexdigest()
    assert set(data["packages"]) == {"hearsay", "spacy", "datasets", "seqeval"}
    assert data["packages"]["seqeval"] == "1.2.2"
    assert data["scores"]["spans"]["SOURCE"]["exact"]["r"] == 0.0
    assert data["scores"]["quantities"]["value_unit"]["f1"] == 0.0

    board = tmp_path / "LEADERBOARD.md"
    code, _, _ = _run(capsys, "leaderboard", "--results", str(results), "--output", str(board))
    assert code == 0
    text = board.read_text(encoding="utf-8")
    assert text.splitlines()[0] == HEADER
    for section in ("## All spans", "## Attribution", "## Hedging", "## Quantities"):
        assert section in text
    tables = text.split("## ")[1:]
    assert len(tables) == 4
    for table in tables:
        body = [line for line in table.splitlines() if line.startswith("| oracle") or line.startswith("| weak")]
        assert [line.split(" | ")[0] for line in body] == ["| oracle", "| weak"]  # best first
    assert "1.000 [1.000, 1.000]" in text and "–" in text

    code, out, _ = _run(capsys, "leaderboard", "--results", str(results), "--output", str(board), "--check")
    assert code == 0 and "up to date" in out
    board.write_text(text.replace("oracle", "0racle"), encoding="utf-8")
    code, _, err = _run(capsys, "leaderboard", "--results", str(results), "--output", str(board), "--check")
    assert code == 2 and "out of date" in err


def test_cli_leaderboard_rejects_a_file_that_is_not_a_results_file(tmp_path, capsys):
    (tmp_path / "results").mkdir()
    (tmp_path / "results" / "notes.json").write_text('{"system": "x"}', encoding="utf-8")
    code, _, err = _run(capsys, "leaderboard", "--results", str(tmp_path / "results"),
                        "--output", str(tmp_path / "LB.md"))
    assert code == 2 and "not a results file" in err
    assert not (tmp_path / "LB.md").exists()


def test_cli_evaluate_reads_a_dataset_split(gold_file, tmp_path, capsys, monkeypatch):
    from hearsay.validate import load_documents

    dataset = tmp_path / "dataset"
    parquet = dataset / "data" / "documents" / "test.parquet"
    parquet.parent.mkdir(parents=True)
    parquet.write_bytes(b"stand-in for the parquet file")
    (dataset / "README.md").write_text("---\nversion: 1.2.0\nconfigs: []\n---\n# card\n", encoding="utf-8")
    calls: list[tuple[Path, str]] = []

    def read_split(dataset_dir: Path, split: str, config: str = "documents") -> list[Document]:
        calls.append((Path(dataset_dir), split))
        return load_documents(gold_file)

    monkeypatch.setitem(sys.modules, "hearsay.build", types.SimpleNamespace(read_split=read_split))
    out_file = tmp_path / "r.json"
    code, _, _ = _run(capsys, "evaluate", "--gold", str(dataset), "--pred", str(gold_file), "--json",
                      "--no-bootstrap", "--output", str(out_file))
    assert code == 0 and calls == [(dataset, "test")]
    data = json.loads(out_file.read_text(encoding="utf-8"))
    assert data["split"] == "test" and data["dataset"]["version"] == "1.2.0"
    assert data["dataset"]["gold"][0]["sha256"] == hashlib.sha256(parquet.read_bytes()).hexdigest()
    assert data["scores"]["bootstrap"] is None

    code, _, err = _run(capsys, "evaluate", "--gold", str(dataset), "--split", "validation", "--pred",
                        str(gold_file), "--json")
    assert code == 2 and "no split 'validation'" in err
