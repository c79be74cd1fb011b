"""The build's one cache: outputs that take time to make, kept between builds by a key.

Every store is a folder under the cache folder (``.cache/pacer/`` by default; the plugin's
``cache_dir`` option), and every entry a file named by its key. A key is the digest of
everything the output is made from (``key``), the code that makes it and the versions of the
packages it uses among them: change any input and the entry is never read again. One rule
evicts: at the end of a build, each store keeps only the entries used by this build or by the
last build of the other kinds (each view is a kind: the learner view's build must not remove
what the facilitator view's uses, such as a worksheet that links its own page). ``cache: false``
in mkdocs.yml switches the whole cache off: nothing is read or written, and every output is
made afresh.

Entries are written to a temporary file first and moved into place, so a build that stops
half-way (or two builds side by side) never leaves a half-written entry to be read.
"""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
from importlib import metadata
from pathlib import Path

DEFAULT_FOLDER = ".cache/pacer"
RECORD = ".used-by-"  # a store's record of the entries one kind of build used last: .used-by-learner


def key(*parts) -> str:
    """The digest of ``parts``: texts, bytes, files (a Path: its name and its bytes), or lists of
    them. Each part is hashed apart, so no two different lists of parts share a key."""
    hasher = hashlib.sha256()

    def add(part) -> None:
        if isinstance(part, (list, tuple)):
            hasher.update(b"[")
            for item in part:
                add(item)
            hasher.update(b"]")
            return
        if isinstance(part, Path):
            data = part.name.encode() + b"\0" + (part.read_bytes() if part.is_file() else b"<missing>")
        elif isinstance(part, bytes):
            data = part
        else:
            data = str(part).encode("utf-8", "surrogatepass")
        hasher.update(hashlib.sha256(data).digest())

    add(list(parts))
    return hasher.hexdigest()[:40]


def installed_packages() -> str:
    """Python's version and every installed package with its version: any of them may change
    what a notebook prints or a converter writes, so keys that depend on them include this."""
    listed = sorted(f"{d.metadata['Name']}={d.version}" for d in metadata.distributions())
    return f"python={sys.version_info[:3]};" + ";".join(listed)


def versions(*names: str) -> str:
    """The installed versions of the packages ``names``, for the key of an output they make."""
    return ";".join(f"{name}={metadata.version(name)}" for name in names)


class Store:
    """One kind of output (``notebooks``, ``workbook`` ...): entries by key, as bytes."""

    def __init__(self, folder: Path | None, build: str = "build"):
        self.folder = folder      # None: the cache is switched off
        self.build = build        # the kind of build (a view), whose record this build writes
        self.used: set[str] = set()

    def get(self, entry_key: str) -> bytes | None:
        self.used.add(entry_key)
        if self.folder is None:
            return None
        try:
            return (self.folder / entry_key).read_bytes()
        except OSError:
            return None

    def put(self, entry_key: str, data: bytes) -> None:
        self.used.add(entry_key)
        if self.folder is None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".partial-")
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, self.folder / entry_key)

    def path(self, entry_key: str) -> Path | None:
        """Where the entry lives (for a worker process that writes it), or None when switched off."""
        self.used.add(entry_key)
        return self.folder / entry_key if self.folder is not None else None

    def evict_unused(self) -> int:
        """Record the entries this build used; remove those that neither this build nor the
        last build of another kind used (and any half-written file). How many were removed."""
        if self.folder is None or not self.folder.is_dir():
            return 0
        record = self.folder / f"{RECORD}{self.build}"
        handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".partial-")
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write("".join(f"{name}\n" for name in sorted(self.used)))
        os.replace(temporary, record)
        kept = set(self.used)
        for other in self.folder.glob(f"{RECORD}*"):
            kept.update(other.read_text(encoding="utf-8").split())
        removed = 0
        for entry in self.folder.iterdir():
            if entry.name not in kept and not entry.name.startswith(RECORD):
                entry.unlink()
                removed += 1
        return removed


class Cache:
    """The stores of one build."""

    def __init__(self, root: Path, folder: str = DEFAULT_FOLDER, enabled: bool = True, build: str = "build"):
        self.folder = (Path(root) / folder) if enabled else None
        self.build = build        # the kind of build: the plugin gives its view
        self.stores: dict[str, Store] = {}

    @property
    def enabled(self) -> bool:
        return self.folder is not None

    def store(self, name: str) -> Store:
        if name not in self.stores:
            self.stores[name] = Store(self.folder / name if self.folder is not None else None, self.build)
        return self.stores[name]

    def evict_unused(self) -> int:
        """At the end of a build: every store keeps only what this build, or the last build of
        another kind, used."""
        return sum(store.evict_unused() for store in self.stores.values())
