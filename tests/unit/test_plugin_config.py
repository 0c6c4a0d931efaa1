"""plugin/config.py: the mkdocs.yml block validates and becomes the engine's Settings."""

from __future__ import annotations

from pathlib import Path

import pytest

from bitacora.errors import BitacoraError
from bitacora.plugin.config import BitacoraConfig, load_settings
from bitacora.settings import RelatedSettings


def test_defaults_come_from_settings() -> None:
    config = BitacoraConfig()
    errors, _ = config.validate()
    assert errors == []
    assert config["related_k"] == RelatedSettings().k


def test_wrong_type_is_a_config_error() -> None:
    config = BitacoraConfig()
    config.load_dict({"related_k": "cuatro"})
    errors, _ = config.validate()
    assert [key for key, _ in errors] == ["related_k"]


def test_repository_mkdocs_yml_gives_the_declared_categories(repo_root: Path) -> None:
    settings = load_settings(repo_root / "mkdocs.yml")
    assert "Quejas y reclamos" in settings.categories_allowed
    assert set(settings.category_keywords) <= set(settings.categories_allowed)
    assert settings.site_url and settings.site_url.startswith("https://")


def test_keywords_for_an_undeclared_category_are_rejected(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Hola\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Prueba\n"
        "theme: material\n"
        "plugins:\n"
        "  - blog:\n"
        "      categories_allowed: [Servicio al cliente]\n"
        "  - bitacora:\n"
        "      category_keywords:\n"
        "        Servicio: [servicio]\n",
        encoding="utf-8",
    )
    with pytest.raises(BitacoraError, match="«Servicio»"):
        load_settings(tmp_path / "mkdocs.yml")


def test_missing_config_file_says_where_to_run(tmp_path: Path) -> None:
    with pytest.raises(BitacoraError, match="no se encuentra"):
        load_settings(tmp_path / "mkdocs.yml")


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("import_tags_max", -1, "debe ser 1 o más (es -1)"),
        ("import_description_max", 1000, "debe ser 300 o menos (es 1000)"),
        ("import_tags_min", True, "se esperaba un número, no True"),
    ],
)
def test_numbers_out_of_range_are_config_errors_in_spanish(
    option: str, value: object, message: str
) -> None:
    config = BitacoraConfig()
    config.load_dict({option: value})
    errors, _ = config.validate()
    assert [(key, str(error)) for key, error in errors] == [(option, message)]


def test_broken_mkdocs_yml_is_one_spanish_error_with_mkdocs_reason(tmp_path: Path) -> None:
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text("site_name: x\nplugins:\n  - bitacora:\n      import_tags_max: 0\n")
    (tmp_path / "docs").mkdir()
    with pytest.raises(BitacoraError) as raised:
        load_settings(config_file)
    message = str(raised.value)
    assert "la configuración de MkDocs no es válida" in message
    assert "import_tags_max" in message and "debe ser 1 o más" in message
    assert "corrige mkdocs.yml" in message
