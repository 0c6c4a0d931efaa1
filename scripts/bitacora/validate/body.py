"""Body checks: the excerpt marker, template text left over, images without alt, broken links.

Input: a `PostFile`. Code blocks and spans are blanked first (same offsets), so an example
of Markdown inside code is never taken for a real image or link.
"""

from __future__ import annotations

import difflib
import functools
import html
import posixpath
import re
from bisect import bisect_right
from collections.abc import Iterable
from itertools import accumulate
from pathlib import Path
from urllib.parse import unquote, urlsplit

from markdown.extensions.toc import slugify as markdown_slugify
from pymdownx.slugs import slugify as pymdownx_slugify

from bitacora.validate.context import PostFile, SiteLink, docs_relative

__all__ = ["EXCERPT_MARKER", "SKELETON_LINES", "BodyChecks"]

# Material's default post_excerpt_separator; mkdocs.yml sets post_excerpt: required.
EXCERPT_MARKER = "<!-- more -->"
# The sentences `bitacora new` writes for the author to replace (see authoring.py).
SKELETON_LINES: tuple[str, ...] = (
    "Escribe aquí la entradilla:",
    "Desarrolla aquí la primera idea",
)
_NEAR_MARKER = re.compile(r"<!--\s*more\s*-->", re.I)
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.S)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
_MD_LINK = re.compile(
    r"(!?)\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\(\s*(<[^>]*>|[^\s()]*(?:\([^\s()]*\))?[^\s()]*)"
)
_MD_REF_IMAGE = re.compile(r"!\[(\s*)\]\[[^\]]*\]")
_MD_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.M)
_HTML_TAG = re.compile(r"<(img|a)\b([^>]*)>", re.I | re.S)
_ATTRIBUTE = re.compile(r"""\b([a-z-]+)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""", re.I)
# Attributes and CSS that load a resource when the page opens (not links the reader follows).
_EMBEDDED_URL = re.compile(
    r"(?:\b(?:src|srcset|poster|data)\s*=\s*[\"']?|url\(\s*[\"']?)(?P<urls>(?:https?:)?//[^\"'\s>)]+"
    r"(?:\s+\d+[wx])?(?:\s*,\s*(?:https?:)?//[^\"'\s>)]+(?:\s+\d+[wx])?)*)",
    re.I,
)
_MD_IMAGE_REF = re.compile(r"!\[[^\]]*\]\[([^\]]+)\]")
_MD_DEFINITION_LABELLED = re.compile(
    r"^ {0,3}\[(?P<label>[^\]]+)\]:\s*<?(?P<target>\S+?)>?(?:\s|$)", re.M
)
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def _mask_code(text: str) -> str:
    """Blank fenced code, code spans and HTML comments, keeping every offset and line."""
    lines = text.split("\n")
    fence: str | None = None
    for index, line in enumerate(lines):
        opened = _FENCE.match(line)
        if fence is None and opened:
            fence = opened.group(1)[0] * len(opened.group(1))
            lines[index] = ""
        elif fence is not None:
            if line.strip().startswith(fence) and not line.strip().strip(fence[0]):
                fence = None
            lines[index] = ""
    masked = "\n".join(lines)
    blank = lambda m: re.sub(r"[^\n]", " ", m.group(0))  # noqa: E731
    # Each pattern only where its opening occurs: most posts have no code, and their one
    # comment is the excerpt marker, which stays.
    if "`" in masked:
        masked = _CODE_SPAN.sub(blank, masked)
    if masked.count("<!--") > masked.count(EXCERPT_MARKER):
        masked = _HTML_COMMENT.sub(
            lambda m: blank(m) if m.group(0) != EXCERPT_MARKER else m.group(0), masked
        )
    return masked


# Section ids as the site's `toc` extension writes them (mkdocs.yml: pymdownx's slugify,
# lower case, accents decomposed and dropped), and as Python-Markdown's own default would:
# a link is wrong only when neither has it.
_TOC_SLUGIFY = pymdownx_slugify(case="lower", normalize="NFD")
_ATX_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(?P<text>.+?)[ \t]*#*[ \t]*$")
_HEADING_ID = re.compile(r"\{[^}]*#(?P<id>[\w:.-]+)[^}]*\}\s*$")
_HEADING_ATTRIBUTES = re.compile(r"\s*\{[^}]*\}\s*$")
_INLINE_MARKUP = re.compile(r"!?\[([^\]]*)\]\([^)]*\)|[*_`]+")


@functools.lru_cache(maxsize=1024)
def _page_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def heading_ids(page: str) -> frozenset[str]:
    """The ids a page's headings get (outside code; `{#id}` wins), both slug styles."""
    ids: set[str] = set()
    for line in _mask_code(page).split("\n"):
        heading = _ATX_HEADING.match(line)
        if heading is None:
            continue
        text = heading.group("text")
        explicit = _HEADING_ID.search(text)
        if explicit is not None:
            ids.add(explicit.group("id"))
            continue
        plain = _INLINE_MARKUP.sub(lambda m: m.group(1) or "", _HEADING_ATTRIBUTES.sub("", text))
        plain = html.unescape(plain).replace("\\", "")
        for slug in {_TOC_SLUGIFY(plain, "-"), markdown_slugify(plain, "-")}:
            # A repeated heading's id gets "_1", "_2"… as the toc extension numbers it.
            taken = slug in ids
            ids.add(
                f"{slug}_{sum(1 for i in ids if i.startswith(slug + '_')) + 1}" if taken else slug
            )
    return frozenset(ids)


class _Lines:
    """Offset in the body → line number in the file."""

    def __init__(self, body: str, first_line: int) -> None:
        # Line lengths summed in C, not a Python loop over every character.
        self.starts = list(accumulate((len(line) + 1 for line in body.split("\n")[:-1]), initial=0))
        self.first_line = first_line

    def __call__(self, offset: int) -> int:
        return self.first_line + bisect_right(self.starts, offset) - 1


def _closest_file(wanted: str, files: list[str]) -> str | None:
    """The file whose name is nearest to `wanted`'s, in the nearest folder; None if none is."""
    name = posixpath.basename(wanted)
    names = difflib.get_close_matches(name, {posixpath.basename(f) for f in files}, 5, 0.7)
    similar = [f for f in files if posixpath.basename(f) in names]
    return difflib.get_close_matches(wanted, similar, 1, 0.0)[0] if similar else None


class BodyChecks(PostFile):
    """The body half of a post's checks."""

    def check_body(self) -> None:
        body = self.front.body
        masked = _mask_code(body)
        line_at = _Lines(body, self.front.body_line)
        if EXCERPT_MARKER not in masked:
            near = _NEAR_MARKER.search(body)  # comments are blanked in `masked`
            if near is not None:  # "<!--more-->", "<!-- More -->": Material wants it exactly
                self.error(
                    line_at(near.start()),
                    f"la marca del extracto está escrita «{near.group(0)}»",
                    f"escríbela exactamente «{EXCERPT_MARKER}»",
                )
            else:
                self.error(
                    line_at(len(masked) - len(masked.lstrip())),  # the first line of text
                    f"falta la marca del extracto «{EXCERPT_MARKER}»",
                    "escríbela en su propia línea después del primer párrafo: lo de encima es "
                    "el extracto de las listas del blog",
                )
        for sentence in SKELETON_LINES:
            offset = masked.find(sentence)
            if offset >= 0:
                report = self.notice if self.is_draft else self.error
                report(
                    line_at(offset),
                    "queda texto de la plantilla de «bitacora new»",
                    "sustitúyelo por el texto del artículo",
                )
        # Each pattern scans the body once (and not at all when its opening cannot occur):
        # images and links read the same matches.
        links = list(_MD_LINK.finditer(masked)) if "](" in masked else []
        tags = list(_HTML_TAG.finditer(masked)) if "<" in masked else []
        self._check_images(masked, links, tags, line_at)
        self._check_embedded_resources(masked, line_at)
        self._check_links(masked, links, tags, line_at)

    def _check_images(
        self, masked: str, links: list[re.Match[str]], tags: list[re.Match[str]], line_at: _Lines
    ) -> None:
        fix = "describe la imagen entre los corchetes: ![Qué muestra la imagen](ruta)"
        for match in links:
            if match.group(1) and not match.group(2).strip():
                self.error(line_at(match.start()), "la imagen no tiene texto alternativo", fix)
            if match.group(1):
                self._check_image_host(match.group(3).strip("<>"), line_at(match.start()))
        if "![" in masked:
            for match in _MD_REF_IMAGE.finditer(masked):
                self.error(line_at(match.start()), "la imagen no tiene texto alternativo", fix)
        for match in tags:
            if match.group(1).lower() != "img":
                continue
            attributes = {k.lower(): v.strip("\"'") for k, v in _ATTRIBUTE.findall(match.group(2))}
            self._check_image_host(attributes.get("src", ""), line_at(match.start()))
            if not attributes.get("alt", "").strip():
                self.error(
                    line_at(match.start()),
                    "la imagen <img> no tiene texto alternativo",
                    'añade alt="qué muestra la imagen"',
                )

    def _check_embedded_resources(self, masked: str, line_at: _Lines) -> None:
        """What else makes a reader's browser ask another site for something: an image by
        reference (`![x][foto]` with `[foto]: https://…`), a video, a frame, a `srcset`, a
        CSS `url(…)` in a style."""
        if "//" not in masked:
            return
        if "![" in masked and "]:" in masked:
            used = {label.lower() for label in _MD_IMAGE_REF.findall(masked)}
            for match in _MD_DEFINITION_LABELLED.finditer(masked):
                if match.group("label").lower() in used:
                    self._check_image_host(match.group("target"), line_at(match.start()))
        for match in _EMBEDDED_URL.finditer(masked):
            opening = masked.rfind("<", 0, match.start())
            if masked[opening + 1 : opening + 4].lower() == "img" and "url(" not in match.group(0):
                continue  # an <img>'s src: _check_images has reported it
            for url in match.group("urls").replace(",", " ").split():
                if url.startswith(("http:", "https:", "//")):
                    what = "la imagen" if "url(" in match.group(0) else "el contenido incrustado"
                    self._check_image_host(url.strip("'\""), line_at(match.start()), what)
                    break

    def _check_image_host(self, target: str, line: int, what: str = "la imagen") -> None:
        """An image from another site makes every reader's browser ask that site for it."""
        host = urlsplit(target).hostname if target.startswith(("http:", "https:", "//")) else None
        own = urlsplit(self.ctx.settings.site_url or "").hostname
        if host and host != own:
            self.error(
                line,
                f"{what} se cargaría desde otro sitio ({host}): cada lector haría una "
                "petición a ese servidor",
                "descárgala en docs/assets/ y enlázala con una ruta relativa, o enlázala como "
                "un enlace normal, sin «!»",
            )

    def _targets(
        self, masked: str, links: list[re.Match[str]], tags: list[re.Match[str]]
    ) -> Iterable[tuple[int, str]]:
        for match in links:
            yield match.start(), match.group(3).strip("<>")
        if "]:" in masked:
            for match in _MD_DEFINITION.finditer(masked):
                yield match.start(), match.group(1)
        for match in tags:
            attributes = {k.lower(): v.strip("\"'") for k, v in _ATTRIBUTE.findall(match.group(2))}
            target = attributes.get("src" if match.group(1).lower() == "img" else "href")
            if target:
                yield match.start(), target

    def _check_anchor(self, raw: str, anchor: str, page: str, line: int) -> None:
        """A link to a section: the page must have a heading whose id is `anchor`."""
        ids = heading_ids(page)
        if anchor in ids:
            return
        # The id the author began to write ("#escuchar" for "#escuchar-hasta-el-final"), or
        # the one nearest to it.
        guess = sorted(i for i in ids if i.startswith(anchor)) or difflib.get_close_matches(
            anchor, sorted(ids), 1, 0.6
        )
        self.error(
            line,
            f"el enlace «{raw}» apunta a una sección que no existe (#{anchor})",
            f"¿querías decir «#{guess[0]}»?"
            if guess
            else "enlaza el título de una sección de esa página, escrito como en su dirección",
        )

    def _check_links(
        self, masked: str, links: list[re.Match[str]], tags: list[re.Match[str]], line_at: _Lines
    ) -> None:
        relative = docs_relative(self.path, self.ctx.settings.docs_dir)
        if relative is None:
            return  # a post outside docs/ has no site to link into
        here = posixpath.dirname(relative) or "."
        for offset, raw in sorted(self._targets(masked, links, tags)):
            target = unquote(raw.split("#", 1)[0].split("?", 1)[0])
            anchor = unquote(raw.split("#", 1)[1]) if "#" in raw else ""
            if raw.startswith("#") and anchor:
                self._check_anchor(raw, anchor, self.front.body, line_at(offset))
                continue
            if not target or _SCHEME.match(raw) or raw.startswith(("/", "#")):
                continue
            if not posixpath.splitext(target.rstrip("/"))[1]:
                continue  # "../acerca/" is a URL, not a file: MkDocs leaves it alone
            resolved = posixpath.normpath(posixpath.join(here, target))
            if resolved in self.ctx.site_files:
                link = SiteLink(self.shown, line_at(offset), raw, resolved, self.is_draft)
                self.ctx.links.append(link)
                if anchor and resolved.endswith(".md"):
                    page = _page_text(self.ctx.settings.docs_dir / resolved)
                    self._check_anchor(raw, anchor, page, line_at(offset))
                continue
            suffix = posixpath.splitext(resolved)[1].lower()
            itself = posixpath.join(here, self.path.name)
            same_kind = [
                f for f in self.ctx.site_files if f.lower().endswith(suffix) and f != itself
            ]
            guess = _closest_file(resolved, same_kind)
            suggestion = (
                f"¿querías enlazar «{posixpath.relpath(guess, here)}»?"
                if guess
                else "corrige la ruta (es relativa a este archivo) o quita el enlace"
            )
            what = "una página" if suffix == ".md" else "un archivo"
            self.error(
                line_at(offset),
                f"el enlace «{raw}» apunta a {what} que no existe ({resolved})",
                suggestion,
            )
