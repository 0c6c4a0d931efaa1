"""Properties of the importer over arbitrary input (hypothesis).

- any text, in any supported format, either imports or fails with a `BitacoraError`;
- the front matter written for a post parses back to the same values;
- importing is idempotent: the same source twice gives the same bytes, and an imported post
  imported again (as .md) keeps its values;
- no <script>, event-handler attribute or javascript: link from any input reaches the HTML,
  rendered with the site's own Markdown extensions.
"""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bitacora.errors import BitacoraError, BitacoraErrors
from bitacora.importer import import_text
from bitacora.importer.read import decode_bytes
from bitacora.model import Post
from bitacora.plugin.config import load_settings
from bitacora.posts import parse_front_matter, post_from_front_matter, render_post
from bitacora.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
FORMATS = ("articulo.txt", "pagina.html", "articulo.md")
HOSTILE = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//x.example/x.js></SCRIPT>",
    '<img src=x onerror="alert(1)">',
    "<svg onload=alert(1)>",
    '<a href="javascript:alert(1)">pulsa</a>',
    "[pulsa](javascript:alert(1))",
    "![x](javascript:alert(1))",
    '<p onclick="alert(1)">texto</p>',
    '{: onclick="alert(1)" }',
    "<iframe src=//x.example></iframe>",
    "<!-- more -->",
    "<style>body{display:none}</style>",
    "```\n<script>alert(1)</script>\n```",
    "`<script>`",
    "&lt;script&gt;",
    "<scr<script>ipt>alert(1)</script>",
    '<div markdown="1"><script>alert(1)</script></div>',
    "---\ntitle: x\n---",
    "# Título\n\n## Sección",
    "> cita <b onmouseover=alert(1)>negrita</b>",
]
PROSE = [
    "La atención al cliente es una práctica diaria.",
    "Escuchar al cliente mejora el servicio.",
    "Las quejas son información valiosa para la empresa.",
    "Título del artículo",
    "Por Ana López · 3 de mayo de 2023",
    "Compartir en Facebook",
]
# Arbitrary text, and documents made of prose lines and attacks, in any order.
documents = st.one_of(
    st.text(max_size=400),
    st.lists(st.sampled_from(HOSTILE + PROSE) | st.text(max_size=60), min_size=1, max_size=12).map(
        "\n\n".join
    ),
)
quick = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def site_settings() -> Settings:
    return load_settings(ROOT / "mkdocs.yml")


@pytest.fixture(scope="module")
def render(site_settings: Settings):
    """Markdown → HTML with the extensions and options mkdocs.yml gives MkDocs."""
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"))
    md = markdown.Markdown(
        extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"]
    )

    def convert(text: str) -> str:
        md.reset()
        return md.convert(text)

    return convert


class _Dangers(HTMLParser):
    """Every element or attribute that would run code in a reader's browser."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "iframe", "object", "embed", "style"):
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{tag} {name}=")
            if name in ("href", "src") and (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"{tag} {name}={value}")


def _import(text: str, name: str, site_settings: Settings) -> Post | None:
    try:
        post, _ = import_text(text, site_settings, name=name, fallback_date=dt.date(2024, 1, 15))
    except (BitacoraError, BitacoraErrors):
        return None  # the handled outcome: a clear error for this file
    return post


@quick
@given(text=documents, name=st.sampled_from(FORMATS))
def test_any_text_imports_or_fails_with_a_clear_error(
    text: str, name: str, site_settings: Settings
) -> None:
    post = _import(text, name, site_settings)
    if post is not None:
        assert post.title.strip() and post.slug
        assert "<!-- more -->" in post.body


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=600))
def test_any_bytes_decode_or_fail_with_a_clear_error(data: bytes) -> None:
    try:
        text, _ = decode_bytes(data, "x.txt")
    except BitacoraError as error:
        assert "binario" in error.problem
        return
    assert "\r" not in text and not text.startswith("\ufeff")


def _front_values(post: Post) -> tuple[object, ...]:
    return (
        post.title,
        post.date,
        post.authors,
        post.categories,
        post.tags,
        post.description,
        post.slug,
        post.draft,
        post.related,
    )


@quick
@given(text=documents, name=st.sampled_from(FORMATS))
def test_front_matter_parses_back_to_the_same_values(
    text: str, name: str, site_settings: Settings
) -> None:
    post = _import(text, name, site_settings)
    if post is None:
        return
    written = render_post(post)
    again = post_from_front_matter(parse_front_matter(written, "x.md"), Path(f"{post.slug}.md"))
    assert _front_values(again) == _front_values(post)
    assert again.body.strip("\n") == post.body.strip("\n")


line = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=80)
word = line.map(str.strip).filter(bool)


@settings(max_examples=150, deadline=None)
@given(
    title=line.filter(lambda t: t.strip() == t and t.strip()),
    description=line.map(str.strip),
    tags=st.lists(word, max_size=4, unique=True),
    related=st.one_of(
        st.none(),
        st.just(False),
        st.lists(line.map(str.strip).filter(bool), min_size=1, max_size=3).map(tuple),
    ),
    date=st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31)),
)
def test_any_values_survive_a_write_and_read(
    title: str, description: str, tags: list[str], related: object, date: dt.date
) -> None:
    post = Post(
        title=title,
        date=date,
        body="Entrada.\n\n<!-- more -->\n\nTexto.\n",
        slug="post",
        authors=("ana-lopez",),
        categories=("Quejas y reclamos",),
        tags=tuple(tags),
        description=description,
        related=related,  # type: ignore[arg-type]
    )
    again = post_from_front_matter(parse_front_matter(render_post(post), "x.md"), "post.md")
    assert _front_values(again) == _front_values(post)


@quick
@given(text=documents, name=st.sampled_from(FORMATS))
def test_import_is_idempotent(text: str, name: str, site_settings: Settings) -> None:
    first = _import(text, name, site_settings)
    if first is None:
        return
    second = _import(text, name, site_settings)
    assert second is not None and render_post(second) == render_post(first)
    # The written post, imported again as Markdown, keeps its values and its text.
    again = _import(render_post(first), "articulo.md", site_settings)
    assert again is not None
    assert _front_values(again)[:7] == _front_values(first)[:7]
    assert again.body.strip("\n") == first.body.strip("\n")


@quick
@given(text=documents, name=st.sampled_from(FORMATS))
def test_no_code_from_any_input_reaches_the_html(
    text: str, name: str, site_settings: Settings, render
) -> None:
    post = _import(text, name, site_settings)
    if post is None:
        return
    scanner = _Dangers()
    scanner.feed(render(post.body))
    assert scanner.found == []
