"""`mkdocs serve` rebuilds that reuse unchanged pages give the same site as a clean build.

One serve session (in this process, as `mkdocs serve` runs it) goes through the edits an
author makes; after each, every file of the rebuilt site is compared with the first build
of a new session (a separate process: nothing to reuse). The rebuild must also have reused
pages, or the comparison would prove nothing.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from servesession import ServeSession, fresh_build, site_files
from sitebuild import copy_site

POST = "docs/blog/posts/responder-quejas.md"


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name} no contiene {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _body_paragraph(root: Path) -> None:
    # Before the excerpt marker: the post, its listings, the search index and feeds change.
    text = (root / POST).read_text(encoding="utf-8")
    head, separator, body = text.partition("\n---\n\n")
    (root / POST).write_text(f"{head}{separator}Una frase nueva al empezar. {body}", "utf-8")


def _title(root: Path) -> None:
    text = (root / POST).read_text(encoding="utf-8")
    title = re.search(r"^title: (.+)$", text, re.MULTILINE)
    assert title is not None
    _replace(root / POST, title.group(0), "title: Las quejas, un regalo que casi nadie abre")


def _new_post(root: Path) -> None:
    source = (root / POST).read_text(encoding="utf-8")
    text = re.sub(r"^title: .+$", "title: Un post recién escrito", source, flags=re.MULTILINE)
    text = re.sub(r"^slug: .+$", "slug: un-post-recien-escrito", text, flags=re.MULTILINE)
    (root / "docs/blog/posts/un-post-recien-escrito.md").write_text(text, encoding="utf-8")


def _delete_post(root: Path) -> None:
    (root / "docs/blog/posts/un-post-recien-escrito.md").unlink()


def _author_bio(root: Path) -> None:
    authors = root / "docs/blog/.authors.yml"
    text = authors.read_text(encoding="utf-8")
    match = re.search(r"description: (.+)", text)
    assert match is not None
    _replace(authors, match.group(0), "description: Escribe sobre servicio desde Quito.")


def _template(root: Path) -> None:
    related = root / "overrides/partials/related.html"
    related.write_text("<!-- plantilla editada -->\n" + related.read_text("utf-8"), "utf-8")


def _config(root: Path) -> None:
    _replace(root / "mkdocs.yml", "site_name: ", "site_name: Nueva ")


EDITS: list[tuple[str, Callable[[Path], None]]] = [
    ("párrafo de un post", _body_paragraph),
    ("título de un post", _title),
    ("post nuevo", _new_post),
    ("post borrado", _delete_post),
    ("biografía de un autor", _author_bio),
    ("plantilla propia", _template),
    ("mkdocs.yml", _config),
]


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, ServeSession]]:
    root = tmp_path_factory.mktemp("serve-reuse")
    config = copy_site(root / "sitio", with_fixture_posts=True)
    served = ServeSession(config, root / "servido")
    served.rebuild()
    yield config.parent, served
    served.close()
    assert not list(root.glob("servido.anterior-*")), "quedan carpetas apartadas en disco"


def _differences(served: Path, fresh: Path) -> list[str]:
    ours, theirs = site_files(served), site_files(fresh)
    missing = sorted(set(theirs) ^ set(ours))
    changed = sorted(name for name in set(ours) & set(theirs) if ours[name] != theirs[name])
    return missing + changed


def test_every_rebuild_matches_a_clean_build(
    session: tuple[Path, ServeSession], tmp_path: Path
) -> None:
    root, served = session
    for label, edit in EDITS:
        edit(root)
        served.rebuild()
        counts = served.plugin.reuse.counts
        reference = tmp_path / re.sub(r"\W+", "-", label)
        fresh_build(root / "mkdocs.yml", reference)
        assert _differences(served.site_dir, reference) == [], f"tras editar: {label}"
        if label == "párrafo de un post":
            # One post changed: the post and the lists showing it render again (7 pages of
            # this small site), the other pages are the last build's.
            assert counts["reused"] > counts["rendered"], counts
            assert counts["conversions_reused"] > 0, counts
            assert served.plugin.reuse.output.moved > 0  # unchanged files kept, not rewritten


def test_warnings_of_reused_pages_are_logged_again(
    session: tuple[Path, ServeSession], caplog: pytest.LogCaptureFixture
) -> None:
    from mkdocs.exceptions import Abort

    root, served = session
    page = root / "docs/acerca.md"
    original = page.read_text(encoding="utf-8")
    page.write_text(original + "\nVer [la guía antigua](no-existe.md).\n", encoding="utf-8")
    for _ in range(2):  # the second time, from the conversion kept by the first
        caplog.clear()
        with caplog.at_level(logging.INFO, logger="mkdocs"), pytest.raises(Abort):
            served.rebuild()  # mkdocs.yml is strict: the warning still stops the build
        assert "no-existe.md" in caplog.text
    assert served.plugin.reuse.counts["conversions_reused"] > 0
    page.write_text(original, encoding="utf-8")
    served.rebuild()


def test_a_plain_build_reuses_nothing(tmp_path: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.structure.pages import Page

    render = Page.render
    config_file = copy_site(tmp_path / "sitio", with_fixture_posts=True)
    config = load_config(config_file=str(config_file), site_dir=str(tmp_path / "site"))
    config.plugins.on_startup(command="build", dirty=False)
    reuse = config.plugins["bitacora"].reuse
    before = dict(reuse.counts)
    build(config)
    assert reuse.counts == before  # no page looked up, none stored
    assert not reuse.active and Page.render is render
