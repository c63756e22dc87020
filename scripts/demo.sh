#!/usr/bin/env bash
# Sets up, then runs the main job end to end on the bundled sample dump: ingest it into
# index/, then search it.
set -euo pipefail
cd "$(dirname "$0")/.."
# This checkout is the data home: its dictionaries/ and index/.
export DONGNE_HOME="$PWD"
scripts/setup.sh
dongne() { cargo run --locked --quiet -- "$@"; }
set -x
dongne ingest samples/dump --rebuild
dongne stats
dongne search "광양시에서"
dongne search "축제" --region 전라남도 --facets region,press
dongne search "중구" --region "서울 중구"
dongne search "제설" --region 강원특별자치도 --from 2019-01 --to 2019-12
