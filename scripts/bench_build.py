#!/usr/bin/env python
"""Build benchmark: documents/s and peak RSS of building the dataset from N synthetic documents.

The seed gold is repeated with fresh ids (and domains rotated so splits are stratified) to N = 1,000
and 10,000 documents. Each size runs in a fresh subprocess so its peak RSS is its own. Measured: the
whole build after the gold file is written - validating the gold JSONL, splitting, every config's
parquet files and the card with plots. Prints one line per size.

    .venv/bin/python scripts/bench_build.py [N ...]
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def child(n: int, workdir: Path) -> None:
    from hearsay.build.builder import split_documents, write_configs
    from hearsay.build.card import write_card
    from hearsay.document import Document
    from hearsay.draft import read_draft, resolve_draft
    from hearsay.corpus import load_corpus
    from hearsay.document import write_documents
    from hearsay.schema import load_schema
    from hearsay.splits import assign_splits
    from hearsay.validate import load_documents

    schema = load_schema()
    seed_id = "conflict-2024-11-12-kursk"
    seed = resolve_draft(read_draft(ROOT / "annotations/drafts/pass1" / f"{seed_id}.yaml"), load_corpus()[seed_id])
    domains = [f.values for f in schema.metadata if f.name == "domain"][0]
    docs = []
    for i in range(n):
        domain = domains[i % len(domains)]
        doc_id = f"{domain}-2024-11-12-bench{i:05d}"
        docs.append(Document(doc_id, seed.text, {**seed.meta, "id": doc_id, "domain": domain},
                             seed.spans, seed.relations))
    gold = workdir / "gold.jsonl"
    write_documents(gold, docs)

    start = time.perf_counter()
    loaded = load_documents(gold, schema)
    splits = assign_splits({d.id: d.meta["domain"] for d in loaded}, {"train": [], "validation": [], "test": []})
    result = write_configs(split_documents(loaded, splits, str(gold)), workdir / "dataset", schema)
    write_card(result, workdir / "dataset", schema)
    elapsed = time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"n": n, "seconds": round(elapsed, 2), "docs_per_s": round(n / elapsed, 1),
                      "peak_rss_mib": round(rss, 1), "token_rows": sum(result.rows["tokens"].values())}))


def main(argv: list[str]) -> int:
    if argv[:1] == ["--child"]:
        with tempfile.TemporaryDirectory() as tmp:
            child(int(argv[1]), Path(tmp))
        return 0
    sizes = [int(a) for a in argv] or [1000, 10000]
    print("build benchmark (validate gold + 5 configs x 3 splits + card), one fresh process per size")
    rows = []
    for n in sizes:
        out = subprocess.run([sys.executable, __file__, "--child", str(n)], check=True, capture_output=True,
                             text=True, cwd=ROOT)
        row = json.loads(out.stdout.strip().splitlines()[-1])
        rows.append(row)
        print(f"N={n:>6}: {row['seconds']:>7.2f} s  {row['docs_per_s']:>8.1f} docs/s  "
              f"peak RSS {row['peak_rss_mib']:>7.1f} MiB")
    if len(rows) > 1:
        a, b = rows[0], rows[-1]
        print(f"scaling: {b['n'] / a['n']:.0f}x documents took {b['seconds'] / a['seconds']:.1f}x the time")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
