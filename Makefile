# The two commands a newcomer needs: `make run` and `make test` (see README.md).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | md5sum | cut -c1-12)
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint format bench load messages migrate demo clean browser-deps backup restore

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	rm -f $(VENV)/.installed-*
	touch $@

messages: $(STAMP)
	$(MANAGE) compilemessages --ignore=.venv --verbosity 0

migrate: $(STAMP)
	$(MANAGE) migrate --no-input

demo: migrate
	$(MANAGE) load_reference_data
	$(MANAGE) load_demo --quiet
	$(MANAGE) load_demo_audits
	$(MANAGE) load_demo_sorting
	$(MANAGE) load_demo_productivity
	$(MANAGE) load_demo_training
	$(MANAGE) load_demo_standards
	$(MANAGE) load_demo_placement
	$(MANAGE) load_demo_indicators
	$(MANAGE) load_demo_shine
	$(MANAGE) load_demo

run: messages demo
	$(MANAGE) runserver $(HOST):$(PORT)

# Backups (README «Backups»): one archive of the database and both media roots under BACKUP_ROOT.
# `make restore BACKUP=latest` (or a file name or path) replaces the database and the media.
backup: $(STAMP)
	$(MANAGE) backup

restore: $(STAMP)
	@test -n "$(BACKUP)" || { echo "usage: make restore BACKUP=latest|<file>"; exit 2; }
	$(MANAGE) restore "$(BACKUP)"

browser-deps:
	@scripts/ensure-chromium

# Style, layers (import-linter contracts in pyproject.toml) and types (mypy, django-stubs).
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	DJANGO_SETTINGS_MODULE=fives_portal.settings.test $(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# The whole suite: lint, migrations in step with the models, then every test (browser ones too).
test: $(STAMP) messages browser-deps lint
	DJANGO_SETTINGS_MODULE=fives_portal.settings.test $(MANAGE) makemigrations --check --dry-run
	$(BIN)/pytest $(PYTEST_ARGS)

# Scale benchmark (scripts/bench.py, README «Scale benchmark»): 1,000 × 24 in fives_bench;
# BENCH_ARGS="--repeat 1", "--agencies 10000" (own database), "--history" (200 × 120 vs 200 × 24).
bench: $(STAMP) messages
	$(BIN)/python scripts/bench.py $(BENCH_ARGS)

# Load test, not part of `make test` (scripts/load.sh): gunicorn with the production settings on
# PostgreSQL with the demo region, locust headless; `make load LOAD_USERS=20 LOAD_TIME=30s`.
export LOAD_USERS LOAD_TIME LOAD_SPAWN_RATE LOAD_WORKERS LOAD_PORT LOAD_DATABASE_URL LOAD_REUSE_DB
load: $(STAMP) messages
	scripts/load.sh

clean:
	rm -rf $(VENV) var staticfiles .pytest_cache .ruff_cache .mypy_cache .import_linter_cache
