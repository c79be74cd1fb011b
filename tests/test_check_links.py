"""The built-site link checker: seeded faults are found and traced to their source files."""

from __future__ import annotations

import http.server
import re
import subprocess
import sys
import threading
import time
from argparse import Namespace

import pytest

import check_links
from conftest import ROOT, mkdocs_build
from pacer.links import built as site_links
from pacer.links import external as external_links
from pacer.links.sources import SOURCE_MAP_NAME, Locator, load_source_map

GUIDE = """\
# Guide

A page with links written in raw HTML, which MkDocs does not check.

## Real section

<p><a href="../no-such-page/">A page that does not exist</a></p>

<p><a href="../course1/#no-such-anchor">A section that does not exist</a></p>

<p><img src="images/missing-photo.svg" alt="A picture that is not there"></p>

<p><img src="../images/pixel.png" srcset="../images/pixel.png 1x, ../images/pixel-2x.png 2x" alt="A dot"></p>

<p><img src="" alt="A picture with no address"></p>

<p><a href="../course1/analysis/#no-such-heading">A heading the notebook does not have</a></p>

<p><a href="#real-section">This section</a> and <a href="../course1/analysis/#counting-notes">the notebook's counting</a>.</p>

<p><a href="mailto:team@example.org">Write to us</a> or call <a href="tel:+1-403-555-0100">the office</a>.</p>
"""

RAW_HTML_PAGE = """\
---
title: Handouts
---

The handouts for this course.

<table>
  <tr><th>Handout</th></tr>
  <tr><td><a href="../handouts/consent-form.pdf">Consent form</a></td></tr>
</table>
"""

NOTEBOOK = """\
# %% [markdown]
# # Counting synthetic notes
#
# **All data on this page is synthetic.**
#
# Before you start, read [the guide to counting](../no-such-counting-guide/).
#
# ## Counting notes

# %%
notes = ["access", "cost", "access"]
print(len(notes), "notes")
"""

OVERRIDE = """\
<div class="md-copyright">
  <img src="{{ 'assets/images/no-such-badge.svg' | url }}" alt="Course badge">
</div>
"""

PIXEL = "A picture for the link checker to find: only its name matters.\n"

NAV = ("nav:\n  - Home: index.md\n  - Guide: guide.md\n  - Course 1: course1/index.md\n"
       "  - Course 2: course2/index.md\n  - Course 3: course3/index.md\n")


def line_of(text: str, needle: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), 1) if needle in line)


@pytest.fixture(scope="module")
def seeded(make_module_project, tmp_path_factory):
    """One small project with every kind of fault, built once for this module's tests."""
    project = make_module_project({
        "docs/guide.md": GUIDE,
        "docs/images/pixel.png": PIXEL,
        "course1/handouts.md": RAW_HTML_PAGE,
        "course1/analysis.py": NOTEBOOK,
        "overrides/partials/copyright.html": OVERRIDE,
    }, nav=NAV)
    build = mkdocs_build(project, tmp_path_factory.mktemp("seeded") / "site")
    assert build.returncode == 0, build.log
    result = check_links.run(build.site, project)
    return project, build.site, result


def problem(result, code: str, fragment: str):
    found = [p for p in result.problems if p.code == code and fragment in p.message]
    assert found, f"no {code} about {fragment!r} in:\n" + "\n".join(map(str, result.problems))
    return found[0]


def test_the_build_leaves_a_source_map_beside_the_pages(seeded):
    project, site, result = seeded
    assert result.source_map_found
    text = (site / SOURCE_MAP_NAME).read_text()
    assert '"course1/analysis/index.html"' in text and '"source": "course1/analysis.py"' in text
    assert str(project) not in text, "the map must not hold machine paths"
    assert not (project / SOURCE_MAP_NAME).exists() and not (project / "docs" / SOURCE_MAP_NAME).exists()


# Each seeded fault: (problem code, text of the message, source file, its text, the text on the
# faulty line, built pages the message must name).
SEEDED_FAULTS = {
    "missing page": (site_links.MISSING_PAGE, 'href="../no-such-page/"', "docs/guide.md", GUIDE,
                     "no-such-page", ["on 2 built pages", "guide/index.html", "facilitator/guide/index.html"]),
    "missing anchor": (site_links.MISSING_ANCHOR, "#no-such-anchor", "docs/guide.md", GUIDE,
                       "no-such-anchor", ["guide/index.html", "course1/index.html"]),
    "missing image": (site_links.MISSING_ASSET, "missing-photo.svg", "docs/guide.md", GUIDE,
                      "missing-photo.svg", ["guide/index.html"]),
    "broken srcset candidate": (site_links.MISSING_ASSET, "pixel-2x.png", "docs/guide.md", GUIDE,
                                "pixel-2x.png", ["srcset", "guide/index.html"]),
    "empty src": (site_links.EMPTY_ADDRESS, 'src=""', "docs/guide.md", GUIDE, 'src=""', ["guide/index.html"]),
    "bad link in a notebook Markdown cell": (site_links.MISSING_PAGE, "no-such-counting-guide", "course1/analysis.py",
                                             NOTEBOOK, "no-such-counting-guide", ["course1/analysis/index.html"]),
    "bad link in raw HTML": (site_links.MISSING_PAGE, "consent-form.pdf", "course1/handouts.md", RAW_HTML_PAGE,
                             "consent-form.pdf", ["course1/handouts/index.html"]),
    "bad anchor into a notebook page": (site_links.MISSING_ANCHOR, "#no-such-heading", "docs/guide.md", GUIDE,
                                        "no-such-heading", ["course1/analysis/index.html"]),
}


@pytest.mark.parametrize("fault", SEEDED_FAULTS)
def test_seeded_fault_is_reported_on_its_source_line_and_page(seeded, fault):
    code, fragment, source, text, needle, pages = SEEDED_FAULTS[fault]
    found = problem(seeded[2], code, fragment)
    assert (found.path, found.line) == (source, line_of(text, needle))
    for page in pages:
        assert page in found.message, f"{fault}: the message does not name {page}: {found.message}"


def test_a_good_srcset_candidate_is_not_reported(seeded):
    assert not [p for p in seeded[2].problems if 'src="../images/pixel.png"' in p.message], "the 1x image exists"


def test_bad_asset_in_a_theme_override_is_reported_once_for_every_page(seeded):
    _, site, result = seeded
    found = problem(result, site_links.MISSING_ASSET, "no-such-badge.svg")
    assert (found.path, found.line) == ("overrides/partials/copyright.html", line_of(OVERRIDE, "no-such-badge"))
    pages = len(list(site.rglob("*.html")))
    assert f"on {pages} built pages" in found.message
    assert len([p for p in result.problems if "no-such-badge.svg" in p.message]) == 1


def test_good_links_pass(seeded):
    _, _, result = seeded
    for fine in ("#real-section", "#counting-notes", "mailto:", "tel:", 'src="../images/pixel.png"'):
        assert not [p for p in result.problems if fine in p.message], fine
    assert result.stats.pages >= 8 and result.stats.anchors_checked >= 4


def test_every_seeded_fault_and_nothing_else(seeded):
    _, _, result = seeded
    assert len(result.problems) == 9, "\n".join(map(str, result.problems))


def test_command_line_prints_the_shared_format_and_exits_1(seeded, monkeypatch):
    project, site, _ = seeded
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    run = subprocess.run([sys.executable, str(ROOT / "scripts" / "check_links.py"), str(site), "--root", str(project)],
                         capture_output=True, text=True)
    assert run.returncode == 1, run.stdout + run.stderr
    assert re.search(r"^docs/guide\.md:\d+:\d+: LNK101 ", run.stdout, re.MULTILINE), run.stdout
    assert "::error file=course1/analysis.py,line=6," in run.stdout, run.stdout
    assert "checked" in run.stderr and "Traceback" not in run.stderr


def test_command_line_without_a_site_exits_2(tmp_path):
    run = subprocess.run([sys.executable, str(ROOT / "scripts" / "check_links.py"), str(tmp_path / "nowhere")],
                         capture_output=True, text=True)
    assert run.returncode == 2
    assert "no built site here" in run.stderr and "Traceback" not in run.stderr


def test_the_real_site_has_no_broken_links(built_site):
    result = check_links.run(built_site.site, ROOT)
    assert result.source_map_found
    assert result.stats.pages > 10 and result.stats.links > 1000
    assert not result.problems, "\n".join(map(str, result.problems))


def test_a_built_copy_of_a_file_outside_the_content_is_reported(built_site, tmp_path):
    import shutil

    site = tmp_path / "site"
    shutil.copytree(built_site.site, site)
    assert not [p for p in check_links.run(site, ROOT).problems if p.code == "LNK110"]
    shutil.copy(ROOT / "scripts" / "check_modules.py", site / "assets" / "leaked.txt")
    shutil.copy(ROOT / ".git" / "config", site / "config.txt")
    leaked = [p for p in check_links.run(site, ROOT).problems if p.code == "LNK110"]
    assert sorted(p.path.rsplit("/", 2)[-2:][-1] for p in leaked) == ["config.txt", "leaked.txt"], leaked
    assert any("scripts/check_modules.py" in p.message for p in leaked)
    assert any(".git/config" in p.message for p in leaked)


# --- links to other hosts, against a local server -----------------------------------------------

TIMEOUT = 1.5  # long enough that a busy machine's own delays never look like a timeout


class FakeHost(http.server.BaseHTTPRequestHandler):
    """A host with one path per kind of answer; it records every request it gets."""
    requests: list[tuple[str, str]] = []
    busy_answered = False
    in_flight = most_in_flight = 0
    lock = threading.Lock()

    def _answer(self):
        with FakeHost.lock:
            FakeHost.in_flight += 1
            FakeHost.most_in_flight = max(FakeHost.most_in_flight, FakeHost.in_flight)
        try:
            self._respond()
        finally:
            with FakeHost.lock:
                FakeHost.in_flight -= 1

    def _respond(self):
        FakeHost.requests.append((self.command, self.path))
        path = self.path
        if path == "/redirect":
            return self._send(302, {"Location": "/ok"})
        if path == "/missing":
            return self._send(404)
        if path == "/broken":
            return self._send(500)
        if path == "/slow":
            time.sleep(TIMEOUT / 4)
        if path == "/hang":
            time.sleep(TIMEOUT * 3)
        if path == "/head-refused" and self.command == "HEAD":
            return self._send(405)
        if path == "/busy" and not FakeHost.busy_answered:
            FakeHost.busy_answered = True
            return self._send(429, {"Retry-After": "1"})
        return self._send(200)

    def _send(self, status, headers=None):
        body = b"<html><body>ok</body></html>"
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command == "GET":
            self.wfile.write(body)

    do_GET = do_HEAD = _answer

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def host():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), FakeHost)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def fresh_host(host, monkeypatch):
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    FakeHost.requests.clear()
    FakeHost.busy_answered = False
    FakeHost.most_in_flight = 0
    return host


def make_checker(cache=None, clock=time.time, **options):
    pauses = []
    settings = {"timeout": TIMEOUT, "retries": 1, "backoff": 0.01, "max_wait": 5, "workers": 8, "per_host": 8,
                **options}
    checker = external_links.ExternalChecker(cache=cache, sleep=pauses.append, clock=clock, **settings)
    return checker, pauses


def test_external_answers(fresh_host):
    checker, pauses = make_checker()
    paths = ["/ok", "/redirect", "/missing", "/broken", "/slow", "/hang", "/head-refused", "/busy"]
    answers = checker.check_all([fresh_host + p for p in paths])
    verdict = {p: answers[fresh_host + p].ok for p in paths}
    assert verdict == {"/ok": True, "/redirect": True, "/missing": False, "/broken": False, "/slow": True,
                       "/hang": False, "/head-refused": True, "/busy": True}, answers
    assert "HTTP 404" in answers[fresh_host + "/missing"].message
    assert "HTTP 500" in answers[fresh_host + "/broken"].message
    assert f"no answer within {TIMEOUT:g} s" in answers[fresh_host + "/hang"].message
    assert ("GET", "/head-refused") in FakeHost.requests, "HEAD refused: GET must follow"
    assert FakeHost.requests.count(("HEAD", "/broken")) == 2, "a server error is asked again once (retries=1)"
    assert FakeHost.requests.count(("HEAD", "/missing")) == 1, "a 404 is not asked again"
    assert 1.0 in pauses, "the 429's Retry-After: 1 must be waited for"
    assert FakeHost.most_in_flight >= 2, "the addresses must be checked at the same time, not one by one"


def test_external_retry_after_longer_than_allowed_gives_up(fresh_host):
    checker, pauses = make_checker(max_wait=0.5)
    answer = checker.check_all([fresh_host + "/busy"])[fresh_host + "/busy"]
    assert not answer.ok and "asks to wait 1 s" in answer.message
    assert pauses == []


def test_external_cache_keeps_good_answers_until_they_expire(fresh_host, tmp_path):
    now = [1_000_000.0]
    cache_file = tmp_path / "external.json"
    urls = [fresh_host + "/ok", fresh_host + "/missing"]
    checker, _ = make_checker(cache=external_links.Cache(cache_file, max_age=3600), clock=lambda: now[0])
    checker.check_all(urls)
    assert cache_file.exists()
    FakeHost.requests.clear()
    checker, _ = make_checker(cache=external_links.Cache(cache_file, max_age=3600), clock=lambda: now[0])
    answers = checker.check_all(urls)
    assert answers[urls[0]].ok and not answers[urls[1]].ok
    assert {p for _, p in FakeHost.requests} == {"/missing"}, "a good answer comes from the cache, a broken one is asked again"
    now[0] += 3601
    FakeHost.requests.clear()
    checker, _ = make_checker(cache=external_links.Cache(cache_file, max_age=3600), clock=lambda: now[0])
    checker.check_all(urls)
    assert ("HEAD", "/ok") in FakeHost.requests, "an expired answer is asked again"


def test_external_ignored_hosts_are_not_asked(fresh_host):
    checker, _ = make_checker(ignored_hosts=("127.0.0.1",))
    assert checker.check_all([fresh_host + "/missing"]) == {}
    assert FakeHost.requests == []
    assert external_links.is_ignored("https://www.linkedin.com/in/x", external_links.IGNORED_HOSTS)


def test_external_problems_name_the_source_file(fresh_host, seeded, tmp_path):
    project, site, _ = seeded
    page = site_links.Link("guide/index.html", "a", "href", fresh_host + "/missing", 12, False)
    options = Namespace(no_cache=True, cache_file=tmp_path / "c.json", cache_days=1, timeout=TIMEOUT, retries=0,
                        backoff=0.01, max_wait=1, workers=2, ignore_host=[])
    findings = check_links.check_external([(page, fresh_host + "/missing")], options)
    assert [f.code for f in findings] == [check_links.EXTERNAL_BROKEN]
    problems = check_links.to_problems(findings, Locator(project, load_source_map(site)), "site")
    assert [(p.path, p.code) for p in problems] == [("docs/guide.md", "LNK201")]
    assert "HTTP 404" in problems[0].message and "guide/index.html" in problems[0].message


# --- rules on a tiny hand-written site (no build) ---------------------------------------------

PAGE = "<html><head>{head}</head><body><article class='md-content__inner'>{body}</article></body></html>"


def check_pages(tmp_path, pages: dict[str, str], site_url="https://example.org/course-site/"):
    for path, body in pages.items():
        head, _, body = body.rpartition("|") if "|" in body else ("", "", body)
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(PAGE.format(head=head, body=body), encoding="utf-8")
    site, findings = site_links.load_site(tmp_path, site_url)
    more, external = site_links.check_site(site, site_links.Stats())
    return [(f.link.value, f.code) for f in findings + more], [url for _, url in external]


def test_rules_for_addresses(tmp_path):
    problems, external = check_pages(tmp_path, {
        "index.html": (
            '<h2 id="part">Part</h2>'
            '<a href="about">a folder without its slash</a> <a href="about/#team">anchor</a> <a href="#top">top</a>'
            '<a href="javascript:void(0)">js</a> <a href="mailto:someone">mail</a> <a href="mailto:a@example.org">ok</a>'
            '<a href="tel:403 555">short local</a> <a href="tel:+1-403-555-0100">ok</a>'
            '<a href="/about/">outside the base path</a> <a href="/course-site/about/">inside it</a>'
            '<a href="https://example.org/course-site/gone/">own site_url</a> <a href="https://example.com/x#y">other host</a>'
            '<a href="../../up/">above the top</a> <a href="#nowhere">same page</a> <a href="?q=1#part">query</a>'
            '<img src="pic.png" srcset="pic.png 1x, pic.png 2y" alt="">'),
        "about/index.html": '<h2 id="team">Team</h2>',
        "pic.png": "",
    })
    assert sorted(problems) == sorted([
        ("javascript:void(0)", site_links.JAVASCRIPT_URL),
        ("mailto:someone", site_links.BAD_MAILTO),
        ("tel:403 555", site_links.BAD_TEL),
        ("/about/", site_links.MISSING_PAGE),
        ("https://example.org/course-site/gone/", site_links.MISSING_PAGE),
        ("../../up/", site_links.MISSING_PAGE),
        ("#nowhere", site_links.MISSING_ANCHOR),
        ("pic.png 1x, pic.png 2y", site_links.BAD_SRCSET),
    ]), problems
    assert external == ["https://example.com/x#y"]


def test_base_element_changes_where_relative_links_start(tmp_path):
    problems, _ = check_pages(tmp_path, {
        "index.html": '<base href="docs/">|<a href="page.html">in docs/</a> <a href="gone.html">missing</a>',
        "docs/page.html": "",
    })
    assert problems == [("gone.html", site_links.MISSING_PAGE)]


@pytest.mark.parametrize("srcset, urls, faulty", [
    ("a.png", ["a.png"], False),
    ("a.png 1x, b.png 2x", ["a.png", "b.png"], False),
    ("a.png 400w,b.png 800w", ["a.png", "b.png"], False),
    ("a.png 1x, , b.png 2x", ["a.png", "b.png"], True),
    ("a.png 1x, b.png 1x", ["a.png", "b.png"], True),
    ("a.png big", ["a.png"], True),
    ("  ", [], True),
])
def test_srcset_parsing(srcset, urls, faulty):
    found, faults = site_links.parse_srcset(srcset)
    assert found == urls
    assert bool(faults) == faulty, faults


def test_external_check_without_any_answer_cannot_run(tmp_path, monkeypatch):
    import socket
    monkeypatch.setenv("no_proxy", "127.0.0.1")
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}"
    links = [(site_links.Link("index.html", "a", "href", closed + p, 1, False), closed + p) for p in ("/a", "/b")]
    options = Namespace(no_cache=True, cache_file=tmp_path / "c.json", cache_days=1, timeout=TIMEOUT, retries=0,
                        backoff=0.01, max_wait=1, workers=2, ignore_host=[])
    with pytest.raises(check_links.NoNetwork, match="could not connect"):
        check_links.check_external(links, options)
