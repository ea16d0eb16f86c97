"""Hedge category scores, counted per document.

category_accuracy
    Among the HEDGE pairs of the span-level overlap matching (`spans`), the fraction whose
    `category` attribute is the gold category. `None` when no hedge is matched.
category (P/R/F1)
    A predicted hedge counts only if it is overlap-matched *and* its category is right:
    tp = matched with the right category, fp = predicted hedges - tp, fn = gold hedges - tp.
"""

from __future__ import annotations

from ..document import Document
from ..errors import SchemaError
from ..schema import Schema
from .spans import Alignment

HEDGE = "HEDGE"
CATEGORY = "category"


def check_schema(schema: Schema) -> None:
    if HEDGE not in schema.label_names or schema.label(HEDGE).attribute(CATEGORY) is None:
        raise SchemaError(f"the hedge scorer needs label {HEDGE} with attribute {CATEGORY} in the schema")


def count_hedges(gold: Document, pred: Document, alignment: Alignment) -> dict[str, int]:
    """Counts keyed `hedges/matched`, `hedges/category_correct`, `hedges/category/<tp|fp|fn>`."""
    pairs = alignment.pairs("overlap", gold, pred, HEDGE)
    correct = sum(g.attrs.get(CATEGORY) == p.attrs.get(CATEGORY) for g, p in pairs)
    n_gold = sum(s.label == HEDGE for s in gold.spans)
    n_pred = sum(s.label == HEDGE for s in pred.spans)
    return {"hedges/matched": len(pairs), "hedges/category_correct": correct,
            "hedges/category/tp": correct, "hedges/category/fp": n_pred - correct,
            "hedges/category/fn": n_gold - correct}
