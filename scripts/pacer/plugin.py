"""The site's MkDocs plugin: everything the build adds to MkDocs, in one place and in order.

mkdocs.yml lists it as ``pacer`` (pyproject.toml registers it; ``make setup`` installs it), after
``search`` and before ``offline``: for each event, MkDocs runs
the plugins in that order, which is the only order this plugin relies on. The methods below
follow MkDocs' own order of events, and each names its steps in the order they run. What a page
becomes is decided by the feature packages (model, render, notebooks, workbook, safety, links);
this class only hands them what MkDocs gives, and keeps the state of one build.

A page's content passes, in this order: the Markdown stage (facilitator notes out of the learner
view, generated blocks, citations, self-checks), Markdown itself, the content stage (held blocks
back, glossary terms, the journal's prompts, notebook layout, print link), then the sanitizer,
which is last: nothing adds HTML to the content after it. The theme's template adds only its own
parts around it.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import time
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from pacer import model
from pacer.history import History, today
from pacer.cache import DEFAULT_FOLDER, Cache, installed_packages
from pacer.links import source_map
from pacer.model.glossary import Glossary
from pacer.notebooks import bundles, pages as notebook_pages, runner, spreadsheets, trust
from pacer.preview.settings import Preview, PullRequestNumber, settings as preview_settings
from pacer.render import (assets, content, held_html, journal, navigation, print_pages, search_forms, serve_problems,
                          site, views)
from pacer.render.mount import course_folders, mount_courses
from pacer.render.templates import Renderer, long_date
from pacer.rules import message, problem
from pacer.safety import csp, csv_cells, facilitator_text, sanitize, tree
from pacer.safety.text import escaped, plain_title
from pacer.workbook import documents

log = logging.getLogger("mkdocs.plugins.pacer")
MAX_SHOWN = 10
OFFLINE_SHIM = "assets/javascripts/vendor/iframe-worker-shim.js"
SITEMAP = "sitemap.xml"
# Problems that make a page unpublishable stop the build even without `make check`.
BLOCKING = {"MOD001", "MOD002", "MOD003", "MOD004", "MOD006", "MOD014", "MOD016", "MOD017", "MOD018", "MOD019", "MOD201", "MOD203", "MOD204", "MOD205",
            "MOD206", "MOD207", "MOD208", "MOD801", "MOD802", "MOD803", "MOD804", "MOD805", "MOD807", "MOD808"}


class PacerConfig(base.Config):
    """The plugin's options (mkdocs.yml, under ``plugins: - pacer:``)."""
    view = c.Choice((views.LEARNER, views.FACILITATOR), default=views.LEARNER)
    workbook = c.Type(bool, default=True)            # make the workbook's downloads
    notebook_workers = c.Type(int, default=0)        # notebooks run at once; 0: one per core
    run_unreviewed_notebooks = c.Type(bool, default=False)  # without a sandbox: run changed notebooks too
    run_notebooks = c.Type(bool, default=True)       # false: show only runs the cache holds (serve.py's second view)
    cache = c.Type(bool, default=True)               # keep outputs between builds (.cache/pacer)
    cache_dir = c.Type(str, default=DEFAULT_FOLDER)
    preview = PullRequestNumber()                   # a pull request's number: build its preview (make preview PR=12)


def fail(problems) -> None:
    shown = [str(p) for p in problems[:MAX_SHOWN]]
    more = f"\n... and {len(problems) - MAX_SHOWN} more" if len(problems) > MAX_SHOWN else ""
    raise PluginError("\n".join(shown) + more + "\nRun `make check` to see every problem with its fix.")


class PacerPlugin(BasePlugin[PacerConfig]):
    supports_multiple_instances = False
    scratch: Path | None = None  # the workbook's files when the cache is off, removed after the build

    def on_startup(self, *, command, dirty) -> None:
        self.command = command
        self.collector = serve_problems.Collector() if command == "serve" else None

    # --- configuration and files ---------------------------------------------------------------

    def on_config(self, config):
        """The model, read once for this build; the view; the settings the other steps need."""
        self.root = Path(config.config_file_path).resolve().parent
        self.cache = Cache(self.root, self.config.cache_dir, self.config.cache, build=self.config.view)
        self.curriculum = model.load(self.root)
        self.renderer = Renderer(Path(config.theme.custom_dir or self.root / "overrides"))
        self.stopped = False  # under serve: a problem made the content unsafe to read
        if self.collector is not None:
            self._collect_problems()
        self._stop_on_unpublishable_problems()
        # The glossary goes to the abbr extension as its own glossary (one definition per term).
        config.mdx_configs.setdefault("abbr", {})["glossary"] = _abbreviations(self.curriculum.glossary)
        self.view = self.config.view
        config.extra["pacer_view"] = self.view
        self.preview = self._preview_settings(config)
        if self.view == views.FACILITATOR:
            config.site_url = (config.site_url or "").rstrip("/") + "/" + views.FACILITATOR_FOLDER + "/"
        offline = config.plugins.get("material/offline")
        self.offline = bool(offline and offline.config.enabled)
        if self.offline and OFFLINE_SHIM not in config.extra.setdefault("polyfills", []):
            # The offline copy's search needs the iframe-worker shim, which the offline plugin
            # would load from a CDN unless one is listed: the site ships its own copy.
            config.extra["polyfills"].append(OFFLINE_SHIM)
        self.asset_sources = assets.combine_lists(config)
        self.state_for_pages()
        return config

    def _preview_settings(self, config) -> Preview | None:
        """A pull request's preview: published under pr-preview/pr-N/, without a sitemap, its
        saved state under keys of its own; the banner links the same page of this view on the
        published course."""
        view_folder = views.FACILITATOR_FOLDER + "/" if self.view == views.FACILITATOR else ""
        try:
            settings = preview_settings(self.config.preview, config.site_url, config.repo_url, view_folder)
        except ValueError as error:
            raise PluginError(f"mkdocs.yml:1:1: {error}") from None
        if settings is None:
            return None
        config.site_url = settings.site_url
        # A preview is not for search engines: no sitemap (not rendered, nor copied as a theme file).
        config.theme.static_templates.discard(SITEMAP)
        config.extra["pacer_preview"] = {"number": settings.number, "storage_prefix": settings.storage_prefix}
        return settings

    def state_for_pages(self) -> None:
        """What the page events of this build collect."""
        self.git_before = None
        self.held: dict[str, held_html.Held] = {}
        self.rendered: dict = {}            # src -> (page HTML, File), for the print pages
        self.notebook_titles: dict = {}     # notebook src -> (title, absolute address)
        self.notebook_styles: list = []     # the notebook template's stylesheet, once
        self.notebook_html: list = []       # notebook pages' HTML, to purge that stylesheet
        self.sources: dict = {}             # built page -> its source (the source map)
        self.page_uses: dict = {}           # src -> the glossary terms and bibliography keys it shows
        self.print_files: dict = {}
        self.workbook_downloads = None
        self.with_notes: set[str] = set()     # pages whose source holds facilitator notes
        self.background: list = []            # under serve: notebook runs to start once the build is done

    def _stop_on_unpublishable_problems(self) -> None:
        curriculum = self.curriculum
        blocking = [p for p in curriculum.problems if p.code in BLOCKING]
        blocking += [problem(curriculum.shown(path), 1, "MOD101", f"the folder name \"{path.name}\" is not NN-slug")
                     for path in curriculum.misnamed]
        blocking += [problem(curriculum.shown(path), 1, "MOD015", "this is a symbolic link")
                     for path in curriculum.symlinks]
        if blocking and self.collector is not None:
            self.stopped = True
            log.error("\n".join(str(p) for p in sorted(blocking)))
        elif blocking:
            fail(sorted(blocking))

    def _collect_problems(self) -> None:
        """Under serve: the build goes on past problems and shows them on every page (serve.py
        starts `mkdocs serve --no-strict`: a strict build's end would leave the browser waiting)."""
        self.collector.messages.clear()
        mkdocs_logger = logging.getLogger("mkdocs")
        if self.collector not in mkdocs_logger.handlers:
            mkdocs_logger.addHandler(self.collector)

    def on_files(self, files, config):
        """Course folders mounted (a preview's sitemap left out); the navigation made whole;
        facilitator pages left out of the learner view, and the learner's journal out of the
        facilitator view; notebooks made pages (and run, when the cache lacks them); print pages;
        the workbook's downloads; the site's stylesheets and scripts combined. The git history
        is read once here, for the dates of pages and downloads."""
        mount_courses(files, config, self.root)
        if self.stopped:  # no page's source is read (on_pre_page): each shows only the problems
            return files
        self.history = History(self.root)
        # Every notebook's run and bundle is kept by the installed packages: read once per build.
        self.packages = installed_packages()
        if self.preview is not None and files.get_file_from_path(SITEMAP) is not None:
            files.remove(files.get_file_from_path(SITEMAP))
        config.nav = navigation.expanded(config.nav, self.curriculum)
        learner = self.view == views.LEARNER
        left_out = views.facilitator_only if learner else views.learner_only
        config.nav = navigation.for_learners(config.nav) if learner else navigation.for_facilitators(config.nav)
        for file in [f for f in files if left_out(f.src_uri)]:
            files.remove(file)
        self.notebooks = notebook_pages.as_pages(files, self.cache.store(notebook_pages.STORE), self.packages)
        self._run_notebooks()
        self.print_files = print_pages.add_files(files, config, self.curriculum)
        if self.config.workbook:
            self._make_workbook(files, config)
        assets.combine_files(files, config, self.asset_sources)
        self._neutralise_csv_formulas(files, config)
        return files

    def _neutralise_csv_formulas(self, files, config) -> None:
        """Published data files never hold a value a spreadsheet would run (safety/csv_cells.py)."""
        from mkdocs.structure.files import File

        for file in [f for f in files if f.src_uri.endswith(".csv") and f.abs_src_path]:
            safe = csv_cells.neutralised(Path(file.abs_src_path).read_text(encoding="utf-8", errors="replace"))
            if safe is not None:
                files.remove(file)
                files.append(File.generated(config, file.src_uri, content=safe))

    def _run_notebooks(self) -> None:
        """Run the notebooks the cache lacks, several at once, before any page is rendered. In a
        sandbox; where none can run, only the notebooks the build may trust (notebooks/trust.py).
        Under `mkdocs serve` they run in the background and their pages say so meanwhile (the
        cache keeps each run when it is done). With the cache off, the runs are kept in memory
        for this build's pages."""
        jobs = notebook_pages.missing_runs(self.notebooks)
        allowed, self.not_run = trust.decide(jobs, self.root, self.config.run_unreviewed_notebooks)
        self.runs: dict[str, dict] = {}
        if not allowed:
            return
        if self.command == "serve" and self.cache.enabled:
            # Started once this build is done (on_post_build), so the first preview is not slowed by
            # them; the other view's preview (run_notebooks: false) waits for the same runs.
            self.background = allowed if self.config.run_notebooks else []
            self.not_run.update({job.source: trust.RUNNING_NOTE for job in allowed})
            return
        failures, self.runs = runner.run_in_parallel(allowed, self._workers())
        if failures:
            raise PluginError("\n\n".join(failures))

    def _make_workbook(self, files, config) -> None:
        from mkdocs.structure.files import File

        started = time.perf_counter()
        # With the cache off, the files are made in a folder of their own, removed after the build.
        self.scratch = Path(tempfile.mkdtemp(prefix="pacer-workbook-")) if not self.cache.enabled else None
        try:
            # Under serve, a download not yet in the cache is left to `make build`: making them
            # all (the PDFs above all) would hold the first preview back by half a minute.
            downloads = documents.make_downloads(self.curriculum, self.renderer, self.cache.store("workbook"), self.scratch,
                                                 make_missing=self.command != "serve", dates=self.history)
        except documents.ConversionError as error:
            raise PluginError(f"{error.shown}:{error.line}:1: {error.code} " + message(error.code, str(error))) from None
        for src, path in downloads.files.items():
            files.append(File.generated(config, src, abs_src_path=str(path)))
        log.info(f"workbook: {len(downloads.files)} downloads ({downloads.made} made, the rest from the cache) "
                 f"in {time.perf_counter() - started:.2f} s")
        self.workbook_downloads = downloads

    def on_pre_build(self, *, config) -> None:
        self.git_before = tree.snapshot(self.root)

    def on_serve(self, server, *, config, builder):
        """Rebuild when a course folder changes, and when a notebook's first run has finished."""
        for folder in course_folders(self.root):
            server.watch(str(folder))
        if self.cache.enabled:
            notebooks = self.cache.folder / notebook_pages.STORE
            notebooks.mkdir(parents=True, exist_ok=True)
            server.watch(str(notebooks))
        return server

    # --- pages -----------------------------------------------------------------------------------

    def on_pre_page(self, page, *, config, files):
        """A notebook's page comes from its run, not from Markdown."""
        if self.stopped:
            page.read_source = lambda config: _unread(page)
            return page
        if isinstance(page.file, notebook_pages.NotebookFile):
            page.render = lambda config, files: self._render_notebook(page)
        return page

    def _render_notebook(self, page) -> None:
        job = page.file.job
        note = self.not_run.get(job.source)
        if note is not None and not (job.entry and Path(job.entry).is_file()):
            notebook_pages.not_run_yet(page, note)
            return
        if not job.entry:  # the cache is off: this build's run, made before any page
            notebook_pages.fill_page(page, self.runs[job.source])
            return
        notebook_pages.read_run(page, job)

    def on_page_read_source(self, page, *, config) -> str | None:
        """A Markdown page's source is the model's page (read and parsed once): MkDocs gets its
        body alone, so it has no front matter to parse again. The blank line first keeps MkDocs
        from reading a first line such as "Note: ..." as metadata."""
        source = self._source(page.file)
        return None if source is None else "\n" + source.body

    def _source(self, file):
        """The model's page for a Markdown file of the site; None for a notebook or a page the
        build makes (the print pages). One that cannot be read stops the build (under serve, it
        is shown as MkDocs reads it, and its problems on every page)."""
        if not file.abs_src_path or not file.src_uri.endswith(".md"):
            return None
        source = self.curriculum.source(Path(file.abs_src_path))
        if source.text is None:
            if self.collector is None:
                fail(source.problems)
            log.error("\n".join(str(p) for p in source.problems))
            return None
        return source

    def on_page_markdown(self, markdown: str, *, page, config, files) -> str:
        """Front-matter values as plain text (the theme prints them raw); the view's facilitator
        notes; everything the model generates. A Markdown page's comes from the model's page, as
        the one scan of its body found it (on_page_read_source handed MkDocs its body)."""
        if self.stopped:
            return ""
        source = self._source(page.file)
        if source is None:  # a notebook (rendered from its run) or a print page
            page.meta.update(escaped(page.meta))
            if views.has_facilitator_blocks(markdown):
                self.with_notes.add(page.file.src_uri)
            return markdown
        page.meta.update(escaped(source.meta))
        if views.has_facilitator_blocks(source.body):
            self.with_notes.add(page.file.src_uri)
        context = site.PageContext(
            src=page.file.src_uri, shown=source.shown, url=lambda src: _url(files, page, src),
            has_references_page=files.get_file_from_path(site.REFERENCES_PAGE) is not None,
            directory_urls=config.use_directory_urls, view=self.view)
        held = self.held[page.file.src_uri] = held_html.Held()
        try:
            rendered = site.render_page(source, context, self.curriculum, self.renderer, self.workbook_downloads,
                                        hold=held.hold)
        except site.BuildError as error:
            if self.collector is None:
                fail(error.problems)
            log.error("\n".join(str(p) for p in error.problems))  # shown on the page under serve
            return markdown
        self.page_uses[page.file.src_uri] = {"cites": source_map.cited_keys(source.meta, rendered.cited)}
        return rendered.markdown

    def on_page_content(self, html: str, *, page, config, files) -> str:
        """The content stage, then the sanitizer last of all; titles made plain text."""
        if self.stopped:
            return ""
        src = page.file.src_uri
        notebook = isinstance(page.file, notebook_pages.NotebookFile)
        written = html
        held = self.held.pop(src, None)
        html = held.restore(html) if held else html
        styles = ""
        if notebook:
            styles, html = notebook_pages.split_template(html)
            written = html
        routes = self._notebook_routes(page, files) if notebook else ""
        worked = spreadsheets.notebook_of(Path(page.file.abs_src_path)) if not notebook and page.file.abs_src_path else None
        if worked is not None:  # a notebook's no-code worksheet: its data as a spreadsheet, beside the page
            try:
                spreadsheets.write(worked, Path(page.file.abs_dest_path).parent, self.cache.store("worksheets"),
                                   Path(page.file.abs_src_path), (config.site_url or "") + page.url, self.shown(page.file),
                                   dates=self.history)
            except spreadsheets.WorksheetError as error:
                fail([error.problem])
        context = content.PageContext(
            self.shown(page.file), self.curriculum.glossary, _url(files, page, content.GLOSSARY_PAGE),
            learner=self.view == views.LEARNER, notebook=notebook, routes=routes,
            prompts=journal.prompt_page(self.curriculum, src, self.view, _url(files, page, views.JOURNAL_PAGE)))
        html, problems = content.finish(html, context)
        self.page_uses.setdefault(src, {})["terms"] = sorted(context.used_terms)
        html += print_pages.link_html(self.print_files, page.file)
        for found in problems:  # reported like warnings: a strict build fails once every page is read
            log.error(str(found))
        # Last: nothing adds HTML to the content after the sanitizer. What it removes is reported
        # as the author wrote it (before the content stage re-wrote the HTML), and anything more.
        safe, removals = sanitize.cleaned(html)
        for removal in dict.fromkeys(sanitize.cleaned(written)[1] + removals):
            near = f" (near \"{removal.text}\")" if removal.text else ""
            log.error(f"{self.shown(page.file)}:1:1: BLD007 " + message("BLD007", f"{removal.what} was removed{near}"))
        self._plain_titles(page)
        return styles + safe

    def _notebook_routes(self, page, files) -> str:
        """Write the notebook's bundle beside its page; the panel that links it and its worksheet."""
        source = Path(page.file.abs_src_path)
        try:
            name, data = bundles.cached_zip(source, self.root, page.title or source.stem, bundles.Locks.of(self.root),
                                            self.shown(page.file), self.cache.store("bundles"), self.packages)
        except bundles.BundleError as error:
            fail([error.problem])
        target = Path(page.file.abs_dest_path).parent / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        worksheet = str(Path(page.file.src_uri).with_name(f"worksheet-{source.stem}.md").as_posix())
        return self.renderer.render("notebook-routes", bundle_url=name, bundle_size=_size(len(data)),
                                    worksheet_url=_url(files, page, worksheet))

    def _plain_titles(self, page) -> None:
        """Page and table-of-contents titles as plain text: the theme prints them as they are."""
        if "title" not in page.meta:  # a title from the first heading or the file name
            page.meta["title"] = plain_title(page.title or "")
        for item in _toc_items(page.toc):
            from lxml import html as lxml_html

            item.title = plain_title(lxml_html.fromstring(f"<span>{item.title}</span>").text_content())

    def on_page_context(self, context, *, page, config, nav):
        """The day the page's source last changed (Material shows it under the article); the
        source map's entry; the link to the same page in the other view; a preview's banner."""
        if not self.stopped:
            day = self.history.day(page.file.abs_src_path) if page.file.abs_src_path else today()
            page.meta["revision_date"] = f'<time datetime="{day.isoformat()}">{long_date(day)}</time>'
        self.sources[page.file.dest_uri] = source_map.page_entry(page, self.root, self.page_uses.pop(page.file.src_uri, {}))
        context["pacer_preview_banner"] = self._preview_banner(page.url)
        context["pacer_other_view"] = views.switch_target(page.file.src_uri, page.url, self.view,
                                                          page.file.src_uri in self.with_notes,
                                                          config.dev_addr if self.command == "serve" else None,
                                                          config.site_url)
        return context

    def on_template_context(self, context, *, template_name: str, config):
        """A page made from a template alone (404.html) carries a preview's banner too."""
        context["pacer_preview_banner"] = self._preview_banner(None)
        return context

    def _preview_banner(self, page_url: str | None) -> str:
        if self.preview is None:
            return ""
        return self.renderer.render("preview-banner", **self.preview.banner(page_url))

    def on_post_page(self, output: str, *, page, config) -> str:
        """Keep the pages the print copies hold; make notebook pages private and light; fill in
        the Content-Security-Policy's hashes."""
        src = page.file.src_uri
        if self.curriculum.module_of(src) is not None:
            if src.endswith(".md"):
                self.rendered[src] = (output, page.file)
            else:  # a notebook: the print copy gives its title and address instead
                from html import unescape

                self.notebook_titles[src] = (unescape(page.title or ""), (config.site_url or "") + page.url)
        if isinstance(page.file, notebook_pages.NotebookFile):
            output = notebook_pages.finish_page(output, page, self.notebook_styles)
            self.notebook_html.append(output)
        return csp.with_script_hashes(output, preview=self.command == "serve")

    def on_post_template(self, output: str, *, template_name: str, config) -> str:
        """The same for pages made from a template alone (404.html)."""
        return csp.with_script_hashes(output, preview=self.command == "serve")

    # --- the end of the build --------------------------------------------------------------------

    def on_post_build(self, *, config) -> None:
        """notebook.css; the print pages; the source map; the search index's other words; the
        cache's unused entries removed; the repository unchanged. Under serve, the problems on
        every page."""
        self._remove_scratch()
        if self.stopped:
            serve_problems.add_to_pages(Path(config.site_dir), self._problems_panel())
            return
        notebook_pages.write_stylesheet(config.site_dir, self.notebook_styles, self.notebook_html,
                                        self.cache.store(notebook_pages.CSS_STORE))
        print_pages.fill(config.site_dir, self.print_files, self.curriculum, self.rendered, self.notebook_titles)
        source_map.write(config, self.root, self.sources)
        search_forms.add_to_index(Path(config.site_dir), self.curriculum.glossary)
        if not self.not_run:  # a build that left notebooks out does not know all it will need
            self.cache.evict_unused()
        try:
            if self.view == views.LEARNER:
                self._check_no_facilitator_text(Path(config.site_dir))
            self._check_the_tree_is_unchanged()
        except PluginError as error:
            if self.collector is None:
                raise
            log.error(str(error))
        if self.collector is not None and self.collector.messages:
            serve_problems.add_to_pages(Path(config.site_dir), self._problems_panel())
        if self.background:
            trust.run_in_background(self.background, self._workers())
            self.background = []

    def _workers(self) -> int:
        return self.config.notebook_workers or os.cpu_count() or 1

    def on_build_error(self, *, error) -> None:
        self._remove_scratch()

    def _remove_scratch(self) -> None:
        """The workbook's files made without the cache: copied into the site by now."""
        if self.scratch is not None:
            shutil.rmtree(self.scratch, ignore_errors=True)
            self.scratch = None

    def _problems_panel(self) -> str:
        return self.renderer.render("build-problems", problems=serve_problems.entries(self.collector.messages),
                                    stopped=self.stopped)

    def _check_no_facilitator_text(self, site: Path) -> None:
        sources = {self.curriculum.shown(path): path.read_text(encoding="utf-8", errors="replace")
                   for path in facilitator_text.source_files(self.root)}
        found = facilitator_text.leaks(site, facilitator_text.fingerprints(sources))
        if found:
            raise PluginError("\n".join(
                f"{leak.source}:1:1: BLD023 " + message("BLD023", f"text of a facilitator block in this file reaches the "
                                                                  f"learner view's {leak.output} (\"{leak.words}\")")
                for leak in found[:MAX_SHOWN]))

    def _check_the_tree_is_unchanged(self) -> None:
        if self.git_before is None:
            return
        after = tree.snapshot(self.root) or {}
        changed = tree.changed(self.git_before, after)
        if changed:
            shown = ", ".join(changed[:10]) + (" ..." if len(changed) > 10 else "")
            raise PluginError(f"{changed[0]}:1:1: BLD004 " + message("BLD004", f"the build changed or created: {shown}"))

    # --- helpers -----------------------------------------------------------------------------------

    def shown(self, file) -> str:
        """A built page's source as people see it: its repository path."""
        return self.curriculum.shown(file.abs_src_path) if file.abs_src_path else file.src_uri


def _unread(page) -> None:
    """A page whose source is not read (under serve, while a problem makes it unsafe)."""
    page.markdown, page.meta = "", {}


def _url(files, page, src: str) -> str | None:
    target = files.get_file_from_path(src)
    return target.url_relative_to(page.file) if target else None


def _size(count: int) -> str:
    return f"{count / 1_000_000:.1f} MB" if count >= 1_000_000 else f"{max(1, round(count / 1000))} KB"


def _toc_items(toc):
    for item in toc or []:
        yield item
        yield from _toc_items(item.children)


def _sentence_case_variant(name: str) -> str | None:
    """"Member checking" also matches "member checking"; acronyms and names ("REB", "PaCER") do not."""
    if name[:1].isupper() and not any(c.isupper() for c in name[1:]):
        return name[0].lower() + name[1:]
    return None


def _abbreviations(glossary: Glossary) -> dict[str, str]:
    explicit = {name: term.definition for term in glossary.terms if term.tooltip
                for name in [term.term, *term.aliases]}
    variants = {variant: definition for name, definition in explicit.items()
                if (variant := _sentence_case_variant(name))}
    return {**variants, **explicit}
