"""`mkdocs serve`'s builds without the server: the same calls, in this process or a new one.

MkDocs' serve command loads the configuration again before every rebuild and keeps the
plugins that define `on_startup` (Bitácora's, with its caches). `ServeSession.rebuild` does
exactly that; `fresh_build` runs the first build of a new session in a separate process: a
clean reference with nothing to reuse. Run as a script, this module is that process.
"""

from __future__ import annotations

import gzip
import logging
import os
import re
import subprocess
import sys
from pathlib import Path

SERVE_URL = "http://127.0.0.1:8000/"


def _load(config_file: Path, site_dir: Path):  # type: ignore[no-untyped-def]
    from mkdocs.config import load_config

    config = load_config(config_file=str(config_file), site_dir=str(site_dir))
    config.site_url = SERVE_URL  # as `mkdocs serve` does
    return config


class ServeSession:
    """One `mkdocs serve` session: its first build, then a rebuild after each edit."""

    def __init__(self, config_file: Path, site_dir: Path) -> None:
        os.environ["NO_MKDOCS_2_WARNING"] = "1"
        self.config_file, self.site_dir = config_file, site_dir
        site_dir.mkdir(parents=True, exist_ok=True)
        config = _load(config_file, site_dir)
        config.plugins.on_startup(command="serve", dirty=False)
        self.plugin = config.plugins["bitacora"]
        self.first = config

    def rebuild(self) -> None:
        from mkdocs.commands.build import build

        config, self.first = self.first or _load(self.config_file, self.site_dir), None
        assert config.plugins["bitacora"] is self.plugin, "MkDocs no conservó el plugin"
        build(config, serve_url=SERVE_URL)

    def close(self) -> None:
        self.plugin.on_shutdown()


def fresh_build(config_file: Path, site_dir: Path) -> None:
    """The first build of a new serve session, in its own process: nothing to reuse."""
    subprocess.run(
        [sys.executable, __file__, str(config_file), str(site_dir)],
        check=True,
        capture_output=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


# A feed's channel is dated by the build (its items by their posts): left out of comparisons.
_FEED_BUILD_DATES = re.compile(
    rb"<(lastBuildDate|pubDate)>[^<]*</\1>(?=(?:(?!<item>).)*<item>)", re.DOTALL
)


def site_files(site_dir: Path) -> dict[str, bytes]:
    """Every file of a built site; gzip files decompressed (their header holds a time)."""
    files = {}
    for path in sorted(site_dir.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            if path.suffix == ".gz":
                data = gzip.decompress(data)
            elif path.name.startswith("feed_"):
                data = _FEED_BUILD_DATES.sub(b"", data)
            files[path.relative_to(site_dir).as_posix()] = data
    return files


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    session = ServeSession(Path(sys.argv[1]), Path(sys.argv[2]))
    session.rebuild()
    session.close()
