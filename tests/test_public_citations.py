"""Citations on public pages: small numbered marks whose full reference shows on hover or focus
and in a list of sources at the end of the page, each linked to the list of all sources; and a
bibliography entry from a pull request stays text, in a sentence or in a table cell."""

from __future__ import annotations

import json

from lxml import html

from conftest import ROOT, mkdocs_build
from pacer.safety.text import inert

HOSTILE_TITLE = 'Care | "quoted" <script>alert(1)</script> [link](javascript:alert(1)) `code` \\escape'
HOSTILE_ENTRY = f"""
- key: hostile-entry
  type: web
  authors: [Example Organisation]
  year: 2024
  title: {json.dumps(HOSTILE_TITLE)}
  url: https://example.org/a|b
"""
PAGE = """# Home

Care that centres on the person lasts longer [@ucalgary-who]. Patients shape it
[@ucalgary-who; @hostile-entry].

| Idea | Source |
| --- | --- |
| Training | A row [@hostile-entry] |
"""


def test_public_page_citations_are_numbered_marks_with_a_list_of_sources(make_project, tmp_path):
    bibliography = (ROOT / "docs/_data/bibliography.yml").read_text(encoding="utf-8") + HOSTILE_ENTRY
    project = make_project({"docs/index.md": PAGE, "docs/_data/bibliography.yml": bibliography,
                            "docs/references.md": "# References\n\n<!-- generated: references -->\n"},
                           nav="nav:\n  - Home: index.md\n  - References: references.md\n"
                               + "".join(f"  - Course {n}: course{n}/index.md\n" for n in (1, 2, 3)))
    build = mkdocs_build(project, tmp_path / "site")
    assert build.returncode == 0, build.log
    page = html.parse(str(tmp_path / "site" / "index.html")).getroot()
    article = page.cssselect("article")[0]
    marks = article.cssselect("sup.pacer-cite a")
    assert [a.text_content() for a in marks] == ["1", "1", "2", "2"], [a.text_content() for a in marks]
    sources = article.cssselect(".pacer-sources li")
    assert [li.get("id") for li in sources] == ["source-1", "source-2"]
    assert all(a.get("href") in ("#source-1", "#source-2") for a in marks)
    # The full reference is the mark's title (Material shows it as a tooltip), as text: its angle
    # brackets become look-alike marks, so the tooltip can hold no element (safety/text.py).
    hostile = [a for a in marks if a.get("href") == "#source-2"][0]
    assert inert(HOSTILE_TITLE.rstrip(".")) in hostile.get("title"), hostile.get("title")
    assert hostile.get("aria-label") == "Source 2: Example Organisation 2024"
    assert not article.cssselect("script") and not [a for a in article.iter("a") if "javascript" in (a.get("href") or "")]
    # The table keeps its two columns; the mark sits inside the cell.
    cells = article.cssselect("table tbody tr")[0].cssselect("td")
    assert len(cells) == 2 and cells[1].cssselect("sup.pacer-cite"), html.tostring(cells[-1])
    # Each source links to its entry in the list of all sources, which exists.
    more = [li.cssselect("a.pacer-sources__more")[0].get("href") for li in sources]
    assert more == ["references/#ucalgary-who", "references/#hostile-entry"], more
    references = html.parse(str(tmp_path / "site" / "references" / "index.html")).getroot()
    assert references.cssselect("li#ucalgary-who") and references.cssselect("li#hostile-entry")
    # No space before a mark: it follows its word.
    assert "lasts longer<sup" in html.tostring(article, encoding="unicode")


def test_course_pages_keep_author_year_citations(built_site):
    """Modules teach citing: their citations stay (Author Year) links to the references page."""
    module = next((built_site.site / "course1").glob("0[1-9]-*/index.html"))
    article = html.parse(str(module)).getroot().cssselect("article")[0]
    assert not article.cssselect("sup.pacer-cite, .pacer-sources")
    assert [a for a in article.iter("a") if "references/#" in (a.get("href") or "")]
