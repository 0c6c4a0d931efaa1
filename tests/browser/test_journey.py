"""A reader's visit in a real Chromium: home → category → post → related → search → result.

Also: a phone-width layout without horizontal scroll, keyboard access to search and to the
related articles, no console errors, and not a single request to a host other than the site.
Screenshots land in test-artifacts/.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page
from site_ui import Recorder, has_horizontal_scroll, screenshot, search

pytestmark = pytest.mark.browser

QUEJAS = "Cómo responder a las quejas sin ponerse a la defensiva"
PRACTICA = "La Práctica Hace al Maestro… también en el servicio al cliente"
RELATED_LINKS = ".bitacora-related a[href]"  # overrides/partials/related.html


def _h1(page: Page) -> str:
    return page.locator("article h1, .md-content h1").first.inner_text().replace("¶", "").strip()


def _follow_related(page: Page) -> str:
    """Click the first related article; return its title."""
    links = page.locator(RELATED_LINKS)
    assert links.count() > 0, "the post shows no related articles"
    title = links.first.inner_text().strip()
    with page.expect_navigation():
        links.first.click()
    assert _h1(page) == title
    return title


def test_reader_journey(page: Page, reader_url: str, recorder: Recorder) -> None:
    page.goto(reader_url)
    assert "Bitácora de servicio al cliente" in page.title()
    screenshot(page, "journey-1-home")

    with page.expect_navigation():
        page.locator(".bitacora-categories a", has_text="Quejas y reclamos").click()
    assert page.url == reader_url + "blog/category/quejas-y-reclamos/"
    assert _h1(page) == "Quejas y reclamos"
    screenshot(page, "journey-2-category")

    with page.expect_navigation():
        page.locator("article.md-post h2 a", has_text=QUEJAS).click()
    assert _h1(page) == QUEJAS
    assert page.locator("time").first.inner_text() == "2 de abril de 2024"
    screenshot(page, "journey-3-post")

    related = _follow_related(page)
    assert related != QUEJAS
    screenshot(page, "journey-4-related")

    results = search(page, "practica")
    assert results.titles[0] == PRACTICA
    screenshot(page, "journey-5-search")
    with page.expect_navigation():
        page.locator(".md-search-result__item > .md-search-result__link").first.click()
    assert _h1(page) == PRACTICA
    screenshot(page, "journey-6-result")

    assert recorder.errors == []
    assert recorder.foreign_requests(reader_url) == []
    assert any(url.endswith("bitacora-search.js") for url in recorder.requests)


def test_seed_site_journey(page: Page, seed_url: str, recorder: Recorder) -> None:
    page.goto(seed_url)
    with page.expect_navigation():
        page.locator(".bitacora-categories a").first.click()
    assert "/blog/category/" in page.url
    with page.expect_navigation():
        page.locator("article.md-post h2 a").first.click()
    title = _h1(page)
    assert page.locator("meta[property='og:title']").get_attribute("content") == title
    screenshot(page, "seed-post")
    # Words from the post's own title, typed without accents, find it.
    words = [w for w in re.findall(r"\w+", title) if len(w) > 5][:2]
    query = " ".join(words).translate(str.maketrans("áéíóúÁÉÍÓÚ", "aeiouAEIOU"))
    results = search(page, query)
    assert title in results.titles, (query, results.titles)
    screenshot(page, "seed-search")
    assert recorder.errors == []
    assert recorder.foreign_requests(seed_url) == []


@pytest.mark.parametrize(
    "path",
    [
        "",
        "blog/",
        "blog/category/servicio-al-cliente/",
        "blog/2024/la-practica-hace-al-maestro-tambien-en-el-servicio-al-cliente/",
        "blog/author/ana-lopez/",
        "etiquetas/",
        "no-existe/",
    ],
)
def test_phone_width_has_no_horizontal_scroll(
    phone: Page, reader_url: str, recorder: Recorder, path: str
) -> None:
    response = phone.goto(reader_url + path)
    if path == "no-existe/":
        assert response is not None and response.status == 404
    else:
        assert response is not None and response.ok
    name = "phone-" + (path.strip("/").replace("/", "-") or "home")
    screenshot(phone, name)
    assert not has_horizontal_scroll(phone)
    # The browser reports the 404 status of the missing page itself; nothing else may fail.
    expected = f"the server responded with a status of 404 (Not Found) @ {reader_url}{path}"
    assert [e for e in recorder.errors if not (path == "no-existe/" and e.endswith(expected))] == []
    assert recorder.foreign_requests(reader_url) == []


def _tab_until(page: Page, condition: str, limit: int = 80) -> bool:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(condition):
            return True
    return False


def test_keyboard_reaches_search_and_related(page: Page, reader_url: str) -> None:
    page.goto(reader_url + "blog/2024/como-responder-a-las-quejas-sin-ponerse-a-la-defensiva/")
    assert _tab_until(page, "document.activeElement.matches('input.md-search__input')")
    page.keyboard.type("atencion", delay=20)
    page.wait_for_selector(".md-search-result__item")
    page.keyboard.press("Escape")

    page.goto(reader_url + "blog/2024/como-responder-a-las-quejas-sin-ponerse-a-la-defensiva/")
    condition = f"document.activeElement.matches({RELATED_LINKS!r})"
    assert _tab_until(page, condition, limit=200)
    target = page.evaluate("document.activeElement.href")
    # Wait for the navigation Enter starts: closing the page mid-navigation can hang Chromium,
    # and the old URL would pass a loose check.
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == target


def test_phone_search_without_accents_opens_the_post(
    phone: Page, reader_url: str, recorder: Recorder
) -> None:
    phone.goto(reader_url)
    icon = phone.locator("label.md-header__button[for='__search']")
    assert icon.is_visible()  # on a phone, search opens from the header's icon
    icon.click()
    results = search(phone, "atencion")
    assert results.titles[0] == "Atención al cliente en la facturación sin sorpresas"
    assert not has_horizontal_scroll(phone)
    screenshot(phone, "phone-search")
    with phone.expect_navigation():
        phone.locator(".md-search-result__item > .md-search-result__link").first.click()
    assert _h1(phone) == "Atención al cliente en la facturación sin sorpresas"
    assert not has_horizontal_scroll(phone)
    assert recorder.errors == []
    assert recorder.foreign_requests(reader_url) == []
