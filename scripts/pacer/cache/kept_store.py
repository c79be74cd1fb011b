"""Values kept between builds by a digest of everything they are made from.

A store lives in the process (for ``mkdocs serve``, whose rebuilds share it) and in one JSON
file under the project's ``.cache/pacer/`` (for the next build). The file holds only what the
builds of the last process asked for; it is replaced whole, never written in place, and a
damaged file is ignored (everything is then made again).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path


def digest(parts) -> str:
    """One digest of several texts (each hashed apart, so no two lists of texts share one)."""
    hasher = hashlib.sha256()
    for part in parts:
        hasher.update(hashlib.sha256(part.encode("utf-8", "surrogatepass")).digest())
    return hasher.hexdigest()


class KeptStore:
    def __init__(self, file: str):
        self.file = file                  # relative to the project's root
        self.kept: dict[str, object] = {}  # digest -> value, for the life of the process
        self.used: set[str] = set()       # the digests this process's builds asked for
        self.loaded: set[Path] = set()    # the projects whose file this process has read

    def get(self, key: str):
        """The value kept under ``key``, or None."""
        self.used.add(key)
        return self.kept.get(key)

    def put(self, key: str, value) -> None:
        self.used.add(key)
        self.kept[key] = value

    def load(self, root: Path, valid=lambda value: True) -> None:
        """Read what the last build of ``root`` stored (once per process); ``valid`` vets each value."""
        root = Path(root)
        if root in self.loaded:
            return
        self.loaded.add(root)
        try:
            stored = json.loads((root / self.file).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if isinstance(stored, dict):
            self.kept.update({key: value for key, value in stored.items() if valid(value)})

    def save(self, root: Path) -> None:
        """Store what this process's builds used (a temporary file moved into place)."""
        path = Path(root) / self.file
        path.parent.mkdir(parents=True, exist_ok=True)
        data = json.dumps({key: self.kept[key] for key in sorted(self.used) if key in self.kept}, ensure_ascii=False)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-")
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(data)
        os.replace(temporary, path)
