"""The site builds strictly, mounts the courses, runs notebooks, and stays private."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from lxml import html

from conftest import ROOT, mkdocs_build
from pacer.paths import is_notebook

pytestmark = pytest.mark.starts_early  # takes minutes (tests/conftest.py starts such files first)

COURSES = ("course1", "course2", "course3")
THIRD_PARTY = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
ASSET_ATTRIBUTES = {  # element -> attributes that make the browser fetch something
    "script": ["src"], "link": ["href"], "img": ["src", "srcset"], "source": ["src", "srcset"],
    "iframe": ["src"], "frame": ["src"], "video": ["src", "poster"], "audio": ["src"],
    "embed": ["src"], "object": ["data"], "track": ["src"], "input": ["src"],
}


def expected_url(source: Path) -> str:
    """Where a course file is published: folder URLs, index.md at its folder."""
    relative = source.relative_to(ROOT).with_suffix("")
    if relative.name == "index":
        relative = relative.parent
    return relative.as_posix() + "/index.html"


def site_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


@pytest.mark.parametrize("course", COURSES)
def test_every_course_module_and_notebook_page_is_published(built_site, course):
    sources = sorted((ROOT / course).rglob("*.md")) + sorted(p for p in (ROOT / course).rglob("*.py") if is_notebook(p))
    assert sources, f"{course} has no pages"
    missing = [str(s.relative_to(ROOT)) for s in sources if not (built_site.site / expected_url(s)).exists()]
    assert not missing, f"not published: {missing}"
    assert any((ROOT / course).glob("[0-9][0-9]-*/index.md")), f"{course} has no module"


def test_notebooks_were_executed(built_site):
    notebooks = sorted(p for c in COURSES for p in (ROOT / c).rglob("*.py") if is_notebook(p))
    assert notebooks, "the site has no notebook"
    for notebook in notebooks:
        page = html.parse(str(built_site.site / expected_url(notebook))).getroot()
        outputs = page.cssselect(".jp-OutputArea-output")
        assert outputs, f"{notebook.relative_to(ROOT)} shows no output: was it executed?"


def test_course_edit_links_point_at_the_course_folder(built_site):
    for source in [ROOT / "course1" / "index.md", *sorted(p for p in (ROOT / "course1").rglob("*.py") if is_notebook(p))[:1]]:
        page = html.parse(str(built_site.site / expected_url(source))).getroot()
        edit = page.cssselect("a[href*='/edit/']")
        assert edit, f"no edit link on the page built from {source.relative_to(ROOT)}"
        href = edit[0].get("href")
        assert href.endswith("/edit/main/" + source.relative_to(ROOT).as_posix()), href


def test_no_page_loads_anything_from_another_host(built_site):
    problems = []
    for page_path in site_pages(built_site.site):
        page = html.parse(str(page_path)).getroot()
        if page is None:
            continue
        for element in page.iter(*ASSET_ATTRIBUTES):
            if element.tag == "link" and (element.get("rel") or "") in {"canonical", "alternate"}:
                continue  # a link to the page's own published address, never fetched
            for attribute in ASSET_ATTRIBUTES[element.tag]:
                value = element.get(attribute)
                if value is None:
                    continue
                if not value.strip():
                    problems.append(f"{page_path.relative_to(built_site.site)}: empty {element.tag} {attribute}")
                elif THIRD_PARTY.match(value.strip()):
                    problems.append(f"{page_path.relative_to(built_site.site)}: {element.tag} {attribute}={value}")
        for anchor in page.iter("a"):
            if anchor.get("href") is not None and not anchor.get("href").strip():
                problems.append(f"{page_path.relative_to(built_site.site)}: empty a href")
    for stylesheet in built_site.site.rglob("*.css"):
        for url in re.findall(r"url\(\s*['\"]?((?:https?:)?//[^'\")]+)", stylesheet.read_text(errors="replace")):
            problems.append(f"{stylesheet.relative_to(built_site.site)}: url({url})")
    assert not problems, "\n".join(problems)


def test_every_page_fetches_few_files_of_its_own_and_none_that_holds_up_the_first_paint(built_site):
    """Each request costs a round trip on a slow phone, and the page's Content-Security-Policy
    <meta> stops the browser looking ahead for scripts: so the site's own stylesheets come as one
    file, its scripts before Material's bundle as one file and those after it as one file, and no
    script in <head> waits for a request
    (the reading preferences are applied by an inline script)."""
    ours = re.compile(r"assets/(?:stylesheets|javascripts)/(?!bundle\.|main\.|palette\.)")
    problems = []
    for page_path in site_pages(built_site.site):
        page = html.parse(str(page_path)).getroot()
        if page is None or page.find("head") is None or page.find("body") is None:
            continue
        name = page_path.relative_to(built_site.site)
        if page.find("head").xpath(".//script[@src]"):
            problems.append(f"{name}: a script in <head> waits for a request")
        stylesheets = [link.get("href") for link in page.xpath("//link[@rel='stylesheet'][not(@media='print')]")
                       if ours.search(link.get("href"))]
        scripts = [script.get("src") for script in page.xpath("//script[@src]")]
        bundle = next((i for i, s in enumerate(scripts) if "/bundle." in s), 0)
        before_material = [src for src in scripts[:bundle] if ours.search(src)]
        after_material = [src for src in scripts[bundle:] if ours.search(src)]
        notebook_styles = ("notebook-pages.css", "notebook.css")  # notebook pages only (overrides/main.html, pacer/notebooks/pages.py)
        if [Path(href).name for href in stylesheets if not href.endswith(notebook_styles)] != ["site.css"]:
            problems.append(f"{name}: stylesheets of ours {stylesheets}")
        if [Path(src).name for src in before_material] != ["search.js"]:
            problems.append(f"{name}: scripts of ours before Material's {before_material}")
        if [Path(src).name for src in after_material] != ["site.js"]:
            problems.append(f"{name}: scripts of ours after Material's {after_material}")
    assert not problems, "\n".join(problems[:10])


def test_every_generated_block_held_out_of_markdown_is_put_back(built_site):
    left = [str(page.relative_to(built_site.site)) for page in site_pages(built_site.site)
            if "pacer-held-" in page.read_text(encoding="utf-8")]
    assert not left, f"placeholders left in: {left[:5]}"
    module = html.parse(str(built_site.site / "course1" / "01-lived-experience-as-expertise" / "index.html")).getroot()
    assert module.get_element_by_id("in-one-minute") is not None and module.get_element_by_id("key-points") is not None


def test_build_leaves_the_source_tree_unchanged(built_site):
    """The session's build (from a clean clone in CI: every notebook run, every file made) wrote
    nothing into the repository (tests/conftest.py compares the tree before and after)."""
    from conftest import CHANGED_SOURCES
    changed = (built_site.site.parent / CHANGED_SOURCES).read_text(encoding="utf-8").split()
    assert not changed, f"building changed these files of the repository: {changed}"


FAILING_NOTEBOOK = '''# %% [markdown]
# # A notebook that fails

# %%
raise ValueError("the data file has no column 'speaker'")
'''


def test_failing_notebook_stops_the_build_and_names_it(make_project, tmp_path):
    project = make_project({
        "course2/01-broken/index.md": "---\ntitle: Broken\n---\n\nText.\n",
        "course2/01-broken/analysis.py": FAILING_NOTEBOOK,
    })
    build = mkdocs_build(project, tmp_path / "out")
    assert build.returncode != 0
    assert "course2/01-broken/analysis.py:1:1: BLD003 the notebook failed" in build.log, build.log
    assert "the data file has no column 'speaker'" in build.log


def test_course_file_colliding_with_docs_stops_the_build(make_project, tmp_path):
    project = make_project({"docs/course1/index.md": "# Old copy\n"})
    build = mkdocs_build(project, tmp_path / "out")
    assert build.returncode != 0
    assert "course1/index.md:1:1: BLD006 this course file would be published at the same address as docs/course1/index.md" in build.log, build.log


def test_missing_course_folder_stops_the_build(make_project, tmp_path):
    project = make_project()
    for child in (project / "course3").iterdir():
        child.unlink()
    (project / "course3").rmdir()
    build = mkdocs_build(project, tmp_path / "out")
    assert build.returncode != 0
    assert "course3/:1:1: BLD005 the course folder course3/ is missing" in build.log, build.log


def test_broken_config_names_the_file_and_line(make_project, tmp_path):
    project = make_project()
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("strict: true", "strict: [true"), encoding="utf-8")
    build = mkdocs_build(project, tmp_path / "out")
    assert build.returncode != 0
    assert "mkdocs.yml" in build.log and re.search(r"line \d+", build.log), build.log


# --- content the strict build refuses, with file, line, code and fix (never a traceback) -----

FIGURE_WITHOUT_ALT = '''# %% [markdown]
# # Figure
#
# Synthetic data.

# %%
from IPython.display import HTML, display
display(HTML('<img src="data:image/png;base64,iVBORw0KGgo=">'))
'''
MODULE_OK = ("---\ntitle: M\nsummary: S.\nduration: 30\nphase: set\nspor: [support]\nobjectives: [Do it.]\n"
             "keypoints: [Point.]\nreferences: [tcps2]\nreviewed: 2026-11-26\n---\n\nText.\n\n"
             '## Only part { data-minutes="30" }\n\nText.\n')
# Each case in its own file, so that one build can hold several. Problems that make a page
# unpublishable stop the build before any page is read, so they get a build of their own.
REFUSED_EARLY = {
    "front matter that is not YAML": ({"course1/01-m/index.md": MODULE_OK.replace("title: M", "title: [M")},
                                      "course1/01-m/index.md:", "MOD003"),
    "empty module page": ({"course1/02-m/index.md": ""}, "course1/02-m/index.md:1:1:", "MOD002"),
    "page that is not UTF-8": ({"course1/03-m/index.md": MODULE_OK.encode() + b"caf\xe9\n"}, "course1/03-m/index.md:", "MOD001"),
}
# A page the build cannot make stops it at that page: one such case a build.
REFUSED_AT_A_PAGE = {
    "malformed self-check": ({"course1/01-m/index.md": MODULE_OK + "\n!!! self-check\n    Which?\n\n    - [x] Yes\n    - [ ] No\n"},
                             "course1/01-m/index.md:", "MOD316"),
}
REFUSED_AT_ANOTHER_PAGE = {
    "unknown marker": ({"docs/index.md": "# Home\n\n<!-- generated: everything -->\n"}, "docs/index.md:3:1:", "BLD001"),
}
REFUSED_WHILE_BUILDING = {
    "empty table header cell": ({"course1/02-m/index.md": MODULE_OK + "\n|  | B |\n| --- | --- |\n| 1 | 2 |\n"},
                                "course1/02-m/index.md:1:1:", "BLD010"),
    "figure without alt text": ({"course1/03-m/index.md": MODULE_OK, "course1/03-m/figure.py": FIGURE_WITHOUT_ALT},
                                "course1/03-m/figure.py:1:1:", "BLD009"),
    "emoji that would load from a CDN": ({"docs/emoji.md": "# Emoji\n\nWell done :smile:\n"}, "docs/emoji.md:1:1:", "BLD007"),
}


def _refusing_build(make_project, tmp_path, cases: dict):
    project = make_project({})
    for files, _place, _code in cases.values():
        for path, content in files.items():
            target = project / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return mkdocs_build(project, tmp_path / "out")


@pytest.mark.parametrize("cases", [REFUSED_EARLY, REFUSED_AT_A_PAGE, REFUSED_AT_ANOTHER_PAGE, REFUSED_WHILE_BUILDING],
                         ids=["before any page", "at a module page", "at a docs page", "reported while building"])
def test_the_strict_build_refuses_bad_content_with_file_code_and_fix(make_project, tmp_path, cases):
    build = _refusing_build(make_project, tmp_path, cases)
    assert build.returncode == 1, build.log[-2000:]
    for case, (_files, place, code) in cases.items():
        line = next((row for row in build.log.splitlines() if place in row and f" {code} " in row), None)
        assert line, f"{case}: no {place} ... {code} in:\n{build.log[-3000:]}"
        assert "Fix: " in line, f"{case}: {line}"
    assert "Traceback" not in build.log


def test_the_search_index_holds_no_notebook_code_and_no_pilcrows(built_site):
    index = json.loads((built_site.site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    notebooks = [p for c in COURSES for p in (ROOT / c).rglob("*.py") if is_notebook(p)]
    assert notebooks
    entries = [e for e in index if any(f"/{p.stem}/" in e["location"] for p in notebooks)]
    assert entries, "no notebook page is in the search index"
    text = " ".join(e["text"] for e in entries)
    assert "Synthetic" in text or "synthetic" in text, "the notebooks' prose should be searchable"
    for notebook in notebooks:
        code = [line.strip() for line in notebook.read_text(encoding="utf-8").splitlines()
                if line.strip().startswith(("import ", "from ")) and " import " in line + " "]
        assert code and not [line for line in code if line in text], f"{notebook.name}: its code is in the search index"
    assert not [e["title"] for e in index if "\u00b6" in e["title"] or "\u00b6" in e["text"]]


def test_the_search_index_holds_self_check_questions_but_not_their_feedback(built_site):
    from pacer import model

    index = json.loads((built_site.site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    text = " ".join(" ".join(e["text"].split()) for e in index)
    check = model.load(ROOT).modules[0].self_checks[0]
    assert check.question[:40] in text
    assert not [o.feedback for o in check.options if o.feedback[:40] in text]
