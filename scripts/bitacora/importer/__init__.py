"""Import stage: raw articles (files or folders) → Markdown posts, each with a full report.

Input: paths of raw sources. Output: one `ImportResult` per source; posts written to the
posts folder, raw sources kept under `docs/.fuentes`, new authors added to `.authors.yml`.
A bad file gets its own error and the batch goes on.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit

from bitacora.errors import BitacoraError
from bitacora.importer.article import FALLBACK_AUTHOR, Article, author_key, finish_post
from bitacora.importer.html import parse_html_article
from bitacora.importer.markdown import parse_markdown_article, without_missing_links
from bitacora.importer.people import AuthorInfo
from bitacora.importer.read import RawSource, read_source
from bitacora.importer.rules import NoiseRules, load_rules
from bitacora.importer.store import (
    ExistingPosts,
    add_authors,
    keep_source,
    plan_source_copy,
    scan_existing_posts,
)
from bitacora.importer.text import parse_text_article
from bitacora.model import Derivation, ImportResult, Post, Report
from bitacora.posts import atomic_write, has_hand_edits, render_post, stamp_import_hash
from bitacora.settings import Settings
from bitacora.spanish import fold

__all__ = ["ImportOptions", "format_summary", "import_sources", "import_text"]

Reader = Callable[[RawSource, NoiseRules], Article]
# One reader per input format; each returns the same `Article` shape.
_UNDATED = dt.date.min  # replaced by the fallback date before anything is written
_PARALLEL_MIN = 64  # below this, starting worker processes costs more than it saves
_MAX_WORKERS = 4
READERS: dict[str, Reader] = {
    ".txt": parse_text_article,
    ".text": parse_text_article,
    ".html": parse_html_article,
    ".htm": parse_html_article,
    ".md": parse_markdown_article,
    ".markdown": parse_markdown_article,
}


@dataclass(frozen=True)
class ImportOptions:
    out_dir: Path | None = None
    fallback_date: dt.date | None = None
    force: bool = False
    today: dt.date = field(default_factory=dt.date.today)


@dataclass
class _Batch:
    settings: Settings
    options: ImportOptions
    rules: NoiseRules
    out_dir: Path
    existing: ExistingPosts
    claimed: dict[Path, str] = field(default_factory=dict)  # target → source, this batch
    authors: dict[str, AuthorInfo] = field(default_factory=dict)
    kept_sources: set[str] = field(default_factory=set)  # file names kept in this batch
    docs_dir: Path = field(init=False)
    sources_dir: Path = field(init=False)

    def __post_init__(self) -> None:
        # Resolved once: five resolves per article were a tenth of the import's own process.
        self.docs_dir = self.settings.docs_dir.resolve()
        self.sources_dir = self.settings.sources_dir.resolve()


def _expand(sources: list[Path]) -> tuple[list[Path], list[ImportResult]]:
    files: list[Path] = []
    missing: list[ImportResult] = []
    for source in sources:
        if source.is_dir():
            # In a folder, what the importer reads: Thumbs.db, a logo or a report are not
            # articles (named one by one, any file gets its error).
            found = sorted(
                p
                for p in source.rglob("*")
                if p.is_file()
                and p.suffix.lower() in READERS
                and not any(part.startswith(".") for part in p.relative_to(source).parts)
            )
            files.extend(found)
        elif source.is_file():
            files.append(source)
        else:
            error = BitacoraError(
                source, None, "no existe", "comprueba la ruta del archivo o carpeta"
            )
            missing.append(
                ImportResult(None, Report(str(source), status="error", errors=(str(error),)))
            )
    return files, missing


def _fallback_date(batch: _Batch, target: Path | None) -> tuple[dt.date, str]:
    """The date for an article that does not give one; stable across re-imports."""
    previous = batch.existing.dates.get(target) if target else None
    if isinstance(previous, dt.date):
        return previous, "el texto no trae fecha: la de la importación anterior"
    if batch.options.fallback_date is not None:
        return batch.options.fallback_date, "el texto no trae fecha: la de --date"
    return batch.options.today, "el texto no trae fecha: la de hoy (usa --date para fijarla)"


def _target_for(batch: _Batch, post: Post, source_file: str) -> Path:
    """The file for this source: the one it was imported to before, or a free slug."""
    previous = batch.existing.by_source.get(source_file)
    if previous is not None:
        return previous
    slug = post.slug
    number = 2
    while (
        slug in batch.existing.slugs
        or (batch.out_dir / f"{slug}.md").exists()
        or (batch.out_dir / f"{slug}.md") in batch.claimed
    ):
        slug = f"{post.slug}-{number}"
        number += 1
    return batch.out_dir / f"{slug}.md"


def _read_article(raw: RawSource, rules: NoiseRules) -> Article:
    reader = READERS.get(raw.path.suffix.lower())
    if reader is None:
        raise BitacoraError(
            raw.path,
            None,
            f"el formato «{raw.path.suffix or 'sin extensión'}» no se puede importar",
            "usa un archivo .txt, .html o .md con el artículo",
        )
    return reader(raw, rules)


def _write(batch: _Batch, target: Path, text: str, source: str) -> tuple[str, str | None]:
    """Write unless nothing changed or an author edited the file; returns (status, error)."""
    if target.exists():
        old = target.read_text(encoding="utf-8")
        if old == text:
            return "sin cambios", None
        if has_hand_edits(old) and not batch.options.force:
            return "omitido", str(
                BitacoraError(
                    target,
                    None,
                    f"el post se editó a mano después de importarse de {source}; no se sobrescribe",
                    "conserva tus cambios, o vuelve a importar con --force para reemplazarlo",
                )
            )
        atomic_write(target, text)
        return "actualizado", None
    atomic_write(target, text)
    return "creado", None


Parsed = tuple[RawSource, Article, Post]


def _parse(job: tuple[Path, Settings]) -> Parsed | BitacoraError:
    """Read, parse and complete one source (description, categories, tags): the costly part
    of an import, independent of the other sources. The date fallback comes later: it
    depends on the post this source may already have."""
    path, settings = job
    try:
        raw = read_source(path)
        article = _read_article(raw, load_rules(settings.importer.noise_file))
        post = finish_post(article, settings, fallback_date=_UNDATED, fallback_how="")
        return raw, article, post
    except BitacoraError as error:
        return error


def _parsed_sources(files: list[Path], settings: Settings) -> Iterator[Parsed | BitacoraError]:
    """Parsed sources in order; large batches are parsed on every core."""
    jobs = [(path, settings) for path in files]
    workers = min(os.cpu_count() or 1, _MAX_WORKERS)
    if len(files) < _PARALLEL_MIN or workers < 2:
        yield from map(_parse, jobs)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(_parse, jobs, chunksize=16)


def _with_fallback_date(post: Post, article: Article, date: dt.date, how: str) -> Post:
    article.derived = [
        Derivation("date", date.isoformat(), how) if d.field == "date" else d
        for d in article.derived
    ]
    return replace(post, date=date)


def _import_one(
    batch: _Batch, path: Path, raw: RawSource, article: Article, post: Post
) -> ImportResult:
    source = path.resolve()
    kept = plan_source_copy(source, batch.sources_dir, batch.kept_sources)
    source_file = kept.relative_to(batch.docs_dir).as_posix()
    previous = batch.existing.by_source.get(source_file)
    duplicate = batch.existing.by_hash.get(raw.sha256)
    if duplicate is not None and duplicate != previous:
        # The same text under another file name: one post is enough.
        warning = f"el mismo texto ya está importado en {_shown(str(duplicate))}; no se duplica"
        report = Report(str(path), str(duplicate), "omitido", warnings=(warning,))
        return ImportResult(None, report)
    if article.date is None:
        fallback, how = _fallback_date(batch, previous)
        post = _with_fallback_date(post, article, fallback, how)
    target = _target_for(batch, post, source_file)
    batch.claimed[target] = source_file
    body, unlinked = without_missing_links(post.body, target.parent, batch.docs_dir)
    article.warnings += unlinked
    post = replace(
        post,
        slug=target.stem,
        path=target,
        source_file=source_file,
        source_hash=raw.sha256,
        body=body,
    )
    text = stamp_import_hash(render_post(post))
    status, error = _write(batch, target, text, source_file)
    same_title = batch.existing.by_title.get(fold(post.title))
    if error is None and same_title is not None and same_title != target:
        # Two posts with one title: the build stops on it (`bitacora check` says why).
        article.warnings.append(
            f"{_shown(str(same_title))} ya tiene el título «{post.title}»: cambia el de uno "
            "de los dos, o la construcción del sitio se detendrá"
        )
    if error is None:
        batch.existing.by_title.setdefault(fold(post.title), target)
        keep_source(source, kept)
        batch.existing.by_hash[raw.sha256] = target
        for info in article.authors:
            described = info
            if not info.description and article.source:
                where = urlsplit(article.source).hostname or article.source  # a URL: its site
                described = AuthorInfo(info.name, f"Firma publicada en {where}.")
            batch.authors.setdefault(author_key(info.name), described)
    report = Report(
        source=str(path),
        output=str(target),
        status=status,
        removals=tuple(article.removals),
        derived=tuple(article.derived),
        warnings=tuple(article.warnings),
        errors=(error,) if error else (),
    )
    return ImportResult(post if error is None else None, report)


def import_text(
    text: str,
    settings: Settings | None = None,
    *,
    name: str = "articulo.txt",
    fallback_date: dt.date = dt.date(2000, 1, 1),
) -> tuple[Post, Article]:
    """Import one article from a string, without touching the disk (for tests and tools)."""
    settings = settings or Settings()
    raw = RawSource(path=Path(name), text=text, sha256="", encoding="utf-8")
    article = _read_article(raw, load_rules(settings.importer.noise_file))
    post = finish_post(article, settings, fallback_date=fallback_date, fallback_how="fecha dada")
    return post, article


def import_sources(
    sources: list[Path], settings: Settings, options: ImportOptions
) -> list[ImportResult]:
    """Import every source (files, or folders of them); one result per source."""
    rules = load_rules(settings.importer.noise_file)
    out_dir = options.out_dir or settings.posts_dir
    batch = _Batch(settings, options, rules, out_dir, scan_existing_posts(out_dir))
    files, results = _expand(sources)
    # Parsing may run in parallel; deciding targets and writing stays in order, one by one,
    # so slugs, collisions and the hand-edit guard see the batch exactly as a loop would.
    for path, parsed in zip(files, _parsed_sources(files, settings), strict=True):
        try:
            if isinstance(parsed, BitacoraError):
                raise parsed
            results.append(_import_one(batch, path, *parsed))
        except BitacoraError as error:
            results.append(
                ImportResult(None, Report(str(path), status="error", errors=(str(error),)))
            )

    used = {key for result in results if result.post for key in result.post.authors}
    if author_key(FALLBACK_AUTHOR.name) in used:
        batch.authors.setdefault(author_key(FALLBACK_AUTHOR.name), FALLBACK_AUTHOR)
    add_authors(settings.authors_file, settings.docs_dir, batch.authors)
    return results


_STATUS_MARK = {
    "creado": "+",
    "actualizado": "~",
    "sin cambios": "=",
    "omitido": "!",
    "error": "✗",
}


_FIELD_NAMES = {"authors": "autor", "date": "fecha", "title": "título", "source": "fuente"}
_STATUS_PLURAL = {
    "creado": "creados",
    "actualizado": "actualizados",
    "omitido": "omitidos",
    "error": "con error",
    "sin cambios": "sin cambios",
}


def _spanish_list(words: list[str]) -> str:
    """ "autor", "fecha" → "autor ni fecha": what a text lacks, as one says it."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " ni " + words[-1]


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _shown(path: str) -> str:
    """A path as the user would type it: relative to the current folder when inside it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return path


def format_summary(results: list[ImportResult]) -> str:
    """A readable summary in Spanish: one line per source, its warnings, then the totals."""
    lines: list[str] = []
    for result in results:
        report = result.report
        mark = _STATUS_MARK.get(report.status, "?")
        where = f" → {_shown(report.output)}" if report.output and report.status != "error" else ""
        details = []
        if report.removals:
            details.append(_plural(len(report.removals), "línea quitada", "líneas quitadas"))
        missing = sorted(
            {_FIELD_NAMES.get(d.field, d.field) for d in report.derived if "no trae" in d.how}
        )
        if missing:
            details.append(f"el texto no trae {_spanish_list(missing)} (ver informe)")
        suffix = f" ({'; '.join(details)})" if details else ""
        lines.append(f"{mark} {report.status}: {report.source}{where}{suffix}")
        lines.extend(f"    aviso: {warning}" for warning in report.warnings)
        lines.extend(f"    error: {error}" for error in report.errors)
    counts: dict[str, int] = {}
    for result in results:
        counts[result.report.status] = counts.get(result.report.status, 0) + 1
    total = ", ".join(
        f"{count} {status if count == 1 else _STATUS_PLURAL.get(status, status)}"
        for status, count in counts.items()
    )
    lines.append(f"{_plural(len(results), 'fuente', 'fuentes')}: {total or 'ninguna'}.")
    return "\n".join(lines)
