"""Headless Debian Chromium (never a downloaded browser) against the built site on 127.0.0.1.

Every page a test opens records its requests, console errors and uncaught exceptions, so tests
can prove the privacy promise (no host but the site) and a clean console.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright
from site_ui import Recorder

from bitacora.bench.search import CHROMIUM, CHROMIUM_ARGS, QuietHandler, serve_folder


class _SiteHandler(QuietHandler):
    """Static files, and the site's own 404.html for missing ones, as static hosts do."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def _serve(site: Path) -> Iterator[str]:
    with serve_folder(site, _SiteHandler) as url:
        yield url


@pytest.fixture(scope="session")
def reader_url(reader_site: Path) -> Iterator[str]:
    yield from _serve(reader_site)


@pytest.fixture(scope="session")
def seed_url(seed_site: Path) -> Iterator[str]:
    yield from _serve(seed_site)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make chromium` (Debian's package)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


def _new_page(browser: Browser, recorder: Recorder, width: int, height: int) -> Page:
    context = browser.new_context(viewport={"width": width, "height": height}, locale="es-ES")
    # Context-wide, so requests from the search worker are recorded too.
    context.on("request", lambda request: recorder.requests.append(request.url))
    page = context.new_page()
    page.on(
        "console",
        lambda message: (
            message.type == "error"
            and recorder.errors.append(f"{message.text} @ {message.location.get('url', '')}")
        ),
    )
    page.on("pageerror", lambda error: recorder.errors.append(str(error)))
    return page


@pytest.fixture
def page(browser: Browser, recorder: Recorder) -> Iterator[Page]:
    page = _new_page(browser, recorder, 1280, 900)
    yield page
    page.context.close()


@pytest.fixture
def phone(browser: Browser, recorder: Recorder) -> Iterator[Page]:
    page = _new_page(browser, recorder, 375, 740)
    yield page
    page.context.close()
