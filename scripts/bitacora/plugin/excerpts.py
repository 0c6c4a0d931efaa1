"""Blog excerpts rendered once: one shared Markdown parser, links resolved per listing page.

Material gives every post's excerpt its own `Markdown` instance (about 27 KiB and a
millisecond each, kept for the whole build) and converts the post's whole Markdown again on
every index, archive, category and author page that lists it. Here:

- the excerpt is converted from its own part only (`excerpt_markdown`: the text before the
  marker plus the later headings, which its table of contents shows);
- it is parsed once, on the first listing page; only the tree processors that depend on the
  listing page (MkDocs' link resolver, Material's anchor rewriter) run again for each page,
  on a copy of the parsed tree;
- when every Markdown extension can share a parser (`parsers.py`), all excerpts share one:
  each parse starts from a reset parser and keeps its own stash, as a fresh instance would.

An excerpt that cites a footnote, or whose text could need a definition written after the
marker, or a site with another tree processor after the link resolver, is rendered by
Material's own code, with a parser of its own. tests/test_speed.py builds a site both ways
and compares every file.
"""

from __future__ import annotations

import copy
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from markdown import Markdown
from markdown.util import HtmlStash
from material.plugins.blog.structure.markdown import ExcerptTreeprocessor
from mkdocs.structure.pages import _RelativePathTreeprocessor
from mkdocs.structure.toc import get_toc

from bitacora.plugin.parsers import SharedParsers

__all__ = ["ExcerptMemo", "ExcerptRenderer", "excerpt_markdown"]

# Definitions that apply to the whole document: if one follows the marker, the excerpt
# may need it, so that post keeps the full render.
_DEFINITIONS = re.compile(r"^ {0,3}(\[[^\]]+\]:|\*\[[^\]]+\]:)", re.MULTILINE)
_HEADING = re.compile(r"^#{1,6}\s")
_FENCE = re.compile(r"^\s*(```|~~~)")
# Footnotes are collected per conversion: an excerpt that cites one keeps Material's path.
_FOOTNOTE = re.compile(r"\[\^[^\]]+\]")
_MORE_FLAG = "…"  # after the marker, so `excerpt.more` is set ("Seguir leyendo" shows)

# The tree processors that depend on the listing page: MkDocs' link resolver ("relpath",
# priority 1) and Material's anchor rewriter ("excerpt", 0), plus the unescaper (0) that
# Python-Markdown registers between them. Everything before them runs once per post.
_VIEW_PROCESSORS = frozenset({"relpath", "unescape", "excerpt"})


def excerpt_markdown(markdown: str, separator: str) -> str | None:
    """The Markdown an excerpt needs, or None when only the full post is safe to render."""
    before, found, rest = markdown.partition(separator)
    if not found or _DEFINITIONS.search(rest):
        return None
    headings = []
    in_fence = False
    for line in rest.split("\n"):
        if _FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence and _HEADING.match(line):
            headings.append(line)
    tail = "\n\n".join(headings) if headings else (_MORE_FLAG if rest.strip() else "")
    return f"{before}{separator}\n\n{tail}\n"


@dataclass
class ExcerptMemo:
    """Excerpts rendered in earlier `mkdocs serve` builds, for the same Markdown and files.

    `base` holds what every excerpt shares (the Markdown configuration and the site's files,
    which links resolve against); each key adds the excerpt's Markdown and both addresses.
    """

    base: bytes
    results: dict[bytes, tuple[str, list[Any]]] = field(default_factory=dict)
    used: set[bytes] = field(default_factory=set)

    def prune(self) -> None:
        """Forget excerpts no listing showed in the last build (older versions of a post)."""
        self.results = {key: value for key, value in self.results.items() if key in self.used}
        self.used = set()

    def key(self, markdown: str, separator: str, page_url: str, post_url: str) -> bytes:
        digest = hashlib.blake2b(self.base, digest_size=20)
        for part in (markdown, separator, page_url, post_url):
            data = part.encode("utf-8", "surrogatepass")
            digest.update(b"%d:" % len(data))
            digest.update(data)
        return digest.digest()


class ExcerptRenderer:
    """Material's `Excerpt.render` for one excerpt, parsing at the first listing page only."""

    def __init__(
        self,
        excerpt: Any,
        original: Callable[..., Any],
        shared: SharedParsers,
        files: Any,
        config: Any,
        memo: ExcerptMemo | None = None,
    ) -> None:
        self.excerpt = excerpt
        self.memo = memo
        self.original = original
        self.is_shared = shared.is_shared(excerpt.md)
        # A shared parser holds the processors of whichever post registered last: this
        # excerpt's own link resolver and anchor rewriter are made here, as Material makes them.
        self.own = {
            "relpath": _RelativePathTreeprocessor(excerpt.file, files, config),
            "excerpt": ExcerptTreeprocessor(excerpt.post),
        }
        self.tree: Any = None
        self.stash: HtmlStash | None = None
        self.toc_tokens: list[Any] = []
        self.is_fallback = False
        # The excerpt's Markdown and the split of the tree processors, made at the first
        # listing page: the post, the separator and the parser are the same on the others.
        self.source: tuple[Any, ...] | None = None  # what the excerpt's Markdown is made of
        self.parts: tuple[list[Any], list[Any]] | None = None

    def _split_processors(self) -> tuple[list[Any], list[Any]] | None:
        registry = self.excerpt.md.treeprocessors
        processors = list(registry)  # sorts the registry: run order, as in Markdown.convert
        names = [item.name for item in registry._priority]
        if "relpath" not in names or "excerpt" not in names:
            return None
        at = names.index("relpath")
        if not set(names[at:]) <= _VIEW_PROCESSORS:
            return None  # an extension rewrites the tree after links: render each view in full
        tail = [self.own.get(name, item) for name, item in zip(names, processors, strict=True)]
        return processors[:at], tail[at:]

    def _parse(self, markdown: str, head: list[Any]) -> None:
        # Markdown.convert up to the listing-dependent tree processors. A shared parser is
        # reset first and this excerpt keeps the stash its raw HTML and code blocks went to.
        md = self.excerpt.md
        if self.is_shared:
            md.htmlStash = HtmlStash()
            md.reset()
        md.lines = markdown.split("\n")
        for preprocessor in md.preprocessors:
            md.lines = preprocessor.run(md.lines)
        root = md.parser.parseDocument(md.lines).getroot()
        for processor in head:
            replaced = processor.run(root)
            if replaced is not None:
                root = replaced
        self.tree = root
        self.stash = md.htmlStash
        self.toc_tokens = copy.deepcopy(getattr(md, "toc_tokens", []))

    def _finish(self, tail: list[Any]) -> str:
        # The rest of Markdown.convert, on a copy of the parsed tree.
        md = self.excerpt.md
        md.htmlStash = self.stash
        root = copy.deepcopy(self.tree)
        for processor in tail:
            replaced = processor.run(root)
            if replaced is not None:
                root = replaced
        output = md.serializer(root)
        if md.stripTopLevelTags:
            start = output.index(f"<{md.doc_tag}>") + len(md.doc_tag) + 2
            output = output[start : output.rindex(f"</{md.doc_tag}>")].strip()
        for postprocessor in md.postprocessors:
            output = postprocessor.run(output)
        return str(output.strip())

    def _fall_back(self, page: Any, separator: str) -> Any:
        self.is_fallback = True
        if self.is_shared:
            # Material's path needs a parser of its own, set up as Excerpt.__init__ does.
            md = Markdown(**self.excerpt.md.bitacora_options)
            md.treeprocessors.register(self.own["excerpt"], "excerpt", 0)
            md.treeprocessors.register(self.own["relpath"], "relpath", 1)
            self.excerpt.md = md
        return self.original(page, separator)

    def render(self, page: Any, separator: str) -> Any:
        """Set the excerpt's content, `more` and table of contents for listing page `page`."""
        if self.is_fallback:
            return self.original(page, separator)
        excerpt = self.excerpt
        post = excerpt.post
        made_of = (post.markdown, separator, post.title, bool(post._title_from_render))
        if self.source is None or self.source[:-1] != made_of:
            markdown = excerpt_markdown(post.markdown, separator) or post.markdown
            if not post._title_from_render:
                markdown = "\n\n".join([f"# {post.title}", markdown])
            if not markdown.strip() or _FOOTNOTE.search(markdown):
                return self._fall_back(page, separator)
            self.source = (*made_of, markdown)
        markdown = self.source[-1]
        if self.parts is None:
            self.parts = self._split_processors()
            if self.parts is None:
                return self._fall_back(page, separator)
        head, tail = self.parts
        key = self.memo.key(markdown, separator, page.url, post.url) if self.memo else b""
        known = None
        if self.memo is not None:
            self.memo.used.add(key)
            known = self.memo.results.get(key)
        if known is not None:
            excerpt.markdown = markdown
            content, toc_tokens = known
        else:
            excerpt.file.url = page.url
            self.own["excerpt"].base = page
            if self.tree is None:
                excerpt.markdown = markdown
                self._parse(markdown, head)
            content, toc_tokens = self._finish(tail), self.toc_tokens
            if self.memo is not None:
                self.memo.results[key] = (content, copy.deepcopy(toc_tokens))
        excerpt.content, *more = content.split(separator, 1)
        if more:
            excerpt.more = more[0]
        excerpt.toc = get_toc(copy.deepcopy(toc_tokens))
        excerpt.file.url = post.url
        return None
