"""Where imported posts land: post files, kept raw sources, and the authors file.

Nothing here loses data: every write is atomic, a post edited by hand is not overwritten
without `force`, two articles never share a file, and the raw source is kept in a folder
the site does not publish, so a post can always be rebuilt from what it came from.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from bitacora.authors import read_authors_file
from bitacora.errors import BitacoraError
from bitacora.importer.people import AuthorInfo
from bitacora.posts import atomic_write, iter_post_files, parse_front_matter
from bitacora.spanish import fold

__all__ = [
    "ExistingPosts",
    "add_authors",
    "keep_source",
    "plan_source_copy",
    "scan_existing_posts",
]

_AVATAR_COLOURS = ("#3949ab", "#00897b", "#6d4c41", "#8e24aa", "#c62828", "#2e7d32", "#ef6c00")
_AVATAR_DIR = "assets/avatars"


@dataclass
class ExistingPosts:
    """The posts already in the output folder: by slug, and by the source they came from."""

    by_source: dict[str, Path]
    slugs: set[str]
    dates: dict[Path, object]
    by_hash: dict[str, Path] = field(default_factory=dict)  # raw source hash → post
    by_title: dict[str, Path] = field(default_factory=dict)  # folded title → post


def scan_existing_posts(out_dir: Path) -> ExistingPosts:
    by_source: dict[str, Path] = {}
    by_hash: dict[str, Path] = {}
    by_title: dict[str, Path] = {}
    slugs: set[str] = set()
    dates: dict[Path, object] = {}
    if out_dir.is_dir():
        for path in iter_post_files(out_dir):
            slugs.add(path.stem)
            try:
                front = parse_front_matter(path.read_text(encoding="utf-8"), path)
            except (BitacoraError, UnicodeDecodeError, OSError):
                continue  # a broken hand-written post is `bitacora check`'s business
            if front.data.get("slug"):
                slugs.add(str(front.data["slug"]))
            if front.data.get("source_file"):
                by_source[str(front.data["source_file"])] = path
            if front.data.get("source_hash"):
                by_hash[str(front.data["source_hash"])] = path
            dates[path] = front.data.get("date")
            if front.data.get("title"):
                by_title.setdefault(fold(str(front.data["title"])), path)
    return ExistingPosts(by_source, slugs, dates, by_hash, by_title)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def plan_source_copy(source: Path, sources_dir: Path, taken: set[str]) -> Path:
    """Where the raw source is kept under `sources_dir` (itself, if already there).

    Both paths come resolved (an import resolves its folder once, not once per article).
    A source imported again under the same name replaces its kept copy (it is the same
    article, updated; git keeps the old one). Two different files with the same name in
    one batch (`a/articulo.txt`, `b/articulo.txt`) are kept side by side.
    """
    if source.is_relative_to(sources_dir):
        return source
    candidate = sources_dir / source.name
    number = 2
    while candidate.name in taken:
        candidate = sources_dir / f"{source.stem}-{number}{source.suffix}"
        number += 1
    taken.add(candidate.name)
    return candidate


def keep_source(source: Path, kept: Path) -> None:
    """Copy the (resolved) raw source to its kept place, atomically, unless already there."""
    if source == kept or (kept.exists() and _sha256(kept) == _sha256(source)):
        return
    kept.parent.mkdir(parents=True, exist_ok=True)
    tmp = kept.with_name(f".{kept.name}.tmp")
    shutil.copyfile(source, tmp)
    os.replace(tmp, kept)


def _initials(name: str) -> str:
    parts = [word for word in name.split() if word[:1].isupper()] or name.split()
    return "".join(word[0] for word in parts[:2]).upper() or "?"


def _avatar_svg(name: str) -> str:
    colour = _AVATAR_COLOURS[int(hashlib.sha256(name.encode()).hexdigest(), 16) % 7]
    initials = _initials(name)
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" role="img" '
        f'aria-label="{initials}">'
        f'<rect width="64" height="64" rx="32" fill="{colour}"/>'
        '<text x="32" y="32" dy=".35em" text-anchor="middle" fill="#fff" '
        'font-family="system-ui, sans-serif" font-size="26" font-weight="600">'
        f"{initials}</text></svg>\n"
    )


def add_authors(authors_file: Path, docs_dir: Path, authors: dict[str, AuthorInfo]) -> list[str]:
    """Add authors missing from `.authors.yml` (with an initials avatar); returns the new keys.

    Existing entries are never changed: an author may have edited their own.
    """
    data = read_authors_file(authors_file)
    known = data["authors"]
    assert isinstance(known, dict)
    added = []
    for key, info in sorted(authors.items()):
        if key in known:
            continue
        avatar = f"{_AVATAR_DIR}/{key}.svg"
        avatar_path = docs_dir / avatar
        if not avatar_path.exists():
            atomic_write(avatar_path, _avatar_svg(info.name))
        known[key] = {
            "name": info.name,
            "description": info.description or "Escribe sobre servicio al cliente.",
            "avatar": avatar,
        }
        added.append(key)
    if added:
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
        atomic_write(authors_file, text)
    return added
