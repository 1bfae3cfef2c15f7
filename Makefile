# cnbudget: `make demo` and `make test` work on a fresh machine with Python 3.11, pip and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DIR := demo-output

.PHONY: demo test bench lint docs clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/python -m cnbudget.demo $(DEMO_DIR)

test: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/python -m pytest -n 2 --dist loadfile

bench: $(STAMP)
	$(BIN)/python -m cnbudget.bench

lint: $(STAMP)
	$(BIN)/ruff check src tests

docs: $(STAMP)
	$(BIN)/python -m cnbudget.docs_gen docs

clean:
	rm -rf $(VENV) $(DEMO_DIR) .pytest_cache
