"""MkDocs hook: the pages' git dates are read once per commit, not on every build.

What is kept, and why it stays correct, is in scripts/pacer/git_dates.py.
"""

from __future__ import annotations

from mkdocs.plugins import event_priority

from pacer import build
from pacer.speed import git_dates


# After the course folders are mounted (50) and the views chose their files (40); before the
# git-revision-date-localized plugin (0) reads the history.
@event_priority(10)
def on_files(files, config):
    git_dates.restore(config, build.state(config).root)
    return files


def on_post_build(config):
    git_dates.keep(config, build.state(config).root)
