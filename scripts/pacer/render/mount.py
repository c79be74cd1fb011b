"""The course folders (course1/ .. course3/), mounted into the site at /course1/ .. /course3/.

The course folders sit beside docs/ so that each course team owns one folder. Their files
(pages, notebooks, images, data) join the build's files with edit links that point at their
real path in the repository.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from pacer.model import hidden
from pacer.paths import COURSES
from pacer.rules import message


def _mounted(path: Path, root: Path) -> bool:
    return not any(hidden(part) for part in path.relative_to(root).parts)


def mount_courses(files: Files, config, root: Path) -> None:
    """Add every file of the course folders to ``files``; a missing folder or a clash stops the build."""
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


def course_folders(root: Path) -> list[Path]:
    """The course folders `mkdocs serve` watches (a save there rebuilds the site)."""
    return [root / course for course in COURSES if (root / course).is_dir()]
