"""The steps of `bitacora digest`, apart from click's parsing so tests can call them directly.

Every input is checked before anything is written or sent: the window, site_url, the
subscribers' CSV and the SMTP variables. Then the digest is written, then (optionally) sent.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path

from bitacora.digest import DigestPlan, digest_window, message_for, plan_digest, write_digest
from bitacora.digest.send import (
    SmtpSettings,
    Subscriber,
    SubscriberList,
    pending_subscribers,
    read_subscribers,
    send_digest,
    smtp_settings_from_env,
)
from bitacora.errors import BitacoraError
from bitacora.settings import Settings
from bitacora.spanish import long_date

__all__ = ["DigestRequest", "parse_digest_request", "run_digest"]

Echo = Callable[..., None]


@dataclass(frozen=True)
class DigestRequest:
    """The command line of `bitacora digest`, parsed."""

    today: dt.date
    since: dt.date | None = None
    until: dt.date | None = None
    days: int | None = None
    out_dir: Path | None = None
    subscribers_file: Path | None = None
    dry_run: bool = False
    force: bool = False
    # The related lists the site build stored (.cache/bitacora/), reused when still valid.
    related_cache: Path | None = None


def _date_option(name: str, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise BitacoraError(
            None,
            None,
            f"{name} «{value}» no es una fecha válida",
            "escríbela como AAAA-MM-DD, por ejemplo 2024-03-15",
        ) from None


def _usage(problem: str, fix: str) -> BitacoraError:
    return BitacoraError(None, None, problem, fix)


def parse_digest_request(
    *,
    since: str | None,
    until: str | None,
    days: int | None,
    out_dir: Path | None,
    send: bool,
    subscribers_file: Path | None,
    dry_run: bool,
    today: dt.date,
    force: bool = False,
    related_cache: Path | None = None,
) -> DigestRequest:
    """The command line, checked: every bad value is a Spanish `BitacoraError` (exit 1)."""
    if since is not None and days is not None:
        raise _usage("--since y --days fijan los dos el primer día", "usa solo uno de ellos")
    if days is not None and days < 1:
        raise _usage(f"--days {days} no es un número de días", "usa 1 o más, por ejemplo --days 7")
    if send and subscribers_file is None:
        raise _usage("--send necesita la lista de suscriptores", "añade --to suscriptores.csv")
    if subscribers_file is not None and not send:
        raise _usage("--to sin --send no envía nada", "añade --send (y --dry-run para probar)")
    return DigestRequest(
        today=today,
        since=_date_option("--since", since),
        until=_date_option("--until", until),
        days=days,
        out_dir=out_dir,
        subscribers_file=subscribers_file,
        dry_run=dry_run,
        force=force,
        related_cache=related_cache,
    )


def _shown(path: Path) -> str:
    """A path as the user typed it: relative to the current folder when it is inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def _print_plan(plan: DigestPlan, echo: Echo, *, written: bool) -> None:
    digest = plan.digest
    verb = "escrito" if written else "se escribiría"
    echo(
        f"Boletín del {long_date(digest.date)}: "
        f"{_count(len(digest.entries), 'artículo', 'artículos')} "
        f"(del {long_date(digest.window.since)} al {long_date(digest.window.until)})."
    )
    echo(f"Asunto: {digest.subject}")
    for path in plan.files:
        echo(f"  {verb}: {_shown(path)}")


def _print_skipped(subscribers: SubscriberList, echo: Echo) -> None:
    for problem in subscribers.skipped:
        echo(f"aviso: {problem}", err=True)


def _dry_run_sending(plan: DigestPlan, subscribers: SubscriberList, echo: Echo) -> None:
    pending = list(pending_subscribers(subscribers.subscribers, plan.send_log))
    already = len(subscribers.subscribers) - len(pending)
    echo(f"Se enviaría a {_count(len(pending), 'suscriptor', 'suscriptores')}:")
    for subscriber in pending:
        echo(f"  {subscriber.email}")
    if already:
        echo(
            f"Ya lo recibieron {_count(already, 'suscriptor', 'suscriptores')} "
            f"(según {_shown(plan.send_log.path)}); no se les reenvía."
        )
    echo("Simulación: no se ha escrito ni enviado nada.")


def _send(
    plan: DigestPlan,
    settings: Settings,
    subscribers: SubscriberList,
    smtp: SmtpSettings,
    echo: Echo,
) -> int:
    def message(subscriber: Subscriber) -> EmailMessage:
        return message_for(plan, settings, subscriber.address)

    report = send_digest(subscribers.subscribers, message, smtp, plan.send_log, progress=echo)
    echo(
        f"Enviados: {len(report.sent)}; ya enviados antes: {len(report.already)}; "
        f"rechazados: {len(report.refused)}; pendientes: {len(report.pending)}."
    )
    for email, reason in report.refused:
        echo(f"error: {email}: {reason} — revisa la dirección en el CSV", err=True)
    if report.stopped_by:
        echo(
            f"error: el envío se detuvo: {report.stopped_by} — vuelve a ejecutar la misma orden "
            f"para continuar; {_shown(plan.send_log.path)} recuerda a quién ya se envió",
            err=True,
        )
    return 0 if report.is_complete else 1


def run_digest(
    settings: Settings,
    request: DigestRequest,
    echo: Echo,
    env: Mapping[str, str] | None = None,
) -> int:
    """Check every input, build the digest, write it and (with --to) send it; the exit code."""
    window = digest_window(
        today=request.today,
        days=request.days or settings.digest.days,
        since=request.since,
        until=request.until,
    )
    subscribers: SubscriberList | None = None
    smtp: SmtpSettings | None = None
    if request.subscribers_file is not None:
        subscribers = read_subscribers(request.subscribers_file)
        if not subscribers.subscribers:
            _print_skipped(subscribers, echo)
            raise BitacoraError(
                request.subscribers_file,
                None,
                "no hay ninguna dirección válida a la que enviar",
                "añade suscriptores con una línea «email,name» por persona",
            )
        if not request.dry_run:
            smtp = smtp_settings_from_env(env)
    plan = plan_digest(
        settings,
        window,
        today=request.today,
        out=request.out_dir,
        force=request.force,
        related_cache=request.related_cache,
    )
    if request.dry_run:
        _print_plan(plan, echo, written=False)
        if subscribers is not None:
            _print_skipped(subscribers, echo)
            _dry_run_sending(plan, subscribers, echo)
        else:
            echo("Simulación: no se ha escrito nada.")
        return 0
    write_digest(plan)
    _print_plan(plan, echo, written=True)
    echo(f"Página del boletín: {_shown(plan.folder / 'index.md')} ({plan.archive_url})")
    if subscribers is None or smtp is None:
        return 0
    _print_skipped(subscribers, echo)
    return _send(plan, settings, subscribers, smtp, echo)
