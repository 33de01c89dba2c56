# Two commands for a fresh Debian machine with Python 3.11: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
# WeasyPrint's libraries, a font family with full Vietnamese (Liberation 2.1; Debian's 1.07 has none),
# gettext for compilemessages, poppler for checking PDFs.
SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 shared-mime-info fonts-liberation2 fonts-noto-core gettext poppler-utils
TEST_PACKAGES := chromium softhsm2 opensc
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Set-up steps (catalogue, migrations) run before any .env exists, so they may use the development key.
RUN_ENV := DEBUG=$${DEBUG:-1}
# `make run` serves the city's platform with three communes (a .env written before this line had none).
DEMO_COMMUNES ?= 3
DEMO_ENV := PLATFORM_COMMUNES=$${PLATFORM_COMMUNES:-many}

.PHONY: run test lint format setup system-packages test-system-packages venv migrate messages messages-update seed static local-env clean

# The demo runs as the product does: DEBUG off (the portal's own error pages), settings from a local .env
# that `make run` writes once, so every command of the README works the same in a second terminal.
run: setup local-env static seed
	$(DEMO_ENV) $(PY) manage.py runserver 127.0.0.1:8000

local-env: .env

.env:
	@echo "Writing .env for this machine's demo (DEBUG off, a new secret key, the demo password)."
	@printf '%s\n' \
	  '# Written by `make run` for the local demo; never committed. See README.md → Configuration.' \
	  'DEBUG=0' \
	  "SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')" \
	  'DEMO_PASSWORD=camgiang2026' \
	  '# The demo serves the platform of the city: three communes under /xa/<slug>/, the city at /thanh-pho/.' \
	  'PLATFORM_COMMUNES=many' \
	  'ALLOWED_HOSTS=127.0.0.1,localhost' \
	  'SITE_URL=http://127.0.0.1:8000' > $@

# With DEBUG off the static files are served by WhiteNoise from STATIC_ROOT, as in production.
static: venv local-env
	$(PY) manage.py collectstatic --no-input -v0

# Two workers (the machine has 2 cores); a test file stays on one worker, so tests that start a Celery
# worker or an SMTP sink never share them with another file.
PYTEST_ARGS ?= -n 2 --dist loadfile

test: setup test-system-packages
	$(PY) -m pytest $(PYTEST_ARGS)

setup: system-packages venv messages migrate

# Ruff (pinned in requirements.txt, configured in pyproject.toml): the lint rules and the formatter's check.
lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: venv
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

system-packages:
	@missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing system packages: $$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

test-system-packages:
	@missing=$$(for p in $(TEST_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing test packages: $$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

venv: $(VENV)/.installed

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -r requirements.txt
	touch $@

messages: venv
	$(RUN_ENV) $(PY) manage.py compilemessages -v0 --ignore=.venv

migrate: venv
	$(RUN_ENV) $(PY) manage.py migrate --no-input -v0

# The signing key first: the demo's communes issue their Báo cáo to the city as they seed.
seed: migrate local-env
	$(PY) manage.py create_signing_identity
	$(DEMO_ENV) $(PY) manage.py seed_demo --reports --communes $(DEMO_COMMUNES)

clean:
	rm -rf $(VENV) staticfiles var db.sqlite3 test-artifacts .env

# Developers: refresh locale/vi after changing user-facing strings. Source strings are Vietnamese, so the
# catalogue is rebuilt with each translation a copy of its source (msgen; no fuzzy guesses of msgmerge),
# then the hand-made ones of manual.po (Django's own English messages) are laid over it.
messages-update: venv
	rm -f locale/vi/LC_MESSAGES/django.po
	$(RUN_ENV) $(PY) manage.py makemessages -l vi --ignore=.venv --ignore=staticfiles --ignore=var --ignore=benchmarks --ignore=test-artifacts --no-obsolete -v0
	cd locale/vi/LC_MESSAGES && sed -i 's/^"Plural-Forms: .*"$$/"Plural-Forms: nplurals=1; plural=0;\\n"/' django.po && \
	  msgen django.po -o generated.tmp && msgcat --use-first manual.po generated.tmp -o merged.tmp && \
	  awk 'BEGIN{skip=0} /^msgstr\[[1-9]\]/{skip=1} /^$$/{skip=0} !skip' merged.tmp > django.po && \
	  rm -f generated.tmp merged.tmp && msgfmt --check -o /dev/null django.po
