"""Claim records from a predicted (or gold) document: who says what, how sure, how much.

One record per cue, as in the dataset's `attributions` config: the cue, its source (or none), its
content parts, the hedges inside the contents (or on the cue itself, A2/A3) with their categories,
and the quantities inside the contents with value, bounds, unit, kind and modifier.
"""

from __future__ import annotations

from typing import Any

from ..document import Document
from . import lexicons as lx


def _piece(span) -> dict[str, Any]:
    return {"text": span.text, "start": span.start, "end": span.end}


def claim_records(doc: Document) -> list[dict[str, Any]]:
    lab = lx.labels()
    spans = doc.span_index()
    records = []
    for cue in sorted((s for s in doc.spans if s.label == lab.cue), key=lambda s: (s.start, s.end)):
        sources = [spans[r.tail] for r in doc.relations if r.type == lab.rel_source and r.head == cue.id]
        contents = sorted((spans[r.tail] for r in doc.relations if r.type == lab.rel_content and r.head == cue.id),
                          key=lambda s: s.start)
        if not contents:
            continue

        def within(span) -> bool:
            return any(c.start <= span.start and span.end <= c.end for c in contents)

        hedges = [s for s in doc.spans if s.label == lab.hedge
                  and (within(s) or (s.start, s.end) == (cue.start, cue.end))]
        quantities = [s for s in doc.spans if s.label == lab.quantity and within(s)]
        entity_of = {r.head: spans[r.tail].text for r in doc.relations if r.type == lab.rel_quantifies}
        records.append({
            "document": doc.id,
            "cue": _piece(cue),
            "source": _piece(sources[0]) if sources else None,
            "content": [{**_piece(c), "quote": c.attrs.get("quote")} for c in contents],
            "hedges": [{**_piece(h), "category": h.attrs.get("category")} for h in sorted(hedges, key=lambda s: s.start)],
            "quantities": [{**_piece(q), **{k: q.attrs.get(k) for k in ("value", "low", "high", "unit", "kind",
                                                                       "modifier")},
                            "entity": entity_of.get(q.id)} for q in sorted(quantities, key=lambda s: s.start)],
        })
    return records
