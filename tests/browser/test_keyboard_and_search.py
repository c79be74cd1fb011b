"""Keyboard use and search, in a real browser: a skip link, a visible focus, search reachable and
usable from the keyboard, navigation without a mouse, and search results a learner would expect.

Expected search results are read from the pages' own front matter at test time, so the tests
keep holding while the course content changes.
"""

from __future__ import annotations

import re
import time
from urllib.parse import urlparse

import pytest

from pacer.model.frontmatter import split
from devtools.browser import DESKTOP, ROOT, focus_ring, ring_is_visible

pytestmark = pytest.mark.browser

COURSES = ("course1", "course2", "course3")
MAX_TABS = 60  # how many Tab presses a test may use to reach something


def modules() -> list[tuple[str, str]]:
    """(module id "courseN/NN-slug", title) for every module folder with a title."""
    found = []
    for course in COURSES:
        for index in sorted((ROOT / course).glob("[0-9][0-9]-*/index.md")):
            title = split(index.read_text(encoding="utf-8")).meta.get("title")
            if title:
                found.append((f"{course}/{index.parent.name}", str(title)))
    return found


def focused(page) -> dict:
    return page.evaluate("""() => {
        const el = document.activeElement;
        const style = getComputedStyle(el);
        return {tag: el.tagName.toLowerCase(), cls: el.className && el.className.baseVal === undefined ? el.className : "",
                href: el.getAttribute("href") || "", text: (el.textContent || "").trim().slice(0, 80),
                label: el.getAttribute("aria-label") || "", focusVisible: el.matches(":focus-visible"),
                outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
                shadow: style.boxShadow !== "none", body: el === document.body};
    }""")


def tab_until(page, predicate, limit: int = MAX_TABS) -> dict | None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        state = focused(page)
        if predicate(state):
            return state
    return None


SAMPLE_PAGES = ["", "about/", "course1/", "spor/co-build/"]


@pytest.mark.parametrize("path", SAMPLE_PAGES + ["module"])
def test_first_tab_reaches_a_skip_link_that_moves_to_the_content(page, site_server, path):
    if path == "module":
        path = modules()[0][0] + "/"
    page.goto(site_server.url(path))
    page.keyboard.press("Tab")
    first = focused(page)
    assert "md-skip" in first["cls"] and "skip" in first["text"].lower(), (
        f"{path or 'home'}: the first Tab focused {first}, not a 'Skip to content' link")
    assert first["focusVisible"] and first["outline"], f"{path or 'home'}: the skip link has no visible focus ring"
    page.keyboard.press("Enter")
    in_content = page.evaluate("() => !!document.activeElement.closest('.md-content')")
    assert in_content, f"{path or 'home'}: Enter on the skip link did not move the focus to the page content"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_tab_stop_shows_a_focus_ring_a_person_can_see(browser, site_server, scheme):
    """At least 2 px and 3:1 against what is behind it, measured on every tab stop."""
    context = browser.new_context(color_scheme=scheme, viewport=DESKTOP)
    page = context.new_page()
    try:
        page.goto(site_server.url(modules()[0][0] + "/"))
        rings = []
        for _ in range(40):
            page.keyboard.press("Tab")
            ring = focus_ring(page)
            if ring is not None:
                rings.append(ring)
    finally:
        context.close()
    assert len(rings) >= 30, f"only {len(rings)} tab stops were reached"
    faint = [ring for ring in rings if not ring_is_visible(ring)]
    assert not faint, f"{scheme}: tab stops whose focus ring cannot be seen: {faint[:5]}"


def test_navigation_works_without_a_mouse(page, site_server):
    page.goto(site_server.url(""))
    target = tab_until(page, lambda s: s["tag"] == "a" and s["href"].rstrip("/").endswith("course2"))
    assert target, "the navigation link to Course 2 could not be reached with the Tab key"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/course2/$"))


def test_search_is_reachable_and_usable_from_the_keyboard(page, site_server):
    page.goto(site_server.url(""))
    search = tab_until(page, lambda s: s["tag"] == "input" and "md-search__input" in s["cls"])
    assert search, "the search box could not be reached with the Tab key"
    page.keyboard.type("Co-Build")
    # Results change as each key is typed: wait for the answer to the whole query.
    page.wait_for_function("""() => {
        const first = document.querySelector('.md-search-result__item > .md-search-result__link');
        return first && /\\/spor\\/co-build\\//.test(first.href);
    }""", timeout=15_000)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/spor/co-build/"), timeout=10_000)


def test_the_slash_key_opens_search(page, site_server):
    page.goto(site_server.url("about/"))
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')"), \
        "pressing / did not put the focus in the search box"


def test_narrow_screen_menu_and_search_buttons_work_from_the_keyboard(browser, site_server):
    """At high zoom or on a phone the header shows icons; they must be reachable by keyboard."""
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    try:
        page.goto(site_server.url("about/"))
        menu = tab_until(page, lambda s: s["label"].lower().startswith("menu"), limit=10)
        assert menu, "the menu button could not be reached with the Tab key on a narrow screen"
        page.keyboard.press("Enter")
        assert page.evaluate("document.getElementById('__drawer').checked"), "Enter did not open the menu"
        page.keyboard.press("Escape")
        page.goto(site_server.url("about/"))
        found = tab_until(page, lambda s: s["label"] == "Search", limit=10)
        assert found, "the search button could not be reached with the Tab key on a narrow screen"
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.classList.contains('md-search__input')"), \
            "Enter on the search button did not put the focus in the search box"
    finally:
        context.close()


def search_results(page, query: str) -> list[str]:
    """The addresses of the search results for a query, best first (site-relative)."""
    read_results = """() => [...document.querySelectorAll('.md-search-result__item > .md-search-result__link')]
                            .map(a => a.href).join(' ') + '|' + document.querySelector('.md-search-result__meta').textContent"""
    page.fill(".md-search__input", "")
    page.locator(".md-search__input").press("End")  # Material searches on key events
    cleared = page.evaluate(read_results)
    # The whole query at once, then one key event: no results for a half-typed prefix ("Co")
    # can be read as the answer, however slow the machine is.
    page.fill(".md-search__input", query)
    page.locator(".md-search__input").press("End")
    # Settled: the results have stopped changing and the line above them counts them. "No
    # matching documents" must hold longer: on a busy machine it can show before the answer.
    previous, stable_since = cleared, time.monotonic()
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        current = page.evaluate(read_results)
        if current != previous:
            previous, stable_since = current, time.monotonic()
        elif current != cleared and "matching document" in current:
            if time.monotonic() - stable_since > (2.0 if "No matching" in current else 0.4):
                break
        page.wait_for_timeout(100)
    links = page.eval_on_selector_all(".md-search-result__item > .md-search-result__link",
                                      "links => links.map(a => a.href)")
    prefix = urlparse(page.url).path.split("/")[1]  # the site's sub-path, e.g. pacer-curriculum
    return [urlparse(link).path.split(f"/{prefix}/", 1)[-1] for link in links]


@pytest.fixture
def search_page(page, site_server):
    page.goto(site_server.url(""))
    page.click(".md-search__input")
    # Wait until the search index has loaded (the results area stops saying "Initializing").
    page.wait_for_function("() => !/initiali/i.test(document.querySelector('.md-search-result__meta').textContent)",
                           timeout=15_000)
    return page


def test_search_finds_every_module_by_its_title(search_page):
    wrong = []
    listed = modules()
    assert listed, "no module has a title"
    for module_id, title in listed:
        results = search_results(search_page, title)
        top = [r for r in results[:3]]
        if f"{module_id}/" not in top:
            wrong.append(f"{title!r} -> {top} (expected {module_id}/)")
    assert not wrong, "search does not put these modules in its top three for their own title:\n" + "\n".join(wrong)


# Words a learner would type; the pages that should come first are found at test time.
LEARNER_QUERIES = ["consent", "focus group", "thematic analysis", "Co-Build", "compensation", "interview"]


FRONT_MATTER_TOPICS = ("title", "summary", "objectives", "keypoints")


def site_address(source) -> str:
    """The site address of a Markdown source, e.g. docs/spor/co-build.md -> spor/co-build/."""
    relative = source.relative_to(ROOT / "docs" if source.is_relative_to(ROOT / "docs") else ROOT)
    return relative.with_suffix("").as_posix().removesuffix("index").rstrip("/") + "/"


def expected_pages(query: str) -> list[str]:
    """The pages a learner searching for ``query`` wants, read from the pages' front matter:
    those with every word of the query in their title; if none, those whose title, summary,
    objectives or key points hold the query (ignoring case and a plural s)."""
    stems = [w.lower().rstrip("s") for w in re.findall(r"[\w-]+", query)]
    sources = [p for p in sorted([*(ROOT / "docs").rglob("*.md"), *(p for c in COURSES for p in (ROOT / c).rglob("*.md"))])
               if "_data" not in p.parts and "_snippets" not in p.parts]
    by_title, by_topic = [], []
    for source in sources:
        meta = split(source.read_text(encoding="utf-8")).meta
        text = source.read_text(encoding="utf-8")
        title = str(meta.get("title") or text.partition("\n# ")[2].partition("\n")[0]).lower()
        topics = " ".join(str(meta.get(key, "")) for key in FRONT_MATTER_TOPICS).lower()
        if all(stem in title for stem in stems):
            by_title.append(site_address(source))
        elif " ".join(stems) in topics:
            by_topic.append(site_address(source))
    return by_title or by_topic


@pytest.mark.parametrize("query", LEARNER_QUERIES)
def test_search_finds_the_page_a_learner_is_looking_for(search_page, query):
    results = search_results(search_page, query)
    assert results, f"search found nothing for {query!r}"
    expected = expected_pages(query)
    if not expected:
        pytest.fail(f"no page has {query!r} in its title or front matter, so this search has no right "
                    "answer: change the query in LEARNER_QUERIES", pytrace=False)
    top = results[:5]
    assert any(result in expected for result in top), (
        f"search for {query!r} shows {top}; expected one of the pages about it: {expected}")
