"""`bitacora related POST [--explain]`: the list an author sees, in Spanish."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from bitacora.cli import cli

CORPUS = Path(__file__).resolve().parent / "fixtures" / "corpus"


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    posts = tmp_path / "docs" / "blog" / "posts"
    posts.mkdir(parents=True)
    for path in sorted(CORPUS.glob("quejas-*.md")) + sorted(CORPUS.glob("telefono-*.md")):
        shutil.copy(path, posts / path.name)
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Prueba\ntheme: material\nplugins:\n  - bitacora\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_lists_title_date_and_score_with_a_decimal_comma(site: Path) -> None:
    result = CliRunner().invoke(cli, ["related", "quejas-disculpa-sincera"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Relacionados con «La disculpa que desarma a un cliente enfadado»:"
    assert len(lines) == 5
    for number, line in enumerate(lines[1:], start=1):
        assert re.fullmatch(rf"  {number}\. .+ \(\d{{4}}-\d\d-\d\d\) — puntuación 0,\d\d", line)


def test_explain_shows_readable_shared_words(site: Path) -> None:
    result = CliRunner().invoke(
        cli, ["related", "docs/blog/posts/telefono-tiempo-de-espera.md", "--explain"]
    )
    assert result.exit_code == 0, result.output
    shared = [
        line for line in result.output.splitlines() if line.startswith("     palabras en común: ")
    ]
    assert len(shared) == 4
    words = {word for line in shared for word in line.split(": ", 1)[1].split(", ")}
    assert words & {"llamadas", "llamada", "teléfono", "operador"}, shared
    why = [line for line in result.output.splitlines() if line.startswith("     texto ")]
    assert len(why) == 4
    for line in why:
        assert re.fullmatch(
            r"     texto 0,\d\d · comparten \d de sus 8 artículos más parecidos", line
        )


def test_pinned_posts_come_first_and_say_so(site: Path) -> None:
    post = site / "docs" / "blog" / "posts" / "quejas-disculpa-sincera.md"
    text = post.read_text(encoding="utf-8")
    post.write_text(
        text.replace("topic: quejas\n", "topic: quejas\nrelated:\n  - telefono-menu-ivr\n"),
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["related", "quejas-disculpa-sincera"])
    assert result.exit_code == 0, result.output
    assert (
        result.output.splitlines()[1]
        == "  1. Menús telefónicos que no atrapan al cliente (2022-03-21) — fijado"
    )


def test_the_cli_and_the_build_share_one_disk_cache(site: Path) -> None:
    from bitacora.posts import iter_post_files, read_post
    from bitacora.related import CACHE_FILE, RelatedCache, compute_related
    from bitacora.settings import RelatedSettings

    assert CliRunner().invoke(cli, ["related", "quejas-disculpa-sincera"]).exit_code == 0
    assert (site / CACHE_FILE).is_file()
    posts = [read_post(path) for path in iter_post_files(site / "docs" / "blog" / "posts")]
    warm = RelatedCache(path=site / CACHE_FILE)
    compute_related(posts, RelatedSettings(), warm)
    assert warm.bags_computed == 0
