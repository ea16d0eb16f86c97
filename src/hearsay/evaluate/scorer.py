"""The scorer: per-document counts, then every score from summed counts.

`evaluate_documents(gold, pred)` is the one entry point. It pairs predicted with gold documents by
id, counts each document once (`spans`, `attribution`, `hedges`, `quantities`), and builds the
score tree from the summed counts: per label, micro, macro, per layer, per domain, and with
bootstrap intervals over documents. Undefined scores are `None`, never 0.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

import numpy as np

from ..document import Document
from ..errors import Problem, SchemaError, ValidationError
from ..schema import Schema, load_schema
from . import attribution, hedges, quantities
from .bootstrap import CONFIDENCE, RESAMPLES, SEED, resample_totals
from .metrics import Count, Metric, Totals, finalize, macro, micro, prf_of, ratio
from .spans import ERROR_CATEGORIES, MATCH_TYPES, count_spans

log = logging.getLogger(__name__)

RESERVED = ("micro", "macro", "layers", "confusion")
UNKNOWN_DOMAIN = "unknown"


def check_schema(schema: Schema) -> None:
    clash = [label for label in schema.label_names if label in RESERVED]
    if clash:
        raise SchemaError(f"labels {clash} clash with the scorer's reserved keys {RESERVED}")
    attribution.check_schema(schema)
    hedges.check_schema(schema)
    quantities.check_schema(schema)


def pair_documents(gold: Sequence[Document], pred: Sequence[Document],
                   pred_file: str = "<predictions>") -> list[tuple[Document, Document]]:
    """Each gold document with its prediction, in gold order.

    A gold document without a prediction is paired with an empty prediction (it predicts nothing) and
    logged as a warning. A predicted id that is not in gold, a duplicate predicted id, or a prediction
    whose text differs from the gold text raises `ValidationError`.
    """
    gold_ids = {doc.id: doc for doc in gold}
    problems = []
    by_id: dict[str, Document] = {}
    for doc in pred:
        if doc.id in by_id:
            problems.append(Problem(pred_file, doc.id, None, "duplicate predicted document id"))
        elif doc.id not in gold_ids:
            problems.append(Problem(pred_file, doc.id, None, "predicted document is not in the gold set"))
        elif doc.text != gold_ids[doc.id].text:
            problems.append(Problem(pred_file, doc.id, "text", "predicted text differs from the gold text"))
        by_id[doc.id] = doc
    if problems:
        raise ValidationError(problems)
    missing = [doc.id for doc in gold if doc.id not in by_id]
    if missing:
        shown = ", ".join(missing[:10]) + (f", ... ({len(missing) - 10} more)" if len(missing) > 10 else "")
        log.warning("%d gold document(s) have no prediction and count as predicting nothing: %s",
                    len(missing), shown)
    return [(doc, by_id.get(doc.id) or Document(doc.id, doc.text, dict(doc.meta))) for doc in gold]


def count_document(gold: Document, pred: Document, schema: Schema) -> dict[str, int]:
    """Every count of one (gold, prediction) pair, as a flat dict (absent keys are 0)."""
    counts, alignment = count_spans(gold, pred, schema.label_names)
    counts.update(attribution.count_attribution(gold, pred, alignment))
    counts.update(hedges.count_hedges(gold, pred, alignment))
    counts.update(quantities.count_quantities(gold, pred, alignment))
    return counts


def score_tree(t: Totals, schema: Schema) -> dict[str, Any]:
    """The score tree (Metric/Count leaves) of summed counts; see `metrics`."""
    spans: dict[str, Any] = {}
    for label in schema.label_names:
        entry: dict[str, Any] = {match: prf_of(t, f"spans/{label}/{match}") for match in MATCH_TYPES}
        entry["errors"] = {cat: Count(t(f"spans/{label}/errors/{cat}")) for cat in ERROR_CATEGORIES}
        entry["gold"] = Count(entry["exact"]["tp"].values + entry["exact"]["fn"].values)
        entry["predicted"] = Count(entry["exact"]["tp"].values + entry["exact"]["fp"].values)
        spans[label] = entry
    labels = schema.label_names
    spans["micro"] = {match: micro(spans[label][match] for label in labels) for match in MATCH_TYPES}
    spans["micro"]["errors"] = {cat: Count(sum(spans[label]["errors"][cat].values for label in labels))
                                for cat in ERROR_CATEGORIES}
    spans["macro"] = {match: macro(spans[label][match] for label in labels) for match in MATCH_TYPES}
    spans["layers"] = {layer.name: {match: micro(spans[label][match] for label in layer.labels)
                                    for match in MATCH_TYPES} for layer in schema.layers}

    attr: dict[str, Any] = {match: prf_of(t, f"attribution/{match}") for match in MATCH_TYPES}
    for name, key in (("source_given_cue", "source_correct"), ("content_given_cue", "content_correct")):
        attr[name] = {match: Metric(ratio(t(f"attribution/{match}/{key}"), t(f"attribution/{match}/cues_matched")))
                      for match in MATCH_TYPES}
    for key in ("cues_matched", "source_correct", "content_correct"):
        attr[key] = {match: Count(t(f"attribution/{match}/{key}")) for match in MATCH_TYPES}

    hedge = {"category_accuracy": Metric(ratio(t("hedges/category_correct"), t("hedges/matched"))),
             "category": prf_of(t, "hedges/category"),
             "matched": Count(t("hedges/matched")), "category_correct": Count(t("hedges/category_correct"))}

    matched = t("quantities/matched")
    quant: dict[str, Any] = {}
    for name in ("value", "unit", "kind", "modifier"):
        quant[f"{name}_accuracy"] = Metric(ratio(t(f"quantities/{name}_correct"), matched))
    quant["value_unit"] = prf_of(t, "quantities/value_unit")
    quant["matched"] = Count(matched)
    for name in ("value", "unit", "kind", "modifier"):
        quant[f"{name}_correct"] = Count(t(f"quantities/{name}_correct"))
    return {"spans": spans, "attribution": attr, "hedges": hedge, "quantities": quant}


def _confusion(columns: dict[str, int], totals: np.ndarray) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, column in sorted(columns.items()):
        if key.startswith("confusion/") and totals[column]:
            _, gold_label, pred_label, category = key.split("/")
            out.setdefault(gold_label, {}).setdefault(pred_label, {})[category] = int(totals[column])
    return out


def scores_from_counts(rows: Sequence[dict[str, int]], domains: Sequence[str], schema: Schema, *,
                       resamples: int = RESAMPLES, seed: int = SEED) -> dict[str, Any]:
    """All scores from per-document counts (`count_document`) and each document's domain.

    `resamples=0` switches the bootstrap off (no `*_ci95` keys)."""
    columns = {key: i for i, key in enumerate(sorted(set().union(*rows)))} if rows else {}
    matrix = np.zeros((len(rows), len(columns)))
    for i, row in enumerate(rows):
        for key, value in row.items():
            matrix[i, columns[key]] = value

    def point(subset: np.ndarray) -> Totals:
        return Totals(columns, subset.sum(axis=0, keepdims=True))

    totals = point(matrix)
    boot = None
    if resamples > 0 and len(rows) > 0:
        boot = score_tree(Totals(columns, resample_totals(matrix, resamples, seed)), schema)
    result: dict[str, Any] = finalize(score_tree(totals, schema), boot, CONFIDENCE)
    result["spans"]["confusion"] = _confusion(columns, totals.matrix[0])
    by_domain: dict[str, Any] = {}
    domain_array = np.array(domains, dtype=object)
    for domain in sorted(set(domains)):
        mask = domain_array == domain
        by_domain[domain] = {"documents": int(mask.sum()), **finalize(score_tree(point(matrix[mask]), schema))}
    result["domains"] = by_domain
    result["bootstrap"] = ({"resamples": resamples, "seed": seed, "confidence": CONFIDENCE, "unit": "document",
                            "interval": "percentile"} if boot is not None else None)
    return result


def evaluate_documents(gold: Sequence[Document], pred: Sequence[Document], schema: Schema | None = None, *,
                       resamples: int = RESAMPLES, seed: int = SEED,
                       pred_file: str = "<predictions>") -> dict[str, Any]:
    """Score predictions against gold documents (both already validated); see the module docstring.

    Returns a JSON-ready dict: `documents`, `spans` (per label, `micro`, `macro`, `layers`,
    `confusion`), `attribution`, `hedges`, `quantities`, `domains` and `bootstrap`."""
    schema = schema or load_schema()
    check_schema(schema)
    pairs = pair_documents(gold, pred, pred_file)
    rows = [count_document(g, p, schema) for g, p in pairs]
    domains = [str(g.meta.get("domain") or UNKNOWN_DOMAIN) for g, _ in pairs]
    scores = scores_from_counts(rows, domains, schema, resamples=resamples, seed=seed)
    predicted = {doc.id for doc in pred}
    documents = {"gold": len(gold), "predicted": len(predicted),
                 "missing_predictions": sum(doc.id not in predicted for doc in gold)}
    return {"documents": documents, **scores}
