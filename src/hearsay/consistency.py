"""Corpus-wide consistency checks of the gold (`hearsay check`), beyond per-document validation.

1. `label_conflict`: the same surface string (case-folded) annotated with different attribute values
   for the same label across the corpus (a HEDGE "may" once modal and once epistemic; a QUANTITY
   "about half" with two values or modifiers; see CONFLICT_ATTRS for what is compared).
2. `content_without_cue`: a CONTENT span no cue points at.
3. `value_mismatch`: a quantity whose value/low/high disagrees with an independent number parser
   (quantulum3) run on the span text.
4. `misaligned`: a span whose start or end falls inside a token of the hearsay tokenizer.

Accepted findings are listed with a reason in `annotations/consistency_exceptions.yaml`; the test
suite fails on any finding not listed there.
"""

from __future__ import annotations

import fnmatch
import logging
import math
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import paths
from .document import Document
from .errors import InputError
from .io import read_yaml
from .tokens import tokenize

log = logging.getLogger(__name__)

EXCEPTIONS_FILE = "consistency_exceptions.yaml"
# What the surface string alone decides. A QUANTITY's kind and unit depend on context (a bare "11" is
# a count in one table and a percentage in the next), so only its modifier and numbers are compared,
# and only for strings with a word in them ("about 40", "six", "half"): bare figures take their scale
# from table headers (Q14).
CONFLICT_ATTRS = {"HEDGE": ("category",), "QUANTITY": ("modifier", "value", "low", "high")}


@dataclass(frozen=True, order=True)
class Finding:
    check: str
    key: str  # what an exception entry names: the surface string, or doc/span
    detail: str

    def to_dict(self) -> dict[str, str]:
        return {"check": self.check, "key": self.key, "detail": self.detail}


def label_conflicts(docs: list[Document]) -> list[Finding]:
    seen: dict[tuple[str, str], dict[tuple, list[str]]] = defaultdict(lambda: defaultdict(list))
    for doc in docs:
        for span in doc.spans:
            attrs = CONFLICT_ATTRS.get(span.label)
            if not attrs or (span.label == "QUANTITY" and not any(ch.isalpha() for ch in span.text)):
                continue
            values = tuple(span.attrs.get(a) for a in attrs)
            seen[(span.label, span.text.casefold())][values].append(f"{doc.id}/{span.id}")
    out = []
    for (label, surface), variants in sorted(seen.items()):
        if len(variants) > 1:
            attrs = CONFLICT_ATTRS[label]
            detail = "; ".join(
                f"{dict(zip(attrs, values))} in {len(places)} ({', '.join(places[:3])}{', …' if len(places) > 3 else ''})"
                for values, places in sorted(variants.items(), key=lambda kv: -len(kv[1])))
            out.append(Finding("label_conflict", f"{label}:{surface}", detail))
    return out


def contents_without_cue(docs: list[Document]) -> list[Finding]:
    out = []
    for doc in docs:
        targets = {r.tail for r in doc.relations if r.type == "CONTENT"}
        out += [Finding("content_without_cue", f"{doc.id}/{s.id}", s.text[:60])
                for s in doc.spans if s.label == "CONTENT" and s.id not in targets]
    return out


_UNITS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen".split())}
_TENS = {w: 10 * i for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()) if w != "_"}
_SCALES = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "lakh": 1e5,
           "crore": 1e7, "k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12}
_FRACTIONS = {"half": 0.5, "third": 1 / 3, "quarter": 0.25, "fifth": 0.2, "sixth": 1 / 6, "eighth": 0.125,
              "tenth": 0.1, "hundredth": 0.01, "dozen": 12, "twice": 2, "double": 2, "triple": 3, "thrice": 3}
_TOKEN = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?|\.\d+|[a-z]+", re.IGNORECASE)


def _numbers_in(text: str) -> list[float]:
    """Every number a span text can mean, by a small grammar independent of annotators and baselines:
    digits with separators, number words ("two hundred and fifty"), scale words and suffixes (k, m, bn,
    lakh, crore; a scale also applies to a bare number before it: "3 to 5 million"), fractions ("half",
    "two-thirds"), "N in M" ratios and "dozen". Returns candidates, not one answer."""
    negative = bool(re.search(r"(?:^|[\s(])[−-]\s?\d", text)) or text.lower().startswith("minus")
    words = [m.group(0).lower() for m in _TOKEN.finditer(text.replace("-", " "))]
    values: list[float] = []
    plain: list[float] = []  # unscaled numbers seen so far, for a scale that distributes over a range
    cur: float | None = None
    ratio_of: float | None = None

    def flush() -> None:
        nonlocal cur, ratio_of
        if cur is not None:
            values.append(cur)
            plain.append(cur)
            if ratio_of is not None and cur:
                values.append(ratio_of / cur)
            ratio_of = None
        cur = None

    for index, word in enumerate(words):
        nxt = words[index + 1] if index + 1 < len(words) else ""
        if not word:
            continue
        if word[0].isdigit() or word[0] == ".":
            flush()
            cur = float(word.replace(",", ""))
        elif word in ("a", "an") and cur is None:
            cur = 1.0  # "a year", "an hour", "a hundred"
        elif word == "and" and nxt == "a" and index + 2 < len(words) and words[index + 2] == "half" and cur is not None:
            cur += 0.5
            words[index + 2] = ""  # consumed
        elif word == "out" and nxt == "of" and cur is not None:
            ratio_of = cur
            values.append(cur)
            cur = None
        elif word == "of" and ratio_of is not None:
            continue
        elif word in _UNITS:
            if cur is not None and (cur >= 100 or (cur >= 20 and cur % 10 == 0)) and cur % 1 == 0:
                cur += _UNITS[word]
            else:
                flush()
                cur = float(_UNITS[word])
        elif word in _TENS:
            if cur is not None and cur >= 100 and cur % 100 == 0:
                cur += _TENS[word]
            else:
                flush()
                cur = float(_TENS[word])
        elif word == "a" and cur is not None:
            continue
        elif word == "hundred" and cur is not None:
            cur *= 100
        elif word in _SCALES and word != "hundred" and (cur is not None or plain):
            if cur is None:
                continue
            values += [p * _SCALES[word] for p in plain]
            cur *= _SCALES[word]
        elif word == "and" and cur is not None and (nxt in _UNITS or nxt in _TENS):
            continue
        elif word.rstrip("s") in _FRACTIONS or word in _FRACTIONS:
            factor = _FRACTIONS.get(word, _FRACTIONS.get(word.rstrip("s")))
            base = cur if cur is not None else 1.0
            values.append(base * factor)
            cur = None
        elif word == "in" and cur is not None:
            ratio_of = cur
            values.append(cur)
            cur = None
        else:
            flush()
    flush()
    return values + [-v for v in values] if negative else values


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-3, abs_tol=1e-3)


def value_mismatches(docs: list[Document]) -> list[Finding]:
    out = []
    for doc in docs:
        for span in doc.spans:
            if span.label != "QUANTITY":
                continue
            stated = [span.attrs.get(k) for k in ("value", "low", "high") if span.attrs.get(k) is not None]
            if not stated:
                continue
            parsed = _numbers_in(span.text)
            missing = [v for v in stated if not any(_close(float(v), p) for p in parsed)]
            if missing:
                out.append(Finding("value_mismatch", f"{doc.id}/{span.id}",
                                   f"{span.text!r}: annotated {missing}, parser found {parsed}"))
    return out


def misaligned_spans(docs: list[Document]) -> list[Finding]:
    out = []
    for doc in docs:
        tokens = tokenize(doc.text)
        starts = {s for s, _ in tokens}
        ends = {e for _, e in tokens}
        for span in doc.spans:
            if span.start not in starts or span.end not in ends:
                out.append(Finding("misaligned", f"{doc.id}/{span.id}", f"{span.label} {span.text!r}"))
    return out


def run_checks(docs: list[Document], *, with_values: bool = True) -> list[Finding]:
    findings = label_conflicts(docs) + contents_without_cue(docs) + misaligned_spans(docs)
    if with_values:
        findings += value_mismatches(docs)
    return sorted(findings)


def load_exceptions(path: Path | None = None) -> dict[tuple[str, str], str]:
    path = Path(path or paths.ANNOTATIONS_DIR / EXCEPTIONS_FILE)
    if not path.exists():
        return {}
    raw = read_yaml(path, "exceptions file") or []
    out = {}
    for index, entry in enumerate(raw):
        if not (isinstance(entry, dict) and {"check", "key", "reason"} <= entry.keys()):
            raise InputError(f"{path}: entry {index} needs check, key and reason")
        out[(entry["check"], entry["key"])] = entry["reason"]
    return out


def is_accepted(finding: Finding, exceptions: dict[tuple[str, str], str]) -> bool:
    """Exception keys may be glob patterns ("doc-id/*" accepts every finding of that check in a document)."""
    return any(check == finding.check and fnmatch.fnmatchcase(finding.key, key) for check, key in exceptions)


def unaccepted(findings: list[Finding], exceptions: dict[tuple[str, str], str]) -> list[Finding]:
    return [f for f in findings if not is_accepted(f, exceptions)]


def stale_exceptions(findings: list[Finding], exceptions: dict[tuple[str, str], str]) -> list[tuple[str, str]]:
    return sorted((check, key) for check, key in exceptions
                  if not any(f.check == check and fnmatch.fnmatchcase(f.key, key) for f in findings))
