"""Other words for the same thing, for search: the glossary's names and irregular plurals.

Search stems English words ("interviews" finds "interview"), but a stemmer cannot join
"honoraria" to "honorarium", nor "REB" to "research ethics board". This makes the small word
list that the search box adds to a query (overrides/assets/javascripts/search-forgives.js): each
single word, lower case, with the other names of the same thing. It goes inside the search
index (``add_to_index``), so the offline copy has it too.
"""

from __future__ import annotations

import json
from pathlib import Path

from pacer.model.glossary import Glossary
from pacer.safety import sanitize

# Plurals that the English (Porter) stemmer does not bring back to their singular.
IRREGULAR_PLURALS = {
    "analysis": "analyses",
    "appendix": "appendices",
    "child": "children",
    "criterion": "criteria",
    "curriculum": "curricula",
    "diagnosis": "diagnoses",
    "honorarium": "honoraria",
    "hypothesis": "hypotheses",
    "medium": "media",
    "person": "people",
    "phenomenon": "phenomena",
    "synthesis": "syntheses",
    "thesis": "theses",
    "woman": "women",
}


def word_forms(glossary: Glossary) -> dict[str, list[str]]:
    """{word: [its other names]} for every single word with another name."""
    groups = [[term.term, *term.aliases] for term in glossary.terms]
    groups += [list(pair) for pair in IRREGULAR_PLURALS.items()]
    forms: dict[str, list[str]] = {}
    for group in groups:
        names = list(dict.fromkeys(name.casefold() for name in group))
        for name in names:
            if len(name.split()) != 1:
                continue  # a query is widened word by word
            others = forms.setdefault(name, [])
            others += [other for other in names if other != name and other not in others]
    return {name: others for name, others in sorted(forms.items()) if others}


INDEX = Path("search") / "search_index.json"


def add_to_index(site_dir: Path, glossary: Glossary) -> None:
    """Finish the search index Material's search plugin wrote: the glossary's other words go in
    its ``config`` (Material hands only ``config`` and ``docs`` to its search worker), and each
    entry's title and text hold only the markup Material's index uses (search results are shown
    as HTML: no text from content may become an element there)."""
    index = Path(site_dir) / INDEX
    if not index.is_file():  # search switched off
        return
    data = json.loads(index.read_text(encoding="utf-8"))
    data["config"]["forms"] = word_forms(glossary)
    for entry in data.get("docs", []):
        for field in ("title", "text"):
            if isinstance(entry.get(field), str):
                entry[field] = sanitize.clean_search_text(entry[field])
    index.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
