"""The «Artículos relacionados» section as a reader sees it: cards side by side on a desktop,
stacked on a phone, never a bullet list and never wider than the screen."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page
from site_ui import has_horizontal_scroll, screenshot

pytestmark = pytest.mark.browser

POST = "blog/2024/atencion-al-cliente-en-la-facturacion-sin-sorpresas/"
CARDS = "section.bitacora-related li.bitacora-related__item"


def _boxes(page: Page) -> list[dict[str, float]]:
    cards = page.locator(CARDS)
    assert cards.count() >= 2
    cards.first.scroll_into_view_if_needed()
    return [box for box in (cards.nth(i).bounding_box() for i in range(2)) if box]


def test_related_cards_sit_side_by_side_on_a_desktop(page: Page, reader_url: str) -> None:
    page.goto(reader_url + POST)
    assert page.locator(CARDS).first.evaluate("e => getComputedStyle(e).listStyleType") == "none"
    first, second = _boxes(page)
    assert first["y"] == second["y"] and second["x"] > first["x"] + first["width"] - 1
    screenshot(page, "related-desktop")


def test_related_cards_stack_on_a_phone(phone: Page, reader_url: str) -> None:
    phone.goto(reader_url + POST)
    first, second = _boxes(phone)
    assert first["x"] == second["x"] and second["y"] > first["y"] + first["height"] - 1
    assert not has_horizontal_scroll(phone)
    screenshot(phone, "related-phone")
