"""Assemble the gold from the committed Label Studio exports.

Export files are named `<YYYY-MM-DD>_<pass>_<annotator>.json` (one file per annotation pass), where
`pass` is one of:

- `pass1`: the first, complete annotation of each document (exactly one per document);
- `pass2`: an independent second annotation of a subset, used only for agreement;
- `revised`: a revision of single-annotated documents that applies guideline rules added after the
  first pass (the first pass itself is kept unchanged as the record of what annotators did);
- `adjudicated`: the adjudicated annotation of documents whose two passes were compared.

A document's gold is its `adjudicated` annotation when there is one, else its `revised` one, else
its `pass1` annotation.
Every export is validated against the corpus (same text, same hash) before anything is written.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path

from . import paths
from .convert.labelstudio import convert_export_file
from .corpus import load_corpus
from .document import Document, write_documents
from .errors import Problem, ValidationError

log = logging.getLogger(__name__)

PASSES = ("pass1", "pass2", "revised", "adjudicated")
EXPORT_NAME = re.compile(r"^(?P<date>\d{4}-\d{2}-\d{2})_(?P<pass>[a-z0-9]+)_(?P<annotator>[A-Za-z0-9.@-]+)\.json$")


@dataclass(frozen=True)
class ExportFile:
    path: Path
    date: str
    pass_: str
    annotator: str


def export_files(exports_dir: Path | None = None) -> list[ExportFile]:
    exports_dir = Path(exports_dir or paths.EXPORTS_DIR)
    files, problems = [], []
    for path in sorted(exports_dir.glob("*.json")):
        match = EXPORT_NAME.match(path.name)
        if not match or match["pass"] not in PASSES:
            problems.append(Problem(str(path), None, None,
                                    f"export file names must be <date>_<pass>_<annotator>.json with pass in {PASSES}"))
            continue
        files.append(ExportFile(path, match["date"], match["pass"], match["annotator"]))
    if problems:
        raise ValidationError(problems)
    return files


def load_passes(exports_dir: Path | None = None) -> dict[str, dict[str, Document]]:
    """pass -> document id -> document, from every export; a document twice in one pass is an error."""
    corpus = load_corpus()
    passes: dict[str, dict[str, Document]] = {p: {} for p in PASSES}
    problems: list[Problem] = []
    for export in export_files(exports_dir):
        try:
            docs = convert_export_file(export.path, corpus=corpus, skip_empty=export.pass_ != "pass1")
        except ValidationError as exc:
            problems += exc.problems
            continue
        for doc in docs:
            if doc.id in passes[export.pass_]:
                other = passes[export.pass_][doc.id].meta["annotation"]["export"]
                problems.append(Problem(str(export.path), doc.id, None,
                                        f"document already annotated in {export.pass_} export {other}"))
            passes[export.pass_][doc.id] = doc
    if problems:
        raise ValidationError(problems)
    return passes


def assemble_gold(passes: dict[str, dict[str, Document]]) -> list[Document]:
    gold = dict(passes["pass1"])
    gold.update(passes["revised"])
    gold.update(passes["adjudicated"])
    return [gold[k] for k in sorted(gold)]


def write_gold(exports_dir: Path | None = None, gold_file: Path | None = None) -> list[Document]:
    from .build.builder import gold_path

    passes = load_passes(exports_dir)
    docs = assemble_gold(passes)
    write_documents(Path(gold_file or gold_path()), docs)
    log.info("gold: %d documents (%d adjudicated)", len(docs), len(passes["adjudicated"]))
    return docs
