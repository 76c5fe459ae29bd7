# The two commands a new user needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test test-fast lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev,neo4j]'
	touch $(STAMP)

# Serves the built-in dataset and the example roster; prints the address first.
run: $(STAMP)
	$(BIN)/govgraph serve

# The whole suite, on every core (pytest-xdist). pytest exits 5 when a selection
# (PYTEST_ARGS) collects no test: that is not a failure.
test: $(STAMP)
	$(BIN)/python -m pytest -n auto $(PYTEST_ARGS) || [ $$? -eq 5 ]

# The quick loop: everything but the tests marked slow (fuzzing, real servers, the browser).
test-fast: $(STAMP)
	$(BIN)/python -m pytest -n auto -m "not slow" $(PYTEST_ARGS) || [ $$? -eq 5 ]

# Lint, format and types, as CI runs them (configured in pyproject.toml).
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

clean:
	rm -rf $(VENV) build *.egg-info

# Benchmarks (bench/README.md); `make bench SCALES="1 20"` for a quicker run, BENCH="--core"
# for load and queries only. pandas and DuckDB (the baselines) and wrk (the HTTP load) are
# not govgraph's dependencies: installed when missing.
SCALES ?= 1 20 100
BENCH ?=

.PHONY: bench
bench: $(STAMP)
	$(BIN)/python -c "import pandas, duckdb" 2>/dev/null || $(BIN)/python -m pip install --quiet pandas duckdb
	command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	$(BIN)/python bench/run.py --scales "$(SCALES)" $(BENCH)

# 50 clients read for 60 s from a local server that reloads every 5 s (bench/loadtest.py):
# prints p50/p99 and fails on any failed request or answer from a graph that was not whole.
.PHONY: loadtest
loadtest: $(STAMP)
	$(BIN)/python bench/loadtest.py

# The Neo4j backend next to the embedded store on one synthetic roster (bench/neo4j_backend.py):
# starts the test Neo4j server (tools/neo4j-server; Java 17 and Maven needed).
.PHONY: bench-neo4j
bench-neo4j: $(STAMP)
	$(BIN)/python bench/neo4j_backend.py
