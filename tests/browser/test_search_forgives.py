"""Search that forgives, in a real browser: word forms ("interviews"), irregular plurals and the
glossary's other names ("honoraria"), near spellings ("intervew"), and result links that
highlight the words found. The pages that should come first are read from the sources."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from devtools.browser import ROOT

from .test_keyboard_and_search import COURSES, search_page, search_results, site_address  # noqa: F401

pytestmark = pytest.mark.browser


def pages_saying(pattern: str) -> list[str]:
    """The site addresses of the learner pages whose source matches ``pattern`` (ignoring case)."""
    sources = [*(ROOT / "docs").rglob("*.md"), *(p for c in COURSES for p in (ROOT / c).rglob("*.md"))]
    return sorted(site_address(s) for s in sources
                  if not any(part.startswith("_") for part in s.parts) and "guides" not in s.parts
                  and re.search(pattern, s.read_text(encoding="utf-8"), re.IGNORECASE))


def result_links(page) -> list[str]:
    return page.eval_on_selector_all(".md-search-result__item > .md-search-result__link", "ls => ls.map(a => a.href)")


def highlighted(link: str) -> list[str]:
    return " ".join(parse_qs(urlparse(link).query).get("h", [""])).split()


@pytest.mark.parametrize("query, pattern", [
    ("interviews", r"\binterview\b"),            # a plural finds the singular (English stemmer)
    ("honoraria", r"\bhonorarium\b"),            # an irregular plural finds its singular
    ("intervew", r"\binterviewing\b"),           # one letter off, in a word of five letters or more
])
def test_a_forgiving_query_finds_the_pages_about_it(search_page, query, pattern):
    expected = pages_saying(pattern)
    assert expected, f"no page matches {pattern!r}: change this test's query"
    results = search_results(search_page, query)
    assert results, f"search found nothing for {query!r}"
    assert results[0].split("#")[0] in expected, (
        f"search for {query!r} puts {results[0]} first; expected one of the pages matching {pattern!r}: {expected}")


def test_a_misspelled_short_word_is_not_guessed(search_page):
    """Near spellings are tried only from five letters: "fcus" is not read as "focus"."""
    assert not search_results(search_page, "fcus"), "search guessed a word of four letters"


@pytest.mark.parametrize("query, found", [("intervew", "interview"), ("honoraria", "honorarium"),
                                          ("interviews", "interview"), ("focus group", "focus")])
def test_every_result_links_with_the_words_it_found(search_page, query, found):
    search_results(search_page, query)
    links = result_links(search_page)
    assert links, f"search found nothing for {query!r}"
    empty = [link for link in links if not highlighted(link)]
    assert not empty, f"search for {query!r}: these results link with an empty ?h=: {empty[:5]}"
    assert any(word.startswith(found) for word in highlighted(links[0])), (
        f"search for {query!r}: the first result highlights {highlighted(links[0])}, not a form of {found!r}")
    missing = search_page.eval_on_selector_all(".md-search-result__item:first-child > a del", "ds => ds.map(d => d.textContent)")
    assert not missing, f"search for {query!r}: the first result calls these words missing though it found them: {missing}"


def test_the_page_opened_from_a_result_highlights_the_word(search_page):
    search_results(search_page, "intervew")
    search_page.locator(".md-search-result__item > .md-search-result__link").first.click()
    search_page.wait_for_load_state("load")
    # Material highlights once the search index has loaded, which can be after the page's load.
    marks = search_page.locator("article mark[data-md-highlight]")
    try:
        marks.first.wait_for(state="attached", timeout=10_000)
    except PlaywrightTimeout:
        pass  # no highlight at all: the assertion below says so
    marks = marks.all_text_contents()
    assert marks and all(m.lower().startswith("interview") for m in marks), (
        f"{search_page.url}: the page highlights {marks[:5]}, not the word the search found")
