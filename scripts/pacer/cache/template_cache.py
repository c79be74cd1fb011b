"""Compiled Jinja templates kept between builds, in ``.cache/pacer/templates/``.

MkDocs makes a new template environment for every build, so every build (and every rebuild of
``mkdocs serve``) used to compile Material's templates and the project's overrides again.
Jinja's bytecode cache stores each compiled template with a checksum of its source and
compiles a template again whenever its file changed, so an edited template is never served
stale. Jinja writes each file whole before moving it into place, so builds running side by
side share the folder safely.
"""

from __future__ import annotations

import functools
from pathlib import Path

from jinja2 import Environment, FileSystemBytecodeCache

FOLDER = ".cache/pacer/templates"


@functools.lru_cache(maxsize=8)
def store(root: Path) -> FileSystemBytecodeCache:
    folder = Path(root) / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    return FileSystemBytecodeCache(str(folder))


def keep_compiled(env: Environment, root: Path) -> Environment:
    """``env``, storing its compiled templates under ``root``'s cache folder."""
    env.bytecode_cache = store(Path(root))
    return env
