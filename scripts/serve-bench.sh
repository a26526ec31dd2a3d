#!/usr/bin/env bash
# The `dokaz serve` half of issue #19's benchmark: how long an edit takes
# to be shown, and how much memory the preview holds.
#
#   scripts/serve-bench.sh REGISTRY [EDITS]
#
# REGISTRY is a registry folder (scripts/bench.sh generates them under
# /tmp/dokaz-bench/registry-N; the edited file is restored at the end).
# Starts `dokaz serve` on it, waits for the first build, then EDITS times
# (default 3) appends a unique sentence to the body of the first practice
# and measures, from the client's side, when that practice's page served
# over HTTP carries it ("shown"), and from serve's own report when every
# affected page is ready ("all"); resident memory (VmRSS, and the peak
# VmHWM) after the first build and after each edit. Needs curl.
set -euo pipefail

REG=$(cd "${1:?usage: serve-bench.sh REGISTRY [EDITS]}" && pwd)
EDITS=${2:-3}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DOKAZ=${DOKAZ:-$ROOT/target/release/dokaz}
PORT=${PORT:-18111}
LOG=$(mktemp)

file=$(find "$REG/content/practices" -name '*.md' | sort | sed -n 1p)
id=$(basename "$file" .md)
[ "$id" = index ] && id=$(basename "$(dirname "$file")")
backup=$(mktemp)
cp -p "$file" "$backup"

DOKAZ_LANG=en "$DOKAZ" serve --root "$REG" --port "$PORT" >"$LOG" 2>&1 &
pid=$!
cleanup() {
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    cp -p "$backup" "$file"
    rm -f "$backup" "$LOG"
}
trap cleanup EXIT

rss() { awk '/^VmRSS/ {r=$2} /^VmHWM/ {h=$2} END {printf "rss %.2f GB (peak %.2f GB)", r/1048576, h/1048576}' "/proc/$pid/status"; }
now_ms() { date +%s%3N; }
# serve's "updated in" lines after line $1 of its log.
updated_after() { tail -n +"$(($1 + 1))" "$LOG" | grep 'updated in' || true; }

start=$(now_ms)
until grep -q 'built in' "$LOG"; do
    kill -0 "$pid" 2>/dev/null || { cat "$LOG"; exit 1; }
    sleep 0.2
done
echo "first build: $(( $(now_ms) - start )) ms, $(rss)"
grep 'built in' "$LOG" | tail -1

url="http://127.0.0.1:$PORT/practices/$id/"
for k in $(seq "$EDITS"); do
    mark="serve-bench-mark-$k-$$"
    lines_before=$(wc -l <"$LOG")
    t0=$(now_ms)
    printf '\n\nA sentence added by serve-bench: %s.\n' "$mark" >>"$file"
    until curl -fsS "$url" 2>/dev/null | grep -q "$mark"; do
        sleep 0.01
    done
    shown=$(( $(now_ms) - t0 ))
    until [ -n "$(updated_after "$lines_before")" ]; do
        sleep 0.05
    done
    all=$(( $(now_ms) - t0 ))
    echo "edit $k: shown after $shown ms, every affected page after $all ms, $(rss)"
    updated_after "$lines_before" | tail -1
    sleep 1
done
