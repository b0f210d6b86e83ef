#!/usr/bin/env bash
# `make load` (issue 10, Deliver 3; not part of `make test`): the demo region under load, served
# as production serves it.
#
# 1. (Re)creates the throwaway PostgreSQL database LOAD_DATABASE_URL and loads the demo region
#    into it as `make demo` does (with the local settings: the demo never runs under the
#    production ones), then collects the static files as the image does;
# 2. starts, as docker-compose.yml does, gunicorn with the production settings and
#    gunicorn.conf.py on 127.0.0.1:LOAD_PORT (LOAD_WORKERS sync workers, default the config's
#    (2 × cores) + 1) and a Celery worker (LOAD_CELERY_CONCURRENCY processes, default 1) that
#    makes the ordered documents, with Redis (LOAD_REDIS_URL, databases 12 and 13) as the
#    broker and the shared cache; LOAD_REDIS_URL= runs without them (documents made in the web
#    workers, a cache per worker);
# 3. runs locust headless (scripts/locustfile.py: auditors, the group head, the governor's
#    office, team leaders) with LOAD_USERS users for LOAD_TIME, and prints per endpoint the
#    requests, errors, RPS and p50/p95/p99;
# 4. stops gunicorn and the worker. The exit code is locust's: 1 when any request failed.
#
#   make load                                   # 50 users, 60 s
#   make load LOAD_USERS=20 LOAD_TIME=30s       # any of the variables below
#   LOAD_REUSE_DB=1 make load                   # keep the database of the last run
#   LOAD_LOCUSTFILE=my_flows.py make load       # another locustfile (a trace, a single flow)
set -euo pipefail
cd "$(dirname "$0")/.."

LOAD_DATABASE_URL="${LOAD_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/fives_load}"
LOAD_USERS="${LOAD_USERS:-50}"
LOAD_SPAWN_RATE="${LOAD_SPAWN_RATE:-10}"
LOAD_TIME="${LOAD_TIME:-60s}"
LOAD_PORT="${LOAD_PORT:-8765}"
LOAD_REDIS_URL="${LOAD_REDIS_URL-redis://127.0.0.1:6379}"
LOAD_CELERY_CONCURRENCY="${LOAD_CELERY_CONCURRENCY:-1}"
LOAD_WORKERS="${LOAD_WORKERS:-$("$PWD/.venv/bin/python" -c "import os; print(os.cpu_count() * 2 + 1)")}"
BIN=.venv/bin
WORK=var/load
mkdir -p "$WORK"

broker=""
shared_cache=""
if [ -n "$LOAD_REDIS_URL" ]; then
  broker="$LOAD_REDIS_URL/12"
  shared_cache="$LOAD_REDIS_URL/13"
fi
common=(
  DATABASE_URL="$LOAD_DATABASE_URL" LOG_LEVEL=ERROR
  MEDIA_ROOT="$PWD/$WORK/media" PRIVATE_MEDIA_ROOT="$PWD/$WORK/private-media"
  STATIC_ROOT="$PWD/$WORK/static"
)
# The demo is loaded with follow-ups in-process; the server runs with the broker.
local_env=(env "${common[@]}" CELERY_BROKER_URL= DJANGO_SETTINGS_MODULE=fives_portal.settings.local)

database="${LOAD_DATABASE_URL##*/}"
server="${LOAD_DATABASE_URL%/*}"
if [ -z "${LOAD_REUSE_DB:-}" ]; then
  echo "load: database $database on ${server#*@} (dropped and created again)"
  "$BIN/python" - "$server/postgres" "$database" <<'PY'
import sys

import psycopg2

connection = psycopg2.connect(sys.argv[1])
connection.autocommit = True
with connection.cursor() as cursor:
    cursor.execute(f'DROP DATABASE IF EXISTS "{sys.argv[2]}" WITH (FORCE)')
    cursor.execute(f'CREATE DATABASE "{sys.argv[2]}"')
PY

  rm -rf "$WORK/media" "$WORK/private-media"
  echo "load: migrating and loading the demo region..."
  "${local_env[@]}" "$BIN/python" manage.py migrate --no-input -v0
  "${local_env[@]}" "$BIN/python" manage.py load_reference_data >/dev/null
  "${local_env[@]}" "$BIN/python" manage.py load_demo --quiet >/dev/null
  "${local_env[@]}" "$BIN/python" manage.py load_demo_audits >/dev/null
  "${local_env[@]}" "$BIN/python" manage.py load_demo_sorting >/dev/null
  "${local_env[@]}" "$BIN/python" manage.py load_demo_productivity >/dev/null
  "${local_env[@]}" "$BIN/python" manage.py load_demo >/dev/null
else
  echo "load: reusing database $database as an earlier run left it (LOAD_REUSE_DB)"
fi

secret="$("$BIN/python" -c 'import secrets; print(secrets.token_urlsafe(60))')"
production_env=(
  env "${common[@]}" DJANGO_SETTINGS_MODULE=fives_portal.settings.production
  SECRET_KEY="$secret" ALLOWED_HOSTS=127.0.0.1,localhost CELERY_BROKER_URL="$broker"
)
if [ -n "$shared_cache" ]; then
  production_env+=(CACHE_URL="$shared_cache")
fi
"${production_env[@]}" "$BIN/python" manage.py collectstatic --no-input -v0
# The project's bytecode, as the image compiles it at build (Dockerfile).
"$BIN/python" -m compileall -q -x '(^|/)(\.venv|var|node_modules)/' . >/dev/null

echo "load: starting gunicorn (production settings, $LOAD_WORKERS workers) on 127.0.0.1:$LOAD_PORT"
"${production_env[@]}" "$BIN/gunicorn" fives_portal.wsgi:application -c gunicorn.conf.py \
  --bind "127.0.0.1:$LOAD_PORT" --workers "$LOAD_WORKERS" --timeout 60 \
  --pid "$WORK/gunicorn.pid" --error-logfile "$WORK/gunicorn.log" &
gunicorn_pid=$!
worker_pid=""
stop() {
  kill -TERM "$gunicorn_pid" $worker_pid 2>/dev/null || true
  wait "$gunicorn_pid" $worker_pid 2>/dev/null || true
}
trap stop EXIT
for _ in $(seq 1 60); do
  if curl -fsS -o /dev/null "http://127.0.0.1:$LOAD_PORT/healthz/?part=database"; then
    break
  fi
  kill -0 "$gunicorn_pid" 2>/dev/null || { cat "$WORK/gunicorn.log"; exit 1; }
  sleep 1
done

if [ -n "$broker" ]; then
  # No queue or cache left from an earlier run. An unreachable Redis is not fatal: the run then
  # shows the portal through a broker and cache outage (orders wait in the outbox).
  "$BIN/python" - "$broker" "$shared_cache" <<'PY' ||
import sys

import redis

for url in sys.argv[1:]:
    redis.Redis.from_url(url).flushdb()
PY
    echo "load: Redis at $LOAD_REDIS_URL is unreachable: a broker and cache outage"
  echo "load: starting a Celery worker ($LOAD_CELERY_CONCURRENCY processes), broker $broker"
  # Niced as compose gives the worker a smaller CPU share (cpu_shares): on a shared host the
  # documents wait for the people at their screens, not the other way round.
  nice -n 10 "${production_env[@]}" "$BIN/celery" -A fives_portal worker --loglevel ERROR \
    --concurrency "$LOAD_CELERY_CONCURRENCY" --logfile "$WORK/celery.log" &
  worker_pid=$!
fi

echo "load: locust, $LOAD_USERS users (spawn rate $LOAD_SPAWN_RATE/s) for $LOAD_TIME"
status=0
"$BIN/locust" -f "${LOAD_LOCUSTFILE:-scripts/locustfile.py}" --headless --only-summary \
  --users "$LOAD_USERS" --spawn-rate "$LOAD_SPAWN_RATE" --run-time "$LOAD_TIME" \
  --host "http://127.0.0.1:$LOAD_PORT" --csv "$WORK/locust" --stop-timeout 10 || status=$?
# What `make bench` reads back for issue 18's load-test row.
printf '{"users": %s, "time": "%s", "workers": %s, "celery": %s, "finished": "%s"}\n' \
  "$LOAD_USERS" "$LOAD_TIME" "$LOAD_WORKERS" "$([ -n "$broker" ] && echo "$LOAD_CELERY_CONCURRENCY" || echo 0)" \
  "$(date -u +%Y-%m-%dT%H:%MZ)" > "$WORK/run.json"
echo "load: machine: $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/ {print $2}') GB RAM, load average now $(cut -d' ' -f1-3 /proc/loadavg)"
echo "load: CSV in $WORK/locust_stats.csv; gunicorn log in $WORK/gunicorn.log"
exit "$status"
