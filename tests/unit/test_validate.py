"""`check_posts`: every problem of every post, on the right line, with how to fix it."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bitacora.settings import Settings
from bitacora.validate import KNOWN_KEYS, check_posts

ALLOWED = ("Servicio al cliente", "Quejas y reclamos", "Canales digitales")
AUTHORS = "authors:\n  ana-lopez:\n    name: Ana López\n  carlos-ruiz:\n    name: Carlos Ruiz\n"
GOOD_FRONT = """\
title: Cómo responder a una queja
date: 2024-03-15
authors:
  - ana-lopez
categories:
  - Quejas y reclamos
tags:
  - quejas
description: Una queja bien respondida fideliza más que una venta.
"""
GOOD_BODY = "La entrada del artículo.\n\n<!-- more -->\n\nEl resto del artículo.\n"


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A bare docs/ folder (posts, authors, one page); the current folder is the site's."""
    docs = tmp_path / "docs"
    (docs / "blog" / "posts").mkdir(parents=True)
    (docs / "blog" / ".authors.yml").write_text(AUTHORS, encoding="utf-8")
    (docs / "acerca.md").write_text("# Acerca\n", encoding="utf-8")
    (docs / "assets").mkdir()
    (docs / "assets" / "foto.png").write_bytes(b"\x89PNG")
    monkeypatch.chdir(tmp_path)
    return docs


def write(docs: Path, name: str, front: str = GOOD_FRONT, body: str = GOOD_BODY) -> None:
    (docs / "blog" / "posts" / name).write_text(f"---\n{front}---\n\n{body}", encoding="utf-8")


def errors(docs: Path, **settings: object) -> list[str]:
    result = check_posts(Settings(docs_dir=docs, categories_allowed=ALLOWED, **settings))  # type: ignore[arg-type]
    return [str(e) for e in result.errors]


def test_a_correct_post_has_no_errors(site: Path) -> None:
    write(site, "bien.md")
    result = check_posts(Settings(docs_dir=site, categories_allowed=ALLOWED))
    assert result.errors == () and result.notices == ()
    assert result.checked == 1


def test_category_outside_the_list_suggests_the_closest_on_its_line(site: Path) -> None:
    write(site, "x.md", GOOD_FRONT.replace("  - Quejas y reclamos", "  - Quejas y reclamo"))
    assert errors(site) == [
        "docs/blog/posts/x.md:7: la categoría «Quejas y reclamo» no está permitida — usa "
        "«Quejas y reclamos» (categories_allowed en mkdocs.yml)"
    ]


def test_misspelt_key_suggests_the_known_one_and_is_not_also_missing(site: Path) -> None:
    write(site, "x.md", GOOD_FRONT.replace("categories:", "catgories:"))
    assert errors(site) == [
        "docs/blog/posts/x.md:6: la clave «catgories» no se reconoce — ¿querías decir «categories»?"
    ]


def test_every_missing_required_field_points_at_the_closing_fence(site: Path) -> None:
    write(site, "x.md", "title: Solo título\ndate: 2024-03-15\n")
    found = errors(site)
    assert [e.split(" — ")[0] for e in found] == [
        "docs/blog/posts/x.md:4: falta el campo obligatorio «authors»",
        "docs/blog/posts/x.md:4: falta el campo obligatorio «categories»",
        "docs/blog/posts/x.md:4: falta el campo obligatorio «description»",
    ]


@pytest.mark.parametrize(
    ("date", "fix"),
    [
        ("2024-02-30", "escríbela como AAAA-MM-DD, por ejemplo 2024-03-15"),
        ("ayer", "escríbela como AAAA-MM-DD, por ejemplo 2024-03-15"),
        # Written another way: shown as it should be written.
        ("20/05/2023", "escríbela así: «date: 2023-05-20»"),
        ("20 de mayo de 2023", "escríbela así: «date: 2023-05-20»"),
    ],
)
def test_unparseable_or_impossible_dates_are_explained(site: Path, date: str, fix: str) -> None:
    write(site, "x.md", GOOD_FRONT.replace("2024-03-15", date))
    assert errors(site) == [
        f"docs/blog/posts/x.md:3: la fecha «{date}» de «date» no se entiende — {fix}"
    ]


def test_a_slug_with_spaces_or_accents_is_shown_as_an_address(site: Path) -> None:
    write(site, "x.md", GOOD_FRONT + "slug: Empatía en el Chat\n")
    assert errors(site) == [
        "docs/blog/posts/x.md:11: el slug «Empatía en el Chat» no sirve como dirección "
        "(espacios, tildes o mayúsculas) — escribe «slug: empatia-en-el-chat»"
    ]


def test_an_excerpt_marker_written_almost_right_says_how_to_write_it(site: Path) -> None:
    write(site, "x.md", body="Entrada.\n\n<!--more-->\n\nResto.\n")
    assert errors(site) == [
        "docs/blog/posts/x.md:15: la marca del extracto está escrita «<!--more-->» — "
        "escríbela exactamente «<!-- more -->»"
    ]


def test_unknown_author_suggests_the_closest_key(site: Path) -> None:
    write(site, "x.md", GOOD_FRONT.replace("ana-lopez", "ana-lopz"))
    assert errors(site) == [
        "docs/blog/posts/x.md:5: el autor «ana-lopz» no está en docs/blog/.authors.yml — usa "
        "«ana-lopez» o añade «ana-lopz:» con name, description y avatar en "
        "docs/blog/.authors.yml"
    ]


def test_long_description_says_how_long_it_is(site: Path) -> None:
    long = "Palabra " * 25  # 200 characters
    write(
        site,
        "x.md",
        GOOD_FRONT.replace("Una queja bien respondida fideliza más que una venta.", long),
    )
    assert errors(site) == [
        "docs/blog/posts/x.md:10: la descripción tiene 199 caracteres (máximo 160); los "
        "buscadores la cortarían — resúmela en 160 caracteres o menos"
    ]


def test_duplicate_titles_and_slugs_point_to_both_files(site: Path) -> None:
    write(site, "a.md")
    write(site, "b.md", GOOD_FRONT.replace("Cómo responder", "COMO RESPONDER"))
    write(site, "c.md", GOOD_FRONT.replace("Cómo responder a una queja", "Otra") + "slug: a\n")
    write(site, "d.md", GOOD_FRONT.replace("Cómo responder a una queja", "Y otra") + "slug: a\n")
    found = errors(site)
    assert found == [
        "docs/blog/posts/b.md:2: el título «COMO RESPONDER a una queja» ya lo usa "
        "docs/blog/posts/a.md:2 — cambia uno de los dos títulos: cada artículo necesita el suyo",
        "docs/blog/posts/d.md:11: el slug «a» ya lo usa docs/blog/posts/c.md:11: las dos "
        "direcciones coincidirían — escribe otro «slug:» en uno de los dos",
    ]


def test_images_without_alt_text_markdown_and_html(site: Path) -> None:
    body = (
        "Entrada.\n\n<!-- more -->\n\n"
        "![](../../assets/foto.png)\n"
        '![Una foto](../../assets/foto.png)\n<img src="../../assets/foto.png">\n'
        '<img alt="Foto del equipo" src="../../assets/foto.png">\n'
        "```markdown\n![](no-cuenta.png)\n```\n"
        "Y en código `![](tampoco.png)`.\n"
    )
    write(site, "x.md", body=body)
    assert [e.split(" — ")[0] for e in errors(site)] == [
        "docs/blog/posts/x.md:17: la imagen no tiene texto alternativo",
        "docs/blog/posts/x.md:19: la imagen <img> no tiene texto alternativo",
    ]


def test_internal_links_resolve_like_mkdocs(site: Path) -> None:
    write(site, "otro.md", GOOD_FRONT.replace("Cómo responder", "Otro"))
    body = (
        "Entrada.\n\n<!-- more -->\n\n"
        "[bien](otro.md) [bien](../../acerca.md#acerca) [web](https://example.org/x.md)\n"
        "[mal](../../acercade.md) [mal](otra.md)\n\n"
        '<a href="../nada.md">html</a> ![Foto](../../assets/fotos.png)\n'
    )
    write(site, "x.md", body=body)
    assert errors(site) == [
        "docs/blog/posts/x.md:18: el enlace «../../acercade.md» apunta a una página que no "
        "existe (acercade.md) — ¿querías enlazar «../../acerca.md»?",
        "docs/blog/posts/x.md:18: el enlace «otra.md» apunta a una página que no existe "
        "(blog/posts/otra.md) — ¿querías enlazar «otro.md»?",
        "docs/blog/posts/x.md:20: el enlace «../nada.md» apunta a una página que no existe "
        "(blog/nada.md) — corrige la ruta (es relativa a este archivo) o quita el enlace",
        "docs/blog/posts/x.md:20: el enlace «../../assets/fotos.png» apunta a un archivo que no "
        "existe (assets/fotos.png) — ¿querías enlazar «../../assets/foto.png»?",
    ]


def test_missing_excerpt_marker_is_an_error(site: Path) -> None:
    write(site, "x.md", body="Sin marca de extracto.\n")
    assert [e.split(" — ")[0] for e in errors(site)] == [
        "docs/blog/posts/x.md:13: falta la marca del extracto «<!-- more -->»"
    ]


def test_wrong_types_and_repeated_items(site: Path) -> None:
    front = GOOD_FRONT.replace("tags:\n  - quejas", "tags: quejas") + "draft: sí\n"
    front = front.replace("  - ana-lopez", "  - ana-lopez\n  - ana-lopez")
    write(site, "x.md", front)
    assert [e.split(" — ")[0] for e in errors(site)] == [
        "docs/blog/posts/x.md:6: «ana-lopez» está repetido en «authors»",
        "docs/blog/posts/x.md:9: «tags» debe ser una lista de textos",
        "docs/blog/posts/x.md:11: «draft: sí» no es válido",
    ]


def test_related_pins_must_name_existing_posts(site: Path) -> None:
    write(site, "otro.md", GOOD_FRONT.replace("Cómo responder", "Otro"))
    write(site, "x.md", GOOD_FRONT + "related:\n  - otro\n  - otor-post\n")
    assert errors(site) == [
        "docs/blog/posts/x.md:11: el artículo relacionado «otor-post» no existe — ¿querías "
        "decir «otro»?"
    ]


def test_drafts_get_notices_not_errors_for_what_is_still_unwritten(site: Path) -> None:
    front = GOOD_FRONT.replace(
        "description: Una queja bien respondida fideliza más que una venta.", "description: ''"
    )
    write(
        site,
        "x.md",
        front + "draft: true\n",
        "Escribe aquí la entradilla: algo.\n\n<!-- more -->\n",
    )
    result = check_posts(Settings(docs_dir=site, categories_allowed=ALLOWED))
    assert result.errors == ()
    assert [str(n).split(" — ")[0] for n in result.notices] == [
        "docs/blog/posts/x.md:10: el borrador aún no tiene descripción",
        "docs/blog/posts/x.md:14: queda texto de la plantilla de «bitacora new»",
    ]
    write(site, "x.md", front, "Escribe aquí la entradilla: algo.\n\n<!-- more -->\n")
    assert [e.split(" — ")[0] for e in errors(site)] == [
        "docs/blog/posts/x.md:10: falta el campo obligatorio «description»",
        "docs/blog/posts/x.md:13: queda texto de la plantilla de «bitacora new»",
    ]


def test_every_file_is_checked_and_broken_files_do_not_stop_the_batch(site: Path) -> None:
    write(site, "a.md", "title: [sin cerrar\n")
    (site / "blog" / "posts" / "b.md").write_bytes(b"---\ntitle: caf\xe9\n---\n")
    write(site, "c.md", GOOD_FRONT.replace("Quejas y reclamos", "Inventada"))
    found = errors(site)
    assert [e.split(":")[0] for e in found] == [f"docs/blog/posts/{n}.md" for n in "abc"]
    assert "el YAML de los metadatos no es válido" in found[0]
    assert "no está en UTF-8" in found[1]


def test_missing_authors_file_is_one_error(site: Path) -> None:
    (site / "blog" / ".authors.yml").unlink()
    write(site, "x.md")
    assert errors(site) == [
        "docs/blog/.authors.yml: no existe el archivo de autores — créalo con «authors:» y una "
        "entrada por autor (name, description, avatar)"
    ]


def test_material_keys_are_known() -> None:
    for key in ("pin", "links", "readtime", "draft", "slug", "updated", "related"):
        assert key in KNOWN_KEYS


def test_a_published_post_must_not_link_to_a_draft(site: Path) -> None:
    write(site, "borrador.md", GOOD_FRONT.replace("Cómo responder", "Borrador") + "draft: true\n")
    body = "Entrada.\n\n<!-- more -->\n\nVer [el borrador](borrador.md).\n"
    write(site, "x.md", body=body)
    write(site, "y.md", GOOD_FRONT.replace("Cómo", "Otro") + "draft: true\n", body)
    assert errors(site) == [
        "docs/blog/posts/x.md:17: el enlace «borrador.md» apunta a un borrador "
        "(docs/blog/posts/borrador.md tiene «draft: true»), que no se publica — publica ese "
        "artículo antes (quita «draft: true») o quita el enlace"
    ]


_KEYS = st.sampled_from([*KNOWN_KEYS, "catgories", "fecha", "1", "date.updated", "? x"])
_VALUES = st.one_of(
    st.sampled_from(
        [
            "2024-02-30",
            "2024-03-15",
            "[a, b, a]",
            "{created: 2024-01-01, updatd: x}",
            "''",
            "true",
            "sí",
            "[Quejas y reclamos, Inventada]",
            "[ana-lopez, nadie]",
            "&a [1]",
            "*a",
            "!!python/object:os.system x",
            "|\n  bloque",
        ]
    ),
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=30),
)
_BODIES = st.lists(
    st.sampled_from(
        [
            "<!-- more -->",
            "![](x.png)",
            "<img src=x>",
            "[a](../../nada.md)",
            "[a](<roto.md)",
            "```",
            "`código",
            "Escribe aquí la entradilla:",
            "[ref]: otra.md",
            "<a href='../x.md'>",
        ]
    )
    | st.text(max_size=40),
    max_size=8,
).map("\n".join)


@settings(max_examples=80, deadline=None)
@given(pairs=st.lists(st.tuples(_KEYS, _VALUES), max_size=8), body=_BODIES)
def test_any_post_file_gives_errors_never_a_crash(pairs: list[tuple[str, str]], body: str) -> None:
    front = "".join(f"{key}: {value}\n" for key, value in pairs)
    with tempfile.TemporaryDirectory() as folder:
        docs = Path(folder) / "docs"
        (docs / "blog" / "posts").mkdir(parents=True)
        (docs / "blog" / ".authors.yml").write_text(AUTHORS, encoding="utf-8")
        (docs / "blog" / "posts" / "x.md").write_text(f"---\n{front}---\n{body}\n", "utf-8")
        result = check_posts(Settings(docs_dir=docs, categories_allowed=ALLOWED))
    for problem in result.errors + result.notices:
        assert problem.problem and problem.fix
        assert problem.line is None or problem.line >= 1


def test_a_control_character_in_the_front_matter_is_reported_on_its_line(site: Path) -> None:
    write(site, "x.md", GOOD_FRONT.replace("fideliza", "fide\x1fliza"))
    assert errors(site) == [
        "docs/blog/posts/x.md:10: los metadatos tienen un carácter de control invisible "
        "(U+001F) — bórralo: suele llegar al copiar y pegar desde otro programa"
    ]


def test_a_title_that_yaml_reads_as_a_list_says_to_quote_it(site: Path) -> None:
    write(
        site,
        "x.md",
        GOOD_FRONT.replace("title: Cómo responder a una queja", "title: [Guía] Quejas"),
    )
    (found,) = errors(site)
    assert found.startswith("docs/blog/posts/x.md:2: el YAML de los metadatos no es válido")
    assert found.endswith("un título con «:» va entre comillas")
    write(site, "x.md", GOOD_FRONT.replace("title: Cómo responder a una queja", "title: [Guía]"))
    assert [e.split(" — ")[0] for e in errors(site)] == [
        "docs/blog/posts/x.md:2: «title» debe ser un texto"
    ]


def test_a_large_site_checked_on_two_cores_finds_exactly_what_one_core_finds(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import bitacora.validate as validate

    write(site, "a.md", "title: [sin cerrar\n")
    write(site, "b.md", GOOD_FRONT.replace("Quejas y reclamos", "Inventada"))
    write(site, "borrador.md", GOOD_FRONT.replace("Cómo responder", "Borrador") + "draft: true\n")
    write(site, "c.md", body="Entrada.\n\n<!-- more -->\n\nVer [el borrador](borrador.md).\n")
    write(site, "d.md", GOOD_FRONT.replace("Cómo", "Otro") + "related:\n  - otor-post\n")
    write(site, "e.md")  # the same title as c.md, in the other half
    undescribed = GOOD_FRONT.replace("Cómo", "Un tercero").split("description:")[0]
    write(site, "f.md", undescribed + "description: ''\ndraft: true\n")
    settings = Settings(docs_dir=site, categories_allowed=ALLOWED)
    monkeypatch.setattr(validate, "_PARALLEL_FROM", 10**9)
    alone = check_posts(settings)
    pools = []

    class Pool(validate.ProcessPoolExecutor):  # type: ignore[name-defined,misc]
        def __init__(self, *args: object, **kwargs: object) -> None:
            pools.append(kwargs)
            super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(validate, "ProcessPoolExecutor", Pool)
    monkeypatch.setattr(validate, "_PARALLEL_FROM", 2)
    assert check_posts(settings) == alone and len(alone.errors) >= 5 and alone.notices
    assert len(pools) == 1 and validate._SHARED is None


def test_an_image_from_another_site_is_an_error_a_link_to_it_is_not(site: Path) -> None:
    body = (
        "Entrada.\n\n<!-- more -->\n\n![Un agente](https://ejemplo.com/agente.jpg)\n\n"
        '<img src="//cdn.ejemplo.com/x.png" alt="Gráfico">\n\n'
        "[Imagen: el gráfico](https://ejemplo.com/grafico.png)\n\n"
        "![Propia](https://bitacora.example.org/assets/foto.png)\n"
    )
    write(site, "x.md", body=body)
    found = [e.split(" — ")[0] for e in errors(site, site_url="https://bitacora.example.org/")]
    assert found == [
        "docs/blog/posts/x.md:17: la imagen se cargaría desde otro sitio (ejemplo.com): cada "
        "lector haría una petición a ese servidor",
        "docs/blog/posts/x.md:19: la imagen se cargaría desde otro sitio (cdn.ejemplo.com): "
        "cada lector haría una petición a ese servidor",
    ]


def test_a_background_check_finds_what_the_check_here_finds(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Same findings from the forked process, and they do come from another process."""
    import os

    from bitacora.plugin import validation

    write(site, "bien.md")
    write(site, "mal.md", GOOD_FRONT.replace("Quejas y reclamos", "Quejas"))
    settings = Settings(docs_dir=site, categories_allowed=ALLOWED)
    here = check_posts(settings, site_files={"acerca.md"})
    checked_in: list[int] = []

    def spy(*args: object, **kwargs: object) -> object:
        checked_in.append(os.getpid())
        result = check_posts(*args, **kwargs)  # type: ignore[arg-type]
        return replace(result, checked=result.checked + 1000 * (os.getpid() != parent))

    parent = os.getpid()
    monkeypatch.setattr(validation, "check_posts", spy)
    found = validation.BackgroundCheck(settings, frozenset({"acerca.md"})).result()
    assert checked_in == []  # the spy ran in the child: nothing recorded here
    assert found.checked == here.checked + 1000
    assert found.errors == here.errors and len(found.errors) == 2  # category, same title


def test_a_background_check_that_dies_is_done_here(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    from bitacora.plugin import validation

    write(site, "bien.md")
    parent = os.getpid()

    def dies_in_the_child(*args: object, **kwargs: object) -> object:
        if os.getpid() != parent:
            os._exit(3)  # killed, out of memory…: no findings sent
        return check_posts(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(validation, "check_posts", dies_in_the_child)
    settings = Settings(docs_dir=site, categories_allowed=ALLOWED)
    found = validation.BackgroundCheck(settings, frozenset()).result()
    assert found.checked == 1 and found.errors == ()


def test_a_small_blog_is_checked_in_the_build_process() -> None:
    from bitacora.plugin.validation import BackgroundCheck

    settings = Settings()
    assert BackgroundCheck.start([], settings, posts=199, from_posts=200) is None  # type: ignore[arg-type]
    assert BackgroundCheck.start([], settings, posts=5000, from_posts=0) is None  # type: ignore[arg-type]


def test_a_pin_to_a_draft_is_an_error_that_says_it_is_a_draft(site: Path) -> None:
    draft = GOOD_FRONT.replace("Cómo responder", "Borrador sobre") + "draft: true\nslug: empatia\n"
    write(site, "borrador.md", draft)
    write(site, "x.md", GOOD_FRONT + "related:\n  - empatia\n")
    found = errors(site)
    assert len(found) == 1 and "«empatia» es un borrador" in found[0]
    assert found[0].startswith("docs/blog/posts/x.md:")


def test_a_date_written_as_text_is_an_error_that_shows_it_as_a_date(site: Path) -> None:
    for value in ("'2023-05-20'", "2024-3-5", "2023-05-20 10:30"):
        write(site, "x.md", GOOD_FRONT.replace("date: 2024-03-15", f"date: {value}"))
        found = errors(site)
        assert len(found) == 1 and "está escrita como texto" in found[0], (value, found)


def test_every_way_of_loading_something_from_another_site_is_an_error(site: Path) -> None:
    body = (
        "Entrada.\n\n<!-- more -->\n\n![Una operadora][foto]\n\n"
        '<iframe src="https://www.youtube.com/embed/abc"></iframe>\n\n'
        '<video src="https://media.example.com/v.mp4"></video>\n\n'
        '<div style="background-image:url(https://img.example.com/bg.png)">x</div>\n\n'
        '<picture><source srcset="https://img.example.com/a.webp 2x"></picture>\n\n'
        "[Un enlace](https://ejemplo.com/se-sigue-no-se-carga)\n\n"
        "[foto]: https://images.example.com/operadora.jpg\n"
    )
    write(site, "x.md", body=body)
    hosts = [e.split("(")[1].split(")")[0] for e in errors(site)]
    assert sorted(hosts) == [
        "images.example.com",
        "img.example.com",
        "img.example.com",
        "media.example.com",
        "www.youtube.com",
    ]


def test_a_pin_may_name_a_post_by_the_address_made_from_its_title(site: Path) -> None:
    other = GOOD_FRONT.replace("Cómo responder a una queja", "Cómo medir la satisfacción")
    write(site, "medir.md", other)
    write(site, "x.md", GOOD_FRONT + "related:\n  - como-medir-la-satisfaccion\n")
    assert errors(site) == []


def test_a_title_of_spaces_is_a_missing_title(site: Path) -> None:
    write(site, "x.md", GOOD_FRONT.replace("title: Cómo responder a una queja", 'title: "   "'))
    found = errors(site)
    assert len(found) == 1 and "falta el campo obligatorio «title»" in found[0]


def test_an_update_before_the_publication_is_an_error(site: Path) -> None:
    write(site, "x.md", GOOD_FRONT + "updated: 2023-01-01\n")
    found = errors(site)
    assert len(found) == 1 and "(2023-01-01) es anterior a la de publicación" in found[0]
    assert found[0].startswith("docs/blog/posts/x.md:11:")
    write(site, "x.md", GOOD_FRONT + "updated: 2024-05-01\n")
    assert errors(site) == []


def test_a_link_to_a_section_that_does_not_exist_is_an_error_with_the_closest(
    site: Path,
) -> None:
    write(
        site,
        "otro.md",
        GOOD_FRONT.replace("Cómo", "Otro"),
        "Entrada.\n\n<!-- more -->\n\n## Escuchar hasta el final\n\nTexto.\n",
    )
    body = (
        "Entrada.\n\n<!-- more -->\n\n## Qué medir\n\n## Qué medir\n\n"
        "Ver [qué medir](#que-medir), [otra vez](#que-medir_1), [mal](#que-mediir), "
        "[fuera](otro.md#escuchar-hasta-el-final) y [no](otro.md#escuchar).\n"
    )
    write(site, "x.md", body=body)
    found = errors(site)
    assert len(found) == 2, found
    assert (
        "apunta a una sección que no existe (#que-mediir) — ¿querías decir «#que-medir»?"
        in found[0]
    )
    assert "(#escuchar) — ¿querías decir «#escuchar-hasta-el-final»?" in found[1]
