"""Sentences, tokens and BIO tags: derived views of the character-offset gold.

Tokenizer (`TOKENIZER`): Hearsay's own deterministic regular-expression tokenizer, so the `tokens`
config does not change when a model package is upgraded. A token is a word with internal hyphens or
apostrophes ("42-year-old", "don't"), a number with internal separators ("12,000", "2.3"), a dotted
abbreviation ("U.S."), or any other single non-space character (punctuation, symbols, each emoji code
point). Sentences end after `.`, `!`, `?` or `…` (with any closing quotes or brackets) when the next
token starts a sentence (capital letter, digit or opening quote) and the word before is not a known
abbreviation ("Dr.", "Gen.", "Jan."), and at every line break (tables, bulletins, live-blog entries).

BIO per layer: each layer (attribution, hedging, quantities) gets its own tag sequence. Where spans
of one layer overlap, a token takes the tag of the label listed first in the layer (attribution:
CUE > SOURCE > CONTENT) and, for the same label, of the innermost (shortest) span. A span whose edges
fall inside a token is widened to whole tokens and counted in `TokenStats.misaligned`; a span
continued in the next sentence starts there with B-. Nothing is dropped without being counted.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from .document import Document
from .schema import Schema

TOKENIZER = "hearsay-regex-v1 (hearsay.tokens: words, numbers, dotted abbreviations, single symbols; " \
            "sentences at terminal punctuation and line breaks)"

_WORD = r"[^\W_][\w\u0300-\u036f]*"
TOKEN_RE = re.compile(
    r"(?:[A-Za-z]\.){2,}"  # U.S., e.g.
    rf"|{_WORD}(?:(?:[-'’]|[.,](?=\d)){_WORD})*"  # words, 42-year-old, 12,000, 2.3
    r"|[^\s]"  # anything else, one code point at a time
)
TERMINAL = set(".!?…")
CLOSING = set("\"”’)]'»")
OPENING = set("\"“‘(['«")
ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "sen", "rep", "gov", "lt", "col", "capt", "sgt", "st", "no", "vs",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "inc", "ltd", "co",
    "corp", "approx", "est", "fig", "mt", "ft", "jr", "sr",
}


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


def tokenize(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in TOKEN_RE.finditer(text)]


def sentences(text: str) -> list[Sentence]:
    """Sentences with token offsets (see the module docstring for the rules)."""
    tokens = tokenize(text)
    out: list[Sentence] = []
    current: list[tuple[int, int]] = []
    for index, (start, end) in enumerate(tokens):
        if current and "\n" in text[current[-1][1]:start]:
            out.append(Sentence(current[0][0], current[-1][1], current))
            current = []
        current.append((start, end))
        if text[start:end] in CLOSING and len(current) > 1 and text[current[-2][0]:current[-2][1]] in TERMINAL:
            pass  # a closing quote after the full stop: decide below like the stop itself
        elif text[start:end] not in TERMINAL:
            continue
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        if following is None:
            continue
        if text[end:following[0]] == "" and text[following[0]] in CLOSING:
            continue  # the closing quote belongs to this sentence
        first = text[following[0]]
        if not (first.isupper() or first.isdigit() or first in OPENING):
            continue
        stop = next((i for i in range(len(current) - 1, -1, -1) if text[current[i][0]:current[i][1]] in TERMINAL), None)
        if stop is not None and stop > 0 and text[current[stop][0]:current[stop][1]] == ".":
            word = text[current[stop - 1][0]:current[stop - 1][1]]
            if word.lower() in ABBREVIATIONS or (len(word) == 1 and word.isupper()):
                continue
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
    token_ends = [e for *_, e in tokens]  # sorted: tokens do not overlap
    starts = {s for *_, s, _ in tokens}
    ends = set(token_ends)
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
            first = bisect_right(token_ends, span.start)  # first token ending after the span starts
            covered = []
            for si, ti, s, _ in tokens[first:]:
                if s >= span.end:
                    break
                covered.append((si, ti))
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
