"""Build speed for large blogs: contained steps around Material's blog plugin.

Measured on generated blogs of 1,000 and 10,000 posts (`python -m bitacora.bench`, and
docs/rendimiento.md), Material's blog plugin spends most of a build on work it repeats:

- every index, archive, category and author page converts the *whole* Markdown of each post
  it lists, with a parser of its own per post: `excerpts.py` parses each excerpt once, from
  its own part, with one shared parser, and resolves only its links again per listing page;
- `page in blog.posts` and `view in _resolve_views(blog)` compare pages by title, one by one,
  for every page — quadratic; here they become set lookups by identity;
- Material renders the whole navigation into every page: `navcache.py` renders it once per
  distinct set of active items and relative links;
- MkDocs makes a new Markdown parser for every page: `parsers.py` reuses one, reset;
- the search index keeps each post whole (~50 MB at 10,000 posts, downloaded by every
  reader who searches): from `search_compact_from` posts on, `compact_search` keeps title,
  tags, headings and a text prefix (`bitacora.search_index`);
- posts' front matter is parsed with PyYAML's pure-Python loader: here with libyaml, as
  MkDocs already reads every other page;
- once every page is read, Python's cycle collector walks all of them (a 10,000-post site
  holds ~500 MB of objects) at each full collection while the pages are rendered:
  `freeze_heap` sets what exists then aside for the rest of the build.

Nothing inside Material is edited: for the length of one build the plugin swaps a few names
and methods on Material's objects, and `uninstall` puts them back. Output is the same, file
for file (tests/test_speed.py builds a site both ways and compares every file).
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import material.plugins.blog.structure as blog_structure
import yaml

from bitacora.plugin.excerpts import ExcerptMemo, ExcerptRenderer, excerpt_markdown
from bitacora.plugin.navcache import cache_navigation
from bitacora.plugin.parsers import PageParsers, SharedParsers
from bitacora.search_index import compact_search_index

__all__ = [
    "IdentityList",
    "excerpt_markdown",
    "compact_search",
    "freeze_heap",
    "release_page",
    "speed_up_lookups",
    "speed_up_reading",
    "speed_up_rendering",
    "thaw_heap",
    "uninstall",
]

# The parsers Material's excerpts are given during the current build.
_PARSERS = SharedParsers()


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


def speed_up_rendering(env: Any, config: Any, files: Any, memo: ExcerptMemo | None = None) -> None:
    """Excerpts parsed once, memoised views, cached navigation (call in on_env).

    `memo` (while serving) keeps rendered excerpts from one build to the next.
    """
    cache_navigation(env)
    for blog in _blog_plugins(config):
        structure = getattr(blog, "blog", None)
        if structure is None:
            continue
        for post in structure.posts:
            excerpt = getattr(post, "excerpt", None)
            if excerpt is not None and "render" not in vars(excerpt):
                renderer = ExcerptRenderer(excerpt, excerpt.render, _PARSERS, files, config, memo)
                excerpt.render = renderer.render
        if "_resolve_views" not in vars(blog):
            blog._resolve_views = _cached_views(blog._resolve_views)


def speed_up_reading() -> None:
    """Front matter read with libyaml; pages and excerpts reuse parsers (call in on_config).

    Material parses each post's YAML with PyYAML's pure-Python loader; the C loader gives the
    same values (same constructor and resolver) in a fraction of the time. `uninstall` puts
    both back.
    """
    global _PARSERS
    _PARSERS = SharedParsers()  # a new build may bring a new Markdown configuration
    _PARSERS.install()
    PageParsers().install()
    c_loader = getattr(yaml, "CSafeLoader", None)
    if c_loader is not None and blog_structure.SafeLoader is yaml.SafeLoader:
        blog_structure.SafeLoader = c_loader


def freeze_heap() -> None:
    """Leave the objects alive now out of the cycle collector's walks (call in on_env).

    Every page has been read and converted: MkDocs keeps them, their navigation and
    Material's posts until the build ends. A full collection walks every live object, and
    rendering 10,000 pages triggers one every few seconds: at 10,000 posts the collector
    took ~1.5 s more and the plugin's own stages ~2 s more (its search and related steps
    allocate much; a collection lands on whoever allocates). Frozen objects are still freed
    by reference counting; `thaw_heap` hands them back to the collector when the build ends.
    """
    gc.freeze()


def thaw_heap() -> None:
    """The end of the build: what was frozen is collected as usual again (a long-lived
    process, `mkdocs serve` or a test, must not keep one build's cycles for ever)."""
    gc.unfreeze()


def release_page(page: Any) -> None:
    """Drop a written page's HTML body (call in on_post_page, after every other plugin).

    MkDocs keeps every page's converted content until the build ends, though nothing reads it
    once the page is written (listings use the excerpts; search and feeds copied what they
    need in earlier events): on a large blog that is most of the peak memory.
    """
    page.content = None


def compact_search(search: Any, config: Any, compact_from: int, text_max: int) -> None:
    """Shorten posts' search entries before Material writes its index (call in on_post_build,
    ahead of the search plugin's own).

    Readers download and index all of `search_index.json` before their first result: at
    10,000 posts Material's is ~50 MB. See `bitacora.search_index` for what each post keeps.
    The entries are shortened in place, so the index is serialised once, not written, read
    back and written again.
    """
    index = getattr(search, "search_index", None)
    posts = [post for blog in _blog_plugins(config) for post in getattr(blog.blog, "posts", ())]
    if not compact_from or len(posts) < compact_from or index is None:
        return
    compact = compact_search_index({"docs": index.entries}, {post.url for post in posts}, text_max)
    index.entries = compact["docs"]


def uninstall(config: Any) -> None:
    """Put the blog plugin back as it was (the next `mkdocs serve` build starts clean)."""
    if blog_structure.SafeLoader is not yaml.SafeLoader:
        blog_structure.SafeLoader = yaml.SafeLoader
    SharedParsers.uninstall()
    PageParsers.uninstall()
    for blog in _blog_plugins(config):
        vars(blog).pop("_resolve_views", None)
        structure = getattr(blog, "blog", None)
        for post in getattr(structure, "posts", None) or ():
            excerpt = getattr(post, "excerpt", None)
            if excerpt is not None:
                vars(excerpt).pop("render", None)
