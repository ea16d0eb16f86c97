"""Exact and overlap one-to-one matching (hearsay.evaluate.matching)."""

from __future__ import annotations

import itertools
import random

from hearsay.evaluate.matching import exact_matching, overlap_length, overlap_matching, overlaps


def test_matching_overlap_needs_a_shared_character():
    assert overlaps((0, 5), (4, 9))
    assert not overlaps((0, 5), (5, 9))  # end is exclusive: touching is not overlapping
    assert overlap_length((0, 5), (4, 9)) == 1
    assert overlap_length((0, 5), (5, 9)) == 0
    assert overlap_length((2, 4), (0, 10)) == 2


def test_matching_exact_pairs_duplicates_one_to_one():
    gold = [(0, 4), (0, 4), (10, 12)]
    pred = [(0, 4), (10, 12), (0, 4), (0, 4)]
    assert sorted(exact_matching(gold, pred)) == [(0, 0), (1, 2), (2, 1)]


def test_matching_overlap_is_maximum_where_greedy_is_not():
    # P0 overlaps G0 by 3 and G1 by 5; P1 overlaps only G1. Greedy by overlap length pairs P0-G1 and
    # leaves P1 alone; the maximum matching pairs both.
    gold = [(0, 10), (10, 20)]
    pred = [(7, 15), (16, 25)]
    assert overlap_matching(gold, pred) == [(0, 0), (1, 1)]


def test_matching_overlap_keeps_exact_pairs_first():
    # A maximum matching ignoring exactness would pair P0-G1 and P1-G0 (2 pairs, none exact);
    # the exact pair G0=P0 is kept and P1 stays unmatched.
    gold = [(0, 10), (8, 20)]
    pred = [(0, 10), (2, 8)]
    pairs = overlap_matching(gold, pred)
    assert (0, 0) in pairs
    assert len(pairs) == 1


def test_matching_overlap_prefers_larger_overlap_then_closer_boundaries():
    gold = [(10, 20)]
    assert overlap_matching(gold, [(0, 12), (15, 30)]) == [(0, 1)]   # overlaps 2 vs 5
    assert overlap_matching(gold, [(5, 15), (15, 20)]) == [(0, 1)]   # overlaps 5 vs 5, distance 10 vs 5


def test_matching_overlap_size_does_not_depend_on_prediction_order():
    rng = random.Random(7)
    for _ in range(200):
        gold = _random_spans(rng, 5)
        pred = _random_spans(rng, 5)
        pairs = {(gold[g], pred[p]) for g, p in overlap_matching(gold, pred)}
        order = list(range(len(pred)))
        rng.shuffle(order)
        shuffled = [pred[i] for i in order]
        again = {(gold[g], shuffled[p]) for g, p in overlap_matching(gold, shuffled)}
        assert len(again) == len(pairs)


def _random_spans(rng: random.Random, n: int) -> list[tuple[int, int]]:
    spans = []
    for _ in range(rng.randint(0, n)):
        start = rng.randint(0, 30)
        spans.append((start, start + rng.randint(1, 8)))
    return spans


def _brute_force_maximum(gold, pred, forced: list[tuple[int, int]]) -> int:
    """Largest number of overlapping pairs among the spans not in `forced`, by enumeration."""
    free_gold = [i for i in range(len(gold)) if i not in {g for g, _ in forced}]
    free_pred = [j for j in range(len(pred)) if j not in {p for _, p in forced}]
    best = 0
    for k in range(min(len(free_gold), len(free_pred)), 0, -1):
        for gs in itertools.combinations(free_gold, k):
            for ps in itertools.permutations(free_pred, k):
                if all(overlaps(gold[g], pred[p]) for g, p in zip(gs, ps)):
                    return k
    return best


def test_matching_overlap_is_one_to_one_exact_first_and_maximum_on_random_cases():
    rng = random.Random(2024)
    for _ in range(400):
        gold = _random_spans(rng, 5)
        pred = _random_spans(rng, 5)
        pairs = overlap_matching(gold, pred)
        assert len({g for g, _ in pairs}) == len(pairs) == len({p for _, p in pairs})
        assert all(overlaps(gold[g], pred[p]) for g, p in pairs)
        exact = exact_matching(gold, pred)
        assert set(exact) <= set(pairs)
        assert len(pairs) - len(exact) == _brute_force_maximum(gold, pred, exact)
