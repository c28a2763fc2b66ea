#!/usr/bin/env bash
# Returns Drawer benchmark: builds the jar, seeds a fresh MariaDB/MySQL database, starts the app in production mode
# on it, and measures C0 (health), W1 (webhooks), W2 (drawer), then W3 (return clicks) and W3K (the same with a
# provider API key) in turn W3K_TURNS times, with wrk (2 threads, 32 connections, 5 s warm-up, 15 s measured), with
# the CPU each request cost the JVM, MariaDB and the machine. `bench/run.sh --scale` instead measures W2 at 10,000
# and at 1,000,000 orders. `bench/run.sh --import N` measures the first import of N orders from a local
# bulk-operation stand-in (orders/s, peak RSS, the drawer's p99 meanwhile). `bench/run.sh --compare OLD.jar`
# measures W1 and W2 of another build (an older jar) and of this one in turn, ROUNDS times (default 3), on one
# database: before/after figures for a change on a hot path; `--compare-w3k OLD.jar` the same with W3 and W3K
# (return clicks without and with a provider API key). Loopback traffic only; every run is bounded in time.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
MODE=${1:-full}
OUT="$ROOT/bench/out"
mkdir -p "$OUT"
DB=${BENCH_DB:-returns_drawer_bench}
PORT=${BENCH_PORT:-18080}
THREADS=2
CONNECTIONS=32
# C1 only (TieredStopAtLevel=1): on 2 cores C2 spends the first minute compiling on the cores the requests need
# (docs/performance.md, The JIT on two cores). JAVA_OPTS replaces the whole set.
JAVA_OPTS=${JAVA_OPTS:--XX:+UseParallelGC -Xms256m -Xmx256m -XX:MaxMetaspaceSize=128m -XX:MaxDirectMemorySize=64m -XX:ReservedCodeCacheSize=48m -Xss512k -XX:TieredStopAtLevel=1}
MYSQL=(mysql --protocol=tcp -h127.0.0.1 -P3306 -uroot)
JAVA=${BENCH_JAVA:-java}   # any JDK 17 or newer, e.g. BENCH_JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java

log() { printf '[bench] %s\n' "$*" >&2; }

command -v wrk >/dev/null || { log "installing wrk"; apt-get install -y -qq wrk >/dev/null; }
mysqladmin --protocol=tcp -h127.0.0.1 -uroot ping >/dev/null 2>&1 || {
  log "starting MariaDB"; start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd
  for _ in $(seq 1 60); do mysqladmin --protocol=tcp -h127.0.0.1 -uroot ping >/dev/null 2>&1 && break; sleep 1; done; }

log "building the jar"
mvn -B -q -DskipTests package
JAR=$(ls "$ROOT"/target/returns-drawer-*.jar | grep -v original | head -n 1)
BASE_OPTS=$JAVA_OPTS

# The class-data-sharing archive `package` trained (docs/performance.md, "Start-up") serves the jar it was trained
# with; another jar or JVM gets its own, trained the same way: start on the embedded database, exit.
use_jar() {  # jar
  JAR=$1
  local cds="${JAR%/*}/returns-drawer.jsa"
  if ! "$JAVA" -XX:SharedArchiveFile="$cds" -Xshare:on -cp "$JAR" -version >/dev/null 2>&1; then
    cds="$OUT/$(basename "$(dirname "$JAR")")-$(basename "$JAR" .jar).jsa"
    if ! "$JAVA" -XX:SharedArchiveFile="$cds" -Xshare:on -cp "$JAR" -version >/dev/null 2>&1; then
      log "training a class-data-sharing archive for $JAR on $("$JAVA" -version 2>&1 | head -n 1)"
      rm -f "$cds"
      local train
      train=$(mktemp -d)
      ( cd "$train" && env -u DATASOURCES_DEFAULT_URL MICRONAUT_ENVIRONMENTS=dev MICRONAUT_SERVER_PORT=-1 \
          SHOPIFY_APP_URL=http://localhost:8080 RETURNS_DRAWER_LOG_LEVEL=WARN \
          "$JAVA" -XX:ArchiveClassesAtExit="$cds" -Xlog:cds=off -Xlog:cds+dynamic=off -Dreturns-drawer.cds-training=true -jar "$JAR" ) > "$OUT/cds.log" 2>&1
      rm -rf "$train"
    fi
  fi
  JAVA_OPTS="$BASE_OPTS -XX:SharedArchiveFile=$cds"
}
NEW_JAR=$JAR
use_jar "$NEW_JAR"

SECRET="bench-$(python3 -c 'import secrets; print(secrets.token_hex(16))')"
KEY=$(python3 -c 'import base64, os; print(base64.b64encode(os.urandom(32)).decode())')
APP_PID=""
OLD_DIRTY_PCT=""
PROVIDER_PID=""
STANDIN_PID=""
cleanup() {
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null || true
  [ -n "$STANDIN_PID" ] && [ "${KEEP_STANDIN:-}" != 1 ] && kill "$STANDIN_PID" 2>/dev/null || true
  [ -n "$PROVIDER_PID" ] && kill "$PROVIDER_PID" 2>/dev/null || true
  [ -n "$OLD_DIRTY_PCT" ] && "${MYSQL[@]}" -e "SET GLOBAL innodb_max_dirty_pages_pct = $OLD_DIRTY_PCT" 2>/dev/null || true
}
trap cleanup EXIT

PROVIDER_PORT=${BENCH_PROVIDER_PORT:-18090}
start_app() {
  LOOP_API_BASE_URL="http://127.0.0.1:$PROVIDER_PORT" \
  SHOPIFY_API_KEY=bench-key SHOPIFY_API_SECRET="$SECRET" SHOPIFY_APP_URL=https://bench.example \
  TOKEN_ENCRYPTION_KEY="$KEY" DATASOURCES_DEFAULT_URL="jdbc:mysql://127.0.0.1:3306/$DB" \
  DATASOURCES_DEFAULT_USERNAME=root DATASOURCES_DEFAULT_PASSWORD= MICRONAUT_SERVER_PORT=$PORT \
  RETURNS_DRAWER_LOG_LEVEL=WARN "$JAVA" $JAVA_OPTS -jar "$JAR" > "$OUT/app.log" 2>&1 &
  APP_PID=$!
  for _ in $(seq 1 120); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/health" || true)" = 200 ] && return 0
    sleep 0.25
  done
  log "the app did not start"; tail -n 40 "$OUT/app.log"; exit 1
}

fresh_db() {  # orders customers
  "${MYSQL[@]}" -e "DROP DATABASE IF EXISTS \`$DB\`; CREATE DATABASE \`$DB\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"
  cleanup; APP_PID=""
  start_app                                   # runs the migrations
  log "seeding $1 orders over $2 customers"
  local t0=$SECONDS
  python3 bench/seed.py "$1" "$2" | "${MYSQL[@]}" "$DB"
  log "seeded in $((SECONDS - t0)) s"
  settle_db
}

# A bulk load leaves the buffer pool full of dirty pages, which InnoDB writes out over the next minutes on the same
# two cores; a database that has been serving for a while is not doing that. Flush them before measuring.
settle_db() {
  local t0=$SECONDS dirty=0
  OLD_DIRTY_PCT=$("${MYSQL[@]}" -N -e "SELECT @@innodb_max_dirty_pages_pct")
  "${MYSQL[@]}" -e "SET GLOBAL innodb_max_dirty_pages_pct = 0"
  for _ in $(seq 1 300); do
    dirty=$("${MYSQL[@]}" -N -e "SHOW GLOBAL STATUS LIKE 'Innodb_buffer_pool_pages_dirty'" | awk '{print $2}')
    [ "${dirty:-0}" -lt 100 ] && break
    sleep 1
  done
  "${MYSQL[@]}" -e "SET GLOBAL innodb_max_dirty_pages_pct = $OLD_DIRTY_PCT"
  OLD_DIRTY_PCT=""
  log "dirty pages written out in $((SECONDS - t0)) s ($dirty left)"
}

# CPU time (ms) of a process (user + system; 0 when it is not on this machine), and of the whole machine (all
# cores busy: user, nice, system, irq, softirq, steal), from /proc.
TICK_MS=$(( 1000 / $(getconf CLK_TCK) ))
cpu_ms() { if [ -n "$1" ] && [ -r "/proc/$1/stat" ]; then awk -v t="$TICK_MS" '{print ($14 + $15) * t}' "/proc/$1/stat"; else echo 0; fi; }
machine_ms() { awk -v t="$TICK_MS" '/^cpu / {print ($2 + $3 + $4 + $7 + $8 + $9) * t}' /proc/stat; }
MARIADB_PID=$(pgrep -x mariadbd || pgrep -x mysqld || true)
# Statements the database was sent and inserts among them, from its own counters (the server's, not only the app's:
# nothing else uses it during a run).
db_counts() { "${MYSQL[@]}" -N -e "SHOW GLOBAL STATUS WHERE Variable_name IN ('Questions', 'Com_insert')" | awk '{v[$1] = $2} END {print v["Questions"], v["Com_insert"]}'; }
cpu_start() { c_app=$(cpu_ms "$APP_PID"); c_db=$(cpu_ms "$MARIADB_PID"); c_prov=$(cpu_ms "$PROVIDER_PID"); c_all=$(machine_ms); q_db=$(db_counts); }
# CPU per request over the measured window: the JVM's, the database's and the machine's (wrk and the kernel
# included; W3K also the provider stand-in's). When two runs of the same code differ, these move together if the host did.
cpu_per_request() {  # requests
  awk -v n="$1" -v a="$(( $(cpu_ms "$APP_PID") - c_app ))" -v d="$(( $(cpu_ms "$MARIADB_PID") - c_db ))" \
      -v m="$(( $(machine_ms) - c_all ))" -v p="$(( $(cpu_ms "$PROVIDER_PID") - c_prov ))" \
      -v q="$q_db" -v q2="$(db_counts)" \
      'BEGIN { split(q, b); split(q2, e); if (n > 0) printf "CPU ms/request: JVM %.3f, MariaDB %.3f, machine %.3f%s; statements/request %.2f (inserts %.2f)", a / n, d / n, m / n, (p > 0 ? sprintf(", stand-in %.3f", p / n) : ""), (e[1] - b[1]) / n, (e[2] - b[2]) / n }'
}

# One workload: 5 s warm-up, then 15 s measured; prints "name rps p50 p99 non2xx requests", CPU and statements per
# request.
measure() {  # name url [script [args...]]
  local name=$1 url=$2 script=()
  shift 2
  if [ $# -gt 0 ]; then script=(-s "$1"); shift; fi
  wrk -t$THREADS -c$CONNECTIONS -d5s "${script[@]}" "$url" -- "$@" > /dev/null
  cpu_start
  wrk -t$THREADS -c$CONNECTIONS -d15s --latency "${script[@]}" "$url" -- "$@" > "$OUT/$name.txt"
  local rps p50 p99 bad reqs
  rps=$(awk '/^Requests\/sec/ {print $2}' "$OUT/$name.txt")
  p50=$(awk '$1 == "50%" {print $2}' "$OUT/$name.txt")
  p99=$(awk '$1 == "99%" {print $2}' "$OUT/$name.txt")
  bad=$(awk '/Non-2xx or 3xx responses/ {print $5}' "$OUT/$name.txt"); bad=${bad:-0}
  reqs=$(awk '/requests in/ {print $1}' "$OUT/$name.txt")
  printf '%-4s %10s req/s  p50 %8s  p99 %8s  non-2xx %s  (%s requests; %s)\n' "$name" "$rps" "$p50" "$p99" "$bad" "$reqs" "$(cpu_per_request "$reqs")"
}

rss() { awk '/VmHWM/ {printf "%d MB", $2 / 1024}' "/proc/$APP_PID/status"; }

BASE="http://127.0.0.1:$PORT"
if [ "$MODE" = "--import" ]; then
  # The first import of N orders (~3 line items and one fulfillment each) from a local stand-in for Shopify's bulk
  # operations (bench/bulk_standin.py: token exchange, ordersCount, bulkOperationRunQuery, node(id:), the JSONL file),
  # into a fresh database that also holds a 10,000-order shop for the drawer (W2). Three phases: W2 idle; an import on
  # its own (orders/s); a second import while W2 is measured (the drawer's p99 during an import).
  N=${2:-100000}
  SHOPIFY_PORT=${BENCH_SHOPIFY_PORT:-18091}
  FILE="$OUT/bulk-$N.jsonl"
  [ -s "$FILE" ] || { log "generating $N orders as JSONL"; python3 bench/bulk_standin.py generate "$N" "$FILE"; }
  python3 bench/bulk_standin.py serve "$SHOPIFY_PORT" "$FILE" > "$OUT/bulk-standin.log" 2>&1 &
  STANDIN_PID=$!
  KEEP_STANDIN=1   # fresh_db restarts the app, not the stand-in
  export SHOPIFY_SHOP_BASE_URL="http://127.0.0.1:$SHOPIFY_PORT/{shop}"
  fresh_db 10000 1000
  KEEP_STANDIN=""
  echo "Returns Drawer import benchmark $(date -u +%Y-%m-%dT%H:%MZ), $("$JAVA" -version 2>&1 | head -n 1), $(nproc) cores, $N orders ($(du -m "$FILE" | cut -f1) MB of JSONL), load: $(uptime | sed 's/.*load average: //')"
  # The embedded admin's first load for a shop without a token: token exchange, then the first import starts.
  start_import() {  # shop
    local token host
    token=$(python3 - "$SECRET" "$1" <<'PY'
import base64, hashlib, hmac, json, sys, time, uuid
b64 = lambda b: base64.urlsafe_b64encode(b).rstrip(b"=").decode()
now = int(time.time())
shop = sys.argv[2]
claims = {"iss": f"https://{shop}/admin", "dest": f"https://{shop}", "aud": "bench-key", "sub": "1", "exp": now + 60,
          "nbf": now, "iat": now, "jti": str(uuid.uuid4()), "sid": str(uuid.uuid4())}
head = b64(b'{"alg":"HS256","typ":"JWT"}') + "." + b64(json.dumps(claims).encode())
print(head + "." + b64(hmac.new(sys.argv[1].encode(), head.encode(), hashlib.sha256).digest()))
PY
)
    host=$(printf 'admin.shopify.com/store/%s' "${1%%.*}" | base64 | tr -d '=\n')
    local code
    code=$(curl -s -o /dev/null -w '%{http_code}' "$BASE/?shop=$1&host=$host&embedded=1&id_token=$token")
    [ "$code" = 200 ] || { log "the app home answered $code for $1"; tail -n 20 "$OUT/app.log"; exit 1; }
  }
  import_state() {  # shop → "status imported_count seconds"
    "${MYSQL[@]}" -N "$DB" -e "SELECT i.status, i.imported_count, COALESCE(TIMESTAMPDIFF(MICROSECOND, i.started_at, i.finished_at) / 1e6, 0)
      FROM order_imports i JOIN shops s ON s.id = i.shop_id WHERE s.domain = '$1'" 2>/dev/null
  }
  await_import() {  # shop → prints the import's line
    local state=""
    for _ in $(seq 1 7200); do
      state=$(import_state "$1")
      case "$state" in done*|failed*) break ;; esac
      sleep 0.5
    done
    awk -v n="$N" -v s="$1" '{ printf "import %-30s %s: %s orders in %.1f s = %.0f orders/s\n", s, $1, $2, $3, ($3 > 0 ? $2 / $3 : 0) }' <<< "$state"
    [ "$(echo "$state" | awk '{print $2}')" = "$N" ] || log "imported $(echo "$state" | awk '{print $2}') of $N"
    printf '  orders rows %s, line items %s\n' \
      "$("${MYSQL[@]}" -N "$DB" -e "SELECT COUNT(*) FROM orders o JOIN shops s ON s.id = o.shop_id WHERE s.domain = '$1'")" \
      "$("${MYSQL[@]}" -N "$DB" -e "SELECT COUNT(*) FROM order_line_items li JOIN orders o ON o.id = li.order_pk JOIN shops s ON s.id = o.shop_id WHERE s.domain = '$1'")"
  }
  python3 bench/inputs.py drawer "$SECRET" 10000 1000 > "$OUT/drawer.urls"
  wrk -t$THREADS -c$CONNECTIONS -d10s -s bench/urls.lua "$BASE" -- "$OUT/drawer.urls" > /dev/null   # JIT warm-up
  if [ "${IMPORT_DRAWER:-1}" = 1 ]; then
    measure "W2-idle" "$BASE" bench/urls.lua "$OUT/drawer.urls"
  fi
  cpu_start
  start_import bench-import-a.myshopify.com
  await_import bench-import-a.myshopify.com
  echo "  $(cpu_per_request "$N" | sed 's/request/order/g')"
  echo "peak RSS after the import on its own: $(rss)"
  if [ "${IMPORT_DRAWER:-1}" = 1 ]; then
    start_import bench-import-b.myshopify.com
    measure "W2-import" "$BASE" bench/urls.lua "$OUT/drawer.urls"
    echo "  (import still running at the end of the measured window: $(import_state bench-import-b.myshopify.com | awk '{print ($1 == "running" ? "yes" : "NO"), $2, "orders in"}'))"
    await_import bench-import-b.myshopify.com
    printf 'W2 p99 during the import vs idle: %s\n' "$(awk '$1 == "99%" {print $2}' "$OUT/W2-idle.txt" "$OUT/W2-import.txt" | paste -sd' ' | awk '{
      a = $1; b = $2; ua = (a ~ /ms$/) ? 1 : (a ~ /us$/ ? 0.001 : 1000); ub = (b ~ /ms$/) ? 1 : (b ~ /us$/ ? 0.001 : 1000);
      sub(/[a-z]+$/, "", a); sub(/[a-z]+$/, "", b); printf "%.2fx", (b * ub) / (a * ua) }')"
  fi
  echo "peak RSS $(rss)"
  kill "$STANDIN_PID" 2>/dev/null || true
  exit 0
fi

if [ "$MODE" = "--scale" ]; then
  # At 1,000,000 orders the order rows and their indexes are ~290 MB and the drawer's list ~190 MB; MariaDB's
  # packaged default buffer pool is 128 MB, so random customers would mostly measure disk reads rather than the
  # queries. A production database holds its working set in memory: the pool is sized for the run
  # (BENCH_BUFFER_POOL, bytes; 0 keeps the server's) and put back afterwards, and the table the drawer reads
  # (drawer_orders) is read once before measuring, as a database that has been serving for a while has it.
  POOL=${BENCH_BUFFER_POOL:-1073741824}
  if [ "$POOL" != 0 ]; then
    OLD_POOL=$("${MYSQL[@]}" -N -e "SELECT @@innodb_buffer_pool_size")
    trap 'cleanup; "${MYSQL[@]}" -e "SET GLOBAL innodb_buffer_pool_size = $OLD_POOL" || true' EXIT
    "${MYSQL[@]}" -e "SET GLOBAL innodb_buffer_pool_size = $POOL"
    # The resize runs in the background: wait (at most a minute) until the pool's pages add up to most of it.
    PAGE=$("${MYSQL[@]}" -N -e "SELECT @@innodb_page_size")
    for _ in $(seq 1 60); do
      pages=$("${MYSQL[@]}" -N -e "SHOW GLOBAL STATUS LIKE 'Innodb_buffer_pool_pages_total'" | awk '{print $2}')
      [ $(( ${pages:-0} * PAGE )) -ge $(( POOL / 10 * 9 )) ] && break
      sleep 1
    done
  fi
  log "buffer pool $(( $("${MYSQL[@]}" -N -e "SELECT @@innodb_buffer_pool_size") / 1048576 )) MB"
  for n in 10000 1000000; do
    fresh_db "$n" $(( n / 10 ))
    "${MYSQL[@]}" -N "$DB" -e "SELECT SUM(LENGTH(name)) FROM drawer_orders FORCE INDEX (PRIMARY)" > /dev/null
    python3 bench/inputs.py drawer "$SECRET" "$n" $(( n / 10 )) > "$OUT/drawer.urls"
    wrk -t$THREADS -c$CONNECTIONS -d20s -s bench/urls.lua "$BASE" -- "$OUT/drawer.urls" > /dev/null   # JIT warm-up
    measure "W2@$n" "$BASE" bench/urls.lua "$OUT/drawer.urls"
  done
  exit 0
fi

ORDERS=${ORDERS:-100000}
CUSTOMERS=${CUSTOMERS:-10000}
# W1: unique delivery ids per run (prefix), every acknowledged delivery checked in the database afterwards.
measure_w1() {  # prefix
  local prefix=$1 rps p50 p99 bad acked w1cpu recorded distinct ordercount
  python3 bench/inputs.py webhooks "$SECRET" "$ORDERS" "$CUSTOMERS" src/test/resources/fixtures/webhooks/orders_create.json > "$OUT/webhooks.tsv"
  wrk -t$THREADS -c$CONNECTIONS -d5s -s bench/webhooks.lua "$BASE" -- "warm-$prefix" "$OUT/webhooks.tsv" > /dev/null
  cpu_start
  wrk -t$THREADS -c$CONNECTIONS -d15s --latency -s bench/webhooks.lua "$BASE" -- "$prefix" "$OUT/webhooks.tsv" > "$OUT/W1.txt"
  sleep 1
  rps=$(awk '/^Requests\/sec/ {print $2}' "$OUT/W1.txt"); p50=$(awk '$1 == "50%" {print $2}' "$OUT/W1.txt")
  p99=$(awk '$1 == "99%" {print $2}' "$OUT/W1.txt"); bad=$(awk '/Non-2xx or 3xx responses/ {print $5}' "$OUT/W1.txt")
  acked=$(awk '/requests in/ {print $1}' "$OUT/W1.txt")
  w1cpu=$(cpu_per_request "$acked")
  recorded=$("${MYSQL[@]}" -N "$DB" -e "SELECT COUNT(*) FROM webhook_deliveries WHERE webhook_id LIKE '$prefix-%'")
  distinct=$("${MYSQL[@]}" -N "$DB" -e "SELECT COUNT(DISTINCT webhook_id) FROM webhook_deliveries WHERE webhook_id LIKE '$prefix-%'")
  ordercount=$("${MYSQL[@]}" -N "$DB" -e "SELECT COUNT(*) FROM orders")
  printf '%-4s %10s req/s  p50 %8s  p99 %8s  non-2xx %s  (%s acknowledged, %s recorded once each: %s; orders still %s; %s)\n' \
    W1 "$rps" "$p50" "$p99" "${bad:-0}" "$acked" "$recorded" "$([ "$recorded" = "$distinct" ] && [ "$recorded" -ge "$acked" ] && echo yes || echo NO)" "$ordercount" "$w1cpu"
}

# W3K: the clicks of W3 with a Loop API key saved, against a local stand-in for Loop's deep-link API that answers
# after 50 ms (bench/provider_standin.py). Each click now lasts at least 50 ms, so at most CONNECTIONS/0.05 s can
# complete: W3K runs with more connections (W3K_CONNECTIONS), as a storefront has many shoppers waiting at once. The
# provider wait holds no thread (non-blocking client), so the rate is bounded by that arithmetic and the CPU, not by
# a thread pool. Needs $OUT/returns.urls and W3 measured just before (the ratio is printed).
session_token() {  # HS256 session token for the bench shop, as App Bridge presents one
  python3 - "$SECRET" <<'PY'
import base64, hashlib, hmac, json, sys, time, uuid
b64 = lambda b: base64.urlsafe_b64encode(b).rstrip(b"=").decode()
now = int(time.time())
shop = "bench-shop.myshopify.com"
claims = {"iss": f"https://{shop}/admin", "dest": f"https://{shop}", "aud": "bench-key", "sub": "1", "exp": now + 60,
          "nbf": now, "iat": now, "jti": str(uuid.uuid4()), "sid": str(uuid.uuid4())}
head = b64(b'{"alg":"HS256","typ":"JWT"}') + "." + b64(json.dumps(claims).encode())
print(head + "." + b64(hmac.new(sys.argv[1].encode(), head.encode(), hashlib.sha256).digest()))
PY
}
put_settings() {  # JSON body
  curl -s -o /dev/null -w '%{http_code}' -X PUT -H "Authorization: Bearer $(session_token)" -H 'Content-Type: application/json' \
    --data "$1" "$BASE/api/settings"
}
SETTINGS='"provider": "loop", "portal_url": "https://bench.loopreturns.com/#/", "enabled": true, "support_email": "help@bench.example"'
measure_w3k() {
  if [ -z "$PROVIDER_PID" ] || ! kill -0 "$PROVIDER_PID" 2>/dev/null; then
    # The interpreter itself, not a launcher script (pyenv's python3 is one): $! is then the process whose CPU is read.
    "$(python3 -c 'import sys; print(sys.executable)')" bench/provider_standin.py "$PROVIDER_PORT" 50 > "$OUT/provider.log" 2>&1 &
    PROVIDER_PID=$!
    sleep 0.5
  fi
  [ "$(put_settings "{$SETTINGS, \"api_key\": \"bench_loop_key_0123456789\"}")" = 200 ] || { log "could not save the Loop API key"; exit 1; }
  local location
  location=$(curl -s -o /dev/null -w '%{redirect_url}' "$BASE$(head -n 1 "$OUT/returns.urls")")
  log "a click with the key redirects to $location"
  case "$location" in https://bench.loopreturns.com/\#/lookup/*) ;; *) log "W3K: the click did not use the deep link"; exit 1 ;; esac
  W3K_CONNECTIONS=${W3K_CONNECTIONS:-512}
  local saved=$CONNECTIONS; CONNECTIONS=$W3K_CONNECTIONS
  measure W3K "$BASE" bench/urls.lua "$OUT/returns.urls"
  CONNECTIONS=$saved
  W3K_RATIO=$(awk '/^Requests\/sec/ {print $2}' "$OUT/W3.txt" "$OUT/W3K.txt" | paste -sd' ' | awk '{printf "%.0f", 100 * $2 / $1}')
  printf 'W3K with a Loop key (50 ms stand-in, %s connections) vs W3 without: %s%%\n' "$W3K_CONNECTIONS" "$W3K_RATIO"
  put_settings "{$SETTINGS, \"api_key\": null}" > /dev/null
}
# `--compare OLD.jar` (W1, W2) and `--compare-w3k OLD.jar` (W3, W3K: a change on the keyed click's path): on one
# database, the older jar and this build in turn, ROUNDS times; TURN measures one jar's turn.
compare_jars() {  # old.jar title turn
  local old_jar round which
  old_jar=$(readlink -f "$1")
  ROUNDS=${ROUNDS:-3}
  # The older build may not know migrations this one added: Flyway is told to accept those.
  export FLYWAY_DATASOURCES_DEFAULT_IGNORE_MIGRATION_PATTERNS='*:future'
  fresh_db "$ORDERS" "$CUSTOMERS"
  echo "Returns Drawer $2 before/after $(date -u +%Y-%m-%dT%H:%MZ), $("$JAVA" -version 2>&1 | head -n 1), $(nproc) cores, old $old_jar, new $NEW_JAR, $ROUNDS rounds"
  for round in $(seq 1 "$ROUNDS"); do
    for which in old new; do
      cleanup; APP_PID=""; PROVIDER_PID=""
      if [ "$which" = old ]; then use_jar "$old_jar"; else use_jar "$NEW_JAR"; fi
      start_app
      echo "round $round, $which (load $(cut -d' ' -f1-3 /proc/loadavg)):"
      "$3" "$which-$round"
    done
  done
}
w1_w2_turn() {  # label
  measure_w1 "run-$1"
  python3 bench/inputs.py drawer "$SECRET" "$ORDERS" "$CUSTOMERS" > "$OUT/drawer.urls"
  measure W2 "$BASE" bench/urls.lua "$OUT/drawer.urls"
}
w3_w3k_turn() {
  python3 bench/inputs.py returns "$SECRET" "$ORDERS" "$CUSTOMERS" > "$OUT/returns.urls"
  measure W3 "$BASE" bench/urls.lua "$OUT/returns.urls"
  measure_w3k
}
if [ "$MODE" = "--compare" ]; then
  compare_jars "${2:?usage: bench/run.sh --compare OLD.jar}" W1/W2 w1_w2_turn
  exit 0
fi
if [ "$MODE" = "--compare-w3k" ]; then
  compare_jars "${2:?usage: bench/run.sh --compare-w3k OLD.jar}" W3/W3K w3_w3k_turn
  exit 0
fi

fresh_db "$ORDERS" "$CUSTOMERS"
echo "Returns Drawer benchmark $(date -u +%Y-%m-%dT%H:%MZ), $("$JAVA" -version 2>&1 | head -n 1), $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, wrk -t$THREADS -c$CONNECTIONS, $ORDERS orders / $CUSTOMERS customers"
measure C0 "$BASE/health"
measure_w1 run

python3 bench/inputs.py drawer "$SECRET" "$ORDERS" "$CUSTOMERS" > "$OUT/drawer.urls"
measure W2 "$BASE" bench/urls.lua "$OUT/drawer.urls"
# W3 and W3K in turn, W3K_TURNS times: a shared host's speed can drift by tens of percent within minutes, so one W3
# and one W3K measured a minute apart can put the ratio anywhere from ~40 to ~65 %; a median of pairs moves far less.
ratios=()
for turn in $(seq 1 "${W3K_TURNS:-3}"); do
  python3 bench/inputs.py returns "$SECRET" "$ORDERS" "$CUSTOMERS" > "$OUT/returns.urls"
  measure W3 "$BASE" bench/urls.lua "$OUT/returns.urls"
  measure_w3k
  ratios+=("$W3K_RATIO")
done
echo "W3K/W3 over ${#ratios[@]} turns: ${ratios[*]} (%); median $(printf '%s\n' "${ratios[@]}" | sort -n | awk '{v[NR] = $1} END {print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2)}')%"
echo "peak RSS $(rss)"

# Start-up to a healthy /health on the embedded database (the dev environment), from a cold JVM.
cleanup; APP_PID=""
DEVDIR=$(mktemp -d)
t0=$(date +%s%N)
( cd "$DEVDIR" && MICRONAUT_ENVIRONMENTS=dev MICRONAUT_SERVER_PORT=$PORT exec "$JAVA" $JAVA_OPTS -jar "$JAR" ) > "$OUT/dev.log" 2>&1 &
APP_PID=$!
until [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/health" || true)" = 200 ]; do sleep 0.05; done
echo "start-up to healthy /health on the embedded database: $(( ($(date +%s%N) - t0) / 1000000 )) ms"
