"""The one model of the curriculum: courses, modules, their pages, notebooks and data.

Everything that needs to know what a module folder is, or what a page's front matter says,
asks this model: the MkDocs plugin (navigation, module headers, course tables, print pages),
the module checker, the scaffold (``new_module.py``) and the tests. ``load`` reads every
source once and keeps the problems it found, with file, line and code, for the checker and
the build to report. Each Markdown page is read and parsed once per process (pages.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from pacer.model import bibliography as bib
from pacer.model import consent
from pacer.model import glossary as gloss
from pacer.model import learning, pages, workbook
from pacer.model.blocks import FACILITATOR_HEADER
from pacer.model.frontmatter import line_of
from pacer.model.pages import Page
from pacer.paths import COURSES, is_notebook
from pacer.report import Problem
from pacer.safety import bounds, published
from pacer.rules import problem

# The one definition of a module folder: two digits, a hyphen, lower-case words joined by
# single hyphens. A folder that starts with digits but breaks this is a misnamed module.
MODULE_FOLDER = re.compile(r"^(?P<number>\d\d)-[a-z0-9]+(?:-[a-z0-9]+)*$")
NUMBERED = re.compile(r"^(?P<number>\d+)-")
SKIPPED_PARTS = {"__pycache__", ".ipynb_checkpoints"}
SNIPPETS = "docs/_snippets"

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
class Module:
    course: str
    folder: Path
    number: int
    page: Page | None                # None when the folder has no index.md
    pages: list[Page] = field(default_factory=list)      # worked examples and other pages
    notebooks: list[Path] = field(default_factory=list)
    data: list[Path] = field(default_factory=list)

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
    def parts(self) -> list[learning.Part]:
        return self.page.scan.parts if self.page else []

    @property
    def self_checks(self) -> list[learning.SelfCheck]:
        return self.page.scan.self_checks if self.page else []

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
    pages: dict[str, Page] = field(default_factory=dict)     # every page read, by its repository path

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

    def page(self, shown: str) -> Page | None:
        """The page the model read from ``shown`` ('course2/01-interviewing/index.md', 'docs/index.md')."""
        return self.pages.get(shown)

    def source(self, path: Path) -> Page:
        """The page at ``path``: the one the model read, or one it does not hold (in a folder
        that is not a module's, say) read now, the same way."""
        path = Path(path).resolve()
        return self.page(self.shown(path)) or read_page(self.root, path)

    def read(self, path: Path, kind: str) -> Page:
        """Read a page into the model, with its problems."""
        page = read_page(self.root, path, kind)
        self.pages[page.shown] = page
        self.problems += page.problems + reference_problems(page, self.bibliography)
        return page


def kind_of(root: Path, path: Path) -> str:
    """A Markdown page's kind, from where it is: which front matter it has (contract.schema_for)."""
    parts = Path(path).relative_to(root).parts
    if parts[0] == "docs":
        template = len(parts) == 3 and parts[1] == workbook.SITE_FOLDER and parts[2] != "index.md"
        return "template" if template else "site"
    if parts[-1] == "index.md" and len(parts) in (2, 3):
        return "course" if len(parts) == 2 else "module"
    return "page"


def read_page(root: Path, path: Path, kind: str | None = None) -> Page:
    """A Markdown page of the repository at ``root``, parsed once per process (pages.read)."""
    path = Path(path)
    return pages.read(path, path.relative_to(root).as_posix(), kind or kind_of(root, path))


def reference_problems(page: Page, bibliography) -> list[Problem]:
    """The front matter's `references` that are not keys in the bibliography."""
    keys = page.front_matter.get("references")
    return [problem(page.shown, line_of(page.lines, ("references", index)), "MOD201", f"`{key}` is not a key in the bibliography")
            for index, key in enumerate(keys if isinstance(keys, list) else [])
            if isinstance(key, str) and key not in bibliography]


def snippet_problems(root: Path, page: Page) -> list[Problem]:
    """Snippets come only from docs/_snippets/ (nothing else in the repository is published)."""
    folder = (Path(root) / SNIPPETS).resolve()
    found = []
    for snippet in page.scan.snippets:
        target = folder / snippet.name
        if target.is_symlink() or folder not in target.resolve().parents or not target.is_file():
            found.append(problem(page.shown, page.body_line + snippet.line, "MOD407",
                                 f"the snippet \"{snippet.name}\" is not a file in docs/_snippets/"))
    return found


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
        course = Course(name, folder, curriculum.read(index_path, "course") if index_path.is_file() else None)
        curriculum.courses[name] = course
        for child in sorted(folder.iterdir()):
            if hidden(child.name):
                continue
            if child.is_symlink():
                curriculum.symlinks.append(child)
                continue
            if child.is_file():
                if child.suffix == ".md" and child.name != "index.md":
                    course.pages.append(curriculum.read(child, "page"))
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
    curriculum.consent_items, found = consent.load(root, bibliography, curriculum.page(consent.SCRIPT))
    problems += found
    curriculum.site_pages = _read_site_pages(root, curriculum)
    pages_read = {page.path for page in curriculum.pages.values()}
    for top in ("docs", *COURSES):
        if (root / top).is_dir():
            files = _files(root / top)
            curriculum.symlinks += [p for p in files if p.is_symlink() and p not in curriculum.symlinks]
            files = [p for p in files if not p.is_symlink()]
            # the pages read above checked their own shape (safety/bounds.py); snippets and the rest here
            problems += published.problems(root, files) + bounds.problems(root, [p for p in files if p not in pages_read])
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
    return [curriculum.read(path, "site")
            for path in _files(folder) if path.suffix == ".md" and not path.is_symlink() and path not in templates
            and not path.relative_to(folder).parts[0].startswith("_")] if folder.is_dir() else []


def _read_module(root: Path, course: str, folder: Path, curriculum: Curriculum) -> Module:
    index = folder / "index.md"
    page = curriculum.read(index, "module") if index.is_file() and not index.is_symlink() else None
    module = Module(course, folder, int(folder.name[:2]), page)
    for path in _files(folder):
        if path.is_symlink():
            continue  # reported once for the whole tree
        if path == index:
            continue
        if path.suffix == ".md":
            module.pages.append(curriculum.read(path, "page"))
        elif is_notebook(path):
            module.notebooks.append(path)
        elif path.suffix.lower() in {".txt", ".yml", ".yaml", ".csv"}:
            module.data.append(path)
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
        page = read_page(root, path, "template")
        curriculum.pages[page.shown] = page
        found = page.problems + reference_problems(page, curriculum.bibliography)
        if page.text is not None and page.has_front_matter:
            found += workbook.check(page, set(modules))
        curriculum.problems += found
        templates.append(Template(page, ok=page.text is not None and not found))

    def order(template: Template):
        taught = [modules[k] for k in template.modules if k in modules]
        first = min(((m.course, m.number) for m in taught), default=("course9", 99))
        return (*first, template.title.casefold())
    return sorted(templates, key=order)
