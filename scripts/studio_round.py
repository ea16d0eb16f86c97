#!/usr/bin/env python
"""Record one annotation pass of anchor-text drafts in Label Studio and pull its export.

    .venv/bin/python scripts/studio_round.py PASS [--who NAME] [--date YYYY-MM-DD]

For pass PASS (pass1, pass2, revised, adjudicated): every corpus document becomes a task of the
project "Hearsay PASS"; the drafts in annotations/drafts/PASS/ are resolved per annotator (their
`annotator:` field) and pushed as annotations completed by that annotator's Label Studio user; the
project is then pulled to annotations/exports/<date>_PASS_<who>.json. Needs `hearsay studio up`.
Idempotent: re-running adds nothing that is already there.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
HEARSAY = [sys.executable, "-m", "hearsay.cli"]


def run(*args: str) -> None:
    print("$ hearsay " + " ".join(args), flush=True)
    subprocess.run([*HEARSAY, *args], check=True, cwd=ROOT)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("pass_", metavar="PASS", choices=("pass1", "pass2", "revised", "adjudicated"))
    parser.add_argument("--who", default=None, help="annotator part of the export name (default: from the drafts)")
    parser.add_argument("--date", default=date.today().isoformat())
    args = parser.parse_args()
    drafts = ROOT / "annotations" / "drafts" / args.pass_
    annotators = sorted({yaml.safe_load(p.read_text(encoding="utf-8")).get("annotator")
                         for p in drafts.glob("*.yaml")})
    if not annotators or None in annotators:
        raise SystemExit(f"{drafts}: every draft needs an `annotator:` field")
    project = f"Hearsay {args.pass_}"
    with tempfile.TemporaryDirectory() as tmp:
        # the project holds exactly the documents this pass annotated (pass1 covers the whole corpus)
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        ids = {p.stem for p in drafts.glob("*.yaml")}
        rows = [line for line in (ROOT / "corpus" / "metadata.jsonl").read_text(encoding="utf-8").splitlines()
                if json.loads(line)["id"] in ids]
        (corpus / "metadata.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
        for doc_id in ids:
            shutil.copyfile(ROOT / "corpus" / f"{doc_id}.txt", corpus / f"{doc_id}.txt")
        run("studio", "push", "--project", project, "--corpus", str(corpus))
        for annotator in annotators:
            docs = Path(tmp) / f"{annotator}.jsonl"
            run("draft", "resolve", str(drafts), "--annotator", annotator, "-o", str(docs))
            run("studio", "push", "--project", project, "--corpus", str(corpus), "--annotations", str(docs),
                "--annotator", annotator)
    who = args.who or (annotators[0] if len(annotators) == 1 else f"{annotators[0]}-to-{annotators[-1].split('-')[-1]}")
    run("studio", "pull", "--project", project, "--name", f"{args.date}_{args.pass_}_{who}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
