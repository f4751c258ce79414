#!/usr/bin/env bash
# Issue 9's "the suite and the benchmarks are at least as fast as before", for an idle machine, back to back.
#
#   1. the test suite on this checkout: `make test` serial (TEST_WORKERS=0), then with two workers;
#   2. the search benchmark (benchmarks/search_benchmark.py: in-process cold, then over HTTP against gunicorn
#      with a plain page in the same run) on the commit BEFORE (default 11d42e6) and on this checkout, each
#      with its own script, on two copies of the same seeded database (TEMPLATE, default sk_demo_template):
#      both copies are migrated by this checkout (the migrations since 11d42e6 only add tables and indexes),
#      and each commit rebuilds its own copy's search rows (refresh_offer_search), so each reads rows it wrote.
#
# Run from the top of a checkout of main with its .venv installed (`make install`):
#
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/sk_timing REDIS_URL=redis://127.0.0.1:6379/0 \
#       bash benchmarks/suite_timing.sh
#
# DATABASE_URL names the suite's database (created if missing; the test databases are named after it);
# the benchmark databases are <that name>_before and <that name>_main, replaced on every run. Settings:
# BEFORE (commit), BEFORE_TREE (its worktree, made and installed once), TEMPLATE, ROUNDS (20), PORT (8141),
# SEED=1 (each commit migrates and seeds its own database: for a BEFORE older than main's schema, such as
# 865a1b0, the last commit before issue 9's restructuring began; its script has no --http, so only in-process), SKIP_SUITE=1 or SKIP_SEARCH=1 to run one half. Everything is written to benchmarks/suite_timing-<time>.log.
#
# Expected time on the idle 2-core machine: ~45 minutes (serial suite ~15, two workers ~8, the BEFORE
# worktree's install ~4 the first time, two database copies + migrate + refresh ~2, search in-process
# ~1 per commit, over HTTP with static files collected ~3 per commit). It holds /tmp/sk-bench.lock throughout.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
: "${DATABASE_URL:?set DATABASE_URL (postgres://user@host:port/name) for the suite}"
: "${REDIS_URL:?set REDIS_URL}"
BEFORE=${BEFORE:-11d42e6}
BEFORE_TREE=${BEFORE_TREE:-/tmp/sk-timing-before-$BEFORE}
TEMPLATE=${TEMPLATE:-sk_demo_template}
ROUNDS=${ROUNDS:-20}
PORT=${PORT:-8141}
SERVER=${DATABASE_URL%/*}      # postgres://user@host:port
NAME=${DATABASE_URL##*/}
DB_BEFORE=${NAME}_before
DB_MAIN=${NAME}_main
LOG=${LOG:-$ROOT/benchmarks/suite_timing-$(date -u +%Y%m%dT%H%MZ).log}

if [ -z "${SUITE_TIMING_LOCKED:-}" ]; then  # one benchmark at a time on the machine
  exec env SUITE_TIMING_LOCKED=1 flock /tmp/sk-bench.lock bash "$0" "$@"
fi
exec > >(tee -a "$LOG") 2>&1

say() { printf '\n== %s  [%s UTC; load %s]\n' "$1" "$(date -u +%H:%M:%S)" "$(cut -d' ' -f1-3 /proc/loadavg)"; }
timed() {  # timed <label> <command…>: runs it, prints the wall time and the load average after it
  local label=$1 start=$SECONDS; shift
  "$@"
  printf '\n** %s: %d s wall (load after: %s)\n' "$label" $((SECONDS - start)) "$(cut -d' ' -f1-3 /proc/loadavg)"
}
psql_admin() { psql "$SERVER/postgres" -v ON_ERROR_STOP=1 -qAt -c "$1"; }

say "suite_timing: $(git rev-parse --short HEAD) on $(nproc) cores; BEFORE=$BEFORE; template $TEMPLATE"
uptime

if [ -z "${SKIP_SUITE:-}" ]; then
  [ -n "$(psql_admin "SELECT 1 FROM pg_database WHERE datname = '$NAME'")" ] || psql_admin "CREATE DATABASE \"$NAME\""
  say "suite, serial (make test TEST_WORKERS=0)"
  # --create-db for both: each run builds its test database(s) by migrations, as a first run would.
  timed "make test, serial" make --no-print-directory test TEST_WORKERS=0 PYTEST_ARGS=--create-db
  say "suite, two workers (make test TEST_WORKERS=2)"
  timed "make test, 2 workers" make --no-print-directory test TEST_WORKERS=2 PYTEST_ARGS=--create-db
fi

if [ -z "${SKIP_SEARCH:-}" ]; then
  say "worktree of $BEFORE in $BEFORE_TREE"
  if [ ! -x "$BEFORE_TREE/.venv/bin/python" ]; then
    [ -d "$BEFORE_TREE" ] || git worktree add --detach "$BEFORE_TREE" "$BEFORE"
    timed "install $BEFORE" make -C "$BEFORE_TREE" --no-print-directory install
  fi
  if [ "${SEED:-}" = 1 ]; then
    # A BEFORE whose schema main's migrations changed (any commit before 17:12 on 28 November, e.g. 865a1b0):
    # each commit migrates and seeds its own database (seed_demo's default: seed 2019, 2,500 offers; the
    # demo texts differ between the commits, the sizes do not).
    say "each commit migrates and seeds its own database (SEED=1)"
    for which in before main; do
      if [ "$which" = before ]; then tree=$BEFORE_TREE db=$DB_BEFORE; else tree=$ROOT db=$DB_MAIN; fi
      psql_admin "DROP DATABASE IF EXISTS \"$db\""
      psql_admin "CREATE DATABASE \"$db\""
      (cd "$tree" && export DATABASE_URL="$SERVER/$db" DJANGO_SETTINGS_MODULE=skoletjenesten.settings.dev &&
        .venv/bin/python manage.py migrate --noinput -v0 && .venv/bin/python manage.py seed_demo > /dev/null)
    done
  else
    say "two copies of $TEMPLATE, migrated by $(git rev-parse --short HEAD), search rows by each commit"
    for db in "$DB_BEFORE" "$DB_MAIN"; do
      psql_admin "DROP DATABASE IF EXISTS \"$db\""
      psql_admin "CREATE DATABASE \"$db\" TEMPLATE \"$TEMPLATE\""
      DATABASE_URL="$SERVER/$db" DJANGO_SETTINGS_MODULE=skoletjenesten.settings.dev .venv/bin/python manage.py migrate --noinput -v0
    done
  fi
  (cd "$BEFORE_TREE" && DATABASE_URL="$SERVER/$DB_BEFORE" DJANGO_SETTINGS_MODULE=skoletjenesten.settings.dev \
    .venv/bin/python manage.py refresh_offer_search)
  DATABASE_URL="$SERVER/$DB_MAIN" DJANGO_SETTINGS_MODULE=skoletjenesten.settings.dev .venv/bin/python manage.py refresh_offer_search
  for db in "$DB_BEFORE" "$DB_MAIN"; do psql "$SERVER/$db" -qc "VACUUM ANALYZE"; done

  # Each commit with its own script; the same queries (benchmarks/search_benchmark.py's QUERIES are unchanged
  # since 11d42e6). Main's HTTP run also measures the suggestions as you type, which BEFORE does not have.
  for mode in in-process http; do
    for which in before main; do
      if [ "$which" = before ]; then tree=$BEFORE_TREE db=$DB_BEFORE; else tree=$ROOT db=$DB_MAIN; fi
      args=(--rounds "$ROUNDS" --json "$LOG.$which.$mode.json")
      if [ "$mode" = http ]; then
        args=(--rounds "$ROUNDS" --http --port "$PORT")
        if ! grep -q -- '"--http"' "$tree/benchmarks/search_benchmark.py"; then
          say "search benchmark, http, $which: its script has no --http (before 30 November's harness); skipped"
          continue
        fi
      fi
      say "search benchmark, $mode, $which ($(git -C "$tree" rev-parse --short HEAD)) on $db"
      (cd "$tree" && export DATABASE_URL="$SERVER/$db" && timed "search $mode $which" .venv/bin/python benchmarks/search_benchmark.py "${args[@]}")
    done
  done
  say "in-process summary (all requests, cold facet cache)"
  .venv/bin/python - "$LOG" <<'EOF'
import json, sys
log = sys.argv[1]
for which in ("before", "main"):
    s = json.load(open(f"{log}.{which}.in-process.json"))
    print(f"{which:6}  {s['offers']} offers  p50 {s['p50_ms']} ms  p95 {s['p95_ms']} ms  max SQL queries {s['max_sql_queries']}")
EOF
fi
say "done; log in $LOG"
uptime
