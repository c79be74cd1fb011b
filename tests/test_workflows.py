"""The GitHub files are valid and do what the contributor guide says they do.

Workflows, Dependabot and issue forms are checked against GitHub's schemas (vendored in
check-jsonschema, so no download). The rest checks what a schema cannot: every action is
pinned to a full commit, every `make` target and script a workflow calls exists, the checks
are safe for pull requests from forks, only the publishing jobs may write (and they run no code
from a pull request), no `pull_request_target` job checks out a pull request, and the build's
warnings turn into annotations.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, mkdocs_build, small_module

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
    expected = {"workflows/ci.yml", "workflows/deploy.yml", "workflows/preview.yml",
                "workflows/preview-publish.yml", "CODEOWNERS", "dependabot.yml",
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


# The only jobs that may write, and what each may write: the course's publication, a preview's
# publication and comment, a closed pull request's preview removed.
WRITERS = {
    ("deploy.yml", "publish"): {"contents": "write"},
    ("preview-publish.yml", "publish"): {"contents": "write", "pull-requests": "write", "actions": "read"},
    ("preview-publish.yml", "remove"): {"contents": "write"},
}


def test_only_the_publishing_jobs_may_write():
    for path in WORKFLOWS:
        workflow = load(path)
        assert workflow.get("permissions") == {"contents": "read"}, f"{path.name}: top-level permissions must be read-only"
        for name, job in workflow["jobs"].items():
            granted = job.get("permissions", {})
            assert granted == WRITERS.get((path.name, name), {}), f"{path.name}: job {name} asks for {granted}"
    deploy = load(GITHUB / "workflows" / "deploy.yml")
    assert set(deploy["on"]) <= {"workflow_run", "workflow_dispatch", "push"}
    commands = "\n".join(run_lines(GITHUB / "workflows" / "deploy.yml"))
    assert "make build" in commands
    assert re.search(r"python3 scripts/publish_pages\.py --remote \S+ --production ", commands)
    assert deploy["jobs"]["publish"]["needs"] == "build"


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
                    "preview", "make preview", "reading grade", "reviewed:"):
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




def test_build_warnings_become_annotations_on_the_right_file(make_project, tmp_path):
    project = make_project({
        "course2/01-broken-link/index.md": small_module("A module with a broken link", "See [the next module](../02-missing/index.md)."),
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


# --- previews: built without a write token, published without the pull request's code ---------

PREVIEW = GITHUB / "workflows" / "preview.yml"
PUBLISH = GITHUB / "workflows" / "preview-publish.yml"
# What can check out, or run, a pull request's code, and pull request text that a run step must
# not have pasted into its script (a title can hold shell code).
PR_REFS = re.compile(r"github\.event\.pull_request\.head|github\.head_ref|refs/pull/|pull_request\.merge|"
                     r"github\.event\.(?:number|pull_request\.number)\b.*/(?:head|merge)")
PR_TEXT = re.compile(r"\$\{\{\s*github\.event\.pull_request\.(?:title|body|head\.ref|head\.label)|"
                     r"\$\{\{\s*github\.head_ref")
RUNS_PR_CODE = re.compile(r"\bgh pr checkout\b|\bgit (?:fetch|pull)\b[^\n]*(?:pull/|\$\{\{\s*github\.event\.pull_request)|"
                          r"\bgit (?:checkout|switch|reset)\b[^\n]*(?:FETCH_HEAD|pull/|pull_request)")


def triggers(workflow: dict) -> set[str]:
    on = workflow.get("on")
    return {on} if isinstance(on, str) else set(on or [])


def pull_request_target_problems(workflow: dict) -> list[str]:
    """Every job of a `pull_request_target` workflow that checks out or runs the pull request's
    code: such a job has a write token and secrets, and whatever the pull request holds would run
    with them. Each problem names the job and the step."""
    if "pull_request_target" not in triggers(workflow):
        return []
    problems = []
    for name, job in (workflow.get("jobs") or {}).items():
        for number, step in enumerate(job.get("steps") or [], 1):
            label = f"job {name}, step {number}" + (f" ({step['name']})" if step.get("name") else "")
            if str(step.get("uses", "")).startswith("actions/checkout@"):
                given = " ".join(str(v) for v in (step.get("with") or {}).values())
                if PR_REFS.search(given):
                    problems.append(f"{label} checks out the pull request")
            command = str(step.get("run", ""))
            if RUNS_PR_CODE.search(command):
                problems.append(f"{label} fetches or checks out the pull request")
            if PR_TEXT.search(command):
                problems.append(f"{label} pastes the pull request's text into its script")
    return problems


BAD_TARGET = """
name: Bad
on:
  pull_request_target:
    types: [opened, synchronize]
permissions:
  contents: read
jobs:
  build:
    runs-on: ubuntu-latest
    timeout-minutes: 5
    steps:
      - uses: actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8 # v5.0.0
        with:
          ref: ${{ github.event.pull_request.head.sha }}
      - run: make build
  again:
    runs-on: ubuntu-latest
    timeout-minutes: 5
    steps:
      - uses: actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8 # v5.0.0
      - run: git fetch origin pull/${{ github.event.number }}/head && git checkout FETCH_HEAD
      - run: gh pr checkout ${{ github.event.number }}
      - run: echo "${{ github.event.pull_request.title }}"
  merged:
    runs-on: ubuntu-latest
    timeout-minutes: 5
    steps:
      - uses: actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8 # v5.0.0
        with:
          repository: ${{ github.event.pull_request.head.repo.full_name }}
          ref: ${{ github.head_ref }}
"""


def test_the_pull_request_target_check_catches_a_job_that_checks_out_the_pull_request(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text(BAD_TARGET, encoding="utf-8")
    assert validate("vendor.github-workflows", bad).returncode == 0   # valid to GitHub: only this check stops it
    problems = pull_request_target_problems(load(bad))
    assert problems == [
        "job build, step 1 checks out the pull request",
        "job again, step 2 fetches or checks out the pull request",
        "job again, step 3 fetches or checks out the pull request",
        "job again, step 4 pastes the pull request's text into its script",
        "job merged, step 1 checks out the pull request",
    ]
    # the same jobs on `pull_request` (read-only, no secrets) are not this check's business
    assert pull_request_target_problems(load(bad) | {"on": {"pull_request": None}}) == []
    # and the real removal job, changed to check out the pull request's head, is caught
    changed = load(GITHUB / "workflows" / "preview-publish.yml")
    changed["jobs"]["remove"]["steps"][0]["with"]["ref"] = "${{ github.event.pull_request.head.sha }}"
    assert pull_request_target_problems(changed) == [
        "job remove, step 1 (Check out this repository's default branch (its scripts; never the pull request)) "
        "checks out the pull request"]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_pull_request_target_job_checks_out_or_runs_the_pull_request(path):
    assert pull_request_target_problems(load(path)) == []


def test_the_preview_is_built_on_pull_request_with_a_read_only_token_and_no_secrets():
    preview = load(PREVIEW)
    assert triggers(preview) == {"pull_request"}
    assert set(preview["on"]["pull_request"]["types"]) >= {"opened", "synchronize", "reopened", "labeled"}
    assert preview["permissions"] == {"contents": "read"}
    assert all("permissions" not in job for job in preview["jobs"].values())
    assert "secrets." not in PREVIEW.read_text(encoding="utf-8")
    job = preview["jobs"]["build"]
    allowed = job["env"]["ALLOWED"]
    assert "head.repo.full_name == github.repository" in allowed and "labels.*.name, 'preview'" in allowed
    commands = "\n".join(run_lines(PREVIEW))
    assert re.search(r"make preview PR=\"\$PR\"", commands)                    # the strict build of both views
    assert "scripts/check_modules.py" in commands
    assert re.search(r"scripts/check_links\.py site-preview\b", commands)
    assert re.search(r"scripts/preview_pages\.py site-preview --pr \"\$PR\" --base HEAD\^1", commands)
    uploads = [s for s in steps(preview) if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert [u["with"]["name"] for u in uploads] == ["preview"]
    heavy = [s for s in steps(preview) if "make " in s.get("run", "") or s.get("uses", "").startswith("actions/checkout@")]
    assert heavy and all("env.ALLOWED == 'true'" in str(s.get("if", "")) for s in heavy), "a fork without the label is built"
    checkout = next(s for s in steps(preview) if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["persist-credentials"] is False and checkout["with"]["fetch-depth"] == 0


def test_the_preview_is_published_without_running_the_pull_requests_code():
    publish = load(PUBLISH)
    assert triggers(publish) == {"workflow_run", "pull_request_target"}
    assert publish["on"]["workflow_run"]["workflows"] == [load(PREVIEW)["name"]]
    assert publish["on"]["pull_request_target"]["types"] == ["closed"]
    for name, job in publish["jobs"].items():
        checkouts = [s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout@")]
        # only the default branch's scripts, never the pull request's commit
        assert [c["with"] for c in checkouts] == [{"ref": "${{ github.event.repository.default_branch }}",
                                                   "persist-credentials": False}], name
        for step in job["steps"]:
            for line in step.get("run", "").splitlines():
                line = line.strip()
                # what runs: the default branch's two scripts with the system Python (no
                # dependencies installed, nothing from the artifact run), and GitHub's CLI
                assert re.match(r"^(?:python3 scripts/(?:publish_pages|preview_comment)\.py |gh api |ids=\$\(gh api |earlier=\$\{ids|"
                                r"pr=\$\(python3 scripts/preview_comment\.py |site_url=\$\(sed -n |--|if |else$|fi$|"
                                r"\$RUNNER_TEMP|\.\[\] \| select)", line), f"{name} runs {line!r}"
                assert not re.search(r"\bmake\b|\.venv|pip |npm |bash \$|sh \$|\$PREVIEW/site/\S*\.(?:sh|py)", line), line
    steps_by_name = {s.get("name", ""): s for s in publish["jobs"]["publish"]["steps"]}
    download = next(s for s in steps_by_name.values() if s.get("uses", "").startswith("actions/download-artifact@"))
    assert download["with"]["run-id"] == "${{ github.event.workflow_run.id }}"
    decide = next(s for s in steps_by_name.values() if "decide" in s.get("run", ""))
    assert "gh api \"repos/$GITHUB_REPOSITORY/pulls/$pr\"" in decide["run"]          # GitHub's record decides
    assert '--run-sha "$RUN_SHA" --run-repo "$RUN_REPO"' in decide["run"]
    job_env = publish["jobs"]["publish"]["env"]
    assert job_env["RUN_SHA"] == "${{ github.event.workflow_run.head_sha }}"


def test_a_closed_pull_requests_preview_is_removed_whatever_its_build_did():
    publish = load(PUBLISH)
    remove = publish["jobs"]["remove"]
    assert remove["if"] == "github.event_name == 'pull_request_target'"   # no condition on any build
    commands = "\n".join(step.get("run", "") for step in remove["steps"])
    assert re.search(r"scripts/publish_pages\.py --remote \S+ --remove-preview \"\$PR\"", commands)
    # the publishing job removes it too when it finds the pull request closed, its build failed,
    # or a fork's label gone; and both jobs queue behind each other for one pull request
    publish_job = publish["jobs"]["publish"]
    removal = next(s for s in publish_job["steps"] if "--remove-preview" in s.get("run", ""))
    for action in ("remove", "failed", "needs-label"):
        assert action in removal["if"]
    assert publish_job["concurrency"]["group"].startswith("preview-pages-") and remove["concurrency"]["group"].startswith("preview-pages-")
