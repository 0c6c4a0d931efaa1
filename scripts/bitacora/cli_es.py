"""Spanish for click's own messages ("Usage:", "Missing argument", "No such option"…).

Click marks its strings for gettext but ships no translations, and authors must read every
CLI message in Spanish. Each click module binds `_ = gettext.gettext` at import, so we swap
those module-level names for a lookup in the table below; unknown strings stay as they are.
"""

from __future__ import annotations

import importlib

__all__ = ["install_spanish"]

_MESSAGES: dict[str, str] = {
    "Usage:": "Uso:",
    "Options": "Opciones",
    "Positional arguments": "Argumentos",
    "Commands": "Órdenes",
    "Missing command.": "Falta la orden.",
    "Show the version and exit.": "Muestra la versión y termina.",
    "Show this message and exit.": "Muestra esta ayuda y termina.",
    "Error: {message}": "Error: {message}",
    "Try '{command} {option}' for help.": "Prueba «{command} {option}» para ver la ayuda.",
    "Invalid value: {message}": "Valor no válido: {message}",
    "Invalid value for {param_hint}: {message}": "Valor no válido para {param_hint}: {message}",
    "Missing argument": "Falta el argumento",
    "Missing option": "Falta la opción",
    "Missing parameter": "Falta el parámetro",
    "Missing {param_type}": "Falta {param_type}",
    "Missing parameter: {param_name}": "Falta el parámetro: {param_name}",
    "No such option: {name}": "No existe la opción: {name}",
    "No such option {name!r}.": "No existe la opción {name!r}.",
    "No such command {name!r}.": "No existe la orden {name!r}.",
    "Did you mean {possibility}?": "¿Querías decir {possibility}?",
    "unknown error": "error desconocido",
    "Could not open file {filename!r}: {message}": "No se pudo abrir {filename!r}: {message}",
    "Option {name!r} does not take a value.": "La opción {name!r} no admite valor.",
    "Option {name!r} requires an argument.": "La opción {name!r} necesita un valor.",
    "Argument {name!r} takes {nargs} values.": "El argumento {name!r} necesita {nargs} valores.",
    "Got unexpected extra argument ({args})": "Sobra el argumento ({args})",
    "Got unexpected extra arguments ({args})": "Sobran los argumentos ({args})",
    "Aborted!": "Cancelado.",
    "default: {default}": "por defecto: {default}",
    "env var: {var}": "variable de entorno: {var}",
    "required": "obligatorio",
    "(dynamic)": "(dinámico)",
    "file": "archivo",
    "directory": "carpeta",
    "path": "ruta",
    "{name} {filename!r} does not exist.": "no existe ({name} {filename!r}).",
    "{name} {filename!r} is a file.": "se esperaba una carpeta, no un archivo ({filename!r}).",
    "{name} {filename!r} is a directory.": "se esperaba un archivo, no una carpeta ({filename!r}).",
    "{name} {filename!r} is not readable.": "no se puede leer ({name} {filename!r}).",
    "{name} {filename!r} is not writable.": "no se puede escribir ({name} {filename!r}).",
    # Click passes the type's English name ("integer"): the Spanish message does without it.
    "{value!r} is not a valid {number_type}.": "{value!r} no es un número válido.",
    "{value} is not in the range {range}.": "{value} no está en el rango {range}.",
    "{value!r} is not one of {choices}.": "{value!r} no es una de estas opciones: {choices}.",
    "{value!r} is not {choice}.": "{value!r} no es {choice}.",
    "{value!r} is not a valid boolean. Recognized values: {states}": (
        "{value!r} no es un valor sí/no válido. Valores reconocidos: {states}"
    ),
    "integer": "entero",
    "float": "número decimal",
    "%(prog)s, version %(version)s": "%(prog)s, versión %(version)s",
}

_PLURALS: dict[str, tuple[str, str]] = {
    "Got unexpected extra argument ({args})": (
        "Sobra el argumento ({args})",
        "Sobran los argumentos ({args})",
    ),
    "Did you mean {possibility}?": (
        "¿Querías decir {possibility}?",
        "¿Querías decir {possibility}?",
    ),
    "Option {name!r} requires an argument.": (
        "La opción {name!r} necesita un valor.",
        "La opción {name!r} necesita {nargs} valores.",
    ),
    "{value!r} is not {choice}.": (
        "{value!r} no es {choice}.",
        "{value!r} no es ninguna de {choices}.",
    ),
}

_CLICK_MODULES = (
    "click.core",
    "click.decorators",
    "click.exceptions",
    "click.formatting",
    "click.parser",
    "click.termui",
    "click.types",
    "click.utils",
)


def _gettext(message: str) -> str:
    return _MESSAGES.get(message, message)


def _ngettext(singular: str, plural: str, count: int) -> str:
    if singular in _PLURALS:
        one, many = _PLURALS[singular]
        return one if count == 1 else many
    return _gettext(singular if count == 1 else plural)


def install_spanish() -> None:
    """Make click speak Spanish in this process (help, usage errors, parameter errors)."""
    for name in _CLICK_MODULES:
        module = importlib.import_module(name)
        if hasattr(module, "_"):
            module._ = _gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = _ngettext  # type: ignore[attr-defined]
