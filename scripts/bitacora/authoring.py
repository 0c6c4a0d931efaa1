"""Authoring stage: a title (and optional category, tags, author) → a new draft post file.

Input: what the author typed on `bitacora new`. Output: `docs/blog/posts/<slug>.md` with
complete front matter (`draft: true`) and a Spanish skeleton to replace; the file is created
atomically and never replaces an existing one.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml
from slugify import slugify

from bitacora.errors import BitacoraError, BitacoraErrors, closest
from bitacora.posts import iter_post_files, parse_front_matter
from bitacora.settings import Settings
from bitacora.spanish import fold
from bitacora.taxonomy import choose_categories
from bitacora.validate import EXCERPT_MARKER, SKELETON_LINES, display_path, load_author_keys

__all__ = ["new_post"]

_SLUG_MAX = 80  # whole words only: a file name and an address stay readable

_SKELETON = f"""{SKELETON_LINES[0]} dos o tres frases que resuman el artículo. Es lo que se ve
en las listas del blog y en el boletín.

{EXCERPT_MARKER}

## Primer apartado

{SKELETON_LINES[1]} del artículo. Usa subtítulos «##» para cada parte y enlaza otros
artículos con rutas relativas, por ejemplo `[otro artículo](otro-articulo.md)`.
"""


class _Dumper(yaml.SafeDumper):
    """Lists indented under their key, as in the rest of the posts."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> Any:
        return super().increase_indent(flow, False)


def _choose_category(title: str, category: str | None, settings: Settings) -> str:
    allowed = settings.categories_allowed
    if category is None:
        return choose_categories(title, title, settings, limit=1)[0]
    for name in allowed:
        if fold(name) == fold(category):
            return name
    guess = closest(category, allowed)
    raise BitacoraError(
        None,
        None,
        f"la categoría «{category}» no está permitida",
        (f"usa «{guess}»" if guess else "usa una de: " + ", ".join(allowed))
        + " (categories_allowed en mkdocs.yml)",
    )


def _choose_author(author: str | None, settings: Settings) -> str:
    keys = sorted(load_author_keys(settings.authors_file))
    authors_file = display_path(settings.authors_file)
    if author is None:
        if len(keys) == 1:
            return keys[0]
        raise BitacoraError(
            None,
            None,
            "falta el autor del artículo",
            "indícalo con --author y una clave de "
            f"{authors_file}: {', '.join(keys) or '(el archivo no tiene autores)'}",
        )
    for candidate in (author, slugify(author)):
        if candidate in keys:
            return candidate
    guess = closest(author, keys) or closest(slugify(author), keys)
    raise BitacoraError(
        None,
        None,
        f"el autor «{author}» no está en {authors_file}",
        (f"usa «{guess}» o añade" if guess else "añade")
        + f" «{slugify(author)}:» con name, description y avatar en {authors_file}",
    )


def _same_title(title: str, posts_dir: Path) -> Path | None:
    wanted = fold(title)
    for path in iter_post_files(posts_dir) if posts_dir.is_dir() else ():
        try:
            front = parse_front_matter(path.read_text(encoding="utf-8"), path)
        except (BitacoraError, UnicodeDecodeError):
            continue  # `bitacora check` reports broken posts; here only titles matter
        if fold(str(front.data.get("title") or "")) == wanted:
            return path
    return None


def _create_new(path: Path, text: str) -> None:
    """Write `text` to `path` atomically, failing if `path` already exists (even in a race)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.link(tmp_name, path)  # unlike os.replace, a link never replaces an existing file
    finally:
        Path(tmp_name).unlink(missing_ok=True)


def _clean_tags(tags: Iterable[str]) -> list[str]:
    cleaned: list[str] = []
    for tag in tags:
        tag = " ".join(tag.split()).lower()
        if tag and tag not in cleaned:
            cleaned.append(tag)
    return cleaned


def new_post(
    title: str,
    settings: Settings,
    category: str | None = None,
    tags: Iterable[str] = (),
    author: str | None = None,
    today: dt.date | None = None,
) -> Path:
    """Create a draft post for `title`; returns its path. Never replaces an existing file.

    Without `category`, the title's words choose one of `categories_allowed`; without
    `author`, the only author of `.authors.yml` is used (with several, it must be given).
    """
    title = " ".join(title.split())
    slug = slugify(title, max_length=_SLUG_MAX, word_boundary=True)
    if not slug:
        raise BitacoraError(
            None,
            None,
            f"el título «{title}» no tiene letras ni números",
            'escribe el título entre comillas: bitacora new "Mi artículo"',
        )
    path = settings.posts_dir / f"{slug}.md"
    if path.exists():
        raise BitacoraError(
            display_path(path),
            None,
            "ya existe un post con ese nombre",
            "edita ese archivo o elige otro título; «bitacora new» nunca sobrescribe un post",
        )
    twin = _same_title(title, settings.posts_dir)
    if twin is not None:
        raise BitacoraError(
            display_path(twin),
            None,
            f"ya hay un post titulado «{title}»",
            "edita ese archivo o elige otro título: cada artículo necesita el suyo",
        )
    chosen: dict[str, str] = {}
    problems: list[BitacoraError] = []
    for key, choose in (
        ("author", lambda: _choose_author(author, settings)),
        ("category", lambda: _choose_category(title, category, settings)),
    ):
        try:
            chosen[key] = choose()
        except BitacoraError as error:
            problems.append(error)
    if problems:
        raise BitacoraErrors(problems)
    front = {
        "title": title,
        "date": today or dt.date.today(),
        "authors": [chosen["author"]],
        "categories": [chosen["category"]],
        "tags": _clean_tags(tags),
        "description": "",
        "slug": slug,
        "draft": True,
    }
    yaml_text = yaml.dump(front, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)
    # Hints for the two values only the author can write; YAML ignores comments.
    limit = settings.importer.description_max
    yaml_text = yaml_text.replace(
        "tags: []\n", "tags: []  # por ejemplo: [quejas, empatía]\n"
    ).replace("description: ''\n", f"description: ''  # una frase de hasta {limit} caracteres\n")
    try:
        _create_new(path, f"---\n{yaml_text}---\n\n{_SKELETON}")
    except FileExistsError:
        raise BitacoraError(
            display_path(path), None, "ya existe un post con ese nombre", "elige otro título"
        ) from None
    return path
