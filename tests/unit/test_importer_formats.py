"""Regressions found by the property tests: odd input gives a clear error or a faithful post."""

from __future__ import annotations

import pytest

from bitacora.errors import BitacoraError
from bitacora.importer import import_text


def test_markup_that_breaks_the_html_parser_is_this_files_error() -> None:
    with pytest.raises(BitacoraError, match="tan mal formada que no se puede analizar"):
        import_text("<SVG><S00000></S00000><A>", name="pagina.html")


def test_a_title_that_looks_like_a_tag_is_kept_as_text() -> None:
    post, _ = import_text("<A>\n\nPrimer párrafo del artículo.\n", name="articulo.txt")
    assert post.title.strip()
    assert "<" not in post.title


def test_imported_markdown_keeps_its_own_slug() -> None:
    text = "---\ntitle: Un título largo\nslug: corto\n---\n\nTexto del artículo.\n"
    post, _ = import_text(text, name="articulo.md")
    assert post.slug == "corto"


def test_an_escaped_brace_is_text_not_an_attribute_list() -> None:
    post, _ = import_text('---\ntitle: T\n---\n\nUsa \\{onclick="x"} así.\n', name="a.md")
    assert '\\{onclick="x"}' in post.body
    post, _ = import_text('---\ntitle: T\n---\n\nPárrafo\n{: onclick="x" }\n', name="a.md")
    assert "onclick" not in post.body
