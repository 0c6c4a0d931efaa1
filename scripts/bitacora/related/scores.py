"""Related stage, scoring: for every post, its most similar published posts by cosine.

Input: L2-normalised sparse vectors (term → weight), one per post, and which posts may be
targets (drafts may not). Output, per post: the `width` best targets scoring at least the
minimum, best first, ties to the lower index — a total order, so the result never depends
on how the scores were computed.

Two ways to compute the same numbers:

- `_python_rows`, plain dictionaries over an inverted index: for a site of a few hundred
  posts it takes milliseconds, and the build never loads numpy (some 16 MiB and 0.1 s);
- `_numpy_rows`, the same sums with numpy's `bincount`, one post at a time: at 10,000 posts
  the pairs that share a term run into the hundreds of millions.

Both add each pair's products in the same order (the row's terms in order, then the target
posts in order) in double precision, so the scores are equal to the last bit, and
tests/unit/test_related_scores.py holds them to it. The inverted index only lists the terms
of published posts: posts that share no term are never visited, and memory is one row of
N scores, never N × N.
"""

from __future__ import annotations

import importlib
import sys
import threading
from collections.abc import Iterator, Sequence
from typing import Any

__all__ = ["NUMPY_FROM_POSTS", "best_targets", "preload_numpy"]

# From this many posts on, numpy computes the scores; below, plain Python is as quick.
NUMPY_FROM_POSTS = 500

Vector = dict[str, float]
Row = tuple[list[int], list[float]]  # target indices and their scores, best first


def _inverted_index(
    vectors: Sequence[Vector], published: Sequence[bool]
) -> dict[str, tuple[list[int], list[float]]]:
    """term → (posts that have it, their weight for it), posts in index order; targets only."""
    index: dict[str, tuple[list[int], list[float]]] = {}
    for post, (vector, is_target) in enumerate(zip(vectors, published, strict=True)):
        if not is_target:
            continue
        for term, value in vector.items():
            docs, values = index.setdefault(term, ([], []))
            docs.append(post)
            values.append(value)
    return index


def _best(items: list[tuple[int, float]], width: int) -> Row:
    """The `width` best (post, score) pairs: highest score first, ties to the lower index."""
    items.sort(key=lambda item: (-item[1], item[0]))
    del items[width:]
    return [post for post, _ in items], [score for _, score in items]


def _python_rows(
    vectors: Sequence[Vector], published: Sequence[bool], width: int, floor: float
) -> Iterator[Row]:
    index = _inverted_index(vectors, published)
    for row, vector in enumerate(vectors):
        scores: dict[int, float] = {}
        for term, value in vector.items():
            posting = index.get(term)
            if posting is None:
                continue
            for post, weight in zip(*posting, strict=True):
                scores[post] = scores.get(post, 0.0) + value * weight
        scores.pop(row, None)  # never related to itself
        yield _best([item for item in scores.items() if item[1] >= floor], width)


def _numpy_rows(
    vectors: Sequence[Vector], published: Sequence[bool], width: int, floor: float
) -> Iterator[Row]:
    import numpy as np  # only here: small sites never load it

    count = len(vectors)
    index = _inverted_index(vectors, published)
    # Each term's posts and weights as arrays: a row's products are a few slices, no loop.
    postings = {
        term: (np.array(docs, np.int64), np.array(values, np.float64))
        for term, (docs, values) in index.items()
    }
    for row, vector in enumerate(vectors):
        found = [(postings[term], value) for term, value in vector.items() if term in postings]
        if not found:
            yield [], []
            continue
        posts = np.concatenate([docs for (docs, _), _ in found])
        weights = np.concatenate([weights for (_, weights), _ in found])
        lengths = [len(docs) for (docs, _), _ in found]
        weights *= np.repeat(np.array([value for _, value in found]), lengths)
        # bincount adds in input order: the row's terms in order, as `_python_rows` does.
        scores = np.bincount(posts, weights=weights, minlength=count)
        scores[row] = 0.0  # never related to itself
        yield _numpy_best(np, scores, width, floor)


def _numpy_best(np: Any, scores: Any, width: int, floor: float) -> Row:
    """`_best` for a row of scores: the `width` best, ties to the lower index."""
    candidates = np.flatnonzero(scores >= floor)
    values = scores[candidates]
    if len(candidates) > width:
        # The width-th best score; ties with it go to the lower indices.
        edge = np.partition(values, len(values) - width)[len(values) - width]
        above = candidates[values > edge]
        level = candidates[values == edge][: width - len(above)]
        candidates = np.concatenate([above, level])
        values = scores[candidates]
    order = np.lexsort((candidates, -values))
    return candidates[order].tolist(), values[order].tolist()


def preload_numpy(count: int) -> None:
    """Import numpy in the background when `count` posts will need it.

    While `mkdocs serve` waits for the author's next save: the first save would otherwise
    spend half a second importing it before the page can change.
    """
    if count >= NUMPY_FROM_POSTS and "numpy" not in sys.modules:
        threading.Thread(target=importlib.import_module, args=("numpy",), daemon=True).start()


def best_targets(
    vectors: Sequence[Vector], published: Sequence[bool], width: int, min_score: float
) -> list[Row]:
    """For each post, the `width` most similar published posts scoring ≥ `min_score`."""
    floor = max(min_score, 1e-9)  # a score of zero shares nothing
    compute = _numpy_rows if len(vectors) >= NUMPY_FROM_POSTS else _python_rows
    return list(compute(vectors, published, width, floor))
