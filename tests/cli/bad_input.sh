# Hostile and broken inputs: each gives a correct result, or a clear error naming the file
# (and the line or byte offset) with exit status 1, in time linear in the input; one bad
# input does not stop the others. Also: outputs are atomic and never overwrite an input.
. "$(dirname "$0")/lib.sh"

# Every command runs under a time limit, generous because sanitizer builds run this too
# (and the machine may be busy); linearity is checked by comparing the time taken on an
# input and on a quarter of it.
LIMIT=${CG_BAD_INPUT_TIME_LIMIT:-120}
if LC_ALL=C grep -q __asan_init "$CG"; then LIMIT=$((LIMIT * 4)); fi

# run_timed CODE DESCRIPTION -- COMMAND...: expect_exit under `timeout`; sets MS (elapsed ms).
run_timed() {
  local want=$1 desc=$2 t0 t1
  shift 3
  t0=$(date +%s%N)
  expect_exit "$want" "$desc" -- timeout "$LIMIT" "$@"
  t1=$(date +%s%N)
  MS=$(((t1 - t0) / 1000000))
}

# expect_linear DESCRIPTION MS_QUARTER MS_WHOLE: 4x the input in under 10x the time
# (quadratic would be 16x); below 2 s the whole run is fast enough whatever the ratio.
expect_linear() {
  CHECKS=$((CHECKS + 1))
  echo "$1: ${3} ms (a quarter of it: ${2} ms)"
  [ "$3" -lt 2000 ] || [ "$3" -lt $((10 * $2)) ] || fail "$1: ${3} ms vs ${2} ms for a quarter: not linear"
}

# expect_error FILE PATTERN DESCRIPTION: stderr (err.txt) names FILE and matches PATTERN
expect_error() {
  expect_grep "$1" err.txt "$3: error names the file"
  expect_grep "$2" err.txt "$3: error says where/why"
}

# expect_no_output FILE DESCRIPTION: a failed run left neither FILE nor a temporary beside it
expect_no_output() {
  CHECKS=$((CHECKS + 1))
  if [ -e "$1" ] || compgen -G "$1.tmp.*" >/dev/null; then
    fail "$2: a failed run left $1 (or its temporary file) behind"
  fi
}

# check_claims ARTICLE CLAIMS DESCRIPTION: claims.jsonl is valid JSON Lines whose spans
# lie inside ARTICLE and, for one-span claims, hold exactly the claim's text.
check_claims() {
  CHECKS=$((CHECKS + 1))
  python3 - "$1" "$2" <<'PY' || fail "$3: claims do not match the article"
import json, sys
art = open(sys.argv[1], 'rb').read()
for n, line in enumerate(open(sys.argv[2], 'rb'), 1):
    c = json.loads(line)
    for s, e in c['spans']:
        assert 0 <= s <= e <= len(art), (n, s, e, len(art))
    if len(c['spans']) == 1:
        s, e = c['spans'][0]
        assert art[s:e].decode('utf-8') == c['text'], (n, art[s:e], c['text'])
    for k in ('cue',):
        if c.get(k) and 'span' in c[k]:
            s, e = c[k]['span']
            assert art[s:e].decode('utf-8') == c[k]['text'], (n, k)
PY
}

claim_texts() { python3 -c "
import json, sys
for l in open(sys.argv[1]): print(json.loads(l)['text'].replace('\r\n', '\n').replace('\r', '\n'))
" "$1"; }

ARTICLE='The mayor spoke on Tuesday.

"We will rebuild the bridge by spring," said Jane Roe, the mayor of Example City.

John Doe, a council member, said that the plan was too expensive.
'

# ---------------------------------------------------------------- empty and blank inputs
: > empty.txt
expect_exit 0 "empty file" -- "$CG" extract empty.txt
CHECKS=$((CHECKS + 1)); [ ! -s out.txt ] || fail "empty file gave claims"
expect_exit 0 "empty file: build" -- "$CG" build empty.txt -o empty.json
validate empty.json "$SRC/schema/graph.schema.json"
printf ' \n\t\r\n   \n\n' > blank.txt
expect_exit 0 "whitespace only" -- "$CG" extract blank.txt
CHECKS=$((CHECKS + 1)); [ ! -s out.txt ] || fail "whitespace-only file gave claims"
: > empty.jsonl
expect_exit 0 "empty JSON Lines" -- "$CG" extract empty.jsonl
printf '\n  \n\r\n' > blank.jsonl
expect_exit 0 "blank JSON Lines" -- "$CG" extract blank.jsonl
expect_exit 0 "empty stdin" -- sh -c "\"$CG\" extract - < /dev/null"
mkdir -p emptydir
expect_exit 0 "empty folder" -- "$CG" extract emptydir

# ---------------------------------------------------------------- binary and encodings
printf 'Some text\n\000\001\002 binary' > nul.txt
expect_exit 1 "NUL bytes" -- "$CG" extract nul.txt
expect_error nul.txt "byte offset 10" "NUL bytes"
head -c 4096 /bin/sh > elf.txt
expect_exit 1 "an executable" -- "$CG" extract elf.txt
expect_error elf.txt "byte offset" "an executable"

# invalid UTF-8: name, bytes, offset of the first bad byte
while read -r name bytes off; do
  printf "ok text $bytes more" > "$name.txt"
  expect_exit 1 "invalid UTF-8: $name" -- "$CG" extract "$name.txt"
  expect_error "$name.txt" "invalid UTF-8 at byte offset $off" "invalid UTF-8: $name"
done <<'EOF'
overlong2 \xC0\xAF 8
overlong3 \xE0\x80\xAF 8
overlong4 \xF0\x80\x80\xAF 8
surrogate_high \xED\xA0\x80 8
surrogate_low \xED\xBF\xBF 8
above_max \xF4\x90\x80\x80 8
lone_continuation \x80 8
bad_lead \xFF 8
truncated2 \xC3 8
truncated3 \xE2\x80 8
truncated4 \xF0\x9F\x98 8
EOF
printf 'ends with a truncated sequence \xE2\x80' > truncated_end.txt
expect_exit 1 "truncated at end of file" -- "$CG" extract truncated_end.txt
expect_error truncated_end.txt "byte offset 31" "truncated at end of file"
printf 'line one\nline two\nline \xC3\x28 three\n' > badline3.txt
expect_exit 1 "invalid UTF-8 on line 3" -- "$CG" extract badline3.txt
expect_error "badline3.txt:3:" "byte offset 23" "invalid UTF-8 on line 3"

printf '\xFF\xFEW\000e\000 \000s\000a\000i\000d\000' > utf16le.txt
expect_exit 1 "UTF-16LE with BOM" -- "$CG" extract utf16le.txt
expect_error utf16le.txt "UTF-16" "UTF-16LE"
printf '\xFE\xFF\000W\000e' > utf16be.txt
expect_exit 1 "UTF-16BE with BOM" -- "$CG" extract utf16be.txt
expect_error utf16be.txt "UTF-16" "UTF-16BE"
printf '{"text":"\xFF\xFEx"}\n' > utf16.jsonl
expect_exit 1 "UTF-16 bytes inside JSON Lines" -- "$CG" extract utf16.jsonl
expect_error "utf16.jsonl:1:" "." "JSON Lines with invalid bytes"

# UTF-8 with a BOM: accepted; the BOM is kept so spans stay file offsets
printf '\xEF\xBB\xBF%s' "$ARTICLE" > bom.txt
printf '%s' "$ARTICLE" > plain.txt
expect_exit 0 "plain article" -- "$CG" extract plain.txt
cp out.txt plain.claims
CHECKS=$((CHECKS + 1)); [ -s plain.claims ] || fail "no claims in the plain article"
check_claims plain.txt plain.claims "plain article"
expect_exit 0 "UTF-8 with BOM" -- "$CG" extract bom.txt
cp out.txt bom.claims
check_claims bom.txt bom.claims "UTF-8 with BOM"
CHECKS=$((CHECKS + 1))
[ "$(claim_texts bom.claims)" = "$(claim_texts plain.claims)" ] || fail "BOM changed the claims"
CHECKS=$((CHECKS + 1))
! grep -q $'\xEF\xBB\xBF' bom.claims || fail "the BOM leaked into a claim"

# CRLF and CR-only line ends: the same claims, spans still file offsets
printf '%s' "$ARTICLE" | sed 's/$/\r/' > crlf.txt
printf '%s' "$ARTICLE" | tr '\n' '\r' > cr.txt
for f in crlf cr; do
  expect_exit 0 "$f line ends" -- "$CG" extract $f.txt
  cp out.txt $f.claims
  check_claims $f.txt $f.claims "$f line ends"
  CHECKS=$((CHECKS + 1))
  [ "$(claim_texts $f.claims)" = "$(claim_texts plain.claims)" ] || {
    fail "$f line ends changed the claims"
    diff <(claim_texts plain.claims) <(claim_texts $f.claims) | head -5 >&2
  }
done

# ---------------------------------------------------------------- size and pathological text
python3 - <<'PY'
import random
r = random.Random(1)
words = "the a mayor said council plan bridge city budget spring told reporters that".split()
with open('line50m.txt', 'w') as f:           # one 50 MB line: words, quotes, cues
    n = 0
    while n < 50_000_000:
        s = ' '.join(r.choice(words) for _ in range(12)) + ' "' + ' '.join(r.choice(words) for _ in range(6)) + '," said Jane Roe. '
        f.write(s); n += len(s)
with open('line12m.txt', 'w') as f:
    f.write(open('line50m.txt').read(12_500_000).rsplit(' ', 1)[0])
for name, n in (('quotes1m.txt', 1_000_000), ('quotes250k.txt', 250_000)):
    open(name, 'w').write('"' * n)
open('curly1m.txt', 'w').write('\u201c' * 500_000 + '\u201d' * 500_000)
open('mixed1m.txt', 'w').write(('\u201cA\u201d said B. "' * 100_000))
open('noquote1m.txt', 'w').write('said ' * 1_000_000)
PY
run_timed 0 "one 12.5 MB line" -- "$CG" extract -o l12.jsonl line12m.txt
T12=$MS
run_timed 0 "one 50 MB line" -- "$CG" extract -o l50.jsonl line50m.txt
expect_linear "one 50 MB line" "$T12" "$MS"
CHECKS=$((CHECKS + 1)); [ -s l50.jsonl ] || fail "the 50 MB line gave no claims"
check_claims line12m.txt l12.jsonl "one 12.5 MB line"
run_timed 0 "250k quotation marks" -- "$CG" extract quotes250k.txt
T1=$MS
run_timed 0 "a million quotation marks" -- "$CG" extract quotes1m.txt
expect_linear "a million quotation marks" "$T1" "$MS"
for f in curly1m mixed1m noquote1m; do
  run_timed 0 "pathological text: $f" -- "$CG" extract -o $f.jsonl $f.txt
  check_claims $f.txt $f.jsonl "pathological text: $f"
done
# the same 12.5 MB line as one JSON Lines record gives the same claims
python3 -c "
import json
print(json.dumps({'doc': 'line12m.txt', 'text': open('line12m.txt').read()}))" > big.jsonl
run_timed 0 "a 12.5 MB JSON Lines record" -- "$CG" extract -o big.claims big.jsonl
expect_same l12.jsonl big.claims "a JSON Lines record gives the claims of the same text file"

# unbalanced and nested quotes: no crash, spans inside the text
cat > quotes.txt <<'EOF'
"This quote never ends, said Jane Roe.

He said "a "nested" quote" and left.

“Curly “inside” curly,” said John Doe. ‘Single ‘nested’ one,’ he added.

Closing first” then opening “ said nobody.

«Guillemets «nested» here», a spokesperson said. "Straight then curly” said Ann Lee.
""""""" said Bob Poe. “” said Bob Poe. '''''
EOF
expect_exit 0 "unbalanced and nested quotes" -- "$CG" extract quotes.txt
cp out.txt quotes.claims
check_claims quotes.txt quotes.claims "unbalanced and nested quotes"
expect_exit 0 "unbalanced and nested quotes: build" -- "$CG" build quotes.txt -o quotes.json
validate quotes.json "$SRC/schema/graph.schema.json"

# ---------------------------------------------------------------- paths that are not files
expect_exit 1 "missing path" -- "$CG" extract does-not-exist.txt
expect_error does-not-exist.txt "No such file" "missing path"
mkdir -p notes.txt
printf '%s' "$ARTICLE" > notes.txt/inside.txt
expect_exit 0 "a folder named *.txt is a folder" -- "$CG" extract notes.txt
expect_grep '"doc":"notes.txt/inside.txt"' out.txt "a folder named *.txt is read as a folder"
for c in export report clusters; do
  args=()
  [ $c = export ] && args=(--format dot)
  expect_exit 1 "$c: a folder as GRAPH.json" -- "$CG" $c emptydir "${args[@]}"
  expect_grep "emptydir" err.txt "$c: a folder as GRAPH.json: error names it"
  expect_exit 1 "$c: missing GRAPH.json" -- "$CG" $c nograph.json "${args[@]}"
  expect_grep "nograph.json" err.txt "$c: missing GRAPH.json: error names it"
done
expect_exit 1 "manifest is a folder" -- "$CG" extract --manifest emptydir plain.txt
expect_grep "emptydir" err.txt "manifest is a folder: error names it"
expect_exit 1 "missing manifest" -- "$CG" extract --manifest nomanifest.jsonl plain.txt
expect_grep "nomanifest.jsonl" err.txt "missing manifest: error names it"
expect_exit 1 "a path through a file" -- "$CG" extract plain.txt/x
expect_grep "plain.txt/x" err.txt "a path through a file: error names it"

# symbolic links back up the tree, and two links to one folder: each file is read once
mkdir -p loop/sub
printf '%s' "$ARTICLE" > loop/sub/x.txt
ln -s .. loop/sub/up
ln -s . loop/self
ln -s sub loop/again
run_timed 0 "a folder with symbolic link loops" -- "$CG" extract loop
CHECKS=$((CHECKS + 1))
[ "$(wc -l < out.txt)" = "$(wc -l < plain.claims)" ] || fail "a folder with link loops: each file must be read once ($(wc -l < out.txt) claims)"
CHECKS=$((CHECKS + 1))
[ "$(grep -o '"doc":"[^"]*"' out.txt | sort -u)" = '"doc":"loop/again/x.txt"' ] \
  || fail "a folder with link loops: the first path in sorted order names the file"

# unreadable file and folder (as root, run the tool as nobody so permissions apply)
AS=()
if [ "$(id -u)" = 0 ]; then
  if command -v setpriv >/dev/null && setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then
    AS=(setpriv --reuid=65534 --regid=65534 --clear-groups)
  else
    AS=(SKIP)
  fi
fi
if [ "${AS[0]:-}" != SKIP ]; then
  mkdir -p perm/sub
  printf '%s' "$ARTICLE" > perm/good.txt
  printf '%s' "$ARTICLE" > perm/locked.txt
  printf '%s' "$ARTICLE" > perm/sub/hidden.txt
  chmod 000 perm/locked.txt
  chmod 000 perm/sub
  chmod a+rx . perm
  expect_exit 1 "unreadable file" -- "${AS[@]}" "$CG" extract perm/locked.txt
  expect_error perm/locked.txt "Permission denied" "unreadable file"
  expect_exit 1 "folder with an unreadable file and subfolder" -- "${AS[@]}" "$CG" extract perm
  expect_error perm/locked.txt "Permission denied" "unreadable file in a folder"
  expect_grep "perm/sub" err.txt "unreadable subfolder named"
  expect_grep '"doc":"perm/good.txt"' out.txt "the readable file of the folder is still read"
  chmod 644 perm/locked.txt
  chmod 755 perm/sub
else
  echo "skipped: unreadable files (running as root without setpriv)"
fi

# ---------------------------------------------------------------- one bad file among good ones
mkdir -p mixed
printf '%s' "$ARTICLE" > mixed/a.txt
cp nul.txt mixed/b.txt
cp utf16le.txt mixed/c.txt
cp overlong2.txt mixed/d.txt
printf '%s' "$ARTICLE" | sed 's/Jane Roe/Ann Lee/' > mixed/e.txt
expect_exit 1 "folder with bad files" -- "$CG" extract mixed
expect_grep '"doc":"mixed/a.txt"' out.txt "good file before the bad ones read"
expect_grep '"doc":"mixed/e.txt"' out.txt "good file after the bad ones read"
for f in b c d; do expect_grep "mixed/$f.txt" err.txt "bad file mixed/$f.txt reported"; done
CHECKS=$((CHECKS + 1)); [ "$(wc -l < err.txt)" -eq 3 ] || fail "expected 3 error lines, got: $(cat err.txt)"
expect_exit 0 "folder with bad files, --keep-going" -- "$CG" extract --keep-going mixed
expect_exit 1 "build: folder with bad files" -- "$CG" build mixed -o mixed.json
CHECKS=$((CHECKS + 1)); [ -s mixed.json ] || fail "build wrote no graph for the good files"
expect_exit 0 "build: folder with bad files, --keep-going" -- "$CG" build --keep-going mixed -o mixed.json
expect_exit 1 "run: folder with bad files" -- "$CG" run mixed -o mixedrun
CHECKS=$((CHECKS + 1)); [ -s mixedrun/graph.json ] || fail "run wrote no graph for the good files"

# JSON Lines: a bad line is reported with its line number; the others are read
{
  printf '{"doc":"one","text":"\\"We will win,\\" said Jane Roe."}\n'
  printf '{"doc":"two","text": 5}\n'
  printf 'not json at all\n'
  printf '[1, 2, 3]\n'
  printf '{"doc":"nul","text":"a\\u0000b"}\n'
  printf '{"doc":"surrogate","text":"\\ud800"}\n'
  printf '{"doc":"dup","text":"x","text":"y"}\n'
  printf '{"doc":"trunc","text":"no end\n'
  printf '{"doc":"three","text":"\\"We lost,\\" said John Doe.","outlet":7}\n'
  printf '{"doc":"four","text":"\\"We lost,\\" said John Doe."}\r\n'
} > records.jsonl
expect_exit 1 "JSON Lines with bad lines" -- "$CG" extract records.jsonl
expect_grep '"doc":"one"' out.txt "JSON Lines: line 1 read"
expect_grep '"doc":"four"' out.txt "JSON Lines: line 10 (CRLF) read after the bad ones"
for l in 2 3 4 5 6 7 8 9; do expect_grep "records.jsonl:$l:" err.txt "JSON Lines: bad line $l reported"; done
CHECKS=$((CHECKS + 1)); [ "$(wc -l < err.txt)" -eq 8 ] || fail "JSON Lines: expected 8 error lines: $(cat err.txt)"

# manifests
printf '{"doc":"plain.txt","outlet":"Example Daily"}\n{"doc":5}\n' > bad-manifest.jsonl
expect_exit 1 "bad manifest" -- "$CG" extract --manifest bad-manifest.jsonl plain.txt
expect_grep "bad-manifest.jsonl:2:" err.txt "bad manifest: file and line"
printf '{"doc":"plain.txt","outlet":"Example Daily"' > trunc-manifest.jsonl
expect_exit 1 "truncated manifest" -- "$CG" extract --manifest trunc-manifest.jsonl plain.txt
expect_grep "trunc-manifest.jsonl:1:" err.txt "truncated manifest: file and line"
mkdir -p withmanifest
printf '%s' "$ARTICLE" > withmanifest/a.txt
printf 'garbage\n' > withmanifest/manifest.jsonl
expect_exit 1 "folder with a bad manifest.jsonl" -- "$CG" extract withmanifest
expect_grep "withmanifest/manifest.jsonl:1:" err.txt "folder's bad manifest reported"
expect_grep '"doc":"withmanifest/a.txt"' out.txt "folder's articles still read"

# claims files given to build
"$CG" extract plain.txt > good.claims.jsonl
{ head -1 good.claims.jsonl; echo '{"doc":"x","speaker":{"name":"A"},"spans":"no"}'; } > bad.claims.jsonl
expect_exit 1 "build: bad claims file" -- "$CG" build bad.claims.jsonl good.claims.jsonl -o claims-graph.json
expect_grep "bad.claims.jsonl:2:" err.txt "bad claims file: file and line"
CHECKS=$((CHECKS + 1)); [ -s claims-graph.json ] || fail "the good claims file was not built"

# ---------------------------------------------------------------- graph.json
"$CG" build plain.txt -o good.json 2>/dev/null || fail "build good.json"
bad_graph() { # NAME PATTERN DESCRIPTION (the file NAME.json is already written)
  for c in export report clusters; do
    args=()
    [ $c = export ] && args=(--format dot -o "$1.dot")
    run_timed 1 "$c: $3" -- "$CG" $c "$1.json" "${args[@]}"
    expect_error "$1.json" "$2" "$c: $3"
    [ $c = export ] && expect_no_output "$1.dot" "$c: $3"
  done
}
printf '{"nodes": [}' > malformed.json
bad_graph malformed "malformed.json:1:" "malformed graph.json"
head -c $(($(wc -c < good.json) / 2)) good.json > truncated.json
bad_graph truncated "truncated.json:[0-9]*:" "truncated graph.json"
: > emptygraph.json
bad_graph emptygraph "emptygraph.json" "empty graph.json"
printf '\x89PNG\r\n\x1a\n\0\0' > binary.json
bad_graph binary "binary.json" "binary graph.json"
python3 - <<'PY'
import json
g = json.load(open('good.json'))
def save(name, obj):
    with open(name + '.json', 'w') as f:
        json.dump(obj, f)
import copy
x = copy.deepcopy(g); x['nodes'] = {}; save('wrongtype_nodes', x)
x = copy.deepcopy(g); x['nodes'][0]['id'] = 17; save('wrongtype_id', x)
x = copy.deepcopy(g); x['nodes'][0]['kind'] = 'planet'; save('wrongtype_kind', x)
x = copy.deepcopy(g); x['nodes'][0]['scores'] = 'high'; save('wrongtype_scores', x)
x = copy.deepcopy(g); x['edges'][0]['weight'] = 'heavy'; save('wrongtype_weight', x)
x = copy.deepcopy(g); x['edges'][0]['source'] = 'speaker:nobody-at-all'; save('dangling', x)
x = copy.deepcopy(g); x['nodes'].append(copy.deepcopy(x['nodes'][0])); save('duplicate_id', x)
save('toplevel_array', [g])
PY
bad_graph wrongtype_nodes "nodes" "graph.json: nodes not an array"
bad_graph wrongtype_id "nodes\[0\]" "graph.json: node id not a string"
bad_graph wrongtype_kind "nodes\[0\]" "graph.json: unknown node kind"
bad_graph wrongtype_scores "nodes\[0\]" "graph.json: scores not an object"
bad_graph wrongtype_weight "edges\[0\]" "graph.json: weight not a number"
bad_graph dangling "speaker:nobody-at-all" "graph.json: node referenced but not defined"
bad_graph duplicate_id "nodes" "graph.json: duplicate node id"
bad_graph toplevel_array "toplevel_array.json" "graph.json: not an object"
python3 -c "print('[' * 100000 + ']' * 100000)" > deep_array.json
bad_graph deep_array "deep_array.json" "graph.json nested 100,000 deep (arrays)"
python3 -c "print('{\"nodes\":' + '{\"a\":' * 100000 + '1' + '}' * 100000 + '}')" > deep_object.json
bad_graph deep_object "deep_object.json" "graph.json nested 100,000 deep (objects)"
python3 -c "print('{\"nodes\":[{\"id\":\"x\",\"kind\":\"claim\",\"label\":' + '[' * 100000 + ']' * 100000 + '}]}')" > deep_label.json
bad_graph deep_label "deep_label.json" "graph.json nested 100,000 deep inside a node"
# and the same nesting as a JSON Lines record, a manifest and a claims file
python3 -c "print('{\"text\":' + '[' * 100000 + ']' * 100000 + '}')" > deep.jsonl
run_timed 1 "JSON Lines record nested 100,000 deep" -- "$CG" extract deep.jsonl
expect_error "deep.jsonl:1:" "." "JSON Lines record nested 100,000 deep"
run_timed 1 "manifest nested 100,000 deep" -- "$CG" extract --manifest deep.jsonl plain.txt
expect_error "deep.jsonl:1:" "." "manifest nested 100,000 deep"
python3 -c "print('{\"speaker\":' + '[' * 100000 + ']' * 100000 + '}')" > deep.claims.jsonl
run_timed 1 "claims file nested 100,000 deep" -- "$CG" build deep.claims.jsonl -o deep.json
expect_error "deep.claims.jsonl:1:" "." "claims file nested 100,000 deep"

# ---------------------------------------------------------------- outputs: atomic, never over an input
printf 'OLD CONTENT\n' > keep.dot
expect_exit 1 "failed export keeps the old output" -- "$CG" export malformed.json --format dot -o keep.dot
CHECKS=$((CHECKS + 1)); [ "$(cat keep.dot)" = "OLD CONTENT" ] || fail "a failed export damaged keep.dot"
CHECKS=$((CHECKS + 1)); ! compgen -G "keep.dot.tmp.*" >/dev/null || fail "a failed export left a temporary file"
cp good.json self.json
expect_exit 1 "export over its input" -- "$CG" export self.json --format json -o self.json
expect_grep "refusing" err.txt "export over its input: refusal explained"
expect_same good.json self.json "export over its input left it intact"
expect_exit 1 "build over an input" -- "$CG" build plain.txt good.claims.jsonl -o good.claims.jsonl
expect_grep "refusing" err.txt "build over an input: refusal explained"
cp plain.txt plain-copy.txt
expect_exit 1 "extract over an input (another name for it)" -- "$CG" extract plain-copy.txt -o ./plain-copy.txt
expect_same plain.txt plain-copy.txt "extract over an input left it intact"
ln -sf plain-copy.txt link.txt
expect_exit 1 "extract over an input through a symbolic link" -- "$CG" extract link.txt -o plain-copy.txt
expect_same plain.txt plain-copy.txt "extract over a linked input left it intact"
mkdir -p infolder
printf '%s' "$ARTICLE" > infolder/a.txt
cp infolder/a.txt infolder/a.orig
expect_exit 1 "extract over a file inside an input folder" -- "$CG" extract infolder -o infolder/a.txt
expect_same infolder/a.orig infolder/a.txt "a file inside an input folder left intact"
mkdir -p runin
"$CG" extract plain.txt -o runin/claims.jsonl
cp runin/claims.jsonl runin/claims.orig
expect_exit 1 "run over its input" -- "$CG" run runin/claims.jsonl -o runin
expect_same runin/claims.orig runin/claims.jsonl "run over its input left it intact"
# outputs that are not plain files: a FIFO is written in place (never renamed over), a
# symbolic link is followed, the mode of a replaced file is kept
mkfifo out.fifo
timeout 60 cat out.fifo > fifo-read.txt &
catpid=$!
expect_exit 0 "output to a FIFO" -- "$CG" extract plain.txt -o out.fifo
wait $catpid
CHECKS=$((CHECKS + 1)); [ -p out.fifo ] || fail "output to a FIFO replaced the FIFO with a file"
expect_same plain.claims fifo-read.txt "output to a FIFO: the reader got the claims"
printf 'OLD\n' > real-target.jsonl
chmod 600 real-target.jsonl
ln -sf real-target.jsonl link-out.jsonl
expect_exit 0 "output through a symbolic link" -- "$CG" extract plain.txt -o link-out.jsonl
CHECKS=$((CHECKS + 1)); [ -L link-out.jsonl ] || fail "output through a link replaced the link"
expect_same plain.claims real-target.jsonl "output through a link: the target holds the claims"
CHECKS=$((CHECKS + 1))
[ "$(stat -c %a real-target.jsonl)" = 600 ] || fail "a replaced output lost its mode ($(stat -c %a real-target.jsonl))"
# an interrupted run leaves the old file or the whole new one, never part of one
printf 'OLD\n' > killed.jsonl
"$CG" extract -o killed.jsonl line50m.txt 2>/dev/null &
pid=$!
sleep 1
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
CHECKS=$((CHECKS + 1))
if [ "$(cat killed.jsonl)" != OLD ] && ! cmp -s killed.jsonl l50.jsonl; then
  fail "an interrupted extract left a partial killed.jsonl"
fi
rm -f killed.jsonl.tmp.*
# SIGTERM / SIGINT: the old output stays, the temporary file is removed
for sig in TERM INT; do
  printf 'OLD\n' > signalled.jsonl
  # (a background job starts with SIGINT ignored: restore the default first)
  python3 -c 'import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execv(sys.argv[1], sys.argv[1:])' \
    "$CG" extract -o signalled.jsonl line50m.txt 2>/dev/null &
  pid=$!
  sleep 3
  kill -$sig $pid 2>/dev/null
  wait $pid
  st=$?
  CHECKS=$((CHECKS + 1))
  if [ "$(cat signalled.jsonl)" != OLD ] && ! cmp -s signalled.jsonl l50.jsonl; then
    fail "SIG$sig: a partial signalled.jsonl was left"
  fi
  CHECKS=$((CHECKS + 1))
  if [ "$(cat signalled.jsonl)" = OLD ]; then
    ! compgen -G "signalled.jsonl.tmp.*" >/dev/null || fail "SIG$sig: the temporary file was left behind"
    [ "$st" -gt 128 ] || fail "SIG$sig: exit status $st, expected death by the signal"
  fi
done
# a full disk: the error names the output, the old file stays
if [ -w /dev/full ]; then
  expect_exit 1 "write error on standard output" -- sh -c "\"$CG\" extract plain.txt > /dev/full"
  expect_grep "write error" err.txt "write error reported"
fi

# ---------------------------------------------------------------- determinism under threads
mkdir -p many
for i in $(seq -w 1 40); do
  printf '%s' "$ARTICLE" | sed "s/Jane Roe/Person$i Roe/; s/spring/spring $i/" > many/a$i.txt
done
cp nul.txt many/a05.txt
cp overlong3.txt many/a20.txt
for j in 1 2 3 8; do
  "$CG" extract -j $j many > many-j$j.jsonl 2> many-j$j.err
  "$CG" build -j $j many -o many-j$j.json 2>/dev/null
done
for j in 2 3 8; do
  expect_same many-j1.jsonl many-j$j.jsonl "extract -j$j = -j1 (claims)"
  expect_same many-j1.err many-j$j.err "extract -j$j = -j1 (errors, in order)"
  expect_same many-j1.json many-j$j.json "build -j$j = -j1"
done

# ---------------------------------------------------------------- file names are text too
bad_name=$'evil\e[31mred\a.txt'
expect_exit 1 "control characters in a missing file's name" -- "$CG" extract "$bad_name"
CHECKS=$((CHECKS + 1))
! LC_ALL=C grep -q $'[\x01-\x08\x0b-\x1f\x7f]' err.txt || fail "control characters from a file name reached the terminal"
expect_grep 'evil' err.txt "a file name with control characters is still named"
printf 'x\x1b]0;pwned\x07 \xC0\n' > esc.jsonl
expect_exit 1 "control characters in a JSON error" -- "$CG" extract esc.jsonl
CHECKS=$((CHECKS + 1))
! LC_ALL=C grep -q $'[\x01-\x08\x0b-\x1f\x7f]' err.txt || fail "control characters from the input reached the terminal"

finish
