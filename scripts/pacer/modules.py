"""Find the courses and their modules (courseN/NN-slug/index.md) in number order."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pacer.contract import MODULE_FOLDER


@dataclass
class Module:
    course: str        # "course2"
    folder: Path
    number: int        # 1 for 01-...
    meta: dict         # its front matter ({} when it cannot be read)

    @property
    def key(self) -> str:
        """The module's identity on the site and in the browser: 'course2/01-interviewing'."""
        return f"{self.course}/{self.folder.name}"

    @property
    def src(self) -> str:
        """The page's path as MkDocs knows it: 'course2/01-interviewing/index.md'."""
        return f"{self.key}/index.md"

    @property
    def title(self) -> str:
        return str(self.meta.get("title") or self.folder.name)


def module_folders(course_folder: Path) -> list[Path]:
    """The folders that follow the NN-slug naming, in name (number) order."""
    if not course_folder.is_dir():
        return []
    return sorted(p for p in course_folder.iterdir() if p.is_dir() and MODULE_FOLDER.match(p.name))


def modules(root: Path, course: str, read_meta) -> list[Module]:
    """The course's modules that have an index.md; ``read_meta(path)`` returns a dict."""
    found = []
    for folder in module_folders(root / course):
        index = folder / "index.md"
        if index.is_file():
            found.append(Module(course, folder, int(folder.name[:2]), read_meta(index)))
    return found
