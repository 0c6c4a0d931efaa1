"""Related stage, memory: term bags by content hash, and the last result by input hash.

`mkdocs serve` keeps the plugin (and this cache) alive between rebuilds: an unchanged site
costs one hash per post, and an edited post re-reads only itself. Across separate builds
the term bags also live on disk (`.cache/bitacora/`), written atomically; a missing or
corrupt cache file is simply rebuilt.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

from bitacora.model import Post, RelatedLink
from bitacora.related.text import TermBag
from bitacora.settings import RelatedSettings

__all__ = ["CACHE_FILE", "RelatedCache", "post_fingerprint"]

# Relative to the folder of mkdocs.yml; shared by the plugin and `bitacora related`.
CACHE_FILE = Path(".cache") / "bitacora" / "related.json"

_FORMAT = 1


def post_fingerprint(post: Post, settings: RelatedSettings) -> str:
    """Hash of everything that shapes a post's term bag."""
    parts = (
        post.title,
        post.body.strip(),  # MkDocs hands the plugin the body without its leading blank line
        post.description,
        "\x1f".join(post.tags),
        "\x1f".join(post.categories),
        _settings_key(settings),
    )
    return hashlib.sha256("\x1e".join(parts).encode("utf-8")).hexdigest()


@lru_cache(maxsize=8)
def _settings_key(settings: RelatedSettings) -> str:
    return repr(asdict(settings))


@dataclass
class RelatedCache:
    """Term bags and the last computed lists; `path` (optional) persists the bags."""

    path: Path | None = None
    bags: dict[str, TermBag] = field(default_factory=dict)
    result_key: str | None = None
    result: dict[str, tuple[RelatedLink, ...]] | None = None
    bags_computed: int = 0  # how many bags the last run had to compute (tests, benchmark)
    # False while serving: the file is written once, at the end, not after every save.
    autosave: bool = True
    _loaded: bool = False
    _dirty: bool = False

    def bag(self, key: str) -> TermBag | None:
        if not self._loaded:
            self._load()
        return self.bags.get(key)

    def store(self, key: str, bag: TermBag) -> None:
        self.bags[key] = bag
        self.bags_computed += 1
        self._dirty = True

    def keep_only(self, keys: set[str]) -> None:
        """Forget bags of posts that no longer exist, so the cache does not grow forever."""
        stale = set(self.bags) - keys
        for key in stale:
            del self.bags[key]
        self._dirty = self._dirty or bool(stale)

    def _load(self) -> None:
        self._loaded = True
        if self.path is None or not self.path.is_file():
            return
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if data.get("format") != _FORMAT:
                return
            for key, (weights, surfaces) in data["bags"].items():
                self.bags.setdefault(key, TermBag(weights, surfaces))
        except (OSError, ValueError, KeyError, TypeError):
            self.bags.clear()  # a corrupt cache is a cold cache, never an error

    def save(self) -> None:
        if self.path is None or not self._dirty:
            return
        payload = {
            "format": _FORMAT,
            "bags": {key: [bag.weights, bag.surfaces] for key, bag in self.bags.items()},
        }
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".related.", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(payload, handle, ensure_ascii=False, separators=(",", ":"))
            os.replace(tmp, self.path)
        except OSError:
            Path(tmp).unlink(missing_ok=True)  # the cache is an optimisation: never fail a build
            return
        self._dirty = False
