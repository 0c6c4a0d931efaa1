"""`python -m bitacora.bench` (or `make bench`): Bitácora against stock Material, same posts.

For each N it generates N seeded posts, builds them twice — with this repository's
configuration (Bitácora's plugin, overrides, search step) and with a stock Material blog
(blog, tags, search; nothing of Bitácora) — each build in its own process, and times
Bitácora's own stages in-process: import of N raw articles, related articles (cold, cached,
after one edit), and, when present, `bitacora check` and the digest. It prints one table
per N and the ratios. Numbers are measurements of this machine, this run: up to 1,000 posts
each build runs three times, alternating with the other, and the fastest of each counts.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from bitacora.bench.generate import CATEGORIES, generate_site, raw_article
from bitacora.bench.memory import run_measured
from bitacora.bench.search import measure_search
from bitacora.bench.serve import SAVES, measure_serve

ROOT = Path(__file__).resolve().parents[3]

STOCK_CONFIG = """\
site_name: Bitácora (Material de serie)
site_url: https://bitacora.example.org/
theme:
  name: material
  language: es
  font: false
{features}
plugins:
  - search:
      lang: es
  - blog:
      categories_allowed: [{categories}]
  - tags
"""

# Blocks copied from the repository's mkdocs.yml, so both builds convert the same Markdown
# into the same navigation: what differs is Bitácora's plugin, overrides and blog settings.
_SHARED_BLOCKS = ("markdown_extensions", "nav")


def _top_level_block(config: str, key: str) -> str:
    """The `key:` block of a YAML file, as text (its lines up to the next top-level key)."""
    lines = config.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"{key}:"))
    end = next(
        (i for i in range(start + 1, len(lines)) if lines[i] and not lines[i][0].isspace()),
        len(lines),
    )
    return "\n".join(lines[start:end]).rstrip() + "\n"


def stock_config(template: str) -> str:
    """Material's blog with its defaults for these posts: blog, tags, search, nothing else."""
    theme = _top_level_block(template, "theme").splitlines()
    start = next(i for i, line in enumerate(theme) if line.strip() == "features:")
    indent = len(theme[start]) - len(theme[start].lstrip())
    features = [theme[start]]
    for line in theme[start + 1 :]:
        if line.strip() and len(line) - len(line.lstrip()) <= indent:
            break
        features.append(line)
    config = STOCK_CONFIG.format(categories=", ".join(CATEGORIES), features="\n".join(features))
    return config + "".join(_top_level_block(template, key) for key in _SHARED_BLOCKS)


DIGEST_POSTS = 20  # posts in the digest the benchmark times


def rounds_for(size: int) -> int:
    """Builds of each kind per N: three where a build takes seconds, one where it takes minutes."""
    return 3 if size <= 1_000 else 1


# A build that was not run: its row shows no ratio.
_NOT_MEASURED = {
    "seconds": 0.0,
    "cpu_seconds": 0.0,
    "peak_mib": 0.0,
    "helper_peak_mib": 0.0,
    "process_peak_mib": 0.0,
    "site_mib": 0.0,
    "index_kib": 0.0,
    "index_gz_kib": 0.0,
}


def _build(config_file: Path, site_dir: Path) -> dict[str, float]:
    command = [sys.executable, "-m", "bitacora.bench.child", str(config_file), str(site_dir)]
    result, together_mib = run_measured(command)
    if result.returncode != 0:
        raise SystemExit(f"la construcción de {config_file} falló:\n{result.stderr[-3000:]}")
    measured = json.loads(result.stdout.strip().splitlines()[-1])
    # The build's peak: its processes at the same moment (sampled), never less than the
    # MkDocs process's own exact peak; without /proc, the sum of the peaks (an upper bound).
    measured["process_peak_mib"] = measured["peak_mib"]
    if together_mib > 0:
        measured["peak_mib"] = max(measured["peak_mib"], together_mib)
    else:
        measured["peak_mib"] += measured["helper_peak_mib"]
    index = site_dir / "search" / "search_index.json"
    raw = index.read_bytes() if index.is_file() else b""
    measured["site_mib"] = sum(f.stat().st_size for f in site_dir.rglob("*") if f.is_file()) / 2**20
    measured["index_kib"] = len(raw) / 1024
    measured["index_gz_kib"] = len(gzip.compress(raw)) / 1024
    return measured


def _best_of(runs: list[dict[str, float]]) -> dict[str, float]:
    """The fastest run's figures (noise on a shared machine only ever adds time), with the
    largest peak memory of all runs (memory is not noise: the honest figure is the worst)."""
    best = dict(min(runs, key=lambda run: run["seconds"]))
    best["cpu_seconds"] = min(run["cpu_seconds"] for run in runs)
    for key in ("peak_mib", "process_peak_mib", "helper_peak_mib"):
        best[key] = max(run.get(key, 0.0) for run in runs)
    return best


def _builds(
    site: Path, stock: Path | None, work: Path, rounds: int
) -> tuple[dict[str, float], dict[str, float]]:
    """Both builds, alternating, `rounds` times: a machine that slows down midway slows both."""
    ours_runs, stock_runs = [], []
    for _ in range(rounds):
        shutil.rmtree(site / ".cache", ignore_errors=True)  # every Bitácora build is a first one
        ours_runs.append(_build(site / "mkdocs.yml", work / "site-bitacora"))
        if stock is not None:
            stock_runs.append(_build(stock / "mkdocs.yml", work / "site-stock"))
    return _best_of(ours_runs), _best_of(stock_runs) if stock_runs else _NOT_MEASURED


def _time(action) -> float:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def _stages(site: Path, posts: list[dict[str, object]], work: Path) -> dict[str, float]:
    from bitacora.importer import ImportOptions, import_sources
    from bitacora.plugin.config import load_settings
    from bitacora.posts import iter_post_files, read_post
    from bitacora.related import RelatedCache, compute_related

    settings = load_settings(site / "mkdocs.yml")
    found = [read_post(path) for path in iter_post_files(settings.posts_dir)]
    cache = RelatedCache()
    cold = _time(lambda: compute_related(found, settings.related, cache))
    # Memory in a second, traced run: tracing slows Python down several times.
    tracemalloc.start()
    compute_related(found, settings.related, RelatedCache())
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    cached = _time(lambda: compute_related(found, settings.related, cache))
    edited = list(found)
    from dataclasses import replace

    edited[0] = replace(edited[0], body=edited[0].body + "\n\nUn párrafo nuevo sobre quejas.")
    one_edit = _time(lambda: compute_related(edited, settings.related, cache))
    raw_dir = work / "raw"
    raw_dir.mkdir()
    for post in posts:
        (raw_dir / f"{post['slug']}.txt").write_text(raw_article(post), encoding="utf-8")
    from dataclasses import replace as replace_settings

    import_settings = replace_settings(settings, docs_dir=work / "import-docs")
    import_seconds = _time(
        lambda: import_sources([raw_dir], import_settings, ImportOptions(today=posts[0]["date"]))  # type: ignore[arg-type]
    )
    stages = {
        "related_cold": cold,
        "related_cached": cached,
        "related_one_edit": one_edit,
        "related_peak_mib": peak,
        "import": import_seconds,
        "import_per_s": len(posts) / import_seconds,
    }
    # A digest of the newest ~20 posts, as a team would send it the day of the newest one
    # (a month of a 10,000-post blog is too long for one e-mail, and the digest says so).
    dates = sorted((post["date"] for post in posts), reverse=True)  # type: ignore[type-var]
    since, until = dates[min(len(dates), DIGEST_POSTS) - 1], dates[0]
    commands = {
        "check": ["check"],
        "digest": ["digest", "--since", str(since), "--until", str(until)],
    }
    for name, command in commands.items():
        args = [sys.executable, "-m", "bitacora", *command, "-f", str(site / "mkdocs.yml")]
        started = time.perf_counter()
        done = subprocess.run(args, cwd=site, capture_output=True, text=True, check=False)
        if done.returncode == 0:
            stages[name] = time.perf_counter() - started
        else:  # a failure's time measures nothing: say so, keep the other figures
            problem = (done.stderr.strip().splitlines() or ["sin mensaje"])[-1]
            print(f"  «bitacora {name}» falló: {problem}", flush=True)
    return stages


def _row(label: str, ours: float, stock: float | None, unit: str) -> str:
    ratio = f"{ours / stock:6.2f}×" if stock else "      "
    stock_text = f"{stock:10.2f}" if stock else " " * 10
    return f"  {label:<34}{ours:10.2f}{stock_text}  {ratio} {unit}"


def run(
    sizes: list[int],
    keep: Path | None,
    *,
    stock_build: bool = True,
    serve: bool = False,
    browser: bool = False,
    rounds: int | None = None,
) -> None:
    work_root = keep or Path(tempfile.mkdtemp(prefix="bitacora-bench-"))
    results = {}
    for size in sizes:
        work = work_root / f"n{size}"
        site = work / "bitacora"
        posts = generate_site(site, size, template=ROOT)
        stock = work / "stock"
        stock.mkdir(parents=True)
        (stock / "docs").symlink_to(site / "docs", target_is_directory=True)
        template = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
        (stock / "mkdocs.yml").write_text(stock_config(template), encoding="utf-8")
        print(f"\nN = {size} posts (trabajo en {work})", flush=True)
        repeats = max(1, rounds_for(size) if rounds is None else rounds)
        ours, theirs = _builds(site, stock if stock_build else None, work, repeats)
        stages = _stages(site, posts, work)
        results[size] = (ours, theirs, stages)
        print(f"  {'':<34}{'Bitácora':>10}{'Material':>10}  {'ratio':>6}")
        if repeats > 1:
            print(f"  (mejor de {repeats} construcciones alternas de cada blog; memoria: la mayor)")
        print(_row("construcción (s)", ours["seconds"], theirs["seconds"], "s"))
        print(_row("construcción, CPU (s)", ours["cpu_seconds"], theirs["cpu_seconds"], "s"))
        print(_row("memoria máxima (MiB)", ours["peak_mib"], theirs["peak_mib"], "MiB"))
        if ours.get("helper_peak_mib"):
            # Each process's own peak: they are not reached at the same moment.
            print(_row("  proceso de MkDocs (MiB)", ours["process_peak_mib"], None, "MiB"))
            print(_row("  proceso de relacionados (MiB)", ours["helper_peak_mib"], None, "MiB"))
        print(_row("sitio generado (MiB)", ours["site_mib"], theirs["site_mib"], "MiB"))
        print(_row("índice de búsqueda (KiB)", ours["index_kib"], theirs["index_kib"], "KiB"))
        print(_row("índice gzip (KiB)", ours["index_gz_kib"], theirs["index_gz_kib"], "KiB"))
        print(
            _row(
                "índice gzip por post (KiB)",
                ours["index_gz_kib"] / size,
                theirs["index_gz_kib"] / size,
                "KiB",
            )
        )
        own: dict[str, float] = ours.get("stages") or {}  # type: ignore[assignment]
        if own:
            total = sum(own.values())
            print(
                _row(
                    "etapas propias en la construcción (s)",
                    total,
                    None,
                    f"s ({total / ours['seconds'] * 100:.1f} % de la construcción)",
                )
            )
            for name, seconds in sorted(own.items(), key=lambda item: -item[1]):
                print(_row(f"  {name} (s)", seconds, None, "s"))
        share = stages["related_cold"] / ours["seconds"] * 100
        print(
            _row(
                "relacionados, en frío (s)",
                stages["related_cold"],
                None,
                f"s ({share:.1f} % de la construcción)",
            )
        )
        print(_row("relacionados, en caché (s)", stages["related_cached"], None, "s"))
        print(_row("relacionados, tras 1 edición (s)", stages["related_one_edit"], None, "s"))
        print(_row("relacionados, memoria (MiB)", stages["related_peak_mib"], None, "MiB"))
        print(
            _row(
                "importación (s)",
                stages["import"],
                None,
                f"s ({stages['import_per_s']:.0f} artículos/s)",
            )
        )
        for name in ("check", "digest"):
            if name in stages:
                print(_row(f"bitacora {name} (s)", stages[name], None, "s"))
        if serve:
            newest = max(posts, key=lambda post: (post["date"], post["slug"]))  # type: ignore[return-value,arg-type]
            post_file = site / "docs" / "blog" / "posts" / f"{newest['slug']}.md"
            url = f"blog/{newest['date'].year}/{newest['slug']}/"  # type: ignore[attr-defined]
            timings = measure_serve(site / "mkdocs.yml", post_file, url)
            print(_row("mkdocs serve: primera construcción (s)", timings["first_build"], None, "s"))
            print(
                _row(
                    "mkdocs serve: guardar → post (s)",
                    timings["save_to_page"],
                    None,
                    f"s (mediana de {SAVES})",
                )
            )
            print(
                _row(
                    "mkdocs serve: guardar → lista (s)",
                    timings["save_to_list"],
                    None,
                    f"s (mediana de {SAVES})",
                )
            )
        if browser:
            found = measure_search(work / "site-bitacora")
            print(_row("búsqueda lista en Chromium (s)", found.pop("ready"), None, "s"))
            for query, seconds in found.items():
                print(
                    _row(
                        f"búsqueda «{query}» (s)",
                        seconds,
                        None,
                        "s de la última tecla a sus resultados",
                    )
                )
    if len(results) >= 2:
        small, large = min(results), max(results)
        for label, index in (("Bitácora", 0), ("Material", 1)):
            before, after = results[small][index], results[large][index]
            if not before["seconds"] or not after["seconds"]:
                continue
            growth = [
                math.log(after[key] / before[key]) / math.log(large / small)
                for key in ("seconds", "cpu_seconds")
            ]
            print(
                f"\nCrecimiento del tiempo de construcción ({label}): N^{growth[0]:.2f} "
                f"(tiempo de CPU: N^{growth[1]:.2f})"
            )


def main() -> None:
    parser = argparse.ArgumentParser(
        prog="python -m bitacora.bench",
        description="Compara Bitácora con Material de serie sobre los mismos posts sintéticos.",
    )
    parser.add_argument(
        "--n", type=int, action="append", help="número de posts (repetible; por defecto 100 y 1000)"
    )
    parser.add_argument("--keep", type=Path, help="carpeta donde dejar los sitios generados")
    parser.add_argument(
        "--sin-material",
        action="store_true",
        help="no construir el blog de Material de serie (con 10 000 posts tarda ~15 minutos)",
    )
    parser.add_argument(
        "--serve",
        action="store_true",
        help="medir también mkdocs serve: segundos desde guardar un post hasta verlo servido",
    )
    parser.add_argument(
        "--buscador",
        action="store_true",
        help="medir la búsqueda en Chromium (/usr/bin/chromium): índice listo, primeros resultados",
    )
    parser.add_argument(
        "--rondas",
        type=int,
        help="construcciones alternas de cada blog (por defecto 3 hasta 1000 posts, 1 más allá)",
    )
    args = parser.parse_args()
    run(
        args.n or [100, 1000],
        args.keep,
        stock_build=not args.sin_material,
        serve=args.serve,
        browser=args.buscador,
        rounds=args.rondas,
    )


if __name__ == "__main__":
    main()
