"""The fast build (plugin/speed.py) gives the same site as Material's own code path."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pymdownx.slugs import slugify as pymdownx_slugify

from bitacora.bench.generate import generate_site
from bitacora.plugin.speed import excerpt_markdown

pytestmark = pytest.mark.slow


def _build(site: Path, out: Path, fast: bool) -> None:
    config = (site / "mkdocs.yml").read_text(encoding="utf-8")
    flag = "true" if fast else "false"
    variant = site / f"mkdocs-{flag}.yml"
    variant.write_text(
        config.replace(
            "  - bitacora:\n",
            # 30 posts: the search index is compacted as a large blog's is, in both builds;
            # the fast one checks the posts in the background, as a large blog's build does.
            f"  - bitacora:\n      fast_build: {flag}\n      search_compact_from: 20\n"
            f"      check_in_background_from: {20 if fast else 0}\n",
            1,
        ),
        "utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(variant), "-d", str(out)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stderr


# The site's toc slugify (mkdocs.yml): the id a reader's link to a section must use.
section_id = pymdownx_slugify(case="lower", normalize="NFD")


def test_fast_build_writes_the_same_pages(tmp_path: Path, repo_root: Path) -> None:
    site = tmp_path / "sitio"
    generate_site(site, 30, template=repo_root)
    # One post whose excerpt uses a reference defined after the marker: the full render path.
    post, linking, *others = sorted((site / "docs" / "blog" / "posts").glob("*.md"))
    text = post.read_text(encoding="utf-8").replace(
        "<!-- more -->", "Ver [guía][g].\n\n<!-- more -->"
    )
    post.write_text(text + "\n[g]: https://example.org/guia\n", encoding="utf-8")
    # Links whose address depends on the listing page: another post, a page, an image, an
    # anchor of the post itself (rewritten to the post's address by Material).
    heading = next(
        line[3:] for line in linking.read_text("utf-8").splitlines() if line.startswith("## ")
    )
    links = (
        f"Lee [otra entrada]({post.name}), la [guía](../../guia.md), "
        f"![logo](../../assets/favicon.svg) y [{heading}](#{section_id(heading, '-')})."
    )
    linking.write_text(
        linking.read_text("utf-8").replace("<!-- more -->", f"{links}\n\n<!-- more -->"), "utf-8"
    )
    # Raw HTML and code blocks go to the parser's stash: excerpts parsed one after another by
    # the shared parser must each keep their own.
    for number, other in enumerate(others[:2]):
        lead = (
            f"Pulsa <kbd>F{number + 5}</kbd> y mira:\n\n```python\nprint({number})\n```\n\n"
            f'!!! note "Nota {number}"\n    Texto de la nota.\n\n'
            f'<div markdown="1">\n**Caja {number}**\n</div>\n\n<!-- more -->'
        )
        other.write_text(other.read_text("utf-8").replace("<!-- more -->", lead), "utf-8")
    # Pages outside the navigation: the cached navigation must differ from the posts' (no
    # active section, even at a post's own depth) and between them (relative links).
    (site / "docs" / "suelta.md").write_text("# Suelta\n\nFuera del menú.\n", "utf-8")
    (site / "docs" / "blog" / "2019").mkdir()
    (site / "docs" / "blog" / "2019" / "nota.md").write_text("# Nota\n\nSuelta.\n", "utf-8")
    (site / "docs" / "extra").mkdir()
    (site / "docs" / "extra" / "oculta.md").write_text("# Oculta\n\nTampoco.\n", "utf-8")
    _build(site, tmp_path / "rapido", fast=True)
    _build(site, tmp_path / "lento", fast=False)
    fast_files = sorted(
        p.relative_to(tmp_path / "rapido") for p in (tmp_path / "rapido").rglob("*") if p.is_file()
    )
    slow_files = sorted(
        p.relative_to(tmp_path / "lento") for p in (tmp_path / "lento").rglob("*") if p.is_file()
    )
    assert fast_files == slow_files
    for name in fast_files:
        if name.name.startswith("feed_rss") or name.suffix == ".gz":
            continue  # feeds and their compressed copies carry the build time
        assert (tmp_path / "rapido" / name).read_bytes() == (
            tmp_path / "lento" / name
        ).read_bytes(), name


def test_excerpt_keeps_later_headings_and_the_more_flag() -> None:
    markdown = "Entrada.\n\n<!-- more -->\n\nTexto.\n\n## Sección\n\n```\n# no es título\n```\n"
    short = excerpt_markdown(markdown, "<!-- more -->")
    assert short == "Entrada.\n\n<!-- more -->\n\n## Sección\n"


def test_excerpt_needing_later_definitions_keeps_the_full_render() -> None:
    markdown = "Ver [guía][g].\n\n<!-- more -->\n\n[g]: https://example.org\n"
    assert excerpt_markdown(markdown, "<!-- more -->") is None


def test_large_blog_search_index_keeps_a_prefix_of_each_post(
    tmp_path: Path, repo_root: Path
) -> None:
    site = tmp_path / "sitio"
    posts = generate_site(site, 30, template=repo_root)
    _build(site, tmp_path / "out", fast=True)
    index = json.loads((tmp_path / "out" / "search" / "search_index.json").read_text("utf-8"))
    first = posts[0]
    url = f"blog/{first['date'].year}/{first['slug']}/"  # type: ignore[attr-defined]
    entries = [doc for doc in index["docs"] if doc["location"].startswith(url)]
    assert entries[0]["title"] == first["title"]
    assert entries[0]["text"].endswith("…") and len(entries[0]["text"]) < 400
    assert [doc["text"] for doc in entries[1:]] == [""] * (len(entries) - 1)
    assert [doc["title"] for doc in entries[1:]] == [
        line[3:] for line in str(first["body"]).splitlines() if line.startswith("## ")
    ]


def test_the_heap_is_frozen_while_pages_render_and_thawed_after(
    tmp_path: Path, repo_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In one process, as `mkdocs serve` or a script building twice would run it."""
    import gc

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from bitacora.plugin import speed

    site = tmp_path / "sitio"
    generate_site(site, 5, template=repo_root)
    frozen_while_rendering: list[int] = []
    install = speed.speed_up_rendering

    def spy(*args: object, **kwargs: object) -> None:
        frozen_while_rendering.append(gc.get_freeze_count())
        install(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(speed, "speed_up_rendering", spy)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    gc.unfreeze()
    config = load_config(str(site / "mkdocs.yml"), site_dir=str(tmp_path / "out"))
    config.plugins.on_startup(command="build", dirty=False)  # as `mkdocs build` does
    build(config)
    config.plugins.on_shutdown()
    assert frozen_while_rendering and frozen_while_rendering[0] > 10_000  # every page read
    assert gc.get_freeze_count() == 0
    assert (tmp_path / "out" / "index.html").is_file()
