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
    "CONTACT_LINK",
    "EMAIL",
    "SPELLED_EMAIL",
    "HANDLE",
    "PHONE",
    "redact_personal_data",
    "redact_text",
    "redacted_item",
    "redacted_line",
]

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# A social network user ("@ralmeida_cx"): it names a person as an address does. Looked for
# after e-mail addresses are out, so what is left of an "@" is not an address; one right
# after a backtick is code ("`@media`"), not a user.
HANDLE = re.compile(r"(?<![\w@`])@[A-Za-z0-9_][A-Za-z0-9_.]{1,29}(?<!\.)")
# Seven or more digits with the separators phone numbers use; dates (2022-12-07,
# 07/12/2022) and years are too short or use "/" between short groups, so they do not match.
# Separators: spaces, dots, hyphens and dashes of every kind (a text editor turns "-" into
# "–" or a non-breaking "‑"), and slashes.
PHONE = re.compile(
    r"(?<![\w/.])(?:\+\d{1,3}[\s.\-‐‑‒–—]?)?(?:\(\+?\d{1,4}\)[\s.\-‐‑‒–—]?)?"
    r"\d(?:[\s.\-‐‑‒–—/]?\d){6,14}(?![\w/])"
)
# "ana.perez (arroba) gmail.com": an address written so that robots miss it.
SPELLED_EMAIL = re.compile(
    r"[\w.+-]+\s*[\[(]?\s*(?:arroba|at)\s*[\])]?\s*[\w-]+(?:\s*(?:\.|\[punto\]|\(punto\)|punto)\s*[a-z]{2,})+",
    re.I,
)
# Not phones: a quantity with thousands dots ("1.200.000 clientes"; but "600.123.456", nine
# digits from a 6 to a 9, is how Spain writes a phone) and a span of years.
_QUANTITY = re.compile(r"(?![6-9]\d\d\.\d{3}\.\d{3}$)\d{1,3}(?:\.\d{3}){1,2}")
_YEARS = re.compile(r"(?:19|20)\d\d\s?[-–/]\s?(?:19|20)\d\d")
_LEFTOVER = re.compile(
    r"^[\s/,;:|·•()\-–—]*(?:tel[eé]fono|tel\.?|cel(?:ular)?\.?|cell|m[oó]vil|whatsapp|e-?mail|correo)?[\s/,;:|·•()\-–—]*$",
    re.I,
)
# A sentence that invites the reader to write or call ("Si tienes dudas, escríbenos a … o
# llama al …") is the source's contact box: once its data is out, what is left tells a reader
# of the published post nothing. Imperatives and invitations, not narration ("llamó al").
_CONTACT_CALL = re.compile(
    r"\b(?:escr[ií]b(?:e|a|an)(?:nos|me|le|les)?\s+al?\b|escr[ií]b[ae]nos"
    r"|(?:escribir|llamar)(?:nos|me|le|les|la|lo|las|los)?\s+(?:a|al|en|por)\b"
    r"|ll[aá]m(?:a|e|en)(?:nos|me|le|les|la|lo)?\s+al?\b|ll[aá]m[ae]nos"
    r"|escribirle|escr[ií]bele|escr[ií]bel[ae]s?"
    r"|cont[aá]ct(?:a|e|en|ar)(?:nos|me|le|les)?\b|p[oó]n(?:te|gase) en contacto"
    r"|env[ií](?:a|e)(?:nos|me)\b|m[aá]nd(?:a|e)(?:nos|me)\b|(?:para )?m[aá]s informaci[oó]n"
    r"|s[ií]g(?:ue|a)(?:me|nos|lo|la|le)\s+(?:en|por)\b|encu[eé]ntra(?:me|nos)\s+en\b"
    r"|(?:estoy|estamos)\s+en\s+(?:twitter|x|linkedin|instagram|tiktok|facebook|threads)\b)",
    re.IGNORECASE,
)
_CONTACT_SENTENCE_WORDS = 30  # a longer sentence is prose that happens to cite a number
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=\S)")
# Abbreviations a sentence does not end at ("ext. 4417", "Sra. Gómez", "p. ej.").
_ABBREVIATION = re.compile(
    r"\b(?:ext|tel|telf|núm|n[º°o]|sr|sra|srta|dr|dra|lic|ing|av|p|ej|etc)\.$", re.I
)
# A chat or call link carries the number itself: "wa.me/573001234567", "tel:+34600123456".
CONTACT_LINK = re.compile(
    r"(?:https?://)?(?:wa\.me/|api\.whatsapp\.com/send/?\?phone=|tel:|callto:)\+?[\d\s.()-]{7,20}\d",
    re.I,
)
# A price is no phone: "$1.500.000", "1.500.000 pesos", "12.500.000 €".
_CURRENCY_BEFORE = re.compile(r"(?:[$€£]|US\$|COP|MXN|ARS|CLP|PEN|USD|EUR)\s?$", re.I)
_CURRENCY_AFTER = re.compile(
    r"^\s?(?:[$€£]|pesos|euros|d[oó]lares|soles|bolívares|USD|EUR|COP|MXN|ARS|CLP|PEN)\b", re.I
)
_DIGIT = re.compile(r"\d")  # what PHONE needs at the least (it matches Unicode digits too)
_DATE_LIKE = re.compile(r"\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{4}")
_REDACTED = "[…]"  # the usual mark for elided text; carries no words for tags


def redact_text(text: str) -> tuple[str, list[str]]:
    """`text` with phone numbers and e-mail addresses replaced, and what was replaced."""
    found: list[str] = []

    def take(match: re.Match[str]) -> str:
        number = match.group(0).strip()
        if (
            _DATE_LIKE.fullmatch(number)
            or _QUANTITY.fullmatch(number)
            or _YEARS.fullmatch(number)
            or _is_price(match)
        ):
            return match.group(0)
        found.append(match.group(0))
        return _REDACTED

    # Most lines hold neither "@" nor a digit: both checks run in C, the regexes do not.
    if "@" in text:
        text = EMAIL.sub(take, text)
        text = HANDLE.sub(take, text)
    if "arroba" in text.lower() or " at " in text:
        text = SPELLED_EMAIL.sub(take, text)
    if _DIGIT.search(text):
        text = CONTACT_LINK.sub(take, text)
        text = PHONE.sub(take, text)
    return text, found


def _is_price(match: re.Match[str]) -> bool:
    before = match.string[max(0, match.start() - 5) : match.start()]
    after = match.string[match.end() : match.end() + 12]
    return bool(_CURRENCY_BEFORE.search(before) or _CURRENCY_AFTER.match(after))


def redacted_item(line: int, item: str) -> Removal:
    """The report of one phone number, e-mail address or user name taken out of a kept line."""
    if item.startswith("@"):
        return Removal(line, item, "datos-personales", "usuario de red social retirado del texto")
    return Removal(line, item, "datos-personales", "teléfono o correo retirado del texto")


def _is_contact_sentence(sentence: str) -> bool:
    return (
        _REDACTED in sentence
        and len(sentence.split()) <= _CONTACT_SENTENCE_WORDS
        and _CONTACT_CALL.search(sentence) is not None
    )


def _drop_contact_sentences(redacted: str) -> tuple[str, list[str]]:
    """A redacted text without the sentences that only invited to write or call, and those
    sentences."""
    sentences: list[str] = []
    for piece in _SENTENCE_END.split(redacted):
        if sentences and _ABBREVIATION.search(sentences[-1]):
            sentences[-1] += " " + piece
        else:
            sentences.append(piece)
    dropped = [sentence for sentence in sentences if _is_contact_sentence(sentence)]
    if not dropped:
        return redacted, []
    kept = " ".join(sentence for sentence in sentences if not _is_contact_sentence(sentence))
    if kept[-1:] in (";", ","):  # "…sin su permiso; escribe a […]" ends where it was cut
        kept = kept[:-1] + "."
    return kept, dropped


def redacted_line(number: int, text: str) -> tuple[str, list[Removal]]:
    """One line without its personal data, and the report of each piece taken out.

    Returns an empty text when the line was there only to give contact data.
    """
    redacted, found = redact_text(text)
    if not found:
        return text, []
    kept, dropped = _drop_contact_sentences(redacted)
    if not kept or _LEFTOVER.fullmatch(kept.replace(_REDACTED, "")):
        return "", [Removal(number, text, "datos-personales", "línea de contacto")]
    removals = [redacted_item(number, item) for item in found]
    removals += [
        Removal(number, sentence, "datos-personales", "frase de contacto, sin sus datos")
        for sentence in dropped
    ]
    return kept, removals


def redact_personal_data(lines: list[SourceLine]) -> tuple[list[SourceLine], list[Removal]]:
    """Take phone numbers and e-mail addresses out of the body, reporting each one."""
    kept: list[SourceLine] = []
    removals: list[Removal] = []
    for line in lines:
        text, taken = redacted_line(line.no, line.text)
        removals += taken
        if text == line.text:
            kept.append(line)
        elif text:
            kept.append(SourceLine(line.no, text))
    return kept, removals
