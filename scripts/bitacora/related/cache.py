"""Related stage, memory: term bags by content hash, and the last result by input hash.

`mkdocs serve` keeps the plugin (and this cache) alive between rebuilds: an unchanged site
costs one hash per post, and an edited post re-reads only itself. Across separate builds
both live on disk (`.cache/bitacora/`), written atomically: the bags in `related.json`, the
last lists with the hash of their inputs in `related-lists.json`, read first and alone, so
a build of an unchanged site reads one small file and computes nothing. A missing or
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
_LISTS_FORMAT = 2  # 2: candidates ranked in double precision, ties to the lower index


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
    _lists_loaded: bool = False
    _lists_dirty: bool = False

    @property
    def lists_path(self) -> Path | None:
        return self.path.with_name("related-lists.json") if self.path is not None else None

    def stored_result(self, key: str) -> dict[str, tuple[RelatedLink, ...]] | None:
        """The lists last computed from inputs hashed as `key`, in memory or on disk."""
        if self.result_key != key and not self._lists_loaded:
            self._load_lists()
        return self.result if self.result_key == key else None

    def store_result(self, key: str, result: dict[str, tuple[RelatedLink, ...]]) -> None:
        self.result_key, self.result = key, result
        self._lists_dirty = True

    def _load_lists(self) -> None:
        self._lists_loaded = True
        path = self.lists_path
        if path is None or not path.is_file():
            return
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("format") != _LISTS_FORMAT:
                return
            result = {
                slug: tuple(
                    RelatedLink(
                        slug=link[0],
                        score=float(link[1]),
                        shared_terms=tuple(link[2]),
                        pinned=bool(link[3]),
                        similarity=float(link[4]),
                        common_neighbours=int(link[5]),
                    )
                    for link in links
                )
                for slug, links in data["lists"].items()
            }
            self.result_key, self.result = str(data["key"]), result
        except (OSError, ValueError, KeyError, TypeError, IndexError):
            pass  # a corrupt cache is a cold cache, never an error

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
        if self.path is None:
            return
        if self._dirty:
            payload = {
                "format": _FORMAT,
                "bags": {key: [bag.weights, bag.surfaces] for key, bag in self.bags.items()},
            }
            self._dirty = not _write_json(self.path, payload)
        if self._lists_dirty and self.result is not None and self.lists_path is not None:
            lists = {
                slug: [
                    [
                        link.slug,
                        link.score,
                        list(link.shared_terms),
                        link.pinned,
                        link.similarity,
                        link.common_neighbours,
                    ]
                    for link in links
                ]
                for slug, links in self.result.items()
            }
            payload = {"format": _LISTS_FORMAT, "key": self.result_key, "lists": lists}
            self._lists_dirty = not _write_json(self.lists_path, payload)


def _write_json(path: Path, payload: object) -> bool:
    """Write through a temporary file; False (and nothing written) if the disk says no."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(payload, handle, ensure_ascii=False, separators=(",", ":"))
        os.replace(tmp, path)
    except OSError:
        Path(tmp).unlink(missing_ok=True)  # the cache is an optimisation: never fail a build
        return False
    return True
