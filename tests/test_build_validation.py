"""`mkdocs build --strict` stops on the same post errors as `bitacora check`, same words."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from bitacora.cli import cli
from sitebuild import copy_site, run_build


def _check_in_background(config: Path) -> None:
    """From one post on: the fixture blog is checked in a forked process, as a large one."""
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace("  - bitacora:\n", "  - bitacora:\n      check_in_background_from: 1\n"),
        encoding="utf-8",
    )


@pytest.mark.slow
@pytest.mark.parametrize("background", [False, True], ids=["en-el-proceso", "en-segundo-plano"])
def test_build_fails_with_the_messages_of_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, background: bool
) -> None:
    """In the background, Material reads the posts meanwhile and stops first on the
    impossible date, in English: the build still reports the check's findings, and only them."""
    config = copy_site(tmp_path, with_fixture_posts=True)
    if background:
        _check_in_background(config)
    post = tmp_path / "docs" / "blog" / "posts" / "responder-quejas.md"
    text = post.read_text(encoding="utf-8")
    post.write_text(
        text.replace("  - Quejas y reclamos", "  - Quejas y reclamo").replace(
            "date: 2024-04-02", "date: 2024-04-31"
        ),
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    check = CliRunner().invoke(cli, ["check"])
    expected = [line.removeprefix("error: ") for line in check.stderr.splitlines()[:-1]]
    assert len(expected) == 2, check.stderr
    build = run_build(config)
    assert build.returncode == 1
    logged = [
        line.split("-  ", 1)[1] for line in build.stderr.splitlines() if line.startswith("ERROR")
    ]
    assert logged[:-1] == expected
    assert logged[-1].startswith("2 errores en los posts (los mismos que muestra «bitacora check»)")
    assert "Traceback" not in build.stderr
    assert "Error reading metadata" not in build.stderr  # Material's, when it read first
    assert not (tmp_path / "site" / "index.html").exists()


@pytest.mark.slow
def test_a_check_in_the_background_stops_the_build_after_material_has_read_the_posts(
    tmp_path: Path,
) -> None:
    """A problem only Bitácora sees (Material reads the post happily): found in the forked
    check, reported once Material has read the posts, before any page is written."""
    config = copy_site(tmp_path, with_fixture_posts=True)
    _check_in_background(config)
    post = tmp_path / "docs" / "blog" / "posts" / "responder-quejas.md"
    text = post.read_text(encoding="utf-8")
    post.write_text(text.replace("<!-- more -->\n", "", 1), encoding="utf-8")
    build = run_build(config)
    assert build.returncode == 1
    assert "falta la marca del extracto «<!-- more -->»" in build.stderr
    assert "1 error en los posts" in build.stderr
    assert "Traceback" not in build.stderr
    assert not (tmp_path / "site" / "index.html").exists()
