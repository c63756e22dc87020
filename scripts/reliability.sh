#!/usr/bin/env bash
# The slow reliability checks, not in the default test run: many `kill -9`s of an ingest
# (each checked: the index opens, every committed batch is there, a rerun completes it
# exactly), the hostile-input and fault tests with their figures, then every fuzz target
# for a fixed time (scripts/fuzz.sh; needs nightly and cargo-fuzz).
#
# Usage: scripts/reliability.sh [KILLS] [FUZZ_SECONDS_PER_TARGET]   (default 200, 60)
set -uo pipefail
cd "$(dirname "$0")/.."
# This checkout is the data home: its dictionaries/ and index/.
export DONGNE_HOME="$PWD"
kills="${1:-200}"
seconds="${2:-60}"
figures() {
    grep -aE -A6 '^(test result|[0-9]+ (kills|input|queries|searches))|failed cleanly|skipping|panicked' |
        cut -c1-400 || true
}

echo "== kill -9 of ingest, $kills times"
DONGNE_KILLS="$kills" cargo test --locked --test faults kill_9 -- --nocapture 2>&1 | figures

echo "== hostile inputs, hostile queries and the other faults"
cargo test --locked --test hostile_inputs --test faults -- --nocapture 2>&1 | figures

echo "== fuzzing, $seconds s per target"
scripts/fuzz.sh "$seconds"
