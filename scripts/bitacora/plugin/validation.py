"""MkDocs side of `bitacora check`: the same checks before any page is read, same messages.

Runs in on_files, ahead of Material's blog plugin (which reads posts at priority -50), so
a bad post stops the build with the Spanish file:line message instead of a traceback.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError

from bitacora.settings import Settings
from bitacora.validate import CheckMemo, check_posts

if TYPE_CHECKING:
    from mkdocs.structure.files import Files

__all__ = ["validate_site"]

log = logging.getLogger("mkdocs.plugins.bitacora")


def validate_site(files: Files, settings: Settings, memo: CheckMemo | None = None) -> int:
    """Log every problem of every post, then abort the build once if any is an error.

    `memo` (while serving) keeps each unchanged post's findings from the last rebuild.
    Returns how many posts were checked.
    """
    published = {f.src_uri for f in files if not f.inclusion.is_excluded()}
    result = check_posts(settings, site_files=published, memo=memo)
    for notice in result.notices:
        log.info(f"aviso: {notice}")  # a draft in progress must not fail `--strict`
    for problem in result.errors:
        log.error(str(problem))
    if result.errors:
        count = len(result.errors)
        raise PluginError(
            f"{count} {'error' if count == 1 else 'errores'} en los posts (los mismos que "
            "muestra «bitacora check»); corrígelos y vuelve a construir el sitio"
        )
    return result.checked
