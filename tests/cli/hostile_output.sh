# Nothing injected: names, quotes, outlets and file names holding \" \\ <script> & newlines
# and control characters reach DOT, SVG, JSON, GraphML, GEXF, CSV and the terminal escaped.
# Every output is parsed back; the graph's nodes and edges must be the same after the
# round trip, and the SVG must carry no active content.
. "$(dirname "$0")/lib.sh"
command -v dot >/dev/null || { echo "skipped: Graphviz's dot is not installed"; exit 77; }

# 1. hostile claims (as `extract` would write them) and a hostile article
python3 - <<'PY'
import json
H = ['\\"', '\\\\', '\\', '"', '<script>alert(1)</script>', '&amp; & &lt;', '\n', '\r\n', '\t',
     '\x01', '\x1b[31m', '\x7f', '\u0085', '\u2028', '\u202e', ']]>', '<!-- -->', '--',
     '"; evil [label="pwned"]; "', '} digraph x {', '\\N \\G \\l \\E', '<<b>html</b>>',
     '${x}', "' onload='alert(1)", 'javascript:alert(1)', '\U0001F600', '\ufeff']
def hostile(i, base):
    return base + ' ' + H[i % len(H)] + ' ' + H[(i * 7 + 3) % len(H)] + ' end'
claims = []
for i in range(len(H)):
    claims.append({
        'doc': hostile(i, 'doc'), 'type': ['direct', 'indirect', 'mixed'][i % 3],
        'text': hostile(i, 'We said'), 'spans': [[0, 5]],
        'speaker': {'name': hostile(i, 'Jane' + chr(65 + i)), 'mention': hostile(i + 1, 'she'),
                    'span': [6, 9], 'kind': 'person'},
        'cue': {'text': hostile(i + 2, 'said'), 'span': [10, 14]},
        'outlet': hostile(i + 3, 'Outlet'), 'via': [hostile(i + 4, 'Via')],
        'relations': ([{'type': 'disputes', 'text': hostile(i - 1, 'We said'),
                        'speaker': hostile(i - 1, 'Jane' + chr(64 + i))}] if i else [])})
with open('hostile.claims.jsonl', 'w') as f:
    for c in claims:
        f.write(json.dumps(c, ensure_ascii=False) + '\n')
json.dump(H, open('hostile-strings.json', 'w'))
art = ('\u201cNever write \\n or \\\\ or \\" into a label & <script>alert(1)</script>\x1b[31m '
       'red\x07 \x01 \u202e,\u201d said Jane \\"Evil\\" <b>Roe</b> & Sons.\r\n\r\n'
       '"It is } digraph { fine\x0b\x0c," said John "Q" Doe of Example&Co ]]> --.\n'
       'Jane Roe told Example <Radio> & "TV" that it was \u201cfine\\\u201d.\n')
open('hostile.txt', 'w').write(art)
PY
expect_exit 0 "build from hostile claims" -- "$CG" build hostile.claims.jsonl -o hostile.json
validate hostile.json "$SRC/schema/graph.schema.json"
expect_exit 0 "run on a hostile article" -- "$CG" run hostile.txt -o hostile-run
cp hostile-run/graph.json hostile-article.json

# 2. a hand-edited graph.json with hostile metadata (as another tool might write it)
python3 - <<'PY'
import json
g = json.load(open('hostile.json'))
H = json.load(open('hostile-strings.json'))
for i, n in enumerate(g['nodes']):
    if n['kind'] == 'article':
        for k in ('url', 'date', 'author'):
            n[k] = H[i % len(H)] + ' ' + k
json.dump(g, open('hand.json', 'w'), ensure_ascii=False)
PY

check_graph() { # GRAPH.json NAME (outputs are NAME.FORMAT)
  local g=$1 name=$2 f
  for f in dot svg json graphml gexf cytoscape nodelink; do
    expect_exit 0 "$name: export $f" -- "$CG" export "$g" --format $f -o "$name.$f"
  done
  expect_exit 0 "$name: export dot, layout sfdp, svg" -- "$CG" export "$g" --format svg --layout sfdp -o "$name.sfdp.svg"
  # DOT: Graphviz parses it without complaint and finds exactly the graph's nodes and edges
  CHECKS=$((CHECKS + 1))
  if ! dot -Tcanon "$name.dot" >"$name.canon" 2>"$name.dot.err" || [ -s "$name.dot.err" ]; then
    fail "$name: DOT does not parse cleanly: $(head -3 "$name.dot.err")"
  fi
  CHECKS=$((CHECKS + 1))
  got=$(gvpr 'BEG_G { printf("%d %d\n", nNodes($G), nEdges($G)); }' "$name.dot" 2>&1)
  want=$(python3 -c "import json,sys; g=json.load(open(sys.argv[1])); print(len(g['nodes']), len(g['edges']))" "$g")
  [ "$got" = "$want" ] || fail "$name: DOT has nodes/edges '$got', graph.json has '$want'"
  CHECKS=$((CHECKS + 1))
  dot -Tsvg "$name.dot" >"$name.dot.svg" 2>"$name.dot.err" && [ ! -s "$name.dot.err" ] \
    || fail "$name: dot cannot render the DOT: $(head -3 "$name.dot.err")"
  # everything else parses; nothing active in SVG; no raw control characters anywhere
  CHECKS=$((CHECKS + 1))
  python3 - "$g" "$name" <<'PY' || fail "$name: an export is not valid or carries active content"
import json, sys, re, xml.etree.ElementTree as ET
src, name = sys.argv[1], sys.argv[2]
g = json.load(open(src))
def active(path):
    root = ET.parse(path).getroot()
    bad = [e.tag for e in root.iter() if e.tag.split('}')[-1].lower() in ('script', 'foreignobject', 'iframe', 'object', 'embed')]
    for e in root.iter():
        for k, v in e.attrib.items():
            kk = k.split('}')[-1].lower()
            v = ''.join(v.split()).lower()
            # event handlers; links and sources that are not plain web links or anchors
            if kk.startswith('on') or (kk in ('href', 'src', 'action', 'formaction') and
                                       not re.match(r'(#|https?://)', v)) or (
                    kk == 'style' and ('url(' in v or 'expression(' in v)):
                bad.append((e.tag, k, v))
    assert not bad, (path, bad[:5])
for f in ('svg', 'sfdp.svg', 'dot.svg'):
    active(name + '.' + f)
for f in ('graphml', 'gexf'):
    ET.parse(name + '.' + f)
for f in ('json', 'cytoscape', 'nodelink'):
    json.load(open(name + '.' + f, encoding='utf-8'))   # strict: no raw control characters
# graph.json in = graph.json out (same nodes and the same text in them)
out = json.load(open(name + '.json'))
keys = ('id', 'kind', 'label', 'url', 'date', 'author', 'aliases')
assert [[n.get(k) for k in keys] for n in out['nodes']] == [[n.get(k) for k in keys] for n in g['nodes']], 'json export changed the nodes'
assert len(out['edges']) == len(g['edges'])
ctl = re.compile(rb'[\x00-\x08\x0b\x0c\x0e-\x1f]')  # invalid in XML 1.0, raw in JSON
for f in ('dot', 'svg', 'graphml', 'gexf', 'json', 'cytoscape', 'nodelink'):
    data = open(name + '.' + f, 'rb').read()
    data.decode('utf-8')
    m = ctl.search(data)
    assert not m, (f, data[max(0, m.start() - 40):m.end() + 10])
# nothing injected: the same nodes in the JSON exports
ids = sorted(n['id'] for n in g['nodes'])
cy = json.load(open(name + '.cytoscape'))
els = cy['elements'] if 'elements' in cy else cy
cyids = sorted(e['data']['id'] for e in els['nodes'] if e['data']['id'] in set(ids))
assert cyids == ids, 'cytoscape lost or renamed nodes'
nl = json.load(open(name + '.nodelink'))
assert sorted(n['id'] for n in nl['nodes']) == ids, 'nodelink lost or renamed nodes'
assert len(nl.get('links', nl.get('edges', []))) == len(g['edges']), 'nodelink edges'
# labels survive the JSON exports exactly
labels = sorted(n['label'] for n in g['nodes'])
assert sorted(n['label'] for n in json.load(open(name + '.json'))['nodes']) == labels
PY
  # terminal outputs: reports hold no raw control characters, CSV and JSON parse
  for args in "" "--kind all --top 0" "--kind claim --top 0" "--kind article --top 0"; do
    expect_exit 0 "$name: report $args" -- "$CG" report "$g" $args
    CHECKS=$((CHECKS + 1))
    ! LC_ALL=C grep -q $'[\x01-\x08\x0b-\x1f\x7f]' out.txt \
      || fail "$name: report $args printed raw control characters"
    CHECKS=$((CHECKS + 1))
    ! grep -q $'\xc2[\x80-\x9f]' out.txt || fail "$name: report $args printed C1 control characters"
  done
  expect_exit 0 "$name: report --csv" -- "$CG" report "$g" --kind all --top 0 --csv
  CHECKS=$((CHECKS + 1))
  python3 - "$g" <<'PY' || fail "$name: report --csv does not parse into one row per node"
import csv, json, sys
n = len(json.load(open(sys.argv[1]))['nodes'])
rows = list(csv.reader(open('out.txt', newline='', encoding='utf-8')))
assert len(rows) == n + 1, (len(rows), n + 1)
assert len(set(len(r) for r in rows)) == 1, 'ragged CSV rows'
PY
  expect_exit 0 "$name: report --json" -- "$CG" report "$g" --kind all --top 0 --json
  CHECKS=$((CHECKS + 1)); python3 -c "import json; json.load(open('out.txt'))" || fail "$name: report --json"
  for style in "" --json --csv; do
    expect_exit 0 "$name: clusters $style" -- "$CG" clusters "$g" --members 100 $style
    CHECKS=$((CHECKS + 1))
    ! LC_ALL=C grep -q $'[\x01-\x08\x0b-\x1f\x7f]' out.txt \
      || fail "$name: clusters $style printed raw control characters"
  done
}

check_graph hostile.json out-hostile
check_graph hand.json out-hand
check_graph hostile-article.json out-article
for f in graph.dot graph.svg report.txt; do
  CHECKS=$((CHECKS + 1))
  ! LC_ALL=C grep -q $'[\x01-\x08\x0b-\x1f\x7f]' hostile-run/$f || fail "run: $f holds raw control characters"
done
CHECKS=$((CHECKS + 1))
python3 -c "import xml.etree.ElementTree as E; E.parse('hostile-run/graph.svg')" || fail "run: graph.svg not XML"

# the claims themselves: extract's JSON Lines stay one valid object per line
expect_exit 0 "extract a hostile article" -- "$CG" extract hostile.txt
CHECKS=$((CHECKS + 1))
python3 -c "
import json
for l in open('out.txt', encoding='utf-8'): json.loads(l)
" || fail "extract: claims JSON Lines do not parse"
validate --lines out.txt "$SRC/schema/claims.schema.json"

finish
