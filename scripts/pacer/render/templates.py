"""HTML the build makes, rendered from autoescaped Jinja templates in ``overrides/pacer/``.

Every value from content (front matter, glossary, bibliography, self-checks) reaches the page
through these templates, so markup in a title or an objective is shown as text, never run. A
site maintainer can read and override each template; the functions here only prepare data.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from pathlib import Path

import markdown
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from lxml import html as lxml_html
from markupsafe import Markup, escape

from pacer.model import contract
from pacer.rules import GROUPS, REGISTRY

_INLINE = markdown.Markdown(extensions=[])
# Characters Markdown would still read inside an inline HTML tag (links, table cells, code,
# escapes), written as character references: the same text on the page.
MARKDOWN_INERT = str.maketrans({"[": "&#91;", "]": "&#93;", "|": "&#124;", "`": "&#96;", "\\": "&#92;"})


def _squash(text) -> str:
    return " ".join(str(text).split())


def _inline_md(text) -> Markup:
    """Inline Markdown (bold, italics, code) of escaped text: markup in the text stays text."""
    return _inline_html(str(text))


@functools.lru_cache(maxsize=8192)  # the same texts on every build of a `mkdocs serve` session
def _inline_html(text: str) -> Markup:
    html = _INLINE.reset().convert(str(escape(_squash(text))))
    return Markup(re.sub(r"^<p>(.*)</p>$", r"\1", html, flags=re.DOTALL))


def _code_spans(text) -> Markup:
    """`code` in fix texts becomes <code>; everything else is escaped."""
    parts = re.split(r"(`[^`]+`)", str(text))
    return Markup("".join(f"<code>{escape(p[1:-1])}</code>" if p.startswith("`") else str(escape(p)) for p in parts))


def long_date(value) -> str:
    date = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
    return f"{date.day} {date.strftime('%B %Y')}"


@functools.lru_cache(maxsize=8)
def environment(templates: Path) -> Environment:
    """The template environment; ``templates`` is the theme's custom_dir (overrides/).

    One per process: it keeps its compiled templates between the builds of a `mkdocs serve`
    session, and recompiles a template whose file changed (Jinja's auto_reload)."""
    env = Environment(loader=FileSystemLoader(str(templates)), autoescape=select_autoescape(default=True),
                      undefined=StrictUndefined, trim_blocks=False, keep_trailing_newline=False)
    env.filters.update(squash=_squash, inline_md=_inline_md, code_spans=_code_spans, long_date=long_date,
                       duration=contract.format_duration,
                       capitalize_first=lambda text: str(text)[:1].upper() + str(text)[1:])
    return env


class Renderer:
    """Renders the build's HTML fragments; ``url(src)`` gives a link from the current page."""

    def __init__(self, templates: Path):
        self.env = environment(templates)

    def render(self, name: str, keep_blank_lines: bool = False, **data) -> str:
        html = self.env.get_template(f"pacer/{name}.html").render(**data)
        if keep_blank_lines:  # a fragment that mixes Markdown headings with HTML blocks
            return html
        # Blank lines would end a raw HTML block in Markdown: the fragments have none.
        return "\n".join(line for line in html.split("\n") if line.strip())

    # --- module pages
    def module_header(self, module, parts, badges) -> str:
        return self.render("module-header", module=module, meta=_Meta(module.meta), parts=parts, badges=badges,
                           phases=contract.PHASES)

    def module_footer(self, module, keypoints, references, reviewed, templates=()) -> str:
        reviewed = reviewed if isinstance(reviewed, dt.date) or not reviewed else dt.date.fromisoformat(str(reviewed))
        return self.render("module-footer", module=module, keypoints=keypoints, references=references,
                           reviewed=reviewed, templates=templates)

    def self_check(self, check, number: int, page_key: str) -> str:
        ident = "q-" + re.sub(r"[^a-z0-9]+", "-", f"{page_key}-{number}".lower()).strip("-")
        return self.render("self-check", check=check, number=number, id=ident, multiple=check.multiple)

    # --- generated tables and pages
    def course_modules(self, course, url) -> str:
        rows = [_Row(m, url(m.src), contract.format_duration(m.duration) if m.duration else NOT_GIVEN,
                     contract.PHASES.get(m.meta.get("phase"), NOT_GIVEN),
                     ", ".join(contract.PRINCIPLES[p][0] for p in m.meta.get("spor", [])) or NOT_GIVEN)
                for m in course.modules]
        return self.render("course-modules", rows=rows, course_title=course.title,
                           total=contract.format_duration(course.module_minutes))

    def course_time(self, course) -> str:
        weeks = course.index.meta.get("weeks") if course.index else None
        project = course.index.meta.get("project_hours", 0) if course.index else 0
        module_hours = round(course.module_minutes / 60)
        total = module_hours + project
        weekly = max(1, round(total / weeks)) if weeks else None
        return self.render("course-time", total_hours=total, module_hours=module_hours, project_hours=project,
                           weeks=weeks, weekly=weekly)

    def session_plan(self, course, url) -> str:
        modules = []
        for module in course.modules:
            plan = []
            for part in module.parts:
                plan.append({"title": part.title, "minutes": part.minutes or 0, "contents": part.contents,
                             "url": (url(module.src) or "") + f"#{part.anchor}" if url(module.src) and part.anchor else None})
            modules.append({"number": module.number, "title": module.title, "duration": module.duration, "plan": plan})
        return self.render("session-plan", modules=modules)

    def glossary(self, glossary) -> str:
        groups: dict[str, list] = {}
        for term in sorted(glossary.terms, key=lambda t: t.term.casefold()):
            letter = term.term[0].upper()
            groups.setdefault(letter if letter.isalpha() else "0-9", []).append(term)
        anchors = {name: glossary.find(name).anchor for term in glossary.terms for name in term.see}
        return self.render("glossary", groups=list(groups.items()), anchors=anchors)

    def references(self, entries) -> str:
        return self.render("references", entries=[_Meta(e) for e in entries])

    def reference_list(self, entries) -> list:
        return [_Meta(e) for e in entries]

    # --- citations on public pages (scripts/pacer/site.py)
    def reference_text(self, entry) -> str:
        """One bibliography entry in the site's reference style, as plain text."""
        html = self.env.get_template("pacer/reference.html").render(entry=_Meta(entry))
        return " ".join(lxml_html.fromstring(f"<p>{html}</p>").text_content().split())

    def citation(self, sources: list[dict]) -> str:
        """The numbered marks of one citation, safe inside a Markdown sentence or table cell."""
        return self.render("citation", sources=sources).strip().translate(MARKDOWN_INERT)

    def sources(self, entries: list[tuple]) -> str:
        return self.render("sources", entries=[(_Meta(entry), more) for entry, more in entries])

    def checker_codes(self) -> str:
        groups = [{"prefix": prefix, "name": name, "codes": [c for c in REGISTRY.values() if c.code.startswith(prefix)]}
                  for prefix, name in GROUPS.items()]
        return self.render("checker-codes", groups=groups)


NOT_GIVEN = "not given yet"


@dataclass
class _Row:
    module: object
    url: str | None
    time: str
    phase: str
    principles: str


class _Meta(dict):
    """A dict whose keys templates can read as attributes (missing keys are None)."""

    def __getattr__(self, name):
        return self.get(name)
