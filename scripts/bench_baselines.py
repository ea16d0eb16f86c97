"""Speed of the baselines: tokens per second of each baseline and peer, and of the rules quantity
extractor against quantulum3, measured side by side in one run on the same texts (target: the
project's extractor at least 10x faster than quantulum3).

Texts are the documents of a split (default: test) of the real data (`dataset/`, else
`annotations/gold`, or `--gold FILE`). Tokens are whitespace-separated words. Each measurement runs
`--repeat` times and reports the best run; the models are loaded (and warmed up on one text) before
timing, so start-up costs are not counted. Trained baselines are skipped when their model is
missing.

    .venv/bin/python scripts/bench_baselines.py [--split test] [--repeat 3] [--gold FILE]
"""

from __future__ import annotations

import argparse
import logging
import os
import platform
import time
from pathlib import Path

from hearsay.baselines import base
from hearsay.baselines.data import load_splits
from hearsay.baselines.quantities import extract
from hearsay.errors import HearsayError
from hearsay.quantulum import parse as quantulum_parse


def best_of(repeat: int, fn) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="test")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--gold", type=Path, default=None)
    parser.add_argument("--models", type=Path, default=None)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)

    docs = load_splits(args.gold)[args.split]
    texts = [d.text for d in docs]
    items = [(d.id, d.text) for d in docs]
    tokens = sum(len(t.split()) for t in texts)
    print(f"{len(texts)} documents of the {args.split} split, {tokens} tokens; python {platform.python_version()}, "
          f"{os.cpu_count()} CPUs; best of {args.repeat}")

    # quantities side by side: the same texts, one after the other in this run
    quantulum_parse(texts[0])  # load quantulum3's unit tables first
    extract(texts[0])
    ours = best_of(args.repeat, lambda: [extract(t) for t in texts])
    theirs = best_of(args.repeat, lambda: [quantulum_parse(t) for t in texts])
    print("\nquantity extraction (same texts, same run)")
    print(f"  rules quantities (hearsay.baselines.quantities.extract): {tokens / ours:12,.0f} tokens/s")
    print(f"  quantulum3 0.10.0 (hearsay.quantulum.parse):            {tokens / theirs:12,.0f} tokens/s")
    print(f"  ratio: rules quantities are {theirs / ours:.1f}x faster than quantulum3 (target >= 10x)")

    print("\nwhole baselines and peers (predict, all layers they cover, including linking)")
    for name in base.names():
        try:
            baseline = base.load(name, args.models)
        except HearsayError as exc:
            print(f"  {name:15s} skipped: {exc}")
            continue
        baseline.predict(items[:1])
        seconds = best_of(args.repeat, lambda: baseline.predict(items))
        print(f"  {name:15s} {tokens / seconds:10,.0f} tokens/s  ({seconds:.2f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
