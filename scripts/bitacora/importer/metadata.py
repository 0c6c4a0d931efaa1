"""Metadata stage: cleaned lines → title, date, authors, source, and the body lines left.

Input: the lines the clean stage kept and the hints page labels gave away. Output:
`Metadata`. Every line used up as metadata is reported as a `Removal`; every value worked
out rather than read is a `Derivation`, so the report tells what came from where.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass, field

from bitacora.importer.clean import SourceLine, word_count
from bitacora.importer.dates import DateMatch, find_spanish_date, parse_spanish_date
from bitacora.importer.people import (
    AuthorInfo,
    has_contact_data,
    looks_like_name,
    person_name_case,
)
from bitacora.importer.privacy import EMAIL, PHONE
from bitacora.model import Derivation, Removal
from bitacora.spanish import fold

__all__ = [
    "AuthorInfo",
    "DateMatch",
    "find_spanish_date",
    "Metadata",
    "extract_metadata",
    "parse_spanish_date",
    "person_name_case",
]

_DATE_PREFIX = re.compile(
    r"^(?:publicado|publicada|fecha|actualizado|escrito)?(?:\s+(?:el|en|:))?\s*:?\s*", re.I
)
# "Actualizado el 3 de marzo de 2025", "Última actualización: …": the post's `updated` date.
_UPDATED_PREFIX = re.compile(
    r"^(?:actualizad[oa]|[uú]ltima actualizaci[oó]n|fecha de actualizaci[oó]n|revisad[oa])\b",
    re.I,
)
# "Diciembre 7 de 2022 – laprensa7dias.com": what follows the dash names the publication.
# "Por Catalina Riquelme, Subgerenta de Experiencia Pyme": what follows the comma is the
# author's job (it goes to the author's description) unless it names the publication.
_BYLINE = re.compile(
    r"^(?:por|escrito por|redactado por|autor(?:a)?:|by)\s+(?P<name>[^,;|–—]+?)"
    r"(?:\s*[,;|–—]\s*(?:(?:especial\s+)?(?:para|de|en|desde)\s+(?P<source>.+?)"
    r"|(?P<role>[^,;|–—\d]{3,80}?)))?\.?$",
    re.I,
)
_ROLE_MAX_WORDS = 8
_QUOTES = "\"'“”«»‘’„"
_TERMINAL = ".!?…:;"
_META_SEPARATOR = re.compile(r"\s+[|·•]\s+")
_COUNT = re.compile(
    r"\(?\d+\)?\s*(comentarios?|respuestas?|comments?|visitas|lecturas|vistas)", re.I
)
# Job titles in an author's headline ("Gerente de…", "Consultora en…", "CEO en…").
_HEADLINE = re.compile(
    r"^((sub)?gerente|(sub)?gerenta|(sub)?director|(sub)?directora|jefe|jefa|consultor|"
    r"consultora|coordinador|coordinadora|responsable|especialista|analista|fundador|"
    r"fundadora|cofundador|cofundadora|socio|socia|ceo|cx|head|líder|asesor|asesora|"
    r"profesor|profesora|docente|investigador|investigadora|periodista|redactor|redactora|"
    r"editor|editora|autor|autora|experto|experta|ejecutivo|ejecutiva|presidente|presidenta|"
    r"vicepresidente|vicepresidenta|supervisor|supervisora|customer|community|product)\b|"
    r"\b(en|at|@)\s+\S",
    re.I,
)
# What a social network prints after a member's name: "Valentina Ortiz • 2º", "• Autora".
_NETWORK_BADGE = re.compile(
    r"\s*[•·]\s*(1\.?(er|º)|2\.?(º|do)|3\.?(er|º)\+?|[123](st|nd|rd)\+?|autora?|author|"
    r"seguir|follow|\+)\s*$",
    re.I,
)
_DATE_BYLINE = re.compile(r"^(?:por|by)\s+(?P<name>[^,;|]+?)\.?$", re.I)
# The same byline before the date: "Publicado por Ricardo Almeida el 3 de octubre de 2022".
_BYLINE_BEFORE_DATE = re.compile(
    r"^(?:(?:publicado|publicada|escrito|escrita|redactado|redactada)\s+)?(?:por|by)\s+"
    r"(?P<name>[^,;|]+?)\s*(?:,|\||-|–|—|\bel\b|\ben\b|\bon\b)?\s*$",
    re.I,
)
_TRAILING_BYLINE = re.compile(
    r"^(?:publicado|publicada|escrito|escrita)\s+por\s+(?P<name>.+?)"
    r"(?:\s+(?:en|el|a las|el día)\s+.*|,.*)?$",
    re.I,
)
_PROSE_WORDS = 15
_FOOTER_SCAN = 15  # a byline at the foot sits within the last lines of the page
_FOOTER_RUN = 3
_SERIES_WORDS = 4
_SERIES = re.compile(r"^(colecci[oó]n|serie|columna|secci[oó]n|especial|cap[ií]tulo)\s+\S.*", re.I)
_BIO_START = re.compile(r"\s+(es|fue|ha sido|trabaja|dirige|escribe)\s", re.I)
_TITLE_MAX_WORDS = 20
_LABEL_MAX_WORDS = 4
_INNER_TOC_MIN = 2  # one short line that comes back later is a coincidence
_DATELINE_CHARS = 80
# "Medellín, Colombia", "Buenos Aires, Argentina.": capitalised names and a comma, nothing else.
_PLACE = re.compile(
    r"(?-i:[A-ZÁÉÍÓÚÑ])[\wáéíóúñ.]*(?: (?:de |del )?(?-i:[A-ZÁÉÍÓÚÑ])[\wáéíóúñ.]*){0,2}"
    r"(?:, (?-i:[A-ZÁÉÍÓÚÑ])[\wáéíóúñ.]*(?: (?-i:[A-ZÁÉÍÓÚÑ])[\wáéíóúñ.]*){0,2}){1,2}\.?"
)
# What closes a dateline before the text: ".-", ".—", " – " or " - ".
_DATELINE_END = re.compile(r"^(\.?\s?[-–—]|\.-)")
_DERIVED_TITLE_WORDS = 12
_TITLE_CLAUSE_WORDS = 8
# A team that signs an article, under its title.
_TEAM = re.compile(r"(el )?(equipo|departamento|área) (de|del) [\w ]{3,60}", re.IGNORECASE)
# A news page prints a subtitle (deck) of a dozen words or more under a shorter title.
_DECK_MIN_WORDS = 12
_HEADER_SCAN = 10  # metadata lines sit among the first lines of an article
_AFTER_LEAD = 5
_MOTTO_MAX_WORDS = 30
_SENTENCE_ENDS = (".", "!", "?", "…", "»", '"', "”", ")")
_TIME = re.compile(
    r"\b\d{1,2}[:.h]\d{2}\s*(h|hrs?|horas|am|pm|a\.\s?m\.|p\.\s?m\.)?\s*([A-Z]{3,4}([+-]\d{1,2})?)?",
    re.I,
)


@dataclass
class Metadata:
    title: str
    date: dt.date | None
    authors: list[AuthorInfo]
    source: str | None
    body: list[SourceLine]
    bio: str | None = None
    description: str = ""  # a news page's subtitle under the title, when it has one
    tags: list[str] = field(default_factory=list)  # as the page listed them
    categories: list[str] = field(default_factory=list)  # as the page listed them
    removals: list[Removal] = field(default_factory=list)
    derived: list[Derivation] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    updated: dt.date | None = None  # "Actualizado el …" under the title
    # Folded texts the page's table of contents lists: the body's section headings.
    headings: frozenset[str] = frozenset()


def _role(byline: re.Match[str]) -> str | None:
    """The job after a byline's name ("Subgerenta de Experiencia Pyme"); None when what
    follows the comma is not one (a date, a sentence)."""
    role = (byline.group("role") or "").strip()
    if not role:
        return None
    if word_count(role) > _ROLE_MAX_WORDS or find_spanish_date(role) is not None:
        return None
    return role if _HEADLINE.search(role) or looks_like_name(role) else None


def _is_footer_line(text: str, max_words: int = 6) -> bool:
    return word_count(text) <= max_words and text[-1] not in ".!?…:;"


def _split_list(text: str) -> list[str]:
    return [item.strip() for item in re.split(r"[,;|·•]", text) if item.strip()]


def _strip_quotes(text: str) -> str:
    return text.strip().strip(_QUOTES).strip()


def _is_quoted(text: str) -> bool:
    return len(text) > 2 and text[0] in _QUOTES and text[-1] in _QUOTES


def _is_deck(last: str, before: str) -> bool:
    """Whether `last` is a news subtitle under the title `before` (not its long form). A
    line with a «|» is the site's name and motto ("ContactaPro | Outsourcing…"), never a
    title: the article's title under it is no subtitle."""
    return (
        "|" not in before
        and word_count(last) >= _DECK_MIN_WORDS
        and 4 <= word_count(before) < word_count(last)
        and not fold(last).startswith(fold(before).rstrip(" .:"))
    )


def _is_label_under(text: str, above: list[SourceLine]) -> bool:
    words = word_count(text)
    if words <= 2:
        return any(word_count(line.text) >= 4 for line in above)
    return words <= _LABEL_MAX_WORDS and any(
        word_count(line.text) >= max(6, 2 * words) for line in above
    )


def _is_short_line(text: str) -> bool:
    return word_count(text) <= _TITLE_MAX_WORDS and text[-1:] not in ".:;,"


class _Extractor:
    def __init__(self, lines: list[SourceLine], hints: dict[str, str]) -> None:
        self.lines = list(lines)
        self.hints = hints
        self.removals: list[Removal] = []
        self.derived: list[Derivation] = []
        self.warnings: list[str] = []
        self.authors: list[AuthorInfo] = []
        self.source: str | None = None
        self.description = ""
        self.date: dt.date | None = None
        self.updated: dt.date | None = None
        self.headings: set[str] = set()
        self.bio: str | None = None
        self.tags: list[str] = []
        self.categories: list[str] = []

    def remove(self, line: SourceLine, rule: str, reason: str) -> None:
        self.removals.append(Removal(line.no, line.text, rule, reason))
        self.lines.remove(line)

    def run(self) -> Metadata:
        self._take_blog_motto()
        self._read_label_hints()
        self._take_meta_lines()
        self._take_bylines()
        self._take_dates()
        self._take_dateline_lead()
        self._take_dateline_place()
        self._take_author_line()
        self._take_series()
        self._take_trailing_byline()
        self._take_signature()
        self._take_footer_links()
        self._take_bio()
        self._take_table_of_contents()
        self._take_inner_table_of_contents()
        title = self._take_title()
        return Metadata(
            title=title,
            date=self.date,
            updated=self.updated,
            headings=frozenset(self.headings),
            authors=self.authors,
            source=self.source,
            body=self.lines,
            bio=self.bio,
            description=self.description,
            tags=self.tags,
            categories=self.categories,
            removals=sorted(self.removals, key=lambda r: r.line),
            derived=self.derived,
            warnings=self.warnings,
        )

    def _first_prose(self) -> int:
        """The first paragraph of the text: a long line that ends a sentence. A long headline
        or a news deck, above the byline and the dateline, ends without one."""
        first_long = None
        for index, line in enumerate(self.lines):  # asked often: stop at the answer
            if word_count(line.text) >= _PROSE_WORDS:
                if line.text.rstrip()[-1:] in _SENTENCE_ENDS:
                    return index
                first_long = index if first_long is None else first_long
        return first_long if first_long is not None else len(self.lines)

    def _take_blog_motto(self) -> None:
        """A blog's page opens with the blog's name and motto, then the post's date and
        title (Blogger): the motto reads as a first paragraph, and would leave the blog's
        name as the title. A sentence followed by a date line, a title-like line and the
        text is that motto."""
        first = self._first_prose()
        following = self.lines[first + 1 : first + 4]
        if len(following) < 3 or first >= _HEADER_SCAN:
            return
        date_line, title_line, text = following
        found = find_spanish_date(date_line.text)
        if (
            found is not None
            and word_count(date_line.text) <= 6
            and _is_short_line(title_line.text)
            and word_count(title_line.text) >= 3
            and word_count(text.text) >= _PROSE_WORDS
            and word_count(self.lines[first].text) <= _MOTTO_MAX_WORDS
        ):
            self.remove(self.lines[first], "lema", "lema o descripción del blog, sobre la entrada")

    def _header(self) -> list[SourceLine]:
        """The lines where a page puts title, byline and date: up to just past the first
        paragraph of prose (some pages print the date after the lead; a headline that asks
        a question reads as prose, and its deck, byline and date follow it), at least ten."""
        return self.lines[: max(_HEADER_SCAN, self._first_prose() + _AFTER_LEAD)]

    def _read_label_hints(self) -> None:
        if "author" in self.hints and looks_like_name(self.hints["author"]):
            self._add_author(self.hints["author"], "etiqueta de autor de la página")
        if "date" in self.hints:
            parsed = parse_spanish_date(self.hints["date"])
            if parsed is not None:
                self.date = parsed[0]
                self.derived.append(
                    Derivation("date", parsed[0].isoformat(), "etiqueta de fecha de la página")
                )

        self.tags += _split_list(self.hints.get("tags", ""))
        self.categories += _split_list(self.hints.get("categories", ""))

    def _take_meta_lines(self) -> None:
        """'Por Ana Ruiz | 12 marzo, 2023 | Quejas, Canales | 3 comentarios': one line, all data."""
        for line in self._header():
            parts = [part.strip() for part in _META_SEPARATOR.split(line.text) if part.strip()]
            if len(parts) < 2 or word_count(line.text) > 30:
                continue
            found = [self._read_meta_part(part, line.text) for part in parts]
            if not any(found):
                continue
            for part, known in zip(parts, found, strict=True):
                if not known and word_count(part) <= 12:
                    self.categories += _split_list(part)
            self.remove(line, "meta-entrada", "línea de autor, fecha y categorías de la página")

    def _read_meta_part(self, part: str, line: str) -> bool:
        byline = _BYLINE.match(part)
        if byline and looks_like_name(byline.group("name").strip()):
            role = _role(byline) or ""
            self._add_author(byline.group("name"), f"línea de datos «{line}»", role=role)
            return True
        parsed = parse_spanish_date(part)
        if parsed is not None and word_count(parsed[1]) <= 2:
            if self.date is None:
                self.date = parsed[0]
                self.derived.append(Derivation("date", parsed[0].isoformat(), f"«{line}»"))
            return True
        return _COUNT.fullmatch(part) is not None

    def _add_author(self, name: str, how: str, *, as_written: bool = False, role: str = "") -> None:
        # A person's name is cased as names are; a team's keeps its own ("al Cliente").
        name = name.strip() if as_written else person_name_case(name.strip())
        if all(fold(a.name) != fold(name) for a in self.authors):
            self.authors.append(AuthorInfo(name, role))
            self.derived.append(Derivation("authors", name, how))

    def _set_source(self, source: str, how: str) -> None:
        source = source.strip().strip(".").strip()
        if source and self.source is None:
            self.source = source
            self.derived.append(Derivation("source", source, how))

    def _take_bylines(self) -> None:
        # Above the text: a byline at the foot of the page is
        # _take_trailing_byline's, and takes the footer with it.
        for line in self.lines[: min(len(self._header()), self._first_prose())]:
            match = _BYLINE.match(line.text)
            if match is None or word_count(line.text) > 14:
                continue
            if not looks_like_name(match.group("name").strip()):
                continue
            role = _role(match)
            if match.group("role") and role is None:
                continue  # "Por Ana Ruiz, 12 de marzo" or a clause: the date lines' to read
            self._add_author(match.group("name"), f"firma «{line.text}»", role=role or "")
            if match.group("source"):
                self._set_source(match.group("source"), f"firma «{line.text}»")
            self.remove(line, "firma", "línea de autor (firma del artículo)")

    def _take_dates(self) -> None:
        for line in self._header():
            if word_count(line.text) > 12:
                continue
            found = find_spanish_date(line.text)
            if found is None:
                continue
            # Before the date: a prefix ("Publicado el") or a dateline place ("Madrid -").
            # After it: a time ("05:30 CET") and maybe the publication ("– laprensa7dias.com").
            before = _DATE_PREFIX.sub("", found.before).strip(" ,–—|-")
            after = _TIME.sub("", found.after).strip(" ,–—|-")
            named = _BYLINE_BEFORE_DATE.match(found.before.strip())
            if named and looks_like_name(named.group("name")):
                before = ""
                self._add_author(named.group("name"), f"línea de fecha «{line.text}»")
            if word_count(before) > 3 or word_count(after) > 5:
                continue
            if _UPDATED_PREFIX.match(found.before.strip()):
                if self.updated is None:
                    self.updated = found.date
                    self.derived.append(
                        Derivation("updated", found.date.isoformat(), f"fecha «{line.text}»")
                    )
                self.remove(line, "fecha", "línea de fecha de actualización")
                continue
            if self.date is None:
                self.date = found.date
                self.derived.append(
                    Derivation("date", found.date.isoformat(), f"fecha «{line.text}»")
                )
            byline = _DATE_BYLINE.match(after)
            if byline and looks_like_name(byline.group("name")):
                # "Publicado el 2 de febrero de 2024 por Laura Gil"
                self._add_author(byline.group("name"), f"línea de fecha «{line.text}»")
            elif after:
                self._set_source(after, f"línea de fecha «{line.text}»")
            self.remove(line, "fecha", "línea de fecha y publicación")

    def _take_dateline_place(self) -> None:
        """A dated article's place on a line of its own above the text ("Medellín,
        Colombia"): the rest of its dateline, not a section of the text."""
        if self.date is None:
            return
        for line in self.lines[: self._first_prose()]:
            if _PLACE.fullmatch(line.text):
                self.remove(line, "fecha", "lugar de la fecha")
                return

    def _take_dateline_lead(self) -> None:
        """A press release or a news wire opens its first paragraph with place and date:
        "Bogotá, Colombia, 12 de septiembre de 2024.- Conecta Andina…". The text stays."""
        if self.date is not None or not self.lines:
            return
        lead = self.lines[min(self._first_prose(), len(self.lines) - 1)]
        found = find_spanish_date(lead.text[:_DATELINE_CHARS])
        if found is None or word_count(found.before) > 6:
            return
        if _DATELINE_END.match(found.after):
            self.date = found.date
            shown = lead.text[:_DATELINE_CHARS] + "…"
            self.derived.append(Derivation("date", found.date.isoformat(), f"entradilla «{shown}»"))

    def _take_author_line(self) -> None:
        """A line that is only a person's name, right under the title: the byline of news
        sites and LinkedIn ("Ana García Ruiz"), maybe repeated, maybe followed by the
        author's headline ("Gerente de Experiencia del Cliente en Banco Ejemplo")."""
        if self.authors:
            return
        header = self._header()
        # A post on a social network opens with its author: the name with the network's
        # badge ("• 2º"), then the job.
        for line in header:
            name = _NETWORK_BADGE.sub("", line.text)
            if name != line.text and looks_like_name(name, strict=True):
                self._add_author(name, f"línea con el nombre del autor «{line.text}»")
                self._take_name_lines(line.text)
                return
        for previous, line in zip(header, header[1:], strict=False):
            # Under a longer line (the title), never the first line: a two-word title in
            # capitals ("Servicio Excelente") must not pass for a name.
            name = _NETWORK_BADGE.sub("", line.text)
            if len(previous.text) > len(line.text) and looks_like_name(name, strict=True):
                self._add_author(name, f"línea con el nombre del autor «{line.text}»")
                self._take_name_lines(line.text)
                return
            if word_count(previous.text) >= 4 and _TEAM.fullmatch(line.text):
                # Help centres sign as a team ("Equipo de Atención al Cliente").
                how = f"línea con el equipo que firma «{line.text}»"
                self._add_author(line.text, how, as_written=True)
                self.remove(line, "firma", "equipo que firma el artículo, bajo el título")
                return

    def _take_name_lines(self, name: str) -> None:
        header = self._header()
        taken = [line for line in header if fold(line.text) == fold(name)]
        for line in taken:
            self.remove(line, "firma", "nombre del autor bajo el título")
        after = header.index(taken[-1]) + 1
        if after < len(header):
            headline = header[after]
            # LinkedIn adds keywords after the job: "Directora de CX en … | Speaker | CX".
            text = headline.text.split("|")[0].strip()
            if (
                3 <= word_count(text) <= 12
                and text[-1] not in _TERMINAL
                and find_spanish_date(text) is None
                and _HEADLINE.search(text)
            ):
                self.authors[-1] = AuthorInfo(self.authors[-1].name, text)
                self.remove(headline, "firma", "cargo del autor (pasa a su descripción)")

    def _take_trailing_byline(self) -> None:
        """'Publicado por Marta Ruiz en 10:30' or 'Escrito por Javier Morales' at the foot of
        the text; the short lines after it are the site's footer and go with it."""
        tail = self.lines[-_FOOTER_SCAN:]
        for position, line in enumerate(tail):
            match = _TRAILING_BYLINE.match(line.text)
            if not (match and looks_like_name(match.group("name"))):
                continue
            footer = tail[position + 1 :]
            if not all(_is_footer_line(rest.text) for rest in footer):
                continue
            if not self.authors:
                self._add_author(match.group("name"), f"firma al pie «{line.text}»")
            self.remove(line, "firma", "línea de autor al pie del artículo")
            for rest in footer:
                self.remove(rest, "pie-de-pagina", "enlaces del pie de la página")
            return

    def _take_footer_links(self) -> None:
        """Three or more one-to-four-word lines closing the text ("Ayuda", "Privacidad",
        "Términos"): the site's footer, not the article."""
        run = list(
            itertools.takewhile(lambda line: _is_footer_line(line.text, 4), reversed(self.lines))
        )
        if len(run) >= _FOOTER_RUN and len(run) < len(self.lines):
            for line in reversed(run):
                self.remove(line, "pie-de-pagina", "enlaces del pie de la página")

    def _take_series(self) -> None:
        for line in self._header():
            # "Serie: Atención omnicanal", "Colección «…»", "Columna de opinión"; not a title
            # that opens with the word ("Serie de errores que arruinan una llamada").
            words = word_count(line.text)
            labelled = words <= _SERIES_WORDS or any(mark in line.text for mark in ':|“«"')
            if _SERIES.match(line.text) and labelled and words <= 12 and line.text[-1] != ".":
                self.remove(line, "serie", "nombre de la serie o colección del artículo")

    def _take_signature(self) -> None:
        """A signature closes the article: name, contact lines, maybe a sign-off before them."""
        block: list[SourceLine] = []
        for line in reversed(self.lines):
            if word_count(line.text) > 14 or (word_count(line.text) > 8 and line.text[-1] in "."):
                break
            block.insert(0, line)
        if not block or not any(has_contact_data(line.text) for line in block):
            return
        names = [line for line in block if looks_like_name(line.text)]
        if names and not self.authors:
            self._add_author(names[0].text, f"firma al final «{names[0].text}»")
        for line in block:
            if EMAIL.search(line.text) or PHONE.search(line.text):
                self.remove(line, "datos-personales", "teléfono o correo de la firma (privado)")
            elif line in names:
                self.remove(line, "firma", "nombre en la firma (pasa a autor)")
            elif line.text.endswith(","):
                self.remove(line, "firma", "despedida de la firma")
            else:
                self.remove(line, "firma", "empresa, web o dirección de la firma")

    def _take_bio(self) -> None:
        """'Shep Hyken es un experto…' as the last paragraph is the author's bio."""
        if not self.lines or not self.authors:
            return
        last = self.lines[-1]
        for author in self.authors:
            surname = author.name.split()[-1]
            head = last.text[: len(author.name) + 30]
            if fold(head).startswith(fold(author.name)) or (
                fold(surname) in fold(head) and _BIO_START.search(head)
            ):
                self.bio = last.text
                first_sentence = re.split(r"(?<=[.!?])\s", last.text, maxsplit=1)[0]
                index = self.authors.index(author)
                self.authors[index] = AuthorInfo(author.name, first_sentence)
                self.lines.remove(last)
                self.derived.append(
                    Derivation("bio", first_sentence, "último párrafo: presenta al autor")
                )
                # An author box heads the bio with the name alone ("Ricardo Almeida").
                if self.lines and fold(self.lines[-1].text.strip(" .:")) == fold(author.name):
                    self.remove(self.lines[-1], "caja-autor", "nombre del autor sobre su biografía")
                return

    def _take_table_of_contents(self) -> None:
        """Short lines above the text that come back later as section headings: the page's
        table of contents («Tabla de contenidos» plugins), not part of the article."""
        first_prose = self._first_prose()
        entries = [line for line in self.lines[:first_prose] if _is_short_line(line.text)]
        if not entries:
            return
        # Folding shortens a line by at most one character per combining accent: a line over
        # 4× longer than every entry (the prose) would need three accents per letter to fold
        # into one. Folding all of them cost a tenth of the metadata step.
        longest = 4 * max(len(line.text) for line in entries)
        later = {fold(line.text) for line in self.lines[first_prose:] if len(line.text) <= longest}
        for line in entries:
            if fold(line.text) in later:
                self.remove(line, "indice", "entrada del índice de la página (se repite después)")
                self.headings.add(fold(line.text))

    def _take_inner_table_of_contents(self) -> None:
        """A table of contents after the lead ("Este artículo contiene los siguientes temas:"
        and the section titles): two or more short lines in a row, each one coming back
        later as a heading (a shorter line over a longer one), maybe with the line that
        introduces them."""
        last_heading = self._last_heading_positions()
        index = 0
        while index < len(self.lines):
            run, seen = 0, set()
            # The run ends where its first entry comes back: the first section's heading.
            while index + run < len(self.lines) and _is_short_line(self.lines[index + run].text):
                if fold(self.lines[index + run].text) in seen:
                    break
                seen.add(fold(self.lines[index + run].text))
                run += 1
            entries = self.lines[index : index + run]
            later = index + run
            if run >= _INNER_TOC_MIN and all(last_heading.get(key, -1) >= later for key in seen):
                before = self.lines[index - 1] if index else None
                for line in entries:
                    self.remove(
                        line, "indice", "entrada del índice de la página (se repite después)"
                    )
                    self.headings.add(fold(line.text))
                if before and before.text.endswith(":") and word_count(before.text) <= 10:
                    self.remove(before, "indice", "rótulo del índice de la página")
                    index -= 1
                last_heading = self._last_heading_positions()  # the lines moved up
                continue  # the lines are gone: the next ones are at `index` now
            index += max(run, 1)

    def _last_heading_positions(self) -> dict[str, int]:
        """For each folded short line, the last place it stands as a heading (over a longer
        line): one pass, so a long text of short lines costs no more than its length."""
        positions: dict[str, int] = {}
        for position, (line, following) in enumerate(zip(self.lines, self.lines[1:], strict=False)):
            if _is_short_line(line.text) and word_count(following.text) > word_count(line.text):
                positions[fold(line.text)] = position
        return positions

    def _take_title(self) -> str:
        header: list[SourceLine] = []
        for line in self.lines:
            if not any(char.isalpha() for char in line.text):
                continue  # "***", "…": decoration, never a title
            if not _is_short_line(line.text) and not _is_quoted(line.text):
                break
            if _is_quoted(line.text) and word_count(line.text) > _TITLE_MAX_WORDS:
                break
            header.append(line)
        if header:
            return self._pick_title(header)
        return self._derive_title()

    def _pick_title(self, header: list[SourceLine]) -> str:
        """The last short line before the text is the title; the ones before it are a
        kicker (site name, section or category label) or the title's own short form. A last
        line of one or two words under a longer one is a section heading ("Introducción"),
        and one of up to four under a line twice as long is a button or a label the rules
        do not know ("Guardar artículo", "Escuchar la nota"): then the longest line above it
        is the title."""
        chosen = header[-1]
        earlier = header[:-1]
        if _is_label_under(chosen.text, earlier):
            chosen = max(earlier, key=lambda line: (len(_strip_quotes(line.text)), -line.no))
        elif earlier and _is_deck(chosen.text, earlier[-1].text):
            # Title, then the subtitle that sums the article up: the subtitle is its
            # description, as the page meant it.
            deck, chosen = chosen, earlier[-1]
            self.description = _strip_quotes(deck.text)
            self.remove(deck, "entradilla", "subtítulo bajo el título: pasa al campo description")
            self.derived.append(
                Derivation("description", self.description, "subtítulo bajo el título")
            )
        for line in header[: header.index(chosen)]:
            if fold(chosen.text).startswith(fold(line.text).rstrip(" .")):
                self.remove(line, "titulo-corto", "forma corta del título, repetida")
            else:
                self.categories.append(line.text)
                self.remove(line, "antetitulo", "rótulo de sección o categoría sobre el título")
        for line in header[header.index(chosen) + 1 :]:
            if fold(line.text) == fold(chosen.text):  # help centres print the title twice
                self.remove(line, "titulo-corto", "el título, repetido")
        title = _strip_quotes(chosen.text)
        self.removals.append(Removal(chosen.no, chosen.text, "titulo", "pasa al campo title"))
        self.lines.remove(chosen)
        return title

    def _derive_title(self) -> str:
        if not self.lines:
            self.warnings.append("el artículo no tiene texto después de limpiarlo")
            return "Artículo sin título"
        first = self.lines[0].text
        sentence = re.split(r"(?<=[.!?…])\s", first, maxsplit=1)[0].rstrip(".…")
        head = sentence.split(",", 1)[0]
        # A title reads best as the sentence's first clause, when that clause says something.
        if word_count(sentence) > _TITLE_CLAUSE_WORDS and word_count(head) >= 4:
            sentence = head
        words = sentence.split()
        if len(words) > _DERIVED_TITLE_WORDS:
            sentence = " ".join(words[:_DERIVED_TITLE_WORDS]) + "…"
        title = _strip_quotes(sentence)
        title = title[:1].upper() + title[1:]
        if not any(char.isalpha() for char in title):
            self.warnings.append("no se encontró un título: ponle uno en el campo title")
            return "Artículo sin título"
        self.derived.append(
            Derivation("title", title, "el texto no trae título: primera frase del artículo")
        )
        return title


def extract_metadata(lines: list[SourceLine], hints: dict[str, str]) -> Metadata:
    """Find the title, date, authors and source of a cleaned article; return what is left."""
    return _Extractor(lines, hints).run()
