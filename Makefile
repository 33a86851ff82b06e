# Cross-entropy from first principles: set-up and checks.
#   make lab        build .venv (pinned versions) and open JupyterLab on the start notebook
#   make test       build .venv with the test tools, then lint, every test: unit, notebooks (strict), network, browser
#   make test-fast  lint, then the unit, property and doctest tier only (no notebooks, network or browser)
#   make notebooks  re-run every notebook in place, deterministically (stored outputs)
#   make binder-url print the Binder link for this repository's git remote
#   make bench      measure speed (PEERS=1 adds PyTorch) and write benchmarks/RESULTS.md
#   make check-wheels  do the pins install as wheels on Windows, macOS and Linux, Python 3.11-3.14?
#   make docs       refresh the generated tables of the guide and the README from the notebooks and RESULTS.md
# Only Python >= 3.11, git and make are needed; everything else comes from PyPI.

PYTHON ?= python3
# The Python floor, read from pyproject.toml's requires-python (its one place).
PYTHON_FLOOR := $(shell sed -n 's/^requires-python = ">=\([0-9.]*\)"/\1/p' pyproject.toml)
VENV ?= .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip install --disable-pip-version-check
LINTED := helpers tests tools notebooks benchmarks
# Extra options for `jupyter lab` (the browser tests pass --no-browser, a port, a token).
LAB_ARGS ?=
PYTEST_ARGS ?=

.PHONY: help lab test test-fast lint notebooks binder-url lock clean bench docs check-wheels peers

help:
	@sed -n '2,10p' Makefile | sed 's/^# *//'

# The learner's environment: the five course packages and helpers (editable).
# Runs only when the environment is new or a pin changed, so it shows pip's progress:
# on a first run about 100 MB download, and a silent minute looks like a hang.
$(VENV)/.runtime: requirements.txt constraints.txt pyproject.toml
	@$(PYTHON) -c 'import sys; floor = tuple(map(int, "$(PYTHON_FLOOR)".split("."))); sys.exit(None if sys.version_info >= floor else "Python $(PYTHON_FLOOR) or newer is needed, found " + sys.version.split()[0] + ": run make PYTHON=/path/to/python$(PYTHON_FLOOR) ...")'
	@echo "[1/3] Creating the environment $(VENV) ..."
	$(PYTHON) -m venv $(VENV)
	@echo "[2/3] Installing the course's pinned packages (about 100 MB the first time) ..."
	$(PIP) -r requirements.txt -c constraints.txt
	$(PIP) --quiet --no-deps -e .
	@echo "[3/3] Building matplotlib's font cache (so no notebook's first plot has to) ..."
	$(BIN)/python -c "import matplotlib.pyplot"
	touch $@

# The maintainer's environment: the above plus the test tools.
$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(PIP) --quiet -r requirements-dev.txt -c constraints.txt
	touch $@

# Jupyter refuses to start as root (containers, some cloud machines) unless told it may.
AS_ROOT := $(shell [ "$$(id -u)" = 0 ] && echo --allow-root)

lab: $(VENV)/.runtime
	@$(if $(AS_ROOT),echo "Running as root: starting JupyterLab with --allow-root.")
	@# root_dir: the course folder, so paths match Binder's (lab/tree/notebooks/...).
	$(BIN)/jupyter lab --ServerApp.root_dir="$(CURDIR)" $(AS_ROOT) $(LAB_ARGS) notebooks/00_start.ipynb

lint: $(VENV)/.dev
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)

# Each notebook executes once per run (tests/notebook_runs.py); that run feeds the strict
# comparison with the stored notebook and the exercises' checks. Markers: notebooks,
# network (pip installs), browser (JupyterLab in Chromium). tools/run_tests.py runs the
# network tier (waiting on pip) in a second pytest beside the others; it fails if either fails.
test: lint
	$(BIN)/python tools/run_tests.py $(PYTEST_ARGS)

test-fast: lint
	HYPOTHESIS_PROFILE=fast $(BIN)/python -m pytest --doctest-modules helpers tools tests \
		-m "not notebooks and not network and not browser" $(PYTEST_ARGS)

notebooks: $(VENV)/.dev
	$(BIN)/ruff format notebooks
	$(BIN)/python tools/run_notebooks.py notebooks/*.ipynb

# Also run by make test (tests/test_set_up_commands.py); this prints the table (uv, a dev tool).
check-wheels: $(VENV)/.dev
	$(BIN)/python tools/check_wheels.py

binder-url:
	@$(PYTHON) tools/binder_url.py

# Re-pin every transitive dependency, for every platform and Python >= LOCK_PYTHON at
# once (a universal lock: macOS-only and Windows-only packages get pins too), from
# every requirements*.txt present. Existing pins are kept unless a requirement moved.
LOCK_PYTHON := $(PYTHON_FLOOR)
REQUIREMENTS_FILES = $(sort $(wildcard requirements*.txt))
lock: $(VENV)/.dev
	$(BIN)/uv pip compile --quiet --universal --python-version $(LOCK_PYTHON) \
		$(REQUIREMENTS_FILES) -o constraints.txt

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis test-artifacts

# The optional peers (PyTorch, CPU): the live comparison tests/test_torch_live.py and
# `make bench PEERS=1` use them; .ci/run installs them before make test.
peers: $(VENV)/.dev
	$(PIP) --quiet -r benchmarks/requirements-peers.txt -c constraints.txt

# Benchmarks: writes benchmarks/RESULTS.md. PEERS=1 first installs the optional peers (PyTorch).
bench: $(VENV)/.dev
	@if [ "$(PEERS)" = "1" ]; then $(MAKE) peers; fi
	$(BIN)/python benchmarks/bench.py

# Refresh the generated tables of docs/instructor-guide.md (after make bench or a notebook change).
docs: $(VENV)/.dev
	$(BIN)/python tools/course_facts.py --write

# ---- issue 25: the course site, the wheel folder, the newest releases, JupyterLab settings ----
#   make site         build the course site into site/ from the stored notebooks (first run: network)
#   make wheelhouse   every pinned wheel for Windows, macOS arm64, Linux on Python 3.11-3.14
#   make test-latest  the notebooks and unit tests on the newest releases (writes a dated result)
.PHONY: site wheelhouse test-latest

# The site's tools are doc/test dependencies, never the learner's.
$(VENV)/.docs: $(VENV)/.runtime requirements-docs.txt constraints.txt
	$(PIP) --quiet -r requirements-docs.txt -c constraints.txt
	touch $@

# Rebuilt only when older than a file it is built from (tools/build_site.py's one list of them).
site: $(VENV)/.docs
	$(BIN)/python tools/build_site.py --if-stale
	@echo "Read it with no internet: python3 -m http.server --directory site 8000, then open http://127.0.0.1:8000"

# The site's browser tests (tests/test_site.py) need the doc tools.
test: $(VENV)/.docs

wheelhouse: $(VENV)/.runtime
	$(BIN)/python tools/wheelhouse.py

test-latest:
	$(PYTHON) tools/latest_releases.py

# No "would you like news?" pop-up over the first notebook: the course's JupyterLab
# settings (lab-settings/), installed where this environment's JupyterLab reads overrides.
LAB_OVERRIDES := $(VENV)/share/jupyter/lab/settings/overrides.d/cross-entropy-course.json
$(LAB_OVERRIDES): lab-settings/cross-entropy-course.json $(VENV)/.runtime
	mkdir -p $(dir $@)
	cp $< $@

lab: $(LAB_OVERRIDES)
