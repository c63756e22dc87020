#!/usr/bin/env bash
# Compares what two dongne binaries print, byte for byte, on the shared corpora: extracted
# articles, 30 searches (with and without filters) and the index stats. For changes that must
# not change behaviour (refactors): prints `identical` or the first differences.
#
# Usage: scripts/compare_outputs.sh BEFORE_BINARY AFTER_BINARY
# Both binaries run with DONGNE_HOME set to this checkout (its dictionaries/).
set -euo pipefail
cd "$(dirname "$0")/.."
before=$(realpath "$1")
after=$(realpath "$2")
shared=../shared/corpus
if [[ ! -d "$shared" ]]; then
    echo "$shared is absent: nothing to compare" >&2
    exit 0
fi
export DONGNE_HOME="$PWD" NO_COLOR=1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

queries=(
    "광양" "나주시" "빛가람 혁신도시" "나주배축제" "매화 축제 취소" "\"청년 일자리\""
    "대통령 -미국" "경제 OR 수출" "title:코로나" "body:하천" "reporter:최선경" "press:서울신문"
    "김정은방중" "한전" "[속보] 트럼프 - 김정은" "ㄱㅇㅅ" "축졔" "가온시" "미세먼지 대책"
    "전남 무안군" "하당동" "선거 AND 공천" "\"정부 정책\" 비판" "농업 예산" "청렴"
    "코로나19 확진" "태풍" "문화재단 공모" "시장에서" "(광양 OR 순천) 축제"
)
filters=("" "--region 전라남도" "--from 2019-06 --to 2019-12")

run_all() { # BINARY OUTDIR
    local bin=$1 out=$2
    mkdir -p "$out"
    for set in dailies releases; do
        case $set in
            dailies) files=("$shared/national-dailies-2019.jsonl") ;;
            releases) files=("$shared/naju-press-releases-2025.jsonl"
                             "$shared/jeonnam-press-releases-2025-12-dev.jsonl") ;;
        esac
        "$bin" extract --json "${files[@]}" > "$out/$set.extract.jsonl" 2>/dev/null || true
        local index="$work/index-$(basename "$out")-$set"
        "$bin" ingest --index "$index" "${files[@]}" > "$out/$set.ingest.txt" 2>&1
        for q in "${queries[@]}"; do
            for f in "${filters[@]}"; do
                # shellcheck disable=SC2086
                echo "== $q $f" >> "$out/$set.search.jsonl"
                "$bin" search "$q" --index "$index" --json $f >> "$out/$set.search.jsonl" 2>&1 || true
            done
        done
        "$bin" stats --index "$index" --json | grep -v '"size_on_disk"\|"dir"' > "$out/$set.stats.json"
    done
}

run_all "$before" "$work/before"
run_all "$after" "$work/after"
status=identical
for file in "$work"/before/*; do
    name=$(basename "$file")
    if ! cmp -s "$file" "$work/after/$name"; then
        status=different
        echo "differs: $name"
        diff <(head -c 200000 "$file") <(head -c 200000 "$work/after/$name") | head -20 || true
    fi
done
echo "$status"
[[ $status == identical ]]
