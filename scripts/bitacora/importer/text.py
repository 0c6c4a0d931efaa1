"""Plain-text articles (copied from web pages): clean → metadata → privacy → structure.

Input: a decoded `RawSource`. Output: an `Article` whose every dropped line is reported.
"""

from __future__ import annotations

from bitacora.errors import BitacoraError
from bitacora.importer.article import ABOUT_AUTHOR, Article, describe
from bitacora.importer.clean import clean_lines
from bitacora.importer.metadata import extract_metadata
from bitacora.importer.privacy import redact_personal_data, redact_text
from bitacora.importer.read import RawSource
from bitacora.importer.rules import NoiseRules
from bitacora.importer.structure import escape_markdown, structure_body

__all__ = ["parse_text_article"]


def parse_text_article(raw: RawSource, rules: NoiseRules) -> Article:
    """Turn the text of a copied web page into an article."""
    cleaned = clean_lines(raw.text, rules)
    meta = extract_metadata(cleaned.lines, cleaned.hints)
    body_lines, privacy_removals = redact_personal_data(meta.body)
    body = structure_body(body_lines, meta.headings)
    if meta.bio:
        bio_lines, bio_removals = redact_personal_data(
            [line for line in cleaned.lines if line.text == meta.bio]
        )
        privacy_removals += bio_removals
        if bio_lines:
            body += f"\n## {ABOUT_AUTHOR}\n\n{escape_markdown(bio_lines[0].text)}\n"
    if not body_lines:
        raise BitacoraError(
            raw.path,
            None,
            (
                f"no queda texto del artículo después de quitar {len(cleaned.removals)} líneas "
                "de ruido de la página"
                if cleaned.removals
                else "el archivo no tiene el texto de un artículo, solo un título o una línea"
            ),
            "comprueba que el archivo contiene el artículo; si una regla de ruido quita texto "
            "bueno, ajústala en el archivo de reglas (import_noise_file)",
        )
    warnings = list(meta.warnings)
    return Article(
        title=meta.title,
        body=body,
        date=meta.date,
        updated=meta.updated,
        authors=meta.authors,
        source=meta.source,
        # Bounded and redacted like a page's meta description.
        description=describe(redact_text(meta.description)[0]) if meta.description else "",
        categories=tuple(meta.categories),
        tags=tuple(meta.tags),
        removals=sorted(cleaned.removals + meta.removals + privacy_removals, key=lambda r: r.line),
        derived=meta.derived,
        warnings=warnings,
    )
