"""When files last changed, from git: the date a page shows and a download carries.

Every page shows the day its source last changed ("Last update" under the article), and a
download made from a file (a workbook template, a worksheet and its data) carries that day as
its created and modified dates, so rebuilding it on another day or computer gives it the same
properties. A day is the author date of the file's last commit, in the program's time zone
(Calgary: America/Edmonton). A file git does not know yet, or a folder outside git, has the
build's day.

The whole history is read with one ``git log`` per build (``History``): asking git once per
file, as a plugin for this did, started about 230 git processes in a build.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path
from zoneinfo import ZoneInfo

TIMEZONE = ZoneInfo("America/Edmonton")
COMMIT = "\x01"  # starts each commit in the log below; git never writes it in a path it lists


def today() -> dt.date:
    return dt.datetime.now(TIMEZONE).date()


class History:
    """Each file's last commit under ``root``, from one ``git log``: newest first, as git
    lists them, so a file's first appearance is its last change."""

    def __init__(self, root: Path):
        self.root = Path(root).resolve()
        self.newest: dt.date | None = None       # the last commit's day: the folder's version
        self.last: dict[str, tuple[int, dt.date]] = {}  # path (from root) -> (place in the log, day)
        try:
            out = subprocess.run(["git", "log", f"--format={COMMIT}%at", "--name-only", "-z", "--relative", "."],
                                 cwd=self.root, capture_output=True, text=True, timeout=60)
        except (OSError, subprocess.SubprocessError):
            return
        if out.returncode:  # outside git, or a repository without commits
            return
        for place, commit in enumerate(out.stdout.split(COMMIT)[1:]):
            stamp, *paths = commit.split("\0")
            day = dt.datetime.fromtimestamp(int(stamp), TIMEZONE).date()
            self.newest = self.newest or day
            for path in paths:
                self.last.setdefault(path.lstrip("\n"), (place, day))

    def day(self, *paths: Path | str) -> dt.date:
        """The day of the last commit that changed any of ``paths`` (a folder: any file in it;
        none: any file at all); the build's day when git knows none of them."""
        if not paths:
            return self.newest or today()
        found = [self.last[name] for name in self._names(paths) if name in self.last]
        return min(found)[1] if found else today()

    def _names(self, paths) -> list[str]:
        names = []
        for path in paths:
            path = self.root / path  # an absolute path stays itself
            try:
                name = path.resolve().relative_to(self.root).as_posix()
            except ValueError:  # outside the folder: its log does not list it
                continue
            if path.is_dir():
                folder = "" if name == "." else name + "/"
                names += [known for known in self.last if known.startswith(folder)]
            else:
                names.append(name)
        return names


def stamp(date: dt.date) -> dt.datetime:
    """Noon of ``date``: a document's created and modified time, on that day in every time zone."""
    return dt.datetime.combine(date, dt.time(12))
