"""HTML articles (saved web pages): trafilatura finds the article, this module writes Markdown.

Input: a decoded `RawSource` holding a web page. Output: an `Article`. trafilatura (a
well-kept boilerplate remover) picks the article out of menus, sidebars and footers and
reads the page's metadata (title, author, date, description, site name); the Markdown is
written here from its XML so that every piece of page text is escaped and nothing from the
page (scripts, event handlers, remote images) reaches the site as markup. Every block of
visible text that did not make it into the article is reported with its source line.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from urllib.parse import urlparse

import lxml.html
import trafilatura
from lxml import etree

from bitacora.errors import BitacoraError
from bitacora.importer.article import Article, describe
from bitacora.importer.dates import find_spanish_date
from bitacora.importer.people import AuthorInfo, looks_like_name, person_name_case
from bitacora.importer.privacy import redact_text, redacted_item, redacted_line
from bitacora.importer.read import RawSource
from bitacora.importer.rules import NoiseRules
from bitacora.importer.structure import EXCERPT_MARKER, escape_markdown
from bitacora.model import Derivation, Removal
from bitacora.spanish import fold

__all__ = ["parse_html_article"]

_BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "td", "th", "figcaption")
_INVISIBLE = ("script", "style", "noscript", "template", "svg", "head")
_SPACES = re.compile(r"\s+")
_VISIBLE_TEXT = ".//text()[not(" + " or ".join(f"ancestor::{tag}" for tag in _INVISIBLE) + ")]"


def _text(node: etree._Element) -> str:
    return _SPACES.sub(" ", "".join(node.itertext())).strip()


def _redact(text: str) -> str:
    return redact_text(text)[0]


def _personal_data_removals(raw_text: str, texts: list[str]) -> list[Removal]:
    """Each phone number and e-mail address taken out of the kept text, at its source line."""
    removals = []
    for text in texts:
        for item in redact_text(text)[1]:
            at = raw_text.find(item)
            line = raw_text.count("\n", 0, at) + 1 if at >= 0 else 1
            removals.append(redacted_item(line, item))
    return removals


def _image(node: etree._Element, warnings: list[str]) -> str:
    """An image as Markdown text: never embedded from another host, never without its alt."""
    alt = (node.get("alt") or node.get("title") or "").strip()
    src = node.get("src") or ""
    if not alt:
        warnings.append(f"imagen sin texto alternativo no incluida: {src}")
        return ""
    # Embedding a remote image would make every reader's browser call that host:
    # the image becomes a link to it, with its alt text, and the report says so.
    if _is_web_link(src):
        warnings.append(f"imagen externa enlazada, no incrustada (privacidad): {src}")
        return f"[Imagen: {escape_markdown(alt)}](<{src}>)"
    # A path of the original site ("/img/portada.jpg"): its file does not come with the
    # saved page, and a caption standing for it would open the post (and its excerpt).
    warnings.append(
        f"imagen de la página no incluida (su archivo no viene con ella): {src} «{alt}»"
    )
    return ""


def _inline(node: etree._Element, warnings: list[str] | None = None) -> str:
    """Markdown for a block's inline content: text escaped, emphasis, links and images kept."""
    warnings = [] if warnings is None else warnings
    parts = [escape_markdown(_redact(node.text or ""))]
    for child in node:
        inner = _inline(child, warnings)
        if child.tag == "graphic":  # an image inside a paragraph, not a block of its own
            parts.append(_image(child, warnings))
        elif child.tag == "hi" and inner.strip():
            mark = "**" if "#b" in (child.get("rend") or "") else "*"
            parts.append(f"{mark}{inner.strip()}{mark}")
        elif child.tag == "ref" and _is_web_link(child.get("target")):
            parts.append(f"[{inner.strip()}](<{child.get('target')}>)")
        elif child.tag == "lb":
            parts.append(" ")
        else:
            parts.append(inner)
        parts.append(escape_markdown(_redact(child.tail or "")))
    return _SPACES.sub(" ", "".join(parts)).strip()


def _is_label(block: str) -> bool:
    """A kicker: a paragraph of at most four words without sentence punctuation."""
    return (
        not block.startswith(("#", ">", "-", "[", "!"))
        and len(block.split()) <= 4
        and not block.rstrip().endswith((".", ":", ";", ",", "?", "!"))
    )


def _is_web_link(target: str | None) -> bool:
    return bool(target) and urlparse(target or "").scheme in ("http", "https")


_DECK_MIN_WORDS = 12
_DATE_LINE_SCAN = 4  # blocks under the title where a page prints its date
_DATE_LINE_WORDS = 10
_DATE_SEARCH = {"extensive_search": False, "original_date": True}


def _heading_level(block: str) -> int:
    """A Markdown heading block's level; 0 for any other block."""
    marks = len(block) - len(block.lstrip("#"))
    return marks if 0 < marks <= 6 and block[marks : marks + 1] == " " else 0


class _Writer:
    def __init__(self, title: str | None, rules: NoiseRules) -> None:
        self.title = fold(title or "")
        self.rules = rules
        self.blocks: list[str] = []
        self.kept_text: list[str] = []
        self.warnings: list[str] = []
        self.first_h1: str | None = None
        self.kickers: list[str] = []
        self.heading_texts: dict[str, str] = {}  # heading block → its text in the page
        self.deck = ""  # a subtitle printed as a heading above the text

    def write(self, node: etree._Element) -> None:
        # The same noise rules as for copied text: what trafilatura keeps can still hold a
        # share bar or a "También te puede interesar" block; what they drop is reported.
        for child in node:
            text = _text(child)
            if self.blocks and self.rules.cut_rule_for(text) is not None:
                return
            if child.tag in ("p", "head") and self.rules.line_rule_for(text) is not None:
                continue
            if child.tag == "head" and self.rules.box_rule_for(text) is not None:
                continue  # "Te recomendamos" over a box of links trafilatura left out
            if child.tag == "p" and _is_contact_block(text):
                continue  # reported by `_removed_blocks`, as the .txt importer reports it
            handler = getattr(self, f"_{child.tag}", None)
            if handler is not None:
                handler(child)
                if text != self.deck:  # the deck leaves the text: see parse_html_article
                    self.kept_text.append(text)

    def _head(self, node: etree._Element) -> None:
        level = int((node.get("rend") or "h2").lstrip("h") or 2)
        text = _inline(node)
        if not text:
            return
        if level == 1:
            self.first_h1 = self.first_h1 or _text(node)
            if fold(_text(node)) == self.title or not self.blocks:
                self._take_kickers()
                return  # the title is the post's title, not a heading of its body
        plain = _text(node)
        if not self.blocks and len(plain.split()) >= _DECK_MIN_WORDS and plain[-1:] in ".!?…":
            # A sentence in a heading above the text: the page's subtitle (deck), not a
            # section. It is what the page says the article is about.
            self.deck = self.deck or plain
            return
        block = f"{'#' * max(2, min(level, 6))} {text}"
        self.blocks.append(block)
        self.heading_texts[block] = _text(node)

    def _drop_empty_headings(self) -> None:
        """A heading with nothing under it before the next heading of its level or above
        ("Te recomendamos", whose links the rules took): a label left by a removed box. It
        leaves too, and the report lists it with what the page lost."""
        kept: list[str] = []
        for index, block in enumerate(self.blocks):
            level = _heading_level(block)
            following = self.blocks[index + 1] if index + 1 < len(self.blocks) else None
            if level and (following is None or 0 < _heading_level(following) <= level):
                text = self.heading_texts.get(block)
                if text in self.kept_text:
                    self.kept_text.remove(text)
                continue
            kept.append(block)
        self.blocks = kept

    def _take_kickers(self) -> None:
        """Short labels printed above the title ("Métricas", "Opinión") are the page's section
        or category, not the article's first paragraph: they leave the body (and are reported
        as removed) and become category hints."""
        if not self.blocks or not all(_is_label(block) for block in self.blocks):
            return
        for block in self.blocks:
            self.kickers.append(block)
            if block in self.kept_text:
                self.kept_text.remove(block)
        self.blocks.clear()

    def _p(self, node: etree._Element) -> None:
        text = _inline(node, self.warnings)
        if text:
            self.blocks.append(text)

    def _quote(self, node: etree._Element) -> None:
        # The attribution often follows the quoted paragraph as bare text ("— Janelle Barlow").
        parts = [escape_markdown(_redact(node.text or "")).strip()]
        for child in node:
            parts += [_inline(child, self.warnings), escape_markdown(_redact(child.tail or ""))]
        lines = [line.strip() for line in parts if line.strip()]
        lines = lines or [_inline(node, self.warnings)]
        if any(lines):
            self.blocks.append("\n>\n".join(f"> {line}" for line in lines if line))

    def _list(self, node: etree._Element) -> None:
        lines = self._list_lines(node, 0)
        if lines:
            self.blocks.append("\n".join(lines))

    def _list_lines(self, node: etree._Element, depth: int) -> list[str]:
        """A list's items, each list inside an item indented under it (four spaces a level,
        as Python-Markdown nests lists)."""
        if node.get("rend") == "dl":
            return ["    " * depth + line for line in self._definition_lines(node)]
        ordered = (node.get("rend") or "").startswith("ol")
        lines: list[str] = []
        number = 0
        for item in node:
            if item.tag != "item":
                continue
            nested = [child for child in item if child.tag == "list"]
            for child in nested:  # read apart, then put back: the item's own text first
                item.remove(child)
            text = _inline(item, self.warnings)
            if text:
                number += 1
                lines.append("    " * depth + (f"{number}. {text}" if ordered else f"- {text}"))
            for child in nested:
                lines += self._list_lines(child, depth + 1)
        return lines

    def take_date_line(self) -> tuple[dt.date | None, str]:
        """A date line among the first blocks ("Publicado: 3 de julio de 2024", "Marzo de
        2024"): the date, and the line, which leaves the text. (None, "") without one."""
        for block in self.blocks[:_DATE_LINE_SCAN]:
            plain = block.strip("*_ ")
            if len(plain.split()) > _DATE_LINE_WORDS:
                continue
            found = find_spanish_date(plain)
            if found is None or len(found.before.split()) > 2 or len(found.after.split()) > 3:
                continue
            self.blocks.remove(block)
            original = next((t for t in self.kept_text if fold(t) == fold(plain)), None)
            if original is not None:
                self.kept_text.remove(original)
            return found.date, original or plain
        return None, ""

    def _definition_lines(self, node: etree._Element) -> list[str]:
        """A definition list (`<dl>`, read as items `dt-N` and `dd-N`): one item per term,
        "**Term:** definition", as the importer writes any list of labelled items."""
        lines: list[str] = []
        term = ""
        for item in node:
            kind = (item.get("rend") or "").split("-", 1)[0]
            text = _inline(item, self.warnings)
            if kind == "dt":
                if term:
                    lines.append(f"- **{term}**")  # a term without its definition
                term = text.rstrip(":")
            elif term and text:
                lines.append(f"- **{term}:** {text}")
                term = ""
            elif text:
                lines.append(f"- {text}")
        if term:
            lines.append(f"- **{term}**")
        return lines

    def _graphic(self, node: etree._Element) -> None:
        image = _image(node, self.warnings)
        if image:
            self.blocks.append(image)

    def _table(self, node: etree._Element) -> None:
        rows = [[_inline(cell, self.warnings) for cell in row] for row in node if row.tag == "row"]
        rows = [row for row in rows if any(row)]
        if not rows:
            return
        width = max(len(row) for row in rows)
        if width > 1 and len(rows) > 2 and sum(1 for cell in rows[0] if cell) == 1:
            # A <caption> comes as a first row of one cell: it titles the table.
            self.blocks.append(f"*{next(cell for cell in rows[0] if cell)}*")
            rows = rows[1:]
        rows = [row + [""] * (width - len(row)) for row in rows]
        lines = ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows]
        lines.insert(1, "|" + " --- |" * width)
        self.blocks.append("\n".join(lines))

    def _code(self, node: etree._Element) -> None:
        code = "".join(node.itertext()).strip("\n")
        if code.strip():
            self.blocks.append(f"```text\n{code.replace('```', '` ` `')}\n```")

    def markdown(self) -> str:
        self._drop_empty_headings()
        parts = list(self.blocks)
        # The lead is the first paragraph of text: not a heading, a quote or a picture.
        not_lead = ("#", ">", "![", "[Imagen", "*Imagen")
        lead = next((i for i, block in enumerate(parts) if not block.startswith(not_lead)), 0)
        parts.insert(lead + 1 if parts else 0, EXCERPT_MARKER)
        return "\n\n".join(parts) + "\n"


def _page_tree(page: str) -> etree._Element | None:
    try:
        return lxml.html.fromstring(page)
    except (etree.ParserError, ValueError):
        return None


def _article_tags(tree: etree._Element | None) -> tuple[str, ...]:
    """The post's own tag links (`rel="tag"` inside its <article>): trafilatura also takes
    those of the sidebar's tag cloud, which name every topic of the blog."""
    if tree is None:
        return ()
    links = tree.xpath("//article//a[contains(concat(' ', @rel, ' '), ' tag ')]")
    return tuple(dict.fromkeys(_text(link) for link in links if _text(link)))


def _embedded_media(tree: etree._Element | None) -> list[str]:
    """A warning for each embedded player (YouTube, Vimeo…): it is not brought in, since it
    would load from another host for every reader."""
    if tree is None:
        return []
    return [
        f"vídeo o contenido incrustado no incluido (se cargaría de otro sitio): "
        f"{frame.get('title') or 'sin título'} — {frame.get('src')}"
        for frame in tree.iter("iframe")
        if _is_web_link(frame.get("src"))
    ]


def _visible_blocks(page: str) -> list[tuple[int, str, str]]:
    """(source line, tag, text) of every block of visible text in the page."""
    try:
        tree = lxml.html.fromstring(page)
    except (etree.ParserError, ValueError):
        return []
    found = []
    for element in tree.iter(*_BLOCKS, *_INVISIBLE):
        if element.tag in _INVISIBLE:
            text = _text(element)
            if text and element.tag in ("script", "style"):
                found.append((element.sourceline or 0, element.tag, text[:120]))
            continue
        if any(parent.tag in _INVISIBLE for parent in element.iterancestors()):
            continue
        # What a reader sees: a <script> inside a paragraph is reported once, as code.
        text = _SPACES.sub(" ", "".join(element.xpath(_VISIBLE_TEXT))).strip()
        if text:
            found.append((element.sourceline or 0, element.tag, text))
    return found


def _is_contact_block(text: str) -> bool:
    """A paragraph that was there only to give a phone or an e-mail (see `privacy`)."""
    return redacted_line(0, text)[0] == ""


def _removed_blocks(page: str, kept_text: str, rules: NoiseRules) -> list[Removal]:
    kept = fold(_SPACES.sub(" ", kept_text))
    removals = []
    for line, tag, text in _visible_blocks(page):
        if tag in ("script", "style"):
            removals.append(Removal(line, text, "script", "código de la página, nunca se publica"))
        elif fold(text) not in kept and _is_contact_block(text):
            removals.append(Removal(line, text, "datos-personales", "línea de contacto"))
        elif fold(text) not in kept:
            rule = rules.line_rule_for(text)
            reason = rule.reason if rule else "fuera del artículo (menú, barra lateral, pie…)"
            removals.append(Removal(line, text[:300], rule.id if rule else "pagina", reason))
    return removals


def _authors(value: str | None) -> list[AuthorInfo]:
    names = [name.strip() for name in re.split(r"[;,]| y ", value or "") if name.strip()]
    return [AuthorInfo(person_name_case(name)) for name in names if looks_like_name(name)]


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat((value or "")[:10])
    except ValueError:
        return None


# Note boxes of blog platforms (Ghost's kg-callout, WordPress and Docusaurus admonitions):
# trafilatura drops a <div> of text as layout. As paragraphs they stay in the article.
_NOTE_BOX = re.compile(r"callout|admonition|notice|alert|wp-block-tip|note-box", re.I)
_BLOCK_CHILDREN = {"div", "p", "ul", "ol", "table", "section", "aside", "figure", "blockquote"}


def _note_boxes_as_paragraphs(tree: etree._Element) -> bool:
    """Each note box that holds only text made a paragraph; whether there was any."""
    boxes = [
        element
        for element in tree.iter("div", "aside")
        if _NOTE_BOX.search(element.get("class") or "")
        and not any(child.tag in _BLOCK_CHILDREN for child in element)
        and _text(element)
    ]
    for box in boxes:
        box.tag = "p"
    return bool(boxes)


# What a table cell holds when the table lays a page out (e-mail newsletters, old sites)
# instead of showing data: headings, lists, quotes, other tables, or a whole section of
# text. A paragraph alone proves nothing: Google Docs wraps every cell's text in one.
_LAYOUT_CONTENT = ("h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "blockquote", "table")
_CELL_MAX_WORDS = 80


def _own(table: etree._Element, *tags: str) -> list[etree._Element]:
    """The elements of `table` itself, not of a table nested in one of its cells."""
    return [
        element
        for element in table.iter(*tags)
        if element is table
        or (element.tag != "table" and next(element.iterancestors("table"), None) is table)
    ]


def _is_layout_table(table: etree._Element) -> bool:
    if (table.get("role") or "").lower() == "presentation":
        return True
    cells = _own(table, "td", "th")
    for cell in cells:
        if any(cell.find(f".//{tag}") is not None for tag in _LAYOUT_CONTENT):
            return True
        if len(_text(cell).split()) > _CELL_MAX_WORDS:
            return True
    rows = _own(table, "tr")
    return bool(rows) and all(len(row.findall("td")) + len(row.findall("th")) <= 1 for row in rows)


def _layout_tables_unwrapped(tree: etree._Element) -> bool:
    """Tables that lay the page out become plain boxes (their text, headings and lists stay
    what they are); data tables stay tables, even inside a layout one. Whether there was
    any."""
    layout = [table for table in tree.iter("table") if _is_layout_table(table)]
    # Every element first, then renamed: a renamed table would hide whose its rows are.
    parts = [_own(table, "table", "thead", "tbody", "tfoot", "tr", "td", "th") for table in layout]
    for elements in parts:
        for element in elements:
            element.tag = "div"
    return bool(layout)


def _prepared_page(page: str, tree: etree._Element | None) -> str:
    """The page as trafilatura should read it: note boxes as paragraphs, layout tables as
    boxes; the page itself when it has neither."""
    if tree is None:
        return page
    changed = _note_boxes_as_paragraphs(tree)
    changed = _layout_tables_unwrapped(tree) or changed
    return str(lxml.html.tostring(tree, encoding="unicode")) if changed else page


def _relabelled(removals: list[Removal], text: str, rule: str, reason: str) -> list[Removal]:
    """The removals with the one of `text` reported as what it is (a deck, a date line), not
    as a part of the page outside the article."""
    return [
        replace(r, rule=rule, reason=reason) if fold(r.text) == fold(text) else r for r in removals
    ]


def parse_html_article(raw: RawSource, rules: NoiseRules) -> Article:
    """Turn a saved web page into an article."""
    tree = _page_tree(raw.text)  # parsed once: read first, then its note boxes rewritten
    own_tags, media = _article_tags(tree), _embedded_media(tree)
    page = _prepared_page(raw.text, tree)
    try:
        # Dates from the page's metadata only (meta tags, <time>, JSON-LD, its address): a
        # search of the whole markup takes any date-like string for the publication's,
        # such as Word's "schemas.microsoft.com/office/2004/12/omml".
        meta = trafilatura.bare_extraction(
            page, with_metadata=True, date_extraction_params=_DATE_SEARCH
        )
        xml = trafilatura.extract(
            page,
            output_format="xml",
            include_comments=False,
            include_tables=True,
            include_formatting=True,
            include_links=True,
            include_images=True,
        )
    # trafilatura and htmldate assume well-formed trees: on some broken markup they fail with
    # an internal AssertionError or lxml error. That is this file's error, not a crash.
    except Exception as error:  # noqa: BLE001
        raise BitacoraError(
            raw.path,
            None,
            f"la página está tan mal formada que no se puede analizar ({type(error).__name__})",
            "guarda de nuevo la página completa desde el navegador, o copia su texto en un .txt",
        ) from error
    if not xml or meta is None:
        raise BitacoraError(
            raw.path,
            None,
            "no se encontró el texto de un artículo en la página",
            "guarda la página completa del artículo (Archivo › Guardar como) o copia su texto "
            "en un .txt",
        )
    title = (getattr(meta, "title", None) or "").strip() or None
    writer = _Writer(title, rules)
    writer.warnings += media
    main = etree.fromstring(xml.encode("utf-8")).find("main")
    writer.write(main if main is not None else etree.Element("main"))
    date = _date(getattr(meta, "date", None))
    dated_line = ""
    if date is None:  # no date in the page's metadata: the one printed under the title
        date, dated_line = writer.take_date_line()
    body = writer.markdown()
    derived: list[Derivation] = []
    title = title or writer.first_h1
    if not title:
        raise BitacoraError(
            raw.path, None, "la página no tiene título", "añade un <title> o un <h1> al archivo"
        )
    derived.append(Derivation("title", title, "título de la página (metadatos)"))
    authors = _authors(getattr(meta, "author", None))
    source = getattr(meta, "sitename", None) or getattr(meta, "hostname", None)
    for field, value in (("authors", authors), ("date", date), ("source", source)):
        if field == "date" and dated_line:
            derived.append(Derivation("date", str(value), f"fecha del texto «{dated_line}»"))
        elif value:
            shown = ", ".join(a.name for a in authors) if field == "authors" else str(value)
            derived.append(Derivation(field, shown, "metadatos de la página"))
    description = getattr(meta, "description", None) or writer.deck
    plain = " ".join(writer.kept_text)
    removals = _removed_blocks(raw.text, f"{title} {plain}", rules)
    if writer.deck:
        used = description == writer.deck
        reason = (
            "subtítulo: pasa a description"
            if used
            else "subtítulo (la página ya trae su descripción)"
        )
        removals = _relabelled(removals, writer.deck, "entradilla", reason)
    if dated_line:
        removals = _relabelled(removals, dated_line, "fecha", "línea de fecha (pasa al campo date)")
    removals += _personal_data_removals(raw.text, [*writer.kept_text, description])
    removals.sort(key=lambda removal: removal.line)
    return Article(
        title=title,
        body=body,
        date=date,
        authors=authors,
        source=source,
        categories=tuple(getattr(meta, "categories", None) or ()) + tuple(writer.kickers),
        tags=own_tags or tuple(getattr(meta, "tags", None) or ()),
        description=describe(_redact(description)) if description else "",
        removals=removals,
        derived=derived,
        warnings=writer.warnings,
    )
