# Two commands matter: `make serve` (preview the site) and `make test` (run every check).
# Both create .venv and install what they need from the hashed locks first: `make serve` only
# what building needs (requirements.txt), `make test` the test tools too (requirements-dev.txt).
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
# The learner view is previewed on PORT and the facilitator view on the next port.
PORT   ?= 8000

# Material and plugins print a banner about MkDocs 2.0 on every build; this project stays on 1.6.1.
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true

.PHONY: setup setup-dev serve build preview test check lock clean help bench bench-links chromium sandbox

help:
	@echo "make serve   preview the site with live reload: learner view on http://127.0.0.1:$(PORT)/pacer-curriculum/, facilitator view on the next port"
	@echo "make test    run every check and test (what CI runs)"
	@echo "make build   build the site strictly into site/ (the facilitator view in site/facilitator/)"
	@echo "make preview PR=12   build pull request 12's preview into site-preview/, as it is published (banner, own address)"
	@echo "make check   run the content checkers without building (with the self-checks' guessing report)"
	@echo "make new-module COURSE=course2 TITLE=\"...\"   start the next module of a course from the template"
	@echo "make bench   measure build and preview times against stock Material, page weights and scaling"
	@echo "make bench-links   time the link checker against linkchecker on the same seeded faults"
	@echo "make lock    update the locks (requirements*.txt) from requirements*.in"
	@echo "make pdf     one PDF per course in dist/pdf/ (headless Chromium)"
	@echo "make offline   a zip of the site that works from disk, search included (dist/)"
	@echo "make readability   the reading grade of every page"

# uv installs the hashed locks in seconds; it is itself installed by pip, with its hashes.
$(BIN)/uv: requirements-uv.txt
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements-uv.txt
	@touch $@

# What building needs, then the site's own code (scripts/, with its plugin) as an editable install.
# --compile-bytecode: uv leaves modules uncompiled; where Python does not write bytecode itself
# (PYTHONDONTWRITEBYTECODE, common on build machines), every Python start (each build, each
# notebook kernel, each test process) compiles what it imports again: 0.6 s of a 1.6 s build
# of a small project, 4 of the 5 s a kernel takes to import its libraries.
$(BIN)/.installed: requirements.txt pyproject.toml $(BIN)/uv
	$(BIN)/uv pip install --quiet --compile-bytecode --python $(BIN)/python --require-hashes --no-deps -r requirements.txt
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps --no-build-isolation -e .
	@touch $@

$(BIN)/.installed-dev: requirements-dev.txt $(BIN)/.installed
	$(BIN)/uv pip install --quiet --compile-bytecode --python $(BIN)/python --require-hashes --no-deps -r requirements-dev.txt
	@touch $@

setup: $(BIN)/.installed sandbox
setup-dev: $(BIN)/.installed-dev sandbox

# Both views, each on its own port, reloading by themselves on every save (scripts/serve.py).
serve: setup
	$(BIN)/python scripts/serve.py --port $(PORT)

# The learner view, then the facilitator view into site/facilitator/ (see README: two builds).
build: setup
	$(BIN)/mkdocs build --strict
	PACER_VIEW=facilitator $(BIN)/mkdocs build --strict --site-dir site/facilitator

# A pull request's preview, as the Preview workflow builds it: both views, strictly, for the address
# it is published at (pr-preview/pr-N/), with the banner that says what it is (scripts/pacer/preview/settings.py).
# PR is handed over exactly as typed (quoted); the plugin refuses anything but a whole number.
PR_QUOTED = '$(subst ','\'',$(value PR))'
preview: setup
	@test -n $(PR_QUOTED) || { echo "make preview: say which pull request, for example: make preview PR=12"; exit 2; }
	PACER_PREVIEW=$(PR_QUOTED) $(BIN)/mkdocs build --strict --site-dir site-preview
	PACER_PREVIEW=$(PR_QUOTED) PACER_VIEW=facilitator $(BIN)/mkdocs build --strict --site-dir site-preview/facilitator

# The checkers run first, on the pristine checkout, before anything executes notebook code.
test: chromium setup-dev
	$(BIN)/python scripts/check_modules.py
	$(BIN)/python -m pytest

# The browser tests drive Debian's Chromium. As root with apt, install it (with bubblewrap, the
# notebooks' sandbox, in the same step); otherwise say how. Without Chromium's recommended
# packages (printing, desktop notifications, network discovery: 85 packages a headless browser
# does not use), but with the fonts it would recommend, so pages render as on a desktop.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing Debian's chromium for the browser tests ..."; \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-liberation bubblewrap >/dev/null; \
	  else \
	    echo "make test: the browser tests need Chromium. Run: sudo apt-get install -y chromium   (then run make test again)"; exit 2; \
	  fi; }

# Notebooks run inside bubblewrap. As root with apt, install it; otherwise the build says how,
# and runs only notebooks that are as on main (scripts/pacer/notebooks/trust.py).
sandbox:
	@command -v bwrap >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing bubblewrap, the sandbox notebooks run in ..."; \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq bubblewrap >/dev/null; \
	  else \
	    echo "Note: notebooks run in a sandbox, bubblewrap, which is not installed (sudo apt-get install -y bubblewrap)."; \
	  fi; }

# The module checker: every course and module against the module contract (well under a second).
check: setup
	$(BIN)/python scripts/check_modules.py --cue-report

# make new-module COURSE=course2 TITLE="Interviewing with care"
.PHONY: new-module
new-module: setup
	@# The `value` function and single quotes hand the title over exactly as typed (dollar signs and quotes too).
	$(BIN)/python scripts/new_module.py '$(subst ','\'',$(value COURSE))' '$(subst ','\'',$(value TITLE))'

bench: setup-dev
	$(BIN)/python scripts/bench.py --record

# The built-site link checker against linkchecker: same site, same seeded faults, times side by side.
bench-links: setup-dev
	$(BIN)/python scripts/bench_links.py

lock:
	$(PYTHON) -m venv .cache/lock-venv
	.cache/lock-venv/bin/python -m pip install --quiet pip-tools
	.cache/lock-venv/bin/pip-compile --quiet --upgrade --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links \
		--output-file requirements.txt requirements.in
	.cache/lock-venv/bin/pip-compile --quiet --upgrade --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links \
		--output-file requirements-dev.txt requirements-dev.in
	.cache/lock-venv/bin/pip-compile --quiet --upgrade --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links \
		--output-file requirements-bundle.txt requirements-bundle.in
	.cache/lock-venv/bin/pip-compile --quiet --upgrade --generate-hashes --no-emit-index-url --no-emit-find-links \
		--output-file requirements-uv.txt requirements-uv.in

clean:
	rm -rf site site-preview .cache

.PHONY: pdf offline readability
pdf: setup-dev chromium
	$(BIN)/python scripts/make_pdfs.py

offline: setup
	$(BIN)/python scripts/make_offline.py

readability: setup
	$(BIN)/python scripts/readability.py
