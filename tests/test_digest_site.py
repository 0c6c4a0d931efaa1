"""The digest's web archive in a real `mkdocs build --strict`, and the email's links against it.

One build per session: a tmp copy of the site with the fixture posts and a digest written
into docs/boletin, as `make` does with the seed posts.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from bitacora.digest import DigestPlan, build_digest
from bitacora.digest.select import DigestWindow
from bitacora.plugin.config import load_settings
from digestsite import SITE_URL, TODAY, make_digest_site
from sitebuild import build_site
from sitecrawl import broken_links, foreign_resources

pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def digest_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[DigestPlan, Path]:
    config = make_digest_site(tmp_path_factory.mktemp("digest-site"))
    settings = load_settings(config)
    plan = build_digest(settings, DigestWindow(dt.date(2024, 1, 1), TODAY), today=TODAY)
    # A send log from an earlier run: it must never reach the published site.
    (plan.folder / ".envios.jsonl").write_text('{"email": "ana@example.org"}\n', encoding="utf-8")
    return plan, build_site(config)


def _page(site: Path, url: str) -> Path:
    return site / unquote(urlsplit(url).path.lstrip("/")) / "index.html"


def test_archive_page_is_built_and_links_every_post(digest_build: tuple[DigestPlan, Path]) -> None:
    plan, site = digest_build
    page = (site / "boletin" / "2024-04-10" / "index.html").read_text(encoding="utf-8")
    assert "<h1" in page and "Boletín del 10 de abril de 2024" in page
    for entry in plan.digest.entries:
        path = urlsplit(entry.url).path
        assert f'href="../..{path}"' in page, entry.slug
    for name in ("digest.html", "digest.txt", "digest.eml"):
        assert f'href="{name}"' in page
        assert (site / "boletin" / "2024-04-10" / name).is_file()
    assert broken_links(site) == []
    assert foreign_resources(site) == []


def test_email_links_are_the_urls_the_site_builds(digest_build: tuple[DigestPlan, Path]) -> None:
    plan, site = digest_build
    html = plan.files[plan.folder / "digest.html"]
    links = set(re.findall(r'href="([^"]+)"', html))
    for url in links:
        if url.startswith(SITE_URL) and "/baja/" not in url:
            assert _page(site, url).is_file(), url
    assert all(entry.url in links for entry in plan.digest.entries)


def test_reading_times_match_the_built_posts(digest_build: tuple[DigestPlan, Path]) -> None:
    plan, site = digest_build
    for entry in plan.digest.entries:
        page = _page(site, entry.url).read_text(encoding="utf-8")
        shown = re.search(r"(\d+) minutos? de lectura", page)
        assert shown and int(shown.group(1)) == entry.reading_minutes, entry.slug


def test_boletin_is_in_the_nav_and_indexes_the_digest(
    digest_build: tuple[DigestPlan, Path],
) -> None:
    _, site = digest_build
    index = (site / "boletin" / "index.html").read_text(encoding="utf-8")
    assert 'href="2024-04-10/"' in index
    home = (site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a [^>]*href="boletin/"[^>]*>\s*Boletín', home), "nav tab"
    assert 'href="boletin/">boletín</a>' in home, "the home page text links it"


def test_send_log_is_never_published(digest_build: tuple[DigestPlan, Path]) -> None:
    plan, site = digest_build
    assert (plan.folder / ".envios.jsonl").is_file()
    assert not list(site.rglob(".envios.jsonl"))
    assert ".envios.jsonl" in (Path(__file__).parent.parent / ".gitignore").read_text()
