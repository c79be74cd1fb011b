"""MkDocs hook: one printable page per course, with all its modules, at courseN/print/.

Learners who read on paper (or save a PDF with ``make pdf``) get each course as one page.
The page is generated (no file to maintain): ``on_files`` adds it, the course page links to it,
``on_post_page`` keeps each module page's and worked example's rendered HTML (as the build
made it, never re-read from disk), and ``on_post_build`` fills the print page with them, in
module order (which modules, and in which order, comes from the curriculum model). Inside it,
headings move one level down (the course is the page's title), ids get the page's name in
front (so two modules' "Activity" headings do not clash), relative links are made to work from
the print page's own folder, self-checks become questions with an answer key, and pages that
cannot be printed (notebooks) are listed with their web address. The page is left out of
search and of the navigation.
"""

from __future__ import annotations

import posixpath
import re
from html import escape, unescape
from urllib.parse import urljoin, urlsplit

from lxml import html
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

from pacer import build, site

PLACEHOLDER = "pacer-print-modules"
DROPPED = ".md-content__button, .headerlink, .pacer-progress, .md-source-file, .pacer-parts"
URL_ATTRIBUTES = ("href", "src", "poster", "data")



def _print_page_markdown(course: str, title: str) -> str:
    return (
        "---\n"
        f"title: {_yaml_string(title + ': every module on one page')}\n"
        "search:\n  exclude: true\n"
        "hide:\n  - navigation\n  - toc\n"
        "---\n\n"
        "This page holds every module of the course, in order, for printing or for saving as a "
        "PDF. Use your browser's Print command; collapsed blocks are printed open.\n\n"
        f'<div class="{PLACEHOLDER}" data-course="{course}"></div>\n'
    )


def _yaml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def on_files(files: Files, config) -> Files:
    state = build.state(config)
    for course in state.curriculum.courses.values():
        if files.get_file_from_path(f"{course.name}/index.md") is None:
            continue
        src = f"{course.name}/print.md"
        if files.get_file_from_path(src) is not None:
            raise PluginError(f"{src}: this name is kept for the course's printable page. Rename the file.")
        file = File.generated(config, src, content=_print_page_markdown(course.name, course.title),
                              inclusion=InclusionLevel.NOT_IN_NAV)
        files.append(file)
        state.print_files[course.name] = file
    return files


def on_page_content(content: str, page, config, files) -> str:
    """Link each course page to its printable page."""
    print_files = build.state(config).print_files
    course = page.file.src_uri.split("/")[0]
    if page.file.src_uri != f"{course}/index.md" or course not in print_files:
        return content
    target = print_files[course].url_relative_to(page.file)
    return content + (
        f'\n<p class="pacer-print-link"><a href="{target}">Print this course or save it as a PDF '
        "(every module on one page)</a></p>\n"
    )


def on_post_page(output: str, page, config) -> str:
    """Keep the rendered HTML of the pages a printable course holds."""
    state = build.state(config)
    src = page.file.src_uri
    if state.curriculum.module_of(src) is None:
        return output
    if src.endswith(".md"):
        state.rendered[src] = (output, page.file)
    else:  # a notebook: the print copy gives its title and address instead
        state.notebook_titles[src] = (unescape(page.title or ""), (config.site_url or "") + page.url)
    return output


def on_post_build(config) -> None:
    state = build.state(config)
    for course, print_file in state.print_files.items():
        path = f"{config.site_dir}/{print_file.dest_uri}"
        with open(path, encoding="utf-8") as handle:
            document = handle.read()
        sections = []
        for module in state.curriculum.courses[course].modules:
            sources = [module.src] + sorted(state.curriculum.shown(p.path) for p in module.pages)
            sections += [_page_section(*state.rendered[src], print_file) for src in sources if src in state.rendered]
            sections += [_online_only(state, notebook, print_file) for notebook in module.notebooks]
        marker = re.compile(rf'<div class="{PLACEHOLDER}"[^>]*>\s*</div>')
        if not marker.search(document):
            raise PluginError(f"{print_file.src_uri}: the printable page lost its placeholder; the theme may have changed.")
        document = marker.sub(lambda _: "\n".join(sections), document, count=1)
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(document)


def _online_only(state, notebook, print_file: File) -> str:
    """A page the print copy cannot hold: its title and its full web address."""
    src = state.curriculum.shown(notebook)
    rendered = state.notebook_titles.get(src)
    title, address = rendered if rendered else (notebook.stem.replace("-", " ").capitalize(), "")
    where = f' at <a href="{escape(address)}" {site.SHOWS_ADDRESS}>{escape(address)}</a>' if address else ""
    return (f'<section class="pacer-print-online-only"><p><strong>Online only:</strong> the worked analysis '
            f'"{escape(title)}" is on the website{where}.</p></section>')


def _page_section(output: str, page_file: File, print_file: File) -> str:
    slug = page_file.src_uri.split("/")[1] + ("" if page_file.name == "index" else f"--{page_file.name}")
    tree = html.fromstring(output)
    found = tree.cssselect("article.md-content__inner")
    if not found:
        raise PluginError(f"{page_file.src_uri}: its built page has no article; the theme may have changed.")
    article = found[0]
    for element in article.cssselect(DROPPED):
        element.drop_tree()
    _demote_headings(article)
    _self_checks_with_answer_key(article)
    _prefix_ids(article, slug)
    _rebase_urls(article, posixpath.dirname(page_file.dest_uri), posixpath.dirname(print_file.dest_uri))
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
