"""`BitacoraPlugin`: a thin adapter from MkDocs events to the engine's stage functions."""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING, Any, cast

from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority

from bitacora.errors import BitacoraError
from bitacora.plugin import site, speed
from bitacora.plugin.config import BitacoraConfig, settings_from_mkdocs
from bitacora.plugin.related import RelatedPosts
from bitacora.plugin.reuse import ServeReuse
from bitacora.plugin.validation import (
    BackgroundCheck,
    failure_summary,
    log_findings,
    report_check,
    validate_site,
)
from bitacora.settings import Settings
from bitacora.validate import CheckMemo

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page
    from mkdocs.utils.templates import TemplateContext

__all__ = ["LAST_BUILD_STAGES", "LAST_BUILD_WORKER_MIB", "BitacoraPlugin"]

log = logging.getLogger("mkdocs.plugins.bitacora")

# Seconds each of Bitácora's own stages took in this process's last build (the benchmark
# reports them as a share of the build).
LAST_BUILD_STAGES: dict[str, float] = {}
# Peak memory (MiB) of the related lists' worker process in that build; 0 when none ran.
LAST_BUILD_WORKER_MIB = [0.0]


class _StageClock:
    """Wall time of Bitácora's own stages in one build; the speed steps are not stages.

    A plain context manager, not `contextlib.contextmanager`: that one sets `__traceback__`
    on an exception passing through it, and a `BitacoraError` is a frozen dataclass."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._stage = ""
        self._started = 0.0

    def __call__(self, stage: str) -> _StageClock:
        self._stage, self._started = stage, time.perf_counter()
        return self

    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc_info: object) -> None:
        elapsed = time.perf_counter() - self._started
        self.seconds[self._stage] = self.seconds.get(self._stage, 0.0) + elapsed


def _count_posts(files: Files, settings: Settings) -> int:
    prefix = settings.importer.posts_dir.strip("/") + "/"
    return sum(1 for f in files if f.src_uri.startswith(prefix) and f.src_uri.endswith(".md"))


class BitacoraPlugin(BasePlugin[BitacoraConfig]):
    """Engine settings from mkdocs.yml; later stages hook in through the events below."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        super().__init__()
        self.settings = Settings()
        self.is_serving = False
        self.is_dirty = False
        self.env: Environment | None = None
        self.mkdocs_config: MkDocsConfig | None = None  # for on_build_error, which has none
        self.related = RelatedPosts()  # survives `mkdocs serve` rebuilds, with its cache
        self.reuse = ServeReuse()  # pages kept between `mkdocs serve` rebuilds
        self.files: Files | None = None
        self.check_memo = CheckMemo()  # each post's findings, between serve rebuilds
        self.clock = _StageClock()
        self.pending_check: BackgroundCheck | None = None  # a large blog's, between events

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup keeps this instance (and its caches) alive across
        # `mkdocs serve` rebuilds, per mkdocs.plugins' docstring.
        self.is_serving = command == "serve"
        self.is_dirty = dirty  # `mkdocs serve --dirty` keeps the site folder as it is
        # While serving, the related cache file is written once, when the server stops.
        self.related.cache.autosave = not self.is_serving
        self.related.serving = self.is_serving

    def on_shutdown(self) -> None:
        self.related.cache.save()
        self.reuse.close()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self.mkdocs_config = config
        self.clock = _StageClock()
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
            if self.is_serving:
                self.reuse.begin(config)
        return config

    @event_priority(-100)  # last: MkDocs empties the site folder right after this event
    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        site.forget_feed_pages(config)
        if not self.is_dirty:
            self.reuse.keep_previous_output(config.site_dir)

    @event_priority(10)  # before Material's blog plugin (-50) reads the posts
    def _validate_posts(self, files: Files, *, config: MkDocsConfig) -> Files:
        if not self.config["enabled"]:
            return files
        with self.clock("validación"):
            if not self.is_serving:  # serving checks only what changed, with its memo
                posts = _count_posts(files, self.settings)
                self.pending_check = BackgroundCheck.start(
                    files, self.settings, posts, self.config["check_in_background_from"]
                )
                if self.pending_check is not None:
                    return files  # its findings are read after Material has read the posts
            memo = self.check_memo if self.is_serving else None
            checked = validate_site(files, self.settings, memo)
        if not self.is_serving:  # serving keeps its lists in memory between rebuilds
            self.related.start_warming(self.settings, checked)
        return files

    @event_priority(-55)  # after Material's blog plugin (-50) has read the posts
    def _finish_check(self, files: Files, *, config: MkDocsConfig) -> Files:
        if self.pending_check is not None:
            with self.clock("validación"):
                check, self.pending_check = self.pending_check.result(), None
                checked = report_check(check)
            self.related.start_warming(self.settings, checked)
        return files

    @event_priority(-60)  # after Material's blog plugin (-50) has listed the posts
    def _speed_up(self, files: Files, *, config: MkDocsConfig) -> Files:
        if self.config["enabled"] and self.config["fast_build"]:
            speed.speed_up_lookups(config)
        return files

    # Three handlers, three moments: MkDocs calls each at its own priority.
    on_files = CombinedEvent(_validate_posts, _finish_check, _speed_up)

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        if not self.config["enabled"]:
            return markdown
        try:
            with self.clock("relacionados"):
                self.related.collect(page, markdown, self.settings)
        except BitacoraError as error:
            raise PluginError(str(error)) from None
        with self.clock("metadatos y portada"):
            site.default_updated_date(page, self.settings.importer.posts_dir)
            return site.add_author_bio(markdown, page, config)

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        self.env = env  # the home page's partials render with Material's filters
        self.files = files
        self.reuse.prepare_env(env)
        if self.config["enabled"] and self.config["fast_build"]:
            speed.freeze_heap()
            speed.speed_up_rendering(env, config, files, self.reuse.excerpt_memo(files))
        if self.config["enabled"]:
            # Every page has been read and none rendered: the one moment all posts are known.
            try:
                with self.clock("relacionados"):
                    self.related.compute(self.settings)
            except BitacoraError as error:
                raise PluginError(str(error)) from None
        if self.config["enabled"] and site.is_search_enabled(config):
            # A global, not page context: 404.html has no page, and searches all the same.
            env.globals["bitacora_search_worker"] = site.SEARCH_WORKER_PATH
            env.globals["bitacora_search_highlight"] = site.SEARCH_HIGHLIGHT_PATH
        return env

    def _page_data(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        if not self.config["enabled"]:
            return context
        extra = cast("dict[str, Any]", context)  # TemplateContext declares MkDocs' keys only
        with self.clock("metadatos y portada"):
            extra["bitacora_seo"] = site.seo_for_page(page, config, self.settings.site)
        with self.clock("relacionados"):
            extra["bitacora_related"] = self.related.for_page(page, config)
        if page.is_homepage and self.env is not None and page.content:
            with self.clock("metadatos y portada"):
                page.content = site.render_home(
                    page.content, dict(context), self.env, config, self.settings.site.latest_posts
                )
        return context

    @event_priority(-200)  # after Material's blog (-100) has put the listing in the context
    def _reuse_page(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        if self.reuse.active and self.env is not None:
            self.reuse.fingerprint(context, page, config, self.files)
            template = self.env.get_template(page.meta.get("template", "main.html"))
            template.render = self.reuse.reusing(template.render)  # type: ignore[method-assign]
        return context

    on_page_context = CombinedEvent(_page_data, _reuse_page)

    @event_priority(-100)  # after every other plugin has seen the page
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if self.config["enabled"] and self.config["fast_build"]:
            speed.release_page(page)
        return output

    def _undo_build(self, *, error: Exception) -> None:
        speed.thaw_heap()
        self.reuse.end()
        if self.mkdocs_config is not None:
            speed.uninstall(self.mkdocs_config)  # a failed build must not leave Material patched

    @event_priority(-100)  # last: it may replace the error every other plugin has seen
    def _report_pending_check(self, *, error: Exception) -> None:
        """A build that stopped while its posts were checked in the background.

        Material stops at the first post it cannot read, with an English message and no
        line; the check's findings say what is wrong with every post, where, and how to fix
        it. When there are any, they are the report, as when the check runs first.
        """
        if self.pending_check is None:
            return
        check, self.pending_check = self.pending_check.result(), None
        if not check.errors:
            return
        log_findings(check)
        log.error(failure_summary(check))
        log.debug(f"bitacora: el error que detuvo la construcción: {error}")
        raise Abort("Aborted with a BuildError!")

    on_build_error = CombinedEvent(_undo_build, _report_pending_check)

    @event_priority(50)  # before the search plugin (0) writes its index
    def _compact_search(self, *, config: MkDocsConfig) -> None:
        if self.config["enabled"] and site.is_search_enabled(config):
            with self.clock("búsqueda y robots.txt"):
                speed.compact_search(
                    site.search_plugin(config),
                    config,
                    self.config["search_compact_from"],
                    self.config["search_text_max"],
                )

    @event_priority(-100)  # after the search plugin has written its index
    def _finish_build(self, *, config: MkDocsConfig) -> None:
        speed.uninstall(config)
        if self.reuse.active:
            self.reuse.end()
            if self.files is not None:
                self.reuse.forget_missing(self.files)
            log.info(f"bitacora: {self.reuse.summary()}")
            self.reuse.settle_heap()  # thaws, collects and freezes again once the page is shown
        else:
            speed.thaw_heap()
        if not self.config["enabled"]:
            return
        with self.clock("búsqueda y robots.txt"):
            site.write_search_worker(config)
            site.write_robots(config)
        LAST_BUILD_STAGES.clear()
        LAST_BUILD_STAGES.update(self.clock.seconds)
        LAST_BUILD_WORKER_MIB[0] = self.related.worker_peak_mib

    on_post_build = CombinedEvent(_compact_search, _finish_build)
