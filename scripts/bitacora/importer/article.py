"""The importer's intermediate shape, and the step that turns it into a `Post`.

Every input format (.txt through clean/metadata/privacy/structure; .html and .md through
their own readers) produces an `Article`: what the source said, as Markdown plus metadata.
`finish_post` then fills what the source did not say the same way for all formats:
date fallback, description from the lead, categories and tags, slug.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

from slugify import slugify

from bitacora.errors import closest
from bitacora.importer.people import AuthorInfo
from bitacora.model import Derivation, Post, Removal
from bitacora.settings import Settings
from bitacora.spanish import fold, is_stop_word
from bitacora.taxonomy import assign_taxonomy

__all__ = [
    "ABOUT_AUTHOR",
    "FALLBACK_AUTHOR",
    "Article",
    "attribute_safe",
    "author_key",
    "describe",
    "finish_post",
    "markdown_to_text",
    "make_slug",
]

ABOUT_AUTHOR = "Sobre el autor"  # heading of the author's bio kept at the end of a post
FALLBACK_AUTHOR = AuthorInfo("Redacción", "Artículos sin firma, publicados por la redacción.")
_SLUG_MAX = 80
_MARKDOWN_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>])")
_MARKDOWN_SYNTAX = re.compile(r"^(#{1,6}\s+|>\s?|[-*+]\s+|\d+\.\s+|!!!.*$|\s{4})", re.MULTILINE)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_HTML_TAG = re.compile(r"</?[A-Za-z!][^<>]{0,300}>")
_STRAIGHT_QUOTE = re.compile(r'"')
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s")


@dataclass
class Article:
    """What one source says: Markdown body and metadata, plus what reading it found."""

    title: str
    body: str
    date: dt.date | None = None
    updated: dt.date | None = None
    authors: list[AuthorInfo] = field(default_factory=list)
    source: str | None = None
    categories: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    description: str = ""
    removals: list[Removal] = field(default_factory=list)
    derived: list[Derivation] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    extra: dict[str, object] = field(default_factory=dict)
    # True when an author declared the categories (front matter), not a web page's template:
    # then a category outside the list is a mistake worth a warning.
    categories_declared: bool = False
    slug: str | None = None  # an author's own `slug:` (front matter) is kept, not re-derived


def markdown_to_text(markdown: str) -> str:
    """Plain text of importer Markdown (for descriptions, tags and categories)."""
    text = _HTML_COMMENT.sub("", markdown)
    text = _MARKDOWN_SYNTAX.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = text.replace("**", "")
    text = _MARKDOWN_ESCAPE.sub(r"\1", text)
    text = text.replace("&lt;", "<").replace("&#126;", "~").replace("&amp;", "&")
    return _HTML_TAG.sub(" ", text).strip()


def attribute_safe(text: str) -> str:
    """Text safe inside an HTML attribute or <title>, as themes print `title` and
    `description` unescaped: no tags, no angle brackets, typographic double quotes."""
    without_tags = _HTML_TAG.sub(" ", text)
    # A title that is nothing but a tag ("<A>") would become empty: keep it, as plain text.
    text = (without_tags if without_tags.strip() else text).replace("<", "‹").replace(">", "›")
    opened = False

    def curly(_: re.Match[str]) -> str:
        nonlocal opened
        opened = not opened
        return "“" if opened else "”"

    return " ".join(_STRAIGHT_QUOTE.sub(curly, text).split())


def _lead_paragraph(markdown: str) -> str:
    for block in markdown.split("\n\n"):
        block = block.strip()
        if block and not block.startswith(("#", "<!--", "!!!", ">", "- ", "1. ")):
            return markdown_to_text(block)
    return markdown_to_text(markdown).split("\n", 1)[0]


def describe(lead: str, limit: int = 160) -> str:
    """The description: the lead, cut at a sentence end or else a word boundary, ≤ `limit`."""
    lead = " ".join(lead.split())
    if len(lead) <= limit:
        return lead
    sentences = _SENTENCE_END.split(lead)
    kept = ""
    for sentence in sentences:
        candidate = f"{kept} {sentence}".strip()
        if len(candidate) > limit:
            break
        kept = candidate
    if len(kept) >= limit // 2:
        return kept
    cut = lead[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:—–-")
    return cut + "…"


def make_slug(title: str) -> str:
    """URL slug from the title's main part ("Título: subtítulo" → "titulo")."""
    main = title.split(": ", 1)[0] if ": " in title else title
    if len(main.split()) < 3:
        main = title
    return slugify(main, max_length=_SLUG_MAX, word_boundary=True) or "articulo"


@lru_cache(maxsize=4096)  # an import meets the same few authors again and again
def author_key(name: str) -> str:
    return slugify(name) or "autor"


def _headings(markdown: str) -> list[str]:
    return [markdown_to_text(line[3:]) for line in markdown.splitlines() if line.startswith("## ")]


def _allowed_categories(named: tuple[str, ...], settings: Settings) -> tuple[str, ...]:
    """The page's own categories that are in the controlled list (accents and case aside)."""
    allowed = {fold(category): category for category in settings.categories_allowed}
    found: list[str] = []
    for name in named:
        category = allowed.get(fold(name.strip()))
        if category and category not in found:
            found.append(category)
    return tuple(found[: settings.importer.categories_max])


def _clean_tags(named: tuple[str, ...], limit: int) -> tuple[str, ...]:
    """Tags as the page listed them: lowercase, no duplicates, no stop words, no long phrases."""
    tags: list[str] = []
    for name in named:
        tag = " ".join(name.lower().strip(" #.").split())
        if (
            tag
            and len(tag.split()) <= 4
            and not is_stop_word(tag)
            and fold(tag) not in {fold(t) for t in tags}
        ):
            tags.append(tag)
    return tuple(tags[:limit])


def finish_post(
    article: Article,
    settings: Settings,
    *,
    fallback_date: dt.date,
    fallback_how: str,
) -> Post:
    """Fill what the source did not say, the same way for every input format."""
    derived = article.derived
    date = article.date
    if date is None:
        date = fallback_date
        derived.append(Derivation("date", date.isoformat(), fallback_how))
    authors = article.authors or [FALLBACK_AUTHOR]
    if not article.authors:
        derived.append(
            Derivation("authors", FALLBACK_AUTHOR.name, "el texto no trae autor: «Redacción»")
        )
    description = article.description
    if not description:
        description = describe(_lead_paragraph(article.body), settings.importer.description_max)
        derived.append(Derivation("description", description, "primer párrafo (entradilla)"))
    categories = _allowed_categories(article.categories, settings)
    if categories:
        derived.append(Derivation("categories", ", ".join(categories), "categorías de la página"))
    tags = _clean_tags(article.tags, settings.importer.tags_max)
    if len(tags) >= settings.importer.tags_min:
        derived.append(Derivation("tags", ", ".join(tags), "etiquetas de la página"))
    for name in dict.fromkeys(article.categories if article.categories_declared else ()):
        if name not in categories and fold(name) not in {fold(c) for c in categories}:
            suggestion = closest(name, settings.categories_allowed)
            article.warnings.append(
                f"la categoría «{name}» no está en categories_allowed (mkdocs.yml)"
                + (f"; ¿querías decir «{suggestion}»?" if suggestion else "")
            )
    if article.categories and not categories:
        derived.append(
            Derivation(
                "categories",
                ", ".join(article.categories),
                "las categorías de la página no están en categories_allowed: se eligen otras",
            )
        )
    if not categories or len(tags) < settings.importer.tags_min:
        # The bio describes the author, not the article's topic; pull quotes repeat the body.
        topic = article.body.split(f"\n## {ABOUT_AUTHOR}\n", 1)[0]
        topic = "\n".join(line for line in topic.split("\n") if not line.startswith("> "))
        found = assign_taxonomy(
            article.title,
            markdown_to_text(topic),
            settings,
            headings=_headings(topic),
        )
        if not categories:
            categories = found.categories
            derived.append(Derivation("categories", ", ".join(categories), "palabras clave"))
        if len(tags) < settings.importer.tags_min:
            extra = [tag for tag in found.tags if fold(tag) not in {fold(t) for t in tags}]
            how = (
                "términos más usados"
                if not tags
                else "etiquetas de la página y términos más usados"
            )
            tags = (tags + tuple(extra))[: settings.importer.tags_max]
            derived.append(Derivation("tags", ", ".join(tags), how))
    slug = (slugify(article.slug) if article.slug else "") or make_slug(article.title)
    return Post(
        title=attribute_safe(article.title),
        date=date,
        body=article.body,
        slug=slug,
        authors=tuple(author_key(a.name) for a in authors),
        categories=categories,
        tags=tags,
        description=attribute_safe(description),
        source=article.source,
        # Only a later date is an update; the same day or earlier says nothing new.
        updated=article.updated if article.updated and article.updated > date else None,
        extra=dict(article.extra),
    )
