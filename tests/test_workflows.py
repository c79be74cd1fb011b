"""The GitHub files are valid and do what the contributor guide says they do.

Workflows, Dependabot and issue forms are checked against GitHub's schemas (vendored in
check-jsonschema, so no download). The rest checks what a schema cannot: every action is
pinned to a full commit, every `make` target and script a workflow calls exists, the checks
are safe for pull requests from forks, only the deploy workflow may write to Pages, and the
build's warnings turn into annotations.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, mkdocs_build

GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
ISSUE_FORMS = sorted(p for p in (GITHUB / "ISSUE_TEMPLATE").glob("*.yml") if p.name != "config.yml")
CHECK_JSONSCHEMA = Path(sys.executable).with_name("check-jsonschema")
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+)*$")


def load(path: Path) -> dict:
    # PyYAML reads the key `on:` as True (YAML 1.1); give it back its name.
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if True in data:
        data["on"] = data.pop(True)
    return data


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def run_lines(path: Path) -> list[str]:
    return [line for step in steps(load(path)) for line in step.get("run", "").splitlines()]


def validate(schema: str, *files: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(CHECK_JSONSCHEMA), "--builtin-schema", schema, *map(str, files)],
                          capture_output=True, text=True)


def makefile_targets() -> set[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([A-Za-z0-9][\w.-]*)\s*:(?!=)", text, re.MULTILINE))


def test_the_expected_github_files_exist():
    names = {p.relative_to(GITHUB).as_posix() for p in GITHUB.rglob("*") if p.is_file()}
    expected = {"workflows/ci.yml", "workflows/deploy.yml", "CODEOWNERS", "dependabot.yml",
                "pull_request_template.md", "ISSUE_TEMPLATE/config.yml",
                "ISSUE_TEMPLATE/content-correction.yml", "ISSUE_TEMPLATE/new-module.yml",
                "ISSUE_TEMPLATE/accessibility.yml", "matchers/mkdocs.json"}
    assert expected <= names, f"missing: {sorted(expected - names)}"


@pytest.mark.parametrize("schema", ["vendor.github-workflows", "custom.github-workflows-require-timeout"])
def test_workflows_match_githubs_schema(schema):
    result = validate(schema, *WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_dependabot_and_issue_forms_match_githubs_schemas():
    for schema, files in [("vendor.dependabot", [GITHUB / "dependabot.yml"]),
                          ("vendor.github-issue-forms", ISSUE_FORMS),
                          ("vendor.github-issue-config", [GITHUB / "ISSUE_TEMPLATE" / "config.yml"])]:
        result = validate(schema, *files)
        assert result.returncode == 0, f"{schema}:\n{result.stdout}{result.stderr}"


def test_the_schema_check_can_fail(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("name: x\non: push\njobs:\n  a:\n    steps: []\n", encoding="utf-8")  # no runs-on
    assert validate("vendor.github-workflows", broken).returncode != 0


def test_dependabot_updates_python_packages_and_actions_but_not_to_mkdocs_2():
    config = yaml.safe_load((GITHUB / "dependabot.yml").read_text(encoding="utf-8"))
    ecosystems = {update["package-ecosystem"]: update for update in config["updates"]}
    assert {"pip", "github-actions"} <= set(ecosystems)
    ignored = {rule["dependency-name"]: rule for rule in ecosystems["pip"].get("ignore", [])}
    assert "version-update:semver-major" in ignored["mkdocs"]["update-types"]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_full_commit_with_its_version(path):
    uses = [line.split("uses:", 1)[1].strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip().startswith(("uses:", "- uses:"))]
    assert uses, f"{path.name} uses no action"
    unpinned = [u for u in uses if not u.startswith("./") and not PINNED.match(u)]
    assert not unpinned, f"{path.name}: pin these to a 40-character commit with a '# vX.Y.Z' comment: {unpinned}"


def test_the_same_action_is_pinned_to_the_same_commit_everywhere():
    pins: dict[str, set[str]] = {}
    for path in WORKFLOWS:
        for action, sha in re.findall(r"uses:\s*([\w.-]+/[\w./-]+)@([0-9a-f]{40})", path.read_text(encoding="utf-8")):
            pins.setdefault(action, set()).add(sha)
    assert pins and all(len(shas) == 1 for shas in pins.values()), pins


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_make_target_a_workflow_calls_exists(path):
    called = {target for line in run_lines(path) for target in re.findall(r"(?:^|[;&|]\s*)make\s+([\w.-]+)", line.strip())}
    missing = called - makefile_targets()
    assert not missing, f"{path.name} calls `make {', '.join(sorted(missing))}`, which the Makefile does not define"


def script_paths(text: str) -> set[str]:
    return set(re.findall(r"\bscripts/[\w/.-]+\.py\b", text))


@pytest.mark.parametrize("path", [*WORKFLOWS, ROOT / ".pre-commit-config.yaml"], ids=lambda p: p.name)
def test_every_script_a_workflow_or_hook_calls_exists(path):
    called = script_paths(path.read_text(encoding="utf-8"))
    missing = sorted(p for p in called if not (ROOT / p).is_file())
    assert not missing, f"{path.name} calls scripts that do not exist: {missing}"


def test_ci_runs_every_check_the_guide_and_the_template_promise():
    ci = load(GITHUB / "workflows" / "ci.yml")
    commands = "\n".join(run_lines(GITHUB / "workflows" / "ci.yml"))
    assert "make setup" in commands                                 # the locked, hashed install
    assert re.search(r"mkdocs build --strict", commands)
    assert "scripts/check_modules.py" in commands
    assert re.search(r"scripts/check_links\.py site\b", commands)
    assert "make test" in commands
    assert re.search(r"apt-get install .*\bchromium\b", commands)
    assert re.search(r"scripts/readability\.py.*\n?.*GITHUB_STEP_SUMMARY", commands, re.DOTALL)
    assert "::add-matcher::" in commands and ".github/matchers/mkdocs.json" in commands
    uploads = [s for s in steps(ci) if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert uploads and uploads[0]["with"]["name"] == "site-preview"
    checkout = next(s for s in steps(ci) if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0, "page dates need the full git history"
    assert checkout["with"]["persist-credentials"] is False


def test_checks_after_a_failed_one_still_run():
    # One failing check must not hide the others: each has `if: !cancelled() ...`.
    ci = load(GITHUB / "workflows" / "ci.yml")
    for step in steps(ci):
        command = step.get("run", "")
        if any(key in command for key in ("check_modules.py", "check_links.py", "make test", "readability.py")):
            assert "!cancelled()" in str(step.get("if", "")), f"step {step.get('name')!r} stops after the first failure"


def test_ci_is_safe_for_pull_requests_from_forks():
    path = GITHUB / "workflows" / "ci.yml"
    ci = load(path)
    assert "pull_request" in ci["on"] and "push" in ci["on"]
    assert "pull_request_target" not in ci["on"]
    assert ci["permissions"] == {"contents": "read"}
    assert all("permissions" not in job for job in ci["jobs"].values())
    assert "secrets." not in path.read_text(encoding="utf-8")


def test_only_the_deploy_job_may_write_to_pages():
    for path in WORKFLOWS:
        workflow = load(path)
        assert workflow.get("permissions") == {"contents": "read"}, f"{path.name}: top-level permissions must be read-only"
        for name, job in workflow["jobs"].items():
            granted = job.get("permissions", {})
            if path.name == "deploy.yml" and name == "deploy":
                assert granted == {"pages": "write", "id-token": "write"}, granted
            else:
                assert not granted, f"{path.name}: job {name} asks for {granted}"
    deploy = load(GITHUB / "workflows" / "deploy.yml")
    assert set(deploy["on"]) <= {"workflow_run", "workflow_dispatch", "push"}
    uses = {s.get("uses", "").split("@")[0] for s in steps(deploy)}
    assert {"actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"} <= uses
    assert "make build" in "\n".join(run_lines(GITHUB / "workflows" / "deploy.yml"))


def test_deploy_never_publishes_a_pull_request():
    deploy = load(GITHUB / "workflows" / "deploy.yml")
    condition = deploy["jobs"]["build"]["if"]
    assert "workflow_run.event == 'push'" in condition
    assert "head_repository.full_name == github.repository" in condition
    assert deploy["on"]["workflow_run"]["branches"] == ["main"]


def test_codeowners_gives_each_course_to_its_team_and_the_rest_to_maintainers():
    rules = [line.split() for line in (GITHUB / "CODEOWNERS").read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    owners = {rule[0]: rule[1:] for rule in rules}
    for course in ("course1", "course2", "course3"):
        assert owners.get(f"/{course}/") == [f"@pacer-curriculum/{course}-team"], course
    for folder in ("*", "/docs/", "/scripts/"):
        assert owners.get(folder) == ["@pacer-curriculum/maintainers"], folder
    assert all(re.fullmatch(r"@[\w-]+/[\w-]+", o) for rule in rules for o in rule[1:])


def test_pull_request_template_lists_the_checks_ci_runs():
    template = (GITHUB / "pull_request_template.md").read_text(encoding="utf-8").lower()
    for promise in ("strict site build", "module checker", "link checker", "test suite",
                    "site-preview", "reading grade", "reviewed:"):
        assert promise in template, f"the pull request template does not mention {promise!r}"
    assert template.count("- [ ]") >= 8


def test_pre_commit_runs_the_module_checker_on_changed_course_and_docs_files():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {hook["id"]: hook for repo in config["repos"] if repo["repo"] == "local" for hook in repo["hooks"]}
    hook = hooks["check-modules"]
    assert hook["language"] == "system"
    assert hook["entry"] == ".venv/bin/python scripts/check_modules.py"
    assert hook.get("pass_filenames", True) is True
    files = re.compile(hook["files"])
    for path in ("course1/01-x/index.md", "course3/02-y/data/notes.csv", "docs/index.md"):
        assert files.search(path), path
    for path in ("scripts/check_modules.py", "mkdocs.yml", "README.md"):
        assert not files.search(path), path


# --- build warnings as annotations ------------------------------------------------------

def matchers() -> dict[str, re.Pattern]:
    config = json.loads((GITHUB / "matchers" / "mkdocs.json").read_text(encoding="utf-8"))
    return {m["owner"]: (re.compile(m["pattern"][0]["regexp"]), m["pattern"][0]) for m in config["problemMatcher"]}


def annotations(log: str) -> list[tuple[str, str | None, str]]:
    """What GitHub would show: (owner, file, message) for each log line a matcher takes."""
    found = []
    for line in log.splitlines():
        for owner, (regexp, pattern) in matchers().items():
            match = regexp.match(line)
            if match:
                file = match.group(pattern["file"]) if "file" in pattern else None
                found.append((owner, file, match.group(pattern["message"])))
    return found


MODULE = """---
title: A module with a broken link
summary: A module made for this test.
duration: 60
phase: collect
spor: [inclusiveness]
objectives:
  - Describe the test.
keypoints:
  - The link is broken.
references: [braun2006]
reviewed: 2026-01-15
---

{body}

!!! activity "Activity: read"
    Read the page.

!!! reflection "Reflection questions"
    1. One?
    2. Two?
    3. Three?
"""


def test_build_warnings_become_annotations_on_the_right_file(make_project, tmp_path):
    project = make_project({
        "course2/01-broken-link/index.md": MODULE.format(body="See [the next module](../02-missing/index.md)."),
        "docs/extra.md": "# Extra\n\nSee [a page that is not there](nowhere.md).\n",
    }, nav="nav:\n  - Home: index.md\n  - extra.md\n  - Course 1: course1/index.md\n"
           "  - Course 2: course2/index.md\n  - Course 3: course3/index.md\n")
    build = mkdocs_build(project, tmp_path / "out")
    assert build.returncode != 0, build.log
    shown = annotations(build.log)
    course = [a for a in shown if a[0] == "mkdocs-course-file"]
    assert [a[1] for a in course] == ["course2/01-broken-link/index.md"], shown
    assert "../02-missing/index.md" in course[0][2]
    other = [a for a in shown if a[0] == "mkdocs"]
    assert any("extra.md" in a[2] and "nowhere.md" in a[2] for a in other), shown
    assert len(shown) == len({a[2] for a in shown}), "a line was annotated twice"


def test_build_errors_in_the_checker_format_are_left_to_the_module_checker():
    # The module checker step annotates these on their line; the build must not repeat them.
    log = ("ERROR   -  course2/01-interviewing/index.md:5:1: MOD006 `duraton` is not a key this page may have.\n"
           "ERROR   -  Error reading page 'course2/01-interviewing/index.md': something else\n")
    assert annotations(log) == [("mkdocs", None, "Error reading page 'course2/01-interviewing/index.md': something else")]


def test_build_warnings_are_annotated_once_only():
    names = [step.get("name", "") for step in steps(load(GITHUB / "workflows" / "ci.yml"))]
    commands = [step.get("run", "") for step in steps(load(GITHUB / "workflows" / "ci.yml"))]
    added = next(i for i, c in enumerate(commands) if "::add-matcher::" in c)
    removed = next(i for i, c in enumerate(commands) if "::remove-matcher owner=mkdocs::" in c)
    builds = [i for i, c in enumerate(commands) if "mkdocs build" in c]
    inside = [names[i] for i in builds if added < i < removed]
    assert inside == ["Build the site (strict)"], inside


def test_the_new_module_form_offers_exactly_the_contracts_choices():
    from pacer.model import contract
    from pacer.paths import COURSES

    form = yaml.safe_load((GITHUB / "ISSUE_TEMPLATE" / "new-module.yml").read_text(encoding="utf-8"))
    fields = {item.get("id"): item for item in form["body"] if item.get("id")}
    assert fields["phase"]["attributes"]["options"] == list(contract.PHASES)
    assert [o["label"] for o in fields["spor"]["attributes"]["options"]] == [name for name, _ in contract.PRINCIPLES.values()]
    assert fields["course"]["attributes"]["options"] == [c.replace("course", "Course ") for c in COURSES]


def test_ci_keeps_the_notebook_cache_keyed_on_what_the_build_key_covers():
    ci = load(GITHUB / "workflows" / "ci.yml")
    cache = next((s for s in steps(ci) if s.get("uses", "").startswith("actions/cache@")), None)
    assert cache is not None, "CI runs every notebook again on every run"
    assert cache["with"]["path"] == ".cache/pacer/notebooks"
    for covered in ("course*/**", "scripts/pacer/notebooks/*.py", "requirements.txt"):
        assert covered in cache["with"]["key"], f"the cache key does not cover {covered}"
    names = [s.get("name", "") for s in steps(ci)]
    build = next(i for i, s in enumerate(steps(ci)) if "mkdocs build --strict" in s.get("run", ""))
    assert names.index(cache["name"]) < build, "the cache is restored after the build"
