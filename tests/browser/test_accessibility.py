"""axe-core (npm, pinned in package-lock.json) run inside the page: no serious or critical
violations on the home page, a post, a category page, an author page and the search results."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page
from site_ui import AXE, axe_violations, search

pytestmark = pytest.mark.browser

PAGES = [
    "",
    "blog/2024/atencion-al-cliente-en-la-facturacion-sin-sorpresas/",
    "blog/category/servicio-al-cliente/",
    "blog/author/carlos-ruiz/",
    "etiquetas/",
]


@pytest.fixture(autouse=True)
def _axe_installed() -> None:
    if not AXE.is_file():
        pytest.fail("node_modules/axe-core is missing: run `npm ci` (make test does)")


@pytest.mark.parametrize("path", PAGES)
def test_page_has_no_serious_violations(page: Page, reader_url: str, path: str) -> None:
    page.goto(reader_url + path)
    assert axe_violations(page) == []


def test_search_results_have_no_serious_violations(page: Page, reader_url: str) -> None:
    page.goto(reader_url)
    assert search(page, "atencion").titles
    assert axe_violations(page) == []


def test_every_image_has_alt_text(page: Page, reader_url: str) -> None:
    for path in PAGES:
        page.goto(reader_url + path)
        missing = page.eval_on_selector_all(
            "img:not([alt])", "nodes => nodes.map(node => node.getAttribute('src'))"
        )
        assert missing == [], path


def test_axe_finds_a_planted_violation(page: Page, reader_url: str) -> None:
    # The check can fail: an image without alt text is a critical violation for axe.
    page.goto(reader_url)
    page.evaluate(
        "document.querySelector('article').insertAdjacentHTML('beforeend',"
        " '<img src=\"assets/og.png\">')"
    )
    assert any(line.startswith("image-alt (critical)") for line in axe_violations(page))


def test_seed_site_has_no_serious_violations(page: Page, seed_url: str) -> None:
    page.goto(seed_url)
    assert axe_violations(page) == []
    page.locator(".bitacora-latest a").first.click()
    page.wait_for_load_state()
    assert axe_violations(page) == []


def test_dark_scheme_has_no_serious_violations(browser: Browser, reader_url: str) -> None:
    context = browser.new_context(color_scheme="dark", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(reader_url + PAGES[1])
        assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
        assert axe_violations(page) == []
        assert search(page, "quejas").titles
        assert axe_violations(page) == []
    finally:
        context.close()
