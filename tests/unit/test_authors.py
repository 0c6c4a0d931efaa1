"""authors.py: one reader of .authors.yml for the importer, the checker and the digest."""

from __future__ import annotations

from pathlib import Path

import pytest

from bitacora.authors import author_names, read_authors_file
from bitacora.errors import BitacoraError


def test_missing_file_is_empty_unless_required(tmp_path: Path) -> None:
    path = tmp_path / ".authors.yml"
    assert read_authors_file(path) == {"authors": {}}
    with pytest.raises(BitacoraError, match="no existe el archivo de autores"):
        read_authors_file(path, required=True)


def test_broken_yaml_points_to_its_line(tmp_path: Path) -> None:
    path = tmp_path / ".authors.yml"
    path.write_text("authors:\n  ana:\n    name: Ana\n   description: x: y\n", encoding="utf-8")
    with pytest.raises(BitacoraError) as raised:
        read_authors_file(path)
    assert ":4: el archivo de autores no es YAML válido" in str(raised.value)


def test_names_fall_back_to_the_key(tmp_path: Path) -> None:
    path = tmp_path / ".authors.yml"
    path.write_text("authors:\n  ana:\n    name: Ana Gómez\n  luis: {}\n", encoding="utf-8")
    assert author_names(path) == {"ana": "Ana Gómez", "luis": "luis"}
