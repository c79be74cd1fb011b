"""No built file may be a copy of a file from outside the content folders.

The site publishes docs/, the course folders and the theme (overrides/ and Material's own
files). A built file with the same bytes as anything else in the repository (its scripts,
configuration, workflows, or git's own files) means something was pulled in that should not be
public: a snippet, an include or a link to a file outside the content.
"""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

from pacer.paths import COURSES

PUBLISHED = ("docs/", "overrides/", *(f"{course}/" for course in COURSES))
MIN_BYTES = 64  # tiny files (an empty line, "{}") match by chance


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def private_files(root: Path) -> dict[str, str]:
    """Digest -> path of every repository file outside the published folders, and .git's config."""
    try:
        listed = subprocess.run(["git", "ls-files", "-z"], cwd=root, capture_output=True, text=True, timeout=60).stdout
        names = [name for name in listed.split("\0") if name]
    except (OSError, subprocess.SubprocessError):
        names = []
    names += [".git/config"]
    found = {}
    for name in names:
        path = root / name
        if name.startswith(PUBLISHED) or not path.is_file() or path.is_symlink() or path.stat().st_size < MIN_BYTES:
            continue
        found.setdefault(_digest(path), name)
    return found


def copies(site: Path, root: Path) -> list[tuple[str, str]]:
    """(built file, repository file) for each built file that copies a private file."""
    private = private_files(root)
    if not private:
        return []
    return sorted((path.relative_to(site).as_posix(), private[digest]) for path in site.rglob("*")
                  if path.is_file() and path.stat().st_size >= MIN_BYTES and (digest := _digest(path)) in private)
