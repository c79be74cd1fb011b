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

import re

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
    return purge_rules(css, *vocabulary(pages))


def purge_rules(css: str, classes: set[str], ids: set[str]) -> str:
    """The rules of ``css`` that pages with these class names and ids can use."""
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    kept = _filter(rules, classes, ids)
    return _serialize(kept, _used_variables(kept))
