"""Text copied from a PDF or a slide deck: its lines end where the page's column did.

A web page copies one paragraph per line; a PDF copies one printed line per line, with
words split at the margin ("aten-" / "ción"), the page's running header and footer
repeated on every page, and bullet items continued on an indented line. This stage, run
before any other on a .txt source, tells such a text by its many lines that stop
mid-sentence, and gives the next stages paragraphs again. A web page's text is left as it
is (its lines rarely end mid-sentence).

Input: the source's lines with their numbers. Output: the same, joined where a sentence
runs on, each paragraph keeping the number of its first line, and a `Removal` for each
running header or footer line.
"""

from __future__ import annotations

import re
from collections import Counter

from bitacora.model import Removal

__all__ = ["unwrap_hard_breaks"]

# A line that stops where a sentence cannot: no closing punctuation at its end.
_SENTENCE_END = re.compile(r"[.!?:;…\"”»)]\s*$")
_STARTS_LOWER = re.compile(r"^\s*[a-záéíóúñü(«\"“]")
_HYPHENATED = re.compile(r"[A-Za-zÁÉÍÓÚÑáéíóúñü]-\s*$")
_BULLET = re.compile(r"^\s*([•▪●◦‣∙·*–-]|\d{1,2}[.)])\s+")
_CONTINUATION_INDENT = re.compile(r"^\s{2,}\S")
_PAGE_NUMBER = re.compile(
    r"^\s*(p[aá]gina|p[aá]g\.|page)?\s*\d{1,4}(\s*(de|/|of)\s*\d{1,4})?\s*$", re.I
)
# A text is hard-wrapped when this share of its lines runs on into the next one.
_WRAPPED_SHARE = 0.25
_WRAPPED_MIN = 5
_RUNNING_MAX_WORDS = 12
_PRINTED_LINE_WORDS = 5

Line = tuple[int, str]


def _runs_on(line: str, following: str) -> bool:
    """Whether `following` continues the sentence `line` left open. A printed line is a
    column's width of words; a page's short labels ("Iniciar sesión", "hace 9 h") are not."""
    if len(line.split()) < _PRINTED_LINE_WORDS or not following.strip():
        return False
    if _BULLET.match(following):
        return False
    if _HYPHENATED.search(line) and _STARTS_LOWER.match(following):
        return True
    return not _SENTENCE_END.search(line) and _STARTS_LOWER.match(following) is not None


def _is_hard_wrapped(lines: list[Line]) -> bool:
    texts = [text for _, text in lines if text.strip()]
    pairs = sum(_runs_on(a, b) for (_, a), (_, b) in zip(lines, lines[1:], strict=False))
    return pairs >= _WRAPPED_MIN and pairs >= _WRAPPED_SHARE * len(texts)


def _running_lines(lines: list[Line]) -> set[str]:
    """Short lines printed again and again: the pages' running header, footer and numbers."""
    counts = Counter(text.strip() for _, text in lines if text.strip())
    return {
        text
        for text, count in counts.items()
        if count >= 2 and len(text.split()) <= _RUNNING_MAX_WORDS and not _SENTENCE_END.search(text)
    }


def _join(line: str, following: str) -> str:
    if _HYPHENATED.search(line) and _STARTS_LOWER.match(following):
        return line.rstrip()[:-1] + following.strip()  # "aten-" + "ción": one word again
    return f"{line.rstrip()} {following.strip()}"


def _drop_page_break(kept: list[Line], text: str) -> None:
    """Blank lines between a sentence and its end on the next page go: it runs on."""
    blanks = 0
    while blanks < len(kept) and not kept[-1 - blanks][1].strip():
        blanks += 1
    if blanks and blanks < len(kept) and _runs_on(kept[-1 - blanks][1], text):
        del kept[-blanks:]


def unwrap_hard_breaks(lines: list[Line]) -> tuple[list[Line], list[Removal]]:
    """Paragraphs from a hard-wrapped text; a web page's lines come back unchanged."""
    if not _is_hard_wrapped(lines):
        return lines, []
    running = _running_lines(lines)
    removals: list[Removal] = []
    kept: list[Line] = []
    for number, text in lines:
        if text.strip() in running or _PAGE_NUMBER.match(text) and text.strip():
            removals.append(
                Removal(
                    number, text.strip(), "cabecera-de-pagina", "cabecera, pie o número de página"
                )
            )
            continue
        if text.strip():
            _drop_page_break(kept, text)
        if kept and kept[-1][1].strip() and text.strip():
            previous = kept[-1][1]
            # A bullet's item goes on on an indented line; a sentence on the next line.
            if _runs_on(previous, text) or (
                _BULLET.match(previous) and _CONTINUATION_INDENT.match(text)
            ):
                kept[-1] = (kept[-1][0], _join(previous, text))
                continue
        kept.append((number, text))
    return kept, removals
