#!/usr/bin/env bash
# Sets up (build + dictionary) and runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cargo test --locked
