# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

# The interpreter $(PYTHON) names (its real path and version), or "too-old".
# The venv is rebuilt whenever this changes: a venv made by another Python,
# or by hand, is never reused.
PYTHON_ID := $(shell $(PYTHON) -c 'import os, sys; print(os.path.realpath(sys.executable) + "-" + ".".join(map(str, sys.version_info[:3])) if sys.version_info >= (3, 11) else "too-old")' 2>/dev/null)
VENV_MADE := $(VENV)/.made-by-$(shell echo '$(PYTHON_ID)' | cksum | cut -d' ' -f1)
RUNTIME_INSTALLED := $(VENV)/.installed-runtime
TEST_INSTALLED := $(VENV)/.installed-test
# Pinned, hashed dependencies (pip-compile from pyproject.toml's ranges: `make lock`).
RUNTIME_LOCK := requirements/runtime.txt
TEST_LOCK := requirements/test.txt
PIP_INSTALL := $(BIN)/python -m pip install --quiet --disable-pip-version-check

LINTED := app tests migrations setup.py

.PHONY: run test test-fast test-prerequisites install install-test lint format openapi \
	clients bench imports lock clean

$(VENV_MADE):
	@test -n "$(PYTHON_ID)" || { echo "make: $(PYTHON) not found: set PYTHON to a Python 3.11 or newer" >&2; exit 1; }
	@test "$(PYTHON_ID)" != too-old || { echo "make: $(PYTHON) is older than 3.11: set PYTHON to a Python 3.11 or newer" >&2; exit 1; }
	@test ! -e $(VENV) -o -f $(VENV)/pyvenv.cfg || { echo "make: $(VENV) is not a venv: remove it or set VENV" >&2; exit 1; }
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	echo '$(PYTHON_ID)' > $@

$(RUNTIME_INSTALLED): $(VENV_MADE) $(RUNTIME_LOCK) pyproject.toml
	$(PIP_INSTALL) --require-hashes -r $(RUNTIME_LOCK)
	$(PIP_INSTALL) --no-deps -e .
	$(BIN)/python -m pip check  # a dependency pyproject.toml names and the lock lacks
	touch $@

$(TEST_INSTALLED): $(RUNTIME_INSTALLED) $(TEST_LOCK)
	$(PIP_INSTALL) --require-hashes -r $(TEST_LOCK)
	$(BIN)/python -m pip check
	touch $@

## The package (editable) and what it needs to run, from the lock.
install: $(RUNTIME_INSTALLED)

## The same, plus the test extras (pytest, ruff, mypy, ...).
install-test: $(TEST_INSTALLED)

# Node packages of the TypeScript client, the spec's lint (Redocly) and the
# console, installed from their lock files when a lock file is newer than the
# install (npm rewrites node_modules/.package-lock.json at the end of each).
NODE_DEPS := clients/typescript/node_modules/.package-lock.json \
	openapi/node_modules/.package-lock.json clients/console/node_modules/.package-lock.json
%/node_modules/.package-lock.json: %/package-lock.json %/package.json
	@command -v npm >/dev/null || { echo "make: npm not found: install Node.js 20+ and npm"; exit 1; }
	@cd $* && npm ci --no-audit --no-fund --loglevel=error || { echo "make: npm ci failed in $*"; exit 1; }

## Install, migrate the SQLite default (./seatkeeper.db) and serve on 127.0.0.1:8000.
run: install
	$(BIN)/seatkeeper migrate
	$(BIN)/seatkeeper serve

# pytest-xdist processes; each has a database of its own (tests/conftest.py).
TEST_WORKERS ?= auto

## What `make test` needs besides the venv, checked before anything runs:
## each missing piece is one line (targets that add needs add them here).
test-prerequisites: install-test $(NODE_DEPS)
	@$(BIN)/python -m tests.faults.pg_bin >/dev/null

## Install what tests need and run every test (PostgreSQL too when
## SEATKEEPER_TEST_DATABASE_URL is set), in parallel.
test: test-prerequisites lint
	$(BIN)/pytest -n $(TEST_WORKERS) --dist worksteal

## Under a minute, while you work: unit tests, the domain rules and their
## properties, and a smoke of the API in-process, on SQLite only.
FAST_TESTS := tests/unit tests/properties/test_domain_rules.py \
	tests/e2e/test_agents.py tests/e2e/test_accounts.py tests/e2e/test_operations.py
test-fast: install-test
	$(BIN)/ruff check $(LINTED)
	env -u SEATKEEPER_TEST_DATABASE_URL SEATKEEPER_PROPERTY_EXAMPLES=100 \
		$(BIN)/pytest -n $(TEST_WORKERS) $(FAST_TESTS)

## The static checks `make test` runs first.
lint: install-test
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)
	$(BIN)/mypy app

format: install-test
	$(BIN)/ruff format $(LINTED)
	$(BIN)/ruff check --fix $(LINTED)

## Measure throughput and latency as ratios of the same server's /healthz
## (PostgreSQL on 127.0.0.1:5432, then SQLite); writes docs/performance.md.
## BENCH_ARGS="--smoke" runs a few seconds on small data.
bench: install
	command -v wrk >/dev/null && command -v curl >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk curl)
	$(BIN)/python bench/run.py $(BENCH_ARGS)

## Print the import graph of app/, layer to layer (tests/unit/test_layers.py
## holds the rules it must obey).
imports: install-test
	$(BIN)/python -m tests.layers

## Rewrite openapi/openapi.json from the app.
openapi: install
	$(BIN)/seatkeeper openapi --output openapi/openapi.json

## Re-pin requirements/*.txt from pyproject.toml's ranges (needs PyPI). The
## test lock is constrained by the runtime one, so the two never disagree.
## pip's default index only (no pip configuration, no PIP_* index settings):
## a local mirror or wheel directory must not put its own files' hashes in the
## lock that Docker and CI install from the public index.
PIP_TOOLS := pip-tools==7.6.2
PIP_COMPILE := env -u PIP_FIND_LINKS -u PIP_EXTRA_INDEX_URL -u PIP_INDEX_URL PIP_CONFIG_FILE=/dev/null \
	$(BIN)/pip-compile --quiet --strip-extras --generate-hashes --allow-unsafe \
	--no-emit-index-url --no-emit-find-links
lock: install
	$(PIP_INSTALL) $(PIP_TOOLS)
	$(PIP_COMPILE) --upgrade --output-file $(RUNTIME_LOCK) pyproject.toml
	$(PIP_COMPILE) --upgrade --extra test --constraint $(RUNTIME_LOCK) --output-file $(TEST_LOCK) pyproject.toml

## Everything a build, a test run or `make run` leaves in the clone.
## Rewrite the spec, then the clients generated from it: clients/python (the
## committed Python package) and clients/typescript's types.
clients: install-test openapi $(NODE_DEPS)
	$(BIN)/python clients/python/generate.py
	cd clients/typescript && npm run --silent generate

clean:
	rm -rf $(VENV) *.egg-info build dist .pytest_cache .mypy_cache .ruff_cache .hypothesis
	rm -rf clients/*/node_modules clients/*/src/generated clients/*/dist openapi/node_modules
	rm -f seatkeeper.db seatkeeper.db-*
	find . -name __pycache__ -type d -not -path './.git/*' -prune -exec rm -rf {} +

## The reference console (clients/console): the API on a fresh SQLite
## database with two demo accounts, and the console on Vite's dev server.
## Prints the URL, the account ids and their owner keys; Ctrl-C stops both.
.PHONY: console console-deps console-screenshot
CONSOLE := clients/console
# tests/browser reads it from the environment too.
export SEATKEEPER_TEST_CHROMIUM ?= /usr/bin/chromium
console: install $(CONSOLE)/node_modules/.package-lock.json
	$(BIN)/python $(CONSOLE)/demo.py

## What the browser test (tests/browser) needs: the console's npm packages
## and Debian's Chromium (installed with apt-get when missing; needs root).
console-deps: $(CONSOLE)/node_modules/.package-lock.json
	@test -x $(SEATKEEPER_TEST_CHROMIUM) || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null) \
		|| { echo "console-deps: cannot install Chromium: apt-get install chromium (as root)"; exit 1; }
	@test -x $(SEATKEEPER_TEST_CHROMIUM) || { echo "console-deps: no Chromium at $(SEATKEEPER_TEST_CHROMIUM)"; exit 1; }
test-prerequisites: console-deps

## Retake docs/console.png, the README's picture, at the browser test's last step.
console-screenshot: install console-deps
	env -u SEATKEEPER_TEST_DATABASE_URL CONSOLE_SCREENSHOT=docs/console.png \
		$(BIN)/pytest -q tests/browser -k self_service
