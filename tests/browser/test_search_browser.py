"""Material's own search box, typed into as readers do: without accents, partial words, plurals.

Runs on the site built with tests/fixtures/site's posts; every case was unfindable with
Material's stock worker (accents kept in tokens, lunr's Spanish stop words drop "estado").
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page
from site_ui import Recorder, screenshot, search

pytestmark = pytest.mark.browser

PRACTICA = "La Práctica Hace al Maestro… también en el servicio al cliente"
FACTURACION = "Atención al cliente en la facturación sin sorpresas"
PEDIDO = "Dónde está mi compra: informar del estado del pedido"
QUEJAS = "Cómo responder a las quejas sin ponerse a la defensiva"


@pytest.fixture
def home(page: Page, reader_url: str) -> Page:
    page.goto(reader_url)
    return page


@pytest.mark.parametrize(
    ("query", "title", "highlighted"),
    [
        ("practica", PRACTICA, "Práctica"),
        ("Práctica", PRACTICA, "Práctica"),
        ("PRACTICA", PRACTICA, "Práctica"),
        ("atencion", FACTURACION, "Atención"),
        ("atención", FACTURACION, "Atención"),
        ("facturacio", FACTURACION, "facturación"),
        ("quejas", QUEJAS, "quejas"),
        ("estado del pedido", PEDIDO, "estado"),
    ],
)
def test_query_finds_the_post_first(home: Page, query: str, title: str, highlighted: str) -> None:
    results = search(home, query)
    assert results.titles, f"{query!r}: {results.meta}"
    assert results.titles[0] == title, f"{query!r}: {results.titles}"
    assert highlighted in results.marks, f"{query!r}: {results.marks}"


def test_singular_finds_the_plural(home: Page) -> None:
    results = search(home, "cliente")
    assert "clientes" in results.marks
    assert FACTURACION in results.titles


def test_stop_word_alone_still_searches(home: Page) -> None:
    # "de" is the reader's only word: keep it, or typing "devolución" would flicker empty.
    results = search(home, "de")
    assert results.titles


def test_results_and_hints_are_spanish(home: Page, recorder: Recorder, reader_url: str) -> None:
    box = home.locator("input.md-search__input")
    assert box.get_attribute("placeholder") == "Búsqueda"
    assert box.get_attribute("aria-label") == "Búsqueda"
    results = search(home, "atencion")
    assert results.meta.endswith("resultados") or results.meta == "1 resultado"
    screenshot(home, "search-atencion")
    nothing = search(home, "zzzxq")
    assert nothing.meta == "No se encontró nada: prueba con otra palabra"
    assert recorder.errors == []
    assert recorder.foreign_requests(reader_url) == []


def test_opening_a_result_goes_to_the_post(home: Page, reader_url: str) -> None:
    search(home, "practica")
    home.locator(".md-search-result__item > .md-search-result__link").first.click()
    home.wait_for_load_state()
    assert home.url.startswith(reader_url + "blog/2024/la-practica-hace-al-maestro")
    assert home.locator("h1").first.inner_text() == PRACTICA


def test_opened_result_marks_accented_and_plain_words(home: Page, recorder: Recorder) -> None:
    search(home, "practica")
    home.locator(".md-search-result__item > .md-search-result__link").first.click()
    home.wait_for_load_state()
    marks = home.locator("article mark[data-md-highlight]")
    marks.first.wait_for()
    home.wait_for_timeout(500)  # Material's own highlighter runs once the index has loaded
    found = {text.lower() for text in marks.all_inner_texts()}
    # "Práctica" by Bitácora's highlighter; Material's marks the "practica" of "practicar".
    assert {"práctica", "practica"} <= found
    assert recorder.errors == []


def test_tags_index_does_not_repeat_posts_in_results(home: Page) -> None:
    results = search(home, "quejas")
    assert "Etiquetas" not in results.titles
    assert results.titles[0] == QUEJAS
