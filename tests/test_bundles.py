"""Each notebook's download runs as downloaded: unpacked into an empty folder, installed into a
fresh virtual environment from its own requirements.txt, and executed from top to bottom.

Bundles whose requirements are identical share one environment. pip finds the pinned wheels
in its cache (``make setup`` installed the same versions), so no package is built here.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import sys
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from pacer.notebooks import bundles
from pacer.cache import Cache
from pacer import model
from pacer.paths import ROOT


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


def _environment(requirements: Path, folder: Path) -> Path:
    """A fresh virtual environment with ``requirements`` installed; its Python. This project's
    pip installs into it (``--python``), which saves bootstrapping a pip in each one."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(folder)], check=True, capture_output=True)
    python = folder / "bin" / "python"
    install = subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install",
                              "--disable-pip-version-check", "--only-binary=:all:", "-q", "-r", str(requirements)],
                             capture_output=True, text=True)
    if install.returncode:
        raise AssertionError(f"pip could not install {requirements}:\n{install.stderr[-2000:]}")
    return python


def run_bundle(folder: Path, python: Path, kernels: Path, shown: str) -> None:
    """Execute the bundle's notebook with ``python`` as its kernel, in the notebook's folder;
    fail naming the notebook and what is missing."""
    notebooks = sorted(folder.rglob("*.ipynb"))
    assert len(notebooks) == 1, f"the bundle of {shown} holds {len(notebooks)} notebooks, not one"
    name = "bundle-" + hashlib.sha256(str(python).encode()).hexdigest()[:8]
    spec = kernels / "kernels" / name
    spec.mkdir(parents=True, exist_ok=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [str(python), "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": name, "language": "python"}), encoding="utf-8")
    notebook = nbformat.read(notebooks[0], as_version=4)
    client = NotebookClient(notebook, kernel_name=name, timeout=180,
                            resources={"metadata": {"path": str(notebooks[0].parent)}})
    try:
        client.execute(env={**os.environ, "MPLBACKEND": "Agg", "JUPYTER_PATH": str(kernels)})
    except Exception as error:  # nbclient raises CellExecutionError, DeadKernelError ...
        last = [line for line in str(error).splitlines() if line.strip()][-1:] or [type(error).__name__]
        raise AssertionError(f"the bundle of {shown} did not run as downloaded: {last[0]}") from None


@pytest.fixture
def kernels(tmp_path, monkeypatch):
    """A Jupyter data folder that holds only the bundle's kernel."""
    folder = tmp_path / "jupyter"
    monkeypatch.setenv("JUPYTER_PATH", str(folder))
    return folder


def test_every_notebook_bundle_runs_in_a_fresh_environment(built_site, tmp_path, kernels):
    zips = _bundle_zips(built_site.site)
    assert len(zips) >= 6, zips
    unpacked, first_with = {}, {}  # notebook -> its bundle's folder; requirements digest -> its first file
    for shown, bundle in zips.items():
        assert bundle.is_file(), f"{shown} has no download: {bundle.name} is not beside its page"
        folder = tmp_path / "unpacked" / bundle.stem
        folder.mkdir(parents=True)
        with zipfile.ZipFile(bundle) as archive:
            archive.extractall(folder)
        top = unpacked[shown] = folder / bundle.stem
        for piece in ("README.txt", "requirements.txt"):
            assert (top / piece).is_file(), f"the bundle of {shown} has no {piece}"
        first_with.setdefault(hashlib.sha256((top / "requirements.txt").read_bytes()).hexdigest(),
                              top / "requirements.txt")
    groups: dict[str, list[str]] = {}  # requirements digest -> the notebooks that share it
    for shown, top in unpacked.items():
        groups.setdefault(hashlib.sha256((top / "requirements.txt").read_bytes()).hexdigest(), []).append(shown)

    def install_and_run(digest: str) -> None:
        python = _environment(first_with[digest], tmp_path / f"venv-{digest[:8]}")
        for shown in groups[digest]:
            run_bundle(unpacked[shown], python, kernels, shown)

    # pip mostly waits for the package index: each environment is made, and its notebooks run,
    # beside the others
    with ThreadPoolExecutor(max_workers=len(groups)) as pool:
        for done in [pool.submit(install_and_run, digest) for digest in groups]:
            done.result()  # re-raises the first failure, naming its notebook

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
                          (ROOT / "requirements.txt").read_text(encoding="utf-8"), "course2/01-reading/read.py")
    unpacked = tmp_path / "unpacked"
    for path, content in bundle.files.items():
        (unpacked / path).parent.mkdir(parents=True, exist_ok=True)
        (unpacked / path).write_bytes(content)
    return unpacked / "read"


def test_a_bundle_that_would_not_run_fails_naming_the_notebook_and_the_missing_file(tmp_path, kernels):
    good = _tiny_bundle(tmp_path / "good", "rows.csv")
    run_bundle(good, Path(sys.executable), kernels, "course2/01-reading/read.py")  # this project's own Python

    broken = _tiny_bundle(tmp_path / "broken", "missing.csv")
    with pytest.raises(AssertionError) as failure:
        run_bundle(broken, Path(sys.executable), kernels, "course2/01-reading/read.py")
    assert "course2/01-reading/read.py" in str(failure.value)
    assert "missing.csv" in str(failure.value)


def test_bundle_requirements_pin_what_the_notebook_imports_to_the_lock():
    lock = "pandas==1.0\nipykernel==2.0\n"
    with pytest.raises(bundles.BundleError) as failure:
        bundles.requirements(["import pandas\n"], set(), lock, "course2/01-reading/read.py")
    # pandas needs numpy (and more), which this lock lacks: the message names the notebook and a package
    assert "course2/01-reading/read.py" in str(failure.value.problem)
    assert "BLD021" in str(failure.value.problem) and "is not in the lock" in str(failure.value.problem)

    with pytest.raises(bundles.BundleError) as unknown:
        bundles.requirements(["import no_such_package_here\n"], set(), lock, "course2/01-reading/read.py")
    assert "`no_such_package_here`" in str(unknown.value.problem)

    real = bundles.requirements(["import pandas\nimport os\nfrom _display import show_table\n"], {"_display"},
                                (ROOT / "requirements.txt").read_text(encoding="utf-8"), "x.py")
    pinned = dict(line.split("==") for line in real.splitlines() if "==" in line and ";" not in line)
    assert {"pandas", "numpy", "ipykernel"} <= set(pinned), pinned
    assert "_display" not in real and "\nos" not in real


def test_a_kept_bundle_is_made_again_when_its_data_changes_and_a_failed_one_is_never_kept(tmp_path):
    module = tmp_path / "project" / "course2" / "01-reading"
    (module / "data").mkdir(parents=True)
    root = tmp_path / "project"
    (root / "mkdocs.yml").write_text("site_name: t\n", encoding="utf-8")
    (module / "data" / "rows.csv").write_text("n\n1\n", encoding="utf-8")
    (module / "read.py").write_text(NOTEBOOK.format(name="rows.csv"), encoding="utf-8")
    lock = (ROOT / "requirements.txt").read_text(encoding="utf-8")

    def zipped_rows(store) -> bytes:
        _name, data = bundles.cached_zip(module / "read.py", root, "Reading a table", lock, "read.py", store)
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return archive.read("read/data/rows.csv")

    assert zipped_rows(Cache(root).store("bundles")) == b"n\n1\n"
    (module / "data" / "rows.csv").write_text("n\n1\n2\n", encoding="utf-8")
    next_build = Cache(root).store("bundles")
    assert zipped_rows(next_build) == b"n\n1\n2\n"  # not the kept copy of the old data
    next_build.evict_unused()
    entries = [e for e in (root / ".cache" / "pacer" / "bundles").iterdir() if e.is_file()]
    assert len(entries) == 1, entries  # the old entry is gone

    (module / "read.py").write_text(NOTEBOOK.format(name="rows.csv") + "import no_such_package_here\n",
                                    encoding="utf-8")
    store = Cache(root).store("bundles")
    with pytest.raises(bundles.BundleError):
        bundles.cached_zip(module / "read.py", root, "Reading a table", lock, "read.py", store)
    with pytest.raises(bundles.BundleError):  # asked again: the failure was not kept as a bundle
        bundles.cached_zip(module / "read.py", root, "Reading a table", lock, "read.py", store)
