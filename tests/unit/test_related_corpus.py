"""Related quality on a labelled corpus: posts about the same topic find each other.

tests/fixtures/corpus/ holds hand-written Spanish posts, each labelled with `topic:` in its
front matter (a key Bitácora does not model, so it stays in `Post.extra`, out of the text
the engine reads). The label is only for scoring: the engine never sees it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from bitacora.model import Post
from bitacora.posts import iter_post_files, read_post
from bitacora.related import compute_related
from bitacora.related.text import term_bag
from bitacora.settings import RelatedSettings

CORPUS = Path(__file__).resolve().parent.parent / "fixtures" / "corpus"


@pytest.fixture(scope="module")
def corpus() -> list[Post]:
    return [read_post(path) for path in iter_post_files(CORPUS)]


def _topic(post: Post) -> str:
    return str(post.extra["topic"])


def test_corpus_is_large_varied_and_labelled(corpus: list[Post]) -> None:
    topics = Counter(_topic(post) for post in corpus)
    assert len(corpus) >= 40
    assert len(topics) >= 6 and min(topics.values()) >= 5, topics
    # Written, not templated: no sentence of one post appears in another.
    owners: dict[str, str] = {}
    for post in corpus:
        for sentence in re.split(r"(?<=[.!?])\s+", post.body):
            sentence = sentence.strip()
            if len(sentence) > 40:
                assert owners.setdefault(sentence, post.slug) == post.slug, sentence


def test_precision_at_3_of_same_topic_posts_is_at_least_090(corpus: list[Post]) -> None:
    related = compute_related(corpus, replace(RelatedSettings(), k=3))
    by_slug = {post.slug: post for post in corpus}
    hits = sum(
        _topic(by_slug[link.slug]) == _topic(post)
        for post in corpus
        for link in related[post.slug][:3]
    )
    precision = hits / (3 * len(corpus))
    assert precision >= 0.9, f"precision@3 = {precision:.3f}"


def test_the_topic_label_is_not_part_of_what_the_engine_reads(corpus: list[Post]) -> None:
    post = corpus[0]
    relabelled = replace(post, extra={**post.extra, "topic": "otro"})
    assert term_bag(post, RelatedSettings()) == term_bag(relabelled, RelatedSettings())
