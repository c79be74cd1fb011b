"""One output format for every check: ``path:line:column: CODE message``.

Under GitHub Actions (GITHUB_ACTIONS=true) each problem is also printed as an
``::error`` workflow command, so it shows on the pull request's diff.
Exit status: 0 clean, 1 problems found, 2 the check could not run.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass

EXIT_CLEAN, EXIT_PROBLEMS, EXIT_CANNOT_RUN = 0, 1, 2


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    column: int
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.code} {self.message}"

    def annotation(self) -> str:
        # Workflow commands need %, CR and LF escaped in the message.
        text = f"{self.code} {self.message}".replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::error file={self.path},line={self.line},col={self.column}::{text}"


def emit(problems: list[Problem], out=None) -> int:
    """Print problems sorted by place and return the exit status."""
    out = out or sys.stdout
    github = os.environ.get("GITHUB_ACTIONS") == "true"
    for problem in sorted(set(problems)):
        print(problem, file=out)
        if github:
            print(problem.annotation(), file=out)
    return EXIT_PROBLEMS if problems else EXIT_CLEAN
