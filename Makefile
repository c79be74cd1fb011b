# Two commands matter: `make serve` (preview the site) and `make test` (run every check).
# Both create .venv and install the locked dependencies first.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PORT   ?= 8000
# `make serve VIEW=facilitator` previews the facilitator view (make build builds both views)
VIEW   ?= learner

# Material and plugins print a banner about MkDocs 2.0 on every build; this project stays on 1.6.1.
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true

.PHONY: setup serve build test check lock clean help bench

help:
	@echo "make serve   preview the site with live reload on http://127.0.0.1:$(PORT) (VIEW=facilitator for that view)"
	@echo "make test    run every check and test (what CI runs)"
	@echo "make build   build the site strictly into site/ (the facilitator view in site/facilitator/)"
	@echo "make check   run the content checkers without building"
	@echo "make new-module COURSE=course2 TITLE=\"...\"   start the next module of a course from the template"
	@echo "make bench   measure build times, page weights and scaling against docs/_snippets/budgets.yml, and Lighthouse against stock Material"
	@echo "make bench-links   time the link checker against linkchecker on the same seeded faults"
	@echo "make lock    update requirements.txt from requirements.in"
	@echo "make pdf     one PDF per course in dist/pdf/ (headless Chromium)"
	@echo "make offline   a zip of the site that works from disk, search included (dist/)"
	@echo "make readability   the reading grade of every page (limits: scripts/pacer/readability_limits.py)"

$(BIN)/.installed: requirements.txt
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.txt
	@# The project's shared code (scripts/pacer) is importable in .venv through a .pth file: what an
	@# editable install does, without a build backend to install first (see README).
	$(BIN)/python -c 'import pathlib, sysconfig; pathlib.Path(sysconfig.get_paths()["purelib"], "pacer-scripts.pth").write_text("$(CURDIR)/scripts\n")'
	@touch $@

setup: $(BIN)/.installed

serve: setup
	@$(BIN)/python -c 'import socket, sys; s = socket.socket(); s.settimeout(1); busy = s.connect_ex(("127.0.0.1", $(PORT))) == 0; sys.exit("make serve: port $(PORT) is busy (another preview?). Stop it, or run: make serve PORT=8001" if busy else 0)'
	PACER_VIEW=$(VIEW) $(BIN)/mkdocs serve --livereload --dev-addr 127.0.0.1:$(PORT)

build: setup chromium
	$(BIN)/mkdocs build --strict

# The checkers run first, on the pristine checkout, before anything executes notebook code.
test: setup chromium
	$(BIN)/python scripts/check_modules.py
	$(BIN)/python -m pytest

# The browser tests drive Debian's Chromium. As root with apt, install it; otherwise say how.
.PHONY: chromium
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing Debian's chromium for the browser tests ..."; \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "make test: the browser tests need Chromium. Run: sudo apt-get install -y chromium   (then run make test again)"; exit 2; \
	  fi; }

# The module checker: every course and module against the module contract (well under a second).
check: setup
	$(BIN)/python scripts/check_modules.py --cue-report

# make new-module COURSE=course2 TITLE="Interviewing with care"
.PHONY: new-module
new-module: setup
	@# The `value` function and single quotes hand the title over exactly as typed (dollar signs and quotes too).
	$(BIN)/python scripts/new_module.py '$(subst ','\'',$(value COURSE))' '$(subst ','\'',$(value TITLE))'

bench: setup
	$(BIN)/python scripts/bench.py --record

# The built-site link checker against linkchecker: same site, same seeded faults, times side by side.
.PHONY: bench-links
bench-links: setup
	$(BIN)/python scripts/bench_links.py

lock:
	$(PYTHON) -m venv .cache/lock-venv
	.cache/lock-venv/bin/python -m pip install --quiet pip-tools
	.cache/lock-venv/bin/pip-compile --quiet --upgrade --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links \
		--output-file requirements.txt requirements.in

clean:
	rm -rf site .cache

.PHONY: pdf offline readability
pdf: setup
	$(BIN)/python scripts/make_pdfs.py

offline: setup
	$(BIN)/python scripts/make_offline.py

readability: setup
	$(BIN)/python scripts/readability.py
