"""Anchor-text annotation drafts: a compact, hand-writable format resolved to offsets by code.

Annotators who work outside Label Studio write one YAML file per document; spans are located by
their text, never by counted offsets (guideline G1)::

    id: economy-2021-03-04-port-strike
    annotator: annotator-a
    spans:
      - {id: C1, label: CUE, text: "said"}                         # must occur once in the text
      - {id: C2, label: CUE, text: "said", ctx: "Okafor said on"}  # ctx occurs once and contains text once
      - {id: C3, label: CUE, text: "said", nth: 3}                  # the 3rd occurrence (1-based)
      - {id: Q1, label: QUANTITY, text: "about 11,000", value: 11000, kind: count, modifier: approximate}
    relations:
      - [SOURCE, C1, S1]

Attributes are written inline on the span; omitted attributes are null. `resolve_draft` returns a
canonical `Document` (validated separately) or raises `ValidationError` naming every span it could
not place.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .corpus import CorpusDoc
from .document import Document, Relation, Span
from .errors import InputError, Problem, ValidationError
from .io import read_yaml
from .schema import Schema, load_schema

SPAN_FIELDS = {"id", "label", "text", "ctx", "nth"}


def _occurrences(haystack: str, needle: str) -> list[int]:
    found, start = [], haystack.find(needle)
    while start != -1:
        found.append(start)
        start = haystack.find(needle, start + 1)
    return found


def locate(text: str, needle: str, ctx: str | None = None, nth: int | None = None) -> int:
    """Start offset of `needle` in `text`, located unambiguously; raises ValueError with the reason."""
    if not needle:
        raise ValueError("empty span text")
    if ctx is not None:
        inside = _occurrences(ctx, needle)
        if len(inside) != 1:
            raise ValueError(f"ctx {ctx!r} must contain the span text exactly once, contains it {len(inside)} times")
        places = _occurrences(text, ctx)
        if len(places) != 1:
            raise ValueError(f"ctx {ctx!r} occurs {len(places)} times in the text; it must occur exactly once")
        return places[0] + inside[0]
    places = _occurrences(text, needle)
    if nth is not None:
        if not 1 <= nth <= len(places):
            raise ValueError(f"nth={nth} but the text occurs {len(places)} times")
        return places[nth - 1]
    if len(places) != 1:
        raise ValueError(f"text occurs {len(places)} times; add ctx (a longer unique string around it) or nth")
    return places[0]


def read_draft(path: Path) -> dict[str, Any]:
    raw = read_yaml(path, "draft")
    if not isinstance(raw, dict):
        raise InputError(f"{path}: a draft must be a mapping with id, spans and relations")
    return raw


def resolve_draft(raw: dict[str, Any], corpus_doc: CorpusDoc, schema: Schema | None = None,
                  *, file: str = "<draft>") -> Document:
    schema = schema or load_schema()
    doc_id = corpus_doc.id
    problems: list[Problem] = []
    spans: list[Span] = []
    for index, entry in enumerate(raw.get("spans") or []):
        if not isinstance(entry, dict):
            problems.append(Problem(file, doc_id, f"span #{index}", "a span must be a mapping"))
            continue
        sid = str(entry.get("id", f"#{index}"))
        label = entry.get("label")
        if label not in schema.label_names:
            problems.append(Problem(file, doc_id, f"span {sid}", f"unknown label {label!r}"))
            continue
        allowed = {a.name for a in schema.label(label).attributes}
        unknown = sorted(entry.keys() - SPAN_FIELDS - allowed)
        if unknown:
            problems.append(Problem(file, doc_id, f"span {sid}", f"fields {unknown} are not defined for {label}"))
        needle = entry.get("text")
        if not isinstance(needle, str):
            problems.append(Problem(file, doc_id, f"span {sid}", "text must be a string"))
            continue
        try:
            start = locate(corpus_doc.text, needle, entry.get("ctx"), entry.get("nth"))
        except ValueError as exc:
            problems.append(Problem(file, doc_id, f"span {sid}", f"cannot place {needle!r}: {exc}"))
            continue
        attrs = {a.name: entry.get(a.name) for a in schema.label(label).attributes}
        spans.append(Span(sid, label, start, start + len(needle), needle, attrs))
    relations = []
    for index, entry in enumerate(raw.get("relations") or []):
        if isinstance(entry, dict):
            entry = [entry.get("type"), entry.get("head"), entry.get("tail")]
        if not (isinstance(entry, list) and len(entry) == 3 and all(isinstance(x, str) for x in entry)):
            problems.append(Problem(file, doc_id, f"relation #{index}", "write relations as [TYPE, HEAD, TAIL]"))
            continue
        relations.append(Relation(*entry))
    if problems:
        raise ValidationError(problems)
    meta = dict(corpus_doc.meta)
    return Document(doc_id, corpus_doc.text, meta, spans, relations).canonical()
