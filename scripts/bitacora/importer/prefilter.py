"""Required literals: strings one of which every match of a regex contains.

A noise rule that searches anywhere in a line (`search: true`) runs Python's regex engine
at every position of every line, and with IGNORECASE it cannot skip ahead to a literal
prefix: on real articles those searches were a fifth of an import. Most such patterns
cannot match unless the line contains one of a few words ("cookies", "suscríbete",
"derechos reservados"), and `word in line` runs in C at memory speed. So each rule gets the
set of literals read from its parsed pattern (the way RE2 and Hyperscan build their
prefilters), and the regex runs only on lines that contain one of them.

The literals are a necessary condition, never a sufficient one: when a pattern's structure
gives no literal of useful length (a lookaround, a backreference, a class at every step),
there is no prefilter and the regex runs on every line, exactly as before.
"""

from __future__ import annotations

import importlib
from typing import Any


def _regex_module(name: str) -> Any:
    # Python 3.11 moved the regex parser from `sre_parse` to `re._parser` (typeshed has neither).
    try:
        return importlib.import_module(f"re._{name}")
    except ImportError:  # pragma: no cover - Python 3.10
        return importlib.import_module(f"sre_{name}")


_sre = _regex_module("constants")
_sre_parse = _regex_module("parser")

__all__ = ["fold_case", "required_literals"]

# Shorter literals would be found in most lines: no use as a filter.
_MIN_LITERAL = 3
_REPEATS = {_sre.MAX_REPEAT, _sre.MIN_REPEAT, getattr(_sre, "POSSESSIVE_REPEAT", _sre.MAX_REPEAT)}
# The Turkish i's: IGNORECASE takes both as "i", str.casefold does not.
_TURKISH_I = str.maketrans({"ı": "i", "İ": "i"})


def fold_case(text: str) -> str:
    """The form literals and lines are compared in: two characters that IGNORECASE takes as
    the same letter fold alike ("Cookies" and "COOKIES"; "ſ" and "s")."""
    if "ı" in text or "İ" in text:  # rare: translating every line cost more than the regexes
        text = text.translate(_TURKISH_I)
    return text.casefold()


def required_literals(pattern: str) -> frozenset[str] | None:
    """Folded strings one of which any match of `pattern` contains; None if none can be told."""
    try:
        parsed = _sre_parse.parse(pattern)
    except Exception:  # noqa: BLE001 - an unusual pattern only loses its prefilter
        return None
    found = _sequence(list(parsed))
    if not found:
        return None
    return _minimal(frozenset(fold_case(literal) for literal in found))


def _strength(literal: str) -> int:
    """How well a literal filters: its length; a rare sign («©») counts as a short word."""
    if len(literal) < _MIN_LITERAL and all(ord(c) > 127 and not c.isalnum() for c in literal):
        return _MIN_LITERAL
    return len(literal)


def _weakest(options: frozenset[str]) -> int:
    return min(_strength(literal) for literal in options)


def _minimal(literals: frozenset[str]) -> frozenset[str]:
    """Without the literals that contain another one: finding the shorter is enough."""
    return frozenset(
        literal
        for literal in literals
        if not any(other != literal and other in literal for other in literals)
    )


def _sequence(items: list[tuple[Any, Any]]) -> frozenset[str] | None:
    """Of a sequence's required parts (literal runs, groups, alternations, repeats of at
    least one), the one whose shortest literal is longest."""
    options: list[frozenset[str]] = []
    run: list[str] = []
    for op, value in items:
        if op is _sre.LITERAL:
            run.append(chr(value))
            continue
        if run:
            options.append(frozenset({"".join(run)}))
            run = []
        part = _part(op, value)
        if part:
            options.append(part)
    if run:
        options.append(frozenset({"".join(run)}))
    useful = [option for option in options if _weakest(option) >= _MIN_LITERAL]
    return max(useful, key=_weakest, default=None)


def _part(op: Any, value: Any) -> frozenset[str] | None:
    if op is _sre.SUBPATTERN:
        return _sequence(list(value[-1]))
    if op is _sre.BRANCH:
        alternatives = [_sequence(list(branch)) for branch in value[1]]
        if any(not alternative for alternative in alternatives):
            return None  # one alternative needs no literal: nothing is required
        return frozenset().union(*alternatives)  # type: ignore[arg-type]
    if op in _REPEATS and value[0] >= 1:
        return _sequence(list(value[2]))
    if op is getattr(_sre, "ATOMIC_GROUP", None):
        return _sequence(list(value))
    return None  # classes, anchors, lookarounds, backreferences: no literal required
