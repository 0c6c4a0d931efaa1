"""Related articles on the real posts: a new hand-written post finds its seed, and back."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from bitacora.cli import cli
from bitacora.model import Post
from bitacora.plugin.config import load_settings
from bitacora.posts import iter_post_files, read_post
from bitacora.related import compute_related
from sitebuild import build_site, copy_site

GOLD_SEED = "el-arte-de-la-excelencia-en-el-servicio"  # "Las quejas son oro puro…"
NEW_POST = Post(
    title="Cómo convertir las quejas de clientes en mejoras",
    date=dt.date(2024, 6, 1),
    slug="quejas-de-clientes",
    categories=("Quejas y reclamos",),
    tags=("quejas", "reclamos", "retroalimentación"),
    description="Cada queja de un cliente señala algo que mejorar.",
    body=(
        "Las quejas de clientes molestan, pero cada queja es retroalimentación gratuita: "
        "muestra dónde falla el servicio. Escuchar la queja sin ponerse a la defensiva, "
        "suponer que el cliente tiene razón y corregir el problema de raíz convierte una "
        "queja en lealtad.\n\n## Qué hacer con cada queja\n\nRegistra la queja, agradece al "
        "cliente, resuelve y revisa las quejas repetidas cada semana para mejorar."
    ),
)


def _site_posts(repo_root: Path) -> list[Post]:
    settings = load_settings(repo_root / "mkdocs.yml")
    return [read_post(path) for path in iter_post_files(settings.posts_dir)]


def test_new_complaints_post_and_the_gold_seed_link_each_other(repo_root: Path) -> None:
    settings = load_settings(repo_root / "mkdocs.yml")
    related = compute_related([*_site_posts(repo_root), NEW_POST], settings.related)
    assert GOLD_SEED in [link.slug for link in related["quejas-de-clientes"]]
    assert "quejas-de-clientes" in [link.slug for link in related[GOLD_SEED]]


def test_every_seed_post_has_related_articles(repo_root: Path) -> None:
    settings = load_settings(repo_root / "mkdocs.yml")
    related = compute_related(_site_posts(repo_root), settings.related)
    assert related and all(related.values())


def test_cli_related_explains_shared_terms(repo_root: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(repo_root)
    result = CliRunner().invoke(cli, ["related", GOLD_SEED, "--explain"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Relacionados con «El arte de la excelencia en el servicio»:")
    assert "puntuación" in result.output and "palabras en común:" in result.output


def test_cli_related_unknown_post_is_a_clear_error(repo_root: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(repo_root)
    result = CliRunner().invoke(cli, ["related", "no-existe"])
    assert result.exit_code == 1
    assert "no-existe: no hay ningún post con esa ruta o slug" in result.output


# --- The same posts through a real `mkdocs build --strict` of the site ---------------------

HAND_WRITTEN = """\
---
title: Cómo convertir las quejas de clientes en mejoras
date: 2024-06-01
authors:
  - redaccion
categories:
  - Quejas y reclamos
tags:
  - quejas
  - reclamos
description: Cada queja de un cliente señala algo que mejorar.
---

Las quejas de clientes molestan, pero cada queja es retroalimentación gratuita: muestra dónde
falla el servicio.

<!-- more -->

## Qué hacer con cada queja

Escucha la queja sin ponerte a la defensiva, supón que el cliente tiene razón y corrige el
problema de raíz. Registra cada queja, agradece al cliente y revisa las quejas repetidas cada
semana para mejorar.
"""


def _write_post(site: Path, name: str, text: str) -> Path:
    path = site / "docs" / "blog" / "posts" / name
    path.write_text(text, encoding="utf-8")
    return path


def _variant(slug: str, front: str) -> str:
    """A short post on the site's own topics, with extra front-matter lines."""
    return (
        f"---\ntitle: Servicio al cliente y excelencia ({slug})\ndate: 2024-05-01\n"
        "authors:\n  - redaccion\ncategories:\n  - Servicio al cliente\n"
        f"description: Una variante breve ({slug}) sobre la excelencia en el servicio.\n"
        f"slug: {slug}\n{front}---\n\n"
        "La excelencia en el servicio al cliente nace de escuchar al cliente.\n\n<!-- more -->\n\n"
        "Un buen servicio al cliente supera las expectativas del cliente.\n"
    )


@pytest.fixture(scope="module")
def related_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("related-site")
    config = copy_site(site, with_fixture_posts=False)
    _write_post(site, "quejas-de-clientes.md", HAND_WRITTEN)
    _write_post(site, "borrador.md", _variant("borrador", "draft: true\n"))
    _write_post(site, "sin-relacionados.md", _variant("sin-relacionados", "related: false\n"))
    _write_post(
        site, "con-fijado.md", _variant("con-fijado", "related:\n  - posts/quejas-de-clientes.md\n")
    )
    return build_site(config)


# Without `slug:` in its front matter, Material names a post's URL after its title.
HAND_WRITTEN_URL = "como-convertir-las-quejas-de-clientes-en-mejoras"


def _related_hrefs(site_dir: Path, slug: str) -> tuple[Path, list[str]]:
    page = next(site_dir.glob(f"blog/*/{slug}/index.html"))
    html = page.read_text(encoding="utf-8")
    if '<section class="bitacora-related"' not in html:
        return page, []
    section = html.split('<section class="bitacora-related"', 1)[1].split("</section>", 1)[0]
    return page, re.findall(r'class="bitacora-related__title" href="([^"]+)"', section)


def _target_slug(page: Path, href: str) -> str:
    target = (page.parent / href).resolve()
    assert (target / "index.html").is_file(), href
    return target.name


def test_built_complaints_post_and_gold_seed_link_each_other(related_site: Path) -> None:
    page, hrefs = _related_hrefs(related_site, HAND_WRITTEN_URL)
    assert GOLD_SEED in [_target_slug(page, href) for href in hrefs]
    page, hrefs = _related_hrefs(related_site, GOLD_SEED)
    assert HAND_WRITTEN_URL in [_target_slug(page, href) for href in hrefs]


def test_built_pins_first_related_false_hides_drafts_never_listed(related_site: Path) -> None:
    page, hrefs = _related_hrefs(related_site, "con-fijado")
    assert _target_slug(page, hrefs[0]) == HAND_WRITTEN_URL
    assert _related_hrefs(related_site, "sin-relacionados")[1] == []
    for page in related_site.glob("blog/*/*/index.html"):
        assert "/borrador/" not in page.read_text(encoding="utf-8"), page


def test_built_related_cards_show_date_category_and_description(related_site: Path) -> None:
    html = next(related_site.glob(f"blog/*/{HAND_WRITTEN_URL}/index.html")).read_text("utf-8")
    section = html.split('aria-labelledby="articulos-relacionados"', 1)[1].split("</section>")[0]
    assert re.search(r'<time datetime="\d{4}-\d\d-\d\d">\d{1,2} de [a-z]+ de \d{4}</time>', section)
    assert "Experiencia del cliente" in section
    assert "la excelencia en el servicio al cliente es el diferencial" in section


def test_unknown_pin_stops_the_build_with_file_and_line(tmp_path: Path) -> None:
    config = copy_site(tmp_path, with_fixture_posts=False)
    _write_post(tmp_path, "mal-fijado.md", _variant("mal-fijado", "related:\n  - no-existe\n"))
    with pytest.raises(AssertionError) as raised:
        build_site(config)
    expected = "docs/blog/posts/mal-fijado.md:10: el artículo relacionado «no-existe» no existe"
    assert expected in str(raised.value)
