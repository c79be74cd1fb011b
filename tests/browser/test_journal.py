"""The learner's journal in a real browser (overrides/assets/javascripts/journal.js).

A note typed on a phone-sized page is kept and restored, listed on "My journal" with a link back,
downloaded (Markdown, plain text, Word) and imported into a fresh browser profile. A damaged or
foreign file is refused and the journal stays as it was; a newer note is replaced only when the
learner agrees. Storage that the browser refuses is said plainly, with what was typed offered as
a download. No request leaves 127.0.0.1, and none but page loads is made, while the learner types,
saves, downloads and imports. The facilitator view and the print pages have no boxes; the boxes
follow the reading preferences, and the pages pass axe in both schemes at both widths.
"""

from __future__ import annotations

import re
import zipfile

import docx
import pytest
from playwright.sync_api import expect

from devtools.browser import DESKTOP, PHONE, ROOT, describe_violations, is_local, run_axe
from pacer import model
from pacer.render import views

pytestmark = pytest.mark.browser

CURRICULUM = model.load(ROOT)
MODULE = CURRICULUM.courses["course1"].modules[0]
MODULE_URL = MODULE.key + "/"
JOURNAL_URL = "learners/journal/"
LABEL = "Your notes, kept only on this device"
NOTES = "window.pacerStore('pacer-journal').load().notes || {}"
# Storage that refuses every write, as in some private windows or when it is full.
BLOCKED_STORAGE = "Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); };"


def watch_requests(page) -> list:
    requests = []
    page.on("request", lambda r: requests.append((r.method, r.url)))
    return requests


def sent_away(requests) -> list:
    """Requests that left the machine, or that could carry data (anything but a GET)."""
    return [(m, u) for m, u in requests if m != "GET" or not is_local(u)]


def type_note(page, index: int, text: str):
    box = page.locator("textarea.pacer-journal-box__text").nth(index)
    box.click()
    box.press_sequentially(text)
    expect(page.locator(".pacer-journal-box__status").nth(index)).to_have_text("Saved on this device.")
    return box


def download(page, button, target):
    with page.expect_download() as waiting:
        button.click()
    waiting.value.save_as(target)
    return target


def test_a_note_typed_on_a_phone_is_kept_listed_and_links_back(phone, site_server):
    page = phone
    requests = watch_requests(page)
    page.goto(site_server.url(MODULE_URL))
    boxes = page.get_by_role("textbox", name=re.compile("^" + LABEL))
    assert boxes.count() >= 2, f"{MODULE_URL}: fewer than two notes boxes"
    first_prompt = page.locator("[data-pacer-prompt]").first.get_attribute("data-pacer-prompt-name")
    expect(boxes.first).to_have_accessible_name(f"{LABEL} {first_prompt}")
    type_note(page, 0, "What I noticed first.\nA second line.")

    page.reload()
    box = page.locator("textarea.pacer-journal-box__text").first
    expect(box).to_have_value("What I noticed first.\nA second line.")
    expect(page.locator(".pacer-journal-box__status").first).to_have_text("Saved on this device.")

    page.get_by_role("link", name="See all your notes in My journal").first.click()
    page.wait_for_url("**/" + JOURNAL_URL)
    note = page.locator(".pacer-journal__note")
    expect(note).to_have_count(1)
    expect(note).to_contain_text(first_prompt)
    expect(note).to_contain_text("Last changed")
    expect(page.locator(".pacer-journal__course h3")).to_have_text(CURRICULUM.courses["course1"].title)
    expect(page.locator(".pacer-journal__module h4")).to_have_text(f"Module {MODULE.number}: {MODULE.title}")
    expect(note.locator("textarea")).to_have_value("What I noticed first.\nA second line.")
    note.get_by_role("link", name="Go to this activity").click()
    page.wait_for_url(re.compile(re.escape(MODULE_URL) + "#note-"))
    assert sent_away(requests) == [], sent_away(requests)


def test_edit_and_delete_on_my_journal(page, site_server):
    page.goto(site_server.url(MODULE_URL))
    type_note(page, 0, "First thought")
    page.goto(site_server.url(JOURNAL_URL))
    editor = page.locator(".pacer-journal__note textarea")
    editor.fill("First thought, changed on My journal")
    editor.blur()
    expect(page.locator(".pacer-journal__status")).to_have_text("Saved on this device.")
    page.goto(site_server.url(MODULE_URL))
    expect(page.locator("textarea.pacer-journal-box__text").first).to_have_value("First thought, changed on My journal")

    page.goto(site_server.url(JOURNAL_URL))
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Delete this note").click()
    expect(page.locator(".pacer-journal__note")).to_have_count(1)  # cancelled: still there
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Delete this note").click()
    expect(page.locator(".pacer-journal__note")).to_have_count(0)
    expect(page.locator(".pacer-journal__empty")).to_be_visible()
    assert page.evaluate(NOTES) == {}


def test_download_and_import_into_a_fresh_profile(browser, site_server, tmp_path):
    first = browser.new_context(viewport=PHONE)
    second = browser.new_context(viewport=DESKTOP)
    try:
        page = first.new_page()
        requests = watch_requests(page)
        page.goto(site_server.url(MODULE_URL))
        type_note(page, 0, "An activity note")
        count = page.locator("textarea.pacer-journal-box__text").count()
        type_note(page, count - 1, "A reflection note <with> -- marks\n<!-- pacer-journal-note {} -->")
        page.goto(site_server.url(JOURNAL_URL))
        files = {fmt: download(page, page.locator(f"[data-pacer-journal-download={fmt}]"), tmp_path / f"journal.{fmt}")
                 for fmt in ("md", "txt", "docx")}
        module_md = download(page, page.get_by_role("button", name=re.compile(r"notes of Module 1: .* as Markdown")),
                             tmp_path / "module.md")
        assert sent_away(requests) == [], sent_away(requests)

        markdown = files["md"].read_text(encoding="utf-8")
        assert "An activity note" in markdown and "A reflection note <with> -- marks" in markdown
        assert "## " + CURRICULUM.courses["course1"].title in markdown
        assert "An activity note" in module_md.read_text(encoding="utf-8")
        text = files["txt"].read_text(encoding="utf-8")
        assert "An activity note" in text and "pacer-journal-note {\"" not in text, "the plain text holds no comment lines"
        with zipfile.ZipFile(files["docx"]) as archive:
            assert archive.testzip() is None
        document = docx.Document(str(files["docx"]))
        styles = {(p.style.name, p.text) for p in document.paragraphs}
        assert ("Heading 1", CURRICULUM.courses["course1"].title) in styles
        assert ("Heading 2", f"Module {MODULE.number}: {MODULE.title}") in styles
        assert ("Normal", "An activity note") in styles
        assert document.core_properties.title == "My PaCER journal"

        fresh = second.new_page()
        fresh_requests = watch_requests(fresh)
        fresh.goto(site_server.url(JOURNAL_URL))
        expect(fresh.locator(".pacer-journal__empty")).to_be_visible()
        fresh.get_by_label("Import notes from a Markdown file").set_input_files(str(files["md"]))
        expect(fresh.locator(".pacer-journal__status")).to_have_text("Imported the file: 2 added, 0 updated.")
        expect(fresh.locator(".pacer-journal__note")).to_have_count(2)
        fresh.goto(site_server.url(MODULE_URL))
        boxes = fresh.locator("textarea.pacer-journal-box__text")
        expect(boxes.first).to_have_value("An activity note")
        expect(boxes.nth(count - 1)).to_have_value("A reflection note <with> -- marks\n<!-- pacer-journal-note {} -->")
        assert sent_away(fresh_requests) == [], sent_away(fresh_requests)
    finally:
        first.close()
        second.close()


def test_import_never_replaces_a_newer_note_without_asking(page, site_server, tmp_path):
    page.goto(site_server.url(MODULE_URL))
    type_note(page, 0, "Old words")
    page.goto(site_server.url(JOURNAL_URL))
    exported = download(page, page.locator("[data-pacer-journal-download=md]"), tmp_path / "old.md")
    page.goto(site_server.url(MODULE_URL))
    box = page.locator("textarea.pacer-journal-box__text").first
    box.fill("Newer words")
    box.blur()
    page.goto(site_server.url(JOURNAL_URL))
    questions = []

    def answer(accept: bool):
        def handle(dialog):
            questions.append(dialog.message)
            dialog.accept() if accept else dialog.dismiss()
        return handle

    page.once("dialog", answer(False))
    page.get_by_label("Import notes from a Markdown file").set_input_files(str(exported))
    expect(page.locator(".pacer-journal__status")).to_contain_text("1 kept as they were")
    assert questions and "older" in questions[0], questions
    assert [n["text"] for n in page.evaluate(NOTES).values()] == ["Newer words"]

    page.once("dialog", answer(True))
    page.get_by_label("Import notes from a Markdown file").set_input_files(str(exported))
    expect(page.locator(".pacer-journal__status")).to_contain_text("1 updated")
    assert [n["text"] for n in page.evaluate(NOTES).values()] == ["Old words"]


DAMAGED = {
    "foreign.md": "# Shopping list\n\n- eggs\n",
    "empty.md": "",
    "binary.md": "\x00\x01PK\x03\x04",
}


def test_damaged_or_foreign_files_are_refused_and_the_journal_is_unchanged(page, site_server, tmp_path):
    page.goto(site_server.url(MODULE_URL))
    type_note(page, 0, "Keep me")
    page.goto(site_server.url(JOURNAL_URL))
    good = download(page, page.locator("[data-pacer-journal-download=md]"), tmp_path / "good.md").read_text(encoding="utf-8")
    line = next(x for x in good.split("\n") if x.startswith("<!-- pacer-journal-note "))
    files = dict(DAMAGED)
    files["cut.md"] = good[: good.index("<!-- pacer-journal-note ") + 60]
    files["broken-json.md"] = good.replace(line, line.replace('"text"', '"text', 1))
    files["changed-text.md"] = good.replace("\nKeep me\n", "\nKeep me, edited\n")
    files["wrong-count.md"] = good.replace("notes=1", "notes=2")
    files["other-version.md"] = good.replace("pacer-journal 1 ", "pacer-journal 9 ")
    files["link-elsewhere.md"] = good.replace(line, line.replace('"page":"', '"page":"https://example.org/'))
    before = page.evaluate(NOTES)
    for name, content in files.items():
        path = tmp_path / name
        path.write_text(content, encoding="utf-8")
        page.get_by_label("Import notes from a Markdown file").set_input_files(str(path))
        alert = page.locator(".pacer-journal [role=alert]")
        expect(alert, f"{name} was not refused").to_contain_text("nothing was imported")
        expect(alert).to_contain_text("Your journal is unchanged")
        assert page.evaluate(NOTES) == before, f"{name} changed the journal"
        expect(page.locator(".pacer-journal__note")).to_have_count(1)


def test_blocked_storage_says_so_and_offers_what_was_typed(browser, site_server, tmp_path):
    context = browser.new_context(viewport=PHONE)
    context.add_init_script(BLOCKED_STORAGE)
    try:
        page = context.new_page()
        requests = watch_requests(page)
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(site_server.url(MODULE_URL))
        box = page.locator("textarea.pacer-journal-box__text").first
        box.click()
        box.press_sequentially("Words I do not want to lose")
        alert = page.get_by_role("alert")
        expect(alert).to_contain_text("Your notes cannot be kept on this device")
        expect(page.locator(".pacer-journal-box__status").first).to_have_text("Not saved.")
        saved = download(page, alert.get_by_role("button", name=re.compile("Markdown")), tmp_path / "unsaved.md")
        assert "Words I do not want to lose" in saved.read_text(encoding="utf-8")
        # The rest of the page still works: the self-checks and the module's progress button.
        page.get_by_role("button", name="I have finished this module").click()
        expect(page.locator(".pacer-progress [role=status]")).to_contain_text("does not allow saving")
        assert errors == [] and sent_away(requests) == []
    finally:
        context.close()


def test_the_facilitator_view_and_the_print_pages_have_no_boxes(page, site_server):
    page.goto(site_server.url(f"{views.FACILITATOR_FOLDER}/{MODULE_URL}"))
    expect(page.locator(".md-content article")).to_be_visible()
    assert page.locator("textarea, [data-pacer-prompt]").count() == 0
    page.goto(site_server.url(f"{MODULE.course}/print/"))
    expect(page.locator(".pacer-print-module").first).to_be_attached()
    assert page.locator("textarea, [data-pacer-prompt]").count() == 0
    response = page.goto(site_server.url(f"{views.FACILITATOR_FOLDER}/{JOURNAL_URL}"))
    assert response.status == 404, "the facilitator view has a journal page"


def test_boxes_follow_the_reading_preferences(page, site_server):
    page.goto(site_server.url(MODULE_URL))
    box = page.locator("textarea.pacer-journal-box__text").first
    text = page.locator("[data-pacer-prompt] > p:not(.admonition-title)").first
    style = "(el) => { const s = getComputedStyle(el); return [s.fontSize, s.fontFamily, s.lineHeight]; }"
    assert box.evaluate(style) == text.evaluate(style)
    page.evaluate("""() => { const p = window.pacerPreferences;
        p.save({size: "3", font: "readable", spacing: "2"}); p.apply(p.read()); }""")
    larger = box.evaluate(style)
    assert larger == text.evaluate(style)
    assert "Atkinson" in larger[1] and float(larger[0].removesuffix("px")) > 20


def test_printing_my_journal_prints_the_notes_not_the_controls(page, site_server):
    page.goto(site_server.url(MODULE_URL))
    type_note(page, 0, "A note for paper")
    page.goto(site_server.url(JOURNAL_URL))
    page.emulate_media(media="print")
    expect(page.locator(".pacer-journal__printed")).to_have_text("A note for paper")
    expect(page.locator(".pacer-journal__printed")).to_be_visible()
    for hidden in (".pacer-journal__tools", ".pacer-journal__note textarea", "#where-your-notes-are-kept"):
        expect(page.locator(hidden).first).to_be_hidden()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_journal_and_module_pages_pass_axe(browser, site_server, scheme):
    context = browser.new_context(viewport=PHONE, color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(site_server.url(MODULE_URL))
        type_note(page, 0, "A note, so that every part of the journal is on screen")
        problems = {}
        for url in (MODULE_URL, JOURNAL_URL):
            page.goto(site_server.url(url))
            expect(page.locator(".pacer-journal-box, .pacer-journal__note").first).to_be_visible()
            for name, size in (("390px", PHONE), ("1280px", DESKTOP)):
                page.set_viewport_size(size)
                violations = run_axe(page)
                if violations:
                    problems[f"{url} {name}"] = describe_violations(violations)
        assert not problems, "\n".join(f"{k}:\n{v}" for k, v in problems.items())
    finally:
        context.close()
