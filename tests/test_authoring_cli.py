"""`bitacora new` and `bitacora check` on a copy of the real site with the fixture posts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from bitacora.authoring import new_post
from bitacora.cli import cli
from bitacora.errors import BitacoraError, BitacoraErrors
from bitacora.plugin.config import load_settings
from bitacora.posts import read_post
from sitebuild import copy_site

POSTS = Path("docs/blog/posts")


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The real mkdocs.yml with the fixture posts and authors; the current folder is the site."""
    copy_site(tmp_path, with_fixture_posts=True)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_new_creates_a_complete_draft_that_check_accepts(site: Path) -> None:
    code, out, err = run(
        "new",
        "Cómo medir la calidad con encuestas",
        "--tags",
        "NPS, encuestas,nps",
        "--author",
        "Carlos Ruiz",
    )
    assert (code, err) == (0, "")
    path = POSTS / "como-medir-la-calidad-con-encuestas.md"
    assert out == f"{path}\n"
    post = read_post(path)
    assert post.title == "Cómo medir la calidad con encuestas"
    assert post.slug == "como-medir-la-calidad-con-encuestas"
    assert post.draft is True
    assert post.date == dt.date.today()
    assert post.authors == ("carlos-ruiz",)
    assert post.categories == ("Métricas y calidad",)  # chosen from the title's words
    assert post.tags == ("nps", "encuestas")
    assert "<!-- more -->" in post.body
    code, out, err = run("check")
    assert code == 0
    assert out == "Todo correcto: 5 posts revisados sin errores.\n"
    assert f"aviso: {path}:11: el borrador aún no tiene descripción" in err


def test_new_never_overwrites_an_existing_post(site: Path) -> None:
    path = POSTS / "responder-quejas.md"
    before = path.read_bytes()
    settings = load_settings("mkdocs.yml")
    with pytest.raises(BitacoraError, match="ya existe un post con ese nombre"):
        new_post("Responder quejas", settings, author="ana-lopez")
    assert path.read_bytes() == before
    code, _, err = run("new", "Responder quejas", "--author", "ana-lopez")
    assert code == 1
    assert err == (
        f"error: {path}: ya existe un post con ese nombre — edita ese archivo o elige otro "
        "título; «bitacora new» nunca sobrescribe un post\n"
    )


def test_new_refuses_a_title_another_post_already_has(site: Path) -> None:
    code, _, err = run(
        "new", "cómo responder a las quejas sin ponerse a la defensiva", "--author", "ana-lopez"
    )
    assert code == 1
    assert "ya hay un post titulado" in err
    assert str(POSTS / "responder-quejas.md") in err


def test_new_explains_every_bad_option_at_once(site: Path) -> None:
    code, _, err = run("new", "Otro artículo", "--category", "Quejas", "--author", "ana")
    assert code == 1
    assert err.splitlines() == [
        "error: el autor «ana» no está en docs/blog/.authors.yml — usa «ana-lopez» o añade "
        "«ana:» con name, description y avatar en docs/blog/.authors.yml",
        "error: la categoría «Quejas» no está permitida — usa «Quejas y reclamos» "
        "(categories_allowed en mkdocs.yml)",
    ]
    assert not (POSTS / "otro-articulo.md").exists()


def test_new_needs_the_author_when_there_are_several(site: Path) -> None:
    settings = load_settings("mkdocs.yml")
    with pytest.raises(BitacoraErrors) as caught:
        new_post("Sin autor", settings, today=dt.date(2024, 5, 1))
    assert str(caught.value) == (
        "falta el autor del artículo — indícalo con --author y una clave de "
        "docs/blog/.authors.yml: ana-lopez, carlos-ruiz"
    )


def test_new_accepts_a_category_written_without_accents(site: Path) -> None:
    path = new_post(
        "Guion para el chat", load_settings("mkdocs.yml"), "canales DIGITALES", (), "ana-lopez"
    )
    assert read_post(path).categories == ("Canales digitales",)


def test_check_prints_every_error_then_exits_1(site: Path) -> None:
    post = POSTS / "responder-quejas.md"
    text = post.read_text(encoding="utf-8")
    text = text.replace("categories:", "catgories:").replace("  - carlos-ruiz\n", "  - carlos\n")
    post.write_text(text, encoding="utf-8")
    code, out, err = run("check")
    assert code == 1
    assert out == ""
    assert err.splitlines() == [
        f"error: {post}:6: el autor «carlos» no está en docs/blog/.authors.yml — usa "
        "«carlos-ruiz» o añade «carlos:» con name, description y avatar en "
        "docs/blog/.authors.yml",
        f"error: {post}:7: la clave «catgories» no se reconoce — ¿querías decir «categories»?",
        "2 errores en los posts.",
    ]


def test_check_on_the_real_site_is_clean(repo_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo_root)
    code, out, err = run("check")
    assert (code, err) == (0, "")
    assert out.startswith("Todo correcto:")


def test_new_keeps_file_names_short_and_refuses_titles_without_words(site: Path) -> None:
    settings = load_settings("mkdocs.yml")
    title = "Cómo responder " + "a las quejas de los clientes más exigentes " * 4
    path = new_post(title, settings, author="ana-lopez")
    assert len(path.stem) <= 80 and not path.stem.endswith("-")
    assert read_post(path).title == " ".join(title.split())
    with pytest.raises(BitacoraError, match="no tiene letras ni números"):
        new_post("¿?", settings, author="ana-lopez")
