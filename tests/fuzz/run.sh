#!/usr/bin/env bash
# Runs one libFuzzer target for a while in its own work folder, then merges what it found
# that is new into a minimised folder beside it (to review and copy into corpus/TARGET).
#   tests/fuzz/run.sh BUILD_DIR TARGET SECONDS WORK_DIR      (BUILD_DIR from -DCG_FUZZ=ON)
set -euo pipefail
build=$(cd "$1" && pwd) target=$2 seconds=$3 work=$4
src=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$work/found" "$work/artifacts" "$work/merged"
cd "$work"   # -jobs writes fuzz-N.log into the current folder
"$build/tests/$target" -max_total_time="$seconds" -jobs=1 -timeout=25 -rss_limit_mb=4096 \
  -max_len=65536 -print_final_stats=1 -artifact_prefix="$work/artifacts/" \
  found "$src/corpus/$target" || true
grep -E 'stat::number_of_executed_units|stat::peak_rss_mb|Done [0-9]+ runs|ERROR|invariant failed' fuzz-0.log || true
"$build/tests/$target" -merge=1 -max_len=65536 merged "$src/corpus/$target" found >merge.log 2>&1 || true
ls artifacts
