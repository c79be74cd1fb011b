"""Each notebook's download opens and runs as its README says, on a learner's own computer.

One bundle (the one that needs the most packages) goes through the README's steps for Linux
exactly as written: unzipped in an empty folder, a fresh virtual environment, ``pip install -r
requirements.txt`` from the package index, and its notebook run by the JupyterLab the bundle
installs. The README's last step opens JupyterLab, which waits for a person, so the test runs
the notebook with ``jupyter nbconvert --execute`` from the same installation instead. Every
other bundle is unzipped by the same steps and installed into that environment (only the
packages it adds are fetched), then run the same way. Their outputs must carry their own
styles: the site's stylesheet is not there on a learner's computer.
"""

from __future__ import annotations

import io
import os
import re
import shlex
import shutil
import subprocess
import sys
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import pytest
from lxml import html

from pacer.notebooks import bundles
from pacer.cache import Cache
from pacer import model
from pacer.paths import ROOT

pytestmark = pytest.mark.starts_early  # takes minutes (tests/conftest.py starts such files first)

NOTEBOOK_CSS = ROOT / "overrides" / "assets" / "stylesheets" / "notebook-pages.css"
STEP = re.compile(r"^ {8}(\S.*)$")  # a command in the README: a line of its own, indented by 8 spaces
OPEN = "jupyter lab "               # the README's last step opens JupyterLab


def _bundle_zips(site: Path) -> dict[str, Path]:
    """Each notebook of the curriculum (repository path) and the zip beside its page."""
    curriculum = model.load(ROOT)
    found = {}
    notebooks = [n for course in curriculum.courses.values() for n in course.notebooks]
    notebooks += [n for module in curriculum.modules for n in module.notebooks]
    for notebook in sorted(notebooks):
        page = site / notebook.relative_to(ROOT).with_suffix("")
        found[notebook.relative_to(ROOT).as_posix()] = page / f"{notebook.stem}.zip"
    return found


def linux_steps(readme: str, shown: str) -> list[str]:
    """The commands of the README's "On Linux" section, in order."""
    section = re.search(r"^On Linux\n-+\n(.*?)(?=^\S[^\n]*\n-+\n|\Z)", readme, re.MULTILINE | re.DOTALL)
    assert section, f"the README of {shown} has no section \"On Linux\""
    steps = [m.group(1) for line in section.group(1).splitlines() if (m := STEP.match(line))]
    assert steps and steps[-1].startswith(OPEN), \
        f"the README of {shown}: its Linux steps should end by opening the notebook with `{OPEN}...`, not {steps[-1:]}"
    return steps


def _clean_environment(**extra: str) -> dict[str, str]:
    """This machine's environment without this project's virtual environment in it."""
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME")}
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep)
                                  if not Path(p, "activate").is_file())
    return {**env, "MPLBACKEND": "Agg", **extra}


def follow(steps: list[str], folder: Path, shown: str, timeout: int = 900) -> str:
    """Run ``steps`` as one shell session in ``folder``, as a learner types them; the README's
    last step (opening JupyterLab) runs the notebook with nbconvert instead. Fails naming the
    bundle, the step and what it printed; returns what the session printed."""
    lines = ["set -u"]
    for step in steps:
        if step.startswith(OPEN):
            step = f"jupyter nbconvert --to notebook --execute --output executed.ipynb {step[len(OPEN):]}"
        lines.append(f"{step} || {{ echo {shlex.quote('STEP FAILED: ' + step)} >&2; exit 1; }}")
    result = subprocess.run(["bash", "-c", "\n".join(lines)], cwd=folder, env=_clean_environment(),
                            capture_output=True, text=True, timeout=timeout)
    if result.returncode:
        failed = re.search(r"STEP FAILED: (.*)", result.stderr)
        detail = "\n".join(result.stderr.strip().splitlines()[-15:])
        raise AssertionError(f"the README of {shown}: the step `{failed.group(1) if failed else '?'}` "
                             f"failed:\n{detail}")
    return result.stdout + result.stderr


def _site_shades() -> dict[int, tuple[str, str]]:
    """The heat table's shades as the site's stylesheet draws them: level -> (background, text)."""
    css = NOTEBOOK_CSS.read_text(encoding="utf-8")
    return {int(level): (background.lower(), colour.lower()) for level, background, colour in re.findall(
        r"td\.pacer-heat-(\d)\s*\{\s*background-color:\s*(#\w+);\s*color:\s*(#\w+);", css)}


def _declarations(style: str) -> dict[str, str]:
    return {name.strip().lower(): value.strip().lower() for name, _, value in
            (part.partition(":") for part in style.split(";") if part.strip())}


def check_own_styles(executed: Path, shown: str) -> int:
    """Every heat-table cell carries the site's shade for its level, and every bar its size and
    colour; the number of styled elements found."""
    shades, found = _site_shades(), 0
    assert len(shades) == 4, f"{NOTEBOOK_CSS.name}: the four heat shades were not found"
    for cell in nbformat.read(executed, as_version=4).cells:
        for output in cell.get("outputs", []):
            markup = output.get("data", {}).get("text/html")
            if not markup:
                continue
            tree = html.fragment_fromstring("".join(markup), create_parent="div")
            for td in tree.cssselect("td.pacer-heat"):
                level = int(next(c for c in td.get("class").split() if c.startswith("pacer-heat-"))[-1])
                style = _declarations(td.get("style", ""))
                if level:
                    assert (style.get("background-color"), style.get("color")) == shades[level], \
                        f"{shown}: a heat cell of level {level} does not carry the site's shade {shades[level]}: {style}"
                found += 1
            for svg in tree.cssselect("svg.pacer-bar"):
                assert svg.get("width") and svg.get("height"), f"{shown}: a bar has no size of its own"
                assert all(rect.get("fill") for rect in svg.iter("rect")), f"{shown}: a bar has no colour of its own"
                found += 1
            for quote in tree.cssselect("blockquote.pacer-quote"):
                assert "border-left" in _declarations(quote.get("style", "")), f"{shown}: a quotation has no rule of its own"
                found += 1
    return found


# Longer than other tests: it waits for the session's build of the site, then installs a
# notebook runner from the package index, as a learner would.
@pytest.mark.timeout(900)
def test_the_bundles_open_and_run_by_their_readme_steps(built_site, tmp_path):
    zips = _bundle_zips(built_site.site)
    assert len(zips) >= 6, zips
    for shown, bundle in zips.items():
        assert bundle.is_file(), f"{shown} has no download: {bundle.name} is not beside its page"
        with zipfile.ZipFile(bundle) as archive:
            names = set(archive.namelist())
            for piece in ("README.txt", "requirements.txt", "start-windows.bat", "start-mac.command", "start-linux.sh"):
                assert f"{bundle.stem}/{piece}" in names, f"the bundle of {shown} has no {piece}"
            requirements = archive.read(f"{bundle.stem}/requirements.txt").decode()
            assert re.search(r"^jupyterlab==", requirements, re.MULTILINE), f"the bundle of {shown} does not pin JupyterLab"

    def size(bundle: Path) -> int:
        with zipfile.ZipFile(bundle) as archive:
            return len(archive.read(f"{bundle.stem}/requirements.txt").splitlines())

    first = max(zips, key=lambda shown: (size(zips[shown]), shown))
    times, executed = {}, {}

    def run(shown: str) -> None:
        bundle = zips[shown]
        downloads = tmp_path / bundle.stem
        downloads.mkdir()
        shutil.copyfile(bundle, downloads / bundle.name)
        with zipfile.ZipFile(bundle) as archive:
            steps = linux_steps(archive.read(f"{bundle.stem}/README.txt").decode(), shown)
        if shown != first:  # the environment is made once: install into it, as the first bundle's steps made it
            made = tmp_path / Path(zips[first]).stem / Path(zips[first]).stem / ".venv"
            steps = [f"source {made}/bin/activate" if s == "source .venv/bin/activate" else s
                     for s in steps if not s.startswith("python3 -m venv")]
        started = time.monotonic()
        follow(steps, downloads, shown)
        times[shown] = time.monotonic() - started
        notebook = steps[-1][len(OPEN):]
        executed[shown] = downloads / bundle.stem / Path(notebook).with_name("executed.ipynb")
        assert executed[shown].is_file(), f"{shown}: the notebook ran, but left no executed copy"

    run(first)  # makes the environment; the others install into it (nothing left to fetch) side by side
    with ThreadPoolExecutor(max_workers=3) as pool:
        for done in [pool.submit(run, shown) for shown in sorted(zips) if shown != first]:
            done.result()
    print("\n".join(f"{shown}: {seconds:.0f} s" for shown, seconds in times.items()))
    styled = sum(check_own_styles(path, shown) for shown, path in executed.items())
    assert styled > 20, f"only {styled} heat cells, bars and quotations were found in the outputs"

    # the launcher uses the environment the README's steps made (--version: nothing opens)
    folder = tmp_path / zips[first].stem / zips[first].stem
    launched = subprocess.run(["./start-linux.sh", "--version"], cwd=folder, env=_clean_environment(),
                              capture_output=True, text=True, timeout=120)
    pinned = re.search(r"^jupyterlab==(\S+)", (folder / "requirements.txt").read_text(), re.MULTILINE).group(1)
    assert launched.returncode == 0 and launched.stdout.strip() == pinned, launched.stderr[-2000:]


def run_bundle(folder: Path, shown: str) -> None:
    """Run the bundle's notebook with this project's JupyterLab (the same runner a bundle
    installs), in the notebook's folder; fail naming the notebook and what went wrong."""
    notebooks = sorted(folder.rglob("*.ipynb"))
    assert len(notebooks) == 1, f"the bundle of {shown} holds {len(notebooks)} notebooks, not one"
    jupyter = Path(sys.executable).parent / "jupyter"
    result = subprocess.run([str(jupyter), "nbconvert", "--to", "notebook", "--execute", "--stdout", notebooks[0].name],
                            cwd=notebooks[0].parent, capture_output=True, text=True, timeout=300,
                            env={**os.environ, "MPLBACKEND": "Agg"})
    if result.returncode:
        last = [line for line in result.stderr.splitlines() if line.strip()][-1:] or ["(no message)"]
        raise AssertionError(f"the bundle of {shown} did not run as downloaded: {last[0]}")


NOTEBOOK = '''# %% [markdown]
# # Reading a table

# %%
import pandas as pd

print(len(pd.read_csv("data/{name}")))
'''


def _tiny_bundle(tmp_path: Path, data_name: str) -> Path:
    """A notebook reading data/{data_name}, with data/rows.csv beside it, bundled and unpacked."""
    module = tmp_path / "project" / "course2" / "01-reading"
    (module / "data").mkdir(parents=True)
    (tmp_path / "project" / "mkdocs.yml").write_text("site_name: t\n", encoding="utf-8")
    (module / "data" / "rows.csv").write_text("n\n1\n2\n", encoding="utf-8")
    (module / "read.py").write_text(NOTEBOOK.format(name=data_name), encoding="utf-8")
    bundle = bundles.make(module / "read.py", tmp_path / "project", "Reading a table",
                          bundles.Locks.of(ROOT), "course2/01-reading/read.py")
    unpacked = tmp_path / "unpacked"
    for path, content in bundle.files.items():
        (unpacked / path).parent.mkdir(parents=True, exist_ok=True)
        (unpacked / path).write_bytes(content)
    return unpacked / "read"


def test_a_bundle_that_would_not_run_fails_naming_the_notebook_and_the_missing_file(tmp_path):
    good = _tiny_bundle(tmp_path / "good", "rows.csv")
    run_bundle(good, "course2/01-reading/read.py")

    broken = _tiny_bundle(tmp_path / "broken", "missing.csv")
    with pytest.raises(AssertionError) as failure:
        run_bundle(broken, "course2/01-reading/read.py")
    assert "course2/01-reading/read.py" in str(failure.value)
    assert "missing.csv" in str(failure.value)


def test_bundle_requirements_pin_what_the_notebook_imports_to_the_lock():
    lock = bundles.Locks(site="pandas==1.0\nipykernel==2.0\n")
    with pytest.raises(bundles.BundleError) as failure:
        bundles.requirements(["import pandas\n"], set(), lock, "course2/01-reading/read.py")
    # pandas needs numpy (and more), which this lock lacks: the message names the notebook and a package
    assert "course2/01-reading/read.py" in str(failure.value.problem)
    assert "BLD021" in str(failure.value.problem) and "is not in the lock" in str(failure.value.problem)

    with pytest.raises(bundles.BundleError) as unknown:
        bundles.requirements(["import no_such_package_here\n"], set(), lock, "course2/01-reading/read.py")
    assert "`no_such_package_here`" in str(unknown.value.problem)

    real = bundles.requirements(["import pandas\nimport os\nfrom _display import show_table\n"], {"_display"},
                                bundles.Locks.of(ROOT), "x.py")
    pinned = dict(line.split("==") for line in real.splitlines() if "==" in line and ";" not in line)
    assert {"pandas", "numpy", "ipykernel"} <= set(pinned), pinned
    runner = dict(bundles.LOCK_LINE.findall(bundles.Locks.of(ROOT).runner))
    assert pinned["jupyterlab"] == runner["jupyterlab"], "JupyterLab is not pinned as the runner's lock has it"
    assert "_display" not in real and "\nos" not in real


def test_the_runners_lock_agrees_with_the_sites_lock():
    """A bundle mixes pins of both locks: a package in both must have one version
    (requirements-bundle.in is compiled with -c requirements.txt)."""
    locks = bundles.Locks.of(ROOT)
    site, runner = dict(bundles.LOCK_LINE.findall(locks.site)), dict(bundles.LOCK_LINE.findall(locks.runner))
    assert "jupyterlab" in runner and "jupyterlab" not in site, "JupyterLab belongs in the runner's lock only"
    differ = {name: (site[name], runner[name]) for name in set(site) & set(runner) if site[name] != runner[name]}
    assert not differ, f"the locks pin these packages differently (run make lock): {differ}"


def test_a_kept_bundle_is_made_again_when_its_data_changes_and_a_failed_one_is_never_kept(tmp_path):
    module = tmp_path / "project" / "course2" / "01-reading"
    (module / "data").mkdir(parents=True)
    root = tmp_path / "project"
    (root / "mkdocs.yml").write_text("site_name: t\n", encoding="utf-8")
    (module / "data" / "rows.csv").write_text("n\n1\n", encoding="utf-8")
    (module / "read.py").write_text(NOTEBOOK.format(name="rows.csv"), encoding="utf-8")
    lock = bundles.Locks.of(ROOT)

    def zipped_rows(store) -> bytes:
        _name, data = bundles.cached_zip(module / "read.py", root, "Reading a table", lock, "read.py", store)
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return archive.read("read/data/rows.csv")

    assert zipped_rows(Cache(root).store("bundles")) == b"n\n1\n"
    (module / "data" / "rows.csv").write_text("n\n1\n2\n", encoding="utf-8")
    next_build = Cache(root).store("bundles")
    assert zipped_rows(next_build) == b"n\n1\n2\n"  # not the kept copy of the old data
    next_build.evict_unused()
    entries = [e for e in (root / ".cache" / "pacer" / "bundles").iterdir() if e.is_file() and not e.name.startswith(".")]  # not the record of use
    assert len(entries) == 1, entries  # the old entry is gone

    (module / "read.py").write_text(NOTEBOOK.format(name="rows.csv") + "import no_such_package_here\n",
                                    encoding="utf-8")
    store = Cache(root).store("bundles")
    with pytest.raises(bundles.BundleError):
        bundles.cached_zip(module / "read.py", root, "Reading a table", lock, "read.py", store)
    with pytest.raises(bundles.BundleError):  # asked again: the failure was not kept as a bundle
        bundles.cached_zip(module / "read.py", root, "Reading a table", lock, "read.py", store)


def test_a_readme_step_that_fails_stops_the_test_naming_the_bundle_and_the_step(tmp_path):
    readme = ("Title\n=====\n\nOn Linux\n--------\n1. Go in:\n        echo ready\n        cat missing-file.txt\n"
              "        jupyter lab read.ipynb\n\n\nRunning the notebook\n--------------------\n        not a step\n")
    steps = linux_steps(readme, "course2/01-reading/read.py")
    assert steps == ["echo ready", "cat missing-file.txt", "jupyter lab read.ipynb"]
    with pytest.raises(AssertionError) as failure:
        follow(steps, tmp_path, "course2/01-reading/read.py")
    assert "course2/01-reading/read.py" in str(failure.value)
    assert "`cat missing-file.txt`" in str(failure.value) and "No such file" in str(failure.value)
    with pytest.raises(AssertionError, match="no section \"On Linux\""):
        linux_steps("Title\n=====\n\nOn Windows\n----------\n        py -m venv .venv\n", "read.py")


def test_the_readme_and_the_launchers_give_each_system_its_own_steps(tmp_path):
    module = tmp_path / "project" / "course2" / "01-reading"
    (module / "data").mkdir(parents=True)
    (tmp_path / "project" / "mkdocs.yml").write_text("site_name: t\n", encoding="utf-8")
    (tmp_path / "project" / "course2" / "_helper.py").write_text("X = 1\n", encoding="utf-8")
    (module / "data" / "rows.csv").write_text("n\n1\n", encoding="utf-8")
    (module / "read.py").write_text(NOTEBOOK.format(name="rows.csv") + "import sys\nsys.path.insert(0, '..')\n"
                                    "import _helper\n", encoding="utf-8")
    bundle = bundles.make(module / "read.py", tmp_path / "project", "Reading a table",
                          bundles.Locks.of(ROOT), "course2/01-reading/read.py")
    readme = bundle.files["read/README.txt"].decode()
    assert "read/01-reading/read.ipynb" in bundle.files  # the helper sits one folder up, as in the course
    for line in ("        py -m venv .venv", "        .venv\\Scripts\\activate", "        jupyter lab 01-reading\\read.ipynb",
                 "        python3 -m venv .venv", "        source .venv/bin/activate",
                 "        pip install -r requirements.txt", "        jupyter lab 01-reading/read.ipynb",
                 "        unzip read.zip", "        cd read"):
        assert line in readme.splitlines(), f"the README lacks the step {line.strip()!r}"
    for words in ("Extract All", "Terminal", "type cmd", "Python 3.11 or newer", "Ctrl+C"):
        assert words in readme, words
    assert "{" not in readme and "}" not in readme  # every placeholder was filled in
    batch = bundle.files["read/start-windows.bat"].decode()
    assert batch.count("\r\n") == batch.count("\n") and 'jupyter lab "01-reading\\read.ipynb"' in batch
    with zipfile.ZipFile(io.BytesIO(bundle.zip_bytes())) as archive:
        modes = {info.filename: info.external_attr >> 16 for info in archive.infolist()}
    for name in ("read/start-linux.sh", "read/start-mac.command"):
        assert modes[name] & 0o111, f"{name} would not run when double-clicked: it is not executable"
        script = tmp_path / Path(name).name
        script.write_bytes(bundle.files[name])
        assert subprocess.run(["sh", "-n", str(script)]).returncode == 0
        assert 'jupyter lab "01-reading/read.ipynb"' in bundle.files[name].decode()
    assert not modes["read/README.txt"] & 0o111
