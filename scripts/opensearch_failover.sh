#!/usr/bin/env bash
# Failover: a two-node cluster with one replica loses a node (SIGKILL) in the middle of an
# ingest; the ingest completes, or a rerun completes it, and the index then holds exactly the
# articles of a clean run.
#
#   scripts/opensearch_failover.sh [DUMP…]     (default: ../shared's national dailies)
#
# Runs its own two nodes (ports 19400, 19401, data apart from scripts/opensearch.sh's
# default) and stops them at exit. Uses target/release/dongne when built, else builds it.
set -euo pipefail
cd "$(dirname "$0")/.."
export DONGNE_HOME="$PWD"
dumps=("$@")
[ ${#dumps[@]} -gt 0 ] || dumps=(../shared/corpus/national-dailies-2019.jsonl)
for dump in "${dumps[@]}"; do [ -e "$dump" ] || { echo "skipped: $dump is absent"; exit 0; }; done
[ -x target/release/dongne ] || cargo build --release --locked
dongne=target/release/dongne

cache="${DONGNE_OPENSEARCH_CACHE:-$([ "$(id -u)" -eq 0 ] && echo /var/cache/dongne/opensearch || echo "${XDG_CACHE_HOME:-$HOME/.cache}/dongne/opensearch")}"
export DONGNE_OPENSEARCH_RUN="$cache/run-failover"
trap 'scripts/opensearch.sh stop' EXIT
url="$(scripts/opensearch.sh start --nodes 2 --port 19400 --heap 512m | tail -1)"

count() { curl -fsS "$url/$1/_count" | python3 -c 'import json,sys; print(json.load(sys.stdin)["count"])'; }
ids() {
    curl -fsS -H 'content-type: application/json' "$url/$1/_search" \
        -d '{"size":10000,"_source":false,"sort":[{"id":"asc"}]}' |
        python3 -c 'import json,sys,hashlib; h=[x["_id"] for x in json.load(sys.stdin)["hits"]["hits"]]; print(len(h), hashlib.sha1(",".join(h).encode()).hexdigest()[:12])'
}
groups() {
    curl -fsS -H 'content-type: application/json' "$url/$1/_search" \
        -d '{"size":0,"aggs":{"g":{"cardinality":{"field":"dup_group","precision_threshold":40000}}}}' |
        python3 -c 'import json,sys; print(json.load(sys.stdin)["aggregations"]["g"]["value"])'
}

echo "== clean run"
start=$(date +%s.%N)
$dongne ingest "${dumps[@]}" --url "$url" --cluster-index failover-clean --rebuild -q
echo "clean: $(count failover-clean) articles, $(groups failover-clean) groups in $(echo "$(date +%s.%N) - $start" | bc) s"

echo "== run with a node killed"
# Two cluster-manager-eligible nodes keep one of them out of the voting configuration: kill
# the one that is not the elected manager, so the cluster keeps a manager and promotes the
# replicas of the lost primaries.
manager="$(curl -fsS "$url/_cat/cluster_manager?h=node")"
victim=node-1; [ "$manager" = node-1 ] && victim=node-2
[ "$victim" = node-1 ] && survivor_port=19401 || survivor_port=19400
url="http://127.0.0.1:$survivor_port"
set +e
$dongne ingest "${dumps[@]}" --url "$url" --cluster-index failover --rebuild -q &
ingest=$!
# Kill once a part of the articles is in.
for _ in $(seq 1 600); do
    n="$(count failover 2>/dev/null || echo 0)"
    [ "${n:-0}" -ge 1500 ] && break
    sleep 0.2
done
pid="$(cat "$DONGNE_OPENSEARCH_RUN/$victim/pid")"
echo "killing $victim (pid $pid, not the cluster manager) at $n articles"
kill -9 "$pid"
wait $ingest
status=$?
set -e
echo "ingest during the kill exited with $status; cluster: $(curl -fsS "$url/_cat/health?h=status,node.total")"
echo "after the kill: $(count failover) articles"
echo "== rerun"
$dongne ingest "${dumps[@]}" --url "$url" --cluster-index failover
echo "rerun: $(count failover) articles, $(groups failover) groups"
clean="$(ids failover-clean)"; killed="$(ids failover)"
echo "ids clean: $clean; after kill and rerun: $killed"
[ "$clean" = "$killed" ] && echo "identical article sets" || { echo "the article sets differ"; exit 1; }
