"""Metadata stage: titles, Spanish dates, bylines, signatures and bios."""

from __future__ import annotations

import datetime as dt

import pytest

from bitacora.importer.clean import SourceLine
from bitacora.importer.metadata import extract_metadata, parse_spanish_date, person_name_case

PROSE = (
    "El servicio al cliente empieza mucho antes de la venta y sigue mucho después de ella, "
    "en cada conversación con las personas que confían en nosotros."
)


def _meta(*texts: str, hints: dict[str, str] | None = None):
    lines = [SourceLine(number, text) for number, text in enumerate(texts, start=1)]
    return extract_metadata(lines, hints or {})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Diciembre 7 de 2022", dt.date(2022, 12, 7)),
        ("7 de diciembre de 2022", dt.date(2022, 12, 7)),
        ("07/12/2022", dt.date(2022, 12, 7)),
        ("2022-12-07", dt.date(2022, 12, 7)),
        ("diciembre 7, 2022", dt.date(2022, 12, 7)),
        ("martes, 3 de setiembre del 2024", dt.date(2024, 9, 3)),
        ("3 sept. 2024", dt.date(2024, 9, 3)),
    ],
)
def test_spanish_dates_parse(text: str, expected: dt.date) -> None:
    parsed = parse_spanish_date(text)
    assert parsed is not None and parsed[0] == expected


def test_impossible_date_is_not_a_date() -> None:
    assert parse_spanish_date("31/02/2022") is None


def test_date_line_with_publication_gives_source() -> None:
    meta = _meta("Diciembre 7 de 2022 – laprensa7dias.com", PROSE)
    assert (meta.date, meta.source) == (dt.date(2022, 12, 7), "laprensa7dias.com")
    assert [r.rule for r in meta.removals] == ["fecha"]


def test_an_update_line_gives_the_updated_date_not_the_publication_date() -> None:
    title = "Cómo reducir el tiempo de primera respuesta"
    meta = _meta(
        title, "Actualizado: 3 de marzo de 2025", "Publicado el 12 de enero de 2024", PROSE
    )
    assert (meta.date, meta.updated) == (dt.date(2024, 1, 12), dt.date(2025, 3, 3))
    assert [r.rule for r in meta.removals].count("fecha") == 2


def test_byline_gives_author_and_source() -> None:
    meta = _meta("Por Shep Hyken, especial para Tire Business", "Un título", PROSE)
    assert [a.name for a in meta.authors] == ["Shep Hyken"]
    assert meta.source == "Tire Business"


def test_byline_with_the_authors_job_gives_author_and_description() -> None:
    meta = _meta(
        "Servicio al cliente en tu pyme: 7 claves para que tus clientes vuelvan",
        "Por Catalina Riquelme, Subgerenta de Experiencia Pyme",
        PROSE,
    )
    assert meta.title.startswith("Servicio al cliente en tu pyme")
    assert [(a.name, a.description) for a in meta.authors] == [
        ("Catalina Riquelme", "Subgerenta de Experiencia Pyme")
    ]


def test_byline_followed_by_a_clause_is_not_an_author_line() -> None:
    meta = _meta("Un título de artículo", "Por eso, cuando el cliente llama, escuchamos", PROSE)
    assert meta.authors == []


@pytest.mark.parametrize("label", ["Guardar artículo", "Escuchar la nota", "Ver en la app"])
def test_an_unknown_short_label_under_the_title_is_not_the_title(label: str) -> None:
    title = "Así hemos reducido a la mitad las llamadas repetidas al servicio de atención"
    meta = _meta("Blog", title, label, PROSE)
    assert meta.title == title


def test_a_short_title_under_a_short_kicker_stays_the_title() -> None:
    meta = _meta("Atención al cliente", "Escuchar antes de responder", PROSE)
    assert meta.title == "Escuchar antes de responder"


def test_a_site_name_with_its_motto_is_not_a_title_over_the_article() -> None:
    title = "Cómo reducir el tiempo de espera en tu contact center sin contratar más agentes"
    meta = _meta("ContactaPro BPO | Outsourcing de contact center en Colombia", title, PROSE)
    assert meta.title == title and meta.description == ""


def test_a_social_post_opens_with_its_authors_name_badge_and_job() -> None:
    meta = _meta(
        "Valentina Ortiz Bermúdez • 2º",
        "Head of Customer Experience en Grupo Retail Andino | Speaker",
        "Ayer un cliente me hizo llorar.",
        PROSE,
    )
    assert [(a.name, a.description) for a in meta.authors] == [
        ("Valentina Ortiz Bermúdez", "Head of Customer Experience en Grupo Retail Andino")
    ]


def test_full_title_wins_over_its_short_form() -> None:
    meta = _meta("La práctica hace al maestro", "La práctica hace al maestro: lecciones", PROSE)
    assert meta.title == "La práctica hace al maestro: lecciones"
    assert [r.rule for r in meta.removals] == ["titulo-corto", "titulo"]


def test_quoted_question_is_a_title_without_quotes() -> None:
    meta = _meta("“¿Qué hace que un servicio al cliente sea bueno?”", PROSE)
    assert meta.title == "¿Qué hace que un servicio al cliente sea bueno?"


def test_missing_title_is_derived_from_first_sentence_and_reported() -> None:
    meta = _meta("Cada persona tiene una percepción de servicio, en realidad todos la tenemos.")
    assert meta.title == "Cada persona tiene una percepción de servicio"
    assert [d.field for d in meta.derived] == ["title"]


def test_signature_gives_author_and_drops_contact_lines() -> None:
    meta = _meta(
        PROSE,
        "Ánimo, pregúntenos por servicio,",
        "Ernesto Cabrera tejada",
        "direccion@ejemplo.com.co",
        "3105749620 / 3108154472",
        "Ejemplo.com.co",
    )
    assert [a.name for a in meta.authors] == ["Ernesto Cabrera Tejada"]
    assert [line.text for line in meta.body] == [PROSE]
    assert [r.rule for r in meta.removals] == [
        "firma",
        "firma",
        "datos-personales",
        "datos-personales",
        "firma",
    ]


def test_closing_prose_is_not_a_signature() -> None:
    meta = _meta("Un título claro", PROSE, "Gracias por leer.")
    assert [line.text for line in meta.body] == [PROSE, "Gracias por leer."]


def test_author_bio_is_kept_as_description() -> None:
    bio = "Ana Gómez es consultora de experiencia del cliente. Escribe cada semana."
    meta = _meta("Por Ana Gómez", "Un título claro", PROSE, bio)
    assert meta.bio == bio
    assert meta.authors[0].description == "Ana Gómez es consultora de experiencia del cliente."


def test_person_name_case() -> None:
    assert person_name_case("ernesto cabrera DE LA tejada") == "Ernesto Cabrera de la Tejada"


def test_meta_line_gives_author_date_and_page_categories() -> None:
    meta = _meta(
        "Atención al cliente",
        "Siete claves para reducir la espera",
        "Por Laura Méndez | 12 marzo, 2023 | Canales digitales | 3 comentarios",
        PROSE,
    )
    assert meta.title == "Siete claves para reducir la espera"
    assert [a.name for a in meta.authors] == ["Laura Méndez"]
    assert meta.date == dt.date(2023, 3, 12)
    assert meta.categories == ["Canales digitales", "Atención al cliente"]
    assert [r.rule for r in meta.removals] == ["antetitulo", "titulo", "meta-entrada"]


def test_page_tags_label_is_kept() -> None:
    meta = _meta("Un título claro", PROSE, hints={"tags": "centro de contacto, espera"})
    assert meta.tags == ["centro de contacto", "espera"]


def test_dateline_place_and_time_are_not_the_source() -> None:
    meta = _meta("Un título bastante claro", "Madrid - 14 feb 2024 - 05:30 CET", PROSE)
    assert (meta.date, meta.source) == (dt.date(2024, 2, 14), None)


def test_name_alone_under_the_title_is_the_author() -> None:
    meta = _meta("Los bancos atenderán por teléfono a los mayores", "Ana García Ruiz", PROSE)
    assert [a.name for a in meta.authors] == ["Ana García Ruiz"]


def test_short_heading_under_the_title_is_not_a_name() -> None:
    meta = _meta("Los bancos atenderán por teléfono a los mayores", "Atención al cliente", PROSE)
    assert meta.authors == []


def test_byline_at_the_foot_takes_the_footer_links_with_it() -> None:
    meta = _meta(
        "Un título bastante claro", PROSE, "Escrito por Javier Morales", "12 seguidores", "Ayuda"
    )
    assert [a.name for a in meta.authors] == ["Javier Morales"]
    assert [line.text for line in meta.body] == [PROSE]
    assert [r.rule for r in meta.removals] == ["titulo", "firma", "pie-de-pagina", "pie-de-pagina"]


def test_short_link_lines_closing_the_page_are_its_footer() -> None:
    meta = _meta("Un título bastante claro", PROSE, "Ayuda", "Privacidad", "Términos")
    assert [line.text for line in meta.body] == [PROSE]


def test_table_of_contents_above_the_text_is_removed() -> None:
    meta = _meta("Un título bastante claro", "Primera parte", PROSE, "Primera parte", PROSE)
    assert meta.title == "Un título bastante claro"
    assert [line.text for line in meta.body] == [PROSE, "Primera parte", PROSE]
    assert "indice" in [r.rule for r in meta.removals]


def test_date_line_ending_with_a_byline_gives_the_author() -> None:
    meta = _meta(
        "Un título bastante claro", "Publicado el 2 de febrero de 2024 por Laura Gil", PROSE
    )
    assert [a.name for a in meta.authors] == ["Laura Gil"]
    assert (meta.date, meta.source) == (dt.date(2024, 2, 2), None)


def test_a_news_subtitle_under_the_title_becomes_the_description() -> None:
    deck = (
        "La experiencia debe ser la misma en todos los canales, coinciden los expertos "
        "reunidos en el foro anual del sector"
    )
    meta = _meta("Omnicanalidad: el cliente ya no distingue canales", deck, PROSE)
    assert meta.title == "Omnicanalidad: el cliente ya no distingue canales"
    assert meta.description == deck
    assert [line.text for line in meta.body] == [PROSE]


def test_a_long_title_under_its_short_form_is_not_a_subtitle() -> None:
    meta = _meta(
        "La práctica hace al maestro",
        "La práctica hace al maestro en el servicio al cliente: lecciones del Carnegie Hall",
        PROSE,
    )
    assert meta.title.startswith("La práctica hace al maestro en el servicio")
    assert meta.description == ""


def test_a_team_that_signs_under_the_title_is_the_author_not_the_title() -> None:
    meta = _meta("Cómo saber dónde está mi pedido", "Equipo de Atención al Cliente", PROSE)
    assert meta.title == "Cómo saber dónde está mi pedido"
    assert [author.name for author in meta.authors] == ["Equipo de Atención al Cliente"]


def test_a_table_of_contents_after_the_lead_leaves_and_marks_the_headings() -> None:
    sections = ["Requisitos previos", "Activar la encuesta"]
    meta = _meta(
        "Cómo configurar la encuesta de satisfacción",
        PROSE,
        "Este artículo contiene los siguientes temas:",
        *sections,
        sections[0],
        PROSE,
        sections[1],
        PROSE,
    )
    assert [line.text for line in meta.body] == [PROSE, sections[0], PROSE, sections[1], PROSE]
    assert meta.headings == {"requisitos previos", "activar la encuesta"}
    assert [r.line for r in meta.removals if r.rule == "indice"] == [3, 4, 5]


def test_short_lines_that_come_back_as_text_are_not_a_table_of_contents() -> None:
    recap = ["Escucha", "Resuelve"]
    meta = _meta("Tres hábitos del buen agente", PROSE, *recap, PROSE, *recap)
    assert [line.text for line in meta.body] == [PROSE, *recap, PROSE, *recap]


def test_a_title_that_opens_with_serie_is_a_title_not_a_series_label() -> None:
    meta = _meta("Serie de errores que arruinan una llamada de soporte", PROSE)
    assert meta.title == "Serie de errores que arruinan una llamada de soporte"
    meta = _meta("Serie: Atención omnicanal", "Cómo unir el chat y el teléfono", PROSE)
    assert meta.title == "Cómo unir el chat y el teléfono"


def test_a_headline_that_asks_a_question_still_finds_the_date_below_its_deck() -> None:
    meta = _meta(
        "Quejas contra empresas de telefonía y bancos crecieron 18 % en el semestre: ¿cómo "
        "reclamar?",
        "La Superintendencia recibió más de 42.000 reclamaciones entre enero y junio, y estos "
        "son los pasos.",
        "Redacción Economía",
        "12 de septiembre 2024, 07:15 a. m.",
        PROSE,
    )
    assert meta.date == dt.date(2024, 9, 12)


def test_a_blogs_name_and_motto_over_the_posts_date_and_title_are_not_the_post() -> None:
    meta = _meta(
        "Servicio con Corazón",
        "Ideas, herramientas y reflexiones para quienes atienden al público. Por Yolanda "
        "Briceño, facilitadora en Caracas.",
        "lunes, 8 de abril de 2024",
        "La sonrisa que se escucha: atención telefónica con calidez",
        PROSE,
    )
    assert meta.title == "La sonrisa que se escucha: atención telefónica con calidez"
    assert meta.date == dt.date(2024, 4, 8)
    assert [r.rule for r in meta.removals if r.rule == "lema"] == ["lema"]
