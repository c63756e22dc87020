#!/usr/bin/env bash
# Installs dongne with `cargo install` into a scratch directory and uses it as a new user
# would: a fresh HOME, no DONGNE_HOME, a working directory outside the checkout. It builds
# the dictionary (downloading it), ingests the bundled sample, searches with a region filter,
# and prints completions and the manual page. Fails when anything was written inside the
# checkout.
set -euo pipefail
cd "$(dirname "$0")/.."
checkout=$PWD
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
touch "$scratch/started"
sleep 1

cargo install --locked --quiet --path . --root "$scratch/root" --target-dir "$scratch/target"
dongne=$scratch/root/bin/dongne
mkdir -p "$scratch/home" "$scratch/work"
cd "$scratch/work"
run() { env -u DONGNE_HOME HOME="$scratch/home" XDG_DATA_HOME= "$dongne" "$@"; }

run dict build --quiet > /dev/null
data=$scratch/home/.local/share/dongne
[[ -f $data/dictionaries/ko-dic/dongne-dictionary.json ]] || {
    echo "install check: the dictionary is not in $data" >&2
    exit 1
}
run ingest "$checkout/samples/dump"
[[ -f $data/index/meta.json ]] || {
    echo "install check: the index is not in $data" >&2
    exit 1
}
found=$(run search 축제 --region 전라남도 --count)
[[ $found -gt 0 ]] || {
    echo "install check: \`dongne search 축제 --region 전라남도\` found nothing" >&2
    exit 1
}
run completions bash | grep -q '_dongne'
run man | grep -q '^\.TH dongne'

written=$(find "$checkout" -path "$checkout/.git" -prune -o -newer "$scratch/started" -print)
if [[ -n $written ]]; then
    echo "install check: files written inside the checkout:" >&2
    echo "$written" >&2
    exit 1
fi
echo "install check: installed dongne built its dictionary, ingested and searched outside the checkout ($found results)"
