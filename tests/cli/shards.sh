# Map/reduce across processes with GNU parallel: split a corpus into shards, run
# `claimgraph extract` on each shard as its own process, then `claimgraph build` over the
# shard files must write the same graph.json, byte for byte, as one `claimgraph build`
# over the whole corpus — whatever the shard count and the order the shards are given in.
# Done for the bundled examples (a folder of .txt files) and for a generated corpus, both
# as a folder of .txt files and as JSON Lines split with `parallel --pipe`.
# Skipped (77) when GNU parallel is not installed.
. "$(dirname "$0")/lib.sh"
EX="$SRC/examples/articles"

if ! command -v parallel >/dev/null 2>&1 || ! parallel --version 2>/dev/null | grep -q 'GNU parallel'; then
  echo "GNU parallel not installed (apt-get install parallel): skipped"
  exit 77
fi
PAR=(parallel --will-cite --halt now,fail=1)

GEN=${CG_GEN:-}
if [ -z "$GEN" ]; then
  for g in "$(dirname "$CG")/tests/claimgraph-gen" "$(dirname "$CG")/claimgraph-gen"; do
    [ -x "$g" ] && GEN=$g && break
  done
fi

# check_same_graph NAME SINGLE_INPUT... -- SHARD_FILE...: one build over the inputs and
# one over the shards (given forwards and backwards) must be byte-identical.
check_same_graph() {
  local name=$1 single=() shards=() i
  shift
  while [ "$1" != "--" ]; do single+=("$1"); shift; done
  shift
  shards=("$@")
  expect_exit 0 "$name: single build" -- "$CG" build "${single[@]}" -o "$name-single.json"
  expect_exit 0 "$name: build over ${#shards[@]} shards" -- "$CG" build "${shards[@]}" -o "$name-sharded.json"
  expect_same "$name-single.json" "$name-sharded.json" "$name: sharded graph equals single-run graph"
  local rev=()
  for ((i = ${#shards[@]} - 1; i >= 0; i--)); do rev+=("${shards[i]}"); done
  expect_exit 0 "$name: build over shards in reverse order" -- "$CG" build "${rev[@]}" -o "$name-reversed.json"
  expect_same "$name-single.json" "$name-reversed.json" "$name: shard order does not change the graph"
  CHECKS=$((CHECKS + 1))
  [ "$(grep -c '"id"' "$name-single.json")" -gt 5 ] || fail "$name: the graph is (nearly) empty"
}

# 1. The bundled examples: a file list split over 3 extract processes.
find "$EX" -name '*.txt' | LC_ALL=C sort >ex-files.txt
expect_exit 0 "examples: parallel extract" -- "${PAR[@]}" -j 3 -n 2 \
  "$CG" extract -o ex-shard-{#}.jsonl {} :::: ex-files.txt
CHECKS=$((CHECKS + 1))
[ "$(ls ex-shard-*.jsonl 2>/dev/null | wc -l)" -eq 3 ] || fail "examples: expected 3 shard files"
expect_exit 0 "examples: one extract over the list" -- sh -c "xargs \"$CG\" extract -o ex-all.jsonl < ex-files.txt"
ls ex-shard-*.jsonl | sort -t- -k3 -n | xargs cat >ex-concat.jsonl
expect_same ex-all.jsonl ex-concat.jsonl "examples: shard claims concatenated in order equal one extract"
check_same_graph examples "$EX" -- ex-shard-*.jsonl
# one shard per article, six parallel jobs
expect_exit 0 "examples: one shard per article" -- "${PAR[@]}" -j 6 \
  "$CG" extract -o ex1-shard-{#}.jsonl {} :::: ex-files.txt
check_same_graph examples-1 "$EX" -- ex1-shard-*.jsonl

if [ -z "$GEN" ] || [ ! -x "$GEN" ]; then
  echo "claimgraph-gen not found (set CG_GEN): generated corpus part skipped" >&2
  finish
fi

# 2. A generated corpus as a folder of text files, 4 shards of file names.
expect_exit 0 "generate txt corpus" -- "$GEN" --size 1M --seed 11 --format txt -o gen-txt
find gen-txt -name '*.txt' | LC_ALL=C sort >gen-files.txt
nfiles=$(wc -l <gen-files.txt)
CHECKS=$((CHECKS + 1))
[ "$nfiles" -gt 100 ] || fail "generator wrote only $nfiles files"
split -n l/4 -d gen-files.txt gen-list-
expect_exit 0 "gen txt: parallel extract of 4 lists" -- "${PAR[@]}" -j 4 \
  "xargs $(printf %q "$CG") extract -o {}.jsonl < {}" ::: gen-list-0[0-3]
check_same_graph gen-txt gen-txt -- gen-list-0[0-3].jsonl

# 3. The same kind of corpus as JSON Lines, cut into blocks by parallel --pipe and fed to
#    `claimgraph extract -` on standard input (every record has a "doc", so claims keep
#    their document names whatever shard they land in).
expect_exit 0 "generate jsonl corpus" -- "$GEN" --size 1M --seed 12 -o gen.jsonl
expect_exit 0 "gen jsonl: parallel --pipe extract" -- sh -c \
  "parallel --will-cite --halt now,fail=1 --pipe --block 200k -j 2 \"$CG\" extract -o gen-pipe-{#}.jsonl - < gen.jsonl"
CHECKS=$((CHECKS + 1))
[ "$(ls gen-pipe-*.jsonl 2>/dev/null | wc -l)" -ge 4 ] || fail "gen jsonl: expected at least 4 shards"
expect_exit 0 "gen jsonl: one extract" -- "$CG" extract -o gen-all.jsonl gen.jsonl
ls gen-pipe-*.jsonl | sort -t- -k3 -n | xargs cat >gen-concat.jsonl
expect_same gen-all.jsonl gen-concat.jsonl "gen jsonl: shard claims in order equal one extract"
check_same_graph gen-jsonl gen.jsonl -- gen-pipe-*.jsonl
# threads inside one process give the same claims as one thread
expect_exit 0 "gen jsonl: extract -j 4" -- "$CG" extract -j 4 -o gen-j4.jsonl gen.jsonl
expect_same gen-all.jsonl gen-j4.jsonl "gen jsonl: -j 4 output equals -j 1"
expect_exit 0 "gen txt: extract -j 3" -- "$CG" extract -j 3 -o gen-txt-j3.jsonl gen-txt
expect_exit 0 "gen txt: extract -j 1" -- "$CG" extract -o gen-txt-j1.jsonl gen-txt
expect_same gen-txt-j1.jsonl gen-txt-j3.jsonl "gen txt: -j 3 output equals -j 1"
# the reduce step also takes the single claims file and a mix of articles and claims
expect_exit 0 "gen jsonl: build from one claims file" -- "$CG" build gen-all.jsonl -o gen-claims.json
expect_same gen-jsonl-single.json gen-claims.json "gen jsonl: graph from claims equals graph from articles"
# claims piped into `build -` (standard input read ahead to tell claims from articles)
expect_exit 0 "gen jsonl: extract | build -" -- sh -c "\"$CG\" extract gen.jsonl | \"$CG\" build - -o gen-piped.json"
expect_same gen-jsonl-single.json gen-piped.json "gen jsonl: graph from piped claims equals graph from articles"
expect_exit 0 "gen jsonl: articles piped into build -" -- sh -c "\"$CG\" build - -o gen-piped-articles.json < gen.jsonl"
expect_same gen-jsonl-single.json gen-piped-articles.json "gen jsonl: graph from piped articles equals graph from the file"

rm -rf gen-txt
finish
