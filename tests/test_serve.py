"""Writing with `mkdocs serve`: saving a post updates its page, the blog list and the related
lists of other posts; a mistake shows the check's message and the next good save recovers.

Polls with a generous deadline instead of timing anything: the machine may be busy.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from sitebuild import copy_site

DEADLINE = 120.0  # seconds; a stuck server fails the test, a slow one does not


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def _wait_until(condition: Callable[[], bool], what: str, log: Path) -> None:
    end = time.monotonic() + DEADLINE
    while time.monotonic() < end:
        if condition():
            return
        time.sleep(0.5)
    pytest.fail(f"{what} no llegó en {DEADLINE} s; registro de mkdocs serve:\n{log.read_text()}")


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path, Path]]:
    """`mkdocs serve` of a copy of the real site with the fixture posts: (url, docs, log)."""
    config = copy_site(tmp_path / "sitio", with_fixture_posts=True)
    port = _free_port()
    log = tmp_path / "serve.log"
    with log.open("w", encoding="utf-8") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-f", str(config)]
            + ["--dev-addr", f"127.0.0.1:{port}"],
            cwd=config.parent,
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
    try:
        url = f"http://127.0.0.1:{port}/"
        _wait_until(lambda: "<html" in _get(url), "el sitio servido", log)
        yield url, config.parent / "docs", log
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.mark.slow
def test_saving_a_post_updates_it_its_lists_and_related(served: tuple[str, Path, Path]) -> None:
    url, docs, log = served
    post = docs / "blog" / "posts" / "responder-quejas.md"
    other = f"{url}blog/2024/atencion-al-cliente-en-la-facturacion-sin-sorpresas/"
    assert "Cómo responder a las quejas sin ponerse a la defensiva" in _get(other)

    text = post.read_text(encoding="utf-8")
    broken = text.replace("  - Quejas y reclamos", "  - Quejas y reclamo")
    post.write_text(broken, encoding="utf-8")
    _wait_until(
        lambda: "la categoría «Quejas y reclamo» no está permitida" in log.read_text(),
        "el mensaje de bitacora check en el registro",
        log,
    )

    edited = (
        text.replace(
            "title: Cómo responder a las quejas sin ponerse a la defensiva",
            "title: Quejas respondidas con calma",
        )
        .replace("description: Una queja", "description: Revisado hoy. Una queja")
        .replace("Las quejas son información", "Recién guardado: las quejas son información")
    )
    assert edited.count("Quejas respondidas con calma") == 1
    post.write_text(edited, encoding="utf-8")
    page = f"{url}blog/2024/quejas-respondidas-con-calma/"
    _wait_until(lambda: "Recién guardado" in _get(page), "el post actualizado", log)
    _wait_until(
        lambda: "Quejas respondidas con calma" in _get(f"{url}blog/"), "la lista del blog", log
    )
    related = _get(other)
    assert "Quejas respondidas con calma" in related
    assert "Revisado hoy. Una queja" in related
    assert "sin ponerse a la defensiva" not in related
