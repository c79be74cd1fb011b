"""Read a built site and check every link, anchor and asset in its pages.

Each HTML page is parsed once with lxml. Every address a reader can follow or a browser will
fetch (a[href], img[src|srcset], source[src|srcset], link[href], script[src], iframe[src],
video/audio[src] and a few more) is resolved the way a browser would resolve it on the
published site, which lives under the path of ``site_url`` (for example /pacer-curriculum/).
Links to other hosts are collected for the optional external check, not judged here.
"""

from __future__ import annotations

import os
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import etree

# element -> the attributes that hold an address
LINK_ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "a": ("href",), "area": ("href",), "link": ("href",),
    "img": ("src", "srcset"), "source": ("src", "srcset"),
    "script": ("src",), "iframe": ("src",), "embed": ("src",), "track": ("src",),
    "video": ("src", "poster"), "audio": ("src",),
}
NAVIGATION_TAGS = {"a", "area"}  # followed by the reader; everything else is fetched by the browser
NAVIGATION_RELS = {"canonical", "alternate", "prev", "next", "help", "license", "author", "edit"}
# The parts of a Material page that come from templates even though they sit inside the article.
TEMPLATE_BUTTON, TEMPLATE_ASIDE = "md-content__button", "md-source-file"
CONTENT_CLASS = "md-content__inner"

# The link checker's problem codes; every message also says what to do.
MISSING_PAGE = "LNK101"
MISSING_ANCHOR = "LNK102"
MISSING_ASSET = "LNK103"
BAD_SRCSET = "LNK104"
EMPTY_ADDRESS = "LNK105"
JAVASCRIPT_URL = "LNK106"
BAD_MAILTO = "LNK107"
BAD_TEL = "LNK108"
MALFORMED_URL = "LNK109"
EXTERNAL_BROKEN = "LNK201"  # --external only

EMAIL = re.compile(r"^[^@\s<>(),;:\"\[\]]+@[^@\s<>(),;:\"\[\]]+\.[A-Za-z]{2,}$")
TEL_GLOBAL = re.compile(r"^\+[0-9][0-9().\- ]*[0-9](;[A-Za-z0-9-]+(=[^;]*)?)*$")
TEL_LOCAL = re.compile(r"^[0-9*#][0-9*#().\- ]*(;[A-Za-z0-9-]+(=[^;]*)?)*;phone-context=[^;]+(;.*)?$")
SRCSET_DESCRIPTOR = re.compile(r"^(?:\d+w|\d+h|(?:\d+\.?\d*|\.\d+)x)$")


@dataclass
class Link:
    """One address found in one page."""
    page: str            # the built page, relative to the site folder (about/faq/index.html)
    tag: str
    attribute: str
    value: str           # exactly as written in the page (one candidate of a srcset)
    line: int            # line in the built page
    in_template: bool    # outside the page's own content: header, nav, footer, <head> ...
    is_asset: bool = False  # fetched by the browser (image, script, stylesheet), not followed by the reader


@dataclass
class Finding:
    """A problem with one link, before it is traced back to a source file."""
    link: Link
    code: str
    detail: str          # what is wrong and what to do
    target: str = ""     # the resolved address, so one template fault on many pages is one problem


@dataclass
class Page:
    path: str
    anchors: set[str]
    links: list[Link]
    base: str | None = None  # from <base href>, rarely present


@dataclass
class Stats:
    pages: int = 0
    links: int = 0
    anchors_checked: int = 0
    anchors_known: int = 0
    external: int = 0


@dataclass
class Site:
    """The built site: every file in it, and every page parsed."""
    root: Path
    base_path: str = "/"          # the path of site_url: /pacer-curriculum/
    site_host: str = ""           # the host of site_url, lower case
    files: set[str] = field(default_factory=set)
    folders: set[str] = field(default_factory=set)
    pages: dict[str, Page] = field(default_factory=dict)


def _has_class(element, name: str) -> bool:
    return name in (element.get("class") or "").split()


def _content_links(document) -> set | None:
    """The link elements of the page's own content; None when the page has no Material article."""
    article = next((a for a in document.iter("article") if _has_class(a, CONTENT_CLASS)), None)
    if article is None:
        return None  # not a Material page: treat everything as content
    content = {e for e in article.iter(*LINK_ATTRIBUTES) if not _has_class(e, TEMPLATE_BUTTON)}
    for aside in article.iter("aside"):  # the "last update" line under the content
        if _has_class(aside, TEMPLATE_ASIDE):
            content.difference_update(aside.iter(*LINK_ATTRIBUTES))
    return content


def _is_asset(element) -> bool:
    if element.tag in NAVIGATION_TAGS:
        return False
    if element.tag == "link":
        return not (set((element.get("rel") or "").lower().split()) & NAVIGATION_RELS)
    return True


def parse_srcset(value: str) -> tuple[list[str], list[str]]:
    """The URLs of a srcset and the faults in it, after HTML's "parse a srcset attribute"."""
    if not value.strip():
        return [], ["the srcset is empty"]
    urls, faults, sizes = [], [], set()
    text, position, end = value, 0, len(value)
    while True:
        start = position
        while position < end and (text[position].isspace() or text[position] == ","):
            position += 1
        if "," in text[start:position]:
            faults.append("the srcset has an empty entry (a comma with no image before it)")
        if position >= end:
            break
        start = position
        while position < end and not text[position].isspace():
            position += 1
        url, descriptors = text[start:position], ""
        if url.endswith(","):
            if url.endswith(",,"):
                faults.append("the srcset has an empty entry (two commas in a row)")
            url = url.rstrip(",")
        else:
            start, depth = position, 0
            while position < end and (text[position] != "," or depth):
                depth += {"(": 1, ")": -1}.get(text[position], 0)
                position += 1
            descriptors = text[start:position]
            position += 1  # the comma
        urls.append(url)
        words = descriptors.split()
        for word in words:
            if not SRCSET_DESCRIPTOR.match(word):
                faults.append(f"'{word}' after {url} is not a width (like 400w) or a density (like 2x)")
        if len(words) > 1:
            faults.append(f"{url} has more than one size ('{' '.join(words)}'): give one, like 2x")
        size = words[0] if len(words) == 1 else "1x"
        if size in sizes and len(words) <= 1:
            faults.append(f"two images in the srcset have the same size {size}: give each its own")
        sizes.add(size)
    return urls, faults


def parse_page(site_root: Path, path: str) -> tuple[Page, list[Finding]]:
    """Read one built page: its anchors (ids and a[name]) and its links."""
    parser = etree.HTMLParser(remove_comments=True, remove_pis=True)
    page = Page(path, set(), [])
    findings: list[Finding] = []
    try:
        document = etree.parse(str(site_root / path), parser).getroot()
    except (OSError, etree.LxmlError):
        document = None  # an empty or unreadable file: no anchors, no links
    if document is None:
        return page, findings
    page.anchors.update(document.xpath("//@id"))
    page.anchors.update(document.xpath("//a/@name"))
    base = document.find(".//head/base")
    if base is not None and base.get("href"):
        page.base = base.get("href").strip()
    content = _content_links(document)  # lxml keeps one proxy per element while referenced
    for element in document.iter(*LINK_ATTRIBUTES):
        for attribute in LINK_ATTRIBUTES[element.tag]:
            value = element.get(attribute)
            if value is None:
                continue
            in_template = content is not None and element not in content
            line = element.sourceline or 1
            if attribute == "srcset":
                urls, faults = parse_srcset(value)
                for fault in faults:
                    findings.append(Finding(Link(path, element.tag, attribute, value, line, in_template, True),
                                            BAD_SRCSET, f"{fault}. Write it as 'image.png 1x, image@2x.png 2x'.", value))
                page.links += [Link(path, element.tag, attribute, url, line, in_template, True) for url in urls]
            else:
                page.links.append(Link(path, element.tag, attribute, value, line, in_template, _is_asset(element)))
    return page, findings


def load_site(root: Path, site_url: str = "") -> tuple[Site, list[Finding]]:
    parts = urlsplit(site_url or "")
    base_path = parts.path if parts.path.endswith("/") else parts.path + "/"
    site = Site(root, base_path, parts.netloc.lower())
    findings: list[Finding] = []
    for folder, subfolders, names in os.walk(root):
        relative = Path(folder).relative_to(root).as_posix()
        prefix = "" if relative == "." else relative + "/"
        site.folders.update(prefix + name for name in subfolders)
        site.files.update(prefix + name for name in names)
    for path in sorted(name for name in site.files if name.endswith(".html")):
        page, problems = parse_page(root, path)
        site.pages[path] = page
        findings += problems
    return site, findings


# --- resolving one address --------------------------------------------------------------------

@dataclass
class Resolved:
    kind: str                 # "internal", "external", "skip" or "error"
    path: str = ""            # internal: the file in the site (about/index.html)
    fragment: str = ""
    url: str = ""             # external: the address to request
    code: str = ""            # error: the problem code
    detail: str = ""


def _file_for(site: Site, path: str) -> str | None:
    """The file a web server would send for a site path (a folder means its index.html)."""
    path = unquote(path)
    if path in ("", ".") or path.endswith("/"):
        index = path.rstrip("/") + "/index.html" if path.strip("./") else "index.html"
        return index if index in site.files else None
    if path in site.files:
        return path
    if path in site.folders and f"{path}/index.html" in site.files:
        return f"{path}/index.html"
    return None


def _check_mailto(parts) -> str:
    addresses = [a for a in unquote(parts.path).split(",") if a.strip()]
    if not addresses and "to=" not in parts.query:
        return "the mailto: link has no address. Write it as mailto:name@example.org."
    bad = [a for a in addresses if not EMAIL.match(a.strip())]
    if bad:
        return f"'{bad[0].strip()}' is not an email address. Write it as mailto:name@example.org."
    return ""


def _check_tel(parts) -> str:
    number = unquote(parts.path).strip()
    if TEL_GLOBAL.match(number) or TEL_LOCAL.match(number):
        return ""
    return (f"'{number}' is not a phone number a phone can dial. Write it in international form "
            "with digits and dashes, like tel:+1-403-555-0100.")


def resolve(site: Site, page: Page, value: str, attribute: str = "href", is_asset: bool = False) -> Resolved:
    """Where an address in ``page`` leads, as a browser on the published site would see it."""
    text = value.strip()
    if not text:
        return Resolved("error", code=EMPTY_ADDRESS,
                        detail=f"the {attribute} is empty, so it points back at this page. "
                               "Give the address, or remove the element.")
    try:
        parts = urlsplit(text)
    except ValueError as error:
        return Resolved("error", code=MALFORMED_URL, detail=f"the address cannot be read ({error}). Fix its spelling.")
    scheme = parts.scheme.lower()
    if scheme == "javascript":
        return Resolved("error", code=JAVASCRIPT_URL,
                        detail="a javascript: link does nothing when scripts are off and confuses screen readers. "
                               "Link to a page, or use a <button>.")
    if scheme == "mailto":
        problem = _check_mailto(parts)
        return Resolved("error", code=BAD_MAILTO, detail=problem) if problem else Resolved("skip")
    if scheme == "tel":
        problem = _check_tel(parts)
        return Resolved("error", code=BAD_TEL, detail=problem) if problem else Resolved("skip")
    if scheme in ("http", "https", "") and parts.netloc:
        if site.site_host and parts.netloc.lower() == site.site_host and (parts.path + "/").startswith(site.base_path):
            return _internal(site, parts.path[len(site.base_path):], parts.fragment)  # our own site_url
        return Resolved("external", url=text if scheme else "https:" + text)
    if scheme:
        return Resolved("skip")  # data:, ftp:, an app's own scheme ...: nothing to check here
    if parts.path.startswith("/"):
        if not (parts.path + "/").startswith(site.base_path):
            return Resolved("error", code=MISSING_ASSET if is_asset else MISSING_PAGE,
                            detail=f"this address starts with '/', so on the published site it leaves the site, "
                                   f"which lives under {site.base_path}. Use a relative address "
                                   f"(in Markdown, link to the .md file).")
        inside = parts.path[len(site.base_path):]
        if inside == "." or inside.endswith("/."):  # "folder/." is the folder, as a browser reads it
            inside = inside[:-1]
        return _internal(site, inside, parts.fragment)
    if not parts.path:
        return _internal(site, page.path, parts.fragment)  # "#part" or "?q": this page
    folder = _base_folder(site, page)
    joined = posixpath.normpath(posixpath.join(folder, parts.path))
    if joined == ".." or joined.startswith("../"):
        return Resolved("error", code=MISSING_ASSET if is_asset else MISSING_PAGE,
                        detail="this address climbs above the top of the site (too many '../'). Remove one '../'.")
    if joined == ".":
        joined = ""
    elif parts.path.endswith("/") or parts.path.endswith("/.") or parts.path in (".", ".."):
        joined += "/"
    return _internal(site, joined, parts.fragment)


def _base_folder(site: Site, page: Page) -> str:
    """The folder relative addresses start from: the page's own, or its <base href>."""
    folder = posixpath.dirname(page.path)
    if not page.base:
        return folder
    parts = urlsplit(page.base)
    if parts.netloc or parts.path.startswith("/"):
        if parts.netloc and parts.netloc.lower() != site.site_host or not parts.path.startswith(site.base_path):
            return folder  # a base on another host: its links are not this site's to check
        path = parts.path[len(site.base_path):]
    else:
        path = posixpath.join(folder, parts.path)
    base_folder = posixpath.normpath(path if path.endswith("/") else posixpath.dirname(path) or ".")
    return "" if base_folder == "." else base_folder


def _internal(site: Site, path: str, fragment: str) -> Resolved:
    found = _file_for(site, path)
    if found is None:
        return Resolved("internal", path="", fragment=unquote(fragment), detail=unquote(path) or "index.html")
    return Resolved("internal", path=found, fragment=unquote(fragment))


def anchor_exists(page: Page, fragment: str) -> bool:
    # An empty fragment, "top" (HTML's scroll-to-top) and text fragments always work in a browser.
    return (not fragment or fragment.lower() == "top" or fragment.startswith(":~:")
            or fragment in page.anchors)


def check_site(site: Site, stats: Stats) -> tuple[list[Finding], list[tuple[Link, str]]]:
    """Every internal problem in the site, and the links to other hosts (for --external)."""
    findings: list[Finding] = []
    external: list[tuple[Link, str]] = []
    cache: dict[tuple, Resolved] = {}
    for page in site.pages.values():
        stats.pages += 1
        stats.anchors_known += len(page.anchors)
        folder = posixpath.dirname(page.path)
        for link in page.links:
            stats.links += 1
            # Addresses resolve the same way from every page of a folder, except "#part" and "".
            same_page = not link.value.strip() or link.value.lstrip()[:1] in ("#", "?")
            key = (page.path if same_page or page.base else folder, link.value, link.attribute, link.is_asset)
            result = cache.get(key)
            if result is None:
                result = cache[key] = resolve(site, page, link.value, link.attribute, link.is_asset)
            if result.kind == "error":
                findings.append(Finding(link, result.code, result.detail, link.value.strip()))
            elif result.kind == "external":
                stats.external += 1
                external.append((link, result.url))
            elif result.kind == "internal":
                findings += _check_internal(site, page, link, result, stats)
    return findings, external


def _one_level_up_hint(site: Site, page: Page, link: Link) -> str:
    """Raw HTML in page.md is published in page/index.html, one folder deeper than the .md file."""
    value = link.value.strip()
    if not page.path.endswith("/index.html") or value.startswith(("/", "#")) or urlsplit(value).scheme:
        return ""
    parent = Page(posixpath.dirname(page.path) + ".html", set(), [])
    if resolve(site, parent, value, link.attribute, link.is_asset).path:
        return (f"The page is published as a folder ({posixpath.dirname(page.path)}/), so from there "
                f"this file is at '../{value}'. ")
    return ""


def _check_internal(site: Site, page: Page, link: Link, result: Resolved, stats: Stats) -> list[Finding]:
    if not result.path:
        extension = posixpath.splitext(result.detail.rstrip("/"))[1]
        what = "file" if link.is_asset or extension not in ("", ".html") else "page"
        return [Finding(link, MISSING_ASSET if link.is_asset else MISSING_PAGE,
                        f"the {what} it points to ({result.detail}) is not in the built site. "
                        f"{_one_level_up_hint(site, page, link)}Fix the address, or add the missing {what}.",
                        result.detail)]
    if not result.fragment or not result.path.endswith(".html"):
        return []
    stats.anchors_checked += 1
    target = site.pages.get(result.path)
    if target is None or anchor_exists(target, result.fragment):
        return []
    where = "this page" if result.path == page.path else result.path
    return [Finding(link, MISSING_ANCHOR,
                    f"there is no '#{result.fragment}' on {where}. Use the id of a heading on that page "
                    f"(it shows in the address bar when you click the heading's link symbol), "
                    f"or remove the '#...' part.", f"{result.path}#{result.fragment}")]
