"""A stale cache is impossible to observe: for every store of the build's cache
(scripts/pacer/cache.py), each input of its output, changed alone, changes the entry's key, and
where the output is cheap to make here, the output itself (read back through the cache, so a key
that missed the input would hand back the old output). ``cache: false`` reads and writes nothing;
eviction keeps what each view's last build used and nothing else.

The stores: ``notebooks`` (a notebook's run), ``notebook-css`` (the notebook pages' shared
stylesheet), ``bundles`` (a notebook's download), ``worksheets`` (a worksheet's spreadsheets)
and ``workbook`` (the templates' files and zips). Each test makes its output twice with nothing
changed first: the same key, so the key is not merely new every time.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import zipfile
from importlib import metadata
from pathlib import Path

import openpyxl
import pytest

from pacer import cache, history, model
from pacer.cache import Cache
from pacer.model import frontmatter, pages
from pacer.notebooks import bundles, pages as notebook_pages, runner, spreadsheets, stylesheet
from pacer.paths import ROOT
from pacer.render.templates import Renderer
from pacer.safety import sandbox
from pacer.workbook import documents


# --- helpers ------------------------------------------------------------------------------------

def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")


def _code_copy(tmp_path: Path, module_file: str, changed: str) -> str:
    """A copy of ``module_file``'s folder with the file ``changed`` in it edited by one comment
    line: the copy of ``module_file``, for the module's ``__file__`` (a key names code by the
    file's name and bytes)."""
    source = Path(module_file).parent
    copy = tmp_path / f"code-{changed}"
    shutil.copytree(source, copy, ignore=shutil.ignore_patterns("__pycache__"))
    comment = "-- changed\n" if changed.endswith(".lua") else "# changed\n"
    with (copy / changed).open("a", encoding="utf-8") as file:
        file.write("\n" + comment)
    return str(copy / Path(module_file).name)


def _bump(monkeypatch, package: str) -> None:
    """The installed version of ``package`` as if it were upgraded."""
    real = metadata.version
    monkeypatch.setattr(metadata, "version", lambda name: real(name) + ".post1" if name == package else real(name))


def _entries(folder: Path) -> set[str]:
    """A store's entries on disk (not its records of use or half-written files)."""
    return {p.name for p in folder.iterdir() if not p.name.startswith(".")} if folder.is_dir() else set()


# --- notebooks: a notebook's run ------------------------------------------------------------------

NOTEBOOK = '# %% [markdown]\n# # Counting rows\n\n# %%\nimport sys\nsys.path.insert(0, "..")\n' \
           'from _helper import FACTOR\nprint(len(open("data/rows.csv").read().splitlines()) * FACTOR)\n'


def _notebook_project(root: Path) -> Path:
    _write(root, {"mkdocs.yml": "site_name: t\n", "course2/_helper.py": "FACTOR = 1\n",
                  "course2/01-counting/index.md": "---\ntitle: Counting\n---\n\nText.\n",
                  "course2/01-counting/count.py": NOTEBOOK, "course2/01-counting/data/rows.csv": "n\n1\n2\n"})
    return root / "course2" / "01-counting" / "count.py"


NOTEBOOK_INPUTS = {
    "the notebook": lambda nb, mp, tmp: nb.write_text(NOTEBOOK + "print('more')\n", encoding="utf-8"),
    "a data file": lambda nb, mp, tmp: (nb.parent / "data" / "rows.csv").write_text("n\n1\n2\n3\n", encoding="utf-8"),
    "a data file's name": lambda nb, mp, tmp: (nb.parent / "data" / "rows.csv").rename(nb.parent / "data" / "other.csv"),
    "a new file in its folder": lambda nb, mp, tmp: (nb.parent / "data" / "more.csv").write_text("n\n", encoding="utf-8"),
    "a helper module above it": lambda nb, mp, tmp: (nb.parents[1] / "_helper.py").write_text("FACTOR = 10\n", encoding="utf-8"),
    "the converter's options": lambda nb, mp, tmp: mp.setattr(notebook_pages, "OPTIONS", {**notebook_pages.OPTIONS, "no_prompt": True}),
    "the table of contents' depth": lambda nb, mp, tmp: mp.setattr(notebook_pages, "TOC_DEPTH", 3),
    "an installed package": lambda nb, mp, tmp: mp.setattr(cache, "installed_packages", lambda real=cache.installed_packages: real() + ";numpy=99"),
    "the converter's code (convert.py)": lambda nb, mp, tmp: mp.setattr(runner, "__file__", _code_copy(tmp, runner.__file__, "convert.py")),
    "the runner's code (runner.py)": lambda nb, mp, tmp: mp.setattr(runner, "__file__", _code_copy(tmp, runner.__file__, "runner.py")),
    "the sandbox's code (sandbox.py)": lambda nb, mp, tmp: mp.setattr(sandbox, "__file__", _code_copy(tmp, sandbox.__file__, "sandbox.py")),
    "the variables that say the output is for the site": lambda nb, mp, tmp: mp.setattr(runner, "SITE_OUTPUT", {"PACER_OUTPUT": "other"}),
    "the time zone it is given": lambda nb, mp, tmp: mp.setenv("TZ", "America/Edmonton"),
    "the language it is given": lambda nb, mp, tmp: mp.setenv("LANG", "fr_CA.UTF-8"),
}


@pytest.mark.parametrize("changed", NOTEBOOK_INPUTS)
def test_a_notebook_runs_again_when_any_input_of_its_run_changes(changed, tmp_path, monkeypatch):
    # The run itself takes seconds per notebook: tests/test_notebooks.py shows, with builds, that
    # a changed data file or helper module reaches the page. Here: each input is in the key.
    for name in sandbox.KEPT_ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)
    notebook = _notebook_project(tmp_path / "project")
    before = notebook_pages.run_key(notebook)
    assert notebook_pages.run_key(notebook) == before
    NOTEBOOK_INPUTS[changed](notebook, monkeypatch, tmp_path)
    assert notebook_pages.run_key(notebook) != before, f"{changed} is not in the notebook run's key"


def test_what_a_notebook_cannot_read_leaves_its_run_in_the_cache(tmp_path):
    notebook = _notebook_project(tmp_path / "project")
    before = notebook_pages.run_key(notebook)
    (notebook.parent / "worked.md").write_text("---\ntitle: A page beside it\n---\n", encoding="utf-8")
    (notebook.parent / ".hidden").write_text("x", encoding="utf-8")
    assert notebook_pages.run_key(notebook) == before


# --- notebook-css: the notebook pages' shared stylesheet -----------------------------------------

STYLES = ".a { color: red }\n.b { color: blue }\n#x { margin: 0 }\n#y { margin: 1px }\n"
PAGES = ['<div class="a" id="x">one</div>']

CSS_INPUTS = {
    "the template's stylesheet": (lambda mp, tmp: mp.setattr(f"{__name__}.STYLES", STYLES.replace("red", "green")), True),
    "a class a page uses": (lambda mp, tmp: mp.setattr(f"{__name__}.PAGES", ['<div class="a b" id="x">one</div>']), True),
    "an id a page uses": (lambda mp, tmp: mp.setattr(f"{__name__}.PAGES", ['<div class="a" id="y">one</div>']), True),
    "the purging code (stylesheet.py)": (lambda mp, tmp: mp.setattr(stylesheet, "__file__", _code_copy(tmp, stylesheet.__file__, "stylesheet.py")), False),
    "tinycss2's version": (lambda mp, tmp: _bump(mp, "tinycss2"), False),
}


def _notebook_css(root: Path) -> tuple[set[str], str, cache.Store]:
    store = Cache(root).store(notebook_pages.CSS_STORE)
    notebook_pages.write_stylesheet(str(root / "site"), [STYLES], PAGES, store)
    return set(store.used), (root / "site" / notebook_pages.NOTEBOOK_CSS).read_text(encoding="utf-8"), store


@pytest.mark.parametrize("changed", CSS_INPUTS)
def test_the_notebook_stylesheet_is_made_again_when_any_input_changes(changed, tmp_path, monkeypatch):
    keys, css, _store = _notebook_css(tmp_path)
    assert _notebook_css(tmp_path)[:2] == (keys, css)
    change, shows = CSS_INPUTS[changed]
    change(monkeypatch, tmp_path)
    new_keys, new_css, store = _notebook_css(tmp_path)
    assert new_keys != keys, f"{changed} is not in notebook.css's key"
    if shows:
        assert new_css != css, f"a changed {changed} was served from a stale notebook.css"
    store.evict_unused()
    assert _entries(tmp_path / cache.DEFAULT_FOLDER / notebook_pages.CSS_STORE) == new_keys


# --- bundles: a notebook's download -------------------------------------------------------------

LOCKS = bundles.Locks.of(ROOT)


def _bundle_project(root: Path) -> Path:
    _write(root, {"mkdocs.yml": "site_name: t\n", "course2/_helper.py": "FACTOR = 1\n",
                  "course2/01-reading/read.py": '# %%\nprint(open("data/rows.csv").read())\n',
                  "course2/01-reading/data/rows.csv": "n\n1\n"})
    return root / "course2" / "01-reading" / "read.py"


def _moved(notebook: Path) -> None:
    notebook.parent.rename(notebook.parents[1] / "02-reading")


BUNDLE_INPUTS = {
    "the notebook": (lambda nb, mp, tmp: nb.write_text('# %%\nprint("other")\n', encoding="utf-8"), True),
    "a data file": (lambda nb, mp, tmp: (nb.parent / "data" / "rows.csv").write_text("n\n2\n", encoding="utf-8"), True),
    "a helper module above it": (lambda nb, mp, tmp: (nb.parents[1] / "_helper.py").write_text("FACTOR = 2\n", encoding="utf-8"), True),
    "its place in the course": (lambda nb, mp, tmp: _moved(nb), True),
    "the site's lock": (lambda nb, mp, tmp: mp.setattr(f"{__name__}.LOCKS", bundles.Locks(LOCKS.site.replace("\nipykernel==", "\nipykernel==0.0.0."), LOCKS.runner)), True),
    "the runner's lock (JupyterLab)": (lambda nb, mp, tmp: mp.setattr(f"{__name__}.LOCKS", bundles.Locks(LOCKS.site, LOCKS.runner.replace("\njupyterlab==", "\njupyterlab==0.0.0."))), True),
    "the notebook's title": (lambda nb, mp, tmp: mp.setattr(f"{__name__}.TITLE", "Reading another table"), True),
    "the README and launchers": (lambda nb, mp, tmp: mp.setattr(bundles, "STEPS_FOLDER", Path(_code_copy(tmp, str(bundles.STEPS_FOLDER / "README.txt"), "README.txt")).parent), True),
    "the bundling code (bundles.py)": (lambda nb, mp, tmp: mp.setattr(bundles, "__file__", _code_copy(tmp, bundles.__file__, "bundles.py")), False),
    "an installed package": (lambda nb, mp, tmp: mp.setattr(cache, "installed_packages", lambda real=cache.installed_packages: real() + ";numpy=99"), False),
}
TITLE = "Reading a table"


def _bundle(root: Path) -> tuple[set[str], dict[str, bytes], cache.Store]:
    notebook = next(root.glob("course2/*/read.py"))
    store = Cache(root).store("bundles")
    _name, data = bundles.cached_zip(notebook, root, TITLE, LOCKS, "read.py", store)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return set(store.used), {name: archive.read(name) for name in archive.namelist()}, store


@pytest.mark.parametrize("changed", BUNDLE_INPUTS)
def test_a_bundle_is_made_again_when_any_input_changes(changed, tmp_path, monkeypatch):
    # Working out the pinned requirements reads every installed package's metadata (seconds):
    # here they are what they are made from, the lock among it (test_bundles.py tests the real ones).
    monkeypatch.setattr(bundles, "requirements", lambda code, local, locks, shown, helpers=(): json.dumps([code, sorted(local), locks.site, locks.runner, helpers]))
    root = tmp_path / "project"
    notebook = _bundle_project(root)
    keys, files, _store = _bundle(root)
    assert _bundle(root)[:2] == (keys, files)
    change, shows = BUNDLE_INPUTS[changed]
    change(notebook, monkeypatch, tmp_path)
    new_keys, new_files, store = _bundle(root)
    assert new_keys != keys, f"{changed} is not in the bundle's key"
    if shows:
        assert new_files != files, f"a changed {changed} was served from a stale bundle"
    store.evict_unused()
    assert _entries(root / cache.DEFAULT_FOLDER / "bundles") == new_keys


# --- worksheets: a worksheet's spreadsheets -----------------------------------------------------

WORKSHEET = """---
title: "Worksheet: reading a table"
summary: By hand.
---

<!-- generated: worksheet-data -->

## Steps

1. Read the rows.
"""
PAGE_URL = "https://example.org/course2/01-reading/worksheet-read/"


def _worksheet_project(root: Path) -> Path:
    _write(root, {"course2/01-reading/read.py": 'import pandas as pd\npd.read_csv("data/rows.csv")\n',
                  "course2/01-reading/data/rows.csv": "who,said\nP1,yes\n",
                  "course2/01-reading/data/more.csv": "n\n1\n",
                  "course2/01-reading/data/ABOUT.txt": "SYNTHETIC DATA\n\nAbout P1: invented.\n",
                  "course2/01-reading/worksheet-read.md": WORKSHEET})
    _committed(root, "2025-01-10")
    return root / "course2" / "01-reading" / "read.py"


def _committed(root: Path, when: str) -> None:
    """A history of one commit on ``when`` holding every file."""
    shutil.rmtree(root / ".git", ignore_errors=True)
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "start", when=when)


def _renamed_data(notebook: Path) -> None:
    (notebook.parent / "data" / "rows.csv").rename(notebook.parent / "data" / "answers.csv")
    notebook.write_text('import pandas as pd\npd.read_csv("data/answers.csv")\n', encoding="utf-8")


WORKSHEET_INPUTS = {
    "the worksheet page's title": (lambda nb, mp, tmp: nb.with_name("worksheet-read.md").write_text(WORKSHEET.replace("reading a table", "reading rows"), encoding="utf-8"), True),
    "the worksheet page's steps": (lambda nb, mp, tmp: nb.with_name("worksheet-read.md").write_text(WORKSHEET.replace("Read the rows.", "Count the rows."), encoding="utf-8"), True),
    "the data's ABOUT.txt": (lambda nb, mp, tmp: (nb.parent / "data" / "ABOUT.txt").write_text("SYNTHETIC DATA\n\nAbout P1: made up.\n", encoding="utf-8"), True),
    "a data file": (lambda nb, mp, tmp: (nb.parent / "data" / "rows.csv").write_text("who,said\nP1,no\n", encoding="utf-8"), True),
    "a data file's name": (lambda nb, mp, tmp: _renamed_data(nb), True),
    "the data files the notebook reads": (lambda nb, mp, tmp: nb.write_text(nb.read_text(encoding="utf-8") + 'pd.read_csv("data/more.csv")\n', encoding="utf-8"), True),
    "the page's address (site_url, view, preview)": (lambda nb, mp, tmp: mp.setattr(f"{__name__}.PAGE_URL", "https://example.org/facilitator/course2/01-reading/worksheet-read/"), True),
    "the spreadsheet code (spreadsheets.py)": (lambda nb, mp, tmp: mp.setattr(spreadsheets, "__file__", _code_copy(tmp, spreadsheets.__file__, "spreadsheets.py")), False),
    "the last commit date of what they are made from": (lambda nb, mp, tmp: _committed(nb.parents[2], "2025-01-11"), True),
    "the dates' stamp (history.py)": (lambda nb, mp, tmp: mp.setattr(history, "__file__", _code_copy(tmp, history.__file__, "history.py")), False),
    "the page reader (pages.py)": (lambda nb, mp, tmp: mp.setattr(pages, "__file__", _code_copy(tmp, pages.__file__, "pages.py")), False),
    "the front-matter reader (frontmatter.py)": (lambda nb, mp, tmp: mp.setattr(frontmatter, "__file__", _code_copy(tmp, frontmatter.__file__, "frontmatter.py")), False),
    "openpyxl's version": (lambda nb, mp, tmp: _bump(mp, "openpyxl"), False),
    "odfpy's version": (lambda nb, mp, tmp: _bump(mp, "odfpy"), False),
    "PyYAML's version": (lambda nb, mp, tmp: _bump(mp, "pyyaml"), False),
}


def _worksheet(root: Path) -> tuple[set[str], list, cache.Store]:
    notebook = root / "course2" / "01-reading" / "read.py"
    store = Cache(root).store("worksheets")
    out = root / "site"
    spreadsheets.write(notebook, out, store, notebook.with_name("worksheet-read.md"), PAGE_URL, "worksheet-read.md")
    book = openpyxl.load_workbook(out / spreadsheets.workbook_name(notebook, "xlsx"))
    cells = [(sheet.title, [[(c.value, c.hyperlink.target if c.hyperlink else None) for c in row] for row in sheet.iter_rows()])
             for sheet in book.worksheets] + [book.properties.created]
    return set(store.used), cells, store


@pytest.mark.parametrize("changed", WORKSHEET_INPUTS)
def test_a_worksheets_spreadsheets_are_made_again_when_any_input_changes(changed, tmp_path, monkeypatch):
    root = tmp_path / "project"
    notebook = _worksheet_project(root)
    keys, cells, _store = _worksheet(root)
    assert len(keys) == 2  # .xlsx and .ods
    assert _worksheet(root)[:2] == (keys, cells)
    change, shows = WORKSHEET_INPUTS[changed]
    change(notebook, monkeypatch, tmp_path)
    new_keys, new_cells, store = _worksheet(root)
    assert not new_keys & keys, f"{changed} is not in the spreadsheets' keys"
    if shows:
        assert new_cells != cells, f"a changed {changed} was served from a stale spreadsheet"
    store.evict_unused()
    assert _entries(root / cache.DEFAULT_FOLDER / "worksheets") == new_keys


# --- workbook: the templates' files and zips ------------------------------------------------------

TEMPLATE = """---
title: Tiny plan
purpose: Plan a small thing.
who: The team.
modules: [course2/01-coding]
formats: [docx, odt, pdf, xlsx, ods]
columns:
  - name: Step
    help: What to do.
  - name: Status
    help: Where it stands.
    allowed: [to do, done]
---

A plan of one page [@ucalgary-who].

<!-- generated: crisis-lines -->

## Notes

Write them here.
"""
FORMATS = ("docx", "odt", "pdf", "xlsx", "ods")
DOCUMENTS = ("docx", "odt", "pdf")           # made from the document (body, snippets, citations)


def _workbook_project(root: Path) -> Path:
    for folder in ("docs/_data", "docs/_snippets", "overrides"):
        shutil.copytree(ROOT / folder, root / folder)
    _write(root, {"course2/01-coding/index.md": "---\ntitle: Coding\n---\n\nText.\n",
                  "docs/workbook/tiny.md": TEMPLATE, "docs/other.md": "# Other\n"})
    _dated(root, template="2025-02-01", site="2025-03-01")
    return root


def _git(root: Path, *args: str, when: str | None = None) -> None:
    env = {**os.environ, **({"GIT_AUTHOR_DATE": f"{when}T12:00:00", "GIT_COMMITTER_DATE": f"{when}T12:00:00"} if when else {})}
    subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false", *args],
                   cwd=root, env=env, check=True, capture_output=True)


def _dated(root: Path, template: str, site: str) -> None:
    """A history in which the template's last commit is on ``template`` and the site's on ``site``
    (the files' content the same whatever the dates)."""
    shutil.rmtree(root / ".git", ignore_errors=True)
    _git(root, "init", "-q")
    _git(root, "add", "-A", ":!docs/workbook/tiny.md", ":!docs/other.md")
    _git(root, "commit", "-q", "-m", "start", when="2025-01-01")
    _git(root, "add", "docs/workbook/tiny.md")
    _git(root, "commit", "-q", "-m", "template", when=template)
    _git(root, "add", "docs/other.md")
    _git(root, "commit", "-q", "-m", "other", when=site)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


WORKBOOK_INPUTS = {  # what changes, and the formats whose file must show it
    "the template's body": (lambda root, mp, tmp: _edit(root / "docs/workbook/tiny.md", "Write them here.", "Write them there."), DOCUMENTS),
    "a column's help": (lambda root, mp, tmp: _edit(root / "docs/workbook/tiny.md", "What to do.", "What to do next."), FORMATS),
    "an allowed value": (lambda root, mp, tmp: _edit(root / "docs/workbook/tiny.md", "[to do, done]", "[to do, doing, done]"), FORMATS),
    "the template's purpose": (lambda root, mp, tmp: _edit(root / "docs/workbook/tiny.md", "Plan a small thing.", "Plan a big thing."), FORMATS),
    "the template's title": (lambda root, mp, tmp: _edit(root / "docs/workbook/tiny.md", "title: Tiny plan", "title: Small plan"), FORMATS),
    "a snippet it includes (crisis lines)": (lambda root, mp, tmp: _edit(root / "docs/_snippets/crisis-lines.md", "9-8-8", "9-8-8 (any time)"), DOCUMENTS),
    "a source it cites (bibliography)": (lambda root, mp, tmp: _edit(root / "docs/_data/bibliography.yml", "Who we are", "Who we are today"), DOCUMENTS),
    "the reference style (reference.html)": (lambda root, mp, tmp: _touch_template(root / "overrides/pacer/reference.html"), DOCUMENTS),
    "the site's version date": (lambda root, mp, tmp: _dated(root, template="2025-02-01", site="2025-03-02"), FORMATS),
    "the template's own date": (lambda root, mp, tmp: _dated(root, template="2025-02-02", site="2025-03-01"), FORMATS),
    "the conversion code (documents.py)": (lambda root, mp, tmp: mp.setattr(documents, "__file__", _code_copy(tmp, documents.__file__, "documents.py")), ()),
    "pandoc's Lua filter (filter.lua)": (lambda root, mp, tmp: mp.setattr(documents, "__file__", _code_copy(tmp, documents.__file__, "filter.lua")), ()),
    "the spreadsheet writer (spreadsheets.py)": (lambda root, mp, tmp: mp.setattr(spreadsheets, "__file__", _code_copy(tmp, spreadsheets.__file__, "spreadsheets.py")), ()),
    "the dates' stamp (history.py)": (lambda root, mp, tmp: mp.setattr(history, "__file__", _code_copy(tmp, history.__file__, "history.py")), ()),
    **{f"{package}'s version": (lambda root, mp, tmp, package=package: _bump(mp, package), ()) for package in documents.CONVERTERS},
}


def _touch_template(path: Path) -> None:
    """A changed template file, with a later time (Jinja reloads a template by its file's time)."""
    _edit(path, "Online: <a", "Read it online: <a")
    stat = path.stat()
    os.utime(path, (stat.st_atime + 5, stat.st_mtime + 5))


def _fake_makers(monkeypatch) -> None:
    """Each maker writes down what it was given: the files' real making (pandoc, Typst) takes
    seconds, and what shapes them beyond what they are given is code and versions, in the key."""
    def write(out, *given) -> None:
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        Path(out).write_text(json.dumps(given, default=str), encoding="utf-8")
    monkeypatch.setattr(documents, "reference_docx", lambda target: write(target, "reference"))
    monkeypatch.setattr(documents, "make_docx", lambda md, out, title, footer, ref, shown, date: write(out, md, title, footer, date))
    monkeypatch.setattr(documents, "make_odt", lambda md, out, title, footer, shown, date: write(out, md, title, footer, date))
    monkeypatch.setattr(documents, "make_pdf", lambda md, out, title, footer, shown, date: write(out, md, title, footer, date))
    monkeypatch.setattr(documents, "make_spreadsheet", lambda template, out, fmt, footer, date: write(out, fmt, template.meta, template.title, footer, date))


def _workbook(root: Path) -> tuple[dict[str, tuple[str, str]], cache.Store]:
    """Each published file: (its entry in the store, its content)."""
    curriculum = model.load(root)
    assert [t.ok for t in curriculum.templates] == [True], [str(p) for p in curriculum.problems]
    store = Cache(root).store("workbook")
    downloads = documents.make_downloads(curriculum, Renderer(root / "overrides"), store, None)
    return {src: (path.name, path.read_bytes()) for src, path in downloads.files.items()}, store


@pytest.mark.parametrize("changed", WORKBOOK_INPUTS)
def test_the_workbooks_files_are_made_again_when_any_input_changes(changed, tmp_path, monkeypatch):
    _fake_makers(monkeypatch)
    root = _workbook_project(tmp_path / "project")
    files, _store = _workbook(root)
    assert {documents.file_src("tiny", fmt) for fmt in FORMATS} < set(files)
    assert _workbook(root)[0] == files
    change, shown_in = WORKBOOK_INPUTS[changed]
    change(root, monkeypatch, tmp_path)
    new_files, store = _workbook(root)
    for fmt in FORMATS:
        src = documents.file_src("tiny", fmt)
        if fmt in shown_in or not shown_in:  # code and versions: every file's key
            assert new_files[src][0] != files[src][0], f"{changed} is not in the key of the .{fmt} file"
        if fmt in shown_in:
            assert new_files[src][1] != files[src][1], f"a changed {changed} was served from a stale .{fmt} file"
    whole = documents.zip_src(None)
    assert new_files[whole][0] != files[whole][0], f"the workbook's zip was kept after {changed} changed"
    store.evict_unused()  # what is left: this build's files, the zips and Word's reference document
    left = _entries(root / cache.DEFAULT_FOLDER / "workbook")
    assert left == store.used and {name for name, _ in new_files.values()} <= left


# --- the cache switched off, and eviction -------------------------------------------------------

def test_a_cache_switched_off_reads_and_writes_nothing(tmp_path):
    kept = tmp_path / cache.DEFAULT_FOLDER / "bundles"
    kept.mkdir(parents=True)
    (kept / "k").write_bytes(b"old")
    off = Cache(tmp_path, enabled=False)
    store = off.store("bundles")
    assert not off.enabled and store.get("k") is None, "an entry was read with the cache off"
    store.put("new", b"x")
    assert store.path("other") is None
    assert off.evict_unused() == 0
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == \
        [".cache", ".cache/pacer", ".cache/pacer/bundles", ".cache/pacer/bundles/k"]


def test_eviction_keeps_what_each_views_last_build_used_and_removes_the_rest(tmp_path):
    def build(view: str, *used: str) -> int:
        store = Cache(tmp_path, build=view).store("worksheets")
        for name in used:
            if store.get(name) is None:
                store.put(name, name.encode())
        return store.evict_unused()

    build("learner", "a", "shared")
    (tmp_path / cache.DEFAULT_FOLDER / "worksheets" / ".partial-x").write_bytes(b"half")  # a build stopped mid-write
    assert build("facilitator", "b", "shared") == 1  # the half-written file
    folder = tmp_path / cache.DEFAULT_FOLDER / "worksheets"
    assert _entries(folder) == {"a", "b", "shared"}, "one view's build removed what the other view uses"
    assert build("learner", "c", "shared") == 1
    assert _entries(folder) == {"b", "c", "shared"}, "the learner view's old entry was kept"
    assert build("facilitator", "c") == 1
    assert _entries(folder) == {"c", "shared"}, "what the learner view's last build used was removed"
    assert build("learner", "c") == 1
    assert _entries(folder) == {"c"}


# --- the build: `cache: false`, and the two views' stores -----------------------------------------

COUNTING = ('# %% [markdown]\n# # Counting rows\n#\n# SYNTHETIC DATA only.\n\n# %%\n'
            'print(f"ROWS={len(open(\'data/rows.csv\').read().splitlines()) - 1}")\n')
COUNTING_WORKSHEET = WORKSHEET.replace("reading a table", "counting rows")


def test_the_build_reads_and_writes_no_cache_when_it_is_off_and_each_view_keeps_its_own_entries(make_project, tmp_path):
    from conftest import mkdocs_build
    from pacer import mkdocs_run

    project = make_project({
        "course2/01-counting/index.md": "---\ntitle: Counting\n---\n\nText.\n",
        "course2/01-counting/count.py": COUNTING,
        "course2/01-counting/data/rows.csv": "n\n1\n2\n",
        "course2/01-counting/worksheet-count.md": COUNTING_WORKSHEET,
        "docs/workbook/index.md": "---\ntitle: Workbook\n---\n\n<!-- generated: workbook -->\n",
        "docs/workbook/tiny.md": TEMPLATE.replace("course2/01-coding", "course2/01-counting").replace("odt, pdf, xlsx", "pdf"),
    }, nav="nav:\n  - Home: index.md\n" + "".join(f"  - Course {n}: course{n}/index.md\n" for n in (1, 2, 3))
          + "  - Workbook: workbook/index.md\n")
    stores = project / cache.DEFAULT_FOLDER
    # A run the cache holds under the notebook's key, which no real run would print: read, it shows.
    poisoned = stores / notebook_pages.STORE / notebook_pages.run_key(project / "course2/01-counting/count.py")
    poisoned.parent.mkdir(parents=True)
    poisoned.write_text(json.dumps({"content": "<p>POISONED</p>", "toc_tokens": [], "title": "Counting rows"}), encoding="utf-8")

    cached = mkdocs_build(project, tmp_path / "cached")
    assert cached.returncode == 0, cached.log
    page = tmp_path / "cached" / "course2" / "01-counting" / "count" / "index.html"
    assert "POISONED" in page.read_text(encoding="utf-8"), "the build did not read the notebook's run from the cache"
    assert len(_entries(stores / "worksheets")) == 4, "one view's build removed the other view's spreadsheets (each links its own page)"
    assert _entries(stores / notebook_pages.STORE) == {poisoned.name}
    assert _entries(stores / "workbook") and _entries(stores / "bundles") and _entries(stores / notebook_pages.CSS_STORE)

    before = {p.relative_to(project).as_posix(): p.read_bytes() for p in (project / ".cache").rglob("*") if p.is_file()}
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("      cache: true\n", "      cache: false\n"), encoding="utf-8")
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    off = mkdocs_run.build(project, tmp_path / "off", env=mkdocs_run.environment(TMPDIR=str(scratch)))
    assert off.returncode == 0, off.stdout + off.stderr
    shown = (tmp_path / "off" / "course2" / "01-counting" / "count" / "index.html").read_text(encoding="utf-8")
    assert "ROWS=2" in shown and "POISONED" not in shown, "with the cache off, the notebook's page came from the cache"
    for fmt in ("docx", "pdf", "ods"):
        assert (tmp_path / "off" / documents.file_src("tiny", fmt)).stat().st_size > 0
    assert {p.relative_to(project).as_posix(): p.read_bytes() for p in (project / ".cache").rglob("*") if p.is_file()} == before, \
        "the build with the cache off wrote into the cache"
    assert not list(scratch.glob("pacer-*")), "the build with the cache off left its scratch files behind"
