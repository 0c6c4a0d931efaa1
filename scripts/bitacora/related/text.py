"""Related stage, text side: a post → its weighted bag of Spanish stems.

Title, headings, tags and categories weigh more than body text (RelatedSettings). Markdown,
HTML, code and URLs are stripped first: they are layout, not topic. Each stem also keeps the
first surface word seen (title and headings first), so `bitacora related --explain` can
show "quejas", not "quej".
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from bitacora.model import Post
from bitacora.settings import RelatedSettings
from bitacora.spanish import is_stop_word, stem

__all__ = ["TermBag", "plain_body", "term_bag"]

_FENCED_CODE = re.compile(r"^(```|~~~).*?^\1\s*$", re.MULTILINE | re.DOTALL)
_HTML = re.compile(r"<[^>]{0,300}>")
_URL = re.compile(r"https?://\S+|www\.\S+")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)
_ENTITY = re.compile(r"&#?\w+;")
_ADMONITION = re.compile(r"^(!!!|\?\?\?\+?)\s.*$", re.MULTILINE)  # `!!! note "Nota"` is syntax


@dataclass(frozen=True)
class TermBag:
    """Weighted stem counts of one post, and the most frequent surface word of each stem."""

    weights: dict[str, float]
    surfaces: dict[str, str]


def plain_body(markdown: str) -> tuple[str, list[str]]:
    """The body's prose and its headings, without Markdown, HTML, code or URLs."""
    text = _ADMONITION.sub(" ", _FENCED_CODE.sub(" ", markdown))
    headings = [match.group(1) for match in _HEADING.finditer(text)]
    text = _HEADING.sub(" ", text)
    text = _LINK.sub(r"\1", text)
    text = _URL.sub(" ", text)
    text = _HTML.sub(" ", text)
    text = _ENTITY.sub(" ", text)
    return text, headings


_WORD = re.compile(r"[^\W\d_]{3,}")  # words of 3+ letters: shorter ones carry no topic


def _content_words(text: str) -> list[str]:
    return [
        word
        for word in _WORD.findall(text.lower())
        if not word.endswith("mente") and not is_stop_word(word)
    ]


def term_bag(post: Post, settings: RelatedSettings) -> TermBag:
    """The post's stems, each weighted by where it appears."""
    body, headings = plain_body(post.body)
    weights: defaultdict[str, float] = defaultdict(float)
    surfaces: dict[str, str] = {}  # first form seen: title and headings come first
    fields = (
        (post.title, settings.weight_title),
        (" ".join(headings), settings.weight_headings),
        (" ".join(post.tags), settings.weight_tags),
        (" ".join(post.categories), settings.weight_categories),
        (post.description, settings.weight_body),
        (body, settings.weight_body),
    )
    for text, weight in fields:
        if weight <= 0:
            continue
        for word, count in Counter(_content_words(text)).items():
            key = stem(word)
            weights[key] += weight * count
            surfaces.setdefault(key, word)
    return TermBag(dict(weights), surfaces)
