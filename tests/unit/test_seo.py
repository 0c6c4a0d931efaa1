"""Open Graph, Twitter card and JSON-LD for one page, and robots.txt."""

from __future__ import annotations

import datetime as dt

from bitacora.seo import Crumb, PageFacts, SiteFacts, build_seo, render_robots

SITE = SiteFacts(
    name="Bitácora", url="https://example.org/", image="https://example.org/assets/og.png"
)

POST = PageFacts(
    title="Cómo responder a las quejas",
    url="https://example.org/blog/2024/quejas/",
    description="Pasos para contestar rápido y bien.",
    kind="post",
    published=dt.datetime(2024, 4, 2),
    modified=dt.date(2024, 5, 1),
    authors=("Ana López", "Carlos Ruiz"),
    section="Quejas y reclamos",
    tags=("quejas", "empatía"),
    crumbs=(
        Crumb("Inicio", "https://example.org/"),
        Crumb("Blog", "https://example.org/blog/"),
        Crumb("Quejas y reclamos", "https://example.org/blog/category/quejas-y-reclamos/"),
        Crumb("Cómo responder a las quejas", "https://example.org/blog/2024/quejas/"),
    ),
)


def _meta(seo) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for tag in seo.meta:
        found.setdefault(tag.key, []).append(tag.content)
    return found


def test_post_open_graph_and_twitter() -> None:
    meta = _meta(build_seo(POST, SITE))
    assert meta["og:type"] == ["article"]
    assert meta["og:locale"] == ["es_ES"]
    assert meta["og:title"] == ["Cómo responder a las quejas"]
    assert meta["og:description"] == ["Pasos para contestar rápido y bien."]
    assert meta["og:url"] == ["https://example.org/blog/2024/quejas/"]
    assert meta["og:image"] == ["https://example.org/assets/og.png"]
    assert meta["article:published_time"] == ["2024-04-02"]
    assert meta["article:author"] == ["Ana López", "Carlos Ruiz"]
    assert meta["article:tag"] == ["quejas", "empatía"]
    assert meta["twitter:card"] == ["summary_large_image"]
    assert meta["twitter:image"] == ["https://example.org/assets/og.png"]
    # Material prints these itself: repeating them would duplicate tags.
    assert "description" not in meta and "canonical" not in meta


def test_post_blog_posting_json_ld() -> None:
    posting, crumbs = build_seo(POST, SITE).json_ld
    assert posting["@type"] == "BlogPosting"
    assert posting["headline"] == "Cómo responder a las quejas"
    assert posting["datePublished"] == "2024-04-02"
    assert posting["dateModified"] == "2024-05-01"
    assert posting["author"] == [
        {"@type": "Person", "name": "Ana López"},
        {"@type": "Person", "name": "Carlos Ruiz"},
    ]
    assert posting["publisher"]["name"] == "Bitácora"
    assert posting["description"] == "Pasos para contestar rápido y bien."
    assert posting["mainEntityOfPage"]["@id"] == "https://example.org/blog/2024/quejas/"
    assert crumbs["@type"] == "BreadcrumbList"
    assert [item["position"] for item in crumbs["itemListElement"]] == [1, 2, 3, 4]
    assert crumbs["itemListElement"][2]["name"] == "Quejas y reclamos"


def test_post_without_update_is_modified_when_published() -> None:
    post = PageFacts(
        title="T",
        url="https://example.org/t/",
        description="D",
        kind="post",
        published=dt.date(2024, 1, 10),
    )
    (posting,) = build_seo(post, SITE).json_ld
    assert posting["dateModified"] == "2024-01-10"


def test_home_is_a_website_without_breadcrumbs() -> None:
    home = PageFacts(title="Bitácora", url="https://example.org/", description="D", kind="home")
    seo = build_seo(home, SITE)
    assert _meta(seo)["og:type"] == ["website"]
    assert [data["@type"] for data in seo.json_ld] == ["WebSite"]


def test_robots_points_to_the_sitemap() -> None:
    assert render_robots("https://example.org/sub/") == (
        "User-agent: *\nAllow: /\nSitemap: https://example.org/sub/sitemap.xml\n"
    )
    assert "Sitemap" not in render_robots(None)
