"""When files last changed, from git: the date a download carries as its version.

A download made from a file (a workbook template, a worksheet and its data) carries the date
of that file's last commit as its created and modified dates, so rebuilding it on another day
or computer gives it the same properties.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path


def version_date(root: Path, *paths: Path) -> dt.date:
    """The date of the last commit that changed any of ``paths`` (any file when none); the
    build date outside git or for files git does not know yet."""
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%cs", *(["--", *map(str, paths)] if paths else [])],
                             cwd=root, capture_output=True, text=True, timeout=30)
        return dt.date.fromisoformat(out.stdout.strip())
    except (OSError, ValueError, subprocess.SubprocessError):
        return dt.date.today()


def stamp(date: dt.date) -> dt.datetime:
    """Noon of ``date``: a document's created and modified time, on that day in every time zone."""
    return dt.datetime.combine(date, dt.time(12))
