"""The one curriculum model: every part of the site classifies module folders the same way.

A folder name is a module (NN-slug), a misnamed module (numbered, but not NN-slug: the build
and the checker both stop on it, MOD101), or something else (ignored by both). The build's
navigation, the course table, the print page and the module checker must agree.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from lxml import html

from conftest import ROOT, hostile_module, mkdocs_build
from pacer import model

FOLDERS = {
    "01-intro": model.FOLDER_MODULE,
    "02-two-words": model.FOLDER_MODULE,
    "10-many-words-in-a-row": model.FOLDER_MODULE,
    "07-extra--part": model.FOLDER_MISNAMED,
    "07-extra-": model.FOLDER_MISNAMED,
    "1-short-number": model.FOLDER_MISNAMED,
    "003-long-number": model.FOLDER_MISNAMED,
    "03-Upper": model.FOLDER_MISNAMED,
    "04_under_score": model.FOLDER_OTHER,
    "05-": model.FOLDER_MISNAMED,
    "notes": model.FOLDER_OTHER,
    "images": model.FOLDER_OTHER,
    "data-01": model.FOLDER_OTHER,
}


@pytest.mark.parametrize("name", list(FOLDERS))
def test_folder_names_are_classified_by_one_rule(name):
    assert model.classify_folder(name) == FOLDERS[name]


def _checker(project) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "check_modules.py"), "--root", str(project)],
                          capture_output=True, text=True)


@pytest.fixture(scope="module")
def good_course(make_module_project, tmp_path_factory):
    project = make_module_project({
        "course1/index.md": "---\ntitle: Course 1\nsummary: S.\n---\n\n<!-- generated: course-modules -->\n",
        "course1/01-intro/index.md": hostile_module("intro"),
        "course1/02-two-words/index.md": hostile_module("two words"),
        "course1/notes/ABOUT.txt": "SYNTHETIC DATA: notes.\n",
    })
    return project, mkdocs_build(project, tmp_path_factory.mktemp("good") / "site")


def test_build_navigation_course_table_and_print_page_agree_with_the_model(good_course):
    project, build = good_course
    assert build.returncode == 0, build.log[-3000:]
    curriculum = model.load(project)
    expected = [m.key for m in curriculum.courses["course1"].modules]
    assert expected == ["course1/01-intro", "course1/02-two-words"]
    course_page = html.parse(str(build.site / "course1" / "index.html")).getroot()
    table = [row.get("data-pacer-module") for row in course_page.cssselect("article tr[data-pacer-module]")]
    assert table == expected
    nav = [a.text_content().strip() for a in course_page.cssselect("nav.md-nav--primary label, nav.md-nav--primary a")]
    assert any("1. Hostile intro" in text for text in nav) and any("2. Hostile two words" in text for text in nav)
    assert not any("notes" in text.lower() for text in nav)
    printed = html.parse(str(build.site / "course1" / "print" / "index.html")).getroot()
    assert [s.get("id") for s in printed.cssselect("section.pacer-print-module")] == ["01-intro", "02-two-words"]
    modules_with_header = [p.parent.name for p in (build.site / "course1").glob("*/index.html") if p.parent.name != "print"
                           if html.parse(str(p)).getroot().cssselect(".pacer-module-header")]
    assert sorted(modules_with_header) == ["01-intro", "02-two-words"]
    checker = _checker(project)
    assert "MOD101" not in checker.stdout


@pytest.mark.parametrize("name", [n for n, kind in FOLDERS.items() if kind == model.FOLDER_MISNAMED][:3])
def test_a_misnamed_module_folder_stops_both_the_build_and_the_checker(make_project, tmp_path, name):
    project = make_project({
        "course1/01-intro/index.md": hostile_module("intro"),
        f"course1/{name}/index.md": hostile_module("misnamed"),
    })
    build = mkdocs_build(project, tmp_path / "out")
    assert build.returncode == 1 and f"course1/{name}:1:1: MOD101" in build.log, build.log[-2000:]
    checker = _checker(project)
    assert checker.returncode == 1 and f"course1/{name}:1:1: MOD101" in checker.stdout, checker.stdout


def test_the_model_reads_each_page_once_and_keeps_its_problems(tmp_path):
    curriculum = model.load(ROOT)
    modules = curriculum.modules
    assert len(modules) == 18
    assert all(m.page is not None and m.page.text is not None for m in modules)
    assert all(m.parts and m.self_checks for m in modules)
    assert curriculum.problems == []
