"""Markdown parsers reused across pages and excerpts instead of one new parser per document.

MkDocs builds a new `Markdown` for every page it renders and Material one for every post's
excerpt: registering a dozen extensions costs about a millisecond each time, and Material
keeps each excerpt's parser (some 27 KiB) for the whole build. Python-Markdown's own way to
reuse a parser is `Markdown.reset()`, which clears the html stash, the references and every
extension's state. That is only as good as each extension's `reset`, so parsers are shared
only when every extension is one whose state is cleared by it (or that has none):
`SHAREABLE`. With any other extension each document gets a new parser, as without Bitácora.
"""

from __future__ import annotations

import copy
import types
from typing import Any

import markdown
import material.plugins.blog.structure as blog_structure
import mkdocs.structure.pages as mkdocs_pages
from markdown import Markdown

__all__ = ["SHAREABLE", "PageParsers", "SharedParsers"]

# Python-Markdown's and pymdown-extensions' extensions whose per-document state lives in the
# html stash or is cleared by their `reset()` (checked against markdown 3.x, pymdownx 10+).
SHAREABLE = frozenset(
    {
        "abbr",
        "admonition",
        "attr_list",
        "def_list",
        "fenced_code",
        "footnotes",
        "md_in_html",
        "sane_lists",
        "tables",
        "toc",
        "pymdownx.betterem",
        "pymdownx.caret",
        "pymdownx.details",
        "pymdownx.highlight",
        "pymdownx.keys",
        "pymdownx.mark",
        "pymdownx.smartsymbols",
        "pymdownx.superfences",
        "pymdownx.tasklist",
        "pymdownx.tilde",
    }
)


def _is_shareable(options: dict[str, Any]) -> bool:
    for extension in options.get("extensions", ()):
        if not isinstance(extension, str):
            return False  # an Extension object may carry state of its own
        if extension.removeprefix("markdown.extensions.") not in SHAREABLE:
            return False
    return True


class SharedParsers:
    """Stands in for `Markdown` inside Material's blog structure while a build runs.

    `Excerpt.__init__` calls it with the same options for every post: it hands back one parser
    per distinct configuration when all extensions are shareable, else a new one. The caller
    resets a shared parser before each document (`excerpts.ExcerptRenderer` does).
    """

    def __init__(self) -> None:
        self.parsers: list[tuple[dict[str, Any], Markdown]] = []

    def __call__(self, **options: Any) -> Markdown:
        if not _is_shareable(options):
            return Markdown(**options)
        for known, parser in self.parsers:
            if known == options:
                return parser
        parser = Markdown(**options)
        parser.bitacora_options = copy.copy(options)  # type: ignore[attr-defined]
        self.parsers.append((options, parser))
        return parser

    def is_shared(self, parser: Markdown) -> bool:
        return any(parser is shared for _, shared in self.parsers)

    def install(self) -> None:
        blog_structure.Markdown = self  # type: ignore[attr-defined]

    @staticmethod
    def uninstall() -> None:
        blog_structure.Markdown = Markdown  # type: ignore[attr-defined]


class PageParsers(SharedParsers):
    """Stands in for `markdown.Markdown` inside `mkdocs.structure.pages` while a build runs.

    `Page.render` makes a parser, registers its own processors (replacing the previous page's,
    same names) and converts one page: a shared parser is handed back reset.
    """

    def __call__(self, **options: Any) -> Markdown:
        parser = super().__call__(**options)
        if self.is_shared(parser):
            parser.reset()
        return parser

    def install(self) -> None:
        proxy = types.ModuleType("markdown")
        proxy.__dict__.update(vars(markdown))
        proxy.Markdown = self  # type: ignore[attr-defined]
        mkdocs_pages.markdown = proxy  # type: ignore[attr-defined]

    @staticmethod
    def uninstall() -> None:
        mkdocs_pages.markdown = markdown  # type: ignore[attr-defined]
