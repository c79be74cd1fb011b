"""MkDocs hook: render the module contract (docs/instructors/module-contract.md).

The hook only reacts to MkDocs events. What a page becomes is decided by pure functions of the
curriculum model (scripts/pacer/site.py) and rendered through autoescaped templates in
overrides/pacer/. A content problem that the build cannot publish stops the build with the
file, line, code and fix (the same message the module checker prints).
"""

from __future__ import annotations

import logging
from pathlib import Path, PurePosixPath

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from pacer import build
from pacer.notebooks import bundles
from pacer.render import held_html
from pacer.render import site
from pacer.notebooks import spreadsheets
from pacer.model.glossary import Glossary
from pacer.rules import problem

MAX_SHOWN = 10
log = logging.getLogger("mkdocs.plugins.pacer.contract")


def _fail(problems) -> None:
    shown = [str(p) for p in problems[:MAX_SHOWN]]
    more = f"\n... and {len(problems) - MAX_SHOWN} more" if len(problems) > MAX_SHOWN else ""
    raise PluginError("\n".join(shown) + more + "\nRun `make check` to see every problem with its fix.")


# First of all hooks: every other hook reads the model this loads.
@event_priority(100)
def on_config(config):
    state = build.start(config)
    curriculum = state.curriculum
    # Problems that make a page unpublishable stop the build even without `make check`:
    # bad data files, unreadable or empty pages, broken front matter, misnamed module folders,
    # symbolic links, and self-checks the site cannot render.
    blocking = [p for p in curriculum.problems if p.code in BLOCKING]
    blocking += [problem(curriculum.shown(path), 1, "MOD101", f"the folder name \"{path.name}\" is not NN-slug")
                 for path in curriculum.misnamed]
    blocking += [problem(curriculum.shown(path), 1, "MOD015", "this is a symbolic link") for path in curriculum.symlinks]
    if blocking:
        _fail(sorted(blocking))
    # The glossary goes to the abbr extension as its own glossary: appending "*[term]: ..."
    # lines to every page made Markdown's block parser rescan them (minutes per build).
    config.mdx_configs.setdefault("abbr", {})["glossary"] = _abbreviations(curriculum.glossary)
    return config


BLOCKING = {"MOD001", "MOD002", "MOD003", "MOD004", "MOD014", "MOD201", "MOD203", "MOD204", "MOD205",
            "MOD206", "MOD207", "MOD208",
            "MOD801", "MOD802", "MOD803", "MOD804", "MOD805"}  # a workbook template that cannot be converted


def on_page_markdown(markdown: str, page, config, files) -> str:
    if not page.file.src_uri.endswith(".md"):  # notebooks are rendered by mkdocs-jupyter
        return markdown
    state = build.state(config)
    context = site.PageContext(
        src=page.file.src_uri,
        shown=state.shown(page.file),
        first_line=_first_line(page),
        url=lambda src: _url(files, page, src),
        has_references_page=files.get_file_from_path(site.REFERENCES_PAGE) is not None,
    )
    held = state.held[page.file.src_uri] = held_html.Held()  # put back by scripts/hooks/build_speed.py
    try:
        return site.render_page(markdown, context, state.curriculum, state.renderer, page.meta, state.workbook,
                                hold=held.hold)
    except site.BuildError as error:
        _fail(error.problems)


# After the sanitizer (-100), so it reports on the content as written; before the view switch.
@event_priority(-105)
def on_page_content(content: str, page, config, files) -> str:
    """Finish the content HTML: glossary terms marked at first use; names for task-list boxes;
    no table header cell left empty; a notebook's panel of other routes; a worksheet's spreadsheet."""
    state = build.state(config)
    context = site.PageContext(page.file.src_uri, state.shown(page.file), 1, lambda src: _url(files, page, src), False)
    notebook = not page.file.src_uri.endswith(".md")
    routes = _notebook_routes(page, config, files) if notebook else ""
    worked = spreadsheets.notebook_of(Path(page.file.abs_src_path)) if not notebook and page.file.abs_src_path else None
    if worked is not None:  # a notebook's no-code worksheet: its data as a spreadsheet, beside the page
        spreadsheets.write(worked, Path(page.file.abs_dest_path).parent)
    content, problems = site.finish_content(content, context, notebook=notebook, routes=routes,
                                            glossary=state.curriculum.glossary)
    for problem_ in problems:  # reported like warnings: a strict build fails once every page is read
        log.error(str(problem_))
    return content


def _notebook_routes(page, config, files) -> str:
    """Write the notebook's bundle beside its page; the panel that links it and its worksheet."""
    state = build.state(config)
    source = Path(page.file.abs_src_path)
    lock = state.root / "requirements.txt"
    try:
        name, data = bundles.cached_zip(source, state.root, page.title or source.stem,
                                        lock.read_text(encoding="utf-8") if lock.is_file() else "",
                                        state.shown(page.file))
    except bundles.BundleError as error:
        _fail([error.problem])
    target = Path(page.file.abs_dest_path).parent / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    worksheet = str(PurePosixPath(page.file.src_uri).with_name(f"worksheet-{source.stem}.md"))
    return state.renderer.render("notebook-routes", bundle_url=name, bundle_size=_size(len(data)),
                                 worksheet_url=_url(files, page, worksheet))


def _size(count: int) -> str:
    return f"{count / 1_000_000:.1f} MB" if count >= 1_000_000 else f"{max(1, round(count / 1000))} KB"


def _url(files, page, src: str) -> str | None:
    target = files.get_file_from_path(src)
    return target.url_relative_to(page.file) if target else None


def _first_line(page) -> int:
    """The source line on which the Markdown MkDocs hands us begins (after the front matter)."""
    text = page.file.content_string
    body = page.markdown or ""
    index = text.find(body.lstrip("\n")[:200]) if body.strip() else -1
    return text[:index].count("\n") + 1 if index >= 0 else 1


# --- glossary tooltips -----------------------------------------------------------------------

def _sentence_case_variant(name: str) -> str | None:
    """"Member checking" also matches "member checking"; acronyms and names ("REB", "PaCER") do not."""
    if name[:1].isupper() and not any(c.isupper() for c in name[1:]):
        return name[0].lower() + name[1:]
    return None


def _abbreviations(glossary: Glossary) -> dict[str, str]:
    explicit = {name: term.definition for term in glossary.terms if term.tooltip
                for name in [term.term, *term.aliases]}
    variants = {variant: definition for name, definition in explicit.items()
                if (variant := _sentence_case_variant(name))}
    return {**variants, **explicit}
