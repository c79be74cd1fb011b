"""Reading preferences, in a real browser: reached from the header by keyboard, kept across a
reload, applied before the page is drawn (no layout shift), undone by Reset; no reading text
under 16 px on a phone at the defaults; and zero axe violations at the largest settings. Also
the colour scheme: the system's on a first visit, and every colour changed at once at a switch."""

from __future__ import annotations

import json

import pytest

from devtools.browser import DESKTOP, SCHEMES, describe_violations, run_axe

from .test_every_page import MATERIAL_SCHEME
from .test_keyboard_and_search import modules, tab_until

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
KEY = "pacer-reading-preferences"
LARGEST = {"size": "3", "spacing": "2", "font": "readable", "width": "narrow", "motion": "reduce"}
ATTRIBUTES = "() => Object.fromEntries([...document.documentElement.attributes].filter(a => a.name.startsWith('data-pacer-')).map(a => [a.name.slice(11), a.value]))"

# Recorded from the first moment of every page load: layout shifts, and the text size and font
# the first paragraph has when the document has just been read (before Material's scripts).
WATCH = """
window.__shift = 0;
new PerformanceObserver(list => list.getEntries().forEach(e => { if (!e.hadRecentInput) window.__shift += e.value; }))
    .observe({type: "layout-shift", buffered: true});
document.addEventListener("DOMContentLoaded", () => {
    const p = document.querySelector(".md-content .md-typeset > p");  // the teaching text
    window.__atReady = {size: getComputedStyle(p).fontSize, font: getComputedStyle(p).fontFamily,
                        lineHeight: getComputedStyle(p).lineHeight};
}, {capture: true, once: true});
"""


def a_module() -> str:
    return modules()[0][0] + "/"


def stored(page) -> dict:
    return json.loads(page.evaluate(f"localStorage.getItem('{KEY}') || '{{}}'"))


def test_the_panel_opens_from_the_keyboard_and_a_choice_survives_a_reload(phone, site_server):
    phone.goto(site_server.url(a_module()))
    toggle = tab_until(phone, lambda s: s["label"] == "Reading preferences", limit=15)
    assert toggle, "the reading preferences button could not be reached with the Tab key at 390 px"
    phone.keyboard.press("Enter")
    panel = phone.locator("#pacer-prefs")
    assert panel.is_visible() and phone.get_attribute("[data-pacer-prefs-toggle]", "aria-expanded") == "true"
    phone.get_by_label("Largest").check()
    phone.get_by_label("Atkinson Hyperlegible", exact=False).check()
    assert phone.evaluate(ATTRIBUTES) == {"size": "3", "font": "readable"}
    phone.keyboard.press("Escape")
    assert not panel.is_visible(), "Escape did not close the panel"
    assert phone.evaluate("document.activeElement.hasAttribute('data-pacer-prefs-toggle')"), \
        "closing the panel did not return the focus to its button"
    phone.reload()
    assert phone.evaluate(ATTRIBUTES) == {"size": "3", "font": "readable"}, "the choices did not survive a reload"
    phone.click("[data-pacer-prefs-toggle]")
    assert phone.get_by_label("Largest").is_checked(), "the panel does not show the saved text size"


def test_preferences_apply_before_the_page_is_drawn(phone, site_server):
    phone.add_init_script(WATCH)
    phone.goto(site_server.url(""))
    default = phone.evaluate("window.__atReady")
    phone.evaluate(f"localStorage.setItem('{KEY}', {json.dumps(json.dumps(LARGEST))})")
    phone.goto(site_server.url(a_module()))
    phone.wait_for_timeout(500)  # let late layout shifts, if any, be recorded
    ready, shift = phone.evaluate("window.__atReady"), phone.evaluate("window.__shift")
    assert ready["size"] == "24px", f"when the page was read the text was {ready['size']}, not the largest size (24 px)"
    assert "Atkinson Hyperlegible" in ready["font"] and ready["lineHeight"] != default["lineHeight"], ready
    assert shift < 0.01, f"the page moved while loading with preferences set (layout shift {shift:.3f})"
    # The font is the site's own file, loaded from the site.
    fonts = phone.evaluate("performance.getEntriesByType('resource').map(r => r.name).filter(n => /woff2/.test(n))")
    assert fonts and all(site_server.base in font for font in fonts), fonts


def test_reset_restores_the_defaults(phone, site_server):
    phone.goto(site_server.url(""))
    phone.evaluate(f"localStorage.setItem('{KEY}', {json.dumps(json.dumps(LARGEST))})")
    phone.reload()
    assert phone.evaluate(ATTRIBUTES) == LARGEST
    phone.click("[data-pacer-prefs-toggle]")
    phone.get_by_role("button", name="Reset to defaults").click()
    assert phone.evaluate(ATTRIBUTES) == {}, "Reset left preferences on the page"
    assert stored(phone) == {}, "Reset left preferences in storage"
    assert phone.evaluate("[...document.querySelectorAll('#pacer-prefs input[value=default]')].every(i => i.checked)"), \
        "the panel does not show the defaults after Reset"
    phone.reload()
    assert phone.evaluate(ATTRIBUTES) == {}


def test_damaged_storage_leaves_the_defaults(phone, site_server):
    phone.goto(site_server.url(""))
    phone.evaluate(f"localStorage.setItem('{KEY}', '{{\"size\": \"99\", \"font\": \"<b>\"')")
    phone.reload()
    assert phone.evaluate(ATTRIBUTES) == {}, "values the panel cannot set were applied"


def test_no_reading_text_is_smaller_than_16px_on_a_phone(phone, site_server):
    phone.goto(site_server.url(a_module()))
    sizes = phone.evaluate("""() => {
        const size = el => el ? parseFloat(getComputedStyle(el).fontSize) : null;
        const probe = document.createElement('div');
        probe.className = 'md-tooltip2';
        probe.innerHTML = '<div class="md-tooltip2__inner">tip</div>';
        document.body.append(probe);
        return {body: size(document.querySelector('.md-content .md-typeset p')),
                admonition: size(document.querySelector('.md-typeset .admonition p, .md-typeset details p')),
                table: size(document.querySelector('.md-typeset table td')),
                tooltip: size(probe.firstChild)};
    }""")
    assert all(sizes.values()), f"{a_module()}: a kind of text to measure is missing: {sizes}"
    small = {kind: px for kind, px in sizes.items() if px < 16}
    assert not small, f"text smaller than 16 px at the default settings on a phone: {small}"


PAGES = ["", "course1/", "module"]
# Material's header buttons at phone width are labels that a11y.js gives role="button", which
# axe reports (aria-allowed-role). That is the header's own, whatever the reading preferences,
# and the whole-site axe pass answers for it; here it is left aside, and nothing else is.
def _not_the_header_labels(violations: list[dict]) -> list[dict]:
    return [v for v in violations
            if not (v["id"] == "aria-allowed-role" and all(n["html"].startswith("<label") for n in v["nodes"]))]


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390", "1280"])
def test_the_largest_settings_pass_axe(browser, site_server, viewport, scheme):
    context = browser.new_context(viewport=viewport, color_scheme=scheme)
    context.add_init_script(f"localStorage.setItem('{KEY}', {json.dumps(json.dumps(LARGEST))})")
    page = context.new_page()
    failures = []
    try:
        for path in PAGES:
            path = a_module() if path == "module" else path
            page.goto(site_server.url(path))
            assert page.evaluate(ATTRIBUTES) == LARGEST
            violations = _not_the_header_labels(run_axe(page))
            if violations:
                failures.append(f"{path or 'home'}: {describe_violations(violations)}")
        page.click("[data-pacer-prefs-toggle]")  # the open panel itself, on the last page
        violations = run_axe(page, "#pacer-prefs")
        if violations:
            failures.append(f"the open panel: {describe_violations(violations)}")
    finally:
        context.close()
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_a_first_visit_is_drawn_in_the_systems_colour_scheme(browser, site_server, scheme):
    """With nothing saved yet, the page has the system's colour scheme before Material's bundle
    runs (here it never runs), so a learner whose system is dark is never shown a light page first."""
    context = browser.new_context(viewport=PHONE, color_scheme=scheme)
    errors = []
    try:
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.route("**/assets/javascripts/bundle.*.min.js", lambda route: route.abort())
        page.goto(site_server.url(a_module()), wait_until="load")
        applied = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    finally:
        context.close()
    assert not errors, f"the page's scripts failed: {errors}"
    assert applied == MATERIAL_SCHEME[scheme], f"a first visit on a {scheme} system is drawn with the {applied!r} scheme"


# Switches to the dark scheme as Material's toggle does, and reads a link's colour in the same task.
SWITCH_TO_DARK = """() => {
    const link = document.querySelector('article a[href]:not([class])');
    const before = getComputedStyle(link).color;
    document.querySelector("[data-md-component='palette'] input[data-md-color-scheme='slate']").click();
    return {before, atOnce: getComputedStyle(link).color, scheme: document.body.getAttribute('data-md-color-scheme')};
}"""
SETTLED = """() => {
    const link = document.querySelector('article a[href]:not([class])');
    return {color: getComputedStyle(link).color, transition: getComputedStyle(link).transitionDuration,
            switching: document.documentElement.classList.contains('pacer-palette-switching')};
}"""


def test_a_colour_scheme_switch_changes_every_colour_at_once(browser, site_server):
    """Links fade into a new colour on hover (Material's transitions), but a switch of colour
    scheme changes every colour at once, and the transitions are back afterwards."""
    context = browser.new_context(viewport=DESKTOP, color_scheme="light")
    try:
        page = context.new_page()
        page.goto(site_server.url(a_module()), wait_until="load")
        switch = page.evaluate(SWITCH_TO_DARK)
        page.wait_for_timeout(500)  # longer than any of Material's colour transitions (0.25 s)
        settled = page.evaluate(SETTLED)
    finally:
        context.close()
    assert switch["scheme"] == "slate", f"the dark scheme was not applied: {switch}"
    assert switch["before"] != settled["color"], "the link has the same colour in both schemes: pick another element"
    assert switch["atOnce"] == settled["color"], (
        f"the link faded from {switch['before']} into {settled['color']} (it was {switch['atOnce']} at the switch)")
    assert not settled["switching"] and settled["transition"] != "0s", f"transitions did not come back: {settled}"
