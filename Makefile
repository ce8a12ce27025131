# Two entry points: `make demo` (run the platform on demo data and serve the UIs) and
# `make test` (install what the tests need and run them all). Both need only Python 3.11+.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install demo test lint clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --editable '.[test]'
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/liudiao demo

test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check liudiao orchestration cockpit realtime tests
	$(BIN)/sqlfluff lint dbt/models dbt/macros

clean:
	rm -rf $(VENV) .liudiao dbt/target dbt/logs
