"""The learning loop in a module's Markdown: parts with times, self-checks and model answers.

Authors write, inside a module page:

* a **part** per ``##`` heading, with its time in minutes::

      ## Choosing your role { data-minutes="20" }

* a **self-check** (multiple choice with feedback for every option)::

      !!! self-check
          Which note is a description, not an interpretation?

          - [ ] "The receptionist was rude."
              Not quite: "rude" is your reading of what happened ...
          - [x] "The receptionist said 'Have a seat' twice without looking up."
              Yes: it says what happened, so a reader can judge for themselves.

  The first paragraph is the question. Each option is a task-list item (``[x]`` marks a
  correct option); the indented lines under it are the feedback for that option.

* a **model answer** right after every activity::

      ??? answer "Model answer: try the activity first"
          ...

This module reads those structures (with their lines) for the model, the checker and the
renderer; blocks.scan finds them in a page. It never raises on bad input: what it cannot read
becomes a problem for the checker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

PART_HEADING = re.compile(r"^##[ \t]+(?P<rest>.*)$")
MINUTES_ATTRIBUTE = re.compile(r"""\bdata-minutes\s*=\s*["']?(?P<value>[^"'\s}]*)["']?""")
OPTION = re.compile(r"^- \[(?P<mark>[ xX]?)\][ \t]*(?P<text>.*)$")
LOOSE_OPTION = re.compile(r"^[-*+][ \t]+\[")

MIN_OPTIONS, MAX_OPTIONS = 3, 5
MIN_SELF_CHECKS = 4
MAX_PART_MINUTES = 30
DURATION_TOLERANCE = 0.1  # parts may add up to within 10% of the module's duration


@dataclass
class Part:
    title: str
    line: int                 # 0-based line in the body
    minutes: int | None       # None when the heading has no data-minutes
    minutes_text: str | None  # what was written, for messages
    anchor: str | None = None  # the heading's id
    contents: str = ""         # "2 activities, 4 self-checks": for the facilitators' session plan


@dataclass
class Option:
    text: str
    correct: bool
    feedback: str
    line: int  # 0-based line in the body


@dataclass
class SelfCheck:
    line: int                 # 0-based line of the ``!!! self-check`` line
    end: int
    question: str
    options: list[Option] = field(default_factory=list)
    problems: list[tuple[int, str, str]] = field(default_factory=list)  # (line, code, detail)

    @property
    def multiple(self) -> bool:
        return sum(o.correct for o in self.options) > 1


def read_part(line: str, index: int) -> Part | None:
    """The part a line starts, when it is a part heading (blocks.scan finds them outside code)."""
    heading = part_heading(line)
    if heading is None:
        return None
    title, attrs = heading[0], heading[1] or ""
    value = MINUTES_ATTRIBUTE.search(attrs)
    minutes_text = value.group("value") if value else None
    minutes = int(minutes_text) if minutes_text and minutes_text.isdigit() and int(minutes_text) > 0 else None
    explicit = re.search(r"#([\w-]+)", attrs)
    return Part(title, index, minutes, minutes_text, explicit.group(1) if explicit else slugify(title))


def part_heading(line: str) -> tuple[str, str | None] | None:
    """(title, attributes or None) of a part heading, ``## Title { data-minutes="20" }``.
    Taken apart with string methods: a regular expression with a lazy title before optional
    spaces and braces takes time to the cube of a line of thousands of spaces."""
    match = PART_HEADING.match(line)
    if not match:
        return None
    rest, attrs = match.group("rest").rstrip(" \t").rstrip("#").rstrip(" \t"), None
    start = rest.rfind("{")
    if rest.endswith("}") and start >= 0 and "}" not in rest[start + 1:-1]:
        rest, attrs = rest[:start].rstrip(" \t"), rest[start + 1:-1]
    return rest.strip(), attrs


def slugify(title: str) -> str:
    """The id Python-Markdown's toc extension gives a heading (its default slugify)."""
    from markdown.extensions.toc import slugify as toc_slugify

    return toc_slugify(re.sub(r"[*_`]", "", title), "-")


def heading_with_id(line: str, anchor: str) -> str:
    """A part heading with an explicit id, so the module header can link to it (one it has is kept)."""
    title, attrs = part_heading(line)
    if attrs is not None and "#" in attrs:
        return line
    inner = f"#{anchor}" + (f" {attrs.strip()}" if attrs and attrs.strip() else "")
    return f"## {title} {{ {inner} }}"


def read_self_check(lines: list[str], start: int, end: int) -> SelfCheck:
    """Read the block whose ``!!! self-check`` line is ``start`` (body ends before ``end``)."""
    body = [_dedent(line) for line in lines[start + 1 : end]]
    check = SelfCheck(start, end, "")
    question: list[str] = []
    index = 0
    while index < len(body) and not _is_option_start(body[index]):
        question.append(body[index])
        index += 1
    check.question = " ".join(" ".join(question).split())
    if not check.question:
        check.problems.append((start, "MOD312", "the self-check has no question before its options"))
    current: Option | None = None
    for offset in range(index, len(body)):
        raw = body[offset]
        number = start + 1 + offset
        if not raw.strip():
            continue
        if _is_option_start(raw):
            match = OPTION.match(raw)
            if not match:
                check.problems.append((number, "MOD313", f"\"{raw.strip()[:40]}\" is not written `- [ ] option` or `- [x] option`"))
                current = None
                continue
            current = Option(match.group("text").strip(), match.group("mark").lower() == "x", "", number)
            check.options.append(current)
        elif raw.startswith("    ") and current is not None:
            current.feedback = (current.feedback + " " + raw.strip()).strip()
        else:
            check.problems.append((number, "MOD313", "text after the options must be indented under an option as its feedback"))
    if not MIN_OPTIONS <= len(check.options) <= MAX_OPTIONS:
        check.problems.append((start, "MOD314", f"the self-check has {len(check.options)} options (it needs {MIN_OPTIONS} to {MAX_OPTIONS})"))
    if check.options and not any(o.correct for o in check.options):
        check.problems.append((start, "MOD315", "no option is marked correct with `[x]`"))
    if check.options and all(o.correct for o in check.options):
        check.problems.append((start, "MOD315", "every option is marked correct: at least one must be wrong"))
    for option in check.options:
        if not option.feedback:
            check.problems.append((option.line, "MOD316", f"the option \"{option.text[:40]}\" has no feedback"))
    return check


def _is_option_start(line: str) -> bool:
    return bool(LOOSE_OPTION.match(line))


def _dedent(line: str) -> str:
    return line[4:] if line.startswith("    ") else line.lstrip(" ") if not line.strip() else line


def activities_without_answer(lines: list[str], found: list) -> list[tuple[int, str]]:
    """(line, title) of each activity block (of ``found``, the blocks of the body ``lines``) not
    followed straight away by an answer block."""
    missing = []
    for index, block in enumerate(found):
        if block.kind != "activity":
            continue
        indent = len(lines[block.line]) - len(lines[block.line].lstrip(" "))
        following = [b for b in found[index + 1:]
                     if len(lines[b.line]) - len(lines[b.line].lstrip(" ")) == indent and b.line >= block.end]
        after = following[0] if following else None
        between = "\n".join(lines[block.end: after.line]).strip() if after else ""
        if after is None or after.kind != "answer" or between:
            missing.append((block.line, block.title or "Activity"))
    return missing
