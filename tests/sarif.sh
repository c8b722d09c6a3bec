#!/bin/sh
# sarif.sh: validate tunnelcast's SARIF with Microsoft's SARIF validator (npm @microsoft/sarif-multitool).
# usage: sarif.sh BIN TOOLDIR SNAPSHOT...   (lint -f sarif of each, drift -f sarif of those with state/)
# The validator is installed with npm into TOOLDIR (under the build directory) on first use.
# Exits 77 (skipped) only when npm is not installed at all, and not under TC_CI=1 (.ci/run),
# where that fails too; any other failure fails.
# Every SARIF error fails, and so does every warning except SARIF2005 (no informationUri:
# tunnelcast has no web page to point at). The GitHub ingestion rules (--rule-kind Gh) run too.
set -u
bin=$1 tooldir=$2
shift 2
version=5.7.0
if ! command -v npm >/dev/null 2>&1; then
  if [ "${TC_CI:-}" = 1 ]; then # .ci/run: a validator the tests need is required, never skipped
    echo "FAIL: sarif.sh: npm is not installed (scripts/bootstrap installs it)" >&2
    exit 1
  fi
  echo "sarif.sh: npm is not installed; skipping SARIF validation" >&2
  exit 77
fi
tool=$tooldir/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool
if [ ! -x "$tool" ]; then
  mkdir -p "$tooldir"
  if ! (cd "$tooldir" && npm install --no-audit --no-fund --no-save --prefix . "@microsoft/sarif-multitool@$version" >npm.log 2>&1); then
    echo "sarif.sh: npm install @microsoft/sarif-multitool@$version failed:" >&2
    cat "$tooldir/npm.log" >&2
    exit 1
  fi
  chmod u+x "$tool" 2>/dev/null
fi
if [ ! -x "$tool" ]; then
  echo "sarif.sh: $tool missing after npm install" >&2
  exit 1
fi
# The self-contained .NET binary needs ICU unless told to run without it.
export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0 n=0
# check FILE WHAT: the validator's verdict on one SARIF log
check() {
  f=$1 what=$2
  for kind in Sarif Gh; do
    "$tool" validate "$f" --rule-kind "$kind" -o "$f.$kind.out" --log ForceOverwrite >"$tmp/log" 2>&1
    if ! grep -q "Analysis completed successfully" "$tmp/log"; then
      echo "FAIL: the validator did not complete on $what ($kind):" >&2
      cat "$tmp/log" >&2
      fails=$((fails + 1))
    elif grep -E ': (error|warning) ' "$tmp/log" | grep -v 'SARIF2005' >"$tmp/bad"; [ -s "$tmp/bad" ]; then
      echo "FAIL: $what: SARIF validation ($kind) found:" >&2
      cat "$tmp/bad" >&2
      fails=$((fails + 1))
    fi
  done
}
# lint of every snapshot; drift of those with captures (state/)
for snap in "$@"; do
  for cmd in lint drift; do
    [ "$cmd" = drift ] && [ ! -d "$snap/state" ] && continue
    n=$((n + 1))
    f=$tmp/$n.sarif
    "$bin" "$cmd" -q -f sarif "$snap" >"$f"
    rc=$?
    if [ "$rc" -gt 1 ]; then
      echo "FAIL: tunnelcast $cmd -f sarif $snap exited $rc" >&2
      fails=$((fails + 1))
      continue
    fi
    check "$f" "$cmd $snap"
  done
done
[ "$fails" -eq 0 ] && echo "sarif.sh: $n SARIF logs valid"
exit "$fails"
