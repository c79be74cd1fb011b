"""The repository must be the same after a build as before it.

A build step (a notebook, above all) that wrote into the repository fails the build (BLD004).
``snapshot`` is ``git status`` with a digest of every changed or untracked file; the build
takes one before and one after, outside the build's own output, caches and environment.
"""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

IGNORED = ("site/", ".cache/", "dist/", ".venv/")


def snapshot(root: Path) -> dict[str, str] | None:
    """Path -> status and digest of every file git reports; None outside a git checkout."""
    try:
        result = subprocess.run(["git", "status", "--porcelain", "-z", "--untracked-files=all"], cwd=root,
                                capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    if result.returncode != 0:
        return None  # not a git checkout (a copied folder): nothing to compare
    entries = {}
    for entry in result.stdout.split("\0"):
        if len(entry) > 3:
            path = entry[3:]
            file = root / path
            digest = hashlib.sha256(file.read_bytes()).hexdigest() if file.is_file() else "gone"
            entries[path] = entry[:2] + digest
    return entries


def changed(before: dict[str, str], after: dict[str, str]) -> list[str]:
    """The paths whose state differs between two snapshots, outside the build's own folders."""
    return sorted(path for path in set(before) | set(after)
                  if before.get(path) != after.get(path) and not path.startswith(IGNORED)
                  and "__pycache__/" not in path)
