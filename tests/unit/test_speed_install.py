"""The fast build patches Material and MkDocs for one build only, and puts everything back."""

from __future__ import annotations

from types import SimpleNamespace

import markdown
import material.plugins.blog.structure as blog_structure
import mkdocs.structure.pages as mkdocs_pages
import yaml

from bitacora.plugin import speed
from bitacora.plugin.parsers import PageParsers, SharedParsers


def test_install_then_uninstall_restores_material_and_mkdocs() -> None:
    speed.speed_up_reading()
    try:
        assert isinstance(blog_structure.Markdown, SharedParsers)
        assert isinstance(mkdocs_pages.markdown.Markdown, PageParsers)
        assert mkdocs_pages.markdown.Markdown is not markdown.Markdown
        assert blog_structure.SafeLoader is getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    finally:
        speed.uninstall(SimpleNamespace(plugins={}))
    assert blog_structure.Markdown is markdown.Markdown
    assert mkdocs_pages.markdown is markdown
    assert blog_structure.SafeLoader is yaml.SafeLoader
