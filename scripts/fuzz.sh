#!/usr/bin/env bash
# Runs each fuzz target for a fixed time (default 60 s each) and prints, per target, the
# executions and whether it crashed.
#
# Usage: scripts/fuzz.sh [SECONDS_PER_TARGET]
# Needs a nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`). Crashes are saved
# under fuzz/artifacts/<target>/; the corpus grows in fuzz/corpus/<target>/ (both ignored
# by git). Seeds come from the extraction test fixtures and a few queries.
set -uo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
status=0
mkdir -p fuzz/corpus/query_parser
printf '%s' '광양 매화' >fuzz/corpus/query_parser/words
printf '%s' '"매화 축제" -title:(광양 OR 순천) reporter:홍길동' >fuzz/corpus/query_parser/all
printf '%s' '(((광양 OR "순천' >fuzz/corpus/query_parser/broken
for target in html_page warc_reader any_dump query_parser; do
    mkdir -p "fuzz/corpus/$target"
    if [ "$target" != query_parser ]; then
        cp -n tests/fixtures/extract/* "fuzz/corpus/$target/" 2>/dev/null || true
    fi
    log="fuzz/$target.log"
    cargo +nightly fuzz run "$target" "fuzz/corpus/$target" -- \
        -max_total_time="$seconds" -max_len=262144 -timeout=10 >"$log" 2>&1
    code=$?
    execs=$(grep -o 'Done [0-9]* runs' "$log" | grep -o '[0-9]*' | tail -1)
    if [ "$code" -eq 0 ]; then
        echo "$target: ${execs:-?} executions in $seconds s, no crash"
    else
        status=1
        echo "$target: crashed (exit $code) after ${execs:-?} executions; see $log and fuzz/artifacts/$target/"
        grep -m1 -E 'panicked|ERROR' "$log" || true
    fi
done
exit "$status"
