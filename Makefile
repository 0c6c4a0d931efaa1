# Bitácora: the two commands of the README are `make` and `make test`.
SHELL := /bin/bash
# Material prints an end-of-life banner on every build; the README explains the plan instead.
export NO_MKDOCS_2_WARNING := 1
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.DEFAULT_GOAL := all
.PHONY: all install site digest serve import test lint chromium bench bench-related clean

# Set up, build the site and the sample digest, and say where to look.
all: site digest
	@echo ""
	@echo "Listo."
	@echo "  Sitio:   site/index.html   (o 'make serve' y abre http://127.0.0.1:8000/)"
	@echo "  Boletín: $$(ls -d docs/boletin/*/ 2>/dev/null | tail -n 1 || echo 'docs/boletin/')"

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	@touch $@

install: $(STAMP)

site: $(STAMP)
	$(BIN)/mkdocs build --strict --quiet
	@echo "Sitio construido en site/"

# The sample digest of every post, then the site again so its web archive lists it.
digest: $(STAMP)
	$(BIN)/bitacora digest --days 36500
	$(BIN)/mkdocs build --strict --quiet

serve: $(STAMP)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

# Re-import the raw sources kept in docs/.fuentes (unchanged sources are left byte-identical).
import: $(STAMP)
	$(BIN)/bitacora import docs/.fuentes

$(TEST_STAMP): $(STAMP) pyproject.toml
	$(BIN)/pip install --quiet -e ".[test]"
	@touch $@

# Debian's Chromium for the browser tests; Playwright never downloads a browser here.
chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium; \
	fi

lint: $(TEST_STAMP)
	$(BIN)/ruff check scripts tests
	$(BIN)/mypy

# axe-core for the browser tests' accessibility checks, pinned in package-lock.json.
node_modules/.package-lock.json: package.json package-lock.json
	@if ! command -v npm >/dev/null; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq npm; \
	fi
	npm ci --no-audit --no-fund --loglevel=error

# Run every test. pytest's exit code 5 (nothing collected) is a failure, not a pass.
test: $(TEST_STAMP) chromium node_modules/.package-lock.json lint
	@$(BIN)/python -m pytest; rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "error: pytest no encontró ningún test" >&2; exit 1; fi; \
	exit $$rc

bench: $(TEST_STAMP)
	$(BIN)/python -m bitacora.bench

# The related-articles stage alone, at 1,000 and 10,000 posts (about a minute).
bench-related: $(TEST_STAMP)
	$(BIN)/python -m bitacora.bench.related

clean:
	rm -rf site .pytest_cache .mypy_cache .ruff_cache
