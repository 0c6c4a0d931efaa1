"""Clean stage: one test per noise rule, on a few lines of text."""

from __future__ import annotations

import pytest

from bitacora.importer.clean import clean_lines
from bitacora.importer.rules import load_rules

PROSE = (
    "El servicio al cliente empieza mucho antes de la venta y sigue mucho después de ella, "
    "en cada conversación con las personas que confían en nosotros."
)


def _clean(*lines: str):
    return clean_lines("\n".join(lines), load_rules())


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("Facebook", "compartir"),
        ("Compartir en Facebook", "compartir"),
        ("Comparte esto:", "compartir"),
        ("LinkedIn", "compartir"),
        ("Suscríbete a nuestro newsletter", "boletin"),
        ('[email-subscribers-form id="1"]', "shortcode"),
        ("${loading}", "plantilla"),
        ("{{ post.title }}", "plantilla"),
        ("Abrir chat", "chat"),
        ("¡Hola! Soy Lisa, tu asistente virtual. Estoy aquí para ayudarte.", "chat"),
        ("¡Hola! 👋 Soy Clara, la asistente virtual. ¿En qué puedo ayudarte?", "chat"),
        ("Buscar...", "navegacion"),
        ("¿Qué estás buscando?", "navegacion"),
        ("Recibe cada semana ideas para mejorar tu servicio al cliente.", "boletin"),
        ("Sí No", "valoracion"),
        ("12 de 15 personas lo han encontrado útil", "valoracion"),
        ("¿Tiene más preguntas? Enviar una solicitud", "valoracion"),
        ("Anuncios", "anuncios"),
        ("Utilizamos cookies para mejorar tu experiencia.", "cookies"),
        ("12 comentarios", "comentarios"),
        ("Inicio » Blog » Servicio", "migas"),
        ("Leer más »", "leer-mas"),
        ("Entradas recientes", "navegacion"),
        ("© 2024 Empresa. Todos los derechos reservados.", "pie"),
        ("5 min de lectura", "meta-entrada"),
        ("Descarga gratis la plantilla de encuestas de satisfacción", "llamada-comercial"),
        ("Solicita una demo", "llamada-comercial"),
        ("@andresvillalobos", "usuario-red-social"),
        ("👍 👎", "reacciones"),
        ("Instagram · YouTube · TikTok", "compartir"),
        ("Enviar por WhatsApp", "compartir"),
        ("Compartir por correo", "compartir"),
        ("Lectura de 6 min", "meta-entrada"),
        ("Lectura: 4 minutos", "meta-entrada"),
        ("3.456 visualizaciones hace 2 meses", "meta-entrada"),
        ("[Imagen: estudiantes presentando sus proyectos ante un jurado]", "imagen"),
        ("▶ Reproducir episodio", "reproductor"),
        ("Escuchar en Apple Podcasts", "reproductor"),
        ("Descargar MP3 (62 MB)", "reproductor"),
        ("0:04", "marca-de-tiempo"),
        ("[Música]", "marca-de-tiempo"),
        ("Teléfono*", "formulario"),
        ("Acepto la política de tratamiento de datos personales", "formulario"),
        ("¿Ya eres suscriptor? Inicia sesión", "muro-de-pago"),
        ("Hola, *|FNAME|*:", "boletin"),
        ("Ver este correo en tu navegador", "boletin"),
        ("Me gusta · Comentar · Compartir · Enviar", "reacciones"),
        ("3 d • Editado • 🌐", "meta-entrada"),
        ("1,2 k suscriptores", "meta-entrada"),
        ("Episodios > Temporada 3", "migas"),
        ("Si te ha gustado el episodio, déjanos una valoración de cinco estrellas.", "valoracion"),
        ("Pin", "compartir"),
        ("Le puede interesar: Así puede pedir la devolución de un cobro", "enlaces-en-articulo"),
        ("Más", "navegacion"),
        ("Siga bajando para encontrar más contenido", "navegacion"),
        ("Ver todas las entradas de Laura Méndez", "navegacion"),
        (
            "Archivado en: Experiencia de cliente Etiquetado con: customer journey, NPS",
            "navegacion",
        ),
        ("›", "separadores"),
        ("/", "separadores"),
    ],
)
def test_noise_line_is_removed_with_its_rule(line: str, rule: str) -> None:
    cleaned = _clean(line, PROSE)
    assert [kept.text for kept in cleaned.lines] == [PROSE]
    assert [(r.line, r.rule) for r in cleaned.removals] == [(1, rule)]


def test_prose_that_mentions_noise_words_is_kept() -> None:
    line = "Los comentarios de los clientes en Facebook son una fuente de ideas para mejorar."
    assert [kept.text for kept in _clean(PROSE, line).lines] == [PROSE, line]


def test_advice_that_reads_like_an_offer_is_kept() -> None:
    # A sentence with a period is prose, whatever its first verb and nouns.
    advice = "Prueba la plantilla con tres clientes antes de enviarla a todos."
    assert [kept.text for kept in _clean(PROSE, advice).lines] == [PROSE, advice]


def test_related_block_cuts_everything_after_it() -> None:
    cleaned = _clean(PROSE, "También te puede interesar", "Otro artículo", "Buscar")
    assert [kept.text for kept in cleaned.lines] == [PROSE]
    # Each line under the rule that knows it; the others under the block's.
    assert [(r.line, r.rule) for r in cleaned.removals] == [
        (2, "relacionados"),
        (3, "relacionados"),
        (4, "navegacion"),
    ]


def test_related_heading_before_the_article_does_not_cut_it() -> None:
    cleaned = _clean("Artículos relacionados", PROSE)
    assert PROSE in [kept.text for kept in cleaned.lines]


def test_a_comment_counter_under_a_long_headline_does_not_cut_the_article() -> None:
    headline = (
        "El infierno de llamar al servicio de atención al cliente: los españoles esperan "
        "una media de catorce minutos"
    )
    cleaned = _clean(headline, "Comentarios (127)", PROSE, PROSE + " Y más.", "Archivado en")
    kept = [line.text for line in cleaned.lines]
    assert kept == [headline, PROSE, PROSE + " Y más."]
    assert [(r.line, r.rule) for r in cleaned.removals] == [(2, "comentarios"), (5, "relacionados")]


def test_comment_counter_after_the_article_ends_it() -> None:
    cleaned = _clean(PROSE, "12 comentarios", "Juan dice: muy bueno")
    assert [kept.text for kept in cleaned.lines] == [PROSE]
    assert [r.rule for r in cleaned.removals] == ["relacionados", "relacionados"]


def test_empty_labels_and_comma_lines_are_removed() -> None:
    cleaned = _clean("Publicado por", "", "Categorías", "Etiquetas", ", , , ,", PROSE)
    assert [kept.text for kept in cleaned.lines] == [PROSE]
    assert [r.rule for r in cleaned.removals] == ["autor", "categorias", "etiquetas", "separadores"]


def test_label_with_value_becomes_a_hint() -> None:
    cleaned = _clean("Fecha", "7 de diciembre de 2022", "Autor: Ana Gómez", PROSE)
    assert cleaned.hints == {"date": "7 de diciembre de 2022", "author": "Ana Gómez"}
    assert [kept.text for kept in cleaned.lines] == [PROSE]


def test_nbsp_only_lines_are_reported() -> None:
    cleaned = _clean(PROSE, "\u00a0", "\u200b ")
    assert [kept.text for kept in cleaned.lines] == [PROSE]
    assert [r.rule for r in cleaned.removals] == ["espacio", "espacio"]


def test_glued_image_caption_is_split_off() -> None:
    cleaned = _clean("Dilbert IT" + PROSE)
    assert [kept.text for kept in cleaned.lines] == [PROSE]
    assert [(r.text, r.rule) for r in cleaned.removals] == [("Dilbert IT", "pie-de-imagen")]


def test_site_rules_file_extends_packaged_rules(tmp_path) -> None:
    extra = tmp_path / "ruido.yml"
    extra.write_text(
        "lines:\n  - id: propio\n    reason: banner del sitio\n    pattern: 'oferta del mes.*'\n",
        encoding="utf-8",
    )
    cleaned = clean_lines(f"{PROSE}\nOferta del mes: 20 %", load_rules(str(extra)))
    assert [r.rule for r in cleaned.removals] == ["propio"]


def test_box_of_links_inside_the_article_is_removed_with_its_headlines() -> None:
    cleaned = _clean(PROSE, "Más información", "El Gobierno aprueba la ley de atención", PROSE)
    assert [kept.text for kept in cleaned.lines] == [PROSE, PROSE]
    assert [r.rule for r in cleaned.removals] == ["enlaces-en-articulo", "enlaces-en-articulo"]


def test_label_with_one_value_per_line_takes_them_all() -> None:
    cleaned = _clean("Etiquetas", "Consumo", "Bancos", "Atención al cliente", PROSE)
    assert cleaned.hints == {"tags": "Consumo, Bancos, Atención al cliente"}
    assert [kept.text for kept in cleaned.lines] == [PROSE]


def test_a_blank_line_ends_a_box_of_links() -> None:
    text = f"{PROSE}\nLEE TAMBIÉN\nLas quejas se duplican en un año\n\nUn historial único\n{PROSE}"
    cleaned = clean_lines(text, load_rules())
    assert [kept.text for kept in cleaned.lines] == [PROSE, "Un historial único", PROSE]


def test_a_line_of_hashtags_becomes_the_posts_tags() -> None:
    cleaned = _clean(PROSE, "#ServicioAlCliente #CX #VozDelCliente")
    assert [kept.text for kept in cleaned.lines] == [PROSE]
    assert cleaned.hints["tags"] == "servicio al cliente, cx, voz del cliente"
    assert [r.rule for r in cleaned.removals] == ["hashtags"]


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("Blog / Atención al cliente", "migas"),
        ("r/AtencionAlCliente", "usuario-red-social"),
        ("hace 9 h", "meta-entrada"),
        ("Votar a favor", "reacciones"),
        (
            "¿Quieres la guía completa? Descarga el ebook gratuito con plantillas.",
            "llamada-comercial",
        ),
        ("Ana Gil, en la sede de Valencia. Foto: Marta Ruiz", "pie-de-imagen"),
    ],
)
def test_more_page_chrome_is_noise(line: str, rule: str) -> None:
    cleaned = _clean(line, PROSE)
    assert [(r.line, r.rule) for r in cleaned.removals] == [(1, rule)]


def test_prose_with_a_slash_is_not_a_breadcrumb() -> None:
    line = "Entre el 20 % y el 30 % / mes de los clientes vuelven a llamar por lo mismo."
    assert [kept.text for kept in _clean(PROSE, line).lines] == [PROSE, line]


def test_a_long_paragraph_that_mentions_sharing_or_newsletters_is_prose() -> None:
    paragraph = (
        "Cuando un cliente se anima a compartir en redes sociales una buena experiencia, "
        "conviene responder con su nombre y darle las gracias; si el comentario es especialmente "
        "bueno, compártelo con todo el equipo para que sepan qué funciona y lo repitan."
    )
    assert [kept.text for kept in _clean(PROSE, paragraph).lines] == [PROSE, paragraph]


def test_a_menu_copied_as_one_line_with_wide_gaps_is_removed() -> None:
    cleaned = _clean("Admisión  Pregrado  Posgrado  Investigación  Vida universitaria", PROSE)
    assert [kept.text for kept in cleaned.lines] == [PROSE]
    assert [r.rule for r in cleaned.removals] == ["navegacion"]


def test_a_sentence_with_a_double_space_is_not_a_menu() -> None:
    line = "El cliente llamó.  Nadie contestó.  Volvió a llamar al día siguiente."
    assert [kept.text for kept in _clean(line, PROSE).lines][0].startswith("El cliente llamó.")


def test_a_transcripts_time_marks_leave_and_its_lines_join_into_sentences() -> None:
    speech = [
        "Hola, ¿qué tal? Soy Andrea y en este canal",
        "hablamos de experiencia del cliente sin rodeos.",
        "Hoy quiero platicarte de cinco errores que veo una y otra vez",
        "en los call centers con los que trabajo, en México y en Colombia,",
        "y que hacen que los clientes terminen más enojados",
        "de lo que estaban cuando llamaron por primera vez.",
        "Lo bueno es que todos tienen solución y muchas",
        "no cuestan dinero, así que quédate hasta el final.",
    ]
    transcript = [line for second, text in enumerate(speech) for line in (f"0:{second:02d}", text)]
    cleaned = _clean(*transcript)
    assert [kept.text for kept in cleaned.lines][0] == (
        "Hola, ¿qué tal? Soy Andrea y en este canal hablamos de experiencia del cliente sin rodeos."
    )
    assert [r.rule for r in cleaned.removals].count("marca-de-tiempo") == len(speech)
