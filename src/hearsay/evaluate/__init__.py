"""The Hearsay evaluator: one scorer for spans, attribution triples, hedges and quantities.

Definitions live in the docstrings of the modules that implement them:
`matching` (exact and overlap matching), `spans` (span P/R/F1 and the error categories),
`attribution` (triples), `hedges`, `quantities`, `bootstrap` (intervals) and `results`
(results files and the leaderboard).
"""

from __future__ import annotations

from .loading import Gold, load_gold, load_predictions
from .matching import exact_matching, overlap_matching
from .scorer import count_document, evaluate_documents, pair_documents, scores_from_counts

__all__ = ["Gold", "count_document", "evaluate_documents", "exact_matching", "load_gold", "load_predictions",
           "overlap_matching", "pair_documents", "scores_from_counts"]
