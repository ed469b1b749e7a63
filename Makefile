# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: run test test-fast install lint format openapi bench imports clean clients

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

# Node packages of the TypeScript client and of the spec's lint (Redocly),
# installed from their lock files when a lock file is newer than the install.
NODE_DEPS := clients/typescript/node_modules/.package-lock.json \
	openapi/node_modules/.package-lock.json
%/node_modules/.package-lock.json: %/package-lock.json %/package.json
	cd $* && npm ci --no-audit --no-fund

## Install, migrate the SQLite default (./seatkeeper.db) and serve on 127.0.0.1:8000.
run: install
	$(BIN)/seatkeeper migrate
	$(BIN)/seatkeeper serve

# pytest-xdist processes; each has a database of its own (tests/conftest.py).
TEST_WORKERS ?= auto

## Install what tests need and run every test (PostgreSQL too when
## SEATKEEPER_TEST_DATABASE_URL is set), in parallel.
test: install $(NODE_DEPS)
	$(BIN)/ruff check app tests migrations
	$(BIN)/ruff format --check app tests migrations
	$(BIN)/mypy app
	$(BIN)/pytest -n $(TEST_WORKERS) --dist worksteal

## Under a minute, while you work: unit tests, the domain rules and their
## properties, and a smoke of the API in-process, on SQLite only.
FAST_TESTS := tests/unit tests/properties/test_domain_rules.py \
	tests/e2e/test_agents.py tests/e2e/test_accounts.py tests/e2e/test_operations.py
test-fast: install
	$(BIN)/ruff check app tests migrations
	env -u SEATKEEPER_TEST_DATABASE_URL SEATKEEPER_PROPERTY_EXAMPLES=100 \
		$(BIN)/pytest -n $(TEST_WORKERS) $(FAST_TESTS)

lint: install
	$(BIN)/ruff check app tests migrations
	$(BIN)/mypy app

format: install
	$(BIN)/ruff format app tests migrations
	$(BIN)/ruff check --fix app tests migrations

## Measure throughput and latency as ratios of the same server's /healthz
## (PostgreSQL on 127.0.0.1:5432, then SQLite); writes docs/performance.md.
## BENCH_ARGS="--smoke" runs a few seconds on small data.
bench: install
	command -v wrk >/dev/null && command -v curl >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk curl)
	$(BIN)/python bench/run.py $(BENCH_ARGS)

## Print the import graph of app/, layer to layer (tests/unit/test_layers.py
## holds the rules it must obey).
imports: install
	$(BIN)/python -m tests.layers

## Rewrite openapi/openapi.json from the app.
openapi: install
	$(BIN)/seatkeeper openapi --output openapi/openapi.json

## Rewrite the spec, then the clients generated from it: clients/python (the
## committed Python package) and clients/typescript's types.
clients: openapi $(NODE_DEPS)
	$(BIN)/python clients/python/generate.py
	cd clients/typescript && npm run --silent generate

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache .mypy_cache .ruff_cache
