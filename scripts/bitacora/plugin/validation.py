"""MkDocs side of `bitacora check`: the same checks before any page is read, same messages.

Runs in on_files, ahead of Material's blog plugin (which reads posts at priority -50), so
a bad post stops the build with the Spanish file:line message instead of a traceback.

A large blog is checked on a second core: `BackgroundCheck` forks a process that runs
`check_posts` while Material's blog plugin reads the same posts in this one (each takes a
few seconds at 10,000 posts), and the plugin waits for its findings right after, before
MkDocs reads or writes any page. If Material stops first on a post it cannot read, the
plugin's on_build_error still reports the Spanish findings instead of Material's message.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import PluginError

from bitacora.settings import Settings
from bitacora.validate import Check, CheckMemo, check_posts

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

    from mkdocs.structure.files import Files

__all__ = ["BackgroundCheck", "failure_summary", "report_check", "validate_site"]

log = logging.getLogger("mkdocs.plugins.bitacora")


def _published(files: Files) -> frozenset[str]:
    return frozenset(f.src_uri for f in files if not f.inclusion.is_excluded())


def failure_summary(check: Check) -> str:
    count = len(check.errors)
    return (
        f"{count} {'error' if count == 1 else 'errores'} en los posts (los mismos que "
        "muestra «bitacora check»); corrígelos y vuelve a construir el sitio"
    )


def log_findings(check: Check) -> None:
    for notice in check.notices:
        log.info(f"aviso: {notice}")  # a draft in progress must not fail `--strict`
    for problem in check.errors:
        log.error(str(problem))


def report_check(check: Check) -> int:
    """Log every problem of every post, then abort the build once if any is an error.
    Returns how many posts were checked."""
    log_findings(check)
    if check.errors:
        raise PluginError(failure_summary(check))
    return check.checked


def validate_site(files: Files, settings: Settings, memo: CheckMemo | None = None) -> int:
    """Check the posts here and now (see `report_check`).

    `memo` (while serving) keeps each unchanged post's findings from the last rebuild.
    """
    return report_check(check_posts(settings, site_files=_published(files), memo=memo))


def _check_and_send(sender: Connection, settings: Settings, published: frozenset[str]) -> None:
    """In the forked process: the findings, or nothing if the check itself broke."""
    try:
        # One process is the point: this one already runs beside the build's.
        sender.send(check_posts(settings, site_files=published, parallel=False))
    except Exception:  # noqa: BLE001 - the parent sees no findings and checks by itself
        log.debug("bitacora: la comprobación en segundo plano no terminó", exc_info=True)
    finally:
        sender.close()


class BackgroundCheck:
    """`check_posts` running in a forked process; `result()` waits for its `Check`."""

    def __init__(self, settings: Settings, published: frozenset[str]) -> None:
        self.settings, self.published = settings, published
        context = multiprocessing.get_context("fork")
        self._receiver, sender = context.Pipe(duplex=False)
        self._process: Any = context.Process(
            target=_check_and_send, args=(sender, settings, published), daemon=True
        )
        self._process.start()
        sender.close()  # the child holds the only writing end: its exit means end of data

    @classmethod
    def start(
        cls, files: Files, settings: Settings, posts: int, from_posts: int
    ) -> BackgroundCheck | None:
        """A check in another process for a blog of at least `from_posts` posts; None when
        it would not pay off (a small blog, one core, no fork) or could not start."""
        if not from_posts or posts < from_posts or (os.cpu_count() or 1) < 2:
            return None
        if "fork" not in multiprocessing.get_all_start_methods():
            return None
        try:
            return cls(settings, _published(files))
        except OSError:
            return None

    def result(self) -> Check:
        """The child's findings; if it ended without them, the same check in this process."""
        try:
            check: Check | None = self._receiver.recv()
        except Exception:  # noqa: BLE001 - ended early (EOF) or mid-message: check here
            check = None
        finally:
            self._receiver.close()
            self._process.join()
        if check is None:
            check = check_posts(self.settings, site_files=self.published)
        return check
