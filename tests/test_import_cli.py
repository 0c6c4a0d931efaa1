"""`bitacora import` end to end on a small site: idempotence, hand-edit guard, collisions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from bitacora.cli import cli

SEEDS = Path(__file__).parent / "golden" / "importer"
MKDOCS_YML = """\
site_name: Prueba
theme:
  name: material
docs_dir: docs
plugins:
  - blog:
      categories_allowed: [Servicio al cliente, Quejas y reclamos]
  - bitacora:
      category_keywords:
        Quejas y reclamos: [queja, reclamo]
"""


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (tmp_path / "docs" / "blog").mkdir(parents=True)
    (tmp_path / "fuentes").mkdir()
    for name in ("002-byline-bio.txt", "004-firma-fecha.txt"):
        (tmp_path / "fuentes" / name).write_bytes((SEEDS / name).read_bytes())
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _import(*args: str):
    return CliRunner().invoke(cli, ["import", *args, "--date", "2024-01-15"])


def _posts(site: Path) -> dict[str, str]:
    posts_dir = site / "docs" / "blog" / "posts"
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(posts_dir.glob("*.md"))}


def test_import_writes_posts_sources_and_authors(site: Path) -> None:
    result = _import("fuentes", "--report", "informe.json")
    assert result.exit_code == 0, result.output
    assert "2 fuentes: 2 creados." in result.output
    assert set(_posts(site)) == {
        "que-hace-que-un-servicio-al-cliente-sea-bueno.md",
        "cada-persona-tiene-una-percepcion-de-servicio.md",
    }
    assert sorted(p.name for p in (site / "docs" / ".fuentes").iterdir()) == [
        "002-byline-bio.txt",
        "004-firma-fecha.txt",
    ]
    authors = yaml.safe_load((site / "docs" / "blog" / ".authors.yml").read_text("utf-8"))
    assert authors["authors"]["shep-hyken"]["name"] == "Shep Hyken"
    assert (site / "docs" / authors["authors"]["shep-hyken"]["avatar"]).is_file()
    report = json.loads((site / "informe.json").read_text(encoding="utf-8"))
    assert {entry["status"] for entry in report} == {"creado"}


def test_reimport_of_unchanged_sources_is_byte_identical(site: Path) -> None:
    _import("fuentes")
    before = _posts(site)
    result = _import("fuentes")
    assert result.exit_code == 0
    assert "2 fuentes: 2 sin cambios." in result.output
    assert _posts(site) == before


def test_hand_edited_post_is_not_overwritten_without_force(site: Path) -> None:
    _import("fuentes")
    post = site / "docs" / "blog" / "posts" / "cada-persona-tiene-una-percepcion-de-servicio.md"
    edited = post.read_text(encoding="utf-8") + "\nUn párrafo que añadí a mano.\n"
    post.write_text(edited, encoding="utf-8")
    source = site / "fuentes" / "004-firma-fecha.txt"
    source.write_text(source.read_text(encoding="utf-8") + "\nOtra línea.\n", encoding="utf-8")

    result = _import("fuentes")
    assert result.exit_code == 1
    assert "se editó a mano" in result.output and "--force" in result.output
    assert post.read_text(encoding="utf-8") == edited

    result = _import("fuentes", "--force")
    assert result.exit_code == 0, result.output
    assert "Un párrafo que añadí a mano." not in post.read_text(encoding="utf-8")


def test_two_articles_with_the_same_slug_never_overwrite_each_other(site: Path) -> None:
    text = (SEEDS / "002-byline-bio.txt").read_text(encoding="utf-8")
    (site / "fuentes" / "copia.txt").write_text(text + "\nUn cierre distinto.\n", "utf-8")
    result = _import("fuentes")
    assert result.exit_code == 0, result.output
    names = set(_posts(site))
    assert "que-hace-que-un-servicio-al-cliente-sea-bueno.md" in names
    assert "que-hace-que-un-servicio-al-cliente-sea-bueno-2.md" in names
    # The same title twice would stop the build: the import says so, with the other post.
    assert "ya tiene el título «¿Qué hace que un servicio al cliente sea bueno?»" in result.output
    assert result.output.count("ya tiene el título") == 1


def test_bad_file_gets_its_error_and_the_batch_goes_on(site: Path) -> None:
    (site / "fuentes" / "vacío.txt").write_text("  \n", encoding="utf-8")
    result = _import("fuentes", "no-existe.txt")
    assert result.exit_code == 1
    assert "no-existe.txt: no existe" in result.output
    assert "vacío.txt" in result.output and "vacío" in result.output
    assert len(_posts(site)) == 2
    assert not list((site / "docs" / "blog" / "posts").glob(".*.tmp"))


def test_the_same_text_under_another_name_is_not_imported_twice(site: Path) -> None:
    text = (SEEDS / "002-byline-bio.txt").read_bytes()
    (site / "fuentes" / "copia-exacta.txt").write_bytes(text)
    result = _import("fuentes")
    assert result.exit_code == 0, result.output
    assert "el mismo texto ya está importado en" in result.output
    assert len(_posts(site)) == 2


def test_large_batches_parsed_in_parallel_give_the_same_posts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import datetime as dt
    from dataclasses import replace

    import bitacora.importer as importer
    from bitacora.bench.generate import generate_posts, raw_article
    from bitacora.importer import ImportOptions, import_sources
    from bitacora.settings import Settings

    sources = tmp_path / "fuentes"
    sources.mkdir()
    count = importer._PARALLEL_MIN + 6
    for post in generate_posts(count, seed=3):
        (sources / f"{post['slug']}.txt").write_text(raw_article(post), encoding="utf-8")
    # Bad sources among them: their errors come back from the worker processes, as errors.
    (sources / "zz-binario.txt").write_bytes(b"\x00\x01\x02 datos")
    (sources / "zz-corto.txt").write_text("Solo un título\n", encoding="utf-8")
    options = ImportOptions(today=dt.date(2024, 1, 15))

    def run(name: str) -> dict[str, str]:
        settings = replace(Settings(), docs_dir=tmp_path / name)
        results = import_sources([sources], settings, options)
        assert [r.report.status for r in results] == ["creado"] * count + ["error"] * 2
        assert "binario" in results[-2].report.errors[0]
        posts = settings.posts_dir
        return {p.name: p.read_text(encoding="utf-8") for p in sorted(posts.glob("*.md"))}

    parallel = run("paralelo")
    monkeypatch.setattr(importer, "_PARALLEL_MIN", 10**9)
    assert run("serie") == parallel


def test_the_summary_says_what_the_text_lacks_in_plain_spanish() -> None:
    from bitacora.importer import format_summary
    from bitacora.model import Derivation, ImportResult, Report

    derived = (
        Derivation("authors", "Redacción", "el texto no trae autor: «Redacción»"),
        Derivation("date", "2026-11-23", "el texto no trae fecha: la de hoy"),
    )
    report = Report("foro.txt", "docs/blog/posts/foro.md", "creado", derived=derived)
    summary = format_summary([ImportResult(None, report)])
    assert "el texto no trae autor ni fecha (ver informe)" in summary


def test_a_report_never_overwrites_a_source_and_a_bad_report_path_stops_early(site: Path) -> None:
    source = site / "fuentes" / "002-byline-bio.txt"
    before = source.read_bytes()
    for report in (str(source), "fuentes/informe.json", "fuentes", "no-existe/informe.json"):
        result = _import("fuentes", "--report", report)
        assert result.exit_code == 1, report
        assert "informe" in result.output and "Traceback" not in result.output
    assert source.read_bytes() == before and not _posts(site)  # nothing imported, nothing lost


def test_a_folder_brings_its_articles_not_its_other_files(site: Path) -> None:
    (site / "fuentes" / "Thumbs.db").write_bytes(b"\x00\x01binario")
    (site / "fuentes" / "logo.svg").write_text("<svg/>", encoding="utf-8")
    result = _import("fuentes")
    assert result.exit_code == 0, result.output
    assert "Thumbs.db" not in result.output and len(_posts(site)) == 2
