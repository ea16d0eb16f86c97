"""Differential tests of the span scorer against independent implementations.

Random token sequences with BIO tags are turned into character spans over a synthetic text (tokens
joined by single spaces), scored by Hearsay, and compared with

- seqeval (entity-level P/R/F1 on BIO tags): micro and per label, in its default conlleval-style mode
  on arbitrary (also ill-formed) tag sequences, and in strict IOB2 mode on well-formed ones;
- nervaluate (per-label strict and partial strategies): on flat spans, where its greedy matching
  coincides with ours, strict correct / incorrect / missed / spurious give exact tp / fp / fn, and
  partial correct + partial gives overlap tp.
"""

from __future__ import annotations

import random
import warnings

import pytest
from nervaluate import Evaluator
from seqeval.metrics import classification_report
from seqeval.scheme import IOB2

from hearsay.document import Document, Span
from hearsay.evaluate import evaluate_documents
from hearsay.schema import load_schema

SCHEMA = load_schema()
LABELS = SCHEMA.label_names
CASES = 1000


def _tokens(rng: random.Random, n: int) -> list[str]:
    return ["".join(rng.choice("abcdefgh") for _ in range(rng.randint(1, 6))) for _ in range(n)]


def _document(doc_id: str, tokens: list[str], chunks: list[tuple[str, int, int]]) -> Document:
    """Character spans of token chunks (label, first token, last token) over the tokens joined by spaces."""
    starts, position = [], 0
    for token in tokens:
        starts.append(position)
        position += len(token) + 1
    text = " ".join(tokens)
    spans = [Span(f"T{i}", label, starts[a], starts[b] + len(tokens[b]), text[starts[a]:starts[b] + len(tokens[b])])
             for i, (label, a, b) in enumerate(chunks)]
    return Document(doc_id, text, {"domain": "test"}, spans)


def conlleval_chunks(tags: list[str]) -> list[tuple[str, int, int]]:
    """Chunks as conlleval (and seqeval's default mode) read them: an I- tag after O or after another
    type starts a chunk; a chunk ends at O, at B-, or at a change of type."""
    chunks, start, kind = [], 0, None
    for i, tag in enumerate([*tags, "O"]):
        prefix, label = (tag[0], tag[2:]) if tag != "O" else ("O", None)
        if kind is not None and (prefix in ("O", "B") or label != kind):
            chunks.append((kind, start, i - 1))
            kind = None
        if prefix == "B" or (prefix == "I" and kind is None):
            start, kind = i, label
    return chunks


def _random_tags(rng: random.Random, n: int, labels: tuple[str, ...]) -> list[str]:
    """Arbitrary tags, ill-formed sequences included (I- after O, I-X after B-Y)."""
    return [rng.choice(["O", "O", *(f"{p}-{x}" for p in "BI" for x in labels)]) for _ in range(n)]


def _well_formed(rng: random.Random, n: int, labels: tuple[str, ...]) -> list[tuple[str, int, int]]:
    chunks, i = [], 0
    while i < n:
        if rng.random() < 0.35:
            end = min(n - 1, i + rng.randint(0, 3))
            chunks.append((rng.choice(labels), i, end))
            i = end + 1
        else:
            i += 1
    return chunks


def _perturb(rng: random.Random, chunks: list[tuple[str, int, int]], n: int,
             labels: tuple[str, ...]) -> list[tuple[str, int, int]]:
    """A prediction: kept, shifted, relabelled, dropped and spurious chunks, still flat (no overlaps)."""
    out: list[tuple[str, int, int]] = []
    for label, a, b in chunks:
        r = rng.random()
        if r < 0.45:
            out.append((label, a, b))
        elif r < 0.7:
            out.append((label, max(0, a + rng.randint(-1, 1)), min(n - 1, b + rng.randint(-1, 1))))
        elif r < 0.8:
            out.append((rng.choice(labels), a, b))
    for _ in range(rng.randint(0, 2)):
        a = rng.randrange(n)
        out.append((rng.choice(labels), a, min(n - 1, a + rng.randint(0, 2))))
    flat: list[tuple[str, int, int]] = []
    for label, a, b in out:
        if a <= b and all(b < x or a > y for _, x, y in flat):
            flat.append((label, a, b))
    return sorted(flat, key=lambda c: c[1])


def _tags(chunks: list[tuple[str, int, int]], n: int) -> list[str]:
    tags = ["O"] * n
    for label, a, b in chunks:
        tags[a] = f"B-{label}"
        for i in range(a + 1, b + 1):
            tags[i] = f"I-{label}"
    return tags


def _compare_with_seqeval(scores: dict, report: dict, labels: tuple[str, ...]) -> None:
    ours = scores["spans"]
    micro = ours["micro"]["exact"]
    theirs = report["micro avg"]
    n_true = micro["tp"] + micro["fn"]
    n_pred = micro["tp"] + micro["fp"]
    assert theirs["support"] == n_true
    # seqeval reports 0 where a score is undefined (zero_division=0); Hearsay reports None
    assert theirs["precision"] == pytest.approx(micro["p"] if n_pred else 0.0)
    assert theirs["recall"] == pytest.approx(micro["r"] if n_true else 0.0)
    assert theirs["f1-score"] == pytest.approx(micro["f1"] if n_true + n_pred else 0.0)
    if not n_pred:
        assert micro["p"] is None
    for label in labels:
        mine = ours[label]["exact"]
        if label not in report:
            assert mine["tp"] == 0 and mine["fn"] == 0
            continue
        assert report[label]["support"] == mine["tp"] + mine["fn"]
        assert report[label]["precision"] == pytest.approx(mine["p"] or 0.0)
        assert report[label]["recall"] == pytest.approx(mine["r"] or 0.0)
        assert report[label]["f1-score"] == pytest.approx(mine["f1"] or 0.0)


def test_reference_exact_span_scores_equal_seqeval_default_mode_on_random_tags():
    rng = random.Random(1)
    labels = LABELS[:3]
    compared = 0
    for case in range(CASES):
        true_seqs, pred_seqs, gold, pred = [], [], [], []
        for s in range(rng.randint(1, 3)):
            n = rng.randint(1, 12)
            tokens = _tokens(rng, n)
            t, p = _random_tags(rng, n, labels), _random_tags(rng, n, labels)
            true_seqs.append(t)
            pred_seqs.append(p)
            gold.append(_document(f"c{case}s{s}", tokens, conlleval_chunks(t)))
            pred.append(_document(f"c{case}s{s}", tokens, conlleval_chunks(p)))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            report = classification_report(true_seqs, pred_seqs, output_dict=True, zero_division=0)
        _compare_with_seqeval(evaluate_documents(gold, pred, SCHEMA, resamples=0), report, labels)
        compared += 1
    assert compared == CASES


def test_reference_exact_span_scores_equal_seqeval_strict_iob2_on_well_formed_tags():
    rng = random.Random(2)
    tp_total = 0
    for case in range(CASES):
        true_seqs, pred_seqs, gold, pred = [], [], [], []
        for s in range(rng.randint(1, 3)):
            n = rng.randint(1, 15)
            tokens = _tokens(rng, n)
            chunks = _well_formed(rng, n, LABELS)
            guess = _perturb(rng, chunks, n, LABELS)
            true_seqs.append(_tags(chunks, n))
            pred_seqs.append(_tags(guess, n))
            gold.append(_document(f"c{case}s{s}", tokens, chunks))
            pred.append(_document(f"c{case}s{s}", tokens, guess))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            report = classification_report(true_seqs, pred_seqs, output_dict=True, zero_division=0,
                                            mode="strict", scheme=IOB2)
        scores = evaluate_documents(gold, pred, SCHEMA, resamples=0)
        _compare_with_seqeval(scores, report, LABELS)
        tp_total += scores["spans"]["micro"]["exact"]["tp"]
    assert tp_total > CASES  # the cases are not trivially empty


def test_reference_exact_and_overlap_counts_equal_nervaluate_strict_and_partial():
    rng = random.Random(3)
    boundary_total = 0
    for case in range(500):
        gold, pred, true_ents, pred_ents = [], [], [], []
        for s in range(rng.randint(1, 3)):
            n = rng.randint(1, 15)
            tokens = _tokens(rng, n)
            chunks = _well_formed(rng, n, LABELS)
            guess = _perturb(rng, chunks, n, LABELS)
            gold.append(_document(f"c{case}s{s}", tokens, chunks))
            pred.append(_document(f"c{case}s{s}", tokens, guess))
            true_ents.append([{"label": x, "start": a, "end": b} for x, a, b in chunks])  # nervaluate: end inclusive
            pred_ents.append([{"label": x, "start": a, "end": b} for x, a, b in guess])
        ours = evaluate_documents(gold, pred, SCHEMA, resamples=0)["spans"]
        if not any(true_ents) and not any(pred_ents):
            continue
        theirs = Evaluator(true_ents, pred_ents, tags=list(LABELS), loader="dict").evaluate()["entities"]
        for label in LABELS:
            exact, overlap = ours[label]["exact"], ours[label]["overlap"]
            if label not in theirs:
                assert exact["tp"] + exact["fp"] + exact["fn"] == 0
                continue
            strict, partial = theirs[label]["strict"], theirs[label]["partial"]
            assert strict.correct == exact["tp"]
            assert strict.incorrect + strict.spurious == exact["fp"]
            assert strict.incorrect + strict.missed == exact["fn"]
            assert partial.correct == exact["tp"] == ours[label]["errors"]["correct"]
            assert partial.partial == ours[label]["errors"]["boundary"]
            assert partial.correct + partial.partial == overlap["tp"]
            assert partial.spurious == overlap["fp"]
            assert partial.missed == overlap["fn"]
            boundary_total += partial.partial
    assert boundary_total > 100
