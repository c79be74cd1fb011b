"""MkDocs hook: the team workbook (docs/workbook/), its navigation and its downloads.

Each template's files (.docx, .odt or .ods, .xlsx, PDF) and the zips are made by
scripts/pacer/documents.py, from its cache when nothing changed, and published under
``workbook/downloads/``. The PDFs need Chromium: a strict build without it stops (BLD011);
``mkdocs serve`` never starts it (it publishes the PDFs already cached) and a non-strict build
without it leaves them out; either way one line says so and the pages say the PDF is made by
the full build. ``PACER_WORKBOOK=off`` makes no downloads at all (the benchmark uses it).
"""

from __future__ import annotations

import logging
import time

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from pacer import build
from pacer.workbook import documents
from pacer.rules import message
from pacer.model.workbook import FOLDER, SITE_FOLDER

log = logging.getLogger("mkdocs.plugins.pacer.workbook")
_command = {"name": "build"}  # the MkDocs command of this process, not per-build state


def on_startup(command, dirty):
    _command["name"] = command


def _pdf_mode(config) -> str:
    if _command["name"] == "serve":
        return documents.PDF_CACHED
    if documents.chromium_available():
        return documents.PDF_MAKE
    if config.strict:
        raise PluginError(f"{FOLDER}:1:1: BLD011 " + message(
            "BLD011", "the workbook's PDFs are printed by Chromium, which is not installed"))
    return documents.PDF_SKIP


def on_files(files: Files, config) -> Files:
    state = build.state(config)
    config.nav = _expand_nav(config.nav, state)
    templates = [t for t in state.curriculum.templates if t.ok]
    if not templates or not documents.enabled():
        return files
    started = time.perf_counter()
    try:
        downloads = documents.make_downloads(state.curriculum, state.renderer, _pdf_mode(config))
    except documents.ConversionError as error:
        raise PluginError(f"{error.shown}:1:1: BLD012 " + message("BLD012", str(error))) from None
    for src, path in downloads.files.items():
        files.append(File.generated(config, src, abs_src_path=str(path)))
    log.info(f"workbook: {len(downloads.files)} downloads ({downloads.made} made, the rest from the cache) "
             f"in {time.perf_counter() - started:.2f} s")
    if downloads.skipped_pdfs:
        log.info(f"workbook: {len(downloads.skipped_pdfs)} PDF(s) not made here (Chromium is used by "
                 "`make build` only); the template pages say the PDF is made by the full build")
    state.workbook = downloads
    return files


def _expand_nav(nav, state):
    """The navigation entry of workbook/index.md becomes the workbook's section, in teaching order."""
    index = f"{SITE_FOLDER}/index.md"
    expanded = []
    for item in nav or []:
        if isinstance(item, dict) and list(item.values()) == [index]:
            (title, _), = item.items()
            item = {title: [index] + [t.src for t in state.curriculum.templates]}
        expanded.append(item)
    return expanded if nav else nav
