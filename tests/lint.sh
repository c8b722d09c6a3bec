#!/bin/sh
# lint.sh: the lint and diff command lines: exit codes, formats, suppression, colour, secrets, --git.
set -u
bin=$1
fails=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
unset NO_COLOR

. "$(dirname "$0")/lib.sh"
L=tests/data/lint

# catalogue
expect 0 "--list-rules" -- "$bin" lint --list-rules
for id in TC101 TC102 TC103 TC104 TC105 TC106 TC107 TC108 TC109 TC110 TC111 TC112 TC113 TC114 \
          TC115 TC116 TC117 TC118 TC119 TC120 TC121 TC122 TC123 TC124 TC125 TC126 TC127 TC128 \
          TC129 TC130 TC131 TC201 TC202 TC203 TC204; do
  has out "^$id " "--list-rules lists $id"
done
expect 0 "--explain" -- "$bin" lint --explain TC201
has out "^TC201 ownership-moved" "--explain heads with id and name"
has out "^Fix:" "--explain gives the fix"
expect 0 "--explain by name" -- "$bin" lint --explain psk-mismatch
has out "^TC111" "--explain accepts a rule name"
expect 2 "--explain unknown" -- "$bin" lint --explain TC999
has err "unknown rule 'TC999'" "unknown rule is named"
expect 0 "help lint" -- "$bin" help lint
has out "usage: tunnelcast lint" "help lint"
expect 0 "--help lists lint and diff" -- "$bin" --help
has out "lint SNAPSHOT" "--help lists lint"
has out "diff OLD NEW" "--help lists diff"

# exit codes
expect 0 "warnings only pass by default" -- "$bin" lint -q samples/lab-a
expect 1 "--fail-on warning" -- "$bin" lint -q --fail-on warning samples/lab-a
expect 0 "--fail-on never" -- "$bin" lint -q --fail-on never $L/ike-off
expect 1 "errors fail" -- "$bin" lint -q $L/ike-off
expect 1 "a note fails at --fail-on note" -- "$bin" lint -q --fail-on note --disable TC112,TC114,TC115 $L/ike
has out "TC113" "the note is reported"
expect 0 "--disable the only error rules" -- "$bin" lint -q --disable TC102 --disable domain-down $L/ike-off
expect 2 "--disable unknown rule" -- "$bin" lint -q --disable TC999 samples/lab-a
expect 2 "bad format" -- "$bin" lint -q -f yaml samples/lab-a
expect 2 "bad --fail-on" -- "$bin" lint -q --fail-on fatal samples/lab-a
expect 2 "missing snapshot" -- "$bin" lint
expect 3 "snapshot does not exist" -- "$bin" lint "$tmp/nowhere"
expect 2 "unknown option" -- "$bin" lint --bogus samples/lab-a
expect 4 "unwritable output" -- "$bin" lint -q -o "$tmp/no/such/dir/x" samples/lab-a

# text format: file:line:col: severity: TCnnn message, related lines as notes
expect 1 "psk text" -- "$bin" lint -q $L/psk-mismatch
has out "^tests/data/lint/psk-mismatch/configs/asa.cfg:53:2: error: TC111 " "compiler-style head"
has out "^tests/data/lint/psk-mismatch/configs/r3.cfg:21:37: note: R3's key for 5.100.14.1" "related line on the other device"
has out "crypto isakmp key <removed> address 5.100.14.1" "source line shown masked"
has out "^1 error, 0 warnings, 0 notes$" "summary"

# colour: never on a pipe, never with NO_COLOR, forced with --color always
ESC=$(printf '\033')
expect 0 "no colour on a pipe" -- "$bin" lint -q samples/lab-a
hasnt out "$ESC" "no escape codes when not a terminal"
expect 0 "--color always" -- "$bin" lint -q --color always samples/lab-a
has out "$ESC\[" "escape codes with --color always"
expect 0 "--color=never" -- "$bin" lint -q --color=never samples/lab-a
hasnt out "$ESC" "--color=never"
if command -v script >/dev/null 2>&1; then
  script -qec "$bin lint -q samples/lab-a" /dev/null >"$tmp/tty" 2>&1
  if ! grep -q "$ESC\[" "$tmp/tty"; then
    echo "FAIL: colour on a terminal" >&2
    fails=$((fails + 1))
  fi
  NO_COLOR=1 script -qec "$bin lint -q samples/lab-a" /dev/null >"$tmp/tty" 2>&1
  if grep -q "$ESC\[" "$tmp/tty"; then
    echo "FAIL: NO_COLOR on a terminal still colours" >&2
    fails=$((fails + 1))
  fi
fi

# suppression file
mkdir -p "$tmp/snap"
cp -r $L/psk/configs "$tmp/snap/"
printf '# reviewed\nTC109 ASA  tunnel-group for R2 comes with change 42\nwildcard-psk * \n' >"$tmp/snap/.tunnelcast-ignore"
expect 1 "ignore file" -- "$bin" lint -q "$tmp/snap"
hasnt out "TC109" "suppressed finding not shown"
hasnt out "TC110" "suppressed by name and wildcard device"
has out "(2 suppressed)" "suppressed count"
expect 1 "ignore file, json" -- "$bin" lint -q -f json "$tmp/snap"
has out '"reason": "tunnel-group for R2 comes with change 42"' "json carries the reason"
expect 1 "ignore file, sarif" -- "$bin" lint -q -f sarif "$tmp/snap"
has out '"justification": "tunnel-group for R2 comes with change 42"' "sarif suppression"
printf 'TC109\n' >"$tmp/snap/.tunnelcast-ignore"
expect 2 "ignore line without device" -- "$bin" lint -q "$tmp/snap"
has err ".tunnelcast-ignore:1: error" "bad ignore line located"
printf 'TC777 ASA\n' >"$tmp/snap/.tunnelcast-ignore"
expect 2 "ignore unknown rule" -- "$bin" lint -q "$tmp/snap"
printf 'TC109 ASA\n' >"$tmp/ig"
rm "$tmp/snap/.tunnelcast-ignore"
expect 1 "--ignore FILE" -- "$bin" lint -q --ignore "$tmp/ig" "$tmp/snap"
has out "(1 suppressed)" "--ignore applies"
expect 2 "--ignore missing file" -- "$bin" lint -q --ignore "$tmp/nope" "$tmp/snap"

# junit
expect 1 "junit" -- "$bin" lint -q -f junit $L/psk
has out '<testsuites name="tunnelcast lint tests/data/lint/psk"' "junit root"
has out '<failure type="error"' "junit failure"
has out 'name="TC101 crypto-map-not-applied"' "a suite per rule"

# secrets never in any output, any format
for t in $L/*/ samples/lab-a; do
  for f in text json sarif junit; do
    "$bin" lint -f $f --color always "$t" >>"$tmp/all" 2>&1
  done
done
"$bin" diff -f markdown samples/lab-a $L/psk-mismatch >>"$tmp/all" 2>&1
for secret in LabKey-2012 Wildcard-Key-9 Other-Key-3; do
  if grep -q "$secret" "$tmp/all"; then
    echo "FAIL: secret $secret appears in an output" >&2
    fails=$((fails + 1))
  fi
done

# diff
expect 0 "diff of a snapshot with itself" -- "$bin" diff -q samples/lab-b samples/lab-b
has out "0 owner changed, 0 state changed" "nothing changed"
expect 1 "diff: state change" -- "$bin" diff -q samples/lab-a $L/oscillate
expect 1 "diff: new error only" -- "$bin" diff -q samples/lab-a $L/psk-mismatch
has out "introduced:" "introduced findings listed"
expect 0 "diff: fixed only" -- "$bin" diff -q $L/psk-mismatch samples/lab-a
has out "fixed:" "fixed findings listed"
mkdir -p "$tmp/via-r3"
cp -r samples/lab-a/configs "$tmp/via-r3/"
sed -i 's/^ip route 10.26.241.0 255.255.255.0 5.100.26.2$/ip route 10.26.241.0 255.255.255.0 5.100.36.3/' "$tmp/via-r3/configs/r6.cfg"
expect 1 "diff: owner change" -- "$bin" diff -q samples/lab-a "$tmp/via-r3"
has out "owner: R2 -> R3  (changed)" "owner change shown"
expect 0 "diff: --allow-owner-change" -- "$bin" diff -q --allow-owner-change samples/lab-a "$tmp/via-r3"
expect 0 "diff: added domains only" -- "$bin" diff -q samples/lab-a samples/lab-b
has out "^added " "added domains listed"
expect 1 "diff: removed domains" -- "$bin" diff -q samples/lab-b samples/lab-a
has out "^removed " "removed domains listed"
expect 0 "diff: --allow-removed" -- "$bin" diff -q --allow-removed samples/lab-b samples/lab-a
expect 2 "diff: one operand" -- "$bin" diff samples/lab-a
expect 2 "diff: bad format" -- "$bin" diff -f sarif samples/lab-a samples/lab-b
expect 3 "diff: missing side" -- "$bin" diff samples/lab-a "$tmp/nowhere"

# diff --git: the working tree against a revision
if command -v git >/dev/null 2>&1; then
  repo=$tmp/repo
  mkdir -p "$repo/net"
  cp -r samples/lab-a/configs "$repo/net/"
  (cd "$repo" && git init -q && git add . &&
   git -c user.name=t -c user.email=t@example.invalid commit -qm base) || fails=$((fails + 1))
  sed -i 's/^ip route 10.26.241.0 255.255.255.0 5.100.26.2$/ip route 10.26.241.0 255.255.255.0 5.100.36.3/' "$repo/net/configs/r6.cfg"
  expect 1 "diff --git: owner change in the working tree" -- "$bin" diff -q --git HEAD "$repo/net"
  has out "^before: net at HEAD$" "--git labels the old side by its repository path"
  has out "^after:  net$" "--git labels the new side by its repository path"
  has out "owner: R2 -> R3  (changed)" "--git sees the owner move"
  (cd "$repo/net" && "$bin" diff -q -f json --git HEAD) >"$tmp/out" 2>"$tmp/err"
  has out '"change": "owner"' "--git from inside the snapshot, default SNAPSHOT ."
  # findings of either side name repository paths, never the temporary directory
  printf 'crypto isakmp key ZZ address 0.0.0.0 0.0.0.0\n' >>"$repo/net/configs/r3.cfg"
  (cd "$repo" && git -c user.name=t -c user.email=t@example.invalid commit -qam psk) || fails=$((fails + 1))
  sed -i '/crypto isakmp key ZZ address 0.0.0.0 0.0.0.0/d' "$repo/net/configs/r3.cfg"
  for fmt in text json markdown; do
    expect 0 "diff --git -f $fmt: a fixed finding of the old side" -- "$bin" diff -q -f $fmt --git HEAD "$repo/net"
    has out "net/configs/r3.cfg" "diff --git -f $fmt: the old side's file by its repository path"
    hasnt out "tunnelcast-diff-" "diff --git -f $fmt: no temporary path"
  done
  # a snapshot the revision does not have: empty old side, everything added, a note, exit 0
  mkdir -p "$repo/new" && cp -r samples/lab-b/configs "$repo/new/"
  expect 0 "diff --git: a snapshot new since REV" -- "$bin" diff --git HEAD "$repo/new"
  has out "^domains: 0 owner changed, 0 state changed, 6 added, 0 removed, 0 unchanged$" "every domain added"
  has err "^tunnelcast: note: new does not exist at HEAD: every domain and finding is added$" "the note says so"
  hasnt err "fatal" "git's own complaint is not shown"
  expect 2 "diff --git: unknown revision" -- "$bin" diff -q --git no-such-rev "$repo/net"
  expect 2 "diff --git: not a repository" -- "$bin" diff -q --git HEAD "$tmp/snap"
  if ls /tmp/tunnelcast-diff-* >/dev/null 2>&1 && [ -n "$(find /tmp -maxdepth 1 -name 'tunnelcast-diff-*' -newer "$tmp/snap" 2>/dev/null)" ]; then
    echo "FAIL: diff --git left a temporary directory behind" >&2
    fails=$((fails + 1))
  fi
fi

[ "$fails" -eq 0 ] && echo "lint.sh: all checks passed"
exit "$fails"
