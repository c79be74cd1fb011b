"""The module checker (scripts/check_modules.py), the scaffold (scripts/new_module.py) and the
plugin that renders the contract (scripts/pacer/plugin.py).

Each bad-input case starts from a small project that passes, changes one thing, and checks the
exit status, the code, the file and the line the checker reports.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
import yaml
from lxml import html

from conftest import ROOT, mkdocs_build

sys.path.insert(0, str(ROOT / "scripts"))
import check_modules  # noqa: E402
import new_module  # noqa: E402
from pacer.model import contract  # noqa: E402
from pacer.rules import REGISTRY  # noqa: E402

# --- a small project that passes ------------------------------------------------------------

MODULE = "course1/01-interviewing/index.md"
SELF_CHECK = """
!!! self-check
    Which question is open?

    - [x] "What was waiting like for you?"
        Yes. It invites a story.
    - [ ] "Was the wait long?"
        Not quite. It can be answered with yes or no.
    - [ ] "Don't you agree the wait was too long?"
        Not quite. It tells the person what to answer.
"""
KEY_AT_B = """
!!! self-check
    Which question lets the person choose what to talk about?

    - [ ] "Did the nurse explain your medicine to you?"
        Not quite. It can be answered with yes or no.
    - [x] "Tell me about your last visit."
        Yes. It invites a story.
    - [ ] "Was your last visit better than the one before it?"
        Not quite. It asks for a comparison the person may not have made.
"""
KEY_AT_C = """
!!! self-check
    Which prompt follows up without leading?

    - [ ] "So you felt ignored by the clinic staff, right?"
        Not quite. It puts words in the person's mouth.
    - [ ] "Wouldn't you say the wait was far too long?"
        Not quite. It tells the person what to answer.
    - [x] "Can you say more about that?"
        Yes. It invites more without suggesting an answer.
"""
# Four self-checks with their keys at different places, as a good module has them.
SELF_CHECKS = SELF_CHECK + KEY_AT_B + KEY_AT_C + KEY_AT_B
# A self-check whose key is the longest option and sits at B: eight of them in a course are a cue.
CUED_CHECK = """
!!! self-check
    Which question is open?

    - [ ] "Was it long?"
        Not quite. It can be answered with yes or no.
    - [x] "What was waiting for care like for you, from one day to the next?"
        Yes. It invites a story.
    - [ ] "Was the wait bad?"
        Not quite. It can be answered with yes or no.
    - [ ] "Did it hurt?"
        Not quite. It can be answered with yes or no.
"""
# A "choose all that apply" question keyed at A and B; two of them key the same places.
SAME_KEYS_CHECK = """
!!! self-check
    Which questions are open? Choose all that apply.

    - [x] "What happened next?"
        Yes. It invites a story.
    - [x] "How did that feel?"
        Yes. It invites a story.
    - [ ] "Was it long?"
        Not quite. It can be answered with yes or no.
"""
GOOD_MODULE = """---
title: Interviewing with care
summary: >-
  How to plan an interview that invites stories.
duration: 60
phase: collect
spor: [inclusiveness, support]
objectives:
  - Draft an interview guide with open questions.
keypoints:
  - Open questions invite stories.
references: [kallio2016]
reviewed: 2026-11-26
---

Interviews let people tell their story [@kallio2016; @braun2006].

## Open questions { data-minutes="30" }

![A timeline of the three courses](images/timeline.png)

Read [the SPOR framework](../index.md) first.

!!! activity "Activity: draft three open questions"
    Write three questions about waiting for care.

??? answer "Model answer (try the activity first)"
    "What was waiting like for you?" invites a story.

!!! reflection "Reflection questions"
    1. Which question was hardest to make open?
    2. What did you learn about your own habits?
    3. What would you ask next time?

??? facilitator "Facilitator notes"
    **Timing:** 20 minutes.

## Check your understanding { data-minutes="30" }
""" + SELF_CHECKS
GOOD_NOTEBOOK = """# %% [markdown]
# # Counting concerns
#
# All data here is synthetic.

# %%
print("hello")
"""
GOOD_FILES = {
    "docs/_data/bibliography.yml": """\
- key: kallio2016
  type: article
  authors: [Kallio H, Pietilä A-M]
  year: 2016
  title: Developing a framework for a qualitative semi-structured interview guide
  journal: Journal of Advanced Nursing
- key: braun2006
  type: article
  authors: [Braun V, Clarke V]
  year: 2006
  title: Using thematic analysis in psychology
  journal: Qualitative Research in Psychology
""",
    "docs/_data/glossary.yml": """\
- term: Member checking
  definition: Sharing findings with the people who took part.
  aliases: [member check]
  see: [Theme]
- term: Theme
  definition: A pattern of shared meaning across the data.
""",
    "docs/index.md": "# Home\n\nSee [@braun2006].\n",
    **{f"course{n}/index.md": f"---\ntitle: Course {n}\nsummary: About course {n}.\n---\n\nText.\n\n"
                              f"{contract.COURSE_MODULES_MARKER}\n" for n in (1, 2, 3)},
    MODULE: GOOD_MODULE,
    "course1/01-interviewing/images/timeline.png": "",
    "course1/01-interviewing/worked-example-guide.md": "---\ntitle: A worked example\nsummary: One guide, step by step.\n---\n\nText.\n",
    "course1/01-interviewing/count.py": GOOD_NOTEBOOK,
    "course1/01-interviewing/data/ABOUT.txt": "SYNTHETIC DATA: invented notes for teaching.\n",
    "course1/01-interviewing/data/notes.csv": "speaker,concern,age\nP1,waiting times,60s\nP2,travel to the clinic,40s\n",
    "course1/01-interviewing/data/transcript.txt": "SYNTHETIC DATA: an invented interview.\nP1: I waited 3 months for a call back.\n",
    "course1/01-interviewing/data/people.yml": "# SYNTHETIC DATA: invented people\n- name: Amira\n  age: 64\n",
}

TEMPLATE = "docs/workbook/interview-guide.md"
GOOD_TEMPLATE = """---
title: Interview guide
purpose: Plan an interview that invites stories.
who: The interviewers.
modules: [course1/01-interviewing]
formats: [docx, odt, pdf]
---

## Questions

| Question | Prompts |
| --- | --- |
| | |
"""


def template_with(old: str, new: str) -> str:
    assert old in GOOD_TEMPLATE, old
    return GOOD_TEMPLATE.replace(old, new, 1)


def write_project(root: Path, files: dict[str, str | bytes | None]) -> Path:
    for name, content in files.items():
        target = root / name
        if content is None:
            if target.is_dir():
                shutil.rmtree(target)
            elif target.exists():
                target.unlink()
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    return root


@pytest.fixture
def project(tmp_path) -> Path:
    return write_project(tmp_path / "repo", GOOD_FILES)


def run_checker(root: Path, *paths: str, github: bool = False) -> tuple[int, str, str]:
    """Run the checker in this process (fast); return exit status, stdout, stderr."""
    out, err = io.StringIO(), io.StringIO()
    before = os.environ.get("GITHUB_ACTIONS")
    os.environ["GITHUB_ACTIONS"] = "true" if github else "false"
    try:
        with redirect_stdout(out), redirect_stderr(err):
            status = check_modules.main(["--root", str(root), *paths])
    finally:
        if before is None:
            os.environ.pop("GITHUB_ACTIONS", None)
        else:
            os.environ["GITHUB_ACTIONS"] = before
    return status, out.getvalue(), err.getvalue()


def module_with(old: str, new: str) -> str:
    assert old in GOOD_MODULE, old
    return GOOD_MODULE.replace(old, new, 1)


def line_in(text: str, needle: str) -> int:
    """The 1-based line of the first line containing ``needle``."""
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def test_the_small_project_passes(project):
    status, out, err = run_checker(project)
    assert (status, out, err) == (0, "", "")


# --- one case per kind of bad input: (files to change, code, file, line) ---------------------

LONG = "word " * 90
BAD_YAML = module_with("phase: collect", "phase: collect: now")
CASES = {
    "not utf-8": ({MODULE: GOOD_MODULE.encode("utf-8") + b"\nCaf\xe9\n"}, "MOD001", MODULE, 80),
    "empty page": ({MODULE: ""}, "MOD002", MODULE, 1),
    "yaml does not parse": ({MODULE: BAD_YAML}, "MOD003", MODULE, 6),
    "front matter is a list": ({MODULE: "---\n- title\n- summary\n---\n\nText.\n"}, "MOD004", MODULE, 2),
    "no front matter": ({"course1/01-interviewing/worked-example-guide.md": "Text only.\n"}, "MOD004",
                        "course1/01-interviewing/worked-example-guide.md", 1),
    "missing key": ({MODULE: module_with("duration: 60\n", "")}, "MOD005", MODULE, 2),
    "unknown key": ({MODULE: module_with("phase: collect\n", "phase: collect\nauthor: Sam\n")}, "MOD006", MODULE, 7),
    "wrong type": ({MODULE: module_with("objectives:\n  - Draft an interview guide with open questions.",
                                        "objectives: Draft an interview guide.")}, "MOD007", MODULE, 8),
    "empty list": ({MODULE: module_with("keypoints:\n  - Open questions invite stories.", "keypoints: []")},
                   "MOD008", MODULE, 10),
    "phase outside its set": ({MODULE: module_with("phase: collect", "phase: gather")}, "MOD009", MODULE, 6),
    "spor outside its set": ({MODULE: module_with("spor: [inclusiveness, support]", "spor:\n  - inclusiveness\n  - kindness")},
                             "MOD010", MODULE, 9),
    "duration not whole minutes": ({MODULE: module_with("duration: 60", "duration: 1.5")}, "MOD011", MODULE, 5),
    "duration as text": ({MODULE: module_with("duration: 60", "duration: 3 hours")}, "MOD011", MODULE, 5),
    "duration zero": ({MODULE: module_with("duration: 60", "duration: 0")}, "MOD011", MODULE, 5),
    "date that is not a date": ({MODULE: module_with("reviewed: 2026-11-26", "reviewed: 2026-13-45")}, "MOD012", MODULE, 13),
    "date as words": ({MODULE: module_with("reviewed: 2026-11-26", "reviewed: next spring")}, "MOD012", MODULE, 13),
    "summary too long": ({MODULE: module_with("How to plan an interview that invites stories.", LONG)}, "MOD013", MODULE, 3),
    "folder name": ({"course2/1-intro/index.md": GOOD_MODULE}, "MOD101", "course2/1-intro", 1),
    "numbering gap": ({"course1/03-coding/index.md": GOOD_MODULE}, "MOD102", "course1/03-coding", 1),
    "duplicate number": ({"course1/01-coding/index.md": GOOD_MODULE}, "MOD103", "course1/01-interviewing", 1),
    "module without index.md": ({"course1/02-coding/notes.md": "---\ntitle: N\nsummary: S\n---\n"}, "MOD104", "course1/02-coding", 1),
    "course folder missing": ({"course3": None}, "MOD105", "course3", 1),
    "course page without marker": ({"course2/index.md": "---\ntitle: Course 2\nsummary: About.\n---\n\nText.\n"},
                                   "MOD106", "course2/index.md", 5),
    "reference not in bibliography": ({MODULE: module_with("references: [kallio2016]", "references:\n  - kallio2016\n  - smith2020")},
                                      "MOD201", MODULE, 14),
    "citation not in bibliography": ({MODULE: module_with("[@kallio2016; @braun2006]", "[@kallio2016; @nobody1999]")},
                                     "MOD202", MODULE, 16),
    "citation in docs not in bibliography": ({"docs/index.md": "# Home\n\nSee\n[@nobody1999].\n"}, "MOD202", "docs/index.md", 4),
    "bibliography yaml broken": ({"docs/_data/bibliography.yml": "- key: a\n  title: [unclosed\n"}, "MOD203",
                                 "docs/_data/bibliography.yml", 3),
    "bibliography missing field": ({"docs/_data/bibliography.yml": GOOD_FILES["docs/_data/bibliography.yml"]
                                    + "- key: tong2007\n  title: COREQ\n"}, "MOD204", "docs/_data/bibliography.yml", 13),
    "bibliography duplicate key": ({"docs/_data/bibliography.yml": GOOD_FILES["docs/_data/bibliography.yml"]
                                    + "- key: braun2006\n  type: book\n  title: Again\n"}, "MOD205", "docs/_data/bibliography.yml", 13),
    "bibliography entry without year or source": ({"docs/_data/bibliography.yml": GOOD_FILES["docs/_data/bibliography.yml"]
                                                   + "- key: tong2007\n  type: article\n  authors: [Tong A]\n  title: COREQ\n"},
                                                  "MOD209", "docs/_data/bibliography.yml", 13),
    "citing an unverified source": ({"docs/_data/bibliography.yml": GOOD_FILES["docs/_data/bibliography.yml"]
                                     + "- key: rumour2020\n  type: web\n  no_authors: true\n  year: n.d.\n  title: R\n"
                                       "  url: https://example.org/\n  status: unverified\n",
                                     "docs/index.md": "# Home\n\nSee [@rumour2020].\n"}, "MOD210", "docs/index.md", 3),
    "crisis line typed by hand": ({"docs/index.md": "# Home\n\nIn a crisis, call or text 9-8-8.\n"}, "MOD408", "docs/index.md", 3),
    "glossary missing definition": ({"docs/_data/glossary.yml": GOOD_FILES["docs/_data/glossary.yml"] + "- term: Code\n"},
                                    "MOD206", "docs/_data/glossary.yml", 7),
    "glossary duplicate alias": ({"docs/_data/glossary.yml": GOOD_FILES["docs/_data/glossary.yml"]
                                  + "- term: Checking\n  definition: Checking.\n  aliases: [Member checking]\n"},
                                 "MOD207", "docs/_data/glossary.yml", 7),
    "glossary see unknown term": ({"docs/_data/glossary.yml": GOOD_FILES["docs/_data/glossary.yml"]
                                   + "- term: Code\n  definition: A label.\n  see: [Codebook]\n"},
                                  "MOD208", "docs/_data/glossary.yml", 7),
    "glossary yaml broken": ({"docs/_data/glossary.yml": "- term: A\n  definition: [\n"}, "MOD203", "docs/_data/glossary.yml", 3),
    "no activity": ({MODULE: module_with('!!! activity "Activity: draft three open questions"', '!!! note "A note"')},
                    "MOD301", MODULE, 15),
    "no reflection": ({MODULE: module_with('!!! reflection "Reflection questions"', '!!! question "Questions"')},
                      "MOD302", MODULE, 15),
    "two reflections": ({MODULE: GOOD_MODULE + '\n!!! reflection "More"\n    1. a\n    2. b\n    3. c\n'}, "MOD302", MODULE, 80),
    "reflection with two questions": ({MODULE: module_with("    3. What would you ask next time?\n", "")}, "MOD303", MODULE, 30),
    "reflection questions not numbered": ({MODULE: module_with("    1. Which", "    - Which").replace("    2. What", "    - What")
                                           .replace("    3. What", "    - What")}, "MOD303", MODULE, 30),
    "block type not allowed": ({MODULE: GOOD_MODULE + '\n!!! danger "Careful"\n    Text.\n'}, "MOD304", MODULE, 80),
    "body h1": ({MODULE: module_with("## Open questions", "# Open questions")}, "MOD305", MODULE, 18),
    "generated section repeated": ({MODULE: module_with("## Open questions", "## Learning objectives")}, "MOD306", MODULE, 18),
    "heading skips a level": ({MODULE: module_with("## Open questions", "## Open questions\n\n#### Too deep")}, "MOD307", MODULE, 20),
    "image missing": ({"course1/01-interviewing/images/timeline.png": None}, "MOD401", MODULE, 20),
    "image without alt text": ({MODULE: module_with("![A timeline of the three courses]", "![]")}, "MOD402", MODULE, 20),
    "html image without alt text": ({MODULE: module_with("Read [the", '<img src="images/timeline.png">\n\nRead [the')},
                                    "MOD402", MODULE, 22),
    "vague link text": ({MODULE: module_with("Read [the SPOR framework](../index.md) first.",
                                             "Some text\nand [click here](../index.md).")}, "MOD403", MODULE, 23),
    "image from another host": ({MODULE: module_with("(images/timeline.png)", "(https://example.org/t.png)")},
                                "MOD404", MODULE, 20),
    "script element": ({MODULE: module_with("Read [the", "<script>alert(1)</script>\n\nRead [the")}, "MOD405", MODULE, 22),
    "iframe in an activity": ({MODULE: module_with("    Write three questions about waiting for care.",
                                                   '    <iframe src="x.html"></iframe>')}, "MOD405", MODULE, 25),
    "event attribute": ({MODULE: module_with("Read [the", 'A <span onclick="steal()">word</span>.\n\nRead [the')},
                        "MOD405", MODULE, 22),
    "javascript link": ({MODULE: module_with("(../index.md)", "(javascript:alert(1))")}, "MOD405", MODULE, 22),
    "notebook does not parse": ({"course1/01-interviewing/count.py": GOOD_NOTEBOOK + "print(\n"}, "MOD501",
                                "course1/01-interviewing/count.py", 8),
    "notebook starts with code": ({"course1/01-interviewing/count.py": "# %%\nprint(1)\n"}, "MOD502",
                                  "course1/01-interviewing/count.py", 1),
    "ipynb with an error output": ({"course1/01-interviewing/old.ipynb": (
        '{"cells": [\n {"cell_type": "markdown", "source": ["# Title"], "metadata": {}},\n'
        ' {"cell_type": "code", "source": ["1/0"], "metadata": {}, "execution_count": 1, "outputs": [\n'
        '  {"output_type": "error", "ename": "ZeroDivisionError", "evalue": "", "traceback": []}]}\n'
        '], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}\n')}, "MOD503", "course1/01-interviewing/old.ipynb", 4),
    "text data not labelled": ({"course1/01-interviewing/data/transcript.txt": "P1: I waited.\n"}, "MOD601",
                               "course1/01-interviewing/data/transcript.txt", 1),
    "csv without ABOUT.txt": ({"course1/01-interviewing/data/ABOUT.txt": None}, "MOD601",
                              "course1/01-interviewing/data/notes.csv", 1),
    "yaml data not labelled": ({"course1/01-interviewing/data/people.yml": "- name: Amira\n"}, "MOD601",
                               "course1/01-interviewing/data/people.yml", 1),
    "email in data": ({"course1/01-interviewing/data/transcript.txt": "SYNTHETIC DATA\nWrite to amira.k@example.ca.\n"},
                      "MOD602", "course1/01-interviewing/data/transcript.txt", 2),
    "phone number in data": ({"course1/01-interviewing/data/notes.csv": "speaker,concern\nP1,call (403) 555-0199\n"},
                             "MOD603", "course1/01-interviewing/data/notes.csv", 2),
    "health number in data": ({"course1/01-interviewing/data/transcript.txt": "SYNTHETIC DATA\n\nMy card is 12345-6789.\n"},
                              "MOD604", "course1/01-interviewing/data/transcript.txt", 3),
    "postal code in data": ({"course1/01-interviewing/data/people.yml": "# SYNTHETIC DATA\n- name: Amira\n  home: T2N 1N4\n"},
                            "MOD605", "course1/01-interviewing/data/people.yml", 3),
    "date of birth in data": ({"course1/01-interviewing/data/transcript.txt": "SYNTHETIC DATA\nP2: I was born on 12 March 1961.\n"},
                              "MOD606", "course1/01-interviewing/data/transcript.txt", 2),
    # --- names, types and shapes of files; symbolic links and size
    "file name with markup characters": ({'docs/a"><b.md': "# A\n"}, "MOD016", 'docs/a"><b.md', 1),
    "a web page in a module folder": ({"course1/01-interviewing/page.html": "<p>x</p>\n"}, "MOD017",
                                      "course1/01-interviewing/page.html", 1),
    "an SVG file in docs": ({"docs/figure.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>\n"}, "MOD017", "docs/figure.svg", 1),
    "facilitator notes in a notebook": ({"course1/01-interviewing/explore.py": "# %% [markdown]\n# Text.\n#\n# ??? facilitator \"Notes\"\n#     Secret.\n"},
                                        "MOD018", "course1/01-interviewing/explore.py", 4),
    "a list nested too deep": ({"docs/index.md": "# Home\n\n" + "".join("    " * i + "- x\n" for i in range(30))},
                               "MOD019", "docs/index.md", 20),
    "a heading with thousands of spaces": ({"docs/index.md": "# Home\n\n##" + " " * 5000 + "x\n"}, "MOD019", "docs/index.md", 3),
    "YAML aliases in front matter": ({"docs/index.md": "---\ntitle: &a Home\nsummary: *a\n---\n# Home\n"}, "MOD003", "docs/index.md", 2),
    "a theme template named in front matter": ({"docs/index.md": "---\ntitle: Home\ntemplate: ../../etc/x.html\n---\n# Home\n"},
                                               "MOD006", "docs/index.md", 3),
    "page too large": ({"course1/01-interviewing/long.md": "---\ntitle: L\nsummary: S\n---\n\n" + "word " * 70_000},
                       "MOD014", "course1/01-interviewing/long.md", 1),
    # --- the learning loop
    "activity without answer": ({MODULE: module_with('??? answer "Model answer (try the activity first)"\n    "What was waiting like for you?" invites a story.\n', "")},
                                "MOD310", MODULE, 24),
    "answer not straight after the activity": ({MODULE: module_with('??? answer "Model answer', 'Some text.\n\n??? answer "Model answer')},
                                               "MOD310", MODULE, 24),
    "too few self-checks": ({MODULE: GOOD_MODULE.split("\n!!! self-check")[0] + SELF_CHECK}, "MOD311", MODULE, 15),
    "self-check without question": ({MODULE: GOOD_MODULE + SELF_CHECK.replace("    Which question is open?\n\n", "")},
                                    "MOD312", MODULE, 80),
    "self-check option malformed": ({MODULE: GOOD_MODULE + SELF_CHECK.replace("- [ ] \"Was", "- [?] \"Was")}, "MOD313", MODULE, 86),
    "self-check with two options": ({MODULE: GOOD_MODULE + SELF_CHECK.split("    - [ ] \"Don't")[0]}, "MOD314", MODULE, 80),
    "self-check without correct option": ({MODULE: GOOD_MODULE + SELF_CHECK.replace("[x]", "[ ]")}, "MOD315", MODULE, 80),
    "self-check option without feedback": ({MODULE: GOOD_MODULE + SELF_CHECK.replace("        Yes. It invites a story.\n", "")},
                                           "MOD316", MODULE, 83),
    "part without time": ({MODULE: module_with('## Open questions { data-minutes="30" }', "## Open questions")}, "MOD317", MODULE, 18),
    "part too long": ({MODULE: module_with('data-minutes="30"', 'data-minutes="45"').replace(
        'data-minutes="40"', 'data-minutes="45"')}, "MOD318", MODULE, 18),
    "parts do not add up": ({MODULE: module_with("duration: 60", "duration: 200")}, "MOD319", MODULE, 15),
    "a consent item the consent script lost": ({
        "docs/workbook/consent-script.md": GOOD_TEMPLATE,
        "docs/_data/consent-items.yml": ("- item: How the results will be shared\n  source: kallio2016\n"
                                         "  found: We will share what we learn\n")}, "MOD807", "docs/workbook/consent-script.md", 1),
    "the key is the longest option": ({MODULE: GOOD_MODULE + CUED_CHECK * 8}, "MOD320", "course1/index.md", 1),
    "the keys sit at one letter": ({MODULE: GOOD_MODULE + CUED_CHECK * 8}, "MOD321", "course1/index.md", 1),
    "guessing scores too well": ({MODULE: GOOD_MODULE + CUED_CHECK * 8}, "MOD322", "course1/index.md", 1),
    "every multiple-answer set keys the same options": ({MODULE: GOOD_MODULE + SAME_KEYS_CHECK * 2 + SELF_CHECK * 4},
                                                        "MOD323", "course1/index.md", 1),
    # --- facilitator-only content
    "no facilitator notes": ({MODULE: module_with('??? facilitator "Facilitator notes"\n    **Timing:** 20 minutes.\n', "")},
                             "MOD701", MODULE, 15),
    "facilitator notes nested": ({MODULE: module_with('??? facilitator "Facilitator notes"\n    **Timing:** 20 minutes.\n',
                                                      '!!! note "Note"\n    Text.\n\n    ??? facilitator "Facilitator notes"\n        **Timing:** 20 minutes.\n')},
                                 "MOD702", MODULE, 38),
    "facilitator block unreadable": ({MODULE: module_with('??? facilitator "Facilitator notes"', '??? facilitator "Facilitator notes')},
                                     "MOD703", MODULE, 35),
    # --- raw HTML the site does not publish, and snippets
    "style element in docs": ({"docs/index.md": "# Home\n\n<style>@import url(//example.org/x.css);</style>\n"},
                              "MOD406", "docs/index.md", 3),
    "base element split over lines": ({"docs/index.md": "# Home\n\n<base\nhref=\"//example.org/\">\n"}, "MOD406", "docs/index.md", 3),
    "event handler split over lines in docs": ({"docs/index.md": "# Home\n\nA <span\nonmouseover=\"x()\">word</span>.\n"},
                                               "MOD405", "docs/index.md", 3),
    "snippet outside the snippets folder": ({"docs/index.md": "# Home\n\n--8<-- \".git/config\"\n"}, "MOD407", "docs/index.md", 3),
    "formula-like value in data, one row per line": ({"course1/01-interviewing/data/notes.csv": "speaker,concern,change\nP1,waiting,-3\nP2,\"=HYPERLINK(\"\"http://x\"\")\",+1\n"},
                                   "MOD607", "course1/01-interviewing/data/notes.csv", 3),
    "birth date column in data": ({"course1/01-interviewing/data/notes.csv": "speaker,dob\nP1,the sixties\n"},
                                  "MOD606", "course1/01-interviewing/data/notes.csv", 1),
    "formula-like value in data": ({"course1/01-interviewing/data/notes.csv":
                                    "speaker,note\nP1,\"two\nlines\"\nP2,-1\nP3,\"=HYPERLINK(\"\"http://x\"\")\"\n"},
                                   "MOD607", "course1/01-interviewing/data/notes.csv", 5),
    # --- workbook templates
    "template without purpose": ({TEMPLATE: template_with("purpose: Plan an interview that invites stories.\n", "")},
                                 "MOD801", TEMPLATE, 2),
    "template names a module that does not exist": ({TEMPLATE: template_with(
        "modules: [course1/01-interviewing]", "modules:\n  - course1/01-interviewing\n  - course1/09-nothing")}, "MOD802", TEMPLATE, 7),
    "template without a PDF": ({TEMPLATE: template_with("formats: [docx, odt, pdf]", "formats: [docx, odt]")}, "MOD803", TEMPLATE, 6),
    "spreadsheet template without columns": ({TEMPLATE: template_with("formats: [docx, odt, pdf]", "formats: [xlsx, ods, docx, pdf]")},
                                             "MOD804", TEMPLATE, 6),
    "template table row with too many cells": ({TEMPLATE: GOOD_TEMPLATE + "| a | b | c |\n"}, "MOD805", TEMPLATE, 14),
    "template with facilitator notes": ({TEMPLATE: GOOD_TEMPLATE + '\n??? facilitator "Notes"\n    Secret.\n'}, "MOD808", TEMPLATE, 15),
    "template table without its separator line": ({TEMPLATE: template_with("| --- | --- |\n", "")}, "MOD805", TEMPLATE, 11),
    "link to a template that does not exist": ({MODULE: module_with("Read [the SPOR framework](../index.md) first.",
                                                                    "Read [the interview guide](../../workbook/nothing.md) first.")},
                                               "MOD806", MODULE, 22),
}


@pytest.mark.parametrize("case", list(CASES))
def test_each_kind_of_bad_input_is_reported_on_its_file_and_line(project, case):
    changes, code, path, line = CASES[case]
    write_project(project, changes)
    status, out, err = run_checker(project)
    assert err == "", f"the checker could not run: {err}"
    assert status == 1, out
    found = [row for row in out.splitlines() if f" {code} " in row]
    assert found, f"no {code} in:\n{out}"
    assert any(row.startswith(f"{path}:{line}:") for row in found), f"expected {path}:{line} for {code}, got:\n{out}"
    assert all(" Fix: " in row for row in out.splitlines()), out


def test_every_code_has_a_case_and_every_case_a_registered_code():
    tested = {code for _, code, _, _ in CASES.values()} | {"MOD015"}  # symbolic links: their own test below
    module_codes = {code for code in REGISTRY if code.startswith("MOD")}
    assert tested == module_codes, f"codes without a case: {set(REGISTRY) - tested}; unknown: {tested - set(REGISTRY)}"


def test_message_format_and_github_annotations(project):
    write_project(project, {MODULE: module_with("phase: collect", "phase: gather")})
    status, out, _ = run_checker(project, github=True)
    lines = out.splitlines()
    assert status == 1
    assert re.fullmatch(r"course1/01-interviewing/index\.md:6:1: MOD009 `phase` is \"gather\", but must be one of set, collect, reflect, all\. Fix: .+", lines[0])
    assert lines[1].startswith("::error file=course1/01-interviewing/index.md,line=6,col=1::MOD009 ")


def test_changed_files_only_and_paths_that_do_not_exist(project):
    write_project(project, {"course2/01-x/index.md": module_with("phase: collect", "phase: gather")})
    status, out, _ = run_checker(project, str(project / MODULE))
    assert (status, out) == (0, ""), "checking one good file must not report other files"
    status, out, _ = run_checker(project, str(project / "course2/01-x/index.md"))
    assert status == 1 and "course2/01-x/index.md:6:1: MOD009" in out
    status, out, err = run_checker(project, str(project / "course9"))
    assert status == 2 and "no such file or folder" in err and out == ""


def test_no_input_makes_the_checker_crash_or_change_files(project):
    strange = {
        "binary.md": b"\x00\x01\x02\xff", "only-dashes.md": "---\n", "null.md": "---\nnull\n---\n",
        "tabs.md": "---\ntitle:\t[\n---\n", "deep.md": "---\ntitle: " + "[" * 300 + "\n---\n",
        "index-as-number.md": "---\n1: 2\n---\n", "weird-block.md": "---\ntitle: T\nsummary: S\n---\n\n!!!\n???+\n    x\n",
    }
    write_project(project, {f"course1/01-interviewing/{name}": text for name, text in strange.items()})
    write_project(project, {"course1/01-interviewing/data/b.csv": b"\xff\xfe", "course1/01-interviewing/bad.ipynb": "[1, 2]",
                            "course1/01-interviewing/null.py": "\x00", MODULE: "---\nreviewed: 2026-02-30\n---\n",
                            "docs/_data/glossary.yml": "- term: [a]\n  definition: {}\n- 3\n", "docs/_data/bibliography.yml": "{}"})
    before = {p: p.read_bytes() for p in project.rglob("*") if p.is_file()}
    status, out, err = run_checker(project)
    assert status == 1, out
    assert err == "", f"the checker failed instead of reporting: {err}"
    assert all(re.match(r"^[^:]+:\d+:\d+: MOD\d{3} ", row) for row in out.splitlines()), out
    assert {p: p.read_bytes() for p in project.rglob("*") if p.is_file()} == before


def test_command_line_help_and_exit_status(project):
    script = str(ROOT / "scripts" / "check_modules.py")
    help_text = subprocess.run([sys.executable, script, "--help"], capture_output=True, text=True)
    assert help_text.returncode == 0 and "usage:" in help_text.stdout and "Exit status" in help_text.stdout
    write_project(project, {MODULE: ""})
    bad = subprocess.run([sys.executable, script, "--root", str(project)], capture_output=True, text=True)
    assert bad.returncode == 1 and "MOD002" in bad.stdout and "Traceback" not in bad.stderr


def test_the_real_repository_passes():
    """How the checker runs in `make test`: on the whole repository, as a command."""
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "check_modules.py")], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, f"the real content does not pass the module checker:\n{result.stdout}{result.stderr}"
    assert result.stderr == ""
    # Its speed is measured by `make bench` (scripts/bench.py), not by a timed test.




# --- the scaffold ---------------------------------------------------------------------------

@pytest.fixture
def repo_copy(project):
    """The small project with the real bibliography and glossary (the template cites real keys)."""
    shutil.copytree(ROOT / "docs" / "_data", project / "docs" / "_data", dirs_exist_ok=True)
    write_project(project, {"docs/index.md": "# Home\n"})
    return project


def test_a_new_module_passes_the_checker(repo_copy):
    out = io.StringIO()
    with redirect_stdout(out):
        status = new_module.main(["course1", "Interviewing with care: a second look", "--root", str(repo_copy)])
    assert status == 0
    page = repo_copy / "course1" / "02-interviewing-with-care-a-second-look" / "index.md"
    assert page.is_file(), out.getvalue()
    assert yaml.safe_load(page.read_text().split("---")[1])["title"] == "Interviewing with care: a second look"
    assert run_checker(repo_copy) == (0, "", "")


def test_the_scaffold_refuses_to_overwrite_and_bad_input(repo_copy):
    first = new_module.main(["course2", "Focus groups", "--root", str(repo_copy)])
    page = repo_copy / "course2" / "01-focus-groups" / "index.md"
    page.write_text("edited", encoding="utf-8")
    err = io.StringIO()
    with redirect_stderr(err):
        again = new_module.main(["course2", "Focus groups", "--root", str(repo_copy)])
        unknown = new_module.main(["course7", "Focus groups", "--root", str(repo_copy)])
        empty = new_module.main(["course2", "   ", "--root", str(repo_copy)])
    assert (first, again, unknown, empty) == (0, 2, 2, 2)
    assert page.read_text() == "edited"
    messages = err.getvalue()
    assert "already exists" in messages and "\"course7\" is not a course" in messages and "title is empty" in messages
    assert sorted(p.name for p in (repo_copy / "course2").iterdir()) == ["01-focus-groups", "index.md"]


# --- the theme renders the contract (the real site, built once per session) ------------------

def _page(built_site, source: str):
    relative = source.removesuffix("index.md").removesuffix(".md")
    return html.parse(str(built_site.site / relative / "index.html")).getroot()


def _real_modules():
    found = []
    for course in ("course1", "course2", "course3"):
        for index in sorted((ROOT / course).glob("[0-9][0-9]-*/index.md")):
            meta = yaml.safe_load(index.read_text(encoding="utf-8").split("---")[1])
            found.append((index.relative_to(ROOT).as_posix(), meta))
    assert found, "the repository has no module"
    return found


def test_module_pages_show_their_front_matter(built_site):
    for source, meta in _real_modules():
        page = _page(built_site, source)
        key = source.removesuffix("/index.md")
        header = page.cssselect(f'[data-pacer-module="{key}"]')
        assert header, f"{source}: no element with data-pacer-module={key}"
        objectives = header[0].xpath('.//h2[@id="objectives"]/following-sibling::ul[1]/li')
        assert len(objectives) == len(meta["objectives"]), source
        badges = [b.text_content().strip() for b in header[0].cssselect(".pacer-badge")]
        assert badges == [contract.PRINCIPLES[p][0] for p in meta["spor"]], source
        facts = header[0].cssselect(".pacer-module-facts")[0].text_content()
        assert contract.format_duration(meta["duration"]) in facts and contract.PHASES[meta["phase"]] in facts
        references = page.cssselect(".pacer-module-footer .pacer-reference-list > li")
        assert len(references) >= len(set(meta["references"])), source
        assert page.cssselect(".pacer-reviewed time")[0].get("datetime") == str(meta["reviewed"])


def test_citations_link_to_the_references_page(built_site):
    references = _page(built_site, "references.md")
    anchors = {li.get("id") for li in references.cssselect("ul.pacer-references > li")}
    keys = {entry["key"] for entry in yaml.safe_load((ROOT / "docs/_data/bibliography.yml").read_text(encoding="utf-8"))}
    assert anchors == keys
    cited = [a for p in built_site.site.rglob("*.html") for a in html.parse(str(p)).getroot().iter("a")
             if re.search(r"references/#[a-z0-9-]+$", a.get("href") or "")] if anchors else []
    assert cited, "no page links a citation to the references page"
    assert all(re.search(r"\d{4}|[A-Za-z]", a.text_content()) and not a.get("href").startswith(("/", "http")) for a in cited)


def test_course_tables_and_generated_pages(built_site):
    tables = 0
    for course in ("course1", "course2", "course3"):
        if contract.COURSE_MODULES_MARKER not in (ROOT / course / "index.md").read_text(encoding="utf-8"):
            continue
        rows = _page(built_site, f"{course}/index.md").cssselect("tr[data-pacer-module]")
        assert [r.get("data-pacer-module") for r in rows] == [
            p.parent.relative_to(ROOT).as_posix() for p in sorted((ROOT / course).glob("[0-9][0-9]-*/index.md"))]
        tables += 1
    assert tables, "no course page has its module table"
    coverage = _page(built_site, "spor/coverage.md")
    headers = [th.text_content() for th in coverage.cssselect("thead th[scope=col]")]
    assert all(name in headers for name, _ in contract.PRINCIPLES.values())
    codes = _page(built_site, "instructors/checker-codes.md").text_content()
    assert all(code in codes and entry.fix.split("`")[0][:30] in codes for code, entry in REGISTRY.items())
    glossary = _page(built_site, "glossary.md")
    terms = yaml.safe_load((ROOT / "docs/_data/glossary.yml").read_text(encoding="utf-8"))
    assert len(glossary.cssselect("dl.pacer-glossary > dt[id]")) == len(terms)


def test_glossary_terms_link_to_their_entry_at_first_use(built_site):
    definitions = {" ".join(t["definition"].split()) for t in yaml.safe_load((ROOT / "docs/_data/glossary.yml").read_text(encoding="utf-8"))}
    page = _page(built_site, "index.md")
    terms = page.cssselect("article a.pacer-term[title]")
    assert {a.get("title") for a in terms} & definitions, "the home page shows no glossary term"
    targets = [a.get("href") for a in terms]
    assert all(re.fullmatch(r"glossary/#term-[a-z0-9-]+", t) for t in targets), targets
    assert len(targets) == len(set(targets)), f"a term is marked twice on the home page: {sorted(targets)}"
    assert not page.cssselect("article abbr"), "later uses of a glossary term are plain text"


def test_unknown_citation_stops_the_build_with_file_and_line(make_project, tmp_path):
    project = make_project({"course1/01-x/index.md": module_with("[@kallio2016; @braun2006]", "[@kallio2016; @nobody1999]")})
    build = mkdocs_build(project, tmp_path / "out")
    assert build.returncode != 0
    assert "course1/01-x/index.md:16:40: MOD202 [@nobody1999] is not a key in the bibliography" in build.log, build.log


def test_unknown_front_matter_reference_stops_the_build_and_bad_phase_is_left_out(make_project, tmp_path):
    project = make_project({
        "course1/01-x/index.md": module_with("references: [kallio2016]", "references:\n  - kallio2016\n  - smith2020"),
    })
    build = mkdocs_build(project, tmp_path / "out")
    assert build.returncode != 0
    assert "course1/01-x/index.md:14:1: MOD201 `smith2020` is not a key in the bibliography" in build.log, build.log
    # Front matter the checker rejects does not stop the build: the page shows what is valid.
    write_project(project, {"course1/01-x/index.md": module_with("phase: collect", "phase: gather"),
                            "course1/01-x/images/timeline.png": ""})
    build = mkdocs_build(project, tmp_path / "out2")
    assert build.returncode == 0, build.log
    header = html.parse(str(tmp_path / "out2/course1/01-x/index.html")).getroot().cssselect('[data-pacer-module="course1/01-x"]')[0]
    facts = header.cssselect(".pacer-module-facts")[0].text_content()
    assert "1 hour" in facts and "Phase" not in facts and "gather" not in facts.lower()


def test_make_new_module_hands_the_title_over_exactly():
    title = 'Costs $5, "quotes" and it\'s fine'
    dry = subprocess.run(["make", "-n", "new-module", "COURSE=course2", f"TITLE={title}"], cwd=ROOT,
                         capture_output=True, text=True)
    assert dry.returncode == 0, dry.stderr
    command = next(line for line in dry.stdout.splitlines() if "new_module.py" in line)
    import shlex
    assert shlex.split(command)[-2:] == ["course2", title], command


def test_every_registered_code_is_emitted_and_every_emitted_code_registered():
    """The registry holds no code that nothing can print (authors would look for it in vain),
    and nothing prints a code it does not hold."""
    scripts = ROOT / "scripts"
    sources = "\n".join(path.read_text(encoding="utf-8") for path in scripts.rglob("*.py")
                        if path.name != "rules.py" and "devtools" not in path.parts)
    emitted = set(re.findall(r"\b(?:MOD|LNK|BLD)\d{3}\b", sources))
    assert emitted - set(REGISTRY) == set(), "codes printed but not registered"
    assert set(REGISTRY) - emitted == set(), "codes registered but never printed"
