"""The HTML email in Debian's Chromium: phone and desktop widths, dark mode, no requests.

Mail clients are not browsers, but a layout that scrolls sideways or loses contrast here does
in webmail too. Screenshots go to test-artifacts/ for a human look.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from bitacora.digest import plan_digest
from bitacora.digest.select import DigestWindow
from bitacora.plugin.config import load_settings
from digestsite import TODAY, make_digest_site

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parent.parent.parent / "test-artifacts"

_CONTRAST = """
(selector) => {
  const el = document.querySelector(selector);
  const rgb = (text) => text.match(/\\d+(\\.\\d+)?/g).slice(0, 3).map(Number);
  const lum = ([r, g, b]) => {
    const c = [r, g, b].map((v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  };
  let node = el, bg = "rgba(0, 0, 0, 0)";
  while (node && /rgba\\(0, 0, 0, 0\\)|transparent/.test(bg)) {
    bg = getComputedStyle(node).backgroundColor; node = node.parentElement;
  }
  const a = lum(rgb(getComputedStyle(el).color)), b = lum(rgb(bg));
  return { ratio: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05), background: b };
}
"""


@pytest.fixture(scope="module")
def email_html(tmp_path_factory: pytest.TempPathFactory) -> str:
    settings = load_settings(make_digest_site(tmp_path_factory.mktemp("email")))
    plan = plan_digest(settings, DigestWindow(dt.date(2024, 1, 1), TODAY), today=TODAY)
    return plan.files[plan.folder / "digest.html"]


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


def _open(page: Page, html: str, width: int, scheme: str = "light") -> list[str]:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.set_viewport_size({"width": width, "height": 900})
    page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    page.set_content(html, wait_until="load")
    return requests


@pytest.mark.parametrize("width", [600, 375])
def test_no_horizontal_scroll(page: Page, email_html: str, width: int) -> None:
    requests = _open(page, email_html, width)
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{overflow}px of sideways scroll at {width}px"
    sheet = page.locator("table.sheet").bounding_box()
    assert sheet and sheet["width"] <= 600
    assert page.locator(".preheader").is_hidden()
    assert requests == [], "an email must not load anything"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"digest-email-{width}.png"), full_page=True)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_text_keeps_its_contrast_in_both_schemes(page: Page, email_html: str, scheme: str) -> None:
    _open(page, email_html, 600, scheme)
    backgrounds = []
    for selector in (".intro", ".lead-title a", ".meta", ".text", ".section-title", ".footer-text"):
        result = page.evaluate(_CONTRAST, selector)
        assert result["ratio"] >= 4.5, (scheme, selector, result)
        backgrounds.append(result["background"])
    if scheme == "dark":
        assert max(backgrounds) < 0.05, "dark scheme: dark backgrounds"
    else:
        assert min(backgrounds) > 0.8, "light scheme: light backgrounds"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"digest-email-{scheme}.png"), full_page=True)
