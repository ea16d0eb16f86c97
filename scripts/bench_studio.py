#!/usr/bin/env python
"""Time `hearsay studio push` and `pull` for 1,000 tasks against a real Label Studio server.

Starts a throw-away server (data in a temporary folder, the shared .work/studio-venv environment),
pushes N documents with a gold annotation each (the seed gold, or a synthetic document, repeated under
distinct ids), pushes again (the idempotent no-op), pulls and validates the export, then stops the
server. Server start-up is reported but not part of the push/pull numbers.

    .venv/bin/python scripts/bench_studio.py            # 1,000 tasks
    .venv/bin/python scripts/bench_studio.py --tasks 200
"""

from __future__ import annotations

import argparse
import logging
import os
import platform
import tempfile
import time
from pathlib import Path

from hearsay import paths
from hearsay.document import Document
from hearsay.studio import client, server
from hearsay.validate import load_documents


def template_document() -> Document:
    gold = paths.GOLD_DIR / "hearsay.jsonl"
    if gold.exists():
        docs = load_documents(gold)
        if docs:
            return max(docs, key=lambda d: len(d.spans))
    from hearsay.document import Span
    text = "Officials said about 40 firms may close."
    return Document("economy-2024-01-01-bench", text, {}, [Span("C1", "CUE", 10, 14, "said", {})], [])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tasks", type=int, default=1000)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    for name in (server.TOKEN_ENV, server.URL_ENV):
        os.environ.pop(name, None)

    base = template_document()
    docs = [Document(f"economy-2024-01-01-bench-{i:05d}", base.text, {}, base.spans, base.relations)
            for i in range(args.tasks)]
    corpus = [Document(d.id, d.text, {}) for d in docs]
    config = (paths.SCHEMA_DIR / "labeling_config.xml").read_text(encoding="utf-8")

    with tempfile.TemporaryDirectory(prefix="hearsay-bench-") as tmp:
        home = server.StudioHome(Path(tmp) / "home", server.StudioHome.default().venv)
        began = time.monotonic()
        started = server.start(home, timeout=900)
        start_seconds = time.monotonic() - began
        try:
            ls = client.connect(started.state.url, server.api_token(home), timeout=600)
            t0 = time.monotonic()
            first = client.push(ls, corpus, project="Bench", label_config=config, gold=docs)
            push_seconds = time.monotonic() - t0
            t0 = time.monotonic()
            second = client.push(ls, corpus, project="Bench", label_config=config, gold=docs)
            repush_seconds = time.monotonic() - t0
            t0 = time.monotonic()
            pulled = client.pull(ls, Path(tmp) / "bench.json", project="Bench")
            pull_seconds = time.monotonic() - t0
        finally:
            server.stop(home)

    assert len(first.created) == args.tasks and not second.created and not second.annotations_added
    assert pulled.tasks == args.tasks and not pulled.problems, pulled.problems[:3]
    spans = len(base.spans) * args.tasks
    print(f"Label Studio {server.pinned_version()} on {platform.machine()}, {os.cpu_count()} cores; "
          f"{args.tasks} tasks of {len(base.text)} characters with {len(base.spans)} spans each ({spans} spans)")
    print(f"  server start (fresh data dir, not counted)  {start_seconds:7.1f} s")
    print(f"  push  (create project, import with gold)    {push_seconds:7.1f} s")
    print(f"  push again (idempotent, nothing to do)      {repush_seconds:7.1f} s")
    print(f"  pull  (export {pulled.bytes / 1e6:.1f} MB, write, validate)   {pull_seconds:7.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
