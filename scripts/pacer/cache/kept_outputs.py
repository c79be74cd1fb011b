"""Build outputs kept between builds, by a digest of everything they are made from.

A notebook's download bundle and its worksheet's spreadsheet take noticeable time to make
(reading every installed package's metadata, loading openpyxl), yet they change only when
their inputs do. Each is kept in ``.cache/pacer/outputs/<name>/<digest>``, one entry per
name; an entry is written only after the output was made without error, so a failure is
never served from the cache.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from pathlib import Path

FOLDER = ".cache/pacer/outputs"


def kept(root: Path, name: str, inputs: Iterable[bytes], make: Callable[[], bytes]) -> bytes:
    """The output called ``name``: from the cache when ``inputs`` are unchanged, else ``make()``."""
    hasher = hashlib.sha256()
    for part in inputs:
        hasher.update(hashlib.sha256(part).digest())
    folder = Path(root) / FOLDER / name
    stored = folder / hasher.hexdigest()[:32]
    if stored.is_file():
        return stored.read_bytes()
    data = make()
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.iterdir():  # an older version of the same output is never read again
        old.unlink()
    stored.write_bytes(data)
    return data
