"""Digest stage, message: the rendered parts → one RFC 5322 message, byte for byte repeatable.

`multipart/alternative` with the text part first and the HTML last (RFC 2046 §5.1.4: the
preferred version goes last), both UTF-8 in quoted-printable, the subject RFC 2047-encoded by
the `email` package, and the one-click unsubscribe headers of RFC 2369 and RFC 8058. Date,
Message-ID and the MIME boundary come from the digest itself, never from the clock or a random
source, so the same digest and recipient always give the same bytes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr

from bitacora.digest.select import Digest

__all__ = ["SEND_HOUR_UTC", "build_message", "digest_id", "message_bytes", "parse_sender"]

# The digest's Date header: its own day at this hour (UTC), whatever time it is built.
SEND_HOUR_UTC = 8


def digest_id(digest: Digest) -> str:
    """A short fingerprint of what the digest says (posts, dates, subject, intro)."""
    canonical = json.dumps(dataclasses.asdict(digest), default=str, sort_keys=True)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


def parse_sender(sender: str) -> Address:
    """`Nombre <buzón@dominio>` as an `Address` (validated in plugin/config.py)."""
    name, addr_spec = parseaddr(sender)
    return Address(display_name=name, addr_spec=addr_spec)


def _recipient_key(recipient: str) -> str:
    return hashlib.sha256(recipient.strip().lower().encode("utf-8")).hexdigest()[:10]


def build_message(
    digest: Digest,
    *,
    html: str,
    text: str,
    sender: str,
    recipient: Address,
    unsubscribe_url: str,
) -> EmailMessage:
    """The digest as an email to one recipient, with that recipient's unsubscribe link."""
    from_address = parse_sender(sender)
    identity = digest_id(digest)
    recipient_key = _recipient_key(recipient.addr_spec)
    message = EmailMessage(policy=policy.SMTP)
    message["From"] = from_address
    message["To"] = recipient
    message["Subject"] = digest.subject
    sent = dt.datetime.combine(digest.date, dt.time(SEND_HOUR_UTC), tzinfo=dt.timezone.utc)
    message["Date"] = format_datetime(sent)
    message["Message-ID"] = (
        f"<boletin-{digest.date.isoformat()}.{identity}.{recipient_key}@{from_address.domain}>"
    )
    message["List-Id"] = f"{digest.site_name} <boletin.{from_address.domain}>"
    # RFC 2369 + RFC 8058: an HTTPS link a client can POST to, one click, no confirmation page.
    message["List-Unsubscribe"] = f"<{unsubscribe_url}>"
    message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message.set_content(text, subtype="plain", charset="utf-8", cte="quoted-printable")
    message.add_alternative(html, subtype="html", charset="utf-8", cte="quoted-printable")
    # "=_" never occurs in quoted-printable text (a literal "=" is written "=3D"), so this
    # boundary cannot collide with either part.
    message.set_boundary(f"=_bitacora_{identity}_{recipient_key}")
    return message


def message_bytes(message: EmailMessage) -> bytes:
    """The message as sent and saved: CRLF line ends, lines of at most 78 characters."""
    return message.as_bytes(policy=policy.SMTP)
