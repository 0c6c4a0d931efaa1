"""Posts' search entries shortened for large blogs; other pages untouched."""

from __future__ import annotations

from bitacora.search_index import compact_search_index

POST = "blog/2024/quejas/"
LONG = "<p>Una queja bien atendida &amp; resuelta " + "vuelve cliente fiel " * 40 + "</p>"


def _index() -> dict[str, object]:
    return {
        "config": {"lang": ["es"]},
        "docs": [
            {"location": "", "title": "Inicio", "text": LONG},
            {"location": POST, "title": "Quejas", "text": LONG, "tags": ["quejas"]},
            {"location": POST + "#escuchar", "title": "Escuchar", "text": LONG, "tags": ["quejas"]},
        ],
    }


def test_post_keeps_title_tags_and_a_text_prefix_cut_between_words() -> None:
    docs = compact_search_index(_index(), {POST}, 60)["docs"]
    post = docs[1]
    assert post["title"] == "Quejas" and post["tags"] == ["quejas"]
    assert post["text"].startswith("Una queja bien atendida &amp; resuelta vuelve")
    assert post["text"].endswith("…") and len(post["text"]) <= 61 + len("amp;")
    assert "<p>" not in post["text"]


def test_sections_keep_their_heading_only_and_other_pages_stay_whole() -> None:
    compact = compact_search_index(_index(), {POST}, 60)
    home, _, section = compact["docs"]
    assert section == {"location": POST + "#escuchar", "title": "Escuchar", "text": ""}
    assert home["text"] == LONG
    assert compact["config"] == {"lang": ["es"]}


def test_short_text_is_kept_whole() -> None:
    index = {"docs": [{"location": POST, "title": "Quejas", "text": "<p>Breve.</p>"}]}
    assert compact_search_index(index, {POST}, 60)["docs"][0]["text"] == "Breve."
