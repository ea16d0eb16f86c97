"""Attribution triples (cue, source or none, content), counted per document.

Every `CONTENT` relation cue -> content gives one triple `(cue, source, content)`, where `source` is
the target of the cue's `SOURCE` relation or none. A cue with a split quote (several contents) gives
several triples; nested attributions give their own triples.

exact
    A predicted triple counts when a gold triple has the same offsets for cue and content and the
    same offsets for the source, or both have no source. Triples are matched one-to-one.
overlap
    A predicted triple counts when its cue, content and source are the partners of the gold triple's
    cue, content and source in the span-level overlap matching of their labels (`spans`), or both
    have no source. No source matches only no source.

source_given_cue
    Among the cue pairs of the span matching (exact or overlap), the fraction whose sources match
    under the same match type (a missing source matches a missing source).
content_given_cue
    Among the same cue pairs, the fraction whose *set* of contents matches the gold cue's set of
    contents under the same match type (all parts of a split quote, nothing more).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from ..document import Document, Span
from ..errors import SchemaError
from ..schema import Schema
from .spans import Alignment

CUE, SOURCE, CONTENT = "CUE", "SOURCE", "CONTENT"
SOURCE_REL, CONTENT_REL = "SOURCE", "CONTENT"

Offsets = tuple[int, int]


def check_schema(schema: Schema) -> None:
    """The attribution scores need these labels and relations; fail early if the schema renamed them."""
    missing = [x for x in (CUE, SOURCE, CONTENT) if x not in schema.label_names]
    missing += [f"relation {x}" for x in (SOURCE_REL, CONTENT_REL) if x not in schema.relation_names]
    if missing:
        raise SchemaError(f"the attribution scorer needs {', '.join(missing)} in the schema")


class _Frames:
    """Per cue id: its source id (or None) and its content ids."""

    def __init__(self, doc: Document):
        self.spans = doc.span_index()
        self.source: dict[str, str | None] = {}
        self.contents: dict[str, list[str]] = defaultdict(list)
        for span in doc.spans:
            if span.label == CUE:
                self.source[span.id] = None
        for rel in doc.relations:
            if rel.type == SOURCE_REL:
                self.source[rel.head] = rel.tail
            elif rel.type == CONTENT_REL:
                self.contents[rel.head].append(rel.tail)

    def triples(self) -> list[tuple[str, str | None, str]]:
        return [(cue, self.source.get(cue), content)
                for cue in sorted(self.contents) for content in self.contents[cue]]

    def offsets(self, span_id: str | None) -> Offsets | None:
        if span_id is None:
            return None
        span: Span = self.spans[span_id]
        return (span.start, span.end)


def count_attribution(gold: Document, pred: Document, alignment: Alignment) -> dict[str, int]:
    """Counts keyed `attribution/<exact|overlap>/<tp|fp|fn>`, `attribution/<match>/cues_matched`,
    `attribution/<match>/source_correct` and `attribution/<match>/content_correct`."""
    g, p = _Frames(gold), _Frames(pred)
    gold_triples, pred_triples = g.triples(), p.triples()
    counts: dict[str, int] = {}

    # exact: offsets
    gold_keys = Counter((g.offsets(c), g.offsets(s), g.offsets(t)) for c, s, t in gold_triples)
    pred_keys = Counter((p.offsets(c), p.offsets(s), p.offsets(t)) for c, s, t in pred_triples)
    _prf(counts, "exact", sum((gold_keys & pred_keys).values()), len(pred_triples), len(gold_triples))

    # overlap: partners in the span matching; an unmatched predicted component matches nothing
    def partner(span_id: str | None) -> str | None:
        return None if span_id is None else alignment.overlap.get(span_id, "\0unmatched")

    gold_ids = Counter(gold_triples)
    pred_ids = Counter((partner(c), partner(s), partner(t)) for c, s, t in pred_triples)
    _prf(counts, "overlap", sum((gold_ids & pred_ids).values()), len(pred_triples), len(gold_triples))

    # per matched cue: does the source / the set of contents match?
    for match, mapping in (("exact", alignment.exact), ("overlap", alignment.overlap)):
        matched = source_ok = content_ok = 0
        for pred_cue, gold_cue in mapping.items():
            if gold_cue not in g.source:  # the pair is not a CUE pair
                continue
            matched += 1
            ps, gs = p.source.get(pred_cue), g.source.get(gold_cue)
            pc, gc = p.contents.get(pred_cue, []), g.contents.get(gold_cue, [])
            if match == "exact":
                source_ok += p.offsets(ps) == g.offsets(gs)
                content_ok += _same(map(p.offsets, pc), map(g.offsets, gc))
            else:
                source_ok += partner(ps) == gs
                content_ok += _same(map(partner, pc), gc)
        counts[f"attribution/{match}/cues_matched"] = matched
        counts[f"attribution/{match}/source_correct"] = source_ok
        counts[f"attribution/{match}/content_correct"] = content_ok
    return counts


def _same(a: Iterable[Any], b: Iterable[Any]) -> bool:
    """Equal as multisets (the lists are short: the parts of one split quote)."""
    return sorted(a, key=repr) == sorted(b, key=repr)


def _prf(counts: dict[str, int], match: str, tp: int, predicted: int, gold: int) -> None:
    counts[f"attribution/{match}/tp"] = tp
    counts[f"attribution/{match}/fp"] = predicted - tp
    counts[f"attribution/{match}/fn"] = gold - tp
