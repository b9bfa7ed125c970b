# LR Cookbook. Quick start: `make serve` (site on http://127.0.0.1:8000) and `make test`.
PYTHON ?= python3.11
VENV ?= .venv
PY := $(VENV)/bin/python
READY := $(VENV)/.ready
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: setup fonts site serve test browser clean publish preview bench

# The virtual environment, with the exact versions of requirements.lock.
$(READY): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c requirements.lock -e '.[test]'
	touch $@

setup: $(READY)

# Run the snippets (only those that changed), build every language into site/.
site: setup fonts
	$(PY) -m tools build

# The same, then serve with live reload: an edited snippet re-runs alone.
serve: setup fonts
	$(PY) -m tools serve

# Debian's CJK fonts: the Japanese plots' labels are measured with them.
fonts:
	@if ! fc-list 2>/dev/null | grep -q "Noto Sans CJK"; then \
		$(SUDO) apt-get update -q && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q fonts-noto-cjk; \
	fi

# Debian's Chromium (never `playwright install`) and the CJK fonts, for the browser tests.
browser: fonts
	@if ! command -v chromium >/dev/null; then \
		$(SUDO) apt-get update -q && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q chromium; \
	fi

# Two test processes: one runs the snippets while the other tests what needs no run (tests/conftest.py).
test: setup browser
	$(PY) -m pytest -n 2 --dist loadfile

# Time the build against the naive ways, on a copy of the project (about 50 min, `make test` on a clean clone included);
# prints the table, writes bench.json and the table in README.md. Only some rows (the others kept, with their dates): make bench ROWS=abd
bench: setup
	$(PY) -m tools.bench $(if $(ROWS),--rows $(ROWS))

clean:
	rm -rf site .cache docs/runs

# Deploy VERSION (alias latest, the default) to the local gh-pages branch: make publish VERSION=0.1
publish: setup
	@test -n "$(VERSION)" || { echo "usage: make publish VERSION=x.y"; exit 2; }
	$(PY) -m tools publish $(VERSION)

# Serve the gh-pages branch (every published version) on http://127.0.0.1:8000
preview: setup
	$(PY) -m tools preview
