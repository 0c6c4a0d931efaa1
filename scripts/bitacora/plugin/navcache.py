"""The site navigation rendered once per distinct view of it, not once per page.

Material renders the whole navigation tree (`partials/nav.html`) into every page: on a
1,000-post blog that is about a sixth of the build. Posts are not in the navigation, so
for two posts the tree differs only by which items are active and by the relative URLs
of its links. The key below holds exactly those, so a post reuses the HTML of any earlier
page with the same key. A page that is itself in the navigation, or one of a listing's
pages (whose table of contents the navigation shows), is rendered by Material's template.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from jinja2 import TemplateNotFound
from mkdocs.utils import get_relative_url

__all__ = ["NavCache", "cache_navigation"]

_TEMPLATE = "partials/nav.html"


def _walk(items: Iterable[Any]) -> Iterator[Any]:
    for item in items:
        yield item
        yield from _walk(getattr(item, "children", None) or ())


class _NavFacts:
    """What the rendered navigation can depend on besides the current page, for one nav."""

    def __init__(self, nav: Any, config: Any) -> None:
        self.items = list(_walk(nav.items))
        own_pages: list[Any] = []
        urls: set[str] = set()
        for item in self.items:
            if getattr(item, "is_page", False):
                own_pages.append(item)
                own_pages.extend(getattr(item, "pages", None) or ())  # a listing's pages
            url = getattr(item, "url", None)
            if isinstance(url, str):
                urls.add(url)
        homepage = getattr(nav, "homepage", None)
        if homepage is not None:
            urls.add(homepage.url)
        extra = config.get("extra") or {}
        theme = config.get("theme")
        for url in (extra.get("homepage"), theme.get("logo") if theme else None):
            if isinstance(url, str):
                urls.add(url)
        self.own_ids = {id(page) for page in own_pages}
        self.own_files = {page.file.src_uri for page in own_pages if getattr(page, "file", None)}
        self.urls = sorted(urls)

    def key(self, page: Any) -> tuple[Any, ...] | None:
        file = getattr(page, "file", None)
        if page is None or file is None or not isinstance(page.url, str):
            return None
        if id(page) in self.own_ids or file.src_uri in self.own_files:
            return None
        return (
            tuple(bool(getattr(item, "active", False)) for item in self.items),
            tuple(get_relative_url(url, page.url) for url in self.urls),
        )


class NavCache:
    """Wraps the compiled navigation template's render function for one build."""

    def __init__(self, render: Callable[..., Iterator[str]]) -> None:
        self.render = render
        self.facts: _NavFacts | None = None
        self.nav: Any = None
        self.html: dict[tuple[Any, ...], str] = {}

    def __call__(self, context: Any, *args: Any, **kwargs: Any) -> Iterator[str]:
        nav, config = context.get("nav"), context.get("config")
        key = None
        if nav is not None and config is not None:
            if nav is not self.nav:  # a new build: a new navigation
                self.nav, self.facts, self.html = nav, _NavFacts(nav, config), {}
            assert self.facts is not None
            key = self.facts.key(context.get("page"))
        if key is None:
            yield from self.render(context, *args, **kwargs)
            return
        if key not in self.html:
            self.html[key] = "".join(self.render(context, *args, **kwargs))
        yield self.html[key]


def cache_navigation(env: Any) -> None:
    """Install the cache on the environment's navigation template (call in on_env)."""
    try:
        template = env.get_template(_TEMPLATE)
    except TemplateNotFound:
        return  # a theme without Material's navigation partial: nothing to cache
    render = template.root_render_func
    if not isinstance(render, NavCache):
        template.root_render_func = NavCache(render)
