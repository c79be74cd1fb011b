"""Two views from one source: facilitator notes reach the facilitator view and nothing else.

For every module, the learner page, the learner search index, the learner print page and the
offline copy hold none of its facilitator-note text, and the facilitator view's page holds it.
"""

from __future__ import annotations

import json
import re
import zipfile

import pytest
from lxml import html

from conftest import ROOT
from pacer import model
from pacer.render import views

CURRICULUM = model.load(ROOT)
MODULES = [m for m in CURRICULUM.modules]


def _facilitator_sentences(module) -> list[str]:
    """Distinctive sentences from the module's facilitator notes, as they read on the page."""
    lines = module.page.body.split("\n")
    notes = [b for b in module.page.scan.blocks if b.kind == "facilitator"]
    assert notes, f"{module.src}: no facilitator notes"
    text = " ".join(" ".join(lines[b.line + 1:b.end]) for b in notes)
    words = _words(re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text))  # a link's text, not its address
    runs = [" ".join(words[i:i + 10]) for i in range(0, max(len(words) - 10, 1), max(len(words) // 3, 1))]
    assert runs and all(len(r.split()) >= 6 for r in runs), f"{module.src}: facilitator notes too short to look for"
    return runs[:3]


def _words(text: str) -> list[str]:
    """Words only: Markdown marks, punctuation and spacing differ between source and page."""
    return re.sub(r"[^\w]+", " ", text.replace("\u2019", "'").replace("'", "")).split()


def _text(path) -> str:
    return " ".join(_words(html.parse(str(path)).getroot().text_content()))


@pytest.fixture(scope="module")
def learner_index(built_site):
    docs = json.loads((built_site.site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    return " ".join(" ".join(_words(html.fromstring(f"<p>{d['text']}</p>").text_content())) for d in docs if d["text"])


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.key)
def test_facilitator_notes_reach_the_facilitator_view_only(built_site, learner_index, module):
    site = built_site.site
    learner = _text(site / module.key / "index.html")
    facilitator = _text(site / views.FACILITATOR_FOLDER / module.key / "index.html")
    learner_print = _text(site / module.course / "print" / "index.html")
    facilitator_print = _text(site / views.FACILITATOR_FOLDER / module.course / "print" / "index.html")
    for sentence in _facilitator_sentences(module):
        assert sentence in facilitator, f"{module.key}: the facilitator view lacks: {sentence}"
        assert sentence in facilitator_print, f"{module.key}: the facilitator print page lacks: {sentence}"
        assert sentence not in learner, f"{module.key}: the learner page holds: {sentence}"
        assert sentence not in learner_print, f"{module.key}: the learner print page holds: {sentence}"
        assert sentence not in learner_index, f"{module.key}: the learner search index holds: {sentence}"


def test_facilitator_guides_are_in_the_facilitator_view_only(built_site):
    site = built_site.site
    guides = sorted((ROOT / "docs" / "guides").glob("*.md"))
    assert guides
    for guide in guides:
        name = "" if guide.stem == "index" else guide.stem + "/"
        assert (site / views.FACILITATOR_FOLDER / "guides" / name / "index.html").is_file(), guide.name
        assert not (site / "guides" / name / "index.html").exists(), f"{guide.name} is in the learner view"
    front = _text(site / views.FACILITATOR_FOLDER / "guides" / "index.html")
    assert "public" in front and "nothing confidential" in front


def test_the_offline_copy_holds_no_facilitator_text(tmp_path):
    import make_offline

    target = make_offline.make_offline(tmp_path / "pacer-offline.zip")
    with zipfile.ZipFile(target) as archive:
        names = archive.namelist()
        assert not [n for n in names if n.startswith(f"{views.FACILITATOR_FOLDER}/")]
        pages = " ".join(" ".join(_words(html.fromstring(archive.read(n)).text_content())) for n in names if n.endswith(".html"))
    for module in MODULES:
        for sentence in _facilitator_sentences(module)[:1]:
            assert sentence not in pages, f"{module.key}: the offline copy holds: {sentence}"


def test_every_page_has_a_switch_to_the_same_page_in_the_other_view(built_site):
    site = built_site.site
    for module in MODULES[:3]:
        page = html.parse(str(site / module.key / "index.html")).getroot()
        link = page.cssselect(".pacer-view-switch a")[0].get("href")
        assert link == f"../../{views.FACILITATOR_FOLDER}/{module.key}/", link
        back = html.parse(str(site / views.FACILITATOR_FOLDER / module.key / "index.html")).getroot()
        assert back.cssselect(".pacer-view-switch a")[0].get("href") == f"../../../{module.key}/"
