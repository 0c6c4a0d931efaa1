"""Newsletter digest: posts → HTML + text email, a ready .eml, a page of the site (no MkDocs).

select.py picks the posts of a window, render.py writes the HTML and text parts, eml.py the
RFC 5322 message, archive.py the site's «Boletín» pages, send.py the SMTP delivery. Here:
`plan_digest` builds every file in memory, `write_digest` writes them all (atomically, only
once everything rendered), and `message_for` builds one subscriber's message.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from email.headerregistry import Address
from email.message import EmailMessage
from pathlib import Path

from bitacora.digest.archive import (
    PastDigest,
    archive_summary,
    archive_title,
    archive_url,
    list_past_digests,
    render_archive_index,
    render_archive_page,
)
from bitacora.digest.eml import build_message, message_bytes, parse_sender
from bitacora.digest.render import (
    HTML_SIZE_LIMIT,
    render_html,
    render_text,
    unsubscribe_link,
)
from bitacora.digest.select import Digest, DigestWindow, select_digest
from bitacora.digest.send import SEND_LOG_NAME, SendLog
from bitacora.errors import BitacoraError, BitacoraErrors
from bitacora.model import Post, RelatedLink
from bitacora.posts import atomic_write, has_hand_edits, stamp_import_hash
from bitacora.settings import Settings

__all__ = [
    "DigestPlan",
    "build_digest",
    "digest_window",
    "message_for",
    "plan_digest",
    "write_digest",
]


@dataclass(frozen=True)
class DigestPlan:
    """A digest ready to write: its content, where it goes, and every file's text."""

    digest: Digest
    folder: Path  # <out>/<AAAA-MM-DD>
    index_path: Path  # <out>/index.md
    files: dict[Path, str]  # every file to write, folder's and index, in writing order
    archive_url: str

    @property
    def send_log(self) -> SendLog:
        return SendLog(self.folder / SEND_LOG_NAME)


def digest_window(
    *,
    today: dt.date,
    days: int,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> DigestWindow:
    """The window from the command line: `until` (default today) back `days` days, or `since`."""
    end = until or today
    start = since or end - dt.timedelta(days=days - 1)
    return DigestWindow(since=start, until=end)


def _related(
    settings: Settings, cache_path: Path | None
) -> Callable[[Sequence[Post]], dict[str, tuple[RelatedLink, ...]]]:
    from bitacora.related import RelatedCache, compute_related

    def related(posts: Sequence[Post]) -> dict[str, tuple[RelatedLink, ...]]:
        # The build's cache: an unchanged site reads its lists instead of computing them.
        cache = RelatedCache(path=cache_path) if cache_path is not None else None
        return compute_related(posts, settings.related, cache)

    return related


def _out_path(settings: Settings, out: Path | None) -> Path:
    return out if out is not None else settings.docs_dir / settings.digest.out_dir


def _page_dir(settings: Settings, folder: Path) -> str | None:
    """The digest folder relative to docs_dir, or None when it lies outside the site."""
    try:
        relative = folder.resolve().relative_to(settings.docs_dir.resolve())
    except ValueError:
        return None
    return relative.as_posix()


def _archive_recipient(settings: Settings) -> Address:
    # The archived .eml is addressed to the sender's own mailbox, as a list owner's copy.
    return parse_sender(settings.digest.sender)


def message_for(plan: DigestPlan, settings: Settings, recipient: Address) -> EmailMessage:
    """The digest as one recipient's email, with their own unsubscribe link."""
    unsubscribe = unsubscribe_link(
        settings.digest.unsubscribe_url, plan.digest.site_url, recipient.addr_spec
    )
    html = render_html(plan.digest, archive_url=plan.archive_url, unsubscribe_url=unsubscribe)
    text = render_text(plan.digest, archive_url=plan.archive_url, unsubscribe_url=unsubscribe)
    return build_message(
        plan.digest,
        html=html,
        text=text,
        sender=settings.digest.sender,
        recipient=recipient,
        unsubscribe_url=unsubscribe,
    )


def plan_digest(
    settings: Settings,
    window: DigestWindow,
    *,
    today: dt.date,
    out: Path | None = None,
    force: bool = False,
    related_cache: Path | None = None,
) -> DigestPlan:
    """Select and render a digest entirely in memory; raises `BitacoraError` on bad input.

    The two Markdown pages carry a stamp of their generated text: one edited by hand since is
    not overwritten unless `force`.
    """
    digest = select_digest(settings, window, today=today, related=_related(settings, related_cache))
    out_path = _out_path(settings, out)
    folder = out_path / digest.date.isoformat()
    page_dir = _page_dir(settings, folder)
    url = archive_url(
        digest.site_url,
        page_dir.rsplit("/", 1)[0] if page_dir else settings.digest.out_dir,
        digest.date,
        use_directory_urls=settings.blog.use_directory_urls,
    )
    recipient = _archive_recipient(settings)
    unsubscribe = unsubscribe_link(
        settings.digest.unsubscribe_url, digest.site_url, recipient.addr_spec
    )
    html = render_html(digest, archive_url=url, unsubscribe_url=unsubscribe)
    if len(html.encode("utf-8")) > HTML_SIZE_LIMIT:
        raise BitacoraError(
            folder / "digest.html",
            None,
            f"el correo ocupa {len(html.encode('utf-8')) // 1024} KB y Gmail recorta los "
            "mensajes de más de 102 KB",
            "acorta el periodo (--days o --since) para que incluya menos artículos",
        )
    text = render_text(digest, archive_url=url, unsubscribe_url=unsubscribe)
    message = build_message(
        digest,
        html=html,
        text=text,
        sender=settings.digest.sender,
        recipient=recipient,
        unsubscribe_url=unsubscribe,
    )
    page = render_archive_page(digest, page_dir)
    this = PastDigest(digest.date, archive_title(digest), archive_summary(digest))
    past = [p for p in list_past_digests(out_path) if p.date != digest.date]
    index = render_archive_index(sorted([*past, this], key=lambda p: p.date, reverse=True))
    files = {
        folder / "digest.html": html,
        folder / "digest.txt": text,
        # Pure ASCII: the subject is RFC 2047-encoded and both parts quoted-printable.
        folder / "digest.eml": message_bytes(message).decode("ascii"),
        folder / "index.md": stamp_import_hash(page),
        out_path / "index.md": stamp_import_hash(index),
    }
    if not force:
        _refuse_hand_edits([folder / "index.md", out_path / "index.md"])
    return DigestPlan(digest, folder, out_path / "index.md", files, url)


def _refuse_hand_edits(pages: list[Path]) -> None:
    edited = [
        BitacoraError(
            page,
            None,
            "la página se ha editado a mano desde que se generó y no se sobrescribe",
            "copia tus cambios a otro sitio y repite la orden con --force para regenerarla",
        )
        for page in pages
        if page.is_file() and has_hand_edits(page.read_text(encoding="utf-8"))
    ]
    if edited:
        raise BitacoraErrors(edited)


def write_digest(plan: DigestPlan) -> list[Path]:
    """Write every file of the plan, each atomically; the send log is never touched."""
    for path, text in plan.files.items():
        atomic_write(path, text)
    return list(plan.files)


def build_digest(
    settings: Settings,
    window: DigestWindow,
    *,
    today: dt.date,
    out: Path | None = None,
    force: bool = False,
    related_cache: Path | None = None,
) -> DigestPlan:
    """Select, render and write a digest (its folder, and the index of all digests)."""
    plan = plan_digest(
        settings, window, today=today, out=out, force=force, related_cache=related_cache
    )
    write_digest(plan)
    return plan
