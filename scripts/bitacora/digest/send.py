"""Digest stage, sending: one message per subscriber over SMTP, resumable, never twice.

Input: the subscribers' CSV (header `email[,name]`), SMTP settings from environment variables
only (credentials never live in the repository), and a function that builds each subscriber's
message. Output: a send log, JSON lines beside the digest (`.envios.jsonl`: a dot-file, so
MkDocs never publishes it; gitignored, since it holds addresses). An address is logged right
after the server accepts its message, so a re-run after any failure skips exactly the
delivered ones: nobody receives the digest twice and nobody is skipped.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import json
import os
import smtplib
import ssl
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from email.headerregistry import Address
from email.message import EmailMessage
from pathlib import Path

from email_validator import EmailNotValidError, validate_email

from bitacora.errors import BitacoraError

__all__ = [
    "SEND_LOG_NAME",
    "SendLog",
    "SendReport",
    "SmtpSettings",
    "Subscriber",
    "SubscriberList",
    "pending_subscribers",
    "read_subscribers",
    "send_digest",
    "smtp_settings_from_env",
]

SEND_LOG_NAME = ".envios.jsonl"
ENV_PREFIX = "BITACORA_SMTP_"
_DEFAULT_PORTS = {"starttls": 587, "ssl": 465, "none": 25}
_TIMEOUT_SECONDS = 30


@dataclass(frozen=True)
class Subscriber:
    email: str  # normalised (domain lowercased)
    name: str
    line: int  # line of the CSV, for messages

    @property
    def address(self) -> Address:
        return Address(display_name=self.name, addr_spec=self.email)


@dataclass(frozen=True)
class SubscriberList:
    """The valid subscribers, in file order, and the lines that were skipped, with why."""

    subscribers: tuple[Subscriber, ...]
    skipped: tuple[BitacoraError, ...] = ()


def _normalised_email(text: str) -> str:
    # Syntax only: no DNS lookups (offline, fast, no request leaves the machine).
    result = validate_email(text, check_deliverability=False, allow_smtputf8=False)
    return str(result.normalized)


_EMAIL_COLUMNS = ("email", "e-mail", "correo", "correo electrónico")
_NAME_COLUMNS = ("name", "nombre")


def _column(columns: list[str], names: tuple[str, ...]) -> int | None:
    return next((columns.index(name) for name in names if name in columns), None)


def _delimiter(header: str) -> str:
    # Spreadsheets set to Spanish save CSV with ";" (the comma is the decimal separator).
    return max((",", ";", "\t"), key=header.count)


def read_subscribers(path: Path) -> SubscriberList:
    """Subscribers from a CSV with an `email` column (and optionally `name`), "," or ";".

    Raises `BitacoraError` when the file cannot be used at all; bad or repeated addresses
    are skipped and reported with their line numbers.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise BitacoraError(
            path, None, "no existe el archivo de suscriptores", "revisa la ruta de --to"
        ) from None
    except (OSError, UnicodeDecodeError) as error:
        problem = (
            "el archivo de suscriptores no está en UTF-8"
            if isinstance(error, UnicodeDecodeError)
            else "no se puede leer el archivo de suscriptores"
        )
        raise BitacoraError(path, None, problem, "guárdalo como CSV en UTF-8") from None
    lines = text.splitlines()
    rows = csv.reader(lines, delimiter=_delimiter(lines[0] if lines else ""))
    header = next(rows, None)
    columns = [column.strip().lower() for column in header or []]
    if _column(columns, _EMAIL_COLUMNS) is None:
        raise BitacoraError(
            path,
            1,
            "falta la columna «email» en la cabecera",
            "la primera línea debe ser «email,name» (o «correo;nombre»; el nombre es opcional)",
        )
    email_at = _column(columns, _EMAIL_COLUMNS) or 0
    name_at = _column(columns, _NAME_COLUMNS)
    subscribers: list[Subscriber] = []
    skipped: list[BitacoraError] = []
    seen: dict[str, int] = {}
    for line, row in enumerate(rows, start=2):
        if not any(cell.strip() for cell in row):
            continue
        raw = row[email_at].strip() if email_at < len(row) else ""
        name = row[name_at].strip() if name_at is not None and name_at < len(row) else ""
        try:
            email = _normalised_email(raw)
        except EmailNotValidError:
            skipped.append(
                BitacoraError(
                    path,
                    line,
                    f"«{raw}» no es una dirección de correo válida; se omite",
                    "corrígela (por ejemplo, nombre@dominio.es) y vuelve a enviar",
                )
            )
            continue
        key = email.lower()
        if key in seen:
            skipped.append(
                BitacoraError(
                    path,
                    line,
                    f"«{raw}» ya está en la línea {seen[key]}; se envía una sola vez",
                    "borra la línea repetida",
                )
            )
            continue
        seen[key] = line
        subscribers.append(Subscriber(email=email, name=name, line=line))
    return SubscriberList(tuple(subscribers), tuple(skipped))


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    security: str  # starttls, ssl or none
    user: str | None = field(default=None, repr=False)
    password: str | None = field(default=None, repr=False)


def smtp_settings_from_env(env: Mapping[str, str] | None = None) -> SmtpSettings:
    """SMTP server settings from BITACORA_SMTP_* variables (never from files in the repo)."""
    env = os.environ if env is None else env

    def value(name: str) -> str:
        return env.get(ENV_PREFIX + name, "").strip()

    host = value("HOST")
    if not host:
        raise BitacoraError(
            None,
            None,
            "falta el servidor de correo: la variable BITACORA_SMTP_HOST está vacía",
            "exporta BITACORA_SMTP_HOST (y BITACORA_SMTP_PORT, BITACORA_SMTP_SECURITY, "
            "BITACORA_SMTP_USER, BITACORA_SMTP_PASSWORD) antes de enviar",
        )
    security = (value("SECURITY") or "starttls").lower()
    if security not in _DEFAULT_PORTS:
        raise BitacoraError(
            None,
            None,
            f"BITACORA_SMTP_SECURITY vale «{security}», que no es un modo conocido",
            "usa starttls, ssl o none",
        )
    port_text = value("PORT")
    try:
        port = int(port_text) if port_text else _DEFAULT_PORTS[security]
    except ValueError:
        port = 0
    if not 0 < port < 65536:
        raise BitacoraError(
            None,
            None,
            f"BITACORA_SMTP_PORT vale «{port_text}», que no es un puerto",
            "usa un número entre 1 y 65535, por ejemplo 587",
        )
    user, password = value("USER") or None, env.get(ENV_PREFIX + "PASSWORD") or None
    if (user is None) != (password is None):
        raise BitacoraError(
            None,
            None,
            "BITACORA_SMTP_USER y BITACORA_SMTP_PASSWORD van juntas",
            "exporta las dos variables, o ninguna si el servidor no pide usuario",
        )
    return SmtpSettings(host, port, security, user, password)


class SendLog:
    """Addresses already delivered for one digest, appended line by line as they happen."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def delivered(self) -> set[str]:
        if not self.path.is_file():
            return set()
        done = set()
        for line_number, line in enumerate(
            self.path.read_text(encoding="utf-8").splitlines(), start=1
        ):
            if not line.strip():
                continue
            try:
                done.add(str(json.loads(line)["email"]).lower())
            except (ValueError, KeyError, TypeError):
                raise BitacoraError(
                    self.path,
                    line_number,
                    "el registro de envíos tiene una línea dañada",
                    "corrígela o bórrala a mano (cada línea es un envío ya entregado)",
                ) from None
        return done

    @contextlib.contextmanager
    def exclusive(self) -> Iterator[None]:
        """Hold the log for one run: a second run of the same digest at once would send twice."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("a", encoding="utf-8") as handle:
            try:
                import fcntl
            except ImportError:  # Windows: no advisory locks; runs must not overlap
                yield
                return
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise BitacoraError(
                    self.path,
                    None,
                    "otro envío de este boletín está en marcha",
                    "espera a que termine; después, repetir la orden envía solo lo pendiente",
                ) from None
            try:
                yield
            finally:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)

    def record(self, subscriber: Subscriber, message_id: str) -> None:
        entry = {
            "email": subscriber.email,
            "message_id": message_id,
            "sent_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        }
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # Appended and flushed to disk before the next message: a crash cannot lose it.
        with self.path.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(entry, ensure_ascii=False) + "\n")
            handle.flush()
            os.fsync(handle.fileno())


@dataclass
class SendReport:
    sent: list[str] = field(default_factory=list)
    already: list[str] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)
    pending: list[str] = field(default_factory=list)
    stopped_by: str | None = None  # why sending stopped before the end

    @property
    def is_complete(self) -> bool:
        return self.stopped_by is None and not self.refused


def _connect(settings: SmtpSettings) -> smtplib.SMTP:
    if settings.security == "ssl":
        client: smtplib.SMTP = smtplib.SMTP_SSL(
            settings.host,
            settings.port,
            timeout=_TIMEOUT_SECONDS,
            context=ssl.create_default_context(),
        )
    else:
        client = smtplib.SMTP(settings.host, settings.port, timeout=_TIMEOUT_SECONDS)
        if settings.security == "starttls":
            client.starttls(context=ssl.create_default_context())
    if settings.user and settings.password:
        client.login(settings.user, settings.password)
    return client


def _reason(error: BaseException) -> str:
    if isinstance(error, smtplib.SMTPResponseException):
        raw = error.smtp_error
        text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw or "")
        return f"el servidor respondió {error.smtp_code} {text}".strip()
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        code, answer = next(iter(error.recipients.values()))
        detail = answer.decode("utf-8", "replace") if isinstance(answer, bytes) else str(answer)
        return f"el servidor rechazó la dirección ({code} {detail})"
    return f"{type(error).__name__}: {error}"


def pending_subscribers(subscribers: Sequence[Subscriber], log: SendLog) -> Iterator[Subscriber]:
    """The subscribers the log does not list as delivered, in file order."""
    done = log.delivered()
    return (s for s in subscribers if s.email.lower() not in done)


def send_digest(
    subscribers: Sequence[Subscriber],
    message_for: Callable[[Subscriber], EmailMessage],
    settings: SmtpSettings,
    log: SendLog,
    *,
    connect: Callable[[SmtpSettings], smtplib.SMTP] = _connect,
    progress: Callable[[str], None] = lambda _: None,
) -> SendReport:
    """Send each pending subscriber their own message; stop at the first server failure.

    An address the server refuses outright is reported and the rest go on; any other
    failure (connection lost, 4xx on data, timeout) stops the run, and the next run
    resumes after the last delivered address.
    """
    with log.exclusive():
        return _send_pending(subscribers, message_for, settings, log, connect, progress)


def _send_pending(
    subscribers: Sequence[Subscriber],
    message_for: Callable[[Subscriber], EmailMessage],
    settings: SmtpSettings,
    log: SendLog,
    connect: Callable[[SmtpSettings], smtplib.SMTP],
    progress: Callable[[str], None],
) -> SendReport:
    report = SendReport()
    done = log.delivered()
    todo = []
    for subscriber in subscribers:
        if subscriber.email.lower() in done:
            report.already.append(subscriber.email)
        else:
            todo.append(subscriber)
    if not todo:
        return report
    try:
        client = connect(settings)
    except (smtplib.SMTPException, OSError) as error:
        report.stopped_by = f"no se pudo conectar con {settings.host}:{settings.port}: " + _reason(
            error
        )
        report.pending = [s.email for s in todo]
        return report
    try:
        for index, subscriber in enumerate(todo):
            message = message_for(subscriber)
            try:
                client.send_message(message)
            except smtplib.SMTPRecipientsRefused as error:
                report.refused.append((subscriber.email, _reason(error)))
                progress(f"rechazado: {subscriber.email} ({_reason(error)})")
                continue
            except (smtplib.SMTPException, OSError) as error:
                report.stopped_by = f"{_reason(error)} al enviar a {subscriber.email}"
                report.pending = [s.email for s in todo[index:]]
                break
            log.record(subscriber, str(message["Message-ID"]))
            report.sent.append(subscriber.email)
            progress(f"enviado: {subscriber.email}")
    finally:
        # A connection already gone cannot be closed politely; what was delivered is logged.
        with contextlib.suppress(smtplib.SMTPException, OSError):
            client.quit()
    return report
