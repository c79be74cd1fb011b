"""Check that every course and module follows the module contract.

Usage: python scripts/check_modules.py [PATH ...]

With no PATH it checks the whole repository: course1/ to course3/, the bibliography, the
glossary, and the citations in docs/. Given files or folders (as pre-commit does), it checks
those, plus the folder layout of the courses they belong to.

Each problem is printed as `path:line:column: CODE message. Fix: ...`. The codes and their
fixes are listed on docs/instructors/checker-codes.md. Exit status: 0 no problems, 1 problems
found, 2 the check could not run. The checker never changes a file.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pacer import model
from pacer.model import consent
from pacer.checks import Context, cues, data, layout, learning, notebooks, pages
from pacer.paths import COURSES, ROOT, is_notebook
from pacer.report import EXIT_CANNOT_RUN, Problem, emit
from pacer.rules import problem

DATA_SUFFIXES = {".txt", ".yml", ".yaml", ".csv"}


class CannotRun(Exception):
    """The check cannot start (for example a path that does not exist)."""


def check_course_file(context: Context, path: Path) -> None:
    """Dispatch a file of a course to the checks for its kind."""
    suffix = path.suffix.lower()
    if suffix == ".md":
        page = context.curriculum.source(path.resolve())
        if context.curriculum.page(page.shown) is None:  # a page the model does not hold (in a misnamed folder)
            context.problems += page.problems + model.reference_problems(page, context.bibliography)
        if page.text is None:
            return
        pages.check_body(context, page)
        if page.kind == "module":
            learning.check_learning_loop(context, page)
        learning.check_facilitator_blocks(context, page)
    elif is_notebook(path):
        notebooks.check_notebook(context, path)
    elif suffix == ".ipynb":
        notebooks.check_ipynb(context, path)
    elif suffix in DATA_SUFFIXES:
        data.check_data(context, path)


def _files_in(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and not any(model.hidden(part) for part in p.relative_to(folder).parts))


def run(root: Path, paths: list[Path]) -> list[Problem]:
    root = root.resolve()
    context = Context(root, model.load(root))  # every course page read once, front matter checked
    targets = [p.resolve() for p in paths] or [root]
    for target in targets:
        if not target.exists():
            raise CannotRun(f"no such file or folder: {target}")
        if target != root and root not in target.parents:
            raise CannotRun(f"{target} is not inside the repository {root}")
    courses, course_files, docs_pages, docs_files = set(), [], [], []
    check_bib = check_glossary = consent_items = False
    data = root / "docs" / "_data"
    for target in targets:
        if target == root:
            courses.update(COURSES)
            files = [f for c in COURSES if (root / c).is_dir() for f in _files_in(root / c)]
            files += _files_in(root / "docs") if (root / "docs").is_dir() else []
            check_bib = check_glossary = consent_items = True
        else:
            files = _files_in(target) if target.is_dir() else [target]
        for file in files:
            parts = file.relative_to(root).parts
            if parts[0] in COURSES:
                courses.add(parts[0])
                course_files.append(file)
            elif file == data / "bibliography.yml":
                check_bib = True
            elif file == data / "glossary.yml":
                check_glossary = True
            elif file == root / consent.ITEMS:
                consent_items = True
            elif parts[0] == "docs":
                docs_files.append(file)  # its name and type are checked (model: safety/published.py)
                if file.suffix == ".md" and data not in file.parents:
                    docs_pages.append(file)
        if target.is_dir() and target.relative_to(root).parts[:1] in [(c,) for c in COURSES]:
            courses.add(target.relative_to(root).parts[0])
    for course in sorted(courses):
        layout.check_course_layout(context, course)
    if courses:
        cue_problems = []
        cues.check_cues(Context(root, context.curriculum, cue_problems))
        context.problems += [p for p in cue_problems if p.path.split("/")[0] in courses]
    links = {p for p in course_files + docs_pages if p.is_symlink()} | {p for p in targets if p.is_symlink()}
    for link in sorted(links):
        context.problems.append(problem(context.shown(link), 1, "MOD015", "this is a symbolic link"))
    selected = {context.shown(f) for f in course_files + docs_files} | ({consent.ITEMS, consent.SCRIPT} if consent_items else set())
    context.problems += [p for p in context.curriculum.problems if p.path in selected]
    for file in sorted(set(course_files) - links):
        check_course_file(context, file)
    for page in sorted(set(docs_pages) - links):
        pages.check_docs_page(context, page)
    if check_bib or course_files or docs_pages:
        # Broken bibliography entries make every citation doubtful: always report them.
        context.problems += context.curriculum.bibliography.problems
    if check_glossary:
        context.problems += context.curriculum.glossary.problems
    return context.problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="check_modules.py", description=__doc__.split("\n\n")[0],
        epilog="Codes and fixes: docs/instructors/checker-codes.md. Exit status: 0 clean, 1 problems, 2 could not run.")
    parser.add_argument("paths", nargs="*", type=Path, help="files or folders to check (default: the whole repository)")
    parser.add_argument("--root", type=Path, default=ROOT, help="the repository to check (default: this one)")
    parser.add_argument("--cue-report", action="store_true",
                        help="also print, per course, what guessing without reading would score on the self-checks")
    args = parser.parse_args(argv)
    try:
        if not args.root.is_dir():
            raise CannotRun(f"the repository folder {args.root} does not exist")
        problems = run(args.root, args.paths)
    except CannotRun as error:
        print(f"check_modules: cannot run: {error}", file=sys.stderr)
        return EXIT_CANNOT_RUN
    except Exception as error:  # a bug in the checker: say so in one line, never a traceback
        print(f"check_modules: cannot run: internal error {type(error).__name__}: {error}. "
              "Please report this with the file you were checking.", file=sys.stderr)
        return EXIT_CANNOT_RUN
    status = emit(problems)
    if args.cue_report:
        print(cues.strategy_report(model.load(args.root.resolve())))
    return status


if __name__ == "__main__":
    sys.exit(main())
