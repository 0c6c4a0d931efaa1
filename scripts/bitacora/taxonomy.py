"""Taxonomy stage: an article's text → 1–2 categories from the controlled list, 3–6 tags.

Categories come only from `categories_allowed` (mkdocs.yml), chosen by the keywords the
site declares for each (`category_keywords`). Tags are the article's own key terms: single
words and short phrases ("servicio al cliente"), lowercase with accents, never stop words,
one form per stem, preferring the forms other posts already use so the tag index stays tidy.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from bitacora.settings import Settings
from bitacora.spanish import is_stop_word, stem, words

__all__ = ["Taxonomy", "assign_taxonomy", "choose_categories", "extract_tags"]

_TITLE_WEIGHT = 3
_HEADING_WEIGHT = 2
_SECOND_CATEGORY_SHARE = 0.6  # a second category must score at least this share of the first
_MIN_CATEGORY_SCORE = 1.5  # below this, no specific category fits: the general one is used
# Words that are never good tags on their own although they are not stop words.
_WEAK_ENDINGS = ("mente", "mos", "ísimo", "ísima")
# Verb forms: weak as a single-word tag, never the end of a phrase tag.
_INFINITIVE = re.compile(
    r"\w{3,}((ar|er|ir)(le|les|lo|la|los|las|se|me|te|nos)?|ados|idos|adas|idas)$"
)
_PUNCTUATION = re.compile(r"[.,;:!?¡¿()\[\]{}\"“”«»‘’…—–|/]+|\s-\s|\n")
_EXTRA_TAG_SCORE = 3  # beyond the minimum, a tag must be this strong
_CONNECTORS = {"de", "del", "al", "la", "el", "en", "y", "a", "para", "con", "por"}
_MIN_WORD = 4
# Words after which a noun comes, not a verb ("la empatía", "de soporte", "su modelo"):
# a word never seen after one is most likely a verb ("resuelve", "cambia", "significa").
_NOUN_CUES = frozenset(
    {
        *("el", "la", "los", "las", "un", "una", "unos", "unas", "su", "sus", "mi", "mis"),
        *("tu", "tus", "este", "esta", "estos", "estas", "ese", "esa", "esos", "esas"),
        *("del", "al", "de", "en", "con", "por", "para", "sin", "sobre", "entre", "cada"),
        *("nuestro", "nuestra", "nuestros", "nuestras", "otro", "otra", "otros", "otras"),
        *("cualquier", "ningún", "ninguna", "algún", "alguna", "muchos", "muchas"),
    }
)
_CONNECTOR_STEMS = {stem(word) for word in _CONNECTORS}


@dataclass(frozen=True)
class Taxonomy:
    categories: tuple[str, ...]
    tags: tuple[str, ...]


# A count is never a topic ("cinco frases…"); kept out of tags only, as related articles
# still gain from them.
_NUMBER_WORDS = frozenset(
    [
        "cero",
        "uno",
        "dos",
        "tres",
        "cuatro",
        "cinco",
        "seis",
        "siete",
        "ocho",
        "nueve",
        "diez",
        "once",
        "doce",
        "quince",
        "veinte",
        "treinta",
        "cien",
        "ciento",
        "mil",
        "millón",
        "millones",
        "primero",
        "primera",
        "segundo",
        "segunda",
        "tercero",
        "tercera",
    ]
)


@lru_cache(maxsize=131072)
def _is_content_word(word: str) -> bool:
    return (
        word not in _NUMBER_WORDS
        and len(word) >= _MIN_WORD
        and word.isalpha()
        and not is_stop_word(word)
        and not word.endswith(_WEAK_ENDINGS)
    )


# Marks the end of a run in a word stream. Itself punctuation, so no text can hold it as a
# word, and never a content word, a connector or a phrase end.
_BREAK = "|"
_WORD_OR_BREAK = re.compile(r"[^\W_]+|\|")


def _word_stream(texts: Iterable[str]) -> list[str]:
    """The words of some texts as one stream, lowercase, a `_BREAK` where a run ends: runs
    end at punctuation and between texts, so phrases never span a comma or a heading."""
    stream: list[str] = []
    for text in texts:
        lowered = text.lower()
        if len(lowered) == len(text):  # two passes in C, whatever the length
            stream += _WORD_OR_BREAK.findall(_PUNCTUATION.sub(f" {_BREAK} ", lowered))
        else:  # "İ" lowers to two characters: segment by segment, as `words` handles it
            for segment in _PUNCTUATION.split(text):
                stream += words(segment)
                stream.append(_BREAK)
        stream.append(_BREAK)
    return stream


@lru_cache(maxsize=256)
def _keyword_stems(keywords: tuple[str, ...]) -> frozenset[str]:
    """A category's keywords as stems: the same for every article of an import."""
    return frozenset(stem(word) for keyword in keywords for word in words(keyword))


def _category_scores(title: str, text: str, settings: Settings) -> dict[str, float]:
    counts = Counter(map(stem, words(text)))  # map: no generator frame per word
    title_counts = Counter(map(stem, words(title)))
    scores: dict[str, float] = {}
    for category in settings.categories_allowed:
        stems = _keyword_stems(tuple(settings.category_keywords.get(category, ())))
        hits = sum(counts[s] + _TITLE_WEIGHT * title_counts[s] for s in stems)
        # Dividing by √keywords keeps a category with a long keyword list from winning
        # every article just by having more chances to match.
        scores[category] = hits / math.sqrt(len(stems)) if stems else 0.0
    return scores


def choose_categories(
    title: str, text: str, settings: Settings, limit: int | None = None
) -> tuple[str, ...]:
    """1–2 categories of `categories_allowed`, by how often the text uses each one's keywords.

    The first allowed category is the site's general one: its words ("servicio",
    "cliente") are in every article, so it is chosen only when no specific one fits.
    """
    limit = limit or settings.importer.categories_max
    allowed = settings.categories_allowed
    if not allowed:
        return ()
    scores = _category_scores(title, text, settings)
    ranked = sorted(allowed[1:], key=lambda c: (-scores[c], allowed.index(c)))
    if not ranked or scores[ranked[0]] < _MIN_CATEGORY_SCORE:
        return allowed[:1]
    chosen = [ranked[0]]
    for category in ranked[1:limit]:
        if scores[category] >= _SECOND_CATEGORY_SHARE * scores[ranked[0]]:
            chosen.append(category)
    return tuple(chosen)


@dataclass
class _Term:
    # Surface form → weighted count. A plain dict: tens of thousands are made per import,
    # and a Counter costs several times more to create.
    forms: dict[str, int] = field(default_factory=dict)
    occurrences: int = 0  # times seen, whatever the weight
    # Times seen in the title or the prose: a term only ever in headings is how the text is
    # laid out («Tres pasos…», «Qué significa…»), not what it is about.
    outside_headings: int = 0
    openings: int = 0  # times seen as the first word of a heading, sentence or clause
    after_noun_cue: int = 0  # times seen right after "la", "de", "su"…


@lru_cache(maxsize=131072)
def _phrase_end(word: str) -> bool:
    """Whether a word can open or close a phrase tag: a content word, not an infinitive."""
    return _is_content_word(word) and not _INFINITIVE.fullmatch(word)


# An acronym written in capitals (NPS, CSAT, CRM, IVR) names a topic however short it is.
_ACRONYM = re.compile(r"\b[A-ZÁÉÍÓÚÑ]{2,6}\b")


def _acronyms(title: str, headings: list[str], body: str) -> frozenset[str]:
    """Short words the article writes in capitals at least twice (once in the title)."""
    seen = Counter(_ACRONYM.findall(body)) + Counter(_ACRONYM.findall(" ".join(headings)))
    for word in _ACRONYM.findall(title):
        seen[word] += 2
    shorts = (word.lower() for word, count in seen.items() if count >= 2)
    return frozenset(word for word in shorts if not is_stop_word(word))


def _stream_terms(
    tokens: list[str], acronyms: frozenset[str]
) -> tuple[list[tuple[str, str]], list[str], list[str]]:
    """A word stream's candidate (key, surface form) pairs, the keys of the candidates that
    open a run, and those of the candidates that follow a noun cue."""
    stems = list(map(stem, tokens))
    content = list(map(_is_content_word, tokens))
    ends = list(map(_phrase_end, tokens))
    if acronyms:
        content = [flag or word in acronyms for flag, word in zip(content, tokens, strict=True)]
        ends = [flag or word in acronyms for flag, word in zip(ends, tokens, strict=True)]
    found = [(stems[i], word) for i, word in enumerate(tokens) if content[i]]
    found += [
        (f"{stems[i]} {stems[i + 1]}", f"{tokens[i]} {tokens[i + 1]}")
        for i in range(len(tokens) - 1)
        if ends[i] and ends[i + 1] and tokens[i + 1] not in _CONNECTORS
    ]
    found += [
        (
            f"{stems[i]} {stems[i + 1]} {stems[i + 2]}",
            f"{tokens[i]} {tokens[i + 1]} {tokens[i + 2]}",
        )
        for i in range(len(tokens) - 2)
        if ends[i] and ends[i + 2] and tokens[i + 1] in _CONNECTORS
    ]
    openings = [
        stems[i] for i in range(len(tokens)) if content[i] and (i == 0 or tokens[i - 1] == _BREAK)
    ]
    # Right after the cue only: one word later would take "el agente resuelve" for a noun.
    nominal = [
        stems[i] for i in range(1, len(tokens)) if content[i] and tokens[i - 1] in _NOUN_CUES
    ]
    return found, openings, nominal


def _candidates(title: str, headings: list[str], body: str) -> dict[str, _Term]:
    """Candidate terms keyed by their stems, with the count of each surface form.

    Phrases are a content word, at most one connector, and a content word ("mejora
    continua", "servicio al cliente"); infinitives at either end make verb phrases ("dejar
    de hablar"), which are not topics.
    """
    acronyms = _acronyms(title, headings, body)
    terms: dict[str, _Term] = defaultdict(_Term)
    # The body holds its headings' lines too (they count once more there); its other lines
    # are the prose (runs never cross a line, so splitting the body by lines changes no count).
    heading_lines = set(headings)
    lines = body.split("\n")
    in_headings = "\n".join(line for line in lines if line.strip() in heading_lines)
    prose = "\n".join(line for line in lines if line.strip() not in heading_lines)
    streams = (
        (_TITLE_WEIGHT, [title], True),
        (_HEADING_WEIGHT, headings, False),
        (1, [in_headings], False),
        (1, [prose], True),
    )
    for weight, texts, outside_headings in streams:
        # Whole streams at once and pairs counted in C: a dict update per word, in a loop
        # per sentence, was a third of an import's time.
        pairs, openings, nominal = _stream_terms(_word_stream(texts), acronyms)
        for (key, form), count in Counter(pairs).items():
            term = terms[key]
            term.forms[form] = term.forms.get(form, 0) + count * weight
            term.occurrences += count
            term.outside_headings += count if outside_headings else 0
        if weight != _TITLE_WEIGHT:  # a title opens with its topic ("Guía rápida…")
            for key, count in Counter(openings).items():
                terms[key].openings += count
        for key in nominal:
            terms[key].after_noun_cue += 1
    for acronym in acronyms:  # "CSAT", "NPS": names, whatever precedes them
        if stem(acronym) in terms:
            terms[stem(acronym)].after_noun_cue += 1
    return terms


def _score(key: str, count: int, word: str, term: _Term) -> float:
    size = key.count(" ") + 1
    score = count * (1.0 + 0.6 * (size - 1))
    if size == 1 and _INFINITIVE.fullmatch(word):
        score *= 0.5
    if size == 1 and not term.after_noun_cue:
        score *= 0.5  # never after "la", "de", "su"…: a verb, most likely
    if size == 1 and term.openings == term.occurrences:
        # Only ever first in its heading or sentence: an instruction's verb ("Mide antes
        # de cambiar", "Ofrece que te llamen"), not a topic the text keeps coming back to.
        score *= 0.3
    return score


def _content_stems(key: str) -> set[str]:
    return {part for part in key.split() if part not in _CONNECTOR_STEMS}


def _overlaps(key: str, chosen: list[str]) -> bool:
    """One form per topic: a word inside a chosen phrase, or phrases sharing a word."""
    stems = _content_stems(key)
    for other in chosen:
        other_stems = _content_stems(other)
        if stems <= other_stems or other_stems <= stems:
            return True
        if len(stems) > 1 and len(other_stems) > 1 and stems & other_stems:
            return True
    return False


def extract_tags(
    title: str,
    body: str,
    headings: list[str] | None = None,
    *,
    minimum: int = 3,
    maximum: int = 6,
    exclude: Iterable[str] = (),
) -> tuple[str, ...]:
    """3–6 tags: the article's most used key terms, phrases first when they recur.

    `exclude` names topics already said elsewhere (the categories): terms made only of
    their words are not repeated as tags.
    """
    excluded = {stem(word) for term in exclude for word in words(term)} - _CONNECTOR_STEMS
    ranked: list[tuple[float, str, str]] = []
    for key, term in _candidates(title, headings or [], body).items():
        if term.occurrences < 2 and " " in key:
            continue  # a phrase seen once is a coincidence, not a topic
        if not term.outside_headings:
            continue
        if _content_stems(key) <= excluded:
            continue
        word, count = max(term.forms.items(), key=lambda item: (item[1], item[0]))
        ranked.append((_score(key, count, word, term), key, word))
    ranked.sort(key=lambda item: (-item[0], item[2]))
    chosen: list[tuple[str, str]] = []
    for score, key, word in ranked:
        if len(chosen) >= maximum or (len(chosen) >= minimum and score < _EXTRA_TAG_SCORE):
            break
        if not _overlaps(key, [other for other, _ in chosen]):
            chosen.append((key, word))
    return tuple(word for _, word in chosen)


def assign_taxonomy(
    title: str,
    body: str,
    settings: Settings,
    headings: list[str] | None = None,
) -> Taxonomy:
    """Categories and tags for one article (plain text, not Markdown)."""
    categories = choose_categories(title, body, settings)
    # The general category's words ("servicio", "cliente") are in every post: never tags.
    exclude = categories + settings.categories_allowed[:1]
    tags = extract_tags(
        title,
        body,
        headings,
        minimum=settings.importer.tags_min,
        maximum=settings.importer.tags_max,
        exclude=exclude,
    )
    return Taxonomy(categories, tags)
