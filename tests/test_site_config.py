"""The site options of the bitacora plugin, and the search options its worker relies on."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bitacora.errors import BitacoraError
from bitacora.plugin.config import load_settings
from bitacora.settings import SiteSettings


def _site(tmp_path: Path, plugins: str) -> Path:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Hola\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        f"site_name: Prueba\nsite_url: https://example.org/\ntheme: material\nplugins:\n{plugins}",
        encoding="utf-8",
    )
    return config


def test_site_options_reach_the_settings(tmp_path: Path) -> None:
    config = _site(tmp_path, "  - bitacora:\n      site_latest_posts: 3\n")
    settings = load_settings(config)
    assert settings.site.latest_posts == 3
    assert settings.site.og_image == SiteSettings().og_image
    assert settings.site.locale == "es_ES"


def test_build_stops_when_the_search_would_stem(tmp_path: Path) -> None:
    config = _site(
        tmp_path,
        "  - search:\n      lang: es\n      pipeline: [stemmer, stopWordFilter]\n  - bitacora\n",
    )
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "quítalo: deja «pipeline: [trimmer, stopWordFilter]»" in result.stderr


def test_build_writes_worker_and_robots(tmp_path: Path) -> None:
    config = _site(
        tmp_path,
        "  - search:\n      lang: es\n      pipeline: [trimmer, stopWordFilter]\n  - bitacora\n",
    )
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)],
        capture_output=True,
        check=True,
    )
    site = tmp_path / "site"
    assert (site / "assets/javascripts/workers/bitacora-search.js").is_file()
    assert (site / "assets/javascripts/bitacora-highlight.js").is_file()
    robots = (site / "robots.txt").read_text(encoding="utf-8")
    assert "Sitemap: https://example.org/sitemap.xml" in robots


def test_latest_posts_must_be_a_sensible_number(tmp_path: Path) -> None:
    config = _site(tmp_path, "  - bitacora:\n      site_latest_posts: -1\n")
    with pytest.raises(BitacoraError, match="site_latest_posts"):
        load_settings(config)
