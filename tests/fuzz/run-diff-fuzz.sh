#!/usr/bin/env bash
# Runs the diff fuzz target on a corpus seeded with the shared real exports and the golden
# files. Usage: tests/fuzz/run-diff-fuzz.sh BUILD_DIR SECONDS [extra libFuzzer flags]
set -euo pipefail
build=$1 seconds=$2
shift 2
here=$(cd "$(dirname "$0")/../.." && pwd)
corpus=$(mktemp -d)
trap 'rm -rf "$corpus"' EXIT
shared=$(ls -d "$here/../shared/data/rsc" /work/shared/data/rsc 2>/dev/null | head -1)
cp "$shared"/*.rsc "$corpus"/
cp "$here"/tests/golden/compile/examples/*.rsc "$here"/tests/golden/diff/*/running.rsc \
   "$here"/tests/import/*.rsc "$here"/tests/fuzz/corpus-export/* "$corpus"/ 2>/dev/null || true
for f in "$here"/tests/golden/diff/*/running.rsc; do cp "$f" "$corpus/$(basename "$(dirname "$f")").rsc"; done
exec "$build/fuzz_diff" "$corpus" "$here/tests/fuzz/corpus-diff" -len_control=0 \
  -max_len=16384 -max_total_time="$seconds" -print_final_stats=1 "$@"
