"""Safety in a real browser: the Content-Security-Policy lets the site work and reports what
slips through, and no hostile payload runs, loads from another host or navigates away."""

from __future__ import annotations

import pytest

from conftest import HOSTILE_PAGES
from devtools.browser import SiteServer, is_local, site_prefix

pytestmark = pytest.mark.browser


def test_pages_work_under_the_policy_and_a_slipped_handler_is_refused(page, site_server):
    messages = []
    page.on("console", lambda m: messages.append(m.text))
    page.goto(site_server.url("course2/01-interviewing/"))
    policy = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    assert "script-src 'self' 'sha256-" in policy and "base-uri 'none'" in policy and "'unsafe-inline'" not in policy
    assert page.evaluate("typeof document$ !== 'undefined'"), "Material's bundle did not run"
    page.locator(".pacer-self-check__check").first.wait_for(state="visible")  # the site's own script ran
    assert not [m for m in messages if "Content Security Policy" in m], messages
    # Markup that got past every other line of defence: the browser refuses it and says so.
    page.evaluate("""() => {
        const img = document.createElement('div');
        img.innerHTML = '<img src="x" onerror="window.pwned = 1">';
        document.body.appendChild(img);
    }""")
    page.wait_for_timeout(500)
    assert page.evaluate("window.pwned") is None
    assert any("Content Security Policy" in m for m in messages), messages


@pytest.fixture(scope="module")
def hostile_server(hostile_build):
    with SiteServer(hostile_build.site, site_prefix()) as server:
        yield server


def test_no_hostile_payload_runs_loads_or_navigates(browser, hostile_server):
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(10_000)
    dialogs, outside = [], []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("request", lambda r: outside.append(r.url) if not is_local(r.url) else None)
    pages = [f"hostile/{name}/" for name in HOSTILE_PAGES] + ["course1/01-hostile/", "course1/01-hostile/hostile-notebook/",
                                                            "described/"]
    for address in pages:
        url = hostile_server.url(address)
        page.goto(url)
        for element in page.locator("article a:visible, article span:visible, article summary:visible").all()[:6]:
            try:
                element.hover(timeout=300)
            except Exception:  # covered or zero-size elements cannot be hovered; that is fine
                pass
        page.wait_for_timeout(100)
        assert page.url == url, f"{address}: the page navigated to {page.url}"
        assert page.evaluate("window.pwned === undefined")
    context.close()
    assert dialogs == [], f"a payload opened a dialog: {dialogs}"
    assert outside == [], f"a payload loaded from another host: {outside}"
