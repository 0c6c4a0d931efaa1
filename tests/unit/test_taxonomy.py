"""Taxonomy: categories only from the allowed list; tags are key terms, never stop words."""

from __future__ import annotations

from bitacora.settings import Settings
from bitacora.spanish import is_stop_word
from bitacora.taxonomy import assign_taxonomy, choose_categories, extract_tags

SETTINGS = Settings(
    categories_allowed=("Servicio al cliente", "Quejas y reclamos", "Canales digitales"),
    category_keywords={
        "Servicio al cliente": ("servicio", "cliente"),
        "Quejas y reclamos": ("queja", "reclamo"),
        "Canales digitales": ("chat", "whatsapp", "correo"),
    },
)
COMPLAINTS = (
    "Las quejas de los clientes son una oportunidad. Una queja bien atendida fideliza. "
    "Registrar cada queja y cada reclamo permite medir la calidad del servicio al cliente. "
    "El registro de quejas muestra los problemas repetidos."
)


def test_specific_category_wins_over_the_general_one() -> None:
    assert choose_categories("Quejas", COMPLAINTS, SETTINGS) == ("Quejas y reclamos",)


def test_general_category_when_nothing_specific_fits() -> None:
    text = "El servicio al cliente es una actitud. Servir al cliente con respeto."
    assert choose_categories("Servir", text, SETTINGS) == ("Servicio al cliente",)


def test_categories_are_always_from_the_allowed_list() -> None:
    found = assign_taxonomy("Nada", "Texto sin palabras clave de ninguna categoría.", SETTINGS)
    assert set(found.categories) <= set(SETTINGS.categories_allowed)


def test_tags_are_lowercase_key_terms_without_stop_words() -> None:
    tags = assign_taxonomy("Registrar quejas", COMPLAINTS, SETTINGS).tags
    assert 3 <= len(tags) <= 6
    assert all(tag == tag.lower() for tag in tags)
    assert not any(is_stop_word(tag) for tag in tags)
    assert "quejas" not in tags  # the category already says it


def test_recurring_phrase_is_one_tag_and_covers_its_words() -> None:
    text = "La mejora continua del equipo. La mejora continua se mide. Mejora continua siempre."
    tags = extract_tags("Mejora continua", text)
    assert tags[0] == "mejora continua"
    assert "mejora" not in tags and "continua" not in tags


def test_phrases_never_span_punctuation() -> None:
    text = "Es oro puro, representan valor. Oro puro, representan futuro."
    assert "puro representan" not in extract_tags("Valor", text)


def test_verbs_that_only_open_instructions_are_not_tags() -> None:
    body = " ".join(
        [
            "Mide el tiempo de espera de cada llamada antes de cambiar los turnos del centro.",
            "Ofrece la devolución de llamada cuando la espera del centro supera cinco minutos.",
            "Revisa la espera por franja y la tasa de abandono de cada llamada del centro.",
        ]
    )
    headings = ["Mide antes de cambiar", "Ofrece que te llamen", "Revisa cada semana"]
    tags = extract_tags("Menos espera en el centro de contacto", body, headings)
    assert "espera" in tags
    assert not {"mide", "ofrece", "revisa"} & set(tags)


def test_an_acronym_in_capitals_can_be_a_tag() -> None:
    body = (
        "El NPS pregunta por la recomendación. Un NPS alto con una muestra pequeña engaña. "
        "Compara el NPS de cada trimestre con las quejas recibidas en el mismo periodo."
    )
    assert "nps" in extract_tags("Cómo leer el NPS sin engañarse", body)
    # The same word in lowercase is a short word like any other, not a topic.
    assert "nps" not in extract_tags("Cómo leer el nps sin engañarse", body.replace("NPS", "nps"))


def test_words_only_in_headings_are_layout_not_topics() -> None:
    headings = ["Qué significa omnicanalidad", "Tres pasos para empezar"]
    body = "\n".join(
        [
            "Qué significa omnicanalidad",
            "La omnicanalidad es que la conversación continúe de un canal a otro.",
            "El historial del chat y la llamada están en la ficha del cliente.",
            "Tres pasos para empezar",
            "Unifica la ficha del cliente y forma a los agentes con el historial.",
        ]
    )
    tags = extract_tags("Omnicanalidad en la banca", body, headings, minimum=3)
    assert "omnicanalidad" in tags
    assert not {"significa", "pasos"} & set(tags)
    # The title names the topic: a word only there is still one («banca»).
    assert "banca" in tags


def test_a_word_never_after_an_article_or_a_preposition_is_a_weak_tag() -> None:
    # «resuelve» is as frequent as «reclamación», but never follows «la», «de», «su»…
    body = (
        "El agente resuelve la reclamación en la primera llamada. Quien resuelve rápido "
        "cierra la reclamación sin escalarla. Si nadie resuelve, la reclamación vuelve. "
        "Un equipo que resuelve gana la confianza de cada cliente con su reclamación."
    )
    tags = extract_tags("Primera llamada", body, minimum=1, maximum=2)
    assert "reclamación" in tags and "resuelve" not in tags
