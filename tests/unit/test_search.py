"""The search worker Bitácora writes beside Material's, and the stop words it carries."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from bitacora.search import check_search_config, render_search_highlight, render_search_worker
from bitacora.spanish import SEARCH_STOP_WORDS, STOP_WORDS, fold


def test_worker_loads_materials_worker_by_name() -> None:
    script = render_search_worker("search.a7633da7.min.js")
    assert 'var MATERIAL_WORKER = "search.a7633da7.min.js"' in script
    assert "__MATERIAL_WORKER__" not in script and "__STOP_WORDS__" not in script


def test_worker_stop_words_are_folded_and_sorted() -> None:
    script = render_search_worker("search.x.min.js", ["está", "de", "él"])
    assert 'var STOP_WORDS = ["de", "el", "esta"]' in script


def test_both_scripts_share_one_fold() -> None:
    worker, highlight = render_search_worker("search.x.min.js"), render_search_highlight()
    assert "__FOLD__" not in worker and "__FOLD__" not in highlight
    assert worker.count("function fold(") == highlight.count("function fold(") == 1


def test_search_stop_words_keep_the_words_readers_search() -> None:
    for word in ("estado", "estados", "pedido", "queja", "quejas", "mejor", "día", "forma"):
        assert word not in SEARCH_STOP_WORDS
    assert {"de", "la", "que", "del", "los", "está"} <= SEARCH_STOP_WORDS


def test_search_stop_words_are_a_subset_of_the_full_list() -> None:
    assert SEARCH_STOP_WORDS <= STOP_WORDS


def test_search_config_accepts_spanish_without_stemmer() -> None:
    assert check_search_config(["es"], ["trimmer", "stopWordFilter"]) == []


def test_search_config_rejects_stemmer_and_other_languages() -> None:
    problems = check_search_config(["es", "en"], ["stemmer"])
    assert len(problems) == 2
    assert "lang: es" in problems[0]
    assert "stemmer" in problems[1]


# The worker's own functions, run in Node with Material's worker stubbed out: folding must
# match bitacora.spanish.fold, or accented words and typed queries would not meet.
_HARNESS = """
var self = globalThis
self.importScripts = function () {}
self.addEventListener = function (type, fn) { self.listener = fn }
%s
var out = {}
out.folded = %s.map(fold)
out.queries = %s.map(foldQuery)
var event = {data: {type: 2, data: "Atención AL Cliente"}}
self.listener(event)
out.message = event.data.data
process.stdout.write(JSON.stringify(out))
"""

WORDS = ["Atención", "PRÁCTICA", "año", "Ñandú", "pingüino", "facturació", "ÉXITO"]


@pytest.fixture(scope="module")
def worker_run() -> dict:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    queries = ["estado del pedido", "de", "atención de", '"estado del" pedido', "+de quejas"]
    script = _HARNESS % (
        render_search_worker("search.x.min.js"),
        json.dumps(WORDS, ensure_ascii=False),
        json.dumps(queries),
    )
    result = subprocess.run(
        [node, "-e", script], capture_output=True, text=True, check=True, timeout=30
    )
    return json.loads(result.stdout)


def test_worker_folds_like_python(worker_run: dict) -> None:
    assert worker_run["folded"] == [fold(word) for word in WORDS]
    assert worker_run["folded"][2] == "año"


def test_worker_drops_stop_words_but_not_the_last_word(worker_run: dict) -> None:
    assert worker_run["queries"] == [
        "estado pedido",
        "de",
        "atencion de",
        '"estado " pedido',
        "+ quejas",
    ]


def test_worker_folds_query_messages_before_material_sees_them(worker_run: dict) -> None:
    assert worker_run["message"] == "atencion cliente"
