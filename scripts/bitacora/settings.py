"""Every engine default, in one place, as frozen dataclasses.

`plugin/config.py` declares the `plugins: - bitacora:` options of mkdocs.yml with these
defaults and turns the validated block into a `Settings`; the CLI reads the same block
through the same class, so `mkdocs build` and `bitacora …` never disagree.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "DEFAULT_CATEGORIES",
    "BlogSettings",
    "DigestSettings",
    "ImportSettings",
    "RelatedSettings",
    "SearchIndexSettings",
    "Settings",
    "SiteSettings",
]

# Only used when a site declares no `categories_allowed` (tests, bare configs): the real
# list is declared once, in mkdocs.yml, under the blog plugin.
DEFAULT_CATEGORIES: tuple[str, ...] = ("Servicio al cliente",)


@dataclass(frozen=True)
class ImportSettings:
    posts_dir: str = "blog/posts"  # relative to docs_dir
    sources_dir: str = ".fuentes"  # relative to docs_dir; a dot-folder, so MkDocs skips it
    authors_file: str = "blog/.authors.yml"  # relative to docs_dir
    description_max: int = 160  # what search engines show before cutting
    tags_min: int = 3
    tags_max: int = 6
    categories_max: int = 2
    # Extra noise rules a site adds on top of the packaged rules/noise.yml.
    noise_file: str | None = None


@dataclass(frozen=True)
class RelatedSettings:
    k: int = 4
    min_score: float = 0.08
    weight_title: float = 3.0
    weight_headings: float = 2.0
    weight_tags: float = 2.5
    weight_categories: float = 1.5
    weight_body: float = 1.0


@dataclass(frozen=True)
class DigestSettings:
    # {site_name} and {date} (the digest's date, "23 de noviembre de 2026") are filled in.
    subject: str = "Boletín de {site_name}: {date}"
    intro: str = "Estos son los artículos publicados recientemente."
    sender: str = "Bitácora <boletin@example.org>"
    # {site_url} and {email} (URL-encoded) are filled in per subscriber.
    unsubscribe_url: str = "{site_url}baja/?email={email}"
    days: int = 30
    out_dir: str = "boletin"  # relative to docs_dir: the web archive lives on the site


def _material_slugify(text: str, separator: str) -> str:
    """Material's default post and category slugify: pymdownx's, lowercase, accents kept."""
    from pymdownx.slugs import slugify

    return str(slugify(case="lower")(text, separator))


@dataclass(frozen=True)
class BlogSettings:
    """What the digest needs of Material's blog plugin to link posts as the site does.

    Not Bitácora options: read from the `blog` plugin block and the theme in mkdocs.yml
    (the slugify functions are the very callables that block configures).
    """

    blog_dir: str = "blog"
    post_url_format: str = "{date}/{slug}"
    post_url_date_format: str = "yyyy"
    post_url_max_categories: int = 1
    post_slugify: Callable[[str, str], str] = _material_slugify
    post_slugify_separator: str = "-"
    categories_slugify: Callable[[str, str], str] = _material_slugify
    categories_slugify_separator: str = "-"
    readtime_words_per_minute: int = 265  # Material's default
    use_directory_urls: bool = True
    language: str = "es"


@dataclass(frozen=True)
class SearchIndexSettings:
    # From this many posts on, a post's search entry keeps its title, tags, headings and the
    # first `text_max` characters (search_index.py): ~0.1 KiB per post gzipped, not ~0.5–2.
    compact_from: int = 1000
    text_max: int = 300


@dataclass(frozen=True)
class SiteSettings:
    latest_posts: int = 6  # articles listed on the home page
    og_image: str = "assets/og.png"  # relative to docs_dir: the picture shared links show
    locale: str = "es_ES"  # og:locale


@dataclass(frozen=True)
class Settings:
    docs_dir: Path = Path("docs")
    site_name: str = "Bitácora"
    site_url: str | None = None
    categories_allowed: tuple[str, ...] = DEFAULT_CATEGORIES
    # Words that point an article to a category, keyed by names from categories_allowed.
    category_keywords: dict[str, tuple[str, ...]] = field(default_factory=dict)
    importer: ImportSettings = field(default_factory=ImportSettings)
    related: RelatedSettings = field(default_factory=RelatedSettings)
    digest: DigestSettings = field(default_factory=DigestSettings)
    blog: BlogSettings = field(default_factory=BlogSettings)
    site: SiteSettings = field(default_factory=SiteSettings)

    @property
    def posts_dir(self) -> Path:
        return self.docs_dir / self.importer.posts_dir

    @property
    def sources_dir(self) -> Path:
        return self.docs_dir / self.importer.sources_dir

    @property
    def authors_file(self) -> Path:
        return self.docs_dir / self.importer.authors_file
