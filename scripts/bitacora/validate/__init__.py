"""Validation stage: post files → every problem an author must fix, with file, line and fix.

Input: the posts folder and the site's settings (categories_allowed, .authors.yml, the
description limit) plus the files of the site, to check internal links. Output: a `Check`
with every error of every file (collect, then stop) and the notices for drafts. The same
function runs behind `bitacora check` and inside `mkdocs build` (the plugin's on_files).
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import BrokenExecutor, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from slugify import slugify

from bitacora.errors import BitacoraError, BitacoraErrors, closest
from bitacora.model import Post
from bitacora.posts import (
    FrontMatter,
    iter_post_files,
    parse_front_matter,
    post_from_front_matter,
)
from bitacora.related.index import path_keys, resolve_pin
from bitacora.settings import Settings
from bitacora.spanish import fold
from bitacora.validate.body import EXCERPT_MARKER, SKELETON_LINES, BodyChecks
from bitacora.validate.context import (
    CheckContext,
    display_path,
    docs_relative,
    list_site_files,
    load_author_keys,
)
from bitacora.validate.front import KNOWN_KEYS, REQUIRED_KEYS, FrontMatterChecks

__all__ = [
    "CheckMemo",
    "EXCERPT_MARKER",
    "KNOWN_KEYS",
    "REQUIRED_KEYS",
    "SKELETON_LINES",
    "Check",
    "check_posts",
    "display_path",
    "list_site_files",
    "load_author_keys",
]


@dataclass(frozen=True)
class Check:
    """The outcome of checking the posts: errors block publishing, notices only inform."""

    errors: tuple[BitacoraError, ...]
    notices: tuple[BitacoraError, ...] = ()
    checked: int = 0

    @property
    def is_clean(self) -> bool:
        return not self.errors


@dataclass(frozen=True)
class _Seen:
    """What cross-file checks need from one post."""

    shown: str
    title: str
    title_line: int
    slug: str
    slug_line: int  # of `slug:` when written, else of the title it comes from
    related_line: int
    path: Path
    # The post itself is built only when some post pins others. None when the post was
    # checked in another process (its YAML nodes are not worth sending back): read again.
    front: FrontMatter | None
    pins: bool  # its `related:` names posts
    docs_path: str | None  # relative to docs_dir, as links resolve
    is_draft: bool

    def post(self) -> Post | None:
        try:
            front = self.front or parse_front_matter(self.path.read_text("utf-8"), self.shown)
            return post_from_front_matter(front, self.path)
        except (BitacoraError, BitacoraErrors, OSError, UnicodeDecodeError):
            return None  # already reported, with its line, by the checks of its file


class _FileCheck(FrontMatterChecks, BodyChecks):
    def run(self) -> None:
        self.check_front_matter()
        self.check_body()


def _check_file(path: Path, ctx: CheckContext) -> _Seen | None:
    shown = display_path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        ctx.errors.append(
            BitacoraError(
                shown, None, "el archivo no está en UTF-8", "guárdalo con codificación UTF-8"
            )
        )
        return None
    try:
        front = parse_front_matter(text, shown)
    except BitacoraError as error:
        ctx.errors.append(error)
        return None
    before = len(ctx.errors)
    _FileCheck(path, text, front, ctx).run()
    ctx.errors[before:] = sorted(ctx.errors[before:], key=lambda e: e.line or 0)
    title = str(front.data.get("title") or "").strip()
    explicit = front.data.get("slug")
    slug = str(explicit) if isinstance(explicit, str) and explicit else slugify(title)
    return _Seen(
        shown=shown,
        title=title,
        title_line=front.line_of("title"),
        slug=slug,
        slug_line=front.line_of("slug" if explicit else "title"),
        related_line=front.line_of("related"),
        path=path,
        front=front,
        pins=isinstance(front.data.get("related"), list),
        docs_path=_docs_path(path, ctx.settings.docs_dir),
        is_draft=front.data.get("draft") is True,
    )


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector off while the posts are read.

    Reading 10,000 posts makes millions of small objects and keeps many of them (each
    post's YAML nodes, for the checks across posts); the collector would walk that growing
    heap again and again, for a third of the check's time, to find cycles this code does
    not make. Reference counting still frees everything; any cycle waits for the next
    collection after the check.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@dataclass
class CheckMemo:
    """Each post's own findings from the last check, for `mkdocs serve` rebuilds.

    A post whose file has the same modification time and size, checked against the same
    settings, site files and authors, has the same findings: they are reused instead of
    reading and checking it again. Checks across posts (duplicates, pins, links to drafts)
    always run on the whole set.
    """

    key: Any = None
    files: dict[Path, tuple[tuple[int, int], tuple[Any, ...]]] = field(default_factory=dict)

    def start(self, key: Any) -> None:
        if key != self.key:
            self.key, self.files = key, {}


def _check_file_remembered(path: Path, ctx: CheckContext, memo: CheckMemo | None) -> _Seen | None:
    if memo is None:
        return _check_file(path, ctx)
    try:
        stat = path.stat()
    except OSError:
        return _check_file(path, ctx)  # reports the unreadable file as usual
    stamp = (stat.st_mtime_ns, stat.st_size)
    known = memo.files.get(path)
    if known is not None and known[0] == stamp:
        errors, notices, links, seen = known[1]
        ctx.errors.extend(errors)
        ctx.notices.extend(notices)
        ctx.links.extend(links)
        return seen  # type: ignore[no-any-return]
    counts = len(ctx.errors), len(ctx.notices), len(ctx.links)
    seen = _check_file(path, ctx)
    found = (ctx.errors[counts[0] :], ctx.notices[counts[1] :], ctx.links[counts[2] :], seen)
    memo.files[path] = (stamp, found)
    return seen


# From this many posts the check runs on two cores (at 10,000 posts, 2.3 s → 1.3 s). Below
# it the check takes a fraction of a second, and a forked process, short-lived as it is,
# adds its memory to the build's. Each post's checks depend only on that post and the site's
# files; only the checks across posts (titles, slugs, pins, links to drafts) need them all.
_PARALLEL_FROM = 5_000
_Found = tuple[list[BitacoraError], list[BitacoraError], list[Any], "_Seen | None"]
_SHARED: CheckContext | None = None  # what a forked worker inherits


def _check_part(paths: list[Path]) -> list[_Found]:
    """In a forked process: each post's own findings, in order."""
    assert _SHARED is not None
    ctx = replace(_SHARED, errors=[], notices=[], links=[])
    found: list[_Found] = []
    for path in paths:
        counts = len(ctx.errors), len(ctx.notices), len(ctx.links)
        seen = _check_file(path, ctx)
        light = replace(seen, front=None) if seen is not None else None
        found.append(
            (ctx.errors[counts[0] :], ctx.notices[counts[1] :], ctx.links[counts[2] :], light)
        )
    return found


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods() and (os.cpu_count() or 1) > 1


def _check_files(
    paths: list[Path], ctx: CheckContext, memo: CheckMemo | None, parallel: bool
) -> list[_Seen]:
    """Every post's own checks, in order; the second half on another core for a large site
    (a forked process inherits the site's file list instead of receiving it). While serving,
    the memo makes each rebuild check only what changed: in one process."""
    if parallel and memo is None and len(paths) >= _PARALLEL_FROM and _can_fork():
        global _SHARED
        half = len(paths) // 2
        _SHARED = ctx
        counts = len(ctx.errors), len(ctx.notices), len(ctx.links)
        try:
            context = multiprocessing.get_context("fork")
            with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
                later = pool.submit(_check_part, paths[half:])
                seen = [item for path in paths[:half] if (item := _check_file(path, ctx))]
                for errors, notices, links, item in later.result():
                    ctx.errors += errors
                    ctx.notices += notices
                    ctx.links += links
                    if item is not None:
                        seen.append(item)
                return seen
        except (OSError, BrokenExecutor):  # no second process: check them all here
            del ctx.errors[counts[0] :], ctx.notices[counts[1] :], ctx.links[counts[2] :]
        finally:
            _SHARED = None
    return [item for path in paths if (item := _check_file_remembered(path, ctx, memo))]


def _docs_path(path: Path, docs_dir: Path) -> str | None:
    return docs_relative(path, docs_dir)


def _check_links_to_drafts(seen: list[_Seen], ctx: CheckContext) -> None:
    """A published post must not link to a draft: drafts are left out of the built site."""
    drafts = {item.docs_path: item for item in seen if item.is_draft and item.docs_path}
    for link in ctx.links:
        draft = drafts.get(link.target)
        if draft is not None and not link.from_draft:
            ctx.errors.append(
                BitacoraError(
                    link.shown,
                    link.line,
                    f"el enlace «{link.raw}» apunta a un borrador ({draft.shown} tiene "
                    "«draft: true»), que no se publica",
                    "publica ese artículo antes (quita «draft: true») o quita el enlace",
                )
            )


def _check_duplicates(seen: list[_Seen], ctx: CheckContext) -> None:
    by_title: dict[str, _Seen] = {}
    by_slug: dict[str, _Seen] = {}
    for item in seen:
        first = by_title.get(fold(item.title)) if item.title else None
        if first is not None:
            ctx.errors.append(
                BitacoraError(
                    item.shown,
                    item.title_line,
                    f"el título «{item.title}» ya lo usa {first.shown}:{first.title_line}",
                    "cambia uno de los dos títulos: cada artículo necesita el suyo",
                )
            )
        elif item.slug and item.slug in by_slug:
            other = by_slug[item.slug]
            ctx.errors.append(
                BitacoraError(
                    item.shown,
                    item.slug_line,
                    f"el slug «{item.slug}» ya lo usa {other.shown}:{other.slug_line}: las dos "
                    "direcciones coincidirían",
                    "escribe otro «slug:» en uno de los dos",
                )
            )
        if item.title:
            by_title.setdefault(fold(item.title), item)
        if item.slug:
            by_slug.setdefault(item.slug, item)


def _check_pins(seen: list[_Seen], ctx: CheckContext) -> None:
    if not any(item.pins for item in seen):
        return  # nothing pinned: no need to build every post
    built = [(item, item.post()) for item in seen]
    posts = [post for _, post in built if post is not None]
    by_slug = {post.slug: post for post in posts}
    by_path = {key: post for post in posts for key in path_keys(post)}
    for item, post in built:
        if post is None or not isinstance(post.related, tuple):
            continue
        for pin in post.related:
            target = resolve_pin(pin, by_slug, by_path)
            if target is not None and target.draft and not post.draft:
                ctx.errors.append(
                    BitacoraError(
                        item.shown,
                        item.related_line,
                        f"el artículo relacionado «{pin}» es un borrador («draft: true»): no se "
                        "publica, así que no se puede enlazar",
                        "publícalo antes (quita «draft: true») o quítalo de «related»",
                    )
                )
            if target is None:
                guess = closest(Path(pin).stem, by_slug)
                ctx.errors.append(
                    BitacoraError(
                        item.shown,
                        item.related_line,
                        f"el artículo relacionado «{pin}» no existe",
                        f"¿querías decir «{guess}»?"
                        if guess
                        else "usa el slug o la ruta de un post",
                    )
                )


def check_posts(
    settings: Settings,
    site_files: Iterable[str] | None = None,
    posts_dir: Path | None = None,
    memo: CheckMemo | None = None,
    parallel: bool = True,
) -> Check:
    """Check every post; returns all errors of all files, and notices for drafts.

    `site_files` are the docs-relative paths MkDocs publishes (the plugin passes its own
    list); by default they are read from `settings.docs_dir`. `memo` keeps each post's
    findings between calls (`mkdocs serve`). `parallel=False` keeps a large site's check in
    this one process.
    """
    files = frozenset(site_files) if site_files is not None else list_site_files(settings.docs_dir)
    ctx = CheckContext(settings=settings, site_files=files, author_keys=None)
    paths = list(iter_post_files(posts_dir or settings.posts_dir))
    if paths:  # a site without posts needs no authors file
        try:
            ctx.author_keys = load_author_keys(settings.authors_file)
        except BitacoraError as error:
            ctx.errors.append(error)
    if memo is not None:
        memo.start((repr(settings), files, ctx.author_keys))
    with _collector_paused():
        seen = _check_files(paths, ctx, memo, parallel)
    _check_duplicates(seen, ctx)
    _check_pins(seen, ctx)
    _check_links_to_drafts(seen, ctx)
    # Cross-file problems were found last: show everything file by file, line by line.
    ctx.errors.sort(key=lambda e: (str(e.path), e.line or 0))
    return Check(errors=tuple(ctx.errors), notices=tuple(ctx.notices), checked=len(paths))
