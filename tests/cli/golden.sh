# Golden files: graph.json and DOT, byte-exact, for each case in tests/cases/.
. "$(dirname "$0")/lib.sh"
cd "$SRC"
for case in tests/cases/*/; do
  name=$(basename "$case")
  [ -f "$case/args" ] || continue
  mapfile -t inputs < "$case/args"
  CHECKS=$((CHECKS + 1))
  if ! "$CG" build "${inputs[@]}" -o "$WORK/$name.json" 2>"$WORK/$name.err"; then
    fail "$name: build failed: $(head -3 "$WORK/$name.err")"
    continue
  fi
  "$CG" export "$WORK/$name.json" --format dot -o "$WORK/$name.dot" 2>>"$WORK/$name.err" \
    || fail "$name: export failed"
  for ext in json dot; do
    if [ ! -f "$case/expected.$ext" ]; then
      fail "$name: $case/expected.$ext missing (run tools/update-golden)"
    else
      expect_same "$case/expected.$ext" "$WORK/$name.$ext" "$name: $ext golden"
    fi
  done
  # the exports of a hostile case must parse and carry no active content
  if [ "$name" = escaping ]; then
    "$CG" export "$WORK/$name.json" --format svg -o "$WORK/$name.svg" || fail "escaping: svg"
    python3 - "$WORK/$name.svg" "$WORK/$name.json" <<'PY' || fail "escaping: SVG/JSON check"
import json, sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
bad = [e.tag for e in root.iter() if e.tag.split('}')[-1].lower() in ('script', 'foreignobject')]
bad += [k for e in root.iter() for k in e.attrib if k.lower().startswith('on')]
assert not bad, bad
g = json.load(open(sys.argv[2]))
assert any('<script>' in n.get('label', '') for n in g['nodes']), 'label lost its text'
PY
  fi
done
cd "$WORK"
finish
