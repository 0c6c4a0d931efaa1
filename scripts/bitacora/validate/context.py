"""What every check needs: the site (settings, files, authors) and one post file being read.

`CheckContext` collects problems from every file (collect, then stop); `PostFile` is one
post's text, parsed front matter and YAML nodes, so each check can point at the real line.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bitacora.authors import read_authors_file
from bitacora.errors import BitacoraError
from bitacora.posts import FrontMatter
from bitacora.settings import Settings

__all__ = [
    "CheckContext",
    "SiteLink",
    "PostFile",
    "display_path",
    "is_blank",
    "list_site_files",
    "load_author_keys",
    "node_line",
]


@dataclass(frozen=True)
class SiteLink:
    """A link from a post to a file of the site, kept to check it once every post is known."""

    shown: str  # the linking post, as printed
    line: int
    raw: str  # the link as written
    target: str  # docs-relative path it resolves to
    from_draft: bool


@dataclass
class CheckContext:
    settings: Settings
    site_files: frozenset[str]  # docs-relative posix paths of every file of the site
    author_keys: frozenset[str] | None  # None: .authors.yml missing or broken
    errors: list[BitacoraError] = field(default_factory=list)
    notices: list[BitacoraError] = field(default_factory=list)
    links: list[SiteLink] = field(default_factory=list)


@functools.lru_cache(maxsize=65536)
def docs_relative(path: Path, docs_dir: Path) -> str | None:
    """`path` relative to `docs_dir`, both resolved; None outside it.

    Remembered: the check asks it twice per post. Each folder is resolved once (resolving
    touches the disk for every part of the path, for every post otherwise); only a file
    that is itself a symbolic link is resolved on its own.
    """
    name = os.path.abspath(path)
    if os.path.islink(name):
        real = os.path.realpath(name)
    else:
        real = os.path.join(_real_folder(os.path.dirname(name)), os.path.basename(name))
    root = os.path.join(_real_folder(os.path.abspath(docs_dir)), "")  # with its trailing "/"
    if not real.startswith(root):
        return None
    return real[len(root) :].replace(os.sep, "/")


@functools.lru_cache(maxsize=4096)
def _real_folder(folder: str) -> str:
    return os.path.realpath(folder)


def display_path(path: Path | str) -> str:
    """`path` relative to the current folder when inside it, as authors type it."""
    return _display_path(str(path), os.getcwd())


@functools.lru_cache(maxsize=65536)
def _display_path(path: str, cwd: str) -> str:
    # Remembered per folder: a check shows each post's path several times, and relpath
    # normalises both paths every time. A path already inside the folder needs no relpath.
    inside = os.path.join(cwd, "")
    if path.startswith(inside) and os.path.normpath(path) == path:
        return path[len(inside) :].replace(os.sep, "/")
    relative = os.path.relpath(path, cwd)
    return (relative if not relative.startswith("..") else path).replace(os.sep, "/")


def list_site_files(docs_dir: Path) -> frozenset[str]:
    """Every file MkDocs would publish from `docs_dir` (dot-folders and templates/ skipped)."""
    found = set()
    for path in docs_dir.rglob("*"):
        parts = path.relative_to(docs_dir).parts
        if path.is_file() and not any(p.startswith(".") for p in parts) and parts[0] != "templates":
            found.add("/".join(parts))
    return frozenset(found)


def load_author_keys(authors_file: Path) -> frozenset[str]:
    """The author keys declared in `.authors.yml`; a `BitacoraError` when it is missing or bad."""
    return frozenset(str(key) for key in read_authors_file(authors_file, required=True)["authors"])


def yaml_nodes(text: str, front: FrontMatter) -> dict[str, yaml.Node]:
    """Each top-level key's value node, to point at list items and nested keys."""
    if front.nodes:
        return front.nodes  # parse_front_matter kept them: no second parse
    lines = text.lstrip("\ufeff").splitlines()
    yaml_text = "\n".join(lines[1 : front.body_line - 2])
    node = yaml.compose(yaml_text, Loader=yaml.SafeLoader)
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(key.value): value for key, value in node.value}


def node_line(node: yaml.Node) -> int:
    return node.start_mark.line + 2  # +1 for 1-based lines, +1 for the opening fence


def is_blank(value: Any) -> bool:
    """Nothing written: no value, or only spaces (a title of spaces would be published)."""
    if isinstance(value, str):
        return not value.strip()
    return value is None or value == [] or value == {}


class PostFile:
    """One post being checked: its text, front matter and YAML nodes; problems go to `ctx`."""

    def __init__(self, path: Path, text: str, front: FrontMatter, ctx: CheckContext) -> None:
        self.path, self.text, self.front, self.ctx = path, text, front, ctx
        self.shown = display_path(path)
        self.data = front.data
        self.nodes = yaml_nodes(text, front)
        self.is_draft = self.data.get("draft") is True

    def error(self, line: int | None, problem: str, fix: str) -> None:
        self.ctx.errors.append(BitacoraError(self.shown, line, problem, fix))

    def notice(self, line: int | None, problem: str, fix: str) -> None:
        self.ctx.notices.append(BitacoraError(self.shown, line, problem, fix))

    def line_of(self, key: str) -> int:
        return self.front.line_of(key)

    def items(self, key: str) -> list[yaml.Node]:
        """The YAML nodes of a list value, one per item, for their line numbers."""
        node = self.nodes.get(key)
        return list(node.value) if isinstance(node, yaml.SequenceNode) else []
