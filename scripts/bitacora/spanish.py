"""Spanish text helpers shared by taxonomy, related articles and search: fold, stop words, stem.

Folding is for matching only ("atención" and "atencion" meet); what readers see keeps its
accents. Stemming is Snowball's Spanish stemmer (snowballstemmer), so "clientes" ~ "cliente".
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import lru_cache
from importlib.resources import files

import snowballstemmer

MONTH_NAMES = (
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
)

__all__ = [
    "MONTH_NAMES",
    "SEARCH_STOP_WORDS",
    "STOP_WORDS",
    "fold",
    "is_stop_word",
    "long_date",
    "stem",
    "tokenize",
    "words",
]

# Letters (accented ones included) and digits; apostrophes and hyphens split words.
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def _load_stop_words(name: str = "stopwords_es.txt") -> frozenset[str]:
    text = files("bitacora").joinpath("data", name).read_text(encoding="utf-8")
    found: set[str] = set()
    for line in text.splitlines():
        found.update(line.split("#", 1)[0].split())
    return frozenset(found)


STOP_WORDS: frozenset[str] = _load_stop_words()
# Search drops function words only: a reader may type any content word.
SEARCH_STOP_WORDS: frozenset[str] = _load_stop_words("stopwords_search_es.txt")


# Accented letters of Spanish and its neighbours, folded by table: most text never needs the
# slower Unicode decomposition below.
_FOLD_TABLE = str.maketrans("áàâäãåéèêëíìîïóòôöõúùûüçýÿ", "aaaaaaeeeeiiiiooooouuuucyy")
_NON_ASCII = re.compile(r"[^\x00-\x7fñ]")


def _fold_rare(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    # U+0303 after "n" is the tilde of "ñ": it changes the word ("año" ≠ "ano"), so it stays.
    kept = []
    for index, char in enumerate(decomposed):
        if unicodedata.combining(char) and not (
            char == "\u0303" and index > 0 and decomposed[index - 1] == "n"
        ):
            continue
        kept.append(char)
    return unicodedata.normalize("NFC", "".join(kept))


def fold(text: str) -> str:
    """Lowercase and strip accents ("Atención" → "atencion"); keeps "ñ" apart from "n"."""
    folded = text.lower().translate(_FOLD_TABLE)
    return _fold_rare(folded) if _NON_ASCII.search(folded) else folded


@lru_cache(maxsize=131072)
def is_stop_word(word: str) -> bool:
    """True for words that carry no topic ("de", "también", "están"), accented or not."""
    return word.lower() in STOP_WORDS or fold(word) in _folded_stop_words()


@lru_cache(maxsize=1)
def _folded_stop_words() -> frozenset[str]:
    return frozenset(fold(word) for word in STOP_WORDS)


_STEMMER = snowballstemmer.stemmer("spanish")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Folded Snowball stem: "clientes" and "cliente" → "client"; "atención" → "atencion".

    Stems before folding: Snowball's Spanish suffixes carry accents ("-ación"), so a folded
    word would lose them; the stem is folded afterwards so both spellings meet.
    """
    return fold(str(_STEMMER.stemWord(word.lower())))


def words(text: str) -> list[str]:
    """The words of a text, lowercase, accents kept, in order."""
    lowered = text.lower()
    if len(lowered) == len(text):  # one character for one: the same words, found at once
        return _WORD.findall(lowered)
    # "İ" lowers to "i" and a combining dot, which would split the word: one by one.
    return [match.group(0).lower() for match in _WORD.finditer(text)]


def tokenize(text: str) -> list[str]:
    """Stems of the content words of a text (stop words, numbers and 1-letter words dropped)."""
    return [
        stem(word)
        for word in words(text)
        if len(word) > 1 and not word.isdigit() and not is_stop_word(word)
    ]


def long_date(day: dt.date) -> str:
    """A date as Spanish readers write it: "7 de diciembre de 2022"."""
    return f"{day.day} de {MONTH_NAMES[day.month - 1]} de {day.year}"
