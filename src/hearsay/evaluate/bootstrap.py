"""Bootstrap confidence intervals over documents.

Each resample draws as many documents as there are, with replacement, from a seeded
`numpy.random.default_rng(seed)`. Scores are ratios of summed per-document counts, so a resample is a
weighted sum of the per-document count matrix (weights = how often each document was drawn), and all
resamples are one matrix product. The interval is the percentile interval (2.5th and 97.5th
percentile) over the resamples where the score is defined; `None` if it is defined in none.
"""

from __future__ import annotations

import numpy as np

RESAMPLES = 1000
SEED = 0
CONFIDENCE = 0.95


def resample_weights(n_docs: int, resamples: int, seed: int) -> np.ndarray:
    """(resamples, n_docs) matrix: how often each document is drawn in each resample."""
    rng = np.random.default_rng(seed)
    draws = rng.integers(0, n_docs, size=(resamples, n_docs))
    flat = (draws + (np.arange(resamples) * n_docs)[:, None]).ravel()
    return np.bincount(flat, minlength=resamples * n_docs).reshape(resamples, n_docs).astype(float)


def resample_totals(matrix: np.ndarray, resamples: int = RESAMPLES, seed: int = SEED) -> np.ndarray:
    """(resamples, keys) summed counts of bootstrap resamples of the rows (documents) of `matrix`."""
    return resample_weights(matrix.shape[0], resamples, seed) @ matrix
