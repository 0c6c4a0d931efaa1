"""While serving, the heap is settled after each build: garbage collected, the rest frozen."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from bitacora.plugin.reuse import ServeReuse


class _Node:
    def __init__(self) -> None:
        self.other: _Node | None = None


@pytest.fixture(autouse=True)
def _thaw() -> Iterator[None]:
    yield
    gc.unfreeze()  # other tests run with the collector as usual


def test_last_builds_cycles_are_collected_and_the_rest_frozen() -> None:
    reuse = ServeReuse()
    first = reuse.settle_heap(delay=0)
    first.join(timeout=30)
    # A page and its navigation point at each other: only the cycle collector frees them.
    page, nav = _Node(), _Node()
    page.other, nav.other = nav, page
    gone = weakref.ref(page)
    gc.freeze()  # as after an earlier build: the cycle is among the frozen objects
    del page, nav
    assert gone() is not None
    settled = reuse.settle_heap(delay=0)
    settled.join(timeout=30)
    assert gone() is None  # frozen garbage does not pile up from one save to the next
    assert gc.get_freeze_count() > 0  # what survives is skipped by the next collections


def test_closing_the_session_unfreezes_the_heap() -> None:
    reuse = ServeReuse()
    reuse.settle_heap(delay=0).join(timeout=30)
    assert gc.get_freeze_count() > 0
    reuse.close()
    assert gc.get_freeze_count() == 0
