"""The module contract in code: front matter schemas, allowed blocks, phases and principles.

docs/instructors/module-contract.md explains the same rules in plain words. The checker
(scripts/check_modules.py) enforces them; the plugin (scripts/pacer/plugin.py) renders
the front matter they describe.
"""

from __future__ import annotations

# The phase of the PaCER research cycle a module serves. Analysis runs in cycles with data
# collection (COLLECT); "all" marks foundations that every phase needs (ethics, rigour, roles).
PHASES = {"set": "SET", "collect": "COLLECT", "reflect": "REFLECT", "all": "All phases"}
PRINCIPLES = {  # key -> (name shown, page about it in docs/)
    "inclusiveness": ("Inclusiveness", "spor/inclusiveness.md"),
    "support": ("Support", "spor/support.md"),
    "mutual-respect": ("Mutual respect", "spor/mutual-respect.md"),
    "co-build": ("Co-build", "spor/co-build.md"),
}
SUMMARY_MAX = 400


# The block types authors may use, and what each is for (the module contract page shows this).
BLOCK_TYPES = {
    "activity": "something learners do: write, discuss, practise, try",
    "answer": "the model answer right after every activity (collapsed: `??? answer \"Model answer (try the activity first)\"`)",
    "self-check": "a multiple-choice question with feedback for every option (see Self-checks below)",
    "reflection": "reflection questions (at least three, as a numbered list)",
    "worked-example": "reasoning shown step by step on an example",
    "facilitator": "notes for facilitators: timing, prompts, what to watch for (facilitator view only)",
    "content-note": "a warning before material that may be distressing, with a choice to skip",
    "lived-experience": "a (fictional, clearly labelled) voice from lived experience",
    "support": "the crisis lines (written once, in docs/_snippets/crisis-lines.md; use the marker)",
    "note": "a standard block", "info": "a standard block", "tip": "a standard block",
    "warning": "a standard block", "example": "a standard block", "question": "a standard block",
}
ADMONITIONS = tuple(BLOCK_TYPES)

# What each front-matter key of a module holds (the module contract page shows this).
FIELD_HELP = {
    "title": "the module's title (put it in quotes if it holds a colon)",
    "summary": "a plain-language summary in 1 to 3 sentences",
    "duration": "learner time for the whole module in minutes: the sum of its parts",
    "phase": "the phase of the PaCER research cycle the module serves",
    "spor": "the SPOR principles the module's activities practise",
    "objectives": "what learners will be able to do; each starts with a verb",
    "keypoints": "the main points, shown as \"In one minute\" at the top and \"Key points\" at the end",
    "references": "keys from docs/_data/bibliography.yml",
    "reviewed": "the date of the last content review",
    "weeks": "a course page only: the course's length in weeks",
    "project_hours": "a course page only: hours of team project work outside the modules",
    "purpose": "a workbook template only: what the template is for, in plain language",
    "who": "a workbook template only: who fills it in",
    "modules": "a workbook template only: the modules that teach it, like course1/06-planning-the-study",
    "formats": "a workbook template only: the files to make (docx, odt, ods, pdf, xlsx)",
    "columns": "a workbook template only: the columns of a spreadsheet (name, help, allowed values)",
    "fill_in": "a worksheet page only: the tables its spreadsheet gives the learner to fill in",
}

# Headings a module body must not have: the site generates these sections from front matter.
GENERATED_SECTIONS = {"objectives", "learning objectives", "key points", "keypoints", "references"}

COURSE_MODULES_MARKER = "<!-- generated: course-modules -->"

_TEXT = {"type": "string", "minLength": 1, "pattern": r"\S"}
_KEYS = {"type": "array", "minItems": 1, "items": {"type": "string", "minLength": 1}}
_LIST_OF_TEXT = {"type": "array", "minItems": 1, "items": _TEXT}
# YAML dates are turned into ISO text before checking.
_DATE = {"type": "string", "format": "date", "x-code": "MOD012", "x-expects": "a date written YYYY-MM-DD"}
# Each property may name the code its errors are reported with ("x-code") and say what it
# expects ("x-expects"); properties without one report the generic MOD007/MOD008.
_SUMMARY = {**_TEXT, "maxLength": SUMMARY_MAX, "x-code": "MOD013",
            "x-expects": f"plain text of at most {SUMMARY_MAX} characters"}

MODULE_SCHEMA = {
    "type": "object",
    "required": ["title", "summary", "duration", "phase", "spor", "objectives", "keypoints", "references", "reviewed"],
    "additionalProperties": False,
    "properties": {
        "title": _TEXT,
        "summary": _SUMMARY,
        "duration": {"type": "integer", "minimum": 1, "x-code": "MOD011",
                     "x-expects": "a positive whole number of minutes"},
        "phase": {"type": "string", "enum": list(PHASES), "x-code": "MOD009",
                  "x-expects": f"one of {', '.join(PHASES)}"},
        "spor": {"type": "array", "minItems": 1, "uniqueItems": True, "x-code": "MOD010",
                 "x-expects": f"a list of different SPOR principles ({', '.join(PRINCIPLES)})",
                 "items": {"type": "string", "enum": list(PRINCIPLES)}},
        "objectives": _LIST_OF_TEXT,
        "keypoints": _LIST_OF_TEXT,
        "references": _KEYS,
        "reviewed": _DATE,
    },
}

COURSE_SCHEMA = {
    "type": "object",
    "required": ["title", "summary"],
    "additionalProperties": False,
    "properties": {
        "title": _TEXT, "summary": _SUMMARY, "reviewed": _DATE,
        # the course's length and its team project work outside the modules, for the time
        # the course page shows (generated, so the numbers cannot contradict each other)
        "weeks": {"type": "integer", "minimum": 1, "x-code": "MOD007", "x-expects": "a whole number of weeks"},
        "project_hours": {"type": "integer", "minimum": 0, "x-code": "MOD007",
                          "x-expects": "a whole number of hours"},
    },
}

# A worksheet's tables for the learner to fill in, as sheets of its spreadsheet (worksheet pages
# only; scripts/pacer/notebooks/spreadsheets.py and docs/instructors/module-contract.md).
_SHEET_COLUMN = {"type": "object", "required": ["sheet", "column"], "additionalProperties": False,
                 "properties": {"sheet": _TEXT, "column": _TEXT}}
_TALLY = {"type": "object", "required": ["sheet"], "additionalProperties": False, "properties": {
    "sheet": _TEXT, "of": _TEXT,
    "same": {"oneOf": [{"type": "array", "items": _TEXT}, {"type": "object", "additionalProperties": _TEXT}]},
    "where": {"type": "object", "additionalProperties": _TEXT}}}
_FILL_IN_COLUMN = {"oneOf": [_TEXT, {
    "type": "object", "required": ["name"], "additionalProperties": False, "maxProperties": 3,
    "properties": {"name": _TEXT, "count": _TALLY, "sum": _TALLY, "average": _TALLY, "for_each": _SHEET_COLUMN}}]}
_FILL_IN = {"type": "array", "minItems": 1, "x-code": "MOD007",
            "x-expects": "a list of tables, each with sheet, about and columns (see the module contract)",
            "items": {"type": "object", "required": ["sheet", "about", "columns"], "additionalProperties": False,
                      "properties": {"sheet": _TEXT, "about": _TEXT,
                                     "columns": {"type": "array", "minItems": 1, "items": _FILL_IN_COLUMN},
                                     "example": {"type": "array", "items": {"type": ["string", "number"]}},
                                     "rows": {"type": "array", "items": _TEXT},
                                     "rows_from": _SHEET_COLUMN}}}

# Other pages in a course (worked examples, notes, worksheets): title and summary, optional references.
PAGE_SCHEMA = {
    "type": "object",
    "required": ["title", "summary"],
    "additionalProperties": False,
    "properties": {
        "title": _TEXT,
        "summary": _SUMMARY,
        "references": _KEYS,
        "reviewed": _DATE,
        "fill_in": _FILL_IN,
    },
}

# The site's other pages (docs/: the public pages, guidance, instructors' pages): a title, a
# summary and the parts of the theme to hide. Nothing else: `template` or `icon` would hand the
# theme a value it uses to find a file.
SITE_PAGE_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "title": _TEXT,
        "summary": _SUMMARY,
        "hide": {"type": "array", "items": {"enum": ["navigation", "toc", "footer", "path"]},
                 "x-code": "MOD007", "x-expects": "a list of navigation, toc, footer or path"},
    },
}

# A workbook template (docs/workbook/*.md): what it is for, who fills it in, the modules that
# teach it and the files the build makes from it. Spreadsheet templates declare their columns.
WORKBOOK_FORMATS = {"docx": "Word document", "odt": "OpenDocument text", "ods": "OpenDocument spreadsheet",
                    "xlsx": "Excel spreadsheet", "pdf": "PDF for printing"}
SPREADSHEET_FORMATS = ("xlsx", "ods")
TEMPLATE_SCHEMA = {
    "type": "object",
    "required": ["title", "purpose", "who", "modules", "formats"],
    "additionalProperties": False,
    "properties": {
        "title": _TEXT,
        "purpose": _SUMMARY,
        "who": _TEXT,
        "modules": {"type": "array", "minItems": 1, "uniqueItems": True,
                    "items": _TEXT,
                    "x-code": "MOD802", "x-expects": "a list of module folders, like course1/06-planning-the-study"},
        "formats": {"type": "array", "minItems": 1, "uniqueItems": True, "items": {"enum": list(WORKBOOK_FORMATS)},
                    "x-code": "MOD803", "x-expects": f"a list of different formats from {', '.join(WORKBOOK_FORMATS)}"},
        "columns": {"type": "array", "minItems": 1, "items": {"type": "object"}, "x-code": "MOD804",
                    "x-expects": "a list of columns, each with `name`, `help` and optional `allowed` values"},
        "reviewed": _DATE,
    },
}

BIBLIOGRAPHY_TYPES = ("article", "book", "chapter", "web", "report", "abstract")
BIBLIOGRAPHY_ENTRY_SCHEMA = {
    "type": "object",
    "required": ["key", "type", "title"],
    "additionalProperties": False,
    "properties": {
        "key": {"type": "string", "pattern": r"^[a-z0-9][a-z0-9-]*$"},
        "type": {"type": "string", "enum": list(BIBLIOGRAPHY_TYPES)},
        "authors": {"type": "array", "minItems": 1, "items": {"type": "string", "minLength": 1}},
        "no_authors": {"type": "boolean"},
        "year": {"oneOf": [{"type": "integer", "minimum": 1500, "maximum": 2100}, {"const": "n.d."}]},
        "status": {"type": "string", "enum": ["verified", "partly-verified", "unverified"]},
        "title": _TEXT,
        **{field: {"type": ["string", "integer"]} for field in ("journal", "volume", "issue", "pages", "publisher", "doi", "url", "note")},
    },
}

GLOSSARY_ENTRY_SCHEMA = {
    "type": "object",
    "required": ["term", "definition"],
    "additionalProperties": False,
    "properties": {
        "term": _TEXT,
        "definition": _TEXT,
        "aliases": {"type": "array", "items": _TEXT},
        "see": {"type": "array", "items": _TEXT},
        "tooltip": {"type": "boolean"},
    },
}


def schema_for(kind: str) -> dict:
    return {"module": MODULE_SCHEMA, "course": COURSE_SCHEMA, "page": PAGE_SCHEMA, "template": TEMPLATE_SCHEMA,
            "site": SITE_PAGE_SCHEMA}[kind]


def format_duration(minutes: int) -> str:
    """180 -> '3 hours', 90 -> '1 hour 30 minutes', 45 -> '45 minutes'."""
    hours, rest = divmod(int(minutes), 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    if rest or not hours:
        parts.append(f"{rest} minute{'s' if rest != 1 else ''}")
    return " ".join(parts)
