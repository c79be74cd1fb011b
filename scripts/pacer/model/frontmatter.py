"""Source files read safely: text as UTF-8, YAML with the line of every key, a page's front matter.

A page starts with a line ``---``, its YAML, and a closing ``---`` line; the body follows.
``split`` parses the YAML once and keeps, for each key and list item, its line in the page, so
messages can point at the right line. The site's data files (the bibliography, the glossary,
the consent items) are read the same way (``load_yaml_list``). Nothing here raises on bad text
except as documented: callers turn errors into problems with codes from pacer.rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from pacer.report import Problem
from pacer.rules import problem

# libyaml's loader when PyYAML has it (the Linux, macOS and Windows wheels do): the same safe
# loading, several times faster than the pure-Python one.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class AliasError(yaml.YAMLError):
    """YAML with an anchor or alias (``&name``, ``*name``): refused, since a few hundred bytes of
    nested aliases expand to gigabytes, and the site's YAML never needs them."""

    def __init__(self, mark):
        self.problem = "anchors and aliases (& and *) are not allowed: write each value out"
        self.problem_mark = mark


def load_yaml(text: str, first_line: int = 1) -> tuple[object, dict]:
    """YAML read safely (plain values only, no anchors or aliases), in one parse: the data, and
    the line of each YAML path, like ('spor', 1) or (3, 'key'), counting from ``first_line``."""
    if "&" in text or "*" in text:  # without these characters the text holds no anchor or alias
        for event in yaml.parse(text, Loader=SAFE_LOADER):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise AliasError(event.start_mark)
    loader = SAFE_LOADER(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    return data, _lines(node, first_line)


def _lines(root, first_line: int) -> dict:
    lines: dict = {}

    def walk(node, path):
        lines[path] = node.start_mark.line + first_line
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                walk(value, path + (key.value,))
                lines[path + (key.value,)] = key.start_mark.line + first_line
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                walk(item, path + (index,))

    if root is not None:
        walk(root, ())
    return lines


def line_of(lines: dict, path, default: int = 1) -> int:
    """The line of a YAML path, or of its nearest parent that has one."""
    path = tuple(path)
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return lines.get((), default)


class FrontMatterError(ValueError):
    """The front matter could not be read. ``line`` is 1-based, in the page."""

    def __init__(self, message: str, line: int = 1, column: int = 1):
        super().__init__(message)
        self.line = line
        self.column = column


@dataclass
class FrontMatter:
    meta: dict
    body: str
    body_line: int  # the page line on which the body starts (1-based)
    has_front_matter: bool
    lines: dict = field(default_factory=dict)  # YAML path -> page line


def split(text: str) -> FrontMatter:
    """A page's front matter (parsed once, with its lines) and its body. Raises FrontMatterError,
    and ValueError for a date PyYAML cannot make (2026-13-45)."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        return FrontMatter({}, text, 1, False)
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            break
    else:
        raise FrontMatterError("the front matter opened with '---' on line 1 is never closed: add a line with only '---' after it")
    try:
        meta, key_lines = load_yaml("".join(lines[1:index]), first_line=2)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark else 1  # +1 for the opening '---', +1 for 1-based
        column = mark.column + 1 if mark else 1
        problem_text = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise FrontMatterError(f"the front matter is not valid YAML ({problem_text})", line, column) from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise FrontMatterError("the front matter must be a list of 'key: value' lines, not a single value or a list", 2)
    return FrontMatter(meta, "".join(lines[index + 1:]), index + 2, True, key_lines)


def read_text(path: Path, shown: str) -> tuple[str | None, list[Problem]]:
    """The file's text, or None and a problem when it is not UTF-8 or cannot be read."""
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        return None, [problem(shown, 1, "MOD002", f"the file cannot be read ({error.strerror})")]
    return decode(data, shown)


def decode(data: bytes, shown: str) -> tuple[str | None, list[Problem]]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return None, [problem(shown, line, "MOD001", f"byte {error.start} is not UTF-8 text")]
    return text.removeprefix("\ufeff"), []


def load_yaml_list(path: Path, shown: str, what: str) -> tuple[list | None, dict, list[Problem]]:
    """Read a YAML file that must hold a list (the bibliography, the glossary)."""
    text, problems = read_text(path, shown)
    if text is None:
        return None, {}, problems
    try:
        data, lines = load_yaml(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem_text = getattr(error, "problem", None) or str(error).splitlines()[0]
        return None, {}, [problem(shown, mark.line + 1 if mark else 1, "MOD203",
                                  f"the {what} is not valid YAML ({problem_text})", mark.column + 1 if mark else 1)]
    except ValueError as error:
        return None, {}, [problem(shown, 1, "MOD203", f"the {what} cannot be read ({error})")]
    if not isinstance(data, list):
        return None, {}, [problem(shown, 1, "MOD203", f"the {what} must be a list of entries, each starting with '- '")]
    return data, lines, []
