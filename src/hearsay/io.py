"""Atomic file writes and JSON Lines reading with located errors."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from .errors import InputError


@contextmanager
def atomic_open(path: Path, mode: str = "w", encoding: str | None = "utf-8") -> Iterator[IO[Any]]:
    """Write to a temp file beside `path` and rename it over `path` only if the block succeeds.

    On any exception the temp file is removed and `path` is left exactly as it was.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        kwargs: dict[str, Any] = {} if "b" in mode else {"encoding": encoding, "newline": "\n"}
        with os.fdopen(fd, mode, **kwargs) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600 files; stored outputs are ordinary files
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def write_text(path: Path, text: str) -> None:
    with atomic_open(path) as handle:
        handle.write(text)


def write_bytes(path: Path, data: bytes) -> None:
    with atomic_open(path, "wb", encoding=None) as handle:
        handle.write(data)


def dumps(obj: Any) -> str:
    """The one JSON serialisation used for stored files: stable key order, real UTF-8."""
    return json.dumps(obj, ensure_ascii=False, sort_keys=False)


def write_jsonl(path: Path, rows: Iterable[dict[str, Any]]) -> None:
    with atomic_open(path) as handle:
        for row in rows:
            handle.write(dumps(row) + "\n")


def write_json(path: Path, obj: Any) -> None:
    with atomic_open(path) as handle:
        handle.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")


def read_yaml(path: Path, what: str = "file", error: type[Exception] = InputError) -> Any:
    """Parse a YAML file; a missing file or malformed YAML raises `error` naming the file."""
    import yaml

    path = Path(path)
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise error(f"{path}: {what} not found") from exc
    except yaml.YAMLError as exc:
        raise error(f"{path}: malformed YAML: {exc}") from exc


def read_json(path: Path) -> Any:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise InputError(f"{path}: file not found") from exc
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 ({exc.reason} at byte {exc.start})") from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: malformed JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") from exc


def iter_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """Objects of a JSON Lines file, one at a time; errors name the file and line."""
    path = Path(path)
    try:
        handle = path.open(encoding="utf-8", newline="")
    except FileNotFoundError as exc:
        raise InputError(f"{path}: file not found") from exc
    with handle:
        number = 0
        while True:
            number += 1
            try:
                line = handle.readline()
            except UnicodeDecodeError as exc:
                raise InputError(f"{path}: line {number}: not UTF-8 ({exc.reason})") from exc
            if not line:
                return
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{path}: line {number}: malformed JSON at column {exc.colno}: {exc.msg}") from exc
            if not isinstance(row, dict):
                raise InputError(f"{path}: line {number}: expected a JSON object, got {type(row).__name__}")
            yield row


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return list(iter_jsonl(path))
