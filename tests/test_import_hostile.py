"""Hostile sources: each gets its own clear error or warning, the batch goes on, a summary ends
it, the exit code tells, nothing half-written is left, and what was imported passes the check.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from bitacora.cli import cli
from bitacora.importer.read import MAX_SOURCE_BYTES
from bitacora.plugin.config import load_settings
from bitacora.posts import read_post
from bitacora.validate import check_posts
from sitebuild import copy_site

SEEDS = Path(__file__).parent / "golden" / "importer"
POSTS = Path("docs/blog/posts")
SOURCES = Path("docs/.fuentes")
# "atención", the euro sign and curly quotes: the bytes cp1252 and UTF-8 write differently.
SPANISH = (
    "La atención al cliente\n\n"
    "La atención cuesta 5 € y es “clave” para los clientes que nos visitan cada día.\n\n"
    "Otro párrafo con más texto sobre el servicio y la atención que damos en la tienda.\n"
)
LATIN1_ONLY = str.maketrans({"€": "EUR", "“": '"', "”": '"'})  # Latin-1 has no € nor “ ”
PAGE = """<!DOCTYPE html>
<html lang="es"><head><meta charset="utf-8"><title>Cómo atender quejas | Ejemplo</title>
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "Article",
 "headline": "Cómo atender quejas", "datePublished": "2023-05-04",
 "author": {"@type": "Person", "name": "Laura Gómez"}}</script>
<script>document.cookie = "x"</script><style>p { color: red }</style></head>
<body><nav><a href="/">Inicio</a> | <a href="/blog">Blog</a></nav>
<article><h1>Cómo atender quejas</h1>
<p onclick="alert(2)">Las quejas son una oportunidad para mejorar el servicio al cliente y
fidelizar. Escuchar es el primer paso para resolverlas bien.</p>
<h2>Escuchar primero</h2>
<ul><li>Deja terminar a la persona</li><li>Resume lo que entendiste</li></ul>
<blockquote><p>El cliente siempre quiere ser escuchado.</p></blockquote>
<p>Lee la <a href="https://example.org/guia">guía completa</a> y mira
<img src="https://example.org/quejas.png" alt="Gráfico de quejas por mes" onerror="alert(3)">
antes de responder. <script>alert(4)</script></p>
<p>Escribir &lt;script&gt;alert(5)&lt;/script&gt; en una queja no debería romper nada.</p>
</article><footer>© 2024 Ejemplo</footer></body></html>
"""


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The real site with the fixture posts; the current folder is the site's."""
    copy_site(tmp_path, with_fixture_posts=True)
    (tmp_path / "lote").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _import(*args: str) -> Result:
    return CliRunner().invoke(cli, ["import", *args, "--date", "2024-01-15"])


def _posts_dir_names() -> set[str]:
    return {p.name for p in POSTS.iterdir()}


def test_one_bad_file_among_good_ones(site: Path) -> None:
    lote = site / "lote"
    (lote / "bueno.txt").write_bytes((SEEDS / "000-carnegie-hall.txt").read_bytes())
    (lote / "vacío.txt").write_bytes(b"")
    (lote / "imagen.txt").write_bytes((site / "docs" / "assets" / "og.png").read_bytes()[:4096])
    (lote / "ruido.txt").write_text("Compartir\nFacebook\nTwitter\nWhatsApp\n", encoding="utf-8")
    (lote / "otro bueno.html").write_text(PAGE, encoding="utf-8")
    before = _posts_dir_names()
    result = _import("lote")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[-1] == "5 fuentes: 2 creados, 3 con error."
    errors = [line.strip() for line in lines if line.startswith("    error:")]
    assert errors == [
        "error: lote/imagen.txt: el archivo parece binario, no texto — importa el artículo "
        "como .txt, .md o .html",
        "error: lote/ruido.txt: no queda texto del artículo después de quitar 4 líneas de ruido "
        "de la página — comprueba que el archivo contiene el artículo; si una regla de ruido "
        "quita texto bueno, ajústala en el archivo de reglas (import_noise_file)",
        "error: lote/vacío.txt: el archivo está vacío — copia el texto del artículo en él",
    ]
    created = _posts_dir_names() - before
    assert len(created) == 2
    # Nothing half-written, and no raw copy kept for a source that produced no post.
    assert not [p for p in POSTS.iterdir() if p.name.startswith(".")]
    assert sorted(p.name for p in SOURCES.iterdir()) == ["bueno.txt", "otro bueno.html"]
    # What was imported is a correct site: the same check as `mkdocs build` passes.
    assert check_posts(load_settings("mkdocs.yml")).errors == ()


def test_a_20_mb_file_is_refused_without_reading_it(site: Path) -> None:
    huge = site / "lote" / "volcado.txt"
    with huge.open("wb") as handle:
        handle.truncate(20 * 1024 * 1024)  # sparse: the size is what matters
    assert huge.stat().st_size > MAX_SOURCE_BYTES
    result = _import(str(huge.relative_to(site)))
    assert result.exit_code == 1
    assert (
        "lote/volcado.txt: el archivo ocupa 20.0 MB, demasiado para un artículo — divide el "
        "archivo o comprueba que es un artículo (límite: 5 MB)"
    ) in result.output
    assert not SOURCES.exists()


def test_unknown_format_says_which_ones_work(site: Path) -> None:
    (site / "lote" / "informe.pdf").write_bytes(b"%PDF-1.4\n")
    result = _import("lote/informe.pdf")
    assert result.exit_code == 1
    assert "el formato «.pdf» no se puede importar — usa un archivo .txt, .html o .md" in (
        result.output
    )


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("cp1252.txt", SPANISH.encode("cp1252")),
        (
            "latin1.txt",
            SPANISH.replace("€", "EUR").replace("“", '"').replace("”", '"').encode("latin-1"),
        ),
        ("bom-crlf.txt", b"\xef\xbb\xbf" + SPANISH.replace("\n", "\r\n").encode("utf-8")),
        ("utf8.txt", SPANISH.encode("utf-8")),
    ],
)
def test_every_common_encoding_reads_as_the_same_spanish(
    site: Path, name: str, data: bytes
) -> None:
    (site / "lote" / name).write_bytes(data)
    result = _import(f"lote/{name}")
    assert result.exit_code == 0, result.output
    post_file = POSTS / "la-atencion-al-cliente.md"
    text = post_file.read_text(encoding="utf-8")
    assert "\r" not in text and "\ufeff" not in text and "\ufffd" not in text
    post = read_post(post_file)
    assert post.title == "La atención al cliente"
    if name != "latin1.txt":
        assert "La atención cuesta 5 € y es “clave”" in post.body
    else:
        assert 'La atención cuesta 5 EUR y es "clave"' in post.body
    assert "Otro párrafo con más texto" in post.body
    # The raw bytes are kept as they came, for re-import to compare.
    assert (SOURCES / name).read_bytes() == data


def test_names_with_spaces_and_accents(site: Path) -> None:
    name = "Atención al cliente (copia final).txt"
    (site / "lote" / name).write_text(SPANISH, encoding="utf-8")
    result = _import(f"lote/{name}", "--report", "informe.json")
    assert result.exit_code == 0, result.output
    report = json.loads((site / "informe.json").read_text(encoding="utf-8"))
    assert report[0]["source"] == f"lote/{name}"
    assert report[0]["status"] == "creado"
    assert (SOURCES / name).is_file()
    assert read_post(POSTS / "la-atencion-al-cliente.md").source_file == f".fuentes/{name}"


def test_a_saved_web_page_keeps_the_article_and_loses_the_code(site: Path) -> None:
    (site / "lote" / "pagina.html").write_text(PAGE, encoding="utf-8")
    result = _import("lote/pagina.html", "--report", "informe.json")
    assert result.exit_code == 0, result.output
    post = read_post(POSTS / "como-atender-quejas.md")
    assert post.title == "Cómo atender quejas"
    assert post.authors == ("laura-gomez",)
    assert str(post.date) == "2023-05-04"
    body = post.body
    assert "## Escuchar primero" in body
    assert "- Deja terminar a la persona\n- Resume lo que entendiste" in body
    assert "> El cliente siempre quiere ser escuchado." in body
    assert "[guía completa](<https://example.org/guia>)" in body
    # An image inside a paragraph keeps its alt text; a remote one is linked, never embedded.
    assert "[Imagen: Gráfico de quejas por mes](<https://example.org/quejas.png>)" in body
    for code in ("<script", "alert(2)", "alert(3)", "alert(4)", "onclick", "onerror", "cookie"):
        assert code not in body
    assert "&lt;script" in body  # text that shows code stays text
    report = json.loads((site / "informe.json").read_text(encoding="utf-8"))[0]
    assert (
        "imagen externa enlazada, no incrustada (privacidad): https://example.org/quejas.png"
        in (report["warnings"])
    )
    removed = {(r["rule"], r["text"]) for r in report["removed"]}
    assert ("script", "alert(4)") in removed
    # A kept paragraph is never reported as removed because of a script inside it.
    assert not any("antes de responder" in text for _, text in removed)
    assert check_posts(load_settings("mkdocs.yml")).errors == ()


def test_markdown_with_front_matter_keeps_the_authors_values(site: Path) -> None:
    source = (
        "---\ntitle: 'Quejas: cómo responderlas'\ndate: 2022-11-03\nauthors: [Ana López]\n"
        "categories: [Quejas y reclamos]\ntags: [quejas, empatía]\n"
        "description: Responder bien una queja fideliza.\n---\n\n"
        "Primer párrafo sobre las quejas de los clientes y cómo responderlas.\n\n"
        '<img src=x onerror="alert(1)"> Segundo párrafo.\n'
    )
    (site / "lote" / "queja.md").write_text(source, encoding="utf-8")
    result = _import("lote/queja.md")
    assert result.exit_code == 0, result.output
    post = read_post(POSTS / "quejas-como-responderlas.md")
    assert (post.title, str(post.date)) == ("Quejas: cómo responderlas", "2022-11-03")
    assert post.authors == ("ana-lopez",)
    assert post.categories == ("Quejas y reclamos",)
    assert post.tags[:2] == ("quejas", "empatía")
    assert post.description == "Responder bien una queja fideliza."
    assert "<img" not in post.body and "&lt;img" in post.body
    assert check_posts(load_settings("mkdocs.yml")).errors == ()
