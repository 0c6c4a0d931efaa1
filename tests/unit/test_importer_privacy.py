"""Privacy stage: phone numbers and e-mail addresses never reach the post."""

from __future__ import annotations

from bitacora.importer.clean import SourceLine
from bitacora.importer.privacy import redact_personal_data


def test_contact_only_line_is_dropped() -> None:
    kept, removals = redact_personal_data([SourceLine(4, "Tel. 3105749620 / 310 815 4472")])
    assert kept == []
    assert [(r.line, r.rule) for r in removals] == [(4, "datos-personales")]


def test_phone_and_email_inside_prose_are_redacted() -> None:
    line = SourceLine(2, "Escribe a ana.gomez@gmail.com o llama al +57 601 555 1234 hoy mismo.")
    kept, removals = redact_personal_data([line])
    assert kept[0].text == "Escribe a […] o llama al […] hoy mismo."
    assert [r.text for r in removals] == ["ana.gomez@gmail.com", "+57 601 555 1234"]


def test_dates_years_and_amounts_are_not_phone_numbers() -> None:
    text = "El 07/12/2022 atendimos 1500 llamadas en 2023 y el 2022-12-07 cerramos."
    kept, removals = redact_personal_data([SourceLine(1, text)])
    assert kept[0].text == text and removals == []
