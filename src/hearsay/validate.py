"""Validation of canonical documents against the schema.

Every check reports *all* problems it finds, each located by file, document id and span or relation,
so that a bad export can be fixed in one pass. `load_documents` is the entry point used by every
stage that reads documents: it raises `ValidationError` instead of returning anything half-valid.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path
from typing import Any

from .document import Document, sha256_text
from .errors import Problem, ValidationError
from .io import iter_jsonl
from .schema import Attribute, Schema, load_schema

DOC_KEYS = {"id", "text", "meta", "spans", "relations"}
SPAN_KEYS = {"id", "label", "start", "end", "text", "attrs"}
REL_KEYS = {"type", "head", "tail"}


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return (isinstance(value, (int, float)) and not isinstance(value, bool)
            and math.isfinite(value))


def check_attribute(attr: Attribute, value: Any) -> str | None:
    """Why `value` is not allowed for `attr`, or None when it is."""
    if value is None:
        return f"attribute {attr.name} is required" if attr.required else None
    if attr.type == "choice" and value not in attr.values:
        return f"attribute {attr.name}={value!r} is not one of {list(attr.values)}"
    if attr.type == "number" and not _is_number(value):
        return f"attribute {attr.name}={value!r} is not a number"
    if attr.type == "text" and (not isinstance(value, str) or not value.strip()):
        return f"attribute {attr.name}={value!r} is not a non-empty string"
    return None


def check_meta(meta: Any, schema: Schema, file: str, doc_id: str | None, *, required: bool) -> list[Problem]:
    """Check `meta` against the schema's metadata fields. With `required=False` absent fields are fine."""
    if not isinstance(meta, dict):
        return [Problem(file, doc_id, "meta", f"meta must be an object, got {type(meta).__name__}")]
    problems = []
    for field in schema.metadata:
        if field.name not in meta or meta[field.name] is None:
            if required and field.required:
                problems.append(Problem(file, doc_id, f"meta.{field.name}", "required metadata field is missing"))
            continue
        value = meta[field.name]
        where = f"meta.{field.name}"
        if field.type == "integer":
            if not _is_int(value):
                problems.append(Problem(file, doc_id, where, f"{value!r} is not an integer"))
            continue
        if not isinstance(value, str):
            problems.append(Problem(file, doc_id, where, f"{value!r} is not a string"))
            continue
        if field.type == "choice" and value not in field.values:
            problems.append(Problem(file, doc_id, where, f"{value!r} is not one of {list(field.values)}"))
        if field.type == "date":
            try:
                date.fromisoformat(value)
                if len(value) != 10:
                    raise ValueError
            except ValueError:
                problems.append(Problem(file, doc_id, where, f"{value!r} is not a YYYY-MM-DD date"))
        if field.pattern and not re.fullmatch(field.pattern, value):
            problems.append(Problem(file, doc_id, where, f"{value!r} does not match {field.pattern}"))
    return problems


def check_document(raw: Any, schema: Schema | None = None, *, file: str = "<input>",
                   meta_required: bool = True) -> list[Problem]:
    """Every problem of one raw document dict (shape, offsets, labels, attributes, relations, meta)."""
    schema = schema or load_schema()
    if not isinstance(raw, dict):
        return [Problem(file, None, None, f"a document must be a JSON object, got {type(raw).__name__}")]
    doc_id = raw.get("id") if isinstance(raw.get("id"), str) else None
    problems: list[Problem] = []

    def add(item: str | None, reason: str) -> None:
        problems.append(Problem(file, doc_id, item, reason))

    for key in sorted(DOC_KEYS - raw.keys()):
        add(None, f"missing key {key!r}")
    for key in sorted(raw.keys() - DOC_KEYS):
        add(None, f"unknown key {key!r}")
    if doc_id is None:
        add(None, "id must be a string")
    text = raw.get("text")
    if not isinstance(text, str) or not text:
        add(None, "text must be a non-empty string")
        return problems
    if "meta" in raw:
        problems += check_meta(raw["meta"], schema, file, doc_id, required=meta_required)
        meta = raw["meta"] if isinstance(raw["meta"], dict) else {}
        if isinstance(meta.get("sha256"), str) and meta["sha256"] != sha256_text(text):
            add("meta.sha256", "text has changed since it was annotated (sha256 of the text does not match)")
        if isinstance(meta.get("id"), str) and doc_id is not None and meta["id"] != doc_id:
            add("meta.id", f"meta.id {meta['id']!r} differs from the document id")

    spans = raw.get("spans", [])
    if not isinstance(spans, list):
        add("spans", "spans must be a list")
        spans = []
    labels_by_id: dict[str, str] = {}
    id_counts = Counter(s.get("id") for s in spans if isinstance(s, dict))
    for index, span in enumerate(spans):
        if not isinstance(span, dict):
            add(f"span #{index}", "a span must be an object")
            continue
        sid = span.get("id")
        item = f"span {sid}" if isinstance(sid, str) else f"span #{index}"
        for key in sorted(SPAN_KEYS - span.keys()):
            add(item, f"missing key {key!r}")
        for key in sorted(span.keys() - SPAN_KEYS):
            add(item, f"unknown key {key!r}")
        if not isinstance(sid, str) or not sid:
            add(item, "span id must be a non-empty string")
        elif id_counts[sid] > 1:
            add(item, f"duplicate span id (used {id_counts[sid]} times)")
        label = span.get("label")
        if label not in schema.label_names:
            add(item, f"unknown label {label!r} (allowed: {', '.join(schema.label_names)})")
            label = None
        elif isinstance(sid, str):
            labels_by_id[sid] = label
        start, end = span.get("start"), span.get("end")
        if not (_is_int(start) and _is_int(end)):
            add(item, f"start and end must be integers, got {start!r} and {end!r}")
        elif not 0 <= start < end <= len(text):
            add(item, f"offsets [{start}, {end}) out of range for a text of length {len(text)}")
        else:
            piece = text[start:end]
            if span.get("text") != piece:
                add(item, f"span text {span.get('text')!r} differs from the text at [{start}, {end}): {piece!r}")
            if piece != piece.strip():
                add(item, f"span [{start}, {end}) {piece!r} starts or ends with whitespace")
        attrs = span.get("attrs", {})
        if not isinstance(attrs, dict):
            add(item, "attrs must be an object")
            continue
        if label is not None:
            definition = schema.label(label)
            allowed = {a.name for a in definition.attributes}
            for key in sorted(attrs.keys() - allowed):
                add(item, f"attribute {key!r} is not defined for label {label}")
            for attr in definition.attributes:
                reason = check_attribute(attr, attrs.get(attr.name))
                if reason:
                    add(item, reason)

    relations = raw.get("relations", [])
    if not isinstance(relations, list):
        add("relations", "relations must be a list")
        relations = []
    seen: Counter[tuple[Any, Any, Any]] = Counter()
    per_head: dict[tuple[str, str], int] = defaultdict(int)
    per_tail: dict[tuple[str, str], int] = defaultdict(int)
    for index, rel in enumerate(relations):
        if not isinstance(rel, dict):
            add(f"relation #{index}", "a relation must be an object")
            continue
        item = f"relation {rel.get('type')} {rel.get('head')}->{rel.get('tail')}"
        for key in sorted(REL_KEYS - rel.keys()):
            add(item, f"missing key {key!r}")
        for key in sorted(rel.keys() - REL_KEYS):
            add(item, f"unknown key {key!r}")
        key = (rel.get("type"), rel.get("head"), rel.get("tail"))
        seen[key] += 1
        if seen[key] == 2:
            add(item, "duplicate relation")
        if rel.get("type") not in schema.relation_names:
            add(item, f"unknown relation type {rel.get('type')!r} (allowed: {', '.join(schema.relation_names)})")
            continue
        rtype = schema.relation(rel["type"])
        ok = True
        for end_name, allowed in (("head", rtype.head), ("tail", rtype.tail)):
            ref = rel.get(end_name)
            if ref not in labels_by_id:
                if not (isinstance(ref, str) and id_counts.get(ref)):
                    add(item, f"{end_name} {ref!r} is not a span of this document")
                ok = False
            elif labels_by_id[ref] not in allowed:
                add(item, f"{end_name} {ref} is a {labels_by_id[ref]}, but {rtype.name} needs {'/'.join(allowed)}")
                ok = False
        if ok and seen[key] == 1:
            per_head[(rtype.name, rel["head"])] += 1
            per_tail[(rtype.name, rel["tail"])] += 1

    for rtype in schema.relations:
        for sid, label in sorted(labels_by_id.items()):
            if label in rtype.head:
                problems += _cardinality(file, doc_id, sid, label, rtype.name, "from", per_head[(rtype.name, sid)],
                                         rtype.per_head.min, rtype.per_head.max)
            if label in rtype.tail:
                problems += _cardinality(file, doc_id, sid, label, rtype.name, "into", per_tail[(rtype.name, sid)],
                                         rtype.per_tail.min, rtype.per_tail.max)
    return problems


def _cardinality(file: str, doc_id: str | None, sid: str, label: str, rel: str, direction: str, count: int,
                 low: int, high: int | None) -> list[Problem]:
    if count < low:
        return [Problem(file, doc_id, f"span {sid}",
                        f"{label} needs at least {low} {rel} relation(s) {direction} it, has {count}")]
    if high is not None and count > high:
        return [Problem(file, doc_id, f"span {sid}",
                        f"{label} allows at most {high} {rel} relation(s) {direction} it, has {count}")]
    return []


def check_documents(raws: list[Any], schema: Schema | None = None, *, file: str = "<input>",
                    meta_required: bool = True) -> list[Problem]:
    schema = schema or load_schema()
    problems: list[Problem] = []
    ids = Counter(r.get("id") for r in raws if isinstance(r, dict))
    for doc_id, count in sorted(ids.items(), key=lambda kv: str(kv[0])):
        if count > 1:
            problems.append(Problem(file, str(doc_id), None, f"duplicate document id ({count} documents)"))
    for raw in raws:
        problems += check_document(raw, schema, file=file, meta_required=meta_required)
    return problems


def validate_documents(documents: list[Document], schema: Schema | None = None, *, file: str = "<input>",
                       meta_required: bool = True) -> None:
    """Raise `ValidationError` with every problem of already-built documents."""
    problems = check_documents([d.to_dict() for d in documents], schema, file=file, meta_required=meta_required)
    if problems:
        raise ValidationError(problems)


def load_documents(path: Path, schema: Schema | None = None, *, meta_required: bool = True) -> list[Document]:
    """Read a documents JSONL file, validate every document, and return them in canonical order.

    Streams the file (one raw document in memory at a time) and reports every problem of every
    document, including duplicate ids, before raising."""
    schema = schema or load_schema()
    problems: list[Problem] = []
    docs: list[Document] = []
    ids: Counter[str] = Counter()
    for raw in iter_jsonl(path):
        found = check_document(raw, schema, file=str(path), meta_required=meta_required)
        problems += found
        if isinstance(raw.get("id"), str):
            ids[raw["id"]] += 1
            if ids[raw["id"]] == 2:
                problems.append(Problem(str(path), raw["id"], None, "duplicate document id"))
        if not found and not problems:
            docs.append(Document.from_dict(raw).canonical())
    if problems:
        raise ValidationError(problems)
    return docs
