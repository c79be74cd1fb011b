"""The one bibliography (docs/_data/bibliography.yml): load it, check it, format its entries.

Used by the module checker (which keys exist, is the file well formed) and by the theme hook
(citation links, reference lists, the references page), so both read it the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from pathlib import Path

from pacer import schema
from pacer.rules import problem
from pacer.contract import BIBLIOGRAPHY_ENTRY_SCHEMA
from pacer.pages import line_of, load_yaml_list
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


def sort_key(entry: dict) -> tuple:
    authors = entry.get("authors") or [entry.get("title", "")]
    return (_surname(str(authors[0])).lower().strip("[\"'"), entry.get("year") or 0, str(entry.get("title", "")).lower())


def _link(url: str, text: str) -> str:
    return f'<a href="{escape(url)}">{escape(text)}</a>'


def to_html(entry: dict) -> str:
    """The full reference in one style (author, year, title, source, DOI/URL links, note)."""
    parts = []
    authors = ", ".join(str(a) for a in entry.get("authors") or [])
    year = f"({entry['year']})" if entry.get("year") else "(no date)"
    title = str(entry.get("title", "")).strip()
    title += "" if title.endswith((".", "?", "!")) else "."
    if authors:
        parts += [escape(f"{authors} {year}."), escape(title)]
    else:  # no author known: the title leads, as in most author-date styles
        parts.append(escape(f"{title.rstrip('.')} {year}."))
    source = []
    if entry.get("journal"):
        source.append(f"<em>{escape(str(entry['journal']))}</em>")
    volume = str(entry.get("volume", "")) + (f"({entry['issue']})" if entry.get("issue") else "")
    if volume:
        source.append(escape(volume))
    where = " ".join(source)
    if entry.get("pages"):
        where += (": " if where else "Pages ") + escape(str(entry["pages"]))
    if where:
        parts.append(where + ".")
    if entry.get("publisher"):
        parts.append(escape(str(entry["publisher"]).rstrip(".")) + ".")
    if entry.get("doi"):
        doi = str(entry["doi"])
        parts.append("DOI: " + _link(f"https://doi.org/{doi}", doi) + ".")
    if entry.get("url"):
        parts.append("Online: " + _link(str(entry["url"]), str(entry["url"])))
    text = " ".join(parts)
    if entry.get("note"):
        text += f' <span class="pacer-ref-note">Note: {escape(str(entry["note"]))}</span>'
    return text
