"""A notebook's download: a zip that opens and runs on a learner's own computer.

The bundle holds the notebook as ``.ipynb`` (converted from its jupytext ``.py`` source, with
no outputs), the files of its folder (its data) and the helper modules (``_*.py``) of the
folders above it, in the layout the code expects (``data/x.csv`` beside the notebook,
``sys.path.insert(0, "..")`` reaching the helpers); a ``requirements.txt``; a README with
plain steps for Windows, macOS and Linux; and a launcher per system that does those steps.

``requirements.txt`` holds JupyterLab, which opens and runs the notebook, with everything it
needs as the runner's lock resolved it (``requirements-bundle.txt``: building never installs
JupyterLab), and what the notebook imports and what its helpers import at their top level (an
import inside a helper's function serves only notebooks that import that package themselves),
with everything those packages need, pinned to the versions of the site's lock
(``requirements.txt``; a project without one pins what is installed). Hashes are left out on
purpose: a lock is made on one system, and pip's hash-checking mode refuses any dependency that
another system needs and the lock lacks (for example ``appnope`` on a Mac). Such dependencies of
the notebook's packages are listed with their environment marker, so pip installs them only
where they apply; pip finds those of JupyterLab itself.

``tests/test_bundles.py`` follows the README's Linux steps as written, in a fresh environment.
Bundles are build outputs, written into the built site, never committed.
"""

from __future__ import annotations

import ast
import io
import re
import sys
import zipfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from pacer import cache
from pacer.notebooks.runner import helper_modules, inputs_digest
from pacer.rules import problem

KERNEL = "ipykernel"  # what runs the notebook's code (JupyterLab, which opens it, comes from the runner's lock)
# What a bundle holds beside the notebook: its data (the module's pages are on the site) and
# helper modules; nothing that could act when opened (a macro-enabled workbook, a web page).
BUNDLED_DATA = {".csv", ".tsv", ".txt", ".json", ".yml", ".yaml"}
LOCK_LINE = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)", re.MULTILINE)
ZIP_DATE = (2020, 1, 1, 0, 0, 0)  # fixed, so an unchanged notebook gives the same bytes
# The README and the launchers, with {placeholders} filled in per notebook (``_steps_files``).
STEPS_FOLDER = Path(__file__).with_name("bundle_files")
EXECUTABLE = (".sh", ".command")  # unzipped with their "run me" bit, so a double-click runs them


class BundleError(Exception):
    """A bundle that could not be made: the problem names the notebook and the missing piece."""

    def __init__(self, shown: str, detail: str):
        super().__init__(detail)
        self.problem = problem(shown, 1, "BLD021", detail)


@dataclass(frozen=True)
class Locks:
    """The project's locks: the site's, whose versions pin what a notebook imports, and the
    runner's: JupyterLab with everything it needs, at versions that agree with the site's."""
    site: str = ""
    runner: str = ""

    @classmethod
    def of(cls, root: Path) -> Locks:
        def text(name: str) -> str:
            path = root / name
            return path.read_text(encoding="utf-8") if path.is_file() else ""
        return cls(text("requirements.txt"), text("requirements-bundle.txt"))


@dataclass(frozen=True)
class Bundle:
    name: str                 # the zip's file name
    files: dict[str, bytes]   # path inside the zip -> content

    def zip_bytes(self) -> bytes:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(self.files):
                info = zipfile.ZipInfo(path, ZIP_DATE)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = (0o755 if path.endswith(EXECUTABLE) else 0o644) << 16
                archive.writestr(info, self.files[path])
        return buffer.getvalue()


def cached_zip(notebook: Path, root: Path, title: str, locks: Locks, shown: str, store: cache.Store,
               packages: str | None = None) -> tuple[str, bytes]:
    """The bundle's file name and zip bytes. Working out the requirements reads the metadata of
    every installed package (about half a second per notebook), so a bundle is kept in ``store``
    by what it is made from: the notebook, its data and helpers and the installed packages, its
    place, the locks, the title and this module's code (``packages``: cache.installed_packages(),
    when the caller has read it already)."""
    where = notebook.relative_to(root).as_posix() if root in notebook.parents else notebook.name
    entry_key = cache.key(inputs_digest(notebook, packages), where, notebook.read_bytes(), locks.site, locks.runner, title,
                          Path(__file__),
                          sorted(STEPS_FOLDER.iterdir()))
    data = store.get(entry_key)
    if data is None:
        data = make(notebook, root, title, locks, shown).zip_bytes()
        store.put(entry_key, data)
    return f"{notebook.stem}.zip", data


def _is_kept(path: Path, folder: Path) -> bool:
    parts = path.relative_to(folder).parts
    if any(part.startswith(".") or part == "__pycache__" for part in parts):
        return False
    if path.suffix == ".py":
        return path.name.startswith("_")  # a helper module; other .py files are notebooks
    return path.suffix.lower() in BUNDLED_DATA


def make(notebook: Path, root: Path, title: str, locks: Locks, shown: str) -> Bundle:
    """The bundle of ``notebook`` (``shown`` is its repository path, for messages)."""
    import jupytext  # about a second to import: only when a bundle is made, not on every build

    helpers = helper_modules(notebook, root)
    base = min((h.parent for h in helpers), key=lambda p: len(p.parts), default=notebook.parent)
    top = notebook.stem
    where = notebook.parent.relative_to(base)
    ipynb_name = (where / f"{notebook.stem}.ipynb").as_posix()
    try:
        converted = jupytext.read(notebook)
    except Exception as error:  # jupytext raises several types for a malformed notebook
        raise BundleError(shown, f"the notebook could not be converted to .ipynb: {error}") from None
    converted.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    converted.metadata.pop("jupytext", None)
    files = {f"{top}/{ipynb_name}": jupytext.writes(converted, fmt="ipynb").encode("utf-8")}
    for path in sorted(notebook.parent.rglob("*")):
        if path.is_file() and path != notebook and _is_kept(path, notebook.parent):
            files[f"{top}/{path.relative_to(base).as_posix()}"] = path.read_bytes()
    for helper in helpers:
        files[f"{top}/{helper.relative_to(base).as_posix()}"] = helper.read_bytes()
    code = [cell.source for cell in converted.cells if cell.cell_type == "code"]
    local = {h.stem for h in helpers} | {p.stem for p in notebook.parent.glob("*.py")}
    helper_code = [h.read_text(encoding="utf-8") for h in helpers]
    files[f"{top}/requirements.txt"] = requirements(code, local, locks, shown, helper_code).encode("utf-8")
    for name, text in _steps_files(title, top, ipynb_name).items():
        files[f"{top}/{name}"] = text.encode("utf-8")
    return Bundle(f"{notebook.stem}.zip", files)


def _steps_files(title: str, top: str, ipynb_name: str) -> dict[str, str]:
    """The README and the launchers for this notebook (Windows' batch file with CRLF line ends)."""
    values = {"title": title, "underline": "=" * len(title), "zip": f"{top}.zip", "top": top,
              "notebook": ipynb_name, "notebook_windows": ipynb_name.replace("/", "\\")}
    made = {}
    for path in sorted(STEPS_FOLDER.iterdir()):
        text = path.read_text(encoding="utf-8").format(**values)
        made[path.name] = text.replace("\n", "\r\n") if path.suffix == ".bat" else text
    return made


def imported_modules(sources: list[str], shown: str, top_level_only: bool = False) -> set[str]:
    """The top-level names of the modules the code imports (IPython magics are skipped); with
    ``top_level_only``, not the imports inside functions and classes."""
    names = set()
    for source in sources:
        lines = "\n".join("" if line.lstrip().startswith(("%", "!")) else line for line in source.splitlines())
        try:
            tree = ast.parse(lines)
        except SyntaxError as error:
            raise BundleError(shown, f"a code cell is not valid Python ({error.msg}, "
                              f"line {error.lineno} of the cell)") from None
        for node in (tree.body if top_level_only else ast.walk(tree)):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.add(node.module.split(".")[0])
    return names


def requirements(sources: list[str], local: set[str], locks: Locks, shown: str,
                 helpers: list[str] = ()) -> str:
    """``requirements.txt`` for a notebook whose code is ``sources`` and helpers ``helpers``."""
    pins = {canonicalize_name(name): version for name, version in LOCK_LINE.findall(locks.site)}
    if not locks.site:  # no lock: what is installed
        pins = {canonicalize_name(d.metadata["Name"]): d.version for d in metadata.distributions()}
    runner = {canonicalize_name(name): version for name, version in LOCK_LINE.findall(locks.runner)}
    distributions = metadata.packages_distributions()
    roots = {KERNEL}
    imported = imported_modules(sources, shown) | imported_modules(list(helpers), shown, top_level_only=True)
    for name in sorted(imported - local - set(sys.stdlib_module_names)):
        if name not in distributions:
            raise BundleError(shown, f"the notebook imports `{name}`, which no installed package provides")
        roots.update(distributions[name])
    pinned, elsewhere = {}, {}  # elsewhere: what other systems need (a marker false here)
    pending = sorted(canonicalize_name(r) for r in roots)
    while pending:
        name = pending.pop()
        if name in pinned:
            continue
        if name not in pins:
            raise BundleError(shown, f"the bundle needs the package `{name}`, which is not in the lock (requirements.txt)")
        pinned[name] = pins[name]
        for text in metadata.distribution(name).requires or []:
            requirement = Requirement(text)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                pending.append(canonicalize_name(requirement.name))
            elif not _only_for_extras(requirement) and _applies_somewhere(requirement):
                other = canonicalize_name(requirement.name)
                elsewhere[other] = f"{other}{requirement.specifier}; {requirement.marker}"
    pinned.update(runner or {"jupyterlab": ""})  # a project without the runner's lock: the newest JupyterLab
    lines = [f"{name}=={version}" if version else name for name, version in sorted(pinned.items())]
    lines += [line for name, line in sorted(elsewhere.items()) if name not in pinned]
    header = ("# JupyterLab and what this notebook needs, at the versions the PaCER site was built with.\n"
              "# Install with: pip install -r requirements.txt (README.txt says how, step by step)\n")
    return header + "\n".join(lines) + "\n"


# The systems a learner may have: the README asks for Python 3.11 or newer.
SYSTEMS = [{"sys_platform": platform, "platform_system": system, "os_name": os_name}
           for platform, system, os_name in (("linux", "Linux", "posix"), ("darwin", "Darwin", "posix"),
                                             ("win32", "Windows", "nt"))]
PYTHONS = ("3.11", "3.12", "3.13", "3.14")


def _applies_somewhere(requirement: Requirement) -> bool:
    """The dependency is needed on some learner's system (not only on Python 3.10 or older)."""
    return any(requirement.marker.evaluate({**system, "python_version": version, "python_full_version": f"{version}.0",
                                            "extra": ""})
               for system in SYSTEMS for version in PYTHONS)


def _only_for_extras(requirement: Requirement) -> bool:
    """A dependency of an optional feature ("extra"), which the notebook does not ask for."""
    return "extra" in str(requirement.marker)
