"""Read and write posts: front matter with line numbers, atomic writes, hand-edit guard.

Input: Markdown files with a YAML front matter block. Output: `Post` objects, and files
written so that a crash never leaves half a post and an author's edits are never
overwritten silently. No MkDocs import: the CLI, the plugin and the tests share this.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bitacora.errors import BitacoraError, BitacoraErrors
from bitacora.model import Post

__all__ = [
    "FRONT_MATTER_KEYS",
    "FrontMatter",
    "atomic_write",
    "content_hash",
    "has_hand_edits",
    "iter_post_files",
    "parse_date",
    "parse_front_matter",
    "post_from_front_matter",
    "read_post",
    "render_post",
    "stamp_import_hash",
]

# Declared once: the keys a post may carry, in the order Bitácora writes them. Material's own
# keys (pin, links, readtime, comments, hide, search, template, icon, status, subtitle)
# pass through untouched in `Post.extra`.
FRONT_MATTER_KEYS: tuple[str, ...] = (
    "title",
    "date",
    "updated",
    "authors",
    "categories",
    "tags",
    "description",
    "source",
    "slug",
    "draft",
    "related",
    "source_file",
    "source_hash",
    "import_hash",
)
MATERIAL_KEYS: tuple[str, ...] = (
    "pin",
    "links",
    "readtime",
    "comments",
    "hide",
    "search",
    "template",
    "icon",
    "status",
    "subtitle",
)
REQUIRED_KEYS: tuple[str, ...] = ("title", "date")

_FENCE = "---"
_IMPORT_HASH_LINE = re.compile(r"^import_hash: .*\n", re.MULTILINE)


@dataclass(frozen=True)
class FrontMatter:
    """Parsed front matter: values, the 1-based line of each key, and the body after it."""

    data: dict[str, Any]
    lines: dict[str, int]
    body: str
    body_line: int  # line where the body starts
    # Each top-level key's value node, for the line of a list item or a nested key.
    nodes: dict[str, yaml.Node] = field(default_factory=dict, compare=False, repr=False)

    def line_of(self, key: str) -> int:
        return self.lines.get(key, 1)


# libyaml's parser when PyYAML was built with it: the same nodes and values, parsed several
# times faster (front matter is read for every post by the build, check, digest and import).
_SafeBase: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _SafeLineLoader(_SafeBase):  # type: ignore[valid-type,misc]
    """SafeLoader that leaves impossible dates (2024-02-30) as text for `parse_date` to explain.

    Plain SafeLoader raises a bare ValueError for them, with no line and no way to go on.
    """


def _timestamp_or_text(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    try:
        return loader.construct_yaml_timestamp(node)  # type: ignore[arg-type]
    except ValueError:
        return loader.construct_scalar(node)  # type: ignore[arg-type]


_SafeLineLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)


def _split_front_matter(text: str, path: Path | str) -> tuple[str, str, int]:
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip("\r\n").strip() != _FENCE:
        raise BitacoraError(
            path,
            1,
            "falta el bloque de metadatos (front matter) al principio del archivo",
            "empieza el archivo con una línea «---», los campos title y date, y otra «---»",
        )
    for index in range(1, len(lines)):
        if lines[index].rstrip("\r\n").strip() == _FENCE:
            return "".join(lines[1:index]), "".join(lines[index + 1 :]), index + 2
    raise BitacoraError(
        path,
        1,
        "el bloque de metadatos no se cierra",
        "añade una línea «---» después del último campo",
    )


def _code(character: int | str) -> int:
    return character if isinstance(character, int) else ord(character[:1] or "\0")


# libyaml's messages, as an author reads them (the original stays for anything else).
_YAML_PROBLEMS = {
    "mapping values are not allowed here": "hay un «:» donde no se espera",
    "mapping values are not allowed in this context": "hay un «:» donde no se espera",
    "did not find expected key": "la sangría no cuadra o falta «:» en un campo",
    "did not find expected ',' or ']'": "una lista entre corchetes no se cierra bien",
    "did not find expected node content": "falta un valor después de «-» o «:»",
    "did not find expected '-' indicator": "la sangría de una lista no cuadra",
    "could not find expected ':'": "falta «:» después de un campo",
    "found character that cannot start any token": "un valor empieza por un carácter no "
    "permitido, como «@», «`» o un tabulador",
    "found undefined alias": "hay un «*» al principio de un valor",
    "expected <block end>, but found '<block mapping start>'": "la sangría no cuadra",
    "expected <block end>, but found '<scalar>'": "la sangría no cuadra",
    "found unexpected end of stream": "falta cerrar unas comillas",
    "found unknown escape character": "una barra invertida «\\» dentro de comillas dobles",
    "expected ',' or ']', but got '<scalar>'": "una lista entre corchetes no se cierra bien",
}


def _yaml_problem(problem: str | None) -> str:
    text = (problem or "").strip()
    return _YAML_PROBLEMS.get(text, text or "error de sintaxis")


def parse_front_matter(text: str, path: Path | str = "<texto>") -> FrontMatter:
    """Split and parse a post's front matter, recording the line of every top-level key."""
    text = text.lstrip("\ufeff")
    yaml_text, body, body_line = _split_front_matter(text, path)
    # One parse gives both the nodes (key lines) and the values: `yaml.load` is these two steps.
    loader = None
    try:
        loader = _SafeLineLoader(yaml_text)
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else {}
    except yaml.reader.ReaderError as error:  # a control character pasted from elsewhere
        raise BitacoraError(
            path,
            yaml_text[: error.position].count("\n") + 2,  # +1 for 1-based, +1 for the fence
            "los metadatos tienen un carácter de control invisible "
            f"(U+{_code(error.character):04X})",
            "bórralo: suele llegar al copiar y pegar desde otro programa",
        ) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        line = mark.line + 2 if mark is not None else 1  # +1 for 1-based, +1 for the fence
        raise BitacoraError(
            path,
            line,
            f"el YAML de los metadatos no es válido ({_yaml_problem(error.problem)})",
            "revisa comillas, dos puntos y sangría; un título con «:» va entre comillas",
        ) from None
    finally:
        if loader is not None:
            loader.dispose()
    if data is None:
        data = {}
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode | type(None)):
        raise BitacoraError(
            path, 2, "los metadatos deben ser pares «campo: valor»", "usa title: …, date: …"
        )
    key_lines: dict[str, int] = {}
    nodes: dict[str, yaml.Node] = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key_lines[str(key_node.value)] = key_node.start_mark.line + 2
            nodes[str(key_node.value)] = value_node
    return FrontMatter(data=data, lines=key_lines, body=body, body_line=body_line, nodes=nodes)


_DATE_FORMATS = ("%Y-%m-%d", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S")


def parse_date(value: Any, path: Path | str, line: int, key: str = "date") -> dt.date:
    """A front-matter date as `datetime.date`, or a `BitacoraError` saying how to write it."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, dict) and key == "date" and "created" in value:
        return parse_date(value["created"], path, line, key)
    if isinstance(value, str):
        for fmt in _DATE_FORMATS:
            try:
                return dt.datetime.strptime(value.strip(), fmt).date()
            except ValueError:
                continue
    raise BitacoraError(
        path,
        line,
        f"la fecha «{value}» de «{key}» no se entiende",
        "escríbela como AAAA-MM-DD, por ejemplo 2024-03-15",
    )


def _as_tuple(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list | tuple):
        return tuple(str(v) for v in value if v is not None)
    return (str(value),)


def _related_value(value: Any) -> tuple[str, ...] | bool | None:
    if value is None or value is True:
        return None
    if value is False:
        return False
    return _as_tuple(value)


def post_from_front_matter(front: FrontMatter, path: Path | str) -> Post:
    """Build a `Post` from parsed front matter; raises every problem with a required field."""
    data = front.data
    problems = [
        BitacoraError(
            path,
            1,
            f"falta el campo obligatorio «{key}»",
            "añádelo a los metadatos" + (", por ejemplo date: 2024-03-15" if key == "date" else ""),
        )
        for key in REQUIRED_KEYS
        if data.get(key) in (None, "")
    ]
    if problems:
        raise BitacoraErrors(problems)
    date = parse_date(data["date"], path, front.line_of("date"))
    updated_raw = data.get("updated")
    if updated_raw is None and isinstance(data["date"], dict):
        updated_raw = data["date"].get("updated")
    updated = (
        parse_date(updated_raw, path, front.line_of("updated"), "updated") if updated_raw else None
    )
    path_obj = Path(path)
    known = set(FRONT_MATTER_KEYS)
    return Post(
        title=str(data["title"]).strip(),
        date=date,
        updated=updated,
        body=front.body,
        slug=str(data.get("slug") or path_obj.stem),
        path=path_obj,
        authors=_as_tuple(data.get("authors")),
        categories=_as_tuple(data.get("categories")),
        tags=_as_tuple(data.get("tags")),
        description=str(data.get("description") or "").strip(),
        source=str(data["source"]) if data.get("source") else None,
        draft=bool(data.get("draft", False)),
        related=_related_value(data.get("related")),
        source_file=data.get("source_file"),
        source_hash=data.get("source_hash"),
        extra={k: v for k, v in data.items() if k not in known},
    )


def read_post(path: Path) -> Post:
    """Read one post from disk."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise BitacoraError(
            path, None, "el archivo no está en UTF-8", "guárdalo con codificación UTF-8"
        ) from error
    return post_from_front_matter(parse_front_matter(text, path), path)


def iter_post_files(posts_dir: Path) -> Iterator[Path]:
    """Every Markdown post below `posts_dir`, in a stable order."""
    yield from sorted(p for p in posts_dir.rglob("*.md") if p.is_file())


class _Dumper(yaml.SafeDumper):
    """Block-style YAML with lists indented under their key, as authors write it by hand."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> Any:
        return super().increase_indent(flow, False)


def _front_matter_dict(post: Post, import_hash: str | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {"title": post.title, "date": post.date}
    if post.updated:
        data["updated"] = post.updated
    if post.authors:
        data["authors"] = list(post.authors)
    if post.categories:
        data["categories"] = list(post.categories)
    if post.tags:
        data["tags"] = list(post.tags)
    if post.description:
        data["description"] = post.description
    if post.source:
        data["source"] = post.source
    data["slug"] = post.slug
    if post.draft:
        data["draft"] = True
    if post.related is False:
        data["related"] = False
    elif isinstance(post.related, tuple) and post.related:
        data["related"] = list(post.related)
    if post.source_file:
        data["source_file"] = post.source_file
    if post.source_hash:
        data["source_hash"] = post.source_hash
    data.update(post.extra)
    if import_hash:
        data["import_hash"] = import_hash
    return data


_DUMP_OPTIONS: dict[str, Any] = {
    "allow_unicode": True,
    "sort_keys": False,
    "default_flow_style": False,
    "width": 1000,
}
_C_DUMPER: type[yaml.SafeDumper] | None = getattr(yaml, "CSafeDumper", None)
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_PLAIN_TYPES = (str, int, float, bool, dt.date, type(None))
_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")


def _is_flat_scalar(value: Any) -> bool:
    if isinstance(value, str):
        # One line of printable characters in the Basic Multilingual Plane: libyaml writes
        # an emoji or a control character escaped where PyYAML writes it as it is.
        return len(value) < 500 and value.isprintable() and _ASTRAL.search(value) is None
    return isinstance(value, _PLAIN_TYPES)


def _is_flat(data: dict[str, Any]) -> bool:
    """Keys are names (`title`, `source_file`) and values one-line scalars or lists of them."""
    for key, value in data.items():
        if not isinstance(key, str) or not _PLAIN_KEY.fullmatch(key):
            return False
        items = value if isinstance(value, list) else [value]
        if not all(_is_flat_scalar(item) for item in items):
            return False
    return True


def dump_front_matter(data: dict[str, Any]) -> str:
    """Block YAML with lists indented under their key, as authors write it by hand.

    libyaml's emitter writes the same text as PyYAML's own, four times faster, except that
    it does not indent a list under its key; for flat front matter (one-line values and
    lists of them: every imported post) that one difference is put right line by line, and
    anything else goes through PyYAML's emitter. tests/unit/test_posts.py compares the two
    on generated front matter.
    """
    if _C_DUMPER is None or not _is_flat(data):
        return yaml.dump(data, Dumper=_Dumper, **_DUMP_OPTIONS)
    text = yaml.dump(data, Dumper=_C_DUMPER, **_DUMP_OPTIONS)
    # In flat YAML only a list item starts a line with "- " (a value that begins so is quoted).
    return "".join(
        f"  {line}" if line.startswith("- ") else line for line in text.splitlines(keepends=True)
    )


def render_post(post: Post) -> str:
    """The post as file text: front matter in a fixed key order, then the body."""
    front = dump_front_matter(_front_matter_dict(post))
    body = post.body if post.body.endswith("\n") else post.body + "\n"
    return f"{_FENCE}\n{front}{_FENCE}\n\n{body.lstrip(chr(10))}"


def content_hash(text: str) -> str:
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def stamp_import_hash(text: str) -> str:
    """Add `import_hash` (the hash of the rest of the file) as the front matter's last key.

    On re-import, a file whose text no longer matches its own stamp was edited by hand.
    """
    text = _IMPORT_HASH_LINE.sub("", text)
    stamp = f"import_hash: {content_hash(text)}\n"
    head, sep, rest = text.partition(f"\n{_FENCE}\n")
    return f"{head}\n{stamp.rstrip(chr(10))}{sep}{rest}"


def has_hand_edits(text: str) -> bool:
    """True when the file has no import stamp or was changed after the importer wrote it."""
    match = _IMPORT_HASH_LINE.search(text)
    if match is None:
        return True
    recorded = match.group(0).split(":", 1)[1].strip()
    return content_hash(_IMPORT_HASH_LINE.sub("", text)) != recorded


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _current_umask()


def atomic_write(path: Path, text: str) -> None:
    """Write `text` to `path` so readers see the old file or the new one, never half of one.

    The rename is what makes it atomic. There is no fsync: these are text files under version
    control, not a database, and one fsync per post made a 1,000-post import spend more time
    waiting for the disk than parsing.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        # mkstemp creates 0600 files; a post should get the usual permissions (umask).
        os.fchmod(fd, 0o666 & ~_UMASK)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
