"""`bitacora`: each command parses its options, calls one stage function, prints, exits.

Errors from the engine arrive as `BitacoraError`; here, and only here, they become a
Spanish message on stderr and exit code 1.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import click

from bitacora.cli_es import install_spanish
from bitacora.errors import BitacoraError, BitacoraErrors
from bitacora.settings import Settings

__all__ = ["cli", "main"]

# Before any decorator runs: click translates some help texts when the command is declared.
install_spanish()

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class SpanishCommand(click.Command):
    """A command whose usage line reads «[OPCIONES]» instead of «[OPTIONS]»."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("options_metavar", "[OPCIONES]")
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]


class SpanishGroup(click.Group):
    command_class = SpanishCommand

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("options_metavar", "[OPCIONES]")
        kwargs.setdefault("subcommand_metavar", "ORDEN [ARGUMENTOS]...")
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]


def _load_settings(config_file: str) -> Settings:
    from bitacora.plugin.config import load_settings

    return load_settings(config_file)


def _parse_cli_date(
    ctx: click.Context | None, param: click.Parameter | None, value: str | None
) -> dt.date | None:
    """Click callback: an ISO date option as `datetime.date`, or a Spanish usage error."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(
            f"«{value}» no es una fecha válida; usa AAAA-MM-DD, por ejemplo 2024-03-15"
        ) from None


def _fail(error: BitacoraError | BitacoraErrors) -> None:
    problems = error.errors if isinstance(error, BitacoraErrors) else [error]
    for problem in problems:
        click.echo(f"error: {problem}", err=True)
    sys.exit(1)


config_option = click.option(
    "--config-file",
    "-f",
    metavar="ARCHIVO",
    default="mkdocs.yml",
    show_default=True,
    help="Configuración del sitio (mkdocs.yml) con el bloque del plugin bitacora.",
)


@click.group(name="bitacora", cls=SpanishGroup, context_settings=CONTEXT)
@click.version_option(package_name="bitacora", message="bitacora %(version)s")
def cli() -> None:
    """Bitácora: artículos de servicio al cliente convertidos en un sitio limpio y un boletín.

    Ejemplo: bitacora import fuentes/ && mkdocs build
    """


@cli.command("import")
@click.argument(
    "sources", nargs=-1, required=True, metavar="FUENTES...", type=click.Path(path_type=Path)
)
@click.option(
    "--out",
    "out_dir",
    metavar="CARPETA",
    type=click.Path(path_type=Path),
    help="Carpeta de los posts (por defecto docs/blog/posts).",
)
@click.option(
    "--report",
    "report_file",
    metavar="ARCHIVO",
    type=click.Path(path_type=Path),
    help="Guarda el informe completo en JSON en este archivo.",
)
@click.option(
    "--date",
    "fallback_date",
    metavar="AAAA-MM-DD",
    callback=_parse_cli_date,
    help="Fecha (AAAA-MM-DD) para los artículos que no la indican; por defecto, hoy.",
)
@click.option(
    "--force", is_flag=True, help="Sobrescribe posts editados a mano desde su importación."
)
@config_option
def import_command(
    sources: tuple[Path, ...],
    out_dir: Path | None,
    report_file: Path | None,
    fallback_date: dt.date | None,
    force: bool,
    config_file: str,
) -> None:
    """Importa artículos como posts en Markdown: texto copiado de una página web (.txt),
    páginas guardadas (.html) o exportaciones de otros blogs (.md). FUENTES son archivos o
    carpetas.

    Ejemplo: bitacora import docs/.fuentes --report informe.json
    """
    from bitacora.importer import ImportOptions, format_summary, import_sources
    from bitacora.posts import atomic_write

    options = ImportOptions(
        out_dir=out_dir,
        fallback_date=fallback_date,
        force=force,
        today=dt.date.today(),
    )
    try:
        if report_file is not None:
            _check_report_file(report_file, sources)
        settings = _load_settings(config_file)
        results = import_sources(list(sources), settings, options)
    except (BitacoraError, BitacoraErrors) as error:
        _fail(error)
        return
    click.echo(format_summary(results))
    if report_file is not None:
        payload = [result.report.to_dict() for result in results]
        atomic_write(report_file, json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        click.echo(f"Informe completo: {report_file}")
    if any(result.report.errors for result in results):
        sys.exit(1)


@cli.command("related")
@click.argument("post_ref", metavar="POST")
@click.option(
    "--explain", is_flag=True, help="Muestra los términos en común que explican cada puntuación."
)
@config_option
def related_command(post_ref: str, explain: bool, config_file: str) -> None:
    """Muestra los artículos relacionados de un post (por ruta o por slug).

    Ejemplo: bitacora related docs/blog/posts/mi-post.md --explain
    """
    from bitacora.posts import iter_post_files, read_post
    from bitacora.related import CACHE_FILE, RelatedCache, compute_related, resolve_pin
    from bitacora.related.index import NEIGHBOURHOOD, path_keys

    try:
        settings = _load_settings(config_file)
        posts, problems = [], []
        for path in iter_post_files(settings.posts_dir):
            try:
                posts.append(read_post(path))
            except (BitacoraError, BitacoraErrors) as error:
                problems.append(error)
        if problems:
            for problem in problems:
                _report(problem)
            sys.exit(1)
        by_slug = {post.slug: post for post in posts}
        by_path = {key: post for post in posts for key in path_keys(post)}
        post = resolve_pin(post_ref, by_slug, by_path)
        if post is None:
            raise BitacoraError(
                post_ref,
                None,
                "no hay ningún post con esa ruta o slug",
                f"usa la ruta de un archivo de {settings.posts_dir} o su slug",
            )
        cache = RelatedCache(path=Path(config_file).parent / CACHE_FILE)
        related = compute_related(posts, settings.related, cache)
    except (BitacoraError, BitacoraErrors) as error:
        _fail(error)
        return
    links = related.get(post.slug, ())
    click.echo(f"Relacionados con «{post.title}»:")
    if post.related is False:
        click.echo("  (ninguno: el post tiene «related: false»)")
    elif not links:
        click.echo(
            "  (ninguno supera la puntuación mínima "
            f"{_decimal(settings.related.min_score)}; fija alguno con «related:» en los metadatos)"
        )
    for number, link in enumerate(links, start=1):
        target = by_slug[link.slug]
        score = "fijado" if link.pinned else f"puntuación {_decimal(link.score)}"
        click.echo(f"  {number}. {target.title} ({target.date.isoformat()}) — {score}")
        if explain and not link.pinned:
            click.echo(f"     palabras en común: {', '.join(link.shared_terms) or '—'}")
            click.echo(
                f"     texto {_decimal(link.similarity)} · comparten {link.common_neighbours} "
                f"de sus {NEIGHBOURHOOD} artículos más parecidos"
            )


def _split_tags(
    ctx: click.Context | None, param: click.Parameter | None, value: str | None
) -> tuple[str, ...]:
    """Click callback: "quejas, empatía" → ("quejas", "empatía")."""
    return tuple(tag.strip() for tag in (value or "").split(",") if tag.strip())


@cli.command("new")
@click.argument("title", metavar="TÍTULO")
@click.option(
    "--category",
    metavar="CATEGORÍA",
    help="Categoría de categories_allowed (mkdocs.yml); por defecto, la que sugiere el título.",
)
@click.option(
    "--tags",
    metavar="ETIQUETAS",
    callback=_split_tags,
    help="Etiquetas separadas por comas, por ejemplo: quejas,empatía.",
)
@click.option(
    "--author",
    metavar="AUTOR",
    help="Clave del autor en docs/blog/.authors.yml (obligatoria si hay varios autores).",
)
@config_option
def new_command(
    title: str,
    category: str | None,
    tags: tuple[str, ...],
    author: str | None,
    config_file: str,
) -> None:
    """Crea un borrador (draft: true) con los metadatos completos y muestra su ruta.

    Ejemplo: bitacora new "Cómo responder a una queja" --tags quejas,empatía --author ana-lopez
    """
    from bitacora.authoring import new_post
    from bitacora.validate import display_path

    try:
        path = new_post(title, _load_settings(config_file), category, tags, author)
    except (BitacoraError, BitacoraErrors) as error:
        _fail(error)
        return
    click.echo(display_path(path))


@cli.command("check")
@config_option
def check_command(config_file: str) -> None:
    """Revisa todos los posts y muestra cada error con archivo, línea y cómo arreglarlo.

    Termina con código 1 si hay algún error (los avisos de borradores no cuentan).

    Ejemplo: bitacora check
    """
    from bitacora.validate import check_posts

    try:
        result = check_posts(_load_settings(config_file))
    except (BitacoraError, BitacoraErrors) as error:
        _fail(error)
        return
    for notice in result.notices:
        click.echo(f"aviso: {notice}", err=True)
    for problem in result.errors:
        click.echo(f"error: {problem}", err=True)
    if result.errors:
        count = len(result.errors)
        click.echo(f"{count} {'error' if count == 1 else 'errores'} en los posts.", err=True)
        sys.exit(1)
    click.echo(f"Todo correcto: {_posts(result.checked)} sin errores.")


def _posts(count: int) -> str:
    return f"{count} {'post revisado' if count == 1 else 'posts revisados'}"


@cli.command("digest")
@click.option(
    "--since",
    metavar="AAAA-MM-DD",
    help="Primer día del periodo (incluido). Sin --since, el periodo son los últimos --days días.",
)
@click.option(
    "--until",
    metavar="AAAA-MM-DD",
    help="Último día del periodo (incluido) y fecha del boletín; por defecto, hoy.",
)
@click.option(
    "--days",
    type=int,
    metavar="N",
    help="Días que abarca el periodo, hasta --until (por defecto, digest_days de mkdocs.yml).",
)
@click.option(
    "--out",
    "out_dir",
    metavar="CARPETA",
    type=click.Path(path_type=Path, file_okay=False),
    help="Carpeta de los boletines (por defecto docs/boletin, que el sitio publica).",
)
@click.option("--send", is_flag=True, help="Envía el boletín por SMTP a los suscriptores de --to.")
@click.option(
    "--to",
    "subscribers_file",
    metavar="CSV",
    type=click.Path(path_type=Path, dir_okay=False),
    help="CSV de suscriptores con cabecera email[,name].",
)
@click.option(
    "--dry-run", is_flag=True, help="Muestra qué se escribiría y a quién se enviaría, sin hacerlo."
)
@click.option(
    "--force", is_flag=True, help="Regenera las páginas del boletín aunque se editaran a mano."
)
@config_option
def digest_command(
    since: str | None,
    until: str | None,
    days: int | None,
    out_dir: Path | None,
    send: bool,
    subscribers_file: Path | None,
    dry_run: bool,
    force: bool,
    config_file: str,
) -> None:
    """Prepara el boletín: correo HTML, texto, mensaje .eml y página en la sección Boletín.

    El servidor SMTP se toma de las variables BITACORA_SMTP_HOST, BITACORA_SMTP_PORT,
    BITACORA_SMTP_SECURITY (starttls, ssl o none), BITACORA_SMTP_USER y BITACORA_SMTP_PASSWORD.

    Ejemplo: bitacora digest --days 7 --send --to suscriptores.csv --dry-run
    """
    from bitacora.cli_digest import parse_digest_request, run_digest
    from bitacora.related.cache import CACHE_FILE

    try:
        request = parse_digest_request(
            related_cache=Path(config_file).parent / CACHE_FILE,
            since=since,
            until=until,
            days=days,
            out_dir=out_dir,
            send=send,
            subscribers_file=subscribers_file,
            dry_run=dry_run,
            today=dt.date.today(),
            force=force,
        )
        sys.exit(run_digest(_load_settings(config_file), request, click.echo))
    except (BitacoraError, BitacoraErrors) as error:
        _fail(error)


def _decimal(number: float) -> str:
    """A score as Spanish writes it: decimal comma ("0,38")."""
    return f"{number:.2f}".replace(".", ",")


def _check_report_file(report: Path, sources: tuple[Path, ...]) -> None:
    """Stop before importing when the report would overwrite a source or cannot be written."""
    target = report.resolve()
    for source in sources:
        found = source.resolve()
        if target == found or (found.is_dir() and target.is_relative_to(found)):
            raise BitacoraError(
                report,
                None,
                "el informe iría a parar a una fuente que se importa (la borraría, o se "
                "importaría como artículo la próxima vez)",
                "guarda el informe fuera de las fuentes, por ejemplo: --report informe.json",
            )
    if report.is_dir() or not report.parent.is_dir():
        raise BitacoraError(
            report,
            None,
            "no se puede escribir el informe ahí: "
            + ("es una carpeta" if report.is_dir() else "su carpeta no existe"),
            "indica un archivo en una carpeta que exista, por ejemplo: --report informe.json",
        )


def _report(error: BitacoraError | BitacoraErrors) -> None:
    problems = error.errors if isinstance(error, BitacoraErrors) else [error]
    for problem in problems:
        click.echo(f"error: {problem}", err=True)


def main() -> None:
    cli(prog_name="bitacora")
