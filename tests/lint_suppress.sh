#!/bin/sh
# lint_suppress.sh: lint's suppression workflow on examples/config-repo: the repository's
# .tunnelcast.toml, its ignore file and inline `tunnelcast: disable=` comments; precedence
# (command line > file > defaults), unused suppressions (TC301), SARIF suppression kinds.
# usage: lint_suppress.sh BIN SRCDIR   (golden: SRCDIR/tests/golden/lint/config-repo.*)
# The example is copied to a scratch directory with a `.git` directory marking the repository
# root, so the test runs the same from a git checkout or a source tarball.
set -u
bin=$1 src=$2
. "$(dirname "$0")/lib.sh"
unset NO_COLOR
cp -R "$src/examples/config-repo" "$tmp/repo"
mkdir "$tmp/repo/.git"
cd "$tmp/repo" || exit 1
asa=sites/hub/configs/asa.cfg

# the example as committed: everything accepted is suppressed, CI passes
for f in text json; do
  [ $f = text ] && fmt= || fmt="-f $f"
  # shellcheck disable=SC2086
  NO_COLOR=1 "$bin" lint -q $fmt sites/hub >"$tmp/golden.$f" 2>"$tmp/err"
  [ $? -eq 0 ] || fail "config-repo ($f): exit not 0"
  if [ "${TC_UPDATE_GOLDEN:-}" = 1 ]; then
    cp "$tmp/golden.$f" "$src/tests/golden/lint/config-repo.$f"
  else
    same "$src/tests/golden/lint/config-repo.$f" "$tmp/golden.$f" "config-repo.$f golden"
  fi
done
expect 0 "sarif" -- "$bin" lint -q -f sarif sites/hub
[ "$(grep -c '"kind": "inSource"' "$tmp/out")" -eq 1 ] || fail "one inline suppression in SARIF"
[ "$(grep -c '"kind": "external"' "$tmp/out")" -eq 2 ] || fail "two ignore-file suppressions"
has out '"justification": "R6 returns 241 through R2 by design' "SARIF justification"
has out '"id": "TC301"' "SARIF lists TC301"

# precedence: the command line over the file over the defaults
expect 0 "--no-config: the ignore file it names is not read" -- "$bin" lint -q --no-config sites/hub
has out "^0 errors, 2 warnings, 0 notes (1 suppressed)$" "--no-config keeps the inline one"
expect 1 "--ignore FILE replaces the file's; its fail-on = warning applies" -- \
  "$bin" lint -q --ignore /dev/null sites/hub
expect 0 "--fail-on error beats the file's fail-on" -- \
  "$bin" lint -q --ignore /dev/null --fail-on error sites/hub
expect 0 "--severity RULE=off" -- "$bin" lint -q --severity TC121=off sites/hub
has out "^0 errors, 0 warnings, 0 notes (1 suppressed)$" "off: not run, its ignore line not unused"
expect 1 "--severity RULE=error" -- "$bin" lint -q --ignore /dev/null --severity TC121=error sites/hub
has out "^2 errors, 0 warnings, 0 notes (1 suppressed)$" "TC121 reported as error"
expect 2 "--severity bad" -- "$bin" lint -q --severity TC121=fatal sites/hub
has err "error, warning, note or off" "--severity names the severities"
expect 2 "--severity unknown rule" -- "$bin" lint -q --severity TC999=note sites/hub

# the file enables what it disables when the command line sets a severity
printf '[lint]\ndisable = ["TC121"]\n' >.tunnelcast.toml
expect 0 "file's disable" -- "$bin" lint -q --ignore /dev/null sites/hub
has out "^0 errors, 0 warnings, 0 notes (1 suppressed)$" "file's disable applies"
expect 0 "--severity re-enables a rule the file disables" -- \
  "$bin" lint -q --ignore /dev/null --severity TC121=note sites/hub
has out "^0 errors, 0 warnings, 2 notes (1 suppressed)$" "command-line severity wins"
printf '[lint]\nbogus = "x"\n[lint.severity]\nTC121 = "loud"\n[other]\n' >.tunnelcast.toml
expect 2 "a bad config file" -- "$bin" lint -q sites/hub
has err "^.*\.tunnelcast\.toml:2: error: unknown key" "unknown key located"
has err "^.*\.tunnelcast\.toml:4: error: the severity is" "bad severity located"
has err "^.*\.tunnelcast\.toml:5: error: unknown table" "unknown table located"
cp "$src/examples/config-repo/.tunnelcast.toml" .

# outside a git repository only the snapshot's own directory is searched
rmdir .git
expect 0 "no git root: the repository file is not read" -- "$bin" lint -q sites/hub
has out "^0 errors, 2 warnings, 0 notes (1 suppressed)$" "no git root"
mkdir .git

# unused suppressions are findings, at their own line
printf 'TC118 ASA no any here\n' >>lint/ignore
sed -i 's/^crypto map OUTSIDE_MAP 10 set peer/! tunnelcast: disable=TC104 nothing to hide\n&/' $asa
ln=$(grep -n 'disable=TC104' $asa | cut -d: -f1)
expect 0 "unused suppressions are notes" -- "$bin" lint -q sites/hub
has out "^$tmp/repo/lint/ignore:3:1: note: TC301 suppression of TC118 (any-in-crypto-acl) matched no finding \[unused-suppression\]$" \
  "unused ignore line"
has out "^$asa:$ln:1: note: TC301 suppression of TC104 (entry-without-peer) matched no finding in the block it covers" \
  "unused inline suppression"
expect 1 "--severity TC301=warning fails with the file's fail-on" -- \
  "$bin" lint -q --severity TC301=warning sites/hub
expect 0 "a disabled rule's suppression is not unused" -- "$bin" lint -q --disable TC104,TC118 sites/hub
hasnt out "TC301" "no TC301 for rules not run"
cp "$src/examples/config-repo/lint/ignore" lint/
cp "$src/examples/config-repo/$asa" $asa

# every comment form; a related location in scope suppresses too
r2=sites/hub/configs/r2.cfg r3=sites/hub/configs/r3.cfg
sed -i 's/^crypto map CMAP 10 ipsec-isakmp$/&\n description tunnelcast: disable=connection-type-mismatch reviewed/' $r2
expect 1 "description covers its block (R2's entry, a related line of TC121)" -- \
  "$bin" lint -q --ignore /dev/null sites/hub
has out "^0 errors, 1 warning, 0 notes (2 suppressed)$" "one TC121 left"
has out "answer-only toward R3" "the one toward R3 is left"
sed -i '1i ! tunnelcast: disable-file=TC121,TC999' $r3
expect 0 "disable-file" -- "$bin" lint --ignore /dev/null sites/hub
has out "^0 errors, 0 warnings, 0 notes (3 suppressed)$" "disable-file covers the file"
has err "^$r3:1: warning: unknown rule 'TC999' in a tunnelcast suppression$" "unknown rule warned"
cp "$src/examples/config-repo/$r2" $r2
cp "$src/examples/config-repo/$r3" $r3
sed -i 's/^access-list VPN-ACL remark tunnelcast:/: tunnelcast:/' $asa
expect 0 "an ASA ':' comment" -- "$bin" lint -q sites/hub
has out "(3 suppressed)" "':' comment covers the next command"
sed -i 's/^: tunnelcast:/ ! tunnelcast:/' $asa
expect 0 "an indented '!' comment" -- "$bin" lint -q sites/hub
has out "(3 suppressed)" "'!' comment covers the next command"
sed -i 's/^ ! tunnelcast: disable=TC201/! tunnelcast: disable=TC201\npager lines 23/' $asa
expect 1 "the scope is the next command only" -- "$bin" lint -q --severity TC301=note sites/hub
has out "TC201 ownership" "a suppression before another command does not reach the ACL line"
has out "TC301 suppression of TC201" "and is reported unused"

[ "$fails" -eq 0 ] && echo "lint_suppress.sh: all checks passed"
[ "$fails" -eq 0 ]
