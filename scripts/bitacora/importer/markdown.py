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

import re
import sys
from typing import Any

from bitacora.errors import BitacoraError, BitacoraErrors
from bitacora.importer.article import Article
from bitacora.importer.people import AuthorInfo, person_name_case
from bitacora.importer.privacy import redacted_line
from bitacora.importer.read import RawSource
from bitacora.importer.rules import NoiseRules
from bitacora.importer.structure import EXCERPT_MARKER
from bitacora.model import Derivation, Removal
from bitacora.posts import parse_date, parse_front_matter

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - the same parser, as a package, before Python 3.11
    import tomli as tomllib

__all__ = ["parse_markdown_article", "neutralise_html"]

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


def _clean_body(body: str, first_line: int, rules: NoiseRules) -> tuple[str, list[Removal]]:
    """Foreign shortcodes out, personal data redacted; code blocks left as written."""
    kept: list[str] = []
    removals: list[Removal] = []
    in_fence = False
    for number, line in enumerate(body.split("\n"), start=first_line):
        if _FENCE.match(line):
            in_fence = not in_fence
        if in_fence:
            kept.append(line)
            continue
        if not line.strip():
            if not (kept and not kept[-1].strip()):  # one blank line where a line was removed
                kept.append(line)
            continue
        rule = rules.line_rule_for(line.strip())
        if rule is not None and rule.id in _FOREIGN_RULES:
            removals.append(Removal(number, line.strip(), rule.id, rule.reason))
            continue
        redacted, taken = redacted_line(number, line)
        removals += taken
        if redacted:
            kept.append(redacted)
    return "\n".join(kept), removals


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
    out: list[str] = []
    in_fence = False
    for line in markdown.split("\n"):
        if _FENCE.match(line):
            in_fence = not in_fence
            out.append(line)
        elif in_fence or line.strip() == EXCERPT_MARKER:
            out.append(line)
        else:
            out.append(_escape_outside_code(line))
    return "\n".join(out)


def _strings(value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    items = value if isinstance(value, list) else [value]
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
    derived: list[Derivation] = []
    title = str(data.get("title") or "").strip()
    lines = body.strip("\n").split("\n")
    heading = _H1.match(lines[0]) if lines else None
    if heading is not None:  # "# Título" on the first line is the title, not a body heading
        title = title or heading.group(1).strip()
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
        date = parse_date(data["date"], raw.path, front.line_of("date") if has_front else 1)
    body, removals = _clean_body(body, body_line, rules)
    body = neutralise_html(body.strip("\n"))
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
    }
    extra = {key: value for key, value in data.items() if key not in known}
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
    )
