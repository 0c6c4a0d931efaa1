"""Related lists computed on a second core while MkDocs converts the pages.

A first build (no `.cache/bitacora/` yet) spends about half a second per 1,000 posts on
related articles, all of it after every page has been read. The posts are on disk from the
start: `start_warming` computes their lists in another process, from the files, while MkDocs
converts Markdown in this one, and leaves them in the disk cache. When the build reaches the
related stage, it finds the lists stored under the same inputs (same posts, same settings)
and reads them; if anything differs (a plugin changed a post's text), it computes as usual,
with the term bags already stored. The result is the same either way: only who computes it
changes.
"""

from __future__ import annotations

import os
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

from bitacora.errors import BitacoraError, BitacoraErrors
from bitacora.posts import iter_post_files, read_post
from bitacora.related.cache import RelatedCache
from bitacora.related.index import compute_related
from bitacora.settings import RelatedSettings

__all__ = ["WARM_FROM_POSTS", "start_warming"]

# Below this many posts the lists take less than starting a process does.
WARM_FROM_POSTS = 200


def warm_disk_cache(posts_dir: Path, settings: RelatedSettings, cache_path: Path) -> float:
    """Compute and store the lists of the posts in `posts_dir`; returns this process's peak
    memory in MiB (the benchmark reports it beside the build's)."""
    posts = []
    try:
        for path in iter_post_files(posts_dir):
            posts.append(read_post(path))
        compute_related(posts, settings, RelatedCache(path=cache_path))
    except (BitacoraError, BitacoraErrors, OSError):
        pass  # a broken post or an unknown pin: the build reports it, with its line
    try:
        import resource  # Unix only: on Windows the benchmark shows no figure for it
    except ImportError:
        return 0.0
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def start_warming(
    posts_dir: Path, count: int, settings: RelatedSettings, cache_path: Path
) -> Future[float] | None:
    """Start `warm_disk_cache` in another process, or None when it would not pay off."""
    if count < WARM_FROM_POSTS or (os.cpu_count() or 1) < 2:
        return None
    # spawn, not fork: a fresh interpreter shares no locks or threads with MkDocs.
    pool = ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn"))
    future = pool.submit(warm_disk_cache, posts_dir, settings, cache_path)
    pool.shutdown(wait=False)  # the worker exits once its one job is done
    return future
