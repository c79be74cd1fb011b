"""Other words for the same thing, for search: the glossary's names and irregular plurals.

Search stems English words ("interviews" finds "interview"), but a stemmer cannot join
"honoraria" to "honorarium", nor "REB" to "research ethics board". This makes the small word
list that the search box adds to a query (overrides/assets/javascripts/search-forgives.js): each
single word, lower case, with the other names of the same thing. It goes inside the search
index (scripts/hooks/search_forms.py), so the offline copy has it too.
"""

from __future__ import annotations

from pacer.model.glossary import Glossary

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
