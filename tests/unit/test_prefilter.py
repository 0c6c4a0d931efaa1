"""The noise rules' prefilter: a line it turns away is one the rule's regex never matches."""

from __future__ import annotations

import dataclasses
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bitacora.importer.prefilter import fold_case, required_literals
from bitacora.importer.rules import load_rules

SEARCH_RULES = [rule for rule in load_rules(None).lines if rule.search and rule.needs]


def test_literals_come_from_every_alternative_or_from_none() -> None:
    assert required_literals(r"(utilizamos|usamos)\s+cookies") == {"cookies"}
    assert required_literals(r"^(©|\(c\)|copyright)\s*.{0,120}$") == {"©", "(c)", "copyright"}
    assert required_literals(r"suscr[ií]bete|newsletter") == {"suscr", "newsletter"}
    # One alternative needs no literal: nothing is required of the whole.
    assert required_literals(r"cookies|\d+ visitas?|[a-z]+") is None
    assert required_literals(r"(?=.*aviso)") is None  # lookarounds are not read
    assert required_literals(r"(gracias)?\s*adiós") == {"adiós"}  # optional parts are not


def test_a_literal_found_inside_another_is_enough() -> None:
    assert required_literals(r"comparte|comparte este artículo") == {"comparte"}


def test_case_folds_as_ignorecase_compares() -> None:
    # IGNORECASE takes a character as the one it lowers to: fold_case must agree, or the
    # prefilter would turn away a line the regex matches.
    import _sre

    for code in range(0x110000):
        if 0xD800 <= code < 0xE000:
            continue
        lowered = chr(_sre.unicode_tolower(code))
        assert fold_case(chr(code)) == fold_case(lowered), hex(code)
    assert fold_case("SUSCRÍBETE") == fold_case("suscríbete")
    # And the pairs it adds beyond lowering ("ſ" and "s", "ı" and "i", Greek variants).
    for text, alike in [("ſ", "s"), ("ı", "I"), ("ς", "Σ"), ("ϐ", "β"), ("K", "k")]:
        assert re.fullmatch(re.escape(text), alike, re.IGNORECASE)
        assert fold_case(text) == fold_case(alike), text


def test_the_packaged_search_rules_have_prefilters() -> None:
    ids = {rule.id for rule in SEARCH_RULES}
    assert {"compartir", "boletin", "cookies", "pie"} <= ids


@pytest.mark.parametrize("rule", SEARCH_RULES, ids=lambda rule: rule.id)
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=True,  # the same strings every run: a slow draw must not make CI flaky
    database=None,
)
@given(data=st.data())
def test_every_line_a_rule_matches_passes_its_prefilter(rule, data) -> None:  # type: ignore[no-untyped-def]
    line = data.draw(st.from_regex(rule.regex))
    assert rule.regex.search(line)
    assert rule.matches(line), f"{rule.id} rechaza {line!r}, que su expresión acepta"


class _SearchSpy:
    def __init__(self, regex: re.Pattern[str]) -> None:
        self.regex, self.lines = regex, []  # type: ignore[var-annotated]
        self.pattern = regex.pattern

    def search(self, line: str) -> re.Match[str] | None:
        self.lines.append(line)
        return self.regex.search(line)


def test_a_line_without_the_literals_skips_the_regex() -> None:
    rule = next(rule for rule in SEARCH_RULES if rule.id == "cookies")
    spy = _SearchSpy(rule.regex)
    watched = dataclasses.replace(rule, regex=spy)  # type: ignore[arg-type]
    prose = "Un párrafo sobre la atención al cliente, sin avisos de ningún tipo."
    notice = "Este sitio web USA COOKIES para mejorar tu experiencia."
    assert not watched.matches(prose)
    assert watched.matches(notice)
    assert spy.lines == [notice]
