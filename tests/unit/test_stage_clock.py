"""The plugin's stage clock lets a BitacoraError through as it is (a frozen dataclass)."""

from __future__ import annotations

import pytest

from bitacora.errors import BitacoraError
from bitacora.plugin.plugin import _StageClock


def test_an_authors_error_passes_through_the_clock_unchanged() -> None:
    clock = _StageClock()
    error = BitacoraError("docs/blog/posts/x.md", 11, "el artículo relacionado «y» no existe", "")
    with pytest.raises(BitacoraError) as raised, clock("relacionados"):
        raise error
    assert raised.value is error
    assert clock.seconds["relacionados"] >= 0
