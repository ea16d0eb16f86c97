"""The scorer on hand-worked multi-document data: one named test per error category with every counter
asserted, per-label numbers from fresh accumulators, attribution, hedges, quantities, undefined
scores, document pairing and the bootstrap."""

from __future__ import annotations

import logging
import random
from typing import Any

import numpy as np
import pytest

from hearsay.document import Document, Relation, Span
from hearsay.errors import ValidationError
from hearsay.evaluate import evaluate_documents
from hearsay.evaluate.quantities import normalize_unit, value_correct
from hearsay.evaluate.scorer import count_document, scores_from_counts
from hearsay.evaluate.spans import ERROR_CATEGORIES
from hearsay.schema import load_schema

SCHEMA = load_schema()
LABELS = SCHEMA.label_names
TEXT = "".join(chr(ord("a") + i % 26) for i in range(300))


def sp(sid: str, label: str, start: int, end: int, **attrs: Any) -> Span:
    return Span(sid, label, start, end, TEXT[start:end], attrs)


def doc(doc_id: str, spans: list[Span], relations: tuple[tuple[str, str, str], ...] = (),
        domain: str = "conflict") -> Document:
    return Document(doc_id, TEXT, {"domain": domain}, spans, [Relation(*r) for r in relations])


def score(gold: list[Document], pred: list[Document], **kwargs: Any) -> dict[str, Any]:
    kwargs.setdefault("resamples", 0)
    return evaluate_documents(gold, pred, SCHEMA, **kwargs)


def assert_errors(scores: dict[str, Any], expected: dict[str, dict[str, int]]) -> None:
    """Every error counter of every label: the ones in `expected`, 0 elsewhere; micro = the sums."""
    table = {label: {cat: expected.get(label, {}).get(cat, 0) for cat in ERROR_CATEGORIES} for label in LABELS}
    assert {label: scores["spans"][label]["errors"] for label in LABELS} == table
    assert scores["spans"]["micro"]["errors"] == {cat: sum(row[cat] for row in table.values())
                                                  for cat in ERROR_CATEGORIES}


def assert_counts(scores: dict[str, Any], match: str, expected: dict[str, tuple[int, int, int]]) -> None:
    """tp, fp, fn of every label under `match`: the ones in `expected`, (0, 0, 0) elsewhere."""
    got = {label: tuple(scores["spans"][label][match][k] for k in ("tp", "fp", "fn")) for label in LABELS}
    assert got == {label: expected.get(label, (0, 0, 0)) for label in LABELS}


def prf(tree: dict[str, Any]) -> tuple[Any, Any, Any]:
    return tree["p"], tree["r"], tree["f1"]


# --- error categories -------------------------------------------------------------------------------

def test_scorer_error_missed():
    gold = [doc("a", [sp("T1", "CUE", 0, 4), sp("T2", "SOURCE", 10, 15),
                      sp("T3", "ENTITY", 30, 40), sp("T4", "SOURCE", 30, 40)]),
            doc("b", [sp("T1", "HEDGE", 20, 25, category="modal")], domain="economy")]
    pred = [doc("a", [sp("P1", "CUE", 0, 4), sp("P2", "ENTITY", 30, 40)]),
            doc("b", [])]
    s = score(gold, pred)
    # T2: nothing overlaps it; T4: the only overlapping prediction is the partner of T3
    assert_errors(s, {"CUE": {"correct": 1}, "ENTITY": {"correct": 1}, "SOURCE": {"missed": 2},
                      "HEDGE": {"missed": 1}})
    for match in ("exact", "overlap"):
        assert_counts(s, match, {"CUE": (1, 0, 0), "ENTITY": (1, 0, 0), "SOURCE": (0, 0, 2), "HEDGE": (0, 0, 1)})
    assert prf(s["spans"]["micro"]["exact"]) == (1.0, 0.4, pytest.approx(4 / 7))
    assert prf(s["spans"]["SOURCE"]["exact"]) == (None, 0.0, 0.0)
    assert prf(s["spans"]["CONTENT"]["exact"]) == (None, None, None)
    macro = s["spans"]["macro"]["exact"]
    assert (macro["p"], macro["r"], macro["f1"], macro["labels"]) == (1.0, 0.5, 0.5, 4)
    assert s["domains"]["conflict"]["spans"]["micro"]["exact"]["f1"] == pytest.approx(2 / 3)
    assert prf(s["domains"]["economy"]["spans"]["micro"]["exact"]) == (None, 0.0, 0.0)
    assert s["spans"]["confusion"] == {}


def test_scorer_error_spurious():
    gold = [doc("a", [sp("T1", "CUE", 0, 4)]),
            doc("b", [sp("T1", "QUANTITY", 0, 5, kind="count", modifier="exact", value=5)])]
    pred = [doc("a", [sp("P1", "CUE", 0, 4), sp("P2", "CUE", 50, 54), sp("P3", "SOURCE", 60, 70)]),
            # P3 touches the quantity without overlapping; P4 overlaps it but the quantity is taken
            doc("b", [sp("P1", "QUANTITY", 0, 5, kind="count", modifier="exact", value=5),
                      sp("P3", "ENTITY", 5, 12), sp("P4", "HEDGE", 4, 5, category="modal")])]
    s = score(gold, pred)
    assert_errors(s, {"CUE": {"correct": 1, "spurious": 1}, "SOURCE": {"spurious": 1},
                      "QUANTITY": {"correct": 1}, "ENTITY": {"spurious": 1}, "HEDGE": {"spurious": 1}})
    for match in ("exact", "overlap"):
        assert_counts(s, match, {"CUE": (1, 1, 0), "SOURCE": (0, 1, 0), "QUANTITY": (1, 0, 0),
                                 "ENTITY": (0, 1, 0), "HEDGE": (0, 1, 0)})
    assert prf(s["spans"]["micro"]["exact"]) == (pytest.approx(1 / 3), 1.0, 0.5)
    assert prf(s["spans"]["SOURCE"]["overlap"]) == (0.0, None, 0.0)


def test_scorer_error_boundary():
    gold = [doc("a", [sp("T1", "CUE", 0, 4), sp("T2", "CONTENT", 10, 40)]),
            doc("b", [sp("T1", "CUE", 20, 24), sp("T2", "CUE", 50, 60), sp("T3", "QUANTITY", 70, 80),
                      sp("T4", "SOURCE", 100, 105), sp("T5", "SOURCE", 106, 110)])]
    pred = [doc("a", [sp("P1", "CUE", 0, 6), sp("P2", "CONTENT", 12, 40)]),
            doc("b", [sp("P1", "CUE", 20, 24), sp("P2", "CUE", 45, 55), sp("P3", "QUANTITY", 75, 90),
                      # one prediction merging two gold sources: boundary for one, the other missed
                      sp("P4", "SOURCE", 100, 110)])]
    s = score(gold, pred)
    assert_errors(s, {"CUE": {"correct": 1, "boundary": 2}, "CONTENT": {"boundary": 1},
                      "QUANTITY": {"boundary": 1}, "SOURCE": {"boundary": 1, "missed": 1}})
    assert_counts(s, "exact", {"CUE": (1, 2, 2), "CONTENT": (0, 1, 1), "QUANTITY": (0, 1, 1), "SOURCE": (0, 1, 2)})
    assert_counts(s, "overlap", {"CUE": (3, 0, 0), "CONTENT": (1, 0, 0), "QUANTITY": (1, 0, 0), "SOURCE": (1, 0, 1)})
    assert prf(s["spans"]["micro"]["exact"]) == (pytest.approx(1 / 6), pytest.approx(1 / 7), pytest.approx(2 / 13))
    assert prf(s["spans"]["micro"]["overlap"]) == (1.0, pytest.approx(6 / 7), pytest.approx(12 / 13))
    assert prf(s["spans"]["layers"]["attribution"]["overlap"]) == (1.0, pytest.approx(5 / 6), pytest.approx(10 / 11))


def test_scorer_error_label():
    gold = [doc("a", [sp("T1", "CUE", 0, 4), sp("T2", "SOURCE", 10, 15)]),
            doc("b", [sp("T1", "HEDGE", 0, 3, category="modal"), sp("T2", "HEDGE", 30, 35, category="modal")])]
    pred = [doc("a", [sp("P1", "CUE", 0, 4), sp("P2", "ENTITY", 10, 15)]),
            doc("b", [sp("P1", "CUE", 0, 3), sp("P2", "HEDGE", 30, 35, category="modal")])]
    s = score(gold, pred)
    assert_errors(s, {"CUE": {"correct": 1}, "SOURCE": {"label": 1}, "HEDGE": {"label": 1, "correct": 1}})
    assert s["spans"]["confusion"] == {"SOURCE": {"ENTITY": {"label": 1}}, "HEDGE": {"CUE": {"label": 1}}}
    for match in ("exact", "overlap"):
        assert_counts(s, match, {"CUE": (1, 1, 0), "SOURCE": (0, 0, 1), "ENTITY": (0, 1, 0), "HEDGE": (1, 0, 1)})
    assert prf(s["spans"]["micro"]["exact"]) == (0.5, 0.5, 0.5)


def test_scorer_error_label_boundary():
    gold = [doc("a", [sp("T1", "SOURCE", 10, 20)]),
            doc("b", [sp("T1", "QUANTITY", 0, 8), sp("T2", "CONTENT", 40, 60)])]
    pred = [doc("a", [sp("P1", "ENTITY", 12, 20)]),
            doc("b", [sp("P1", "ENTITY", 0, 5), sp("P2", "CONTENT", 40, 60), sp("P3", "CUE", 38, 45)])]
    s = score(gold, pred)
    assert_errors(s, {"SOURCE": {"label_boundary": 1}, "QUANTITY": {"label_boundary": 1},
                      "CONTENT": {"correct": 1}, "CUE": {"spurious": 1}})
    assert s["spans"]["confusion"] == {"QUANTITY": {"ENTITY": {"label_boundary": 1}},
                                       "SOURCE": {"ENTITY": {"label_boundary": 1}}}
    for match in ("exact", "overlap"):
        assert_counts(s, match, {"SOURCE": (0, 0, 1), "ENTITY": (0, 2, 0), "QUANTITY": (0, 0, 1),
                                 "CONTENT": (1, 0, 0), "CUE": (0, 1, 0)})


def _random_doc(rng: random.Random, doc_id: str, domain: str) -> tuple[Document, Document]:
    """A gold document with random spans of every label and a noisy prediction of it."""
    gold, pred = [], []
    for i in range(rng.randint(0, 12)):
        start = rng.randint(0, 280)
        g = sp(f"T{i}", rng.choice(LABELS), start, start + rng.randint(1, 15))
        gold.append(g)
        r = rng.random()
        if r < 0.4:
            pred.append(sp(f"P{i}", g.label, g.start, g.end))
        elif r < 0.6:
            shift = rng.randint(-3, 3)
            pred.append(sp(f"P{i}", g.label, max(0, g.start + shift), max(g.start + shift + 1, g.end)))
        elif r < 0.7:
            pred.append(sp(f"P{i}", rng.choice(LABELS), g.start, g.end))
    for i in range(rng.randint(0, 3)):
        start = rng.randint(0, 280)
        pred.append(sp(f"X{i}", rng.choice(LABELS), start, start + rng.randint(1, 15)))
    return doc(doc_id, gold, domain=domain), doc(doc_id, pred, domain=domain)


def _random_corpus(seed: int, n: int) -> tuple[list[Document], list[Document]]:
    rng = random.Random(seed)
    pairs = [_random_doc(rng, f"d{i}", rng.choice(["conflict", "economy", "health"])) for i in range(n)]
    return [g for g, _ in pairs], [p for _, p in pairs]


def test_scorer_error_categories_partition_every_span():
    gold, pred = _random_corpus(11, 60)
    s = score(gold, pred)
    confusion = s["spans"]["confusion"]
    for label in LABELS:
        e = s["spans"][label]["errors"]
        n_gold = sum(x.label == label for d in gold for x in d.spans)
        n_pred = sum(x.label == label for d in pred for x in d.spans)
        assert n_gold == e["correct"] + e["boundary"] + e["label"] + e["label_boundary"] + e["missed"]
        as_pred = sum(row.get(label, {}).get(c, 0) for row in confusion.values() for c in ("label", "label_boundary"))
        assert n_pred == e["correct"] + e["boundary"] + as_pred + e["spurious"]
        assert s["spans"][label]["exact"]["tp"] == e["correct"]
        assert s["spans"][label]["overlap"]["tp"] == e["correct"] + e["boundary"]
        assert s["spans"][label]["gold"] == n_gold and s["spans"][label]["predicted"] == n_pred
    assert sum(s["spans"]["micro"]["errors"].values()) > 50


# --- per label, per document: fresh accumulators ---------------------------------------------------

def _only(docs: list[Document], label: str) -> list[Document]:
    return [Document(d.id, d.text, d.meta, [x for x in d.spans if x.label == label]) for d in docs]


def test_scorer_per_label_numbers_equal_single_label_runs():
    gold, pred = _random_corpus(5, 40)
    s = score(gold, pred)
    seen = set()
    for label in LABELS:
        alone = score(_only(gold, label), _only(pred, label))
        for match in ("exact", "overlap"):
            assert s["spans"][label][match] == alone["spans"][label][match]
            assert alone["spans"]["micro"][match] == alone["spans"][label][match]
        seen.add(tuple(s["spans"][label]["exact"][k] for k in ("tp", "fp", "fn")))
    assert len(seen) > 3  # the labels really have different numbers


def test_scorer_per_document_counts_add_up_to_the_total():
    gold, pred = _random_corpus(6, 30)
    total = score(gold, pred)
    summed: dict[str, int] = {}
    for g, p in zip(gold, pred):
        one = score([g], [p])
        for label in LABELS:
            for match in ("exact", "overlap"):
                for k in ("tp", "fp", "fn"):
                    key = f"{label}/{match}/{k}"
                    summed[key] = summed.get(key, 0) + one["spans"][label][match][k]
    assert summed == {f"{label}/{match}/{k}": total["spans"][label][match][k]
                      for label in LABELS for match in ("exact", "overlap") for k in ("tp", "fp", "fn")}
    by_domain = total["domains"]
    assert sum(d["documents"] for d in by_domain.values()) == 30
    for label in LABELS:
        assert sum(d["spans"][label]["exact"]["tp"] for d in by_domain.values()) == total["spans"][label]["exact"]["tp"]


def test_scorer_micro_and_macro_differ_as_defined():
    gold = [doc("a", [sp("T1", "CUE", 0, 4), sp("T2", "CUE", 10, 14), sp("T3", "CUE", 20, 24),
                      sp("T4", "HEDGE", 30, 33, category="modal")])]
    pred = [doc("a", [sp("P1", "CUE", 0, 4), sp("P2", "CUE", 10, 14), sp("P3", "CUE", 20, 24)])]
    s = score(gold, pred)
    assert s["spans"]["micro"]["exact"]["r"] == 0.75               # 3 of 4 gold spans
    assert s["spans"]["macro"]["exact"]["r"] == 0.5                # mean of CUE 1.0 and HEDGE 0.0
    assert s["spans"]["macro"]["exact"]["p"] == 1.0                # HEDGE has no P (no predictions)
    assert s["spans"]["macro"]["exact"]["f1"] == 0.5


# --- attribution, hedges, quantities ----------------------------------------------------------------

def test_scorer_attribution_triples_and_given_cue_scores():
    gold = [doc("a", [sp("C1", "CUE", 0, 4), sp("S1", "SOURCE", 10, 20), sp("A1", "CONTENT", 30, 50),
                      sp("C2", "CUE", 60, 64), sp("A2", "CONTENT", 70, 80), sp("A3", "CONTENT", 90, 100)],
                [("SOURCE", "C1", "S1"), ("CONTENT", "C1", "A1"), ("CONTENT", "C2", "A2"),
                 ("CONTENT", "C2", "A3")]),
            doc("b", [sp("C1", "CUE", 0, 4), sp("A1", "CONTENT", 10, 30)], [("CONTENT", "C1", "A1")])]
    pred = [doc("a", [sp("Q1", "CUE", 0, 4), sp("R1", "SOURCE", 12, 20), sp("B1", "CONTENT", 30, 50),
                      sp("Q2", "CUE", 60, 64), sp("B2", "CONTENT", 70, 80),
                      sp("Q3", "CUE", 200, 204), sp("B3", "CONTENT", 210, 220)],
                [("SOURCE", "Q1", "R1"), ("CONTENT", "Q1", "B1"), ("CONTENT", "Q2", "B2"), ("CONTENT", "Q3", "B3")]),
            # a source where gold has none: the triple and the source are wrong, the content is right
            doc("b", [sp("Q1", "CUE", 0, 4), sp("R1", "SOURCE", 5, 8), sp("B1", "CONTENT", 10, 30)],
                [("SOURCE", "Q1", "R1"), ("CONTENT", "Q1", "B1")])]
    a = score(gold, pred)["attribution"]
    # gold triples: (C1,S1,A1) (C2,-,A2) (C2,-,A3) (b:C1,-,A1); predicted: (Q1,R1,B1) (Q2,-,B2) (Q3,-,B3) (b:Q1,R1,B1)
    assert (a["exact"]["tp"], a["exact"]["fp"], a["exact"]["fn"]) == (1, 3, 3)        # only (C2,-,A2)
    assert (a["overlap"]["tp"], a["overlap"]["fp"], a["overlap"]["fn"]) == (2, 2, 2)  # + (C1,S1,A1) via R1~S1
    assert prf(a["overlap"]) == (0.5, 0.5, 0.5)
    assert a["cues_matched"] == {"exact": 3, "overlap": 3}
    assert a["source_correct"] == {"exact": 1, "overlap": 2}     # exact: C2 only; overlap: C1 and C2
    assert a["content_correct"] == {"exact": 2, "overlap": 2}    # C1 and b:C1; C2 misses A3
    assert a["source_given_cue"] == {"exact": pytest.approx(1 / 3), "overlap": pytest.approx(2 / 3)}
    assert a["content_given_cue"] == {"exact": pytest.approx(2 / 3), "overlap": pytest.approx(2 / 3)}


def test_scorer_attribution_unmatched_source_is_not_no_source():
    gold = [doc("a", [sp("C1", "CUE", 0, 4), sp("A1", "CONTENT", 10, 30)], [("CONTENT", "C1", "A1")])]
    pred = [doc("a", [sp("Q1", "CUE", 0, 4), sp("R1", "SOURCE", 100, 110), sp("B1", "CONTENT", 10, 30)],
                [("SOURCE", "Q1", "R1"), ("CONTENT", "Q1", "B1")])]
    a = score(gold, pred)["attribution"]
    assert a["overlap"]["tp"] == 0 and a["exact"]["tp"] == 0
    assert a["source_given_cue"] == {"exact": 0.0, "overlap": 0.0}


def test_scorer_hedge_category_accuracy_and_f1():
    gold = [doc("a", [sp("H1", "HEDGE", 0, 3, category="modal"), sp("H2", "HEDGE", 10, 18, category="probability")]),
            doc("b", [sp("H1", "HEDGE", 0, 10, category="reported"), sp("H2", "HEDGE", 20, 30, category="epistemic")])]
    pred = [doc("a", [sp("G1", "HEDGE", 0, 3, category="modal"), sp("G2", "HEDGE", 12, 18, category="epistemic")]),
            doc("b", [sp("G1", "HEDGE", 50, 55, category="reported"), sp("G2", "HEDGE", 22, 30, category="epistemic")])]
    h = score(gold, pred)["hedges"]
    # matched (overlap): a H1-G1 right, a H2-G2 wrong category, b H2-G2 right; b H1 and b G1 unmatched
    assert (h["matched"], h["category_correct"], h["category_accuracy"]) == (3, 2, pytest.approx(2 / 3))
    c = h["category"]
    assert (c["tp"], c["fp"], c["fn"]) == (2, 2, 2)
    assert prf(c) == (0.5, 0.5, 0.5)


def test_scorer_quantity_value_unit():
    def q(sid: str, start: int, end: int, **attrs: Any) -> Span:
        base = {"value": None, "low": None, "high": None, "unit": None, "kind": "count", "modifier": "exact"}
        return sp(sid, "QUANTITY", start, end, **{**base, **attrs})

    gold = [doc("a", [q("Q1", 0, 10, value=2.3e9, unit="USD", kind="money"),
                      q("Q2", 20, 30, value=11000),
                      q("Q3", 40, 50, low=3, high=5, modifier="range")]),
            doc("b", [q("Q1", 0, 10, value=40, unit="MW", kind="measure"),
                      q("Q2", 20, 30, value=7)])]
    pred = [doc("a", [q("P1", 0, 10, value=2300000001, unit=" USD ", kind="money"),   # within 1e-6: right
                      q("P2", 22, 30, value=11100),                                 # value wrong
                      q("P3", 40, 50, low=3, high=5, modifier="range")]),           # range right
            doc("b", [q("P1", 0, 10, value=40, unit="mW", kind="measure"),          # unit wrong (case)
                      q("P2", 60, 70, value=7)])]                                    # not matched
    s = score(gold, pred)["quantities"]
    assert s["matched"] == 4
    assert (s["value_correct"], s["unit_correct"], s["kind_correct"], s["modifier_correct"]) == (3, 3, 4, 4)
    assert (s["value_accuracy"], s["unit_accuracy"]) == (0.75, 0.75)
    vu = s["value_unit"]
    assert (vu["tp"], vu["fp"], vu["fn"]) == (2, 3, 3)
    assert prf(vu) == (0.4, 0.4, pytest.approx(0.4))


def test_scorer_quantity_value_rules():
    assert value_correct({"value": 0}, {"value": 0.0})
    assert not value_correct({"value": 0}, {"value": 1e-12})             # relative tolerance only
    assert value_correct({"value": 1e6}, {"value": 1e6 + 0.5})
    assert not value_correct({"value": 1e6}, {"value": 1e6 + 2})
    assert not value_correct({"value": 5}, {"value": None, "low": 5, "high": 5})
    assert not value_correct({"value": None, "low": 3, "high": 5}, {"value": 4, "low": 3, "high": 5})
    assert value_correct({"value": None, "low": 50, "high": None}, {"value": None, "low": 50.0})
    assert not value_correct({"value": None, "low": 50, "high": None}, {"value": None, "low": 50, "high": 60})
    assert normalize_unit("  km\u00a0 ") == "km" and normalize_unit("") is None and normalize_unit(None) is None
    assert normalize_unit("MW") != normalize_unit("mW")


# --- undefined scores, self-evaluation ---------------------------------------------------------------

def test_scorer_undefined_scores_are_none_not_zero():
    gold = [doc("a", [sp("T1", "CUE", 0, 4)])]
    s = score(gold, [doc("a", [])])
    assert prf(s["spans"]["CUE"]["exact"]) == (None, 0.0, 0.0)
    assert prf(s["spans"]["HEDGE"]["overlap"]) == (None, None, None)
    assert s["hedges"]["category_accuracy"] is None
    assert s["quantities"]["value_accuracy"] is None and s["quantities"]["value_unit"]["f1"] is None
    assert s["attribution"]["source_given_cue"] == {"exact": None, "overlap": None}
    empty = score([doc("a", [])], [doc("a", [])])
    assert empty["spans"]["macro"]["exact"] == {"p": None, "r": None, "f1": None, "labels": 0}
    nothing = score([], [], resamples=100)
    assert nothing["spans"]["micro"]["exact"]["f1"] is None and nothing["bootstrap"] is None


def full_documents(n: int = 6) -> list[Document]:
    """Documents using every label, attribute and relation, some nested, in two domains."""
    docs = []
    for i in range(n):
        spans = [sp("C1", "CUE", 0, 4), sp("S1", "SOURCE", 10, 20), sp("A1", "CONTENT", 30, 60),
                 sp("H1", "HEDGE", 32, 35, category="modal"),
                 sp("Q1", "QUANTITY", 40, 45, value=11000.0, low=None, high=None, unit=None, kind="count",
                    modifier="approximate"),
                 sp("E1", "ENTITY", 46, 55), sp("C2", "CUE", 70, 74), sp("A2", "CONTENT", 80, 90 + i),
                 sp("A3", "CONTENT", 100, 110)]
        rels = [("SOURCE", "C1", "S1"), ("CONTENT", "C1", "A1"), ("HEDGES", "H1", "A1"), ("QUANTIFIES", "Q1", "E1"),
                ("CONTENT", "C2", "A2"), ("CONTENT", "C2", "A3")]
        docs.append(doc(f"d{i}", spans[: 6 + i % 4], tuple(r for r in rels if all(
            x in {s.id for s in spans[: 6 + i % 4]} for x in r[1:])), domain="conflict" if i % 2 else "economy"))
    return docs


def assert_perfect(tree: Any, path: str = "") -> int:
    """Every fraction is 1.0 or None, every interval [1.0, 1.0] or None, fp/fn/errors 0; returns #fractions."""
    found = 0
    if isinstance(tree, dict):
        for key, value in tree.items():
            here = f"{path}.{key}"
            if key in ("fp", "fn") or (path.endswith(".errors") and key != "correct"):
                assert value == 0, here
            elif key.endswith("_ci95"):
                assert value is None or value == [1.0, 1.0], here
            elif isinstance(value, float):
                assert value == 1.0, here
                found += 1
            else:
                found += assert_perfect(value, here)
    return found


def test_scorer_gold_against_itself_is_perfect_everywhere():
    gold = full_documents()
    s = score(gold, gold, resamples=200)
    assert assert_perfect({k: v for k, v in s.items() if k != "bootstrap"}) > 100
    assert s["spans"]["confusion"] == {}
    assert s["attribution"]["overlap"]["tp"] == sum(sum(r.type == "CONTENT" for r in d.relations) for d in gold)


# --- documents and bootstrap -------------------------------------------------------------------------

def test_scorer_missing_prediction_counts_as_nothing_with_a_warning(caplog):
    gold = full_documents(2)
    with caplog.at_level(logging.WARNING):
        s = score(gold, gold[:1])
    assert "1 gold document(s) have no prediction" in caplog.text and "d1" in caplog.text
    assert s["documents"] == {"gold": 2, "predicted": 1, "missing_predictions": 1}
    assert [x.label for x in gold[1].spans].count("CUE") == 2
    assert s["spans"]["CUE"]["exact"]["fn"] == 2 and s["spans"]["CUE"]["exact"]["p"] == 1.0


def test_scorer_unknown_duplicate_or_changed_prediction_is_an_error():
    gold = full_documents(2)
    with pytest.raises(ValidationError, match="not in the gold set"):
        score(gold, [doc("zzz", [])], pred_file="p.jsonl")
    with pytest.raises(ValidationError, match="duplicate predicted document id"):
        score(gold, [gold[0], gold[0]])
    changed = Document("d0", TEXT.upper(), {}, [], [])
    with pytest.raises(ValidationError, match="text differs"):
        score(gold, [changed])


def test_scorer_bootstrap_is_seeded_and_equals_naive_resampling():
    gold, pred = _random_corpus(3, 25)
    a = score(gold, pred, resamples=50, seed=1)
    assert a == score(gold, pred, resamples=50, seed=1)
    other = score(gold, pred, resamples=50, seed=2)
    assert a["spans"]["micro"]["exact"]["f1_ci95"] != other["spans"]["micro"]["exact"]["f1_ci95"]
    assert a["bootstrap"] == {"resamples": 50, "seed": 1, "confidence": 0.95, "unit": "document",
                              "interval": "percentile"}
    # naive: draw the same documents, rescore each resample from scratch, take the percentiles
    rows = [count_document(g, p, SCHEMA) for g, p in zip(gold, pred)]
    draws = np.random.default_rng(1).integers(0, len(rows), size=(50, len(rows)))
    f1s = [scores_from_counts([rows[i] for i in draw], ["x"] * len(draw), SCHEMA, resamples=0)
           ["spans"]["micro"]["exact"]["f1"] for draw in draws]
    lo, hi = a["spans"]["micro"]["exact"]["f1_ci95"]
    assert (lo, hi) == pytest.approx(tuple(np.percentile(f1s, [2.5, 97.5])))
    assert lo < a["spans"]["micro"]["exact"]["f1"] < hi


def test_scorer_bootstrap_switched_off_has_no_intervals():
    gold, pred = _random_corpus(3, 5)
    s = score(gold, pred, resamples=0)
    assert s["bootstrap"] is None
    assert "f1_ci95" not in s["spans"]["CUE"]["exact"] and "category_accuracy_ci95" not in s["hedges"]
