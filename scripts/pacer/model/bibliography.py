"""The one bibliography (docs/_data/bibliography.yml): load it, check it, label its entries.

Used by the module checker (which keys exist, is the file well formed) and by the build
(citation links; the reference lists are rendered by overrides/pacer/reference.html).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pacer.model import schema
from pacer.rules import problem
from pacer.model.contract import BIBLIOGRAPHY_ENTRY_SCHEMA
from pacer.model.frontmatter import line_of, load_yaml_list
from pacer.report import Problem

INITIALS = re.compile(r"^(?:[A-Z]{1,3}|[A-Z]-[A-Z]|(?:[A-Z]\.){1,3})$")


@dataclass
class Bibliography:
    entries: dict[str, dict]   # key -> entry, in file order
    lines: dict[str, int]      # key -> line of its entry
    problems: list[Problem]

    def __contains__(self, key: str) -> bool:
        return key in self.entries


def load(path: Path, shown: str) -> Bibliography:
    data, lines, problems = load_yaml_list(path, shown, "bibliography")
    entries: dict[str, dict] = {}
    entry_lines: dict[str, int] = {}
    for index, entry in enumerate(data or []):
        line = line_of(lines, (index,))
        if not isinstance(entry, dict):
            problems.append(problem(shown, line, "MOD204", f"entry {index + 1} is not a list of `field: value` lines"))
            continue
        problems += schema.check(entry, BIBLIOGRAPHY_ENTRY_SCHEMA, lines, shown, prefix=(index,), code_for_fields="MOD204")
        key = entry.get("key")
        if not isinstance(key, str):
            continue
        missing = [field for field, present in (
            ("authors", entry.get("authors") or entry.get("no_authors")), ("year", entry.get("year")),
            ("title", entry.get("title")),
            ("a source (journal, publisher, doi or url)", any(entry.get(k) for k in ("journal", "publisher", "doi", "url"))),
        ) if not present]
        if missing:
            problems.append(problem(shown, line, "MOD209", f"the entry `{key}` has no {', no '.join(missing)}"))
        if key in entries:
            problems.append(problem(shown, line, "MOD205", f"the key `{key}` is also used on line {entry_lines[key]}"))
            continue
        entries[key] = entry
        entry_lines[key] = line
    return Bibliography(entries, entry_lines, problems)


def _surname(author: str) -> str:
    """'Braun V' -> 'Braun'; an organisation ('University of Calgary') keeps its whole name."""
    words = str(author).split()
    if len(words) > 1 and INITIALS.match(words[-1]):
        return " ".join(words[:-1])
    return str(author)


def label(entry: dict) -> str:
    """The in-text citation: 'Braun and Clarke 2006', 'Marlett et al. 2015', 'University of Calgary'."""
    authors = [str(a) for a in entry.get("authors") or []]
    if not authors:
        words = str(entry.get("title", "")).strip("[]\"").split()
        who = " ".join(words[:5]) + (" ..." if len(words) > 5 else "")
        who = f"\u201c{who}\u201d"
    elif len(authors) == 1:
        who = _surname(authors[0])
    elif len(authors) == 2:
        who = f"{_surname(authors[0])} and {_surname(authors[1])}"
    else:
        who = f"{_surname(authors[0])} et al."
    return f"{who} {entry['year']}" if entry.get("year") else who


def unverified(entry: dict) -> bool:
    return entry.get("status") == "unverified"


def sort_key(entry: dict) -> tuple:
    authors = entry.get("authors") or [entry.get("title", "")]
    year = entry.get("year") if isinstance(entry.get("year"), int) else 0  # "n.d." sorts first
    return (_surname(str(authors[0])).lower().strip("[\"'"), year, str(entry.get("title", "")).lower())
