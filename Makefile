# The index of everything a developer runs. `make demo` and `make test` work on a fresh clone.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DEMO_DB := $(CURDIR)/.demo/demo.db

.PHONY: screenshots demo test test-fast test-pg lint bench fmt clean system browser calendars mailserver serve rules-doc

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -U pip
	$(PY) -m pip install -q --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	rm -rf .demo && mkdir -p .demo
	FOLLOWUP_HOME=$(CURDIR)/.demo FOLLOWUP_DB=$(DEMO_DB) $(PY) -m followup.demo
	@echo
	@echo "$$ followup today"
	@FOLLOWUP_HOME=$(CURDIR)/.demo FOLLOWUP_DB=$(DEMO_DB) $(VENV)/bin/followup today

# Everything: the suite on SQLite, then the same suite on a throwaway PostgreSQL (test-pg).
test: $(STAMP) browser calendars mailserver
	$(PY) -m pytest -q --hypothesis-profile=ci
	$(MAKE) test-pg

# The edit loop: everything but the browser, the mail server and the slow tests (markers
# applied in tests/conftest.py), on both cores, with fewer Hypothesis examples.
test-fast: $(STAMP)
	$(PY) -m pytest -q -n 2 -m "not browser and not mailserver and not slow" \
		--hypothesis-profile=fast

# The suite against PostgreSQL: scripts/with-postgres.sh installs Debian's postgresql if
# missing (as root), starts a cluster in a temp dir on a loopback port, sets FOLLOWUP_TEST_DB.
test-pg: $(STAMP)
	scripts/with-postgres.sh $(PY) -m pytest -q --hypothesis-profile=ci

# Not in CI (too noisy); writes bench/results.md, under 5 minutes on 2 cores.
bench: $(STAMP)
	$(PY) bench/run.py

# docs/rules.md from the rule tables (tests/test_rules_doc.py checks it is up to date).
rules-doc: $(STAMP)
	$(PY) -c "from followup.core.rules_doc import render; open('docs/rules.md', 'w').write(render())"

# Debian's chromium for the browser tests (apt-get, only when /usr/bin/chromium is missing).
browser:
	./scripts/setup-browser.sh

# Refresh the README's screenshots (docs/screenshots) from the browser tests.
screenshots: $(STAMP) browser
	FOLLOWUP_SCREENSHOTS=docs $(PY) -m pytest -q tests/web/browser

# Debian's Dovecot for the mailbox tests (apt-get, only when /usr/sbin/dovecot is missing).
mailserver:
	./scripts/setup-dovecot.sh

# The web app on the demo data: http://127.0.0.1:8765/
serve: $(STAMP)
	FOLLOWUP_HOME=$(CURDIR)/.demo FOLLOWUP_DB=$(DEMO_DB) $(VENV)/bin/followup serve

# Debian's calcurse for tests/test_calendar_clients.py (apt-get, only when it is missing).
calendars:
	./scripts/setup-calcurse.sh

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests scripts bench
	$(VENV)/bin/mypy

fmt: $(STAMP)
	$(VENV)/bin/ruff check --fix src tests scripts bench
	$(VENV)/bin/ruff format src tests

clean:
	rm -rf $(VENV) .demo .pytest_cache .mypy_cache .ruff_cache
