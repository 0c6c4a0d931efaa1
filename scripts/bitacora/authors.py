"""The authors file (`docs/blog/.authors.yml`, Material's format): one reader for every stage.

The importer adds authors to it, `bitacora check` validates posts against it, the digest
prints the names it declares. All of them read it here, so a broken file gives the same
`file:line` error everywhere.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml

from bitacora.errors import BitacoraError

__all__ = ["author_names", "read_authors_file"]


def _shown(path: Path) -> str:
    relative = os.path.relpath(path)
    return Path(relative if not relative.startswith("..") else path).as_posix()


def read_authors_file(path: Path, *, required: bool = False) -> dict[str, Any]:
    """The file's mapping, with an `authors` dict (empty when the file does not exist yet).

    Raises `BitacoraError` when it is not valid YAML or has no `authors:` mapping, and, if
    `required`, when it does not exist.
    """
    if not path.is_file():
        if required:
            raise BitacoraError(
                _shown(path),
                None,
                "no existe el archivo de autores",
                "créalo con «authors:» y una entrada por autor (name, description, avatar)",
            )
        return {"authors": {}}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {"authors": {}}
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        mark = getattr(error, "problem_mark", None)
        raise BitacoraError(
            _shown(path),
            mark.line + 1 if mark is not None else None,
            "el archivo de autores no es YAML válido",
            "revisa la sangría y los dos puntos; guárdalo en UTF-8",
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("authors"), dict):
        raise BitacoraError(
            _shown(path),
            1,
            "falta la clave «authors:» con un mapa de autores",
            "empieza con «authors:»",
        )
    return data


def author_names(path: Path) -> dict[str, str]:
    """Author key → display name (the key itself when the entry has no name)."""
    authors = read_authors_file(path)["authors"]
    return {
        str(key): str(value.get("name") or key) if isinstance(value, dict) else str(key)
        for key, value in authors.items()
    }
