"""Cue-centred linking (`hearsay.baselines.linking`) on hand-built spans."""

from __future__ import annotations

from hearsay.baselines.linking import Hint, link, quote_of
from hearsay.document import Span
from hearsay.validate import validate_documents


def spans_of(text: str, *items: tuple[str, str, int]) -> list[Span]:
    out = []
    for label, piece, *nth in items:
        start = -1
        for _ in range(nth[0] if nth else 1):
            start = text.index(piece, start + 1)
        attrs = {"category": "modal"} if label == "HEDGE" else {}
        if label == "QUANTITY":
            attrs = {"value": 40, "low": None, "high": None, "unit": None, "kind": "count", "modifier": "exact"}
        out.append(Span("", label, start, start + len(piece), piece, attrs))
    return out


def relations(doc) -> set[tuple[str, str, str]]:
    idx = doc.span_index()
    return {(r.type, idx[r.head].text, idx[r.tail].text) for r in doc.relations}


def test_linking_source_and_split_quote_to_one_cue():
    text = "“We will rebuild,” she said, “and we may do it this year.” About 40 firms closed, the group said."
    spans = spans_of(text, ("CONTENT", "We will rebuild"), ("SOURCE", "she"), ("CUE", "said"),
                     ("CONTENT", "and we may do it this year"), ("HEDGE", "may"),
                     ("CONTENT", "About 40 firms closed"), ("SOURCE", "the group"), ("CUE", "said", 2),
                     ("QUANTITY", "About 40"), ("ENTITY", "firms"))
    doc, stats = link("economy-2025-01-02-test", text, spans)
    validate_documents([doc], meta_required=False)
    rels = relations(doc)
    assert ("CONTENT", "said", "We will rebuild") in rels
    assert ("CONTENT", "said", "and we may do it this year") in rels
    assert ("SOURCE", "said", "she") in rels and ("SOURCE", "said", "the group") in rels
    assert ("HEDGES", "may", "and we may do it this year") in rels
    assert ("QUANTIFIES", "About 40", "firms") in rels
    assert sum(stats.dropped.values()) == 0
    quotes = {s.text: s.attrs["quote"] for s in doc.spans if s.label == "CONTENT"}
    assert quotes == {"We will rebuild": "direct", "and we may do it this year": "direct",
                      "About 40 firms closed": "indirect"}


def test_linking_drops_and_counts_what_cannot_be_linked():
    text = "The ministry declined to comment. Officials said. Prices rose."
    spans = spans_of(text, ("CUE", "declined"), ("SOURCE", "Officials"), ("ENTITY", "Prices"))
    doc, stats = link("economy-2025-01-02-test", text, spans)
    validate_documents([doc], meta_required=False)
    assert doc.spans == []
    assert stats.dropped["cue without content"] == 1
    assert stats.dropped["source without cue"] == 1
    assert stats.dropped["entity without quantity"] == 1


def test_linking_channel_shares_the_host_content_and_hints_win():
    text = "The Herald, citing officials, reported that 40 workers had left."
    spans = spans_of(text, ("SOURCE", "The Herald"), ("CUE", "citing"), ("SOURCE", "officials"),
                     ("CUE", "reported"), ("CONTENT", "40 workers had left"))
    hint = Hint(("CUE", text.index("reported"), text.index("reported") + 8),
                ("SOURCE", 0, len("The Herald")), (("CONTENT", text.index("40"), text.index("left") + 4),))
    doc, _ = link("economy-2025-01-02-test", text, spans, [hint])
    rels = relations(doc)
    assert ("CONTENT", "citing", "40 workers had left") in rels
    assert ("CONTENT", "reported", "40 workers had left") in rels
    assert ("SOURCE", "citing", "officials") in rels and ("SOURCE", "reported", "The Herald") in rels


def test_linking_passive_hearsay_has_no_source_and_hedge_on_cue_links_to_its_content():
    text = "The co-op is said to be considering cuts, its chair noted."
    spans = spans_of(text, ("CONTENT", "The co-op"), ("CUE", "said to"), ("CONTENT", "be considering cuts"),
                     ("SOURCE", "its chair"))
    spans.append(Span("", "HEDGE", text.index("said to"), text.index("said to") + 7, "said to",
                      {"category": "reported"}))
    doc, _ = link("economy-2025-01-02-test", text, spans)
    rels = relations(doc)
    assert not any(t == "SOURCE" for t, _, _ in rels)
    assert ("HEDGES", "said to", "The co-op") in rels or ("HEDGES", "said to", "be considering cuts") in rels
    validate_documents([doc], meta_required=False)


def test_quote_of():
    text = 'He said: “Fine.” She said it was “fine” today. Prices rose.'
    assert quote_of(text, text.index("Fine"), text.index("Fine") + 4) == "direct"
    mixed = text.index("it was")
    assert quote_of(text, mixed, text.index("today") - 1) == "mixed"
    assert quote_of(text, text.index("Prices"), len(text) - 1) == "indirect"
