"""Scores computed from summed counts, vectorised so that one code path gives both the point estimate
(one row of totals) and every bootstrap resample (one row per resample).

A score tree is a nested dict whose leaves are `Metric` (a fraction, NaN where undefined) or `Count`
(an integer total). `finalize` turns it into plain JSON values: `None` for undefined fractions, never 0.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np


class Metric:
    """A fraction per row of totals; NaN marks 'undefined' (zero denominator)."""

    __slots__ = ("values",)

    def __init__(self, values: np.ndarray):
        self.values = values


class Count:
    """An integer total per row of totals."""

    __slots__ = ("values",)

    def __init__(self, values: np.ndarray):
        self.values = values


class Totals:
    """Summed counts: `totals(key)` is one value per row (point estimate or resample)."""

    def __init__(self, columns: dict[str, int], matrix: np.ndarray):
        self.columns = columns
        self.matrix = matrix  # shape (rows, keys)
        self._zeros = np.zeros(matrix.shape[0])

    def __call__(self, key: str) -> np.ndarray:
        column = self.columns.get(key)
        return self._zeros if column is None else self.matrix[:, column]

    @property
    def rows(self) -> int:
        return self.matrix.shape[0]


def ratio(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    """num / den, NaN where den == 0."""
    out = np.full(np.broadcast(num, den).shape, np.nan)
    np.divide(num, den, out=out, where=den > 0)
    return out


def prf(tp: np.ndarray, fp: np.ndarray, fn: np.ndarray) -> dict[str, Any]:
    """P = tp/(tp+fp), R = tp/(tp+fn), F1 = 2tp/(2tp+fp+fn); each undefined on a zero denominator."""
    return {"p": Metric(ratio(tp, tp + fp)), "r": Metric(ratio(tp, tp + fn)),
            "f1": Metric(ratio(2 * tp, 2 * tp + fp + fn)),
            "tp": Count(tp), "fp": Count(fp), "fn": Count(fn)}


def prf_of(totals: Totals, prefix: str) -> dict[str, Any]:
    return prf(totals(f"{prefix}/tp"), totals(f"{prefix}/fp"), totals(f"{prefix}/fn"))


def micro(parts: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Pool tp, fp and fn of several P/R/F1 trees, then score the sums."""
    parts = list(parts)
    tp = sum((p["tp"].values for p in parts), np.zeros_like(parts[0]["tp"].values))
    fp = sum((p["fp"].values for p in parts), np.zeros_like(parts[0]["fp"].values))
    fn = sum((p["fn"].values for p in parts), np.zeros_like(parts[0]["fn"].values))
    return prf(tp, fp, fn)


def mean_defined(rows: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Mean over the defined (non-NaN) values per column, NaN where none is defined; and how many."""
    stack = np.vstack(rows)
    defined = ~np.isnan(stack)
    n = defined.sum(axis=0)
    return ratio(np.where(defined, stack, 0.0).sum(axis=0), n), n


def macro(parts: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Unweighted mean over labels of P, R and F1, each over the labels where it is defined."""
    parts = list(parts)
    out: dict[str, Any] = {}
    for key in ("p", "r", "f1"):
        mean, n = mean_defined([p[key].values for p in parts])
        out[key] = Metric(mean)
        if key == "f1":
            out["labels"] = Count(n.astype(float))
    return out


def interval(values: np.ndarray, confidence: float) -> list[float] | None:
    """Percentile interval over the defined resample values; None when no resample is defined."""
    defined = values[~np.isnan(values)]
    if defined.size == 0:
        return None
    tail = (1.0 - confidence) / 2.0 * 100.0
    lo, hi = np.percentile(defined, [tail, 100.0 - tail])
    return [float(lo), float(hi)]


def finalize(point: Any, boot: Any = None, confidence: float = 0.95) -> Any:
    """Plain JSON values from a score tree (row 0); with `boot`, a sibling `<key>_ci95` per Metric."""
    if isinstance(point, Metric):
        value = float(point.values[0])
        return None if np.isnan(value) else value
    if isinstance(point, Count):
        return int(round(float(point.values[0])))
    if isinstance(point, dict):
        out: dict[str, Any] = {}
        for key, value in point.items():
            out[key] = finalize(value, None if boot is None else boot[key], confidence)
            if boot is not None and isinstance(value, Metric):
                out[f"{key}_ci95"] = interval(boot[key].values, confidence)
        return out
    return point
