"""The digest stage on a tmp site: selection, HTML and text, the .eml, options, CSV, SMTP env."""

from __future__ import annotations

import dataclasses
import datetime as dt
import email
import re
from email import policy
from email.headerregistry import Address
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest

from bitacora.digest import digest_window, message_for, plan_digest
from bitacora.digest.render import HTML_SIZE_LIMIT, TEXT_WIDTH, unsubscribe_link
from bitacora.digest.select import DigestWindow, post_url, reading_minutes, select_digest
from bitacora.digest.send import read_subscribers, smtp_settings_from_env
from bitacora.errors import BitacoraError
from bitacora.model import Post
from bitacora.plugin.config import BitacoraConfig, load_settings
from bitacora.related import compute_related
from bitacora.settings import BlogSettings, Settings
from digestsite import SITE_URL, TODAY, make_digest_site

WINDOW = DigestWindow(dt.date(2024, 2, 1), TODAY)


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return load_settings(make_digest_site(tmp_path_factory.mktemp("digest")))


def _related(settings: Settings):  # type: ignore[no-untyped-def]
    return lambda posts: compute_related(posts, settings.related)


@pytest.fixture(scope="module")
def digest(settings: Settings):  # type: ignore[no-untyped-def]
    return select_digest(settings, WINDOW, today=TODAY, related=_related(settings))


@pytest.fixture(scope="module")
def plan(settings: Settings):  # type: ignore[no-untyped-def]
    return plan_digest(settings, WINDOW, today=TODAY)


# Selection


def test_window_holds_published_posts_only_newest_first(digest) -> None:  # type: ignore[no-untyped-def]
    slugs = [entry.slug for entry in digest.entries]
    # Not the draft (2024-04-05), not the future post, not practica (2024-01-10, before since).
    assert digest.lead.slug == "responder-quejas"
    assert sorted(slugs) == sorted(
        [
            "responder-quejas",
            "estado-del-pedido",
            "medir-lo-que-importa",
            "facturacion-sin-sorpresas",
        ]
    )
    dates = [entry.date for section in digest.sections for entry in section.entries]
    for section in digest.sections:
        section_dates = [entry.date for entry in section.entries]
        assert section_dates == sorted(section_dates, reverse=True)
    assert len(dates) == 3


def test_future_post_is_left_out_even_inside_the_window(settings: Settings) -> None:
    window = DigestWindow(dt.date(2024, 1, 1), dt.date(2099, 12, 31))
    digest = select_digest(settings, window, today=TODAY, related=_related(settings))
    assert "post-del-futuro" not in [entry.slug for entry in digest.entries]
    assert "borrador-sobre-chat" not in [entry.slug for entry in digest.entries]


def test_sections_follow_categories_allowed(digest, settings: Settings) -> None:  # type: ignore[no-untyped-def]
    order = [section.category for section in digest.sections]
    assert order == ["Servicio al cliente", "Canales digitales", "Métricas y calidad"]
    ranks = [settings.categories_allowed.index(name) for name in order]
    assert ranks == sorted(ranks)
    assert digest.lead.category == "Quejas y reclamos"


def test_entry_has_display_names_spanish_date_and_description(digest) -> None:  # type: ignore[no-untyped-def]
    lead = digest.lead
    assert lead.authors == ("Ana López", "Carlos Ruiz")
    assert lead.date_text == "2 de abril de 2024"
    assert lead.description.startswith("Una queja bien respondida")
    assert lead.title == "Cómo responder a las quejas sin ponerse a la defensiva"


def test_urls_are_absolute_as_material_builds_them(digest) -> None:  # type: ignore[no-untyped-def]
    by_slug = {entry.slug: entry.url for entry in digest.entries}
    # No `slug:` in these posts: Material slugifies the title with the blog's post_slugify
    # (ASCII in this site's mkdocs.yml), not the file name.
    assert by_slug["responder-quejas"] == (
        SITE_URL + "blog/2024/como-responder-a-las-quejas-sin-ponerse-a-la-defensiva/"
    )
    assert by_slug["medir-lo-que-importa"] == (
        SITE_URL + "blog/2024/metricas-que-medir-en-atencion-al-cliente/"
    )


def test_url_without_directory_urls_and_with_another_format() -> None:
    post = Post(title="Hola", date=dt.date(2023, 5, 6), body="", slug="hola")
    blog = BlogSettings(post_url_format="{date}/{slug}", use_directory_urls=False)
    assert post_url(post, "https://x.org/", blog) == "https://x.org/blog/2023/hola.html"
    blog = BlogSettings(post_url_date_format="yyyy/MM", blog_dir="noticias")
    assert post_url(post, "https://x.org", blog) == "https://x.org/noticias/2023/05/hola/"


def _post(body: str, **extra: object) -> Post:
    return Post(title="T", date=dt.date(2024, 1, 1), body=body, slug="t", extra=dict(extra))


@pytest.mark.parametrize(
    "body",
    [
        "palabra " * 10,
        "palabra " * 439,
        "palabra " * 440,
        "# Título\n\nUn *texto* con [enlace](x.md) y `código`.\n\n" + "otra palabra " * 300,
        "palabra " * 10 + "\n\n" + "\n\n".join("![x](a.png)" for _ in range(5)),
        "<script>var a = 1;</script>\n\n" + "palabra " * 230,
    ],
)
def test_reading_time_is_materials_rule(body: str) -> None:
    import markdown
    from material.plugins.blog.readtime import readtime

    expected = readtime(markdown.markdown(body), 220)
    assert reading_minutes(_post(body), 220) == expected >= 1


def test_reading_time_of_the_front_matter_wins() -> None:
    assert reading_minutes(_post("palabra " * 10, readtime=7), 220) == 7


def test_lead_related_come_from_the_related_engine(digest, settings: Settings) -> None:  # type: ignore[no-untyped-def]
    from bitacora.posts import iter_post_files, read_post

    posts = [read_post(p) for p in iter_post_files(settings.posts_dir)]
    published = [p for p in posts if not p.draft and p.date <= TODAY]
    expected = [
        link.slug for link in compute_related(published, settings.related)[digest.lead.slug]
    ]
    assert expected, "the fixture posts share enough words to relate the lead to something"
    assert [entry.slug for entry in digest.lead_related] == expected
    assert "post-del-futuro" not in expected


def test_empty_window_is_an_error(settings: Settings) -> None:
    window = DigestWindow(dt.date(2020, 1, 1), dt.date(2020, 1, 31))
    with pytest.raises(BitacoraError, match="no hay artículos publicados entre el 1 de enero"):
        select_digest(settings, window, today=TODAY, related=_related(settings))


def test_missing_site_url_is_an_error(settings: Settings) -> None:
    bare = dataclasses.replace(settings, site_url=None)
    with pytest.raises(BitacoraError, match="falta site_url"):
        select_digest(bare, WINDOW, today=TODAY, related=_related(settings))


def test_window_from_days_counts_until_inclusive() -> None:
    window = digest_window(today=TODAY, days=7)
    assert (window.since, window.until) == (dt.date(2024, 4, 4), TODAY)
    window = digest_window(today=TODAY, days=30, since=dt.date(2024, 1, 1))
    assert window.since == dt.date(2024, 1, 1)


# HTML part


class _Html(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {name: value or "" for name, value in attrs}))


def _tags(html: str) -> list[tuple[str, dict[str, str]]]:
    parser = _Html()
    parser.feed(html)
    return parser.tags


def _html(plan) -> str:  # type: ignore[no-untyped-def]
    return plan.files[plan.folder / "digest.html"]


def test_html_is_spanish_small_scriptless_and_table_based(plan) -> None:  # type: ignore[no-untyped-def]
    html = _html(plan)
    assert len(html.encode("utf-8")) < HTML_SIZE_LIMIT
    tags = _tags(html)
    names = [tag for tag, _ in tags]
    assert ("html", {"lang": "es", "dir": "ltr"}) in tags
    assert "script" not in names and "javascript:" not in html.lower()
    assert not any(
        attrs.get(a, "").startswith("on") for _, attrs in tags for a in attrs if a.startswith("on")
    )
    assert names.count("table") >= 2 and "div" in names
    sheet = next(attrs for tag, attrs in tags if "sheet" in attrs.get("class", ""))
    assert "max-width: 600px" in sheet["style"]
    # Outlook's Word engine ignores max-width: a fixed 600 px table only it reads.
    assert '<!--[if mso]><table role="presentation" width="600"' in html
    assert all(attrs.get("alt") for tag, attrs in tags if tag == "img")


def test_every_cell_sets_background_and_text_colour(plan) -> None:  # type: ignore[no-untyped-def]
    tags = _tags(_html(plan))
    cells = [attrs for tag, attrs in tags if tag == "td"]
    assert cells
    for attrs in cells:
        assert "background-color:" in attrs.get("style", ""), attrs
        assert re.search(r"(^|;)\s*color:", attrs["style"]), attrs
    metas = {attrs.get("name"): attrs.get("content") for tag, attrs in tags if tag == "meta"}
    assert metas["color-scheme"] == "light dark"
    assert "prefers-color-scheme: dark" in _html(plan)


def test_preheader_is_hidden_and_says_what_is_inside(plan) -> None:  # type: ignore[no-untyped-def]
    html = _html(plan)
    match = re.search(r'<div class="preheader" style="([^"]*)">([^<]*)</div>', html)
    assert match, "hidden preheader first in the body"
    assert "display: none" in match.group(1) and "mso-hide: all" in match.group(1)
    assert match.group(2).startswith("Cómo responder a las quejas sin ponerse a la defensiva")
    assert html.index('class="preheader"') < html.index('class="frame"')


def test_every_link_is_absolute(plan) -> None:  # type: ignore[no-untyped-def]
    links = [attrs["href"] for tag, attrs in _tags(_html(plan)) if tag == "a"]
    assert len(links) >= 8
    assert all(link.startswith("https://") for link in links), links
    assert SITE_URL + "boletin/2024-04-10/" in links


def test_css_is_inlined_not_left_in_style_blocks(plan) -> None:  # type: ignore[no-untyped-def]
    html = _html(plan)
    styles = re.findall(r"<style([^>]*)>(.*?)</style>", html, re.DOTALL)
    assert len(styles) == 1, "one kept block, for media queries only"
    attributes, css = styles[0]
    assert 'data-css-inline="keep"' in attributes
    assert css.count("@media") == 2 and ".masthead {" not in css


# Text part


def test_text_is_wrapped_at_78_with_links_listed(plan) -> None:  # type: ignore[no-untyped-def]
    text = plan.files[plan.folder / "digest.txt"]
    lines = text.splitlines()
    for line in lines:
        # Only a bare URL may be longer: breaking it would break the link.
        assert len(line) <= TEXT_WIDTH or re.fullmatch(r"https://\S+", line), line
    listed = dict(re.findall(r"^\[(\d+)\] (https://\S+)$", text, re.MULTILINE))
    for number, url in re.findall(r"^\[(\d+)\]\n(https://\S+)$", text, re.MULTILINE):
        listed[number] = url
    lead_url = SITE_URL + "blog/2024/como-responder-a-las-quejas-sin-ponerse-a-la-defensiva/"
    ref = re.search(r"Cómo responder a las quejas sin ponerse a la defensiva \[(\d+)\]", text)
    assert ref and listed[ref.group(1)] == lead_url
    assert "Quejas y reclamos" in text and "2 de abril de 2024 · Ana López y Carlos Ruiz" in text


def test_unsubscribe_link_encodes_the_address() -> None:
    link = unsubscribe_link("{site_url}baja/?email={email}", SITE_URL, "ana+boletin@example.org")
    assert link == SITE_URL + "baja/?email=ana%2Bboletin@example.org"


# The .eml


def _parse(raw: bytes) -> email.message.EmailMessage:
    return email.message_from_bytes(raw, policy=policy.default)  # type: ignore[return-value]


def test_eml_is_multipart_alternative_text_then_html(plan) -> None:  # type: ignore[no-untyped-def]
    raw = plan.files[plan.folder / "digest.eml"].encode("ascii")
    message = _parse(raw)
    assert message.get_content_type() == "multipart/alternative"
    parts = list(message.iter_parts())
    assert [part.get_content_type() for part in parts] == ["text/plain", "text/html"]
    assert all(part.get_content_charset() == "utf-8" for part in parts)
    assert parts[0].get_content().replace("\r\n", "\n") == plan.files[plan.folder / "digest.txt"]
    assert parts[1].get_content().replace("\r\n", "\n") == _html(plan)
    assert b"\r\n" in raw and all(len(line) <= 78 for line in raw.split(b"\r\n"))


def test_eml_headers(plan, settings: Settings) -> None:  # type: ignore[no-untyped-def]
    message = _parse(plan.files[plan.folder / "digest.eml"].encode("ascii"))
    subject = "Boletín de Bitácora de servicio al cliente: 10 de abril de 2024"
    assert message["Subject"] == subject
    assert "=?utf-8?" in plan.files[plan.folder / "digest.eml"].split("\r\n\r\n")[0]
    assert message["From"] == settings.digest.sender
    assert message["To"].addresses[0].addr_spec == "boletin@example.org"
    assert parsedate_to_datetime(message["Date"]) == dt.datetime(
        2024, 4, 10, 8, tzinfo=dt.timezone.utc
    )
    assert re.fullmatch(
        r"<boletin-2024-04-10\.[0-9a-f]{16}\.[0-9a-f]{10}@example\.org>", message["Message-ID"]
    )
    # Folded after the colon (RFC 5322 §2.2.3 keeps lines ≤ 78); unfolded it is the <URL>.
    expected = "<" + SITE_URL + "baja/?email=boletin@example.org>"
    assert message["List-Unsubscribe"].strip() == expected
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message["MIME-Version"] == "1.0"


def test_each_recipient_gets_their_own_unsubscribe_link_and_message_id(
    plan, settings: Settings
) -> None:  # type: ignore[no-untyped-def]
    ana = message_for(plan, settings, Address("Ana", addr_spec="ana@example.org"))
    luis = message_for(plan, settings, Address("Luis", addr_spec="luis@example.org"))
    assert ana["List-Unsubscribe"].strip() == "<" + SITE_URL + "baja/?email=ana@example.org>"
    assert ana["Message-ID"] != luis["Message-ID"]
    html = ana.get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert SITE_URL + "baja/?email=ana@example.org" in html
    assert "luis@example.org" not in html


def test_same_inputs_give_the_same_bytes(settings: Settings, plan) -> None:  # type: ignore[no-untyped-def]
    again = plan_digest(settings, WINDOW, today=TODAY)
    assert again.files == plan.files
    other = plan_digest(settings, DigestWindow(dt.date(2024, 1, 1), TODAY), today=TODAY)
    assert other.files[other.folder / "digest.eml"] != plan.files[plan.folder / "digest.eml"]


# Options, subscribers, SMTP environment


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("digest_sender", "boletín sin arroba", "no es una dirección de correo"),
        ("digest_unsubscribe_url", "{site_url}baja/", "debe contener {email}"),
        ("digest_unsubscribe_url", "baja?email={email}", "no da un enlace absoluto"),
        ("digest_subject", "Boletín {mes}", "«{mes}» no es un dato conocido"),
        ("digest_days", 0, "debe ser 1 o más"),
    ],
)
def test_digest_options_are_validated(option: str, value: object, message: str) -> None:
    config = BitacoraConfig()
    config.load_dict({option: value})
    errors, _ = config.validate()
    assert [name for name, _ in errors] == [option]
    assert message in str(errors[0][1])


def test_digest_options_reach_the_settings(tmp_path: Path) -> None:
    config_file = make_digest_site(tmp_path)
    text = config_file.read_text(encoding="utf-8").replace(
        "  - bitacora:\n", "  - bitacora:\n      digest_days: 7\n      digest_sender: B <b@ej.es>\n"
    )
    config_file.write_text(text, encoding="utf-8")
    settings = load_settings(config_file)
    assert (settings.digest.days, settings.digest.sender) == (7, "B <b@ej.es>")
    assert settings.blog.readtime_words_per_minute == 220


def test_subscribers_csv_skips_bad_and_repeated_lines_with_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text(
        "email,name\nana@example.org,Ana López\nno-es-correo,Luis\n\nANA@example.org,Otra\n"
        "eva@example.org\n",
        encoding="utf-8",
    )
    result = read_subscribers(path)
    assert [(s.email, s.name, s.line) for s in result.subscribers] == [
        ("ana@example.org", "Ana López", 2),
        ("eva@example.org", "", 6),
    ]
    assert [str(e) for e in result.skipped] == [
        f"{path.as_posix()}:3: «no-es-correo» no es una dirección de correo válida; se omite — "
        "corrígela (por ejemplo, nombre@dominio.es) y vuelve a enviar",
        f"{path.as_posix()}:5: «ANA@example.org» ya está en la línea 2; se envía una sola vez — "
        "borra la línea repetida",
    ]


def test_subscribers_csv_saved_by_a_spanish_spreadsheet(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_bytes("\ufeffNombre;Email\r\nPérez, Ana;ana@example.org\r\n".encode())
    result = read_subscribers(path)
    assert [(s.email, s.name) for s in result.subscribers] == [("ana@example.org", "Pérez, Ana")]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no existe el archivo de suscriptores"),
        (b"direccion,nombre\nana@example.org,Ana\n", "falta la columna «email»"),
        ("email\nlópez@example.org\n".encode("latin-1"), "no está en UTF-8"),
    ],
)
def test_unusable_subscribers_csv_is_an_error(
    tmp_path: Path, content: bytes | None, message: str
) -> None:
    path = tmp_path / "s.csv"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(BitacoraError, match=message):
        read_subscribers(path)


def test_smtp_settings_come_from_the_environment() -> None:
    settings = smtp_settings_from_env({"BITACORA_SMTP_HOST": "smtp.example.org"})
    assert (settings.host, settings.port, settings.security) == (
        "smtp.example.org",
        587,
        "starttls",
    )
    settings = smtp_settings_from_env(
        {
            "BITACORA_SMTP_HOST": "h",
            "BITACORA_SMTP_SECURITY": "SSL",
            "BITACORA_SMTP_USER": "u",
            "BITACORA_SMTP_PASSWORD": "s3cr3t",
        }
    )
    assert (settings.port, settings.security, settings.user) == (465, "ssl", "u")
    assert settings.password == "s3cr3t" and "s3cr3t" not in repr(settings)


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({}, "BITACORA_SMTP_HOST está vacía"),
        ({"BITACORA_SMTP_HOST": "h", "BITACORA_SMTP_SECURITY": "tls"}, "usa starttls, ssl o none"),
        ({"BITACORA_SMTP_HOST": "h", "BITACORA_SMTP_PORT": "x"}, "no es un puerto"),
        ({"BITACORA_SMTP_HOST": "h", "BITACORA_SMTP_USER": "u"}, "van juntas"),
    ],
)
def test_bad_smtp_environment_is_an_error(env: dict[str, str], message: str) -> None:
    with pytest.raises(BitacoraError, match=message):
        smtp_settings_from_env(env)


def test_a_second_send_of_the_same_digest_at_once_is_refused(tmp_path: Path) -> None:
    from bitacora.digest.send import SendLog, SmtpSettings, Subscriber, send_digest

    log = SendLog(tmp_path / ".envios.jsonl")
    subscriber = Subscriber("ana@example.org", "Ana", 2)

    def never_connect(settings: SmtpSettings):  # type: ignore[no-untyped-def]
        raise AssertionError("a refused run must not connect")

    with log.exclusive(), pytest.raises(BitacoraError, match="otro envío de este boletín"):
        send_digest(
            [subscriber],
            lambda s: None,  # type: ignore[arg-type,return-value]
            SmtpSettings("127.0.0.1", 25, "none"),
            log,
            connect=never_connect,
        )
