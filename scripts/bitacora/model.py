"""The shapes data takes between stages: frozen dataclasses, no I/O, no MkDocs.

Every stage takes and returns these objects: the importer turns a raw source into a
`Post` plus a `Report`, taxonomy fills categories and tags, the related engine and the
digest read posts, and the MkDocs plugin adapts them to pages.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["Derivation", "ImportResult", "Post", "RelatedLink", "Removal", "Report"]


@dataclass(frozen=True)
class Post:
    """One blog post: front matter fields plus the Markdown body.

    `path` is where the post lives (or will live) on disk; `extra` keeps front-matter
    keys Bitácora does not model (for example Material's `pin` or `links`) so that
    reading and writing a post never drops them.
    """

    title: str
    date: dt.date
    body: str
    slug: str
    path: Path | None = None
    authors: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    description: str = ""
    source: str | None = None
    draft: bool = False
    updated: dt.date | None = None
    # `None`: computed; `False`: hidden; a tuple: pinned paths or slugs, shown first.
    related: tuple[str, ...] | bool | None = None
    # Provenance of an imported post: the raw file kept under docs/.fuentes and its hash.
    source_file: str | None = None
    source_hash: str | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def is_draft(self) -> bool:
        return self.draft

    @property
    def is_imported(self) -> bool:
        return self.source_hash is not None


@dataclass(frozen=True)
class Removal:
    """A line of the raw source that did not reach the post, and why."""

    line: int  # 1-based line number in the raw source
    text: str
    rule: str  # id of the rule in rules/noise.yml (or a built-in rule id)
    reason: str = ""  # Spanish, for the summary


@dataclass(frozen=True)
class Derivation:
    """A front-matter value the importer worked out, and how (in Spanish)."""

    field: str
    value: str
    how: str


@dataclass(frozen=True)
class Report:
    """Everything the importer did to one source, so nothing is lost silently."""

    source: str
    output: str | None = None
    status: str = "pendiente"  # creado, actualizado, sin cambios, omitido, error
    removals: tuple[Removal, ...] = ()
    derived: tuple[Derivation, ...] = ()
    warnings: tuple[str, ...] = ()
    errors: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "output": self.output,
            "status": self.status,
            "removed": [
                {"line": r.line, "text": r.text, "rule": r.rule, "reason": r.reason}
                for r in self.removals
            ],
            "derived": [{"field": d.field, "value": d.value, "how": d.how} for d in self.derived],
            "warnings": list(self.warnings),
            "errors": list(self.errors),
        }


@dataclass(frozen=True)
class ImportResult:
    """The outcome of importing one raw source: the post (if any) and its report."""

    post: Post | None
    report: Report


@dataclass(frozen=True)
class RelatedLink:
    """One entry of a post's related list: the target post's slug, its score and why."""

    slug: str
    score: float
    shared_terms: tuple[str, ...] = ()  # the strongest terms both posts share (for --explain)
    pinned: bool = False  # listed because the author pinned it in front matter
    similarity: float = 0.0  # cosine of the two posts' term vectors, before the neighbour boost
    common_neighbours: int = 0  # how many of their closest posts the two have in common
