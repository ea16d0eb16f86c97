"""The canonical document: character-offset stand-off annotation over immutable text.

Offsets are Python `str` indices (Unicode code points, as in Label Studio), end exclusive, and
`text[start:end] == span.text` always holds for a valid document. See DESIGN.md.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .io import read_jsonl, write_jsonl


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(slots=True)
class Span:
    id: str
    label: str
    start: int
    end: int
    text: str
    attrs: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "label": self.label, "start": self.start, "end": self.end,
                "text": self.text, "attrs": dict(self.attrs)}

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> "Span":
        return cls(raw["id"], raw["label"], raw["start"], raw["end"], raw["text"], dict(raw.get("attrs") or {}))


@dataclass(frozen=True, order=True, slots=True)
class Relation:
    type: str
    head: str
    tail: str

    def to_dict(self) -> dict[str, Any]:
        return {"type": self.type, "head": self.head, "tail": self.tail}

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> "Relation":
        return cls(raw["type"], raw["head"], raw["tail"])


@dataclass
class Document:
    id: str
    text: str
    meta: dict[str, Any] = field(default_factory=dict)
    spans: list[Span] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)

    def span(self, span_id: str) -> Span:
        for span in self.spans:
            if span.id == span_id:
                return span
        raise KeyError(span_id)

    def span_index(self) -> dict[str, Span]:
        return {span.id: span for span in self.spans}

    def canonical(self) -> "Document":
        """Same content in the one stored order: spans by (start, end, label, id), relations sorted."""
        spans = sorted(self.spans, key=lambda s: (s.start, s.end, s.label, s.id))
        return Document(self.id, self.text, dict(self.meta), spans, sorted(set(self.relations)))

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "text": self.text, "meta": dict(self.meta),
                "spans": [s.to_dict() for s in self.spans],
                "relations": [r.to_dict() for r in self.relations]}

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> "Document":
        """Build from a dict already checked by `validate.check_document_shape`."""
        return cls(raw["id"], raw["text"], dict(raw.get("meta") or {}),
                   [Span.from_dict(s) for s in raw.get("spans") or []],
                   [Relation.from_dict(r) for r in raw.get("relations") or []])


def write_documents(path: Path, documents: list[Document]) -> None:
    """Write documents JSONL atomically, in the given order."""
    write_jsonl(path, (doc.to_dict() for doc in documents))


def read_documents_raw(path: Path) -> list[dict[str, Any]]:
    return read_jsonl(path)
