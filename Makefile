# rgaa-audit: one command to set everything up and run the demo or the tests.
# `make demo` and `make test` work on a fresh Debian machine with Python 3.11, git and make.

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
OUT ?= out/demo

.PHONY: install browser demo test lint bench act-agreement clean libreoffice redis postgresql

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

# A Chromium for Playwright: the one found by rgaa-audit, else Debian's package (as root),
# else Playwright's own download.
browser: install
	@if $(PY) -c "from rgaa_audit.capture.browser import find_browser; print('Chromium :', find_browser().executable)" 2>/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; \
	else \
		$(PY) -m playwright install chromium; \
	fi

demo: browser
	$(PY) cli.py demo --out $(OUT)

lint: install
	$(PY) -m ruff check .

# LibreOffice headless, for the test that recalculates the exported audit grid (as root only;
# elsewhere that test is skipped and says why).
libreoffice:
	@if command -v soffice >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q libreoffice-calc-nogui; \
	fi

# redis-server and PostgreSQL, for the scale-out tests (a Celery batch, a shared history): the
# tests start throw-away servers on 127.0.0.1 themselves; these targets only install the Debian
# packages (as root; elsewhere those tests are skipped and say which package is missing).
redis:
	@if command -v redis-server >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q redis-server; \
	fi

postgresql:
	@if command -v initdb >/dev/null || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql; \
	fi

test: browser lint libreoffice redis postgresql
	$(VENV)/bin/lint-imports
	$(PY) -m pytest

bench: browser
	@[ -x bench/node_modules/.bin/pa11y-ci ] || PUPPETEER_SKIP_DOWNLOAD=1 npm install --prefix bench --no-audit --no-fund
	$(PY) bench/run.py

act-agreement: browser
	$(PY) bench/act_agreement.py

clean:
	rm -rf $(VENV) out build dist *.egg-info
