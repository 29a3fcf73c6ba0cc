# Everything a fresh machine needs is installed by these targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CLASSPATH := graph/server/target/classpath.txt

.PHONY: demo test lint typecheck unit install neo4j-build federation-deps system-deps console browser bench-peer-deps bench bench-console clean

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

# The console: built from the locked npm packages into console/dist, which the hub serves.
CONSOLE := console
CONSOLE_BUILD := $(CONSOLE)/dist/index.html
$(CONSOLE)/node_modules/.package-lock.json: $(CONSOLE)/package.json $(CONSOLE)/package-lock.json
	cd $(CONSOLE) && npm ci --no-audit --no-fund

$(CONSOLE_BUILD): $(CONSOLE)/node_modules/.package-lock.json $(CONSOLE)/index.html $(CONSOLE)/vite.config.js $(shell find $(CONSOLE)/src -type f)
	cd $(CONSOLE) && npm run build

console: $(CONSOLE_BUILD)

# Headless Chromium, its driver and CJK fonts for the browser tests (Debian packages).
browser:
	@if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null || ! fc-list | grep -qi 'Noto Sans CJK'; then \
		apt-get update -q && apt-get install -y -q chromium chromium-driver fonts-noto-cjk; \
	fi

# Debian packages the tests use: strace watches that nothing connects beyond loopback.
system-deps:
	@command -v strace >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq strace; }

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

unit: install neo4j-build federation-deps system-deps console browser
	$(BIN)/pytest -q

test: lint typecheck unit

demo: install neo4j-build console
	$(BIN)/patent-hub neo4j start
	$(BIN)/patent-hub db migrate
	$(BIN)/patent-hub load reference
	$(BIN)/patent-hub load demo
	$(BIN)/patent-hub users demo
	$(BIN)/patent-hub serve

bench: install neo4j-build
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/graphql_mix.py

bench-console: install neo4j-build console browser
	$(BIN)/python bench/console.py

clean:
	-$(BIN)/patent-hub neo4j stop
	rm -rf var graph/server/target $(CONSOLE)/dist
