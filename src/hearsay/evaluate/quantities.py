"""Quantity value and unit scores, counted per document.

All quantity scores use the QUANTITY pairs of the span-level overlap matching (`spans`).

value
    Right when the gold `value` is a number and the predicted `value` equals it within a relative
    tolerance of 1e-6 (`math.isclose(rel_tol=1e-6)`, so 0 equals only 0); or, for a gold quantity
    without a point value (ranges, bounds, vague amounts: `value` null), when the predicted `value`
    is null too and `low` and `high` each agree (both null, or equal within the same tolerance).
unit
    Right when the normalised units are equal: Unicode NFKC, surrounding whitespace removed, inner
    whitespace collapsed, an empty string read as null; null equals null. Case is kept, because SI
    symbols differ by case ("MW" megawatt, "mW" milliwatt).
value_accuracy, unit_accuracy, kind_accuracy, modifier_accuracy
    Fractions of the matched quantities with that attribute right; `None` when nothing is matched.
value_unit (P/R/F1)
    As in the NewsQuant and CQE evaluations, a predicted quantity counts only if it is matched and
    both value and unit are right: tp = such predictions, fp = predicted quantities - tp,
    fn = gold quantities - tp.
"""

from __future__ import annotations

import math
import unicodedata
from typing import Any

from ..document import Document, Span
from ..errors import SchemaError
from ..schema import Schema
from .spans import Alignment

QUANTITY = "QUANTITY"
ATTRIBUTES = ("value", "low", "high", "unit", "kind", "modifier")
REL_TOL = 1e-6


def check_schema(schema: Schema) -> None:
    if QUANTITY not in schema.label_names:
        raise SchemaError(f"the quantity scorer needs label {QUANTITY} in the schema")
    missing = [a for a in ATTRIBUTES if schema.label(QUANTITY).attribute(a) is None]
    if missing:
        raise SchemaError(f"the quantity scorer needs attributes {missing} of {QUANTITY} in the schema")


def same_number(a: Any, b: Any) -> bool:
    """Both null, or both numbers equal within the relative tolerance."""
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(float(a), float(b), rel_tol=REL_TOL, abs_tol=0.0)


def value_correct(gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    if gold.get("value") is not None:
        return pred.get("value") is not None and same_number(gold["value"], pred["value"])
    return (pred.get("value") is None and same_number(gold.get("low"), pred.get("low"))
            and same_number(gold.get("high"), pred.get("high")))


def normalize_unit(unit: Any) -> str | None:
    if unit is None:
        return None
    text = " ".join(unicodedata.normalize("NFKC", str(unit)).split())
    return text or None


def unit_correct(gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    return normalize_unit(gold.get("unit")) == normalize_unit(pred.get("unit"))


def count_quantities(gold: Document, pred: Document, alignment: Alignment) -> dict[str, int]:
    """Counts keyed `quantities/matched`, `quantities/<value|unit|kind|modifier>_correct` and
    `quantities/value_unit/<tp|fp|fn>`."""
    pairs: list[tuple[Span, Span]] = alignment.pairs("overlap", gold, pred, QUANTITY)
    value = unit = both = kind = modifier = 0
    for g, p in pairs:
        v, u = value_correct(g.attrs, p.attrs), unit_correct(g.attrs, p.attrs)
        value += v
        unit += u
        both += v and u
        kind += g.attrs.get("kind") == p.attrs.get("kind")
        modifier += g.attrs.get("modifier") == p.attrs.get("modifier")
    n_gold = sum(s.label == QUANTITY for s in gold.spans)
    n_pred = sum(s.label == QUANTITY for s in pred.spans)
    return {"quantities/matched": len(pairs), "quantities/value_correct": value,
            "quantities/unit_correct": unit, "quantities/kind_correct": kind,
            "quantities/modifier_correct": modifier, "quantities/value_unit/tp": both,
            "quantities/value_unit/fp": n_pred - both, "quantities/value_unit/fn": n_gold - both}
