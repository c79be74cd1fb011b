"""MkDocs hook: render the module contract (docs/instructors/module-contract.md).

* Citations ``[@key]`` and ``[@key1; @key2]`` become links to the references page; an
  unknown key stops the build with the file and line.
* Module pages (courseN/NN-slug/index.md) get a header (summary, time, phase, SPOR principles,
  objectives) and a footer (key points, references, review date) from their front matter.
* Markers ``<!-- generated: NAME [ARGUMENT] -->`` on a line of their own are replaced by
  generated content: course-modules, spor-coverage, modules-for-principle PRINCIPLE,
  glossary, references, checker-codes.
* Every page gets the glossary terms as abbreviations, which Material shows as tooltips.

The bibliography, glossary, schemas and checker codes are read through scripts/pacer/, the
same code the module checker uses.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import sys
from html import escape
from pathlib import Path

from mkdocs.exceptions import PluginError

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from pacer import bibliography as bib  # noqa: E402
from pacer import citations, contract, frontmatter, modules, pages, schema  # noqa: E402
from pacer import glossary as gloss  # noqa: E402
from pacer.codes import GROUPS, REGISTRY, problem  # noqa: E402
from pacer.paths import COURSES, rel  # noqa: E402

MARKER = re.compile(r"^[ \t]*<!--\s*generated:\s*([a-z-]+)(?:\s+([\w-]+))?\s*-->[ \t]*$")
MODULE_PAGE = re.compile(r"^(course\d+)/(\d\d-[a-z0-9-]+)/index\.md$")
MODULE_FOLDER_PAGE = re.compile(r"^(course\d+)/(\d\d-[a-z0-9-]+)/.+\.md$")
REFERENCES_PAGE = "references.md"

_state: dict = {}


def _fail(problems) -> None:
    shown = [str(p) for p in problems[:10]]
    more = f"\n... and {len(problems) - 10} more" if len(problems) > 10 else ""
    raise PluginError("\n".join(shown) + more + "\nRun `make check` to see every problem with its fix.")


def on_config(config):
    root = Path(config.config_file_path).resolve().parent
    data = Path(config.docs_dir) / "_data"
    bibliography = bib.load(data / "bibliography.yml", rel(data / "bibliography.yml", root))
    glossary = gloss.load(data / "glossary.yml", rel(data / "glossary.yml", root))
    if bibliography.problems or glossary.problems:
        _fail(bibliography.problems + glossary.problems)
    _state.update(root=root, bibliography=bibliography, glossary=glossary)
    # The glossary goes to the abbr extension as its own glossary: appending "*[term]: ..."
    # lines to every page made Markdown's block parser rescan them (minutes per build).
    config.mdx_configs.setdefault("abbr", {})["glossary"] = _abbreviations(glossary)
    return config


def on_files(files, config):
    """Read every module's front matter once per build.

    Front matter that breaks the contract is the checker's to report (`make check`); here a
    page shows what is valid and leaves out the rest, so a half-written module still builds.
    Only a reference key that is not in the bibliography stops the build.
    """
    root = _state["root"]
    unknown = []

    def read_meta(index: Path) -> dict:
        loaded, _problems = pages.load(index, rel(index, root))
        if loaded is None:
            return {}
        unknown.extend(_unknown_references(loaded.meta, loaded.lines, rel(index, root)))
        return schema.valid_part(loaded.meta, contract.MODULE_SCHEMA)

    by_course = {course: modules.modules(root, course, read_meta) for course in COURSES}
    if unknown:  # like an unknown citation: the reference list would silently lose a source
        _fail(unknown)
    found = {module.src: module for course_modules in by_course.values() for module in course_modules}
    _state.update(by_course=by_course, modules=found)
    return files


# --- helpers ---------------------------------------------------------------------------------

def _unknown_references(meta: dict, lines: dict, shown: str) -> list:
    keys = meta.get("references")
    return [problem(shown, pages.line_of(lines, ("references", index)), "MOD201", f"`{key}` is not a key in the bibliography")
            for index, key in enumerate(keys if isinstance(keys, list) else [])
            if isinstance(key, str) and key not in _state["bibliography"]]


def _url(files, page, src: str) -> str | None:
    """The relative URL from ``page`` to the page built from ``src``, or None if there is none."""
    target = files.get_file_from_path(src)
    return target.url_relative_to(page.file) if target else None


def _md_link(page, src: str) -> str:
    """A Markdown link target from this page to ``src`` (MkDocs checks and converts it)."""
    return posixpath.relpath(src, posixpath.dirname(page.file.src_uri) or ".")


def _anchor(url: str | None, html_text: str) -> str:
    return f'<a href="{escape(url)}">{html_text}</a>' if url else html_text


def _long_date(value) -> str:
    date = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
    return f"{date.day} {date.strftime('%B %Y')}"


def _page_line_of_markdown_start(page) -> int:
    """The line of the source file on which the Markdown MkDocs hands us begins."""
    try:
        split = frontmatter.split(page.file.content_string)
    except Exception:  # front matter problems are reported elsewhere; lines are then approximate
        return 1
    return split.body_line + len(split.body) - len(split.body.lstrip("\n")) if split.has_front_matter else 1


def _source_path(page) -> str:
    return rel(Path(page.file.abs_src_path), _state["root"]) if page.file.abs_src_path else page.file.src_uri


# --- citations -------------------------------------------------------------------------------

def _render_citations(markdown: str, page, files) -> tuple[str, list[str]]:
    """Citations become links; returns the new Markdown and the keys cited, in order."""
    bibliography = _state["bibliography"]
    start = _page_line_of_markdown_start(page)
    unknown, cited = [], []
    for citation in citations.find(markdown):
        for key in citation.keys:
            if key not in bibliography:
                unknown.append(problem(_source_path(page), start + citation.line, "MOD202",
                                       f"[@{key}] is not a key in the bibliography", citation.start + 1))
            elif key not in cited:
                cited.append(key)
    if unknown:
        _fail(unknown)
    has_references_page = files.get_file_from_path(REFERENCES_PAGE) is not None

    def render(citation) -> str:
        links = []
        for key in citation.keys:
            text = bib.label(bibliography.entries[key]).replace("[", "\\[").replace("]", "\\]")
            links.append(f"[{text}]({_md_link(page, REFERENCES_PAGE)}#{key})" if has_references_page else text)
        return "(" + "; ".join(links) + ")"

    return citations.replace(markdown, render), cited


def _reference_list(keys: list[str]) -> str:
    entries = sorted((_state["bibliography"].entries[k] for k in keys), key=bib.sort_key)
    items = "\n".join(f"<li>{bib.to_html(entry)}</li>" for entry in entries)
    return f'<ul class="pacer-reference-list">\n{items}\n</ul>'


# --- module pages ----------------------------------------------------------------------------

def _badges(principles: list[str], page, files) -> str:
    badges = []
    for key in principles:
        name, src = contract.PRINCIPLES[key]
        url = _url(files, page, src)
        inner = f'<span class="pacer-badge__icon" aria-hidden="true"></span>{escape(name)}'
        attrs = f'class="pacer-badge pacer-badge--{key}"'
        badges.append(f'<a {attrs} href="{escape(url)}">{inner}</a>' if url else f"<span {attrs}>{inner}</span>")
    return '<ul class="pacer-badges">' + "".join(f"<li>{b}</li>" for b in badges) + "</ul>"


def _module_header(module: modules.Module, page, files) -> str:
    meta = module.meta
    parts = [f'<div class="pacer-module-header" data-pacer-module="{escape(module.key)}" markdown>\n']
    if meta.get("summary"):
        parts.append(f'<p class="pacer-summary">{escape(" ".join(str(meta["summary"]).split()))}</p>\n')
    facts = []
    if "duration" in meta:
        facts.append(f"<div><dt>Time</dt><dd>{contract.format_duration(meta['duration'])}</dd></div>")
    if "phase" in meta:
        phase = meta["phase"]
        facts.append(f'<div><dt>Phase</dt><dd><span class="pacer-phase pacer-phase--{phase}">{contract.PHASES[phase]}</span></dd></div>')
    if meta.get("spor"):
        facts.append(f"<div><dt>SPOR principles</dt><dd>{_badges(meta['spor'], page, files)}</dd></div>")
    if facts:
        parts.append('<dl class="pacer-module-facts">\n' + "\n".join(facts) + "\n</dl>\n")
    if meta.get("objectives"):
        objectives = "\n".join(f"- {' '.join(str(o).split())}" for o in meta["objectives"])
        parts.append(f"## What you will be able to do {{ #objectives }}\n\n{objectives}\n")
    return "\n".join(parts) + "\n</div>\n\n"


def _module_footer(meta: dict, cited: list[str], module_key: str | None) -> str:
    parts = []
    if meta.get("keypoints"):
        points = "\n".join(f"- {' '.join(str(p).split())}" for p in meta["keypoints"])
        parts.append(f"## Key points {{ #key-points }}\n\n{points}\n")
    keys = [k for k in (meta.get("references") or []) if isinstance(k, str)]
    keys += [k for k in cited if k not in keys]
    keys = [k for k in keys if k in _state["bibliography"]]
    if keys:
        parts.append(f"## References {{ #references }}\n\n{_reference_list(keys)}\n")
    if meta.get("reviewed"):
        date = meta["reviewed"]
        parts.append(f'<p class="pacer-reviewed">Content last reviewed: <time datetime="{escape(str(date))}">'
                     f"{_long_date(date)}</time></p>\n")
    if not parts:
        return ""
    attribute = f' data-pacer-module-footer="{escape(module_key)}"' if module_key else ""
    return f'\n\n<div class="pacer-module-footer"{attribute} markdown>\n\n' + "\n".join(parts) + "\n</div>\n"


# --- generated markers -----------------------------------------------------------------------

def _course_modules(page, files, line: int) -> str:
    course = page.file.src_uri.split("/")[0]
    if course not in _state["by_course"] or page.file.src_uri != f"{course}/index.md":
        _fail([problem(_source_path(page), line, "MOD106", "the course-modules marker belongs on a course page (courseN/index.md)")])
    course_modules = _state["by_course"][course]
    if not course_modules:
        return '<p class="pacer-empty">This course has no modules yet.</p>'
    rows = []
    for module in course_modules:
        meta = module.meta
        url = _url(files, page, module.src)
        title = escape(module.title)
        principles = ", ".join(contract.PRINCIPLES[p][0] for p in meta.get("spor", [])) or NOT_GIVEN
        time = contract.format_duration(meta["duration"]) if "duration" in meta else NOT_GIVEN
        rows.append(
            f'<tr data-pacer-module="{escape(module.key)}"><td>{module.number}</td>'
            f"<td>{_anchor(url, title)}</td>"
            f"<td>{time}</td><td>{_phase(meta)}</td>"
            f"<td>{escape(principles)}</td></tr>")
    total = contract.format_duration(sum(m.meta.get("duration", 0) for m in course_modules))
    return (
        '<div class="pacer-course-modules">\n<table>\n<caption>The modules of this course</caption>\n'
        '<thead><tr><th scope="col">Module</th><th scope="col">Title</th><th scope="col">Time</th>'
        '<th scope="col">Phase</th><th scope="col">SPOR principles</th></tr></thead>\n<tbody>\n'
        + "\n".join(rows)
        + f'\n</tbody>\n<tfoot><tr><th scope="row" colspan="2">Total time</th><td colspan="3">{total}</td></tr></tfoot>\n'
        f'</table>\n</div>\n\n<p class="pacer-course-total">Time for the whole course: about {total}.</p>'
    )


NOT_GIVEN = "not given yet"


def _phase(meta: dict) -> str:
    return contract.PHASES[meta["phase"]] if "phase" in meta else NOT_GIVEN


def _course_title(course: str) -> str:
    return frontmatter.title_of(_state["root"] / course / "index.md", course)


def _spor_coverage(page, files, line: int) -> str:
    principles = list(contract.PRINCIPLES)
    head = "".join(f'<th scope="col">{escape(contract.PRINCIPLES[p][0])}</th>' for p in principles)
    summary_rows, sections, gaps = [], [], []
    for course, course_modules in _state["by_course"].items():
        counts = {p: sum(p in m.meta.get("spor", []) for m in course_modules) for p in principles}
        title = _course_title(course)
        summary_rows.append(f'<tr><th scope="row">{escape(title)}</th>'
                            + "".join(f"<td>{counts[p]}</td>" for p in principles) + "</tr>")
        missing = [contract.PRINCIPLES[p][0] for p in principles if not counts[p]]
        if course_modules and missing:
            gaps.append(f"{title}: no module practises {', '.join(missing)}.")
        rows = []
        for module in course_modules:
            url = _url(files, page, module.src)
            name = escape(f"{module.number}. {module.title}")
            cells = "".join(
                '<td class="pacer-yes">Yes</td>' if p in module.meta.get("spor", []) else '<td class="pacer-no">No</td>'
                for p in principles)
            rows.append(f'<tr data-pacer-module="{escape(module.key)}"><th scope="row">'
                        f"{_anchor(url, name)}</th>"
                        f"<td>{_phase(module.meta)}</td>{cells}</tr>")
        body = "\n".join(rows) if rows else f'<tr><td colspan="{len(principles) + 2}">No modules yet.</td></tr>'
        gap_note = (f'\n\n!!! warning "Gap: {escape(", ".join(missing))} not covered"\n'
                    f"    No module of this course practises {escape(' or '.join(missing))} yet.\n"
                    if course_modules and missing else "")
        sections.append(
            f"## {title}\n\n<table>\n<caption>Which SPOR principles each module of {escape(title)} practises</caption>\n"
            f'<thead><tr><th scope="col">Module</th><th scope="col">Phase</th>{head}</tr></thead>\n'
            f"<tbody>\n{body}\n</tbody>\n</table>{gap_note}\n")
    gap_list = "\n".join(f"- {escape(gap)}" for gap in gaps) or "- Every course practises all four principles."
    return (
        "## By course\n\n<table>\n<caption>Number of modules that practise each principle</caption>\n"
        f'<thead><tr><th scope="col">Course</th>{head}</tr></thead>\n<tbody>\n' + "\n".join(summary_rows)
        + f"\n</tbody>\n</table>\n\n**Principles a course leaves uncovered:**\n\n{gap_list}\n\n" + "\n".join(sections)
    )


def _modules_for_principle(page, files, line: int, principle: str | None) -> str:
    if principle not in contract.PRINCIPLES:
        _fail([problem(_source_path(page), line, "MOD010",
                       f"the marker needs one of {', '.join(contract.PRINCIPLES)}, not \"{principle or ''}\"")])
    items = []
    for course, course_modules in _state["by_course"].items():
        for module in course_modules:
            if principle in module.meta.get("spor", []):
                label = module.title.replace("[", "\\[").replace("]", "\\]")
                items.append(f"- [{label}]({_md_link(page, module.src)}) "
                             f"({_course_title(course)}, module {module.number}; {_phase(module.meta)})")
    return "\n".join(items) if items else "No module practises this principle yet."


def _glossary_page(page, files, line: int) -> str:
    groups: dict[str, list[gloss.Term]] = {}
    for term in sorted(_state["glossary"].terms, key=lambda t: t.term.casefold()):
        letter = term.term[0].upper()
        groups.setdefault(letter if letter.isalpha() else "0-9", []).append(term)
    letters = "".join(f'<li><a href="#letter-{k.lower()}">{k}</a></li>' for k in groups)
    out = [f'<nav class="pacer-az" aria-label="Glossary letters">\n<ul>{letters}</ul>\n</nav>\n']
    for letter, terms in groups.items():
        out.append(f"## {letter} {{ #letter-{letter.lower()} }}\n")
        entries = []
        for term in terms:
            extra = ""
            if term.aliases:
                extra += f' <span class="pacer-aliases">Also called: {escape(", ".join(term.aliases))}.</span>'
            if term.see:
                links = ", ".join(f'<a href="#{_state["glossary"].find(s).anchor}">{escape(s)}</a>' for s in term.see)
                extra += f' <span class="pacer-see">See also: {links}.</span>'
            entries.append(f'<dt id="{term.anchor}">{escape(term.term)}</dt>\n<dd>{escape(term.definition)}{extra}</dd>')
        out.append('<dl class="pacer-glossary">\n' + "\n".join(entries) + "\n</dl>\n")
    return "\n".join(out)


def _references_page(page, files, line: int) -> str:
    entries = sorted(_state["bibliography"].entries.values(), key=bib.sort_key)
    items = "\n".join(f'<li id="{escape(e["key"])}">{bib.to_html(e)}</li>' for e in entries)
    return f'<ul class="pacer-references">\n{items}\n</ul>'


def _checker_codes(page, files, line: int) -> str:
    out = []
    for prefix, name in GROUPS.items():
        codes = [c for c in REGISTRY.values() if c.code.startswith(prefix)]
        rows = "\n".join(f"| {c.code} | {_cell(c.what)} | {_cell(c.fix)} |" for c in codes)
        out.append(f"## {name}\n\n| Code | What it means | How to fix it |\n| --- | --- | --- |\n{rows}\n")
    return "\n".join(out)


def _cell(text: str) -> str:
    text = text[0].upper() + text[1:]
    return text.replace("|", "\\|")


GENERATORS = {
    "course-modules": _course_modules,
    "spor-coverage": _spor_coverage,
    "glossary": _glossary_page,
    "references": _references_page,
    "checker-codes": _checker_codes,
}


def _replace_markers(markdown: str, page, files) -> str:
    lines = markdown.split("\n")
    start = _page_line_of_markdown_start(page)
    for index, _line, masked in list(citations.lines_outside_code(markdown)):
        match = MARKER.match(masked)
        if not match:
            continue
        name, argument = match.groups()
        line = start + index
        if name == "modules-for-principle":
            lines[index] = _modules_for_principle(page, files, line, argument)
        elif name in GENERATORS:
            lines[index] = GENERATORS[name](page, files, line)
        else:
            raise PluginError(f"{_source_path(page)}:{line}: unknown marker \"generated: {name}\". "
                              f"Use one of: {', '.join([*GENERATORS, 'modules-for-principle PRINCIPLE'])}.")
    return "\n".join(lines)


# --- glossary tooltips -----------------------------------------------------------------------

def _sentence_case_variant(name: str) -> str | None:
    """"Member checking" also matches "member checking"; acronyms and names ("REB", "PaCER") do not."""
    if name[:1].isupper() and not any(c.isupper() for c in name[1:]):
        return name[0].lower() + name[1:]
    return None


def _abbreviations(glossary: gloss.Glossary) -> dict[str, str]:
    explicit = {name: term.definition for term in glossary.terms if term.tooltip
                for name in [term.term, *term.aliases]}
    variants = {variant: definition for name, definition in explicit.items()
                if (variant := _sentence_case_variant(name))}
    return {**variants, **explicit}


# --- the page --------------------------------------------------------------------------------

def on_page_markdown(markdown: str, page, config, files) -> str:
    src = page.file.src_uri
    if not src.endswith(".md"):  # notebooks are rendered by mkdocs-jupyter, not from this Markdown
        return markdown
    markdown, cited = _render_citations(markdown, page, files)
    markdown = _replace_markers(markdown, page, files)
    module = _state["modules"].get(src)
    if module is not None:
        markdown = _module_header(module, page, files) + markdown + _module_footer(module.meta, cited, module.key)
    elif MODULE_FOLDER_PAGE.match(src):  # worked examples and other pages of a module
        loaded, _ = pages.load(Path(page.file.abs_src_path), _source_path(page))
        unknown = _unknown_references(page.meta, loaded.lines if loaded else {}, _source_path(page))
        if unknown:
            _fail(unknown)
        markdown += _module_footer({"references": page.meta.get("references") or []}, cited, None)
    return markdown
