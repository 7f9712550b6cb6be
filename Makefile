# The handbook's commands. `make html` and `make test` create .venv on first use.
PYTHON      ?= python3
VENV        := .venv
BIN         := $(VENV)/bin
STAMP       := $(VENV)/.installed
NODE_STAMP  := node_modules/.installed
BUILDDIR    := _build
# The published build is strict: any warning (broken reference, bad checklist) fails it.
SPHINXOPTS  ?= -W --keep-going -n
JOBS        ?= auto
SPHINXBUILD := $(BIN)/sphinx-build -c . -d $(BUILDDIR)/doctrees -j $(JOBS) $(SPHINXOPTS)

.PHONY: help html text serve test check new-checklist system-packages bench lock clean

help:
	@echo "make html   build the handbook strictly into $(BUILDDIR)/html"
	@echo "make serve  preview with live reload on http://127.0.0.1:8000"
	@echo "make test   run every test (script unit tests, extension tests, browser tests)"
	@echo "make check  everything a pull request must pass, with one summary"
	@echo "make new-checklist ID=my-list TITLE=\"My list\"  create a valid checklist skeleton"
	@echo "make text   plain-text build (checks the non-HTML fallback)"
	@echo "make bench  time a clean build and a one-checklist rebuild"
	@echo "make clean  remove $(BUILDDIR)"

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

html: $(STAMP)
	$(SPHINXBUILD) -b html docs $(BUILDDIR)/html

text: $(STAMP)
	$(SPHINXBUILD) -b text docs $(BUILDDIR)/text

serve: $(STAMP)
	$(BIN)/sphinx-autobuild -c . --host 127.0.0.1 --port 8000 --watch checklists --watch ext $(SPHINXOPTS) docs $(BUILDDIR)/serve

# Debian's chromium and Node.js, for the browser and script tests (installed when missing).
system-packages:
	scripts/ensure-system-packages

$(NODE_STAMP): package.json package-lock.json | system-packages
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

test: $(STAMP) system-packages $(NODE_STAMP)
	node --test tests/js
	$(BIN)/python -m pytest

check: $(STAMP)
	$(BIN)/python scripts/check.py

new-checklist: $(STAMP)
	@test -n "$(ID)" -a -n "$(TITLE)" || { echo 'usage: make new-checklist ID=my-list TITLE="My list"'; exit 2; }
	$(BIN)/python -m sphinx_checklist new "$(ID)" --title "$(TITLE)"

bench: $(STAMP) system-packages
	$(BIN)/python bench/build_times.py
	$(BIN)/python bench/checklist_budget.py

# Re-pin after changing dependencies in pyproject.toml: a clean venv, then freeze it.
lock:
	rm -rf $(BUILDDIR)/lockenv
	$(PYTHON) -m venv $(BUILDDIR)/lockenv
	$(BUILDDIR)/lockenv/bin/pip install --quiet ".[dev]"
	{ echo "# Exact versions of every dependency (make html / make test install these). Regenerate with: make lock"; \
	  $(BUILDDIR)/lockenv/bin/pip freeze --exclude collaborative-learning-handbook; } > requirements.lock

clean:
	rm -rf $(BUILDDIR)
