"""The bot's comment and the publishing decision (scripts/preview_comment.py): safe whatever the
pull request's build wrote into its report, and runnable with Python's standard library alone
(the publishing workflow runs it without the site's dependencies)."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from conftest import ROOT
from pacer.preview import comment, gate

PREVIEW = "https://o.github.io/site/pr-preview/pr-12/"
SHA = "0123456789abcdef0123456789abcdef01234567"


def good_report(**changes) -> dict:
    report = {
        "format": 1, "pr": 12, "status": "built",
        "pages": [{"address": "course2/01-interviewing/", "title": "Interviewing with care", "reason": "page",
                   "detail": "course2/01-interviewing/index.md"},
                  {"address": "", "title": "Home", "reason": "glossary", "detail": "Member checking"}],
        "every_page": [], "removed": [], "not_pages": ["README.md"],
        "checks": [{"name": "module-checker", "status": "problems", "count": 1, "problems": [
                        {"file": "course2/01-interviewing/index.md", "line": 5, "text": "MOD006 `duraton` is not a key. Fix: Remove it."}]},
                   {"name": "build", "status": "passed", "count": 0, "problems": []},
                   {"name": "links", "status": "passed", "count": 0, "problems": []}],
    }
    report.update(changes)
    return report


def test_a_built_preview_gets_its_link_the_changed_pages_and_the_checks_in_plain_words():
    text = comment.render(good_report(), PREVIEW, SHA, "https://github.com/o/site/actions/runs/99")
    assert text.startswith(comment.MARKER + "\n")
    assert f"**Preview of pull request #12:** {PREVIEW}" in text
    assert "(commit `0123456`) ([the run's log](https://github.com/o/site/actions/runs/99))" in text
    assert f"- [Interviewing with care]({PREVIEW}course2/01-interviewing/): its page changed\n" in text
    assert f"- [Home]({PREVIEW}): a glossary entry it shows changed (`Member checking`)\n" in text
    assert "- The module checker found problems to fix:" in text
    assert "course2/01-interviewing/index.md, line 5: MOD006 `duraton` is not a key. Fix: Remove it." in text
    assert "- The strict build of the site found no problems." in text
    assert "- The link checker found no problems." in text


def test_a_failed_build_gets_its_errors_and_no_link():
    report = good_report(status="failed", pages=[])
    report["checks"][1] = {"name": "build", "status": "failed", "count": 1, "problems": [
        {"file": "course1/01-a/index.md", "line": 1, "text": "BLD003 the notebook failed. Fix: Run it."}]}
    text = comment.render(report, PREVIEW, SHA)
    assert "**No preview this time: the site did not build**" in text
    assert PREVIEW not in text
    assert "course1/01-a/index.md, line 1: BLD003 the notebook failed. Fix: Run it." in text
    assert "- The strict build of the site stopped with errors:" in text


def test_a_fork_without_the_label_is_told_what_happens_next():
    text = comment.render({"format": 1, "pr": 12, "status": "needs-label"}, PREVIEW, SHA)
    assert "adds the label `preview`" in text and PREVIEW not in text


def test_every_page_and_removed_pages_are_named():
    text = comment.render(good_report(every_page=["overrides/main.html"], removed=["docs/old.md"]), PREVIEW, SHA)
    assert f"It also changes files that can change every page (`overrides/main.html`): look through a few pages, starting with [the home page]({PREVIEW})." in text
    assert "It removes the pages made from `docs/old.md`." in text


HOSTILE_TITLE = "@everyone see [a prize](https://evil.example/) <img src=x onerror=alert(1)> #1 ![x](y)"


def outside_code(text: str) -> str:
    """The comment without its fenced blocks and inline code (where GitHub reads no Markdown)."""
    text = re.sub(r"(`{3,})text\n.*?\n\s*\1", "", text, flags=re.DOTALL)
    return re.sub(r"`[^`\n]*`", "", text)


def test_hostile_values_in_the_report_stay_text():
    report = good_report(pages=[
        {"address": "course2/x/", "title": HOSTILE_TITLE, "reason": "page", "detail": "`x` @team"},
        {"address": "course2/y/", "title": "y", "reason": "glossary", "detail": "a`b ``` @team"},
        {"address": "https://evil.example/", "title": "offsite", "reason": "page", "detail": ""},
        {"address": "//evil.example/", "title": "offsite", "reason": "page", "detail": ""},
        {"address": "../../other-repo/", "title": "climb", "reason": "page", "detail": ""},
        {"address": "javascript:alert(1)", "title": "script", "reason": "page", "detail": ""},
        {"address": "a b/", "title": "space", "reason": "page", "detail": ""},
        {"address": "course2/z/", "title": "unknown reason", "reason": "<b>x</b>", "detail": ""},
        {"address": ["not", "text"], "title": "list", "reason": "page", "detail": ""},
        "not an entry",
    ], every_page=["overrides/main.html", "x`y", "@team/file"], removed=["../etc/passwd"])
    report["checks"] = [
        {"name": "module-checker", "status": "problems", "count": 2, "problems": [
            {"file": "a.md", "line": 3, "text": "```\n@everyone [link](https://evil.example/) <script>alert(1)</script>\n````"},
            {"file": "../../etc/passwd", "line": True, "text": "\u202eevil\u0000 text"}]},
        {"name": "<script>", "status": "passed"},
        {"name": "links", "status": "owned"},
    ]
    text = comment.render(report, PREVIEW, "not a sha <b>")
    prose = outside_code(text)
    assert "<img" not in prose and "<script" not in prose and "<b>" not in prose
    assert "@everyone" not in prose.replace("\\@everyone", "")  # escaped: no mention
    assert "[\\@everyone see \\[a prize\\]\\(https://evil.example/\\) &lt;img" in text    # the title, as text
    addresses = re.findall(r"\]\((https?://[^)]+)\)", prose)
    assert addresses and all(a.startswith(PREVIEW) for a in addresses), addresses
    assert f"]({PREVIEW}course2/y/): a glossary entry it shows changed (`a'b ''' @team`)" in text
    for dropped in ("offsite", "climb", "script]", "space", "unknown reason", "list]"):
        assert f"[{dropped}" not in text, dropped
    fences = re.findall(r"^\s*(`{3,})text$", text, flags=re.MULTILINE)
    assert fences and all(len(f) >= 5 for f in fences), "the fence must be longer than any run of backticks inside"
    assert "\u202e" not in text and "\u0000" not in text
    assert "etc/passwd" not in prose and "`x`y`" not in text
    assert "commit" not in text.split("**Pages", 1)[0].split("look with the change", 1)[1][:20]  # not a commit: left out


def test_the_longest_report_stays_under_githubs_limit():
    long = "x" * 5000
    pages = [{"address": f"p{i}/" + "a" * 250, "title": "[" * 500, "reason": "glossary", "detail": "`" * 500} for i in range(5000)]
    checks = [{"name": name, "status": "problems", "count": 10**9, "problems": [{"file": "f" * 199, "line": 10**9, "text": "`" * 5000}] * 500}
              for name in comment.CHECK_NAMES] * 3
    text = comment.render(good_report(pages=pages, checks=checks, every_page=[long] * 500, removed=["r" * 199] * 500),
                          PREVIEW, SHA)
    assert len(text) < comment.MAX_COMMENT
    assert "... and 4960 more pages" in text


@pytest.mark.parametrize("bad", [None, [], {"format": 2, "pr": 1}, {"format": 1, "pr": "12"}, {"format": 1, "pr": True},
                                 {"format": 1, "pr": -3}, {"format": 1}])
def test_a_report_that_is_not_one_is_refused(bad):
    with pytest.raises(comment.ReportError):
        comment.render(bad, PREVIEW, SHA)


def test_the_preview_address_must_be_an_https_folder():
    with pytest.raises(comment.ReportError):
        comment.render(good_report(), "javascript:alert(1)//", SHA)


# --- the decision, from GitHub's record ----------------------------------------------------------

def pull(state="open", sha=SHA, repo="o/site", labels=()) -> dict:
    return {"number": 12, "state": state, "head": {"sha": sha, "repo": {"full_name": repo}},
            "labels": [{"name": name} for name in labels]}


@pytest.mark.parametrize("status, record, action", [
    ("built", pull(), gate.PUBLISH),
    ("failed", pull(), gate.FAILED),
    ("built", pull(state="closed"), gate.REMOVE),
    ("failed", pull(state="closed"), gate.REMOVE),
    ("built", pull(sha="f" * 40), gate.SKIP),                        # a newer commit's build follows
    ("built", pull(repo="fork/site"), gate.SKIP),                    # the run is not of this pull request's head
    ("built", pull(repo="fork/site", labels=["other"]), gate.SKIP),
    ("needs-label", pull(), gate.NEEDS_LABEL),
])
def test_the_decision_rests_on_the_pull_request_as_github_records_it(status, record, action):
    assert gate.decide(status, record, SHA, "o/site", "o/site").action == action


def test_a_fork_is_published_only_with_the_label_whatever_its_report_says():
    fork = pull(repo="fork/site")
    assert gate.decide("built", fork, SHA, "fork/site", "o/site").action == gate.NEEDS_LABEL
    assert gate.decide("built", pull(repo="fork/site", labels=["preview"]), SHA, "fork/site", "o/site").action == gate.PUBLISH


# --- the command, with the standard library only ------------------------------------------------

def run(*arguments: str) -> subprocess.CompletedProcess:
    # -S: no site-packages, as on the publishing workflow's runner; -I would also drop the scripts folder
    return subprocess.run([sys.executable, "-S", str(ROOT / "scripts/preview_comment.py"), *arguments],
                          capture_output=True, text=True, cwd=ROOT)


def test_the_command_reads_decides_and_renders_without_the_sites_dependencies(tmp_path):
    report, record = tmp_path / "report.json", tmp_path / "pull.json"
    report.write_text(json.dumps(good_report()), encoding="utf-8")
    record.write_text(json.dumps(pull()), encoding="utf-8")
    assert run("number", str(report)).stdout == "12\n"
    decided = run("decide", str(report), str(record), "--run-sha", SHA, "--run-repo", "o/site", "--repo", "o/site")
    assert decided.returncode == 0 and decided.stdout == "action=publish\npr=12\n", decided.stderr
    rendered = run("render", str(report), "--site-url", "https://o.github.io/site/", "--commit", SHA)
    assert rendered.returncode == 0 and f"**Preview of pull request #12:** {PREVIEW}" in rendered.stdout


def test_the_command_refuses_a_report_for_another_pull_request_or_no_report(tmp_path):
    report, record = tmp_path / "report.json", tmp_path / "pull.json"
    report.write_text(json.dumps(good_report(pr=13)), encoding="utf-8")
    record.write_text(json.dumps(pull()), encoding="utf-8")
    decided = run("decide", str(report), str(record), "--run-sha", SHA, "--run-repo", "o/site", "--repo", "o/site")
    assert decided.returncode == 2 and "describes pull request 12, not 13" in decided.stderr and decided.stdout == ""
    report.write_text("not json", encoding="utf-8")
    assert run("number", str(report)).returncode == 2
    assert "cannot be read as a preview report" in run("number", str(tmp_path / "missing.json")).stderr
