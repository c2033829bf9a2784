# akhbar — two commands: `make run` serves the demo Urdu edition, `make test` runs every test.
# Each sets up what it needs on a fresh machine (system packages, .venv, fonts) first.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
FONTS  := akhbar/site/static/akhbar/fonts
HOST   ?= 127.0.0.1
PORT   ?= 8000
SYSTEM_PACKAGES := chromium espeak-ng opus-tools sox nginx wrk

.PHONY: run test setup system venv assets lint bench clean

run: setup
	$(BIN)/akhbar init
	$(BIN)/akhbar demo
	$(BIN)/akhbar serve --host $(HOST) --port $(PORT)

test: setup
	$(BIN)/ruff check .
	env -u DATABASE_URL AKHBAR_HOME=$$(mktemp -d) $(BIN)/akhbar check --fail-level WARNING
	env -u DATABASE_URL AKHBAR_HOME=$$(mktemp -d) $(BIN)/akhbar makemigrations --check --dry-run
	env -u DATABASE_URL $(BIN)/python -m pytest $(PYTEST_ARGS)
	@if [ -n "$$DATABASE_URL" ]; then \
	  echo "again on DATABASE_URL for the tests marked postgres"; \
	  $(BIN)/python -m pytest -m postgres $(PYTEST_ARGS) || [ $$? = 5 ]; \
	fi

setup: system $(STAMP) assets

# Debian packages the tests and the demo use: a real browser, a real speech engine,
# nginx and wrk for benchmarks. Installed only when missing (needs root, as CI has).
system:
	@missing=""; for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing system packages:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -r requirements.txt
	$(BIN)/python -m pip install -q --no-deps -e .
	touch $@

venv: $(STAMP)

# The editions' fonts (Nastaliq for Urdu, Naskh for Arabic, Noto Serif for English and
# Turkish) are self-hosted from npm registry packages (OFL), never a CDN, and subset at
# build time (fontTools, ~1 min of CPU): reruns only when the package lock or the script
# changes (the script also skips itself when its inputs' digest matches).
# node_modules also brings axe-core for the browser tests.
FONT_FILES := $(addprefix $(FONTS)/,nastaliq-urdu-400.woff2 naskh-arabic-400.woff2 serif-latin-400.woff2)
assets: $(FONT_FILES)

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# One run of the script writes every font file; the grouped target says so to make.
$(FONT_FILES) &: node_modules/.package-lock.json scripts/subset_font.py | $(STAMP)
	$(BIN)/python scripts/subset_font.py --out $(FONTS)
	touch $(FONT_FILES)

lint: setup
	$(BIN)/ruff check .

bench: setup
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) node_modules $(FONTS) var .pytest_cache
