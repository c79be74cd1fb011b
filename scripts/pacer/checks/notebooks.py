"""Notebooks: jupytext .py files that Python and jupytext can read, starting with a title."""

from __future__ import annotations

import json
import re
from pathlib import Path

from pacer.rules import problem


def check_notebook(ctx, path: Path) -> None:
    text, shown = ctx.read(path)
    if text is None:
        return
    if not text.strip():
        ctx.problems.append(problem(shown, 1, "MOD002", "the notebook is empty"))
        return
    try:
        compile(text, shown, "exec", dont_inherit=True)
    except SyntaxError as error:
        ctx.problems.append(problem(shown, error.lineno or 1, "MOD501", f"Python cannot read it ({error.msg})", error.offset or 1))
        return
    except ValueError as error:  # e.g. a NUL byte
        ctx.problems.append(problem(shown, 1, "MOD501", f"Python cannot read it ({error})"))
        return
    import jupytext  # imported here: it is slow to load and only notebooks need it

    try:
        notebook = jupytext.reads(text, fmt="py:percent")
    except Exception as error:  # jupytext raises many types; all mean "cannot read"
        ctx.problems.append(problem(shown, 1, "MOD501", f"jupytext cannot read it ({error})"))
        return
    check_first_cell(ctx, notebook.cells, shown)


def check_first_cell(ctx, cells, shown: str) -> None:
    first = cells[0] if cells else None
    source = (first.get("source", "") if first else "") or ""
    if isinstance(source, list):
        source = "".join(source)
    title_line = next((line for line in source.splitlines() if line.strip()), "")
    if first is None or first.get("cell_type") != "markdown" or not re.match(r"^#\s+\S", title_line):
        ctx.problems.append(problem(shown, 1, "MOD502", "the first cell is not Markdown starting with a `# Title` line"))


def check_ipynb(ctx, path: Path) -> None:
    text, shown = ctx.read(path)
    if text is None:
        return
    try:
        notebook = json.loads(text)
    except json.JSONDecodeError as error:
        ctx.problems.append(problem(shown, error.lineno, "MOD501", f"the notebook is not valid JSON ({error.msg})", error.colno))
        return
    cells = notebook.get("cells") if isinstance(notebook, dict) else None
    if not isinstance(cells, list) or not all(isinstance(c, dict) for c in cells):
        ctx.problems.append(problem(shown, 1, "MOD501", "the notebook has no list of cells"))
        return
    check_first_cell(ctx, cells, shown)
    error_lines = [n for n, line in enumerate(text.splitlines(), 1) if re.search(r'"output_type"\s*:\s*"error"', line)]
    for number, cell in enumerate(cells, 1):
        for output in cell.get("outputs") or []:
            if isinstance(output, dict) and output.get("output_type") == "error":
                line = error_lines.pop(0) if error_lines else 1
                ctx.problems.append(problem(shown, line, "MOD503", f"cell {number} shows the error {output.get('ename', '')}".rstrip()))
