"""Markdown parsers are shared only when every extension can be reset between documents."""

from __future__ import annotations

from markdown.extensions.toc import TocExtension

from bitacora.plugin.parsers import PageParsers, SharedParsers

SHAREABLE = {"extensions": ["toc", "tables", "pymdownx.superfences"], "extension_configs": {}}


def test_same_options_share_one_parser() -> None:
    parsers = SharedParsers()
    first = parsers(**SHAREABLE)
    assert parsers(**dict(SHAREABLE)) is first
    assert parsers.is_shared(first)


def test_unknown_extension_or_extension_object_gets_its_own_parser() -> None:
    parsers = SharedParsers()
    unknown = {"extensions": ["toc", "pymdownx.snippets"], "extension_configs": {}}
    assert parsers(**unknown) is not parsers(**unknown)
    objects = {"extensions": [TocExtension()], "extension_configs": {}}
    assert not parsers.is_shared(parsers(**objects))


def test_page_parser_comes_back_reset() -> None:
    parsers = PageParsers()
    parser = parsers(extensions=["footnotes", "toc"], extension_configs={})
    first = parser.convert("Texto[^1].\n\n[^1]: Nota uno.\n\n## Sección\n")
    again = parsers(extensions=["footnotes", "toc"], extension_configs={})
    assert again is parser
    assert again.htmlStash.html_counter == 0
    assert again.convert("Texto[^1].\n\n[^1]: Nota uno.\n\n## Sección\n") == first
