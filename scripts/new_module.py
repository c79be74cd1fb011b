"""Create the next module of a course from a template that passes the module checker.

Usage: python scripts/new_module.py COURSE "Module title"
       (or: make new-module COURSE=course2 TITLE="Interviewing with care")

The module gets the next free number: course2/07-interviewing-with-care/index.md. Nothing is
ever overwritten. Then fill in the front matter and the text, and run `make check`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import unicodedata
from pathlib import Path

from pacer.model import NUMBERED
from pacer.paths import COURSES, ROOT, rel

EXIT_OK, EXIT_USAGE = 0, 2
MAX_SLUG_LENGTH = 40

TEMPLATE = """---
title: {title}
summary: >-
  Say in one to three plain sentences what this module is about and why it matters to a
  patient researcher.
duration: 60           # learner time for the whole module, in whole minutes
phase: set             # set | collect | reflect | all (the PaCER phase it serves)
spor: [inclusiveness]  # any of: inclusiveness, support, mutual-respect, co-build
objectives:            # what learners will be able to do; start each with a verb
  - Describe the main idea of this module in your own words.
keypoints:             # the main points to remember
  - Write the first key point here.
references: [cihr2014] # keys from docs/_data/bibliography.yml
reviewed: {today}
---

Start with why this topic matters to a patient researcher. Keep sentences short and define
each new term the first time you use it (and add it to the glossary).
Cite a source like this [@cihr2014].

## The first section {{ data-minutes="30" }}

Teach one idea per section. Each `##` section is a part of at most 30 minutes: give its time
in minutes at the end of the heading. Use `###` inside a part.

!!! activity "Activity: practise the first objective"
    Say what learners do, how long it takes, and what they make or decide.

??? answer "Model answer (try the activity first)"
    Write a worked answer at the learner's level, or an example answer and what a good
    answer includes.

## Check your understanding {{ data-minutes="20" }}

!!! self-check
    Write the question here.

    - [x] A correct option.
        Yes. Say why it is right.
    - [ ] A wrong option that a learner might choose.
        Not quite. Name the misunderstanding that leads here, and correct it.
    - [ ] Another wrong option.
        Not quite. Name the misunderstanding that leads here, and correct it.

!!! self-check
    Write the second question here.

    - [ ] A wrong option.
        Not quite. Name the misunderstanding.
    - [x] A correct option.
        Yes. Say why.
    - [ ] Another wrong option.
        Not quite. Name the misunderstanding.

!!! self-check
    Write the third question here.

    - [ ] A wrong option.
        Not quite. Name the misunderstanding.
    - [ ] Another wrong option.
        Not quite. Name the misunderstanding.
    - [x] A correct option.
        Yes. Say why.

!!! self-check
    Write the fourth question here.

    - [x] A correct option.
        Yes. Say why.
    - [ ] A wrong option.
        Not quite. Name the misunderstanding.
    - [ ] Another wrong option.
        Not quite. Name the misunderstanding.

## Reflect {{ data-minutes="10" }}

!!! reflection "Reflection questions"
    1. Write the first reflection question.
    2. Write the second reflection question.
    3. Write the third reflection question.

??? facilitator "Facilitator notes"
    **Timing:** how long each part takes. **Prompts:** questions that open up discussion.
    **Watch for:** signs of distress, dominant voices, power imbalances.
"""


def slug_of(title: str) -> str:
    """'Interviewing with care!' -> 'interviewing-with-care' (ASCII, at most 40 characters)."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_title.lower())
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > MAX_SLUG_LENGTH:
            break
        slug = candidate
    return slug or (words[0][:MAX_SLUG_LENGTH] if words else "")


def next_number(course_folder: Path) -> int:
    numbers = [int(m.group(1)) for p in course_folder.iterdir() if p.is_dir() and (m := NUMBERED.match(p.name))]
    return max(numbers, default=0) + 1


def create(root: Path, course: str, title: str) -> Path:
    """Create the module folder and page; raises ValueError with a message for people."""
    title = " ".join(title.split())
    if course not in COURSES:
        raise ValueError(f"\"{course}\" is not a course. Use one of: {', '.join(COURSES)}.")
    course_folder = root / course
    if not course_folder.is_dir():
        raise ValueError(f"the course folder {course}/ does not exist in {root}.")
    if not title:
        raise ValueError("the module title is empty. Give a title in quotes, for example \"Interviewing with care\".")
    slug = slug_of(title)
    if not slug:
        raise ValueError(f"the title \"{title}\" has no letters or digits to name the folder with. Use a title with words.")
    same_name = [p for p in course_folder.iterdir() if p.is_dir() and p.name[3:] == slug]
    if same_name:
        raise ValueError(f"{rel(same_name[0], root)}/ already exists. Nothing was changed; choose another title or edit that module.")
    number = next_number(course_folder)
    if number > 99:
        raise ValueError(f"{course}/ already has 99 modules; module numbers have two digits.")
    folder = course_folder / f"{number:02d}-{slug}"
    try:
        folder.mkdir()  # fails if it exists: never overwrite
    except FileExistsError:
        raise ValueError(f"{rel(folder, root)}/ already exists. Nothing was changed.") from None
    page = folder / "index.md"
    text = TEMPLATE.format(title=json.dumps(title, ensure_ascii=False), today=dt.date.today().isoformat())
    with open(page, "x", encoding="utf-8") as handle:  # "x": never overwrite
        handle.write(text)
    return page


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="new_module.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("course", help=f"the course folder: {', '.join(COURSES)}")
    parser.add_argument("title", help="the module title, in quotes")
    parser.add_argument("--root", type=Path, default=ROOT, help="the repository (default: this one)")
    args = parser.parse_args(argv)
    try:
        page = create(args.root.resolve(), args.course.strip().strip("/"), args.title)
    except ValueError as error:
        print(f"new_module: {error}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as error:
        print(f"new_module: could not create the module ({error.strerror}: {error.filename}).", file=sys.stderr)
        return EXIT_USAGE
    shown = rel(page, args.root.resolve())
    print(f"Created {shown}\nNext: fill in its front matter and text, then run `make check`.")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
