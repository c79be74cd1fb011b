"""The one glossary (docs/_data/glossary.yml): load it, check it, and name its anchors.

Used by the module checker (is it well formed) and the theme hook (glossary page, and each
page's glossary terms: the abbr extension marks every use, ``mark_first_uses`` keeps the first).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from pacer.model import schema
from pacer.rules import problem
from pacer.model.contract import GLOSSARY_ENTRY_SCHEMA
from pacer.model.frontmatter import line_of, load_yaml_list
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

    def __hash__(self) -> int:
        """By content (equal glossaries hash alike), so pages can be kept per glossary
        (pacer/site.py) across the rebuilds of a `mkdocs serve` session, which reload it."""
        return hash(repr(self.terms))

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


# Where a link cannot go (nested links, names of controls) or would stand out too much (headings,
# and the titles of admonitions, whose tinted backgrounds a link colour does not contrast with).
NOT_A_FIRST_USE = {"a", "h1", "h2", "h3", "h4", "h5", "h6", "label", "summary", "button"}
NOT_A_FIRST_USE_CLASS = "admonition-title"


def _in_a_title(element) -> bool:
    return any(a.tag in NOT_A_FIRST_USE or NOT_A_FIRST_USE_CLASS in (a.get("class") or "").split()
               for a in element.iterancestors())


def mark_first_uses(parts, glossary: Glossary, glossary_url: str | None, used: set[str] | None = None) -> bool:
    """Each glossary term on a page becomes, at its first use, a link to its glossary entry with
    the definition as its description (Material shows it as a tooltip on hover and on keyboard
    focus; screen readers read it with the link); later uses are plain text. A term whose only
    uses are in headings or links stays plain; without a glossary page (glossary_url None) the
    first use keeps its hover tooltip. Abbreviations that are not glossary terms (an
    author's own ``*[...]:`` lines) are left as they are. Returns whether anything changed;
    ``used`` collects the terms whose definition the page shows.

    Marking every use put a full definition on each occurrence (about half the HTML of a page's
    text) and a tooltip for the browser to set up on each.
    """
    seen: set[str] = set()
    changed = False
    for part in parts:
        for abbr in list(part.iter("abbr")):
            term = glossary.find(abbr.text_content().strip())
            if term is None or not abbr.get("title"):
                continue
            changed = True
            if term.term in seen or _in_a_title(abbr):
                abbr.drop_tag()  # the text stays, without the mark
                continue
            seen.add(term.term)
            if used is not None:
                used.add(term.term)
            if glossary_url is None:
                continue
            abbr.tag = "a"
            abbr.set("href", f"{glossary_url}#{term.anchor}")
            abbr.set("class", "pacer-term")
            abbr.set("data-pacer-definition", abbr.get("title"))  # for a tap on a touch screen (glossary-terms.js)
    return changed
