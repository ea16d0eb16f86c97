"""The predict contract for every baseline and peer, and CRF / spaCy training on a tiny dataset.

Trainable baselines are trained here, in a temporary folder, on three hand-built documents with a
few iterations: no test depends on a model it did not build.
"""

from __future__ import annotations

import pytest

from hearsay.baselines import base, get
from hearsay.document import Document
from hearsay.validate import validate_documents

TEXTS = [
    ("economy-2025-01-02-prices", "“Prices may rise by about 12 percent,” said Ana Ruiz, adding that more than 40 "
                                  "firms had closed. According to the bank, exports fell $2.3 billion."),
    ("conflict-2024-11-12-kyiv", "Kyiv said Russia is expected to retake Kursk. About 11,000 troops may be involved, "
                                 "the report said. The army is said to be preparing a 40 km defensive line."),
]


def check_contract(baseline, items=TEXTS) -> list[Document]:
    docs = baseline.predict(items)
    assert [d.id for d in docs] == [i for i, _ in items]
    assert [d.text for d in docs] == [t for _, t in items]
    validate_documents(docs, meta_required=False)
    return docs


@pytest.mark.parametrize("name", ["rules", "quantulum3", "spacy-ner", "textacy-quotes"])
def test_interface_untrained_baselines_predict_valid_documents(name):
    cls = get(name)
    assert not cls.trainable
    docs = check_contract(cls.load())
    labels = {s.label for d in docs for s in d.spans}
    if "quantities" in cls.layers:
        assert "QUANTITY" in labels
    if name in ("rules", "textacy-quotes"):
        assert "CUE" in labels


def test_interface_registry_lists_every_baseline_and_peer():
    assert base.names(peers=False) == ["rules", "crf", "spacy"]
    assert base.names(peers=True) == ["quantulum3", "spacy-ner", "textacy-quotes"]
    assert base.names(trainable=True) == ["crf", "spacy"]


TRAIN_TEXTS = TEXTS + [
    ("politics-2025-03-03-ballot", "“We expect turnout of 60 percent,” the returning officer told reporters. Analysts "
                                   "believe up to 3,000 ballots could be spoiled if the rain continues, a poll found."),
]


@pytest.fixture(scope="module")
def tiny():
    """Three small documents annotated by the rules baseline (self-contained; no model files needed)."""
    return get("rules")().predict(TRAIN_TEXTS)


def test_interface_crf_trains_on_a_tiny_dataset_and_predicts(tiny, tmp_path):
    cls = get("crf")
    report = cls().train(tiny, tiny[1:], tmp_path / "crf", c2_grid=(0.1,), max_iterations=15)
    assert set(report["c2"]) == {"CUE", "SOURCE", "CONTENT", "HEDGE", "QUANTITY", "ENTITY"}
    docs = check_contract(cls.load(tmp_path / "crf"))
    assert any(s.label == "QUANTITY" for d in docs for s in d.spans)


def test_interface_spacy_trains_on_a_tiny_dataset_and_predicts(tiny, tmp_path):
    cls = get("spacy")
    cls().train(tiny, tiny[1:], tmp_path / "spacy",
                overrides={"training.max_epochs": 2, "training.eval_frequency": 5})
    assert (tmp_path / "spacy" / "model" / "meta.json").is_file()
    check_contract(cls.load(tmp_path / "spacy"))


def test_interface_untrained_model_is_a_clear_error(tmp_path):
    from hearsay.errors import HearsayError

    with pytest.raises(HearsayError, match="not trained"):
        base.load("crf", tmp_path)
