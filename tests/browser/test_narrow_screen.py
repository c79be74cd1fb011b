"""A phone's width (390 px) from the keyboard: no focus stop off-screen or hidden, the menu's
links reachable once it is open, glossary terms opened by keyboard, and the search index
loaded only when a learner turns to search.
"""

from __future__ import annotations

import re

import pytest

from devtools.browser import DESKTOP, PHONE

pytestmark = pytest.mark.browser

MAX_TABS = 400  # more than any page's focus stops; the walk stops when the focus comes round
# Transitions off, so each focus stop is judged where it comes to rest, not mid-slide.
NO_MOTION = "*, *::before, *::after { transition: none !important; animation: none !important; }"
MODULE = "course2/01-interviewing/"

# Where the focused element is and whether anyone can see it. A visually hidden radio button
# (the colour scheme switch) shows its focus on its label, so the label is judged instead.
FOCUS_STOP = """() => {
    let el = document.activeElement;
    if (!el || el === document.body) return null;
    const described = {tag: el.tagName.toLowerCase(), cls: String(el.className || ''),
                       text: (el.getAttribute('aria-label') || el.textContent || '').trim().slice(0, 50)};
    if (el.matches('input.md-option') && el.nextElementSibling && el.nextElementSibling.tagName === 'LABEL') {
        el = el.nextElementSibling;
    }
    const box = el.getBoundingClientRect();
    const onScreen = box.width > 0 && box.height > 0 && box.right > 0 && box.bottom > 0
                     && box.left < innerWidth && box.top < innerHeight;
    // What a sighted learner sees at the element's centre: the element, or something over it.
    const top = onScreen ? document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2) : null;
    const coveredBy = top && !el.contains(top) && !top.contains(el) ? top.tagName.toLowerCase() + '.' + String(top.className || '') : '';
    let hiddenBy = coveredBy ? 'covered by ' + coveredBy : '';
    for (let node = el; node && node !== document.documentElement; node = node.parentElement) {
        const style = getComputedStyle(node);
        if (hiddenBy) break;
        if (style.visibility === 'hidden' || style.display === 'none' || parseFloat(style.opacity) === 0) {
            hiddenBy = 'hidden by ' + node.tagName.toLowerCase() + '.' + String(node.className || '');
            break;
        }
    }
    return {...described, onScreen, hiddenBy, key: described.tag + '|' + described.cls + '|' + described.text
            + '|' + Math.round(box.left) + ',' + Math.round(box.top + scrollY)};
}"""


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, color_scheme="light", bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def open_page(page, url: str) -> None:
    page.goto(url, wait_until="load")
    page.add_style_tag(content=NO_MOTION)


def walk(page, limit: int = MAX_TABS) -> list[dict]:
    """Every focus stop from the top of the page, in Tab order, once round."""
    stops, seen = [], set()
    for _ in range(limit):
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUS_STOP)
        if stop is None:
            if stops:
                break  # past the last stop, the focus goes back to the page itself
            continue
        if stop["key"] in seen:
            break
        seen.add(stop["key"])
        stops.append(stop)
    return stops


@pytest.mark.parametrize("path", ["", "course2/", MODULE, "glossary/"])
def test_no_focus_stop_is_off_screen_or_hidden_at_phone_width(phone, site_server, path):
    open_page(phone, site_server.url(path))
    stops = walk(phone)
    assert len(stops) > 5, f"{path or 'home'}: only {len(stops)} focus stops were found at 390 px"
    invisible = [s for s in stops if not s["onScreen"] or s["hiddenBy"]]
    report = "\n".join(f"  <{s['tag']} class='{s['cls'][:40]}'> '{s['text']}' "
                       f"{s['hiddenBy'] or 'off-screen'}" for s in invisible[:15])
    assert not invisible, (f"{path or 'home'}: {len(invisible)} of {len(stops)} focus stops at 390 px "
                           f"cannot be seen:\n{report}")


def test_the_menu_works_from_the_keyboard_and_hides_what_it_covers(phone, site_server):
    """On a module page the menu opens on the module's own panel; its title goes back up to
    the course's modules. Every stop on the way can be seen, and the closed menu takes none."""
    open_page(phone, site_server.url(MODULE))
    nav_links = "[...document.querySelectorAll('.md-sidebar--primary a')]"
    phone.keyboard.press("Tab")  # the skip link
    phone.keyboard.press("Tab")
    menu = phone.evaluate(FOCUS_STOP)
    assert menu and menu["text"].lower().startswith("menu"), f"the second Tab stop is {menu}, not the menu button"
    assert phone.get_attribute("[data-pacer-for='__drawer']", "aria-expanded") == "false"
    phone.keyboard.press("Enter")
    assert phone.evaluate("document.getElementById('__drawer').checked"), "Enter on the menu button did not open the menu"
    assert phone.get_attribute("[data-pacer-for='__drawer']", "aria-expanded") == "true"
    stops = walk(phone, limit=12)
    back = next((s for s in stops if s["text"].startswith("Back from")), None)
    assert back, f"with the menu open, Tab never reached the panel's back button: {[s['text'] for s in stops]}"
    assert back["onScreen"] and not back["hiddenBy"], back
    while not phone.evaluate(FOCUS_STOP)["text"].startswith("Back from"):
        phone.keyboard.press("Shift+Tab")
    phone.keyboard.press("Enter")
    here = phone.evaluate(FOCUS_STOP)
    assert "md-nav__link" in here["cls"] and here["onScreen"] and not here["hiddenBy"], \
        f"after going back, the focus is on {here}, not on a visible menu link"
    stops = [here] + walk(phone, limit=30)
    in_menu = [s for s in stops if "md-nav__link" in s["cls"]]
    assert len(in_menu) >= 5, f"the course's modules were not reached: {[s['text'] for s in stops]}"
    hidden = [s for s in in_menu if not s["onScreen"] or s["hiddenBy"]]
    assert not hidden, f"menu links that cannot be seen take the focus: {hidden}"
    phone.evaluate("document.getElementById('__drawer').click()")  # close the menu
    assert phone.evaluate(f"{nav_links}.every(a => getComputedStyle(a).visibility === 'hidden')"), \
        "the closed menu's links are still visible to the keyboard and to screen readers"


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "1280px"])
def test_a_glossary_term_opens_from_the_keyboard(browser, site_server, viewport):
    context = browser.new_context(viewport=viewport, bypass_csp=True)
    page = context.new_page()
    try:
        open_page(page, site_server.url(MODULE))
        # Material moves a focused term's title into its tooltip: read the definitions first.
        definitions = dict(page.eval_on_selector_all("a.pacer-term", "links => links.map(a => [a.getAttribute('href'), a.title])"))
        term = None
        for _ in range(MAX_TABS):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.classList.contains('pacer-term')"):
                term = page.evaluate("""() => { const a = document.activeElement;
                    return {text: a.textContent.trim(), href: a.getAttribute('href')}; }""")
                break
        assert term, "Tab never reached a glossary term on a module page"
        term["title"] = definitions.get(term["href"], "")
        assert len(term["title"]) > 10, f"the term '{term['text']}' carries no definition"
        # On keyboard focus Material shows the definition as a tooltip and makes it the term's
        # description, which screen readers read with the link.
        tip = page.wait_for_function("""() => { const id = document.activeElement.getAttribute('aria-describedby');
            const tip = id && document.getElementById(id);
            return tip && tip.getBoundingClientRect().height > 0 && tip.textContent.trim(); }""").json_value()
        assert tip == term["title"], f"the tooltip says '{tip}', not the definition '{term['title']}'"
        page.keyboard.press("Enter")
        anchor = term["href"].split("#")[1]
        page.wait_for_url(re.compile(rf"/glossary/#{anchor}$"))
        entry = page.evaluate(f"""() => {{ const dt = document.getElementById('{anchor}');
            return dt ? {{term: dt.textContent.trim(), definition: dt.nextElementSibling.textContent.trim(),
                          top: dt.getBoundingClientRect().top}} : null; }}""")
        assert entry, f"the glossary has no entry #{anchor}"
        assert entry["term"].casefold() == term["text"].casefold() or entry["definition"], entry
        assert 0 <= entry["top"] < viewport["height"], "the glossary entry is not scrolled into view"
    finally:
        context.close()


def test_each_glossary_term_is_marked_once_per_page(page, site_server):
    page.goto(site_server.url(MODULE))
    terms = page.eval_on_selector_all("a.pacer-term", "links => links.map(a => a.getAttribute('href'))")
    assert terms, "the module page marks no glossary term"
    assert len(terms) == len(set(terms)), f"a term is marked more than once: {sorted(terms)}"
    assert page.evaluate("document.querySelectorAll('.md-content abbr[title]').length") == 0


def test_the_search_index_and_worker_load_when_a_learner_turns_to_search(page, site_server):
    asked = []
    page.on("request", lambda request: asked.append(request.url)
            if "search_index" in request.url or "/workers/search" in request.url else None)
    page.goto(site_server.url(MODULE), wait_until="load")
    page.wait_for_timeout(1500)  # well past the first paint and Material's start
    assert not asked, f"the search index or worker was requested before anyone searched: {asked}"
    page.click(".md-search__input")
    page.keyboard.type("interview")
    page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length > 0", timeout=15_000)
    assert any("search_index" in url for url in asked) and any("/workers/search" in url for url in asked), \
        f"search found results without the index and the worker being requested? {asked}"


def test_a_search_key_opens_search_at_phone_width(phone, site_server):
    open_page(phone, site_server.url("about/"))
    phone.keyboard.press("/")
    assert phone.evaluate("document.getElementById('__search').checked"), "/ did not open the search panel"
    assert phone.evaluate("document.activeElement.classList.contains('md-search__input')"), \
        "/ did not put the focus in the search box at 390 px"
    phone.keyboard.type("consent")
    assert phone.input_value(".md-search__input") == "consent"
    phone.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length > 0", timeout=15_000)
