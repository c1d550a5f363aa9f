# claimgraph eval agrees, figure for figure, with the reference scorers: score.py on the
# seed articles (claims gold) and to_spans.py + score_spans.py --bytes on PolNeAR dev
# (span gold). Also: its usage errors and failures. Skipped without ../shared.
. "$(dirname "$0")/lib.sh"
SHARED="$SRC/../shared"
EX="$SRC/examples/articles"
if [ ! -d "$SHARED/eval" ] || ! command -v python3 >/dev/null; then
  echo "skipped: $SHARED/eval or python3 is absent"
  exit 77
fi
SEEDS_GOLD="$SHARED/gold/seeds.gold.jsonl"
DEV_GOLD="$SHARED/polnear/dev.gold.jsonl"
DEV_TEXT="$SHARED/polnear/dev/text"

# Renders claimgraph's --json the way the reference script prints its figures, so the
# two can be compared byte for byte (and differences shown with diff -u).
cat >render.py <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))
if r["format"] == "claims":
    def prf(m):
        return [round(m["p"], 3), round(m["r"], 3), round(m["f1"], 3)]
    print(json.dumps(dict(gold=r["gold"], predicted_counted=r["predicted_counted"],
                          false_pos=r["false_pos"], claim_prf=prf(r["claim"]),
                          attribution_prf=prf(r["attribution"]),
                          speaker_names_per_speaker=round(r["speaker_names_per_speaker"], 2))))
else:
    print(f'gold attributions {r["gold"]}  predicted {r["predicted"]}')
    for a in r["content"]:
        m, e = a["match"], a["end_to_end"]
        print(f'content@{a["threshold"]:.1f}: P {m["p"]:.3f} R {m["r"]:.3f} F1 {m["f1"]:.3f} | '
              f'speaker acc on matched {a["speaker_acc"]:.3f} | end-to-end P {e["p"]:.3f} '
              f'R {e["r"]:.3f} F1 {e["f1"]:.3f}')
    c = r["cue"]
    print(f'cue exact span: P {c["p"]:.3f} R {c["r"]:.3f} F1 {c["f1"]:.3f}')
EOF

# agree NAME: compares NAME.py.txt (the script) with NAME.cg.json rendered
agree() {
  CHECKS=$((CHECKS + 1))
  if ! python3 render.py "$1.cg.json" >"$1.cg.txt"; then
    fail "$1: cannot read claimgraph eval --json output"
    return
  fi
  if cmp -s "$1.py.txt" "$1.cg.txt"; then
    echo "agree: $1"
    sed 's/^/  /' "$1.cg.txt"
  else
    fail "$1: claimgraph eval disagrees with the reference scorer"
    diff -u "$1.py.txt" "$1.cg.txt" | sed 's/^/  /' >&2
  fi
}

# usage and failures
expect_exit 0 "eval --help" -- "$CG" eval --help
expect_grep "usage: claimgraph eval" out.txt "eval --help"
expect_exit 2 "eval unknown option" -- "$CG" eval --no-such-option
expect_exit 2 "eval without --gold" -- "$CG" eval "$EX"
expect_exit 2 "eval without input" -- "$CG" eval --gold "$SEEDS_GOLD"
expect_exit 2 "eval -j 0" -- "$CG" eval --gold "$SEEDS_GOLD" -j 0 "$EX"
expect_exit 1 "eval missing gold" -- "$CG" eval --gold missing.gold.jsonl "$EX"
expect_grep "missing.gold.jsonl" err.txt "missing gold named"
head -3 "$SEEDS_GOLD" >bad.gold.jsonl
echo '{"id": "x", "doc": "d.txt", "speaker": "S", "aliases": ["S"], "content": "c"}' >>bad.gold.jsonl
expect_exit 1 "eval gold without required" -- "$CG" eval --gold bad.gold.jsonl "$EX"
expect_grep "bad.gold.jsonl:4:" err.txt "gold error names file and line"
printf '{"doc": "d", "text": "t", "attributions": []}\n{"doc": \n' >bad2.gold.jsonl
expect_exit 1 "eval gold with bad JSON" -- "$CG" eval --gold bad2.gold.jsonl "$EX"
expect_grep "bad2.gold.jsonl:2:" err.txt "JSON error names file and line"
expect_exit 1 "eval missing input" -- "$CG" eval --gold "$SEEDS_GOLD" no-such-article.txt
expect_grep "no-such-article.txt" err.txt "missing input named"

# claims gold: the seed articles
expect_exit 0 "extract seeds" -- "$CG" extract "$EX"
mv out.txt seeds.claims.jsonl
python3 "$SHARED/eval/score.py" "$SEEDS_GOLD" seeds.claims.jsonl >seeds.py.txt ||
  fail "score.py failed on the seeds"
expect_exit 0 "eval seeds --json" -- "$CG" eval --gold "$SEEDS_GOLD" --json "$EX"
mv out.txt seeds.cg.json
agree seeds
expect_exit 0 "eval seeds from the claims file" -- "$CG" eval --gold "$SEEDS_GOLD" --json \
  seeds.claims.jsonl
expect_same seeds.cg.json out.txt "eval on articles equals eval on their claims"
expect_exit 0 "eval seeds -j 2" -- "$CG" eval -j 2 --gold "$SEEDS_GOLD" --json "$EX"
expect_same seeds.cg.json out.txt "eval -j2 equals -j1"
expect_exit 0 "eval seeds (text)" -- "$CG" eval --gold "$SEEDS_GOLD" "$EX"
expect_grep "attribution" out.txt "text report"

# span gold: PolNeAR dev
if [ -d "$DEV_TEXT" ] && [ -f "$DEV_GOLD" ]; then
  expect_exit 0 "extract PolNeAR dev" -- "$CG" extract -j 2 "$DEV_TEXT"
  mv out.txt dev.claims.jsonl
  { python3 "$SHARED/eval/to_spans.py" dev.claims.jsonl "$DEV_GOLD" >dev.pred.jsonl &&
    python3 "$SHARED/eval/score_spans.py" --bytes "$DEV_GOLD" dev.pred.jsonl >dev.py.txt; } ||
    fail "to_spans.py/score_spans.py failed on PolNeAR dev"
  expect_exit 0 "eval PolNeAR dev --json" -- "$CG" eval -j 2 --gold "$DEV_GOLD" --json "$DEV_TEXT"
  mv out.txt dev.cg.json
  agree dev
  expect_exit 0 "eval PolNeAR dev from the claims file" -- "$CG" eval --gold "$DEV_GOLD" --json \
    dev.claims.jsonl
  expect_same dev.cg.json out.txt "eval on dev articles equals eval on their claims"
  expect_exit 0 "eval PolNeAR dev (text)" -- "$CG" eval --gold "$DEV_GOLD" dev.claims.jsonl
  expect_grep "content@0.3" out.txt "span text report"
else
  echo "note: PolNeAR dev is absent; span gold not compared"
fi

finish
