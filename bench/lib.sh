# Shared by the bench scripts (sourced, not run): messages, the jar under test, cold caches, timing, the server's port.
# Expects ROOT (the repository) to be set and the caller to be in it.

log() { printf '\n== %s  [%ss]\n' "$*" "$SECONDS"; }
die() { echo "error: $*" >&2; exit 1; }
need_tools() { for tool in "$@"; do command -v "$tool" >/dev/null || die "missing $tool"; done; }

# JAR: $TAPEFLOW_JAR when given, else the jar built from this checkout.
pick_jar() {
  if [[ -n ${TAPEFLOW_JAR:-} ]]; then
    JAR=$TAPEFLOW_JAR
    [[ -f $JAR ]] || die "TAPEFLOW_JAR=$JAR does not exist"
  else
    log "building the jar in $ROOT"
    ./mvnw -B -q package -DskipTests
    JAR=$ROOT/target/tapeflow-0.1.0.jar
  fi
}

# Page cache: sync, then drop it if allowed (root), so every measurement starts cold.
DROP=no
init_cold() {
  sync
  if [[ -w /proc/sys/vm/drop_caches ]] && (echo 3 >/proc/sys/vm/drop_caches) 2>/dev/null; then DROP=yes; fi
  echo "dropping the page cache before each measurement: $DROP"
}
# On a virtual machine with free page reporting (virtio_balloon), memory the guest frees goes back to the host a
# few seconds later, and the next tool to fill the page cache pays the host's page faults: writing 1 GiB here took
# 0.5 s of system time right after dropping the cache, 1.65 s fifteen seconds later. Every measurement therefore
# waits $SETTLE seconds after dropping the cache, so each tool starts from the same state of the host.
SETTLE=${SETTLE:-15}
cold() { sync; [[ $DROP == yes ]] && echo 3 >/proc/sys/vm/drop_caches; sleep "$SETTLE"; return 0; }

# On a virtual machine the host caches the disk as well, and dropping the guest's page cache leaves that cache
# alone: whichever tool first reads a freshly made tree pays for the host's cold reads, the tools after it do not
# (measured here: a 2 GiB file copied twice with the guest cache dropped in between, 1.73 s then 1.01 s). Reading
# each tree once, untimed, before its first measurement puts every tool on the same footing.
prime() { # dir
  tar -C "$1" -cf - . | cat >/dev/null   # why cat: GNU tar reads nothing when its archive is /dev/null
}

# Seconds between two polls of a running job. A run's times come from the server's job_started and job_finished
# (same clock as the script's), not from when a poll noticed the end; each poll forks curl and jq, which took
# about 5% of this 2-core machine at 0.2 s, CPU the measured run then lacks.
POLL=${POLL:-1}

now() { echo "$EPOCHREALTIME"; }
sub() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a - b}'; }
note() { echo "$*" | tee -a "$NOTES"; }   # $NOTES: set by the script
div() { awk -v a="$1" -v b="$2" 'BEGIN {if (b > 0) printf "%.2f", a / b; else print "-"}'; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# Waits until the server at $BASE (pid $SERVER_PID) answers /health.
await_healthy() {
  local i
  for i in $(seq 1 240); do
    if curl -fsS -o /dev/null "$BASE/health" 2>/dev/null; then return 0; fi
    kill -0 "$SERVER_PID" 2>/dev/null || die "server exited"
    ((i == 240)) && die "server not healthy after 120 s"
    sleep 0.5
  done
}

# The data sets: $BIG_FILES incompressible files of $BIG_MIB MiB, and $SMALL_FILES files of $SMALL_MIN-$SMALL_MAX
# bytes spread over $SMALL_DIRS directories (the same tree on every run: fixed seed).
make_big() { # dir
  local i
  mkdir -p "$1"
  for i in $(seq 1 "$BIG_FILES"); do
    # AES-CTR keystream: incompressible and far faster than /dev/urandom
    # (openssl dies of SIGPIPE when head has enough: not an error under pipefail)
    { openssl enc -aes-256-ctr -pass "pass:tapeflow-bench-$i" -nosalt -pbkdf2 </dev/zero 2>/dev/null || true; } |
      head -c "$((BIG_MIB * 1048576))" >"$1/big-$i.bin"
    [[ $(stat -c %s "$1/big-$i.bin") -eq $((BIG_MIB * 1048576)) ]] || die "could not make $1/big-$i.bin"
  done
}

# A Tapeflow service runs for weeks; the first run after its start also pays the JIT compiling its hot paths (here
# about 15 s of CPU, on 2 cores, during a first 100,000-file archive that used 25 s for itself). With WARMUP_FILES > 0
# a task over that many small files runs once, untimed, before any measurement, so the figures are those of a service
# in use, as an administrator meets it; WARMUP_FILES=0 measures a freshly started JVM instead.
WARMUP_FILES=${WARMUP_FILES:-20000}
warm_up() { # task-making command: called with a source tree, prints the id of a task over it
  ((WARMUP_FILES > 0)) || return 0
  local src=$BENCH/warmup-src task job status t0
  log "warm-up: one untimed run over $WARMUP_FILES small files"
  SMALL_FILES=$WARMUP_FILES make_small "$src"
  task=$("$1" "$src")
  t0=$(now)
  job=$(api PUT "/api/v2/tasks/$task/action/run" | jq -r .job_id)
  until status=$(api GET "/api/v2/tasks/$task/action/run?job_id=$job" | jq -r .status)
        [[ $status == completed || $status == failed ]]; do
    sleep "$POLL"
  done
  [[ $status == completed ]] || die "the warm-up run ended $status"
  rm -rf "$BENCH"/warmup-*
  note "warm-up: $WARMUP_FILES files of $SMALL_MIN-$SMALL_MAX bytes, $(sub "$(now)" "$t0") s (untimed; WARMUP_FILES=0 skips it)"
}

make_small() { # dir
  python3 - "$1" "$SMALL_FILES" "$SMALL_DIRS" "$SMALL_MIN" "$SMALL_MAX" <<'EOF'
import os, random, sys
root, files, dirs, lo, hi = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
rnd = random.Random(42)
pool = memoryview(os.urandom(64 << 20))   # file contents are random slices of this pool
for d in range(dirs):
    os.makedirs(os.path.join(root, f"dir-{d:03d}"), exist_ok=True)
for i in range(files):
    size = rnd.randint(lo, hi)
    off = rnd.randrange(0, len(pool) - size)
    with open(os.path.join(root, f"dir-{i % dirs:03d}", f"file-{i:06d}.dat"), "wb") as f:
        f.write(pool[off:off + size])
EOF
}

# ---------------------------------------------------------------- the run's directory, server and clean-up
# Stops the server ($SERVER_PID), shows the end of its log when the run failed, keeps the logs when asked
# ($KEEP_LOGS), removes $BENCH. Scripts call it from their EXIT trap with the exit status.
finish_run() { # rc
  local rc=$1
  if [[ -n $SERVER_PID ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$SERVER_PID" 2>/dev/null || true
  fi
  if [[ $rc -ne 0 && -f $BENCH/server.log ]]; then
    echo "--- last lines of the server log:" >&2
    tail -n 40 "$BENCH/server.log" >&2 || true
  fi
  if [[ -n $KEEP_LOGS ]]; then
    mkdir -p "$KEEP_LOGS" && cp "$BENCH"/*.log "$BENCH"/results.tsv "$BENCH"/notes.txt "$KEEP_LOGS"/ 2>/dev/null || true
  fi
  rm -rf "$BENCH"
}

# Dies unless $BENCH has room for $1 MiB at a time (plus 2 GiB), then prints what the run works with.
check_space() { # need_mib [more of the banner]
  local need=$1 avail
  avail=$(df -Pm "$BENCH" | awk 'NR == 2 {print $4}')
  ((avail > need + 2048)) || die "$BENCH has $avail MiB free, needs ~$need MiB + 2 GiB"
  echo "bench dir $BENCH ($avail MiB free, this run needs ~$need MiB at a time); $(nproc) cores," \
       "$(free -g | awk '/^Mem:/ {print $2}') GiB RAM; $(java -version 2>&1 | head -n 1)${2:+; $2}"
}

iso2epoch() { date -u -d "$1" +%s.%N; }
server_cpu() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / hz}' "/proc/$SERVER_PID/stat"; }
