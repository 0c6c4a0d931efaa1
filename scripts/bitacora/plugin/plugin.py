"""`BitacoraPlugin`: a thin adapter from MkDocs events to the engine's stage functions."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, cast

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority

from bitacora.errors import BitacoraError
from bitacora.plugin import site, speed
from bitacora.plugin.config import BitacoraConfig, settings_from_mkdocs
from bitacora.plugin.related import RelatedPosts
from bitacora.plugin.validation import validate_site
from bitacora.settings import Settings

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page
    from mkdocs.utils.templates import TemplateContext

__all__ = ["BitacoraPlugin"]

log = logging.getLogger("mkdocs.plugins.bitacora")


class BitacoraPlugin(BasePlugin[BitacoraConfig]):
    """Engine settings from mkdocs.yml; later stages hook in through the events below."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        super().__init__()
        self.settings = Settings()
        self.is_serving = False
        self.env: Environment | None = None
        self.mkdocs_config: MkDocsConfig | None = None  # for on_build_error, which has none
        self.related = RelatedPosts()  # survives `mkdocs serve` rebuilds, with its cache

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup keeps this instance (and its caches) alive across
        # `mkdocs serve` rebuilds, per mkdocs.plugins' docstring.
        self.is_serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self.mkdocs_config = config
        if not self.config["enabled"]:
            return config
        try:
            self.settings = settings_from_mkdocs(config, self.config)
        except BitacoraError as error:
            raise PluginError(str(error)) from None
        site.check_search(config)
        self.related.start_build(config)
        if self.config["fast_build"]:
            speed.speed_up_reading()  # before the blog plugin reads the posts in on_files
        return config

    @event_priority(10)  # before Material's blog plugin (-50) reads the posts
    def _validate_posts(self, files: Files, *, config: MkDocsConfig) -> Files:
        if self.config["enabled"]:
            validate_site(files, self.settings)
        return files

    @event_priority(-60)  # after Material's blog plugin (-50) has listed the posts
    def _speed_up(self, files: Files, *, config: MkDocsConfig) -> Files:
        if self.config["enabled"] and self.config["fast_build"]:
            speed.speed_up_lookups(config)
        return files

    # Two handlers, two moments: MkDocs calls each at its own priority.
    on_files = CombinedEvent(_validate_posts, _speed_up)

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        if not self.config["enabled"]:
            return markdown
        try:
            self.related.collect(page, markdown, self.settings)
        except BitacoraError as error:
            raise PluginError(str(error)) from None
        site.default_updated_date(page, self.settings.importer.posts_dir)
        return site.add_author_bio(markdown, page, config)

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        self.env = env  # the home page's partials render with Material's filters
        if self.config["enabled"] and self.config["fast_build"]:
            speed.speed_up_rendering(env, config, files)
        if self.config["enabled"]:
            # Every page has been read and none rendered: the one moment all posts are known.
            try:
                self.related.compute(self.settings)
            except BitacoraError as error:
                raise PluginError(str(error)) from None
        if self.config["enabled"] and site.is_search_enabled(config):
            # A global, not page context: 404.html has no page, and searches all the same.
            env.globals["bitacora_search_worker"] = site.SEARCH_WORKER_PATH
            env.globals["bitacora_search_highlight"] = site.SEARCH_HIGHLIGHT_PATH
        return env

    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        if not self.config["enabled"]:
            return context
        extra = cast("dict[str, Any]", context)  # TemplateContext declares MkDocs' keys only
        extra["bitacora_seo"] = site.seo_for_page(page, config, self.settings.site)
        extra["bitacora_related"] = self.related.for_page(page, config)
        if page.is_homepage and self.env is not None and page.content:
            page.content = site.render_home(
                page.content, dict(context), self.env, config, self.settings.site.latest_posts
            )
        return context

    @event_priority(-100)  # after every other plugin has seen the page
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if self.config["enabled"] and self.config["fast_build"]:
            speed.release_page(page)
        return output

    def on_build_error(self, *, error: Exception) -> None:
        if self.mkdocs_config is not None:
            speed.uninstall(self.mkdocs_config)  # a failed build must not leave Material patched

    @event_priority(-100)  # after the search plugin has written its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        speed.uninstall(config)
        if not self.config["enabled"]:
            return
        site.write_search_worker(config)
        site.write_robots(config)
        if site.is_search_enabled(config):
            speed.compact_search(
                config, self.config["search_compact_from"], self.config["search_text_max"]
            )
