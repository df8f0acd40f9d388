# Every target sets itself up: a fresh machine needs only Python 3.11+ and make.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PORT   ?= 8501

.PHONY: run test lint validate stats browser install clean

install: $(STAMP)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# Writes the Chromium path the browser tests use to $(VENV)/chromium-path.
browser: $(STAMP)
	@sh tests/find_chromium.sh "$(BIN)" > $(VENV)/chromium-path
	@echo "Chromium for browser tests: $$(cat $(VENV)/chromium-path)"

run: $(STAMP)
	$(BIN)/streamlit run streamlit_app.py --server.headless true --server.port $(PORT) \
		--browser.gatherUsageStats false

test: $(STAMP) browser
	$(BIN)/ruff check .
	$(BIN)/python -m geo validate
	CHROMIUM_PATH="$$(cat $(VENV)/chromium-path)" $(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .

validate: $(STAMP)
	$(BIN)/python -m geo validate

stats: $(STAMP)
	$(BIN)/python -m geo stats

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache tests/artifacts
