"""The module contract in code: front matter schemas, allowed blocks, phases and principles.

docs/instructors/module-contract.md explains the same rules in plain words. The checker
(scripts/check_modules.py) enforces them; the theme hook (scripts/hooks/contract.py) renders
the front matter they describe.
"""

from __future__ import annotations

import re

PHASES = {"set": "SET", "collect": "COLLECT", "reflect": "REFLECT"}
PRINCIPLES = {  # key -> (name shown, page about it in docs/)
    "inclusiveness": ("Inclusiveness", "spor/inclusiveness.md"),
    "support": ("Support", "spor/support.md"),
    "mutual-respect": ("Mutual respect", "spor/mutual-respect.md"),
    "co-build": ("Co-build", "spor/co-build.md"),
}
SUMMARY_MAX = 400

MODULE_FOLDER = re.compile(r"^\d\d-[a-z0-9]+(?:-[a-z0-9]+)*$")
NUMBERED = re.compile(r"^(\d+)-")  # any folder that looks like it was meant to be a module

# Site-specific blocks, then the standard ones authors may use.
CUSTOM_ADMONITIONS = ("activity", "reflection", "worked-example", "facilitator", "content-note", "lived-experience")
STANDARD_ADMONITIONS = ("note", "info", "tip", "warning", "example", "question")
ADMONITIONS = CUSTOM_ADMONITIONS + STANDARD_ADMONITIONS

# Headings a module body must not have: the site generates these sections from front matter.
GENERATED_SECTIONS = {"objectives", "learning objectives", "key points", "keypoints", "references"}

COURSE_MODULES_MARKER = "<!-- generated: course-modules -->"

_TEXT = {"type": "string", "minLength": 1, "pattern": r"\S"}
_KEYS = {"type": "array", "minItems": 1, "items": {"type": "string", "minLength": 1}}
_LIST_OF_TEXT = {"type": "array", "minItems": 1, "items": _TEXT}
_DATE = {"type": "string", "format": "date"}  # YAML dates are turned into ISO text before checking

MODULE_SCHEMA = {
    "type": "object",
    "required": ["title", "summary", "duration", "phase", "spor", "objectives", "keypoints", "references", "reviewed"],
    "additionalProperties": False,
    "properties": {
        "title": _TEXT,
        "summary": {**_TEXT, "maxLength": SUMMARY_MAX},
        "duration": {"type": "integer", "minimum": 1},
        "phase": {"type": "string", "enum": list(PHASES)},
        "spor": {"type": "array", "minItems": 1, "uniqueItems": True,
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
    "properties": {"title": _TEXT, "summary": {**_TEXT, "maxLength": SUMMARY_MAX}, "reviewed": _DATE},
}

# Other pages in a course (worked examples, notes): title and summary, optional references.
PAGE_SCHEMA = {
    "type": "object",
    "required": ["title", "summary"],
    "additionalProperties": False,
    "properties": {
        "title": _TEXT,
        "summary": {**_TEXT, "maxLength": SUMMARY_MAX},
        "references": _KEYS,
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
        "year": {"type": "integer", "minimum": 1500, "maximum": 2100},
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
    return {"module": MODULE_SCHEMA, "course": COURSE_SCHEMA, "page": PAGE_SCHEMA}[kind]


def format_duration(minutes: int) -> str:
    """180 -> '3 hours', 90 -> '1 hour 30 minutes', 45 -> '45 minutes'."""
    hours, rest = divmod(int(minutes), 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    if rest or not hours:
        parts.append(f"{rest} minute{'s' if rest != 1 else ''}")
    return " ".join(parts)
