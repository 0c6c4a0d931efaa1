"""Build the real site (mkdocs.yml, docs/, overrides/) in a tmp folder, once per test session.

`copy_site(..., with_fixture_posts=True)` swaps the site's posts and authors for the
hand-written ones in tests/fixtures/site, so tests know exactly what each post says.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_SITE = Path(__file__).resolve().parent / "fixtures" / "site"


def has_seed_posts() -> bool:
    """True once the real site has posts of its own (the imported seed posts)."""
    return any((ROOT / "docs" / "blog" / "posts").glob("*.md"))


def copy_site(target: Path, *, with_fixture_posts: bool, per_page: int | None = None) -> Path:
    """Copy the site's sources into `target`; return the copied mkdocs.yml.

    `per_page` overrides the blog's pagination_per_page, so four posts can fill two pages.
    """
    target.mkdir(parents=True, exist_ok=True)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    if per_page is not None:
        config, count = re.subn(
            r"^(\s+pagination_per_page:) \d+$", rf"\1 {per_page}", config, flags=re.MULTILINE
        )
        assert count == 1, "mkdocs.yml must set the blog's pagination_per_page once"
    (target / "mkdocs.yml").write_text(config, encoding="utf-8")
    shutil.copytree(ROOT / "overrides", target / "overrides")
    shutil.copytree(ROOT / "docs", target / "docs", ignore=shutil.ignore_patterns(".fuentes"))
    if with_fixture_posts:
        blog = target / "docs" / "blog"
        shutil.rmtree(blog / "posts", ignore_errors=True)
        shutil.copytree(FIXTURE_SITE / "posts", blog / "posts")
        shutil.copy2(FIXTURE_SITE / ".authors.yml", blog / ".authors.yml")
        shutil.copytree(FIXTURE_SITE / "autores", target / "docs" / "assets" / "autores")
        _empty_digest_archive(target / "docs" / "boletin")
    return target / "mkdocs.yml"


def _empty_digest_archive(archive: Path) -> None:
    """Past digests link the real posts, which the fixture posts replace: keep only the index."""
    from bitacora.digest.archive import render_archive_index
    from bitacora.posts import stamp_import_hash

    if archive.is_dir():
        shutil.rmtree(archive)
        archive.mkdir()
        index = stamp_import_hash(render_archive_index([]))  # generated, as `digest` writes it
        (archive / "index.md").write_text(index, encoding="utf-8")


def run_build(config_file: Path, *options: str) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` of a site in its own folder, as an author runs it; whatever
    its outcome."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config_file), *options],
        cwd=config_file.parent,
        capture_output=True,
        text=True,
        check=False,
        # Material's end-of-life banner is not a build warning; keep the log readable.
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


def build_site(config_file: Path) -> Path:
    """`mkdocs build --strict` of a copied site; returns its site/ folder."""
    site_dir = config_file.parent / "site"
    result = run_build(config_file)
    problems = re.findall(r"^(?:WARNING|ERROR)\b.*$", result.stderr, re.MULTILINE)
    if result.returncode != 0 or problems:
        raise AssertionError(f"mkdocs build failed:\n{result.stdout}\n{result.stderr}")
    return site_dir
