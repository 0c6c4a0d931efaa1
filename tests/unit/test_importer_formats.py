"""Regressions found by the property tests: odd input gives a clear error or a faithful post."""

from __future__ import annotations

from pathlib import Path

import pytest

from bitacora.errors import BitacoraError
from bitacora.importer import import_text


def test_markup_that_breaks_the_html_parser_is_this_files_error() -> None:
    with pytest.raises(BitacoraError, match="tan mal formada que no se puede analizar"):
        import_text("<SVG><S00000></S00000><A>", name="pagina.html")


def test_a_title_that_looks_like_a_tag_is_kept_as_text() -> None:
    post, _ = import_text("<A>\n\nPrimer párrafo del artículo.\n", name="articulo.txt")
    assert post.title.strip()
    assert "<" not in post.title


def test_imported_markdown_keeps_its_own_slug() -> None:
    text = "---\ntitle: Un título largo\nslug: corto\n---\n\nTexto del artículo.\n"
    post, _ = import_text(text, name="articulo.md")
    assert post.slug == "corto"


def test_an_escaped_brace_is_text_not_an_attribute_list() -> None:
    post, _ = import_text('---\ntitle: T\n---\n\nUsa \\{onclick="x"} así.\n', name="a.md")
    assert '\\{onclick="x"}' in post.body
    post, _ = import_text('---\ntitle: T\n---\n\nPárrafo\n{: onclick="x" }\n', name="a.md")
    assert "onclick" not in post.body


def test_hugo_toml_front_matter_is_read_like_yaml() -> None:
    text = (
        '+++\ntitle = "Responder por correo"\ndate = 2023-09-12T08:00:00+02:00\n'
        'author = "Pilar Ortega"\ntags = ["correo", "redacción"]\n+++\n\nTexto del artículo.\n'
    )
    post, _ = import_text(text, name="articulo.md")
    assert (post.title, post.date.isoformat()) == ("Responder por correo", "2023-09-12")
    assert post.authors == ("pilar-ortega",) and post.tags[:2] == ("correo", "redacción")


def test_broken_toml_front_matter_names_its_line() -> None:
    text = '+++\ntitle = "Sin cerrar\ndate = 2023-09-12\n+++\n\nTexto.\n'
    with pytest.raises(BitacoraError, match="TOML") as raised:
        import_text(text, name="articulo.md")
    assert raised.value.line == 2


def test_imported_markdown_loses_shortcodes_and_personal_data_with_a_report() -> None:
    text = (
        '---\ntitle: T\n---\n\nTexto.\n\n{{< figure src="/a.png" >}}\n\n'
        "Escríbeme a ana.ruiz@gmail.com o al 612 345 678.\n"
    )
    post, report = import_text(text, name="articulo.md")
    assert "figure" not in post.body and "gmail" not in post.body and "612" not in post.body
    assert {removal.rule for removal in report.removals} == {"plantilla", "datos-personales"}


def test_text_with_a_few_control_bytes_is_text_and_a_binary_file_is_not() -> None:
    from bitacora.importer.read import decode_bytes

    # Tabs, form feeds and line ends are text; one stray escape in a long text is tolerated.
    text = ("Atención al cliente\tbien hecha.\f\r\n" * 40 + "\x1b").encode()
    assert decode_bytes(text, "a.txt")[0].startswith("Atención")
    controls = bytes(range(1, 9)) * 40  # no NUL: judged by its share of control bytes alone
    with pytest.raises(BitacoraError, match="binario"):
        decode_bytes(b"Hola " + controls, "b.txt")


def test_an_update_on_the_publication_day_or_before_is_not_an_update() -> None:
    text = (
        "Cómo medir la espera en el centro de contacto\n"
        "Actualizado el 2 de mayo de 2024\n"
        "Publicado el 2 de mayo de 2024\n"
        + "La espera se mide desde que el cliente llama hasta que alguien le atiende. "
        * 4
    )
    post, _ = import_text(text)
    assert post.date.isoformat() == "2024-05-02" and post.updated is None
    post, _ = import_text(text.replace("Actualizado el 2 de mayo", "Actualizado el 9 de junio"))
    assert post.updated is not None and post.updated.isoformat() == "2024-06-09"


PROSE = "Una queja bien atendida enseña más que diez encuestas de satisfacción. " * 3


def _markdown(front: str, body: str = PROSE) -> str:
    """A Markdown source: front matter (its lines) and body."""
    return f"---\n{front}---\n\n{body}"


def test_other_generators_fields_are_read_as_this_sites_or_reported() -> None:
    text = _markdown(
        "title: Quejas que enseñan\ndate: 2024-05-07\nlayout: post\n"
        "canonical_url: https://ejemplo.substack.com/p/quejas\nsubtitle: ''\n"
    )
    post, article = import_text(text, name="quejas.md")
    assert post.source == "https://ejemplo.substack.com/p/quejas"
    assert not {"layout", "canonical_url", "subtitle"} & set(post.extra)
    reported = {(r.text, r.reason) for r in article.removals if r.rule == "metadatos"}
    assert reported == {
        ("layout:", "campo que este sitio no usa: no se copia"),
        ("canonical_url:", "pasa a «source»"),
        ("subtitle:", "vacío: no se copia"),
    }


def test_an_authored_markdown_post_keeps_its_first_section_heading() -> None:
    text = _markdown("title: Quejas que enseñan\ndate: 2024-05-07\n", "## Introducción\n\n" + PROSE)
    post, _ = import_text(text, name="quejas.md")
    assert post.body.startswith("## Introducción\n")
    assert post.description != "Introducción"


def test_an_image_embedded_in_a_markdown_file_is_left_out_and_reported() -> None:
    text = (
        "# Guía interna\n\n"
        + "Una respuesta por correo debe resolver la duda en el primer párrafo. " * 3
        + "\n\n![Captura de la bandeja][image1]\n\n```\n[ejemplo]: <data:texto>\n```\n\n"
        "[image1]: <data:image/png;base64,AAECAwQF>\n"
    )
    post, article = import_text(text, name="guia.md")
    assert "data:image" not in post.body and "[image1]" not in post.body
    assert "[ejemplo]: <data:texto>" in post.body  # a code block shows what it shows
    assert [(r.text, r.rule) for r in article.removals if r.rule == "imagen-incrustada"] == [
        ("Imagen: Captura de la bandeja", "imagen-incrustada")
    ]


def test_utf16_text_as_windows_notepad_saves_it_is_text() -> None:
    from bitacora.importer.read import decode_bytes

    for encoding in ("utf-16-le", "utf-16-be"):
        bom = "\ufeff".encode(encoding)
        data = bom + "Atención al cliente\r\nUna línea más.".encode(encoding)
        assert decode_bytes(data, "nota.txt") == (
            "Atención al cliente\nUna línea más.",
            "utf-16",
        )


def test_html_comments_in_a_markdown_file_are_private_notes_not_text() -> None:
    text = _markdown(
        "title: Indicadores\ndate: 2024-03-15\n",
        PROSE + "\n\n<!-- Nota interna: revisar cifras con\ncalidad antes de publicar -->\n\n"
        "<!-- more -->\n\n```html\n<!-- en un ejemplo de código se queda -->\n```\n",
    )
    post, article = import_text(text, name="indicadores.md")
    assert "Nota interna" not in post.body and "&lt;!--" not in post.body
    assert "<!-- more -->" in post.body and "<!-- en un ejemplo de código se queda -->" in post.body
    assert [(r.line, r.rule) for r in article.removals if r.rule == "comentario"] == [
        (8, "comentario")
    ]


def test_tags_written_as_one_comma_string_are_a_list() -> None:
    text = _markdown(
        "title: Indicadores\ndate: 2024-03-15\n"
        'tags: "nps, csat, métricas, encuestas de satisfacción"\n'
    )
    post, _ = import_text(text, name="indicadores.md")
    assert post.tags[:4] == ("nps", "csat", "métricas", "encuestas de satisfacción")


NOTION_PAGE = """# Cómo medir el NPS sin engañarte

Fecha: 3 de febrero de 2025
Autor: Marta Gil Ortega
Estado: Publicado
Etiquetas: NPS, encuestas, fidelización
Creado: 27 de enero de 2025 18:42
Última edición: 4 de febrero de 2025 9:15

{prose}

<aside>
⚠️ **Ojo:** una nota alta no dice por qué la dieron.

</aside>

Parte de [nuestra plantilla](Plantilla%20NPS%206b2f0e8d.md) y de [la guía](https://example.org/guia).
"""


def test_a_notion_pages_properties_are_metadata_not_its_first_paragraph() -> None:
    post, article = import_text(NOTION_PAGE.format(prose=PROSE), name="nps.md")
    assert (post.date.isoformat(), post.authors) == ("2025-02-03", ("marta-gil-ortega",))
    assert post.tags == ("nps", "encuestas", "fidelización")
    assert post.updated is not None and post.updated.isoformat() == "2025-02-04"
    assert "Estado" not in post.body and "Creado" not in post.body
    assert post.body.startswith(PROSE[:40])
    removed = {r.text for r in article.removals if r.rule == "metadatos"}
    assert {"Estado: Publicado", "Creado: 27 de enero de 2025 18:42"} <= removed


def test_a_notion_callout_is_a_note_with_its_label_as_title() -> None:
    post, _ = import_text(NOTION_PAGE.format(prose=PROSE), name="nps.md")
    assert '!!! warning "Ojo"\n\n    Una nota alta no dice por qué la dieron.' in post.body
    assert "aside" not in post.body


def test_a_link_to_a_file_that_is_not_imported_keeps_only_its_text(tmp_path: Path) -> None:
    from bitacora.importer.markdown import without_missing_links

    docs = tmp_path / "docs"
    (docs / "blog" / "posts").mkdir(parents=True)
    (docs / "guia.md").write_text("# Guía\n", encoding="utf-8")
    body = (
        "Ver [la plantilla](Plantilla%20NPS.md), ![cuadro](cuadro.png), "
        "[la guía](../../guia.md), [fuera](https://example.org/a.md) y [arriba](#nps).\n"
        "```\n[código](no-existe.md)\n```"
    )
    kept, warnings = without_missing_links(body, docs / "blog" / "posts", docs)
    assert kept.startswith("Ver la plantilla, , [la guía](../../guia.md), [fuera](https")
    assert "[arriba](#nps)" in kept and "[código](no-existe.md)" in kept
    assert len(warnings) == 2 and "Plantilla NPS.md" in warnings[0]


def test_dev_to_front_matter_published_flag_is_not_a_date() -> None:
    front = (
        'title: "El chatbot que nadie odia"\npublished: true\n'
        "published_at: 2024-02-19 09:30 +0000\ntags: cx, soporte\n"
    )
    post, article = import_text(_markdown(front), name="devto.md")
    assert post.date.isoformat() == "2024-02-19"
    notes = {r.text: r.reason for r in article.removals if r.rule == "metadatos"}
    assert "no es una fecha" in notes["published:"]


def test_liquid_embeds_become_links_and_details_a_collapsible_note() -> None:
    body = (
        f"{PROSE}\n\n{{% embed https://dev.to/ana/chatbots-3k1m %}}\n\n"
        "{% details Plantilla de clasificación %}\nUna hoja con cuatro columnas.\n"
        "{% enddetails %}\n\nFin del artículo.\n"
    )
    post, _ = import_text(_markdown('title: "Bots"\n', body), name="devto.md")
    assert "[https://dev.to/ana/chatbots-3k1m](https://dev.to/ana/chatbots-3k1m)\n\n" in post.body
    assert '??? note "Plantilla de clasificación"\n    Una hoja con cuatro columnas.' in post.body
    assert "{%" not in post.body


LAYOUT_PAGE = """<html><head><title>Cómo responder una queja en redes</title></head><body>
<table role="presentation" width="100%"><tr><td>
<table width="100%"><tr><td>
<h1>Cómo responder una queja en redes</h1>
<p>{prose}</p>
<p>Cuando un cliente se queja en público, responde en menos de una hora, con su nombre,
reconociendo el problema y explicando el siguiente paso que vas a dar para resolverlo.</p>
<table><tr><th>Canal</th><th>Plazo</th></tr><tr><td>Redes</td><td>1 hora</td></tr>
<tr><td>Correo</td><td>24 horas</td></tr></table>
<p>Y cierra el círculo: cuando el caso esté resuelto, vuelve al hilo público y cuéntalo a
todos los que vieron la queja, porque una queja visible pide una solución visible.</p>
</td></tr></table></td></tr></table></body></html>"""


def test_tables_that_lay_out_a_page_are_unwrapped_and_data_tables_stay() -> None:
    post, _ = import_text(LAYOUT_PAGE.format(prose=PROSE), name="boletin.html")
    assert "| Canal | Plazo |" in post.body and "| Redes | 1 hora |" in post.body
    assert post.body.count("| --- |") == 1  # only the data table is a table
    assert "Y cierra el círculo" in post.body and "| Y cierra" not in post.body


NEWS_PAGE = """<html><head><title>Profeco: suben las quejas</title>
<meta name="description" content="Las quejas ante Profeco aumentaron 18 % en el trimestre."></head>
<body><article><h1>Profeco: suben las quejas</h1>
<h2>Telecomunicaciones, aerolíneas y comercio electrónico concentran la mayoría de los
reclamos; la dependencia prepara nuevas sanciones.</h2>
<p>{prose}</p>
<h3>Te recomendamos</h3>
<p>Las quejas contra aerolíneas crecieron 34 %, la mayor alza entre todos los sectores del
comercio, sobre todo por cancelaciones y retrasos en las vacaciones de Semana Santa.</p>
<table><caption>Quejas por sector</caption><tr><th>Sector</th><th>2024</th></tr>
<tr><td>Aerolíneas</td><td>5,520</td></tr><tr><td>Telecomunicaciones</td><td>9,870</td></tr>
</table>
<h2>Vacío</h2>
<h2>La atención, el origen</h2>
<p>La mayoría de las quejas nace de una mala atención: esperas largas, respuestas que no
resuelven y promesas que no se cumplen, como muestran las encuestas de la dependencia.</p>
</article></body></html>"""


def test_a_news_pages_deck_box_labels_and_empty_headings_leave_its_body() -> None:
    post, article = import_text(NEWS_PAGE.format(prose=PROSE), name="nota.html")
    assert "concentran la mayoría" not in post.body  # the deck: reported, not a heading
    assert any(r.rule == "entradilla" for r in article.removals)
    assert "Te recomendamos" not in post.body and "## Vacío" not in post.body
    assert "## La atención, el origen" in post.body
    assert "*Quejas por sector*\n\n| Sector | 2024 |" in post.body


def _page(inner: str) -> str:
    return (
        "<html><head><title>Derechos del consumidor</title></head><body><article>"
        f"<h1>Derechos del consumidor</h1><p>{PROSE}</p>{inner}<p>{PROSE}</p>"
        "</article></body></html>"
    )


def test_a_list_inside_a_list_item_stays_nested() -> None:
    inner = (
        "<ul><li>Derecho a la información<ul><li>Precio visible</li>"
        "<li>Condiciones claras</li></ul></li><li>Derecho a reclamar</li></ul>"
    )
    post, _ = import_text(_page(inner), name="derechos.html")
    assert (
        "- Derecho a la información\n    - Precio visible\n    - Condiciones claras\n"
        "- Derecho a reclamar"
    ) in post.body


def test_a_definition_list_pairs_each_term_with_its_definition() -> None:
    inner = (
        "<dl><dt>Garantía legal</dt><dd>El plazo en que el vendedor responde por defectos.</dd>"
        "<dt>Derecho de retracto</dt><dd>Arrepentirse de una compra a distancia.</dd></dl>"
    )
    post, _ = import_text(_page(inner), name="glosario.html")
    assert "- **Garantía legal:** El plazo en que el vendedor responde por defectos." in post.body
    assert "- **Derecho de retracto:** Arrepentirse de una compra a distancia." in post.body


def test_a_page_without_a_date_in_its_metadata_takes_the_one_under_its_title() -> None:
    post, article = import_text(
        _page("").replace(
            f"<p>{PROSE}</p>", f"<p>Publicado: 3 de julio de 2024</p><p>{PROSE}</p>", 1
        ),
        name="garantia.html",
    )
    assert post.date.isoformat() == "2024-07-03"
    assert "Publicado" not in post.body
    assert any(r.rule == "fecha" for r in article.removals)
