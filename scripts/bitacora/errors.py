"""One error shape for every stage: where (file:line), what is wrong, how to fix it.

The engine raises or collects `BitacoraError`; only the edges translate it (the CLI
prints it and exits 1, the MkDocs plugin re-raises it as `PluginError`).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["BitacoraError", "BitacoraErrors", "closest", "format_location"]


def format_location(path: str | Path | None, line: int | None = None) -> str:
    if path is None:
        return ""
    text = Path(path).as_posix() if isinstance(path, Path) else str(path)
    return f"{text}:{line}" if line else text


def closest(value: str, choices: Iterable[str]) -> str | None:
    """The valid choice nearest to `value`, case-insensitively, or None when none is close."""
    options = list(choices)
    lowered = {c.lower(): c for c in options}
    match = difflib.get_close_matches(value.lower(), list(lowered), n=1, cutoff=0.5)
    return lowered[match[0]] if match else None


@dataclass(frozen=True)
class BitacoraError(Exception):
    """A problem an author can fix: rendered as `path:line: problema — arreglo`."""

    path: str | Path | None
    line: int | None
    problem: str
    fix: str = ""

    def __reduce__(self) -> tuple[Any, ...]:
        # Rebuilt from its fields: the default way sets attributes, which a frozen dataclass
        # refuses, and an import's worker processes send these back to the main one.
        return (type(self), (self.path, self.line, self.problem, self.fix))

    def __str__(self) -> str:
        where = format_location(self.path, self.line)
        text = f"{where}: {self.problem}" if where else self.problem
        return f"{text} — {self.fix}" if self.fix else text


class BitacoraErrors(Exception):
    """Several problems collected before stopping, so the author sees them all at once."""

    def __init__(self, errors: Iterable[BitacoraError]) -> None:
        self.errors = list(errors)
        super().__init__("\n".join(str(e) for e in self.errors))
