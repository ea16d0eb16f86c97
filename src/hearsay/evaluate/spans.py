"""Span scores per label and the span error categories, counted per document.

Match types (per label; see `matching` for the exact rules):

exact
    A prediction counts when a gold span has the same label, start and end (one-to-one).
overlap
    A prediction counts when it is paired with a same-label gold span sharing at least one character;
    exact pairs are made first, then a maximum one-to-one matching of the overlapping rest.

P = tp / (tp + fp), R = tp / (tp + fn), F1 = 2 tp / (2 tp + fp + fn); each is `None` when its
denominator is 0 (P with no predictions, R with no gold, F1 with neither).

Error categories. Every gold span and every predicted span falls in exactly one category, assigned
in this order:

correct
    (gold, pred) pair of the exact matching: same label, same offsets.
boundary
    (gold, pred) pair of the overlap matching that is not exact: same label, overlapping, other offsets.
label
    Among the spans left, (gold, pred) pair with the same offsets but a different label.
label_boundary
    Among the spans still left, (gold, pred) pair that overlaps with a different label and different
    offsets (label-blind overlap matching of the leftovers, same rule as `matching.overlap_matching`).
missed
    A gold span left without a partner: no prediction of any label overlaps it, or every overlapping
    prediction is already the partner of another gold span.
spurious
    A prediction left without a partner: no gold span overlaps it, or every overlapping gold span is
    already the partner of another prediction.

Hence gold = correct + boundary + label + label_boundary + missed and predicted = correct + boundary +
label + label_boundary + spurious. Per label, the pair categories and `missed` are counted under the
gold span's label and `spurious` under the prediction's label; `label`/`label_boundary` pairs are
also counted in a confusion table (gold label -> predicted label). For each label,
exact tp = correct, overlap tp = correct + boundary.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..document import Document, Span
from .matching import overlap_matching

ERROR_CATEGORIES = ("correct", "boundary", "label", "label_boundary", "missed", "spurious")
MATCH_TYPES = ("exact", "overlap")


@dataclass
class Alignment:
    """Which predicted span is paired with which gold span in one document (by span id)."""

    exact: dict[str, str] = field(default_factory=dict)    # pred id -> gold id, exact matching
    overlap: dict[str, str] = field(default_factory=dict)  # pred id -> gold id, overlap matching

    def pairs(self, match: str, gold: Document, pred: Document, label: str) -> list[tuple[Span, Span]]:
        """(gold span, pred span) pairs of one label under `match` ("exact" or "overlap")."""
        mapping = self.exact if match == "exact" else self.overlap
        gold_index = gold.span_index()
        return [(gold_index[g], p) for p in pred.spans if p.label == label
                for g in (mapping.get(p.id),) if g is not None]


def by_label(spans: Iterable[Span], labels: Iterable[str]) -> dict[str, list[Span]]:
    groups: dict[str, list[Span]] = {label: [] for label in labels}
    for span in spans:
        groups.setdefault(span.label, []).append(span)
    return groups


def count_spans(gold: Document, pred: Document, labels: tuple[str, ...]) -> tuple[dict[str, int], Alignment]:
    """Span counts of one document, keyed `spans/<LABEL>/<exact|overlap>/<tp|fp|fn>`,
    `spans/<LABEL>/errors/<category>` and `confusion/<GOLD>/<PRED>/<label|label_boundary>`."""
    counts: dict[str, int] = defaultdict(int)
    alignment = Alignment()
    gold_groups = by_label(gold.spans, labels)
    pred_groups = by_label(pred.spans, labels)
    unknown = (gold_groups.keys() | pred_groups.keys()) - set(labels)
    if unknown:  # validated documents never get here; refuse rather than drop spans silently
        raise ValueError(f"document {gold.id}: labels {sorted(unknown)} are not in the schema")
    left_gold: list[Span] = []
    left_pred: list[Span] = []
    for label in labels:
        gs, ps = gold_groups[label], pred_groups[label]
        if not gs and not ps:
            continue
        pairs = overlap_matching([(s.start, s.end) for s in gs], [(s.start, s.end) for s in ps])
        exact = 0
        for gi, pi in pairs:
            g, p = gs[gi], ps[pi]
            alignment.overlap[p.id] = g.id
            if g.start == p.start and g.end == p.end:
                alignment.exact[p.id] = g.id
                exact += 1
        matched_gold = {gi for gi, _ in pairs}
        matched_pred = {pi for _, pi in pairs}
        left_gold.extend(s for i, s in enumerate(gs) if i not in matched_gold)
        left_pred.extend(s for i, s in enumerate(ps) if i not in matched_pred)
        n = len(pairs)
        key = f"spans/{label}"
        counts[f"{key}/exact/tp"] += exact
        counts[f"{key}/exact/fp"] += len(ps) - exact
        counts[f"{key}/exact/fn"] += len(gs) - exact
        counts[f"{key}/overlap/tp"] += n
        counts[f"{key}/overlap/fp"] += len(ps) - n
        counts[f"{key}/overlap/fn"] += len(gs) - n
        counts[f"{key}/errors/correct"] += exact
        counts[f"{key}/errors/boundary"] += n - exact

    paired_gold: set[int] = set()
    paired_pred: set[int] = set()
    if left_gold and left_pred:
        for gi, pi in overlap_matching([(s.start, s.end) for s in left_gold], [(s.start, s.end) for s in left_pred]):
            g, p = left_gold[gi], left_pred[pi]
            category = "label" if (g.start, g.end) == (p.start, p.end) else "label_boundary"
            counts[f"spans/{g.label}/errors/{category}"] += 1
            counts[f"confusion/{g.label}/{p.label}/{category}"] += 1
            paired_gold.add(gi)
            paired_pred.add(pi)
    for gi, g in enumerate(left_gold):
        if gi not in paired_gold:
            counts[f"spans/{g.label}/errors/missed"] += 1
    for pi, p in enumerate(left_pred):
        if pi not in paired_pred:
            counts[f"spans/{p.label}/errors/spurious"] += 1
    return dict(counts), alignment
