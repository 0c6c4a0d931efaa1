"""One `mkdocs build --strict` of the real site, then many assertions on its HTML.

The build runs once per session into a temporary folder; every post committed under
docs/blog/posts must come out with its title, date, authors, categories and tags.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import pytest
import yaml

from bitacora.posts import iter_post_files, read_post
from sitebuild import run_build

pytestmark = pytest.mark.slow

SPANISH_MONTHS = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
]


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory, repo_root: Path) -> Path:
    site_dir = tmp_path_factory.mktemp("site")
    result = run_build(repo_root / "mkdocs.yml", "--site-dir", str(site_dir))
    assert result.returncode == 0, result.stderr
    assert not re.search(r"^(WARNING|ERROR)\b", result.stderr, re.MULTILINE), result.stderr
    return site_dir


@pytest.fixture(scope="session")
def posts(repo_root: Path) -> list:
    found = [read_post(path) for path in iter_post_files(repo_root / "docs" / "blog" / "posts")]
    assert len(found) >= 5, "the five seed articles must be committed as posts"
    return found


@pytest.fixture(scope="session")
def authors(repo_root: Path) -> dict:
    data = yaml.safe_load((repo_root / "docs" / "blog" / ".authors.yml").read_text("utf-8"))
    return data["authors"]


def page_of(site: Path, post) -> str:  # type: ignore[no-untyped-def]
    path = site / "blog" / f"{post.date.year}" / post.slug / "index.html"
    assert path.is_file(), f"no page for {post.slug} at {path.relative_to(site)}"
    return html.unescape(path.read_text(encoding="utf-8"))


def spanish_long_date(date: dt.date) -> str:
    return f"{date.day} de {SPANISH_MONTHS[date.month - 1]} de {date.year}"


def test_pages_are_spanish(built_site: Path) -> None:
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="es"' in home


def test_every_post_has_its_title_as_heading_and_page_title(built_site: Path, posts) -> None:  # type: ignore[no-untyped-def]
    for post in posts:
        page = page_of(built_site, post)
        assert re.search(r"<h1[^>]*>\s*" + re.escape(post.title), page), post.slug
        assert f"<title>{post.title}" in page, post.slug


def test_every_post_shows_its_date_in_spanish(built_site: Path, posts) -> None:  # type: ignore[no-untyped-def]
    for post in posts:
        page = page_of(built_site, post)
        assert f'datetime="{post.date.isoformat()}' in page, post.slug
        assert spanish_long_date(post.date) in page, post.slug


def test_every_post_names_its_authors(built_site: Path, posts, authors) -> None:  # type: ignore[no-untyped-def]
    for post in posts:
        assert post.authors, f"{post.slug} has no author"
        page = page_of(built_site, post)
        for key in post.authors:
            assert key in authors, f"{key} missing from .authors.yml"
            assert authors[key]["name"] in page, post.slug


def test_every_post_links_its_categories(built_site: Path, posts, repo_root: Path) -> None:  # type: ignore[no-untyped-def]
    from slugify import slugify

    allowed = yaml.safe_load(
        re.sub(r"!!python/\S+", "", (repo_root / "mkdocs.yml").read_text("utf-8"))
    )
    blog = next(p["blog"] for p in allowed["plugins"] if isinstance(p, dict) and "blog" in p)
    for post in posts:
        assert 1 <= len(post.categories) <= 2, post.slug
        page = page_of(built_site, post)
        for category in post.categories:
            assert category in blog["categories_allowed"]
            assert f"category/{slugify(category)}/" in page, (post.slug, category)
            assert (built_site / "blog" / "category" / slugify(category) / "index.html").is_file()


def test_every_post_shows_its_tags(built_site: Path, posts) -> None:  # type: ignore[no-untyped-def]
    for post in posts:
        assert 3 <= len(post.tags) <= 6, post.slug
        page = page_of(built_site, post)
        for tag in post.tags:
            assert tag == tag.lower()
            assert re.search(r"md-tag[^>]*>\s*" + re.escape(tag) + r"\s*<", page), (post.slug, tag)


def test_descriptions_become_meta_descriptions(built_site: Path, posts) -> None:  # type: ignore[no-untyped-def]
    for post in posts:
        assert 0 < len(post.description) <= 160, post.slug
        page = page_of(built_site, post)
        assert f'<meta name="description" content="{post.description}"' in page, post.slug


def test_blog_index_lists_every_post_excerpt(built_site: Path, posts) -> None:  # type: ignore[no-untyped-def]
    pages = sorted((built_site / "blog").glob("**/index.html"))
    listing = "".join(
        html.unescape(p.read_text(encoding="utf-8"))
        for p in pages
        if p.parent == built_site / "blog" or p.parent.parent.name == "page"
    )
    for post in posts:
        assert post.title in listing, post.slug


def test_no_personal_data_from_the_sources_is_published(built_site: Path, repo_root: Path) -> None:
    from bitacora.importer.privacy import EMAIL, PHONE

    raw = "\n".join(
        p.read_text(encoding="utf-8") for p in (repo_root / "docs" / ".fuentes").glob("*.txt")
    )
    phones = {re.sub(r"\D", "", m.group(0)) for m in PHONE.finditer(raw)}
    emails = {m.group(0).lower() for m in EMAIL.finditer(raw)}
    assert phones and emails, "the seeds carry contact data: the check must have something to find"
    for page in built_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        digits = re.sub(r"\D", "", text)
        for phone in phones:
            assert phone not in digits, f"{page}: {phone}"
        for email in emails:
            assert email not in text.lower(), f"{page}: {email}"


def test_raw_sources_are_kept_but_not_published(built_site: Path, repo_root: Path) -> None:
    assert list((repo_root / "docs" / ".fuentes").glob("*.txt"))
    assert not (built_site / ".fuentes").exists()


def test_tags_index_lists_every_tag(built_site: Path, posts) -> None:  # type: ignore[no-untyped-def]
    page = html.unescape((built_site / "etiquetas" / "index.html").read_text(encoding="utf-8"))
    for post in posts:
        for tag in post.tags:
            assert tag in page, tag


def test_post_names_where_it_was_first_published(built_site: Path, posts) -> None:  # type: ignore[no-untyped-def]
    sourced = [post for post in posts if post.source]
    assert sourced, "at least one seed names its publication"
    for post in sourced:
        page = html.unescape(page_of(built_site, post))
        assert f"Publicado originalmente en <cite>{post.source}</cite>" in page, post.slug


def test_every_post_ends_with_related_articles_that_resolve(built_site: Path, posts) -> None:  # type: ignore[no-untyped-def]
    for post in posts:
        page_path = next(built_site.glob(f"blog/*/{post.slug}/index.html"))
        page = page_path.read_text(encoding="utf-8")
        section = page.split('<section class="bitacora-related"', 1)
        assert len(section) == 2, post.slug
        assert "Artículos relacionados</h2>" in section[1]
        links = re.findall(r'class="bitacora-related__title" href="([^"]+)"', section[1])
        assert links, post.slug
        for href in links:
            assert (page_path.parent / href / "index.html").resolve().is_file(), (post.slug, href)


def test_updated_feed_dates_posts_by_their_own_dates(built_site: Path, posts) -> None:  # type: ignore[no-untyped-def]
    feed = (built_site / "feed_rss_updated.xml").read_text(encoding="utf-8")
    dates = re.findall(r"<item>.*?<pubDate>([^<]+)</pubDate>", feed, re.DOTALL)
    assert len(dates) == len(posts)
    expected = {f"{post.date:%d %b %Y}" for post in posts}
    assert {" ".join(date.split()[1:4]) for date in dates} <= expected
