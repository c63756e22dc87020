#!/usr/bin/env bash
# Builds dongne and the Korean dictionary if it is missing or broken.
# Needs Rust and python3 with pip; downloads only the python-mecab-ko-dic wheel.
# The build is the test profile (dependencies optimised), so the test suite reuses it;
# benchmarks build their own release binary.
set -euo pipefail
cd "$(dirname "$0")/.."
# This checkout is the data home: its dictionaries/ and index/.
export DONGNE_HOME="$PWD"

WHEEL_SPEC="python-mecab-ko-dic==2.1.1.post2"
DOWNLOADS=dictionaries/downloads

cargo build --locked --quiet
dongne() { cargo run --locked --quiet -- "$@"; }
if dongne dict info >/dev/null 2>&1; then
    exit 0
fi
mkdir -p "$DOWNLOADS"
wheel=$(ls "$DOWNLOADS"/python_mecab_ko_dic-2.1.1.post2-*.whl 2>/dev/null | head -n 1 || true)
if [ -z "$wheel" ]; then
    python3 -m pip download --quiet --no-deps "$WHEEL_SPEC" -d "$DOWNLOADS"
    wheel=$(ls "$DOWNLOADS"/python_mecab_ko_dic-2.1.1.post2-*.whl | head -n 1)
fi
dongne dict build --source "$wheel"
