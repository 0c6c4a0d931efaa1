"""Spanish dates as web pages print them: "Diciembre 7 de 2022", "7 de diciembre de 2022",
"07/12/2022" (day first), "martes, 3 de setiembre del 2024", "3 sept. 2024", ISO dates.

Used by the metadata stage for date lines, datelines and page labels.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from bitacora.spanish import fold

__all__ = ["MONTHS", "DateMatch", "find_spanish_date", "parse_spanish_date"]

MONTHS = {
    "enero": 1,
    "febrero": 2,
    "marzo": 3,
    "abril": 4,
    "mayo": 5,
    "junio": 6,
    "julio": 7,
    "agosto": 8,
    "septiembre": 9,
    "setiembre": 9,
    "octubre": 10,
    "noviembre": 11,
    "diciembre": 12,
    "ene": 1,
    "feb": 2,
    "mar": 3,
    "abr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "ago": 8,
    "sep": 9,
    "sept": 9,
    "set": 9,
    "oct": 10,
    "nov": 11,
    "dic": 12,
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:º|°|o)?"
_YEAR = r"(?P<year>\d{4})"
_WEEKDAY = r"(?:(?:lunes|martes|miércoles|miercoles|jueves|viernes|sábado|sabado|domingo),?\s+)?"
# Spanish dates as pages print them; each regex matches a whole date, nothing around it.
_DATE_FORMS = (
    re.compile(
        _WEEKDAY + _DAY + r"\s+(?:de\s+)?" + _MONTH + r",?\s+(?:de(?:l)?\s+)?" + _YEAR, re.I
    ),
    re.compile(_WEEKDAY + _MONTH + r"\s+" + _DAY + r"(?:\s+de|,)?\s+" + _YEAR, re.I),
    re.compile(_DAY + r"\s*[-/ ]\s*" + _MONTH + r"\s*[-/ ]\s*" + _YEAR, re.I),
    re.compile(r"(?P<day>\d{1,2})[/.-](?P<month>\d{1,2})[/.-]" + _YEAR),
    re.compile(_YEAR + r"-(?P<month>\d{1,2})-(?P<day>\d{1,2})"),
    # A report or a manual is dated by month: "Abril de 2024" is its first day.
    re.compile(r"(?<![\w.])(?P<day>)" + _MONTH + r"\s+(?:de(?:l)?\s+)?" + _YEAR + r"(?!\w)", re.I),
)


@dataclass(frozen=True)
class DateMatch:
    date: dt.date
    before: str  # "Madrid -" in a dateline
    after: str  # "– laprensa7dias.com": the publication, when a page names it there


def find_spanish_date(text: str) -> DateMatch | None:
    """The first date written the Spanish way in `text`, with the text around it."""
    for form in _DATE_FORMS:
        match = form.search(text)
        if match is None:
            continue
        month_text = match.group("month").lower().rstrip(".")
        month = int(month_text) if month_text.isdigit() else MONTHS.get(fold(month_text))
        if month is None:
            month = MONTHS.get(month_text)
        try:
            day = int(match.group("day") or 1)
            date = dt.date(int(match.group("year")), month or 0, day)
        except ValueError:
            continue
        return DateMatch(date, text[: match.start()].strip(), text[match.end() :].strip())
    return None


def parse_spanish_date(text: str) -> tuple[dt.date, str] | None:
    """A date written the Spanish way, and the text around it minus the date.

    "Diciembre 7 de 2022" → 2022-12-07; "07/12/2022" is day first, as in Spanish.
    """
    found = find_spanish_date(text)
    if found is None:
        return None
    return found.date, f"{found.before} {found.after}".strip()
