"""Content from a pull request cannot run code, load from other hosts, leak files or change the tree.

One project holds every hostile input (tests/conftest.py: HOSTILE_PAGES, front matter, a
notebook) and is built once. The strict build must fail naming each hostile file, and the pages
it wrote must hold no executable or external-loading form of any payload, checked with a real
HTML parser. Inputs that must stop the build before anything is written (a snippet from outside
docs/_snippets/, a symbolic link, a notebook that writes into the repository) get builds of
their own.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from lxml import html

from pacer.safety.text import inert as inert_text
from conftest import (HOSTILE_FRONT_MATTER, HOSTILE_PAGES, HOSTILE_SECRET, hostile_module, mkdocs_build)
from hostile_forms import executable_or_external

pytestmark = pytest.mark.starts_early  # takes minutes (tests/conftest.py starts such files first)

def _page(site: Path, relative: str):
    return html.parse(str(site / relative)).getroot()


def test_the_hostile_build_fails_and_names_every_hostile_file(hostile_build):
    assert hostile_build.returncode != 0, "a strict build with hostile content must fail"
    # Markdown itself drops the javascript: link's address (the checker reports it); markup in
    # text the theme shows as a tooltip is published as text, nothing is removed.
    published_inert = {"markdown-javascript-link", "title-attribute-refresh", "link-title-markup", "abbreviation-markup"}
    for name in set(HOSTILE_PAGES) - published_inert:
        assert f"docs/hostile/{name}.md:" in hostile_build.log, f"the build did not name docs/hostile/{name}.md:\n{hostile_build.log[-3000:]}"
    assert "course1/01-hostile/hostile-notebook.py:1:1: BLD007" in hostile_build.log


@pytest.mark.parametrize("name", list(HOSTILE_PAGES))
def test_no_hostile_page_holds_an_executable_or_external_form(hostile_build, name):
    page = hostile_build.site / "hostile" / name / "index.html"
    assert page.is_file(), f"{name}: the page was not written"
    document = _page(hostile_build.site, f"hostile/{name}/index.html")
    assert document.cssselect("article"), "the page has no content"
    assert "Before." in document.text_content() and "After." in document.text_content(), "the text around the payload was lost"
    assert executable_or_external(document) == []


def test_front_matter_markup_is_shown_as_text_everywhere(hostile_build):
    module = _page(hostile_build.site, "course1/01-hostile/index.html")
    assert executable_or_external(module) == []
    assert not module.cssselect("svg[onload]")
    header = module.cssselect(".pacer-module-header")[0].text_content()
    for field in ("Summary", "Objective"):
        assert f"{field} {HOSTILE_FRONT_MATTER}" in header, f"the {field.lower()} is not shown as text"
    footer = module.cssselect(".pacer-module-footer")[0].text_content()
    assert f"Key point {HOSTILE_FRONT_MATTER}" in footer
    # Titles reach the navigation, where the theme may build a tooltip from their text: their
    # angle brackets become look-alike quotation marks (scripts/pacer/safety/text.py).
    inert = f"Hostile {inert_text(HOSTILE_FRONT_MATTER)}"
    assert inert in module.cssselect("title")[0].text_content()
    course = _page(hostile_build.site, "course1/index.html")  # the navigation carries the module title
    assert any(inert in a.text_content() for a in course.cssselect("nav a, nav label"))
    assert executable_or_external(course) == []
    described = _page(hostile_build.site, "described/index.html")
    assert executable_or_external(described) == []
    assert inert_text(HOSTILE_FRONT_MATTER) in described.cssselect("title")[0].text_content()


def test_notebook_code_and_outputs_cannot_publish_script_or_secrets(hostile_build):
    page = _page(hostile_build.site, "course1/01-hostile/hostile-notebook/index.html")
    assert executable_or_external(page) == []
    text = page.text_content()
    assert "shown" in text, "the notebook's harmless output was lost"
    assert "SECRET: none" in text and HOSTILE_SECRET not in text, "the build environment reached the notebook"
    assert "/home/notebook" in text.split("HOME:")[-1][:80], "the notebook saw a real home folder"
    index = (hostile_build.site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert HOSTILE_SECRET not in index


def test_every_page_of_the_real_site_is_free_of_executable_content_forms(built_site):
    pages = sorted(built_site.site.rglob("*.html"))
    assert len(pages) > 50
    problems = {str(p.relative_to(built_site.site)): found for p in pages
                if (found := executable_or_external(html.parse(str(p)).getroot()))}
    assert problems == {}


# --- inputs that stop the build before anything is published ---------------------------------

def _git_repository(project: Path) -> None:
    for command in (["git", "init", "-q"], ["git", "add", "-A"],
                    ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "fixture"]):
        subprocess.run(command, cwd=project, check=True, capture_output=True)


def test_a_snippet_from_outside_the_snippets_folder_stops_the_build(make_project, tmp_path):
    project = make_project({"docs/index.md": '# Home\n\n--8<-- ".git/config"\n', ".git/config": "[core]\nsecret = 1\n"})
    build = mkdocs_build(project, tmp_path / "out")
    assert build.returncode == 1
    assert "docs/index.md:3:1: MOD407" in build.log, build.log[-2000:]
    assert "Traceback" not in build.log
    assert not (tmp_path / "out" / "index.html").exists()


def test_a_symbolic_link_stops_the_build_and_the_checker(make_project, tmp_path):
    project = make_project({"course1/01-linked/index.md": hostile_module("fine")})
    (project / "course1/01-linked/passwd.md").symlink_to("/etc/passwd")
    build = mkdocs_build(project, tmp_path / "out")
    assert build.returncode == 1 and "course1/01-linked/passwd.md:1:1: MOD015" in build.log, build.log[-2000:]
    assert "Traceback" not in build.log
    checker = subprocess.run([os.sys.executable, str(Path(__file__).parents[1] / "scripts" / "check_modules.py"),
                              "--root", str(project)], capture_output=True, text=True)
    assert checker.returncode == 1 and "course1/01-linked/passwd.md:1:1: MOD015" in checker.stdout, checker.stdout + checker.stderr
    assert "root:" not in checker.stdout + build.log


def test_a_notebook_that_writes_into_the_repository_fails_the_build(make_project, tmp_path):
    project = make_project({"course1/01-writer/index.md": hostile_module("fine")})
    target = project / "scripts" / "check_modules.py"
    project_notebook = ("# %% [markdown]\n# # Writer\n\n# %%\n"
                        f"open({str(target)!r}, 'a').write('# changed by a notebook')\n")
    (project / "course1/01-writer/writer.py").write_text(project_notebook, encoding="utf-8")
    _git_repository(project)
    before = target.read_bytes()
    build = mkdocs_build(project, tmp_path / "out")
    assert build.returncode == 1
    assert "course1/01-writer/writer.py:1:1: BLD003" in build.log, build.log[-2000:]  # the repository is not even there
    assert target.read_bytes() == before, "the notebook changed a file of the repository"


def test_unsafe_files_and_front_matter_stop_the_build_naming_each_file(make_project, tmp_path):
    """File names, file types and page shapes the site refuses: one build, every file named,
    no traceback, nothing written (safety/published.py, safety/bounds.py, the page schemas)."""
    project = make_project({
        'docs/a"><meta http-equiv=refresh content=0>.md': "# Name\n",
        "docs/page.html": "<script>alert(1)</script>\n",
        "docs/figure.svg": "<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>\n",
        "docs/templated.md": "---\ntitle: T\ntemplate: ../../../../etc/passwd\n---\n\nText.\n",
        "docs/aliases.md": "---\ntitle: &a [x, x, x]\nsummary: &b [*a, *a, *a]\n---\n\nText.\n",
        "docs/deep.md": "# Deep\n\n" + "".join("    " * i + "- x\n" for i in range(1000)),
        "docs/spaces.md": "# Spaces\n\n!!! note" + " " * 5000 + "x\n",
        "course1/01-macro/index.md": hostile_module("fine"),
        "course1/01-macro/data/book.xlsm": "PK",
    })
    build = mkdocs_build(project, tmp_path / "out")
    assert build.returncode == 1
    for expected in ('docs/a"><meta http-equiv=refresh content=0>.md:1:1: MOD016', "docs/page.html:1:1: MOD017",
                     "docs/figure.svg:1:1: MOD017", "docs/templated.md:3:1: MOD006", "docs/aliases.md:2:",
                     "docs/deep.md:20:1: MOD019", "docs/spaces.md:3:1: MOD019", "course1/01-macro/data/book.xlsm:1:1: MOD017"):
        assert expected in build.log, f"{expected} not in:\n{build.log[-3000:]}"
    assert "Traceback" not in build.log
    assert not (tmp_path / "out" / "index.html").exists()


SECRET_NOTE = "Only facilitators read this sentence about the hidden timing of the group discussion"


def _facilitator_block(indent: str = "") -> str:
    return f'{indent}??? facilitator "Facilitator notes"\n{indent}    {SECRET_NOTE}.\n'


def test_facilitator_blocks_leave_the_learner_view_wherever_they_sit(make_project, tmp_path):
    """Nested in a list, a quote or another block, or in a snippet: gone from the learner view's
    pages and search index by structure, and the build's fingerprint check finds nothing."""
    snippet = "docs/_snippets/notes-for-facilitators.md"
    project = make_project({
        snippet: _facilitator_block(),
        "docs/nested.md": ("# Nested\n\n- An item.\n\n" + _facilitator_block("    ") + "\n> A quote.\n>\n> "
                           + _facilitator_block().replace("\n    ", "\n>     ") + '\n!!! note "A note"\n    Text.\n\n'
                           + _facilitator_block("    ") + f'\n--8<-- "{snippet.removeprefix("docs/_snippets/")}"\n\nAfter.\n'),
    })
    build = mkdocs_build(project, tmp_path / "out")
    assert "BLD023" not in build.log, build.log[-3000:]
    page = (tmp_path / "out" / "nested" / "index.html").read_text(encoding="utf-8")
    assert "After." in page and "A quote." in page
    index = (tmp_path / "out" / "search" / "search_index.json").read_text(encoding="utf-8")
    for output in (page, index):
        assert "hidden timing" not in output
    facilitator = (tmp_path / "out" / "facilitator" / "nested" / "index.html").read_text(encoding="utf-8")
    assert "hidden timing" in facilitator, "the facilitator view lost its notes"


def test_facilitator_text_that_escapes_the_structure_stops_the_build(make_project, tmp_path):
    """A block indented as code is code, not a block: its text would show as it is. The
    fingerprint check finds it in the learner page and names the source."""
    project = make_project({"docs/as-code.md": "# As code\n\nText.\n\n" + _facilitator_block("    ")})
    build = mkdocs_build(project, tmp_path / "out")
    assert build.returncode == 1
    assert "docs/as-code.md:1:1: BLD023" in build.log and "as-code/index.html" in build.log, build.log[-3000:]
    assert "Traceback" not in build.log


def test_published_data_files_hold_no_live_formula(make_project, tmp_path):
    rows = 'speaker,said,change\nP1,"=HYPERLINK(""https://evil.example/"",""x"")",-3\nP2,@SUM(A1),+1.5\nP3,fine,-x\n'
    project = make_project({"course1/01-data/index.md": hostile_module("fine"),
                            "course1/01-data/data/ABOUT.txt": "SYNTHETIC DATA\n", "course1/01-data/data/said.csv": rows})
    mkdocs_build(project, tmp_path / "out")
    published = (tmp_path / "out" / "course1" / "01-data" / "data" / "said.csv").read_text(encoding="utf-8")
    cells = [row.split(",") for row in published.splitlines()]
    assert cells[1][1].startswith("\"'=HYPERLINK") and cells[1][-1] == "-3", published
    assert cells[2][1] == "'@SUM(A1)" and cells[2][2] == "+1.5" and cells[3][2] == "'-x", published
