# planmonitor: `make run` sets everything up and serves; `make test` runs the suite.
# Needs only Python 3.11 (Debian 12's python3); everything else is installed into .venv.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
RUNSERVER_ARGS ?=
# The worker reloads on code changes as runserver does, unless runserver does not.
WORKER_ARGS ?= $(if $(findstring --noreload,$(RUNSERVER_ARGS)),--no-reload)
# Browser tests (marker `browser`) run apart, in CI's browser step.
# Two workers on a 2-core machine halve the run (pytest-xdist); browser tests run apart.
PYTEST_ARGS ?= -m "not browser" -n auto
# The SQLite database and uploads (settings.py reads the same variable).
VAR_DIR := $(or $(PLANMONITOR_VAR_DIR),var)
# Compiled translations: built from the .po files when they are missing or older.
MO_FILES := $(patsubst %.po,%.mo,$(wildcard planmonitor/locale/*/LC_MESSAGES/*.po))

.PHONY: help run install setup test test-browser lint format migrations-check bench messages demo-remove clean

help:
	@echo "make run               install, migrate, load the plan and the demo data, serve on http://$(HOST):$(PORT)"
	@echo "                       with the task worker (mail) beside the server"
	@echo "make test              run the test suite (SQLite; DATABASE_URL=postgres://... for PostgreSQL)"
	@echo "make install           create .venv and install planmonitor with its dev tools"
	@echo "make setup             everything 'make run' does except serving"
	@echo "make lint              ruff check + ruff format --check + mypy"
	@echo "make format            ruff format + ruff check --fix"
	@echo "make migrations-check  fail when a model change has no migration"
	@echo "make bench             run the benchmarks (python -m planmonitor.bench)"
	@echo "make messages          update and compile the Dutch translations"
	@echo "make demo-remove       remove the example data and the demo accounts"
	@echo "make clean             remove .venv and build output (keeps the data in var/)"

# The virtual environment. Debian ships venv separately (python3-venv): as root
# we install it; otherwise we say how.
$(BIN)/activate:
	@if [ -z "$(PYTHON)" ]; then \
	  echo "planmonitor needs Python 3.11: on Debian 12 run 'apt-get install python3'." >&2; exit 1; fi
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' || { \
	  echo "planmonitor needs Python 3.11, but $(PYTHON) is $$($(PYTHON) --version 2>&1 | head -n 1)." >&2; \
	  echo "Install it, or run make with PYTHON=/path/to/python3.11." >&2; exit 1; }
	@rm -rf $(VENV)
	@if ! $(PYTHON) -m venv $(VENV); then \
	  rm -rf $(VENV); \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "== python3 -m venv failed: installing python3-venv with apt-get"; \
	    export DEBIAN_FRONTEND=noninteractive; \
	    apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null; \
	    $(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); exit 1; }; \
	  else \
	    echo "python3 -m venv failed. On Debian or Ubuntu run: sudo apt-get install python3-venv" >&2; \
	    echo "then run make again." >&2; exit 1; \
	  fi; \
	fi

$(VENV)/.installed: pyproject.toml | $(BIN)/activate
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-input -e '.[dev]'
	@touch $@

install: $(VENV)/.installed

%.mo: %.po
	@if command -v msgfmt >/dev/null; then msgfmt --check-format -o $@ $<; \
	else echo "warning: msgfmt (GNU gettext) is missing, $@ not compiled: apt-get install gettext" >&2; fi

setup: install $(MO_FILES)
	@mkdir -p "$(VAR_DIR)"
	$(MANAGE) migrate --no-input
	$(MANAGE) load_gbv_plan
	$(MANAGE) import_context_series
	$(MANAGE) load_demo

# The task worker (it sends the mail) runs beside the server and stops with it.
run: setup
	@echo "== planmonitor serves on http://$(HOST):$(PORT)/ (Ctrl-C stops it)"
	@echo "== the task worker runs beside it: $(MANAGE) db_worker $(WORKER_ARGS)"
	@$(MANAGE) db_worker $(WORKER_ARGS) & worker=$$!; \
	trap 'kill $$worker 2>/dev/null || true; wait $$worker 2>/dev/null || true' EXIT; \
	$(MANAGE) runserver $(RUNSERVER_ARGS) $(HOST):$(PORT)

# pytest exits 5 when it collected nothing: an empty suite is a failure, said plainly.
# Browser tests: Playwright driving Debian's chromium (apt-get install chromium).
test-browser: install $(MO_FILES)
	$(BIN)/pytest -m browser planmonitor

test: install $(MO_FILES)
	@rc=0; $(BIN)/pytest $(PYTEST_ARGS) || rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "make test: pytest collected no tests (exit code 5)" >&2; fi; \
	exit $$rc

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

migrations-check: install
	@mkdir -p "$(VAR_DIR)"
	$(MANAGE) makemigrations --check --dry-run

bench: install
	$(BIN)/python -m planmonitor.bench
	$(BIN)/python -m planmonitor.monitoring.bench
	$(BIN)/python -m planmonitor.monitoring.scale_bench
	$(BIN)/python -m planmonitor.network.bench
	$(BIN)/python -m planmonitor.network.overlap.bench
	$(BIN)/python -m planmonitor.evaluation.snapshots.bench
	$(BIN)/python -m planmonitor.portal.bench

messages: install
	mkdir -p planmonitor/locale
	cd planmonitor && ../$(BIN)/django-admin makemessages -l nl --no-obsolete --no-location
	cd planmonitor && ../$(BIN)/django-admin compilemessages -l nl

demo-remove: install
	$(MANAGE) remove_demo

# Keeps var/ (the database and uploads): delete it yourself to start from scratch.
clean:
	rm -rf $(VENV) staticfiles build *.egg-info .pytest_cache .ruff_cache .mypy_cache
	find planmonitor -name __pycache__ -type d -prune -exec rm -rf {} +
