#!/usr/bin/env bash
# Archive and restore throughput of Tapeflow's virtual tape library against tar, on the embedded H2 default (not run by CI).
#
#   bench/tape.sh                                              # build the jar, then 2 x 1 GiB and 100,000 small files
#   TAPEFLOW_JAR=/path/to/tapeflow-0.1.0.jar bench/tape.sh    # use a prebuilt jar, no build
#   BIG_FILES=1 BIG_MIB=256 SMALL_FILES=5000 RESTORE_FILES=200 bench/tape.sh   # quick smoke run
#
# The server starts on an H2 file database in a fresh data dir, where its first start creates the virtual library
# 'virtual' (2 drives, no delays, cartridges of $CARTRIDGE_BYTES) and the pool 'default' of its cartridges, both on
# the same disk as the sources. For each data set (big: $BIG_FILES files of $BIG_MIB MiB; small: $SMALL_FILES files
# of $SMALL_MIN-$SMALL_MAX bytes in $SMALL_DIRS directories), made under a fresh directory in $BENCH_PARENT:
#   1. Tapeflow archives the tree to the pool (container -> pool, PUT .../action/run, poll the job every $POLL s);
#   2. `tar cf` writes the same tree to one file, then `sync` (Tapeflow fsyncs each tape file it closes).
# Then, on the small set, $RESTORE_FILES files picked at random are restored:
#   3. by Tapeflow, one task source per catalog path (it reads the tape in physical order, whatever the request order);
#   4. by `tar xf` of the small set's tar file, the same names listed in the request order.
# Both restores are checked against the sources. Each tree is read once, untimed, when made (see prime in lib.sh).
# First, one untimed task over $WARMUP_FILES small files (warm_up in lib.sh): the JIT of a fresh JVM.
# Before each measurement: sync, and drop the page cache when allowed (root), so all start cold. The ratio Tapeflow/tar is printed for each; the goal for writing is 1.2 or less.
# Needs: java 17, curl, jq, openssl, python3, GNU tar/date/awk, shuf.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)

BIG_FILES=${BIG_FILES:-2}
BIG_MIB=${BIG_MIB:-1024}
SMALL_FILES=${SMALL_FILES:-100000}
SMALL_DIRS=${SMALL_DIRS:-100}
SMALL_MIN=${SMALL_MIN:-1024}
SMALL_MAX=${SMALL_MAX:-8192}
RESTORE_FILES=${RESTORE_FILES:-1000}
CARTRIDGE_BYTES=${CARTRIDGE_BYTES:-1000000000000}   # 1 TB: one cartridge holds everything
DATASETS=${DATASETS:-big small}
BENCH_PARENT=${BENCH_PARENT:-/var/tmp}
RUN_TIMEOUT=${RUN_TIMEOUT:-1800}     # seconds before a Tapeflow run is stopped and reported as timed out
JAVA_OPTS=${JAVA_OPTS:-}             # e.g. -Xmx1g
KEEP_LOGS=${KEEP_LOGS:-}             # a directory: the server and execution logs are copied there at exit
ADMIN_PASS=bench-admin-pass

# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
need_tools java curl jq openssl python3 gawk tar shuf
pick_jar

# ---------------------------------------------------------------- set-up and clean-up
BENCH=$(mktemp -d "$BENCH_PARENT/tapeflow-tapebench.XXXXXX")
SERVER_PID=
cleanup() {
  local rc=$?
  finish_run "$rc"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

avg_small=$(((SMALL_MIN + SMALL_MAX) / 2))
need_mib=0
for ds in $DATASETS; do
  case $ds in
    big) mib=$((3 * BIG_FILES * BIG_MIB)) ;;                          # source, tape images, tar file
    small) mib=$((3 * SMALL_FILES * (avg_small + 4096) / 1048576)) ;;
    *) die "unknown data set $ds (big, small)" ;;
  esac
  ((mib > need_mib)) && need_mib=$mib
done
check_space "$need_mib" "$(tar --version | head -n 1)"

init_cold


# ---------------------------------------------------------------- server
PORT=$(free_port)
BASE=http://127.0.0.1:$PORT
DATA_DIR=$BENCH/tapeflow-data
mkdir -p "$DATA_DIR"
log "starting $JAR on $BASE (H2 and the virtual library in $DATA_DIR, log: $BENCH/server.log)"
JVM_START=$(now)
# shellcheck disable=SC2086
TAPEFLOW_DATA_DIR=$DATA_DIR \
TAPEFLOW_ADMIN_PASSWORD=$ADMIN_PASS \
TAPEFLOW_JOBS_DASHBOARD=false \
TAPEFLOW_LIBRARY_VIRTUAL_CAPACITY=$CARTRIDGE_BYTES \
MICRONAUT_SERVER_PORT=$PORT \
MICRONAUT_SERVER_HOST=127.0.0.1 \
  java $JAVA_OPTS -jar "$JAR" >"$BENCH/server.log" 2>&1 &
SERVER_PID=$!
await_healthy
echo "healthy after $(sub "$(now)" "$JVM_START") s, server pid $SERVER_PID, JAVA_OPTS='${JAVA_OPTS}'"

AUTH=(-u "admin:$ADMIN_PASS")
api() { # method path [json]
  local args=(-sS --fail-with-body "${AUTH[@]}" -X "$1" -H 'Accept: application/json')
  [[ $# -ge 3 ]] && args+=(-H 'Content-Type: application/json' -d "$3")
  curl "${args[@]}" "$BASE$2" || { echo " <- $1 $2 failed" >&2; return 1; }
}
POOL=$(api GET /api/v2/pools/default | jq -r .id)
[[ $POOL =~ ^[0-9]+$ ]] || die "no pool 'default' (the embedded default should have made it)"
echo "pool 'default' ($POOL): $(api GET "/api/v2/pools/$POOL/tapes?limit=100" | jq -r '.tapes | length') cartridges"

# ---------------------------------------------------------------- data
# ---------------------------------------------------------------- measurements
RESULTS=$BENCH/results.tsv     # dataset step tool seconds cpu_s
NOTES=$BENCH/notes.txt
: >"$RESULTS"
: >"$NOTES"

# Runs a task to its end; records "Tapeflow total" (PUT -> job_finished) and "Tapeflow job" (job_started ->
# job_finished) under dataset $1 and step $2, and leaves the execution log in $BENCH/$1-$2-execution.log.
tapeflow_run() { # dataset step task
  local ds=$1 step=$2 task=$3 job t0 t1 cpu0 cpu1 answer status exec_id ex started finished total
  cold
  cpu0=$(server_cpu)
  t0=$(now)
  job=$(api PUT "/api/v2/tasks/$task/action/run" | jq -r .job_id)
  while :; do
    answer=$(api GET "/api/v2/tasks/$task/action/run?job_id=$job")
    status=$(jq -r .status <<<"$answer")
    [[ $status == completed || $status == failed ]] && break
    if (($(awk -v a="$(now)" -v b="$t0" 'BEGIN {print (a - b > '"$RUN_TIMEOUT"')}'))); then
      status=timeout
      api PUT "/api/v2/tasks/$task/action/stop" >/dev/null || true
      break
    fi
    sleep "$POLL"
  done
  t1=$(now)
  cpu1=$(server_cpu)
  exec_id=$(jq -r .task_execution_id <<<"$answer")
  ex=$(api GET "/api/v2/task_executions/$exec_id")
  echo "job $job: $status, noticed after $(sub "$t1" "$t0") s; execution $exec_id:"
  jq -c '{status, status_text, processed_files, failed_files, skipped_files, processed_size, job_started, job_finished}' <<<"$ex"
  started=$(iso2epoch "$(jq -r .job_started <<<"$ex")")
  finished=$(jq -r .job_finished <<<"$ex")
  [[ $finished == null ]] && finished=$t1 || finished=$(iso2epoch "$finished")
  total=$(sub "$finished" "$t0")   # PUT -> job_finished: what the job took, however often it was polled
  printf '%s\t%s\tTapeflow total\t%s\t%s\n' "$ds" "$step" "$total" "$(sub "$cpu1" "$cpu0")" >>"$RESULTS"
  printf '%s\t%s\tTapeflow job\t%s\t-\n' "$ds" "$step" "$(sub "$finished" "$started")" >>"$RESULTS"
  curl -sS --fail-with-body "${AUTH[@]}" -H 'Accept: text/plain' "$BASE/api/v2/task_executions/$exec_id/log" \
    >"$BENCH/$ds-$step-execution.log"
  note "  $ds $step Tapeflow: status $status; queue (PUT -> job_started) $(sub "$started" "$t0") s;" \
       "server CPU $(sub "$cpu1" "$cpu0") s; log lines $(wc -l <"$BENCH/$ds-$step-execution.log");" \
       "H2 data dir now $(du -sm "$DATA_DIR" --exclude=libraries | cut -f1) MiB"
  [[ $status == completed ]] || die "Tapeflow $step of $ds ended $status"
}

timed() { # dataset step tool command...: records the command's time, then the time of the sync after it
  local ds=$1 step=$2 tool=$3 t real user sys
  shift 3
  cold
  TIMEFORMAT='%R %U %S'
  t=$( { time "$@"; } 2>&1 )
  read -r real user sys <<<"$t"
  printf '%s\t%s\t%s\t%s\t%s\n' "$ds" "$step" "$tool" "$real" "$(awk -v u="$user" -v s="$sys" 'BEGIN {printf "%.2f", u + s}')" >>"$RESULTS"
  t=$( { time sync; } 2>&1 )
  printf '%s\t%s\t%s\t%s\t-\n' "$ds" "$step" "$tool+sync" "$(awk -v a="$real" -v b="${t%% *}" 'BEGIN {printf "%.2f", a + b}')" >>"$RESULTS"
  echo "$tool: $real s (user $user, sys $sys), then sync ${t%% *} s"
}

archive_task() { # src [name]: prints the id of a new task archiving src to the pool, under /name
  local name=${2:-${1##*/}} c task
  c=$(api POST /api/v2/containers "{\"name\":\"bench-$name\",\"path\":\"$1\"}" | jq -r .id)
  task=$(api POST /api/v2/tasks "{\"name\":\"archive-$name\",\"workflow_type\":\"active_archive\",\"workflow_action\":\"copy\",
    \"source_type\":\"container\",\"destination_type\":\"secondary_tape\"}" | jq -r .id)
  api POST "/api/v2/tasks/$task/task_sources" "{\"container_id\":$c,\"file_path\":\"/\"}" >/dev/null
  api POST "/api/v2/tasks/$task/task_destinations" "{\"pool_id\":$POOL,\"folder_path\":\"/$name\"}" >/dev/null
  echo "$task"
}

archive() { # dataset src
  local ds=$1 src=$2
  log "$ds: Tapeflow archive to the pool"
  tapeflow_run "$ds" archive "$(archive_task "$src" "$ds")"
  log "$ds: tar cf"
  timed "$ds" archive tar tar cf "$BENCH/$ds.tar" -C "$src" .
}

restore() { # src (the small set)
  local src=$1 picked=$BENCH/picked.txt dst=$BENCH/restore-tapeflow tdst=$BENCH/restore-tar c task rel bad
  (cd "$src" && find . -type f | sort) | shuf -n "$RESTORE_FILES" --random-source=<(openssl enc -aes-256-ctr \
    -pass pass:tapeflow-restore -nosalt -pbkdf2 </dev/zero 2>/dev/null) >"$picked"
  mkdir -p "$dst" "$tdst"
  c=$(api POST /api/v2/containers "{\"name\":\"bench-restore\",\"path\":\"$dst\"}" | jq -r .id)
  task=$(api POST /api/v2/tasks "{\"name\":\"restore-small\",\"workflow_type\":\"active_archive\",\"workflow_action\":\"copy\",
    \"source_type\":\"secondary_tape\",\"destination_type\":\"container\"}" | jq -r .id)
  api POST "/api/v2/tasks/$task/task_destinations" "{\"container_id\":$c,\"folder_path\":\"/\"}" >/dev/null
  log "restore: $RESTORE_FILES task sources, one per catalog path, in random order"
  while read -r rel; do
    api POST "/api/v2/tasks/$task/task_sources" "{\"pool_id\":$POOL,\"file_path\":\"/small/${rel#./}\"}" >/dev/null
  done <"$picked"
  log "restore: Tapeflow"
  tapeflow_run small restore "$task"
  log "restore: tar xf, the same names in the same order"
  timed small restore tar tar xf "$BENCH/small.tar" -C "$tdst" -T "$picked"
  bad=0
  while read -r rel; do
    # a restore by file path puts each file in the destination folder itself; tar keeps the directories
    cmp -s "$src/$rel" "$dst/${rel##*/}" || { bad=$((bad + 1)); echo "Tapeflow restore differs: $rel" >&2; }
    cmp -s "$src/$rel" "$tdst/$rel" || { bad=$((bad + 1)); echo "tar restore differs: $rel" >&2; }
  done <"$picked"
  ((bad == 0)) || die "$bad restored files differ from their sources"
  note "  restore: the $RESTORE_FILES files of both restores are byte-identical to their sources" \
       "($(find "$dst" -type f | wc -l) files from Tapeflow, $(find "$tdst" -type f | wc -l) from tar)"
}

warm_up archive_task

for ds in $DATASETS; do
  src=$BENCH/$ds-src
  if [[ $ds == big ]]; then
    log "making $BIG_FILES files of $BIG_MIB MiB in $src"
    make_big "$src"
  else
    log "making $SMALL_FILES files of $SMALL_MIN-$SMALL_MAX bytes in $SMALL_DIRS directories in $src"
    make_small "$src"
  fi
  sync
  prime "$src"
  note "$ds: $(find "$src" -type f | wc -l) files, $(du -sm --apparent-size "$src" | cut -f1) MiB"
  archive "$ds" "$src"
  note "  $ds: tar file $(du -sm "$BENCH/$ds.tar" | cut -f1) MiB; cartridges hold $(du -sm "$DATA_DIR/libraries" | cut -f1) MiB so far"
  if [[ $ds == small && $RESTORE_FILES -gt 0 ]]; then
    restore "$src"
  fi
  rm -rf "$src" "$BENCH/$ds.tar"
done

# ---------------------------------------------------------------- summary
log "summary ($(nproc) cores; page cache dropped before each measurement: $DROP; Tapeflow fsyncs each tape file, tar does not: tar+sync adds the sync that follows)"
printf '%-6s %-8s %-15s %9s %8s %9s %14s\n' dataset step tool seconds MiB/s cpu_s Tapeflow/tool
for ds in $DATASETS; do
  mib=$(grep -m1 "^$ds:" "$NOTES" | sed -E 's/.* ([0-9]+) MiB.*/\1/')
  for step in archive restore; do
    while IFS=$'\t' read -r d st tool s cpu; do
      [[ $d == "$ds" && $st == "$step" ]] || continue
      rate=$(div "$mib" "$s")
      [[ $step == restore ]] && rate=-
      ratio=-
      if [[ $tool == tar* ]]; then
        ratio="$(div "$(awk -F'\t' -v d="$ds" -v s="$step" '$1 == d && $2 == s && $3 == "Tapeflow total" {print $4}' "$RESULTS")" "$s")"
        ratio="$ratio ($(div "$(awk -F'\t' -v d="$ds" -v s="$step" '$1 == d && $2 == s && $3 == "Tapeflow job" {print $4}' "$RESULTS")" "$s"))"
      fi
      printf '%-6s %-8s %-15s %9s %8s %9s %14s\n' "$d" "$st" "$tool" "$s" "$rate" "$cpu" "$ratio"
    done <"$RESULTS"
  done
done
echo "Tapeflow/tool: Tapeflow total (job time) over the tool's time; the goal for writing is 1.2 or less."
echo "details:"
cat "$NOTES"
