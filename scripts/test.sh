#!/usr/bin/env bash
# Sets up (release build + dictionary) and runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cargo test --locked
