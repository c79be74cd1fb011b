"""Shrink the JupyterLab stylesheet to the rules that the site's notebook pages can use.

mkdocs-jupyter inlines about 590 KB of CSS into every notebook page. We move it into one
shared stylesheet and keep only:

* rules whose selectors could match the notebook pages: every class and id a selector
  requires (outside ``:not(...)``) occurs in some notebook page;
* custom properties (``--jp-...``) that a kept rule uses, directly or through another
  custom property.

The test is conservative: a rule that might match is kept.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import tinycss2

NEGATION = re.compile(r":not\((?:[^()]|\([^()]*\))*\)")
CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
ID = re.compile(r"#(-?[_a-zA-Z][\w-]*)")
VAR_USE = re.compile(r"var\(\s*(--[\w-]+)")
HTML_CLASSES = re.compile(r"\bclass\s*=\s*(['\"])(.*?)\1", re.DOTALL)
HTML_IDS = re.compile(r"\bid\s*=\s*(['\"])(.*?)\1")
DROPPED_AT_RULES = {"charset", "import", "font-face"}  # no web fonts; one charset is implied


def vocabulary(pages: list[str]) -> tuple[set[str], set[str]]:
    """Every class name and id that occurs in the given HTML pages."""
    classes, ids = set(), set()
    for page in pages:
        for match in HTML_CLASSES.finditer(page):
            classes.update(match.group(2).split())
        ids.update(match.group(2) for match in HTML_IDS.finditer(page))
    return classes, ids


def _selectors(prelude) -> list[str]:
    """A rule's selector list, split at top-level commas only."""
    parts, current, depth = [], [], 0
    for token in prelude:
        if token.type in ("() block", "[] block", "function"):
            depth += 0  # blocks are single tokens in tinycss2: commas inside them are not split
        if token.type == "literal" and token.value == "," and depth == 0:
            parts.append(tinycss2.serialize(current))
            current = []
        else:
            current.append(token)
    parts.append(tinycss2.serialize(current))
    return [part.strip() for part in parts if part.strip()]


def _may_match(selector: str, classes: set[str], ids: set[str]) -> bool:
    required = NEGATION.sub("", selector)
    return all(name in classes for name in CLASS.findall(required)) and \
        all(name in ids for name in ID.findall(required))


def _filter(rules, classes, ids) -> list:
    kept = []
    for rule in rules:
        if rule.type == "qualified-rule":
            if any(_may_match(s, classes, ids) for s in _selectors(rule.prelude)):
                kept.append(rule)
        elif rule.type == "at-rule":
            if rule.lower_at_keyword in DROPPED_AT_RULES:
                continue
            if rule.lower_at_keyword in ("media", "supports") and rule.content is not None:
                inner = _filter(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True),
                                classes, ids)
                if inner:
                    kept.append((rule, inner))
            else:
                kept.append(rule)
    return kept


def _declarations(rule):
    return [d for d in tinycss2.parse_declaration_list(rule.content, skip_comments=True, skip_whitespace=True)
            if d.type == "declaration"]


def _walk(kept):
    for item in kept:
        if isinstance(item, tuple):
            yield from _walk(item[1])
        elif item.type == "qualified-rule":
            yield item


def _used_variables(kept) -> set[str]:
    definitions: dict[str, set[str]] = {}
    used: set[str] = set()
    for rule in _walk(kept):
        for declaration in _declarations(rule):
            value = tinycss2.serialize(declaration.value)
            if declaration.name.startswith("--"):
                definitions.setdefault(declaration.name, set()).update(VAR_USE.findall(value))
            else:
                used.update(VAR_USE.findall(value))
    pending = list(used)
    while pending:  # custom properties may be defined through other custom properties
        for name in definitions.get(pending.pop(), ()):
            if name not in used:
                used.add(name)
                pending.append(name)
    return used


def _serialize(kept, used: set[str]) -> str:
    out = []
    for item in kept:
        if isinstance(item, tuple):
            rule, inner = item
            body = _serialize(inner, used)
            if body:
                out.append(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{body}}}")
        elif item.type == "qualified-rule":
            declarations = [d for d in _declarations(item) if not d.name.startswith("--") or d.name in used]
            if declarations:
                text = ";".join(f"{d.name}:{tinycss2.serialize(d.value).strip()}"
                                + ("!important" if d.important else "") for d in declarations)
                out.append(f"{tinycss2.serialize(item.prelude).strip()}{{{text}}}")
        else:
            out.append(tinycss2.serialize([item]))
    return "\n".join(out)


def purge(css: str, pages: list[str]) -> str:
    """The rules of ``css`` that the given notebook pages can use."""
    return _purge(css, *vocabulary(pages))


_purged: dict[str, str] = {}
KEPT = 4  # purged stylesheets kept in the cache folder


def purge_cached(css: str, pages: list[str], cache_dir: Path) -> str:
    """``purge``, kept by its input: the stylesheet and the class names and ids of the pages.

    Parsing the JupyterLab stylesheet is a fixed cost of every build, and its input rarely
    changes: the answer is kept in memory (``mkdocs serve``) and in ``cache_dir`` (builds)."""
    classes, ids = vocabulary(pages)
    key = hashlib.sha256("\0".join([css, " ".join(sorted(classes)), " ".join(sorted(ids))]).encode()).hexdigest()
    stored = Path(cache_dir) / f"notebook-css-{key[:24]}.css"
    if key not in _purged:
        if stored.is_file():
            _purged[key] = stored.read_text(encoding="utf-8")
        else:
            _purged[key] = _purge(css, classes, ids)
            stored.parent.mkdir(parents=True, exist_ok=True)
            # The latest few are kept: each view of the site has its own pages, so its own entry.
            for old in sorted(stored.parent.glob("notebook-css-*.css"), key=lambda p: p.stat().st_mtime)[:-KEPT + 1]:
                old.unlink()
            stored.write_text(_purged[key], encoding="utf-8")
    return _purged[key]


def _purge(css: str, classes: set[str], ids: set[str]) -> str:
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    kept = _filter(rules, classes, ids)
    return _serialize(kept, _used_variables(kept))
