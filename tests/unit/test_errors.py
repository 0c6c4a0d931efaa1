"""errors.py: one format for every problem, with the closest valid value suggested."""

from __future__ import annotations

from pathlib import Path

from bitacora.errors import BitacoraError, closest


def test_error_renders_path_line_problem_and_fix() -> None:
    error = BitacoraError(
        "docs/blog/posts/x.md",
        7,
        "la categoría «Servicio» no está permitida",
        "usa «Servicio al cliente» (categories_allowed en mkdocs.yml)",
    )
    assert str(error) == (
        "docs/blog/posts/x.md:7: la categoría «Servicio» no está permitida — "
        "usa «Servicio al cliente» (categories_allowed en mkdocs.yml)"
    )


def test_error_without_line_or_fix() -> None:
    assert str(BitacoraError("a.md", None, "vacío")) == "a.md: vacío"


def test_closest_is_case_insensitive_and_keeps_the_original_spelling() -> None:
    allowed = ["Servicio al cliente", "Experiencia del cliente", "Quejas y reclamos"]
    assert closest("servicio al clinte", allowed) == "Servicio al cliente"
    assert closest("zzz", allowed) is None


def test_an_error_crosses_processes_intact() -> None:
    # An import parses on several processes; a bad source's error comes back pickled.
    import pickle

    error = BitacoraError(Path("docs/a.md"), 7, "la fecha no se entiende", "usa AAAA-MM-DD")
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.path, copy.line, str(copy)) == (error.path, error.line, str(error))
