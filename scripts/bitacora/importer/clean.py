"""Clean stage: raw lines → article lines, with every removed line reported.

Input: the raw text and the noise rules (`rules/noise.yml`). Output: `Cleaned`, the kept
lines with their original line numbers, the `Removal`s, and metadata the page's own labels
gave away ("Fecha" / "7 de diciembre de 2022"). Rules are data; this module only knows the
shapes of noise: single lines, labels with or without a value, and trailing blocks.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from bitacora.importer.rules import LabelRule, NoiseRules
from bitacora.importer.unwrap import unwrap_hard_breaks
from bitacora.model import Removal

__all__ = [
    "PROSE_WORDS",
    "Cleaned",
    "SourceLine",
    "clean_lines",
    "leaves_the_article",
    "prose_words",
    "word_count",
]

# Invisible characters pages sprinkle between blocks; a line made only of them is layout.
_INVISIBLE = "\u00a0\u200b\u200c\u200d\u2060\ufeff\t\u3000\u202f\u2007"
# Breadcrumb arrows too: crumbs copied one per line leave their separators alone on a line.
_SEPARATORS_ONLY = re.compile(r"[\s,;|·•/\-–—»›>]+")
_LABEL_WITH_VALUE = re.compile(r"(?P<label>[^:]{2,40}?)\s*:\s*(?P<value>.+)")
_DATE_HINT = re.compile(
    r"\d{1,4}|enero|febrero|marzo|abril|mayo|junio|julio|agosto|sept?iembre|"
    r"octubre|noviembre|diciembre",
    re.IGNORECASE,
)
_NAME = re.compile(
    r"[A-ZÁÉÍÓÚÑ][\w'’.-]+(\s+(de|del|la|las|los|y|van|von|da|do)?\s*[\w'’.-]+){0,5}"
)
# A line of nothing but hashtags (LinkedIn, Instagram): the post's own tags.
_HASHTAGS = re.compile(r"(?:#[^\W\d_][\w]*\s*){1,20}")
# The words of a CamelCase hashtag: capitals alone are an acronym ("CX", "NPS").
_HASHTAG_WORD = re.compile(r"[A-ZÁÉÍÓÚÑ]+(?![a-záéíóúñü])|[A-ZÁÉÍÓÚÑ]?[a-záéíóúñü]+|\d+")
# An article has started once a line reads like prose, not like page chrome.
PROSE_WORDS = 15
_CAPTION_MAX_WORDS = 8


@dataclass(frozen=True)
class SourceLine:
    no: int  # 1-based line number in the raw source
    text: str


@dataclass
class Cleaned:
    lines: list[SourceLine]
    removals: list[Removal]
    hints: dict[str, str] = field(default_factory=dict)  # author/date/tags/categories from labels


def word_count(text: str) -> int:
    return len(text.split())


def hashtag_words(tag: str) -> str:
    """ "#ServicioAlCliente" → "servicio al cliente"; "#CX" → "cx"."""
    words = _HASHTAG_WORD.findall(tag.lstrip("#"))
    return " ".join(words).lower() if words else tag.lstrip("#").lower()


# A site's menu copied as one line: its entries apart by two spaces or a tab ("Admisión
# Pregrado  Posgrado  Investigación"), each of one to three words, none a sentence.
_MENU_GAP = re.compile(r" {2,}|\t+")
_MENU_MIN_ENTRIES = 3
_MENU_ENTRY_WORDS = 3


def _is_menu_row(raw: str) -> bool:
    entries = [entry for entry in _MENU_GAP.split(raw.strip()) if entry]
    return len(entries) >= _MENU_MIN_ENTRIES and all(
        len(entry.split()) <= _MENU_ENTRY_WORDS and entry[-1] not in ".,;:!?…" for entry in entries
    )


def _normalise(text: str) -> str:
    for char in _INVISIBLE:
        text = text.replace(char, " ")
    return re.sub(r" {2,}", " ", text).strip()


def _is_label_value(kind: str, value: str, rules: NoiseRules) -> bool:
    """Whether the line after a label is that label's value, not the next label or prose."""
    if not value or _SEPARATORS_ONLY.fullmatch(value) or rules.label_for(value):
        return False
    words = word_count(value)
    if kind == "author":
        return words <= 6 and _NAME.fullmatch(value) is not None and not value.endswith(".")
    if kind == "date":
        return words <= 8 and _DATE_HINT.search(value) is not None
    if kind in ("tags", "categories"):
        items = [item.strip() for item in re.split(r"[,;|·•]", value) if item.strip()]
        return bool(items) and all(word_count(item) <= 4 for item in items) and words <= 30
    return re.fullmatch(r"\(?\d+\)?", value) is not None  # a comment counter


def _is_list_value(line: SourceLine) -> bool:
    return word_count(line.text) <= 4 and line.text[-1] not in ".:;!?…"


def _is_headline(line: SourceLine) -> bool:
    """A linked headline: a short line that does not end like a sentence."""
    return 3 <= word_count(line.text) <= 20 and line.text[-1] not in ".:;…"


def _first_prose_index(lines: list[SourceLine]) -> int:
    return next(
        (i for i, line in enumerate(lines) if word_count(line.text) >= PROSE_WORDS), len(lines)
    )


def prose_words(text: str) -> int:
    """Words of a line that reads as prose (menus, link lists and labels count nothing)."""
    count = word_count(text)
    return count if count >= PROSE_WORDS else 0


def leaves_the_article(prose_before: int, after: Iterable[str]) -> bool:
    """Whether cutting at a trailing-block line leaves the article before it: a trailing
    block (related posts, comments, footer) holds less prose than twice the text it follows.
    A comment counter above the text ("Comentarios (127)" under a news headline) does not."""
    return sum(map(prose_words, after)) <= 2 * prose_before


def _split_glued_caption(line: SourceLine, rules: NoiseRules) -> tuple[str, str] | None:
    """'Dilbert ITEl servicio…' → ('Dilbert IT', 'El servicio…') when a caption is glued on."""
    for match in re.finditer(r"(?<=[\w.)\]])([A-ZÁÉÍÓÚÑ¿¡][a-záéíóúñ]*)\b", line.text):
        caption, rest = line.text[: match.start()], line.text[match.start() :]
        if word_count(caption) > _CAPTION_MAX_WORDS:
            return None
        if match.group(1) in rules.caption_glue and not caption.endswith(" "):
            return caption.strip(), rest
    return None


class _Cleaner:
    def __init__(self, lines: list[SourceLine], rules: NoiseRules) -> None:
        self.lines = lines
        self.rules = rules
        self.kept: list[SourceLine] = []
        self.removals: list[Removal] = []
        self.hints: dict[str, str] = {}

    def remove(self, line: SourceLine, rule: str, reason: str) -> None:
        self.removals.append(Removal(line=line.no, text=line.text, rule=rule, reason=reason))

    def run(self) -> Cleaned:
        prose_start = _first_prose_index(self.lines)
        index = 0
        while index < len(self.lines):
            line = self.lines[index]
            cut = self.rules.cut_rule_for(line.text) if index > prose_start else None
            if cut is not None and leaves_the_article(
                sum(prose_words(kept.text) for kept in self.kept),
                (rest.text for rest in self.lines[index + 1 :]),
            ):
                self.remove(line, cut.id, cut.reason)
                for rest in self.lines[index + 1 :]:
                    # The report names what each line was (a footer, a cookie notice, a
                    # comment counter) when a rule knows it; else the block it closes.
                    own = self.rules.cut_rule_for(rest.text) or self.rules.line_rule_for(rest.text)
                    self.remove(rest, (own or cut).id, (own or cut).reason)
                break
            index += self._consume(index, line)
        self._split_caption()
        return Cleaned(self.kept, sorted(self.removals, key=lambda r: r.line), self.hints)

    def _consume(self, index: int, line: SourceLine) -> int:
        """Handle the line at `index`; returns how many lines it used up."""
        label = self.rules.label_for(line.text.rstrip(":").strip())
        if label is not None:
            return self._consume_label(index, line, label)
        inline = _LABEL_WITH_VALUE.fullmatch(line.text)
        if inline is not None:
            label = self.rules.label_for(inline.group("label"))
            value = inline.group("value").strip()
            if label is not None and _is_label_value(label.kind, value, self.rules):
                self._keep_hint(label, value)
                self.remove(line, label.id, f"dato de la página «{inline.group('label')}»")
                return 1
        if _HASHTAGS.fullmatch(line.text):
            self.hints.setdefault("tags", ", ".join(map(hashtag_words, line.text.split())))
            self.remove(line, "hashtags", "etiquetas de red social (pasan a tags)")
            return 1
        if _SEPARATORS_ONLY.fullmatch(line.text):
            self.remove(line, "separadores", "línea de solo comas o separadores (lista vacía)")
            return 1
        box = self.rules.box_rule_for(line.text)
        if box is not None:
            # "Más información" / "El Gobierno aprueba…": a box of links inside the article.
            # Its headlines follow it line after line: a blank line ends the box (what comes
            # after it, "Un historial único", is the article's next section).
            headlines: list[SourceLine] = []
            for candidate in self.lines[index + 1 : index + 4]:
                last = headlines[-1] if headlines else line
                if candidate.no != last.no + 1 or not _is_headline(candidate):
                    break
                headlines.append(candidate)
            for taken in [line, *headlines]:
                self.remove(taken, box.id, box.reason)
            return 1 + len(headlines)
        rule = self.rules.line_rule_for(line.text)
        if rule is not None:
            self.remove(line, rule.id, rule.reason)
            return 1
        self.kept.append(line)
        return 1

    def _consume_label(self, index: int, line: SourceLine, label: LabelRule) -> int:
        following = self.lines[index + 1] if index + 1 < len(self.lines) else None
        if label.kind in ("tags", "categories"):
            # "Archivado en" / "Consumo" / "Bancos": one value per line, as news sites print.
            values = list(
                itertools.takewhile(
                    lambda value: (
                        _is_list_value(value)
                        and self.rules.label_for(value.text.rstrip(":").strip()) is None
                        and self.rules.cut_rule_for(value.text) is None  # "Notas relacionadas"
                        and not _SEPARATORS_ONLY.fullmatch(value.text)
                    ),
                    self.lines[index + 1 :],
                )
            )
            if len(values) > 1:
                self._keep_hint(label, ", ".join(value.text for value in values))
                reason = f"etiqueta «{line.text}» y sus valores"
                for taken in [line, *values]:
                    self.remove(taken, label.id, reason)
                return 1 + len(values)
        if following is not None and _is_label_value(label.kind, following.text, self.rules):
            self._keep_hint(label, following.text)
            reason = f"etiqueta «{line.text}» y su valor"
            self.remove(line, label.id, reason)
            self.remove(following, label.id, reason)
            return 2
        self.remove(line, label.id, f"etiqueta de metadatos vacía «{line.text}»")
        return 1

    def _keep_hint(self, label: LabelRule, value: str) -> None:
        if label.kind != "count":
            self.hints.setdefault(label.kind, value)

    def _split_caption(self) -> None:
        for position, line in enumerate(self.kept):
            if word_count(line.text) < PROSE_WORDS:
                continue
            split = _split_glued_caption(line, self.rules)
            if split is not None:
                caption, rest = split
                self.removals.append(
                    Removal(
                        line.no, caption, "pie-de-imagen", "pie de imagen pegado a la primera frase"
                    )
                )
                self.kept[position] = SourceLine(line.no, rest)
            return


# A transcript's time marks, each on its own line between the lines of speech ("0:04").
_TIMESTAMP_LINE = re.compile(r"\s*\[?\d{1,2}:\d{2}(?::\d{2})?\]?\s*")


def _without_timestamps(
    lines: list[tuple[int, str]],
) -> tuple[list[tuple[int, str]], list[Removal]]:
    """The lines without a transcript's time marks, taken out before the lines of speech are
    joined into paragraphs (a mark between two lines would keep them apart)."""
    kept, removals = [], []
    for number, raw in lines:
        if _TIMESTAMP_LINE.fullmatch(raw):
            removals.append(
                Removal(
                    number,
                    raw.strip(),
                    "marca-de-tiempo",
                    "marca de tiempo de un vídeo o un pódcast",
                )
            )
        else:
            kept.append((number, raw))
    return kept, removals


def clean_lines(text: str, rules: NoiseRules) -> Cleaned:
    """Drop web noise from a raw article, line by line, reporting each removal."""
    lines: list[SourceLine] = []
    raw_lines, stamps = _without_timestamps(list(enumerate(text.split("\n"), start=1)))
    numbered, removals = unwrap_hard_breaks(raw_lines)
    removals += stamps
    for number, raw in numbered:
        if _is_menu_row(raw):
            removals.append(Removal(number, raw.strip(), "navegacion", "menú del sitio"))
            continue
        normalised = _normalise(raw)
        if normalised:
            lines.append(SourceLine(number, normalised))
        elif raw.strip(" \n"):  # only invisible characters: worth a line in the report
            removals.append(Removal(number, raw, "espacio", "línea con solo espacios invisibles"))
    cleaned = _Cleaner(lines, rules).run()
    cleaned.removals = sorted(removals + cleaned.removals, key=lambda r: r.line)
    return cleaned
