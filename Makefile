# Everything a fresh machine needs is installed by these targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CLASSPATH := graph/server/target/classpath.txt

.PHONY: demo test lint typecheck unit install neo4j-build federation-deps bench-peer-deps bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

install: $(STAMP)

$(CLASSPATH): graph/server/pom.xml $(shell find graph/server/src -name '*.java')
	mvn -q -B -f graph/server/pom.xml package

neo4j-build: $(CLASSPATH)

# The provincial subgraph and Apollo gateway of the federation tests (Node 20+).
FEDERATION := tests/federation
$(FEDERATION)/node_modules/.package-lock.json: $(FEDERATION)/package.json $(FEDERATION)/package-lock.json
	cd $(FEDERATION) && npm ci --no-audit --no-fund

federation-deps: $(FEDERATION)/node_modules/.package-lock.json

# @neo4j/graphql, the peer of bench/side_by_side.py (benchmarks only).
PEER := bench/peer
$(PEER)/node_modules/.package-lock.json: $(PEER)/package.json $(PEER)/package-lock.json
	cd $(PEER) && npm ci --no-audit --no-fund

bench-peer-deps: $(PEER)/node_modules/.package-lock.json

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install
	$(BIN)/mypy

unit: install neo4j-build federation-deps
	$(BIN)/pytest -q

test: lint typecheck unit

demo: install neo4j-build
	$(BIN)/patent-hub neo4j start
	$(BIN)/patent-hub db migrate
	$(BIN)/patent-hub load reference
	$(BIN)/patent-hub load demo
	$(BIN)/patent-hub users demo
	$(BIN)/patent-hub serve

bench: install neo4j-build
	$(BIN)/python -P bench/ingest.py
	$(BIN)/python -P bench/graphql.py

clean:
	-$(BIN)/patent-hub neo4j stop
	rm -rf var graph/server/target
