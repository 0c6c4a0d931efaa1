"""Front-matter checks: required keys, types, dates, categories, authors, description, typos.

Input: a `PostFile`. Output: errors (and notices for drafts) in its context, each on the line
of the key or list item at fault, with the closest valid value suggested.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import yaml
from slugify import slugify

from bitacora.errors import BitacoraError, closest
from bitacora.posts import FRONT_MATTER_KEYS, MATERIAL_KEYS, parse_date
from bitacora.validate.context import PostFile, display_path, is_blank, node_line

__all__ = ["KNOWN_KEYS", "REQUIRED_KEYS", "FrontMatterChecks"]

REQUIRED_KEYS: tuple[str, ...] = ("title", "date", "authors", "categories", "description")
# Bitácora's keys, Material's page and post keys (pin, links, readtime…) and MkDocs' own.
KNOWN_KEYS: tuple[str, ...] = (*FRONT_MATTER_KEYS, *MATERIAL_KEYS)
_DATE_KEYS = ("created", "updated")  # `date:` may be a map, as Material allows
_LIST_KEYS = ("authors", "categories", "tags")
_TYPES: dict[str, tuple[type, str]] = {
    "draft": (bool, "true o false"),
    "pin": (bool, "true o false"),
    "readtime": (int, "un número entero de minutos"),
    "slug": (str, "un texto como mi-articulo"),
}

_REQUIRED_FIX = {
    "title": "añade «title: Título del artículo»",
    "date": "añade la fecha de publicación, por ejemplo «date: 2024-03-15»",
    "authors": "añade «authors:» y debajo «  - clave-del-autor» (de .authors.yml)",
    "categories": "añade «categories:» y debajo «  - Categoría» (de categories_allowed en "
    "mkdocs.yml)",
    "description": "añade «description:» con una frase que resuma el artículo (máx. {limit} "
    "caracteres)",
}


class FrontMatterChecks(PostFile):
    """The front-matter half of a post's checks."""

    def check_front_matter(self) -> None:
        renamed = self.check_unknown_keys()
        self.check_required(renamed)
        self.check_types()
        self.check_dates()
        self.check_categories()
        self.check_authors()
        self.check_slug()
        self.check_description()

    def check_unknown_keys(self) -> set[str]:
        """Report keys nobody reads; returns the known keys they were probably meant to be."""
        meant = set()
        for key in self.data:
            if str(key) in KNOWN_KEYS:
                continue
            guess = closest(str(key), KNOWN_KEYS)
            fix = f"¿querías decir «{guess}»?" if guess else "bórrala o corrige su nombre"
            if guess:
                meant.add(guess)
            self.error(self.line_of(str(key)), f"la clave «{key}» no se reconoce", fix)
        date_node = self.nodes.get("date")
        if isinstance(date_node, yaml.MappingNode):
            for key_node, _ in date_node.value:
                if key_node.value not in _DATE_KEYS:
                    guess = closest(str(key_node.value), _DATE_KEYS)
                    self.error(
                        node_line(key_node),
                        f"la clave «date.{key_node.value}» no se reconoce",
                        f"¿querías decir «{guess}»?" if guess else "usa «created» y «updated»",
                    )
        return meant

    def check_required(self, renamed: set[str]) -> None:
        closing = self.front.body_line - 1  # the closing «---»: add missing keys above it
        for key in REQUIRED_KEYS:
            if key in renamed or not is_blank(self.data.get(key)):
                continue
            if key == "description" and self.is_draft:
                self.notice(
                    self.line_of(key) if key in self.data else closing,
                    "el borrador aún no tiene descripción",
                    "escribe en «description:» una frase de hasta "
                    f"{self.ctx.settings.importer.description_max} caracteres antes de quitar "
                    "«draft: true»",
                )
                continue
            line = self.line_of(key) if key in self.data else closing
            fix = _REQUIRED_FIX[key].format(limit=self.ctx.settings.importer.description_max)
            self.error(line, f"falta el campo obligatorio «{key}»", fix)

    def check_types(self) -> None:
        for key in _LIST_KEYS:
            value = self.data.get(key)
            if is_blank(value):
                continue
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                self.error(
                    self.line_of(key),
                    f"«{key}» debe ser una lista de textos",
                    f"escribe cada valor en su línea: «{key}:» y debajo «  - valor»",
                )
                continue
            seen: set[str] = set()
            for item, node in zip(value, self.items(key), strict=False):
                if item in seen:
                    self.error(node_line(node), f"«{item}» está repetido en «{key}»", "bórralo")
                seen.add(item)
        for key, (kind, wanted) in _TYPES.items():
            value = self.data.get(key)
            if value is not None and not (
                isinstance(value, kind) and not (kind is int and isinstance(value, bool))
            ):
                self.error(self.line_of(key), f"«{key}: {value}» no es válido", f"usa {wanted}")
        related = self.data.get("related")
        if not isinstance(related, bool | None) and (
            not isinstance(related, list) or not all(isinstance(v, str) for v in related)
        ):
            self.error(
                self.line_of("related"),
                "«related» debe ser false o una lista de posts",
                "escribe «related: false» o una lista de slugs o rutas de posts",
            )

    def _items(self, key: str) -> list[yaml.Node]:
        node = self.nodes.get(key)
        return list(node.value) if isinstance(node, yaml.SequenceNode) else []

    def check_dates(self) -> None:
        value = self.data.get("date")
        if not is_blank(value):
            if isinstance(value, dict):
                node = self.nodes["date"]
                for key_node, value_node in (
                    node.value if isinstance(node, yaml.MappingNode) else []
                ):
                    if key_node.value in _DATE_KEYS:
                        self._parse_date(value[key_node.value], node_line(value_node), "date")
                if "created" not in value:
                    self.error(
                        self.line_of("date"),
                        "a «date» le falta «created»",
                        "añade «created: AAAA-MM-DD» debajo de «date:»",
                    )
            else:
                self._parse_date(value, self.line_of("date"), "date")
        if self.data.get("updated") is not None:
            self._parse_date(self.data["updated"], self.line_of("updated"), "updated")
        self._check_update_order(value)

    def _check_update_order(self, value: Any) -> None:
        """An update before the publication: one of the two dates is mistyped (the page
        and its search-engine data would say it was changed before it existed)."""
        nested = value if isinstance(value, dict) else {}
        created = nested.get("created", value if not nested else None)
        updated = nested.get("updated", self.data.get("updated"))
        try:
            published = parse_date(created, self.shown, 1, "date")
            changed = parse_date(updated, self.shown, 1, "updated")
        except BitacoraError:
            return  # a missing or unreadable date: reported on its own line
        if changed < published:
            line = self.line_of("updated") if "updated" in self.data else self.line_of("date")
            self.error(
                line,
                f"la fecha de actualización ({changed.isoformat()}) es anterior a la de "
                f"publicación ({published.isoformat()})",
                "corrige la que esté mal escrita, o quita «updated» si el artículo no ha cambiado",
            )

    def _parse_date(self, value: Any, line: int, key: str) -> None:
        try:
            parsed = parse_date(value, self.shown, line, key)
        except BitacoraError as error:
            # "20/05/2023", "15 de marzo de 2024": say how to write that very date. (Imported
            # here: the importer's package loads trafilatura, a quarter second every check.)
            from bitacora.importer.dates import parse_spanish_date

            meant = parse_spanish_date(str(value)) if isinstance(value, str) else None
            if meant is not None:
                error = replace(error, fix=f"escríbela así: «{key}: {meant[0].isoformat()}»")
            self.ctx.errors.append(error)
            return
        if isinstance(value, str):
            # YAML reads 2024-03-05 as a date, but "2024-3-5", '2024-03-05' or a time
            # without seconds as text: Material's blog stops on a date that is text.
            self.error(
                line,
                f"la fecha «{value}» de «{key}» está escrita como texto",
                f"escríbela sin comillas, con dos cifras para el mes y el día: "
                f"«{key}: {parsed.isoformat()}»",
            )

    def check_categories(self) -> None:
        allowed = self.ctx.settings.categories_allowed
        value = self.data.get("categories")
        if not isinstance(value, list):
            return
        for item, node in zip(value, self.items("categories"), strict=False):
            if not isinstance(item, str) or item in allowed:
                continue
            guess = closest(item, allowed)
            fix = f"usa «{guess}»" if guess else "usa una de: " + ", ".join(allowed)
            self.error(
                node_line(node),
                f"la categoría «{item}» no está permitida",
                f"{fix} (categories_allowed en mkdocs.yml)",
            )

    def check_authors(self) -> None:
        keys = self.ctx.author_keys
        value = self.data.get("authors")
        if keys is None or not isinstance(value, list):
            return
        authors_file = display_path(self.ctx.settings.authors_file)
        for item, node in zip(value, self.items("authors"), strict=False):
            if not isinstance(item, str) or item in keys:
                continue
            guess = closest(item, keys) or closest(slugify(item), keys)
            fix = f"usa «{guess}» o añade" if guess else "añade"
            self.error(
                node_line(node),
                f"el autor «{item}» no está en {authors_file}",
                f"{fix} «{slugify(item)}:» con name, description y avatar en {authors_file}",
            )

    def check_slug(self) -> None:
        """A slug is the end of the post's address: no spaces, accents or capitals."""
        slug = self.data.get("slug")
        if isinstance(slug, str) and slug.strip() and slug != slugify(slug):
            self.error(
                self.line_of("slug"),
                f"el slug «{slug}» no sirve como dirección (espacios, tildes o mayúsculas)",
                f"escribe «slug: {slugify(slug)}»",
            )

    def check_description(self) -> None:
        value = self.data.get("description")
        limit = self.ctx.settings.importer.description_max
        if isinstance(value, str) and len(value.strip()) > limit:
            self.error(
                self.line_of("description"),
                f"la descripción tiene {len(value.strip())} caracteres (máximo {limit}); "
                "los buscadores la cortarían",
                f"resúmela en {limit} caracteres o menos",
            )
        elif value is not None and not isinstance(value, str):
            self.error(
                self.line_of("description"), "«description» debe ser un texto", "escribe una frase"
            )
        title = self.data.get("title")
        if isinstance(title, list | dict):
            self.error(
                self.line_of("title"),
                "«title» debe ser un texto",
                "escribe el título en una línea; si lleva «:» o empieza por «[», ponlo entre "
                "comillas",
            )
