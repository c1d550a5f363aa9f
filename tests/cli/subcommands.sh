# Every subcommand: its --help, a normal run, its usage errors and its failure cases.
. "$(dirname "$0")/lib.sh"
EX="$SRC/examples/articles"

# top level
expect_exit 0 "--version" -- "$CG" --version
expect_grep "claimgraph [0-9]" out.txt "--version prints the version"
expect_exit 0 "--help" -- "$CG" --help
expect_exit 2 "no command" -- "$CG"
expect_exit 2 "unknown command" -- "$CG" frobnicate
for c in extract build export report clusters run; do
  expect_exit 0 "$c --help" -- "$CG" $c --help
  expect_grep "usage: claimgraph $c" out.txt "$c --help"
  expect_exit 2 "$c unknown option" -- "$CG" $c --no-such-option
done

# the two executables: claimgraph links no graph library; the graph commands run in
# claimgraph-full beside it, and without it they fail with a message that names it
if command -v readelf >/dev/null; then
  CHECKS=$((CHECKS + 1))
  if readelf -d "$CG" | grep NEEDED | grep -Eq 'igraph|gvc|cgraph|arpack|lapack|blas|gfortran|gomp'; then
    fail "claimgraph links a graph library: $(readelf -d "$CG" | grep NEEDED | tr -s ' ' | tr '\n' ' ')"
  fi
fi
mkdir -p alone && cp "$CG" alone/claimgraph
expect_exit 0 "extract without claimgraph-full" -- alone/claimgraph extract -o alone.jsonl "$EX"
expect_exit 1 "build without claimgraph-full" -- alone/claimgraph build -o alone.json "$EX"
expect_grep "cannot run .*alone/claimgraph-full" err.txt "the missing executable is named"
CHECKS=$((CHECKS + 1)); [ ! -e alone.json ] || fail "a failed hand-over wrote output"
expect_exit 0 "claimgraph-full runs directly" -- "$(dirname "$CG")/claimgraph-full" build -o full.json "$EX"
expect_exit 0 "build through the hand-over" -- "$CG" build -o front.json "$EX"
expect_same full.json front.json "the same graph either way"

# extract
expect_exit 0 "extract examples" -- "$CG" extract "$EX"
cp out.txt claims.jsonl
CHECKS=$((CHECKS + 1)); [ "$(wc -l <claims.jsonl)" -ge 20 ] || fail "extract found fewer than 20 claims"
validate --lines claims.jsonl "$SRC/schema/claims.schema.json"
expect_exit 0 "extract -o" -- "$CG" extract -o claims2.jsonl "$EX"
expect_same claims.jsonl claims2.jsonl "extract -o equals stdout"
expect_exit 0 "extract -j2" -- "$CG" extract -j 2 -o claims-j2.jsonl "$EX"
expect_same claims.jsonl claims-j2.jsonl "extract -j2 equals -j1"
expect_exit 2 "extract without input" -- "$CG" extract
expect_exit 2 "extract -j 0" -- "$CG" extract -j 0 "$EX"
expect_exit 2 "extract -j abc" -- "$CG" extract -j abc "$EX"
expect_exit 1 "extract missing file" -- "$CG" extract no-such-file.txt
expect_grep "no-such-file.txt" err.txt "error names the missing file"
cp "$EX/000_486376eb59ee08b5.txt" good.txt
expect_exit 1 "extract good + missing" -- "$CG" extract no-such-file.txt good.txt
CHECKS=$((CHECKS + 1)); [ -s out.txt ] || fail "a missing file stops the good one"
expect_exit 0 "extract --keep-going" -- "$CG" extract --keep-going no-such-file.txt good.txt
expect_exit 1 "extract refuses to overwrite its input" -- "$CG" extract -o good.txt good.txt
expect_grep "refusing" err.txt "overwrite refusal explained"
cmp -s good.txt "$EX/000_486376eb59ee08b5.txt" || fail "input was modified"
expect_exit 0 "extract from stdin" -- sh -c "\"$CG\" extract - < good.txt"
CHECKS=$((CHECKS + 1)); [ -s out.txt ] || fail "stdin gave no claims"
printf '{"doc":"one","text":"\\u201cWe will win,\\u201d said Jane Roe.","outlet":"Example Daily"}\n' > arts.jsonl
expect_exit 0 "extract JSON Lines" -- "$CG" extract arts.jsonl
expect_grep '"doc":"one"' out.txt "JSON Lines doc name kept"
expect_grep '"outlet":"Example Daily"' out.txt "JSON Lines outlet kept"
# the article's URL, date and author reach the claims and the graph's article node, from
# articles and through a claims file alike, and from a manifest for plain text files
printf '%s\n' '{"doc":"meta","url":"https://example.org/a","date":"2005-03-01","author":"Ann Writer","text":"\u201cWe will win,\u201d said Jane Roe. \u201cThey will not,\u201d said John Doe."}' \
  '{"doc":"bare","text":"\u201cIt rained,\u201d said Jane Roe."}' > meta.jsonl
expect_exit 0 "extract with metadata" -- "$CG" extract -o meta-claims.jsonl meta.jsonl
validate --lines meta-claims.jsonl "$SRC/schema/claims.schema.json"
expect_grep '"url":"https://example.org/a","date":"2005-03-01","author":"Ann Writer"' meta-claims.jsonl \
  "claims carry the article's metadata"
CHECKS=$((CHECKS + 1))
grep '"doc":"bare"' meta-claims.jsonl | grep -q '"url"\|"date"\|"author"' && fail "metadata on an article without any"
expect_exit 0 "extract -j2 with metadata" -- "$CG" extract -j 2 -o meta-claims-j2.jsonl meta.jsonl
expect_same meta-claims.jsonl meta-claims-j2.jsonl "metadata claims: -j2 equals -j1"
mkdir -p manifested && cp "$EX/000_486376eb59ee08b5.txt" manifested/a.txt
printf '{"doc":"manifested/a.txt","url":"https://example.org/m","date":"2017-06-01","author":"Mo Reporter"}\n' > manifested/manifest.jsonl
for src in meta.jsonl meta-claims.jsonl manifested; do
  expect_exit 0 "build with metadata from $src" -- "$CG" build "$src" -o meta-graph.json
  validate meta-graph.json "$SRC/schema/graph.schema.json"
  CHECKS=$((CHECKS + 1))
  python3 - "$src" meta-graph.json <<'PY' || fail "article metadata in the graph from $src"
import json, sys
src, path = sys.argv[1], sys.argv[2]
arts = {n["doc"]: n for n in json.load(open(path))["nodes"] if n["kind"] == "article"}
if src == "manifested":
    want = {"manifested/a.txt": ("https://example.org/m", "2017-06-01", "Mo Reporter")}
else:
    want = {"meta": ("https://example.org/a", "2005-03-01", "Ann Writer"), "bare": (None, None, None)}
for doc, w in want.items():
    got = (arts[doc]["url"], arts[doc]["date"], arts[doc]["author"])
    if got != w:
        sys.exit("%s: %r, want %r" % (doc, got, w))
PY
done

# build
expect_exit 0 "build" -- "$CG" build "$EX" -o graph.json
validate graph.json "$SRC/schema/graph.schema.json"
expect_exit 0 "build from claims file" -- "$CG" build claims.jsonl -o graph-from-claims.json
expect_exit 0 "build louvain" -- "$CG" build "$EX" --method louvain --seed 7 -o graph-louvain.json
expect_exit 2 "build bad method" -- "$CG" build "$EX" --method kmeans -o x.json
expect_exit 2 "build bad resolution" -- "$CG" build "$EX" --resolution -1 -o x.json
expect_exit 2 "build no input" -- "$CG" build -o x.json
expect_exit 1 "build missing input" -- "$CG" build nothing-here -o x.json
expect_grep "nothing-here" err.txt "build error names the file"

# export
for f in dot svg json graphml gexf cytoscape nodelink; do
  expect_exit 0 "export $f" -- "$CG" export graph.json --format $f -o export.$f
  CHECKS=$((CHECKS + 1)); [ -s export.$f ] || fail "export $f wrote nothing"
done
expect_grep "digraph" export.dot "DOT output"
expect_grep "<svg" export.svg "SVG output"
python3 -c "import xml.etree.ElementTree as E; E.parse('export.svg'); E.parse('export.graphml'); E.parse('export.gexf')" \
  || fail "SVG/GraphML/GEXF not well-formed XML"
python3 -c "import json; json.load(open('export.cytoscape')); json.load(open('export.nodelink'))" \
  || fail "cytoscape/nodelink not JSON"
expect_same graph.json export.json "json export equals graph.json"
expect_exit 1 "export over its input" -- "$CG" export graph.json --format json -o graph.json
expect_grep "refusing" err.txt "export refuses to overwrite its input"
expect_exit 0 "export --top" -- "$CG" export graph.json --format dot --top 5 -o top.dot
expect_exit 0 "export --cluster" -- "$CG" export graph.json --format json --cluster 0 -o c0.json
expect_exit 0 "export --layout sfdp" -- "$CG" export graph.json --format svg --layout sfdp -o sfdp.svg
expect_exit 2 "export bad format" -- "$CG" export graph.json --format pdf -o x
expect_exit 2 "export no format" -- "$CG" export graph.json -o x
expect_exit 1 "export missing graph" -- "$CG" export missing.json --format dot
expect_grep "missing.json" err.txt "export error names the file"
echo '{"nodes": [' > broken.json
expect_exit 1 "export broken graph" -- "$CG" export broken.json --format dot -o x.dot
expect_grep "broken.json:" err.txt "broken graph error names file and line"
CHECKS=$((CHECKS + 1)); [ ! -e x.dot ] || fail "failed export left an output file"
expect_exit 1 "export ego missing" -- "$CG" export graph.json --format dot --ego "No Such Person Anywhere"

# report
expect_exit 0 "report" -- "$CG" report graph.json
CHECKS=$((CHECKS + 1)); [ -s out.txt ] || fail "report printed nothing"
for m in pagerank betweenness indegree outdegree hub authority; do
  expect_exit 0 "report --by $m" -- "$CG" report graph.json --by $m --top 3
done
for k in speaker outlet claim article all; do
  expect_exit 0 "report --kind $k" -- "$CG" report graph.json --kind $k
done
expect_exit 0 "report --json" -- "$CG" report graph.json --json
python3 -c "import json,sys; json.load(open('out.txt'))" || fail "report --json is not JSON"
expect_exit 0 "report --csv" -- "$CG" report graph.json --csv --top 0
python3 -c "import csv; rows=list(csv.reader(open('out.txt'))); assert len(rows) > 1" || fail "report --csv"
expect_exit 2 "report bad measure" -- "$CG" report graph.json --by fame
expect_exit 2 "report bad kind" -- "$CG" report graph.json --kind planet
expect_exit 2 "report --json --csv" -- "$CG" report graph.json --json --csv
expect_exit 1 "report missing graph" -- "$CG" report missing.json

# clusters
expect_exit 0 "clusters" -- "$CG" clusters graph.json
CHECKS=$((CHECKS + 1)); [ -s out.txt ] || fail "clusters printed nothing"
expect_exit 0 "clusters louvain" -- "$CG" clusters graph.json --method louvain --seed 3 --json
python3 -c "import json; json.load(open('out.txt'))" || fail "clusters --json is not JSON"
expect_exit 0 "clusters --resolution" -- "$CG" clusters graph.json --resolution 2 --csv
expect_exit 2 "clusters bad method" -- "$CG" clusters graph.json --method magic
expect_exit 1 "clusters missing graph" -- "$CG" clusters missing.json

# run
expect_exit 0 "run" -- "$CG" run -o run1
for f in claims.jsonl graph.json graph.dot graph.svg report.txt; do
  CHECKS=$((CHECKS + 1)); [ -s run1/$f ] || fail "run did not write $f"
done
expect_exit 0 "run again" -- "$CG" run -o run2 -j 2
expect_same run1/graph.json run2/graph.json "two runs: graph.json"
expect_same run1/graph.dot run2/graph.dot "two runs: graph.dot"
expect_same run1/claims.jsonl run2/claims.jsonl "two runs: claims.jsonl"
expect_exit 0 "run on a given folder" -- "$CG" run "$EX" -o run3
expect_same run1/graph.json run3/graph.json "run default input is the bundled articles"
: > file-not-dir
expect_exit 1 "run into a file" -- "$CG" run -o file-not-dir/sub

finish
