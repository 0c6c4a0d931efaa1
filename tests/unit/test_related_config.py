"""The related options of mkdocs.yml: typed, bounded, and turned into RelatedSettings."""

from __future__ import annotations

from pathlib import Path

import pytest

from bitacora.plugin.config import BitacoraConfig, load_settings
from bitacora.settings import RelatedSettings


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("related_k", 0, "debe ser 1 o más (es 0)"),
        ("related_min_score", 1.5, "debe ser 1 o menos (es 1.5)"),
        ("related_min_score", -0.1, "debe ser 0 o más (es -0.1)"),
        ("related_weight_title", -2, "debe ser 0 o más (es -2.0)"),
        ("related_weight_body", "mucho", "Expected type"),
    ],
)
def test_out_of_range_related_options_are_rejected(
    option: str, value: object, message: str
) -> None:
    config = BitacoraConfig()
    config.load_dict({option: value})
    errors, _ = config.validate()
    assert [key for key, _ in errors] == [option]
    assert message in str(errors[0][1])


def test_related_options_become_the_engine_settings(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Prueba\n"
        "theme: material\n"
        "plugins:\n"
        "  - bitacora:\n"
        "      related_k: 6\n"
        "      related_min_score: 0\n"
        "      related_weight_tags: 0\n",
        encoding="utf-8",
    )
    related = load_settings(tmp_path / "mkdocs.yml").related
    assert related == RelatedSettings(k=6, min_score=0.0, weight_tags=0.0)
    assert isinstance(related.min_score, float)
