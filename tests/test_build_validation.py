"""`mkdocs build --strict` stops on the same post errors as `bitacora check`, same words."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from bitacora.cli import cli
from sitebuild import copy_site


@pytest.mark.slow
def test_build_fails_with_the_messages_of_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = copy_site(tmp_path, with_fixture_posts=True)
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
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert build.returncode == 1
    logged = [
        line.split("-  ", 1)[1] for line in build.stderr.splitlines() if line.startswith("ERROR")
    ]
    assert logged[:-1] == expected
    assert logged[-1].startswith("2 errores en los posts (los mismos que muestra «bitacora check»)")
    assert "Traceback" not in build.stderr
    assert not (tmp_path / "site" / "index.html").exists()
