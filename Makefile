# Converge: the two commands of the README are `make run` and `make test`.
# Both set everything up from a fresh machine (Debian packages, a virtualenv, the package itself).

PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
SUDO    = $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Debian packages: LibreOffice converts legacy .doc/.rtf/.odt and makes test PDFs; poppler renders them.
# Chromium drives the browser tests; nginx-light checks the deployment guide's HTTPS proxy site;
# Node.js/npm install the NHS.UK frontend assets (when not present).
APT_PACKAGES = libreoffice-writer-nogui poppler-utils fonts-liberation2 chromium nginx-light
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: help system venv install assets run test bench lint dist clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-10s %s\n", $$1, $$2}'

system: ## install the Debian packages Converge and its tests need (skipped when present)
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	command -v npm >/dev/null 2>&1 || missing="$$missing nodejs npm"; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

venv: $(BIN)/python

install: system venv assets ## install Converge (editable) with its test tools into .venv
	$(BIN)/pip install -q -e '.[dev]'

assets: ## install the NHS.UK frontend from npm and copy it into the package (served locally, no CDN)
	npm ci --prefix web --no-audit --no-fund --loglevel=error
	$(PYTHON) web/install_assets.py

run: install ## load the demo corpus of three trusts, match it, and serve the UI on http://$(HOST):$(PORT)
	$(BIN)/converge demo --host $(HOST) --port $(PORT)

test: install ## lint, then run the whole test suite (SQLite and PostgreSQL on 127.0.0.1:5432, Chromium)
	$(BIN)/ruff check src tests
	$(BIN)/mypy
	$(BIN)/pytest -n 2 -q

bench: install ## run the benchmarks in bench/
	for b in bench/*.py; do $(BIN)/python $$b; done

dist: install ## build the sdist and wheel into dist/, the NHS.UK frontend assets included (docs/deployment.md)
	$(BIN)/python -m build --no-isolation --outdir dist

lint: venv
	$(BIN)/ruff check src tests

clean:
	rm -rf $(VENV) instance/*.db bench/.cache dist
