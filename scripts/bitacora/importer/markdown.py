"""Markdown articles with front matter: validated and normalised, not re-derived.

Input: a decoded `RawSource` holding Markdown, with or without a front matter block: YAML
between `---` lines (MkDocs, Jekyll) or TOML between `+++` lines (Hugo).
Output: an `Article` that keeps every value the author gave (title, date, authors, tags…);
only what is missing is worked out later, the same way as for other formats. Markdown that
came from elsewhere is made safe: raw HTML tags and event-handler attributes are escaped so
they render as text, never as markup; another generator's shortcodes and template tags are
removed, and phone numbers and e-mail addresses redacted, each one reported.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from bitacora.errors import BitacoraError, BitacoraErrors
from bitacora.importer.article import Article
from bitacora.importer.clean import PROSE_WORDS, leaves_the_article, prose_words
from bitacora.importer.dates import find_spanish_date
from bitacora.importer.people import AuthorInfo, looks_like_name, person_name_case
from bitacora.importer.privacy import redacted_line
from bitacora.importer.read import RawSource
from bitacora.importer.rules import NoiseRules
from bitacora.importer.structure import EXCERPT_MARKER
from bitacora.model import Derivation, Removal
from bitacora.posts import FRONT_MATTER_KEYS, MATERIAL_KEYS, parse_date, parse_front_matter

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - the same parser, as a package, before Python 3.11
    import tomli as tomllib

__all__ = ["neutralise_html", "parse_markdown_article", "without_missing_links"]

_FENCE = re.compile(r"^\s*(```|~~~)")
_CODE_SPAN = re.compile(r"(`+)(.+?)\1")
_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")
# attr_list would turn `{: onclick="…"}` into an attribute of the element before it.
_EVENT_ATTRIBUTE = re.compile(r"((?<!\\)\{[^}\n]*?)\bon\w+\s*=\s*(\"[^\"]*\"|'[^']*'|\S+)", re.I)
# Link targets that run code when clicked: from an imported file, they become "#". An
# escaped bracket ("\\](") is text, not a link, and stays as it is.
_UNSAFE_LINK = re.compile(
    r"((?<!\\)\]\(\s*<?|^ {0,3}\[[^\]]+\]:\s*<?)\s*(?:javascript|vbscript|data)\s*:"
    r"[^\s>()]*(?:\([^)]*\))?[^\s>)]*",
    re.I | re.M,
)
_H1 = re.compile(r"^#\s+(.+?)\s*#*\s*$")
_TOML_FRONT = re.compile(r"\A\+\+\+[ \t]*\n(?P<toml>.*?)\n\+\+\+[ \t]*(?:\n|\Z)", re.DOTALL)
_TOML_LINE = re.compile(r"at line (\d+)")
# Another generator's markup that means nothing here ({{< figure … >}}, {% include … %}).
_FOREIGN_RULES = ("shortcode", "plantilla")
# A line that is Markdown structure (heading, list, quote, table, image, link line, HTML):
# the author wrote it so. Noise rules look only at plain paragraphs, where a platform's
# export leaves its buttons ("Share", "Subscribe", "Type your email…").
_STRUCTURE = re.compile(r"^\s*(#|>|[-*+]\s|\d+[.)]\s|\||!?\[|<|`)")
_HEADING_MARKS = re.compile(r"^\s*#{1,6}\s+")
# Other generators' names for the fields this site reads (Jekyll, Hugo, Substack, Ghost…).
_ALIASES = {
    "source": ("canonical_url", "canonical", "original_url", "original", "url", "link"),
    "description": ("subtitle", "summary", "excerpt", "lead"),
    "updated": ("lastmod", "last_modified", "modified", "updated_at"),
    "date": ("published", "published_at", "pubdate", "pubDate", "publish_date"),
    "tags": ("keywords", "labels"),
    "categories": ("category",),
}


def _toml_front_matter(raw: RawSource) -> tuple[dict[str, Any], str, int] | None:
    """Hugo's `+++` front matter: (values, body, line where the body starts), or None."""
    text = raw.text.lstrip("\ufeff").replace("\r\n", "\n")
    match = _TOML_FRONT.match(text)
    if match is None:
        return None
    try:
        data = tomllib.loads(match.group("toml"))
    except tomllib.TOMLDecodeError as error:
        line = _TOML_LINE.search(str(error))
        raise BitacoraError(
            raw.path,
            int(line.group(1)) + 1 if line else 1,
            f"los metadatos TOML (entre líneas «+++») no son válidos ({error})",
            "revisa comillas, corchetes y el signo «=» de cada campo",
        ) from None
    return data, text[match.end() :], text[: match.end()].count("\n") + 1


# An image embedded in the file itself (Google Docs exports them so): its bytes as text, often
# kilobytes of base64, that no page should carry. Its definition and its uses leave.
_DATA_IMAGE_DEFINITION = re.compile(r"^\s*\[(?P<label>[^\]]+)\]:\s*<?data:", re.I)
_DATA_IMAGE_INLINE = re.compile(r"!\[(?P<alt>[^\]]*)\]\(\s*<?data:[^)]*\)", re.I)


# Notion's callouts: `<aside>`, an emoji, maybe a bold label, the text, `</aside>`.
_ASIDE = re.compile(r"^<aside>[ \t]*\n(?P<inner>.*?)\n?[ \t]*</aside>[ \t]*$", re.M | re.S)
_CALLOUT_LABEL = re.compile(r"^\*\*(?P<label>[^*\n]{1,40}?):?\*\*:?\s*")
_WARNING_ICONS = ("⚠", "❗", "❌", "🚨", "⛔")
_TIP_ICONS = ("💡", "✅", "✨", "👉")
# A Markdown link or image whose target is a path, not an address: `[t](otra%20página.md)`.
_MD_LINK = re.compile(
    r"(?<!\\)(?P<image>!?)\[(?P<text>(?:[^\[\]\\]|\\.)*)\]"
    r"\(\s*<?(?P<target>[^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)"
)
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def _callout(inner: str) -> str:
    """A callout's text as an admonition: a warning sign makes it a warning, a bulb a tip;
    its bold label, if any, its title."""
    text = inner.strip()
    kind, title = "note", "Nota"
    if text.startswith(_WARNING_ICONS):
        kind, title = "warning", "Atención"
    elif text.startswith(_TIP_ICONS):
        kind, title = "tip", "Consejo"
    text = re.sub(r"^[^\w*_\[(¿¡\"«]+", "", text)  # the icon and its spaces
    label = _CALLOUT_LABEL.match(text)
    if label is not None:
        title, text = label.group("label").strip(), text[label.end() :]
        text = text[:1].upper() + text[1:]
    body = "\n".join(f"    {line}" if line.strip() else "" for line in text.split("\n"))
    return f'!!! {kind} "{title}"\n\n{body}'


# dev.to and Jekyll (Liquid): an embedded page or video, a collapsible block.
_LIQUID_EMBED = re.compile(
    r"^\{%[ \t]*(?:embed|link|youtube|vimeo|twitter|tweet)[ \t]+(?P<target>\S+?)[ \t]*%\}[ \t]*$",
    re.M,
)
_LIQUID_DETAILS = re.compile(
    r"^\{%\s*details\s+(?P<title>[^%\n]+?)\s*%\}[ \t]*\n"
    r"(?P<inner>.*?)^\{%\s*enddetails\s*%\}[ \t]*$",
    re.M | re.S,
)


def _liquid_as_markdown(body: str) -> str:
    """Liquid tags that carry content, as Markdown: an embed becomes a link to what it
    showed (a reader can still open it; the page asks no other site for anything), a
    `details` block a collapsible note. Line for line, so the report's lines still match."""

    def embed(match: re.Match[str]) -> str:
        target = match.group("target").strip("'\"")
        if not target.startswith(("http://", "https://")):
            return match.group(0)  # an id without its site: the shortcode rule reports it
        return f"[{target}]({target})"

    def details(match: re.Match[str]) -> str:
        inner = "\n".join(
            f"    {line}" if line.strip() else "" for line in match.group("inner").split("\n")
        )
        title = match.group("title").strip().replace('"', "'")
        return f'??? note "{title}"\n{inner}'

    return _LIQUID_DETAILS.sub(details, _LIQUID_EMBED.sub(embed, body))


def _callouts_as_notes(body: str) -> str:
    return _ASIDE.sub(lambda match: _callout(match.group("inner")), body)


def without_missing_links(body: str, post_dir: Path, docs_dir: Path) -> tuple[str, list[str]]:
    """The body without links to files the site does not have: an export links its
    neighbours (`[Plantilla](Plantilla%20NPS%206b2f.md)`), which are not imported with it.
    A link keeps its text; an image goes. Returns the warnings, one for each."""
    lines = body.split("\n")
    code = _code_lines(lines)
    warnings: list[str] = []
    docs = docs_dir.resolve()

    def resolve(match: re.Match[str]) -> str:
        target = match.group("target")
        if _SCHEME.match(target) or target.startswith(("/", "#")):
            return match.group(0)
        path = unquote(target.split("#", 1)[0].split("?", 1)[0])
        if not Path(path).suffix:
            return match.group(0)  # "../acerca/" is an address: MkDocs leaves it alone
        found = (post_dir / path).resolve()
        if found.exists() and found.is_relative_to(docs):
            return match.group(0)
        if match.group("image"):
            warnings.append(f"imagen no incluida (su archivo no viene con el artículo): {target}")
            return ""
        warnings.append(
            f"enlace a «{path}», que no viene con el artículo: queda su texto, sin enlace"
        )
        return match.group("text")

    for index, line in enumerate(lines):
        if index not in code and "](" in line:
            lines[index] = _MD_LINK.sub(resolve, line)
    return "\n".join(lines), warnings


def _code_lines(lines: list[str]) -> set[int]:
    """Indexes of the lines of fenced code blocks, fences included: a code block shows what
    it shows, so no cleaning step touches them."""
    code: set[int] = set()
    inside = False
    for index, line in enumerate(lines):
        if _FENCE.match(line):
            inside = not inside
            code.add(index)
        elif inside:
            code.add(index)
    return code


def _without_data_images(lines: list[str], first_line: int) -> list[Removal]:
    """Take embedded (data:) images out of the lines, in place; one report for each."""
    labels = {m.group("label") for line in lines if (m := _DATA_IMAGE_DEFINITION.match(line))}
    uses = [re.compile(r"!\[(?P<alt>[^\]]*)\]\[" + re.escape(label) + r"\]") for label in labels]
    removals: list[Removal] = []
    code = _code_lines(lines)
    for position, line in enumerate(lines):
        if position in code:
            continue
        if _DATA_IMAGE_DEFINITION.match(line):
            lines[position] = ""
            continue
        for pattern in (_DATA_IMAGE_INLINE, *uses):
            for match in pattern.finditer(line):
                alt = match.group("alt").strip() or "sin texto alternativo"
                removals.append(
                    Removal(
                        first_line + position,
                        f"Imagen: {alt}",
                        "imagen-incrustada",
                        "imagen guardada dentro del archivo (data:), no se publica",
                    )
                )
            line = pattern.sub("", line)
        lines[position] = line
    return removals


_COMMENT = re.compile(r"<!--(?!\s*more\s*-->).*?-->", re.S)


def _without_comments(body: str, first_line: int) -> tuple[str, list[Removal]]:
    """HTML comments out (an author's private notes: escaped, they would show on the page),
    each reported; the excerpt marker and code blocks stay. Lines keep their numbers."""
    code = _code_lines(body.split("\n"))
    removals: list[Removal] = []

    def drop(match: re.Match[str]) -> str:
        index = body.count("\n", 0, match.start())
        if index in code:
            return match.group(0)
        line = first_line + index
        text = " ".join(match.group(0).split())[:300]
        removals.append(
            Removal(line, text, "comentario", "comentario HTML del archivo, no se publica")
        )
        return "\n" * match.group(0).count("\n")

    return _COMMENT.sub(drop, body), removals


def _clean_body(body: str, first_line: int, rules: NoiseRules) -> tuple[str, list[Removal]]:
    """Foreign shortcodes out, personal data redacted; code blocks left as written."""
    kept: list[str] = []
    body, removals = _without_comments(body, first_line)
    lines = body.split("\n")
    removals += _without_data_images(lines, first_line)
    code = _code_lines(lines)
    prose_before = 0
    for position, line in enumerate(lines):
        number = first_line + position
        if position in code:
            kept.append(line)
            continue
        if not line.strip():
            if not (kept and not kept[-1].strip()):  # one blank line where a line was removed
                kept.append(line)
            continue
        text = line.strip()
        cut = rules.cut_rule_for(_HEADING_MARKS.sub("", text)) if prose_before else None
        if cut is not None and leaves_the_article(prose_before, lines[position + 1 :]):
            # The platform's trailing block: like a copied page's, reported line by line.
            for offset, rest in enumerate(lines[position:]):
                if rest.strip():
                    removals.append(Removal(number + offset, rest.strip(), cut.id, cut.reason))
            break
        rule = rules.line_rule_for(text)
        if rule is not None and (rule.id in _FOREIGN_RULES or not _STRUCTURE.match(line)):
            removals.append(Removal(number, text, rule.id, rule.reason))
            continue
        prose_before += prose_words(line)
        redacted, taken = redacted_line(number, line)
        removals += taken
        if redacted:
            kept.append(redacted)
    return "\n".join(kept), removals


_BOLD_LABEL = re.compile(r"\*\*[^*]+\*\*")
_BOLD_LABEL_WORDS = 8
_LABEL_LINE = re.compile(r"(?P<label>[^:]{2,40}?)\s*:\s*(?P<value>\S.{0,80})")
_LINK_LINE = re.compile(r"\[[^\]]+\]\(https?://[^)\s]+\)")  # the publication's home page
_SUBTITLE = re.compile(r"^#{2,3}\s+(?P<text>.+?)\s*#*$")
_BYLINE_SCAN = 8
# Notion exports a page's properties under its title, one "Label: value" line each.
_PROPERTY_LABEL_WORDS = 3
_PROPERTY_VALUE_WORDS = 12
_PROPERTIES_MIN = 2
_UPDATED_LABEL = re.compile(
    r"([uú]ltima (edici[oó]n|actualizaci[oó]n|modificaci[oó]n)|actualizad[oa]( el)?|"
    r"modificad[oa]( el)?|last edited( time)?|updated)",
    re.I,
)
_SUBTITLE_MIN_WORDS = 6


def _labelled(text: str, rules: NoiseRules) -> tuple[str | None, str] | None:
    """(kind, value) for a line like "Responsable: Natalia Ferrer": kind is one of the noise
    rules' label kinds (author, date, tags, categories…), "updated", or None for a label
    nobody reads ("Estado: Publicado"); None when the line is no "Label: value"."""
    match = _LABEL_LINE.fullmatch(text)
    if match is None:
        return None
    label, value = match.group("label").strip("*_ "), match.group("value").strip("*_ ")
    if _UPDATED_LABEL.fullmatch(label):
        return "updated", value
    rule = rules.label_for(label)
    return (rule.kind if rule else None), value


def _is_property(text: str) -> bool:
    """A document property as Notion and other editors export them ("Estado: Publicado"):
    a label of up to three words, a short value."""
    match = _LABEL_LINE.fullmatch(text)
    return (
        match is not None
        and len(match.group("label").split()) <= _PROPERTY_LABEL_WORDS
        and len(match.group("value").split()) <= _PROPERTY_VALUE_WORDS
        and not match.group("label").strip().startswith(("#", "-", "*", ">", "|", "["))
    )


def _property_lines(lines: list[str]) -> set[int]:
    """Indexes of the run of property lines at the top of the text (two or more in a row,
    before any other text), as Notion exports them under the title."""
    run: list[int] = []
    for index, line in enumerate(lines):
        text = line.strip()
        if not text:
            if run:
                break
            continue
        if not _is_property(text):
            break
        run.append(index)
    return set(run) if len(run) >= _PROPERTIES_MIN else set()


def _take_property(
    kind: str | None, value: str, data: dict[str, Any], derived: list[Derivation]
) -> None:
    """What a property says that the front matter does not: tags, categories, update date."""
    if kind in ("tags", "categories") and not data.get(kind):
        data[kind] = [item.strip() for item in re.split(r"[,;|·]", value) if item.strip()]
        derived.append(Derivation(kind, ", ".join(data[kind]), f"propiedad «{value}»"))
    elif kind == "updated" and not data.get("updated"):
        found = find_spanish_date(value)
        if found is not None:
            data["updated"] = found.date
            derived.append(Derivation("updated", found.date.isoformat(), f"propiedad «{value}»"))


def _take_byline(
    body: str, first_line: int, data: dict[str, Any], derived: list[Derivation], rules: NoiseRules
) -> tuple[str, list[Removal]]:
    """An export's header above the text (Substack, Ghost): the subtitle, the publication's
    link, the author's name and the date, each on its own line. What the front matter does
    not say is taken from them (into `data`); all of them leave the body, reported."""
    lines = body.split("\n")
    removals: list[Removal] = []
    if all(data.get(key) for key in ("date", "description")) and (
        data.get("authors") or data.get("author")
    ):
        return body, removals  # a complete post (one of this site's, say): its text is text
    properties = _property_lines(lines)
    seen = 0
    for index, line in enumerate(lines):
        text = line.strip()
        if not text:
            continue
        seen += 1
        if (seen > _BYLINE_SCAN and index not in properties) or len(text.split()) >= PROSE_WORDS:
            break
        number = first_line + index
        subtitle = _SUBTITLE.match(text)
        labelled = _labelled(text, rules)
        if labelled is not None:  # "Última revisión: 9 de abril de 2024", "Responsable: …"
            kind, value = labelled
            if kind in ("author", "date"):
                text = value
            elif index in properties:
                _take_property(kind, value, data, derived)
                removals.append(
                    Removal(number, text, "metadatos", "propiedad del documento exportado")
                )
                lines[index] = ""
                continue
        found = find_spanish_date(text)
        # A subtitle is a sentence ("Por qué las empresas que más reclamos…"); a first
        # section's heading ("## Introducción") is a few words, and stays.
        is_subtitle = subtitle is not None and len(text.split()) >= _SUBTITLE_MIN_WORDS
        if seen == 1 and is_subtitle and subtitle and not data.get("description"):
            data["description"] = subtitle.group("text")
            derived.append(Derivation("description", data["description"], "subtítulo del texto"))
            removals.append(Removal(number, text, "entradilla", "subtítulo: pasa a description"))
        elif _LINK_LINE.fullmatch(text):
            removals.append(Removal(number, text, "antetitulo", "enlace a la publicación"))
        elif _BOLD_LABEL.fullmatch(text) and len(text.split()) <= _BOLD_LABEL_WORDS:
            # "**Equipo de Calidad – Atención al Cliente**": the document's kicker.
            removals.append(Removal(number, text, "antetitulo", "rótulo sobre el texto"))
        elif found is not None and not found.before and not found.after:
            data.setdefault("date", found.date)
            removals.append(Removal(number, line.strip(), "fecha", "línea de fecha"))
        elif looks_like_name(text, strict=True) and not (data.get("authors") or data.get("author")):
            data["authors"] = [text]
            derived.append(Derivation("authors", text, f"línea con el nombre del autor «{text}»"))
            removals.append(
                Removal(number, line.strip(), "firma", "nombre del autor bajo el título")
            )
        else:
            continue
        lines[index] = ""
    return "\n".join(lines), removals


_DATE_TARGETS = ("date", "updated")
# Time and zone after a date, as exporters write them: "2024-02-19 09:30 +0000", "…T09:30Z".
_TIME_AND_ZONE = re.compile(
    r"^(\d{4}-\d{2}-\d{2})[T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?$"
)


def _front_date(value: Any, path: Path | str, line: int, key: str = "date") -> dt.date:
    """A date from another generator's front matter: what `parse_date` reads, and also a
    date followed by a time and a zone, which this site's own posts do not use."""
    if isinstance(value, str):
        timed = _TIME_AND_ZONE.match(value.strip())
        if timed is not None:
            value = timed.group(1)
    return parse_date(value, path, line, key)


def _with_aliases(data: dict[str, Any]) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """The front matter with other generators' field names read as this site's, and what
    became of each renamed or unknown field (for the report)."""
    known = set(FRONT_MATTER_KEYS) | set(MATERIAL_KEYS) | {"author"}
    values = {key: value for key, value in data.items() if key in known and value not in (None, "")}
    notes: list[tuple[str, str]] = []
    for target, names in _ALIASES.items():
        for name in names:
            if data.get(name) in (None, "", []):
                continue
            if target in _DATE_TARGETS and not isinstance(data[name], str | dt.date):
                # dev.to's `published: true` says the post is out, not when.
                notes.append((name, f"no es una fecha ({data[name]!r}): no se copia"))
                continue
            if target in values:
                notes.append((name, f"ya hay «{target}»: no se copia"))
            else:
                values[target] = data[name]
                notes.append((name, f"pasa a «{target}»"))
    aliases = {name for names in _ALIASES.values() for name in names}
    for key in data:
        if key not in known and key not in aliases:
            notes.append((key, "campo que este sitio no usa: no se copia"))
        elif key in known and data[key] in (None, ""):
            notes.append((key, "vacío: no se copia"))
    return values, notes


def _escape_outside_code(line: str) -> str:
    pieces = []
    last = 0
    for span in _CODE_SPAN.finditer(line):
        pieces.append(_TAG_START.sub("&lt;", line[last : span.start()]))
        pieces.append(span.group(0))
        last = span.end()
    pieces.append(_TAG_START.sub("&lt;", line[last:]))
    return _UNSAFE_LINK.sub(r"\1#", _EVENT_ATTRIBUTE.sub(r"\1", "".join(pieces)))


def neutralise_html(markdown: str) -> str:
    """Escape raw HTML tags outside code, keep the excerpt marker, drop on*= attributes."""
    lines = markdown.split("\n")
    code = _code_lines(lines)
    return "\n".join(
        line if index in code or line.strip() == EXCERPT_MARKER else _escape_outside_code(line)
        for index, line in enumerate(lines)
    )


def _strings(value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    # "nps, csat, métricas": Jekyll and many exports write a list as one comma string.
    items = value if isinstance(value, list) else str(value).split(",")
    return tuple(str(item).strip() for item in items if str(item).strip())


def parse_markdown_article(raw: RawSource, rules: NoiseRules) -> Article:
    """Turn a Markdown file (front matter optional) into an article."""
    has_front = raw.text.lstrip("\ufeff").startswith("---")
    toml = None if has_front else _toml_front_matter(raw)
    body_line = 1
    if has_front:
        try:
            front = parse_front_matter(raw.text, raw.path)
        except BitacoraErrors as errors:
            raise errors.errors[0] from None
        data, body, body_line = front.data, front.body, front.body_line
    elif toml is not None:
        data, body, body_line = toml
    else:
        data, body = {}, raw.text
    data, renamed = _with_aliases(data)
    derived: list[Derivation] = []
    title = str(data.get("title") or "").strip()
    lines = body.strip("\n").split("\n")
    heading = _H1.match(lines[0]) if lines else None
    if heading is not None:  # "# Título" on the first line is the title, not a body heading
        title = title or heading.group(1).strip()
        body_line += len(body) - len(body.lstrip("\n")) + 1  # the body now starts below it
        body = "\n".join(lines[1:])
        derived.append(Derivation("title", title, "primer encabezado # del archivo"))
    if not title:
        raise BitacoraError(
            raw.path,
            1,
            "el archivo no tiene título",
            "añade «title:» a los metadatos o empieza el texto con «# Título»",
        )
    date = None
    if data.get("date") is not None:
        date = _front_date(data["date"], raw.path, front.line_of("date") if has_front else 1)
    body, removals = _clean_body(_liquid_as_markdown(body), body_line, rules)
    body, byline = _take_byline(body, body_line, data, derived, rules)
    removals += byline
    if date is None and data.get("date") is not None:
        date = _front_date(data["date"], raw.path, 1)
    removals += [
        Removal(front.line_of(key) if has_front else 1, f"{key}:", "metadatos", reason)
        for key, reason in renamed
    ]
    body = neutralise_html(_callouts_as_notes(body.strip("\n")))
    if EXCERPT_MARKER not in body:
        first, sep, rest = body.partition("\n\n")
        body = f"{first}\n\n{EXCERPT_MARKER}\n\n{rest}" if sep else f"{first}\n\n{EXCERPT_MARKER}"
    # Authors may be written as names ("Ana Gómez") or as .authors.yml keys ("ana-gomez").
    # Jekyll and Hugo write one `author:`; MkDocs' blog a list of `authors:`.
    names = _strings(data.get("authors")) or _strings(data.get("author"))
    authors = [
        AuthorInfo(person_name_case(name.replace("-", " ") if " " not in name else name))
        for name in names
    ]
    known = {
        "title",
        "date",
        "authors",
        "author",
        "categories",
        "tags",
        "description",
        "source",
        "slug",
        "updated",
    }
    extra = {key: value for key, value in data.items() if key not in known}
    updated = None
    if data.get("updated") is not None:  # kept when later than the publication (finish_post)
        line = front.line_of("updated") if has_front else 1
        updated = _front_date(data["updated"], raw.path, line, "updated")
    return Article(
        title=title,
        body=body + "\n",
        date=date,
        authors=authors,
        source=str(data["source"]).strip() if data.get("source") else None,
        categories=_strings(data.get("categories")),
        categories_declared=True,
        tags=_strings(data.get("tags")),
        description=str(data.get("description") or "").strip(),
        removals=removals,
        derived=derived,
        extra=extra,
        slug=str(data["slug"]).strip() or None if data.get("slug") else None,
        updated=updated,
    )
