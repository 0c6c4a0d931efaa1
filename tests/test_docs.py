"""The author guide (docs/guia.md) stays in sync with the code and the site's config."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from bitacora.cli import cli
from bitacora.validate import KNOWN_KEYS, REQUIRED_KEYS
from sitebuild import copy_site

ROOT = Path(__file__).resolve().parent.parent
GUIDE = (ROOT / "docs" / "guia.md").read_text(encoding="utf-8")
_ROW = re.compile(r"^\| `([a-z_]+)` \|(.*)$", re.MULTILINE)


def _section(title: str) -> str:
    start = GUIDE.index(f"\n## {title}\n")
    end = GUIDE.find("\n## ", start + 1)
    return GUIDE[start : end if end != -1 else None]


def test_the_front_matter_reference_lists_exactly_the_known_keys() -> None:
    rows = dict(_ROW.findall(_section("Los metadatos de un post")))
    assert sorted(rows) == sorted(KNOWN_KEYS)
    required = {key for key, rest in rows.items() if rest.strip().startswith("sí |")}
    assert required == set(REQUIRED_KEYS)


def test_the_categories_are_those_of_mkdocs_yml() -> None:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda *_: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    blog = next(p["blog"] for p in config["plugins"] if isinstance(p, dict) and "blog" in p)
    listed = re.findall(r"^- (.+)$", _section("Categorías"), re.MULTILINE)
    assert listed == blog["categories_allowed"]


def test_every_option_of_new_is_explained() -> None:
    help_text = CliRunner().invoke(cli, ["new", "--help"]).output
    options = set(re.findall(r"--[a-z-]+", help_text)) - {"--help", "--config-file"}
    documented = set(re.findall(r"^\| `(--[a-z-]+)` \|", GUIDE, re.MULTILINE))
    assert options == documented


def test_the_check_example_is_what_check_prints(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    example = _section("Revisar los posts: `bitacora check`")
    shown = example.split("```text\n", 1)[1].split("```", 1)[0]
    copy_site(tmp_path, with_fixture_posts=True)
    post = tmp_path / "docs" / "blog" / "posts" / "responder-quejas.md"
    text = post.read_text(encoding="utf-8")
    post.write_text(
        text.replace("categories:", "catgories:").replace("  - carlos-ruiz\n", "  - carlos\n"),
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["check"])
    assert result.exit_code == 1
    assert result.stderr == shown
