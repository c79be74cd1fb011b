"""A learner on a phone reads a module: a tap on a glossary term shows what it means, right
there (a touch screen has no hover), and the glossary is one tap further; the page never
scrolls sideways."""

from __future__ import annotations

import pytest

from devtools.browser import PHONE, screenshot
from browser.test_keyboard_and_search import modules

pytestmark = pytest.mark.browser


@pytest.fixture
def touch_phone(browser):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def test_a_tap_on_a_glossary_term_shows_its_meaning_and_leads_to_the_glossary(touch_phone, site_server):
    for module, _title in modules():
        touch_phone.goto(site_server.url(module + "/"))
        if touch_phone.locator("article a.pacer-term").count():
            break
    else:
        pytest.fail("no module page marks a glossary term")
    term = touch_phone.locator("article a.pacer-term").first
    definition, address = term.get_attribute("data-pacer-definition"), touch_phone.url
    assert definition, "the term carries no definition"
    term.scroll_into_view_if_needed()
    term.tap()
    popover = touch_phone.locator(".pacer-term-popover")
    popover.wait_for()
    assert definition in popover.inner_text() and touch_phone.url == address, "the tap did not show the meaning in place"
    assert term.get_attribute("aria-expanded") == "true"
    touch_phone.wait_for_timeout(600)  # longer than Material's tooltip takes to show
    overlaid = touch_phone.evaluate("""() => Array.from(document.querySelectorAll('[class*="md-tooltip"]')).filter((el) => {
        const style = getComputedStyle(el), box = el.getBoundingClientRect();
        return style.visibility !== "hidden" && style.display !== "none" && Number(style.opacity) > 0 && box.width > 0 && box.height > 0;
    }).map((el) => el.className)""")
    assert not overlaid, f"a tooltip also opens over the meaning shown in place: {overlaid}"
    screenshot(touch_phone, "learner-phone-glossary-term")
    wide = touch_phone.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert wide <= 1, f"the page scrolls sideways by {wide} px with the meaning shown"
    popover.locator("a").tap()
    touch_phone.wait_for_url("**/glossary/**")
    assert "#" in touch_phone.url, "the glossary opened without going to the term"


def test_terms_look_unlike_links_to_other_pages(touch_phone, site_server):
    """Terms are in the text's colour with a dotted underline; links are in the link colour."""
    touch_phone.goto(site_server.url("glossary/"))
    for module, _title in modules():
        touch_phone.goto(site_server.url(module + "/"))
        if touch_phone.locator("article a.pacer-term").count() and touch_phone.locator("article p a:not(.pacer-term)").count():
            break
    look = touch_phone.evaluate("""() => {
        const style = (el) => { const s = getComputedStyle(el); return [s.color, s.textDecorationStyle]; };
        const term = document.querySelector("article a.pacer-term");
        const link = document.querySelector("article p a:not(.pacer-term):not(.headerlink)");
        return {term: style(term), link: style(link), text: getComputedStyle(term.parentElement).color};
    }""")
    assert look["term"][0] == look["text"] and look["term"][1] == "dotted", look
    assert look["term"] != look["link"], look
