"""The published site as a branch (gh-pages): the course at its top, each preview in its folder.

GitHub Pages publishes the branch as it is. Three changes are made to it, each touching only its
own part, so that none can undo another:

- ``production``: the course, at the top; ``pr-preview/`` is kept as it is;
- ``put_preview``: one pull request's preview, in ``pr-preview/pr-N/``; nothing else is touched;
- ``remove_preview``: that folder removed.

Each change is made on a fresh copy of the branch's newest commit and pushed as a single commit
with no history (old previews would otherwise stay in the repository for ever), with
``--force-with-lease``: if another change was pushed in between, the push is refused, and the
change is made again on top of it. A preview's files come from a pull request, so they are
checked first: only plain files and folders, and not too many or too large.
Standard library only: the publishing workflow runs it from the default branch, without the
site's dependencies.
"""

from __future__ import annotations

import base64
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Callable

PREVIEWS = "pr-preview"
MAX_FILES = 20_000
MAX_BYTES = 300 * 1024 * 1024
BOT = ("github-actions[bot]", "41898282+github-actions[bot]@users.noreply.github.com")


class PublishError(RuntimeError):
    pass


def preview_folder(number: int) -> str:
    if isinstance(number, bool) or not isinstance(number, int) or number <= 0:
        raise PublishError(f"{number!r} is not a pull request number")
    return f"{PREVIEWS}/pr-{number}"


def check_files(folder: Path) -> None:
    """Refuse anything but plain files and folders (a link could copy a file from the machine
    that publishes), and more files or bytes than a site has."""
    if not folder.is_dir() or folder.is_symlink():
        raise PublishError(f"{folder} is not a folder")
    count = size = 0
    for parent, folders, files in os.walk(folder):
        for name in folders + files:
            path = Path(parent) / name
            if path.is_symlink() or not (path.is_dir() or path.is_file()):
                raise PublishError(f"{path.relative_to(folder)} is not a plain file or folder")
        count += len(files)
        size += sum((Path(parent) / name).stat().st_size for name in files)
        if count > MAX_FILES or size > MAX_BYTES:
            raise PublishError(f"{folder} holds more than {MAX_FILES} files or {MAX_BYTES // 2**20} MB")


def _copy(source: Path, target: Path) -> None:
    check_files(source)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copytree(source, target, symlinks=True)  # none left after check_files


def production(source: Path) -> Callable[[Path], bool]:
    """The course at the top of the branch; the previews' folder stays as it is."""
    def change(tree: Path) -> bool:
        if (source / PREVIEWS).exists():
            raise PublishError(f"the built site holds a {PREVIEWS}/ folder, the previews' place")
        check_files(source)
        for entry in tree.iterdir():
            if entry.name not in (".git", PREVIEWS):
                shutil.rmtree(entry) if entry.is_dir() and not entry.is_symlink() else entry.unlink()
        for entry in source.iterdir():
            target = tree / entry.name
            shutil.copytree(entry, target, symlinks=True) if entry.is_dir() else shutil.copy2(entry, target)
        return True
    return change


def put_preview(number: int, source: Path) -> Callable[[Path], bool]:
    folder = preview_folder(number)

    def change(tree: Path) -> bool:
        target = tree / folder
        if target.exists():
            shutil.rmtree(target)
        _copy(source, target)
        return True
    return change


def remove_preview(number: int) -> Callable[[Path], bool]:
    folder = preview_folder(number)

    def change(tree: Path) -> bool:
        target = tree / folder
        if not target.exists():
            return False  # nothing to remove: nothing to push
        shutil.rmtree(target)
        return True
    return change


def token_environment(token: str | None) -> dict[str, str]:
    """Git's environment with the workflow's token as the authorization for github.com, as
    actions/checkout sets it, but only in the environment of these git commands: never in a
    file, in a command line or in the remote's address."""
    env = dict(os.environ)
    if token:
        basic = base64.b64encode(f"x-access-token:{token}".encode()).decode()
        env.update({"GIT_CONFIG_COUNT": "1", "GIT_CONFIG_KEY_0": "http.https://github.com/.extraheader",
                    "GIT_CONFIG_VALUE_0": f"AUTHORIZATION: basic {basic}"})
    return env


def _git(work: Path, *args: str, check: bool = True, env: dict | None = None) -> subprocess.CompletedProcess:
    result = subprocess.run(["git", "-C", str(work), *args], capture_output=True, text=True, env=env)
    if check and result.returncode != 0:
        raise PublishError(f"git {args[0]} failed: {result.stderr.strip()[-500:]}")
    return result


def _exists(work: Path, remote: str, branch: str, env: dict) -> bool:
    return bool(_git(work, "ls-remote", remote, f"refs/heads/{branch}", env=env).stdout.strip())


def publish(remote: str, branch: str, change: Callable[[Path], bool], message: str,
            token: str | None = None, attempts: int = 5, pause: float = 2.0) -> str | None:
    """Make ``change`` on the branch's newest commit and push it; return the new commit, or None
    when the change left nothing to do. Tried again on a newer commit when another push won.
    ``token`` authorizes the fetch and the push to github.com (the workflow's GITHUB_TOKEN)."""
    env = token_environment(token)
    for attempt in range(attempts):
        with tempfile.TemporaryDirectory(prefix="pages-") as scratch:
            work = Path(scratch)
            _git(work, "init", "--quiet")
            tip = None
            if _exists(work, remote, branch, env):
                _git(work, "fetch", "--quiet", "--depth", "1", remote, f"refs/heads/{branch}", env=env)
                tip = _git(work, "rev-parse", "FETCH_HEAD").stdout.strip()
                _git(work, "checkout", "--quiet", "--detach", tip)
            if not change(work):
                return None
            (work / ".nojekyll").touch()  # the site is published as built, not run through Jekyll
            _git(work, "add", "--all")
            tree = _git(work, "write-tree").stdout.strip()
            commit = _git(work, "-c", f"user.name={BOT[0]}", "-c", f"user.email={BOT[1]}",
                          "commit-tree", tree, "-m", message).stdout.strip()
            pushed = _git(work, "push", "--quiet", f"--force-with-lease=refs/heads/{branch}:{tip or ''}",
                          remote, f"{commit}:refs/heads/{branch}", check=False, env=env)
            if pushed.returncode == 0:
                return commit
            if attempt + 1 == attempts:
                raise PublishError(f"the push to {branch} was refused {attempts} times: {pushed.stderr.strip()[-500:]}")
        time.sleep(pause * (attempt + 1))
    return None
