#!/usr/bin/env bash
# `make bench`: seeds a large database, serves it from the release build and measures the
# pages with wrk at a fixed concurrency against a static copy of the list page served by
# the same server; counts SQL statements per page, shows the query plans, weighs what a
# phone downloads and times one mail worker. Writes BENCHMARKS.md.
#
# `bench/run.sh queries` (`make bench-queries`) seeds 1,000,000 issues instead and times
# only the pages' statements, with their plans: the budget for queries is set at that size.
#
# `bench/run.sh live` (`make bench-live`) seeds a small database and measures only the live
# hour: BENCH_VIEWERS (2,000) Server-Sent Events viewers of one session, BENCH_ACTIONS (20)
# console steps, how long each takes to reach the viewers, and the server's memory per
# viewer. `make bench` measures it too, after the pages.
#
# SQLite by default (bench/work/jatinan.db, recreated); PostgreSQL with
# DATABASE_URL=postgres://postgres@127.0.0.1:5432/jatinan_bench (that database is
# dropped and created again). BENCH_SIZES="issues supports comments sessions follow_ups",
# BENCH_SECONDS (per page) and BENCH_OUT (the report) change the defaults.
set -euo pipefail
cd "$(dirname "$0")/.."

TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
BIN="$TARGET_DIR/release/jatinan"
TOOL="$TARGET_DIR/release/bench"
MODE="${1:-pages}"
case "$MODE" in
  pages) SIZES="${BENCH_SIZES:-100000 1000000 300000 500 50000}" ;;
  queries) SIZES="${BENCH_SIZES:-1000000 1000000 300000 500 50000}" ;;
  live) SIZES="${BENCH_SIZES:-2000 10000 5000 20 500}" ;;
  *) echo "usage: bench/run.sh [pages|queries|live]" >&2; exit 2 ;;
esac
VIEWERS="${BENCH_VIEWERS:-2000}"
ACTIONS="${BENCH_ACTIONS:-20}"
# Each viewer is a connection on both sides of loopback.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || ulimit -n 65536 2>/dev/null || true
SECONDS_EACH="${BENCH_SECONDS:-10}"
CONNECTIONS=64
PORT="${BENCH_PORT:-3199}"
BASE="http://127.0.0.1:$PORT"
WORK=bench/work
mkdir -p "$WORK"

DB_URL="${DATABASE_URL:-sqlite://$WORK/jatinan.db}"
case "$DB_URL" in
  postgres://*|postgresql://*)
    BACKEND=PostgreSQL
    name="${DB_URL##*/}"
    admin="${DB_URL%/*}/postgres"
    psql -q "$admin" -c "DROP DATABASE IF EXISTS \"$name\"" -c "CREATE DATABASE \"$name\""
    ;;
  *)
    BACKEND=SQLite
    rm -f "$WORK"/jatinan.db*
    ;;
esac
export DATABASE_URL="$DB_URL"
OUT="${BENCH_OUT:-BENCHMARKS.md}"
# This run's section of the report, between its markers; the other sections stay.
if [ "$MODE" = queries ]; then
  START="<!-- $BACKEND queries at scale: written by bench/run.sh queries -->"
  END="<!-- end of $BACKEND queries at scale -->"
elif [ "$MODE" = live ]; then
  START="<!-- $BACKEND live hour: written by bench/run.sh live -->"
  END="<!-- end of $BACKEND live hour -->"
else
  START="<!-- $BACKEND results: written by bench/run.sh -->"
  END="<!-- end of $BACKEND results -->"
fi

# Puts $WORK/section.md between this run's markers in $OUT (appended the first time).
write_section() {
  touch "$OUT"
  if grep -qF "$START" "$OUT"; then
    awk -v start="$START" -v end="$END" -v section="$WORK/section.md" '
      $0 == start { while ((getline line < section) > 0) print line; skipping = 1; next }
      $0 == end { skipping = 0; next }
      !skipping { print }' "$OUT" > "$OUT.new"
  else
    { cat "$OUT"; echo; cat "$WORK/section.md"; } > "$OUT.new"
  fi
  mv "$OUT.new" "$OUT"
  echo "== wrote $OUT"
}
machine() {
  echo "$(nproc) cores ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo) RAM, $(uname -sr)"
}

echo "== seeding ($BACKEND): $SIZES"
seed_started=$(date +%s)
# shellcheck disable=SC2086
"$TOOL" seed $SIZES > "$WORK/facts.env"
seed_seconds=$(( $(date +%s) - seed_started ))
# shellcheck disable=SC1091
source "$WORK/facts.env"

if [ "$MODE" = queries ]; then
  echo "== plans"
  "$TOOL" plans > "$WORK/plans.md"
  {
    echo "$START"
    echo
    echo "## $BACKEND: queries at 1,000,000 issues"
    echo
    echo "Measured by \`make bench-queries\` ($BACKEND) on $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD), on $(machine)."
    echo "Data: $SIZES (issues, supports, comments, sessions, follow-ups), seeded in $seed_seconds s."
    echo "Each statement the page's services run, timed alone (median of 15 runs)."
    echo
    cat "$WORK/plans.md"
    echo
    echo "$END"
  } > "$WORK/section.md"
  write_section
  exit 0
fi

echo "== serving on $BASE"
DATA_DIR="$WORK/data" LEPTOS_SITE_ROOT=target/site LEPTOS_SITE_ADDR="127.0.0.1:$PORT" \
  BASE_URL="$BASE" MAIL_POLL_SECS=3600 RUST_LOG=warn "$BIN" serve > "$WORK/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  curl -sf "$BASE/readyz" > /dev/null && break
  sleep 0.2
done

# The live hour: viewers of one session and the secretariat's steps (`bench live`).
live_hour() {
  echo "== live: $VIEWERS viewers, $ACTIONS steps"
  "$TOOL" live "$BASE" "$server" "$VIEWERS" "$ACTIONS" > "$WORK/live.env"
  # shellcheck disable=SC1091
  source "$WORK/live.env"
}
live_report() {
  echo "### The live hour"
  echo
  echo "$LIVE_VIEWERS viewers of one session on this one instance, each an open Server-Sent Events stream"
  echo "(\`/sessions/{id}/events\`, connected in $LIVE_CONNECT_SECS s), while the secretariat takes $LIVE_ACTIONS steps"
  echo "(\`take-up\`, a form post each, 200 ms apart). From the post to the viewer reading the event's id:"
  echo
  echo "| | p50 (ms) | p99 (ms) |"
  echo "|---|---:|---:|"
  echo "| each viewer | $LIVE_EACH_P50_MS | $LIVE_EACH_P99_MS |"
  echo "| the last viewer of each step | $LIVE_LAST_P50_MS | $LIVE_LAST_P99_MS |"
  echo
  echo "Target: the last viewer within 1 s (p99). The server's resident memory went from $LIVE_RSS_BEFORE_MIB MiB to"
  echo "$LIVE_RSS_AFTER_MIB MiB with the viewers connected: **$LIVE_KIB_PER_VIEWER KiB per viewer**."
  echo "Command: \`make bench-live\` (or within \`make bench\`); BENCH_VIEWERS and BENCH_ACTIONS change the crowd."
}
if [ "$MODE" = live ]; then
  live_hour
  kill $server; wait $server 2>/dev/null || true
  trap - EXIT
  {
    echo "$START"
    echo
    echo "## $BACKEND: the live hour"
    echo
    echo "Measured by \`make bench-live\` ($BACKEND) on $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD), on $(machine)."
    echo
    live_report
    echo
    echo "$END"
  } > "$WORK/section.md"
  write_section
  exit 0
fi

# The static baseline: the list page's exact HTML, served as a file by the same server.
curl -sf "$BASE/issues" > target/site/bench-static.html

PAGES=(
  "static copy of the list|/bench-static.html"
  "home|/"
  "list|/issues"
  "list, filtered and sorted|/issues?kecamatan=$KECAMATAN&sort=supported"
  "list, deep page|/issues?cursor=$DEEP_CURSOR"
  "search|/issues?q=jalan+rusak"
  "issue with 200 comments|/issues/$ISSUE_200"
  "session page|/sessions/$SESSION"
  "OPD scorecard|/scorecard"
  "Open311 GET requests|/open311/v2/requests.json"
)

# Signed-out readers' pages are kept for a few seconds (PAGE_CACHE_SECS); a request with
# any cookie but `lang` (as a signed-in reader's) is rendered every time. Both are measured.
RENDER=(-H "Cookie: bench=render")

statements() {
  curl -sf "$BASE/metrics" | awk '/^jatinan_db_statements_total/ {print $2}'
}

# The jobs that run at start (deadline reminders for the seeded follow-ups, and the mail
# they queue) first: wait until a second passes with no more than the scrapes' statements.
for _ in $(seq 1 300); do
  a=$(statements); sleep 1; b=$(statements)
  [ $(( b - a )) -le 4 ] && break
done

# Statements one /metrics scrape itself runs, to subtract. The periodic jobs run
# statements now and then too, so each count is the least of a few tries.
scrape=1000000
for _ in 1 2 3 4 5; do
  a=$(statements); b=$(statements)
  scrape=$(( b - a < scrape ? b - a : scrape ))
done

# Statements per page first, on an idle server (after the start-up jobs), then the load:
# requests still queued when wrk stops would be counted with the next page.
sleep 5
counts=()
for entry in "${PAGES[@]}"; do
  label="${entry%%|*}"; path="${entry#*|}"
  least=1000000
  for _ in 1 2 3; do
    before=$(statements)
    for _ in 1 2 3 4 5; do curl -sf "${RENDER[@]}" -o /dev/null "$BASE$path"; done
    after=$(statements)
    least=$(( after - before - scrape < least ? after - before - scrape : least ))
  done
  per_page=$(awk -v d="$least" 'BEGIN { printf "%.0f", d / 5 }')
  echo "== $label ($path): $per_page statements"
  counts+=("$per_page")
done

# One wrk run: "label|path|requests/s|p50|p99|errors|statements" (extra wrk options first).
load() {
  local label="$1" path="$2" per_page="$3"; shift 3
  sleep 2
  wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_EACH}s" --timeout 10s --latency "$@" "$BASE$path" > "$WORK/wrk.txt"
  rps=$(awk '/^Requests\/sec/ {print $2}' "$WORK/wrk.txt")
  p50=$(awk '$1 == "50%" {print $2}' "$WORK/wrk.txt")
  p99=$(awk '$1 == "99%" {print $2}' "$WORK/wrk.txt")
  errors=$(awk '/Non-2xx or 3xx/ {print $5}' "$WORK/wrk.txt")
  echo "$label|$path|$rps|$p50|$p99|${errors:-0}|$per_page"
}
rows=()
rendered=()
for n in "${!PAGES[@]}"; do
  entry="${PAGES[$n]}"; label="${entry%%|*}"; path="${entry#*|}"
  rows+=("$(load "$label" "$path" "${counts[$n]}")")
  # The static file and Open311's JSON are not pages the cache keeps.
  if [ "$n" -gt 0 ] && [ "${path#/open311/}" = "$path" ]; then
    rendered+=("$(load "$label" "$path" "${counts[$n]}" "${RENDER[@]}")")
  fi
done

# Server time of the long discussion, rendered: one connection, no queueing.
wrk -t1 -c1 -d"${SECONDS_EACH}s" --latency "${RENDER[@]}" "$BASE/issues/$ISSUE_200" > "$WORK/wrk1.txt"
issue_alone_p50=$(awk '$1 == "50%" {print $2}' "$WORK/wrk1.txt")

gz() { curl -sf -H 'Accept-Encoding: gzip' "$BASE$1" | wc -c; }
# The site's files also have brotli copies (`--precompress`); pages are gzipped per request.
br() { curl -sf -H 'Accept-Encoding: br' "$BASE$1" | wc -c; }
raw() { curl -sf "$BASE$1" | wc -c; }
css=$(ls target/site/pkg/*.css | head -n 1); css="/pkg/${css##*/}"
wasm=$(ls target/site/pkg/*.wasm | head -n 1); wasm="/pkg/${wasm##*/}"
js=$(ls target/site/pkg/*.js | head -n 1); js="/pkg/${js##*/}"
weights=(
  "home HTML|$(raw /)|$(gz /)|–"
  "list HTML|$(raw /issues)|$(gz /issues)|–"
  "CSS|$(raw "$css")|$(gz "$css")|$(br "$css")"
  "wasm|$(raw "$wasm")|$(gz "$wasm")|$(br "$wasm")"
  "JS|$(raw "$js")|$(gz "$js")|$(br "$js")"
  "app.js (every page)|$(raw /app.js)|$(gz /app.js)|$(br /app.js)"
  "sw.js (installed once)|$(raw /sw.js)|$(gz /sw.js)|$(br /sw.js)"
)
live_hour
kill $server; wait $server 2>/dev/null || true
trap - EXIT
rm -f target/site/bench-static.html

echo "== plans"
"$TOOL" plans > "$WORK/plans.md"
echo "== mail"
"$TOOL" mail 2000 > "$WORK/mail.env"
# shellcheck disable=SC1091
source "$WORK/mail.env"

ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) printf "%.2f", v / 1000; else if (v ~ /ms$/) printf "%.2f", v + 0; else if (v ~ /s$/) printf "%.2f", v * 1000; else print v }'; }
static_rps=$(echo "${rows[0]}" | cut -d'|' -f3)
table() {
  echo "| Page | Requests/s | of static | p50 (ms) | p99 (ms) | Errors | SQL statements |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
  for row in "$@"; do
    IFS='|' read -r label path rps p50 p99 errors per_page <<< "$row"
    ratio=$(awk -v a="$rps" -v b="$static_rps" 'BEGIN { printf "%.0f %%", 100 * a / b }')
    echo "| $label (\`$path\`) | $rps | $ratio | $(ms "$p50") | $(ms "$p99") | $errors | $per_page |"
  done
}

{
  echo "$START"
  echo
  echo "## $BACKEND"
  echo
  echo "Measured by \`make bench\` ($BACKEND) on $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD)."
  echo
  echo "- Machine: $(machine)."
  echo "- Data: $SIZES (issues, supports, comments, sessions, follow-ups), seeded in $seed_seconds s."
  echo "- Load: \`wrk -t2 -c$CONNECTIONS -d${SECONDS_EACH}s --timeout 10s --latency\` against the release build on the same machine."
  echo "- Commands: \`make bench\` (SQLite), \`DATABASE_URL=postgres://postgres@127.0.0.1:5432/jatinan_bench make bench\`."
  echo
  echo "### Pages, as a signed-out reader gets them"
  echo
  echo "Pages are kept for PAGE_CACHE_SECS (5 s) and until anything is written; these are mostly"
  echo "answered from that cache. SQL statements are those of one rendering."
  echo
  table "${rows[@]}"
  echo
  echo "### Pages rendered every time"
  echo
  echo "The same pages with a cookie other than \`lang\` (\`${RENDER[*]:1}\`), which the cache does not keep, as"
  echo "for a signed-in reader: what one rendering costs."
  echo
  table "${rendered[@]}"
  echo
  echo "The issue page with 200 comments, rendered, on one connection (server time without queueing): p50 $(ms "$issue_alone_p50") ms."
  echo
  echo "### Weight (what a phone downloads)"
  echo
  echo "| Resource | Raw (bytes) | gzip (bytes) | brotli (bytes) |"
  echo "|---|---:|---:|---:|"
  for row in "${weights[@]}"; do
    IFS='|' read -r label r g b <<< "$row"
    echo "| $label | $r | $g | $b |"
  done
  echo
  echo "### Queries"
  echo
  echo "Each statement the page's services run, timed alone (median of 15 runs)."
  echo
  cat "$WORK/plans.md"
  echo
  echo "### Mail"
  echo
  echo "One worker delivered $MAIL_SENT messages to a loopback SMTP server in $MAIL_SECONDS s: **$MAIL_PER_SECOND messages/s**."
  echo
  live_report
  echo
  echo "$END"
} > "$WORK/section.md"
write_section
