"""Drive the site as a reader does: Material's search box, screenshots, axe-core, layout checks."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parent.parent.parent
ARTIFACTS = ROOT / "test-artifacts"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"

# Material's Spanish strings while the index loads or the box is empty (overrides/.../es.html).
_WAITING = ("Inicializando búsqueda", "Escribe para buscar, con o sin tildes")


@dataclass
class Recorder:
    """What a browser context did: every request URL, console errors, page exceptions."""

    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def foreign_requests(self, base_url: str) -> list[str]:
        site = urlsplit(base_url).netloc
        return [
            url
            for url in self.requests
            if urlsplit(url).scheme in ("http", "https", "ws", "wss")
            and urlsplit(url).netloc != site
        ]


@dataclass(frozen=True)
class SearchResults:
    meta: str  # "2 resultados", "No se encontró nada…"
    titles: list[str]  # article titles, best first
    marks: list[str]  # highlighted words in the results


def _read_results(page: Page) -> SearchResults:
    return SearchResults(
        meta=page.inner_text(".md-search-result__meta").strip(),
        titles=page.eval_on_selector_all(
            ".md-search-result__item > .md-search-result__link h1",
            "nodes => nodes.map(node => node.innerText.trim())",
        ),
        marks=page.eval_on_selector_all(
            ".md-search-result mark", "nodes => nodes.map(node => node.innerText.trim())"
        ),
    )


def search(page: Page, query: str, timeout: float = 15.0) -> SearchResults:
    """Type `query` into Material's search box and return the results once they settle."""
    box = page.locator("input.md-search__input")
    if not box.is_visible():
        page.locator("label.md-header__button[for='__search']").click()
    box.fill("")
    page.wait_for_function(
        "text => document.querySelector('.md-search-result__meta').innerText.trim() === text",
        arg=_WAITING[1],
    )
    box.type(query, delay=20)
    page.wait_for_function(
        "waiting => !waiting.includes("
        "document.querySelector('.md-search-result__meta').innerText.trim())",
        arg=list(_WAITING),
        timeout=timeout * 1000,
    )
    # Results arrive as the reader types; wait until two readings agree.
    deadline = time.monotonic() + timeout
    last = _read_results(page)
    while time.monotonic() < deadline:
        page.wait_for_timeout(300)
        current = _read_results(page)
        if current == last:
            return current
        last = current
    return last


def screenshot(page: Page, name: str) -> Path:
    """Save a full-page screenshot under test-artifacts/ (gitignored) and return its path."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def has_horizontal_scroll(page: Page) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1"))


def axe_violations(page: Page, impacts: tuple[str, ...] = ("serious", "critical")) -> list[str]:
    """axe-core's violations of the given impacts, as 'rule: target…' lines."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        """async () => {
            const result = await axe.run(document, {resultTypes: ["violations"]})
            return result.violations.map(v => ({
                id: v.id, impact: v.impact,
                targets: v.nodes.map(n => n.target.join(" ")),
            }))
        }"""
    )
    return [
        f"{item['id']} ({item['impact']}): {', '.join(item['targets'])}"
        for item in found
        if item["impact"] in impacts
    ]
