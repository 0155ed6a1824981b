# planmonitor: `make run` sets everything up and serves; `make test` runs the suite.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run install setup test lint format migrations-check bench messages demo-remove clean

$(BIN)/activate:
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "planmonitor needs Python 3.11"'
	@$(PYTHON) -m venv $(VENV) || { \
	  echo "python3 -m venv failed: on Debian install it with 'apt-get install python3-venv'"; exit 1; }

$(VENV)/.installed: pyproject.toml $(BIN)/activate
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $@

install: $(VENV)/.installed

setup: install
	@mkdir -p var
	$(MANAGE) migrate --no-input
	$(MANAGE) load_gbv_plan
	$(MANAGE) load_demo

run: setup
	$(MANAGE) runserver $(HOST):$(PORT)

test: install
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

migrations-check: install
	$(MANAGE) makemigrations --check --dry-run

bench: install
	$(BIN)/python -m planmonitor.bench

messages: install
	cd planmonitor && ../$(BIN)/django-admin makemessages -l nl --no-obsolete --no-location && ../$(BIN)/django-admin compilemessages -l nl

demo-remove: install
	$(MANAGE) remove_demo

clean:
	rm -rf $(VENV) var staticfiles
