"""The CLI speaks Spanish, including click's own usage errors."""

from __future__ import annotations

from click.testing import CliRunner

from bitacora.cli import cli


def test_help_is_in_spanish() -> None:
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    assert "Uso: bitacora [OPCIONES] ORDEN" in result.output
    assert "Muestra esta ayuda y termina." in result.output
    assert "Options" not in result.output


def test_missing_argument_is_explained_in_spanish() -> None:
    result = CliRunner().invoke(cli, ["import"])
    assert result.exit_code == 2
    assert "Error: Falta el argumento 'FUENTES...'." in result.output


def test_unknown_command_is_explained_in_spanish() -> None:
    result = CliRunner().invoke(cli, ["importar"])
    assert result.exit_code == 2
    assert "No existe la orden 'importar'." in result.output


def test_bad_date_option_says_how_to_write_it() -> None:
    result = CliRunner().invoke(cli, ["import", "x.txt", "--date", "7/12/2022"])
    assert result.exit_code == 2
    assert "usa AAAA-MM-DD" in result.output


def test_version() -> None:
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert result.output.startswith("bitacora ")
