"""The search index: the other names of things for the search box, and nothing but content."""

from __future__ import annotations

import json

from pacer.model.glossary import Glossary, Term
from pacer.render.search_forms import word_forms


def test_word_forms_join_a_glossary_term_its_aliases_and_irregular_plurals():
    glossary = Glossary([Term("REB", "A committee.", ["research ethics board"]),
                         Term("Memo", "A note.", ["memos", "Memo"]),
                         Term("Honorarium", "A payment.")], [])
    forms = word_forms(glossary)
    assert forms["reb"] == ["research ethics board"]
    assert "research ethics board" not in forms, "a query is widened word by word: no phrases as keys"
    assert forms["memo"] == ["memos"] and forms["memos"] == ["memo"], "case variants are one name"
    assert forms["honoraria"] == ["honorarium"] and forms["honorarium"] == ["honoraria"]
    assert all(others for others in forms.values())


def test_the_learner_index_carries_the_word_forms_and_no_view_switch(built_site):
    index = json.loads((built_site.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert "honorarium" in index["config"]["forms"]["honoraria"]
    assert "research ethics board" in index["config"]["forms"]["reb"]
    # The link to the facilitator view is on every page; it is not content to search.
    switch = [d["location"] for d in index["docs"] if "Switch to the facilitator view of this page" in d["text"]]
    assert not switch, f"the search index holds the view switch on: {switch[:5]}"
    assert "free" not in index["config"]["forms"], "a glossary alias was split at its comma"


def test_the_index_leaves_out_each_public_page_s_list_of_sources(built_site):
    """The references page is searchable; each page's own list of sources would only repeat it."""
    docs = json.loads((built_site.site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    pages_with_sources = [p for p in built_site.site.rglob("index.html")
                          if 'id="sources-of-this-page"' in p.read_text(encoding="utf-8")]
    assert pages_with_sources, "no page has a list of sources: this test would prove nothing"
    listed = [d["location"] for d in docs if d["location"].endswith("#sources-of-this-page")
              or "In the list of all sources" in d["text"]]
    assert not listed, f"the search index holds lists of sources: {listed[:5]}"
