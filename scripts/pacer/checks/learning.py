"""The learning loop in a module: parts with times, self-checks, a model answer after every
activity, and facilitator notes marked so the learner view can leave them out whole."""

from __future__ import annotations

import re

from pacer.model import blocks, learning
from pacer.model.pages import Page
from pacer.rules import problem


def check_learning_loop(ctx, page: Page) -> None:
    """Self-checks, a model answer after every activity, and parts that add up (learning.py)."""
    shown, at = page.shown, page.body_line
    for line, title in learning.activities_without_answer(page.body.split("\n"), page.scan.blocks):
        ctx.problems.append(problem(shown, at + line, "MOD310", f"the activity \"{title}\" has no answer block after it"))
    checks = page.scan.self_checks
    if len(checks) < learning.MIN_SELF_CHECKS:
        ctx.problems.append(problem(shown, at, "MOD311", f"the module has {len(checks)} self-check question{'s' if len(checks) != 1 else ''}"))
    for check in checks:
        ctx.problems += [problem(shown, at + line, code, detail) for line, code, detail in check.problems]
    parts = page.scan.parts
    for part in parts:
        if part.minutes is None:
            written = f" (\"{part.minutes_text}\" is not a number of minutes)" if part.minutes_text else ""
            ctx.problems.append(problem(shown, at + part.line, "MOD317", f"the part \"{part.title}\" has no time{written}"))
        elif part.minutes > learning.MAX_PART_MINUTES:
            ctx.problems.append(problem(shown, at + part.line, "MOD318", f"the part \"{part.title}\" takes {part.minutes} minutes (at most {learning.MAX_PART_MINUTES})"))
    duration = page.front_matter.get("duration")
    total = sum(part.minutes or 0 for part in parts)
    if isinstance(duration, int) and duration > 0 and abs(total - duration) > duration * learning.DURATION_TOLERANCE:
        ctx.problems.append(problem(shown, at, "MOD319", f"the parts add up to {total} minutes, but `duration:` is {duration}"))


def check_facilitator_blocks(ctx, page: Page) -> None:
    """Facilitator notes: one top-level block per module, never nested (the learner view drops it whole)."""
    shown, at, lines = page.shown, page.body_line, page.body.split("\n")
    facilitator = [b for b in page.scan.blocks if b.kind == "facilitator"]
    for block in facilitator:
        if lines[block.line].startswith((" ", "\t")):
            ctx.problems.append(problem(shown, at + block.line, "MOD702", "this facilitator block is indented inside another block"))
    for index, line in enumerate(lines):
        if re.match(r"^\s*(?:!!!|\?\?\?\+?)\s*facilitator\b", line, re.IGNORECASE) and not blocks.ADMONITION.match(line.strip()):
            ctx.problems.append(problem(shown, at + index, "MOD703", "the facilitator block's first line cannot be read"))
    if page.kind == "module" and not facilitator:
        ctx.problems.append(problem(shown, at, "MOD701", "the module has no `??? facilitator` block"))
