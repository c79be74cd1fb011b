"""MkDocs hook: mount course1/ .. course3/ into the site at /course1/ .. /course3/.

The course folders sit beside docs/ so that each course team owns one folder. This hook
adds their files (pages, notebooks, images, data) to the build, points each page's edit
link at its real path in the repository, and builds each course's navigation: the course
index, then one section per module folder (NN-slug) in number order.
"""

from __future__ import annotations

import posixpath
import re
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from pacer.frontmatter import title_of  # noqa: E402
from pacer.paths import COURSES, is_notebook  # noqa: E402

MODULE_FOLDER = re.compile(r"^\d\d-[a-z0-9-]+$")
SKIPPED_PARTS = {"__pycache__", ".ipynb_checkpoints"}


def _is_page(path: Path) -> bool:
    return path.suffix == ".md" or is_notebook(path)


def _mounted(path: Path, root: Path) -> bool:
    parts = path.relative_to(root).parts
    return not any(part.startswith(".") or part in SKIPPED_PARTS for part in parts)


# Runs before mkdocs-jupyter's on_files (priority 0), so course notebooks are seen by it.
@event_priority(50)
def on_files(files: Files, config) -> Files:
    root = Path(config.config_file_path).resolve().parent
    docs_rel = Path(config.docs_dir).resolve().relative_to(root).as_posix()
    for course in COURSES:
        folder = root / course
        if not folder.is_dir():
            raise PluginError(
                f"{course}/: the course folder is missing. Restore it from git "
                f"(git checkout -- {course}) or create it with an index.md."
            )
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and _mounted(p, root)):
            src = path.relative_to(root).as_posix()
            clash = files.get_file_from_path(src)
            if clash is not None:
                raise PluginError(
                    f"{src}: this course file would be published at the same address as "
                    f"{docs_rel}/{clash.src_uri}. Rename or remove one of the two files."
                )
            file = File(src, src_dir=str(root), dest_dir=config.site_dir,
                        use_directory_urls=config.use_directory_urls)
            # Edit links are edit_uri (which points into docs/) + this, so step out of docs/.
            file.edit_uri = posixpath.relpath(src, docs_rel)
            files.append(file)
    config.nav = _expand_course_nav(config.nav, root)
    return files


def on_serve(server, config, builder):
    """Reload `mkdocs serve` when a file in a course folder changes."""
    root = Path(config.config_file_path).resolve().parent
    for course in COURSES:
        if (root / course).is_dir():
            server.watch(str(root / course))
    return server


def _course_nav(course: str, root: Path) -> list:
    """The navigation of one course: its pages, then one section per module folder."""
    folder = root / course
    pages = [f"{course}/index.md"] + [
        f"{course}/{p.name}" for p in sorted(folder.iterdir())
        if p.is_file() and _is_page(p) and p.name != "index.md"
    ]
    for module in sorted(p for p in folder.iterdir() if p.is_dir() and MODULE_FOLDER.match(p.name)):
        index = module / "index.md"
        title = title_of(index, module.name)
        number = int(module.name[:2])
        module_pages = [f"{course}/{module.name}/index.md"] if index.exists() else []
        module_pages += [
            f"{course}/{module.name}/{p.relative_to(module).as_posix()}"
            for p in sorted(module.rglob("*"))
            if p.is_file() and _is_page(p) and p != index and _mounted(p, root)
        ]
        pages.append({f"{number}. {title}": module_pages})
    return pages


def _expand_course_nav(nav, root: Path):
    """Replace each nav entry that points at courseN/index.md with the whole course."""
    if not nav:
        return nav
    expanded = []
    for item in nav:
        if isinstance(item, dict) and len(item) == 1:
            (title, target), = item.items()
            course = target.split("/")[0] if isinstance(target, str) else None
            if course in COURSES and target == f"{course}/index.md":
                item = {title: _course_nav(course, root)}
        expanded.append(item)
    return expanded
