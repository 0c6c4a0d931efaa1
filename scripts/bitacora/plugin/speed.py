"""Build speed for large blogs: contained steps around Material's blog plugin.

Measured on a generated 1,000-post blog (see `python -m bitacora.bench`), Material's blog
plugin spends most of a build on work it repeats:

- every index, archive and category page renders the *whole* Markdown of each post it lists,
  only to cut it at `<!-- more -->` — here each excerpt renders just the part before the
  marker (plus the later headings, so its table of contents is the same), and once per
  distinct relative URL of its post rather than once per listing page;
- `page in blog.posts` and `view in _resolve_views(blog)` compare pages by title, one by one,
  for every page — quadratic; here they become set lookups by identity.

Nothing inside Material is edited: the plugin wraps two things on the blog plugin's own
instance for the length of one build and restores them afterwards. Output is the same page
for page (tests/test_speed.py builds a site both ways and compares every file). A post whose
excerpt could depend on text after the marker (reference links, footnotes, abbreviations
defined later) is rendered the original way.
"""

from __future__ import annotations

import re
import types
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from mkdocs.utils import get_relative_url

__all__ = [
    "IdentityList",
    "excerpt_markdown",
    "speed_up_lookups",
    "speed_up_rendering",
    "uninstall",
]

# Definitions that apply to the whole document: if one follows the marker, the excerpt
# may need it, so that post keeps the full render.
_DEFINITIONS = re.compile(r"^ {0,3}(\[[^\]]+\]:|\*\[[^\]]+\]:)", re.MULTILINE)
_HEADING = re.compile(r"^#{1,6}\s")
_FENCE = re.compile(r"^\s*(```|~~~)")
# Anything that could be a link, image, footnote or raw HTML: such excerpts render per view.
_LINKS = re.compile(r"\]\(|\]\[|\[\^|<[A-Za-z!/]|https?://|www\.")
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


def _fast_render(original: Callable[..., Any]) -> Callable[..., Any]:
    def render(self: Any, page: Any, separator: str) -> Any:
        post = self.post
        full = post.markdown
        short = excerpt_markdown(full, separator)
        if short is None:
            return original(page, separator)
        # Without links of its own, an excerpt differs between views only by the relative
        # URL of its post (title and heading anchors): render once per such URL.
        own = short.replace(separator, "")
        key = None if _LINKS.search(own) else get_relative_url(post.url, page.url)
        memo: dict[str, tuple[Any, Any, Any]] = vars(self).setdefault("_bitacora_memo", {})
        if key is not None and key in memo:
            self.content, self.more, self.toc = memo[key]
            return None
        post.markdown = short
        try:
            result = original(page, separator)
        finally:
            post.markdown = full
        if key is not None:
            memo[key] = (self.content, getattr(self, "more", None), self.toc)
        return result

    return render


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
                excerpt.render = types.MethodType(_fast_render(excerpt.render), excerpt)
        if "_resolve_views" not in vars(blog):
            blog._resolve_views = _cached_views(blog._resolve_views)


def uninstall(config: Any) -> None:
    """Put the blog plugin back as it was (the next `mkdocs serve` build starts clean)."""
    for blog in _blog_plugins(config):
        vars(blog).pop("_resolve_views", None)
        structure = getattr(blog, "blog", None)
        for post in getattr(structure, "posts", None) or ():
            excerpt = getattr(post, "excerpt", None)
            if excerpt is not None:
                vars(excerpt).pop("render", None)
