"""Sharing and search-engine metadata for one page: Open Graph, Twitter card, JSON-LD.

Input: `PageFacts` (what the plugin knows about a rendered page) and `SiteFacts`. Output: a
`Seo` record the `partials/seo.html` template prints as it is, so templates hold no logic.
Material already prints `<meta name="description">`, the canonical link and the feed links;
nothing here repeats them. Also `render_robots` for robots.txt.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

__all__ = [
    "Crumb",
    "MetaTag",
    "PageFacts",
    "Seo",
    "SiteFacts",
    "build_seo",
    "render_robots",
]

PageKind = Literal["home", "post", "page"]


@dataclass(frozen=True)
class Crumb:
    """One step of a breadcrumb trail: a name and an absolute URL."""

    name: str
    url: str


@dataclass(frozen=True)
class SiteFacts:
    name: str
    url: str  # absolute, ends with "/"
    image: str  # absolute URL of the default picture for shared links
    locale: str = "es_ES"
    language: str = "es"


@dataclass(frozen=True)
class PageFacts:
    title: str
    url: str  # absolute canonical URL
    description: str
    kind: PageKind = "page"
    published: dt.date | None = None
    modified: dt.date | None = None
    authors: tuple[str, ...] = ()
    section: str | None = None  # the post's first category
    tags: tuple[str, ...] = ()
    crumbs: tuple[Crumb, ...] = ()


@dataclass(frozen=True)
class MetaTag:
    """`<meta {attribute}="{key}" content="{content}">`: property for Open Graph, name else."""

    attribute: Literal["property", "name"]
    key: str
    content: str


@dataclass(frozen=True)
class Seo:
    meta: tuple[MetaTag, ...] = ()
    json_ld: tuple[dict[str, Any], ...] = field(default_factory=tuple)


def _iso(day: dt.date) -> str:
    return day.date().isoformat() if isinstance(day, dt.datetime) else day.isoformat()


def _open_graph(page: PageFacts, site: SiteFacts) -> list[MetaTag]:
    tags = [
        MetaTag("property", "og:type", "article" if page.kind == "post" else "website"),
        MetaTag("property", "og:site_name", site.name),
        MetaTag("property", "og:locale", site.locale),
        MetaTag("property", "og:title", page.title),
        MetaTag("property", "og:description", page.description),
        MetaTag("property", "og:url", page.url),
        MetaTag("property", "og:image", site.image),
        MetaTag("property", "og:image:alt", site.name),
    ]
    if page.kind == "post":
        if page.published:
            tags.append(MetaTag("property", "article:published_time", _iso(page.published)))
        if page.modified:
            tags.append(MetaTag("property", "article:modified_time", _iso(page.modified)))
        tags += [MetaTag("property", "article:author", name) for name in page.authors]
        if page.section:
            tags.append(MetaTag("property", "article:section", page.section))
        tags += [MetaTag("property", "article:tag", tag) for tag in page.tags]
    return tags


def _twitter(page: PageFacts, site: SiteFacts) -> list[MetaTag]:
    return [
        MetaTag("name", "twitter:card", "summary_large_image"),
        MetaTag("name", "twitter:title", page.title),
        MetaTag("name", "twitter:description", page.description),
        MetaTag("name", "twitter:image", site.image),
    ]


def _blog_posting(page: PageFacts, site: SiteFacts) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "headline": page.title,
        "description": page.description,
        "inLanguage": site.language,
        "url": page.url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": page.url},
        "image": site.image,
        "author": [{"@type": "Person", "name": name} for name in page.authors]
        or [{"@type": "Organization", "name": site.name, "url": site.url}],
        "publisher": {"@type": "Organization", "name": site.name, "url": site.url},
    }
    if page.published:
        data["datePublished"] = _iso(page.published)
        data["dateModified"] = _iso(page.modified or page.published)
    if page.section:
        data["articleSection"] = page.section
    if page.tags:
        data["keywords"] = ", ".join(page.tags)
    return data


def _breadcrumbs(crumbs: tuple[Crumb, ...]) -> dict[str, Any]:
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": index, "name": crumb.name, "item": crumb.url}
            for index, crumb in enumerate(crumbs, start=1)
        ],
    }


def _website(site: SiteFacts) -> dict[str, Any]:
    return {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": site.name,
        "url": site.url,
        "inLanguage": site.language,
    }


def render_robots(site_url: str | None) -> str:
    """robots.txt: everything may be crawled; the sitemap's address when the site has one."""
    lines = ["User-agent: *", "Allow: /"]
    if site_url:
        lines.append(f"Sitemap: {site_url.rstrip('/')}/sitemap.xml")
    return "\n".join(lines) + "\n"


def build_seo(page: PageFacts, site: SiteFacts) -> Seo:
    """Open Graph, Twitter and JSON-LD data for one page."""
    json_ld: list[dict[str, Any]] = []
    if page.kind == "home":
        json_ld.append(_website(site))
    if page.kind == "post":
        json_ld.append(_blog_posting(page, site))
    if len(page.crumbs) > 1:
        json_ld.append(_breadcrumbs(page.crumbs))
    return Seo(meta=tuple(_open_graph(page, site) + _twitter(page, site)), json_ld=tuple(json_ld))
