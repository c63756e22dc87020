#!/usr/bin/env bash
# Builds dongne (release) and the Korean dictionary if it is missing or out of date.
# Needs Rust and python3 with pip; downloads only the python-mecab-ko-dic wheel.
set -euo pipefail
cd "$(dirname "$0")/.."

WHEEL_SPEC="python-mecab-ko-dic==2.1.1.post2"
DOWNLOADS=dictionaries/downloads

cargo build --release --locked --quiet
if ./target/release/dongne dict info >/dev/null 2>&1; then
    exit 0
fi
mkdir -p "$DOWNLOADS"
wheel=$(ls "$DOWNLOADS"/python_mecab_ko_dic-2.1.1.post2-*.whl 2>/dev/null | head -n 1 || true)
if [ -z "$wheel" ]; then
    python3 -m pip download --quiet --no-deps "$WHEEL_SPEC" -d "$DOWNLOADS"
    wheel=$(ls "$DOWNLOADS"/python_mecab_ko_dic-2.1.1.post2-*.whl | head -n 1)
fi
./target/release/dongne dict build --source "$wheel"
