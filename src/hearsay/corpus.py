"""The raw corpus: immutable `corpus/<id>.txt` files and `corpus/metadata.jsonl`."""

from __future__ import annotations

import fcntl
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import paths
from .document import sha256_text
from .errors import InputError, Problem, ValidationError
from .io import read_jsonl, write_jsonl, write_text
from .schema import Schema, load_schema
from .validate import check_meta

DATE_MARKER = re.compile(r"\A date (\d{4}-\d{2}-\d{2}) ")


def split_date_marker(raw: str) -> tuple[str | None, str]:
    """Split the leading ` date YYYY-MM-DD ` marker (guideline G6) off a raw article.

    Returns (date or None, article text). The text is otherwise unchanged, except that a single
    trailing newline at the end of the file is not article text and is dropped.
    """
    match = DATE_MARKER.match(raw)
    date = match.group(1) if match else None
    text = raw[match.end():] if match else raw
    if text.endswith("\n"):
        text = text[:-1]
    return date, text


def word_count(text: str) -> int:
    return len(text.split())


@dataclass(frozen=True)
class CorpusDoc:
    id: str
    text: str
    meta: dict[str, Any]


def read_text(path: Path) -> str:
    try:
        with path.open(encoding="utf-8", newline="") as handle:  # keep CRLF as written
            return handle.read()
    except FileNotFoundError as exc:
        raise InputError(f"{path}: corpus text not found") from exc
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 ({exc.reason} at byte {exc.start})") from exc


def load_corpus(corpus_dir: Path | None = None, schema: Schema | None = None) -> dict[str, CorpusDoc]:
    """Read metadata and texts, checking metadata fields, ids, hashes and word counts.

    Texts are stored exactly as annotated (no trailing newline is added or removed), so the
    sha256 in the metadata is the hash of the file's bytes.
    """
    corpus_dir = Path(corpus_dir or paths.CORPUS_DIR)
    schema = schema or load_schema()
    meta_path = corpus_dir / "metadata.jsonl"
    with _lock(corpus_dir, fcntl.LOCK_SH):
        return _load_corpus(corpus_dir, meta_path, schema)


@contextmanager
def _lock(corpus_dir: Path, mode: int) -> Iterator[None]:
    """Serialise additions against readers (annotators add texts concurrently)."""
    corpus_dir.mkdir(parents=True, exist_ok=True)
    with (corpus_dir / ".metadata.lock").open("a") as handle:
        fcntl.flock(handle, mode)
        yield


def _load_corpus(corpus_dir: Path, meta_path: Path, schema: Schema) -> dict[str, CorpusDoc]:
    rows = read_jsonl(meta_path)
    problems: list[Problem] = []
    docs: dict[str, CorpusDoc] = {}
    for row in rows:
        doc_id = row.get("id") if isinstance(row.get("id"), str) else None
        problems += check_meta(row, schema, str(meta_path), doc_id, required=True)
        unknown = sorted(row.keys() - {f.name for f in schema.metadata})
        if unknown:
            problems.append(Problem(str(meta_path), doc_id, None, f"unknown metadata fields {unknown}"))
        if doc_id is None:
            continue
        if doc_id in docs:
            problems.append(Problem(str(meta_path), doc_id, None, "duplicate document id"))
            continue
        text_path = corpus_dir / f"{doc_id}.txt"
        if not text_path.is_file():
            problems.append(Problem(str(text_path), doc_id, None, "metadata names a text file that does not exist"))
            continue
        text = read_text(text_path)
        if row.get("sha256") != sha256_text(text):
            problems.append(Problem(str(text_path), doc_id, "meta.sha256",
                                    "text does not match its sha256 in metadata.jsonl (corpus texts are immutable)"))
        if row.get("word_count") != word_count(text):
            problems.append(Problem(str(meta_path), doc_id, "meta.word_count",
                                    f"word_count {row.get('word_count')!r} but the text has {word_count(text)} words"))
        docs[doc_id] = CorpusDoc(doc_id, text, {f.name: row.get(f.name) for f in schema.metadata})
    listed = set(docs)
    for path in sorted(corpus_dir.glob("*.txt")):
        if path.stem not in listed and path.stem not in {r.get("id") for r in rows}:
            problems.append(Problem(str(path), path.stem, None, "text file has no row in metadata.jsonl"))
    if problems:
        raise ValidationError(problems)
    return dict(sorted(docs.items()))


def add_to_corpus(doc_id: str, text: str, meta: dict[str, Any], corpus_dir: Path | None = None,
                  schema: Schema | None = None) -> dict[str, Any]:
    """Add one text with its metadata (sha256 and word_count computed here). Refuses to overwrite."""
    corpus_dir = Path(corpus_dir or paths.CORPUS_DIR)
    schema = schema or load_schema()
    text_path = corpus_dir / f"{doc_id}.txt"
    if text_path.exists():
        raise InputError(f"{text_path}: already in the corpus; corpus texts are immutable")
    row = {f.name: meta.get(f.name) for f in schema.metadata}
    row.update(id=doc_id, sha256=sha256_text(text), word_count=word_count(text))
    problems = check_meta(row, schema, str(text_path), doc_id, required=True)
    if problems:
        raise ValidationError(problems)
    meta_path = corpus_dir / "metadata.jsonl"
    with _lock(corpus_dir, fcntl.LOCK_EX):
        rows = read_jsonl(meta_path) if meta_path.exists() else []
        if any(r.get("id") == doc_id for r in rows):
            raise InputError(f"{meta_path}: document {doc_id} is already listed")
        rows = sorted([*rows, row], key=lambda r: r["id"])
        write_text(text_path, text)
        write_jsonl(meta_path, rows)
    return row


def remove_from_corpus(doc_id: str, corpus_dir: Path | None = None) -> None:
    """Withdraw a text that has no annotations yet (e.g. it named a real organisation).

    Refuses when any export or the gold mentions the document: annotated texts are immutable."""
    corpus_dir = Path(corpus_dir or paths.CORPUS_DIR)
    for path in [*sorted(paths.EXPORTS_DIR.glob("*.json")), *sorted(paths.GOLD_DIR.glob("*.jsonl"))]:
        if f'"{doc_id}"' in path.read_text(encoding="utf-8"):
            raise InputError(f"{path}: mentions {doc_id}; annotated texts cannot be removed")
    meta_path = corpus_dir / "metadata.jsonl"
    with _lock(corpus_dir, fcntl.LOCK_EX):
        rows = read_jsonl(meta_path)
        if not any(r.get("id") == doc_id for r in rows):
            raise InputError(f"{meta_path}: no document {doc_id}")
        write_jsonl(meta_path, [r for r in rows if r.get("id") != doc_id])
        (corpus_dir / f"{doc_id}.txt").unlink(missing_ok=True)
