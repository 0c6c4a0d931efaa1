"""Read a built site without a browser: every page's links, resources and anchors.

`broken_links` finds internal links to missing files or anchors; `foreign_resources` finds
anything a page would load from another host (the privacy promise: zero third-party requests).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

# Tags whose attribute the browser fetches by itself when the page loads.
_RESOURCES = {("img", "src"), ("script", "src"), ("iframe", "src"), ("source", "src")}
_LOADED_LINK_RELS = {"stylesheet", "icon", "preload", "prefetch", "preconnect", "manifest"}
_BASE = "http://site.test/"


@dataclass
class PageLinks:
    ids: set[str] = field(default_factory=set)
    links: list[str] = field(default_factory=list)  # <a href>, <link href>
    resources: list[str] = field(default_factory=list)  # loaded without a click


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = PageLinks()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        for key in ("id", "name"):
            if key in values and tag != "meta":
                self.page.ids.add(values[key])
        if tag == "a" and "href" in values:
            self.page.links.append(values["href"])
        if tag == "link" and "href" in values:
            self.page.links.append(values["href"])
            if set(values.get("rel", "").split()) & _LOADED_LINK_RELS:
                self.page.resources.append(values["href"])
        for name, attribute in _RESOURCES:
            if tag == name and values.get(attribute):
                self.page.resources.append(values[attribute])


def parse_page(path: Path) -> PageLinks:
    parser = _Parser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.page


def _page_url(site: Path, path: Path) -> str:
    return _BASE + path.relative_to(site).as_posix()


def _target_file(site: Path, url: str) -> Path | None:
    """The file a same-site URL serves, as http.server would; None if none."""
    target = site / unquote(urlsplit(url).path[len("/") :])
    if target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


def _is_internal(url: str) -> bool:
    return url.startswith(_BASE)


def broken_links(site: Path) -> list[str]:
    """'page → link (why)' for every internal link whose file or anchor does not exist."""
    pages = {path: parse_page(path) for path in sorted(site.rglob("*.html"))}
    problems = []
    for path, page in pages.items():
        # 404.html is served at any depth, so its links are root-absolute.
        base = _BASE if path.name == "404.html" else _page_url(site, path)
        for link in page.links + page.resources:
            if link.startswith(("mailto:", "tel:", "javascript:")):
                continue
            url = urljoin(base, link)
            if not _is_internal(url):
                continue
            target = _target_file(site, url)
            where = f"{path.relative_to(site)} → {link}"
            if target is None:
                problems.append(f"{where} (no such file)")
                continue
            fragment = unquote(urlsplit(url).fragment)
            if fragment and target.suffix == ".html":
                target_page = pages.get(target) or parse_page(target)
                if fragment not in target_page.ids:
                    problems.append(f"{where} (no anchor #{fragment})")
    return problems


def foreign_resources(site: Path) -> list[str]:
    """'page → URL' for everything a page loads from a host other than the site."""
    found = []
    for path in sorted(site.rglob("*.html")):
        for resource in parse_page(path).resources:
            url = urljoin(_page_url(site, path), resource)
            if urlsplit(url).scheme in ("http", "https") and not _is_internal(url):
                found.append(f"{path.relative_to(site)} → {resource}")
    return found
