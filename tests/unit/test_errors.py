"""errors.py: one format for every problem, with the closest valid value suggested."""

from __future__ import annotations

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
