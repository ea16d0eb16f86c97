"""The `rules` baseline: hedge categories, cues, sources and contents on hand-written sentences."""

from __future__ import annotations

import pytest

from hearsay.baselines import get
from hearsay.baselines.lexicons import Labels, check_lexicons
from hearsay.validate import validate_documents


@pytest.fixture(scope="module")
def rules():
    return get("rules")()


def predict(rules, text):
    [doc] = rules.predict([("economy-2025-01-02-test", text)])
    validate_documents([doc], meta_required=False)
    return doc


def hedges(doc):
    return [(s.text, s.attrs["category"]) for s in doc.spans if s.label == "HEDGE"]


@pytest.mark.parametrize("text, expected", [
    ("Prices may rise next year.", [("may", "modal")]),
    ("Talks could collapse, and a deal might follow.", [("could", "modal"), ("might", "modal")]),
    ("A deal is likely by June and probably before.", [("likely", "probability"), ("probably", "probability")]),
    ("About 12,000 troops are expected to join.", [("expected", "probability")]),
    ("The minister reportedly resigned.", [("reportedly", "reported")]),
    ("If talks fail, prices will rise unless rain comes.", [("If", "conditional"), ("unless", "conditional")]),
    ("The talks appear to have stalled.", [("appear", "epistemic")]),
    ("It is unclear who won.", [("unclear", "epistemic")]),
])
def test_rules_hedge_categories(rules, text, expected):
    assert hedges(predict(rules, text)) == expected


@pytest.mark.parametrize("text", [
    "The law took effect in May 2024.", "She could not attend the hearing.", "He appeared in court on Monday.",
    "An estimated 40 people died.", "Young voters are more likely to abstain.",
])
def test_rules_not_hedges(rules, text):
    assert hedges(predict(rules, text)) == []


def test_rules_attribution_frames(rules):
    text = ("“We will rebuild,” she said. The ministry said that prices rose 12 percent. "
            "According to the report, exports fell. Analysts believe the talks will fail. "
            "The co-op is said to be considering cuts.")
    doc = predict(rules, text)
    idx = doc.span_index()
    triples = set()
    for r in doc.relations:
        if r.type == "CONTENT":
            source = next((idx[s.tail].text for s in doc.relations if s.type == "SOURCE" and s.head == r.head), None)
            triples.add((idx[r.head].text, source, idx[r.tail].text))
    assert ("said", "she", "We will rebuild") in triples
    assert ("said", "The ministry", "prices rose 12 percent") in triples
    assert ("According to", "the report", "exports fell") in triples
    assert ("believe", "Analysts", "the talks will fail") in triples
    assert ("said to", None, "The co-op") in triples and ("said to", None, "be considering cuts") in triples
    assert ("believe", "epistemic") in hedges(doc) and ("said to", "reported") in hedges(doc)
    quantity = next(s for s in doc.spans if s.label == "QUANTITY")
    assert quantity.text == "12 percent" and quantity.attrs["value"] == 12


def test_lexicons_agree_with_the_schema(schema):
    check_lexicons(schema)
    lab = Labels.from_schema(schema)
    assert (lab.cue, lab.source, lab.content, lab.hedge, lab.quantity, lab.entity) == (
        "CUE", "SOURCE", "CONTENT", "HEDGE", "QUANTITY", "ENTITY")
    assert (lab.rel_source, lab.rel_content, lab.rel_hedges, lab.rel_quantifies) == (
        "SOURCE", "CONTENT", "HEDGES", "QUANTIFIES")
