"""MkDocs side of related articles: collect posts, call the engine, hand the template data.

The engine (`bitacora.related`) knows posts, not pages: this module turns each blog post page
into a `Post` once (in on_page_markdown, from the front matter MkDocs already parsed), and
turns the engine's links back into what `overrides/partials/related.html` prints.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.utils import get_relative_url

from bitacora.model import Post, RelatedLink
from bitacora.posts import FrontMatter, post_from_front_matter
from bitacora.related import CACHE_FILE, RelatedCache, compute_related
from bitacora.related.scores import preload_numpy
from bitacora.related.warm import Warming, start_warming
from bitacora.settings import Settings
from bitacora.spanish import long_date

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

__all__ = ["RelatedPosts"]

log = logging.getLogger("mkdocs.plugins.bitacora")


@dataclass
class RelatedPosts:
    """Posts of the current build, their pages, and the related lists computed for them."""

    cache: RelatedCache = field(default_factory=RelatedCache)
    posts: dict[str, Post] = field(default_factory=dict)  # by src_uri
    pages: dict[str, Page] = field(default_factory=dict)  # by slug
    by_slug: dict[str, Post] = field(default_factory=dict)
    related: dict[str, tuple[RelatedLink, ...]] = field(default_factory=dict)
    cards: dict[str, dict[str, Any]] = field(default_factory=dict)  # by slug, see _card
    warming: Warming | None = None  # lists computed meanwhile in another process
    worker_peak_mib: float = 0.0  # that process's peak memory, for the benchmark
    serving: bool = False  # `mkdocs serve`: rebuilt at every save

    def start_build(self, config: MkDocsConfig) -> None:
        self.posts.clear()
        self.pages.clear()
        self.by_slug.clear()
        self.cards.clear()
        self.related = {}
        if self.cache.path is None:
            root = Path(config["config_file_path"]).parent
            self.cache.path = root / CACHE_FILE

    def collect(self, page: Page, markdown: str, settings: Settings) -> None:
        prefix = settings.importer.posts_dir.strip("/") + "/"
        if not page.file.src_uri.startswith(prefix):
            return
        front = FrontMatter(data=dict(page.meta), lines={}, body=markdown, body_line=1)
        post = post_from_front_matter(front, Path(page.file.abs_src_path or page.file.src_uri))
        self.posts[page.file.src_uri] = post
        self.pages[post.slug] = page
        self.by_slug[post.slug] = post

    def start_warming(self, settings: Settings, count: int) -> None:
        """Compute the lists from the post files on another core (see `bitacora.related.warm`)."""
        if self.cache.path is not None and self.warming is None:
            path, related = self.cache.path, settings.related
            self.warming = start_warming(settings.posts_dir, count, related, path)

    def compute(self, settings: Settings) -> None:
        if self.warming is not None:
            try:
                self.worker_peak_mib = self.warming.result()
            except Exception:  # noqa: BLE001 - the worker only warms a cache; compute anyway
                log.debug("bitacora: el cálculo paralelo de relacionados no terminó")
            self.warming = None
            # What the worker stored is on disk: read it there.
            self.cache = RelatedCache(path=self.cache.path, autosave=self.cache.autosave)
        self.related = compute_related(list(self.posts.values()), settings.related, self.cache)
        if self.serving:  # the author's next save will compute the lists again
            preload_numpy(len(self.posts))

    def for_page(self, page: Page, config: MkDocsConfig) -> list[dict[str, Any]]:
        """What the partial shows for this page: title, link, date, category, description."""
        post = self.posts.get(page.file.src_uri)
        if post is None:
            return []
        shown = []
        for link in self.related.get(post.slug, ()):
            target_page = self.pages.get(link.slug)
            card = self._card(link.slug)
            if target_page is None or card is None:
                continue
            url = get_relative_url(target_page.url, page.url)
            shown.append({**card, "url": url, "pinned": link.pinned})
        return shown

    def _card(self, slug: str) -> dict[str, Any] | None:
        """A post as every list that links it shows it (only the link differs)."""
        card = self.cards.get(slug)
        if card is None:
            target = self.by_slug.get(slug)
            if target is None:
                return None
            card = self.cards[slug] = {
                "title": target.title,
                "date": long_date(target.date),
                "iso_date": target.date.isoformat(),
                "category": target.categories[0] if target.categories else "",
                "description": target.description,
            }
        return card
