"""A keyboard user who reads with low vision opens the reading preferences, the panel built for
them, and moves through it with Tab: every control shows a focus ring they can see (at least
2 px and 3:1 against the panel), in the light and the dark scheme, on a desktop and a phone."""

from __future__ import annotations

import pytest

from devtools.browser import DESKTOP, PHONE, focus_ring, ring_is_visible, screenshot

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_every_control_of_the_preferences_panel_shows_its_focus(browser, site_server, scheme, viewport):
    context = browser.new_context(color_scheme=scheme, viewport=viewport)
    page = context.new_page()
    try:
        page.goto(site_server.url(""))
        toggle = page.locator("[data-pacer-prefs-toggle]")
        toggle.focus()
        page.keyboard.press("Enter")
        panel = page.locator("#pacer-prefs")
        panel.wait_for()
        controls = panel.locator("input, button").count()
        rings = []
        for _ in range(controls + 2):
            page.keyboard.press("Tab")
            if not page.evaluate("() => !!document.activeElement.closest('#pacer-prefs')"):
                continue
            rings.append(focus_ring(page))
            if len(rings) == 3:
                screenshot(page, f"keyboard-preferences-{scheme}-{viewport['width']}")
    finally:
        context.close()
    # radios are one tab stop per group; both buttons are stops of their own
    assert len(rings) >= 4, f"only {len(rings)} controls of the panel took the focus: {rings}"
    faint = [ring for ring in rings if not ring_is_visible(ring)]
    assert not faint, f"{scheme}, {viewport['width']} px: controls whose focus ring cannot be seen: {faint}"
