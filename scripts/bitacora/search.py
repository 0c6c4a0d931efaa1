"""Site search that forgives accents: the worker script that teaches Material's search Spanish.

Input: the file name of Material's search worker and the search stop words. Output: the
JavaScript of Bitácora's worker, which loads Material's worker, folds index tokens and
queries alike (`spanish.fold`) and drops only function words. The search index itself is
left as Material writes it, so folding adds nothing to its size.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from importlib.resources import files

from bitacora.spanish import SEARCH_STOP_WORDS, fold

__all__ = [
    "SEARCH_HIGHLIGHT_NAME",
    "SEARCH_WORKER_NAME",
    "check_search_config",
    "render_search_highlight",
    "render_search_worker",
]

# Written beside Material's worker, so lunr's language files load from the same "../lunr".
SEARCH_WORKER_NAME = "bitacora-search.js"
# Written beside Material's bundle: marks accented words on the page a result opens.
SEARCH_HIGHLIGHT_NAME = "bitacora-highlight.js"

# Material names its worker search.<hash>.min.js; the hash changes with every release.
MATERIAL_WORKER = re.compile(r"^search\.[0-9a-f]+\.min\.js$")

_DATA = files("bitacora").joinpath("data")


def _script(name: str) -> str:
    fold_js = _DATA.joinpath("search-fold.js").read_text(encoding="utf-8").strip()
    return _DATA.joinpath(name).read_text(encoding="utf-8").replace("__FOLD__", fold_js)


def _folded_stop_words(stop_words: Iterable[str]) -> list[str]:
    return sorted({fold(word) for word in stop_words})


def check_search_config(lang: list[str] | None, pipeline: list[str] | None) -> list[str]:
    """Problems (in Spanish) with the search options the worker relies on; empty when fine.

    The worker replaces lunr's Spanish trimmer and stop-word filter, so the language must be
    Spanish alone; the stemmer must stay off, because Material's wildcard queries skip it and
    "clientes*" would then miss the stem "client" in the index.
    """
    problems = []
    if lang is not None and list(lang) != ["es"]:
        problems.append(
            f"la búsqueda usa lang: {list(lang)} — usa «lang: es» en el plugin search de mkdocs.yml"
        )
    if pipeline is not None and "stemmer" in pipeline:
        problems.append(
            "la búsqueda tiene «stemmer» en pipeline — quítalo: deja «pipeline: [trimmer, "
            "stopWordFilter]» en el plugin search de mkdocs.yml"
        )
    return problems


def render_search_worker(
    material_worker: str, stop_words: Iterable[str] = SEARCH_STOP_WORDS
) -> str:
    """JavaScript of Bitácora's search worker, loading Material's worker `material_worker`."""
    template = _script("search-worker.js")
    words = json.dumps(_folded_stop_words(stop_words), ensure_ascii=False)
    return template.replace("__MATERIAL_WORKER__", json.dumps(material_worker)).replace(
        "__STOP_WORDS__", words
    )


def render_search_highlight() -> str:
    """JavaScript that marks the accented words matching `?h=` on the page a result opens."""
    return _script("search-highlight.js")
