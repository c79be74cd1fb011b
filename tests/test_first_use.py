"""A page's finished HTML: glossary terms marked at first use, permalinks named after their heading."""

from __future__ import annotations

from lxml import html

from pacer.render import content
from pacer.model.glossary import Glossary, Term

GLOSSARY = Glossary([Term("Member checking", "Asking participants whether the findings ring true."),
                     Term("REB", "A research ethics board.", aliases=["research ethics board"])], [])
GLOSSARY_URL = "../../glossary/"
MEMBER = '<abbr title="Asking participants whether the findings ring true.">{}</abbr>'
REB = '<abbr title="A research ethics board.">{}</abbr>'


def finish(fragment: str, glossary_url: str | None = GLOSSARY_URL) -> html.HtmlElement:
    finished, problems = content.finish(fragment, content.PageContext("course1/01-x/index.md", GLOSSARY, glossary_url))
    assert problems == []
    return html.fragment_fromstring(finished, create_parent="div")


def test_the_first_use_links_to_the_entry_and_later_uses_are_text():
    page = finish(f"<h2 id='a'>{MEMBER.format('Member checking')}</h2>"
                  f"<p>Plan {MEMBER.format('member checking')} early. {REB.format('REB')} first.</p>"
                  f"<p>Then {MEMBER.format('member checking')} again, <a href='x'>{REB.format('REB')}</a>, "
                  f"<abbr title='HyperText'>HTML</abbr>.</p>")
    terms = page.cssselect("a.pacer-term")
    assert [(a.text, a.get("href"), a.get("title")) for a in terms] == [
        ("member checking", "../../glossary/#term-member-checking", "Asking participants whether the findings ring true."),
        ("REB", "../../glossary/#term-reb", "A research ethics board.")]
    # the heading's use is not a link; later uses are plain text; an author's own abbr stays
    assert page.cssselect("h2")[0].text_content() == "Member checking" and not page.cssselect("h2 a, h2 abbr")
    assert [a.text for a in page.cssselect("abbr")] == ["HTML"]
    assert "Then member checking again, REB, HTML." in page.text_content()


def test_without_a_glossary_page_the_first_use_keeps_its_tooltip():
    page = finish(f"<p>{REB.format('REB')} and {REB.format('REB')}</p>", glossary_url=None)
    assert [(a.text, a.get("title")) for a in page.cssselect("abbr")] == [("REB", "A research ethics board.")]
    assert not page.cssselect("a")


def test_permalinks_are_named_after_their_heading_without_a_tooltip():
    page = finish('<h2 id="plan">Plan the visit<a class="headerlink" href="#plan" title="Link to this section">&para;</a></h2>')
    link = page.cssselect("a.headerlink")[0]
    assert link.get("aria-label") == "Link to this section: Plan the visit" and link.get("title") is None


def test_a_term_in_an_admonition_title_is_not_its_first_use():
    page = finish(f"<div class='admonition note'><p class='admonition-title'>About {REB.format('REB')} review</p>"
                  f"<p>Ask the {REB.format('REB')} early.</p></div>")
    assert page.cssselect(".admonition-title")[0].text_content() == "About REB review"
    assert not page.cssselect(".admonition-title a, .admonition-title abbr")
    assert [a.text for a in page.cssselect("a.pacer-term")] == ["REB"]
    assert page.cssselect("a.pacer-term")[0].getparent().get("class") is None
