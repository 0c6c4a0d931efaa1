"""Related engine: similar content meets, pins come first, drafts never show, cache works."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bitacora.errors import BitacoraError
from bitacora.model import Post
from bitacora.related import RelatedCache, compute_related
from bitacora.settings import RelatedSettings

COMPLAINTS = (
    "Las quejas de los clientes son oro puro: cada reclamo muestra un fallo del servicio. "
    "Responder una queja rápido y con una disculpa sincera recupera la confianza."
)
CLAIMS = (
    "Un reclamo bien atendido fideliza. Registra cada queja, analiza las reclamaciones "
    "repetidas y compensa al cliente cuando la empresa falla."
)
CHAT = (
    "El chat en vivo y WhatsApp exigen respuestas en minutos. Un chatbot resuelve consultas "
    "simples y deriva al agente humano las conversaciones difíciles."
)
BOTS = (
    "Antes de lanzar un chatbot, define qué consultas resolverá y cuándo pasará la conversación "
    "a una persona por chat o WhatsApp."
)
SETTINGS = RelatedSettings(k=2, min_score=0.01)


def _post(slug: str, body: str, day: int = 1, **fields: object) -> Post:
    return Post(
        title=str(fields.pop("title", slug.replace("-", " "))),
        date=dt.date(2024, 1, day),
        body=body,
        slug=slug,
        path=Path(f"docs/blog/posts/{slug}.md"),
        **fields,  # type: ignore[arg-type]
    )


def _corpus() -> list[Post]:
    return [
        _post("quejas-oro", COMPLAINTS, 1),
        _post("reclamos-fidelizan", CLAIMS, 2),
        _post("chat-en-vivo", CHAT, 3),
        _post("lanzar-chatbot", BOTS, 4),
    ]


def test_posts_on_the_same_topic_are_related_first() -> None:
    related = compute_related(_corpus(), SETTINGS)
    assert related["quejas-oro"][0].slug == "reclamos-fidelizan"
    assert related["chat-en-vivo"][0].slug == "lanzar-chatbot"


def test_accents_and_plurals_meet() -> None:
    posts = [
        _post("a", "La atención de reclamaciones y quejas mejora la atención."),
        _post("b", "Atencion de la reclamacion: una queja atendida."),
        _post("c", "El chat en vivo y WhatsApp en minutos."),
    ]
    related = compute_related(posts, RelatedSettings(k=1, min_score=0.01))
    assert [link.slug for link in related["b"]] == ["a"]


def test_result_is_deterministic_whatever_the_input_order() -> None:
    posts = _corpus()
    assert compute_related(posts, SETTINGS) == compute_related(posts[::-1], SETTINGS)


def test_shared_terms_explain_the_score() -> None:
    link = compute_related(_corpus(), SETTINGS)["chat-en-vivo"][0]
    assert {"chatbot", "whatsapp"} & set(link.shared_terms)


def test_pins_come_first_and_related_false_hides_the_list() -> None:
    posts = _corpus()
    posts[0] = _post("quejas-oro", COMPLAINTS, 1, related=("posts/lanzar-chatbot.md",))
    posts[2] = _post("chat-en-vivo", CHAT, 3, related=False)
    related = compute_related(posts, SETTINGS)
    assert related["quejas-oro"][0].slug == "lanzar-chatbot"
    assert related["quejas-oro"][0].pinned
    assert related["chat-en-vivo"] == ()


def test_unknown_pin_is_an_error_with_a_suggestion() -> None:
    posts = _corpus()
    posts[0] = _post("quejas-oro", COMPLAINTS, 1, related=("lanzar-chatbo",))
    with pytest.raises(BitacoraError) as raised:
        compute_related(posts, SETTINGS)
    assert "«lanzar-chatbo» no existe" in str(raised.value)
    assert "lanzar-chatbot" in str(raised.value)


def test_unknown_pin_points_to_the_line_of_related(tmp_path: Path) -> None:
    path = tmp_path / "quejas-oro.md"
    path.write_text("---\ntitle: Quejas\ndate: 2024-01-01\nrelated:\n  - nada\n---\n\nTexto.\n")
    posts = _corpus()
    posts[0] = Post("Quejas", dt.date(2024, 1, 1), "Texto.", "quejas-oro", path, related=("nada",))
    with pytest.raises(BitacoraError) as raised:
        compute_related(posts, SETTINGS)
    assert str(raised.value).startswith(f"{path}:4: ")


def test_drafts_are_never_listed_on_other_posts() -> None:
    posts = _corpus()
    posts[1] = _post("reclamos-fidelizan", CLAIMS, 2, draft=True)
    related = compute_related(posts, SETTINGS)
    assert all(link.slug != "reclamos-fidelizan" for links in related.values() for link in links)


def test_ties_go_to_the_newer_post() -> None:
    posts = [
        _post("base", COMPLAINTS, 1),
        _post("copia-antigua", CLAIMS, 2),
        _post("copia-nueva", CLAIMS, 9),
        _post("otro", CHAT, 3),
    ]
    related = compute_related(posts, RelatedSettings(k=2, min_score=0.01))
    assert [link.slug for link in related["base"]][:2] == ["copia-nueva", "copia-antigua"]


def test_minimum_score_leaves_unrelated_posts_out() -> None:
    related = compute_related(_corpus(), RelatedSettings(k=4, min_score=0.99))
    assert all(links == () for links in related.values())


def test_unchanged_posts_are_not_recomputed_and_one_edit_recomputes_one() -> None:
    cache = RelatedCache()
    posts = _corpus()
    first = compute_related(posts, SETTINGS, cache)
    assert cache.bags_computed == 4
    assert compute_related(posts, SETTINGS, cache) is first
    assert cache.bags_computed == 0
    posts[3] = _post("lanzar-chatbot", BOTS + " Mide la satisfacción después.", 4)
    compute_related(posts, SETTINGS, cache)
    assert cache.bags_computed == 1


def test_disk_cache_survives_and_a_corrupt_one_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "related.json"
    first = compute_related(_corpus(), SETTINGS, RelatedCache(path=path))
    warm = RelatedCache(path=path)
    assert compute_related(_corpus(), SETTINGS, warm) == first
    assert warm.bags_computed == 0
    assert not warm._loaded  # an unchanged site reads the stored lists, not the term bags
    edited = _corpus()
    edited[3] = _post("lanzar-chatbot", BOTS + " Mide la satisfacción después.", 4)
    changed = RelatedCache(path=path)
    compute_related(edited, SETTINGS, changed)
    assert changed.bags_computed == 1  # the other bags came from the disk
    for broken in (path, path.with_name("related-lists.json")):
        broken.write_text("{no es json", encoding="utf-8")
    cold = RelatedCache(path=path)
    assert compute_related(_corpus(), SETTINGS, cold) == first
    assert cold.bags_computed == 4


def test_a_body_read_by_mkdocs_or_from_the_file_has_one_fingerprint() -> None:
    from bitacora.related.cache import post_fingerprint

    from_file = _post("quejas-oro", "\n" + COMPLAINTS + "\n", 1)
    from_mkdocs = _post("quejas-oro", COMPLAINTS, 1)
    assert post_fingerprint(from_file, SETTINGS) == post_fingerprint(from_mkdocs, SETTINGS)


def test_score_is_the_cosine_boosted_by_shared_neighbours() -> None:
    from bitacora.related.index import NEIGHBOUR_BOOST, NEIGHBOURHOOD

    links = [link for links in compute_related(_corpus(), SETTINGS).values() for link in links]
    assert links
    for link in links:
        assert 0 < link.similarity <= link.score <= 1
        boosted = link.similarity * (1 + NEIGHBOUR_BOOST * link.common_neighbours / NEIGHBOURHOOD)
        assert link.score == pytest.approx(min(1.0, boosted), abs=1e-3)


def test_lists_computed_in_another_process_are_the_ones_the_build_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bitacora.posts import iter_post_files, read_post, render_post
    from bitacora.related.warm import WARM_FROM_POSTS, start_warming

    posts_dir = tmp_path / "posts"
    posts_dir.mkdir()
    for post in _corpus():
        (posts_dir / f"{post.slug}.md").write_text(render_post(post), encoding="utf-8")
    cache_path = tmp_path / "cache" / "related.json"
    monkeypatch.setattr("os.cpu_count", lambda: 2)  # a one-core runner would skip the worker
    warming = start_warming(posts_dir, WARM_FROM_POSTS, SETTINGS, cache_path)
    assert warming is not None
    assert warming.result() > 0  # the worker's peak memory, in MiB
    posts = [read_post(path) for path in iter_post_files(posts_dir)]
    build = RelatedCache(path=cache_path)
    assert compute_related(posts, SETTINGS, build) == compute_related(posts, SETTINGS)
    assert build.bags_computed == 0 and not build._loaded  # read, not computed


def test_a_small_blog_computes_its_lists_in_the_build_itself(tmp_path: Path) -> None:
    from bitacora.related.warm import WARM_FROM_POSTS, start_warming

    assert start_warming(tmp_path, WARM_FROM_POSTS - 1, SETTINGS, tmp_path / "r.json") is None
