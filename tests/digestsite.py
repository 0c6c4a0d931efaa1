"""A tmp copy of the real site with the hand-written fixture posts, plus the cases a digest
must get right: a draft, a future post, a post without `slug:` and one with an image.

Fixture posts (tests/fixtures/site/posts), newest first: responder-quejas 2024-04-02 (Quejas y
reclamos, Ana López y Carlos Ruiz), estado-del-pedido 2024-03-15 (Canales digitales),
facturacion-sin-sorpresas 2024-02-20 (Servicio al cliente), practica-hace-al-maestro
2024-01-10 (Formación y práctica).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sitebuild import copy_site

TODAY = dt.date(2024, 4, 10)
SITE_URL = "https://bitacora.example.org/"

EXTRA_POSTS = {
    "borrador-sobre-chat.md": """---
title: Borrador sobre el chat
date: 2024-04-05
authors:
  - ana-lopez
categories:
  - Canales digitales
description: Todavía no está listo.
slug: borrador-sobre-chat
draft: true
---

Texto del borrador.

<!-- more -->

Más texto.
""",
    "medir-lo-que-importa.md": """---
title: "Métricas: qué medir en atención al cliente"
date: 2024-03-01
authors:
  - carlos-ruiz
categories:
  - Métricas y calidad
description: Tres indicadores que dicen algo del servicio y uno que engaña.
---

Medir el tiempo de respuesta, la resolución al primer contacto y la satisfacción.

<!-- more -->

![Panel de indicadores](panel.png)
""",
    "post-del-futuro.md": """---
title: Un artículo programado
date: 2099-01-01
authors:
  - ana-lopez
categories:
  - Servicio al cliente
description: Aún no se publica.
slug: post-del-futuro
---

Texto programado.

<!-- more -->

Más texto.
""",
}


def make_digest_site(target: Path) -> Path:
    """Copy the site with the fixture and extra posts into `target`; return its mkdocs.yml."""
    config = copy_site(target, with_fixture_posts=True)
    posts = target / "docs" / "blog" / "posts"
    for name, text in EXTRA_POSTS.items():
        (posts / name).write_text(text, encoding="utf-8")
    (posts / "panel.png").write_bytes(_tiny_png())
    return config


def _tiny_png() -> bytes:
    import base64

    return base64.b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
    )
