# The handbook's commands. `make html` and `make test` create .venv on first use.
PYTHON      ?= python3
VENV        := .venv
BIN         := $(VENV)/bin
STAMP       := $(VENV)/.installed
NODE_STAMP  := node_modules/.installed
BUILDDIR    := _build
LOCKENV     := $(BUILDDIR)/lockenv
# The published build is strict: any warning (broken reference, bad checklist) fails it. Its options
# (-W --keep-going -n) live in one place, ext/handbook_build, which scripts/check.py, the tests and bench/
# use too; SPHINXOPTS adds more sphinx-build options (say -E) and cannot make the build lenient.
SPHINXOPTS  ?=
JOBS        ?= auto
STRICTBUILD := $(BIN)/python -m handbook_build

.PHONY: help html text serve test check new-checklist system-packages bench lock clean pdf site

help:
	@echo "make html   build the handbook strictly into $(BUILDDIR)/html"
	@echo "make serve  preview with live reload on http://127.0.0.1:8000"
	@echo "make test   run every test (script unit tests, extension tests, browser tests)"
	@echo "make check  everything a pull request must pass, with one summary"
	@echo "make new-checklist ID=my-list TITLE=\"My list\"  create a valid checklist skeleton"
	@echo "make site   what is published: the strict HTML build with PDF links, and the PDFs beside it, in $(BUILDDIR)/site"
	@echo "make pdf    (the same) print a blank PDF of every checklist (A4, US Letter) and the handbook PDF"
	@echo "make text   plain-text build (checks the non-HTML fallback)"
	@echo "make bench  time a clean build and a one-checklist rebuild"
	@echo "make clean  remove $(BUILDDIR)"

# pip, then every dependency (setuptools, which builds the project, included), each checked
# against the sha256 hashes in its lock file; the project itself installs without fetching anything.
$(STAMP): pyproject.toml requirements-pip.lock requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-pip.lock
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-build-isolation --no-deps -e .
	touch $@

html: $(STAMP)
	$(STRICTBUILD) html docs $(BUILDDIR)/html -c . -d $(BUILDDIR)/doctrees -j $(JOBS) -- $(SPHINXOPTS)

# What is published: the site links to its PDFs, which Chromium prints from the built pages with the
# site's own print stylesheet. Only PDFs whose inputs changed are printed again (pdf/manifest.json).
pdf: $(STAMP) system-packages
	$(STRICTBUILD) html docs $(BUILDDIR)/site -c . -d $(BUILDDIR)/site-doctrees -j $(JOBS) -D checklist_pdf_dir=pdf -- $(SPHINXOPTS)
	$(BIN)/python -m handbook_pdf $(BUILDDIR)/site

site: pdf

text: $(STAMP)
	$(STRICTBUILD) text docs $(BUILDDIR)/text -c . -d $(BUILDDIR)/doctrees -j $(JOBS) -- $(SPHINXOPTS)

serve: $(STAMP)
	$(BIN)/sphinx-autobuild -c . --host 127.0.0.1 --port 8000 --watch checklists --watch ext $$($(STRICTBUILD) --flags) $(SPHINXOPTS) docs $(BUILDDIR)/serve

# Debian's chromium and Node.js, for the browser and script tests (installed when missing).
system-packages:
	scripts/ensure-system-packages

$(NODE_STAMP): package.json package-lock.json | system-packages
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

test: $(STAMP) system-packages $(NODE_STAMP)
	node --test tests/js
	$(BIN)/python -m pytest

check: $(STAMP) $(NODE_STAMP)
	$(BIN)/python scripts/check.py

new-checklist: $(STAMP)
	@test -n "$(ID)" -a -n "$(TITLE)" || { echo 'usage: make new-checklist ID=my-list TITLE="My list"'; exit 2; }
	$(BIN)/python -m sphinx_checklist new "$(ID)" --title "$(TITLE)"

bench: $(STAMP) system-packages
	$(BIN)/python bench/build_times.py
	$(BIN)/python bench/checklist_budget.py
	$(BIN)/python bench/row_markup.py || true  # over budget today (see bench/README.md); a figure, not a gate
	$(BIN)/python bench/pdf_times.py

# Re-pin after changing dependencies in pyproject.toml: a clean venv with the newest pip, the
# build requirements and ".[dev]", frozen; scripts/lock_hashes.py adds every file's hash from PyPI.
lock:
	rm -rf $(LOCKENV)
	$(PYTHON) -m venv $(LOCKENV)
	$(LOCKENV)/bin/python -m pip install --quiet --upgrade pip
	$(LOCKENV)/bin/python scripts/lock_hashes.py --build-requires > $(LOCKENV)/build-requires.txt
	$(LOCKENV)/bin/python -m pip install --quiet --upgrade -r $(LOCKENV)/build-requires.txt
	$(LOCKENV)/bin/python -m pip install --quiet --no-build-isolation ".[dev]"
	$(LOCKENV)/bin/python -m pip freeze --all --exclude collaborative-learning-handbook > $(LOCKENV)/freeze.txt
	grep -i '^pip==' $(LOCKENV)/freeze.txt > $(LOCKENV)/pip.txt
	grep -v -i '^pip==' $(LOCKENV)/freeze.txt > $(LOCKENV)/pins.txt
	$(PYTHON) scripts/lock_hashes.py $(LOCKENV)/pip.txt -o requirements-pip.lock \
	  --header "# pip itself, with hashes (make html / make test install it first). Regenerate with: make lock"
	$(PYTHON) scripts/lock_hashes.py $(LOCKENV)/pins.txt -o requirements.lock

clean:
	rm -rf $(BUILDDIR)
