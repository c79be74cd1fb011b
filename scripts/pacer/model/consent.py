"""What a consent process tells people, item by item, and where the consent script covers each.

docs/_data/consent-items.yml lists the items (TCPS 2 Article 3.2 as summarised by the sources
in the bibliography, and what research ethics boards' templates ask for). Each item names a
phrase of the workbook's consent script (docs/workbook/consent-script.md) that covers it: the
checker and the build check that every phrase is still there (MOD807), so an edit that loses an
item is caught, and the consent checklist page shows where each item sits (the
``consent-checklist`` marker).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pacer.model.frontmatter import line_of, load_yaml_list
from pacer.report import Problem
from pacer.rules import problem

ITEMS = "docs/_data/consent-items.yml"
SCRIPT = "docs/workbook/consent-script.md"
PRACTICE = "practice"  # a source key for what boards' templates usually ask, with no source cited
HEADING = re.compile(r"^(#{2,3})[ \t]+(.+)$")  # closing #s stripped after: linear on any line


@dataclass(frozen=True)
class Item:
    item: str
    source: str
    found: str
    checked_in_part: bool
    line: int                 # the item's line in the data file
    section: str | None = None  # the script's heading under which the phrase sits


def _section(script: str, phrase: str) -> tuple[int, str | None]:
    """(how often the phrase occurs in the script, the heading above its first occurrence)."""
    flat = " ".join(script.split())
    count = flat.count(" ".join(phrase.split()))
    heading = None
    for line in script.split("\n"):
        match = HEADING.match(line)
        if match:
            heading = match.group(2).rstrip(" \t").rstrip("#").rstrip(" \t")
        if " ".join(phrase.split()) in " ".join(line.split()):
            return count, heading
    return count, heading if count else None


def load(root: Path, bibliography, script_page) -> tuple[list[Item], list[Problem]]:
    """The items, each with its place in the script (``script_page``, the model's page of SCRIPT),
    and the problems (MOD807)."""
    path = Path(root) / ITEMS
    if not path.is_file() or script_page is None or script_page.text is None:  # no consent script to check
        return [], []
    data, lines, problems = load_yaml_list(path, ITEMS, "list of consent items")
    if data is None:
        return [], problems
    script = script_page.text
    items = []
    for index, entry in enumerate(data):
        line = line_of(lines, (index,))
        if not isinstance(entry, dict) or not all(isinstance(entry.get(k), str) and entry.get(k).strip()
                                                  for k in ("item", "source", "found")):
            problems.append(problem(ITEMS, line, "MOD807", "an entry needs `item`, `source` and `found`, each a text"))
            continue
        source = entry["source"].strip()
        if source != PRACTICE and source not in bibliography:
            problems.append(problem(ITEMS, line_of(lines, (index, "source")), "MOD807",
                                    f"the item \"{entry['item']}\" cites `{source}`, which is not in the bibliography"))
        count, section = _section(script, entry["found"])
        if count == 0:
            problems.append(problem(SCRIPT, 1, "MOD807", f"the consent script no longer covers \"{entry['item']}\": "
                                                         f"the phrase \"{entry['found']}\" ({ITEMS}, line {line}) is not in it"))
        items.append(Item(entry["item"].strip(), source, entry["found"], entry.get("checked") == "in part", line, section))
    return items, problems
