#!/usr/bin/env bash
# Latency/throughput of the task list API on MariaDB with 1,000,000 tasks (not run by CI).
#
#   bench/api-list.sh                    # build the jar if missing, load, measure, clean up
#   ROWS=100000 DURATION=5 bench/api-list.sh   # smaller / shorter run
#
# Creates the database $BENCH_DB (dropped first and again at the end), starts the jar on a free
# loopback port against it, creates $USERS users through the API, bulk-loads $ROWS tasks with SQL
# (INSERT ... SELECT from MariaDB's SEQUENCE engine), then runs wrk at 1 and 32 connections on
#   (a)  a user's filtered, sorted page      (the heaviest user, and (a') a median one)
#   (b)  admin all=true, filter + sort
#   (c)  the second page of (b) by next_cursor
#   (d)  GET /api/v2/tasks/{id}
# and prints, per query, EXPLAIN and the time of the same SQL run directly in the mariadb client.
# Needs: java 17, curl, jq, mariadb client, wrk (installed with apt-get when missing), python3.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
JAR=$ROOT/target/tapeflow-0.1.0.jar

BENCH_DB=${BENCH_DB:-tapeflow_bench}
ROWS=${ROWS:-1000000}
USERS=${USERS:-100}
DURATION=${DURATION:-12}      # seconds per measurement
WARMUP=${WARMUP:-4}           # seconds of warm-up per request
DB_HOST=${DB_HOST:-127.0.0.1}
DB_PORT=${DB_PORT:-3306}
# InnoDB buffer pool for the run: 1M tasks take ~760 MB of data and indexes, and the server's
# default of 128 MB turns every list query into disk reads. Raised with SET GLOBAL when smaller and
# restored at exit; BUFFER_POOL_MB=0 keeps the server's value.
BUFFER_POOL_MB=${BUFFER_POOL_MB:-1024}
KEEP_DB=${KEEP_DB:-0}         # 1: keep $BENCH_DB at exit, for poking at it
LOAD_ONLY=${LOAD_ONLY:-0}     # 1: stop after loading and the sanity checks
ADMIN_PASS=bench-admin-pass
USER_PASS=bench-user-pass

MARIADB=(mariadb -h "$DB_HOST" -P "$DB_PORT" -u root)
sql() { "${MARIADB[@]}" --batch --skip-column-names "$BENCH_DB" -e "$1"; }
log() { printf '\n== %s  [%ss]\n' "$*" "$SECONDS"; }

# ---------------------------------------------------------------- set-up and clean-up
TMP=$(mktemp -d /tmp/tapeflow-bench.XXXXXX)
SERVER_PID=
POOL_BEFORE=
cleanup() {
  local rc=$?
  if [[ -n $SERVER_PID ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$SERVER_PID" 2>/dev/null || true
  fi
  if [[ $rc -ne 0 && -f $TMP/server.log ]]; then
    echo "--- last lines of the server log:" >&2
    tail -n 40 "$TMP/server.log" >&2 || true
  fi
  if [[ $KEEP_DB != 1 ]]; then
    "${MARIADB[@]}" -e "DROP DATABASE IF EXISTS \`$BENCH_DB\`" 2>/dev/null || true
  fi
  if [[ -n $POOL_BEFORE ]]; then
    "${MARIADB[@]}" -e "SET GLOBAL innodb_buffer_pool_size = $POOL_BEFORE" 2>/dev/null || true
  fi
  rm -rf "$TMP"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for tool in java curl jq mariadb python3; do
  command -v "$tool" >/dev/null || { echo "missing $tool" >&2; exit 1; }
done
if ! command -v wrk >/dev/null; then
  log "installing wrk"
  apt-get install -y -q wrk >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q wrk >/dev/null; }
fi

if [[ ! -f $JAR ]]; then
  log "building $JAR"
  ./mvnw -B -q package -DskipTests
fi

log "database $BENCH_DB on $DB_HOST:$DB_PORT"
"${MARIADB[@]}" -e "DROP DATABASE IF EXISTS \`$BENCH_DB\`; CREATE DATABASE \`$BENCH_DB\` CHARACTER SET utf8mb4"
pool=$("${MARIADB[@]}" --batch --skip-column-names -e "SELECT @@innodb_buffer_pool_size")
if ((BUFFER_POOL_MB > 0 && pool < BUFFER_POOL_MB * 1048576)); then
  POOL_BEFORE=$pool
  "${MARIADB[@]}" -e "SET GLOBAL innodb_buffer_pool_size = $((BUFFER_POOL_MB * 1048576))"
  for _ in $(seq 1 60); do   # the resize runs in the background
    [[ $("${MARIADB[@]}" --batch --skip-column-names -e "SELECT @@innodb_buffer_pool_size") -ge $((BUFFER_POOL_MB * 1048576)) ]] && break
    sleep 0.5
  done
fi
"${MARIADB[@]}" --batch -e "SELECT VERSION() AS version, @@innodb_buffer_pool_size DIV 1048576 AS buffer_pool_mb, @@query_cache_type AS query_cache"

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
BASE=http://127.0.0.1:$PORT
log "starting the server on $BASE (log: $TMP/server.log)"
DATASOURCES_DEFAULT_URL="jdbc:mariadb://$DB_HOST:$DB_PORT/$BENCH_DB" \
DATASOURCES_DEFAULT_USERNAME=root \
DATASOURCES_DEFAULT_PASSWORD= \
TAPEFLOW_ADMIN_PASSWORD=$ADMIN_PASS \
TAPEFLOW_DATA_DIR=$TMP/data \
MICRONAUT_SERVER_PORT=$PORT \
MICRONAUT_SERVER_HOST=127.0.0.1 \
  java -jar "$JAR" >"$TMP/server.log" 2>&1 &
SERVER_PID=$!
for i in $(seq 1 120); do
  if curl -fsS -o /dev/null "$BASE/health" 2>/dev/null; then break; fi
  kill -0 "$SERVER_PID" 2>/dev/null || { echo "server exited" >&2; exit 1; }
  [[ $i -eq 120 ]] && { echo "server not healthy after 60 s" >&2; exit 1; }
  sleep 0.5
done
curl -fsS "$BASE/health"; echo

# ---------------------------------------------------------------- data
log "creating $USERS users through the API"
for i in $(seq 1 "$USERS"); do printf 'bench-u%03d\n' "$i"; done |
  xargs -P 4 -I{} curl -fsS -o /dev/null -u "admin:$ADMIN_PASS" -H 'Content-Type: application/json' \
    -d "{\"username\":\"{}\",\"password\":\"$USER_PASS\",\"role\":\"user\"}" "$BASE/api/v2/users"
echo "users with role user: $(sql "SELECT COUNT(*) FROM app_user WHERE role = 'user'")"

# Owners are skewed (owner rank = floor(USERS * u^1.5)): the first user holds ~4.6 % of the tasks,
# the median one ~0.8 %. Every value is a deterministic hash of the sequence number, so two runs
# load the same rows (slices of two MD5s per row). Statuses, actions etc. follow rough real-world weights; only the workflow
# actions Tapeflow accepts on create are used.
log "loading $ROWS tasks with INSERT ... SELECT FROM seq_1_to_$ROWS"
sql "CREATE TABLE bench_owner (rn INT PRIMARY KEY, id BIGINT NOT NULL, username VARCHAR(100) NOT NULL)
     SELECT ROW_NUMBER() OVER (ORDER BY id) - 1 AS rn, id, username FROM app_user WHERE role = 'user'"
CHUNK=100000
for ((lo = 1; lo <= ROWS; lo += CHUNK)); do
  hi=$((lo + CHUNK - 1)); ((hi > ROWS)) && hi=$ROWS
  sql "SET SESSION foreign_key_checks = 0, unique_checks = 0;
INSERT INTO task (owner_id, name, comment, workflow_type, workflow_action, source_type, destination_type,
                  priority, conflict_resolution, action, activate, status, progress, job_started, job_finished,
                  processed_size, to_process_size, creation_date, modification_date,
                  creation_username, modification_username)
SELECT o.id, CONCAT('backup-', r.seq),
       IF(r.h1 < 0.3, CONCAT('nightly archive of share ', r.seq MOD 500), NULL),
       ELT(1 + FLOOR(r.h2 * 6), 'active_archive', 'offline_archive', 'data_exchange', 'data_migration',
           'maintenance', 'data_enrichment'),
       CASE WHEN r.h3 < 0.35 THEN 'copy' WHEN r.h3 < 0.50 THEN 'move' WHEN r.h3 < 0.60 THEN 'scan'
            WHEN r.h3 < 0.65 THEN 'erase' WHEN r.h3 < 0.73 THEN 'rehydratation' WHEN r.h3 < 0.76 THEN 'format'
            WHEN r.h3 < 0.86 THEN 'check_consistency' WHEN r.h3 < 0.96 THEN 'duplication' ELSE 'ejection' END,
       IF(r.h4 < 0.05, NULL, ELT(1 + FLOOR(r.h4 * 3), 'container', 'primary_nas', 'primary_cloud')),
       IF(r.h5 < 0.05, NULL, ELT(1 + FLOOR(r.h5 * 3), 'secondary_tape', 'secondary_nas', 'secondary_cloud')),
       1 + FLOOR(r.h6 * 10),
       CASE WHEN r.h7 < 0.7 THEN 'rename' WHEN r.h7 < 0.9 THEN 'overwrite' ELSE 'ignore' END,
       IF(r.status = 'not_activated', 'noop',
          CASE WHEN r.h1 < 0.85 THEN 'run' WHEN r.h1 < 0.90 THEN 'pause' WHEN r.h1 < 0.97 THEN 'stop' ELSE 'resume' END),
       r.h7 < 0.9,
       r.status,
       r.progress,
       r.job_started,
       IF(r.status IN ('done', 'finished_with_warnings', 'error', 'stopped_by_user', 'stopped_by_system'),
          r.job_started + INTERVAL FLOOR(r.h5 * 36000) SECOND, NULL),
       FLOOR(r.size * r.progress / 100), r.size,
       r.created,
       GREATEST(r.created, COALESCE(r.job_started + INTERVAL FLOOR(r.h5 * 36000) SECOND, r.created)),
       o.username, o.username
FROM (
  SELECT s.seq, s.h1, s.h2, s.h3, s.h4, s.h5, s.h6, s.h7, s.created, s.owner_rn, s.size, s.status,
         CASE WHEN s.status IN ('done', 'finished_with_warnings') THEN 100
              WHEN s.status IN ('not_activated', 'in_queue', 'calculating') THEN 0
              ELSE FLOOR(s.h2 * 100) END AS progress,
         IF(s.status = 'not_activated', NULL, s.created + INTERVAL FLOOR(s.h6 * 2592000) SECOND) AS job_started
  FROM (
    SELECT q.seq,
           CONV(SUBSTR(q.m1, 1, 4), 16, 10) / 65536 AS h1, CONV(SUBSTR(q.m1, 5, 4), 16, 10) / 65536 AS h2,
           CONV(SUBSTR(q.m1, 9, 4), 16, 10) / 65536 AS h3, CONV(SUBSTR(q.m1, 13, 4), 16, 10) / 65536 AS h4,
           CONV(SUBSTR(q.m1, 17, 4), 16, 10) / 65536 AS h5, CONV(SUBSTR(q.m1, 21, 4), 16, 10) / 65536 AS h6,
           CONV(SUBSTR(q.m1, 25, 4), 16, 10) / 65536 AS h7,
           TIMESTAMP '2024-11-01 00:00:00'
             + INTERVAL FLOOR(CONV(SUBSTR(q.m2, 9, 12), 16, 10) / POW(2, 48) * 31536000000000) MICROSECOND
             AS created,
           LEAST($USERS - 1, FLOOR($USERS * POW(CONV(SUBSTR(q.m2, 1, 4), 16, 10) / 65536, 1.5))) AS owner_rn,
           FLOOR(POW(CONV(SUBSTR(q.m2, 5, 4), 16, 10) / 65536, 3) * 2000000000000) AS size,
           CASE WHEN q.st < 0.55 THEN 'done' WHEN q.st < 0.67 THEN 'finished_with_warnings'
                WHEN q.st < 0.77 THEN 'error' WHEN q.st < 0.85 THEN 'not_activated'
                WHEN q.st < 0.88 THEN 'in_queue' WHEN q.st < 0.89 THEN 'calculating'
                WHEN q.st < 0.93 THEN 'in_progress' WHEN q.st < 0.95 THEN 'paused'
                WHEN q.st < 0.98 THEN 'stopped_by_user' ELSE 'stopped_by_system' END AS status
    FROM (SELECT seq, m1, m2, CONV(SUBSTR(m1, 29, 4), 16, 10) / 65536 AS st
          FROM (SELECT seq, MD5(CONCAT('tapeflow-a', seq)) AS m1, MD5(CONCAT('tapeflow-b', seq)) AS m2
                FROM seq_1_to_$ROWS WHERE seq BETWEEN $lo AND $hi) m) q
  ) s
) r JOIN bench_owner o ON o.rn = r.owner_rn"
  printf '  %7d rows  [%ss]\n' "$hi" "$SECONDS"
done
sql "ANALYZE TABLE task" >/dev/null
"${MARIADB[@]}" --batch "$BENCH_DB" -e "
  SELECT COUNT(*) AS tasks, COUNT(DISTINCT owner_id) AS owners, MIN(creation_date) AS first_created,
         MAX(creation_date) AS last_created FROM task;
  SELECT status, COUNT(*) AS n FROM task GROUP BY status ORDER BY n DESC;
  SELECT workflow_action, COUNT(*) AS n FROM task GROUP BY workflow_action ORDER BY n DESC;
  SELECT ROUND(data_length / 1048576) AS data_mb, ROUND(index_length / 1048576) AS index_mb
    FROM information_schema.tables WHERE table_schema = '$BENCH_DB' AND table_name = 'task';"

# ---------------------------------------------------------------- requests
HEAVY_ID=$(sql "SELECT id FROM bench_owner WHERE rn = 0")
HEAVY=$(sql "SELECT username FROM bench_owner WHERE rn = 0")
MEDIAN_ID=$(sql "SELECT id FROM bench_owner WHERE rn = $((USERS / 2))")
MEDIAN=$(sql "SELECT username FROM bench_owner WHERE rn = $((USERS / 2))")
echo "heavy user $HEAVY (id $HEAVY_ID): $(sql "SELECT COUNT(*) FROM task WHERE owner_id = $HEAVY_ID") tasks;" \
     "median user $MEDIAN (id $MEDIAN_ID): $(sql "SELECT COUNT(*) FROM task WHERE owner_id = $MEDIAN_ID") tasks"
TASK_ID=$(sql "SELECT id FROM task WHERE owner_id = $HEAVY_ID ORDER BY id LIMIT 1 OFFSET 1000")

basic() { printf 'Basic %s' "$(printf '%s:%s' "$1" "$2" | base64 -w0)"; }
AUTH_HEAVY=$(basic "$HEAVY" "$USER_PASS")
AUTH_MEDIAN=$(basic "$MEDIAN" "$USER_PASS")
AUTH_ADMIN=$(basic admin "$ADMIN_PASS")

# priority=>=5 & status=><done|error & sort_by=priority:desc|name
PATH_A='/api/v2/tasks?priority=%3E%3D5&status=%3E%3Cdone%7Cerror&sort_by=priority%3Adesc%7Cname&limit=50'
PATH_B='/api/v2/tasks?all=true&workflow_action=copy&sort_by=creation_date%3Adesc&limit=50'
page_b=$(curl -fsS -H "Authorization: $AUTH_ADMIN" "$BASE$PATH_B")
CURSOR=$(jq -r .next_cursor <<<"$page_b")
PATH_C="$PATH_B&cursor=$CURSOR"
PATH_D="/api/v2/tasks/$TASK_ID"

log "sanity checks"
for spec in "a:$AUTH_HEAVY:$PATH_A" "a':$AUTH_MEDIAN:$PATH_A" "b:$AUTH_ADMIN:$PATH_B" "c:$AUTH_ADMIN:$PATH_C"; do
  IFS=: read -r name auth path <<<"$spec"
  curl -fsS -H "Authorization: $auth" "$BASE$path" |
    jq -r --arg n "$name" '"(\($n)) count=\(.count) rows=\(.tasks | length) first_id=\(.tasks[0].id) next_cursor=\(.next_cursor != null)"'
done
curl -fsS -H "Authorization: $AUTH_HEAVY" "$BASE$PATH_D" | jq -c '{d: {id, name, owner: .creation_username, status}}'
# The cursor's second page must be rows 51..100 of the same order.
by_cursor=$(curl -fsS -H "Authorization: $AUTH_ADMIN" "$BASE$PATH_C" | jq -c '[.tasks[].id]')
by_offset=$(curl -fsS -H "Authorization: $AUTH_ADMIN" "${BASE}${PATH_B}&offset=50" | jq -c '[.tasks[].id]')
[[ $by_cursor == "$by_offset" ]] && echo "cursor page 2 == offset page 2: OK" || echo "cursor page 2 != offset page 2: MISMATCH"

[[ $LOAD_ONLY == 1 ]] && exit 0

# ---------------------------------------------------------------- SQL baseline
# The statements ListExecutor sends (ListSql.count and ListSql.page, values inlined as the
# MariaDB driver does with client-side prepared statements).
LAST_B=$(sql "SELECT CONCAT(DATE_FORMAT(creation_date, '%Y-%m-%d %H:%i:%s.%f'), ' ', id) FROM task
              WHERE workflow_action = 'copy' ORDER BY creation_date DESC, id ASC LIMIT 1 OFFSET 49")
LAST_B_DATE=${LAST_B% *}; LAST_B_ID=${LAST_B##* }
WHERE_A="((owner_id = $HEAVY_ID) AND (priority >= 5)) AND (status IN ('done', 'error'))"
WHERE_B="(1=1) AND (workflow_action = 'copy')"
WHERE_C="($WHERE_B) AND ((creation_date < '$LAST_B_DATE' OR creation_date IS NULL) OR (creation_date = '$LAST_B_DATE' AND id > $LAST_B_ID))"
declare -A SQL_COUNT SQL_PAGE
SQL_COUNT[a]="SELECT COUNT(*) FROM task WHERE $WHERE_A"
SQL_PAGE[a]="SELECT *, priority AS sort_key_0, name AS sort_key_1, id AS sort_key_2 FROM task WHERE $WHERE_A ORDER BY priority DESC, name ASC, id ASC LIMIT 51 OFFSET 0"
SQL_COUNT[b]="SELECT COUNT(*) FROM task WHERE $WHERE_B"
SQL_PAGE[b]="SELECT *, creation_date AS sort_key_0, id AS sort_key_1 FROM task WHERE $WHERE_B ORDER BY creation_date DESC, id ASC LIMIT 51 OFFSET 0"
SQL_COUNT[c]="SELECT COUNT(*) FROM task WHERE $WHERE_B"
SQL_PAGE[c]="SELECT *, creation_date AS sort_key_0, id AS sort_key_1 FROM task WHERE $WHERE_C ORDER BY creation_date DESC, id ASC LIMIT 51 OFFSET 0"
SQL_PAGE[d]="SELECT * FROM task WHERE id = $TASK_ID"

# Average ms of a statement over $2 runs in one client session (result rows discarded).
sql_ms() {
  local q=$1 n=$2 script
  script="SET @t0 = SYSDATE(6);"
  for _ in $(seq 1 "$n"); do script+="$q;"; done
  script+="SELECT ROUND(TIMESTAMPDIFF(MICROSECOND, @t0, SYSDATE(6)) / $n / 1000, 2);"
  sql "$script" | tail -n 1
}
declare -A BASE_MS
log "EXPLAIN and direct SQL time (heavy user $HEAVY for (a))"
for q in a b c d; do
  echo "--- ($q) ${SQL_PAGE[$q]}"
  "${MARIADB[@]}" --table "$BENCH_DB" -e "EXPLAIN ${SQL_PAGE[$q]}"
  page_ms=$(sql_ms "${SQL_PAGE[$q]}" 5)
  if [[ -n ${SQL_COUNT[$q]:-} ]]; then
    echo "    count: ${SQL_COUNT[$q]}"
    "${MARIADB[@]}" --table "$BENCH_DB" -e "EXPLAIN ${SQL_COUNT[$q]}"
    count_ms=$(sql_ms "${SQL_COUNT[$q]}" 5)
    BASE_MS[$q]="count $count_ms + page $page_ms"
  else
    BASE_MS[$q]="$page_ms"
  fi
  echo "    direct SQL ms: ${BASE_MS[$q]}"
done

# ---------------------------------------------------------------- load
RESULTS=$TMP/results.txt
: >"$RESULTS"
run_wrk() { # label auth path connections duration
  local label=$1 auth=$2 path=$3 conns=$4 dur=$5 threads=1 out
  ((conns > 1)) && threads=2
  out=$(wrk -t "$threads" -c "$conns" -d "${dur}s" --timeout 30s --latency -s "$ROOT/bench/wrk-report.lua" \
          -H "Authorization: $auth" -H 'Accept: application/json' "$BASE$path")
  grep '^RESULT' <<<"$out" | sed "s|^RESULT|$label $conns|"
}
# wrk stops at the deadline without waiting for requests in flight. Give the server 15 s to finish
# them, then kill the statements still running in $BENCH_DB (only the bench server's connections
# use it) so they do not weigh on the next measurement.
drain() {
  local busy
  for i in $(seq 1 30); do
    busy=$("${MARIADB[@]}" --batch --skip-column-names -e "SELECT GROUP_CONCAT(id) FROM information_schema.processlist
          WHERE db = '$BENCH_DB' AND command = 'Query' AND id <> CONNECTION_ID()")
    [[ $busy == NULL ]] && return 0
    sleep 0.5
  done
  echo "    (killed $(tr ',' '\n' <<<"$busy" | wc -l) statements of abandoned requests still running 15 s after the run)"
  for id in ${busy//,/ }; do "${MARIADB[@]}" -e "KILL QUERY $id" 2>/dev/null || true; done
}
log "wrk: ${WARMUP}s warm-up, then ${DURATION}s at 1 and at 32 connections per request"
for spec in "(a)_user_filter+sort:$AUTH_HEAVY:$PATH_A" "(a')_median_user:$AUTH_MEDIAN:$PATH_A" \
            "(b)_admin_all=true:$AUTH_ADMIN:$PATH_B" "(c)_cursor_page_2:$AUTH_ADMIN:$PATH_C" \
            "(d)_get_by_id:$AUTH_HEAVY:$PATH_D"; do
  IFS=: read -r label auth path <<<"$spec"
  run_wrk "$label" "$auth" "$path" 4 "$WARMUP" >/dev/null
  drain
  for conns in 1 32; do
    line=$(run_wrk "$label" "$auth" "$path" "$conns" "$DURATION")
    echo "  $line"
    echo "$line" >>"$RESULTS"
    drain
  done
done

# ---------------------------------------------------------------- summary
log "summary: $ROWS tasks, $USERS users, ${DURATION}s per row, $(nproc) cores, server and wrk on the same host"
printf '%-22s %7s %9s %9s %9s %8s %6s %6s\n' request clients p50_ms p99_ms req/s requests non2xx errors
while read -r label conns p50 p99 rps n non2xx errs; do
  [[ $n == 0 ]] && p50="-" p99="-"    # no request completed within the run
  printf '%-22s %7s %9s %9s %9s %8s %6s %6s\n' "$label" "$conns" "$p50" "$p99" "$rps" "$n" "$non2xx" "$errs"
done <"$RESULTS"
echo
echo "direct SQL in the mariadb client, ms per statement (avg of 5, same session):"
for q in a b c d; do printf '  (%s) %s\n' "$q" "${BASE_MS[$q]}"; done
