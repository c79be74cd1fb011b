"""MkDocs hook: mount course1/ .. course3/ into the site at /course1/ .. /course3/.

The course folders sit beside docs/ so that each course team owns one folder. This hook
adds their files (pages, notebooks, images, data) to the build, points each page's edit
link at its real path in the repository, and builds each course's navigation: the course
index, then one section per module folder (NN-slug) in number order.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from pacer import build
from pacer.model import Curriculum, hidden
from pacer.paths import COURSES, is_notebook
from pacer.rules import message
from pacer.safety.text import plain_title


def _is_page(path: Path) -> bool:
    return path.suffix == ".md" or is_notebook(path)


def _mounted(path: Path, root: Path) -> bool:
    return not any(hidden(part) for part in path.relative_to(root).parts)


# Runs before scripts/hooks/notebooks.py's on_files (priority 0), so course notebooks become pages.
@event_priority(50)
def on_files(files: Files, config) -> Files:
    root = Path(config.config_file_path).resolve().parent
    docs_rel = Path(config.docs_dir).resolve().relative_to(root).as_posix()
    for course in COURSES:
        folder = root / course
        if not folder.is_dir():
            raise PluginError(f"{course}/:1:1: BLD005 " + message("BLD005", f"the course folder {course}/ is missing"))
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and _mounted(p, root)):
            src = path.relative_to(root).as_posix()
            clash = files.get_file_from_path(src)
            if clash is not None:
                raise PluginError(f"{src}:1:1: BLD006 " + message(
                    "BLD006", f"this course file would be published at the same address as {docs_rel}/{clash.src_uri}"))
            file = File(src, src_dir=str(root), dest_dir=config.site_dir,
                        use_directory_urls=config.use_directory_urls)
            # Edit links are edit_uri (which points into docs/) + this, so step out of docs/.
            file.edit_uri = posixpath.relpath(src, docs_rel)
            files.append(file)
    config.nav = _expand_course_nav(config.nav, build.state(config).curriculum)
    return files


def on_serve(server, config, builder):
    """Reload `mkdocs serve` when a file in a course folder changes."""
    root = Path(config.config_file_path).resolve().parent
    for course in COURSES:
        if (root / course).is_dir():
            server.watch(str(root / course))
    return server


def _course_nav(course: str, curriculum: Curriculum) -> list:
    """The navigation of one course: its pages, then one section per module, from the model."""
    model = curriculum.courses[course]
    pages = [f"{course}/index.md"] + [curriculum.shown(p.path) for p in model.pages]
    pages += [curriculum.shown(p) for p in model.notebooks]
    for module in model.modules:
        others = [curriculum.shown(p.path) for p in module.pages] + [curriculum.shown(p) for p in module.notebooks]
        module_pages = ([module.src] if module.page else []) + sorted(others)
        # Navigation titles are plain text (the theme prints them as they are).
        pages.append({f"{module.number}. {plain_title(module.title)}": module_pages})
    return pages


def _expand_course_nav(nav, curriculum: Curriculum):
    """Replace each nav entry that points at courseN/index.md with the whole course."""
    if not nav:
        return nav
    expanded = []
    for item in nav:
        if isinstance(item, dict) and len(item) == 1:
            (title, target), = item.items()
            course = target.split("/")[0] if isinstance(target, str) else None
            if course in COURSES and target == f"{course}/index.md":
                item = {title: _course_nav(course, curriculum)}
        expanded.append(item)
    return expanded
