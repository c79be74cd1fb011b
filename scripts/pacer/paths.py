"""Where things are in the repository."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
DATA = DOCS / "_data"
COURSES = ("course1", "course2", "course3")
BIBLIOGRAPHY = DATA / "bibliography.yml"
GLOSSARY = DATA / "glossary.yml"


def rel(path: Path, root: Path = ROOT) -> str:
    """A path as shown to people: relative to the repository, with forward slashes."""
    try:
        return Path(path).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return Path(path).as_posix()


def is_notebook(path: Path) -> bool:
    """Course notebooks are jupytext .py files; a name starting with "_" marks a helper module
    that notebooks import (published for download, not a page)."""
    return path.suffix == ".py" and not path.name.startswith("_")
