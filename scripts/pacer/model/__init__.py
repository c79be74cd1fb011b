"""The one model of the curriculum: courses, modules, their pages, notebooks and data.

Everything that needs to know what a module folder is, or what a page's front matter says,
asks this model: the MkDocs plugin (navigation, module headers, course tables, print pages),
the module checker, the scaffold (``new_module.py``) and the tests. ``load`` reads every
source once and keeps the problems it found, with file, line and code, for the checker and
the build to report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from pacer.model import bibliography as bib
from pacer.model import consent
from pacer.model import glossary as gloss
from pacer.model import learning, schema, workbook
from pacer.model.blocks import FACILITATOR_HEADER
from pacer.model.contract import schema_for
from pacer.model.pages import Loaded, line_of, load as load_page
from pacer.paths import COURSES, is_notebook
from pacer.report import Problem
from pacer.safety import bounds, published
from pacer.rules import problem

# The one definition of a module folder: two digits, a hyphen, lower-case words joined by
# single hyphens. A folder that starts with digits but breaks this is a misnamed module.
MODULE_FOLDER = re.compile(r"^(?P<number>\d\d)-[a-z0-9]+(?:-[a-z0-9]+)*$")
NUMBERED = re.compile(r"^(?P<number>\d+)-")
SKIPPED_PARTS = {"__pycache__", ".ipynb_checkpoints"}
MAX_PAGE_BYTES = 300_000  # a Markdown page larger than this is almost surely a mistake

FOLDER_MODULE, FOLDER_MISNAMED, FOLDER_OTHER = "module", "misnamed", "other"


def classify_folder(name: str) -> str:
    """What a folder directly inside a course is: a module, a misnamed module, or other."""
    if MODULE_FOLDER.match(name):
        return FOLDER_MODULE
    if NUMBERED.match(name):
        return FOLDER_MISNAMED
    return FOLDER_OTHER


def hidden(part: str) -> bool:
    return part.startswith(".") or part in SKIPPED_PARTS


@dataclass
class Page:
    """A Markdown page of a course: its kind, front matter (valid part) and body."""
    path: Path
    shown: str          # repository path with forward slashes
    kind: str           # "course", "module" or "page"
    loaded: Loaded | None
    meta: dict          # the front-matter keys whose values pass the contract

    @property
    def title(self) -> str | None:
        title = self.meta.get("title")
        return " ".join(str(title).split()) if title else None


@dataclass
class Module:
    course: str
    folder: Path
    number: int
    page: Page | None                # None when the folder has no index.md
    pages: list[Page] = field(default_factory=list)      # worked examples and other pages
    notebooks: list[Path] = field(default_factory=list)
    data: list[Path] = field(default_factory=list)
    parts: list[learning.Part] = field(default_factory=list)
    self_checks: list[learning.SelfCheck] = field(default_factory=list)

    @property
    def key(self) -> str:
        """The module's identity on the site and in the browser: 'course2/01-interviewing'."""
        return f"{self.course}/{self.folder.name}"

    @property
    def src(self) -> str:
        return f"{self.key}/index.md"

    @property
    def meta(self) -> dict:
        return self.page.meta if self.page else {}

    @property
    def title(self) -> str:
        return (self.page.title if self.page else None) or self.folder.name

    @property
    def duration(self) -> int:
        return int(self.meta.get("duration", 0))


@dataclass
class Course:
    name: str
    folder: Path
    index: Page | None
    modules: list[Module] = field(default_factory=list)
    pages: list[Page] = field(default_factory=list)       # other pages at the course's top level
    notebooks: list[Path] = field(default_factory=list)

    @property
    def title(self) -> str:
        return (self.index.title if self.index else None) or self.name

    @property
    def module_minutes(self) -> int:
        return sum(module.duration for module in self.modules)


@dataclass
class Template:
    """A workbook template (docs/workbook/NAME.md): a page, and the files the build makes from it."""
    page: Page
    ok: bool            # no problem stops it from being converted

    @property
    def slug(self) -> str:
        return self.page.path.stem

    @property
    def src(self) -> str:
        """The page as MkDocs knows it: 'workbook/consent-script.md'."""
        return f"{workbook.SITE_FOLDER}/{self.page.path.name}"

    @property
    def meta(self) -> dict:
        return self.page.meta

    @property
    def title(self) -> str:
        return self.page.title or self.slug

    @property
    def modules(self) -> list[str]:
        return list(self.meta.get("modules") or [])

    @property
    def formats(self) -> list[str]:
        return list(self.meta.get("formats") or [])

    @property
    def columns(self) -> list[dict]:
        return list(self.meta.get("columns") or []) if self.ok else []

    @property
    def courses(self) -> list[str]:
        return sorted({key.split("/")[0] for key in self.modules})


@dataclass
class Curriculum:
    root: Path
    courses: dict[str, Course]
    bibliography: bib.Bibliography
    glossary: gloss.Glossary
    problems: list[Problem] = field(default_factory=list)
    misnamed: list[Path] = field(default_factory=list)    # numbered folders that break NN-slug
    symlinks: list[Path] = field(default_factory=list)
    templates: list[Template] = field(default_factory=list)  # the workbook, in teaching order
    consent_items: list = field(default_factory=list)        # what consent information includes (consent.py)
    site_pages: list[Page] = field(default_factory=list)     # docs/ pages other than the workbook's templates

    def shown(self, path: Path) -> str:
        try:
            return Path(path).relative_to(self.root).as_posix()
        except ValueError:
            return Path(path).as_posix()

    @property
    def modules(self) -> list[Module]:
        return [module for course in self.courses.values() for module in course.modules]

    def module(self, src: str) -> Module | None:
        """The module whose page is ``src`` ('course2/01-interviewing/index.md')."""
        return next((m for m in self.modules if m.src == src), None)

    def module_of(self, src: str) -> Module | None:
        """The module a file belongs to (its page, a worked example, a notebook)."""
        return next((m for m in self.modules if src.startswith(m.key + "/")), None)

    def template(self, src: str) -> Template | None:
        """The workbook template whose page is ``src`` ('workbook/consent-script.md')."""
        return next((t for t in self.templates if t.src == src), None)

    def templates_for(self, module: Module) -> list[Template]:
        return [t for t in self.templates if module.key in t.modules]

    def page(self, src: str) -> Page | None:
        for course in self.courses.values():
            candidates = ([course.index] if course.index else []) + course.pages
            for module in course.modules:
                candidates += ([module.page] if module.page else []) + module.pages
            for page in candidates:
                if page.shown == src:
                    return page
        return None


def read_page(root: Path, path: Path, kind: str, problems: list[Problem], bibliography=None) -> Page:
    shown = path.relative_to(root).as_posix()
    size = path.stat().st_size
    if size > MAX_PAGE_BYTES:
        problems.append(problem(shown, 1, "MOD014", f"the page is {size // 1000} KB (at most {MAX_PAGE_BYTES // 1000} KB)"))
        return Page(path, shown, kind, None, {})
    loaded, found = load_page(path, shown)
    problems += found
    if loaded is None:
        return Page(path, shown, kind, None, {})
    schema_ = schema_for(kind)
    if not loaded.has_front_matter:
        if kind == "site":  # the site's own pages may do without front matter
            return Page(path, shown, kind, loaded, {})
        problems.append(problem(shown, 1, "MOD004", "the page has no front matter"))
    else:
        problems += schema.check(loaded.meta, schema_, loaded.lines, shown,
                                 code_for_keys="MOD801" if kind == "template" else None)
        keys = loaded.meta.get("references")
        problems += [problem(shown, line_of(loaded.lines, ("references", index)), "MOD201", f"`{key}` is not a key in the bibliography")
                     for index, key in enumerate(keys if isinstance(keys, list) else [])
                     if isinstance(key, str) and bibliography is not None and key not in bibliography]
    return Page(path, shown, kind, loaded, schema.valid_part(loaded.meta, schema_))


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*")
                  if not any(hidden(part) for part in p.relative_to(folder).parts) and (p.is_file() or p.is_symlink()))


def load(root: Path) -> Curriculum:
    """Read the whole curriculum under ``root`` once."""
    root = Path(root).resolve()
    data = root / "docs" / "_data"
    bibliography = bib.load(data / "bibliography.yml", "docs/_data/bibliography.yml")
    glossary = gloss.load(data / "glossary.yml", "docs/_data/glossary.yml")
    curriculum = Curriculum(root, {}, bibliography, glossary)
    problems = curriculum.problems
    for name in COURSES:
        folder = root / name
        index_path = folder / "index.md"
        if not folder.is_dir():
            curriculum.courses[name] = Course(name, folder, None)
            continue
        course = Course(name, folder, read_page(root, index_path, "course", problems, bibliography) if index_path.is_file() else None)
        curriculum.courses[name] = course
        for child in sorted(folder.iterdir()):
            if hidden(child.name):
                continue
            if child.is_symlink():
                curriculum.symlinks.append(child)
                continue
            if child.is_file():
                if child.suffix == ".md" and child.name != "index.md":
                    course.pages.append(read_page(root, child, "page", problems, bibliography))
                elif is_notebook(child):
                    course.notebooks.append(child)
                continue
            kind = classify_folder(child.name)
            if kind == FOLDER_MISNAMED:
                curriculum.misnamed.append(child)
            if kind != FOLDER_MODULE:
                continue
            course.modules.append(_read_module(root, name, child, curriculum))
    curriculum.templates = _read_templates(root, curriculum)
    curriculum.consent_items, found = consent.load(root, bibliography)
    problems += found
    curriculum.site_pages = _read_site_pages(root, curriculum)
    for top in ("docs", *COURSES):
        if (root / top).is_dir():
            files = _files(root / top)
            curriculum.symlinks += [p for p in files if p.is_symlink() and p not in curriculum.symlinks]
            files = [p for p in files if not p.is_symlink()]
            problems += published.problems(root, files) + bounds.problems(root, files)
            problems += _notebooks_with_facilitator_blocks(root, files)
    return curriculum


def _notebooks_with_facilitator_blocks(root: Path, files: list[Path]) -> list[Problem]:
    found = []
    for path in files:
        if is_notebook(path):
            text = path.read_text(encoding="utf-8", errors="replace")
            notes = FACILITATOR_HEADER.search(text)
            if notes:
                found.append(problem(path.relative_to(root).as_posix(), text[:notes.start()].count("\n") + 1, "MOD018",
                                     "the notebook holds a facilitator block"))
    return found


def _read_site_pages(root: Path, curriculum: Curriculum) -> list[Page]:
    """The front matter of docs/ pages: MkDocs reads it too, so it is checked (and refused when
    unsafe) before MkDocs does."""
    templates = {template.page.path for template in curriculum.templates}
    folder = root / "docs"
    return [read_page(root, path, "site", curriculum.problems, curriculum.bibliography)
            for path in _files(folder) if path.suffix == ".md" and not path.is_symlink() and path not in templates
            and not path.relative_to(folder).parts[0].startswith("_")] if folder.is_dir() else []


def _read_module(root: Path, course: str, folder: Path, curriculum: Curriculum) -> Module:
    problems = curriculum.problems
    index = folder / "index.md"
    page = read_page(root, index, "module", problems, curriculum.bibliography) if index.is_file() and not index.is_symlink() else None
    module = Module(course, folder, int(folder.name[:2]), page)
    for path in _files(folder):
        if path.is_symlink():
            continue  # reported once for the whole tree
        if path == index:
            continue
        if path.suffix == ".md":
            module.pages.append(read_page(root, path, "page", problems, curriculum.bibliography))
        elif is_notebook(path):
            module.notebooks.append(path)
        elif path.suffix.lower() in {".txt", ".yml", ".yaml", ".csv"}:
            module.data.append(path)
    if page is not None and page.loaded is not None:
        module.parts = learning.parts(page.loaded.body)
        learning.describe_contents(page.loaded.body, module.parts)
        module.self_checks = learning.self_checks(page.loaded.body)
    return module


def _read_templates(root: Path, curriculum: Curriculum) -> list[Template]:
    """The workbook's templates, ordered by the first module that teaches each, then by title."""
    folder = root / workbook.FOLDER
    if not folder.is_dir():
        return []
    modules = {m.key: m for m in curriculum.modules}
    templates = []
    for path in sorted(folder.glob("*.md")):
        if path.name == "index.md" or path.is_symlink():
            continue
        found: list[Problem] = []
        page = read_page(root, path, "template", found, curriculum.bibliography)
        if page.loaded is not None and page.loaded.has_front_matter:
            found += workbook.check(page.shown, page.loaded, page.meta, set(modules))
        curriculum.problems += found
        templates.append(Template(page, ok=page.loaded is not None and not found))

    def order(template: Template):
        taught = [modules[k] for k in template.modules if k in modules]
        first = min(((m.course, m.number) for m in taught), default=("course9", 99))
        return (*first, template.title.casefold())
    return sorted(templates, key=order)
