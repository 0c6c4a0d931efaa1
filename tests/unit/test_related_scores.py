"""Related scoring: plain Python and numpy give the same candidates, to the last bit."""

from __future__ import annotations

import random

import pytest

from bitacora.related import scores
from bitacora.related.scores import _best, _numpy_rows, _python_rows, best_targets

WORDS = [f"t{number}" for number in range(60)]


def _vectors(count: int, seed: int = 3) -> list[dict[str, float]]:
    """Random sparse unit vectors; a few duplicates, so exact ties happen."""
    rng = random.Random(seed)
    vectors = []
    for _ in range(count):
        terms = rng.sample(WORDS, rng.randint(0, 12))
        raw = {term: rng.random() for term in terms}
        norm = sum(value * value for value in raw.values()) ** 0.5 or 1.0
        vectors.append({term: value / norm for term, value in raw.items()})
    vectors.extend(dict(vector) for vector in vectors[:5])  # exact ties with the first five
    return vectors


@pytest.mark.parametrize("width", [1, 3, 20])
def test_numpy_and_python_rows_are_identical(width: int) -> None:
    vectors = _vectors(150)
    published = [number % 9 != 0 for number in range(len(vectors))]
    python = list(_python_rows(vectors, published, width, 0.05))
    numpy = list(_numpy_rows(vectors, published, width, 0.05))
    assert python == numpy  # same posts, same order, same floats
    assert any(candidates for candidates, _ in python)


def test_a_row_never_holds_itself_a_draft_or_a_weak_score() -> None:
    vectors = _vectors(80)
    published = [number % 4 != 0 for number in range(len(vectors))]
    for row, (candidates, found) in enumerate(_python_rows(vectors, published, 10, 0.2)):
        assert row not in candidates
        assert all(published[post] for post in candidates)
        assert all(score >= 0.2 for score in found)
        assert found == sorted(found, reverse=True)


def test_equal_scores_go_to_the_lower_index() -> None:
    vector = {"queja": 1.0}
    vectors = [vector, dict(vector), dict(vector), dict(vector)]
    assert best_targets(vectors, [True] * 4, 2, 0.1)[3][0] == [0, 1]
    assert _best([(5, 0.5), (2, 0.5), (9, 0.7)], 2) == ([9, 2], [0.7, 0.5])


def test_large_sites_take_the_numpy_path(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    monkeypatch.setattr(scores, "_numpy_rows", lambda *args: calls.append("numpy") or iter([]))
    monkeypatch.setattr(scores, "_python_rows", lambda *args: calls.append("python") or iter([]))
    best_targets([{}] * (scores.NUMPY_FROM_POSTS - 1), [True], 4, 0.1)
    best_targets([{}] * scores.NUMPY_FROM_POSTS, [True], 4, 0.1)
    assert calls == ["python", "numpy"]


def test_serving_a_large_site_loads_numpy_before_the_first_save() -> None:
    import subprocess
    import sys

    script = """
import sys, time
from bitacora.related.scores import NUMPY_FROM_POSTS, preload_numpy
preload_numpy(NUMPY_FROM_POSTS - 1)
time.sleep(0.3)
assert "numpy" not in sys.modules, "a small site never needs numpy"
preload_numpy(NUMPY_FROM_POSTS)
for _ in range(200):
    if "numpy.linalg" in sys.modules:  # imported by numpy's own __init__, late
        break
    time.sleep(0.05)
print("numpy" in sys.modules)
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "True"
