"""The `plugins: - bitacora:` block of mkdocs.yml: declared, validated, turned into `Settings`.

Defaults come from `bitacora.settings` only. The CLI loads mkdocs.yml through MkDocs'
own loader and calls `settings_from_mkdocs`, so the site and the CLI read one config.
"""

from __future__ import annotations

import logging
import re
import string
from dataclasses import fields
from email.headerregistry import Address
from email.utils import parseaddr
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.config import base
from mkdocs.config import config_options as c

from bitacora.errors import BitacoraError
from bitacora.settings import (
    DEFAULT_CATEGORIES,
    BlogSettings,
    DigestSettings,
    ImportSettings,
    RelatedSettings,
    SearchIndexSettings,
    Settings,
    SiteSettings,
)

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

__all__ = ["BitacoraConfig", "load_settings", "settings_from_mkdocs"]

_IMPORT = ImportSettings()
_RELATED = RelatedSettings()
_DIGEST = DigestSettings()
_SITE = SiteSettings()
_SEARCH_INDEX = SearchIndexSettings()


class Bounded(c.Type):
    """A number with limits; a float option also takes a whole number (`min_score: 0`)."""

    def __init__(
        self,
        kind: type[int] | type[float],
        default: float,
        minimum: float | None = None,
        maximum: float | None = None,
    ) -> None:
        super().__init__((int, float) if kind is float else kind, default=default)
        self.kind, self.minimum, self.maximum = kind, minimum, maximum

    def run_validation(self, value: object) -> Any:
        if isinstance(value, bool):
            raise base.ValidationError(f"se esperaba un número, no {value}")
        number = self.kind(super().run_validation(value))
        if self.minimum is not None and number < self.minimum:
            raise base.ValidationError(f"debe ser {self.minimum} o más (es {number})")
        if self.maximum is not None and number > self.maximum:
            raise base.ValidationError(f"debe ser {self.maximum} o menos (es {number})")
        return number


class Template(c.Type):
    """A text with `{placeholders}`: only the named ones, and the required ones present."""

    def __init__(self, default: str, allowed: tuple[str, ...], required: tuple[str, ...] = ()):
        super().__init__(str, default=default)
        self.known, self.needed = allowed, required

    def run_validation(self, value: object) -> Any:
        text = super().run_validation(value)
        try:
            names = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
        except ValueError:
            raise base.ValidationError(
                f"«{text}» tiene una llave sin cerrar; escribe {{{{ o }}}} para una llave literal"
            ) from None
        allowed = ", ".join(f"{{{name}}}" for name in self.known)
        for name in sorted(names):
            if name not in self.known:
                raise base.ValidationError(
                    f"«{{{name}}}» no es un dato conocido en «{text}»; usa {allowed}"
                )
        for name in self.needed:
            if name not in names:
                raise base.ValidationError(
                    f"«{text}» debe contener {{{name}}}, que se sustituye en cada envío"
                )
        return text


class UnsubscribeUrl(Template):
    """The unsubscribe link template: an absolute https/http or mailto URL with {email}."""

    def run_validation(self, value: object) -> Any:
        text = super().run_validation(value)
        sample = text.format(site_url="https://example.org/", email="ana%40example.org")
        if not re.match(r"^(https?://[^/\s]+|mailto:[^\s@]+@[^\s@]+)", sample):
            raise base.ValidationError(
                f"«{text}» no da un enlace absoluto; empieza por {{site_url}}, https:// o mailto:"
            )
        return text


class MailAddress(c.Type):
    """A sender such as `Bitácora <boletin@example.org>`: one address with a domain."""

    def __init__(self, default: str) -> None:
        super().__init__(str, default=default)

    def run_validation(self, value: object) -> Any:
        text = super().run_validation(value)
        name, address = parseaddr(text)
        local, _, domain = address.rpartition("@")
        if not local or "." not in domain or any(ch.isspace() for ch in address):
            raise base.ValidationError(
                f"«{text}» no es una dirección de correo; escribe, por ejemplo, "
                "«Bitácora <boletin@tu-dominio.org>»"
            )
        try:
            Address(display_name=name, addr_spec=address)
        except (ValueError, IndexError) as error:
            raise base.ValidationError(f"«{text}» no es una dirección válida ({error})") from None
        return text


class BitacoraConfig(base.Config):
    """Options grouped by prefix, one group per stage (as Material's blog config does)."""

    enabled = c.Type(bool, default=True)
    # Faster builds of large blogs, same output (plugin/speed.py); false to compare.
    fast_build = c.Type(bool, default=True)
    # Large blogs: posts' search entries shortened from this many posts on (0: never).
    search_compact_from = Bounded(int, _SEARCH_INDEX.compact_from, 0)
    search_text_max = Bounded(int, _SEARCH_INDEX.text_max, 50, 5000)
    # Large blogs: posts checked on a second core, while Material reads them, from this many
    # posts on (0: never; `mkdocs serve` checks in its own process, remembering each post).
    check_in_background_from = Bounded(int, 200, 0)

    # Importer and taxonomy
    category_keywords = c.Type(dict, default={})
    # Search engines show about 160 characters of a description; fewer than 50 say nothing.
    import_description_max = Bounded(int, _IMPORT.description_max, 50, 300)
    import_tags_min = Bounded(int, _IMPORT.tags_min, 1, 20)
    import_tags_max = Bounded(int, _IMPORT.tags_max, 1, 20)
    import_categories_max = Bounded(int, _IMPORT.categories_max, 1, 5)
    import_noise_file = c.Optional(c.Type(str))

    # Related articles: a score is a cosine similarity, so it lies between 0 and 1.
    related_k = Bounded(int, _RELATED.k, 1, 20)
    related_min_score = Bounded(float, _RELATED.min_score, 0, 1)
    related_weight_title = Bounded(float, _RELATED.weight_title, 0)
    related_weight_headings = Bounded(float, _RELATED.weight_headings, 0)
    related_weight_tags = Bounded(float, _RELATED.weight_tags, 0)
    related_weight_categories = Bounded(float, _RELATED.weight_categories, 0)
    related_weight_body = Bounded(float, _RELATED.weight_body, 0)

    # Newsletter digest
    digest_subject = Template(_DIGEST.subject, ("site_name", "date"))
    digest_intro = c.Type(str, default=_DIGEST.intro)
    digest_sender = MailAddress(_DIGEST.sender)
    digest_unsubscribe_url = UnsubscribeUrl(
        _DIGEST.unsubscribe_url, ("site_url", "email"), required=("email",)
    )
    digest_days = Bounded(int, _DIGEST.days, 1, 36500)
    digest_out_dir = c.Type(str, default=_DIGEST.out_dir)

    # The site as readers see it: home page, sharing and search engines
    site_latest_posts = Bounded(int, _SITE.latest_posts, 0, 50)
    site_og_image = c.Type(str, default=_SITE.og_image)
    site_locale = c.Type(str, default=_SITE.locale)


def _group(prefix: str, cls: type, options: Any) -> Any:
    values = {}
    for item in fields(cls):
        key = f"{prefix}_{item.name}"
        if key in options:
            values[item.name] = options[key]
    return cls(**values)


def _blog_settings(config: MkDocsConfig) -> BlogSettings:
    """The blog plugin's URL and read-time options, so the digest links posts as the site does."""
    defaults = BlogSettings()
    theme = config.get("theme")
    language = (theme.get("language") if theme is not None else None) or defaults.language
    values: dict[str, Any] = {
        "use_directory_urls": bool(config.get("use_directory_urls", True)),
        "language": str(language),
    }
    for name in ("material/blog", "blog"):
        plugin = config.plugins.get(name)
        if plugin is not None:
            options = plugin.config
            values["blog_dir"] = str(options.get("blog_dir") or defaults.blog_dir)
            values["post_url_format"] = str(
                options.get("post_url_format") or defaults.post_url_format
            )
            values["post_url_date_format"] = str(
                options.get("post_url_date_format") or defaults.post_url_date_format
            )
            values["readtime_words_per_minute"] = int(
                options.get("post_readtime_words_per_minute") or defaults.readtime_words_per_minute
            )
            values["post_url_max_categories"] = int(
                options.get("post_url_max_categories") or defaults.post_url_max_categories
            )
            for key in ("post_slugify", "categories_slugify"):
                if callable(options.get(key)):
                    values[key] = options[key]
            for key in ("post_slugify_separator", "categories_slugify_separator"):
                if isinstance(options.get(key), str):
                    values[key] = options[key]
            break
    return BlogSettings(**values)


def _blog_categories(config: MkDocsConfig) -> tuple[str, ...]:
    for name in ("material/blog", "blog"):
        plugin = config.plugins.get(name)
        if plugin is not None:
            allowed = plugin.config.get("categories_allowed") or []
            return tuple(str(c) for c in allowed) or DEFAULT_CATEGORIES
    return DEFAULT_CATEGORIES


def _category_keywords(
    raw: dict[str, Any], allowed: tuple[str, ...], config_file: str | None
) -> dict[str, tuple[str, ...]]:
    keywords: dict[str, tuple[str, ...]] = {}
    for name, words in raw.items():
        if name not in allowed:
            raise BitacoraError(
                config_file,
                None,
                f"category_keywords nombra la categoría «{name}», que no está en "
                "categories_allowed",
                "añádela a categories_allowed del plugin blog o corrige el nombre",
            )
        keywords[name] = tuple(str(w) for w in (words or []))
    return keywords


def _relative_to_config(path: str | None, config: MkDocsConfig) -> str | None:
    """A path written in mkdocs.yml is relative to mkdocs.yml, wherever the command runs."""
    if not path or not config.get("config_file_path"):
        return path
    return str(Path(config["config_file_path"]).parent / path)


def settings_from_mkdocs(config: MkDocsConfig, options: Any | None = None) -> Settings:
    """Engine settings from a loaded MkDocs config (and this plugin's validated options)."""
    if options is None:
        plugin = config.plugins.get("bitacora")
        options = plugin.config if plugin is not None else BitacoraConfig()
    allowed = _blog_categories(config)
    if options["import_tags_min"] > options["import_tags_max"]:
        raise BitacoraError(
            config.get("config_file_path"),
            None,
            f"import_tags_min ({options['import_tags_min']}) es mayor que import_tags_max "
            f"({options['import_tags_max']})",
            "haz que el mínimo de etiquetas no supere al máximo",
        )
    importer = ImportSettings(
        description_max=options["import_description_max"],
        tags_min=options["import_tags_min"],
        tags_max=options["import_tags_max"],
        categories_max=options["import_categories_max"],
        noise_file=_relative_to_config(options["import_noise_file"], config),
    )
    return Settings(
        docs_dir=Path(config["docs_dir"]),
        site_name=config["site_name"],
        site_url=config.get("site_url") or None,
        categories_allowed=allowed,
        category_keywords=_category_keywords(
            options["category_keywords"], allowed, config.get("config_file_path")
        ),
        importer=importer,
        related=_group("related", RelatedSettings, options),
        digest=_group("digest", DigestSettings, options),
        blog=_blog_settings(config),
        site=_group("site", SiteSettings, options),
    )


def load_settings(config_file: str | Path = "mkdocs.yml") -> Settings:
    """Load mkdocs.yml the way `mkdocs build` does and return Bitácora's settings."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    path = Path(config_file)
    if not path.is_file():
        raise BitacoraError(
            path,
            None,
            "no se encuentra el archivo de configuración",
            "ejecuta la orden en la carpeta del sitio o indica --config-file",
        )
    # MkDocs logs each config problem, then raises a bare "Aborted…": collect the log lines
    # so the one error the CLI prints says what is wrong.
    collector = _ConfigProblems()
    config_log = logging.getLogger("mkdocs.config")
    config_log.addHandler(collector)
    previous_propagate, config_log.propagate = config_log.propagate, False
    try:
        config = load_config(str(path))
    except (ConfigurationError, Abort) as error:
        problems = "; ".join(collector.messages) or str(error)
        raise BitacoraError(
            path,
            collector.line,
            f"la configuración de MkDocs no es válida: {problems}",
            "corrige mkdocs.yml (mkdocs build muestra el mismo error)",
        ) from None
    finally:
        config_log.removeHandler(collector)
        config_log.propagate = previous_propagate
    for warning in collector.warnings:
        logging.getLogger("bitacora").warning(warning)
    return settings_from_mkdocs(config)


class _ConfigProblems(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []
        self.warnings: list[str] = []
        self.line: int | None = None

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        target = self.messages if record.levelno >= logging.ERROR else self.warnings
        target.append(message)
        found = re.search(r"line (\d+)", message)
        if found and self.line is None:
            self.line = int(found.group(1))
