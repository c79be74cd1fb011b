"""One printable page per course, with all its modules, at courseN/print/.

Learners who read on paper (or save a PDF with ``make pdf``) get each course as one page. The
page is generated (no file to maintain): ``add_files`` adds it, the course page links to it
(``link_html``), the build keeps each module page's and worked example's rendered HTML as it
made it (never re-read from disk), and ``fill`` puts them in the print page in module order,
each made a section by print_sections.py. Pages that cannot be printed (notebooks) are listed
with their web address. The page is left out of search and of the navigation.
"""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

from pacer.model import Curriculum
from pacer.render import print_sections
from pacer.render.content import SHOWS_ADDRESS

PLACEHOLDER = "pacer-print-modules"


def _yaml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _markdown(course: str, title: str) -> str:
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


def add_files(files: Files, config, curriculum: Curriculum) -> dict[str, File]:
    """A print page for each course that has a course page; course -> its File."""
    added = {}
    for course in curriculum.courses.values():
        if files.get_file_from_path(f"{course.name}/index.md") is None:
            continue
        src = f"{course.name}/print.md"
        if files.get_file_from_path(src) is not None:
            raise PluginError(f"{src}: this name is kept for the course's printable page. Rename the file.")
        file = File.generated(config, src, content=_markdown(course.name, course.title),
                              inclusion=InclusionLevel.NOT_IN_NAV)
        files.append(file)
        added[course.name] = file
    return added


def link_html(print_files: dict[str, File], page_file: File) -> str:
    """The link from a course page to its printable page ("" on any other page)."""
    course = page_file.src_uri.split("/")[0]
    if page_file.src_uri != f"{course}/index.md" or course not in print_files:
        return ""
    target = print_files[course].url_relative_to(page_file)
    return (f'\n<p class="pacer-print-link"><a href="{escape(target)}">Print this course or save it as a PDF '
            "(every module on one page)</a></p>\n")


def fill(site_dir: str, print_files: dict[str, File], curriculum: Curriculum, rendered: dict, notebook_titles: dict) -> None:
    """Put the rendered modules of each course into its print page."""
    for course, print_file in print_files.items():
        path = Path(site_dir) / print_file.dest_uri
        document = path.read_text(encoding="utf-8")
        sections = []
        for module in curriculum.courses[course].modules:
            sources = [module.src] + sorted(curriculum.shown(p.path) for p in module.pages)
            sections += [print_sections.section(*rendered[src], print_file) for src in sources if src in rendered]
            sections += [_online_only(curriculum.shown(nb), nb, notebook_titles) for nb in module.notebooks]
        marker = re.compile(rf'<div class="{PLACEHOLDER}"[^>]*>\s*</div>')
        if not marker.search(document):
            raise PluginError(f"{print_file.src_uri}: the printable page lost its placeholder; the theme may have changed.")
        path.write_text(marker.sub(lambda _: "\n".join(sections), document, count=1), encoding="utf-8")


def _online_only(src: str, notebook: Path, notebook_titles: dict) -> str:
    """A page the print copy cannot hold: its title and its full web address."""
    title, address = notebook_titles.get(src) or (notebook.stem.replace("-", " ").capitalize(), "")
    where = f' at <a href="{escape(address)}" {SHOWS_ADDRESS}>{escape(address)}</a>' if address else ""
    return (f'<section class="pacer-print-online-only"><p><strong>Online only:</strong> the worked analysis '
            f'"{escape(title)}" is on the website{where}.</p></section>')
