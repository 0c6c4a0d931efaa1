"""Build speed for large blogs: contained steps around Material's blog plugin.

Measured on a generated 1,000-post blog (see `python -m bitacora.bench`), Material's blog
plugin spends most of a build on work it repeats:

- every index, archive and category page renders the *whole* Markdown of each post it lists,
  only to cut it at `<!-- more -->` — here each excerpt renders just the part before the
  marker (plus the later headings, so its table of contents is the same), and it is parsed
  once: only the last tree processors, which resolve its links for the listing page, run
  again for each view;
- `page in blog.posts` and `view in _resolve_views(blog)` compare pages by title, one by one,
  for every page — quadratic; here they become set lookups by identity.

Nothing inside Material is edited: the plugin wraps two things on the blog plugin's own
instance for the length of one build and restores them afterwards. Output is the same page
for page (tests/test_speed.py builds a site both ways and compares every file). A post whose
excerpt could depend on text after the marker (reference links, footnotes, abbreviations
defined later) is rendered the original way.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import material.plugins.blog.structure as blog_structure
import yaml
from mkdocs.structure.toc import get_toc

__all__ = [
    "IdentityList",
    "excerpt_markdown",
    "speed_up_lookups",
    "speed_up_reading",
    "speed_up_rendering",
    "uninstall",
]

# Definitions that apply to the whole document: if one follows the marker, the excerpt
# may need it, so that post keeps the full render.
_DEFINITIONS = re.compile(r"^ {0,3}(\[[^\]]+\]:|\*\[[^\]]+\]:)", re.MULTILINE)
_HEADING = re.compile(r"^#{1,6}\s")
_FENCE = re.compile(r"^\s*(```|~~~)")
# Footnotes are collected per conversion: an excerpt that cites one keeps Material's path.
_FOOTNOTE = re.compile(r"\[\^[^\]]+\]")
_MORE_FLAG = "…"  # after the marker, so `excerpt.more` is set ("Seguir leyendo" shows)


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


# The tree processors that depend on the view an excerpt is shown in: MkDocs' link resolver
# ("relpath", priority 1) and Material's anchor rewriter ("excerpt", 0), plus the unescaper
# (0) that Python-Markdown registers between them. Everything before them is the same in
# every view, so it runs once per post.
_VIEW_PROCESSORS = frozenset({"relpath", "unescape", "excerpt"})


class _ExcerptRender:
    """One excerpt parsed once; only its links are resolved again for each view."""

    def __init__(self, excerpt: Any, original: Callable[..., Any]) -> None:
        self.excerpt = excerpt
        self.original = original
        self.tree: Any = None
        self.toc_tokens: list[Any] = []
        self.is_fallback = False

    def _split_processors(self) -> tuple[list[Any], list[Any]] | None:
        registry = self.excerpt.md.treeprocessors
        processors = list(registry)  # sorts the registry: run order, as in Markdown.convert
        names = [item.name for item in registry._priority]
        if "relpath" not in names or "excerpt" not in names:
            return None
        at = names.index("relpath")
        if not set(names[at:]) <= _VIEW_PROCESSORS:
            return None  # an extension rewrites the tree after links: render each view in full
        return processors[:at], processors[at:]

    def _parse(self, markdown: str, head: list[Any]) -> None:
        # Markdown.convert up to the view-dependent tree processors.
        md = self.excerpt.md
        md.lines = markdown.split("\n")
        for preprocessor in md.preprocessors:
            md.lines = preprocessor.run(md.lines)
        root = md.parser.parseDocument(md.lines).getroot()
        for processor in head:
            replaced = processor.run(root)
            if replaced is not None:
                root = replaced
        self.tree = root
        self.toc_tokens = copy.deepcopy(getattr(md, "toc_tokens", []))

    def _finish(self, tail: list[Any]) -> str:
        # The rest of Markdown.convert, on a copy of the parsed tree.
        md = self.excerpt.md
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

    def render(self, page: Any, separator: str) -> Any:
        """Material's `Excerpt.render`, with the parse done at the first view only."""
        if self.is_fallback:
            return self.original(page, separator)
        parts = self._split_processors()
        excerpt = self.excerpt
        post = excerpt.post
        markdown = excerpt_markdown(post.markdown, separator) or post.markdown
        if not post._title_from_render:
            markdown = "\n\n".join([f"# {post.title}", markdown])
        if parts is None or not markdown.strip() or _FOOTNOTE.search(markdown):
            self.is_fallback = True
            return self.original(page, separator)
        head, tail = parts
        excerpt.file.url = page.url
        for processor in tail:
            if processor.__class__.__name__ == "ExcerptTreeprocessor":
                processor.base = page
        if self.tree is None:
            excerpt.markdown = markdown
            self._parse(markdown, head)
        content = self._finish(tail)
        excerpt.content, *more = content.split(separator, 1)
        if more:
            excerpt.more = more[0]
        excerpt.toc = get_toc(copy.deepcopy(self.toc_tokens))
        excerpt.file.url = post.url
        return None


class IdentityList(list):  # type: ignore[type-arg]
    """A list whose `in` is a set lookup by identity (pages are unique objects per file)."""

    def __init__(self, items: Iterable[Any] = ()) -> None:
        super().__init__(items)
        self._ids: set[int] | None = None
        self._size = -1

    def __contains__(self, item: object) -> bool:
        if self._ids is None or self._size != len(self):
            self._ids, self._size = {id(value) for value in self}, len(self)
        return id(item) in self._ids


def _cached_views(original: Callable[[Any], Iterator[Any]]) -> Callable[[Any], IdentityList]:
    memo: dict[int, IdentityList] = {}

    def resolve(view: Any) -> IdentityList:
        if id(view) not in memo:
            memo[id(view)] = IdentityList(original(view))
        return memo[id(view)]

    return resolve


def _blog_plugins(config: Any) -> list[Any]:
    return [
        plugin
        for name, plugin in config.plugins.items()
        if name in ("material/blog", "blog") or name.startswith("material/blog ")
    ]


def speed_up_lookups(config: Any) -> None:
    """Set lookups for `page in blog.posts` (call after the blog plugin's on_files)."""
    for blog in _blog_plugins(config):
        structure = getattr(blog, "blog", None)
        if structure is not None:
            structure.posts = IdentityList(structure.posts)


def speed_up_rendering(config: Any) -> None:
    """Excerpts rendered from their own part only, and memoised views (call in on_env)."""
    for blog in _blog_plugins(config):
        structure = getattr(blog, "blog", None)
        if structure is None:
            continue
        for post in structure.posts:
            excerpt = getattr(post, "excerpt", None)
            if excerpt is not None and "render" not in vars(excerpt):
                excerpt.render = _ExcerptRender(excerpt, excerpt.render).render
        if "_resolve_views" not in vars(blog):
            blog._resolve_views = _cached_views(blog._resolve_views)


def speed_up_reading() -> None:
    """Posts' front matter read with libyaml, as MkDocs reads every other page's.

    Material parses each post's YAML with PyYAML's pure-Python loader; the C loader gives the
    same values (same constructor and resolver) in a fraction of the time. Call before the blog
    plugin's on_files; `uninstall` puts the pure-Python loader back.
    """
    c_loader = getattr(yaml, "CSafeLoader", None)
    if c_loader is not None and blog_structure.SafeLoader is yaml.SafeLoader:
        blog_structure.SafeLoader = c_loader


def uninstall(config: Any) -> None:
    """Put the blog plugin back as it was (the next `mkdocs serve` build starts clean)."""
    if blog_structure.SafeLoader is not yaml.SafeLoader:
        blog_structure.SafeLoader = yaml.SafeLoader
    for blog in _blog_plugins(config):
        vars(blog).pop("_resolve_views", None)
        structure = getattr(blog, "blog", None)
        for post in getattr(structure, "posts", None) or ():
            excerpt = getattr(post, "excerpt", None)
            if excerpt is not None:
                vars(excerpt).pop("render", None)
