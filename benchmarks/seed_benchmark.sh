#!/usr/bin/env bash
# Wall time and peak memory of `manage.py seed_demo` into a fresh database.
#
#   benchmarks/seed_benchmark.sh DBNAME OFFERS ENVIRONMENTS
#   benchmarks/seed_benchmark.sh bench_25k 25000 2500
#   benchmarks/seed_benchmark.sh bench_100k 100000 5000
#
# Drops and recreates DBNAME on the PostgreSQL at PGHOST (default 127.0.0.1:5432, user postgres),
# migrates it (not timed), then times seed_demo with /usr/bin/time -v. The database is left in
# place for the search and catalogue benchmarks. The whole command is timed, so the other apps'
# demo data (kommunesites, partnerships, catalogue) is included; the command's own progress lines
# give the environments/offers part. Prints one Markdown table row for benchmarks/seed_benchmark_results.md.
set -euo pipefail
cd "$(dirname "$0")/.."

db=${1:?database name}
offers=${2:?number of offers}
environments=${3:?number of environments}
host=${PGHOST:-127.0.0.1}
export DATABASE_URL="postgres://postgres@${host}:5432/${db}"
export DJANGO_SETTINGS_MODULE=${DJANGO_SETTINGS_MODULE:-skoletjenesten.settings.dev}
log=$(mktemp)
out=$(mktemp)

dropdb -h "$host" -U postgres --if-exists "$db"
createdb -h "$host" -U postgres "$db"
.venv/bin/python manage.py migrate --noinput -v 0

/usr/bin/time -v -o "$log" .venv/bin/python manage.py seed_demo --offers "$offers" --environments "$environments" | tee "$out"

wall=$(grep "Elapsed (wall clock)" "$log" | awk '{print $NF}')
rss_kb=$(grep "Maximum resident set size" "$log" | awk '{print $NF}')
offers_line=$(grep "^Created .* offers" "$out" | tail -1 || true)
counts=$(psql -h "$host" -U postgres -d "$db" -tAc \
  "SELECT (SELECT count(*) FROM offers_offerpage) || ' offers, ' || (SELECT count(*) FROM offers_learningenvironmentpage) || ' environments'")
load=$(cut -d' ' -f1-3 /proc/loadavg)
printf '| %s | %s | %s | %s | %s MB | %s | %s | %s |\n' \
  "$(date -u +%Y-%m-%dT%H:%MZ)" "$db" "$counts" "$wall" "$((rss_kb / 1024))" "$offers_line" "$load" "$(nproc) cores"
rm -f "$log" "$out"
