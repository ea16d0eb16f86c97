"""Corpus texts are immutable and described by validated metadata; drafts are placed by text, not counts."""

from __future__ import annotations

import json

import pytest

from hearsay import paths
from hearsay.cli import main
from hearsay.corpus import add_to_corpus, load_corpus, split_date_marker
from hearsay.draft import locate, resolve_draft
from hearsay.errors import InputError, ValidationError

from .conftest import SEED_ID


def test_corpus_date_marker_becomes_metadata():
    assert split_date_marker(" date 2024-11-12 Russian troops.\n") == ("2024-11-12", "Russian troops.")
    assert split_date_marker("No marker here") == (None, "No marker here")


def test_corpus_seed_text_is_the_shared_seed_without_its_marker():
    seed = paths.ROOT.parent / "shared" / "seeds" / "000_2dea6c8bc7bb2c36.txt"
    if not seed.exists():
        pytest.skip(f"{seed} is not beside the checkout")
    date, text = split_date_marker(seed.read_text(encoding="utf-8"))
    assert date == "2024-11-12"
    assert (paths.CORPUS_DIR / f"{SEED_ID}.txt").read_text(encoding="utf-8") == text


def test_corpus_committed_corpus_is_consistent():
    docs = load_corpus()
    assert SEED_ID in docs
    assert docs[SEED_ID].meta["provenance"] == "third_party"
    for doc in docs.values():
        if doc.meta["provenance"] == "synthetic":
            assert doc.meta["license"] == "CC-BY-4.0"


def test_corpus_changed_text_is_detected(project):
    text_path = project / "corpus" / f"{SEED_ID}.txt"
    text_path.write_text(text_path.read_text(encoding="utf-8") + " Edited.", encoding="utf-8")
    with pytest.raises(ValidationError, match="immutable"):
        load_corpus()


def test_corpus_add_computes_hash_and_refuses_overwrite(project):
    text = "Officials said “about 40” firms closed.\r\nMore later."
    meta = {"title": "T", "date": "2025-02-03", "domain": "economy", "style": "wire", "provenance": "synthetic",
            "source": "tests", "license": "CC-BY-4.0"}
    row = add_to_corpus("economy-2025-02-03-firms", text, meta)
    assert row["word_count"] == 8
    docs = load_corpus()
    assert docs["economy-2025-02-03-firms"].text == text  # CRLF kept as written
    with pytest.raises(InputError, match="immutable"):
        add_to_corpus("economy-2025-02-03-firms", text, meta)
    with pytest.raises(ValidationError, match="is not one of"):
        add_to_corpus("economy-2025-02-03-other", text, {**meta, "style": "poem"})


def test_draft_locate_requires_an_unambiguous_place():
    text = "He said no. She said yes."
    assert locate(text, "She said") == 12
    with pytest.raises(ValueError, match="occurs 2 times"):
        locate(text, "said")
    assert locate(text, "said", ctx="She said") == 16
    assert locate(text, "said", nth=2) == 16
    with pytest.raises(ValueError, match="occurs 2 times in the text"):
        locate(text, "said", ctx=" said ")


def test_draft_reports_every_unplaceable_span(seed_corpus_doc):
    raw = {"id": SEED_ID, "spans": [{"id": "A", "label": "SOURCE", "text": "the publication"},
                                    {"id": "B", "label": "CLAIM", "text": "x"},
                                    {"id": "C", "label": "HEDGE", "text": "may", "category": "modal", "colour": 1}]}
    with pytest.raises(ValidationError) as info:
        resolve_draft(raw, seed_corpus_doc)
    text = str(info.value)
    assert "span A: cannot place 'the publication': text occurs 3 times" in text
    assert "span B: unknown label 'CLAIM'" in text
    assert "span C: fields ['colour'] are not defined for HEDGE" in text


def test_cli_lists_commands(capsys):
    with pytest.raises(SystemExit) as info:
        main(["--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    for command in ("schema", "validate", "convert", "build", "corpus", "draft"):
        assert command in out


def test_cli_schema_check_passes_on_committed_files(capsys):
    assert main(["schema", "--check"]) == 0
    assert "up to date" in capsys.readouterr().out
