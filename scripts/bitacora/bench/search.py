"""Search on a built site as a reader meets it, in headless Debian Chromium.

Serves the site on 127.0.0.1, opens the home page, and measures: how long the search worker
takes to download and index `search_index.json` (the box says "Inicializando búsqueda" until
then), and for each query, typed without accents as readers do, the time from the last key
to the results of the whole query on screen (the last time the result list changes).
Uses Playwright with the system's Chromium; never downloads a browser.
"""

from __future__ import annotations

import functools
import math
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "QUERIES", "QuietHandler", "measure_search", "serve_folder"]

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
# Accent-free, as typed on a phone: the generated posts use these words with accents.
QUERIES = ("atencion", "reclamacion", "practica", "percepcion cliente")
_READY = "Escribe para buscar, con o sin tildes"
_TIMEOUT_MS = 300_000  # indexing 10,000 posts on a busy two-core machine
_QUERY_TIMEOUT_MS = 30_000
_KEY_DELAY_MS = 80  # about twelve keys a second
_SETTLE_MS = 1500  # no new results for this long: the last ones were the whole query's
# In the page: when the last key went down and when the result list last changed. The
# results of the whole query are the last rendered (the worker answers in order), so the
# time from the last key to the last render is what a reader waits after typing.
_WATCH_RENDERS = """() => {
  window.__lastKey = null; window.__lastRender = null;
  const box = document.querySelector('input.md-search__input');
  box.addEventListener('keydown', () => { window.__lastKey = performance.now(); });
  const list = document.querySelector('.md-search-result__list');
  new MutationObserver(() => { window.__lastRender = performance.now(); })
    .observe(list, {childList: true, subtree: true});
}"""
_SETTLED = """settle => window.__lastRender !== null && window.__lastKey !== null
  && window.__lastRender >= window.__lastKey
  && performance.now() - window.__lastRender > settle"""


class QuietHandler(SimpleHTTPRequestHandler):
    """Static files, without a log line per request."""

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve_folder(
    site: Path, handler_class: type[SimpleHTTPRequestHandler] = QuietHandler
) -> Iterator[str]:
    """Serve `site` on 127.0.0.1 (a free port) for the `with` block; yields its address.

    Shared with the browser tests, which serve the site with their own 404 handling.
    """
    handler = functools.partial(handler_class, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def measure_search(site: Path) -> dict[str, float]:
    """Seconds to a usable search box, and from typing each query to its first result."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    timings: dict[str, float] = {}
    with serve_folder(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            started = time.monotonic()
            page.goto(url)
            box = page.locator("input.md-search__input")
            if box.is_visible():
                box.click()
            else:  # phone width: the header's search icon opens the box
                page.locator("label.md-header__button[for='__search']").first.click()
            page.wait_for_function(
                "text => document.querySelector('.md-search-result__meta')"
                "?.innerText.trim() === text",
                arg=_READY,
                timeout=_TIMEOUT_MS,
            )
            timings["ready"] = time.monotonic() - started
            ready = (
                "text => document.querySelector('.md-search-result__meta').innerText.trim()"
                " === text && !document.querySelector('.md-search-result__item')"
            )
            for query in QUERIES:
                box.fill("")
                page.wait_for_function(ready, arg=_READY, timeout=_TIMEOUT_MS)
                page.evaluate(_WATCH_RENDERS)
                # Typed as a person types: Material searches at every key, and the results
                # of the whole query come after those of its first letters.
                box.press_sequentially(query, delay=_KEY_DELAY_MS)
                try:
                    page.wait_for_selector(".md-search-result__item", timeout=_QUERY_TIMEOUT_MS)
                    page.wait_for_function(_SETTLED, arg=_SETTLE_MS, timeout=_QUERY_TIMEOUT_MS)
                except PlaywrightTimeout:
                    timings[query] = math.nan  # nothing found: shown as "nan" in the table
                    continue
                rendered, last_key = page.evaluate("[window.__lastRender, window.__lastKey]")
                timings[query] = max(0.0, (rendered - last_key) / 1000)
        finally:
            browser.close()
    return timings
