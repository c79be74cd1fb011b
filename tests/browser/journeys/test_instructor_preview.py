"""An instructor previews a module with `make serve`, as they would: the page in the browser
updates by itself after each save, a problem shows on the page (file, line, what to do) instead
of a page that never loads, and goes away when it is fixed.

The project is a small copy of the site (conftest.make_project) served by scripts/serve.py,
which starts both views, exactly as `make serve` does.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from conftest import hostile_module
from devtools.browser import screenshot, site_prefix

pytestmark = [pytest.mark.browser, pytest.mark.timeout(600)]

MODULE = "course1/01-preview/index.md"


def _free_port_pair() -> int:
    """A port whose next port is free too (serve.py takes two)."""
    for _ in range(50):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        with socket.socket() as second:
            if second.connect_ex(("127.0.0.1", port + 1)) != 0:
                return port
    raise RuntimeError("no two free ports in a row")


def _wait_for(url: str, seconds: float = 240) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except OSError:
            time.sleep(0.5)
    raise AssertionError(f"the preview did not answer at {url} within {seconds} s")


@pytest.fixture
def preview(make_project):
    project = make_project({MODULE: hostile_module("fine").replace('title: "Hostile fine"', 'title: "Previewing a module"')
                            .replace("Text.\n\n## Only part", "The first version of this paragraph.\n\n## Only part")})
    port = _free_port_pair()
    server = subprocess.Popen([sys.executable, "scripts/serve.py", "--port", str(port)], cwd=project,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    base = f"http://127.0.0.1:{port}{site_prefix()}"
    try:
        _wait_for(base + "course1/01-preview/")
        yield project, base
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


def _save(project, text: str) -> None:
    (project / MODULE).write_text(text, encoding="utf-8")


def test_the_page_follows_each_save_and_shows_problems_until_they_are_fixed(page, preview):
    project, base = preview
    source = (project / MODULE).read_text(encoding="utf-8")
    page.goto(base + "course1/01-preview/")
    article = page.locator("article")
    assert "The first version of this paragraph." in article.inner_text()

    # A save: the open page changes by itself (no reload by the test).
    _save(project, source.replace("The first version", "The second version"))
    page.get_by_text("The second version of this paragraph.").wait_for(timeout=90_000)
    screenshot(page, "instructor-1-after-a-save")

    # A mistake: the page says what and where, in the browser.
    _save(project, source.replace("The first version of this paragraph.", "<!-- generated: no-such-block -->"))
    panel = page.locator(".pacer-build-problems")
    panel.wait_for(timeout=90_000)
    text = panel.inner_text()
    assert f"{MODULE}:" in text and "BLD001" in text and "Fix:" in text, text
    assert panel.bounding_box()["y"] < 200, "the problem is not at the top of the page"
    screenshot(page, "instructor-2-a-problem-shown")

    # A problem that makes the content unsafe to read: every page shows only the problem.
    _save(project, source.replace("references: [tcps2]", "references: [no-such-source]"))
    page.get_by_text("no-such-source").wait_for(timeout=90_000)
    assert "MOD201" in page.locator(".pacer-build-problems").inner_text()

    # Fixed: the panel goes, the page is back.
    _save(project, source.replace("The first version", "The third version"))
    page.get_by_text("The third version of this paragraph.").wait_for(timeout=90_000)
    assert page.locator(".pacer-build-problems").count() == 0
    screenshot(page, "instructor-3-fixed")
