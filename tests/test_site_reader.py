"""The built site as readers and machines see it, without a browser.

One session build of the real site with the four posts of tests/fixtures/site (three a page,
so pagination shows): home, navigation, post pages, feeds, sitemap, robots.txt, 404, SEO
metadata, the search worker, and a crawl for broken links and third-party resources.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from sitecrawl import broken_links, foreign_resources

pytestmark = pytest.mark.slow

SITE_URL = "https://bitacora.example.org/"
POSTS = {
    "quejas": "blog/2024/como-responder-a-las-quejas-sin-ponerse-a-la-defensiva/",
    "pedido": "blog/2024/donde-esta-mi-compra-informar-del-estado-del-pedido/",
    "facturacion": "blog/2024/atencion-al-cliente-en-la-facturacion-sin-sorpresas/",
    "practica": "blog/2024/la-practica-hace-al-maestro-tambien-en-el-servicio-al-cliente/",
}


def _html(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def _main(html: str) -> str:
    """Visible text of the content column (no navigation), tags stripped, spaces collapsed."""
    content = html[html.index('<div class="md-content"') :]
    content = content[: content.index("</main>")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", content))


def _head(html: str) -> str:
    return html[: html.index("</head>")]


def _json_ld(html: str) -> list[dict]:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


def _meta(html: str, key: str) -> list[str]:
    pattern = rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)"'
    return re.findall(pattern, _head(html))


# Home and navigation


def test_home_lists_latest_posts_newest_first(reader_site: Path) -> None:
    home = (reader_site / "index.html").read_text(encoding="utf-8")
    latest = home[home.index('class="grid cards bitacora-latest"') :]
    links = re.findall(r'<a href="([^"]+)"><strong>', latest)
    assert links == [POSTS[key] for key in ("quejas", "pedido", "facturacion", "practica")]
    assert "2 de abril de 2024" in latest
    assert "Informar del estado del pedido antes de que pregunten" in latest
    assert '<a href="blog/">Ver todos los artículos</a>' in latest
    assert "<!-- bitacora:" not in home


def test_home_lists_categories_with_counts(reader_site: Path) -> None:
    home = (reader_site / "index.html").read_text(encoding="utf-8")
    block = home[home.index('class="bitacora-categories"') :]
    block = block[: block.index("</ul>")]
    items = [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", li)).strip() for li in block.split("<li>")]
    assert items[1:] == [
        "Servicio al cliente (2 artículos)",
        "Canales digitales (1 artículo)",
        "Formación y práctica (1 artículo)",
        "Quejas y reclamos (1 artículo)",
    ]
    assert 'href="blog/category/servicio-al-cliente/"' in block


def test_post_page_shows_date_authors_readtime_categories_tags(reader_site: Path) -> None:
    page = _html(reader_site, POSTS["quejas"])
    assert '<time datetime="2024-04-02' in page and "2 de abril de 2024" in page
    assert "Ana López" in page and "Carlos Ruiz" in page
    assert "minuto de lectura" in page or "minutos de lectura" in page
    assert 'href="../../category/quejas-y-reclamos/"' in page
    assert 'href="../../../etiquetas/#tag:quejas"' in page
    assert "Datos del artículo" in page and "Metadata" not in page


def test_category_page_lists_its_posts(reader_site: Path) -> None:
    text = _main(_html(reader_site, "blog/category/servicio-al-cliente"))
    assert "Atención al cliente en la facturación sin sorpresas" in text
    assert "Dónde está mi compra" in text
    assert "La Práctica Hace al Maestro" not in text


def test_author_page_has_bio_and_avatar(reader_site: Path) -> None:
    page = _html(reader_site, "blog/author/ana-lopez")
    assert "forma equipos de atención desde hace quince años" in page
    assert 'src="../../../assets/autores/ana-lopez.svg"' in page
    assert "Cómo responder a las quejas" in _main(page)


def test_tags_index_lists_every_tag(reader_site: Path) -> None:
    text = _main(_html(reader_site, "etiquetas"))
    for tag in ("atención", "facturación", "quejas", "práctica", "pedidos"):
        assert tag in text


def test_archive_lists_the_year(reader_site: Path) -> None:
    first = _main(_html(reader_site, "blog/archive/2024"))
    assert "Cómo responder a las quejas" in first and "Dónde está mi compra" in first
    assert "La Práctica Hace al Maestro" in _main(_html(reader_site, "blog/archive/2024/page/2"))


def test_blog_index_paginates(reader_site: Path) -> None:
    first = _main(_html(reader_site, "blog"))
    second = _main(_html(reader_site, "blog/page/2"))
    assert "Cómo responder a las quejas" in first and "La Práctica Hace al Maestro" not in first
    assert "La Práctica Hace al Maestro" in second
    assert 'href="page/2/"' in _html(reader_site, "blog")


def test_404_is_spanish(reader_site: Path) -> None:
    page = (reader_site / "404.html").read_text(encoding="utf-8")
    assert "<h1>Página no encontrada</h1>" in page
    assert "Volver al inicio" in page and "Not found" not in page


def test_spanish_strings_cover_every_material_key(reader_site: Path) -> None:
    material = Path(__import__("material").__file__).parent / "templates/partials/languages"
    english = set(re.findall(r'^\s*"([^"]+)":', (material / "en.html").read_text(), re.M))
    ours = Path(__file__).parent.parent / "overrides/partials/languages/es.html"
    spanish = set(re.findall(r'^\s*"([^"]+)":', ours.read_text(encoding="utf-8"), re.M))
    # Material's English file carries the search defaults; Spanish sets them in mkdocs.yml.
    missing = english - spanish - {"search.config.pipeline", "search.config.separator"}
    assert not missing


# SEO and sharing


def test_every_page_is_spanish_with_one_description_and_canonical(reader_site: Path) -> None:
    for path in reader_site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert '<html lang="es"' in html, path
        if path.name == "404.html":
            continue
        head = _head(html)
        assert head.count('<meta name="description"') == 1, path
        assert head.count('<link rel="canonical"') == 1, path
        assert len(_meta(html, "og:title")) == 1, path
        assert 'type="application/rss+xml"' in head and "feed_rss_created.xml" in head, path


def test_post_head_has_open_graph_twitter_and_feed(reader_site: Path) -> None:
    page = _html(reader_site, POSTS["facturacion"])
    description = "Una factura clara evita llamadas; qué explicar antes de cobrar"
    assert _meta(page, "description")[0].startswith(description)
    assert _meta(page, "og:type") == ["article"]
    assert _meta(page, "og:locale") == ["es_ES"]
    assert _meta(page, "og:url") == [SITE_URL + POSTS["facturacion"]]
    assert _meta(page, "og:image") == [SITE_URL + "assets/og.png"]
    assert _meta(page, "og:description")[0].startswith(description)
    assert _meta(page, "twitter:card") == ["summary_large_image"]
    assert _meta(page, "author") == ["Carlos Ruiz"]
    assert 'type="application/rss+xml"' in _head(page)
    assert (reader_site / "assets" / "og.png").is_file()


def test_post_json_ld_blog_posting_and_breadcrumbs(reader_site: Path) -> None:
    posting, crumbs = _json_ld(_html(reader_site, POSTS["facturacion"]))
    assert posting["@type"] == "BlogPosting"
    assert posting["headline"] == "Atención al cliente en la facturación sin sorpresas"
    assert posting["datePublished"] == "2024-02-20"
    assert posting["dateModified"] == "2024-03-01"
    assert posting["author"] == [{"@type": "Person", "name": "Carlos Ruiz"}]
    assert posting["publisher"]["name"] == "Bitácora de servicio al cliente"
    assert posting["mainEntityOfPage"]["@id"] == SITE_URL + POSTS["facturacion"]
    assert [item["name"] for item in crumbs["itemListElement"]] == [
        "Inicio",
        "Blog",
        "Servicio al cliente",
        "Atención al cliente en la facturación sin sorpresas",
    ]


def test_home_is_a_website(reader_site: Path) -> None:
    home = (reader_site / "index.html").read_text(encoding="utf-8")
    assert _meta(home, "og:type") == ["website"]
    assert [data["@type"] for data in _json_ld(home)] == ["WebSite"]


# Feeds, sitemap, robots


def _feed_items(site: Path, name: str) -> list[ET.Element]:
    return ET.parse(site / name).getroot().findall("./channel/item")


def test_rss_feed_has_posts_with_front_matter_metadata(reader_site: Path) -> None:
    items = _feed_items(reader_site, "feed_rss_created.xml")
    assert [item.findtext("link") for item in items] == [
        SITE_URL + POSTS[key] for key in ("quejas", "pedido", "facturacion", "practica")
    ]
    first = items[0]
    assert first.findtext("title") == "Cómo responder a las quejas sin ponerse a la defensiva"
    assert first.findtext("description", "").startswith("Una queja bien respondida")
    assert [a.text for a in first.findall("author")] == ["Ana López", "Carlos Ruiz"]
    assert "Quejas y reclamos" in [c.text for c in first.findall("category")]
    assert first.findtext("pubDate", "").startswith("Tue, 02 Apr 2024")


def test_updated_feed_uses_the_updated_date(reader_site: Path) -> None:
    items = _feed_items(reader_site, "feed_rss_updated.xml")
    dates = {item.findtext("title"): item.findtext("pubDate", "") for item in items}
    assert dates["Atención al cliente en la facturación sin sorpresas"].startswith(
        "Fri, 01 Mar 2024"
    )


def test_sitemap_lists_posts_and_robots_points_to_it(reader_site: Path) -> None:
    sitemap = (reader_site / "sitemap.xml").read_text(encoding="utf-8")
    for url in POSTS.values():
        assert f"<loc>{SITE_URL}{url}</loc>" in sitemap
    robots = (reader_site / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {SITE_URL}sitemap.xml" in robots.splitlines()


# Search, links, privacy


def test_search_worker_sits_beside_materials_and_loads_it(reader_site: Path) -> None:
    workers = reader_site / "assets/javascripts/workers"
    (material,) = [p.name for p in workers.glob("search.*.min.js")]
    ours = (workers / "bitacora-search.js").read_text(encoding="utf-8")
    assert f'var MATERIAL_WORKER = "{material}"' in ours
    stop_words = json.loads(re.search(r"var STOP_WORDS = (\[.*?\])", ours).group(1))
    assert "del" in stop_words and "estado" not in stop_words and "pedido" not in stop_words
    home = (reader_site / "index.html").read_text(encoding="utf-8")
    assert 'config.search = "assets/javascripts/workers/bitacora-search.js"' in home


def test_no_broken_internal_links_or_anchors(reader_site: Path) -> None:
    assert broken_links(reader_site) == []


def test_no_page_loads_anything_from_another_host(reader_site: Path) -> None:
    assert foreign_resources(reader_site) == []


def test_seed_site_has_no_broken_links_or_foreign_resources(seed_site: Path) -> None:
    assert broken_links(seed_site) == []
    assert foreign_resources(seed_site) == []


def test_crawler_reports_missing_pages_anchors_and_foreign_scripts(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<h2 id="ok">x</h2>', encoding="utf-8")
    (tmp_path / "index.html").write_text(
        '<a href="a/#ok">1</a><a href="a/#nope">2</a><a href="b/">3</a>'
        '<a href="https://example.com/">4</a><script src="https://cdn.example.com/x.js"></script>',
        encoding="utf-8",
    )
    assert broken_links(tmp_path) == [
        "index.html → a/#nope (no anchor #nope)",
        "index.html → b/ (no such file)",
    ]
    assert foreign_resources(tmp_path) == ["index.html → https://cdn.example.com/x.js"]
