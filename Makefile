# Every target sets itself up: a fresh machine needs only Python 3.11+ and make.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PORT   ?= 8501
PYTEST := $(BIN)/python -m pytest
BUILDS := data/build_events.py data/build_zones.py data/build_regions.py data/build_labels.py

.PHONY: db run-db db-stop db-tools run test test-fast test-js lint format typecheck architecture data data-check \
	validate stats browser install dev clean fuzz

install: $(STAMP)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# pre-commit and its hooks, then the git hook (see .pre-commit-config.yaml)
dev: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,dev]'
	$(BIN)/pre-commit install

# Writes the Chromium path the browser tests use to $(VENV)/chromium-path.
browser: $(STAMP)
	@sh tests/find_chromium.sh "$(BIN)" > $(VENV)/chromium-path
	@echo "Chromium for browser tests: $$(cat $(VENV)/chromium-path)"

run: $(STAMP)
	$(BIN)/streamlit run streamlit_app.py --server.headless true --server.port $(PORT) \
		--browser.gatherUsageStats false

# The whole suite: the rules, the data builds, the bundled data, then every test
# (the database tests start their own throwaway PostgreSQL + PostGIS server).
test: lint data-check validate browser db-tools
	CHROMIUM_PATH="$$(cat $(VENV)/chromium-path)" $(PYTEST)

# Property tests at length: many more generated files, links and command lines, new ones
# each run (make test runs a fixed, bounded set). About two minutes.
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz $(PYTEST) -q tests/test_entry_points.py tests/test_numbers.py \
		tests/test_hostile_properties.py \
		tests/test_upload.py -k "any_ or random_ or survive or hostile"

# No browser: unit, rendered-HTML, AppTest and data-format tests (a minute or two).
test-fast: $(STAMP)
	$(PYTEST) -m "not browser"

# Our JavaScript in a blank headless Chromium page (seconds).
test-js: browser
	CHROMIUM_PATH="$$(cat $(VENV)/chromium-path)" $(PYTEST) tests/test_js.py

# The rules, checked: lint, formatting, types, and the architecture test.
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(PYTEST) -q tests/test_architecture.py

typecheck: $(STAMP)
	$(BIN)/mypy

architecture: $(STAMP)
	$(PYTEST) -q tests/test_architecture.py

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Rebuild data/*.geojson from the records and sources in data/.
data: $(STAMP)
	@for s in $(BUILDS); do $(BIN)/python $$s || exit 1; done

# Every build script reproduces its committed file exactly.
data-check: $(STAMP)
	@for s in $(BUILDS); do $(BIN)/python $$s --check || exit 1; done

# The team backend. PostgreSQL + PostGIS (and GDAL's ogrinfo) from the system's packages:
# installed with apt when missing (Debian, as root).
db-tools: $(STAMP)
	@$(BIN)/python ops/pgcluster.py install

DB_DIR  ?= .db
DB_PORT ?= 5433
DB_URL  := postgresql://jointmap@127.0.0.1:$(DB_PORT)/jointmap
USERS   ?= $(CURDIR)/.users.json

# A local server in $(DB_DIR) holding the bundled record (importing again adds nothing).
db: db-tools
	$(BIN)/python ops/pgcluster.py start $(DB_DIR) --port $(DB_PORT)
	JOINTMAP_DB=$(DB_URL) $(BIN)/python -m geo db import data --author make-db
	@echo "PostGIS record at $(DB_URL) (QGIS: host 127.0.0.1, port $(DB_PORT), user jointmap)"
	@test -f $(USERS) || echo "To edit in the app: $(BIN)/python -m geo users add NAME --file $(USERS)"

# The app on the database (editing signs in with the users in $(USERS)).
run-db: db
	JOINTMAP_DB=$(DB_URL) JOINTMAP_USERS=$(USERS) $(BIN)/streamlit run streamlit_app.py \
		--server.headless true --server.port $(PORT) --browser.gatherUsageStats false

db-stop: $(STAMP)
	$(BIN)/python ops/pgcluster.py stop $(DB_DIR)

validate: $(STAMP)
	$(BIN)/python -m geo validate

stats: $(STAMP)
	$(BIN)/python -m geo stats

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache tests/artifacts
