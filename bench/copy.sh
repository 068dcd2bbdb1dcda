#!/usr/bin/env bash
# Copy throughput of a Tapeflow run against cp -r and rsync -a, on the embedded H2 default (not run by CI).
#
#   bench/copy.sh                                  # build the jar, then 4 x 1 GiB and 100,000 small files
#   TAPEFLOW_JAR=/path/to/tapeflow-0.1.0.jar bench/copy.sh       # use a prebuilt jar, no build
#   BIG_FILES=1 BIG_MIB=256 SMALL_FILES=5000 bench/copy.sh       # quick smoke run
#
# For each data set (big: $BIG_FILES files of $BIG_MIB MiB; small: $SMALL_FILES files of 4-64 KiB in
# $SMALL_DIRS directories), made under a fresh directory in $BENCH_PARENT (same disk as /), it
#   1. copies the tree with a Tapeflow copy task through the REST API (containers, task, source,
#      destination, PUT .../action/run, poll the job every $POLL s) and checks the copy is byte-identical,
#   2. copies it with cp -r, then 3. with rsync -a, each into a fresh empty directory.
# Each tree is read once, untimed, when made (see prime in lib.sh: the host's cache of a virtual disk). Before each
# of the three: sync, and drop the page cache when allowed (root), so all start cold.
# First, one untimed copy of $WARMUP_FILES small files (warm_up in lib.sh): the JIT of a fresh JVM.
# cp and rsync do not fsync; Tapeflow makes every file and its directory durable (fsync, or syncfs per group), so the table also shows
# the time of the `sync` that follows cp/rsync.
# The server's heap is sampled with `jstat -gc` every second (used = S0U+S1U+EU+OU).
# Only one data set lives on disk at a time (source + one copy): ~8.5 GiB at the defaults.
# Needs: java 17 (with jstat), curl, jq, rsync, openssl, python3, GNU date/awk.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)

BIG_FILES=${BIG_FILES:-4}
BIG_MIB=${BIG_MIB:-1024}
SMALL_FILES=${SMALL_FILES:-100000}
SMALL_DIRS=${SMALL_DIRS:-100}
SMALL_MIN=${SMALL_MIN:-4096}
SMALL_MAX=${SMALL_MAX:-65536}
DATASETS=${DATASETS:-big small}
BENCH_PARENT=${BENCH_PARENT:-/var/tmp}
RUN_TIMEOUT=${RUN_TIMEOUT:-900}      # seconds before a Tapeflow run is stopped and reported as timed out
JAVA_OPTS=${JAVA_OPTS:-}             # e.g. -Xmx512m
PARALLEL=${PARALLEL:-}               # task option parallel_processing (files copied at once); empty: the server's default (cores)
TOOLS=${TOOLS-cp rsync}              # the tools measured beside Tapeflow (empty: Tapeflow alone, for a quick look)
KEEP_LOGS=${KEEP_LOGS:-}             # a directory: the server, heap and execution logs are copied there at exit
ADMIN_PASS=bench-admin-pass

# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
need_tools java jstat curl jq rsync openssl python3 gawk
pick_jar

# ---------------------------------------------------------------- set-up and clean-up
BENCH=$(mktemp -d "$BENCH_PARENT/tapeflow-copybench.XXXXXX")
SERVER_PID=
JSTAT_PID=
cleanup() {
  local rc=$?
  if [[ -n $JSTAT_PID ]] && kill -0 "$JSTAT_PID" 2>/dev/null; then kill "$JSTAT_PID" 2>/dev/null || true; fi
  finish_run "$rc"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

avg_small=$(((SMALL_MIN + SMALL_MAX) / 2))
need_mib=0
for ds in $DATASETS; do
  case $ds in
    big) mib=$((2 * BIG_FILES * BIG_MIB)) ;;
    small) mib=$((2 * SMALL_FILES * (avg_small + 4096) / 1048576)) ;;
    *) die "unknown data set $ds (big, small)" ;;
  esac
  ((mib > need_mib)) && need_mib=$mib
done
check_space "$need_mib"

init_cold


# ---------------------------------------------------------------- server
PORT=$(free_port)
BASE=http://127.0.0.1:$PORT
DATA_DIR=$BENCH/tapeflow-data
mkdir -p "$DATA_DIR"
log "starting $JAR on $BASE (H2 in $DATA_DIR, log: $BENCH/server.log)"
JVM_START=$(now)
# shellcheck disable=SC2086
TAPEFLOW_DATA_DIR=$DATA_DIR \
TAPEFLOW_ADMIN_PASSWORD=$ADMIN_PASS \
TAPEFLOW_JOBS_DASHBOARD=false \
MICRONAUT_SERVER_PORT=$PORT \
MICRONAUT_SERVER_HOST=127.0.0.1 \
  java $JAVA_OPTS -jar "$JAR" >"$BENCH/server.log" 2>&1 &
SERVER_PID=$!
await_healthy
echo "healthy after $(sub "$(now)" "$JVM_START") s: $(curl -fsS "$BASE/health")"
# Heap samples: Timestamp (s since the JVM started) and the gc columns in KiB.
jstat -gc -t "$SERVER_PID" 1000 >"$BENCH/heap.log" 2>&1 &
JSTAT_PID=$!
MAX_HEAP_MIB=$(jcmd "$SERVER_PID" VM.flags 2>/dev/null | grep -o -- '-XX:MaxHeapSize=[0-9]*' | awk -F= '{printf "%d", $2 / 1048576}' || true)
echo "server pid $SERVER_PID, max heap ${MAX_HEAP_MIB:-?} MiB, JAVA_OPTS='${JAVA_OPTS}'"

# Peak used heap (MiB) between two epoch times (whole run when none given).
peak_heap() {
  gawk -v t0="${1:-0}" -v t1="${2:-1e12}" -v start="$JVM_START" '
    $1 == "Timestamp" { for (i = 1; i <= NF; i++) col[$i] = i; next }
    col["EU"] && $1 ~ /^[0-9.]+$/ {
      t = start + $1
      if (t < t0 - 1 || t > t1 + 1) next
      used = $col["S0U"] + $col["S1U"] + $col["EU"] + $col["OU"]
      if (used > max) max = used
    }
    END { if (max) printf "%.0f", max / 1024; else print "n/a" }' "$BENCH/heap.log"
}

AUTH=(-u "admin:$ADMIN_PASS")
api() { # method path [json]
  local args=(-sS --fail-with-body "${AUTH[@]}" -X "$1" -H 'Accept: application/json')
  [[ $# -ge 3 ]] && args+=(-H 'Content-Type: application/json' -d "$3")
  curl "${args[@]}" "$BASE$2" || { echo " <- $1 $2 failed" >&2; return 1; }
}

# ---------------------------------------------------------------- data
# ---------------------------------------------------------------- measurements
RESULTS=$BENCH/results.tsv     # dataset tool seconds cpu_s sync_s
NOTES=$BENCH/notes.txt
: >"$RESULTS"
: >"$NOTES"

copy_task() { # src [dst]: prints the id of a new task copying src into dst (default: a new directory beside src)
  local src=$1 dst=${2:-$1-copy} name=${1##*/} c_src c_dst task
  mkdir -p "$dst"
  c_src=$(api POST /api/v2/containers "{\"name\":\"bench-$name\",\"path\":\"$src\"}" | jq -r .id)
  c_dst=$(api POST /api/v2/containers "{\"name\":\"bench-$name-dst\",\"path\":\"$dst\"}" | jq -r .id)
  task=$(api POST /api/v2/tasks "{\"name\":\"bench-$name\",\"workflow_type\":\"active_archive\",\"workflow_action\":\"copy\"}" | jq -r .id)
  api POST "/api/v2/tasks/$task/task_sources" "{\"container_id\":$c_src,\"file_path\":\"/\"}" >/dev/null
  api POST "/api/v2/tasks/$task/task_destinations" "{\"container_id\":$c_dst,\"folder_path\":\"/\"}" >/dev/null
  if [[ -n $PARALLEL ]]; then
    api POST "/api/v2/tasks/$task/task_options" "{\"type\":\"parallel_processing\",\"value\":\"$PARALLEL\"}" >/dev/null
  fi
  echo "$task"
}

tapeflow_run() { # dataset src
  local ds=$1 src=$2 dst=$BENCH/$1-tapeflow
  local task job t0 t1 cpu0 cpu1 answer status exec_id
  task=$(copy_task "$src" "$dst")
  cold
  cpu0=$(server_cpu)
  t0=$(now)
  job=$(api PUT "/api/v2/tasks/$task/action/run" | jq -r .job_id)
  status=queued
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
  local total heap ex started finished queue transfer
  heap=$(peak_heap "$t0" "$t1")
  ex=$(api GET "/api/v2/task_executions/$exec_id")
  echo "job $job: $status, noticed after $(sub "$t1" "$t0") s; execution $exec_id:"
  jq -c '{status, status_text, processed_files, failed_files, skipped_files, processed_size, bandwidth, job_started, job_finished}' <<<"$ex"
  started=$(iso2epoch "$(jq -r .job_started <<<"$ex")")
  finished=$(jq -r .job_finished <<<"$ex")
  [[ $finished == null ]] && finished=$t1 || finished=$(iso2epoch "$finished")
  total=$(sub "$finished" "$t0")   # PUT -> job_finished: what the job took, however often it was polled
  queue=$(sub "$started" "$t0")
  transfer=$(sub "$finished" "$started")
  printf '%s\tTapeflow total\t%s\t%s\t-\n' "$ds" "$total" "$(sub "$cpu1" "$cpu0")" >>"$RESULTS"
  printf '%s\tTapeflow transfer-only\t%s\t-\t-\n' "$ds" "$transfer" >>"$RESULTS"
  # Where the time went, from the execution log (one line per file, plus "planned" and "finished").
  curl -sS --fail-with-body "${AUTH[@]}" -H 'Accept: text/plain' "$BASE/api/v2/task_executions/$exec_id/log" \
    >"$BENCH/$ds-execution.log"
  local timeline
  timeline=$(gawk -v started="$started" '
    function epoch(s,   d, t, ymd, hms) {   # 2025-01-02T03:04:05.123456Z
      split(s, d, "T"); split(d[1], ymd, "-"); sub(/Z$/, "", d[2]); split(d[2], hms, ":")
      return mktime(ymd[1] " " ymd[2] " " ymd[3] " " hms[1] " " hms[2] " 0", 1) + hms[3]
    }
    {
      t = epoch($1)
      if ($0 ~ /planned [0-9]+ files/) plan = t
      bytes = 0
      if (match($0, /\(([0-9]+) bytes,/, m)) { bytes = m[1]; copies++ }
      # a gap before a small entry is time nobody worked: a job hand-over (JobRunr polls every 5 s)
      if (prev && t - prev > 1 && bytes < 64 * 1048576) { idle += t - prev; gaps++ }
      if (!first_copy && bytes) first_copy = t
      if (bytes >= 64 * 1048576) big = big sprintf(" %.2f", t - prev)   # spacing of large files completions
      prev = t; lines++
    }
    END {
      printf "log lines %d (copies %d); planning (walk) %.2f s; first copy at +%.2f s; idle gaps >1 s: %d totalling %.2f s",
             lines, copies, plan - started, first_copy - started, gaps, idle
      if (big) printf "; seconds between completions of files >= 64 MiB (copies may overlap):%s", big
    }' "$BENCH/$ds-execution.log")
  note "  $ds Tapeflow: parallel_processing ${PARALLEL:-server default}; status $status; queue (PUT -> job_started) $queue s; transfer (job_started -> job_finished) $transfer s;" \
       "total (PUT -> job_finished) $total s"
  note "  $ds Tapeflow: $timeline"
  note "  $ds Tapeflow: server CPU $(sub "$cpu1" "$cpu0") s during the run; peak used heap during the run $heap MiB;" \
       "H2 data dir now $(du -sm "$DATA_DIR" | cut -f1) MiB"
  [[ $status == completed ]] || die "Tapeflow run ended $status"
  log "verifying the Tapeflow copy of $ds"
  local parts
  parts=$(find "$dst" -name '.*.part' | wc -l)
  ((parts == 0)) || die "$parts temp files left in $dst"
  if [[ $ds == big ]]; then
    for f in "$src"/*; do cmp "$f" "$dst/${f##*/}"; done
    [[ $(find "$dst" -type f | wc -l) -eq $(find "$src" -type f | wc -l) ]] || die "file counts differ"
  else
    diff -rq "$src" "$dst"
  fi
  local meta
  meta=$(rsync -a --dry-run --itemize-changes "$src/" "$dst/" | wc -l)
  note "  $ds Tapeflow: copy is byte-identical (same file set); entries rsync -a would still touch (times/perms): $meta"
  rm -rf "$dst"
}

tool_run() { # dataset src tool
  local ds=$1 src=$2 tool=$3 dst=$BENCH/$1-$3 t real user sys sync_s
  cold
  TIMEFORMAT='%R %U %S'
  case $tool in
    cp) t=$( { time cp -r "$src" "$dst"; } 2>&1 ) ;;
    rsync) t=$( { time rsync -a "$src/" "$dst/"; } 2>&1 ) ;;
    *) die "unknown tool $tool (cp, rsync)" ;;
  esac
  read -r real user sys <<<"$t"
  t=$( { time sync; } 2>&1 )
  sync_s=${t%% *}
  printf '%s\t%s\t%s\t%s\t%s\n' "$ds" "$tool" "$real" "$(awk -v u="$user" -v s="$sys" 'BEGIN {printf "%.2f", u + s}')" "$sync_s" >>"$RESULTS"
  echo "$tool: $real s (user $user, sys $sys), then sync $sync_s s"
  rm -rf "$dst"
}

warm_up copy_task

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
  note "$ds: $(find "$src" -type f | wc -l) files, $(du -sm --apparent-size "$src" | cut -f1) MiB (made in ${SECONDS} s since start)"
  log "$ds: Tapeflow"
  tapeflow_run "$ds" "$src"
  for tool in $TOOLS; do
    log "$ds: $tool"
    tool_run "$ds" "$src" "$tool"
  done
  rm -rf "$src"
done

# ---------------------------------------------------------------- summary
log "summary ($(nproc) cores; page cache dropped before each measurement: $DROP; cp/rsync do not fsync, Tapeflow makes every file durable)"
printf '%-6s %-23s %9s %8s %9s %8s %12s %12s\n' dataset tool seconds MiB/s cpu_s +sync_s Tapeflow/cp Tapeflow/rsync
for ds in $DATASETS; do
  mib=$(grep -m1 "^$ds:" "$NOTES" | sed -E 's/.* ([0-9]+) MiB .*/\1/')
  cp_s=$(awk -F'\t' -v d="$ds" '$1 == d && $2 == "cp" {print $3}' "$RESULTS")
  rs_s=$(awk -F'\t' -v d="$ds" '$1 == d && $2 == "rsync" {print $3}' "$RESULTS")
  while IFS=$'\t' read -r d tool s cpu sync_s; do
    [[ $d == "$ds" ]] || continue
    r_cp=- r_rs=-
    if [[ $tool == Tapeflow* ]]; then r_cp=$(div "$s" "$cp_s"); r_rs=$(div "$s" "$rs_s"); fi
    printf '%-6s %-23s %9s %8s %9s %8s %12s %12s\n' "$d" "$tool" "$s" "$(div "$mib" "$s")" "$cpu" "$sync_s" "$r_cp" "$r_rs"
  done <"$RESULTS"
done
echo
echo "peak used heap (S0U+S1U+EU+OU, sampled every 1 s) over the whole run: $(peak_heap) MiB (max heap ${MAX_HEAP_MIB:-?} MiB)"
echo "details:"
cat "$NOTES"
