"""Cue-centred linking of predicted spans into a valid document, shared by rules, crf and spacy.

Predictors produce spans (and, optionally, `Hint`s: the source and contents a predictor's own
analysis attached to a cue). `link` turns them into relations that satisfy the schema:

1. **Contents to cues.** A hinted (cue, content) pair is kept. Every other CONTENT goes to the
   nearest cue that is not inside it (cues inside a content are nested attributions, A8), in the
   same sentence as one of its ends; a direct quote with no cue in its sentences goes to the cue of
   the quote just before it (a quote continued after "she said.", A9/A11).
2. **Channels** ("citing", "which refers to", A7) with no content of their own point at the contents
   of the nearest other cue of their sentence.
3. **Sources to cues.** A hinted source is kept. Otherwise a cue takes the nearest SOURCE of its
   sentence that is not inside one of its contents; passive hearsay cues ("said to", A3) take none.
   A cue has at most one source; a source may serve several cues ("X said ... and warned ...").
4. **HEDGES**: a hedge inside a content links to the innermost one (H4); a hedge on the same
   characters as a cue (A2, A3) links to that cue's first content.
5. **QUANTIFIES**: each QUANTITY links to the first ENTITY after it in its sentence, at most 40
   characters on, with at most one other quantity in between ("five of the seven districts").
6. **Repair.** A cue without content, a content without cue, a source without cue and an entity
   without quantity are dropped; each drop is counted in `LinkStats` and logged, never silent.

`quote_of` sets the CONTENT `quote` attribute from the quotation marks around and inside the span
(A10).
"""

from __future__ import annotations

import logging
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field

from ..document import Document, Relation, Span
from ..tokens import sentences
from . import lexicons as lx

log = logging.getLogger(__name__)

OPEN_QUOTES = "“\"‘«"
CLOSE_QUOTES = "”\"’»"
QUOTES = set(OPEN_QUOTES + CLOSE_QUOTES) - {"’", "‘"}  # apostrophes are not quotation marks here


@dataclass(frozen=True)
class Hint:
    """A predictor's own attachment of a source and contents to a cue (span keys: (label, start, end))."""

    cue: tuple[str, int, int]
    source: tuple[str, int, int] | None = None
    contents: tuple[tuple[str, int, int], ...] = ()


@dataclass
class LinkStats:
    dropped: Counter = field(default_factory=Counter)

    def add(self, other: "LinkStats") -> None:
        self.dropped.update(other.dropped)


def quote_of(text: str, start: int, end: int) -> str:
    """`direct`, `indirect` or `mixed` for a CONTENT span, from quotation marks (A10)."""
    inner = text[start:end]
    has_inner = any(ch in QUOTES for ch in inner)
    before = text[max(0, start - 2):start].rstrip()
    opened = bool(before) and before[-1] in OPEN_QUOTES
    if opened and not has_inner:
        return "direct"
    if opened and has_inner:
        # a multi-sentence direct quote may contain its own closing and opening marks only at sentence ends
        return "direct" if inner.count("“") == inner.count("”") and "“" not in inner else "mixed"
    return "mixed" if has_inner else "indirect"


def trim(text: str, start: int, end: int, *, final_punct: bool = True) -> tuple[int, int]:
    """Offsets without surrounding whitespace and (with `final_punct`) trailing `.,;:` (G2)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or (final_punct and text[end - 1] in ".,;:")):
        end -= 1
    return start, end


class _Sentences:
    def __init__(self, text: str):
        self.spans = [(s.start, s.end) for s in sentences(text)]
        self.starts = [s for s, _ in self.spans]

    def index(self, offset: int) -> int:
        return max(0, bisect_right(self.starts, offset) - 1)


def _gap(a: Span, b: Span) -> int:
    if a.end <= b.start:
        return b.start - a.end
    if b.end <= a.start:
        return a.start - b.end
    return 0


def _inside(inner: Span, outer: Span) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end and (inner.start, inner.end) != (outer.start, outer.end)


def link(doc_id: str, text: str, spans: list[Span], hints: list[Hint] | None = None,
         meta: dict | None = None) -> tuple[Document, LinkStats]:
    """A valid document from predicted spans (ids are assigned here) and optional hints."""
    lab = lx.labels()
    stats = LinkStats()
    unique: dict[tuple[str, int, int], Span] = {}
    for span in spans:
        key = (span.label, span.start, span.end)
        if span.start >= span.end or text[span.start:span.end] != span.text:
            stats.dropped["bad offsets"] += 1
            continue
        unique.setdefault(key, span)
    ordered = sorted(unique.values(), key=lambda s: (s.start, s.end, s.label))
    by_key = {(s.label, s.start, s.end): s for s in ordered}
    sents = _Sentences(text)

    def sent(span: Span) -> set[int]:
        return {sents.index(span.start), sents.index(max(span.start, span.end - 1))}

    cues = [s for s in ordered if s.label == lab.cue]
    sources = [s for s in ordered if s.label == lab.source]
    contents = [s for s in ordered if s.label == lab.content]
    content_of: dict[int, list[Span]] = {id(c): [] for c in cues}  # cue -> contents
    source_of: dict[int, Span | None] = {}
    cue_of_content: dict[int, list[Span]] = {id(c): [] for c in contents}

    for hint in hints or []:
        cue = by_key.get(hint.cue)
        if cue is None:
            continue
        for key in hint.contents:
            content = by_key.get(key)
            if content is not None and content not in content_of[id(cue)]:
                content_of[id(cue)].append(content)
                cue_of_content[id(content)].append(cue)
        if hint.source is not None and hint.source in by_key:
            source_of[id(cue)] = by_key[hint.source]

    # 1. contents without a cue go to the nearest cue outside them in their sentences
    for content in contents:
        if cue_of_content[id(content)]:
            continue
        where = sent(content)
        candidates = [c for c in cues if not _inside(c, content) and (sent(c) & where)
                      and not (c.start >= content.start and c.end <= content.end)]
        if not candidates and quote_of(text, content.start, content.end) == "direct":
            # a quote continued after "she said.": the cue of the closest quote before it
            earlier = [c for c in contents if c.end <= content.start and cue_of_content[id(c)]
                       and min(where) - max(sent(c)) <= 2]
            if earlier:
                candidates = [cue_of_content[id(earlier[-1])][0]]
        if not candidates:
            continue
        cue = min(candidates, key=lambda c: (_gap(c, content), c.start))
        content_of[id(cue)].append(content)
        cue_of_content[id(content)].append(cue)

    # 2. channels without a content of their own share the nearest host cue's contents
    for cue in cues:
        if content_of[id(cue)] or cue.text.lower() not in lx.CHANNEL_CUES:
            continue
        hosts = [c for c in cues if c is not cue and content_of[id(c)] and sent(c) & sent(cue)]
        if hosts:
            host = min(hosts, key=lambda c: (_gap(c, cue), c.start))
            for content in content_of[id(host)]:
                content_of[id(cue)].append(content)
                cue_of_content[id(content)].append(cue)

    # 3. sources
    for cue in cues:
        if id(cue) in source_of or not content_of[id(cue)]:
            continue
        if cue.text.lower() in lx.PASSIVE_HEARSAY:
            source_of[id(cue)] = None
            continue
        mine = content_of[id(cue)]
        candidates = [s for s in sources if sent(s) & sent(cue)
                      and not any(c.start <= s.start and s.end <= c.end for c in mine)
                      and not (s.start < cue.end and cue.start < s.end)]
        source_of[id(cue)] = min(candidates, key=lambda s: (_gap(s, cue), s.start)) if candidates else None

    # 6. repair: drop what cannot be linked
    kept_cues = [c for c in cues if content_of[id(c)]]
    stats.dropped["cue without content"] += len(cues) - len(kept_cues)
    kept_contents = [c for c in contents if cue_of_content[id(c)] and any(q in kept_cues for q in cue_of_content[id(c)])]
    stats.dropped["content without cue"] += len(contents) - len(kept_contents)
    used_sources = {id(source_of.get(id(c))) for c in kept_cues if source_of.get(id(c)) is not None}
    kept_sources = [s for s in sources if id(s) in used_sources]
    stats.dropped["source without cue"] += len(sources) - len(kept_sources)

    relations: list[tuple[str, Span, Span]] = []
    for cue in kept_cues:
        if source_of.get(id(cue)) is not None:
            relations.append((lab.rel_source, cue, source_of[id(cue)]))
        for content in content_of[id(cue)]:
            relations.append((lab.rel_content, cue, content))

    # 4. hedges
    cue_by_offsets = {(c.start, c.end): c for c in kept_cues}
    for hedge in (s for s in ordered if s.label == lab.hedge):
        same = cue_by_offsets.get((hedge.start, hedge.end))
        if same is not None:
            relations.append((lab.rel_hedges, hedge, content_of[id(same)][0]))
            continue
        holders = [c for c in kept_contents if c.start <= hedge.start and hedge.end <= c.end]
        if holders:
            relations.append((lab.rel_hedges, hedge, min(holders, key=lambda c: (c.end - c.start, c.start))))

    # 5. quantities and entities
    quantities = [s for s in ordered if s.label == lab.quantity]
    entities = [s for s in ordered if s.label == lab.entity]
    linked_entities: set[int] = set()
    for q in quantities:
        after = [e for e in entities if e.start >= q.end and e.start - q.end <= 40 and sent(e) & sent(q)]
        if not after:
            continue
        entity = min(after, key=lambda e: e.start)
        between = [x for x in quantities if q.end <= x.start and x.end <= entity.start]
        if len(between) > 1:
            continue
        relations.append((lab.rel_quantifies, q, entity))
        linked_entities.add(id(entity))
    kept_entities = [e for e in entities if id(e) in linked_entities]
    stats.dropped["entity without quantity"] += len(entities) - len(kept_entities)

    keep = {id(s) for s in kept_cues + kept_contents + kept_sources + kept_entities}
    keep |= {id(s) for s in ordered if s.label in (lab.hedge, lab.quantity)}
    final = [s for s in ordered if id(s) in keep]
    ids = {id(s): f"T{i + 1}" for i, s in enumerate(final)}
    out_spans = [Span(ids[id(s)], s.label, s.start, s.end, s.text, dict(s.attrs)) for s in final]
    for span in out_spans:
        if span.label == lab.content:
            span.attrs = {"quote": quote_of(text, span.start, span.end)}
    rels = sorted({Relation(t, ids[id(h)], ids[id(x)]) for t, h, x in relations if id(h) in ids and id(x) in ids})
    for reason, count in sorted(stats.dropped.items()):
        if count:
            log.debug("%s: dropped %d (%s)", doc_id, count, reason)
    return Document(doc_id, text, dict(meta or {}), out_spans, rels).canonical(), stats
