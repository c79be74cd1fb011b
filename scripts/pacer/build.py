"""The state one build shares between the hooks: the curriculum model and the renderer.

It lives on the build's own configuration object (set in ``on_config``, so every build,
including each rebuild under ``mkdocs serve``, starts from a fresh model), never in a module.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pacer import model
from pacer.cache import template_cache
from pacer.render.templates import Renderer

_KEY = "pacer_build"


@dataclass
class BuildState:
    root: Path
    curriculum: model.Curriculum
    renderer: Renderer
    print_files: dict = field(default_factory=dict)      # course -> its generated print page (File)
    rendered: dict = field(default_factory=dict)         # src -> (page HTML, File), for the print pages
    notebook_titles: dict = field(default_factory=dict)  # notebook src -> (title, absolute address)
    held: dict = field(default_factory=dict)             # src -> its HTML blocks held out of Markdown
    sources: dict = field(default_factory=dict)          # built page -> its source (the source map)
    notebook_css: list = field(default_factory=list)     # the notebook template's stylesheet, once
    notebook_pages: list = field(default_factory=list)   # notebook pages' HTML, to purge that stylesheet
    notebook_entries: set = field(default_factory=set)   # the notebook cache entries this build read
    workbook: object = None                              # the workbook's downloads (pacer/workbook_files.py)
    markdown_digest: str | None = None                   # what every page's render reads (pacer/kept_markdown.py)


    def shown(self, file) -> str:
        """A built page's source as people see it: its repository path."""
        return self.curriculum.shown(file.abs_src_path) if file.abs_src_path else file.src_uri


def start(config) -> BuildState:
    """Load the curriculum for this build and keep it on ``config``."""
    root = Path(config.config_file_path).resolve().parent
    custom_dir = Path(config.theme.custom_dir or root / "overrides")
    renderer = Renderer(custom_dir)
    template_cache.keep_compiled(renderer.env, root)
    state = BuildState(root, model.load(root), renderer)
    config[_KEY] = state
    return state


def state(config) -> BuildState:
    return config[_KEY]
