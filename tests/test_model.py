"""The one curriculum model: every part of the site classifies module folders the same way.

A folder name is a module (NN-slug), a misnamed module (numbered, but not NN-slug: the build
and the checker both stop on it, MOD101), or something else (ignored by both). The build's
navigation, the course table, the print page and the module checker must agree.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
import yaml
from lxml import html
from mkdocs.commands.build import build
from mkdocs.config import load_config

from conftest import ROOT, hostile_module, mkdocs_build
from pacer import model
from pacer.model import blocks, frontmatter, pages

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


# --- one parse per page --------------------------------------------------------------------------

def test_a_page_is_parsed_once_per_content(tmp_path, monkeypatch):
    """pages.read keeps each page by its path and its bytes: asked again, it hands back the same
    page; changed, the page is parsed again."""
    parsed = []
    monkeypatch.setattr(pages, "parse", _counting(pages.parse, parsed))
    path = tmp_path / "page.md"
    path.write_text("---\ntitle: One\nsummary: S.\n---\n\nText [@tcps2].\n", encoding="utf-8")
    first = pages.read(path, "page.md", "page")
    assert pages.read(path, "page.md", "page") is first and len(parsed) == 1
    assert first.meta == {"title": "One", "summary": "S."} and first.body_line == 5
    assert [c.keys for c in first.scan.citations] == [["tcps2"]] and first.scan.citations[0].line == 1
    path.write_text("---\ntitle: Two\nsummary: S.\n---\n\nText.\n", encoding="utf-8")
    assert pages.read(path, "page.md", "page").title == "Two" and len(parsed) == 2


def test_one_scan_finds_each_thing_outside_code():
    """blocks.scan: parts, citations, markers, blocks and snippets, none of them in code. A fence
    closes only on a line with nothing after it (a line "```python" inside a fence is code)."""
    found = blocks.scan(
        '## Part one { data-minutes="10" }\n'    # 0
        "Cited [@a], not `[@code]`.\n"            # 1
        "<!-- generated: glossary -->\n"          # 2
        '!!! activity "Do it [@b]"\n'             # 3
        "    Inside.\n"                           # 4
        "\n"                                       # 5
        "```markdown\n"                           # 6
        "## Not a part\n"                         # 7
        "```python\n"                             # 8
        "[@c] <!-- generated: glossary -->\n"     # 9
        '!!! note "Not a block"\n'                # 10
        "```\n"                                   # 11
        '--8<-- "crisis-lines.md"\n')             # 12
    assert [(p.title, p.line, p.minutes, p.contents) for p in found.parts] == [("Part one", 0, 10, "1 activity")]
    assert [(c.line, c.keys) for c in found.citations] == [(1, ["a"]), (3, ["b"])]
    assert [(m.line, m.name) for m in found.markers] == [(2, "glossary")]
    assert [(b.kind, b.line, b.end) for b in found.blocks] == [("activity", 3, 5)]
    assert [(s.line, s.name) for s in found.snippets] == [(12, "crisis-lines.md")]
    assert found.flat.split("\n")[3:5] == ["", "Inside."]


ONE_OF_EACH = {  # a page of each kind: course, module, worked example, workbook template, public page
    "course1/index.md": "---\ntitle: Course 1\nsummary: S.\n---\n\n<!-- generated: course-modules -->\n",
    "course1/01-intro/index.md": hostile_module("intro").replace("Text.\n\n##", "Cited [@tcps2].\n\n##"),
    "course1/01-intro/worked-example-one.md": "---\ntitle: Worked\nsummary: S.\nreferences: [tcps2]\n---\n\nText.\n",
    "docs/workbook/plan.md": ("---\ntitle: Plan\npurpose: P.\nwho: W.\nmodules: [course1/01-intro]\n"
                              "formats: [docx, odt, pdf]\n---\n\n## Fill in\n\nText.\n"),
    "docs/about.md": "---\ntitle: About\nsummary: S.\n---\n\nPublic [@tcps2].\n",
}


def test_one_build_parses_each_page_once(make_project, tmp_path, monkeypatch):
    """One build (the plugin and MkDocs together) parses every source page once, and makes one
    YAML parser over each page's front matter: MkDocs gets the page from the model."""
    project = make_project(ONE_OF_EACH, nav="nav:\n  - index.md\n  - about.md\n  - workbook/plan.md\n"
                                          + "".join(f"  - Course {n}: course{n}/index.md\n" for n in (1, 2, 3)))
    config_file = project / "mkdocs.yml"
    config_file.write_text(config_file.read_text(encoding="utf-8").replace(
        "  - pacer:\n", "  - pacer:\n      workbook: false\n", 1), encoding="utf-8")
    parsed, yaml_texts, scanned = [], [], []
    monkeypatch.setattr(pages, "parse", _counting(pages.parse, parsed))
    monkeypatch.setattr(blocks, "scan", _counting(blocks.scan, scanned, argument=0))
    for loader in {yaml.SafeLoader, frontmatter.SAFE_LOADER}:
        monkeypatch.setattr(loader, "__init__", _counting(loader.__init__, yaml_texts, argument=1))
    config = load_config(str(config_file), site_dir=str(tmp_path / "site"), strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    shown = [call[1] for call in parsed]
    assert sorted(shown) == sorted(set(shown)), f"a page was parsed twice: {shown}"
    assert set(ONE_OF_EACH) | {"docs/index.md"} <= set(shown)
    for page in ONE_OF_EACH:
        _, front_matter, body = (project / page).read_text(encoding="utf-8").split("---\n", 2)
        assert yaml_texts.count(front_matter) == 1, f"{page}: its front matter was parsed {yaml_texts.count(front_matter)} times"
        assert scanned.count(body) == 1, f"{page}: its body was scanned {scanned.count(body)} times"
    built = html.parse(str(tmp_path / "site" / "course1" / "01-intro" / "worked-example-one" / "index.html")).getroot()
    assert built.cssselect("title")[0].text_content().startswith("Worked"), "the title comes from the model's page"


def _counting(function, calls: list, argument: int | None = None):
    """``function``, recording each call's arguments (or only the one at ``argument``) in ``calls``."""
    def counted(*args, **kwargs):
        calls.append(args if argument is None else args[argument])
        return function(*args, **kwargs)
    return counted
