#!/usr/bin/env bash
# Sets up, then runs the main job end to end on the bundled sample.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cargo run --locked --quiet -- analyze "광양시 민관경제 대표단은 광양벤처밸리기업협의회와 업무협약을 체결했다"
