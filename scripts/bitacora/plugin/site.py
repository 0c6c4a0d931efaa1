"""The site as readers use it, on the MkDocs side: what the pages, templates and search get.

Reads MkDocs pages and Material's blog (its posts, categories and authors) into plain facts for
the engine (`bitacora.seo`, `bitacora.search`), and writes the files the build adds: the
search worker and robots.txt. Each function here serves one event of `BitacoraPlugin`.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError

from bitacora.search import (
    MATERIAL_WORKER,
    SEARCH_HIGHLIGHT_NAME,
    SEARCH_WORKER_NAME,
    check_search_config,
    render_search_highlight,
    render_search_worker,
)
from bitacora.seo import Crumb, PageFacts, Seo, SiteFacts, build_seo, render_robots
from bitacora.settings import SiteSettings

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

__all__ = [
    "HOME_MARKERS",
    "add_author_bio",
    "SEARCH_HIGHLIGHT_PATH",
    "SEARCH_WORKER_PATH",
    "PostCard",
    "CategoryCard",
    "check_search",
    "forget_feed_pages",
    "is_search_enabled",
    "render_home",
    "search_plugin",
    "seo_for_page",
    "write_robots",
    "write_search_worker",
]

# Relative to site_dir: beside Material's worker, whose "../lunr" paths it shares.
SEARCH_WORKER_PATH = f"assets/javascripts/workers/{SEARCH_WORKER_NAME}"
SEARCH_HIGHLIGHT_PATH = f"assets/javascripts/{SEARCH_HIGHLIGHT_NAME}"

# Comment in docs/index.md → the partial that replaces it on the home page.
HOME_MARKERS = {
    "<!-- bitacora:latest -->": "partials/latest-posts.html",
    "<!-- bitacora:categories -->": "partials/category-list.html",
}


@dataclass(frozen=True)
class PostCard:
    """A post as the home page lists it; `url` is site-relative, for the `url` filter."""

    title: str
    url: str
    date: dt.datetime  # shown through Material's `date` filter, as on the post itself
    iso_date: str
    description: str
    categories: tuple[tuple[str, str], ...]  # (name, url)


@dataclass(frozen=True)
class CategoryCard:
    name: str
    url: str
    count: int

    @property
    def count_label(self) -> str:
        return f"{self.count} artículo" if self.count == 1 else f"{self.count} artículos"


def search_plugin(config: MkDocsConfig) -> Any | None:
    """Material's (or MkDocs') search plugin instance, or None."""
    for name in ("material/search", "search"):
        plugin = config.plugins.get(name)
        if plugin is not None:
            return plugin
    return None


def _blog(config: MkDocsConfig) -> Any | None:
    """Material's blog plugin instance, once it has read the posts (after on_files)."""
    for name in ("material/blog", "blog"):
        plugin = config.plugins.get(name)
        if plugin is not None and getattr(plugin, "blog", None) is not None:
            return plugin
    return None


def is_search_enabled(config: MkDocsConfig) -> bool:
    plugin = search_plugin(config)
    return plugin is not None and bool(plugin.config.get("enabled", True))


def check_search(config: MkDocsConfig) -> None:
    """Stop the build when the search options would defeat the Spanish worker."""
    plugin = search_plugin(config)
    if plugin is None or not plugin.config.get("enabled", True):
        return
    problems = check_search_config(plugin.config.get("lang"), plugin.config.get("pipeline"))
    if problems:
        raise PluginError(f"{config.config_file_path}: " + "; ".join(problems))


def write_search_worker(config: MkDocsConfig) -> str | None:
    """Write Bitácora's search worker beside Material's, and its page highlighter.

    Returns the worker's site-relative path, or None when the site has no search.
    """
    if not is_search_enabled(config):
        return None
    workers = Path(config.site_dir) / os.path.dirname(SEARCH_WORKER_PATH)
    found = sorted(p.name for p in workers.glob("search.*.min.js") if MATERIAL_WORKER.match(p.name))
    if len(found) != 1:
        raise PluginError(
            f"no se encuentra el worker de búsqueda de Material en {workers} (hallados: "
            f"{found or 'ninguno'}) — reinstala mkdocs-material o desactiva la búsqueda"
        )
    (workers / SEARCH_WORKER_NAME).write_text(render_search_worker(found[0]), encoding="utf-8")
    highlight = Path(config.site_dir) / SEARCH_HIGHLIGHT_PATH
    highlight.write_text(render_search_highlight(), encoding="utf-8")
    return SEARCH_WORKER_PATH


def forget_feed_pages(config: MkDocsConfig) -> None:
    """Empty mkdocs-rss-plugin's list of pages before a build (call in on_pre_build).

    The RSS plugin (1.19) starts that list in on_startup, which runs once per `mkdocs serve`
    session: every rebuild appended every post again, and the feeds served while writing
    listed each post once per save. A build's feeds must hold that build's posts only.
    """
    for name, plugin in config.plugins.items():
        pages = getattr(plugin, "pages_to_filter", None)
        if (name == "rss" or name.startswith("rss ")) and isinstance(pages, list):
            pages.clear()


def write_robots(config: MkDocsConfig) -> None:
    """robots.txt with the sitemap's address, unless docs/ brings its own."""
    if (Path(config.docs_dir) / "robots.txt").exists():
        return
    path = Path(config.site_dir) / "robots.txt"
    path.write_text(render_robots(config.site_url), encoding="utf-8")


def add_author_bio(markdown: str, page: Page, config: MkDocsConfig) -> str:
    """An author's page: Material writes only "# Name"; add the avatar and the bio."""
    blog = _blog(config)
    if blog is None:
        return markdown
    from material.plugins.blog.structure import Profile

    if not isinstance(page, Profile):
        return markdown
    author = next((a for a in blog.authors.values() if a.url == page.url), None)
    if author is None or not author.description:
        return markdown
    parts = [markdown.rstrip(), ""]
    if author.avatar and not urlsplit(author.avatar).scheme:  # never a third-party picture
        src = posixpath.relpath(author.avatar, posixpath.dirname(page.file.src_uri))
        # Markdown, not <img>: MkDocs rewrites Markdown links for the page's final address.
        parts.append(f'![]({src}){{ .bitacora-avatar width="96" height="96" }}')
        parts.append("")
    parts.append(f'<p class="bitacora-bio">{html.escape(author.description)}</p>')
    return "\n".join(parts) + "\n"


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def _absolute(config: MkDocsConfig, url: str) -> str:
    return str(config.site_url or "/").rstrip("/") + "/" + url.lstrip("/")


def _crumbs(page: Page, config: MkDocsConfig, blog: Any | None, post: bool) -> tuple[Crumb, ...]:
    if page.is_homepage:
        return ()
    crumbs = [Crumb("Inicio", _absolute(config, ""))]
    index = blog.blog if blog is not None else None
    if index is not None and page is not index and page.url.startswith(index.url):
        crumbs.append(Crumb(str(index.title or "Blog"), _absolute(config, index.url)))
        categories = getattr(page, "categories", None)
        if post and categories:
            category = categories[0]
            crumbs.append(Crumb(str(category.name), _absolute(config, category.url)))
    crumbs.append(Crumb(str(page.title), _absolute(config, page.url)))
    return tuple(crumbs)


def _page_facts(page: Page, config: MkDocsConfig) -> PageFacts:
    blog = _blog(config)
    is_post = blog is not None and page in blog.blog.posts
    meta = page.meta or {}
    description = str(meta.get("description") or config.site_description or "")
    if page.is_homepage:
        return PageFacts(
            title=config.site_name,
            url=_absolute(config, page.url),
            description=description,
            kind="home",
        )
    if not is_post:
        return PageFacts(
            title=str(page.title),
            url=_absolute(config, page.url),
            description=description,
            crumbs=_crumbs(page, config, blog, post=False),
        )
    dates = page.config.date  # type: ignore[attr-defined]
    created = dates.created
    updated = _as_date(meta.get("updated")) or _as_date(getattr(dates, "updated", None))
    return PageFacts(
        title=str(page.title),
        url=_absolute(config, page.url),
        description=description,
        kind="post",
        published=created,
        modified=updated or created,
        authors=tuple(str(author.name) for author in page.authors),  # type: ignore[attr-defined]
        section=(
            str(page.categories[0].name)  # type: ignore[attr-defined]
            if page.categories  # type: ignore[attr-defined]
            else None
        ),
        tags=tuple(str(tag) for tag in meta.get("tags") or ()),
        crumbs=_crumbs(page, config, blog, post=True),
    )


def seo_for_page(page: Page, config: MkDocsConfig, settings: SiteSettings) -> Seo | None:
    """The page's sharing metadata; None without site_url (shared links need absolute URLs).

    Also names a post's authors in `page.meta.author`, which Material prints as
    `<meta name="author">` (it would say site_author otherwise).
    """
    authors = getattr(page, "authors", None)
    if authors and page.meta is not None and "author" not in page.meta:
        page.meta["author"] = ", ".join(str(author.name) for author in authors)
    if not config.site_url:
        return None
    site = SiteFacts(
        name=config.site_name,
        url=_absolute(config, ""),
        image=_absolute(config, settings.og_image),
        locale=settings.locale,
    )
    return build_seo(_page_facts(page, config), site)


def _cards(config: MkDocsConfig, limit: int) -> tuple[list[PostCard], list[CategoryCard]]:
    blog = _blog(config)
    if blog is None:
        return [], []
    posts = [
        PostCard(
            title=str(post.title),
            url=post.url,
            date=post.config.date.created,
            iso_date=post.config.date.created.date().isoformat(),
            description=str(post.meta.get("description") or ""),
            categories=tuple((str(c.name), c.url) for c in post.categories),
        )
        for post in blog.blog.posts[:limit]
    ]
    from material.plugins.blog.structure import Category

    categories = sorted(
        (
            CategoryCard(name=str(view.name), url=view.url, count=len(view.posts))
            for view in blog.blog.views
            if isinstance(view, Category)
        ),
        key=lambda card: (-card.count, card.name),
    )
    return posts, categories


def render_home(
    html: str, context: dict[str, Any], env: Environment, config: MkDocsConfig, latest: int
) -> str:
    """Replace the home page's markers with the latest posts and the categories."""
    if not any(marker in html for marker in HOME_MARKERS):
        return html
    posts, categories = _cards(config, latest)
    blog = _blog(config)
    data = {
        **context,
        "bitacora_posts": posts,
        "bitacora_categories": categories,
        "bitacora_blog_url": blog.blog.url if blog is not None else "",
    }
    for marker, template in HOME_MARKERS.items():
        if marker in html:
            html = html.replace(marker, env.get_template(template).render(data))
    return html


def default_updated_date(page: Page, posts_dir: str) -> None:
    """A post never updated was last updated when it was published.

    Without this, the RSS plugin dates such posts with the build time in its "updated" feed,
    so every build would announce every post as just updated.
    """
    if page.file.src_uri.startswith(posts_dir.strip("/") + "/") and page.meta.get("date"):
        page.meta.setdefault("updated", page.meta["date"])
