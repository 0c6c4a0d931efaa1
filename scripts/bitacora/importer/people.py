"""People in a copied article: author names, their capitalisation, contact data.

Used by the metadata stage (bylines, signatures, author lines) and the HTML reader.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bitacora.importer.privacy import EMAIL, PHONE
from bitacora.spanish import is_stop_word

__all__ = ["AuthorInfo", "has_contact_data", "looks_like_name", "person_name_case"]

_NAME_PARTICLES = {"de", "del", "la", "las", "los", "y", "van", "von", "da", "do", "dos", "e"}
# First words of an institution's or a page section's name, never of a person's.
_INSTITUTION_WORDS = {
    "facultad", "universidad", "departamento", "oficina", "escuela", "instituto", "centro",
    "área", "area", "dirección", "direccion", "ministerio", "secretaría", "secretaria",
    "gerencia", "fundación", "fundacion", "asociación", "asociacion", "cámara", "camara",
    "noticias", "blog", "grupo", "banco", "revista", "diario", "editorial", "colegio",
    "comunicado", "prensa", "sala",
}  # fmt: skip
_NAME_WORD = re.compile(r"[A-Za-zÁÉÍÓÚÜÑáéíóúüñ][a-záéíóúüñA-ZÁÉÍÓÚÜÑ'’.-]*")
_DOMAIN = re.compile(
    r"(https?://|www\.)\S+|\b[\w-]+(\.[\w-]+)*\.(com|org|net|es|co|mx|ar|cl|pe)\b", re.I
)
_POSTCODE_PLACE = re.compile(r"[A-ZÁÉÍÓÚ][\w ]+,\s*[A-ZÁÉÍÓÚ][\w ]+\s+\d{4,6}")


@dataclass(frozen=True)
class AuthorInfo:
    name: str
    description: str = ""


def person_name_case(name: str) -> str:
    """'ernesto cabrera tejada' → 'Ernesto Cabrera Tejada'; particles stay lowercase."""
    words = name.split()
    fixed = []
    for index, word in enumerate(words):
        if index > 0 and word.lower() in _NAME_PARTICLES:
            fixed.append(word.lower())
        elif word.isupper() and len(word) > 3 or word.islower():
            fixed.append(word[:1].upper() + word[1:].lower())
        else:
            fixed.append(word[:1].upper() + word[1:])
    return " ".join(fixed)


def looks_like_name(text: str, *, strict: bool = False) -> bool:
    """Two to five words that read as a person's name: "Ernesto Cabrera tejada".

    `strict` (a line on its own under a title) wants every word capitalised but particles,
    so that a heading like "Atención al cliente" is not taken for a name.
    """
    words = text.split()
    if not 2 <= len(words) <= 5 or any(char.isdigit() for char in text):
        return False
    if not words[0][:1].isupper() or any(not _NAME_WORD.fullmatch(word) for word in words):
        return False
    if words[0].lower() in _INSTITUTION_WORDS:
        return False  # "Facultad de Administración", "Oficina de Comunicaciones"
    if any(is_stop_word(word) for word in words if word.lower() not in _NAME_PARTICLES):
        return False  # "Cargar más comentarios", "Ver todas las respuestas"
    if strict:
        return all(
            (word[:1].isupper() and not word.isupper()) or word in _NAME_PARTICLES for word in words
        ) and not any(is_stop_word(word) for word in words if word not in _NAME_PARTICLES)
    return all(
        word[:1].isupper() or word in _NAME_PARTICLES or index > 0
        for index, word in enumerate(words)
    )


def has_contact_data(text: str) -> bool:
    return bool(
        EMAIL.search(text)
        or PHONE.search(text)
        or _DOMAIN.search(text)
        or _POSTCODE_PLACE.search(text)
    )
