"""Noise rules as data: load `rules/noise.yml` (plus a site's own file) into compiled rules."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from bitacora.errors import BitacoraError
from bitacora.importer.prefilter import fold_case, required_literals

__all__ = ["LabelRule", "LineRule", "NoiseRules", "load_rules"]

PACKAGED_RULES = Path(__file__).parent / "rules" / "noise.yml"
# A rule that searches anywhere in a line («compártelo», «usamos cookies») takes the line only
# up to this many words (a rule may say `max_words`): a longer line is a paragraph that talks
# about sharing or cookies, and removing it would lose the article's own text.
SEARCH_MAX_WORDS = 35
# A line of the page's chrome is short; whole-line rules look only at lines up to this long.
WHOLE_LINE_MAX_WORDS = 60
_LABEL_KINDS = ("author", "date", "categories", "tags", "count")


@dataclass(frozen=True)
class LineRule:
    id: str
    reason: str
    regex: re.Pattern[str]
    search: bool = False
    # For a search: strings one of which any match contains (see `prefilter`); None: no filter.
    needs: frozenset[str] | None = None
    # For a search: longer lines are prose that mentions the words, not the page's noise.
    max_words: int | None = None

    def matches(self, line: str, folded: str | None = None) -> bool:
        """Whether the rule takes the line; `folded` is `fold_case(line)`, if already made."""
        if not self.search:
            return self.regex.fullmatch(line) is not None
        if self.max_words is not None and line.count(" ") >= self.max_words:
            return False
        if self.needs is not None:
            folded = fold_case(line) if folded is None else folded
            if not any(literal in folded for literal in self.needs):
                return False
        return self.regex.search(line) is not None


@dataclass(frozen=True)
class LabelRule:
    id: str
    kind: str
    regex: re.Pattern[str]


@dataclass(frozen=True)
class NoiseRules:
    lines: tuple[LineRule, ...]
    cut_after: tuple[LineRule, ...]
    labels: tuple[LabelRule, ...]
    caption_glue: frozenset[str]
    boxes: tuple[LineRule, ...] = ()
    # All whole-line (non-`search`) rules as one regex: a quick "none of them matches".
    any_whole_line: re.Pattern[str] | None = None

    def box_rule_for(self, line: str) -> LineRule | None:
        return next((rule for rule in self.boxes if rule.matches(line)), None)

    def line_rule_for(self, line: str) -> LineRule | None:
        # A paragraph this long is the article's (or a cookie notice, which `search` rules
        # see): whole-line patterns would only fail on it, slowly. And most lines are prose
        # that no rule matches: whole-line rules are tried first as one regex.
        if line.count(" ") >= WHOLE_LINE_MAX_WORDS or (
            self.any_whole_line is not None and self.any_whole_line.fullmatch(line) is None
        ):
            folded = fold_case(line)
            searches = (rule for rule in self.lines if rule.search)
            return next((rule for rule in searches if rule.matches(line, folded)), None)
        return next((rule for rule in self.lines if rule.matches(line)), None)

    def cut_rule_for(self, line: str) -> LineRule | None:
        return next((rule for rule in self.cut_after if rule.matches(line)), None)

    def label_for(self, line: str) -> LabelRule | None:
        return next((rule for rule in self.labels if rule.regex.fullmatch(line)), None)


def _compile(pattern: str | list[str], path: Path, where: str) -> re.Pattern[str]:
    # A list is a set of alternatives: easier to read and extend than one long `a|b|c`.
    if isinstance(pattern, list):
        pattern = "|".join(f"(?:{str(item).strip()})" for item in pattern)
    try:
        return re.compile(pattern, re.IGNORECASE)
    except re.error as error:
        raise BitacoraError(
            path, None, f"la expresión regular de {where} no es válida ({error})", "corrígela"
        ) from None


def _line_rules(data: list[Any], path: Path, section: str) -> list[LineRule]:
    rules = []
    for index, item in enumerate(data or []):
        where = f"{section}[{index}]"
        if not isinstance(item, dict) or "id" not in item or "pattern" not in item:
            raise BitacoraError(
                path, None, f"la regla {where} no tiene «id» y «pattern»", "añade ambos campos"
            )
        regex = _compile(item["pattern"], path, where)
        search = bool(item.get("search", False))
        max_words = item.get("max_words", SEARCH_MAX_WORDS if search else None)
        rules.append(
            LineRule(
                id=str(item["id"]),
                reason=str(item.get("reason", item["id"])),
                regex=regex,
                search=search,
                needs=required_literals(regex.pattern) if search else None,
                max_words=int(max_words) if max_words is not None else None,
            )
        )
    return rules


def _label_rules(data: list[Any], path: Path) -> list[LabelRule]:
    rules = []
    for index, item in enumerate(data or []):
        kind = item.get("kind") if isinstance(item, dict) else None
        if kind not in _LABEL_KINDS:
            raise BitacoraError(
                path,
                None,
                f"la etiqueta labels[{index}] tiene un «kind» desconocido: {kind!r}",
                "usa uno de: " + ", ".join(_LABEL_KINDS),
            )
        rules.append(
            LabelRule(
                id=str(item["id"]),
                kind=kind,
                regex=_compile(item["pattern"], path, f"labels[{index}]"),
            )
        )
    return rules


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except OSError as error:
        raise BitacoraError(
            path, None, f"no se puede leer ({error.strerror})", "revisa la ruta"
        ) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise BitacoraError(
            path, line, "el YAML no es válido", "revisa la sangría y las comillas"
        ) from None
    if not isinstance(data, dict):
        raise BitacoraError(
            path, 1, "se esperaba un mapa YAML", "usa las claves lines, cut_after, labels"
        )
    return data


@lru_cache(maxsize=8)
def load_rules(extra_file: str | Path | None = None) -> NoiseRules:
    """The packaged rules, plus a site's extra rules appended after them."""
    files = [PACKAGED_RULES] + ([Path(extra_file)] if extra_file else [])
    lines: list[LineRule] = []
    cuts: list[LineRule] = []
    labels: list[LabelRule] = []
    glue: set[str] = set()
    boxes: list[LineRule] = []
    for path in files:
        data = _read_yaml(path)
        lines += _line_rules(data.get("lines", []), path, "lines")
        cuts += _line_rules(data.get("cut_after", []), path, "cut_after")
        boxes += _line_rules(data.get("boxes", []), path, "boxes")
        labels += _label_rules(data.get("labels", []), path)
        glue.update(str(word) for word in data.get("caption_glue", []) or [])
    return NoiseRules(
        tuple(lines), tuple(cuts), tuple(labels), frozenset(glue), tuple(boxes), _any_of(lines)
    )


def _any_of(rules: list[LineRule]) -> re.Pattern[str] | None:
    """One regex that fully matches a line wherever some whole-line rule does."""
    parts = [f"(?:{rule.regex.pattern})" for rule in rules if not rule.search]
    try:
        return re.compile("|".join(parts), re.IGNORECASE) if parts else None
    except re.error:  # e.g. the same group name in two rules: check them one by one
        return None
