# Helpers for the shell tests. Each test script is run by ctest as
#   bash tests/cli/NAME.sh BINARY SOURCE_DIR WORK_DIR
# and sources this file. Exit 77 means "skipped".
set -u
CG=$1
SRC=$2
WORK=$3
rm -rf "$WORK"
mkdir -p "$WORK"
cd "$WORK"
FAILS=0
CHECKS=0

fail() {
  echo "FAIL: $*" >&2
  FAILS=$((FAILS + 1))
}

# expect_exit CODE DESCRIPTION -- COMMAND...: runs COMMAND, stdout to out.txt, stderr to err.txt
expect_exit() {
  local want=$1 desc=$2
  shift 3
  CHECKS=$((CHECKS + 1))
  "$@" >out.txt 2>err.txt
  local got=$?
  if [ "$got" != "$want" ]; then
    fail "$desc: exit $got, expected $want ($*)"
    sed 's/^/  stderr: /' err.txt | head -5 >&2
  fi
}

# expect_grep PATTERN FILE DESCRIPTION
expect_grep() {
  CHECKS=$((CHECKS + 1))
  grep -q -- "$1" "$2" || fail "$3: '$1' not found in $2"
}

# expect_same FILE1 FILE2 DESCRIPTION
expect_same() {
  CHECKS=$((CHECKS + 1))
  cmp -s "$1" "$2" || { fail "$3: $1 and $2 differ"; diff -u "$1" "$2" | head -20 >&2; }
}

# validate DATA SCHEMA DESCRIPTION: JSON (or JSON Lines with --lines) against a schema
validate() {
  CHECKS=$((CHECKS + 1))
  python3 "$SRC/tests/schema/validate.py" "$@" >val.txt 2>&1 || {
    fail "schema validation: $*"
    head -10 val.txt >&2
  }
}

finish() {
  echo "$CHECKS checks, $FAILS failed"
  [ "$FAILS" -eq 0 ]
  exit $?
}
