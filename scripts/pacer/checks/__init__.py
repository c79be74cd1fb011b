"""The module checker's checks, one module per concern, sharing one context.

``scripts/check_modules.py`` reads the curriculum once (scripts/pacer/model.py) and hands each
file to the checks for its kind: ``layout`` (course and module folders), ``pages`` (text,
citations, headings and blocks), ``markup`` (raw HTML, images and links), ``learning`` (parts,
self-checks, model answers and facilitator notes), ``notebooks`` and ``data`` (synthetic data).
Each check adds problems to the context; none changes a file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pacer import model
from pacer.model.frontmatter import read_text
from pacer.report import Problem


@dataclass
class Context:
    root: Path
    curriculum: model.Curriculum
    problems: list[Problem] = field(default_factory=list)

    def shown(self, path: Path) -> str:
        try:
            return Path(path).resolve().relative_to(self.root).as_posix()
        except ValueError:
            return Path(path).as_posix()

    @property
    def bibliography(self):
        return self.curriculum.bibliography

    def read(self, path: Path) -> tuple[str | None, str]:
        """A file's text (None when it cannot be read: the problem is recorded) and its shown path."""
        shown = self.shown(path)
        text, problems = read_text(path, shown)
        self.problems += problems
        return text, shown
