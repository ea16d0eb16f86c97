"""Attributes of spans found by a learned model (crf, spacy): the learned part is only the span.

- QUANTITY: `quantities.normalise` of the span text in place (table units, Q4-Q10);
- HEDGE `category`: the hedge lexicon (H2), else the category most often annotated for the same
  text in the training split, else `epistemic`;
- CONTENT `quote`: set by `linking.link` from the quotation marks (A10).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any

from ..document import Document
from . import lexicons as lx
from .quantities import normalise

DEFAULT_CATEGORY = "epistemic"


def hedge_categories(docs: Sequence[Document]) -> dict[str, str]:
    """Lower-cased hedge text -> its most frequent category in `docs` (ties: alphabetical)."""
    lab = lx.labels()
    counts: dict[str, Counter] = defaultdict(Counter)
    for doc in docs:
        for s in doc.spans:
            if s.label == lab.hedge and s.attrs.get("category"):
                counts[s.text.lower()][s.attrs["category"]] += 1
    return {k: sorted(v.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] for k, v in sorted(counts.items())}


def attrs_for(label: str, text: str, start: int, end: int, learned: dict[str, str] | None = None) -> dict[str, Any]:
    lab = lx.labels()
    piece = text[start:end]
    if label == lab.quantity:
        return normalise(piece, text, start)
    if label == lab.hedge:
        low = " ".join(piece.lower().split())
        category = lx.HEDGE_WORDS.get(low) or lx.HEDGE_PHRASES.get(low) or (learned or {}).get(low)
        return {"category": category or DEFAULT_CATEGORY}
    return {}
