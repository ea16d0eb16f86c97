"""Corpus statistics computed from documents; used by `hearsay stats` and the dataset card."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from statistics import median

from .document import Document


@dataclass
class Stats:
    documents: int = 0
    words: int = 0
    by_split: dict[str, int] = field(default_factory=dict)
    labels: Counter = field(default_factory=Counter)
    relations: Counter = field(default_factory=Counter)
    by_domain: dict[str, Counter] = field(default_factory=dict)
    domains: Counter = field(default_factory=Counter)
    styles: Counter = field(default_factory=Counter)
    provenance: Counter = field(default_factory=Counter)
    years: Counter = field(default_factory=Counter)
    span_lengths: dict[str, list[int]] = field(default_factory=dict)  # label -> token-ish lengths (words)
    attributes: dict[str, Counter] = field(default_factory=dict)  # "LABEL.attr" -> values
    attributions: int = 0  # cues with at least one content
    cues_without_source: int = 0
    split_contents: int = 0  # cues with more than one content span
    nested: int = 0  # cues inside another cue's content
    hedges_in_content: int = 0
    quantities_with_entity: int = 0
    non_ascii_docs: int = 0
    emoji_docs: int = 0

    def length_summary(self, label: str) -> tuple[int, float, int] | None:
        values = self.span_lengths.get(label) or []
        if not values:
            return None
        return min(values), median(values), max(values)


def _has_emoji(text: str) -> bool:
    return any(0x1F300 <= ord(ch) <= 0x1FAFF or 0x2600 <= ord(ch) <= 0x27BF for ch in text)


def compute_stats(by_split: dict[str, list[Document]]) -> Stats:
    stats = Stats()
    for split, docs in by_split.items():
        stats.by_split[split] = len(docs)
        for doc in docs:
            stats.documents += 1
            stats.words += len(doc.text.split())
            domain = doc.meta.get("domain") or "unknown"
            stats.domains[domain] += 1
            stats.styles[doc.meta.get("style") or "unknown"] += 1
            stats.provenance[doc.meta.get("provenance") or "unknown"] += 1
            stats.years[str(doc.meta.get("date", ""))[:4]] += 1
            stats.non_ascii_docs += any(ord(ch) > 127 for ch in doc.text)
            stats.emoji_docs += _has_emoji(doc.text)
            per_domain = stats.by_domain.setdefault(domain, Counter())
            index = doc.span_index()
            for span in doc.spans:
                stats.labels[span.label] += 1
                per_domain[span.label] += 1
                stats.span_lengths.setdefault(span.label, []).append(len(span.text.split()))
                for key, value in span.attrs.items():
                    if key in ("value", "low", "high"):
                        value = "set" if value is not None else "null"
                    stats.attributes.setdefault(f"{span.label}.{key}", Counter())[str(value)] += 1
            out: Counter = Counter()
            for rel in doc.relations:
                stats.relations[rel.type] += 1
                out[(rel.type, rel.head)] += 1
            contents = {}
            for rel in doc.relations:
                if rel.type == "CONTENT":
                    contents.setdefault(rel.head, []).append(index[rel.tail])
            for span in doc.spans:
                if span.label == "CUE":
                    stats.attributions += bool(out[("CONTENT", span.id)])
                    stats.cues_without_source += out[("SOURCE", span.id)] == 0
                    stats.split_contents += out[("CONTENT", span.id)] > 1
                    stats.nested += any(c.start <= span.start and span.end <= c.end
                                        for cue, cs in contents.items() if cue != span.id for c in cs)
                elif span.label == "HEDGE":
                    stats.hedges_in_content += out[("HEDGES", span.id)] > 0
                elif span.label == "QUANTITY":
                    stats.quantities_with_entity += out[("QUANTIFIES", span.id)] > 0
    return stats
