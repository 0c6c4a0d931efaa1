"""Structure stage: headings, lists, quotes, notes, excerpt marker and escaping."""

from __future__ import annotations

from pathlib import Path

import markdown

from bitacora.importer.clean import SourceLine
from bitacora.importer.structure import escape_markdown, structure_body

LONG = "Una frase larga que explica la sección con detalle suficiente para ser un párrafo de texto."


def _body(*texts: str) -> str:
    return structure_body([SourceLine(n, t) for n, t in enumerate(texts, start=1)])


def _html(text: str) -> str:
    return markdown.markdown(text, extensions=["admonition", "attr_list", "md_in_html", "abbr"])


def test_short_line_before_prose_is_a_heading() -> None:
    assert _body(LONG, "El compromiso con la mejora", LONG).count("## El compromiso") == 1


def test_excerpt_marker_follows_the_lead() -> None:
    assert _body(LONG, LONG).split("\n\n")[1] == "<!-- more -->"


def test_numbered_items_with_lead_become_a_list_with_bold_leads() -> None:
    body = _body(LONG, "1. Escuchar: antes de responder.", "2. Resolver: con un plazo.")
    assert "1. **Escuchar:** antes de responder.\n2. **Resolver:** con un plazo." in body


def test_bullets_become_a_list() -> None:
    assert "- uno\n- dos" in _body(LONG, "• uno", "• dos")


def test_single_numbered_line_is_text() -> None:
    assert "1\\. tampoco es una lista" in _body(LONG, "1. tampoco es una lista")


def test_pull_quote_repeating_the_body_is_a_blockquote() -> None:
    body = _body(
        "Las quejas son oro puro para mejorar el servicio, dijo.", "“Las quejas son oro puro”"
    )
    assert "> Las quejas son oro puro" in body


def test_nota_becomes_an_admonition() -> None:
    body = _body(LONG, "NOTA: el outsourcing tiene riesgos.")
    assert '!!! note "Nota"\n\n    El outsourcing tiene riesgos.' in body


def test_escaped_text_renders_literally() -> None:
    raw = "Usa *esto* y _aquello_ [x](y) <script>alert(1)</script> {{ v }} {: onclick=x} &amp;"
    html = _html(escape_markdown(raw))
    assert "<script>" not in html and "<em>" not in html and "<a " not in html
    assert "onclick" not in html.split(">", 1)[0]  # no attribute smuggled through attr_list
    text = html.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    assert "*esto*" in text and "[x](y)" in text and "{{ v }}" in text and "&amp;" in text


def test_leading_markup_characters_are_escaped() -> None:
    for raw in ("# no es título", "1. no es lista", "> no es cita", "- no es viñeta", "!!! note"):
        html = _html(escape_markdown(raw))
        assert html.startswith("<p>"), raw


def test_lines_of_lead_and_text_are_a_list_whose_bullets_were_lost() -> None:
    body = _body(LONG, "Escucha: sin interrumpir.", "Resuelve: en un plazo.", "Confirma: al final.")
    assert "- **Escucha:** sin interrumpir.\n- **Resuelve:** en un plazo." in body


def test_two_lines_with_a_colon_are_still_sentences() -> None:
    body = _body(LONG, "Escucha: sin interrumpir.", "Resuelve: en un plazo.")
    assert "- **" not in body


def test_numbered_section_titles_are_headings() -> None:
    body = _body(LONG, "1. Escucha activa", LONG, "2. Empatía", LONG)
    assert "## 1\\. Escucha activa" in body and "## 2\\. Empatía" in body


def test_short_label_with_colon_before_text_is_a_heading() -> None:
    assert "## Conclusiones\n" in _body(LONG, "Conclusiones:", LONG)


def test_imported_markdown_keeps_code_and_loses_raw_html() -> None:
    from bitacora.importer.markdown import neutralise_html

    source = 'Hola <script>x()</script> `<b>` {: onclick="y()" }\n```\n<div>código</div>\n```'
    html = _html(neutralise_html(source))
    assert "<script>" not in html and "onclick" not in html
    assert "&lt;b&gt;" in html  # the code span still shows its tag as text


def test_html_article_drops_share_bars_and_related_blocks_inside_the_article() -> None:
    from bitacora.importer.html import parse_html_article
    from bitacora.importer.read import RawSource
    from bitacora.importer.rules import load_rules

    prose = "La atención al cliente empieza antes de la venta y sigue después, en cada contacto."
    page = (
        "<html><head><title>Atender bien</title></head><body><article><h1>Atender bien</h1>"
        f"<p>{prose}</p><p>{prose} Segunda parte del texto con más detalle.</p>"
        "<p>Compartir en Facebook</p><h2>También te puede interesar</h2>"
        "<p>Otro artículo que no es este.</p></article></body></html>"
    )
    raw = RawSource(path=Path("pagina.html"), text=page, sha256="", encoding="utf-8")
    article = parse_html_article(raw, load_rules())
    assert "Compartir" not in article.body and "Otro artículo" not in article.body
    reported = {r.text: r.rule for r in article.removals}
    assert reported["Compartir en Facebook"] == "compartir"
    assert "Otro artículo que no es este." in reported
    assert "Segunda parte" in article.body


def test_imported_markdown_links_that_run_code_become_harmless() -> None:
    from bitacora.importer.markdown import neutralise_html

    source = "[pulsa](JAVASCRIPT:alert(1)) y [ref][r]\n\n[r]: vbscript:msgbox(1)\n[ok](https://a.b)"
    html = _html(neutralise_html(source))
    assert "script:" not in html.lower()
    assert 'href="https://a.b"' in html
    # An escaped bracket is text: left as it is, so re-importing an imported post changes nothing.
    assert neutralise_html("\\](JAVASCRIPT:x)") == "\\](JAVASCRIPT:x)"


def test_quotation_with_its_author_becomes_a_quote_that_names_them() -> None:
    body = _body(
        LONG, '"El cliente no odia esperar; odia no saber cuánto." — Carlos Méndez, director'
    )
    assert (
        "> El cliente no odia esperar; odia no saber cuánto.\n>\n> — Carlos Méndez, director"
        in (body)
    )


def test_a_dash_inside_a_sentence_is_not_an_attribution() -> None:
    body = _body(LONG, "Respondimos rápido — y el cliente volvió al mes siguiente con dos amigos.")
    assert "> " not in body


_TACTICS = (
    "Clasifica los tickets por urgencia al entrar.",
    "Crea respuestas guardadas para las preguntas más frecuentes.",
    "Distribuye los turnos según el volumen de cada franja.",
)
_CLOSING = (
    "Con estas tácticas, el tiempo de primera respuesta baja en pocas semanas y el equipo "
    "deja de apagar incendios para empezar a atender con calma a cada cliente."
)


def test_a_heading_that_counts_its_items_gets_them_back_as_a_list() -> None:
    html = _html(_body("Tres tácticas para reducirlo", *_TACTICS, _CLOSING))
    assert "<h2>Tres tácticas para reducirlo</h2>" in html
    assert html.count("<li>") == 3 and "Clasifica los tickets" in html.split("</ul>")[0]
    assert f"<p>{_CLOSING}</p>" in html


def test_when_the_count_does_not_match_the_lines_stay_paragraphs() -> None:
    assert "<li>" not in _html(_body("Cinco tácticas para reducirlo", *_TACTICS))
    long_closing = _CLOSING + " " + _CLOSING  # a paragraph, not an item
    assert "<li>" not in _html(_body("Cuatro tácticas para reducirlo", *_TACTICS, long_closing))


def test_a_lead_in_ending_in_a_colon_stays_a_paragraph_above_the_items() -> None:
    lead_in = "En los talleres que imparto uso tres tácticas que dan buenos resultados:"
    html = _html(_body("Tres tácticas para reducirlo", lead_in, *_TACTICS, _CLOSING))
    assert f"<p>{lead_in}</p>" in html and html.index(lead_in) < html.index("<ul>")
    assert html.count("<li>") == 3 and lead_in not in html.split("<ul>")[1]


def test_interview_questions_are_bold_never_headings() -> None:
    answer = "Con paciencia y con datos: al principio hubo resistencia, pero los números ayudaron."
    body = _body(
        LONG, "P: ¿Algún ejemplo concreto?", f"R: {answer}", "P: ¿Y la tecnología?", answer
    )
    assert "**P: ¿Algún ejemplo concreto?**" in body and "**P: ¿Y la tecnología?**" in body
    assert "## P:" not in body


def _spaced(*paragraphs: tuple[str, ...]) -> str:
    """Lines as a copied page gives them: a blank line after each group, none inside one."""
    lines, number = [], 1
    for group in paragraphs:
        for text in group:
            lines.append(SourceLine(number, text))
            number += 1
        number += 1  # the blank line
    return structure_body(lines)


ITEMS = (
    "Respondé en menos de 24 horas.",
    "Usá el nombre del cliente y un tono cercano.",
    "Si no tenés la respuesta, avisá cuándo vas a volver a escribir.",
)


def test_lines_under_a_lead_in_with_no_blank_line_between_them_are_a_list() -> None:
    lead_in = "Estas son algunas recomendaciones de nuestro equipo de atención:"
    body = _spaced((LONG,), (LONG,), (lead_in, *ITEMS), (LONG,))
    assert "atención:\n\n- Respondé en menos de 24 horas.\n- Usá el nombre" in body
    assert body.count("\n- ") == 3


def test_a_short_heading_ending_in_a_colon_leads_in_a_list_too() -> None:
    body = _spaced((LONG,), (LONG,), ("Recomendaciones:", *ITEMS), (LONG,))
    assert "## Recomendaciones\n\n- Respondé en menos de 24 horas." in body


def test_without_blank_lines_anywhere_lines_under_a_lead_in_stay_paragraphs() -> None:
    body = _body(LONG, LONG, "Estas son algunas recomendaciones:", *ITEMS, LONG)
    assert "- Respondé" not in body


def test_a_long_paragraph_under_a_lead_in_is_not_a_list_item() -> None:
    long_item = " ".join(["palabra"] * 50) + "."
    body = _spaced((LONG,), (LONG,), ("Lo que pasó:", ITEMS[0], long_item), (LONG,))
    assert "- Respondé" not in body


def test_emoji_bullets_make_a_list_and_dialogue_dashes_do_not() -> None:
    assert "- Responder el mismo día.\n- Llamar por su nombre." in _body(
        LONG, "✅ Responder el mismo día.", "✅ Llamar por su nombre.", LONG
    )
    body = _body(LONG, "—Buenos días, ¿en qué le ayudo?", "—Vengo a reclamar.", LONG)
    assert "\n- " not in body


def test_an_episodes_chapters_are_a_list_that_keeps_their_times() -> None:
    body = _body(LONG, "(00:00:00) Presentación", "(00:03:15) Cómo medir el NPS", LONG)
    assert "- (00:00:00) Presentación\n- (00:03:15) Cómo medir el NPS" in body


def test_every_question_under_a_faq_heading_is_its_sub_heading() -> None:
    body = _body(
        LONG,
        "Preguntas frecuentes",
        "¿Cuál es un tiempo de espera aceptable en un contact center de tamaño mediano?",
        "Depende del sector, pero una referencia común es atender el 80 % en 20 segundos.",
        "¿El callback sirve?",
        "Sí. Muchas plataformas lo incluyen sin costo adicional y se configura en horas.",
    )
    assert "## Preguntas frecuentes" in body
    assert "### ¿Cuál es un tiempo de espera aceptable" in body
    assert "### ¿El callback sirve?" in body


def test_one_item_with_a_colon_among_plain_items_gets_no_bold_lead() -> None:
    body = _body(LONG, "- Un número de caso único.", "- Seguimiento: un aviso antes.", LONG)
    assert "- Seguimiento: un aviso antes." in body and "**" not in body
