"""Rows of each dataset config, derived from canonical documents (the `documents` config is the truth;
every other config is a view of it)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from ..document import Document, Span
from ..schema import Schema
from ..tokens import Sentence, TokenStats, bio_tags, sentence_at, sentences


def _offsets(span: Span | None) -> dict[str, Any] | None:
    if span is None:
        return None
    return {"id": span.id, "start": span.start, "end": span.end, "text": span.text}


def _attrs(span: Span, schema: Schema) -> dict[str, Any]:
    return {a.name: span.attrs.get(a.name) for a in schema.all_attributes()}


def document_row(doc: Document, schema: Schema) -> dict[str, Any]:
    return {
        "id": doc.id,
        "text": doc.text,
        "meta": {f.name: doc.meta.get(f.name) for f in schema.metadata if f.name != "id"},
        "spans": [{"id": s.id, "label": s.label, "start": s.start, "end": s.end, "text": s.text,
                   "attrs": _attrs(s, schema)} for s in doc.spans],
        "relations": [r.to_dict() for r in doc.relations],
    }


def _quantity(span: Span, schema: Schema) -> dict[str, Any]:
    q = schema.label("QUANTITY")
    return {"id": span.id, "start": span.start, "end": span.end, "text": span.text,
            **{a.name: span.attrs.get(a.name) for a in q.attributes}}


def _inside(span: Span, outer: list[Span]) -> bool:
    return any(o.start <= span.start and span.end <= o.end for o in outer)


def _sentence_text(doc: Document, sents: list[Sentence], span: Span) -> tuple[str, int]:
    sent = sentence_at(sents, span.start)
    if sent is None:
        return doc.text[span.start:span.end], span.start
    return doc.text[sent.start:max(sent.end, min(span.end, len(doc.text)))], sent.start


class DocumentViews:
    """All per-document rows of the derived configs, computed once per document."""

    def __init__(self, doc: Document, schema: Schema, stats: TokenStats):
        self.doc, self.schema = doc, schema
        self.sents = sentences(doc.text)
        self.spans = doc.span_index()
        self.out: dict[str, list[Span]] = defaultdict(list)  # (type, head) -> tails
        self.into: dict[str, list[Span]] = defaultdict(list)
        for rel in doc.relations:
            self.out[(rel.type, rel.head)].append(self.spans[rel.tail])
            self.into[(rel.type, rel.tail)].append(self.spans[rel.head])
        self.cues = [s for s in doc.spans if s.label == "CUE"]
        self.contents_of = {c.id: sorted(self.out[("CONTENT", c.id)], key=lambda s: s.start) for c in self.cues}
        self.stats = stats

    def innermost_attribution(self, span: Span, exclude: str | None = None) -> str | None:
        """The cue whose content most tightly contains `span` (None outside any attribution)."""
        best: tuple[int, str] | None = None
        for cue in self.cues:
            if cue.id == exclude:
                continue
            for content in self.contents_of[cue.id]:
                if content.start <= span.start and span.end <= content.end and content.id != span.id:
                    size = content.end - content.start
                    if best is None or size < best[0]:
                        best = (size, cue.id)
        return best[1] if best else None

    def attributions(self) -> list[dict[str, Any]]:
        rows = []
        hedges = [s for s in self.doc.spans if s.label == "HEDGE"]
        quantities = [s for s in self.doc.spans if s.label == "QUANTITY"]
        for cue in self.cues:
            contents = self.contents_of[cue.id]
            sources = self.out[("SOURCE", cue.id)]
            linked = {h.id for h in hedges if any(c in contents for c in self.out[("HEDGES", h.id)])}
            rows.append({
                "doc_id": self.doc.id,
                "domain": self.doc.meta.get("domain"),
                "cue": _offsets(cue),
                "source": _offsets(sources[0]) if sources else None,
                "contents": [{**_offsets(c), "quote": c.attrs.get("quote")} for c in contents],
                "hedges": [{**_offsets(h), "category": h.attrs.get("category")} for h in hedges
                           if h.id in linked or _inside(h, contents)],
                "quantities": [_quantity(q, self.schema) for q in quantities if _inside(q, contents)],
                "parent_cue": self.innermost_attribution(cue, exclude=cue.id),
                "sentence": _sentence_text(self.doc, self.sents, cue)[0],
            })
        return rows

    def _place(self, span: Span) -> dict[str, Any]:
        """The `PLACE` fields of a span row: its sentence and the innermost attribution around it."""
        sentence, sentence_start = _sentence_text(self.doc, self.sents, span)
        return {"sentence": sentence, "sentence_start": sentence_start,
                "in_attribution": self.innermost_attribution(span)}

    def quantities(self) -> list[dict[str, Any]]:
        rows = []
        for span in self.doc.spans:
            if span.label != "QUANTITY":
                continue
            entities = self.out[("QUANTIFIES", span.id)]
            rows.append({"doc_id": self.doc.id, "domain": self.doc.meta.get("domain"),
                         **_quantity(span, self.schema),
                         "entity": _offsets(entities[0]) if entities else None, **self._place(span)})
        return rows

    def hedges(self) -> list[dict[str, Any]]:
        rows = []
        for span in self.doc.spans:
            if span.label != "HEDGE":
                continue
            rows.append({"doc_id": self.doc.id, "domain": self.doc.meta.get("domain"),
                         **_offsets(span), "category": span.attrs.get("category"), **self._place(span)})
        return rows

    def tokens(self) -> list[dict[str, Any]]:
        tags = bio_tags(self.doc, self.sents, self.schema, self.stats)
        rows = []
        for index, sent in enumerate(self.sents):
            rows.append({"doc_id": self.doc.id, "sentence_index": index,
                         "tokens": [self.doc.text[s:e] for s, e in sent.tokens],
                         "token_starts": [s for s, _ in sent.tokens],
                         "token_ends": [e for _, e in sent.tokens],
                         **{f"{layer}_tags": tags[layer][index] for layer in tags}})
        return rows


def config_rows(docs: list[Document], schema: Schema, stats: TokenStats) -> dict[str, list[dict[str, Any]]]:
    rows: dict[str, list[dict[str, Any]]] = {"documents": [], "attributions": [], "quantities": [],
                                             "hedges": [], "tokens": []}
    for doc in docs:
        rows["documents"].append(document_row(doc, schema))
        views = DocumentViews(doc, schema, stats)
        rows["attributions"] += views.attributions()
        rows["quantities"] += views.quantities()
        rows["hedges"] += views.hedges()
        rows["tokens"] += views.tokens()
    return rows
