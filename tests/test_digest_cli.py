"""`bitacora digest` end to end: files written, bad input refused, real SMTP on 127.0.0.1."""

from __future__ import annotations

import email
import json
import socket
from collections.abc import Iterator
from email import policy
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from click.testing import CliRunner, Result

from bitacora.cli import cli
from digestsite import make_digest_site

RANGE = ["--until", "2024-04-10", "--days", "70"]


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return make_digest_site(tmp_path / "sitio")


def _run(site: Path, *args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, ["digest", "-f", str(site), *args], env=env)


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_writes_the_digest_folder_and_the_index_newest_first(site: Path) -> None:
    archive = site.parent / "docs" / "boletin"
    first = _run(site, "--until", "2024-03-20", "--days", "40")
    assert first.exit_code == 0, first.output
    second = _run(site, *RANGE)
    assert second.exit_code == 0, second.output
    folder = archive / "2024-04-10"
    assert sorted(p.name for p in folder.iterdir()) == [
        "digest.eml",
        "digest.html",
        "digest.txt",
        "index.md",
    ]
    assert f"escrito: {(folder / 'digest.eml').as_posix()}" in second.stdout
    assert "Boletín del 10 de abril de 2024: 4 artículos" in second.stdout
    index = (archive / "index.md").read_text(encoding="utf-8")
    assert index.index("(2024-04-10/index.md)") < index.index("(2024-03-20/index.md)")
    assert "4 artículos; destacado: «Cómo responder a las quejas" in index


def test_same_command_twice_gives_the_same_bytes(site: Path) -> None:
    archive = site.parent / "docs" / "boletin"
    assert _run(site, *RANGE).exit_code == 0
    before = _tree(archive)
    assert _run(site, *RANGE).exit_code == 0
    assert _tree(archive) == before


def test_dry_run_writes_and_sends_nothing(site: Path, tmp_path: Path) -> None:
    archive = site.parent / "docs" / "boletin"
    before = _tree(archive)
    subscribers = tmp_path / "s.csv"
    subscribers.write_text("email,name\nana@example.org,Ana\nmal@\n", encoding="utf-8")
    result = _run(site, *RANGE, "--send", "--to", str(subscribers), "--dry-run")
    assert result.exit_code == 0, result.output
    assert "Se enviaría a 1 suscriptor:\n  ana@example.org" in result.stdout
    assert f"{subscribers.as_posix()}:3: «mal@» no es una dirección" in result.stderr
    assert "no se ha escrito ni enviado nada" in result.stdout
    assert _tree(archive) == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--since", "2024-02-30"], "error: --since «2024-02-30» no es una fecha válida"),
        (["--until", "10/04/2024"], "error: --until «10/04/2024» no es una fecha válida"),
        (
            ["--since", "2020-01-01", "--until", "2020-02-01"],
            "no hay artículos publicados entre el 1 de enero de 2020 y el 1 de febrero de 2020",
        ),
        (["--since", "2024-04-10", "--until", "2024-01-01"], "el periodo empieza (2024-04-10)"),
        (["--since", "2024-01-01", "--days", "3"], "--since y --days fijan los dos el primer día"),
        (["--days", "0"], "--days 0 no es un número de días"),
        (["--send"], "--send necesita la lista de suscriptores"),
        ([*RANGE, "--send", "--to", "no-existe.csv"], "no existe el archivo de suscriptores"),
    ],
)
def test_bad_input_exits_1_and_writes_nothing(site: Path, args: list[str], message: str) -> None:
    archive = site.parent / "docs" / "boletin"
    before = _tree(archive)
    result = _run(site, *args)
    assert result.exit_code == 1, result.output
    assert message in result.stderr
    assert _tree(archive) == before


def test_missing_site_url_exits_1_and_writes_nothing(site: Path) -> None:
    text = site.read_text(encoding="utf-8")
    site.write_text(
        "\n".join(line for line in text.splitlines() if not line.startswith("site_url:")),
        encoding="utf-8",
    )
    archive = site.parent / "docs" / "boletin"
    before = _tree(archive)
    result = _run(site, *RANGE)
    assert result.exit_code == 1
    assert "falta site_url: los enlaces de un correo tienen que ser absolutos" in result.stderr
    assert _tree(archive) == before


def test_sending_without_smtp_host_writes_nothing(site: Path, tmp_path: Path) -> None:
    subscribers = tmp_path / "s.csv"
    subscribers.write_text("email\nana@example.org\n", encoding="utf-8")
    archive = site.parent / "docs" / "boletin"
    before = _tree(archive)
    result = _run(site, *RANGE, "--send", "--to", str(subscribers), env={"BITACORA_SMTP_HOST": ""})
    assert result.exit_code == 1
    assert "BITACORA_SMTP_HOST está vacía" in result.stderr
    assert _tree(archive) == before


# Real SMTP: aiosmtpd on 127.0.0.1


class Inbox:
    """An SMTP handler that keeps every message; with `fail_after`, answers 451 after N."""

    def __init__(self) -> None:
        self.messages: list[Any] = []
        self.fail_after: int | None = None

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.fail_after is not None and len(self.messages) >= self.fail_after:
            return "451 4.3.0 Temporary failure, try again later"
        self.messages.append(envelope)
        return "250 2.0.0 OK"

    def recipients(self) -> list[str]:
        return [rcpt for envelope in self.messages for rcpt in envelope.rcpt_tos]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def inbox() -> Iterator[tuple[Inbox, dict[str, str]]]:
    handler = Inbox()
    port = _free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    env = {
        "BITACORA_SMTP_HOST": "127.0.0.1",
        "BITACORA_SMTP_PORT": str(port),
        "BITACORA_SMTP_SECURITY": "none",
    }
    try:
        yield handler, env
    finally:
        controller.stop()


SUBSCRIBERS = ["ana@example.org", "luis@example.org", "eva@example.org", "rosa@example.org"]


@pytest.fixture
def subscribers(tmp_path: Path) -> Path:
    path = tmp_path / "suscriptores.csv"
    lines = [
        "email,name",
        *(f"{address},{address.split('@')[0].title()}" for address in SUBSCRIBERS),
    ]
    lines.insert(3, "esto no es un correo,Nadie")  # line 4 of the file
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_every_subscriber_gets_one_copy_with_their_own_unsubscribe_link(
    site: Path, subscribers: Path, inbox: tuple[Inbox, dict[str, str]]
) -> None:
    handler, env = inbox
    result = _run(site, *RANGE, "--send", "--to", str(subscribers), env=env)
    assert result.exit_code == 0, result.output
    assert sorted(handler.recipients()) == sorted(SUBSCRIBERS)
    assert f"{subscribers.as_posix()}:4: «esto no es un correo» no es una dirección" in (
        result.stderr
    )
    for envelope in handler.messages:
        message = email.message_from_bytes(envelope.content, policy=policy.default)
        (recipient,) = envelope.rcpt_tos
        assert message["To"].addresses[0].addr_spec == recipient
        assert message["List-Unsubscribe"].strip().endswith(f"?email={recipient}>")
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert message["Subject"] == (
            "Boletín de Bitácora de servicio al cliente: 10 de abril de 2024"
        )
    log = site.parent / "docs" / "boletin" / "2024-04-10" / ".envios.jsonl"
    logged = [json.loads(line)["email"] for line in log.read_text(encoding="utf-8").splitlines()]
    assert logged == SUBSCRIBERS
    again = _run(site, *RANGE, "--send", "--to", str(subscribers), env=env)
    assert again.exit_code == 0
    assert "Enviados: 0; ya enviados antes: 4" in again.stdout
    assert len(handler.messages) == len(SUBSCRIBERS)


def test_a_failure_midway_then_a_rerun_delivers_each_copy_exactly_once(
    site: Path, subscribers: Path, inbox: tuple[Inbox, dict[str, str]]
) -> None:
    handler, env = inbox
    handler.fail_after = 2
    failed = _run(site, *RANGE, "--send", "--to", str(subscribers), env=env)
    assert failed.exit_code == 1
    assert "el servidor respondió 451" in failed.stderr
    assert "vuelve a ejecutar la misma orden para continuar" in failed.stderr
    assert handler.recipients() == SUBSCRIBERS[:2]
    handler.fail_after = None
    resumed = _run(site, *RANGE, "--send", "--to", str(subscribers), env=env)
    assert resumed.exit_code == 0, resumed.output
    assert "Enviados: 2; ya enviados antes: 2" in resumed.stdout
    assert handler.recipients() == SUBSCRIBERS  # in order, each once


def test_no_server_listening_is_reported_and_resumable(
    site: Path, subscribers: Path, inbox: tuple[Inbox, dict[str, str]]
) -> None:
    handler, env = inbox
    closed = {**env, "BITACORA_SMTP_PORT": str(_free_port())}
    result = _run(site, *RANGE, "--send", "--to", str(subscribers), env=closed)
    assert result.exit_code == 1
    assert "no se pudo conectar con 127.0.0.1" in result.stderr
    assert "pendientes: 4" in result.stdout
    resumed = _run(site, *RANGE, "--send", "--to", str(subscribers), env=env)
    assert resumed.exit_code == 0
    assert handler.recipients() == SUBSCRIBERS


def test_a_page_edited_by_hand_is_not_overwritten_without_force(site: Path) -> None:
    assert _run(site, *RANGE).exit_code == 0
    page = site.parent / "docs" / "boletin" / "2024-04-10" / "index.md"
    edited = page.read_text(encoding="utf-8").replace("## Destacado", "## Lo mejor del mes")
    page.write_text(edited, encoding="utf-8")
    archive = site.parent / "docs" / "boletin"
    before = _tree(archive)
    refused = _run(site, *RANGE)
    assert refused.exit_code == 1
    assert "index.md: la página se ha editado a mano" in refused.stderr
    assert "--force" in refused.stderr
    assert _tree(archive) == before
    forced = _run(site, *RANGE, "--force")
    assert forced.exit_code == 0
    assert "## Destacado" in page.read_text(encoding="utf-8")


def test_related_lists_come_from_the_build_cache_when_it_is_current(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _run(site, *RANGE)
    assert first.exit_code == 0, first.output
    assert (site.parent / ".cache" / "bitacora" / "related-lists.json").is_file()

    def computed_again(*args: Any) -> None:
        raise AssertionError("related lists computed although the cache is current")

    monkeypatch.setattr("bitacora.related.index.best_targets", computed_again)
    second = _run(site, *RANGE, "--force")
    assert second.exit_code == 0, second.output
