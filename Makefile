# Two commands for a newcomer: `make run` (set up and serve the demo) and `make test` (everything).
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1:8000
PG_URL ?= postgres://postgres@127.0.0.1:5432/quotes_test
PYTEST_ARGS ?=

.PHONY: run setup demo serve test lint test-sqlite test-postgres browser postgres redis screenshots \
	bench evaluate clean loadtest gettext messages translations

run: setup demo serve

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

setup: $(STAMP) messages

# The interface's translations: msgfmt and xgettext come from Debian's gettext package. `messages`
# compiles locale/*/LC_MESSAGES/django.po into the .mo files Django reads (not committed);
# `translations` first collects the marked strings of the code and templates into the .po files.
I18N_IGNORE := --ignore=.venv --ignore=var --ignore=staticfiles --ignore=tests --ignore=bench \
	--ignore=scripts --ignore=demo --ignore=docs --ignore=quotes/attribution

gettext:
	@command -v msgfmt >/dev/null || (apt-get update -qq && apt-get install -y -qq gettext)

messages: $(STAMP) gettext
	DEBUG=true $(PY) manage.py compilemessages --locale=fr $(I18N_IGNORE)

translations: $(STAMP) gettext
	DEBUG=true $(PY) manage.py makemessages --locale=fr --no-obsolete --add-location=file $(I18N_IGNORE)
	DEBUG=true $(PY) manage.py compilemessages --locale=fr $(I18N_IGNORE)

demo: setup
	DEBUG=true $(PY) manage.py migrate --noinput
	DEBUG=true $(PY) manage.py load_demo

serve: setup
	DEBUG=true $(PY) manage.py runserver $(HOST)

test: lint test-sqlite test-postgres

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

test-sqlite: setup browser postgres redis
	env -u DATABASE_URL $(VENV)/bin/pytest $(PYTEST_ARGS)

test-postgres: setup browser postgres redis
	DATABASE_URL=$(PG_URL) $(VENV)/bin/pytest --create-db $(PYTEST_ARGS)

browser:
	@command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium)

postgres:
	@bash scripts/ensure_postgres.sh

redis:
	@bash scripts/ensure_redis.sh

screenshots: setup browser
	DEBUG=true $(PY) manage.py migrate --noinput
	DEBUG=true $(PY) manage.py load_demo
	DEBUG=true $(PY) scripts/screenshots.py

bench: setup
	$(PY) bench/bench_extraction.py
	$(PY) bench/bench_ingest.py
	$(PY) bench/bench_topics.py
	$(PY) bench/bench_long_texts.py

# Gunicorn on PostgreSQL under locust, demo data then the 1M synthetic base (see bench/load_test.py).
loadtest: setup postgres
	$(PY) bench/load_test.py

evaluate: setup
	DEBUG=true $(PY) manage.py evaluate ../shared/data/gold/fr_dev.jsonl
	DEBUG=true $(PY) manage.py evaluate bench/gold/fr_winer_dev.jsonl
	DEBUG=true $(PY) manage.py evaluate bench/gold/fr_winer_blind.jsonl
	DEBUG=true $(PY) manage.py evaluate bench/gold/fr_winer_blind_next.jsonl
	DEBUG=true $(PY) manage.py evaluate bench/gold/fr_winer_blind4.jsonl
	DEBUG=true $(PY) manage.py evaluate bench/gold/fr_winer_blind5.jsonl
	DEBUG=true $(PY) manage.py evaluate bench/gold/fr_winer_blind6.jsonl
	DEBUG=true $(PY) manage.py evaluate bench/gold/fr_winer_blind7.jsonl
	DEBUG=true $(PY) manage.py evaluate bench/gold/fr_winer_blind8.jsonl
	DEBUG=true $(PY) manage.py evaluate bench/gold/fr_heldout.jsonl
	DEBUG=true $(PY) manage.py evaluate bench/gold/fr_blind2.jsonl
	DEBUG=true $(PY) manage.py evaluate bench/gold/fr_blind3.jsonl
	DEBUG=true $(PY) manage.py evaluate bench/gold/fr_2012_blind.jsonl
	DEBUG=true $(PY) manage.py evaluate bench/gold/fr_winer_blind9.jsonl
	DEBUG=true $(PY) manage.py evaluate bench/gold/fr_winer_blind10.jsonl
	DEBUG=true $(PY) manage.py evaluate bench/gold/fr_winer_blind11.jsonl
	DEBUG=true $(PY) manage.py evaluate bench/gold/fr_winer_blind12.jsonl
	DEBUG=true $(PY) manage.py evaluate bench/gold/fr_winer_blind13.jsonl
	DEBUG=true $(PY) manage.py evaluate bench/gold/fr_winer_blind14.jsonl
	DEBUG=true $(PY) manage.py evaluate bench/gold/fr_winer_blind15.jsonl
	DEBUG=true $(PY) manage.py evaluate bench/gold/fr_winer_blind16.jsonl
	DEBUG=true $(PY) manage.py evaluate bench/gold/fr_winer_blind17.jsonl
	DEBUG=true $(PY) manage.py evaluate bench/gold/fr_winer_blind18.jsonl
	DEBUG=true $(PY) manage.py evaluate bench/gold/fr_winer_blind19.jsonl
	DEBUG=true $(PY) manage.py evaluate bench/gold/fr_winer_blind20.jsonl
	DEBUG=true $(PY) manage.py evaluate bench/gold/fr_probe1.jsonl
	DEBUG=true $(PY) manage.py evaluate bench/gold/fr_probe2.jsonl
	DEBUG=true $(PY) manage.py evaluate bench/gold/fr_probe3.jsonl
	DEBUG=true $(PY) manage.py evaluate bench/gold/fr_probe4.jsonl
	DEBUG=true $(PY) manage.py evaluate bench/gold/fr_probe5.jsonl
	DEBUG=true $(PY) manage.py evaluate bench/gold/fr_probe6.jsonl
	DEBUG=true $(PY) manage.py evaluate bench/gold/fr_probe7.jsonl
	DEBUG=true $(PY) manage.py evaluate bench/gold/fr_probe8.jsonl
	DEBUG=true $(PY) manage.py evaluate ../shared/data/gum_news_en.jsonl
	DEBUG=true $(PY) manage.py evaluate ../shared/data/polnear_dev.jsonl

clean:
	rm -rf var screenshots .pytest_cache
