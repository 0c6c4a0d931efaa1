"""Privacy stage: phone numbers and e-mail addresses never reach a published page.

Input: body lines. Output: the same lines with personal data taken out, and a `Removal` for
each piece taken, so the report still shows what was there. A line that held nothing but
contact data leaves the body entirely.
"""

from __future__ import annotations

import re

from bitacora.importer.clean import SourceLine
from bitacora.model import Removal

__all__ = [
    "EMAIL",
    "PHONE",
    "has_personal_data",
    "redact_personal_data",
    "redact_text",
    "redacted_item",
]

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# Seven or more digits with the separators phone numbers use; dates (2022-12-07,
# 07/12/2022) and years are too short or use "/" between short groups, so they do not match.
PHONE = re.compile(
    r"(?<![\w/.])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,4}\)[\s.-]?)?\d(?:[\s.-]?\d){6,14}(?![\w/])"
)
_LEFTOVER = re.compile(
    r"^[\s/,;:|·•()\-–—]*(?:tel[eé]fono|tel\.?|cel(?:ular)?\.?|cell|m[oó]vil|whatsapp|e-?mail|correo)?[\s/,;:|·•()\-–—]*$",
    re.I,
)
_DIGIT = re.compile(r"\d")  # what PHONE needs at the least (it matches Unicode digits too)
_DATE_LIKE = re.compile(r"\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{4}")
_REDACTED = "[…]"  # the usual mark for elided text; carries no words for tags


def has_personal_data(text: str) -> bool:
    return bool(EMAIL.search(text) or PHONE.search(text))


def redact_text(text: str) -> tuple[str, list[str]]:
    """`text` with phone numbers and e-mail addresses replaced, and what was replaced."""
    found: list[str] = []

    def take(match: re.Match[str]) -> str:
        if _DATE_LIKE.fullmatch(match.group(0).strip()):
            return match.group(0)
        found.append(match.group(0))
        return _REDACTED

    # Most lines hold neither "@" nor a digit: both checks run in C, the regexes do not.
    if "@" in text:
        text = EMAIL.sub(take, text)
    if _DIGIT.search(text):
        text = PHONE.sub(take, text)
    return text, found


def redacted_item(line: int, item: str) -> Removal:
    """The report of one phone number or e-mail address taken out of a kept line."""
    return Removal(line, item, "datos-personales", "teléfono o correo retirado del texto")


def redact_personal_data(lines: list[SourceLine]) -> tuple[list[SourceLine], list[Removal]]:
    """Take phone numbers and e-mail addresses out of the body, reporting each one."""
    kept: list[SourceLine] = []
    removals: list[Removal] = []
    for line in lines:
        redacted, found = redact_text(line.text)
        if not found:
            kept.append(line)
            continue
        if _LEFTOVER.fullmatch(redacted.replace(_REDACTED, "")):
            removals.append(Removal(line.no, line.text, "datos-personales", "línea de contacto"))
            continue
        removals.extend(redacted_item(line.no, item) for item in found)
        kept.append(SourceLine(line.no, redacted))
    return kept, removals
