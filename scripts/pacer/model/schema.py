"""Check front matter (and data-file entries) against the contract's JSON schemas.

Each jsonschema error becomes one problem with a code from pacer.rules and the line of the
key or list item it is about.
"""

from __future__ import annotations

import datetime as dt
from jsonschema import Draft202012Validator, FormatChecker

from pacer.rules import problem
from pacer.model.frontmatter import line_of
from pacer.report import Problem


_VALIDATORS: dict[int, Draft202012Validator] = {}


def validator_for(schema: dict) -> Draft202012Validator:
    """One validator per schema (the schemas are module-level constants)."""
    if id(schema) not in _VALIDATORS:
        _VALIDATORS[id(schema)] = Draft202012Validator(schema, format_checker=FormatChecker())
    return _VALIDATORS[id(schema)]


def _plain(value):
    """YAML dates become ISO text so the schema can check them like any other value."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _shown(value) -> str:
    text = repr(value) if not isinstance(value, str) else f'"{value}"'
    return text if len(text) <= 60 else text[:57] + '..."'


def check(meta: dict, schema: dict, lines: dict, shown: str, prefix: tuple = (), code_for_fields=None,
          code_for_keys=None) -> list[Problem]:
    """Problems of ``meta`` against ``schema``; ``prefix`` locates it inside a larger YAML file.
    ``code_for_fields`` replaces every code; ``code_for_keys`` only those of missing or unknown keys."""
    return validate(meta, schema, lines, shown, prefix, code_for_fields, code_for_keys)[0]


def validate(meta: dict, schema: dict, lines: dict, shown: str, prefix: tuple = (), code_for_fields=None,
             code_for_keys=None) -> tuple[list[Problem], dict]:
    """``check``'s problems, and the keys of ``meta`` whose values pass ``schema`` (what a page can
    still show), from one run of the validator."""
    code_for_keys = code_for_fields or code_for_keys
    found: list[Problem] = []
    data = _plain(meta)
    properties = schema.get("properties", {})
    bad = set()
    for error in validator_for(schema).iter_errors(data):
        path = tuple(error.absolute_path)
        key = path[0] if path else None
        bad.add(key)
        line = line_of(lines, prefix + path)
        kind = error.validator
        if kind == "required":
            missing = [k for k in schema["required"] if k not in data]
            for name in missing:
                found.append(problem(shown, line_of(lines, prefix), code_for_keys or "MOD005", f"the key `{name}` is missing"))
            continue
        if kind == "additionalProperties":
            for name in sorted(set(map(str, data)) - set(properties)):
                found.append(problem(shown, line_of(lines, prefix + (name,)), code_for_keys or "MOD006",
                                     f"`{name}` is not a key this page may have (allowed: {', '.join(properties)})"))
            continue
        code, detail = _describe(error, key, path, properties)
        found.append(problem(shown, line, code_for_fields or code, detail))
    return found, {key: value for key, value in meta.items() if key in properties and key not in bad}


def _describe(error, key, path, properties) -> tuple[str, str]:
    """The code and the detail of one schema error; the code comes from the property's x-code."""
    kind, value = error.validator, error.instance
    where = f"`{key}`" if len(path) <= 1 else f"item {path[-1] + 1} of `{key}`" if isinstance(path[-1], int) else f"`{'.'.join(map(str, path))}`"
    rule = properties.get(key, {}) if isinstance(properties.get(key), dict) else {}
    if kind in ("minItems", "minLength", "pattern") and kind != "maxLength":
        return "MOD008", f"{where} is empty"
    if "x-code" in rule:
        if kind == "maxLength":
            return rule["x-code"], f"{where} has {len(value)} characters, but must be {rule['x-expects']}"
        if kind == "uniqueItems":
            return rule["x-code"], f"{where} lists the same value twice, but must be {rule['x-expects']}"
        return rule["x-code"], f"{where} is {_shown(value)}, but must be {rule['x-expects']}"
    if kind == "type":
        wanted = {"string": "text", "array": "a list", "integer": "a whole number", "object": "`key: value` lines",
                  "boolean": "true or false"}
        types = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        return "MOD007", f"{where} is {_shown(value)} but must be {' or '.join(wanted.get(t, t) for t in types)}"
    if kind == "enum":
        return "MOD007", f"{where} is {_shown(value)} but must be one of {', '.join(map(str, error.validator_value))}"
    return "MOD007", f"{where}: {error.message}"
