# Two commands for a fresh machine with Python 3.11 and pip:
#   make run   – set everything up and serve http://127.0.0.1:8000 with demo data
#   make test  – the whole test suite
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# pytest-xdist workers for `make test`, each on its own test database cloned from one migrated template
# (tests/parallel.py; auto: one per CPU core).
TEST_WORKERS ?= auto
# worksteal: each worker starts on one contiguous half of the tests (a module's tests, and its module-scoped
# fixtures, stay on one worker) and an idle worker takes half of the other's queue, so neither idles at the end
# behind a queue of slow tests, as `--dist load` let happen. Ignored with TEST_WORKERS=0.
TEST_DIST ?= worksteal
export DJANGO_SETTINGS_MODULE ?= skoletjenesten.settings.dev

.PHONY: run test install migrate demo worker lint format check backup restore stop-db benchmark-search benchmark-relevance benchmark-catalogue vendor-dkfds

$(VENV)/.installed: pyproject.toml requirements/constraints.txt
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is needed ($(PYTHON) not found)."; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c requirements/constraints.txt -e ".[dev]"
	@test -f "$${SEARCH_DICTIONARY_PATH:-/usr/share/hunspell/da_DK.dic}" || echo "Note: no Danish word list; \
	  the search will not split compounds. Install it with: sudo apt-get install hunspell-da"
	touch $@

install: $(VENV)/.installed

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py seed_demo --if-empty

run: demo
	$(PY) manage.py collectstatic --noinput --verbosity 0
	@echo ""
	@echo "  Skoletjenesten:  http://$(HOST):$(PORT)/"
	@echo "  Admin:           http://$(HOST):$(PORT)/admin/  (user: admin, password: skoletjenesten)"
	@echo ""
	@# A real Celery worker, with the beat schedule (reminders, the yearly catalogue), beside the web
	@# server; stopped with it. The catalogue's parts are laid out in children forked per task, so the
	@# PDF renderer hands its memory back to the system after each part.
	$(VENV)/bin/celery -A skoletjenesten worker --beat --schedule=data/celerybeat-schedule --loglevel=warning --concurrency=2 -Q default,catalogue & \
	  worker=$$!; trap "kill $$worker 2>/dev/null" EXIT INT TERM; \
	  $(PY) manage.py runserver $(HOST):$(PORT)

worker: install
	$(VENV)/bin/celery -A skoletjenesten worker --loglevel=info -Q default,catalogue

test: install
	DJANGO_SETTINGS_MODULE=skoletjenesten.settings.test $(MAKE) --no-print-directory check
	$(VENV)/bin/mypy  # services, selectors, presenters ([tool.mypy] in pyproject.toml)
	DJANGO_SETTINGS_MODULE=skoletjenesten.settings.test $(VENV)/bin/pytest -n $(TEST_WORKERS) --dist $(TEST_DIST) $(PYTEST_ARGS)

check: install
	@# A merge's conflict markers left in any tracked file (templates are not linted otherwise).
	@! git grep -n -E '^(<<<<<<< |>>>>>>> )' -- . ':!*.md' 2>/dev/null || { echo 'Conflict markers found.'; exit 1; }
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports  # the apps' layers: pyproject.toml [tool.importlinter], docs/architecture.md
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run
	SECRET_KEY=compose-config-check POSTGRES_PASSWORD=compose-config-check S3_SECRET_ACCESS_KEY=compose-config-check $(VENV)/bin/docker-compose config --quiet

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Backups: the database (pg_dump, custom format) and the files (media, catalogue runs) into backups/<time>/;
# `make restore BACKUP=backups/<time> [RESTORE_DATABASE=name]` loads one (the database's tables are replaced).
backup: install
	$(PY) manage.py backup $(if $(BACKUP),--folder $(BACKUP))

restore: install
	@test -n "$(BACKUP)" || { echo "Name the backup: make restore BACKUP=backups/<time>"; exit 1; }
	$(PY) manage.py restore $(BACKUP) $(if $(RESTORE_DATABASE),--database $(RESTORE_DATABASE))

stop-db:
	$(PY) -c "from pathlib import Path; from skoletjenesten.embedded_postgres import stop_embedded_database as stop; \
	  print('stopped' if stop(Path('data')) else 'not running')"

benchmark-catalogue: install  # needs DATABASE_URL (a seeded database) and REDIS_URL
	$(PY) benchmarks/catalogue_benchmark.py

benchmark-search: install  # needs DATABASE_URL (a seeded database); BENCHMARK_ARGS="--warm --rounds 20"
	$(PY) benchmarks/search_benchmark.py $(BENCHMARK_ARGS)

benchmark-relevance: install  # needs DATABASE_URL (a `seed_demo` database, seed 2019); a benchmark, not a test
	$(PY) benchmarks/relevance_benchmark.py

# The public site's design system (DKFDS, themed in frontend/skoletjenesten.scss) is built with Node and
# committed to static/vendor/dkfds, so `make run` and production need no Node. Run this after changing the
# theme or the pinned versions in frontend/package.json (npm ci installs exactly package-lock.json).
vendor-dkfds:
	cd frontend && npm ci --no-audit --no-fund --ignore-scripts && node build.mjs
