"""Related text side: syntax is not topic, fields weigh what settings say."""

from __future__ import annotations

import datetime as dt

from bitacora.model import Post
from bitacora.related.text import plain_body, term_bag
from bitacora.settings import RelatedSettings
from bitacora.spanish import stem


def test_code_urls_html_and_link_targets_are_not_text() -> None:
    body = (
        "Lee la [guía de quejas](https://ejemplo.org/quejas-formulario) antes.\n\n"
        "```python\nreclamo = obtener_reclamo()\n```\n\n"
        "Usa `plantilla_respuesta` y visita www.tienda-ejemplo.com hoy.\n\n"
        '<div class="aviso">Aviso</div> &nbsp; fin\n\n'
        '!!! note "Nota"\n    Un texto dentro.\n'
    )
    text, headings = plain_body(body)
    assert "guía de quejas" in text and "Un texto dentro." in text
    for syntax in ("https", "formulario", "obtener_reclamo", "plantilla_respuesta", "tienda"):
        assert syntax not in text
    assert "<div" not in text and "&nbsp;" not in text and "note" not in text
    assert headings == []


def test_headings_are_collected_apart_from_the_prose() -> None:
    text, headings = plain_body("Intro.\n\n## Qué hacer con cada queja\n\nResponder pronto.\n")
    assert headings == ["Qué hacer con cada queja"]
    assert "Qué hacer" not in text


def test_title_tags_and_headings_weigh_more_than_body() -> None:
    post = Post(
        title="Reembolsos",
        date=dt.date(2024, 1, 1),
        slug="x",
        tags=("paquetería",),
        body="## Devoluciones\n\nLos reembolsos, la paquetería y las devoluciones del almacén.",
    )
    settings = RelatedSettings()
    bag = term_bag(post, settings)
    body = settings.weight_body
    assert bag.weights[stem("reembolsos")] == settings.weight_title + body
    assert bag.weights[stem("paquetería")] == settings.weight_tags + body
    assert bag.weights[stem("devoluciones")] == settings.weight_headings + body
    assert bag.weights[stem("almacén")] == body
    assert bag.surfaces[stem("reembolsos")] == "reembolsos"


def test_adverbs_stop_words_and_numbers_carry_no_weight() -> None:
    post = Post(title="x", date=dt.date(2024, 1, 1), slug="x", body="Rápidamente, 2024 y de la")
    assert term_bag(post, RelatedSettings()).weights == {}


def test_each_stem_is_shown_as_the_form_the_post_uses_most() -> None:
    post = Post(
        title="Una queja",
        date=dt.date(2024, 1, 1),
        slug="x",
        body="Las quejas llegan. Responder quejas rápido evita más quejas.",
    )
    assert term_bag(post, RelatedSettings()).surfaces[stem("queja")] == "quejas"
