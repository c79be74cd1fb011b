"""The gh-pages branch (scripts/publish_pages.py, pacer/preview/branch.py): publishing the course
never removes an open preview, a preview never replaces the course, a closed pull request's
preview goes, and a preview's files cannot reach outside their folder.

A bare repository in a temporary folder stands for GitHub; the script runs with Python's
standard library only, as the publishing workflows run it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from pacer.preview import branch


def git(*args: str, cwd: Path | None = None) -> str:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True).stdout


@pytest.fixture
def remote(tmp_path) -> Path:
    bare = tmp_path / "remote.git"
    git("init", "--quiet", "--bare", str(bare))
    return bare


def site(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def published(remote: Path) -> dict[str, str]:
    """Every file on the branch, with its text."""
    listed = git("--git-dir", str(remote), "ls-tree", "-r", "--name-only", "gh-pages").split()
    return {name: git("--git-dir", str(remote), "show", f"gh-pages:{name}") for name in listed}


def publish(remote: Path, *arguments: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_TOKEN"}
    return subprocess.run([sys.executable, "-S", str(ROOT / "scripts/publish_pages.py"), "--remote", str(remote), *arguments],
                          capture_output=True, text=True, env=env, cwd=ROOT)


def test_the_course_and_the_previews_never_undo_each_other(remote, tmp_path):
    course = site(tmp_path / "course", {"index.html": "course 1", "about/index.html": "about 1"})
    assert publish(remote, "--production", str(course)).returncode == 0
    twelve = site(tmp_path / "pr12", {"index.html": "preview 12", "about/index.html": "about 12"})
    thirteen = site(tmp_path / "pr13", {"index.html": "preview 13"})
    assert publish(remote, "--preview", "12", "--from", str(twelve)).returncode == 0
    assert publish(remote, "--preview", "13", "--from", str(thirteen)).returncode == 0
    # a new version of the course, without the old about page: the previews stay
    course2 = site(tmp_path / "course2", {"index.html": "course 2", "spor/index.html": "spor 2"})
    assert publish(remote, "--production", str(course2)).returncode == 0
    assert published(remote) == {
        ".nojekyll": "", "index.html": "course 2", "spor/index.html": "spor 2",
        "pr-preview/pr-12/index.html": "preview 12", "pr-preview/pr-12/about/index.html": "about 12",
        "pr-preview/pr-13/index.html": "preview 13"}
    # a new push to pull request 12 replaces its preview (its old files go) and nothing else
    twelve2 = site(tmp_path / "pr12-2", {"index.html": "preview 12, again"})
    assert publish(remote, "--preview", "12", "--from", str(twelve2)).returncode == 0
    files = published(remote)
    assert files["index.html"] == "course 2" and files["pr-preview/pr-13/index.html"] == "preview 13"
    assert files["pr-preview/pr-12/index.html"] == "preview 12, again" and "pr-preview/pr-12/about/index.html" not in files
    # closing pull request 12 removes its folder only; removing it again changes nothing
    assert publish(remote, "--remove-preview", "12").returncode == 0
    assert not any(name.startswith("pr-preview/pr-12/") for name in published(remote))
    assert "pr-preview/pr-13/index.html" in published(remote)
    again = publish(remote, "--remove-preview", "12")
    assert again.returncode == 0 and "Nothing to change" in again.stdout
    # every push is one commit with no history: old previews do not stay in the repository
    assert git("--git-dir", str(remote), "rev-list", "--count", "gh-pages").strip() == "1"


def test_a_closed_pull_request_is_removed_even_when_it_never_had_a_preview(remote, tmp_path):
    result = publish(remote, "--remove-preview", "99")
    assert result.returncode == 0 and "Nothing to change" in result.stdout


def test_a_preview_with_a_link_or_a_course_with_a_previews_folder_is_refused(remote, tmp_path):
    course = site(tmp_path / "course", {"index.html": "course"})
    assert publish(remote, "--production", str(course)).returncode == 0
    linked = site(tmp_path / "linked", {"index.html": "preview"})
    (linked / "secret.txt").symlink_to("/etc/hostname")
    result = publish(remote, "--preview", "5", "--from", str(linked))
    assert result.returncode == 1 and "secret.txt is not a plain file or folder" in result.stderr
    clashing = site(tmp_path / "clashing", {"index.html": "x", "pr-preview/pr-1/index.html": "fake preview"})
    result = publish(remote, "--production", str(clashing))
    assert result.returncode == 1 and "pr-preview/ folder, the previews' place" in result.stderr
    assert published(remote) == {".nojekyll": "", "index.html": "course"}   # nothing changed


def test_a_push_that_lost_a_race_is_made_again_on_the_newer_branch(remote, tmp_path):
    course = site(tmp_path / "course", {"index.html": "course"})
    branch.publish(str(remote), "gh-pages", branch.production(course), "course")
    preview = site(tmp_path / "pr7", {"index.html": "preview 7"})
    raced = []

    def change_after_another_push(tree: Path) -> bool:
        if not raced:  # while this change is being made, another workflow publishes preview 8
            raced.append(branch.publish(str(remote), "gh-pages", branch.put_preview(8, site(tmp_path / "pr8", {"a.html": "8"})), "8"))
        return branch.put_preview(7, preview)(tree)

    assert branch.publish(str(remote), "gh-pages", change_after_another_push, "7", pause=0)
    files = published(remote)
    assert files["pr-preview/pr-7/index.html"] == "preview 7" and files["pr-preview/pr-8/a.html"] == "8"
    assert files["index.html"] == "course"


@pytest.mark.parametrize("number", [0, -1, True])
def test_only_a_pull_request_number_names_a_folder(number):
    with pytest.raises(branch.PublishError):
        branch.preview_folder(number)


def test_the_token_reaches_git_only_through_its_environment():
    env = branch.token_environment("s3cret")
    assert env["GIT_CONFIG_KEY_0"] == "http.https://github.com/.extraheader"
    assert env["GIT_CONFIG_VALUE_0"].startswith("AUTHORIZATION: basic ") and "s3cret" not in env["GIT_CONFIG_VALUE_0"]
    assert branch.token_environment(None) == dict(os.environ)   # no token: git as it is
