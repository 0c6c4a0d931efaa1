"""Synthetic Spanish posts for benchmarks: seeded, so the same N gives the same site.

Each post (~700 words) is assembled from topic vocabularies (one per category of the real
site), sentence patterns and shared service vocabulary, with headings and a list, so that
the Markdown, the search index and the related engine see text shaped like real articles.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
from pathlib import Path

from slugify import slugify

from bitacora.digest.archive import render_archive_index
from bitacora.posts import stamp_import_hash

__all__ = ["CATEGORIES", "TOPICS", "generate_posts", "generate_site", "raw_article"]

TOPICS: dict[str, list[str]] = {
    "Servicio al cliente": [
        "atención",
        "cortesía",
        "respuesta",
        "solicitud",
        "consulta",
        "amabilidad",
        "resolución",
        "seguimiento",
        "trato",
        "cliente",
    ],
    "Experiencia del cliente": [
        "recorrido",
        "expectativas",
        "emoción",
        "percepción",
        "momento de verdad",
        "personalización",
        "onboarding",
        "fidelidad",
        "recuerdo",
        "sorpresa",
    ],
    "Cultura de servicio": [
        "valores",
        "propósito",
        "compromiso",
        "actitud",
        "coherencia",
        "ejemplo",
        "confianza",
        "hábitos",
        "visión",
        "identidad",
    ],
    "Liderazgo y equipos": [
        "líder",
        "equipo",
        "turnos",
        "motivación",
        "rotación",
        "contratación",
        "coaching",
        "reconocimiento",
        "supervisor",
        "agentes",
    ],
    "Quejas y reclamos": [
        "queja",
        "reclamo",
        "devolución",
        "disculpa",
        "compensación",
        "garantía",
        "reembolso",
        "inconformidad",
        "escalamiento",
        "reclamación",
    ],
    "Canales digitales": [
        "chat",
        "WhatsApp",
        "redes sociales",
        "correo",
        "chatbot",
        "aplicación",
        "omnicanalidad",
        "formulario",
        "notificación",
        "portal",
    ],
    "Métricas y calidad": [
        "NPS",
        "CSAT",
        "encuesta",
        "indicador",
        "tiempo de respuesta",
        "auditoría",
        "tablero",
        "muestra",
        "calibración",
        "meta",
    ],
    "Formación y práctica": [
        "formación",
        "práctica",
        "simulación",
        "guion",
        "retroalimentación",
        "mentor",
        "habilidades",
        "taller",
        "evaluación",
        "manual",
    ],
}
CATEGORIES = tuple(TOPICS)
TAGS = [
    "atención",
    "quejas",
    "whatsapp",
    "nps",
    "fidelización",
    "empatía",
    "chatbot",
    "encuestas",
    "liderazgo",
    "formación",
    "devoluciones",
    "facturación",
    "estado del pedido",
    "call center",
    "tiempo de espera",
    "redes sociales",
    "personalización",
    "cultura",
    "calidad",
    "indicadores",
    "onboarding",
    "garantías",
    "reembolsos",
    "turnos",
    "coaching",
    "omnicanalidad",
    "correo",
    "autoservicio",
    "preguntas frecuentes",
    "escucha activa",
    "disculpas",
    "comunicación",
    "satisfacción",
    "retención",
    "experiencia",
    "procesos",
    "tecnología",
    "equipos",
    "metas",
    "voz del cliente",
]
SUBJECTS = [
    "El equipo",
    "La empresa",
    "Cada agente",
    "El supervisor",
    "La tienda en línea",
    "El banco",
    "La aseguradora",
    "El hotel",
    "La clínica",
    "La operadora",
    "Nuestro centro de contacto",
    "La dirección",
]
VERBS = [
    "revisa",
    "mejora",
    "mide",
    "explica",
    "documenta",
    "prioriza",
    "simplifica",
    "acompaña",
    "anticipa",
    "corrige",
    "comunica",
    "analiza",
]
LINKS = ["para que", "porque", "mientras", "aunque", "cuando", "de modo que"]
ENDINGS = [
    "el cliente sienta que alguien lo escucha",
    "nadie tenga que repetir su caso",
    "la solución llegue el mismo día",
    "el problema no vuelva a ocurrir",
    "la confianza crezca con cada contacto",
    "los datos guíen cada decisión",
    "la promesa se cumpla",
    "el equipo aprenda de cada error",
]
COMMON = [
    "servicio",
    "clientes",
    "proceso",
    "resultado",
    "semana",
    "mes",
    "llamada",
    "mensaje",
    "pedido",
    "factura",
    "plazo",
    "solución",
]


def _sentence(rng: random.Random, vocabulary: list[str]) -> str:
    subject = rng.choice(SUBJECTS)
    verb = rng.choice(VERBS)
    thing = rng.choice(vocabulary)
    other = rng.choice(vocabulary + COMMON)
    return (
        f"{subject} {verb} {'la' if thing.endswith('a') else 'el'} {thing} y {other} "
        f"{rng.choice(LINKS)} {rng.choice(ENDINGS)}."
    )


def _paragraph(rng: random.Random, vocabulary: list[str], sentences: int) -> str:
    return " ".join(_sentence(rng, vocabulary) for _ in range(sentences))


def generate_posts(count: int, seed: int = 7) -> list[dict[str, object]]:
    """`count` posts as dicts: title, date, category, tags, description, body (Markdown)."""
    rng = random.Random(seed)
    start = dt.date(2019, 1, 1)
    posts = []
    for number in range(count):
        category = CATEGORIES[number % len(CATEGORIES)]
        vocabulary = TOPICS[category]
        focus = rng.choice(vocabulary)
        opener = rng.choice(["Cómo", "Por qué", "Cuándo", "Guía:"])
        verb = rng.choice(["cambia", "mejora", "define", "ordena"])
        title = f"{opener} {focus} {verb} {rng.choice(COMMON)} {number + 1}"
        lead = _paragraph(rng, vocabulary, 4)
        sections = []
        for heading_number in range(3):
            opener = rng.choice(["Qué", "Cómo", "Dónde"])
            verb = rng.choice(["importa", "funciona", "falla"])
            heading = f"{opener} {rng.choice(vocabulary)} {verb} {heading_number + 1}"
            text = "\n\n".join(_paragraph(rng, vocabulary, 6) for _ in range(2))
            sections.append(f"## {heading}\n\n{text}")
        items = "\n".join(
            f"- **{rng.choice(vocabulary).capitalize()}:** {_sentence(rng, vocabulary)}"
            for _ in range(4)
        )
        body = f"{lead}\n\n<!-- more -->\n\n{sections[0]}\n\n{items}\n\n" + "\n\n".join(
            sections[1:]
        )
        posts.append(
            {
                "title": title,
                "slug": slugify(title),
                "date": start + dt.timedelta(days=(number * 3) % 2000),
                "category": category,
                "tags": sorted(rng.sample(TAGS, 3)),
                "description": lead[:150].rsplit(" ", 1)[0] + "…",
                "body": body,
            }
        )
    return posts


def _front_matter(post: dict[str, object]) -> str:
    tags = "\n".join(f"  - {tag}" for tag in post["tags"])  # type: ignore[attr-defined]
    return (
        f'---\ntitle: "{post["title"]}"\ndate: {post["date"]}\nauthors:\n  - redaccion\n'
        f"categories:\n  - {post['category']}\ntags:\n{tags}\n"
        f'description: "{post["description"]}"\nslug: {post["slug"]}\n---\n\n'
    )


def raw_article(post: dict[str, object]) -> str:
    """The post as text copied from a web page, noise included, for import benchmarks."""
    body = str(post["body"]).replace("<!-- more -->\n\n", "").replace("## ", "")
    body = body.replace("- **", "").replace(":**", ":")
    return (
        f"Inicio » Blog\n{post['title']}\nPublicado el {post['date']:%d/%m/%Y}\n"  # type: ignore[str-format]
        f"Compartir\nFacebook\nTwitter\n\n{body}\n\nTambién te puede interesar\nOtro artículo\n"
    )


def generate_site(
    target: Path, count: int, seed: int = 7, *, template: Path
) -> list[dict[str, object]]:
    """A site at `target`: the repository's mkdocs.yml, overrides and pages, `count` posts."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(
        template / "docs", target / "docs", ignore=shutil.ignore_patterns("posts", "boletin")
    )
    shutil.copytree(template / "overrides", target / "overrides")
    shutil.copy(template / "mkdocs.yml", target / "mkdocs.yml")
    # The newsletter archive without its past digests, which link the repository's posts:
    # the menu's «Boletín» still leads somewhere.
    archive = target / "docs" / "boletin"
    archive.mkdir(parents=True)
    index = stamp_import_hash(render_archive_index([]))  # generated, as `digest` writes it
    (archive / "index.md").write_text(index, encoding="utf-8")
    posts_dir = target / "docs" / "blog" / "posts"
    posts_dir.mkdir(parents=True, exist_ok=True)
    posts = generate_posts(count, seed)
    for post in posts:
        (posts_dir / f"{post['slug']}.md").write_text(
            _front_matter(post) + str(post["body"]) + "\n", encoding="utf-8"
        )
    return posts
