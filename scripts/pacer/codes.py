"""Every code the module checker reports, with its one-line fix: the only place they are defined.

The checker prints ``CODE message Fix: ...`` from this registry, and the site's page
"Checker messages and how to fix them" is generated from it, so the two never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from pacer.report import Problem


@dataclass(frozen=True)
class Code:
    code: str
    what: str  # what the check found, in a few words
    fix: str   # what to do, in plain words


GROUPS = {
    "MOD0": "Files and front matter",
    "MOD1": "Course and module folders",
    "MOD2": "References and glossary",
    "MOD3": "Sections and blocks of a module",
    "MOD4": "Images, links and raw HTML",
    "MOD5": "Notebooks",
    "MOD6": "Synthetic data",
}

_CODES = [
    # --- files and front matter
    Code("MOD001", "the file is not UTF-8 text",
         "Save the file as UTF-8 (in most editors: Save with encoding, UTF-8)."),
    Code("MOD002", "the file is empty",
         "Write the page (start from `python scripts/new_module.py`) or delete the file."),
    Code("MOD003", "the front matter is not valid YAML",
         "Correct the YAML on the line shown: check the indentation, colons after keys and quotes around text with a colon."),
    Code("MOD004", "the front matter is missing or is not a list of `key: value` lines",
         "Start the page with a line `---`, then `key: value` lines (see the module contract), then a line `---`."),
    Code("MOD005", "a required front matter key is missing",
         "Add the key to the front matter (see the module contract for what it holds)."),
    Code("MOD006", "the front matter has a key the contract does not know",
         "Remove the key, or correct its spelling to one in the module contract."),
    Code("MOD007", "a front matter value has the wrong type",
         "Write the value in the form the module contract shows (text, a whole number, or a list)."),
    Code("MOD008", "a front matter list or text is empty",
         "Add at least one item (or some text), or remove the key if it is optional."),
    Code("MOD009", "the phase is not set, collect or reflect",
         "Write `phase: set`, `phase: collect` or `phase: reflect`."),
    Code("MOD010", "a SPOR principle is not one of the four",
         "Use only inclusiveness, support, mutual-respect and co-build, each at most once."),
    Code("MOD011", "the duration is not a positive whole number of minutes",
         "Write the learner time in whole minutes, for example `duration: 90` for an hour and a half."),
    Code("MOD012", "the review date is not a date",
         "Write the date as YYYY-MM-DD without quotes, for example `reviewed: 2026-11-26`."),
    Code("MOD013", "the summary is longer than 400 characters",
         "Shorten the summary to 1 to 3 plain sentences; move detail into the page."),
    # --- folders
    Code("MOD101", "a module folder name is not NN-slug",
         "Rename the folder to two digits, a hyphen and lower-case words joined by hyphens, like `03-focus-groups`."),
    Code("MOD102", "the module numbers do not run 01, 02, 03 ... without gaps",
         "Renumber the module folders so they start at 01 and have no gaps."),
    Code("MOD103", "two module folders have the same number",
         "Give each module folder its own number."),
    Code("MOD104", "a module folder has no index.md",
         "Add the module page `index.md` to the folder (start from `python scripts/new_module.py`)."),
    Code("MOD105", "a course folder or its index.md is missing",
         "Restore the course folder and its `index.md` (the course page)."),
    Code("MOD106", "the course page lacks the module-table marker",
         "Add a line `<!-- generated: course-modules -->` where the table of modules should appear."),
    # --- references and glossary
    Code("MOD201", "a front matter reference is not in the bibliography",
         "Use a key from docs/_data/bibliography.yml, or ask a maintainer to add the source there."),
    Code("MOD202", "a citation in the text is not in the bibliography",
         "Write the key exactly as in docs/_data/bibliography.yml, like `[@braun2006]`."),
    Code("MOD203", "the bibliography or glossary file is not valid YAML or not a list",
         "Correct the YAML on the line shown; each entry starts with `- key:` (bibliography) or `- term:` (glossary)."),
    Code("MOD204", "a bibliography entry has a missing or wrong field",
         "Give the entry the fields listed at the top of docs/_data/bibliography.yml."),
    Code("MOD205", "two bibliography entries have the same key",
         "Keep one entry per source; give a different source a different key."),
    Code("MOD206", "a glossary entry has a missing or wrong field",
         "Give the entry a `term` and a plain-language `definition` (see the top of docs/_data/glossary.yml)."),
    Code("MOD207", "a glossary term or alias appears twice",
         "Keep one entry per term; merge the two definitions or remove the repeated alias."),
    Code("MOD208", "a glossary `see` names a term that is not in the glossary",
         "Write the exact term of another glossary entry, or add that term."),
    # --- module sections and blocks
    Code("MOD301", "the module has no activity block",
         "Add at least one `!!! activity \"Activity: ...\"` block where learners practise an objective."),
    Code("MOD302", "the module does not have exactly one reflection block",
         "Keep one `!!! reflection \"Reflection questions\"` block (merge extra ones into it)."),
    Code("MOD303", "the reflection block has fewer than 3 numbered questions",
         "Write at least three reflection questions as a numbered list (1. 2. 3.) inside the block."),
    Code("MOD304", "a block type is not allowed",
         "Use one of the block types in the module contract, such as activity, reflection or note."),
    Code("MOD305", "the page body has a top-level # heading",
         "Remove the `# ...` heading: the title comes from the front matter. Use `##` for sections."),
    Code("MOD306", "the body repeats a section the site generates",
         "Remove this heading and its list: objectives, key points and references come from the front matter."),
    Code("MOD307", "a heading skips a level",
         "Use the next level down (after `##` comes `###`), without skipping."),
    # --- images, links, raw HTML
    Code("MOD401", "an image file does not exist",
         "Correct the image path (relative to this page) or add the image file."),
    Code("MOD402", "an image has no alt text",
         "Describe what the image shows inside the brackets: `![A timeline of the three courses](...)`."),
    Code("MOD403", "the link text does not say where the link goes",
         "Use words that name the destination, like `[the SPOR framework](...)`, instead of \"click here\"."),
    Code("MOD404", "an image is loaded from another website",
         "Save the image in the module's images/ folder and link to it there: the site loads nothing from other hosts."),
    Code("MOD405", "raw HTML could run code (script, iframe, object, embed, on...= or javascript:)",
         "Remove it; use plain Markdown. Ask a maintainer if you need an interactive element."),
    # --- notebooks
    Code("MOD501", "the notebook cannot be read",
         "Open it in Jupyter or a text editor and correct it; cells start with `# %%` or `# %% [markdown]`."),
    Code("MOD502", "the notebook does not start with a Markdown title",
         "Make the first cell `# %% [markdown]` with a line `# Title` as its first text."),
    Code("MOD503", "the notebook holds an error output",
         "Fix the cell and clear all outputs before committing (the site runs notebooks itself)."),
    # --- synthetic data
    Code("MOD601", "a data file is not labelled as synthetic",
         "Start it with `SYNTHETIC DATA` (.txt), `# SYNTHETIC DATA` (.yml), or add an ABOUT.txt beside .csv files."),
    Code("MOD602", "a data file seems to hold an email address",
         "Remove it; synthetic data never holds contact details, even invented ones."),
    Code("MOD603", "a data file seems to hold a phone number",
         "Remove it; synthetic data never holds contact details, even invented ones."),
    Code("MOD604", "a data file seems to hold a health number",
         "Remove it, or replace it with a label such as P1."),
    Code("MOD605", "a data file seems to hold a postal code",
         "Replace it with a general place (a city or \"a rural town\")."),
    Code("MOD606", "a data file seems to hold a date of birth",
         "Replace it with an age range, such as \"in her sixties\"."),
]

REGISTRY: dict[str, Code] = {code.code: code for code in _CODES}


def problem(path: str, line: int, code: str, detail: str, column: int = 1) -> Problem:
    """A problem with the detail found and the registered fix, in the report format."""
    fix = REGISTRY[code].fix  # a KeyError here is a bug in the checker, not in the content
    return Problem(path, max(int(line), 1), max(int(column), 1), code, f"{detail}. Fix: {fix}")
