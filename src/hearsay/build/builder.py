"""`hearsay build`: gold + splits -> `dataset/data/<config>/<split>.parquet` and the card.

The build is deterministic: rows are ordered by document id (then by position), parquet files are
written with fixed options, plots with fixed metadata, and the card from the data. Rebuilding with
the same inputs gives byte-identical files (CI checks `git diff --exit-code dataset/`).
"""

from __future__ import annotations

import io
import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from .. import paths
from ..corpus import load_corpus
from ..document import Document, Relation, Span
from ..errors import Problem, ValidationError
from ..io import write_bytes
from ..schema import Schema, load_schema
from ..splits import SPLITS, read_splits
from ..tokens import TokenStats
from ..validate import load_documents
from .features import CONFIGS, FEATURES
from .views import config_rows

log = logging.getLogger(__name__)

GOLD_FILE = "hearsay.jsonl"


@dataclass
class BuildResult:
    documents: dict[str, list[Document]]  # split -> documents
    rows: dict[str, dict[str, int]]  # config -> split -> rows (non-empty splits only)
    nbytes: dict[str, dict[str, int]]  # config -> split -> in-memory bytes
    token_stats: TokenStats
    files: list[Path]


def gold_path(gold_dir: Path | None = None) -> Path:
    return Path(gold_dir or paths.GOLD_DIR) / GOLD_FILE


CHUNK = 256  # documents per row group; fixed, so the files are byte-identical on rebuild


class ParquetSink:
    """Collects row groups of one config and split in memory as Arrow and serialises them once."""

    def __init__(self, features):
        self.schema = features.arrow_schema.with_metadata(
            {"huggingface": json.dumps({"info": {"features": features.to_dict()}}, sort_keys=True)})
        self.buffer = io.BytesIO()
        self.writer = pq.ParquetWriter(self.buffer, self.schema, compression="zstd", compression_level=9,
                                       write_statistics=False, use_dictionary=True, data_page_version="1.0")
        self.rows = 0
        self.nbytes = 0

    def add(self, rows: list[dict[str, Any]]) -> None:
        table = pa.Table.from_pylist(rows, schema=self.schema)
        self.writer.write_table(table)
        self.rows += table.num_rows
        self.nbytes += table.nbytes

    def close(self) -> bytes:
        self.writer.close()
        return self.buffer.getvalue()


def load_gold(gold_file: Path, corpus_dir: Path | None = None, schema: Schema | None = None,
              *, require_all: bool = True) -> list[Document]:
    """Gold documents, checked against the corpus: same text and hash; every corpus text has gold."""
    schema = schema or load_schema()
    docs = load_documents(gold_file, schema)
    corpus = load_corpus(corpus_dir, schema)
    problems = []
    for doc in docs:
        if doc.id not in corpus:
            problems.append(Problem(str(gold_file), doc.id, None, "gold document is not in corpus/metadata.jsonl"))
        elif corpus[doc.id].text != doc.text:
            problems.append(Problem(str(gold_file), doc.id, None, "gold text differs from the corpus text"))
        else:
            for field in schema.metadata:
                if doc.meta.get(field.name) != corpus[doc.id].meta.get(field.name):
                    problems.append(Problem(str(gold_file), doc.id, f"meta.{field.name}",
                                            "gold metadata differs from corpus/metadata.jsonl"))
    if require_all:
        missing = sorted(set(corpus) - {d.id for d in docs})
        problems += [Problem(str(gold_file), doc_id, None, "corpus document has no gold annotation")
                     for doc_id in missing]
    if problems:
        raise ValidationError(problems)
    return docs


def split_documents(docs: list[Document], splits: dict[str, list[str]], source: str) -> dict[str, list[Document]]:
    where = {doc_id: split for split, ids in splits.items() for doc_id in ids}
    problems = [Problem(source, d.id, None, "document is in no split (run `hearsay splits`)")
                for d in docs if d.id not in where]
    known = {d.id for d in docs}
    problems += [Problem(source, doc_id, None, f"{split} split lists a document without gold")
                 for doc_id, split in where.items() if doc_id not in known]
    if problems:
        raise ValidationError(problems)
    out: dict[str, list[Document]] = {split: [] for split in SPLITS}
    for doc in sorted(docs, key=lambda d: d.id):
        out[where[doc.id]].append(doc)
    return out


def write_configs(by_split: dict[str, list[Document]], out_dir: Path, schema: Schema) -> BuildResult:
    stats = TokenStats()
    counts: dict[str, dict[str, int]] = {config: {} for config in CONFIGS}
    nbytes: dict[str, dict[str, int]] = {config: {} for config in CONFIGS}
    files = []
    for split in SPLITS:
        if not by_split[split]:
            log.warning("split %s has no documents; it is left out of the dataset", split)
            continue
        sinks = {config: ParquetSink(FEATURES[config](schema)) for config in CONFIGS}
        docs = by_split[split]
        for start in range(0, len(docs), CHUNK):
            rows = config_rows(docs[start:start + CHUNK], schema, stats)
            for config in CONFIGS:
                sinks[config].add(rows[config])
        for config, sink in sinks.items():
            path = out_dir / "data" / config / f"{split}.parquet"
            write_bytes(path, sink.close())
            counts[config][split] = sink.rows
            nbytes[config][split] = sink.nbytes
            files.append(path)
    for stale in sorted((out_dir / "data").glob("*/*.parquet")):
        if stale not in files:
            log.warning("removing %s: no longer produced by the build", stale)
            stale.unlink()
    if stats.misaligned:
        log.info("%d of %d spans do not align with token boundaries (widened in the tokens config)",
                 stats.misaligned, stats.spans)
    return BuildResult(by_split, counts, nbytes, stats, files)


def build_dataset(gold_file: Path | None = None, out_dir: Path | None = None, *, corpus_dir: Path | None = None,
                  splits_dir: Path | None = None, with_card: bool = True, require_all: bool = True) -> BuildResult:
    """Validate the inputs, then write every config and (by default) the card."""
    schema = load_schema()
    gold_file = Path(gold_file or gold_path())
    out_dir = Path(out_dir or paths.DATASET_DIR)
    docs = load_gold(gold_file, corpus_dir, schema, require_all=require_all)
    by_split = split_documents(docs, read_splits(splits_dir), str(gold_file))
    result = write_configs(by_split, out_dir, schema)
    if with_card:
        from .card import write_card
        result.files += write_card(result, out_dir, schema)
    return result


def read_split(dataset_dir: Path, split: str, config: str = "documents") -> list[Document]:
    """Read `dataset/data/documents/<split>.parquet` back into canonical documents."""
    if config != "documents":
        raise ValueError("only the documents config holds whole documents")
    schema = load_schema()
    path = Path(dataset_dir) / "data" / config / f"{split}.parquet"
    if not path.is_file():
        raise ValidationError([Problem(str(path), None, None, f"no {split} split in {dataset_dir}")])
    docs = []
    for row in pq.read_table(path).to_pylist():
        spans = []
        for s in row["spans"]:
            allowed = {a.name for a in schema.label(s["label"]).attributes}
            spans.append(Span(s["id"], s["label"], s["start"], s["end"], s["text"],
                              {k: _plain(v) for k, v in s["attrs"].items() if k in allowed}))
        docs.append(Document(row["id"], row["text"], {"id": row["id"], **row["meta"]}, spans,
                             [Relation(**r) for r in row["relations"]]))
    return docs


def _plain(value: Any) -> Any:
    """Numbers stored as float64 come back as int when integral (canonical JSON writes 12000, not 12000.0)."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value
