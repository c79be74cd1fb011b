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
import json
import re
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

from pacer import bibliography as bib
from pacer import blocks, citations, contract, learning, model, sanitize, site
from pacer.rules import problem
from pacer.pages import Loaded, line_of, load, read_text
from pacer.paths import COURSES, ROOT, is_notebook
from pacer.report import EXIT_CANNOT_RUN, Problem, emit

SKIPPED_PARTS = {"__pycache__", ".ipynb_checkpoints"}
DATA_SUFFIXES = {".txt", ".yml", ".yaml", ".csv"}
VAGUE_LINK_TEXT = {"click here", "here", "this link", "read more", "link"}
# The numbers of the crisis lines in docs/_snippets/crisis-lines.md (the one place they are typed).
CRISIS_NUMBER = re.compile(r"9[-‑ ]?8[-‑ ]?8(?![\d-])|855[-‑ ]?242[-‑ ]?3310|hopeforwellness\.ca", re.IGNORECASE)
MARKER_LINE = re.compile(r"^\s*<!--\s*generated:")
CRISIS_BLOCK = "docs/_snippets/crisis-lines.md"
# What the sanitizer removes that could run code or load another page: MOD405; the rest MOD406.
RUNS_CODE = re.compile(r"<(script|iframe|object|embed|frame|frameset|applet)>|the on[a-z]+ attribute|javascript|vbscript|data:",
                       re.IGNORECASE)
MARKDOWN_JAVASCRIPT_LINK = re.compile(r"\]\(\s*<?\s*javascript\s*:", re.IGNORECASE)
IMG_TAG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
ALT_ATTRIBUTE = re.compile(r"""\balt\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
SRC_ATTRIBUTE = re.compile(r"""\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
OTHER_HOST = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)

# Personal details in data files. Written to catch real-looking details and little else.
MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
PERSONAL_DETAILS = [
    ("MOD602", "an email address", re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")),
    ("MOD603", "a phone number", re.compile(r"(?<![\w-])(?:\+?1[ .-]?)?(?:\(\d{3}\)\s?|\d{3}[ .-])\d{3}[ .-]\d{4}(?![\w-])")),
    ("MOD604", "a health number", re.compile(
        r"(?<![\w-])(?:\d{5}-\d{4}|\d{4}[- ]\d{3}[- ]\d{3}(?:[- ]?[A-Z]{2})?|\d{9,10})(?![\w-])"
        r"|\b(?:PHN|OHIP|AHCIP|MSP|health[ -](?:card|number))\b\W{0,5}(?:no\.?|number|#)?\W{0,3}\d", re.IGNORECASE)),
    ("MOD605", "a postal code", re.compile(r"\b[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z][ -]?\d[ABCEGHJ-NPRSTV-Z]\d\b")),
    ("MOD606", "a date of birth", re.compile(
        r"\b(?:date[ _]of[ _]birth|birth[ _]?date|d\.?o\.?b)\b\W{0,3}.{0,12}?\d"
        rf"|\bborn(?: on)? (?:\d{{1,2}} {MONTH},? \d{{4}}|{MONTH} \d{{1,2}},? \d{{4}}|\d{{4}}-\d\d-\d\d|\d{{1,2}}/\d{{1,2}}/\d{{2,4}})",
        re.IGNORECASE)),
]
BIRTH_COLUMN = re.compile(r"^(?:date[ _]?of[ _]?birth|birth[ _]?date|dob)$", re.IGNORECASE)


class CannotRun(Exception):
    """The check cannot start (for example a path that does not exist)."""


class Checker:
    def __init__(self, root: Path):
        self.root = root.resolve()
        self.problems: list[Problem] = []
        self.curriculum = model.load(self.root)  # every course page read once, front matter checked
        self.pages = {page.path: page for page in _all_pages(self.curriculum)}

    # --- helpers
    def shown(self, path: Path) -> str:
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    @property
    def bibliography(self):
        return self.curriculum.bibliography

    def check_bibliography(self) -> None:
        self.problems += self.bibliography.problems

    def check_glossary(self) -> None:
        self.problems += self.curriculum.glossary.problems

    # --- courses and folders
    def check_course_layout(self, course: str) -> None:
        folder = self.root / course
        if not folder.is_dir():
            self.problems.append(problem(course, 1, "MOD105", f"the course folder {course}/ is missing"))
            return
        if not (folder / "index.md").is_file():
            self.problems.append(problem(f"{course}/index.md", 1, "MOD105", f"{course}/ has no course page index.md"))
        numbers: dict[int, str] = {}
        for child in sorted(p for p in folder.iterdir() if p.is_dir() and not p.is_symlink() and not _hidden(p.name)):
            shown = self.shown(child)
            numbered = model.NUMBERED.match(child.name)
            kind = model.classify_folder(child.name)
            if kind != model.FOLDER_MODULE:
                if kind == model.FOLDER_MISNAMED or (child / "index.md").exists():
                    self.problems.append(problem(shown, 1, "MOD101", f"the folder name \"{child.name}\" is not NN-slug"))
                if not numbered:
                    continue
            number = int(numbered.group(1))
            if number in numbers:
                self.problems.append(problem(shown, 1, "MOD103", f"number {number:02d} is also used by {numbers[number]}"))
            else:
                numbers[number] = child.name
            if not (child / "index.md").is_file():
                self.problems.append(problem(shown, 1, "MOD104", f"the module folder {shown}/ has no index.md"))
        expected = 1
        for number in sorted(numbers):
            if number != expected:
                missing = f"{expected:02d}" if number == expected + 1 else f"{expected:02d} to {number - 1:02d}"
                self.problems.append(problem(self.shown(folder / numbers[number]), 1, "MOD102",
                                             f"module {missing} is missing before {numbers[number]}"))
            expected = number + 1

    def check_course_file(self, path: Path) -> None:
        relative = path.resolve().relative_to(self.root).parts
        suffix = path.suffix.lower()
        if suffix == ".md":
            if len(relative) == 2 and path.name == "index.md":
                self.check_page(path, "course")
            elif len(relative) == 3 and path.name == "index.md":
                self.check_page(path, "module")
            else:
                self.check_page(path, "page")
        elif is_notebook(path):
            self.check_notebook(path)
        elif suffix == ".ipynb":
            self.check_ipynb(path)
        elif suffix in DATA_SUFFIXES:
            self.check_data(path)

    # --- pages
    def check_page(self, path: Path, kind: str) -> None:
        page = self.pages.get(path.resolve())
        if page is None:  # a page the model does not hold (in a misnamed folder): read it alone
            page = model.read_page(self.root, path.resolve(), kind, self.problems, self.bibliography)
        if page.loaded is None:
            return
        self.check_body(page.loaded, page.shown, kind)

    def check_citations(self, loaded: Loaded, shown: str) -> None:
        for citation in citations.find(loaded.body):
            for key in citation.keys:
                line, column = loaded.body_line + citation.line, citation.start + 1
                if key not in self.bibliography:
                    self.problems.append(problem(shown, line, "MOD202", f"[@{key}] is not a key in the bibliography", column))
                elif bib.unverified(self.bibliography.entries[key]):
                    self.problems.append(problem(shown, line, "MOD210", f"[@{key}] is marked unverified", column))
        keys = loaded.meta.get("references")
        for index, key in enumerate(keys if isinstance(keys, list) else []):
            if isinstance(key, str) and key in self.bibliography and bib.unverified(self.bibliography.entries[key]):
                self.problems.append(problem(shown, line_of(loaded.lines, ("references", index)), "MOD210",
                                             f"`{key}` is marked unverified"))

    def check_crisis_lines(self, text: str, shown: str) -> None:
        """Crisis-line numbers live in one block, so a changed number is changed once."""
        for number, line in enumerate(text.splitlines(), 1):
            match = CRISIS_NUMBER.search(line)
            if match and not MARKER_LINE.match(line):
                self.problems.append(problem(shown, number, "MOD408", f"\"{match.group(0)}\" is typed here", match.start() + 1))

    def check_body(self, loaded: Loaded, shown: str, kind: str) -> None:
        at = loaded.body_line  # page line of body line 0
        self.check_citations(loaded, shown)
        self.check_crisis_lines(loaded.text, shown)
        self.check_snippets(loaded.body, shown, at)
        flat, found_blocks = blocks.flatten(loaded.body)
        tokens = blocks.tokens(flat)
        self.check_headings(tokens, shown, at, kind)
        for block in found_blocks:
            if block.kind not in contract.ADMONITIONS:
                self.problems.append(problem(shown, at + block.line, "MOD304",
                                             f"\"{block.kind}\" is not an allowed block type (allowed: {', '.join(contract.ADMONITIONS)})"))
        if kind == "module":
            self.check_module_blocks(found_blocks, tokens, shown, at)
            self.check_learning_loop(loaded, found_blocks, shown, at)
        self.check_facilitator_blocks(loaded.body, found_blocks, shown, at, kind)
        for index, token in enumerate(tokens):
            if token.type == "html_block":
                self.check_html(token.content, shown, at + token.map[0])
            elif token.type == "inline":
                self.check_inline(token, shown, at, Path(shown).parent)
        if kind == "course" and contract.COURSE_MODULES_MARKER not in loaded.body:
            self.problems.append(problem(shown, at, "MOD106", f"the course page has no line {contract.COURSE_MODULES_MARKER}"))

    def check_snippets(self, body: str, shown: str, at: int) -> None:
        """Snippets come only from docs/_snippets/ (nothing else in the repository is published)."""
        context = site.PageContext(src=shown, shown=shown, first_line=at, url=lambda src: None, has_references_page=False)
        try:
            site.check_snippets(body, context, self.curriculum)
        except site.BuildError as error:
            self.problems += error.problems

    def check_headings(self, tokens, shown: str, at: int, kind: str) -> None:
        previous = 1  # the page title is the h1
        for index, token in enumerate(tokens):
            if token.type != "heading_open":
                continue
            level = int(token.tag[1])
            line = at + token.map[0]
            text = tokens[index + 1].content.strip() if index + 1 < len(tokens) else ""
            text = re.sub(r"\s*\{[^}]*\}\s*$", "", text)  # attributes such as { data-minutes="20" }
            if level == 1:
                self.problems.append(problem(shown, line, "MOD305", f"\"# {text}\" is a top-level heading"))
            elif level > previous + 1:
                self.problems.append(problem(shown, line, "MOD307", f"\"{text}\" is a level-{level} heading after level {previous}"))
            if kind == "module" and text.lower().rstrip(":").strip() in contract.GENERATED_SECTIONS:
                self.problems.append(problem(shown, line, "MOD306", f"the heading \"{text}\" repeats what the site shows from the front matter"))
            previous = level

    def check_module_blocks(self, found_blocks, tokens, shown: str, at: int) -> None:
        if not any(block.kind == "activity" for block in found_blocks):
            self.problems.append(problem(shown, at, "MOD301", "the module has no `!!! activity` block"))
        reflections = [block for block in found_blocks if block.kind == "reflection"]
        if not reflections:
            self.problems.append(problem(shown, at, "MOD302", "the module has no `!!! reflection` block"))
        for extra in reflections[1:]:
            self.problems.append(problem(shown, at + extra.line, "MOD302",
                                         f"a second reflection block (the first is on line {at + reflections[0].line})"))
        if reflections:
            block = reflections[0]
            questions = _most_numbered_items(tokens, block.line, block.end)
            if questions < 3:
                self.problems.append(problem(shown, at + block.line, "MOD303",
                                             f"the reflection block has {questions} numbered question{'s' if questions != 1 else ''}"))

    def check_learning_loop(self, loaded: Loaded, found_blocks, shown: str, at: int) -> None:
        """Self-checks, a model answer after every activity, and parts that add up (learning.py)."""
        for line, title in learning.activities_without_answer(loaded.body):
            self.problems.append(problem(shown, at + line, "MOD310", f"the activity \"{title}\" has no answer block after it"))
        checks = learning.self_checks(loaded.body)
        if len(checks) < learning.MIN_SELF_CHECKS:
            self.problems.append(problem(shown, at, "MOD311", f"the module has {len(checks)} self-check question{'s' if len(checks) != 1 else ''}"))
        for check in checks:
            self.problems += [problem(shown, at + line, code, detail) for line, code, detail in check.problems]
        parts = learning.parts(loaded.body)
        for part in parts:
            if part.minutes is None:
                written = f" (\"{part.minutes_text}\" is not a number of minutes)" if part.minutes_text else ""
                self.problems.append(problem(shown, at + part.line, "MOD317", f"the part \"{part.title}\" has no time{written}"))
            elif part.minutes > learning.MAX_PART_MINUTES:
                self.problems.append(problem(shown, at + part.line, "MOD318", f"the part \"{part.title}\" takes {part.minutes} minutes (at most {learning.MAX_PART_MINUTES})"))
        duration = loaded.meta.get("duration")
        total = sum(part.minutes or 0 for part in parts)
        if isinstance(duration, int) and duration > 0 and abs(total - duration) > duration * learning.DURATION_TOLERANCE:
            self.problems.append(problem(shown, at, "MOD319", f"the parts add up to {total} minutes, but `duration:` is {duration}"))

    def check_facilitator_blocks(self, body: str, found_blocks, shown: str, at: int, kind: str) -> None:
        """Facilitator notes: one top-level block per module, never nested (the learner view drops it whole)."""
        lines = body.split("\n")
        facilitator = [b for b in found_blocks if b.kind == "facilitator"]
        for block in facilitator:
            if lines[block.line].startswith((" ", "\t")):
                self.problems.append(problem(shown, at + block.line, "MOD702", "this facilitator block is indented inside another block"))
        for index, line in enumerate(lines):
            if re.match(r"^\s*(?:!!!|\?\?\?\+?)\s*facilitator\b", line, re.IGNORECASE) and not blocks.ADMONITION.match(line.strip()):
                self.problems.append(problem(shown, at + index, "MOD703", "the facilitator block's first line cannot be read"))
        if kind == "module" and not facilitator:
            self.problems.append(problem(shown, at, "MOD701", "the module has no `??? facilitator` block"))

    def check_inline(self, token, shown: str, at: int, page_folder: Path) -> None:
        children = token.children or []
        masked = citations.mask_inline_code(token.content)
        if MARKDOWN_JAVASCRIPT_LINK.search(masked):
            line = at + (token.map[0] if token.map else 0) + masked[: MARKDOWN_JAVASCRIPT_LINK.search(masked).start()].count("\n")
            self.problems.append(problem(shown, line, "MOD405", "a link goes to a javascript: address"))
        line = at + (token.map[0] if token.map else 0)
        for index, child in enumerate(children):
            if child.type in ("softbreak", "hardbreak"):
                line += 1
                continue
            if child.type == "image":
                self.check_image(child.attrGet("src") or "", child.content, shown, line, page_folder)
            elif child.type == "link_open":
                text = _link_text(children, index)
                if text in VAGUE_LINK_TEXT:
                    self.problems.append(problem(shown, line, "MOD403", f"the link text \"{text}\" does not say where it goes"))
            elif child.type == "html_inline":
                self.check_html(child.content, shown, line)
                line += child.content.count("\n")

    def check_image(self, src: str, alt: str | None, shown: str, line: int, page_folder: Path) -> None:
        if not (alt or "").strip():
            self.problems.append(problem(shown, line, "MOD402", f"the image {src} has no alt text"))
        if OTHER_HOST.match(src.strip()):
            self.problems.append(problem(shown, line, "MOD404", f"the image {src} is loaded from another website"))
            return
        parts = urlsplit(src.strip())
        if parts.scheme or not parts.path:
            return
        target = self.root / page_folder / unquote(parts.path)
        if not target.exists():
            self.problems.append(problem(shown, line, "MOD401", f"the image file {unquote(parts.path)} does not exist"))

    def check_html(self, html: str, shown: str, first_line: int) -> None:
        """Raw HTML: what the site's sanitizer would remove, found with the same allowlist."""
        for removal in sanitize.removed(html):
            if removal.what.startswith("the markdown attribute"):  # md_in_html's instruction, used by Markdown
                continue
            code = "MOD405" if RUNS_CODE.search(removal.what) else "MOD406"
            self.problems.append(problem(shown, first_line, code, f"raw HTML with {removal.what}: the site removes it"))
        for match in IMG_TAG.finditer(html):
            line = first_line + html[: match.start()].count("\n")
            alt = ALT_ATTRIBUTE.search(match.group(0))
            src = SRC_ATTRIBUTE.search(match.group(0))
            source = next((g for g in src.groups() if g is not None), "") if src else ""
            text = next((g for g in alt.groups() if g is not None), "") if alt else ""
            self.check_image(source, text, shown, line, Path(shown).parent)

    # --- notebooks
    def check_notebook(self, path: Path) -> None:
        shown = self.shown(path)
        text, problems = read_text(path, shown)
        self.problems += problems
        if text is None:
            return
        if not text.strip():
            self.problems.append(problem(shown, 1, "MOD002", "the notebook is empty"))
            return
        try:
            compile(text, shown, "exec", dont_inherit=True)
        except SyntaxError as error:
            self.problems.append(problem(shown, error.lineno or 1, "MOD501", f"Python cannot read it ({error.msg})", error.offset or 1))
            return
        except ValueError as error:  # e.g. a NUL byte
            self.problems.append(problem(shown, 1, "MOD501", f"Python cannot read it ({error})"))
            return
        import jupytext  # imported here: it is slow to load and only notebooks need it

        try:
            notebook = jupytext.reads(text, fmt="py:percent")
        except Exception as error:  # jupytext raises many types; all mean "cannot read"
            self.problems.append(problem(shown, 1, "MOD501", f"jupytext cannot read it ({error})"))
            return
        self.check_first_cell(notebook.cells, shown)

    def check_first_cell(self, cells, shown: str) -> None:
        first = cells[0] if cells else None
        source = (first.get("source", "") if first else "") or ""
        if isinstance(source, list):
            source = "".join(source)
        title_line = next((line for line in source.splitlines() if line.strip()), "")
        if first is None or first.get("cell_type") != "markdown" or not re.match(r"^#\s+\S", title_line):
            self.problems.append(problem(shown, 1, "MOD502", "the first cell is not Markdown starting with a `# Title` line"))

    def check_ipynb(self, path: Path) -> None:
        shown = self.shown(path)
        text, problems = read_text(path, shown)
        self.problems += problems
        if text is None:
            return
        try:
            notebook = json.loads(text)
        except json.JSONDecodeError as error:
            self.problems.append(problem(shown, error.lineno, "MOD501", f"the notebook is not valid JSON ({error.msg})", error.colno))
            return
        cells = notebook.get("cells") if isinstance(notebook, dict) else None
        if not isinstance(cells, list) or not all(isinstance(c, dict) for c in cells):
            self.problems.append(problem(shown, 1, "MOD501", "the notebook has no list of cells"))
            return
        self.check_first_cell(cells, shown)
        error_lines = [n for n, line in enumerate(text.splitlines(), 1) if re.search(r'"output_type"\s*:\s*"error"', line)]
        for number, cell in enumerate(cells, 1):
            for output in cell.get("outputs") or []:
                if isinstance(output, dict) and output.get("output_type") == "error":
                    line = error_lines.pop(0) if error_lines else 1
                    self.problems.append(problem(shown, line, "MOD503", f"cell {number} shows the error {output.get('ename', '')}".rstrip()))

    # --- synthetic data
    def check_data(self, path: Path) -> None:
        shown = self.shown(path)
        text, problems = read_text(path, shown)
        self.problems += problems
        if text is None:
            return
        first = next((line.strip() for line in text.splitlines() if line.strip()), "")
        suffix = path.suffix.lower()
        if suffix == ".txt" and not first.upper().startswith("SYNTHETIC DATA"):
            self.problems.append(problem(shown, 1, "MOD601", "the text file does not start with SYNTHETIC DATA"))
        elif suffix in (".yml", ".yaml") and not re.match(r"^#\s*SYNTHETIC DATA", first, re.IGNORECASE):
            self.problems.append(problem(shown, 1, "MOD601", "the YAML file does not start with `# SYNTHETIC DATA`"))
        elif suffix == ".csv" and not _labelled_folder(path.parent):
            self.problems.append(problem(shown, 1, "MOD601", f"there is no ABOUT.txt starting with SYNTHETIC DATA in {self.shown(path.parent)}/"))
        self.check_personal_details(text, shown, suffix)

    def check_personal_details(self, text: str, shown: str, suffix: str) -> None:
        lines = text.splitlines()
        if suffix == ".csv" and lines:
            for column, name in enumerate(lines[0].split(","), 1):
                if BIRTH_COLUMN.match(name.strip().strip('"')):
                    self.problems.append(problem(shown, 1, "MOD606", f"the column \"{name.strip()}\" holds dates of birth", column))
        for number, line in enumerate(lines, 1):
            for code, what, pattern in PERSONAL_DETAILS:
                match = pattern.search(line)
                if match:
                    self.problems.append(problem(shown, number, code, f"\"{match.group(0).strip()}\" looks like {what}", match.start() + 1))

    # --- docs pages (citations only: the rest of docs/ is not under the module contract)
    def check_docs_page(self, path: Path) -> None:
        loaded, problems = load(path, self.shown(path))
        self.problems += [p for p in problems if p.code in ("MOD001", "MOD003")]
        if loaded is None:
            return
        shown = self.shown(path)
        self.check_citations(loaded, shown)
        if shown != CRISIS_BLOCK:
            self.check_crisis_lines(loaded.text, shown)
        self.check_snippets(loaded.body, shown, loaded.body_line)
        flat, _blocks = blocks.flatten(loaded.body)
        for token in blocks.tokens(flat):
            if token.type == "html_block":
                self.check_html(token.content, shown, loaded.body_line + token.map[0])
            elif token.type == "inline":
                for child in token.children or []:
                    if child.type == "html_inline":
                        self.check_html(child.content, shown, loaded.body_line + (token.map[0] if token.map else 0))


def _hidden(name: str) -> bool:
    return model.hidden(name)


def _all_pages(curriculum):
    for course in curriculum.courses.values():
        yield from ([course.index] if course.index else []) + course.pages
        for module in course.modules:
            yield from ([module.page] if module.page else []) + module.pages


def _labelled_folder(folder: Path) -> bool:
    for about in folder.glob("*"):
        if about.name.lower() == "about.txt" and about.is_file():
            try:
                head = about.read_text(encoding="utf-8").lstrip("\ufeff").lstrip()
            except (OSError, UnicodeDecodeError):
                return False
            return head.upper().startswith("SYNTHETIC DATA")
    return False


def _link_text(children, start: int) -> str:
    parts, depth = [], 0
    for child in children[start + 1 :]:
        if child.type == "link_close" and depth == 0:
            break
        depth += child.type == "link_open"
        depth -= child.type == "link_close"
        if child.type == "image":
            return "(image)"  # an image link is named by its alt text
        parts.append(child.content)
    return " ".join("".join(parts).split()).strip(" .:!").lower()


def _most_numbered_items(tokens, start: int, end: int) -> int:
    """The number of items in the longest numbered list on lines [start, end)."""
    best = 0
    for index, token in enumerate(tokens):
        if token.type != "ordered_list_open" or not token.map or not start <= token.map[0] < end:
            continue
        count = 0
        for inner in tokens[index + 1 :]:
            if inner.type == "ordered_list_close" and inner.level == token.level:
                break
            count += inner.type == "list_item_open" and inner.level == token.level + 1
        best = max(best, count)
    return best


def _files_in(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and not any(_hidden(part) for part in p.relative_to(folder).parts))


def run(root: Path, paths: list[Path]) -> list[Problem]:
    checker = Checker(root)
    root = checker.root
    targets = [p.resolve() for p in paths] or [root]
    for target in targets:
        if not target.exists():
            raise CannotRun(f"no such file or folder: {target}")
        if target != root and root not in target.parents:
            raise CannotRun(f"{target} is not inside the repository {root}")
    courses, course_files, docs_pages = set(), [], []
    check_bib = check_glossary = False
    data = root / "docs" / "_data"
    for target in targets:
        if target == root:
            courses.update(COURSES)
            files = [f for c in COURSES if (root / c).is_dir() for f in _files_in(root / c)]
            files += _files_in(root / "docs") if (root / "docs").is_dir() else []
            check_bib = check_glossary = True
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
            elif parts[0] == "docs" and file.suffix == ".md" and data not in file.parents:
                docs_pages.append(file)
        if target.is_dir() and target.relative_to(root).parts[:1] in [(c,) for c in COURSES]:
            courses.add(target.relative_to(root).parts[0])
    for course in sorted(courses):
        checker.check_course_layout(course)
    links = {p for p in course_files + docs_pages if p.is_symlink()} | {p for p in targets if p.is_symlink()}
    for link in sorted(links):
        checker.problems.append(problem(checker.shown(link), 1, "MOD015", "this is a symbolic link"))
    selected = {checker.shown(f) for f in course_files}
    checker.problems += [p for p in checker.curriculum.problems if p.path in selected]
    for file in sorted(set(course_files) - links):
        checker.check_course_file(file)
    for page in sorted(set(docs_pages) - links):
        checker.check_docs_page(page)
    if check_bib or course_files or docs_pages:
        # Broken bibliography entries make every citation doubtful: always report them.
        checker.check_bibliography()
    if check_glossary:
        checker.check_glossary()
    return checker.problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="check_modules.py", description=__doc__.split("\n\n")[0],
        epilog="Codes and fixes: docs/instructors/checker-codes.md. Exit status: 0 clean, 1 problems, 2 could not run.")
    parser.add_argument("paths", nargs="*", type=Path, help="files or folders to check (default: the whole repository)")
    parser.add_argument("--root", type=Path, default=ROOT, help="the repository to check (default: this one)")
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
    return emit(problems)


if __name__ == "__main__":
    sys.exit(main())
