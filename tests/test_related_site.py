"""Related articles on the real posts: a new hand-written post finds its seed, and back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from click.testing import CliRunner

from bitacora.cli import cli
from bitacora.model import Post
from bitacora.plugin.config import load_settings
from bitacora.posts import iter_post_files, read_post
from bitacora.related import compute_related

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
    assert "puntuación" in result.output and "en común:" in result.output


def test_cli_related_unknown_post_is_a_clear_error(repo_root: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(repo_root)
    result = CliRunner().invoke(cli, ["related", "no-existe"])
    assert result.exit_code == 1
    assert "no-existe: no hay ningún post con esa ruta o slug" in result.output
