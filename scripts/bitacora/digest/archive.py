"""Digest stage, web archive: each digest as a page of the site, and the index of all of them.

Input: a `Digest` and the folder of past digests. Output: Markdown pages under docs/<out_dir>/
that `mkdocs build --strict` renders: links to posts are relative `.md` links, which MkDocs
checks and rewrites to the posts' URLs (absolute links belong to the email only).
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

from bitacora.digest.render import format_authors
from bitacora.digest.select import Digest, DigestEntry
from bitacora.errors import BitacoraError, BitacoraErrors
from bitacora.posts import parse_front_matter
from bitacora.spanish import long_date

__all__ = [
    "ARCHIVE_FILES",
    "PastDigest",
    "archive_summary",
    "archive_title",
    "archive_url",
    "list_past_digests",
    "render_archive_index",
    "render_archive_page",
]

# The email versions kept beside each digest's page (the site serves them as static files).
ARCHIVE_FILES = ("digest.html", "digest.txt", "digest.eml")
_FOLDER = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class PastDigest:
    """One digest folder, as the index lists it."""

    date: dt.date
    title: str
    description: str


def archive_url(site_url: str, out_dir: str, date: dt.date, *, use_directory_urls: bool) -> str:
    """The absolute URL of a digest's page on the site (the email's «Ver en el navegador»)."""
    page = posixpath.join(out_dir.strip("/"), date.isoformat())
    page = f"{page}/" if use_directory_urls else f"{page}/index.html"
    return site_url.rstrip("/") + "/" + page


def _yaml_string(text: str) -> str:
    # Double-quoted YAML: any title (colons, quotes, «») stays one valid scalar.
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _md_text(text: str) -> str:
    """Plain text safe inside Markdown: characters that would start markup are escaped."""
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", text)


def archive_title(digest: Digest) -> str:
    return f"Boletín del {long_date(digest.date)}"


def archive_summary(digest: Digest) -> str:
    """One line for the index and the page's description: how many articles, which leads."""
    count = len(digest.entries)
    articles = "1 artículo" if count == 1 else f"{count} artículos"
    return f"{articles}; destacado: «{digest.lead.title}»."


def _link(entry: DigestEntry, page_dir: str | None) -> str:
    if page_dir is None or not entry.source_path:
        return f"[{_md_text(entry.title)}]({entry.url})"
    target = posixpath.relpath(entry.source_path, page_dir)
    return f"[{_md_text(entry.title)}]({target})"


def _meta(entry: DigestEntry) -> str:
    parts = [entry.date_text]
    if entry.authors:
        parts.append(_md_text(format_authors(entry.authors)))
    parts.append(f"{entry.reading_minutes} min de lectura")
    return " · ".join(parts)


def _entry_block(entry: DigestEntry, page_dir: str | None, heading: str) -> list[str]:
    lines = [f"{heading} {_link(entry, page_dir)}", "", f"*{_meta(entry)}*", ""]
    if entry.description:
        lines += [_md_text(entry.description), ""]
    return lines


def render_archive_page(digest: Digest, page_dir: str | None) -> str:
    """The digest's page on the site (docs/<out_dir>/<date>/index.md).

    `page_dir` is the page's folder relative to docs_dir, so links to posts are relative and
    checked by MkDocs; `None` (a folder outside the site) links the published posts instead.
    """
    title = archive_title(digest)
    lines = [
        "---",
        f"title: {_yaml_string(title)}",
        f"description: {_yaml_string(archive_summary(digest))}",
        "---",
        "",
        f"# {title}",
        "",
        _md_text(digest.intro),
        "",
        "## Destacado",
        "",
        *_entry_block(digest.lead, page_dir, "###"),
    ]
    if digest.lead_related:
        lines += ["**Para seguir leyendo:**", ""]
        lines += [f"- {_link(entry, page_dir)}" for entry in digest.lead_related]
        lines += [""]
    for section in digest.sections:
        lines += [f"## {_md_text(section.category)}", ""]
        for entry in section.entries:
            lines += _entry_block(entry, page_dir, "###")
    lines += [
        "---",
        "",
        "El mismo boletín, tal como se envía por correo: "
        "[HTML](digest.html) · [texto](digest.txt) · [mensaje .eml](digest.eml)",
        "",
        "[Todos los boletines](../index.md)",
        "",
    ]
    return "\n".join(lines)


def list_past_digests(out_path: Path) -> list[PastDigest]:
    """Every digest folder under `out_path` (AAAA-MM-DD/index.md), newest first."""
    found, problems = [], []
    if not out_path.is_dir():
        return []
    for folder in out_path.iterdir():
        page = folder / "index.md"
        if not (folder.is_dir() and _FOLDER.match(folder.name) and page.is_file()):
            continue
        try:
            date = dt.date.fromisoformat(folder.name)
            front = parse_front_matter(page.read_text(encoding="utf-8"), page)
        except ValueError:
            continue  # not a real date (2024-13-40): not a digest folder
        except BitacoraError as error:
            problems.append(error)
            continue
        title = str(front.data.get("title") or f"Boletín del {long_date(date)}")
        found.append(PastDigest(date, title, str(front.data.get("description") or "")))
    if problems:
        raise BitacoraErrors(problems)
    return sorted(found, key=lambda past: past.date, reverse=True)


def render_archive_index(digests: list[PastDigest]) -> str:
    """docs/<out_dir>/index.md: the «Boletín» section of the site, newest digest first."""
    lines = [
        "---",
        'title: "Boletín"',
        'description: "Todos los boletines de novedades, del más reciente al más antiguo."',
        "---",
        "",
        "# Boletín",
        "",
        "Cada boletín reúne los artículos publicados en un periodo, agrupados por categoría. "
        "Aquí están todos, del más reciente al más antiguo.",
        "",
    ]
    if not digests:
        lines += ["Todavía no se ha publicado ningún boletín.", ""]
    for past in digests:
        summary = f" — {_md_text(past.description)}" if past.description else ""
        lines.append(f"- [{_md_text(past.title)}]({past.date.isoformat()}/index.md){summary}")
    return "\n".join(lines).rstrip("\n") + "\n"
