"""Training every baseline, predicting files, and the benchmark that writes `baselines/results/`.

The commands `hearsay train`, `hearsay predict` and `hearsay benchmark` are thin wrappers around
these functions. Benchmark results go through the evaluator's own results writer
(`evaluate.results.build_results` / `write_results`, as `hearsay evaluate --output`), carry no
timestamp, and the predictions they hash are deterministic, so a rerun is byte-identical.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import paths
from ..document import Document, write_documents
from ..evaluate import evaluate_documents
from ..evaluate.bootstrap import RESAMPLES, SEED
from ..evaluate.results import build_results, load_results, package_versions, render_leaderboard, write_results
from ..io import write_json, write_text
from ..schema import load_schema
from ..validate import validate_documents
from . import base
from .data import Splits, require

log = logging.getLogger(__name__)

PREDICTIONS_DIR = "predictions"


@dataclass
class TrainReport:
    name: str
    seconds: float
    details: dict[str, Any]


def train(names: Sequence[str], splits: Splits, models: Path | None = None) -> list[TrainReport]:
    """Train each named baseline on the train split (validation for model selection)."""
    require(splits, "train", "validation")
    reports = []
    for name in names:
        cls = base.get(name)
        if not cls.trainable:
            log.info("%s has nothing to train", name)
            continue
        directory = base.model_dir(name, models)
        start = time.perf_counter()
        details = cls().train(splits["train"], splits["validation"], directory)
        seconds = time.perf_counter() - start
        write_json(directory / "train-report.json", {"baseline": name, "seconds": round(seconds, 1),
                                                      "data": splits.origin, "documents":
                                                      {s: len(d) for s, d in splits.documents.items()},
                                                      **details})
        log.info("trained %s in %.1f s", name, seconds)
        reports.append(TrainReport(name, seconds, details))
    return reports


def predict(baseline: base.Baseline, items: Sequence[tuple[str, str]], metas: Sequence[dict] | None = None
            ) -> list[Document]:
    """Predicted documents, validated; input metadata (when given) is carried over unchanged."""
    docs = baseline.predict(list(items))
    if metas is not None:
        for doc, meta in zip(docs, metas):
            doc.meta = dict(meta or {})
    validate_documents(docs, meta_required=False, file=f"<{baseline.name} predictions>")
    dropped = {k: v for k, v in baseline.link_stats.dropped.items() if v}
    if dropped:
        log.info("%s: spans dropped while linking: %s", baseline.name,
                 ", ".join(f"{v} {k}" for k, v in sorted(dropped.items())))
    return docs


@dataclass
class BenchmarkRow:
    name: str
    path: Path
    scores: dict[str, Any]
    seconds: float


def benchmark(names: Sequence[str], splits: Splits, split: str = "test", *, results_dir: Path | None = None,
              models: Path | None = None, resamples: int = RESAMPLES, seed: int = SEED,
              leaderboard: Path | None = None) -> list[BenchmarkRow]:
    """Predict `split` with every named baseline and peer, score it, write results and the leaderboard."""
    require(splits, split)
    schema = load_schema()
    gold = splits.gold(split)
    results_dir = Path(results_dir or paths.BASELINES_DIR / "results")
    items = [(d.id, d.text) for d in gold.documents]
    rows = []
    for name in names:
        baseline = base.load(name, models)
        start = time.perf_counter()
        docs = predict(baseline, items)
        seconds = time.perf_counter() - start
        pred_path = paths.WORK_DIR / PREDICTIONS_DIR / split / f"{name}.jsonl"
        write_documents(pred_path, docs)
        scores = evaluate_documents(gold.documents, docs, schema, resamples=resamples, seed=seed,
                                    pred_file=str(pred_path))
        results = build_results(name, scores, gold, pred_path, package_versions(baseline.packages), schema)
        out = results_dir / f"{name}.json"
        write_results(out, results)
        log.info("%s: %d documents in %.1f s -> %s", name, len(docs), seconds, out)
        rows.append(BenchmarkRow(name, out, scores, seconds))
    if leaderboard is not None:
        write_text(leaderboard, render_leaderboard(load_results(results_dir), schema))
    return rows


def best_baseline(layer_key: str = "attribution.overlap.f1", results_dir: Path | None = None,
                  models: Path | None = None) -> str:
    """The non-peer baseline with the best test score `layer_key` among results files whose model is
    available; `rules` (which needs no training) when there are none."""
    results_dir = Path(results_dir or paths.BASELINES_DIR / "results")
    candidates = []
    if results_dir.is_dir():
        for result in load_results(results_dir):
            name = result["system"]
            try:
                cls = base.get(name)
            except Exception:  # a results file of a system this checkout does not have
                continue
            if cls.peer or result.get("split") != "test":
                continue
            if cls.trainable and not base.model_dir(name, models).is_dir():
                continue
            value = result["scores"]
            for part in layer_key.split("."):
                value = value.get(part) if isinstance(value, dict) else None
            if isinstance(value, (int, float)):
                candidates.append((value, name))
    return max(candidates)[1] if candidates else "rules"
