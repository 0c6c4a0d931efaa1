"""`python -m bitacora.bench.related` (or `make bench-related`): the related stage on its own.

For each N it writes N seeded synthetic posts to a temporary site, reads them back as the CLI
does, and times `compute_related` cold (empty caches, word stems included), cached (nothing
changed) and after one edited post, in wall and CPU time, plus its peak memory (a separate,
traced run: tracing slows Python down several times). The whole-build comparison with stock
Material, which includes the related stage's share of a build, is `python -m bitacora.bench`.
"""

from __future__ import annotations

import argparse
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from bitacora.bench.generate import generate_site
from bitacora.model import Post
from bitacora.plugin.config import load_settings
from bitacora.posts import iter_post_files, read_post
from bitacora.related import RelatedCache, compute_related
from bitacora.related import text as related_text
from bitacora.settings import RelatedSettings
from bitacora.spanish import stem

__all__ = ["RelatedTimes", "main", "measure_related"]

ROOT = Path(__file__).resolve().parents[3]
# The targets for this 2-core machine.
TARGET_SECONDS = {1_000: 1.0, 10_000: 10.0}
TARGET_CACHED_SECONDS = 0.1
TARGET_PEAK_MIB = 1024


@dataclass(frozen=True)
class RelatedTimes:
    """One N's measurements: (wall, CPU) seconds per run, and peak MiB."""

    posts: int
    cold: tuple[float, float]
    cached: tuple[float, float]
    one_edit: tuple[float, float]
    peak_mib: float


def _timed(action: Callable[[], object]) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    action()
    return time.perf_counter() - wall, time.process_time() - cpu


def _forget_words() -> None:
    """Cold means cold: no word seen before by this process."""
    related_text._TERMS.clear()
    stem.cache_clear()


def measure_related(posts: list[Post], settings: RelatedSettings) -> RelatedTimes:
    """Time the related stage on `posts`: cold, cached, after one edit; then its peak memory."""
    _forget_words()
    cache = RelatedCache()
    cold = _timed(lambda: compute_related(posts, settings, cache))
    cached = _timed(lambda: compute_related(posts, settings, cache))
    edited = list(posts)
    edited[0] = replace(edited[0], body=edited[0].body + "\n\nUn párrafo nuevo sobre quejas.")
    one_edit = _timed(lambda: compute_related(edited, settings, cache))
    _forget_words()
    tracemalloc.start()
    compute_related(posts, settings, RelatedCache())
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return RelatedTimes(len(posts), cold, cached, one_edit, peak)


def _seconds(pair: tuple[float, float]) -> str:
    wall, cpu = pair
    return f"{wall:6.2f} s ({cpu:5.2f} s de CPU)".replace(".", ",")


def _verdict(ok: bool) -> str:
    return "cumple" if ok else "NO cumple"


def _report(times: RelatedTimes) -> str:
    target = TARGET_SECONDS.get(times.posts)
    cold_goal = f"  objetivo ≤ {target:g} s: {_verdict(times.cold[0] <= target)}" if target else ""
    cached_limit = f"{TARGET_CACHED_SECONDS:g}".replace(".", ",")
    cached_goal = f"  objetivo ≤ {cached_limit} s: " + _verdict(
        times.cached[0] <= TARGET_CACHED_SECONDS
    )
    memory_goal = f"  objetivo ≤ 1 GB: {_verdict(times.peak_mib <= TARGET_PEAK_MIB)}"
    return "\n".join(
        [
            f"\nN = {times.posts:,} posts".replace(",", "\u00a0"),
            f"  en frío             {_seconds(times.cold)}{cold_goal}",
            f"  en caché            {_seconds(times.cached)}{cached_goal}",
            f"  tras editar 1 post  {_seconds(times.one_edit)}",
            f"  memoria máxima      {times.peak_mib:6.0f} MiB{memory_goal}",
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        prog="python -m bitacora.bench.related",
        description="Mide el cálculo de artículos relacionados con posts sintéticos.",
    )
    parser.add_argument(
        "--n",
        type=int,
        action="append",
        help="número de posts (repetible; por defecto 1000 y 10000)",
    )
    parser.add_argument("--seed", type=int, default=7, help="semilla del generador (7)")
    args = parser.parse_args()
    print("Artículos relacionados: tiempo real (y de CPU) y memoria, medidos en esta máquina")
    with tempfile.TemporaryDirectory(prefix="bitacora-related-") as work:
        for size in args.n or [1_000, 10_000]:
            site = Path(work) / f"n{size}"
            generate_site(site, size, args.seed, template=ROOT)
            settings = load_settings(site / "mkdocs.yml")
            posts = [read_post(path) for path in iter_post_files(settings.posts_dir)]
            print(_report(measure_related(posts, settings.related)), flush=True)


if __name__ == "__main__":
    main()
