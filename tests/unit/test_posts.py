"""posts.py: front matter with line numbers, rendering, the import stamp, atomic writes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bitacora.errors import BitacoraError, BitacoraErrors
from bitacora.model import Post
from bitacora.posts import (
    atomic_write,
    has_hand_edits,
    parse_front_matter,
    post_from_front_matter,
    read_post,
    render_post,
    stamp_import_hash,
)


def make_post(**overrides: object) -> Post:
    values: dict[str, object] = {
        "title": "Las quejas: oro puro",
        "date": dt.date(2022, 12, 7),
        "body": "Primer párrafo.\n\n<!-- more -->\n\nResto.\n",
        "slug": "las-quejas-oro-puro",
        "authors": ("ana-lopez",),
        "categories": ("Quejas y reclamos",),
        "tags": ("quejas", "retroalimentación", "servicio al cliente"),
        "description": "Las quejas son retroalimentación valiosa.",
        "source_hash": "sha256:abc",
    }
    values.update(overrides)
    return Post(**values)  # type: ignore[arg-type]


def test_key_lines_come_from_yaml_nodes() -> None:
    text = "---\ntitle: Hola\n\ndate: 2024-01-02\ntags:\n  - a\n---\ncuerpo\n"
    front = parse_front_matter(text, "x.md")
    assert front.lines == {"title": 2, "date": 4, "tags": 5}
    assert front.body == "cuerpo\n"


def test_render_then_parse_gives_the_same_post() -> None:
    post = make_post()
    text = render_post(post)
    parsed = post_from_front_matter(parse_front_matter(text, "p.md"), "p.md")
    assert parsed.title == post.title
    assert parsed.date == post.date
    assert parsed.tags == post.tags
    assert parsed.categories == post.categories
    assert parsed.description == post.description
    assert parsed.body.strip() == post.body.strip()


def test_title_with_colon_is_quoted_so_yaml_stays_valid() -> None:
    assert "title: 'Las quejas: oro puro'" in render_post(make_post())


def test_unknown_keys_survive_a_round_trip() -> None:
    text = "---\ntitle: T\ndate: 2024-01-02\npin: true\n---\nx\n"
    post = post_from_front_matter(parse_front_matter(text, "p.md"), "p.md")
    assert post.extra == {"pin": True}
    assert "pin: true" in render_post(post)


def test_invalid_yaml_reports_file_and_line() -> None:
    text = "---\ntitle: T\ndate: [2024\n---\nx\n"
    with pytest.raises(BitacoraError) as caught:
        parse_front_matter(text, "docs/blog/posts/x.md")
    assert str(caught.value).startswith("docs/blog/posts/x.md:")
    assert "YAML" in str(caught.value)


def test_missing_front_matter_is_explained() -> None:
    with pytest.raises(BitacoraError, match="falta el bloque de metadatos"):
        parse_front_matter("# Solo texto\n", "x.md")


def test_missing_required_fields_are_all_reported() -> None:
    with pytest.raises(BitacoraErrors) as caught:
        post_from_front_matter(parse_front_matter("---\ntags: [a]\n---\nx\n", "x.md"), "x.md")
    messages = [str(e) for e in caught.value.errors]
    assert any("«title»" in m for m in messages)
    assert any("«date»" in m for m in messages)


def test_bad_date_names_the_line_and_the_format() -> None:
    text = "---\ntitle: T\ndate: 7 de diciembre\n---\nx\n"
    with pytest.raises(BitacoraError) as caught:
        post_from_front_matter(parse_front_matter(text, "x.md"), "x.md")
    assert str(caught.value).startswith("x.md:3: la fecha")
    assert "AAAA-MM-DD" in str(caught.value)


def test_material_date_mapping_is_understood() -> None:
    text = "---\ntitle: T\ndate:\n  created: 2024-01-02\n  updated: 2024-02-03\n---\nx\n"
    post = post_from_front_matter(parse_front_matter(text, "x.md"), "x.md")
    assert post.date == dt.date(2024, 1, 2)
    assert post.updated == dt.date(2024, 2, 3)


def test_stamped_file_is_not_a_hand_edit() -> None:
    text = stamp_import_hash(render_post(make_post()))
    assert not has_hand_edits(text)


def test_any_change_after_stamping_is_a_hand_edit() -> None:
    text = stamp_import_hash(render_post(make_post()))
    assert has_hand_edits(text.replace("Resto.", "Resto editado."))
    assert has_hand_edits(text.replace("quejas\n", "reclamos\n", 1))


def test_a_post_without_stamp_counts_as_hand_written() -> None:
    assert has_hand_edits(render_post(make_post()))


def test_stamping_twice_gives_the_same_text() -> None:
    once = stamp_import_hash(render_post(make_post()))
    assert stamp_import_hash(once) == once


def test_atomic_write_replaces_whole_file(tmp_path: Path) -> None:
    target = tmp_path / "posts" / "a.md"
    atomic_write(target, "uno\n")
    atomic_write(target, "dos\n")
    assert target.read_text(encoding="utf-8") == "dos\n"
    assert [p.name for p in target.parent.iterdir()] == ["a.md"]


def test_atomic_write_leaves_no_temp_file_on_failure(tmp_path: Path) -> None:
    target = tmp_path / "a.md"
    atomic_write(target, "original\n")

    class Boom:
        def __str__(self) -> str:
            raise RuntimeError("boom")

    with pytest.raises(TypeError):
        atomic_write(target, Boom())  # type: ignore[arg-type]
    assert target.read_text(encoding="utf-8") == "original\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"]


def test_read_post_rejects_non_utf8(tmp_path: Path) -> None:
    path = tmp_path / "x.md"
    path.write_bytes("---\ntitle: Atención\ndate: 2024-01-01\n---\n".encode("cp1252"))
    with pytest.raises(BitacoraError, match="UTF-8"):
        read_post(path)


def test_yaml_syntax_error_is_explained_in_spanish() -> None:
    from bitacora.errors import BitacoraError
    from bitacora.posts import parse_front_matter

    with pytest.raises(BitacoraError) as raised:
        parse_front_matter("---\ntitle: Quejas: guía\n---\n", "x.md")
    assert str(raised.value).startswith("x.md:2: el YAML de los metadatos no es válido (hay un «:»")


def test_atomic_write_gives_normal_permissions(tmp_path: Path) -> None:
    import os
    import stat

    from bitacora.posts import atomic_write

    target = tmp_path / "post.md"
    atomic_write(target, "hola\n")
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~mask
    assert target.read_text(encoding="utf-8") == "hola\n"
    assert list(tmp_path.iterdir()) == [target]  # no temporary file left behind


_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=60,
)
_SCALAR = st.one_of(
    _TEXT,
    st.integers(-1000, 10**6),
    st.floats(allow_nan=False),
    st.booleans(),
    st.none(),
    st.dates(),
    st.sampled_from(["sí", "no", "on", "- guion", "a: b", "#etiqueta", "'cita'", "12:30", ""]),
)


@settings(max_examples=400, deadline=None)
@given(
    st.dictionaries(
        st.one_of(_TEXT, st.from_regex(r"[a-z_][a-z0-9_-]{0,12}", fullmatch=True)),
        st.one_of(_SCALAR, st.lists(_SCALAR, max_size=4)),
        max_size=8,
    )
)
def test_fast_front_matter_writes_what_pyyaml_writes(data: dict[str, object]) -> None:
    import yaml

    from bitacora.posts import _DUMP_OPTIONS, _Dumper, dump_front_matter

    expected = yaml.dump(data, Dumper=_Dumper, **_DUMP_OPTIONS)  # PyYAML's own emitter
    assert dump_front_matter(data) == expected


def test_an_imported_posts_front_matter_takes_the_fast_path() -> None:
    from bitacora.posts import _front_matter_dict, _is_flat

    post = make_post(
        title="Cómo responder a una queja: «primero, escuchar»",
        tags=("quejas", "escucha activa", "NPS"),
        source="https://example.org/quejas",
    )
    assert _is_flat(_front_matter_dict(post, "sha256:abc"))
    assert "tags:\n  - quejas\n  - escucha activa\n  - NPS\n" in render_post(post)
