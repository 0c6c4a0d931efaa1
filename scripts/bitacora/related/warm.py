"""Related lists computed on a second core while MkDocs converts the pages.

A first build (no `.cache/bitacora/` yet) spends about half a second per 1,000 posts on
related articles, all of it after every page has been read. The posts are on disk from the
start: `start_warming` computes their lists in another process, from the files, while MkDocs
converts Markdown in this one, and leaves them in the disk cache. When the build reaches the
related stage, it finds the lists stored under the same inputs (same posts, same settings)
and reads them; if anything differs (a plugin changed a post's text), it computes as usual,
with the term bags already stored. The result is the same either way: only who computes it
changes.

The worker is a plain `python -m bitacora.related.warm`, not a multiprocessing child: that
would import MkDocs' command line again in the new interpreter (the parent's `__main__`),
some 11 MiB the worker never uses. It keeps each post without its text, and reads a post
again only if its term bag is not cached: its memory is the bags, not the posts.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import asdict, replace
from pathlib import Path

from bitacora.errors import BitacoraError, BitacoraErrors
from bitacora.posts import iter_post_files, read_post
from bitacora.related.cache import RelatedCache, post_fingerprint
from bitacora.related.index import compute_related
from bitacora.settings import RelatedSettings

__all__ = ["WARM_FROM_POSTS", "Warming", "start_warming", "warm_disk_cache"]

# Below this many posts the lists take less than starting a process does.
WARM_FROM_POSTS = 200


def warm_disk_cache(posts_dir: Path, settings: RelatedSettings, cache_path: Path) -> float:
    """Compute and store the lists of the posts in `posts_dir`; returns this process's peak
    memory in MiB (the benchmark reports it beside the build's)."""
    posts, keys = [], []
    try:
        for path in iter_post_files(posts_dir):
            post = read_post(path)
            keys.append(post_fingerprint(post, settings))
            posts.append(replace(post, body=""))  # the text is read again only for its bag
        compute_related(
            posts,
            settings,
            RelatedCache(path=cache_path),
            fingerprints=keys,
            reread=lambda light: read_post(Path(light.path or "")),
        )
    except (BitacoraError, BitacoraErrors, OSError):
        pass  # a broken post or an unknown pin: the build reports it, with its line
    try:
        import resource  # Unix only: on Windows the benchmark shows no figure for it
    except ImportError:
        return 0.0
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Warming:
    """The worker process of one build: `result()` waits for it, then gives its peak MiB."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.process = process

    def result(self) -> float:
        output, _ = self.process.communicate()
        if self.process.returncode != 0:
            raise RuntimeError(f"el proceso de relacionados terminó con {self.process.returncode}")
        return float(output.strip() or 0)


def start_warming(
    posts_dir: Path, count: int, settings: RelatedSettings, cache_path: Path
) -> Warming | None:
    """Start `warm_disk_cache` in another process, or None when it would not pay off."""
    if count < WARM_FROM_POSTS or (os.cpu_count() or 1) < 2:
        return None
    command = [
        sys.executable,
        "-m",
        "bitacora.related.warm",
        str(posts_dir),
        str(cache_path),
        json.dumps(asdict(settings)),
    ]
    # No standard input, nothing on the terminal: the build reports problems itself.
    try:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
    except (OSError, ValueError):
        return None  # no interpreter to start (an embedded Python): the build computes them
    return Warming(process)


def main(argv: list[str]) -> None:
    posts_dir, cache_path, settings = argv
    related = RelatedSettings(**json.loads(settings))
    peak = warm_disk_cache(Path(posts_dir), related, Path(cache_path))
    print(f"{peak:.1f}")


if __name__ == "__main__":
    main(sys.argv[1:])
