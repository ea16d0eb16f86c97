"""`hearsay predict`, `hearsay claims`, `hearsay export spacy` and `hearsay benchmark` end to end (rules only)."""

from __future__ import annotations

import json

from hearsay.cli import main
from hearsay.validate import load_documents
from tests.conftest import make_meta

TEXT = ("“Prices may rise by about 12 percent,” said Ana Ruiz. According to the bank, exports fell by "
        "$2.3 billion, and officials believe more than half of firms could close if demand stays weak.")


def test_cli_predict_writes_valid_documents_with_the_input_meta(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    meta = {"domain": "economy"}
    src.write_text(json.dumps({"id": "economy-2025-01-02-prices", "text": TEXT, "meta": meta}) + "\n"
                   + json.dumps({"id": "economy-2025-01-03-other", "text": "Nothing to see."}) + "\n",
                   encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["predict", "--baseline", "rules", "--input", str(src), "--output", str(out)]) == 0
    docs = load_documents(out, meta_required=False)
    assert [d.id for d in docs] == ["economy-2025-01-02-prices", "economy-2025-01-03-other"]
    assert docs[0].meta == meta and docs[1].spans == []
    assert {s.label for s in docs[0].spans} >= {"CUE", "SOURCE", "CONTENT", "HEDGE", "QUANTITY"}
    assert main(["validate", "--no-meta", str(out)]) == 0


def test_cli_predict_rejects_rows_without_text(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "x"}) + "\n", encoding="utf-8")
    assert main(["predict", "--baseline", "rules", "--input", str(src), "--output", str(tmp_path / "o.jsonl")]) == 2


def test_cli_claims_json_and_table(tmp_path, capsys):
    path = tmp_path / "article.txt"
    path.write_text(TEXT, encoding="utf-8")
    assert main(["claims", str(path), "--json", "--baseline", "rules"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    by_cue = {r["cue"]["text"]: r for r in records}
    said = by_cue["said"]
    assert said["source"]["text"] == "Ana Ruiz"
    assert said["content"][0]["quote"] == "direct"
    assert {"text": "may", "category": "modal"}.items() <= said["hedges"][0].items()
    assert said["quantities"][0]["value"] == 12 and said["quantities"][0]["unit"] == "percent"
    believe = by_cue["believe"]
    assert {h["category"] for h in believe["hedges"]} >= {"epistemic", "modal", "conditional"}
    assert any(q["low"] == 0.5 and q["modifier"] == "lower_bound" for q in believe["quantities"])
    assert main(["claims", str(path), "--baseline", "rules"]) == 0
    assert "Ana Ruiz" in capsys.readouterr().out


def _gold_file(tmp_path):
    from hearsay.baselines import get
    from hearsay.document import write_documents

    docs = get("rules")().predict([(f"economy-2025-01-0{i}-doc{i}", TEXT) for i in range(1, 7)])
    for doc in docs:
        doc.meta = make_meta(doc.id, doc.text)
    path = tmp_path / "gold.jsonl"
    write_documents(path, docs)
    return path


def test_cli_export_spacy_writes_docbins_with_spans_and_relations(tmp_path, monkeypatch):
    from spacy.tokens import DocBin

    from hearsay import paths
    from hearsay.baselines import nlp

    monkeypatch.setattr(paths, "CORPUS_DIR", tmp_path / "corpus")  # no committed splits: assigned in memory
    gold = _gold_file(tmp_path)
    out = tmp_path / "spacy"
    assert main(["export", "spacy", "--gold", str(gold), "--output", str(out)]) == 0
    docs = []
    for split in ("train", "validation", "test"):
        docs += list(DocBin().from_bytes((out / f"{split}.spacy").read_bytes()).get_docs(nlp.blank().vocab))
    assert len(docs) == 6
    doc = docs[0]
    labels = {s.label_ for s in doc.spans["hearsay"]}
    assert labels >= {"CUE", "SOURCE", "CONTENT", "QUANTITY"}
    rel_types = {r[0] for r in doc.user_data["hearsay_relations"]}
    assert rel_types >= {"SOURCE", "CONTENT"}
    assert doc.user_data["hearsay_id"].startswith("economy-2025-01-0")


def test_cli_benchmark_writes_identical_results_on_rerun(tmp_path, monkeypatch):
    from hearsay import paths

    monkeypatch.setattr(paths, "CORPUS_DIR", tmp_path / "corpus")
    monkeypatch.setattr(paths, "WORK_DIR", tmp_path / "work")
    gold = _gold_file(tmp_path)
    results = tmp_path / "results"
    args = ["benchmark", "--gold", str(gold), "--baseline", "rules", "--baseline", "quantulum3",
            "--results", str(results), "--resamples", "20"]
    assert main(args) == 0
    first = {p.name: p.read_bytes() for p in results.glob("*.json")}
    assert set(first) == {"rules.json", "quantulum3.json"}
    assert (results / "LEADERBOARD.md").is_file()
    assert main(args) == 0
    assert {p.name: p.read_bytes() for p in results.glob("*.json")} == first
    scores = json.loads(first["rules.json"])["scores"]
    assert scores["spans"]["CUE"]["exact"]["f1"] == 1.0  # rules scored against its own output
