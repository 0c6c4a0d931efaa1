"""The MkDocs adapter: registered as the `bitacora` entry point in `mkdocs.plugins`."""

from bitacora.plugin.plugin import BitacoraPlugin

__all__ = ["BitacoraPlugin"]
