# cnbudget: `make demo` and `make test` work on a fresh machine with Python 3.11, pip and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DIR := demo-output

.PHONY: demo test bench bench-ocr lint docs clean lock vendor

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

bench-ocr: $(STAMP)
	$(BIN)/python -m cnbudget.bench ocr

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

# the web application's JavaScript, from the npm registry's packages (nothing from a CDN at
# run time): exact versions, unpacked into the Python package with their licences
VENDOR := src/cnbudget/web/static/vendor
HTMX_VERSION := 2.0.11
ECHARTS_VERSION := 5.6.0
PDFJS_VERSION := 4.10.38
vendor:
	rm -rf .vendor-tmp $(VENDOR) && mkdir -p .vendor-tmp $(VENDOR)/htmx $(VENDOR)/echarts $(VENDOR)/pdfjs
	cd .vendor-tmp && npm pack --silent htmx.org@$(HTMX_VERSION) echarts@$(ECHARTS_VERSION) \
	  pdfjs-dist@$(PDFJS_VERSION) >/dev/null
	tar -xzf .vendor-tmp/htmx.org-$(HTMX_VERSION).tgz -C $(VENDOR)/htmx --strip-components=1 \
	  package/dist/htmx.min.js package/LICENSE
	tar -xzf .vendor-tmp/echarts-$(ECHARTS_VERSION).tgz -C $(VENDOR)/echarts --strip-components=1 \
	  package/dist/echarts.min.js package/LICENSE package/NOTICE package/licenses/LICENSE-d3
	tar -xzf .vendor-tmp/pdfjs-dist-$(PDFJS_VERSION).tgz -C $(VENDOR)/pdfjs --strip-components=1 \
	  package/build/pdf.min.mjs package/build/pdf.worker.min.mjs package/LICENSE package/cmaps
	printf 'htmx.org %s\necharts %s\npdfjs-dist %s\n' $(HTMX_VERSION) $(ECHARTS_VERSION) \
	  $(PDFJS_VERSION) > $(VENDOR)/VERSIONS
	rm -rf .vendor-tmp

clean:
	rm -rf $(VENV) $(DEMO_DIR) .pytest_cache
