"""Digest stage, rendering: a `Digest` → the HTML email and its plain-text alternative.

The HTML is a table layout (what Outlook and Gmail render alike) from templates/email.html,
with the CSS of templates/email.css inlined by css-inline; the dark-mode and small-screen
media queries stay in one kept <style> block. The text part is wrapped at 78 columns
(RFC 5322 §2.1.1) with the links listed at the end, numbered.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence
from functools import lru_cache
from importlib.resources import files
from urllib.parse import quote

import css_inline
import jinja2

from bitacora.digest.select import Digest, DigestEntry
from bitacora.spanish import long_date

__all__ = [
    "HTML_SIZE_LIMIT",
    "TEXT_WIDTH",
    "format_authors",
    "render_html",
    "render_text",
    "unsubscribe_link",
]

# Gmail clips a message whose HTML is larger than 102 KB and hides the rest (and the
# unsubscribe link with it) behind "Ver mensaje completo".
HTML_SIZE_LIMIT = 102 * 1024
TEXT_WIDTH = 78  # RFC 5322 §2.1.1: lines SHOULD be no more than 78 characters
# Invisible filler after the preheader, so clients do not pull body text into the preview.
_PREHEADER_PADDING = "\u200c\u00a0" * 60


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("bitacora.digest", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


@lru_cache(maxsize=4)
def _stylesheet(name: str) -> str:
    """A stylesheet of templates/, without its comments (they are for us, not for readers)."""
    text = files("bitacora.digest").joinpath("templates", name).read_text(encoding="utf-8")
    return re.sub(r"/\*.*?\*/\s*", "", text, flags=re.DOTALL).strip()


def format_authors(names: Sequence[str]) -> str:
    """Names as Spanish lists them: "Ana", "Ana y Luis", "Ana, Luis y Eva"."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " y " + names[-1]


def _meta(entry: DigestEntry) -> str:
    parts = [entry.date_text]
    if entry.authors:
        parts.append(format_authors(entry.authors))
    parts.append(f"{entry.reading_minutes} min de lectura")
    return " · ".join(parts)


def _preheader(digest: Digest) -> str:
    others = len(digest.entries) - 1
    if others == 0:
        return f"{digest.lead.title}."
    more = "1 artículo más" if others == 1 else f"{others} artículos más"
    return f"{digest.lead.title}, y {more}."


def unsubscribe_link(template: str, site_url: str, email: str) -> str:
    """The subscriber's own unsubscribe URL; the address is percent-encoded ("+" → "%2B")."""
    return template.format(site_url=site_url, email=quote(email, safe="@"))


def render_html(digest: Digest, *, archive_url: str, unsubscribe_url: str) -> str:
    """The HTML email: every link absolute, CSS inlined, no script."""
    html = (
        _environment()
        .get_template("email.html")
        .render(
            subject=digest.subject,
            site_name=digest.site_name,
            site_url=digest.site_url,
            date_text=long_date(digest.date),
            intro=digest.intro,
            preheader=_preheader(digest),
            preheader_padding=_PREHEADER_PADDING,
            lead=digest.lead,
            related=digest.lead_related,
            sections=digest.sections,
            archive_url=archive_url,
            unsubscribe_url=unsubscribe_url,
            meta=_meta,
            css=_stylesheet("email.css"),
            keep_css=_stylesheet("email-keep.css"),
        )
    )
    inliner = css_inline.CSSInliner(load_remote_stylesheets=False, keep_style_tags=False)
    return inliner.inline(html).rstrip("\n") + "\n"


class _Links:
    """Numbered links for the text part: each URL gets one number, in order of appearance."""

    def __init__(self) -> None:
        self.urls: list[str] = []

    def ref(self, url: str) -> str:
        if url not in self.urls:
            self.urls.append(url)
        return f"[{self.urls.index(url) + 1}]"


def _wrap(text: str, first: str = "", indent: str = "") -> list[str]:
    # Long words (URLs) are never broken: a broken link cannot be followed.
    return textwrap.wrap(
        text,
        width=TEXT_WIDTH,
        initial_indent=first,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    ) or [""]


def _entry_lines(entry: DigestEntry, links: _Links) -> list[str]:
    lines = _wrap(f"{entry.title} {links.ref(entry.url)}")
    lines += _wrap(_meta(entry))
    if entry.description:
        lines += _wrap(entry.description)
    return [*lines, ""]


def _heading(text: str, underline: str) -> list[str]:
    lines = _wrap(text)
    return [*lines, underline * min(TEXT_WIDTH, max(len(line) for line in lines)), ""]


def render_text(digest: Digest, *, archive_url: str, unsubscribe_url: str) -> str:
    """The plain-text alternative: the same content, ≤ 78 columns, links listed at the end.

    Only a line holding nothing but one long URL can be wider: it is never broken.
    """
    links = _Links()
    lines = _heading(f"{digest.site_name} · Boletín del {long_date(digest.date)}", "=")
    lines += [*_wrap(digest.intro), ""]
    lines += _heading(f"Destacado · {digest.lead.category}", "-")
    lines += _entry_lines(digest.lead, links)
    if digest.lead_related:
        lines += ["Para seguir leyendo:"]
        for entry in digest.lead_related:
            lines += _wrap(f"{entry.title} {links.ref(entry.url)}", "- ", "  ")
        lines += [""]
    for section in digest.sections:
        lines += _heading(section.category, "-")
        for entry in section.entries:
            lines += _entry_lines(entry, links)
    lines += _wrap(f"Ver en el navegador: {links.ref(archive_url)}")
    lines += _wrap(f"Darse de baja: {links.ref(unsubscribe_url)}")
    lines += ["", "Enlaces:"]
    for number, url in enumerate(links.urls, start=1):
        label = f"[{number}] "
        if len(label) + len(url) <= TEXT_WIDTH:
            lines.append(label + url)
        else:
            lines += [label.rstrip(), url]
    lines += ["", *_wrap(f"Recibes este boletín porque te suscribiste a {digest.site_name}.")]
    return "\n".join(lines) + "\n"
