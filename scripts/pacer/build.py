"""The state one build shares between the hooks: the curriculum model and the renderer.

It lives on the build's own configuration object (set in ``on_config``, so every build,
including each rebuild under ``mkdocs serve``, starts from a fresh model), never in a module.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pacer import model
from pacer.render import Renderer

_KEY = "pacer_build"


@dataclass
class BuildState:
    root: Path
    curriculum: model.Curriculum
    renderer: Renderer


def start(config) -> BuildState:
    """Load the curriculum for this build and keep it on ``config``."""
    root = Path(config.config_file_path).resolve().parent
    custom_dir = Path(config.theme.custom_dir or root / "overrides")
    state = BuildState(root, model.load(root), Renderer(custom_dir))
    config[_KEY] = state
    return state


def state(config) -> BuildState:
    return config[_KEY]
