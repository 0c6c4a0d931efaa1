"""Privacy stage: phone numbers and e-mail addresses never reach the post."""

from __future__ import annotations

from bitacora.importer.clean import SourceLine
from bitacora.importer.privacy import redact_personal_data


def test_contact_only_line_is_dropped() -> None:
    kept, removals = redact_personal_data([SourceLine(4, "Tel. 3105749620 / 310 815 4472")])
    assert kept == []
    assert [(r.line, r.rule) for r in removals] == [(4, "datos-personales")]


def test_phone_and_email_inside_prose_are_redacted() -> None:
    line = SourceLine(
        2,
        "La clienta escribió desde ana.gomez@gmail.com, llamó al +57 601 555 1234 y esperó "
        "tres días a que el banco le diera una respuesta.",
    )
    kept, removals = redact_personal_data([line])
    assert kept[0].text == (
        "La clienta escribió desde […], llamó al […] y esperó tres días a que el banco le "
        "diera una respuesta."
    )
    assert [r.text for r in removals] == ["ana.gomez@gmail.com", "+57 601 555 1234"]


def test_an_invitation_to_write_or_call_leaves_with_its_data() -> None:
    lines = [
        SourceLine(
            7, "Si tienes dudas escríbenos a lucia.herrera@banco.com o llama al 600 123 456."
        ),
        SourceLine(8, "Para más información, contáctanos en info@empresa.es."),
        SourceLine(9, "Llámanos al 900 123 456 de lunes a viernes."),
    ]
    kept, removals = redact_personal_data(lines)
    assert kept == []
    assert [(r.line, r.reason) for r in removals] == [
        (7, "línea de contacto"),
        (8, "línea de contacto"),
        (9, "línea de contacto"),
    ]


def test_an_invitation_without_contact_data_is_not_this_stages_business() -> None:
    line = SourceLine(3, "Si tienes dudas, escríbenos: te respondemos en el día.")
    assert redact_personal_data([line]) == ([line], [])


def test_dates_years_and_amounts_are_not_phone_numbers() -> None:
    text = "El 07/12/2022 atendimos 1500 llamadas en 2023 y el 2022-12-07 cerramos."
    kept, removals = redact_personal_data([SourceLine(1, text)])
    assert kept[0].text == text and removals == []


def test_a_social_network_user_is_personal_data_but_an_at_sign_alone_is_not() -> None:
    line = SourceLine(
        5, "Como recuerda @ShepHyken, el cliente vuelve cuando siente que alguien le escuchó."
    )
    kept, removals = redact_personal_data([line, SourceLine(6, "Precio: 20 @ 3 unidades.")])
    assert [k.text for k in kept] == [
        "Como recuerda […], el cliente vuelve cuando siente que alguien le escuchó.",
        "Precio: 20 @ 3 unidades.",
    ]
    assert [(r.text, r.reason) for r in removals] == [
        ("@ShepHyken", "usuario de red social retirado del texto")
    ]


def test_an_invitation_to_follow_leaves_with_the_user_name() -> None:
    line = SourceLine(9, "Formo equipos de atención desde 2010. Sígueme en X: @ralmeida_cx")
    kept, removals = redact_personal_data([line])
    assert [k.text for k in kept] == ["Formo equipos de atención desde 2010."]
    assert [r.reason for r in removals] == [
        "usuario de red social retirado del texto",
        "frase de contacto, sin sus datos",
    ]


def test_chat_links_carry_a_number_and_prices_are_not_phones() -> None:
    line = SourceLine(
        4,
        "El celular dedicado costó unos $1.500.000 y la línea 45.000 pesos al mes; los pedidos "
        "llegan por wa.me/573001234567 desde entonces y se atienden en el mismo día.",
    )
    kept, removals = redact_personal_data([line])
    assert "$1.500.000" in kept[0].text and "45.000 pesos" in kept[0].text
    assert "573001234567" not in kept[0].text
    assert [r.text for r in removals] == ["wa.me/573001234567"]


def test_phones_with_any_dash_or_slash_and_spelled_addresses_are_personal_data() -> None:
    line = SourceLine(
        3,
        "La clienta llamó al 600–123–456, luego al 611/234/567 y al (+34) 633 456 789, y "
        "escribió a pedro.sanz (arroba) gmail.com sin que nadie le contestara en una semana.",
    )
    kept, removals = redact_personal_data([line])
    assert [r.text for r in removals] == [
        "pedro.sanz (arroba) gmail.com",
        "600–123–456",
        "611/234/567",
        "(+34) 633 456 789",
    ]


def test_quantities_and_spans_of_years_are_not_phones() -> None:
    text = "En el ejercicio 2023-2024 atendimos a 1.200.000 clientes y cerramos 45.000 quejas."
    assert redact_personal_data([SourceLine(1, text)]) == ([SourceLine(1, text)], [])


def test_an_invitation_to_call_or_write_to_someone_else_leaves_with_its_data() -> None:
    lines = [
        SourceLine(3, "También puedes llamarla al 612 345 678 (solo laborables)."),
        SourceLine(4, "Puedes escribirle a marta.llorente@gmail.com cuando quieras."),
    ]
    kept, removals = redact_personal_data(lines)
    assert kept == [] and len(removals) == 2
