"""Digest stage, selection: the site's posts → a `Digest` (what the newsletter says).

Input: the posts folder, the authors file and the settings read from mkdocs.yml. Output: the
published posts of a date window, newest first, grouped by category, each with what a reader
needs to decide to open it, and an absolute link computed as Material's blog plugin does.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from math import ceil
from pathlib import Path

import markdown
from babel.dates import format_date, format_datetime

from bitacora.authors import author_names
from bitacora.errors import BitacoraError, BitacoraErrors
from bitacora.model import Post, RelatedLink
from bitacora.posts import iter_post_files, parse_front_matter, post_from_front_matter
from bitacora.settings import BlogSettings, Settings
from bitacora.spanish import long_date

__all__ = [
    "Digest",
    "DigestEntry",
    "DigestSection",
    "DigestWindow",
    "post_url",
    "reading_minutes",
    "select_digest",
]

UNCATEGORIZED = "Otros artículos"
# Python-Markdown extensions close enough to the site's for counting words as Material does.
_MARKDOWN_EXTENSIONS = ("abbr", "admonition", "attr_list", "footnotes", "md_in_html", "tables")
_VOID_TAGS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param"}
    | {"source", "track", "wbr"}
)


@dataclass(frozen=True)
class DigestWindow:
    """The dates a digest covers, both included; `until` is also the digest's own date."""

    since: dt.date
    until: dt.date


@dataclass(frozen=True)
class DigestEntry:
    """One article as the newsletter shows it."""

    slug: str
    title: str
    date: dt.date
    date_text: str  # "7 de diciembre de 2022"
    authors: tuple[str, ...]  # display names from .authors.yml
    reading_minutes: int
    description: str
    url: str  # absolute, on the published site
    category: str
    source_path: str  # the post's file relative to docs_dir, for links inside the site


@dataclass(frozen=True)
class DigestSection:
    category: str
    entries: tuple[DigestEntry, ...]


@dataclass(frozen=True)
class Digest:
    """Everything the renderers need; no file is read after this point."""

    site_name: str
    site_url: str
    window: DigestWindow
    subject: str
    intro: str
    lead: DigestEntry  # the newest article, featured first
    lead_related: tuple[DigestEntry, ...]
    sections: tuple[DigestSection, ...]  # the other articles, by category

    @property
    def date(self) -> dt.date:
        return self.window.until

    @property
    def entries(self) -> tuple[DigestEntry, ...]:
        """Every article of the digest: the lead, then the sections in order."""
        return (self.lead, *(entry for section in self.sections for entry in section.entries))


class _ReadtimeText(HTMLParser):
    """Material's ReadtimeParser: text outside script/style/svg/object, and images."""

    _SKIP = frozenset({"object", "script", "style", "svg"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.context: list[str] = []
        self.text: list[str] = []
        self.images = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            self.images += 1
        if tag not in _VOID_TAGS:
            self.context.append(tag)

    def handle_data(self, data: str) -> None:
        if not self._SKIP.intersection(self.context):
            self.text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self.context and self.context[-1] == tag:
            self.context.pop()


@lru_cache(maxsize=1)
def _readtime_markdown() -> markdown.Markdown:
    """One parser for every post (reset before each): making one costs more than using it."""
    return markdown.Markdown(extensions=list(_MARKDOWN_EXTENSIONS))


def reading_minutes(post: Post, words_per_minute: int) -> int:
    """Minutes to read a post, by the rule of Material's blog `readtime` (at least 1).

    An author's own `readtime:` in the front matter wins, as it does on the site.
    """
    declared = post.extra.get("readtime")
    if isinstance(declared, int) and not isinstance(declared, bool) and declared > 0:
        return declared
    html = _readtime_markdown().reset().convert(post.body)
    parser = _ReadtimeText()
    parser.feed(html)
    parser.close()
    words = len(re.split(r"\W+", "".join(parser.text)))
    seconds = ceil(words / words_per_minute * 60)
    delta = 12  # each image adds 12 s, then one second less per image, down to 3 s
    for _ in range(parser.images):
        seconds += delta
        if delta > 3:
            delta -= 1
    return max(1, ceil(seconds / 60))


def _material_slug(post: Post, blog: BlogSettings, has_own_slug: bool) -> str:
    # Material uses the front matter's `slug`, else slugifies the title (not the file name).
    if has_own_slug:
        return post.slug
    return blog.post_slugify(post.title, blog.post_slugify_separator)


def post_url(post: Post, site_url: str, blog: BlogSettings, *, has_own_slug: bool = True) -> str:
    """The post's absolute URL, as Material's blog plugin builds it from mkdocs.yml."""
    pattern = blog.post_url_date_format
    created = dt.datetime.combine(post.date, dt.time())
    if pattern in ("full", "long", "medium", "short"):
        date_part = format_date(created, format=pattern, locale=blog.language.replace("-", "_"))
    else:
        date_part = format_datetime(created, pattern, locale=blog.language.replace("-", "_"))
    path = blog.post_url_format.format(
        categories="/".join(
            blog.categories_slugify(name, blog.categories_slugify_separator)
            for name in post.categories[: blog.post_url_max_categories]
        ),
        date=date_part,
        file=post.path.stem if post.path else post.slug,
        slug=_material_slug(post, blog, has_own_slug),
    )
    path = posixpath.join(blog.blog_dir, posixpath.normpath(path.strip("/")))
    path = f"{path}/" if blog.use_directory_urls else f"{path}.html"
    return site_url.rstrip("/") + "/" + path


@dataclass(frozen=True)
class _Loaded:
    post: Post
    has_own_slug: bool


def _load_posts(posts_dir: Path) -> list[_Loaded]:
    loaded, problems = [], []
    for path in iter_post_files(posts_dir):
        try:
            text = path.read_text(encoding="utf-8")
            front = parse_front_matter(text, path)
            post = post_from_front_matter(front, path)
        except UnicodeDecodeError:
            problems.append(
                BitacoraError(path, None, "el archivo no está en UTF-8", "guárdalo en UTF-8")
            )
            continue
        except BitacoraError as error:
            problems.append(error)
            continue
        except BitacoraErrors as errors:
            problems.extend(errors.errors)
            continue
        loaded.append(_Loaded(post, bool(front.data.get("slug"))))
    if problems:
        raise BitacoraErrors(problems)
    return loaded


def _is_published(post: Post, today: dt.date) -> bool:
    return not post.is_draft and post.date <= today


def _section_order(categories_allowed: Sequence[str]) -> Callable[[str], tuple[int, str]]:
    rank = {name: index for index, name in enumerate(categories_allowed)}
    return lambda name: (rank.get(name, len(rank)), name)


def _newest_first(post: Post) -> tuple[int, str]:
    return (-post.date.toordinal(), post.slug)


def select_digest(
    settings: Settings,
    window: DigestWindow,
    *,
    today: dt.date,
    related: Callable[[Sequence[Post]], dict[str, tuple[RelatedLink, ...]]],
) -> Digest:
    """The digest of the published posts dated within `window` (drafts and future posts never).

    `related` computes related links for every post (the related stage); only the lead
    article's are used. Raises `BitacoraError` for a missing site_url or an empty window.
    """
    if not settings.site_url:
        raise BitacoraError(
            "mkdocs.yml",
            None,
            "falta site_url: los enlaces de un correo tienen que ser absolutos",
            "añade, por ejemplo, «site_url: https://tu-sitio.org/» a mkdocs.yml",
        )
    if window.since > window.until:
        raise BitacoraError(
            None,
            None,
            f"el periodo empieza ({window.since.isoformat()}) después de terminar "
            f"({window.until.isoformat()})",
            "pon en --since una fecha anterior a --until",
        )
    site_url = settings.site_url if settings.site_url.endswith("/") else settings.site_url + "/"
    loaded = _load_posts(settings.posts_dir)
    published = [item for item in loaded if _is_published(item.post, today)]
    chosen = sorted(
        (item for item in published if window.since <= item.post.date <= window.until),
        key=lambda item: _newest_first(item.post),
    )
    if not chosen:
        raise BitacoraError(
            settings.posts_dir,
            None,
            f"no hay artículos publicados entre el {long_date(window.since)} y el "
            f"{long_date(window.until)} (los borradores y los artículos con fecha futura no "
            "cuentan)",
            "amplía el periodo con --days o --since",
        )
    names = author_names(settings.authors_file)
    wpm = settings.blog.readtime_words_per_minute

    def entry(item: _Loaded) -> DigestEntry:
        post = item.post
        return DigestEntry(
            slug=post.slug,
            title=post.title,
            date=post.date,
            date_text=long_date(post.date),
            authors=tuple(names.get(key, key) for key in post.authors),
            reading_minutes=reading_minutes(post, wpm),
            description=post.description,
            url=post_url(post, site_url, settings.blog, has_own_slug=item.has_own_slug),
            category=post.categories[0] if post.categories else UNCATEGORIZED,
            source_path=_relative_to_docs(post.path, settings.docs_dir),
        )

    entries = [entry(item) for item in chosen]
    lead = entries[0]
    by_category: dict[str, list[DigestEntry]] = {}
    for item in entries[1:]:
        by_category.setdefault(item.category, []).append(item)
    order = _section_order(settings.categories_allowed)
    sections = tuple(
        DigestSection(name, tuple(by_category[name])) for name in sorted(by_category, key=order)
    )
    links = related([item.post for item in published]).get(lead.slug, ())
    by_slug = {item.post.slug: item for item in published}
    lead_related = tuple(entry(by_slug[link.slug]) for link in links if link.slug in by_slug)
    digest_date = long_date(window.until)
    return Digest(
        site_name=settings.site_name,
        site_url=site_url,
        window=window,
        subject=settings.digest.subject.format(site_name=settings.site_name, date=digest_date),
        intro=settings.digest.intro,
        lead=lead,
        lead_related=lead_related,
        sections=sections,
    )


def _relative_to_docs(path: Path | None, docs_dir: Path) -> str:
    if path is None:
        return ""
    try:
        return path.resolve().relative_to(docs_dir.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
