"""The pages a pull request changes (scripts/preview_pages.py, pacer/preview/changes.py) and the
report of its checks (pacer/preview/report.py).

Each rule is checked on a small source map written here; the glossary and bibliography rules
also on the real site (built once per session), against what its pages link to.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import ROOT
from pacer.links.sources import SourceMap, load_source_map
from pacer.preview import changes, report
from pacer.preview.changes import Change, changed_pages


def entry(source: str, title: str = "", terms=(), cites=()) -> dict:
    return {"source": source, "template": "main.html", "title": title or source, "terms": list(terms), "cites": list(cites)}


SMALL_MAP = SourceMap(found=True, site_url="https://example.org/site/pr-preview/pr-3/", pages={
    "index.html": entry("docs/index.md", "Home", terms=["SPOR"]),
    "glossary/index.html": entry("docs/glossary.md", "Glossary"),
    "references/index.html": entry("docs/references.md", "References"),
    "spor/coverage/index.html": entry("docs/spor/coverage.md", "SPOR coverage"),
    "spor/ethics/index.html": entry("docs/spor/ethics.md", "Ethics", terms=["REB"], cites=["tcps2"]),
    "course2/index.html": entry("course2/index.md", "Course 2"),
    "course2/05-coding/index.html": entry("course2/05-coding/index.md", "Coding", terms=["Code", "SPOR"], cites=["braun2006"]),
    "course2/05-coding/apply-codebook/index.html": entry("course2/05-coding/apply-codebook.py", "Applying a codebook"),
    "course2/05-coding/worksheet-apply-codebook/index.html": entry("course2/05-coding/worksheet-apply-codebook.md", "Worksheet"),
    "course2/05-coding/worked-example/index.html": entry("course2/05-coding/worked-example.md", "Worked example"),
    "guides/index.html": entry("docs/guides/index.md", "never shown: the learner view has no guides"),
    "facilitator/guides/course2/index.html": entry("docs/guides/course2.md", "Facilitator guide: Course 2"),
    "facilitator/course2/05-coding/index.html": entry("course2/05-coding/index.md", "Coding (facilitator view)"),
})
SMALL_MAP.pages.pop("guides/index.html")


def small_project(tmp_path: Path, files: dict[str, str] | None = None) -> Path:
    defaults = {
        "course2/05-coding/index.md": "---\ntitle: Coding\nduration: 60\n---\n\nSee the worked example.\n",
        "course2/05-coding/worked-example.md": "# Worked example\n\n![A chart](images/chart.png)\n",
        "course2/05-coding/apply-codebook.py": "# %%\nimport pandas\n",
        "course2/05-coding/worksheet-apply-codebook.md": "<!-- generated: worksheet-data -->\n",
        "course2/05-coding/data/codebook.csv": "code,meaning\n",
        "course2/05-coding/images/chart.png": "png",
        "course2/05-coding/images/unused.png": "png",
        "docs/spor/ethics.md": "# Ethics\n\n<!-- generated: crisis-lines -->\n",
        "docs/guides/course2.md": '# Guide\n\n--8<-- "rubrics/course2-assessment1.md"\n',
        "docs/_snippets/crisis-lines.md": "Call 988.\n",
        "docs/_snippets/rubrics/course2-assessment1.md": "A rubric.\n",
    }
    for path, text in {**defaults, **(files or {})}.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text, encoding="utf-8")
    return tmp_path


def lines(result: changes.ChangedPages) -> list[tuple[str, str, str]]:
    return [(p.address, p.reason, p.detail) for p in result.pages]


def test_a_module_page_changes_that_page_only_when_its_front_matter_stays(tmp_path):
    root = small_project(tmp_path)
    before = (root / "course2/05-coding/index.md").read_text(encoding="utf-8").replace("See the", "Read the")
    found = changed_pages([Change("course2/05-coding/index.md")], SMALL_MAP, root, lambda path: before)
    assert lines(found) == [("course2/05-coding/", "page", "course2/05-coding/index.md")]
    assert found.pages[0].title == "Coding"   # the learner view's page, not the facilitator view's


def test_a_module_whose_front_matter_changed_also_changes_its_course_page_and_the_coverage(tmp_path):
    root = small_project(tmp_path)
    before = (root / "course2/05-coding/index.md").read_text(encoding="utf-8").replace("duration: 60", "duration: 90")
    found = changed_pages([Change("course2/05-coding/index.md")], SMALL_MAP, root, lambda path: before)
    assert lines(found) == [("course2/05-coding/", "page", "course2/05-coding/index.md"),
                            ("course2/", "front-matter", "course2/05-coding/index.md"),
                            ("spor/coverage/", "front-matter", "course2/05-coding/index.md")]


def test_a_modules_data_changes_its_notebooks_and_worksheets(tmp_path):
    found = changed_pages([Change("course2/05-coding/data/codebook.csv")], SMALL_MAP, small_project(tmp_path))
    assert [p[0] for p in lines(found)] == ["course2/05-coding/apply-codebook/", "course2/05-coding/worksheet-apply-codebook/"]
    assert {p.reason for p in found.pages} == {"module-file"}


def test_an_image_changes_the_pages_that_show_it_or_else_the_module_page(tmp_path):
    root = small_project(tmp_path)
    shown = changed_pages([Change("course2/05-coding/images/chart.png")], SMALL_MAP, root)
    assert [p[0] for p in lines(shown)] == ["course2/05-coding/worked-example/"]
    unused = changed_pages([Change("course2/05-coding/images/unused.png")], SMALL_MAP, root)
    assert [p[0] for p in lines(unused)] == ["course2/05-coding/"]


def test_a_notebook_a_new_page_and_a_facilitator_guide(tmp_path):
    root = small_project(tmp_path)
    found = changed_pages([Change("course2/05-coding/apply-codebook.py"), Change("docs/guides/course2.md", "A")],
                          SMALL_MAP, root)
    assert lines(found) == [("course2/05-coding/apply-codebook/", "notebook", "course2/05-coding/apply-codebook.py"),
                            ("facilitator/guides/course2/", "new-page", "docs/guides/course2.md")]


def test_snippets_and_shared_data_change_the_pages_that_use_them(tmp_path):
    root = small_project(tmp_path)
    crisis = changed_pages([Change("docs/_snippets/crisis-lines.md")], SMALL_MAP, root)
    assert lines(crisis) == [("spor/ethics/", "shared-file", "docs/_snippets/crisis-lines.md")]
    rubric = changed_pages([Change("docs/_snippets/rubrics/course2-assessment1.md")], SMALL_MAP, root)
    assert [p[0] for p in lines(rubric)] == ["facilitator/guides/course2/"]


def test_templates_and_build_code_change_every_page_and_other_files_none(tmp_path):
    root = small_project(tmp_path)
    found = changed_pages([Change(p) for p in ("overrides/main.html", "scripts/pacer/plugin.py", "mkdocs.yml",
                                               "README.md", "tests/test_model.py", ".github/workflows/ci.yml")]
                          + [Change("docs/about/old.md", "D"), Change("course2/05-coding/old.py", "D")],
                          SMALL_MAP, root)
    assert found.pages == []
    assert found.every_page == ["overrides/main.html", "scripts/pacer/plugin.py", "mkdocs.yml"]
    assert found.removed == ["docs/about/old.md", "course2/05-coding/old.py"]
    assert found.not_pages == ["README.md", "tests/test_model.py", ".github/workflows/ci.yml"]


GLOSSARY_BEFORE = """
- term: SPOR
  definition: Canada's strategy.
- term: Code
  definition: A label.
- term: REB
  definition: A board.
"""


def test_a_glossary_change_reaches_the_pages_that_use_the_changed_terms_only(tmp_path):
    root = small_project(tmp_path, {"docs/_data/glossary.yml": GLOSSARY_BEFORE.replace("A label.", "A short label.")})
    found = changed_pages([Change(changes.GLOSSARY)], SMALL_MAP, root, lambda path: GLOSSARY_BEFORE)
    assert lines(found) == [("glossary/", "glossary", "Code"), ("course2/05-coding/", "glossary", "Code")]


def test_without_the_old_glossary_every_page_that_uses_a_term_counts(tmp_path):
    root = small_project(tmp_path, {"docs/_data/glossary.yml": GLOSSARY_BEFORE})
    found = changed_pages([Change(changes.GLOSSARY)], SMALL_MAP, root)
    assert [p[0] for p in lines(found)] == ["glossary/", "course2/05-coding/", "", "spor/ethics/"]


def test_changed_entries_finds_added_removed_and_edited_entries():
    after = GLOSSARY_BEFORE.replace("A board.", "A research ethics board.") + "- term: Memo\n  definition: A note.\n"
    after = after.replace("- term: SPOR\n  definition: Canada's strategy.\n", "")
    assert changes.changed_entries(GLOSSARY_BEFORE, after, "term") == {"REB", "Memo", "SPOR"}
    assert changes.changed_entries(GLOSSARY_BEFORE, "- [unclosed", "term") is None


# --- the real site ------------------------------------------------------------------------------

def pages_linking(site: Path, fragment_pattern: str) -> set[str]:
    """Learner pages whose HTML links to the given glossary or references anchor (the oracle)."""
    wanted = re.compile(fragment_pattern)
    found = set()
    for path in site.rglob("index.html"):
        relative = path.relative_to(site).as_posix()
        if relative.startswith("facilitator/") or "/print/" in f"/{relative}":
            continue
        if wanted.search(path.read_text(encoding="utf-8")):
            found.add(relative[: -len("index.html")])
    return found


def test_on_the_real_site_a_term_reaches_the_pages_that_link_it(built_site):
    source_map = load_source_map(built_site.site)
    terms = yaml.safe_load((ROOT / changes.GLOSSARY).read_text(encoding="utf-8"))
    next(t for t in terms if t["term"] == "Member checking")["definition"] = "An older definition."
    old = yaml.safe_dump(terms)   # the glossary before the pull request: one definition differs
    found = changed_pages([Change(changes.GLOSSARY)], source_map, ROOT, lambda path: old)
    reached = {p.address for p in found.pages if p.reason == "glossary" and p.detail == "Member checking"} - {"glossary/"}
    expected = pages_linking(built_site.site, r'href="[^"]*glossary/#term-member-checking"') - {"glossary/"}
    assert len(expected) >= 3 and reached == expected
    assert ("glossary/", "glossary", "Member checking") in lines(found)


def test_on_the_real_site_a_reference_reaches_the_pages_that_cite_it(built_site):
    source_map = load_source_map(built_site.site)
    entries = yaml.safe_load((ROOT / changes.BIBLIOGRAPHY).read_text(encoding="utf-8"))
    next(e for e in entries if e["key"] == "kallio2016")["note"] = "An older note."
    old = yaml.safe_dump(entries)
    found = changed_pages([Change(changes.BIBLIOGRAPHY)], source_map, ROOT, lambda path: old)
    reached = {p.address for p in found.pages if p.reason == "bibliography"} - {"references/"}
    expected = pages_linking(built_site.site, r'href="[^"]*references/#kallio2016"') - {"references/"}
    assert len(expected) >= 1 and reached == expected
    assert found.pages[0].address == "references/"


def test_on_the_real_site_a_module_page_maps_to_its_page(built_site):
    source_map = load_source_map(built_site.site)
    found = changed_pages([Change("course2/01-interviewing/index.md")], source_map, ROOT,
                          lambda path: (ROOT / path).read_text(encoding="utf-8"))
    assert lines(found) == [("course2/01-interviewing/", "page", "course2/01-interviewing/index.md")]
    assert found.pages[0].title == "Interviewing with care"


# --- the report of the checks -------------------------------------------------------------------

def test_problems_are_read_from_each_checks_output(tmp_path):
    root = small_project(tmp_path, {"docs/about/x.md": "# X\n\nSee [the plan](plan.md).\n"})
    log = "\n".join([
        "course2/05-coding/index.md:5:1: MOD006 `duraton` is not a key this page may have. Fix: Remove the key.",
        "::error file=course2/05-coding/index.md,line=5,col=1::MOD006 `duraton` ...",
        "INFO    -  Building documentation",
        "WARNING -  Doc file 'about/x.md' contains a link 'plan.md', but the target 'about/plan.md' is not found among documentation files.",
        "ERROR   -  course1/01-a/index.md:1:1: BLD003 the notebook failed. Fix: Run it.",
        "Aborted with 2 warnings in strict mode!",
    ])
    found = report.problems_in(log, root)
    assert found[0] == {"file": "course2/05-coding/index.md", "line": 5,
                        "text": "MOD006 `duraton` is not a key this page may have. Fix: Remove the key."}
    assert found[1]["file"] == "docs/about/x.md" and found[1]["line"] == 3
    assert found[1]["text"].startswith("LNK101 the link 'plan.md': the target 'about/plan.md' is not found among documentation files. Fix: ")
    assert found[2] == {"file": "course1/01-a/index.md", "line": 1, "text": "BLD003 the notebook failed. Fix: Run it."}
    assert len(found) == 3


def write_check(folder: Path, name: str, status: int, log: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.status").write_text(f"{status}\n", encoding="utf-8")
    (folder / f"{name}.log").write_text(log, encoding="utf-8")


def test_a_failed_build_makes_a_failed_report_with_its_errors(tmp_path):
    checks = tmp_path / "checks"
    write_check(checks, "module-checker", 1, "course2/05-coding/index.md:5:1: MOD006 bad key. Fix: Remove it.\n")
    write_check(checks, "build", 1, "ERROR   -  course1/01-a/index.md:1:1: BLD003 the notebook failed. Fix: Run it.\n")
    made = report.report(7, checks, None, tmp_path)
    assert made["status"] == "failed" and made["pr"] == 7 and made["pages"] == []
    statuses = {c["name"]: c["status"] for c in made["checks"]}
    assert statuses == {"module-checker": "problems", "build": "failed", "links": "not-run"}
    write_check(checks, "build", 0, "INFO - built\n")
    write_check(checks, "links", 0, "checked 3 pages\n")
    assert report.report(7, checks, None, tmp_path)["status"] == "built"


def test_a_build_that_failed_without_a_problem_line_shows_the_end_of_its_log(tmp_path):
    write_check(tmp_path, "build", 2, "Traceback ...\nOSError: disk full\n")
    result = report.check_result("build", tmp_path, tmp_path)
    assert result["status"] == "failed" and result["problems"][-1]["text"] == "OSError: disk full"


# --- the command line ---------------------------------------------------------------------------

def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
                          capture_output=True, text=True, check=True).stdout


def test_the_command_compares_with_a_base_commit_and_writes_the_report(tmp_path):
    root = small_project(tmp_path / "project", {"docs/_data/glossary.yml": GLOSSARY_BEFORE})
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "base")
    (root / "docs/_data/glossary.yml").write_text(GLOSSARY_BEFORE.replace("A board.", "A research ethics board."), encoding="utf-8")
    (root / "course2/05-coding/worked-example.md").write_text("# Worked example\n\nNew words.\n", encoding="utf-8")
    git(root, "commit", "-qam", "change")
    site = tmp_path / "site"
    site.mkdir()
    (site / ".source-map.json").write_text(json.dumps({"site_url": SMALL_MAP.site_url, "pages": SMALL_MAP.pages}), encoding="utf-8")
    out = tmp_path / "report.json"
    result = subprocess.run([sys.executable, str(ROOT / "scripts/preview_pages.py"), str(site), "--pr", "3",
                             "--base", "HEAD~1", "--root", str(root), "--out", str(out)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    made = json.loads(out.read_text(encoding="utf-8"))
    assert [(p["address"], p["reason"]) for p in made["pages"]] == [
        ("course2/05-coding/worked-example/", "page"), ("glossary/", "glossary"), ("spor/ethics/", "glossary")]
    assert made["status"] == "built" and made["pr"] == 3
    assert f"({SMALL_MAP.site_url}course2/05-coding/worked-example/)" in result.stdout   # the comment, printed


def test_the_command_says_what_to_do_when_it_cannot_run(tmp_path):
    result = subprocess.run([sys.executable, str(ROOT / "scripts/preview_pages.py"), str(tmp_path), "--pr", "3",
                             "--base", "no-such-commit"], capture_output=True, text=True)
    assert result.returncode == 2 and "git cannot compare no-such-commit with HEAD" in result.stderr
    result = subprocess.run([sys.executable, str(ROOT / "scripts/preview_pages.py"), str(tmp_path / "none"), "--pr", "3",
                             "--changed", "README.md"], capture_output=True, text=True)
    assert result.returncode == 2 and "no built site with a source map here. Build it first: make preview PR=3" in result.stderr
