"""Writing with `mkdocs serve`: each rebuild reuses what the saved edit did not change.

MkDocs 1.6 rebuilds the whole site whenever a file is saved: on a 1,000-post blog that is
some 12 seconds between saving a post and seeing it. While serving only (never in
`mkdocs build`, never with `mkdocs serve --clean`), two results are kept from one build to
the next, in memory and compressed:

- a page's converted Markdown (`Page.render`), reused when its Markdown (after every
  plugin's `on_page_markdown`), its address, the site's files and the Markdown configuration
  are the same. The warnings the conversion logged (a link to a missing file…) are logged
  again, so `mkdocs serve --strict` keeps failing until the link is fixed;
- a page's HTML from its template, reused when the fingerprint of everything the template is
  given is the same: the page (title, address, content, table of contents, front matter,
  neighbours, section, and a post's authors, categories and dates), the active navigation
  items, the listing a blog page shows and its pagination, the tags, Bitácora's SEO and
  related data; and, for the whole build, the configuration file, the theme's override
  files, the site's files, the navigation and the versions of MkDocs, Material and Bitácora.

A value the fingerprint does not know how to read makes that page render again: reuse is
never a guess. Every other step of the build (reading the posts, validation, excerpts of
listings, search index, feeds, sitemap) runs as in a clean build. tests/test_serve_reuse.py
edits a site between serve builds in many ways and compares every file with a clean build.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import gc
import hashlib
import logging
import os
import shutil
import threading
import time
import zlib
from collections.abc import Callable, Iterator, Mapping
from importlib.metadata import version
from pathlib import Path
from typing import Any

import material.plugins.blog.plugin as blog_plugin
import material.plugins.blog.structure as blog_structure
import mkdocs.utils
import mkdocs.utils.meta as mkdocs_meta
import yaml
from jinja2.bccache import Bucket, BytecodeCache
from material.plugins.search.plugin import SearchIndex
from mkdocs.structure.nav import Link, Section
from mkdocs.structure.pages import Page

from bitacora.plugin.excerpts import ExcerptMemo
from bitacora.plugin.parsers import SHAREABLE

__all__ = ["ServeReuse"]

log = logging.getLogger("mkdocs.plugins.bitacora")

# Extensions whose output depends on the page's own text only (no files read, no state kept
# between documents): with any other, converted Markdown is never reused.
_PURE_EXTENSIONS = SHAREABLE | {
    "meta",
    "nl2br",
    "smarty",
    "pymdownx.arithmatex",
    "pymdownx.critic",
    "pymdownx.emoji",
    "pymdownx.escapeall",
    "pymdownx.inlinehilite",
    "pymdownx.magiclink",
    "pymdownx.saneheaders",
    "pymdownx.striphtml",
    "pymdownx.tabbed",
}

# Context entries read through other keys: the configuration, files and navigation are in the
# build's key, the page in its own part. The build date changes every build and Material's
# page templates do not show it.
_CONTEXT_READ_ELSEWHERE = frozenset({"page", "nav", "config", "pages", "build_date_utc"})

# What page templates read of a page (besides its file, table of contents and neighbours)…
_PAGE_ATTRIBUTES = (
    "title",
    "url",
    "canonical_url",
    "edit_url",
    "abs_url",
    "is_homepage",
    "update_date",
    "meta",
)
# …of which these change while a build runs: an excerpt's content and continuation differ
# from one listing to the next, and the page being rendered is the active one.
_PAGE_CHANGING = ("active", "content", "more")
# …and of Material's blog pages: a post's or excerpt's authors, categories, dates and reading
# time. A listing's posts and pages reach its template through the context (`posts`,
# `pagination`), which the fingerprint reads there.
_BLOG_ATTRIBUTES = ("authors", "categories", "config", "name")


# Seconds between the end of a serve build and the collection of its garbage (settle_heap).
SETTLE_AFTER_SECONDS = 1.0


class _Unknown(Exception):
    """A value the fingerprint cannot read: the page is rendered, not reused."""


class _Fingerprint:
    """A BLAKE2 digest fed with typed, length-prefixed values (no two inputs collide by layout)."""

    def __init__(self, *parts: object, memo: dict[int, tuple[Any, bytes]] | None = None) -> None:
        self.hash = hashlib.blake2b(digest_size=20)
        # One build's digests of containers and of pages' fixed parts, by identity: posts
        # share authors and dates with their excerpts, listings share their lists of posts,
        # so each is hashed once. The same build order gives the same digests every time.
        self.memo = memo
        for part in parts:
            self.add(part)

    def _raw(self, tag: bytes, text: str) -> None:
        data = text.encode("utf-8", "surrogatepass")
        self.hash.update(b"%s%d:" % (tag, len(data)))
        self.hash.update(data)

    def add(self, value: object, *, whole_pages: bool = False, depth: int = 0) -> None:
        if depth > 16:
            raise _Unknown("valor demasiado anidado")
        if value is None or isinstance(value, bool | int | float):
            self._raw(b"n", repr(value))
        elif isinstance(value, str):  # Markup too
            self._raw(b"s", value)
        elif isinstance(value, bytes):
            self.hash.update(b"b%d:" % len(value))
            self.hash.update(value)
        elif isinstance(value, dt.date | dt.time):
            self._raw(b"d", value.isoformat())
        elif isinstance(value, Page):
            if whole_pages:
                self.add_page(value)
            else:
                self.add_reference(value)
        elif isinstance(value, Mapping | list | tuple):
            if self.memo is not None and not whole_pages:
                self.hash.update(self._container_digest(value, depth))
            else:
                self._add_container(value, whole_pages, depth)
        elif isinstance(value, set | frozenset):
            self.add(sorted(value, key=repr), depth=depth + 1)
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            self._raw(b"c", type(value).__qualname__)
            for field in dataclasses.fields(value):
                self.add(getattr(value, field.name), depth=depth + 1)
        elif isinstance(value, Link | Section):
            self.add_reference(value)
        elif _is_tag(value):
            # Material's tags (and tag references with their links): plain values.
            self._raw(b"t", type(value).__qualname__)
            for name, item in sorted(vars(value).items()):
                self._raw(b"s", name)
                self.add(item, depth=depth + 1)
        else:
            raise _Unknown(type(value).__qualname__)

    def _add_container(self, value: Any, whole_pages: bool, depth: int) -> None:
        if isinstance(value, Mapping):
            self._raw(b"m", str(len(value)))
            keys = list(value)
            keys.sort(key=None if all(type(k) is str for k in keys) else repr)
            for key in keys:
                self.add(key, depth=depth + 1)
                self.add(value[key], whole_pages=whole_pages, depth=depth + 1)
        else:
            self._raw(b"l", str(len(value)))
            for item in value:
                self.add(item, whole_pages=whole_pages, depth=depth + 1)

    def _container_digest(self, value: Any, depth: int) -> bytes:
        # Posts share their authors, categories and dates with their excerpts, and listing
        # pages share their lists of posts: each container is hashed once per build. It is
        # kept with its digest, so that while it lives no other container has its id.
        assert self.memo is not None
        known = self.memo.get(id(value))
        if known is None:
            inner = _Fingerprint()
            inner._add_container(value, False, depth)
            known = self.memo[id(value)] = (value, b"C" + inner.digest())
        return known[1]

    def add_own(self, value: object) -> None:
        """Bitácora's own template data: frozen dataclasses, dicts and lists of plain values,
        whose repr is complete and quicker than a walk (an object's address would not be)."""
        text = repr(value)
        if " at 0x" in text:
            raise _Unknown("dato de Bitácora sin representación estable")
        self._raw(b"s", text)

    def add_reference(self, item: Any) -> None:
        """Another page, or a navigation entry, as a link to it shows it."""
        if item is None:
            self._raw(b"r", "")
            return
        self._raw(b"r", type(item).__qualname__)
        self.add(getattr(item, "title", None))
        self.add(getattr(item, "url", None))

    def add_toc(self, items: Any) -> None:
        self._raw(b"o", str(len(items)))
        for item in items:
            self._raw(b"s", item.title)
            self._raw(b"s", item.url)
            self._raw(b"n", str(item.level))
            self.add_toc(item.children)

    def add_page(self, page: Page) -> None:
        """The page as its template reads it (an excerpt lacks some of a page's attributes).

        What a page is for the whole build (file, address, title, front matter, neighbours,
        authors…) is hashed once per build; what a listing changes each time it shows an
        excerpt (content, table of contents, continuation) is hashed every time.
        """
        self._raw(b"p", type(page).__qualname__)
        if self.memo is None:
            self._add_page_fixed(page)
        else:
            known = self.memo.get(id(page))
            if known is None:
                inner = _Fingerprint()
                inner._add_page_fixed(page)
                known = self.memo[id(page)] = (page, inner.digest())
            self.hash.update(known[1])
        for name in _PAGE_CHANGING:
            self.add(_read(page, name))
        toc = _read(page, "toc")
        self.add_toc(toc.items if toc is not None else [])
        self.hash.update(b"|")

    def _add_page_fixed(self, page: Page) -> None:
        file = page.file
        for text in (file.src_uri, file.dest_uri, file.url, str(file.inclusion)):
            self._raw(b"s", text)
        for name in _PAGE_ATTRIBUTES:
            self.add(_read(page, name))
        for name in ("previous_page", "next_page", "parent"):
            self.add_reference(_read(page, name))
        for ancestor in _read(page, "ancestors") or ():
            self.add_reference(ancestor)
        for name in _BLOG_ATTRIBUTES:
            if name in vars(page):
                self._raw(b"a", name)
                self.add(vars(page)[name])

    def digest(self) -> bytes:
        return self.hash.digest()


def _copy_plain(value: Any) -> Any:
    """A copy of YAML-like data (dicts, lists, scalars): deepcopy's result, without its memo."""
    kind = type(value)
    if kind is dict:
        return {key: _copy_plain(item) for key, item in value.items()}
    if kind is list:
        return [_copy_plain(item) for item in value]
    if kind in (str, int, float, bool, type(None), dt.date, dt.datetime, dt.time):
        return value  # immutable
    return copy.deepcopy(value)


def _read(page: Page, name: str) -> Any:
    """An attribute of a page, or None where this kind of page has none (an excerpt)."""
    try:
        return getattr(page, name)
    except AttributeError:
        return None


def _is_tag(value: object) -> bool:
    return any(
        kind.__module__.startswith("material.plugins.tags.") and kind.__name__ == "Tag"
        for kind in type(value).__mro__
    )


def _walk(items: Any) -> Iterator[Any]:
    for item in items:
        yield item
        yield from _walk(getattr(item, "children", None) or ())


def _extension_names(config: Any) -> list[str]:
    names = []
    for extension in config["markdown_extensions"]:
        if not isinstance(extension, str):
            return ["<objeto>"]
        names.append(extension.removeprefix("markdown.extensions."))
    return names


def _theme_files(config: Any) -> list[tuple[str, int, int]]:
    """The override files (custom_dir): names, sizes and times; packaged themes go by version."""
    custom = config["theme"].custom_dir
    if not custom:
        return []
    root = Path(custom)
    found = []
    for path in root.rglob("*"):
        if path.is_file():
            stat = path.stat()
            found.append((str(path.relative_to(root)), stat.st_mtime_ns, stat.st_size))
    return sorted(found)


class _Memo:
    """Results by input digest, forgetting those the last build did not ask for."""

    def __init__(self) -> None:
        self.values: dict[bytes, Any] = {}
        self.used: set[bytes] = set()

    def get(self, key: bytes) -> Any:
        self.used.add(key)
        return self.values.get(key)

    def put(self, key: bytes, value: Any) -> None:
        self.used.add(key)
        self.values[key] = value

    def prune(self) -> None:
        self.values = {key: value for key, value in self.values.items() if key in self.used}
        self.used = set()


class _Bytecode(BytecodeCache):
    """Compiled templates kept in memory between builds; Jinja checks each source's checksum."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        data = self.compiled.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


class _PreviousOutput:
    """The last build's files, moved back into place when a build writes the same bytes.

    MkDocs empties the site folder before every build and writes every file again: on a
    1,000-post blog that is some 60 MB a save, and the disk's time for it grows from one
    build to the next. Before MkDocs empties the folder (on_pre_build), its files are moved
    aside, in one rename; a page or index written with the same bytes, or a static file
    copied from an unchanged source (same size, not newer than the copy, MkDocs' own
    `--dirty` test), is moved back instead. What is left of the old folder is deleted in the
    background once the build ends.
    """

    def __init__(self) -> None:
        self.site_dir: str | None = None
        self.previous: str | None = None
        self.builds = 0
        self.moved = 0
        self.set_aside: list[str] = []  # every folder moved aside, to delete at shutdown

    def start(self, site_dir: str) -> None:
        self.moved = 0
        if not os.path.isdir(site_dir) or not os.listdir(site_dir):
            return  # the first build: nothing to keep
        self.builds += 1
        previous = f"{site_dir.rstrip(os.sep)}.anterior-{os.getpid()}-{self.builds}"
        os.rename(site_dir, previous)
        self.set_aside.append(previous)
        os.mkdir(site_dir)
        for entry in os.listdir(previous):
            if entry.startswith("."):  # MkDocs keeps hidden entries of the site folder
                os.rename(os.path.join(previous, entry), os.path.join(site_dir, entry))
        self.site_dir, self.previous = site_dir, previous

    def _old(self, output_path: str) -> str | None:
        if self.previous is None or self.site_dir is None:
            return None
        relative = os.path.relpath(output_path, self.site_dir)
        if relative.startswith(os.pardir) or os.path.exists(output_path):
            return None  # outside the site, or written twice in this build
        old = os.path.join(self.previous, relative)
        return old if os.path.isfile(old) else None

    def _move_back(self, old: str, output_path: str) -> None:
        os.makedirs(os.path.dirname(output_path), exist_ok=True)
        os.rename(old, output_path)
        self.moved += 1

    def write_file(self, content: bytes, output_path: str, original: Callable[..., None]) -> None:
        old = self._old(output_path)
        if old is not None and os.path.getsize(old) == len(content):
            with open(old, "rb") as handle:
                if handle.read() == content:
                    self._move_back(old, output_path)
                    return
        original(content, output_path)

    def copy_file(self, source: str, output_path: str, original: Callable[..., None]) -> None:
        if os.path.isdir(output_path):
            output_path = os.path.join(output_path, os.path.basename(source))
        old = self._old(output_path)
        if old is not None:
            kept, now = os.stat(old), os.stat(source)
            if kept.st_size == now.st_size and kept.st_mtime_ns >= now.st_mtime_ns:
                self._move_back(old, output_path)
                return
        original(source, output_path)

    def finish(self) -> None:
        if self.previous is not None:
            # Deleting ~2,000 folders takes a moment the author need not wait for.
            threading.Thread(target=shutil.rmtree, args=(self.previous, True), daemon=True).start()
        self.site_dir = self.previous = None

    def close(self) -> None:
        """Delete what is left of the set-aside folders (an interrupted build's, too)."""
        for folder in self.set_aside:
            shutil.rmtree(folder, ignore_errors=True)
        self.set_aside = []


class _YamlModule:
    """Stands in for the `yaml` module where Material and MkDocs read front matter."""

    def __init__(self, memo: _Memo) -> None:
        self.memo = memo

    def load(self, stream: str, Loader: Any) -> Any:  # noqa: N803 - yaml.load's own name
        if not isinstance(stream, str):
            return yaml.load(stream, Loader)  # noqa: S506 - the caller's loader, as before
        key = _Fingerprint(stream, f"{Loader.__module__}.{Loader.__qualname__}").digest()
        known = self.memo.get(key)
        if known is None:
            known = yaml.load(stream, Loader)  # noqa: S506 - the caller's loader, as before
            self.memo.put(key, known)
        return _copy_plain(known)

    def __getattr__(self, name: str) -> Any:
        return getattr(yaml, name)  # YAMLError and the rest, as the real module has them


@dataclasses.dataclass
class _Converted:
    """What `Page.render` left on a page, kept for the next build."""

    key: bytes
    content: bytes  # zlib
    toc: Any
    title_from_render: str | None
    present_anchor_ids: frozenset[str] | None
    links_to_anchors: dict[str, dict[str, str]] | None
    records: list[logging.LogRecord]


class _RecordCollector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


class ServeReuse:
    """The caches of one `mkdocs serve` session; `begin` and `end` bracket each build."""

    def __init__(self) -> None:
        self.converted: dict[str, _Converted] = {}  # by src_uri
        self.rendered: dict[str, tuple[bytes, bytes]] = {}  # src_uri → (fingerprint, zlib HTML)
        self.pending: dict[str, bytes] = {}  # src_uri → this build's fingerprint
        self.memo: dict[int, tuple[Any, bytes]] = {}  # this build's list digests (_Fingerprint)
        self.active = False
        self.markdown_key = b""
        self.config_key = b""
        self.build_key: bytes | None = None
        self.nav_items: list[Any] = []
        self.files_keys: dict[int, bytes] = {}
        self.excerpts = ExcerptMemo(b"")
        self.search_entries = _Memo()  # a page's search index entries
        self.readtimes = _Memo()  # a post's reading time, by its HTML
        self.front_matter = _Memo()  # parsed YAML, by its text (Material and MkDocs parse it)
        self.bytecode = _Bytecode()
        self.output = _PreviousOutput()
        self.counts = {"converted": 0, "conversions_reused": 0, "rendered": 0, "reused": 0}
        self._undo: list[Callable[[], None]] = []

    # -- one build -----------------------------------------------------------------------

    def begin(self, config: Any) -> None:
        """Start a build: install the Markdown step (call in on_config, while serving)."""
        self.active = True
        self.build_key = None
        self.files_keys = {}
        self.pending = {}
        self.memo = {}
        self.counts = dict.fromkeys(self.counts, 0)
        path = config.config_file_path
        self.config_key = _Fingerprint(Path(path).read_bytes() if path else b"").digest()
        names = _extension_names(config)
        pure = all(name in _PURE_EXTENSIONS for name in names)
        # repr: options may hold functions (a slugify); an object without a stable repr just
        # never matches, and its pages are converted every build.
        options = repr(sorted((config["mdx_configs"] or {}).items()))
        self.markdown_key = _Fingerprint(names, options).digest() if pure else b""
        self._install()

    def end(self) -> None:
        """Finish a build, failed or not: MkDocs and Material are their own again."""
        self.active = False
        self.memo = {}
        for memo in (self.excerpts, self.search_entries, self.readtimes, self.front_matter):
            memo.prune()
        self.output.finish()
        self._uninstall()

    def close(self) -> None:
        """The serve session ends (on_shutdown): no folder of ours is left in /tmp."""
        self.output.close()
        gc.unfreeze()

    def settle_heap(self, delay: float = SETTLE_AFTER_SECONDS) -> threading.Thread:
        """Collect the last build's garbage and freeze what is left, a moment after a build.

        A serving process holds every memo above plus MkDocs' pages: hundreds of thousands of
        objects that Python's cycle collector walked twice per rebuild (half a second of a
        five-second rebuild at 1,000 posts). Frozen, they are skipped. What a build leaves
        behind in reference cycles (MkDocs' pages and navigation point at each other) is
        collected here, after the build, while the author reads the page — so frozen
        objects never pile up from one save to the next.
        """

        def settle() -> None:
            time.sleep(delay)  # after the browser has reloaded, not during the build
            gc.unfreeze()
            gc.collect()
            gc.freeze()

        thread = threading.Thread(target=settle, name="bitacora-gc", daemon=True)
        thread.start()
        return thread

    def keep_previous_output(self, site_dir: str) -> None:
        """Move the last build's files aside before MkDocs empties the folder (on_pre_build)."""
        if self.active:
            self.output.start(site_dir)

    def prepare_env(self, env: Any) -> None:
        """Templates compiled once per session, not once per build (call in on_env)."""
        if self.active and env.bytecode_cache is None:
            env.bytecode_cache = self.bytecode

    def excerpt_memo(self, files: Any) -> ExcerptMemo | None:
        """Excerpts kept between builds, or None when Markdown output is not reusable."""
        if not self.active or not self.markdown_key:
            return None
        base = _Fingerprint(self.markdown_key, self._files_key(files)).digest()
        if base != self.excerpts.base:
            self.excerpts = ExcerptMemo(base)  # other files or options: other links
        return self.excerpts

    def summary(self) -> str:
        counts = self.counts
        return (
            f"{counts['reused']} páginas reutilizadas y {counts['rendered']} generadas; "
            f"Markdown reutilizado en {counts['conversions_reused']} y convertido en "
            f"{counts['converted']}; {self.output.moved} archivos iguales conservados"
        )

    # -- converted Markdown --------------------------------------------------------------

    def _files_key(self, files: Any) -> bytes:
        if id(files) not in self.files_keys:
            listing = sorted((f.src_uri, f.dest_uri, f.url) for f in files)
            self.files_keys[id(files)] = _Fingerprint(listing).digest()
        return self.files_keys[id(files)]

    def _patch(self, owner: Any, name: str, replacement: Any) -> None:
        original = vars(owner)[name]
        setattr(owner, name, replacement)
        self._undo.append(lambda: setattr(owner, name, original))

    def _install(self) -> None:
        if self._undo:
            return
        reuse = self
        if self.markdown_key:
            convert_page = Page.render

            def render(page: Page, config: Any, files: Any) -> None:
                reuse.convert(page, config, files, convert_page)

            self._patch(Page, "render", render)
        index_page = SearchIndex.add_entry_from_context

        def add_entry_from_context(index: SearchIndex, page: Page) -> None:
            reuse.index(index, page, index_page)

        self._patch(SearchIndex, "add_entry_from_context", add_entry_from_context)
        count_words = blog_plugin.readtime

        def readtime(html: str, speed: int) -> int:
            key = _Fingerprint(html, speed).digest()
            minutes = reuse.readtimes.get(key)
            if minutes is None:
                minutes = count_words(html, speed)
                reuse.readtimes.put(key, minutes)
            return int(minutes)

        self._patch(blog_plugin, "readtime", readtime)
        # Material reads every post's front matter, and MkDocs every page's, at each build:
        # the same text gives a copy of the same values (the copy: both modify what they get).
        cached_yaml = _YamlModule(self.front_matter)
        self._patch(blog_structure, "yaml", cached_yaml)
        self._patch(mkdocs_meta, "yaml", cached_yaml)
        write_file, copy_file = mkdocs.utils.write_file, mkdocs.utils.copy_file

        def write(content: bytes, output_path: str) -> None:
            reuse.output.write_file(content, output_path, write_file)

        def copy(source_path: str, output_path: str) -> None:
            reuse.output.copy_file(source_path, output_path, copy_file)

        self._patch(mkdocs.utils, "write_file", write)
        self._patch(mkdocs.utils, "copy_file", copy)

    def _uninstall(self) -> None:
        while self._undo:
            self._undo.pop()()

    # -- search index --------------------------------------------------------------------

    def index(self, index: Any, page: Page, original: Callable[..., None]) -> None:
        """Material's search entries for a page, or a copy of the last ones for the same page."""
        fingerprint = _Fingerprint(self.config_key, page.url, page.title, page.content)
        try:
            fingerprint.add_own(page.meta)
        except _Unknown:
            original(index, page)
            return
        toc = page.toc
        fingerprint.add_toc(toc.items if toc is not None else [])
        key = fingerprint.digest()
        known = self.search_entries.get(key)
        if known is not None:
            index.entries.extend(_copy_plain(known))
            return
        before = len(index.entries)
        original(index, page)
        self.search_entries.put(key, _copy_plain(index.entries[before:]))

    def convert(self, page: Page, config: Any, files: Any, original: Callable[..., None]) -> None:
        """`Page.render`, or what it left on this page the last time for the same input."""
        key = _Fingerprint(
            type(page).__qualname__,
            page.file.src_uri,
            page.file.url,
            page.markdown,
            self.markdown_key,
            self._files_key(files),
        ).digest()
        known = self.converted.get(page.file.src_uri)
        if known is not None and known.key == key and self._restore(page, known, files):
            self.counts["conversions_reused"] += 1
            return
        collector = _RecordCollector()
        logger = logging.getLogger("mkdocs")
        logger.addHandler(collector)
        try:
            original(page, config, files)
        finally:
            logger.removeHandler(collector)
        self.counts["converted"] += 1
        links = page.links_to_anchors
        self.converted[page.file.src_uri] = _Converted(
            key=key,
            content=zlib.compress((page.content or "").encode("utf-8"), 1),
            toc=copy.deepcopy(page.toc),
            title_from_render=page._title_from_render,
            present_anchor_ids=(
                frozenset(page.present_anchor_ids) if page.present_anchor_ids is not None else None
            ),
            links_to_anchors=(
                {target.src_uri: dict(anchors) for target, anchors in links.items()}
                if links is not None
                else None
            ),
            records=collector.records,
        )

    @staticmethod
    def _restore(page: Page, known: _Converted, files: Any) -> bool:
        links = None
        if known.links_to_anchors is not None:
            links = {}
            for uri, anchors in known.links_to_anchors.items():
                target = files.get_file_from_path(uri)
                if target is None:
                    return False
                links[target] = dict(anchors)
        page.content = zlib.decompress(known.content).decode("utf-8")
        page.toc = copy.deepcopy(known.toc)
        page._title_from_render = known.title_from_render
        page.present_anchor_ids = (
            set(known.present_anchor_ids) if known.present_anchor_ids is not None else None
        )
        page.links_to_anchors = links
        for record in known.records:
            logging.getLogger(record.name).handle(record)  # the same warning, counted again
        return True

    # -- rendered HTML -------------------------------------------------------------------

    def _build_fingerprint(self, config: Any, nav_items: list[Any], files: Any) -> bytes:
        navigation = [
            (type(item).__qualname__, getattr(item, "title", None), getattr(item, "url", None))
            for item in nav_items
        ]
        return _Fingerprint(
            [version(name) for name in ("mkdocs", "mkdocs-material", "bitacora")],
            self.config_key,
            config.site_url,
            _theme_files(config),
            self._files_key(files),
            navigation,
        ).digest()

    def fingerprint(self, context: Mapping[str, Any], page: Page, config: Any, files: Any) -> None:
        """Note what this page's template is given (call last in on_page_context)."""
        if not self.active:
            return
        nav = context.get("nav")
        if nav is None:
            return
        if self.build_key is None:
            self.nav_items = list(_walk(nav.items))
            self.build_key = self._build_fingerprint(config, self.nav_items, files)
        fingerprint = _Fingerprint(self.build_key, memo=self.memo)
        try:
            fingerprint.add_page(page)
            active = bytes(bool(getattr(item, "active", False)) for item in self.nav_items)
            fingerprint.hash.update(active)
            for name in sorted(context):
                if name in _CONTEXT_READ_ELSEWHERE:
                    continue
                value = context[name]
                fingerprint.add(name)
                if name == "pagination" and callable(value):
                    # Material's pager: its links follow from the listing's pages and size.
                    fingerprint.add(getattr(page, "pages", None) or [])
                    fingerprint.add(len(getattr(page, "posts", None) or ()))
                elif name.startswith("bitacora_"):
                    fingerprint.add_own(value)
                else:
                    fingerprint.add(value, whole_pages=True)
        except _Unknown as unknown:
            log.debug(f"{page.file.src_uri}: se genera de nuevo ({unknown} en el contexto)")
            return
        self.pending[page.file.src_uri] = fingerprint.digest()

    def reusing(self, render: Callable[..., str]) -> Callable[..., str]:
        """A page template's `render`, returning the last HTML when the fingerprint matches."""
        if getattr(render, "bitacora_reuse", False):
            return render

        def reuse(*args: Any, **kwargs: Any) -> str:
            context = args[0] if args and isinstance(args[0], Mapping) else kwargs
            page = context.get("page")
            uri = getattr(getattr(page, "file", None), "src_uri", None)
            key = self.pending.pop(uri, None) if uri is not None else None
            known = self.rendered.get(uri) if uri is not None else None
            if key is not None and known is not None and known[0] == key:
                self.counts["reused"] += 1
                return zlib.decompress(known[1]).decode("utf-8")
            html = render(*args, **kwargs)
            if key is not None and uri is not None:
                self.counts["rendered"] += 1
                self.rendered[uri] = (key, zlib.compress(html.encode("utf-8"), 1))
            return html

        reuse.bitacora_reuse = True  # type: ignore[attr-defined]
        return reuse

    def forget_missing(self, files: Any) -> None:
        """Drop what belonged to pages that are gone (call at the end of a build)."""
        present = {f.src_uri for f in files}
        for store in (self.converted, self.rendered):
            for uri in [uri for uri in store if uri not in present]:
                del store[uri]
