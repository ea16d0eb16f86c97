"""Inter-annotator agreement between two independent annotation passes of the same documents.

Measures (pass 1 is the reference; every F1 here is symmetric in the two passes):

- per label, span F1 with exact and overlap matching (the evaluator's definitions);
- attribution triple F1 (cue, source, content), exact and overlap;
- attribute agreement on matched spans: CONTENT quote type, HEDGE category, QUANTITY value and unit;
- Krippendorff's alpha per layer, **token-level, nominal**: every token of the documents is a unit, and
  each pass assigns it the label of the layer's span covering it (the `tokens` config's overlap rule:
  label order within the layer, then innermost span), or `O` when no span covers it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import krippendorff
import numpy as np

from .document import Document
from .evaluate import evaluate_documents
from .schema import Schema, load_schema
from .tokens import Sentence, TokenStats, bio_tags, sentences


@dataclass
class AgreementInput:
    first: list[Document]
    second: list[Document]
    first_annotators: list[str]
    second_annotators: list[str]


def token_labels(doc: Document, sents: list[Sentence], schema: Schema) -> dict[str, list[str]]:
    """Per layer, one label per token (or O): the `tokens` config's BIO tags without their prefix,
    so agreement uses exactly the dataset's overlap rule."""
    tags = bio_tags(doc, sents, schema, TokenStats())
    return {layer: [tag.split("-", 1)[-1] for row in rows for tag in row] for layer, rows in tags.items()}


def krippendorff_alpha(first: list[Document], second: list[Document], schema: Schema) -> dict[str, Any]:
    rows: dict[str, list[list[str]]] = {layer.name: [[], []] for layer in schema.layers}
    for a, b in zip(first, second):
        sents = sentences(a.text)
        for side, doc in enumerate((a, b)):
            for layer, labels in token_labels(doc, sents, schema).items():
                rows[layer][side] += labels
    result: dict[str, Any] = {}
    for layer in schema.layers:
        values = {"O": 0, **{label: i + 1 for i, label in enumerate(layer.labels)}}
        data = np.array([[values[v] for v in row] for row in rows[layer.name]], dtype=float)
        units = data.shape[1]
        distinct = len(np.unique(data)) if units else 0
        alpha = None
        if units and distinct > 1:
            alpha = float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))
        result[layer.name] = {"alpha": None if alpha is None else round(alpha, 4), "tokens": units,
                              "labels": list(values)}
    return result


def compute_agreement(data: AgreementInput, schema: Schema | None = None) -> dict[str, Any]:
    schema = schema or load_schema()
    first = sorted(data.first, key=lambda d: d.id)
    second = sorted(data.second, key=lambda d: d.id)
    if [d.id for d in first] != [d.id for d in second]:
        raise ValueError("both passes must cover the same documents")
    scores = evaluate_documents(first, second, schema, resamples=1000, seed=0)
    spans = {label: {"exact_f1": scores["spans"][label]["exact"]["f1"],
                     "exact_f1_ci95": scores["spans"][label]["exact"].get("f1_ci95"),
                     "overlap_f1": scores["spans"][label]["overlap"]["f1"],
                     "overlap_f1_ci95": scores["spans"][label]["overlap"].get("f1_ci95"),
                     "first": scores["spans"][label]["gold"], "second": scores["spans"][label]["predicted"]}
             for label in schema.label_names}
    quote = _attribute_agreement(first, second, "CONTENT", "quote")
    return {
        "documents": len(first),
        "document_ids": [d.id for d in first],
        "annotators": {"first": sorted(set(data.first_annotators)), "second": sorted(set(data.second_annotators))},
        "spans": spans,
        "spans_micro": {"exact_f1": scores["spans"]["micro"]["exact"]["f1"],
                        "overlap_f1": scores["spans"]["micro"]["overlap"]["f1"]},
        "attribution": {"exact_f1": scores["attribution"]["exact"]["f1"],
                        "overlap_f1": scores["attribution"]["overlap"]["f1"],
                        "source_given_cue": scores["attribution"]["source_given_cue"]["overlap"],
                        "content_given_cue": scores["attribution"]["content_given_cue"]["overlap"]},
        "attributes": {
            "quote": quote,
            "hedge_category_accuracy": scores["hedges"]["category_accuracy"],
            "hedge_matched": scores["hedges"]["matched"],
            "quantity_value_accuracy": scores["quantities"]["value_accuracy"],
            "quantity_unit_accuracy": scores["quantities"]["unit_accuracy"],
            "quantity_matched": scores["quantities"]["matched"],
        },
        "krippendorff_alpha": krippendorff_alpha(first, second, schema),
        "alpha_method": "token-level nominal Krippendorff's alpha per layer (units: tokens of the hearsay "
                        "tokenizer; values: the layer label covering the token, or O)",
    }


def _attribute_agreement(first: list[Document], second: list[Document], label: str, attr: str) -> dict[str, Any]:
    """Agreement of one attribute on overlap-matched spans of a label (greedy by overlap)."""
    from .evaluate.matching import overlap_matching

    matched = same = 0
    for a, b in zip(first, second):
        sa = [s for s in a.spans if s.label == label]
        sb = [s for s in b.spans if s.label == label]
        for gi, pi in overlap_matching([(s.start, s.end) for s in sa], [(s.start, s.end) for s in sb]):
            matched += 1
            same += sa[gi].attrs.get(attr) == sb[pi].attrs.get(attr)
    return {"matched": matched, "accuracy": round(same / matched, 4) if matched else None}


def disagreements(first: list[Document], second: list[Document], schema: Schema | None = None) -> list[dict[str, Any]]:
    """Spans present in one pass and not exactly in the other, for adjudication."""
    schema = schema or load_schema()
    out = []
    for a, b in zip(sorted(first, key=lambda d: d.id), sorted(second, key=lambda d: d.id)):
        keys_a = {(s.label, s.start, s.end): s for s in a.spans}
        keys_b = {(s.label, s.start, s.end): s for s in b.spans}
        for key in sorted(keys_a.keys() - keys_b.keys(), key=lambda k: (k[1], k[0])):
            out.append({"doc": a.id, "only_in": "first", "label": key[0], "start": key[1], "end": key[2],
                        "text": keys_a[key].text})
        for key in sorted(keys_b.keys() - keys_a.keys(), key=lambda k: (k[1], k[0])):
            out.append({"doc": a.id, "only_in": "second", "label": key[0], "start": key[1], "end": key[2],
                        "text": keys_b[key].text})
        for key in sorted(keys_a.keys() & keys_b.keys(), key=lambda k: (k[1], k[0])):
            if keys_a[key].attrs != keys_b[key].attrs:
                out.append({"doc": a.id, "only_in": "attrs", "label": key[0], "start": key[1], "end": key[2],
                            "text": keys_a[key].text, "first": keys_a[key].attrs, "second": keys_b[key].attrs})
        out += _relation_differences(a, b)
    return out


def _relation_differences(a: Document, b: Document) -> list[dict[str, Any]]:
    """Relations whose endpoints exist in both passes (same label and offsets) but are linked
    differently; relations of spans that only one pass has are implied by the span differences."""
    def keyed(doc: Document) -> set[tuple]:
        spans = doc.span_index()
        return {(r.type, (spans[r.head].label, spans[r.head].start, spans[r.head].end),
                 (spans[r.tail].label, spans[r.tail].start, spans[r.tail].end)) for r in doc.relations}

    spans_a = {(s.label, s.start, s.end): s.text for s in a.spans}
    spans_b = {(s.label, s.start, s.end): s.text for s in b.spans}
    shared = spans_a.keys() & spans_b.keys()
    rel_a, rel_b = keyed(a), keyed(b)
    out = []
    for side, mine, theirs in (("first", rel_a, rel_b), ("second", rel_b, rel_a)):
        for rtype, head, tail in sorted(mine - theirs):
            if head in shared and tail in shared:
                out.append({"doc": a.id, "only_in": f"{side} (relation)", "label": rtype, "start": head[1],
                            "end": tail[2], "text": f"{spans_a[head]} -> {spans_a[tail]}"})
    return out


def _fmt(value: Any) -> str:
    return "–" if value is None else f"{value:.3f}"


def report_markdown(result: dict[str, Any], schema: Schema | None = None) -> str:
    schema = schema or load_schema()
    lines = [
        "<!-- generated by `hearsay agreement`; do not edit -->", "",
        "# Inter-annotator agreement", "",
        f"{result['documents']} documents annotated twice, independently. First pass: "
        f"{', '.join(result['annotators']['first'])}; second pass: {', '.join(result['annotators']['second'])}. "
        "The second pass never saw the first. F1 treats the first pass as reference (F1 is symmetric).", "",
        "## Spans", "",
        "| label | first | second | exact F1 | overlap F1 |", "| --- | --- | --- | --- | --- |",
    ]
    for label in schema.label_names:
        s = result["spans"][label]
        lines.append(f"| {label} | {s['first']} | {s['second']} | {_fmt(s['exact_f1'])} | {_fmt(s['overlap_f1'])} |")
    m = result["spans_micro"]
    lines += [f"| micro | | | {_fmt(m['exact_f1'])} | {_fmt(m['overlap_f1'])} |", "",
              "## Attribution triples (cue, source, content)", "",
              f"exact F1 {_fmt(result['attribution']['exact_f1'])}, overlap F1 "
              f"{_fmt(result['attribution']['overlap_f1'])}; source given matched cue "
              f"{_fmt(result['attribution']['source_given_cue'])}, content given matched cue "
              f"{_fmt(result['attribution']['content_given_cue'])}.", "",
              "## Krippendorff's alpha per layer", "", result["alpha_method"] + ".", "",
              "| layer | alpha | tokens |", "| --- | --- | --- |"]
    for layer, a in result["krippendorff_alpha"].items():
        lines.append(f"| {layer} | {_fmt(a['alpha'])} | {a['tokens']} |")
    at = result["attributes"]
    lines += ["", "## Attributes on matched spans", "",
              "| attribute | matched spans | agreement |", "| --- | --- | --- |",
              f"| CONTENT quote type | {at['quote']['matched']} | {_fmt(at['quote']['accuracy'])} |",
              f"| HEDGE category | {at['hedge_matched']} | {_fmt(at['hedge_category_accuracy'])} |",
              f"| QUANTITY value | {at['quantity_matched']} | {_fmt(at['quantity_value_accuracy'])} |",
              f"| QUANTITY unit | {at['quantity_matched']} | {_fmt(at['quantity_unit_accuracy'])} |", ""]
    return "\n".join(lines)


def card_markdown(result: dict[str, Any], schema: Schema | None = None) -> str:
    """The agreement section of the dataset card (the report without its title)."""
    body = report_markdown(result, schema).split("\n", 4)[-1]
    return body.replace("## ", "### ")
