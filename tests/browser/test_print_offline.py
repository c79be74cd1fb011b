"""Print and offline, in a real browser: the printable course pages and their PDFs, and the
offline zip opened from disk (file://) with search and the learner's notes working."""

from __future__ import annotations

import re
import sys
import zipfile
import zlib
from pathlib import Path

import pytest
from playwright.sync_api import expect

from pacer.model.frontmatter import split
from devtools.browser import ROOT

pytestmark = pytest.mark.browser

COURSES = ("course1", "course2", "course3")
sys.path.insert(0, str(ROOT / "scripts"))


def module_titles(course: str) -> list[str]:
    metas = [split(index.read_text(encoding="utf-8")).meta for index in sorted((ROOT / course).glob("[0-9][0-9]-*/index.md"))]
    return [str(meta["title"]) for meta in metas if meta.get("title")]


def _pdf_string(token: bytes) -> str:
    """Decode a PDF string token: (literal) or <hex>, in PDFDocEncoding or UTF-16 with a BOM."""
    if token.startswith(b"<"):
        raw = bytes.fromhex(token[1:-1].decode())
    else:
        raw = re.sub(rb"\\([nrtbf()\\]|[0-7]{1,3})", lambda m: _unescape(m.group(1)), token[1:-1])
    return raw[2:].decode("utf-16-be") if raw.startswith(b"\xfe\xff") else raw.decode("latin-1")


def _unescape(code: bytes) -> bytes:
    simple = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f", b"(": b"(", b")": b")", b"\\": b"\\"}
    return simple.get(code) or bytes([int(code, 8) & 0xFF])


def pdf_outline_titles(pdf: Path) -> list[str]:
    """The bookmark titles of a PDF, read with the standard library (streams inflated with zlib)."""
    data = pdf.read_bytes()
    chunks = [data]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.DOTALL):
        try:
            chunks.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    titles = re.findall(rb"/Title\s*(<[0-9A-Fa-f\s]*>|\((?:\\.|[^\\)])*\))", b"\n".join(chunks), re.DOTALL)
    return [_pdf_string(t) for t in titles]


def normal(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


@pytest.mark.parametrize("course", COURSES)
def test_course_page_links_to_a_printable_page_with_every_module(page, site_server, course):
    page.goto(site_server.url(f"{course}/"))
    link = page.locator("a", has_text="Print this course")
    assert link.count() == 1, f"{course}/: no link to the printable page"
    link.click()
    page.wait_for_url(re.compile(rf"/{course}/print/$"))
    headings = [normal(h) for h in page.locator(".pacer-print-module h2").all_inner_texts()]
    missing = [t for t in module_titles(course) if normal(t) not in headings]
    assert module_titles(course), f"{course} has no module with a title"
    assert not missing, f"{course}/print/ lacks these modules: {missing}"


def test_print_layout_hides_navigation_and_opens_collapsed_blocks(page, site_server):
    page.goto(site_server.url("course1/print/"))
    page.emulate_media(media="print")
    hidden = page.evaluate("""() => ['.md-header', '.md-sidebar--primary', '.md-footer', '.md-tabs']
        .filter(s => document.querySelector(s))
        .filter(s => getComputedStyle(document.querySelector(s)).display !== 'none')""")
    assert not hidden, f"navigation chrome still printed: {hidden}"
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    closed = page.evaluate("document.querySelectorAll('details:not([open])').length")
    assert closed == 0, f"{closed} collapsed blocks stay closed when the page prints"
    # (a link whose text is its address is not followed by it again: test_phone_tables.py)
    external = page.evaluate("""() => { const a = document.querySelector('.md-typeset a[href^="http"]:not([data-pacer-shows-address])');
        return a ? getComputedStyle(a, '::after').content : 'none-needed'; }""")
    assert external == "none-needed" or "http" in external or "attr" in external, \
        f"printed links do not show their address: {external}"


@pytest.fixture(scope="module")
def pdfs(built_site, browser, tmp_path_factory):
    from make_pdfs import make_pdfs

    return make_pdfs(built_site.site, tmp_path_factory.mktemp("pdf"), browser)


@pytest.mark.parametrize("course", COURSES)
def test_each_course_pdf_holds_every_module_title(pdfs, course):
    pdf = next((p for p in pdfs if p.name == f"{course}.pdf"), None)
    assert pdf and pdf.stat().st_size > 10_000, f"{course}.pdf was not made"
    assert pdf.read_bytes().startswith(b"%PDF-")
    outline = {normal(t) for t in pdf_outline_titles(pdf)}
    missing = [t for t in module_titles(course) if normal(t) not in outline]
    assert not missing, f"{course}.pdf has no bookmark for these modules: {missing}"


def test_pdf_outline_reader_finds_titles_and_misses_absent_ones(tmp_path):
    """The PDF check can fail: a PDF without the title is reported."""
    pdf = tmp_path / "tiny.pdf"
    stream = zlib.compress(b"<< /Title (Interviewing with care) >> << /Title <FEFF0043006F> >>")
    pdf.write_bytes(b"%PDF-1.4\n1 0 obj << /Length 1 >>\nstream\n" + stream + b"\nendstream\nendobj\n")
    assert pdf_outline_titles(pdf) == ["Interviewing with care", "Co"]
    assert "focus groups" not in {normal(t) for t in pdf_outline_titles(pdf)}


@pytest.fixture(scope="module")
def offline_home(tmp_path_factory) -> Path:
    """The offline zip, made once for this file's tests and unzipped: its home page."""
    from make_offline import TOP_FOLDER, make_offline

    folder = tmp_path_factory.mktemp("offline")
    target = make_offline(folder / "offline.zip")
    assert target.stat().st_size > 100_000
    with zipfile.ZipFile(target) as archive:
        archive.extractall(folder / "unzipped")
    home = folder / "unzipped" / TOP_FOLDER / "index.html"
    assert home.exists(), "the zip has no index.html at its top folder"
    return home


def test_offline_zip_works_from_disk_with_search(browser, offline_home):
    home = offline_home
    context = browser.new_context()
    page = context.new_page()
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    try:
        page.goto(home.as_uri())
        page.click(".md-search__input")
        page.locator(".md-search__input").press_sequentially("Co-Build")
        page.wait_for_selector(".md-search-result__item", timeout=15_000)
        first = page.locator(".md-search-result__item > .md-search-result__link").first
        first.click()
        page.wait_for_load_state("load")
        assert page.url.startswith("file://") and page.url.split("#")[0].split("?")[0].endswith(".html"), page.url
        assert "co-build" in page.url.lower()
        # Search forgives from disk too: a near spelling and an irregular plural.
        for query, word in (("intervew", "interview"), ("honoraria", "honorarium")):
            page.goto(home.as_uri())
            page.click(".md-search__input")
            page.locator(".md-search__input").press_sequentially(query)
            page.wait_for_selector(".md-search-result__item", timeout=15_000)
            link = page.locator(".md-search-result__item > .md-search-result__link").first.get_attribute("href")
            assert f"h={word}" in link, f"offline search for {query!r}: the first result links to {link}"
    finally:
        context.close()
    foreign = [u for u in requests if not u.startswith(("file:", "data:", "blob:"))]
    assert not foreign, f"the offline site asked the network for: {foreign}"


def test_notes_work_in_the_offline_copy(browser, offline_home):
    """A note typed in the offline copy is kept, and listed on "My journal" with a link back."""
    module = next(p for p in sorted((ROOT / "course1").glob("[0-9][0-9]-*/index.md")))
    page_file = offline_home.parent / module.parent.relative_to(ROOT) / "index.html"
    context = browser.new_context()
    page = context.new_page()
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    try:
        page.goto(page_file.as_uri())
        box = page.locator("textarea.pacer-journal-box__text").first
        box.press_sequentially("Written offline")
        expect(page.locator(".pacer-journal-box__status").first).to_have_text("Saved on this device.")
        page.get_by_role("link", name="See all your notes in My journal").first.click()
        page.wait_for_load_state("load")
        assert page.url.endswith("learners/journal.html"), page.url
        note = page.locator(".pacer-journal__note")
        expect(note.locator("textarea")).to_have_value("Written offline")
        note.get_by_role("link", name="Go to this activity").click()
        page.wait_for_load_state("load")
        assert page.url.split("#")[0] == page_file.as_uri(), page.url
        expect(page.locator("textarea.pacer-journal-box__text").first).to_have_value("Written offline")
    finally:
        context.close()
    foreign = [u for u in requests if not u.startswith(("file:", "data:", "blob:"))]
    assert not foreign, f"the offline site asked the network for: {foreign}"
