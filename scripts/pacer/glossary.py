"""The one glossary (docs/_data/glossary.yml): load it, check it, and name its anchors.

Used by the module checker (is it well formed) and the theme hook (glossary page, tooltips).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from pacer import schema
from pacer.rules import problem
from pacer.contract import GLOSSARY_ENTRY_SCHEMA
from pacer.pages import line_of, load_yaml_list
from pacer.report import Problem


@dataclass
class Term:
    term: str
    definition: str
    aliases: list[str] = field(default_factory=list)
    see: list[str] = field(default_factory=list)
    tooltip: bool = True
    line: int = 1

    @property
    def anchor(self) -> str:
        return anchor(self.term)


@dataclass
class Glossary:
    terms: list[Term]
    problems: list[Problem]

    def find(self, name: str) -> Term | None:
        wanted = name.casefold()
        return next((t for t in self.terms if t.term.casefold() == wanted
                     or wanted in (a.casefold() for a in t.aliases)), None)


def anchor(term: str) -> str:
    """The id of a term on the glossary page: 'TCPS 2' -> 'term-tcps-2'."""
    return "term-" + (re.sub(r"[^a-z0-9]+", "-", term.casefold()).strip("-") or "x")


def load(path: Path, shown: str) -> Glossary:
    data, lines, problems = load_yaml_list(path, shown, "glossary")
    terms: list[Term] = []
    # Tooltips match exact spelling, so one entry may list case variants ("Co-build", "Co-Build");
    # the same spelling twice, or the same word in two entries, is a duplicate.
    seen: dict[str, int] = {}          # term or alias as written -> line of its entry
    seen_folded: dict[str, int] = {}   # case-folded -> line of its entry
    for index, entry in enumerate(data or []):
        line = line_of(lines, (index,))
        if not isinstance(entry, dict):
            problems.append(problem(shown, line, "MOD206", f"entry {index + 1} is not a list of `field: value` lines"))
            continue
        entry_problems = schema.check(entry, GLOSSARY_ENTRY_SCHEMA, lines, shown, prefix=(index,), code_for_fields="MOD206")
        problems += entry_problems
        if entry_problems:
            continue
        term = Term(entry["term"].strip(), " ".join(str(entry["definition"]).split()),
                    [a.strip() for a in entry.get("aliases") or []], [s.strip() for s in entry.get("see") or []],
                    entry.get("tooltip", True), line)
        for name in [term.term, *term.aliases]:
            folded = name.casefold()
            earlier = seen.get(name) or (seen_folded.get(folded) if seen_folded.get(folded) != line else None)
            if earlier:
                problems.append(problem(shown, line, "MOD207", f"\"{name}\" is already a glossary term or alias on line {earlier}"))
            seen.setdefault(name, line)
            seen_folded.setdefault(folded, line)
        terms.append(term)
    glossary = Glossary(terms, problems)
    for term in terms:
        for other in term.see:
            if glossary.find(other) is None:
                problems.append(problem(shown, term.line, "MOD208", f"\"{term.term}\" says see \"{other}\", which is not a glossary term"))
    return glossary
