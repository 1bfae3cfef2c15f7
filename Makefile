# cnbudget: `make demo` and `make test` work on a fresh machine with Python 3.11, pip and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DIR := demo-output

.PHONY: demo test bench lint docs clean lock

# exact versions from the lock; the package itself declares ranges (pyproject.toml)
$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c requirements.lock -e '.[dev]'
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

# the newest versions within pyproject's ranges, frozen (a clean venv: nothing else leaks in)
lock:
	rm -rf .lock-venv
	$(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet --upgrade pip
	.lock-venv/bin/pip install --quiet -e '.[dev]'
	{ sed -n '1,3p' requirements.lock; .lock-venv/bin/pip freeze --all --exclude-editable \
	  | grep -v '^pip=='; } > requirements.lock.new
	mv requirements.lock.new requirements.lock
	rm -rf .lock-venv

clean:
	rm -rf $(VENV) $(DEMO_DIR) .pytest_cache
