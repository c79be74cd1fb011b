"""The one rule registry: every code the project can emit, with what it means and its fix.

Module checks (MOD), link checks (LNK) and build errors (BLD) are all defined here, once. The
checkers and the build print ``CODE message. Fix: ...`` from this registry, and the site's page
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
    "MOD7": "Facilitator-only content",
    "MOD8": "Workbook templates",
    "LNK1": "Links in the built site",
    "LNK2": "Links to other websites (optional check)",
    "BLD0": "Building the site",
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
    Code("MOD009", "the phase is not set, collect, reflect or all",
         "Write `phase: set`, `phase: collect`, `phase: reflect` or `phase: all`."),
    Code("MOD010", "a SPOR principle is not one of the four",
         "Use only inclusiveness, support, mutual-respect and co-build, each at most once."),
    Code("MOD011", "the duration is not a positive whole number of minutes",
         "Write the learner time in whole minutes, for example `duration: 90` for an hour and a half."),
    Code("MOD012", "the review date is not a date",
         "Write the date as YYYY-MM-DD without quotes, for example `reviewed: 2026-11-26`."),
    Code("MOD013", "the summary is longer than 400 characters",
         "Shorten the summary to 1 to 3 plain sentences; move detail into the page."),
    Code("MOD014", "the page is larger than 300 KB",
         "Split the page into several pages, or move long data into a data file."),
    Code("MOD015", "a file or folder is a symbolic link",
         "Replace the link with a real file (copy the content in); links could publish files from outside the site."),
    Code("MOD016", "a file or folder name has characters the site cannot publish safely",
         "Rename it using only letters, digits, '-', '_' and '.' (no spaces, quotes or brackets), and update the links to it."),
    Code("MOD017", "a file's type is not one the site publishes",
         "Use a type the site publishes (the message lists them and says what to use instead), or remove the file."),
    Code("MOD018", "a notebook holds a facilitator block",
         "Move the facilitator notes into the facilitator block of the module page: a notebook's text is shown to learners as it is."),
    Code("MOD019", "a line is indented or spaced more deeply than a page can be read safely",
         "Remove the extra spaces, and nest lists, quotes and blocks at most 16 levels deep."),
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
    Code("MOD209", "a bibliography entry lacks its authors, year, title or source",
         "Add `authors` (or `no_authors: true` and a `note` saying why), `year` (or `year: n.d.`), `title`, and a `journal`, `publisher`, `doi` or `url`."),
    Code("MOD210", "a page cites a source marked `status: unverified`",
         "Check the source and change its status in docs/_data/bibliography.yml, or cite a verified source instead."),
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
    Code("MOD310", "an activity is not followed by a model answer",
         "Right after the activity block, add `??? answer \"Model answer (try the activity first)\"` with a worked answer or an example and what a good answer includes."),
    Code("MOD311", "the module has fewer than 4 self-check questions",
         "Add `!!! self-check` blocks to the \"Check your understanding\" part until there are at least 4."),
    Code("MOD312", "a self-check has no question",
         "Write the question as the first paragraph inside the `!!! self-check` block, before the options."),
    Code("MOD313", "a self-check line is not an option or its feedback",
         "Write each option as `- [ ] text` (or `- [x] text` when correct) and indent its feedback 4 spaces under it."),
    Code("MOD314", "a self-check does not have 3 to 5 options",
         "Give the question 3, 4 or 5 options."),
    Code("MOD315", "a self-check has no correct option, or no wrong one",
         "Mark the correct option(s) with `[x]` and leave at least one wrong option `[ ]`."),
    Code("MOD316", "a self-check option has no feedback",
         "Under the option, indented 4 spaces, say why it is right, or which misunderstanding would lead someone to choose it."),
    Code("MOD317", "a part (a `##` heading) has no time",
         "End the heading with its time in minutes, like `## Choosing your role { data-minutes=\"20\" }`."),
    Code("MOD318", "a part is longer than 30 minutes",
         "Split the part in two with another `##` heading, or move project work out of the module time."),
    Code("MOD319", "the parts do not add up to the module's duration",
         "Make `duration:` in the front matter the sum of the parts' minutes (within 10%)."),
    Code("MOD320", "in a course, the correct option of too many self-checks is the longest one",
         "Rework the questions named first: make the wrong options as long and as specific as the right one, or the right one shorter, so length gives nothing away."),
    Code("MOD321", "in a course, the keys of four-option self-checks sit too often (or too rarely) at one letter",
         "Move the correct option to another place in some of the questions named, so that each letter holds between 10% and 40% of the keys (the print answer key follows the page)."),
    Code("MOD322", "in a course, a guessing strategy scores too well on the self-checks",
         "Rework the questions until always picking the longest option, or always the same letter, scores at most 40% (see MOD320 and MOD321)."),
    Code("MOD323", "in a course, every \"choose all that apply\" self-check keys the same options",
         "Change which options are correct in some of the questions named (the right set should differ from question to question)."),
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
    Code("MOD406", "raw HTML uses an element or attribute the site does not publish",
         "Use plain Markdown instead (the site removes base, meta, link, style, form and similar elements, and style or unknown attributes)."),
    Code("MOD408", "a crisis line's number is typed outside the one shared block",
         "Put a line `<!-- generated: crisis-lines -->` where the lines should appear: numbers are kept in docs/_snippets/crisis-lines.md only."),
    Code("MOD407", "a snippet file is outside docs/_snippets/ or does not exist",
         "Put the shared text in docs/_snippets/ and include it by its name there, like `--8<-- \"crisis-lines.md\"`."),
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
    Code("MOD607", "a value in a data table starts like a spreadsheet formula",
         "Reword the value so it starts with a letter or a number (for example \"equals 2\" or \"plus 1\" instead of \"=2\" or \"+1\"): "
         "spreadsheet programs can run a value that starts with =, +, - or @ as a formula when someone opens the CSV file "
         "(the site publishes such a value with a leading ' so that it cannot run)."),
]

_CODES += [
    # --- facilitator-only content
    Code("MOD701", "the module has no facilitator notes",
         "Add a `??? facilitator \"Facilitator notes\"` block at the end of the module with timing, prompts and what to watch for."),
    Code("MOD702", "a facilitator block is inside another block",
         "Move the `??? facilitator` block out to the top level of the page (no indentation), so the learner view can leave it out whole."),
    Code("MOD703", "a facilitator block is written in a way the site cannot recognise",
         "Write the block's first line exactly as `??? facilitator \"Facilitator notes\"` (or `!!! facilitator \"...\"`)."),
    # --- workbook templates (docs/workbook/)
    Code("MOD801", "a workbook template's front matter lacks a key, or has one the template contract does not know",
         "Give the template `title`, `purpose`, `who`, `modules` and `formats` (and `columns` for a spreadsheet); see the module contract, section Workbook templates."),
    Code("MOD802", "a workbook template names a module that does not exist",
         "Write the module's folder as it is in the repository, like `course1/06-planning-the-study`."),
    Code("MOD803", "a workbook template's formats are wrong or incomplete",
         "List different formats from docx, odt, ods, pdf and xlsx; every template needs docx, pdf, and odt or ods."),
    Code("MOD804", "a spreadsheet template's columns are missing or wrong",
         "Give `columns` when the formats include xlsx or ods: each column a `name` and a `help` text, optionally `allowed` values; names differ."),
    Code("MOD805", "a table in a workbook template cannot be converted",
         "Write the table as a header row, a line like `| --- | --- |`, then rows with the same number of cells as the header."),
    Code("MOD807", "a consent item is not covered by the consent script, or its entry is wrong",
         "Keep the item in docs/workbook/consent-script.md, and make its `found` phrase in docs/_data/consent-items.yml match the script's words exactly (each entry needs `item`, `source` and `found`; `source` is a bibliography key or `practice`)."),
    Code("MOD808", "a workbook template holds a facilitator block",
         "Move the facilitator notes to the module that teaches the template: the template's documents are public downloads."),
    Code("MOD806", "a link goes to a workbook template that does not exist",
         "Correct the link to a file in docs/workbook/ (the workbook's index lists them), or add the template."),
    # --- links in the built site (scripts/check_links.py)
    Code("LNK101", "a link goes to a page that does not exist",
         "Correct the link's target in the source file shown, or add the missing page."),
    Code("LNK102", "a link goes to a section (#anchor) that the page does not have",
         "Use the section's exact id (hover its heading's link symbol to see it), or link to the page without #..."),
    Code("LNK103", "an image, script or stylesheet does not exist",
         "Correct the file's path in the source, or add the file beside the page."),
    Code("LNK104", "an image's srcset lists a file that does not exist",
         "Correct or remove the srcset entry."),
    Code("LNK105", "a link has an empty address",
         "Write the address the link should go to, or remove the link."),
    Code("LNK106", "a link goes to a javascript: address",
         "Link to a page or a web address; the site runs no code from links."),
    Code("LNK107", "a mailto: link has no valid email address",
         "Write it as `mailto:name@example.org`."),
    Code("LNK108", "a tel: link is not a valid phone number",
         "Write it in international form, like `tel:+1-800-555-0100`."),
    Code("LNK109", "a link address is malformed",
         "Correct the address (check for spaces, stray brackets or a missing slash)."),
    Code("LNK110", "a built file is a copy of a file outside the content folders",
         "Remove the link or include that pulls the file in; only docs/ and the course folders are published."),
    Code("LNK201", "a link to another website does not answer",
         "Check the address in a browser; update it or link to an archived copy."),
    # --- building the site (scripts/pacer/plugin.py and the steps it runs)
    Code("BLD001", "a `<!-- generated: ... -->` marker has an unknown name",
         "Use one of the markers listed on the module contract page, spelled exactly."),
    Code("BLD002", "a `<!-- generated: ... -->` marker is on a page where it cannot work",
         "Move the marker to the kind of page it belongs on (the module contract lists where each goes)."),
    Code("BLD003", "a notebook failed while the site was built",
         "Open the notebook in Jupyter (or run `python NOTEBOOK.py` in its folder), fix the cell that fails, and build again."),
    Code("BLD004", "the build changed files in the repository",
         "A notebook (or other build step) wrote into the repository. Notebooks may only read their own folder: remove the code that writes files."),
    Code("BLD005", "a course folder is missing",
         "Restore the course folder from git (`git checkout -- courseN`) or create it with an index.md."),
    Code("BLD006", "two files would be published at the same address",
         "Rename or remove one of the two files."),
    Code("BLD007", "the page's HTML held something the site does not publish, and it was removed",
         "Use plain Markdown instead of that HTML (the message names what was removed); ask a maintainer if you need it."),
    Code("BLD009", "a notebook output has a figure without alt text",
         "Give the figure a description (the course helper's show_figure(..., alt=...) takes one)."),
    Code("BLD010", "a table has a header cell with no text",
         "Write a short heading in the cell (for a table's corner, say what the rows are, like \"Part of the plan\")."),
    Code("BLD012", "a workbook template could not be converted into a document",
         "Simplify the part of the template the message names (plain headings, paragraphs, lists and tables convert), then build again."),
    Code("BLD022", "a notebook left a process running after its last cell",
         "Stop every process the notebook starts (wait for it, or do the work in the notebook itself): the sandbox ends them all and fails the build."),
    Code("BLD023", "text from a facilitator block reaches the learner view",
         "Write facilitator notes only as a top-level `??? facilitator \"Facilitator notes\"` block (not in a list, a quote, "
         "a code block left open, a snippet or a notebook), then build again."),
    Code("BLD024", "a worksheet's fill-in table names a sheet or column its spreadsheet does not have",
         "In the worksheet page's `fill_in`, use the names of the data sheets (the data files' names without .csv or .txt), "
         "of the fill-in tables above, and of their columns, exactly as they are written."),
    Code("BLD025", "a workbook template has a character that its PDF's fonts cannot print",
         "Replace the character the message names with words or a common character (letters, digits, punctuation, "
         "curly quotes and dashes print; emoji and rare symbols do not), then build again."),
    Code("BLD021", "a notebook's download (the zip to rerun it) could not be made",
         "Fix what the message names: a package the notebook imports must be in requirements.in (then run `make lock`), and every code cell must be valid Python."),
]

REGISTRY: dict[str, Code] = {code.code: code for code in _CODES}


def fix(code: str) -> str:
    return REGISTRY[code].fix  # a KeyError here is a bug in the calling code, not in the content


def message(code: str, detail: str) -> str:
    """``detail. Fix: ...`` for a registered code: the one shape of every message."""
    return f"{detail}. Fix: {fix(code)}"


def problem(path: str, line: int, code: str, detail: str, column: int = 1) -> Problem:
    """A problem with the detail found and the registered fix, in the report format."""
    return Problem(path, max(int(line), 1), max(int(column), 1), code, message(code, detail))
