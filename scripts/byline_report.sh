#!/usr/bin/env bash
# Reporter hit rate and extraction throughput over the national-dailies corpus.
#
# Usage: scripts/byline_report.sh [CORPUS.jsonl]
# Default corpus: ../shared/corpus/national-dailies-2019.jsonl (relative to the crate root).
# An article "has a byline" when the last 300 or first 150 characters of its body hold a
# Korean name followed by a reporter title (기자, 특파원, ...); a hit is an extracted article
# with at least one reporter.
set -euo pipefail
cd "$(dirname "$0")/.."
# This checkout is the data home: its dictionaries/ and index/.
export DONGNE_HOME="$PWD"
corpus="${1:-../shared/corpus/national-dailies-2019.jsonl}"
if [[ ! -f "$corpus" ]]; then
    echo "corpus $corpus not found; nothing to measure" >&2
    exit 0
fi
cargo build --release --quiet
python3 - "$corpus" <<'PY'
import json, os, re, resource, subprocess, sys, time
corpus = sys.argv[1]
start = time.monotonic()
run = subprocess.run(["./target/release/dongne", "extract", "--json", corpus], capture_output=True, text=True)
seconds = time.monotonic() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = usage.ru_utime + usage.ru_stime
source = {}
with open(corpus, encoding="utf-8") as f:
    for number, line in enumerate(f, 1):
        if line.strip():
            source[f"line {number}"] = json.loads(line)
extracted = {}
for line in run.stdout.splitlines():
    article = json.loads(line)
    extracted[article["source"].get("record")] = article
byline = re.compile(r"[가-힣]{2,4}\s*(?:[가-힣 ]{0,8}\s)?(?:선임기자|기자|특파원|논설위원)(?![가-힣])")
with_byline = [k for k, a in source.items() if byline.search(a.get("body", "")[-300:]) or byline.search(a.get("body", "")[:150])]
hits = [k for k in with_byline if extracted.get(k, {}).get("reporters")]
misses = [k for k in with_byline if k not in hits]
size = os.path.getsize(corpus) / 1e6
print(run.stderr.strip().splitlines()[-1] if run.stderr.strip() else "")
print(f"articles in corpus: {len(source)}, extracted: {len(extracted)}")
print(f"with a byline: {len(with_byline)}, reporter found: {len(hits)} ({100 * len(hits) / max(1, len(with_byline)):.1f}%)")
print(f"reporter found without a byline in the first 150 / last 300 characters: {sum(1 for k in source if k not in with_byline and extracted.get(k, {}).get('reporters'))}")
print(f"wall: {seconds:.2f} s, {len(extracted) / seconds:.0f} articles/s, {size / seconds:.1f} MB/s")
print(f"cpu:  {cpu:.2f} s, {len(extracted) / cpu:.0f} articles/s, {size / cpu:.1f} MB/s (one thread)")
print("sample misses (end of body):")
for k in misses[:15]:
    print(f"  {k}: …{source[k]['body'][-90:]!r}")
PY
