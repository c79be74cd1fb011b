"""Browser fixtures: the built site on 127.0.0.1 and one headless Chromium per session."""

from __future__ import annotations

import pytest

from devtools.browser import DESKTOP, PHONE, SiteServer, launch_chromium, site_prefix


@pytest.fixture(scope="session")
def site_server(built_site):
    """The built site on a free port of 127.0.0.1, under the site_url's path."""
    with SiteServer(built_site.site, site_prefix()) as server:
        yield server


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """A fresh page (own storage, light scheme, desktop size) for one test."""
    context = browser.new_context(color_scheme="light", viewport=DESKTOP)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def phone(browser):
    """A fresh page at a phone's size (light scheme) for one test."""
    context = browser.new_context(viewport=PHONE, color_scheme="light")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()
