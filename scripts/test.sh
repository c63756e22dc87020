#!/usr/bin/env bash
# Sets up (build + dictionary) and runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
# This checkout is the data home: its dictionaries/ and index/.
export DONGNE_HOME="$PWD"
scripts/setup.sh
cargo test --workspace --locked
