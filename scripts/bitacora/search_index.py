"""Search index for large blogs: what readers download and search, kept small and fast.

Input: the search index Material writes (`search/search_index.json`, one entry per page and
one per section) and the addresses of the blog's posts. Output: the same index where each
post keeps its title, tags, headings and the first `text_max` characters of its text (the
lead, which is its summary); its sections keep their heading, so a result still opens at the
right section. Other pages are left whole. At 10,000 posts Material's index is ~50 MB, all
of it downloaded and indexed by every reader's browser before the first result shows.
"""

from __future__ import annotations

import html
import re
from collections.abc import Collection
from typing import Any

__all__ = ["compact_search_index"]

_TAG = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"\s+")


def _text_prefix(text: str, limit: int) -> str:
    """`text` (HTML) as escaped plain text of at most `limit` characters, cut between words."""
    plain = _SPACES.sub(" ", html.unescape(_TAG.sub(" ", text))).strip()
    if len(plain) > limit:
        cut = plain[:limit].rsplit(" ", 1)[0] if " " in plain[:limit] else plain[:limit]
        plain = cut.rstrip(" ,.;:") + "…"
    return html.escape(plain, quote=False)


def _post_of(location: str, posts: Collection[str]) -> str | None:
    page = location.split("#", 1)[0]
    return page if page in posts else None


def compact_search_index(
    index: dict[str, Any], post_urls: Collection[str], text_max: int
) -> dict[str, Any]:
    """A copy of Material's `index` in which posts keep title, tags, headings, a text prefix."""
    docs = []
    for doc in index.get("docs", []):
        post = _post_of(str(doc.get("location", "")), post_urls)
        if post is None:
            docs.append(doc)
        elif doc.get("location") == post:
            docs.append({**doc, "text": _text_prefix(str(doc.get("text", "")), text_max)})
        else:  # a section of a post: its heading leads to it; its text is the post's own
            docs.append({"location": doc["location"], "title": doc.get("title", ""), "text": ""})
    return {**index, "docs": docs}
