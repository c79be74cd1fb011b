"""Read a course page or a data file safely, with the line of every YAML key.

Both the module checker and the theme hook read pages through ``load``: it never raises on
bad input, it returns the problems it found (with codes from pacer.rules) instead.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

# libyaml's loader is about ten times faster; the pure-Python one is the fallback.
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

from pacer.model import frontmatter
from pacer.rules import problem
from pacer.report import Problem


@dataclass
class Loaded:
    text: str
    meta: dict
    body: str
    body_line: int                      # page line on which the body starts (1-based)
    has_front_matter: bool
    lines: dict = field(default_factory=dict)  # YAML path (tuple) -> page line


def read_text(path: Path, shown: str) -> tuple[str | None, list[Problem]]:
    """The file's text, or None and a problem when it is not UTF-8 or cannot be read."""
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        return None, [problem(shown, 1, "MOD002", f"the file cannot be read ({error.strerror})")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return None, [problem(shown, line, "MOD001", f"byte {error.start} is not UTF-8 text")]
    return text.removeprefix("\ufeff"), []


def yaml_lines(text: str, first_line: int = 1) -> dict:
    """Map each YAML path, like ('spor', 1) or (3, 'key'), to its line (1-based, + offset)."""
    lines: dict = {}
    try:
        root = yaml.compose(text, Loader=SafeLoader)
    except yaml.YAMLError:
        return lines

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


BAD_DATE = re.compile(r"^\s*([\w-]+)\s*:\s*(\d{4}-\d{1,2}-\d{1,2})\s*(?:#.*)?$")


_parsed: dict[tuple[str, str], tuple] = {}
PARSED_KEPT = 4096


def load(path: Path, shown: str) -> tuple[Loaded | None, list[Problem]]:
    """Read a Markdown page: its front matter (with key lines) and body, or the problems.

    Parsing is kept by the page's text, so a `mkdocs serve` rebuild parses only the pages that
    changed; each caller gets its own copy."""
    text, problems = read_text(path, shown)
    if text is None:
        return None, problems
    if (shown, text) not in _parsed:
        if len(_parsed) >= PARSED_KEPT:
            _parsed.clear()
        _parsed[shown, text] = _parse(text, shown)
    return copy.deepcopy(_parsed[shown, text])


def _parse(text: str, shown: str) -> tuple[Loaded | None, list[Problem]]:
    if not text.strip():
        return None, [problem(shown, 1, "MOD002", "the page has no content")]
    try:
        page = frontmatter.split(text)
    except frontmatter.FrontMatterError as error:
        code = "MOD003" if "not valid YAML" in str(error) else "MOD004"
        return None, [problem(shown, error.line, code, str(error), error.column)]
    except ValueError as error:
        # PyYAML reads 2026-13-45 as a date and fails outside its own error type.
        for number, line in enumerate(text.splitlines()[1:], start=2):
            match = BAD_DATE.match(line)
            if match and not _is_date(match.group(2)):
                return None, [problem(shown, number, "MOD012", f"`{match.group(1)}: {match.group(2)}` is not a real date")]
        return None, [problem(shown, 1, "MOD003", f"the front matter cannot be read ({error})")]
    lines = {}
    if page.has_front_matter:
        source = "".join(text.splitlines(keepends=True)[1 : page.body_line - 2])
        lines = yaml_lines(source, first_line=2)
    return Loaded(text, page.meta, page.body, page.body_line, page.has_front_matter, lines), []


def _is_date(value: str) -> bool:
    try:
        dt.date.fromisoformat(value)
        return True
    except ValueError:
        return False


def load_yaml_list(path: Path, shown: str, what: str) -> tuple[list | None, dict, list[Problem]]:
    """Read a YAML file that must hold a list (the bibliography, the glossary)."""
    text, problems = read_text(path, shown)
    if text is None:
        return None, {}, problems
    try:
        data = frontmatter.load_yaml(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem_text = getattr(error, "problem", None) or str(error).splitlines()[0]
        return None, {}, [problem(shown, mark.line + 1 if mark else 1, "MOD203",
                                  f"the {what} is not valid YAML ({problem_text})", mark.column + 1 if mark else 1)]
    except ValueError as error:
        return None, {}, [problem(shown, 1, "MOD203", f"the {what} cannot be read ({error})")]
    if not isinstance(data, list):
        return None, {}, [problem(shown, 1, "MOD203", f"the {what} must be a list of entries, each starting with '- '")]
    return data, yaml_lines(text), []
