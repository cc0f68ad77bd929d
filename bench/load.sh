#!/usr/bin/env bash
# The hardening load (not part of `make test`): 500 residents at once for 60 s browse,
# post, support and comment through the plain forms of a release build, then the database
# is checked against what the server accepted, and the server's memory is sampled.
#
#   bench/load.sh                      # SQLite (bench/work/load.db, made anew)
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/jatinan_load bench/load.sh
#
# LOAD_CLIENTS and LOAD_SECONDS change 500 and 60; LOAD_READ_ONLY=1 only browses (the data
# then stays the same size, which tells memory that follows the data from a leak). Prints the tally and exits non-zero on
# any server error, failed request or count that does not match.
set -euo pipefail
cd "$(dirname "$0")/.."

TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
BIN="$TARGET_DIR/release/jatinan"
# The clients are a debug build: their speed is not what is measured, and it reuses the
# test build instead of a second release build of the whole workspace.
TOOL="$TARGET_DIR/debug/examples/load"
CLIENTS="${LOAD_CLIENTS:-500}"
SECONDS_RUN="${LOAD_SECONDS:-60}"
PORT="${LOAD_PORT:-3198}"
WORK=bench/work
mkdir -p "$WORK"

DB_URL="${DATABASE_URL:-sqlite://$WORK/load.db}"
case "$DB_URL" in
  postgres://*|postgresql://*)
    name="${DB_URL##*/}"
    psql -q "${DB_URL%/*}/postgres" -c "DROP DATABASE IF EXISTS \"$name\"" -c "CREATE DATABASE \"$name\""
    ;;
  *) rm -f "$WORK"/load.db* ;;
esac

make build
cargo build --locked -p server --example load
# Each client holds a connection or two; the default of 1024 open files is too few.
ulimit -n 65536 2>/dev/null || ulimit -n 4096 || true

DATABASE_URL="$DB_URL" DATA_DIR="$WORK/load-data" LEPTOS_SITE_ADDR="127.0.0.1:$PORT" \
  BASE_URL="http://127.0.0.1:$PORT" RUST_LOG=warn \
  RATE_LIMIT_POSTS=0 RATE_LIMIT_COMMENTS=0 RATE_LIMIT_FLAGS=0 RATE_LIMIT_SUPPORTS=0 \
  "$BIN" serve &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$PORT/readyz" >/dev/null && break; sleep 0.2; done

DATABASE_URL="$DB_URL" "$TOOL" run "http://127.0.0.1:$PORT" "$CLIENTS" "$SECONDS_RUN" "$SERVER"
kill -TERM $SERVER
wait $SERVER
echo "server stopped cleanly after SIGTERM"
