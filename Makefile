# Bekal — two commands on a fresh machine:  `make run`  (site + demo data)  and  `make test`.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
# The second test run: PostgreSQL + Redis, as in production (both already run on CI machines).
PG_URL ?= postgres://postgres@127.0.0.1:5432/bekal
REDIS_URL ?= redis://127.0.0.1:6379

.PHONY: run install system-deps chromium test test-embedded test-services lint audit bench drill messages clean

run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput -v0
	$(PY) manage.py seed_demo
	$(PY) manage.py serve

install: system-deps $(INSTALLED) node_modules/.installed

$(INSTALLED): pyproject.toml constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -c constraints.txt -e ".[test]"
	touch $@

# h5p-standalone's own install hook insists on yarn; the files are all we need.
node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --silent
	touch $@

# WeasyPrint needs pango and fonts (DejaVu; EB Garamond for certificates); installed from Debian when missing.
system-deps:
	@bin/ensure-debian-packages libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core fonts-ebgaramond

chromium:
	@command -v chromium >/dev/null || bin/ensure-debian-packages chromium

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) manage.py check

test: install chromium lint
	$(MAKE) --no-print-directory test-embedded
	$(MAKE) --no-print-directory test-services

# 1) embedded defaults: SQLite and the filesystem broker (the e2e suite starts a real worker).
test-embedded:
	env -u DATABASE_URL -u CELERY_BROKER_URL -u CACHE_URL $(PY) -m pytest -p no:cacheprovider

# 2) PostgreSQL + Redis broker and cache, with a real Celery worker in the e2e suite.
test-services:
	bin/wait-for-services $(PG_URL) $(REDIS_URL)
	DATABASE_URL=$(PG_URL) CELERY_BROKER_URL=$(REDIS_URL)/11 CACHE_URL=$(REDIS_URL)/12 \
		$(PY) -m pytest -p no:cacheprovider

# Fault drills alone (they also run in both `make test` runs): worker SIGKILL, Redis and PostgreSQL stops,
# on servers of their own (ports DRILL_PORT_BASE=8230..8232).
drill: install
	env -u DATABASE_URL -u CELERY_BROKER_URL -u CACHE_URL $(PY) -m pytest -p no:cacheprovider tests/faults

# Known vulnerabilities in the locked versions (needs PyPI's JSON API; not part of lint: docs/security.md).
audit: install
	$(PY) -m pip install -q pip-audit
	$(PY) -m pip_audit -r constraints.txt --no-deps --disable-pip --progress-spinner off --strict \
		$$(grep -v '^#' docs/pip-audit-ignore.txt | awk 'NF {print "--ignore-vuln", $$1}')

bench: install
	@set -e; for script in bench/*.py; do echo "== $$script"; $(PY) $$script; done

messages: install
	$(PY) manage.py makemessages -l id -l en --ignore=.venv --ignore=node_modules --ignore=var --no-obsolete
	$(PY) manage.py compilemessages --ignore=.venv

clean:
	rm -rf var test-artifacts
