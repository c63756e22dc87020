#!/usr/bin/env bash
# A local OpenSearch node or cluster with the nori analyzer, for dongne's cluster tests.
#
#   scripts/opensearch.sh start [--nodes N] [--port P] [--heap SIZE] [--keep-data]
#   scripts/opensearch.sh stop
#   scripts/opensearch.sh status
#
# `start` fetches OpenSearch (the integ-test zip) with Maven into a cache, installs nori
# and the common analysis module, starts N nodes on 127.0.0.1 (HTTP ports P, P+1, …;
# security off, small heaps), waits until the cluster is green or yellow and prints its URL
# as its last line. Data starts empty unless --keep-data. `stop` stops every node it started.
#
# Environment: DONGNE_OPENSEARCH_CACHE (downloads and the installed node; default
# ~/.cache/dongne/opensearch, for root /var/cache/dongne/opensearch), DONGNE_OPENSEARCH_RUN (data, logs and pids of the running
# nodes; default the cache's run/), JAVA_HOME (a Java 17 or newer).
set -euo pipefail

VERSION=2.19.6
LUCENE=9.12.3
# Root runs the nodes as another user, who cannot enter root's home: its cache is elsewhere.
if [ "$(id -u)" -eq 0 ]; then default_cache=/var/cache/dongne/opensearch
else default_cache="${XDG_CACHE_HOME:-$HOME/.cache}/dongne/opensearch"; fi
CACHE="${DONGNE_OPENSEARCH_CACHE:-$default_cache}"
RUN="${DONGNE_OPENSEARCH_RUN:-$CACHE/run}"
HERE="$(cd "$(dirname "$0")" && pwd)"
INSTALL="$CACHE/opensearch-$VERSION"
# OpenSearch refuses to run as root: root runs the nodes as this system user.
NODE_USER=dongne-os

die() { echo "opensearch.sh: $*" >&2; exit 1; }

java_home() {
    if [ -n "${JAVA_HOME:-}" ]; then echo "$JAVA_HOME"; return; fi
    local javac
    javac="$(command -v javac)" || die "no javac: install a JDK 17 (apt-get install openjdk-17-jdk-headless)"
    dirname "$(dirname "$(readlink -f "$javac")")"
}

# The path of artifact G:A:V[:TYPE] in the cache's Maven repository, fetched when missing.
fetch() {
    local coords="$1" group artifact version type
    IFS=: read -r group artifact version type <<<"$coords"
    type="${type:-jar}"
    local file="$CACHE/m2/${group//.//}/$artifact/$version/$artifact-$version.$type"
    if [ ! -f "$file" ]; then
        mvn -q -B -Dstyle.color=never dependency:get -Dmaven.repo.local="$CACHE/m2" -Dtransitive=false \
            -Dartifact="$coords" >&2 || return 1
    fi
    echo "$file"
}

install() {
    [ -x "$INSTALL/bin/opensearch" ] && [ -f "$INSTALL/.dongne-installed" ] && return
    command -v mvn >/dev/null || die "no mvn: install Maven (apt-get install maven)"
    command -v unzip >/dev/null || die "no unzip: install it (apt-get install unzip)"
    mkdir -p "$CACHE"
    echo "fetching OpenSearch $VERSION …" >&2
    local zip
    zip="$(fetch "org.opensearch.distribution.integ-test-zip:opensearch:$VERSION:zip")" ||
        die "OpenSearch $VERSION could not be fetched from Maven"
    rm -rf "$INSTALL"
    (cd "$CACHE" && unzip -q -o "$zip")
    local plugins="$INSTALL/plugins"
    # nori: the published plugin when there is one, else assembled from Lucene's Korean
    # module and the small plugin class beside this script.
    local nori_zip
    if nori_zip="$(fetch "org.opensearch.plugin:analysis-nori:$VERSION:zip" 2>/dev/null)"; then
        mkdir -p "$plugins/analysis-nori" && (cd "$plugins/analysis-nori" && unzip -q "$nori_zip")
    else
        echo "analysis-nori $VERSION is not published: assembling it from lucene-analysis-nori $LUCENE" >&2
        local nori_jar build
        nori_jar="$(fetch "org.apache.lucene:lucene-analysis-nori:$LUCENE")" ||
            die "lucene-analysis-nori $LUCENE could not be fetched"
        build="$(mktemp -d)"
        "$(java_home)/bin/javac" -nowarn -d "$build" -cp "$INSTALL/lib/*:$nori_jar" \
            "$HERE/opensearch/nori/src/org/dongne/nori/NoriPlugin.java"
        mkdir -p "$plugins/analysis-nori"
        "$(java_home)/bin/jar" cf "$plugins/analysis-nori/dongne-nori-$VERSION.jar" -C "$build" .
        rm -rf "$build"
        cp "$nori_jar" "$plugins/analysis-nori/"
        descriptor "analysis-nori" "Korean (nori) analysis" org.dongne.nori.NoriPlugin \
            >"$plugins/analysis-nori/plugin-descriptor.properties"
    fi
    # The common analysis module (mapping and pattern char filters, path_hierarchy): the
    # integ-test zip leaves it out.
    local common
    common="$(fetch "org.opensearch.plugin:analysis-common:$VERSION")" ||
        die "analysis-common $VERSION could not be fetched"
    mkdir -p "$plugins/analysis-common"
    cp "$common" "$plugins/analysis-common/"
    descriptor "analysis-common" "Common analysis components" \
        org.opensearch.analysis.common.CommonAnalysisPlugin \
        >"$plugins/analysis-common/plugin-descriptor.properties"
    touch "$INSTALL/.dongne-installed"
}

descriptor() {
    cat <<EOF
name=$1
description=$2
version=$VERSION
opensearch.version=$VERSION
java.version=17
classname=$3
EOF
}

# Runs a command as the node user (as is when not root).
as_node_user() {
    if [ "$(id -u)" -eq 0 ]; then
        id "$NODE_USER" >/dev/null 2>&1 ||
            useradd --system --no-create-home --shell /usr/sbin/nologin "$NODE_USER"
        runuser -u "$NODE_USER" -- "$@"
    else
        "$@"
    fi
}

start() {
    local nodes=1 port=19200 heap=512m keep=0
    while [ $# -gt 0 ]; do
        case "$1" in
            --nodes) nodes="$2"; shift 2 ;;
            --port) port="$2"; shift 2 ;;
            --heap) heap="$2"; shift 2 ;;
            --keep-data) keep=1; shift ;;
            *) die "unknown option $1 (start [--nodes N] [--port P] [--heap SIZE] [--keep-data])" ;;
        esac
    done
    [ -e "$RUN/nodes" ] && die "nodes are running (see $RUN); stop them first: $0 stop"
    curl -fsS "http://127.0.0.1:$port/" >/dev/null 2>&1 &&
        die "port $port already answers; stop what listens there or choose another with --port"
    install
    local java
    java="$(java_home)"
    [ "$keep" -eq 1 ] || rm -rf "$RUN"
    mkdir -p "$RUN"
    local transport=$((port + 100)) seeds="" managers="" i
    for i in $(seq 1 "$nodes"); do
        seeds="$seeds${seeds:+,}127.0.0.1:$((transport + i - 1))"
        managers="$managers${managers:+,}node-$i"
    done
    for i in $(seq 1 "$nodes"); do
        local dir="$RUN/node-$i"
        mkdir -p "$dir/data" "$dir/logs" "$dir/tmp"
        rm -rf "$dir/config" && cp -r "$INSTALL/config" "$dir/config"
        sed -i -e "s/^-Xms.*/-Xms$heap/" -e "s/^-Xmx.*/-Xmx$heap/" \
            -e "s|=logs/|=$dir/logs/|; s|file=logs/|file=$dir/logs/|; s|HeapDumpPath=data|HeapDumpPath=$dir/data|" \
            "$dir/config/jvm.options"
        local discovery=(-Ediscovery.type=single-node)
        if [ "$nodes" -gt 1 ]; then
            discovery=(-Ediscovery.seed_hosts="$seeds" -Ecluster.initial_cluster_manager_nodes="$managers")
        fi
        [ "$(id -u)" -eq 0 ] && as_node_user true && chown -R "$NODE_USER:" "$dir"
        as_node_user env OPENSEARCH_JAVA_HOME="$java" OPENSEARCH_PATH_CONF="$dir/config" \
            OPENSEARCH_TMPDIR="$dir/tmp" \
            "$INSTALL/bin/opensearch" -d -p "$dir/pid" \
            -Ecluster.name=dongne -Enode.name="node-$i" -Enetwork.host=127.0.0.1 \
            -Ehttp.port=$((port + i - 1)) -Etransport.port=$((transport + i - 1)) \
            -Epath.data="$dir/data" -Epath.logs="$dir/logs" \
            -Ecluster.routing.allocation.disk.threshold_enabled=false \
            -Eaction.auto_create_index=false "${discovery[@]}" \
            >"$dir/logs/launcher.log" 2>&1 </dev/null ||
            die "node $i did not start; see $dir/logs"
        echo "$((port + i - 1))" >>"$RUN/nodes"
    done
    local url="http://127.0.0.1:$port" waited=0
    # The launcher returns at once; each node writes its pid file once it is up.
    until curl -fsS "$url/_cluster/health?wait_for_status=yellow&wait_for_nodes=$nodes&timeout=5s" \
        >/dev/null 2>&1; do
        for i in $(seq 1 "$nodes"); do
            local pidfile="$RUN/node-$i/pid"
            if [ -f "$pidfile" ]; then
                kill -0 "$(cat "$pidfile")" 2>/dev/null ||
                    { stop; die "node $i stopped while starting; see the logs in $RUN/node-$i/logs"; }
            elif [ "$waited" -ge 90 ]; then
                stop; die "node $i did not start in 90 s; see the logs in $RUN/node-$i/logs"
            fi
        done
        waited=$((waited + 5))
        [ "$waited" -le 240 ] || { stop; die "the cluster did not become ready in 4 minutes; logs kept in $RUN"; }
        sleep 5
    done
    echo "$nodes node(s) ready: OpenSearch $VERSION with nori, data in $RUN" >&2
    echo "$url"
}

stop() {
    [ -d "$RUN" ] || return 0
    # Each node deletes its pid file as it exits: read them all first.
    local pids=() pid pidfile
    for pidfile in "$RUN"/node-*/pid; do
        pid="$(cat "$pidfile" 2>/dev/null)" && pids+=("$pid")
    done
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do
        for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
        kill -9 "$pid" 2>/dev/null || true
    done
    rm -f "$RUN"/node-*/pid "$RUN/nodes"
}

status() {
    [ -f "$RUN/nodes" ] || { echo "no nodes running"; return 1; }
    local port
    port="$(head -1 "$RUN/nodes")"
    curl -fsS "http://127.0.0.1:$port/_cat/nodes?v" && echo "http://127.0.0.1:$port"
}

case "${1:-}" in
    start) shift; start "$@" ;;
    stop) stop ;;
    status) status ;;
    *) die "usage: $0 start [--nodes N] [--port P] [--heap SIZE] [--keep-data] | stop | status" ;;
esac
