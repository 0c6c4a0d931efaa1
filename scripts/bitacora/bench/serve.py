"""Writing with `mkdocs serve` on a large blog: seconds from saving a post to seeing it served.

Starts `mkdocs serve` on a generated site, waits for the first build, edits one post the way
an author saves it, and polls the post's page and the blog's first list page until each shows
the new text. Polling every 0.1 s: the numbers are within a tenth of a second. It saves
SAVES times, a few seconds apart as an author would, and reports the median: one save on a
shared machine can take a second more or less than the next.
"""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

__all__ = ["SAVES", "measure_serve"]

_MARKER = "Texto recién guardado para medir la recarga"
_TIMEOUT = 900.0  # seconds: a first build of 10,000 posts takes minutes on two cores
SAVES = 3


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def _seconds_until(url: str, text: str, started: float) -> float:
    while time.monotonic() - started < _TIMEOUT:
        if text in _get(url):
            return time.monotonic() - started
        time.sleep(0.1)
    raise SystemExit(f"mkdocs serve no mostró «{text}» en {url} tras {_TIMEOUT:.0f} s")


def measure_serve(config_file: Path, post_file: Path, post_url: str) -> dict[str, float]:
    """First build, then save → post page and save → blog list, in seconds."""
    port = _free_port()
    root = f"http://127.0.0.1:{port}/"
    started = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-q", "-f", str(config_file)]
        + ["--dev-addr", f"127.0.0.1:{port}"],
        cwd=config_file.parent,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    original = post_file.read_text(encoding="utf-8")
    try:
        first = _seconds_until(root, "<html", started)
        head, separator, body = original.partition("\n---\n\n")
        pages, listings = [], []
        for number in range(1, SAVES + 1):
            time.sleep(2)  # let the watcher settle after the last build, as between two saves
            marker = f"{_MARKER} {number}"
            post_file.write_text(f"{head}{separator}{marker}. {body}", encoding="utf-8")
            saved = time.monotonic()
            pages.append(_seconds_until(f"{root}{post_url}", marker, saved))
            listings.append(_seconds_until(f"{root}blog/", marker, saved))
        page, listing = statistics.median(pages), statistics.median(listings)
    finally:
        post_file.write_text(original, encoding="utf-8")
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    return {"first_build": first, "save_to_page": page, "save_to_list": listing}
