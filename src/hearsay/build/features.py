"""`datasets.Features` of every config, derived from the schema (labels stay strings; their allowed
values are listed in the card's label table, generated from the same schema)."""

from __future__ import annotations

from datasets import Features, List, Value

from ..schema import Schema

OFFSETS = {"start": Value("int32"), "end": Value("int32"), "text": Value("string")}
DOC = {"doc_id": Value("string"), "domain": Value("string")}
# where a quantity or hedge sits: its sentence and the cue of the innermost attribution around it
PLACE = {"sentence": Value("string"), "sentence_start": Value("int32"), "in_attribution": Value("string")}


def attrs_features(schema: Schema) -> dict:
    out = {}
    for attr in schema.all_attributes():
        out[attr.name] = Value("float64") if attr.type == "number" else Value("string")
    return out


def meta_features(schema: Schema) -> dict:
    return {f.name: Value("int32") if f.type == "integer" else Value("string")
            for f in schema.metadata if f.name != "id"}


def quantity_features(schema: Schema) -> dict:
    q = schema.label("QUANTITY")
    return {"id": Value("string"), **OFFSETS,
            **{a.name: Value("float64") if a.type == "number" else Value("string") for a in q.attributes}}


def documents_features(schema: Schema) -> Features:
    return Features({
        "id": Value("string"),
        "text": Value("string"),
        "meta": meta_features(schema),
        "spans": List({"id": Value("string"), "label": Value("string"), **OFFSETS, "attrs": attrs_features(schema)}),
        "relations": List({"type": Value("string"), "head": Value("string"), "tail": Value("string")}),
    })


def attributions_features(schema: Schema) -> Features:
    span = {"id": Value("string"), **OFFSETS}
    return Features({
        **DOC,
        "cue": span,
        "source": span,
        "contents": List({**span, "quote": Value("string")}),
        "hedges": List({**span, "category": Value("string")}),
        "quantities": List(quantity_features(schema)),
        "parent_cue": Value("string"),
        "sentence": Value("string"),
    })


def quantities_features(schema: Schema) -> Features:
    return Features({
        **DOC,
        **quantity_features(schema),
        "entity": {"id": Value("string"), **OFFSETS},
        **PLACE,
    })


def hedges_features(schema: Schema) -> Features:
    return Features({
        **DOC,
        "id": Value("string"),
        **OFFSETS,
        "category": Value("string"),
        **PLACE,
    })


def tokens_features(schema: Schema) -> Features:
    return Features({
        "doc_id": Value("string"),
        "sentence_index": Value("int32"),
        "tokens": List(Value("string")),
        "token_starts": List(Value("int32")),
        "token_ends": List(Value("int32")),
        **{f"{layer.name}_tags": List(Value("string")) for layer in schema.layers},
    })


FEATURES = {
    "documents": documents_features,
    "attributions": attributions_features,
    "quantities": quantities_features,
    "hedges": hedges_features,
    "tokens": tokens_features,
}
CONFIGS = tuple(FEATURES)
