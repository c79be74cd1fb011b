"""Read the YAML front matter of a Markdown page.

A page starts with a line ``---``, its YAML, and a closing ``---`` line. The
body follows. ``split`` keeps line numbers so errors can point at the right line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

# libyaml's loader when PyYAML has it (the Linux, macOS and Windows wheels do): the same safe
# loading, several times faster than the pure-Python one, and every page's front matter is read
# on every build.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class AliasError(yaml.YAMLError):
    """YAML with an anchor or alias (``&name``, ``*name``): refused, since a few hundred bytes of
    nested aliases expand to gigabytes, and the site's YAML never needs them."""

    def __init__(self, mark):
        self.problem = "anchors and aliases (& and *) are not allowed: write each value out"
        self.problem_mark = mark


def load_yaml(text: str):
    """YAML read safely: plain values only, no anchors or aliases."""
    for event in yaml.parse(text, Loader=SAFE_LOADER):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise AliasError(event.start_mark)
    return yaml.load(text, Loader=SAFE_LOADER)


class FrontMatterError(ValueError):
    """The front matter could not be read. ``line`` is 1-based, in the page."""

    def __init__(self, message: str, line: int = 1, column: int = 1):
        super().__init__(message)
        self.line = line
        self.column = column


@dataclass
class Page:
    meta: dict
    body: str
    body_line: int  # the page line on which the body starts (1-based)
    has_front_matter: bool


def split(text: str) -> Page:
    """Split a page into its front matter (parsed) and its body."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        return Page({}, text, 1, False)
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            break
    else:
        raise FrontMatterError("the front matter opened with '---' on line 1 is never closed: add a line with only '---' after it")
    source = "".join(lines[1:index])
    try:
        meta = load_yaml(source)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark else 1  # +1 for the opening '---', +1 for 1-based
        column = mark.column + 1 if mark else 1
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise FrontMatterError(f"the front matter is not valid YAML ({problem})", line, column) from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise FrontMatterError("the front matter must be a list of 'key: value' lines, not a single value or a list", 2)
    return Page(meta, "".join(lines[index + 1 :]), index + 2, True)


def read(path: Path) -> Page:
    return split(Path(path).read_text(encoding="utf-8"))
