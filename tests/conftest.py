"""Shared fixtures: the real site built once per test session, and tiny throw-away projects."""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from pacer import mkdocs_run

ROOT = Path(__file__).resolve().parents[1]


CHANGED_SOURCES = "changed-sources.txt"


@dataclass
class Build:
    returncode: int
    log: str
    site: Path
    project: Path | None = None


def mkdocs_build(project: Path, site: Path, *extra: str) -> Build:
    """Build ``project`` into ``site`` as `make build` does (both views, strict) and keep the log."""
    result = mkdocs_run.build_views(project, site, *extra)
    return Build(result.returncode, result.stdout + result.stderr, site)


def once_per_session(tmp_path_factory, name: str, make) -> Build:
    """``make(folder)`` (which returns a Build whose site is inside ``folder``), run once for the
    whole test session: the first test process to ask runs it, the others (pytest-xdist) wait
    for it and read the same folder."""
    shared = tmp_path_factory.getbasetemp().parent if os.environ.get("PYTEST_XDIST_WORKER") else tmp_path_factory.getbasetemp()
    folder, lock = shared / name, shared / f"{name}.lock"
    log, where = folder / "build.log", folder / "build.site"
    folder.mkdir(parents=True, exist_ok=True)
    with open(lock, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        if not log.is_file():
            build = make(folder)
            where.write_text(f"{build.site}\n{build.project or ''}", encoding="utf-8")
            log.write_text(f"{build.returncode}\n{build.log}", encoding="utf-8")
        status, _, text = log.read_text(encoding="utf-8").partition("\n")
        site, _, project = where.read_text(encoding="utf-8").partition("\n")
    return Build(int(status), text, Path(site), Path(project) if project else None)


def pytest_collection_modifyitems(items) -> None:
    """Files marked ``starts_early`` (each takes minutes) go first. The two test processes take
    whole files in this order (pytest.ini: --dist loadfile, --no-loadscope-reorder), so a long
    file runs beside the short ones instead of being the last thing a run waits for."""
    items.sort(key=lambda item: item.get_closest_marker("starts_early") is None)  # a stable sort


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Build:
    """The real site, built once for the whole test session. What the build changed in the
    source tree (it must change nothing) is written beside the site: changed-sources.txt."""
    def make(folder: Path) -> Build:
        before = source_snapshot()
        build = mkdocs_build(ROOT, folder / "site")
        after = source_snapshot()
        changed = sorted(name for name in before.keys() | after.keys() if before.get(name) != after.get(name))
        (folder / CHANGED_SOURCES).write_text("".join(f"{name}\n" for name in changed), encoding="utf-8")
        return build

    build = once_per_session(tmp_path_factory, "built-site", make)
    assert build.returncode == 0, f"the site did not build:\n{build.log}"
    return build


def small_module(title: str, body: str, after: str = "") -> str:
    """A module page that passes the checker: front matter, ``body``, an activity and the
    reflection questions, then ``after``."""
    return f"""---
title: {title}
summary: A module made for the tests.
duration: 60
phase: collect
spor: [inclusiveness]
objectives:
  - Describe the test.
keypoints:
  - A test says what it checks.
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
{after}"""


PREVIEW_NUMBER = 12
PREVIEW_MODULE = small_module(
    "Interviewing for the preview",
    'Member checking is part of this module [@kallio2016].\n\n## The only part { data-minutes="60" }\n\nText.',
    after='\n??? facilitator "Facilitator notes"\n    Watch the time.\n')


@pytest.fixture(scope="session")
def preview_site(tmp_path_factory) -> Build:
    """Pull request 12's preview of a small project, built once per session as `make preview
    PR=12` builds it (both views, strict): a module page that uses a glossary term and cites a
    source, with facilitator notes; the skeleton's home and course pages. Small, so that the
    preview's tests add seconds, not a second build of the whole site."""
    def make(folder: Path) -> Build:
        project = _project_maker(folder)({"course2/01-preview/index.md": PREVIEW_MODULE})
        result = mkdocs_run.build_views(project, folder / "site", env=mkdocs_run.environment(PACER_PREVIEW=str(PREVIEW_NUMBER)))
        return Build(result.returncode, result.stdout + result.stderr, folder / "site", project)
    build = once_per_session(tmp_path_factory, "preview-site", make)
    assert build.returncode == 0, f"the preview did not build:\n{build.log}"
    return build


def theme_files(tmp_path: Path, sources: dict[str, str], **settings) -> tuple[MkDocsConfig, Files]:
    """A configuration and the theme's files ``sources`` (path: text), as a hook's ``on_files``
    receives them: for testing the hooks that change the theme's assets."""
    (tmp_path / "docs").mkdir()
    theme = tmp_path / "theme"
    for name, text in sources.items():
        (theme / name).parent.mkdir(parents=True, exist_ok=True)
        (theme / name).write_text(text, encoding="utf-8")
    config = MkDocsConfig()
    config.load_dict({"site_name": "t", "docs_dir": str(tmp_path / "docs"), "site_dir": str(tmp_path / "site"),
                      **settings})
    errors, _ = config.validate()
    assert not errors
    config.plugins._current_plugin = None  # as while MkDocs runs an event (File.generated reads it)
    return config, Files([File(name, str(theme), str(tmp_path / "site"), True) for name in sources])


def _config_without_nav(text: str) -> str:
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("nav:"))
    end = next((i for i in range(start + 1, len(lines)) if lines[i] and not lines[i][0].isspace()), len(lines))
    return "\n".join(lines[:start] + lines[end:]) + "\n"


def _project_maker(folder: Path):
    def make(files: dict[str, str] | None = None, nav: str | None = None) -> Path:
        project = folder / "project"
        shutil.copytree(ROOT / "scripts", project / "scripts", ignore=shutil.ignore_patterns("__pycache__"))
        shutil.copytree(ROOT / "overrides", project / "overrides")
        if (ROOT / "docs" / "_data").exists():
            shutil.copytree(ROOT / "docs" / "_data", project / "docs" / "_data")
        if (ROOT / "docs" / "_snippets").exists():
            shutil.copytree(ROOT / "docs" / "_snippets", project / "docs" / "_snippets")
        skeleton = {
            "docs/index.md": "# Home\n",
            **{f"{c}/index.md": f"---\ntitle: {c}\n---\n\nAbout {c}.\n" for c in ("course1", "course2", "course3")},
        }
        for path, text in {**skeleton, **(files or {})}.items():
            target = project / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        config = _config_without_nav((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
        config += nav or (
            "nav:\n  - Home: index.md\n  - Course 1: course1/index.md\n"
            "  - Course 2: course2/index.md\n  - Course 3: course3/index.md\n"
        )
        (project / "mkdocs.yml").write_text(config, encoding="utf-8")
        return project

    return make


@pytest.fixture
def make_project(tmp_path):
    """A small copy of the project (config, hooks, theme, data) with pages you choose.

    ``make_project({"course1/01-x/index.md": "..."})`` writes those files over a minimal
    skeleton (a home page and an index per course) and returns the project folder.
    """
    return _project_maker(tmp_path)


@pytest.fixture(scope="module")
def make_module_project(tmp_path_factory):
    """``make_project`` for module-scoped fixtures: one project built once for a module's tests."""
    return _project_maker(tmp_path_factory.mktemp("module-project"))


def source_snapshot() -> dict[str, bytes]:
    """Every file git tracks or would track (ignored build output excluded), with its bytes."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT, capture_output=True, check=True,
    ).stdout.decode().split("\0")
    return {name: (ROOT / name).read_bytes() for name in listed if name and (ROOT / name).is_file()}


# --- hostile content: one project holding every payload, built once for the session ----------

HOSTILE_PAGES = {
    "script-element": "<script>alert(1)</script>",
    "img-onerror-bare": "<img src=x onerror=alert(1)>",
    "img-onerror-double": '<img src="x" onerror="alert(1)">',
    "img-onerror-single": "<img src='x' onerror='alert(1)'>",
    "details-ontoggle-split": "<details open\nontoggle=alert(1)>\n<summary>x</summary>\n</details>",
    "span-onmouseover-split": 'A <span\nonmouseover="alert(1)">word</span>.',
    "link-javascript": '<a href="javascript:alert(1)">x</a>',
    "link-javascript-mixed-case": '<a href="JaVaScRiPt:alert(1)">x</a>',
    "link-javascript-tab-entity": '<a href="java&#x09;script:alert(1)">x</a>',
    "link-javascript-decimal-entity": '<a href="&#106;avascript:alert(1)">x</a>',
    "link-javascript-leading-space": '<a href=" javascript:alert(1)">x</a>',
    "markdown-javascript-link": "[x](javascript:alert(1))",
    "base-element": '<base href="https://evil.example/">',
    "meta-refresh": '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    "style-import": "<style>@import url(https://evil.example/x.css);</style>",
    "link-stylesheet": '<link rel="stylesheet" href="https://evil.example/x.css">',
    "iframe": '<iframe src="https://evil.example/"></iframe>',
    "object": '<object data="https://evil.example/x.swf"></object>',
    "embed": '<embed src="https://evil.example/x.swf">',
    "form": '<form action="https://evil.example/"><input name="q"><button>Go</button></form>',
    "svg-script": "<svg><script>alert(1)</script></svg>",
    "svg-onload": "<svg onload=alert(1)></svg>",
    "svg-javascript-link": '<svg><a href="javascript:alert(1)"><text x="0" y="10">x</text></a></svg>',
    "img-data-html": '<img alt="x" src="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">',
    "link-data-html": '<a href="data:text/html,alert(1)">x</a>',
    "style-attribute-url": '<div style="background:url(https://evil.example/x.png)">x</div>',
    "math-javascript": '<math><mi href="javascript:alert(1)">x</mi></math>',
    "img-other-host": '<img alt="tracker" src="https://evil.example/track.png">',
    "button-formaction": '<button formaction="javascript:alert(1)">x</button>',
    "dom-clobbering": '<div id="__config">x</div>',
    "noscript-mutation": '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    "input-image": '<input type="image" src="https://evil.example/x.png">',
    # Text the theme shows as a tooltip, built as HTML by Material: it must stay text.
    "title-attribute-refresh": 'A <span title="<meta http-equiv=refresh content=\'0;url=https://evil.example/\'>">hover me</span>.',
    "link-title-markup": '[hover me](https://example.org/ "<img src=x onerror=alert(1)>")',
    "abbreviation-markup": '*[HOVER]: <meta http-equiv="refresh" content="0;url=https://evil.example/">\n\nHOVER me.',
    "long-heading-markup": "## A long heading that the table of contents cuts short <img src=x onerror=alert(1)> and more words\n\nText.",
}
HOSTILE_FRONT_MATTER = '<svg onload=alert(1)>'
HOSTILE_NOTEBOOK = '''# %% [markdown]
# # A hostile notebook
#
# <img src=x onerror=alert(1)>

# %%
import os
from IPython.display import HTML, display
display(HTML("<script>alert(1)</script><b>shown</b>"))
print("SECRET:", os.environ.get("PACER_TEST_SECRET", "none"))
print("HOME:", os.path.expanduser("~"))
'''
HOSTILE_SECRET = "s3cr3t-token-value"


def hostile_module(title: str = HOSTILE_FRONT_MATTER) -> str:
    return f"""---
title: "Hostile {title}"
summary: "Summary {title}"
duration: 30
phase: set
spor: [support]
objectives:
  - "Objective {title}"
keypoints:
  - "Key point {title}"
references: [tcps2]
reviewed: 2026-11-26
---

Text.

## Only part {{ data-minutes="30" }}

Text.
"""


@pytest.fixture(scope="session")
def hostile_build(tmp_path_factory) -> Build:
    """A strict build of a project full of hostile input (it is expected to fail, naming the files)."""
    make = _project_maker(tmp_path_factory.mktemp("hostile"))
    files = {f"docs/hostile/{name}.md": f"# {name}\n\nBefore.\n\n{payload}\n\nAfter.\n" for name, payload in HOSTILE_PAGES.items()}
    files["docs/described.md"] = f'---\nsummary: \'"><script>alert(1)</script>\'\ntitle: "{HOSTILE_FRONT_MATTER}"\n---\n\nText.\n'
    files["course1/01-hostile/index.md"] = hostile_module()
    files["course1/01-hostile/hostile-notebook.py"] = HOSTILE_NOTEBOOK
    project = make(files)
    env_before = os.environ.get("PACER_TEST_SECRET")
    os.environ["PACER_TEST_SECRET"] = HOSTILE_SECRET
    try:
        build = mkdocs_build(project, project.parent / "site")
    finally:
        if env_before is None:
            os.environ.pop("PACER_TEST_SECRET", None)
        else:
            os.environ["PACER_TEST_SECRET"] = env_before
    build.project = project
    return build
