"""MkDocs hook: one printable page per course, with all its modules, at courseN/print/.

Learners who read on paper (or save a PDF with ``make pdf``) get each course as one page.
The page is generated (no file to maintain): ``on_files`` adds it, the course page links to it,
``on_post_page`` keeps each module page's and worked example's rendered HTML (as the build
made it, never re-read from disk), and ``on_post_build`` fills the print page with them, in
module order (which modules, and in which order, comes from the curriculum model), each made a
section by scripts/pacer/print_sections.py. Pages that cannot be printed (notebooks) are
listed with their web address. The page is left out of search and of the navigation.
"""

from __future__ import annotations

import re
from html import escape, unescape

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

from pacer import build
from pacer.render import print_sections
from pacer.render import site

PLACEHOLDER = "pacer-print-modules"



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
            sections += [print_sections.section(*state.rendered[src], print_file) for src in sources if src in state.rendered]
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
