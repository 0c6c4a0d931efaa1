"""Text copied from a PDF: paragraphs again, words mended, running headers out."""

from __future__ import annotations

from bitacora.importer.unwrap import unwrap_hard_breaks

PDF_PAGE = """Guía de buenas prácticas
La oficina de atención presencial sigue siendo, para una gran parte de
la población, la puerta principal de entrada a la administración. Aun-
que los trámites digitales han crecido, muchas personas prefieren ser
atendidas cara a cara.
• Respeto: tratar a cada persona con cortesía, sin prejuicios y
  usando un lenguaje claro.
• Escucha activa: dejar que la persona exponga su caso.
Página 1 de 2

Guía de buenas prácticas
Cuando la persona se muestra molesta, el primer objetivo no es de-
fender a la institución, sino comprender el motivo del malestar.
Página 2 de 2"""


def _lines(text: str) -> list[tuple[int, str]]:
    return list(enumerate(text.split("\n"), start=1))


def test_a_pdf_copy_gets_its_paragraphs_and_words_back() -> None:
    lines, removals = unwrap_hard_breaks(_lines(PDF_PAGE))
    texts = [text for _, text in lines if text.strip()]
    assert texts == [
        "La oficina de atención presencial sigue siendo, para una gran parte de la población, "
        "la puerta principal de entrada a la administración. Aunque los trámites digitales "
        "han crecido, muchas personas prefieren ser atendidas cara a cara.",
        "• Respeto: tratar a cada persona con cortesía, sin prejuicios y usando un lenguaje claro.",
        "• Escucha activa: dejar que la persona exponga su caso.",
        "Cuando la persona se muestra molesta, el primer objetivo no es defender a la "
        "institución, sino comprender el motivo del malestar.",
    ]
    assert lines[0][0] == 2  # a paragraph keeps the number of its first line
    assert {(r.line, r.rule) for r in removals} == {
        (1, "cabecera-de-pagina"),
        (9, "cabecera-de-pagina"),
        (11, "cabecera-de-pagina"),
        (14, "cabecera-de-pagina"),
    }


def test_a_web_page_copy_is_left_as_it_is() -> None:
    web = _lines(
        "Cómo responder una queja\n"
        "Una queja bien atendida enseña más que diez encuestas.\n"
        "Escucha primero, resuelve después.\n"
        "Guía rápida\n"
        "Guía rápida\n"
        "el cliente lo nota."
    )
    assert unwrap_hard_breaks(web) == (web, [])
