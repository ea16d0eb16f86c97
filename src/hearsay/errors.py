"""Errors raised by the library. Only the command line turns them into messages and exit codes."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with an input, located as precisely as possible."""

    file: str
    doc: str | None
    item: str | None
    reason: str

    def __str__(self) -> str:
        where = [self.file or "<input>"]
        if self.doc is not None:
            where.append(f"document {self.doc}")
        if self.item is not None:
            where.append(self.item)
        return f"{': '.join(where)}: {self.reason}"


class HearsayError(Exception):
    """Base class of every error the library raises on purpose."""


class SchemaError(HearsayError):
    """The schema file itself is malformed."""


class InputError(HearsayError):
    """An input file cannot be read or parsed at all (missing, malformed JSON, ...)."""


class ValidationError(HearsayError):
    """An input was read but breaks the contract; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems), key=lambda p: (p.file, p.doc or "", p.item or "", p.reason))
        head = f"{len(self.problems)} problem(s)"
        lines = [str(p) for p in self.problems[:50]]
        if len(self.problems) > 50:
            lines.append(f"... and {len(self.problems) - 50} more")
        super().__init__(head + ":\n" + "\n".join(lines))
