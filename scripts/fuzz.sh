#!/usr/bin/env bash
# Runs each extraction fuzz target for a fixed time (default 60 s each).
#
# Usage: scripts/fuzz.sh [SECONDS_PER_TARGET]
# Needs a nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`). Crashes are saved
# under fuzz/artifacts/<target>/; the corpus grows in fuzz/corpus/<target>/ (both ignored
# by git). Seeds come from the extraction test fixtures.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
for target in html_page warc_reader any_dump; do
    mkdir -p "fuzz/corpus/$target"
    cp -n tests/fixtures/extract/* "fuzz/corpus/$target/" 2>/dev/null || true
    echo "== $target ($seconds s)"
    cargo +nightly fuzz run "$target" "fuzz/corpus/$target" -- -max_total_time="$seconds" -max_len=262144
done
