"""`BitacoraPlugin`: a thin adapter from MkDocs events to the engine's stage functions."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from bitacora.errors import BitacoraError
from bitacora.plugin.config import BitacoraConfig, settings_from_mkdocs
from bitacora.settings import Settings

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

__all__ = ["BitacoraPlugin"]

log = logging.getLogger("mkdocs.plugins.bitacora")


class BitacoraPlugin(BasePlugin[BitacoraConfig]):
    """Engine settings from mkdocs.yml; later stages hook in through the events below."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        super().__init__()
        self.settings = Settings()
        self.is_serving = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup keeps this instance (and its caches) alive across
        # `mkdocs serve` rebuilds, per mkdocs.plugins' docstring.
        self.is_serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config["enabled"]:
            return config
        try:
            self.settings = settings_from_mkdocs(config, self.config)
        except BitacoraError as error:
            raise PluginError(str(error)) from None
        return config
