"""Sentences, tokens and BIO tags: derived views of the character-offset gold.

Tokenizer: spaCy's rule-based English tokenizer (`spacy.blank("en")`) with the rule-based
`sentencizer`, plus a sentence break at every line break (tables, bulletins, live-blog entries).
Whitespace tokens are dropped.

BIO per layer: each layer (attribution, hedging, quantities) gets its own tag sequence. Where spans
of one layer overlap, a token takes the tag of the label listed first in the layer (attribution:
CUE > SOURCE > CONTENT) and, for the same label, of the innermost (shortest) span. A span whose edges
fall inside a token is widened to whole tokens and counted in `TokenStats.misaligned`; a span
continued in the next sentence starts there with B-. Nothing is dropped without being counted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import spacy

from .document import Document
from .schema import Schema

TOKENIZER = f"spacy {spacy.__version__} blank('en') tokenizer + sentencizer + line breaks"


@dataclass
class Sentence:
    start: int
    end: int
    tokens: list[tuple[int, int]]  # (start, end) character offsets of each token


@dataclass
class TokenStats:
    spans: int = 0
    misaligned: int = 0
    shadowed: int = 0  # spans with no token carrying their own tag (fully covered by higher-priority spans)
    misaligned_ids: list[tuple[str, str]] = field(default_factory=list)


@lru_cache(maxsize=1)
def _nlp() -> spacy.language.Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def sentences(text: str) -> list[Sentence]:
    """Sentences with token offsets; sentence breaks also at line breaks."""
    doc = _nlp()(text)
    out: list[Sentence] = []
    for sent in doc.sents:
        current: list[tuple[int, int]] = []
        for token in sent:
            if token.is_space or not token.text.strip():
                if "\n" in token.text or "\n" in token.whitespace_:
                    if current:
                        out.append(Sentence(current[0][0], current[-1][1], current))
                    current = []
                continue
            current.append((token.idx, token.idx + len(token.text)))
            if "\n" in token.whitespace_:
                out.append(Sentence(current[0][0], current[-1][1], current))
                current = []
        if current:
            out.append(Sentence(current[0][0], current[-1][1], current))
    return out


def sentence_at(sents: list[Sentence], offset: int) -> Sentence | None:
    for sent in sents:
        if sent.start <= offset < sent.end:
            return sent
    return None


def bio_tags(doc: Document, sents: list[Sentence], schema: Schema, stats: TokenStats | None = None,
             ) -> dict[str, list[list[str]]]:
    """Per layer, per sentence, one BIO tag per token (see the module docstring for overlaps)."""
    stats = stats if stats is not None else TokenStats()
    tokens = [(si, ti, s, e) for si, sent in enumerate(sents) for ti, (s, e) in enumerate(sent.tokens)]
    starts = {s for *_, s, _ in tokens}
    ends = {e for *_, e in tokens}
    out: dict[str, list[list[str]]] = {}
    for layer in schema.layers:
        tags = [["O"] * len(sent.tokens) for sent in sents]
        owner: list[list[tuple[int, int] | None]] = [[None] * len(sent.tokens) for sent in sents]
        layer_spans = [span for span in doc.spans if span.label in layer.labels]
        for span in layer_spans:
            stats.spans += 1
            if span.start not in starts or span.end not in ends:
                stats.misaligned += 1
                stats.misaligned_ids.append((doc.id, span.id))
            priority = (layer.labels.index(span.label), span.end - span.start)
            covered = [(si, ti) for si, ti, s, e in tokens if s < span.end and e > span.start]
            won = False
            for si, ti in covered:
                current = owner[si][ti]
                if current is None or priority < current:
                    owner[si][ti] = priority
                    tags[si][ti] = span.label + "\0" + span.id
                    won = True
            if not won:
                stats.shadowed += 1
        # turn owners into BIO: B- where the owning span changes or a sentence starts
        for si, row in enumerate(tags):
            previous = None
            for ti, tag in enumerate(row):
                if tag == "O":
                    previous = None
                    continue
                label = tag.split("\0")[0]
                row[ti] = ("I-" if tag == previous else "B-") + label
                previous = tag
        out[layer.name] = tags
    return out
