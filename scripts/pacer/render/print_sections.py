"""A module page as a section of its course's printable page (render/print_pages.py).

Headings move one level down (the course is the page's title), ids get the page's name in
front (so two modules' "Activity" headings do not clash), relative links are made to work from
the print page's own folder, self-checks become questions with an answer key, and the
journal's prompts lose their marks (journal.py), so no text box is added to them.
"""

from __future__ import annotations

import functools
import posixpath
from html import escape
from urllib.parse import urljoin, urlsplit

from lxml import html
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from pacer.render import journal

DROPPED = ".md-content__button, .headerlink, .pacer-progress, .md-source-file, .pacer-parts, .pacer-view-switch"
URL_ATTRIBUTES = ("href", "src", "poster", "data")


def section(output: str, page_file: File, print_file: File) -> str:
    """The page's article as a section of the printable course."""
    return _section(output, page_file.src_uri, page_file.name, page_file.dest_uri, print_file.dest_uri)


# A pure function of its arguments, kept for the life of the process: under `mkdocs serve` every
# rebuild hands most pages back unchanged.
@functools.lru_cache(maxsize=256)
def _section(output: str, src_uri: str, name: str, dest_uri: str, print_dest_uri: str) -> str:
    slug = src_uri.split("/")[1] + ("" if name == "index" else f"--{name}")
    tree = html.fromstring(output)
    found = tree.cssselect("article.md-content__inner")
    if not found:
        raise PluginError(f"{src_uri}: its built page has no article; the theme may have changed.")
    article = found[0]
    for element in article.cssselect(DROPPED):
        element.drop_tree()
    journal.unmarked(article)  # no text boxes for notes on paper
    _demote_headings(article)
    _self_checks_with_answer_key(article)
    _prefix_ids(article, slug)
    _rebase_urls(article, posixpath.dirname(dest_uri), posixpath.dirname(print_dest_uri))
    article.tag = "section"
    article.attrib.clear()
    article.set("class", "pacer-print-module")
    article.set("id", slug)
    return html.tostring(article, encoding="unicode")


def _self_checks_with_answer_key(article) -> None:
    """On paper a self-check is its question and options; the answers go to a key at the end."""
    checks = article.cssselect(".pacer-self-check")
    if not checks:
        return
    key = html.fragment_fromstring('<section class="pacer-answer-key"><h3>Answer key</h3></section>')
    for check in checks:
        for element in check.cssselect("input, button, .pacer-self-check__result, .pacer-self-check__feedback"):
            element.drop_tree()
        for label in check.cssselect("label"):
            label.tag = "span"
            label.attrib.pop("for", None)
        for answers in check.cssselect("details.pacer-self-check__answers"):
            summary = answers.find("summary")
            title = summary.text_content().replace("Show the answers for ", "").strip() if summary is not None else ""
            if summary is not None:
                summary.drop_tree()
            answers.tag = "div"
            answers.attrib.clear()
            heading = html.fragment_fromstring(f"<h4>{escape(title[:1].upper() + title[1:])}</h4>")
            answers.insert(0, heading)
            answers.getparent().remove(answers)
            key.append(answers)
    article.append(key)


def _demote_headings(article) -> None:
    for level in range(5, 0, -1):  # h5 -> h6 first, so no heading is moved twice
        for heading in article.iter(f"h{level}"):
            heading.tag = f"h{level + 1}"


def _prefix_ids(article, slug: str) -> None:
    for element in article.iter():
        for attribute in ("id", "for", "aria-labelledby", "aria-describedby", "aria-controls"):
            value = element.get(attribute)
            if value:
                element.set(attribute, " ".join(f"{slug}--{part}" for part in value.split()))
        href = element.get("href")
        if href and href.startswith("#") and len(href) > 1:
            element.set("href", f"#{slug}--{href[1:]}")


def _rebase_urls(article, module_dir: str, print_dir: str) -> None:
    """Make relative URLs written for the module's folder work from the print page's folder."""
    base = f"http://site.invalid/{module_dir}/" if module_dir else "http://site.invalid/"
    for element in article.iter():
        for attribute in URL_ATTRIBUTES:
            value = element.get(attribute)
            if not value or value.startswith("#") or urlsplit(value).scheme or value.startswith("/"):
                continue
            absolute = urlsplit(urljoin(base, value))
            relative = posixpath.relpath(absolute.path.lstrip("/") or ".", print_dir or ".")
            if absolute.path.endswith("/") and not relative.endswith("/"):
                relative += "/"
            element.set(attribute, relative + (f"?{absolute.query}" if absolute.query else "")
                        + (f"#{absolute.fragment}" if absolute.fragment else ""))
        srcset = element.get("srcset")
        if srcset:
            element.attrib.pop("srcset")  # print uses src; a stale srcset would point elsewhere
