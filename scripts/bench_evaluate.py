"""Benchmark of the evaluator: time to score 10,000 documents without bootstrap, and 1,000 documents
with 1,000 bootstrap resamples (targets: under 10 s and under 30 s on 2 cores).

Documents are synthetic but shaped like annotated news articles (about 3,000 characters, ~50 spans
of every label with attribution frames, hedges and quantities, nested spans), and predictions are
noisy copies (kept, shifted, relabelled, dropped and spurious spans, wrong attributes). Only scoring
is timed (`evaluate_documents`), not generating or reading the documents.

    .venv/bin/python scripts/bench_evaluate.py [--docs 10000] [--boot-docs 1000] [--resamples 1000]
"""

from __future__ import annotations

import argparse
import logging
import os
import platform
import random
import time

from hearsay.document import Document, Relation, Span
from hearsay.evaluate import evaluate_documents
from hearsay.schema import load_schema

DOMAINS = ("politics", "conflict", "economy", "health", "science")
CATEGORIES = ("modal", "probability", "epistemic", "reported", "conditional")
UNITS = (None, None, "USD", "percent", "km", "t")


def _span(text: str, sid: str, label: str, start: int, end: int, **attrs: object) -> Span:
    return Span(sid, label, start, end, text[start:end], dict(attrs))


def make_gold(rng: random.Random, doc_id: str, length: int = 3000) -> Document:
    text = "".join(rng.choice("abcdefghij") for _ in range(length))
    spans: list[Span] = []
    relations: list[Relation] = []
    n = 0

    def new(label: str, start: int, end: int, **attrs: object) -> str:
        nonlocal n
        n += 1
        sid = f"T{n}"
        spans.append(_span(text, sid, label, start, min(end, length), **attrs))
        return sid

    position = 0
    while position < length - 200:  # one attribution frame per ~300 characters
        cue = new("CUE", position, position + rng.randint(3, 12))
        if rng.random() < 0.8:
            relations.append(Relation("SOURCE", cue, new("SOURCE", position + 15, position + 15 + rng.randint(5, 30))))
        content_start = position + 50
        content = new("CONTENT", content_start, content_start + rng.randint(60, 140),
                      quote=rng.choice(["direct", "indirect"]))
        relations.append(Relation("CONTENT", cue, content))
        if rng.random() < 0.2:
            relations.append(Relation("CONTENT", cue, new("CONTENT", content_start + 150, content_start + 180,
                                                          quote="direct")))
        if rng.random() < 0.6:
            hedge = new("HEDGE", content_start + 5, content_start + 5 + rng.randint(3, 10),
                        category=rng.choice(CATEGORIES))
            relations.append(Relation("HEDGES", hedge, content))
        if rng.random() < 0.7:
            value = float(rng.randint(1, 10**6))
            quantity = new("QUANTITY", content_start + 30, content_start + 30 + rng.randint(2, 14), value=value,
                           low=None, high=None, unit=rng.choice(UNITS), kind="count", modifier="exact")
            relations.append(Relation("QUANTIFIES", quantity, new("ENTITY", content_start + 46, content_start + 60)))
        position += rng.randint(250, 350)
    return Document(doc_id, text, {"domain": rng.choice(DOMAINS)}, spans, relations)


def make_prediction(rng: random.Random, gold: Document) -> Document:
    labels = load_schema().label_names
    spans: list[Span] = []
    kept: set[str] = set()
    for s in gold.spans:
        r = rng.random()
        if r < 0.15:
            continue  # missed
        start, end, label, attrs = s.start, s.end, s.label, dict(s.attrs)
        if r < 0.35:
            start = max(0, start + rng.randint(-3, 3))
            end = max(start + 1, min(len(gold.text), end + rng.randint(-3, 3)))
        elif r < 0.4:
            label = rng.choice(labels)
            attrs = {}
        if "category" in attrs and rng.random() < 0.2:
            attrs["category"] = rng.choice(CATEGORIES)
        if "value" in attrs and rng.random() < 0.2:
            attrs["value"] = (attrs["value"] or 0.0) * 1.1
        spans.append(_span(gold.text, s.id, label, start, end, **attrs))
        kept.add(s.id)
    for i in range(rng.randint(0, 5)):
        start = rng.randrange(len(gold.text) - 20)
        spans.append(_span(gold.text, f"X{i}", rng.choice(labels), start, start + rng.randint(2, 20)))
    relations = [r for r in gold.relations if r.head in kept and r.tail in kept]
    return Document(gold.id, gold.text, dict(gold.meta), spans, relations)


def corpus(n: int, seed: int) -> tuple[list[Document], list[Document]]:
    rng = random.Random(seed)
    gold = [make_gold(rng, f"bench-{i:05d}") for i in range(n)]
    return gold, [make_prediction(rng, g) for g in gold]


def timed(gold: list[Document], pred: list[Document], resamples: int) -> tuple[float, dict]:
    start = time.perf_counter()
    scores = evaluate_documents(gold, pred, resamples=resamples)
    return time.perf_counter() - start, scores


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=10_000, help="documents scored without bootstrap")
    parser.add_argument("--boot-docs", type=int, default=1_000, help="documents scored with bootstrap")
    parser.add_argument("--resamples", type=int, default=1_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)

    print(f"python {platform.python_version()}, {os.cpu_count()} cpu(s) visible, "
          f"affinity {len(os.sched_getaffinity(0)) if hasattr(os, 'sched_getaffinity') else '?'}")
    gold, pred = corpus(args.docs, args.seed)
    spans = sum(len(d.spans) for d in gold)
    print(f"generated {len(gold)} documents, {spans} gold spans ({spans / max(1, len(gold)):.0f} per document)")

    seconds, scores = timed(gold, pred, 0)
    print(f"score {len(gold)} documents, no bootstrap:            {seconds:6.2f} s  (target < 10 s)"
          f"   micro overlap F1 {scores['spans']['micro']['overlap']['f1']:.3f}")
    n = min(args.boot_docs, len(gold))
    seconds, scores = timed(gold[:n], pred[:n], args.resamples)
    ci = scores["spans"]["micro"]["overlap"]["f1_ci95"]
    print(f"score {n} documents, {args.resamples} bootstrap resamples:   {seconds:6.2f} s  (target < 30 s)"
          f"   micro overlap F1 {scores['spans']['micro']['overlap']['f1']:.3f} [{ci[0]:.3f}, {ci[1]:.3f}]")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
