"""Shared fixtures and options: `--update-golden` rewrites the importer's golden files."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"

# The package lives in scripts/ (mapped in pyproject); an editable install also puts it on the
# path, but tests must not depend on how the package was installed.
if str(ROOT / "scripts") not in sys.path:
    sys.path.insert(0, str(ROOT / "scripts"))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="Rewrite golden files from the current output (review every diff before committing).",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def reader_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """site/ of the real site built with the hand-written posts of tests/fixtures/site.

    Three posts a page, so the four fixture posts also exercise the blog's pagination.
    """
    from sitebuild import build_site, copy_site

    target = tmp_path_factory.mktemp("reader")
    return build_site(copy_site(target, with_fixture_posts=True, per_page=3))


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """site/ of the real site with its own posts (skips until the seed posts are committed)."""
    from sitebuild import build_site, copy_site, has_seed_posts

    if not has_seed_posts():
        pytest.skip("docs/blog/posts has no posts yet")
    return build_site(copy_site(tmp_path_factory.mktemp("seed"), with_fixture_posts=False))
