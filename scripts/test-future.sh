#!/usr/bin/env bash
# Runs the Rust test suites with the machine's clock moved ahead (default: a year), to show
# that no test depends on the day it runs. The test binaries are built first with the real
# clock (cargo's freshness checks read file times), then each runs under libfaketime;
# processes they start (the `jatinan` binary of the command tests) inherit the offset.
set -euo pipefail
cd "$(dirname "$0")/.."
OFFSET="${FAKETIME_OFFSET:-+365d}"
command -v faketime >/dev/null || { apt-get update -qq && apt-get install -y -qq faketime; }

binaries() {
  cargo test "$@" --locked --no-run --message-format=json 2>/dev/null | python3 -c '
import json, sys
for line in sys.stdin:
    try:
        m = json.loads(line)
    except ValueError:
        continue
    if m.get("reason") == "compiler-artifact" and m.get("executable") and m.get("profile", {}).get("test"):
        print(m["executable"])
'
}

cargo test -p app --features ssr --locked --no-run
cargo test -p migrations -p server --locked --no-run
status=0
for bin in $(binaries -p app --features ssr) $(binaries -p migrations -p server); do
  echo "== $(basename "$bin") at $(faketime -f "$OFFSET" date -u +%F)"
  # The command tests look for the binary next to the test; run from the package folder.
  case "$bin" in
    */commands-*|*/http-*) dir=server ;;
    */migrations-*) dir=migrations ;;
    *) dir=app ;;
  esac
  (cd "$dir" && faketime -f "$OFFSET" "$bin") || status=1
done
exit $status
