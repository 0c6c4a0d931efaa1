"""Related stage, text side: a post → its weighted bag of Spanish stems.

Title, headings, tags and categories weigh more than body text (RelatedSettings). Markdown,
HTML, code and URLs are stripped first: they are layout, not topic. Each stem also keeps the
surface word the post uses most, so `bitacora related --explain` can show "quejas", not "quej".
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
_INLINE_CODE = re.compile(r"`[^`\n]+`")
_ENTITY = re.compile(r"&#?\w+;")
_ADMONITION = re.compile(r"^(!!!|\?\?\?\+?)\s.*$", re.MULTILINE)  # `!!! note "Nota"` is syntax


@dataclass(frozen=True)
class TermBag:
    """Weighted stem counts of one post, and the most frequent surface word of each stem."""

    weights: dict[str, float]
    surfaces: dict[str, str]


def plain_body(markdown: str) -> tuple[str, list[str]]:
    """The body's prose and its headings, without Markdown, HTML, code or URLs."""
    text = markdown
    # Each pattern runs only when its marker is present: most posts have no code, HTML or
    # URLs, and scanning 700 words seven times is most of this stage's time at 10,000 posts.
    if "```" in text or "~~~" in text:
        text = _FENCED_CODE.sub(" ", text)
    if "`" in text:
        text = _INLINE_CODE.sub(" ", text)
    if "!!!" in text or "???" in text:
        text = _ADMONITION.sub(" ", text)
    headings = [match.group(1) for match in _HEADING.finditer(text)]
    if headings:
        text = _HEADING.sub(" ", text)
    if "](" in text:
        text = _LINK.sub(r"\1", text)
    if "http" in text or "www." in text:
        text = _URL.sub(" ", text)
    if "<" in text:
        text = _HTML.sub(" ", text)
    if "&" in text:
        text = _ENTITY.sub(" ", text)
    return text, headings


_WORD = re.compile(r"\w{3,}")  # 3+ characters: shorter words carry no topic


# Word → stem (None: carries no topic). A site repeats the same few thousand words in every
# post, so each distinct word is folded, checked and stemmed once per process; a plain dict
# is the cheapest lookup in the hot loop. Cleared when huge, so memory stays bounded.
_TERMS: dict[str, str | None] = {}
_TERMS_MAX = 500_000


def _term_of(word: str) -> str | None:
    """The stem a word counts under, or None for words that carry no topic."""
    if len(_TERMS) >= _TERMS_MAX:
        _TERMS.clear()
    # Words with digits are codes, and adverbs in -mente describe rather than name a topic.
    if not word.isalpha() or word.endswith("mente") or is_stop_word(word):
        term = None
    else:
        term = stem(word)
    _TERMS[word] = term
    return term


def term_bag(post: Post, settings: RelatedSettings) -> TermBag:
    """The post's stems, each weighted by where it appears."""
    body, headings = plain_body(post.body)
    weights: defaultdict[str, float] = defaultdict(float)
    uses: dict[str, int] = {}  # how often each surface word appears in the post
    stems: dict[str, str] = {}
    fields = (
        (post.title, settings.weight_title),
        (" ".join(headings), settings.weight_headings),
        (" ".join(post.tags), settings.weight_tags),
        (" ".join(post.categories), settings.weight_categories),
        (post.description, settings.weight_body),
        (body, settings.weight_body),
    )
    known = _TERMS
    for text, weight in fields:
        if weight <= 0 or not text:
            continue
        for word, count in Counter(_WORD.findall(text.lower())).items():
            key = known[word] if word in known else _term_of(word)
            if key is None:
                continue
            weights[key] += weight * count
            uses[word] = uses.get(word, 0) + count
            stems[word] = key
    # The form the author used most stands for its stem; on a tie, the one seen first (title).
    best: dict[str, tuple[int, str]] = {}
    for word, count in uses.items():
        key = stems[word]
        if key not in best or count > best[key][0]:
            best[key] = (count, word)
    return TermBag(dict(weights), {key: word for key, (_, word) in best.items()})
