"""One-to-one matching of gold and predicted character spans.

Spans are given as `(start, end)` pairs (end exclusive). Every function returns a list of
`(gold_index, pred_index)` pairs in which each gold and each prediction occurs at most once.
Labels are the caller's business: the scorer calls these functions once per label (and once more,
label-blind, for the leftovers when it classifies errors).

Exact matching
    A pair has identical `start` and `end`. Duplicates are paired in input order.

Overlap matching
    A pair shares at least one character: `max(starts) < min(ends)`. The matching is built in two
    stages, and is deterministic:

    1. every exact pair is matched first (as in exact matching), so an exact match is never broken
       up to gain partial ones and `overlap tp >= exact tp` always holds;
    2. among the spans still unmatched, a *maximum-cardinality* one-to-one matching of overlapping
       pairs is found with augmenting paths (Kuhn's algorithm). Gold spans are visited in text order
       (start, end); each gold tries its candidates in order of preference - larger overlap, then
       closer boundaries (|start difference| + |end difference|), then text order - first among the
       free candidates and only then by re-routing an already matched prediction.

    Stage 2 maximises the number of pairs: no other matching of the remaining spans has more. Which
    pairs are chosen among equally large matchings follows the preference order above.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

Offsets = tuple[int, int]
Pairs = list[tuple[int, int]]


def overlap_length(a: Offsets, b: Offsets) -> int:
    """Number of characters shared by two half-open spans (0 when disjoint)."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def overlaps(a: Offsets, b: Offsets) -> bool:
    """True when the spans share at least one character."""
    return max(a[0], b[0]) < min(a[1], b[1])


def exact_matching(gold: Sequence[Offsets], pred: Sequence[Offsets]) -> Pairs:
    """Pairs of identical offsets, one-to-one, duplicates paired in input order."""
    free: dict[Offsets, list[int]] = {}
    for gi in range(len(gold) - 1, -1, -1):
        free.setdefault(gold[gi], []).append(gi)
    pairs: Pairs = []
    for pi, offsets in enumerate(pred):
        waiting = free.get(offsets)
        if waiting:
            pairs.append((waiting.pop(), pi))
    return pairs


def _candidates(gold: Sequence[Offsets], pred: Sequence[Offsets], golds: list[int],
                preds: list[int]) -> dict[int, list[int]]:
    """For each gold index, the overlapping pred indices in order of preference."""
    order = sorted(preds, key=lambda pi: pred[pi])
    starts = [pred[pi][0] for pi in order]
    longest = max((pred[pi][1] - pred[pi][0] for pi in order), default=0)
    result: dict[int, list[int]] = {}
    for gi in golds:
        g = gold[gi]
        # a pred overlapping g starts before g ends and after g.start - (its own length)
        lo = bisect_left(starts, g[0] - longest + 1)
        hi = bisect_left(starts, g[1])
        found = [order[k] for k in range(lo, hi) if pred[order[k]][1] > g[0]]
        if found:
            found.sort(key=lambda pi: (-overlap_length(g, pred[pi]),
                                       abs(g[0] - pred[pi][0]) + abs(g[1] - pred[pi][1]), pred[pi], pi))
            result[gi] = found
    return result


def overlap_matching(gold: Sequence[Offsets], pred: Sequence[Offsets]) -> Pairs:
    """Exact pairs first, then a maximum-cardinality matching of overlapping pairs (see module doc)."""
    pairs = exact_matching(gold, pred)
    if len(pairs) == min(len(gold), len(pred)):
        return sorted(pairs)
    used_gold = {gi for gi, _ in pairs}
    used_pred = {pi for _, pi in pairs}
    golds = sorted((gi for gi in range(len(gold)) if gi not in used_gold), key=lambda gi: (gold[gi], gi))
    preds = [pi for pi in range(len(pred)) if pi not in used_pred]
    candidates = _candidates(gold, pred, golds, preds)
    owner: dict[int, int] = {}  # pred index -> gold index

    def augment(gi: int, seen: set[int]) -> bool:
        options = candidates[gi]
        for pi in options:
            if pi not in owner:
                owner[pi] = gi
                return True
        for pi in options:
            if pi in seen:
                continue
            seen.add(pi)
            if augment(owner[pi], seen):
                owner[pi] = gi
                return True
        return False

    for gi in golds:
        if gi in candidates:
            augment(gi, set())
    pairs.extend((gi, pi) for pi, gi in owner.items())
    return sorted(pairs)
