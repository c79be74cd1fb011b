"""Tables on a phone (390 px), in a real browser: every column can be reached; a table wider than
the screen says above it that it scrolls sideways, takes the keyboard focus and has a name of
its own on its page; and print writes a web address out once."""

from __future__ import annotations

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from devtools.browser import PHONE, page_url, site_pages

pytestmark = pytest.mark.browser

# Every table on the page: does it scroll, its cue, its name, and whether its last column can be
# brought into view by scrolling its box to the end.
TABLES = """() => [...document.querySelectorAll('.md-content table')].map(table => {
    const box = table.closest('.md-typeset__scrollwrap, .jp-OutputArea-output') || table.parentElement;
    const scrolls = box.scrollWidth > box.clientWidth + 1;
    const cue = box.previousElementSibling;
    box.scrollLeft = box.scrollWidth;
    const edge = box.getBoundingClientRect();
    // A notebook table shown as cards (one per row, each cell labelled) must fit: every cell in view.
    const cards = table.classList.contains('pacer-cards') && getComputedStyle(table).display === 'block';
    const cells = cards ? [...table.tBodies].flatMap(body => [...body.rows]).flatMap(row => [...row.cells])
                        : [[...table.rows[0].cells].pop()];
    const reachable = cells.every(cell => {
        const box = cell.getBoundingClientRect();
        return box.right <= edge.right + 1 && box.width > 0 && getComputedStyle(cell).display !== 'none';
    });
    box.scrollLeft = 0;
    return {scrolls, reachable, name: box.getAttribute('aria-label'), tabindex: box.getAttribute('tabindex'),
            cue: cue && cue.classList.contains('pacer-scroll-cue') && cue.offsetHeight > 0 ? cue.textContent : null,
            hidden: [...table.querySelectorAll('th, td')].filter(c => getComputedStyle(c).display === 'none').length};
})"""


def pages_with_tables(site) -> list[str]:
    return [page_url(page) for page in site_pages(site)
            if "<table" in (site / page).read_text(encoding="utf-8") and "/print/" not in page
            and not page.startswith("facilitator/")]


EVERY_SCROLLING_TABLE_SET_UP = """() => [...document.querySelectorAll(".md-typeset__scrollwrap")]
    .every(box => box.scrollWidth <= box.clientWidth + 1 || box.getAttribute("tabindex") === "0")"""


def test_every_table_is_readable_at_390px(phone, site_server, built_site):
    pages = pages_with_tables(built_site.site)
    assert len(pages) >= 5, f"expected tables on several pages, found {pages}"
    problems = []
    for path in pages:
        phone.goto(site_server.url(path))
        phone.wait_for_load_state("load")
        try:  # tables.js sets the cues up after the first frame, later on a busy machine
            phone.wait_for_function(EVERY_SCROLLING_TABLE_SET_UP, timeout=5000)
        except PlaywrightTimeout:
            pass  # what is missing is reported below
        tables = phone.evaluate(TABLES)
        names = [t["name"] for t in tables if t["scrolls"]]
        for number, table in enumerate(tables, 1):
            where = f"{path} table {number}"
            if table["hidden"]:
                problems.append(f"{where}: {table['hidden']} cells are hidden")
            if not table["reachable"]:
                problems.append(f"{where}: its last column cannot be scrolled into view")
            if table["scrolls"] and not (table["cue"] and "scroll sideways" in table["cue"].lower()):
                problems.append(f"{where}: scrolls sideways with no visible cue above it")
            if table["scrolls"] and not (table["name"] and table["tabindex"] == "0"):
                problems.append(f"{where}: scrolls sideways but cannot be reached and named by keyboard")
        if len(set(names)) != len(names):
            problems.append(f"{path}: two scrolling tables share a name: {names}")
    assert not problems, "\n".join(problems)


def test_the_course_module_table_shows_its_spor_column_at_390px(phone, site_server):
    phone.goto(site_server.url("course1/"))
    phone.wait_for_load_state("load")
    table = phone.locator(".pacer-course-modules table")
    headers = table.locator("thead th").all_inner_texts()
    assert "SPOR principles" in headers, headers
    cue = phone.locator(".pacer-scroll-cue").first
    assert cue.is_visible(), "the course's module table gives no cue that it scrolls sideways"
    box = table.locator("xpath=ancestor::div[contains(@class, 'md-typeset__scrollwrap')]")
    box.focus()
    for _ in range(40):
        phone.keyboard.press("ArrowRight")
    # The box may scroll smoothly: wait for the column to arrive rather than reading it mid-way.
    spor = table.locator("thead th", has_text="SPOR principles")
    phone.wait_for_function(
        "th => th.getBoundingClientRect().right <= th.closest('.md-typeset__scrollwrap').getBoundingClientRect().right + 1",
        arg=spor.element_handle(), timeout=5_000)


# The page's scrolling boxes and cues: every box has its cue right above it, no cue is left over,
# and the progress summary (progress.js) sits above the cue of its table.
CUE_PLACES = """() => {
    const boxes = [...document.querySelectorAll('.md-typeset__scrollwrap.pacer-scrolls')];
    const isCue = el => !!el && el.classList.contains('pacer-scroll-cue');
    const summary = document.querySelector('.pacer-progress__summary');
    return {boxes: boxes.length, cues: document.querySelectorAll('.pacer-scroll-cue').length,
            without_cue: boxes.filter(box => !isCue(box.previousElementSibling)).length,
            summary_above_cue: !!summary && isCue(summary.nextElementSibling)
                               && boxes.includes(summary.nextElementSibling.nextElementSibling)};
}"""

# progress.js's set-up held until tables.js has placed its cues: the other order of the two.
PROGRESS_LAST = """Object.defineProperty(window, 'pacerOnEveryPage', {configurable: true,
    get() { return this._later; },
    set(onEveryPage) {
        const afterTables = run => requestAnimationFrame(() => setTimeout(run, 100));
        this._later = run => onEveryPage(() => document.readyState === 'complete' ? afterTables(run)
            : window.addEventListener('load', () => afterTables(run)));
    }});"""


@pytest.mark.parametrize("order", ["as it comes", "progress last"])
def test_a_scroll_cue_stays_right_above_its_table(browser, site_server, order):
    """Another script adding a line above a table (the progress summary on a page of modules)
    never leaves the cue away from its table, nor makes a second cue."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    if order == "progress last":
        page.add_init_script(PROGRESS_LAST)
    page.goto(site_server.url("spor/coverage/"), wait_until="load")
    page.wait_for_selector(".pacer-progress__summary", state="attached")
    page.wait_for_timeout(300)  # the held set-up, and any cue update after it
    places = page.evaluate(CUE_PLACES)
    assert places["boxes"] >= 2, f"spor/coverage/ should have several tables that scroll at 390 px: {places}"
    assert places == {"boxes": places["boxes"], "cues": places["boxes"], "without_cue": 0, "summary_above_cue": True}, places
    # Something put between a cue and its table later: the next update puts the cue back.
    page.evaluate("""() => { const box = document.querySelector('.md-typeset__scrollwrap.pacer-scrolls');
        box.parentNode.insertBefore(document.createElement('p'), box); window.dispatchEvent(new Event('resize')); }""")
    page.wait_for_function("() => document.querySelector('.md-typeset__scrollwrap.pacer-scrolls')"
                           ".previousElementSibling.classList.contains('pacer-scroll-cue')")
    again = page.evaluate(CUE_PLACES)
    assert again["cues"] == again["boxes"] and again["without_cue"] == 0, again
    context.close()


# Counts each measurement of a box's width, and those made while the window's load event is
# handled: that event often comes inside the task in which Material sets the page up, and a
# measurement there (a layout of the whole page) makes that task longer on a slow phone.
MEASURED_IN_LOAD = """(() => {
    const width = Object.getOwnPropertyDescriptor(Element.prototype, 'scrollWidth').get;
    window.pacerMeasured = {all: 0, inLoad: 0};
    Object.defineProperty(Element.prototype, 'scrollWidth', {configurable: true, get() {
        window.pacerMeasured.all++;
        if (window.event && window.event.type === 'load' && window.event.currentTarget === window) window.pacerMeasured.inLoad++;
        return width.call(this);
    }});
})()"""


def test_tables_are_measured_after_the_load_event_not_inside_it(browser, site_server):
    """Tables (and other boxes that scroll) are measured again once the page has loaded, in a
    task of their own, never while the load event is handled."""
    context = browser.new_context(viewport=PHONE)
    try:
        page = context.new_page()
        page.add_init_script(MEASURED_IN_LOAD)
        page.goto(site_server.url("spor/coverage/"), wait_until="load")
        page.wait_for_function("() => document.querySelectorAll('.pacer-scroll-cue').length > 0")
        page.wait_for_timeout(300)  # the measurements queued by the load event
        measured = page.evaluate("window.pacerMeasured")
    finally:
        context.close()
    assert measured["all"] > 0, "no box was measured at all: the count would prove nothing"
    assert measured["inLoad"] == 0, f"{measured['inLoad']} measurements made inside the load event: {measured}"


def test_print_writes_each_web_address_once(phone, site_server):
    """Print adds a link's address after it, except when its text is already the address."""
    doubled, written = [], 0
    for path in ("course2/print/", "references/"):
        phone.goto(site_server.url(path))
        phone.emulate_media(media="print")
        links = phone.evaluate("""() => [...document.querySelectorAll('.md-typeset a[href^="http"]')].map(a => ({
            text: a.textContent.trim(), href: a.href, after: getComputedStyle(a, '::after').content}))""")
        phone.emulate_media(media="screen")
        assert links, f"{path}: no web links to check"
        for link in links:
            shown = link["after"] not in ("none", "normal", "")
            written += shown
            bare = link["href"].split("://", 1)[-1].rstrip("/")
            if shown and bare.split("/")[-1] and bare.split("/")[-1] in link["text"]:
                doubled.append(f"{path}: {link['text']} {link['after']}")
    assert written, "print writes out no web address at all: the check would prove nothing"
    assert not doubled, "print writes these addresses twice:\n" + "\n".join(doubled[:10])
