#!/bin/sh
# cli.sh: command-line contract: help, version, exit codes, error messages.
set -u
bin=$1
fails=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

. "$(dirname "$0")/lib.sh"

expect 0 "--help" -- "$bin" --help
has out "predict SNAPSHOT" "--help lists predict"
expect 0 "--version" -- "$bin" --version
has out "^tunnelcast [0-9]" "--version prints the version"
expect 0 "predict --help" -- "$bin" predict --help
has out "--format" "predict --help lists --format"
expect 0 "help diagram" -- "$bin" help diagram
has out "usage: tunnelcast diagram" "help diagram"
expect 2 "no arguments" -- "$bin"
expect 2 "unknown command" -- "$bin" frobnicate
has err "unknown command 'frobnicate'" "unknown command is named"
expect 2 "unknown option" -- "$bin" predict --bogus samples/lab-a
has err "unknown option '--bogus'" "unknown option is named"
expect 2 "bad format" -- "$bin" predict -f yaml samples/lab-a
expect 2 "missing snapshot" -- "$bin" predict
expect 2 "diagram without -o" -- "$bin" diagram samples/lab-a
expect 3 "snapshot does not exist" -- "$bin" predict "$tmp/nowhere"
has err "nowhere" "missing snapshot path is named"
mkdir "$tmp/empty"
expect 3 "snapshot without configs" -- "$bin" predict "$tmp/empty"
expect 4 "unwritable output" -- "$bin" predict -q -o "$tmp/no/such/dir/out.txt" samples/lab-a
expect 0 "predict lab-a" -- "$bin" predict -q samples/lab-a
expect 0 "json to a file" -- "$bin" predict -q -f json -o "$tmp/a.json" samples/lab-a
has a.json '"owner": "R2"' "json file written"
expect 0 "svg diagram" -- "$bin" diagram -q -o "$tmp/a.svg" samples/lab-b
has a.svg "<svg" "svg diagram is SVG"
expect 0 "png diagram" -- "$bin" diagram -q -o "$tmp/a.png" samples/lab-b
if [ "$(head -c 4 "$tmp/a.png" | od -An -c | tr -d ' ')" != "211PNG" ]; then
  echo "FAIL: png diagram lacks the PNG signature" >&2
  fails=$((fails + 1))
fi
expect 2 "diagram unknown extension" -- "$bin" diagram -q -o "$tmp/a.xyz" samples/lab-b

# Output files (README "Output files"): a failed write leaves the target as it was and removes
# nothing the command did not create; a write error is exit 4 naming the path and the reason.
if [ -c /dev/full ]; then
  for c in "predict" "parse" "report" "diagram -f svg" "diagram -f dot" "diagram -f png" \
    "routes"; do
    # shellcheck disable=SC2086 # $c is the command and its options
    expect 4 "$c -o /dev/full" -- "$bin" $c -q -o /dev/full samples/lab-a
    has err "^tunnelcast: cannot write /dev/full.*: No space left on device$" "$c: /dev/full named with the reason"
    [ -c /dev/full ] || { fail "$c -o /dev/full removed /dev/full"; break; }
  done
  for c in lint diff drift; do # output errors are 4 for every command (the exit table)
    set -- samples/lab-a
    [ "$c" = diff ] && set -- samples/lab-a samples/lab-a
    [ "$c" = drift ] && set -- samples/lab-b
    expect 4 "$c -o /dev/full" -- "$bin" "$c" -q -o /dev/full "$@"
    has err "^tunnelcast: cannot write /dev/full: No space left on device$" "$c: /dev/full named"
  done
fi
expect 4 "diagram --steps into a missing directory" -- \
  "$bin" diagram -q --domain 1 --steps -o "$tmp/no/dir/s.svg" samples/lab-a
has err "^tunnelcast: cannot write .*/no/dir/s-1.svg: No such file or directory$" "--steps: the step file named"
expect 4 "explain -o /dev/full" -- "$bin" explain -q -o /dev/full samples/lab-a 1
has err "^tunnelcast: cannot write /dev/full: No space left on device$" "explain: /dev/full named"
expect 0 "explain -o FILE" -- "$bin" explain -q -o "$tmp/explain.txt" samples/lab-a 1
[ -s "$tmp/explain.txt" ] && [ ! -s "$tmp/out" ] || fail "explain -o FILE: not written to FILE"
# A symbolic link as -o: the file it names gets the output, the link stays a link.
printf 'old\n' >"$tmp/target.txt"
ln -s target.txt "$tmp/link.txt"
expect 0 "predict -o a symlink" -- "$bin" predict -q -o "$tmp/link.txt" samples/lab-a
[ -L "$tmp/link.txt" ] || fail "predict -o a symlink replaced the link"
has target.txt "R2 .*stable" "predict -o a symlink wrote the file it names"
# A failed write through a symlink (an unknown domain is found before anything is written;
# Graphviz refusing a step past the trace is not): the link and its file stay as they were.
printf 'old\n' >"$tmp/target.svg"
ln -s target.svg "$tmp/link.svg"
expect 2 "diagram -o a symlink, bad domain" -- "$bin" diagram -q --domain 99 -o "$tmp/link.svg" samples/lab-a
[ -L "$tmp/link.svg" ] && [ "$(cat "$tmp/target.svg")" = old ] || fail "a failed diagram changed the -o symlink or its file"
# A read-only directory: the existing file is neither truncated nor removed, no temporary file.
mkdir "$tmp/ro"
printf 'old\n' >"$tmp/ro/out.txt"
chmod 555 "$tmp/ro"
if touch "$tmp/ro/probe" 2>/dev/null; then
  rm -f "$tmp/ro/probe"
  echo "SKIP: read-only directory: this user writes into a mode-555 directory (root?)" >&2
else
  expect 4 "predict -o in a read-only directory" -- "$bin" predict -q -o "$tmp/ro/out.txt" samples/lab-a
  has err "cannot write .*ro/out.txt: Permission denied" "read-only directory: the path and the reason"
  [ "$(cat "$tmp/ro/out.txt")" = old ] || fail "read-only directory: the existing file was changed"
  [ "$(ls -A "$tmp/ro")" = out.txt ] || fail "read-only directory: something was left behind"
fi
chmod 755 "$tmp/ro"
# Success replaces the file whole; no temporary file is left next to it.
expect 0 "predict -o over an existing file" -- "$bin" predict -q -o "$tmp/ro/out.txt" samples/lab-a
has ro/out.txt "R2 .*stable" "existing file replaced"
[ "$(ls -A "$tmp/ro")" = out.txt ] || fail "a temporary file was left next to the output"

# One broken file does not stop the snapshot: a binary file among the configs.
mkdir -p "$tmp/broken/configs"
cp samples/lab-a/configs/*.cfg "$tmp/broken/configs/"
printf 'hostname X\0\001\002garbage' >"$tmp/broken/configs/zz-binary.cfg"
expect 0 "binary file among configs" -- "$bin" predict "$tmp/broken"
has err "zz-binary.cfg" "binary file is named in a diagnostic"
has out "R2 .*stable" "rest of the snapshot is still analysed"

# A domain that cannot come up makes predict exit 1 (CI gate).
mkdir -p "$tmp/down/configs"
cp samples/lab-a/configs/*.cfg "$tmp/down/configs/"
sed -i 's/LabKey-2012/WrongKey/' "$tmp/down/configs/r2.cfg" "$tmp/down/configs/r3.cfg"
expect 1 "down domain exits 1" -- "$bin" predict "$tmp/down"
has out "down" "down state reported"
if grep -q "WrongKey\|LabKey" "$tmp/out" "$tmp/err"; then
  echo "FAIL: a pre-shared key appears in the output" >&2
  fails=$((fails + 1))
fi
expect 0 "--exit-zero" -- "$bin" predict -q --exit-zero "$tmp/down"

# explain: by row number or id; an unknown domain is a usage error naming it.
expect 0 "explain by row" -- "$bin" explain -q samples/lab-b 2
has out "^Domain ASA:OUTSIDE_MAP:10:10.26.242.0/24>195.160.0.0/26" "explain names the domain"
has out "Rules applied" "explain lists the rules"
expect 0 "explain by id" -- "$bin" explain -q samples/lab-b 'ASA:OUTSIDE_MAP:10:10.26.241.0/24>195.160.0.0/26'
has out "Prediction:  stable, owner R2" "explain by id finds the 241 domain"
expect 2 "explain unknown domain" -- "$bin" explain -q samples/lab-b 'ASA:NOPE:1:1.1.1.0/24>2.2.2.0/24'
expect 2 "explain without domain" -- "$bin" explain -q samples/lab-b

# --fail and --failures: R3 down moves 242 to R2 and loses its return traffic.
expect 1 "--fail R3" -- "$bin" predict -q --fail R3 samples/lab-b
has out "10.26.242.0/24  195.160.0.0/26  5.100.34.3 (R3), 5.100.42.2 (R2)  R2     one-way" "R3 down: 242 one-way via R2"
expect 2 "--fail unknown device" -- "$bin" predict -q --fail R9 samples/lab-b
has err "no device named 'R9'" "unknown failed device is named"
expect 2 "--fail unknown interface" -- "$bin" predict -q --fail R4:Gi9/9 samples/lab-b
expect 0 "--failures single" -- "$bin" predict -q --failures single samples/lab-b
has out "^  R3 down: 3 domains change" "single failures list R3"
has out "link 5.100.34.0/24 down" "single failures list links"
# a standby row says whether it takes over, as its STATE cell does (R3 carries 242 until it fails;
# R6 returns 242 only through R3, so R2 then carries it ASA -> R6 only)
has out "R2:CMAP:10:195.160.0.0/26>10.26.242.0/24: owner none -> ASA, standby -> one-way (takes over one way only)" "standby row takes over"
has out "R2:CMAP:10:195.160.0.0/26>10.26.242.0/24: no owner, standby -> down (does not take over)" "standby row lost with its pair"
expect 0 "--failures single json" -- "$bin" predict -q -f json --failures single samples/lab-b
has out '"down": "R3"' "failures in JSON"
expect 2 "--assume unknown" -- "$bin" predict -q --assume nonsense samples/lab-b

# Secrets in the configs never reach any output, diagnostics included.
"$bin" predict tests/data/diags >"$tmp/s.txt" 2>"$tmp/s.err"
"$bin" predict -f json tests/data/diags >"$tmp/s.json" 2>>"$tmp/s.err"
"$bin" diagram -o "$tmp/s.dot" tests/data/diags 2>>"$tmp/s.err"
"$bin" diagram -q -o "$tmp/s.svg" tests/data/diags
for secret in TopSecretHash Sup3rS3cretPw PublicCommunity123 TacacsKey99 IsakmpKey-Secret1 IsakmpKey-Secret2; do
  if grep -q "$secret" "$tmp/s.txt" "$tmp/s.err" "$tmp/s.json" "$tmp/s.dot" "$tmp/s.svg"; then
    echo "FAIL: secret $secret appears in an output" >&2
    fails=$((fails + 1))
  fi
done
has s.err "edge.cfg:13:2: warning" "unknown line diagnosed with file:line:col"

# -j N: threads reading the snapshot, same output; a count out of range is a usage error
expect 2 "-j 0 is refused" -- "$bin" predict -j 0 samples/lab-b
has err "number of threads" "-j 0 says what it needs"
expect 2 "-j with no number is refused" -- "$bin" lint --jobs=x samples/lab-b
"$bin" predict -q -f json samples/lab-b >"$tmp/j1" 2>&1
expect 0 "-j 4" -- "$bin" predict -q -f json -j 4 samples/lab-b
cmp -s "$tmp/j1" "$tmp/out" || { echo "FAIL: predict -j 4 differs from -j 1" >&2; fails=$((fails + 1)); }

# The option tables (cli/cli_opt.h): help from the table, one grammar for every command.
for c in predict diagram report parse routes state lint diff explain; do
  expect 0 "help $c" -- "$bin" help "$c"
  cp "$tmp/out" "$tmp/help-$c"
  has out "^usage: tunnelcast $c " "help $c starts with its usage"
  has out "^  -h, --help  *show this help$" "help $c lists --help"
  expect 0 "$c --help" -- "$bin" "$c" --help
  cmp -s "$tmp/out" "$tmp/help-$c" || fail "$c --help differs from help $c"
  expect 0 "$c -h" -- "$bin" "$c" -h
  cmp -s "$tmp/out" "$tmp/help-$c" || fail "$c -h differs from help $c"
done
# option lines: name and value padded to the help column, further lines under it
has help-predict "^  -f, --format FMT     text (default) or json$" "predict: a short and long option"
has help-predict "^      --max-rounds N   stop simulating" "predict: a long option only"
has help-predict "^      --failures single  also run every single" "predict: a name wider than the column"
has help-predict "^                       the domains each one changes$" "predict: a help's second line"
has help-diff "^      --allow-owner-change  an owner change alone does not fail$" "diff: its wider column"
has help-diff "^                         .tunnelcast-ignore)$" "diff: a second line under its column"
has help-lint "^Exit status: 0 no finding" "lint: the text after the options"
has help-lint "^                           error (default), warning, note or never$" "lint: --fail-on's choices listed"
has help-predict "^                       no-replacement or ecmp-one-path$" "predict: a long list of choices wrapped"
expect 2 "unknown option with a value" -- "$bin" predict --bogus=1 samples/lab-a
has err "^tunnelcast: unknown option '--bogus'$" "the unknown option is named without its value"
has err "^Try 'tunnelcast predict --help'.$" "an unknown option points at the command's help"
expect 2 "diff unknown option" -- "$bin" diff --explain TC101 samples/lab-a samples/lab-b
has err "unknown option '--explain'" "diff does not take lint's --explain"
expect 2 "lint unknown option" -- "$bin" lint --git HEAD samples/lab-a
has err "unknown option '--git'" "lint does not take diff's --git"
# -- ends the options: what follows is an operand even when it starts with a dash
expect 0 "-- before the snapshot" -- "$bin" predict -q -- samples/lab-a
has out "^1 " "-- then the snapshot predicts it"
mkdir -p "$tmp/-dash/configs" && cp samples/lab-a/configs/* "$tmp/-dash/configs/"
(cd "$tmp" && "$bin" predict -q -- -dash >out2 2>err2) || fail "a snapshot named -dash after --: exit $?"
grep -q "^1 " "$tmp/out2" || fail "a snapshot named -dash after -- is read"
expect 2 "-- then an option-like operand too many" -- "$bin" predict -- samples/lab-a -q
has err "unexpected argument '-q'" "after --, -q is an operand"
# -fjson: a short option and its value in one word; switches are not bundled
expect 0 "-fjson" -- "$bin" predict -q -fjson samples/lab-a
has out '"format_version": 2' "-fjson gives JSON"
expect 0 "-j1 attached" -- "$bin" predict -q -j1 samples/lab-a
expect 2 "bundled switches" -- "$bin" predict -qv samples/lab-a
has err "unknown option '-qv' (short options are not bundled: give each one separately)" "-qv explained"
# tests/data/drift-before holds lab-b's configs as they are (a copy: links leaving a snapshot
# are not followed)
diff -r samples/lab-b/configs tests/data/drift-before/configs >/dev/null ||
  fail "tests/data/drift-before/configs differs from samples/lab-b/configs"
# `routes -` and `state -` read the capture from standard input, named <stdin> in diagnostics
"$bin" routes -q tests/data/routes/routes/BR.txt >"$tmp/routes-file"
"$bin" routes -q - <tests/data/routes/routes/BR.txt >"$tmp/routes-stdin" || fail "routes -: exit $?"
same "$tmp/routes-file" "$tmp/routes-stdin" "routes - reads the capture from standard input"
printf 'no route here\n' | "$bin" routes - >/dev/null 2>"$tmp/err"
has err "^<stdin>:1:1: warning: routing table line not understood" "routes -: diagnostics name <stdin>"
state=$(ls tests/data/state/*.txt | head -n 1)
"$bin" state -q "$state" >"$tmp/state-file"
"$bin" state -q - <"$state" | sed "s|<stdin>|$state|g" >"$tmp/state-stdin" || fail "state -: exit $?"
same "$tmp/state-file" "$tmp/state-stdin" "state - reads the capture from standard input"
# a SNAPSHOT of -: one config read from standard input, named <stdin>, dialect detected or forced
"$bin" predict -q samples/lab-a/configs/r2.cfg >"$tmp/predict-file"
"$bin" predict -q - <samples/lab-a/configs/r2.cfg >"$tmp/predict-stdin" || fail "predict -: exit $?"
same "$tmp/predict-file" "$tmp/predict-stdin" "predict - reads one config from standard input"
printf 'hostname X\nfoo bar\n' | "$bin" parse - >"$tmp/out" 2>"$tmp/err"
has err "^<stdin>:2:1: warning: unknown command" "predict -: diagnostics name <stdin>"
has out "^X (ios) <stdin>$" "parse -: the dialect detected, the file named <stdin>"
"$bin" parse -q -d asa - <samples/lab-a/configs/r2.cfg >"$tmp/out"
has out "^R2 (asa) <stdin>$" "parse - --dialect asa: the dialect forced"
expect 3 "predict - with nothing on standard input" -- "$bin" predict - </dev/null
has err "^tunnelcast: standard input is empty: no config to read$" "empty standard input said"
"$bin" explain -q - 1 <samples/lab-a/configs/asa.cfg >"$tmp/out" || fail "explain - 1: exit $?"
has out "^  Device:      ASA (asa, <stdin>)$" "explain - 1 reads the config from standard input"
"$bin" lint -q -f json - <samples/answer-only-hub/configs/asa.cfg >"$tmp/out"
has out '"file": "<stdin>"' "lint -: findings name <stdin>"
"$bin" diff -q samples/lab-a - <samples/lab-a/configs/asa.cfg >"$tmp/out"
has out "^after:  <stdin>$" "diff OLD -: the new side from standard input"
expect 2 "diff - -" -- "$bin" diff - - </dev/null
has err "only one side can be read from standard input" "diff - - refused"
# the progress line (issue 19): on a terminal only (a pseudo-terminal from script(1)), once the
# run passes TC_PROGRESS_AFTER_MS (1 s by default), erased before the diagnostics and at the end
progress_tty() { # progress_tty FILE ARGS...: stdout and stderr of tunnelcast ARGS on a terminal
  f=$1
  shift
  script -qec "'$bin' $*" /dev/null </dev/null | tr '\r' '\n' >"$tmp/$f"
}
if command -v script >/dev/null 2>&1; then
  TC_PROGRESS_AFTER_MS=0 progress_tty tty predict tests/data/diags ">/dev/null"
  has tty "^parsing [1-3]/3 files$" "a terminal gets the parsing line"
  TC_PROGRESS_AFTER_MS=0 progress_tty tty-p predict samples/lab-b ">/dev/null"
  has tty-p "^predicting 0/6 domains$" "a terminal gets the predicting line"
  has tty "^tests/data/diags/configs/edge.cfg:13:2: warning" "the line is erased before a diagnostic"
  hasnt tty "files.*edge.cfg\|domains.*edge.cfg" "no diagnostic is written after the line"
  awk '/domains$/ { w = length($0); n = NR } NR == n + 1 && n { ok = $0 ~ /^ *$/ && length($0) >= w }
    END { exit !ok }' "$tmp/tty-p" || fail "the progress line is blanked out at the end"
  TC_PROGRESS_AFTER_MS=0 progress_tty tty-q predict -q tests/data/diags ">/dev/null"
  hasnt tty-q "parsing\|predicting" "--quiet silences the progress line"
  TC_PROGRESS_AFTER_MS=3600000 progress_tty tty-1s predict samples/lab-b ">/dev/null"
  hasnt tty-1s "parsing\|predicting" "a run shorter than the threshold shows no progress line"
else
  echo "cli.sh: script(1) is missing: the progress line on a terminal is not tested" >&2
fi
TC_PROGRESS_AFTER_MS=0 "$bin" predict tests/data/diags >/dev/null 2>"$tmp/err"
hasnt err "parsing\|predicting" "no progress line when standard error is not a terminal"
# -o -: standard output, no file named -
(cd "$tmp" && "$bin" predict -q -o - "$OLDPWD/samples/lab-a" >o-dash.out 2>o-dash.err) ||
  fail "predict -o -: exit $?"
[ ! -e "$tmp/-" ] || fail "predict -o - made a file named -"
grep -q "^1 " "$tmp/o-dash.out" || fail "predict -o - writes the table to standard output"
expect 0 "diagram -o - -f dot" -- "$bin" diagram -q -o - -f dot samples/lab-a
has out "^digraph\|^graph" "diagram -o - writes DOT to standard output"
# predict --summary: counts and table only; --domain: one domain, its exit status
expect 0 "predict --summary" -- "$bin" predict -q --summary samples/lab-b
[ "$(wc -l <"$tmp/out")" -eq 9 ] || fail "predict --summary: header, blank, table of 7 lines ($(wc -l <"$tmp/out") lines)"
hasnt out "^1\. " "predict --summary has no domain sections"
expect 0 "predict --domain 2" -- "$bin" predict -q --domain 2 samples/lab-b
has out "^2  ASA  *OUTSIDE_MAP  10   10.26.242.0/24" "--domain 2 keeps its row number"
hasnt out "^1  ASA" "--domain 2 shows no other row"
has out "^2\. ASA OUTSIDE_MAP 10 line 2" "--domain 2 has its section"
expect 0 "predict --domain id, json" -- "$bin" predict -q -f json --domain "ASA:OUTSIDE_MAP:10:10.26.241.0/24>195.160.0.0/26" samples/lab-b
[ "$(grep -c '"id": ' "$tmp/out")" -eq 1 ] || fail "--domain in JSON: one domain"
expect 2 "predict --domain unknown" -- "$bin" predict -q --domain 9 samples/lab-b
has err "no domain '9'" "--domain names the unknown domain"
expect 1 "predict --domain of an oscillating domain" -- "$bin" predict -q --domain 1 samples/ecmp-return
expect 0 "predict --domain of a stable domain of the same snapshot" -- "$bin" predict -q --domain 2 samples/ecmp-return
# --fail: hostnames ignoring case, interfaces as IOS abbreviates them
"$bin" predict -q --fail R4:GigabitEthernet0/2 samples/lab-b >"$tmp/fail-full"
for spec in r4:gi0/2 R4:Gi0/2 "r4:gi 0/2" R4:G0/2; do
  expect 1 "--fail $spec" -- "$bin" predict -q --fail "$spec" samples/lab-b
  same "$tmp/fail-full" "$tmp/out" "--fail $spec is R4:GigabitEthernet0/2"
done
expect 2 "--fail unknown interface" -- "$bin" predict -q --fail R4:Gi0/9 samples/lab-b
has err "^tunnelcast: --fail: R4 has no interface 'Gi0/9'; its interfaces: GigabitEthernet0/0, GigabitEthernet0/1, GigabitEthernet0/2$" "an unknown interface lists the device's"
expect 2 "--fail unknown device" -- "$bin" predict -q --fail R9 samples/lab-b
has err "no device named 'R9'" "an unknown device is named"
# did you mean: the nearest option or command of a typo
expect 2 "option typo" -- "$bin" predict --fromat json samples/lab-a
has err "^tunnelcast: unknown option '--fromat' (did you mean --format?)$" "--fromat suggests --format"
expect 2 "option prefix" -- "$bin" lint --disa TC101 samples/lab-a
has err "(did you mean --disable?)" "--disa suggests --disable"
expect 2 "no near option" -- "$bin" predict --zzzzzz samples/lab-a
has err "^tunnelcast: unknown option '--zzzzzz'$" "nothing near: no suggestion"
expect 2 "command typo" -- "$bin" predcit samples/lab-a
has err "^tunnelcast: unknown command 'predcit' (did you mean predict?)$" "predcit suggests predict"
expect 2 "help of a typo" -- "$bin" help lnit
has err "unknown command 'lnit' (did you mean lint?)" "help lnit suggests lint"
expect 0 "help help" -- "$bin" help help
has out "^usage: tunnelcast help \[COMMAND\]$" "help help shows the help command's usage"
expect 2 "missing value" -- "$bin" predict samples/lab-a -o
has err "^tunnelcast: option -o needs a value$" "missing value of a short option"
expect 2 "missing value, long" -- "$bin" lint samples/lab-a --format
has err "option --format needs a value" "missing value of a long option"
expect 2 "missing value, diagram" -- "$bin" diagram -o "$tmp/x.dot" samples/lab-a --domain
has err "option --domain needs a value" "missing value of a diagram option"
expect 2 "a switch given a value" -- "$bin" predict --quiet=no samples/lab-a
has err "^tunnelcast: option --quiet takes no value$" "a switch's value is refused, not ignored"
expect 2 "--steps given a value" -- "$bin" diagram --domain 1 --steps=all -o "$tmp/x.dot" samples/lab-a
has err "option --steps takes no value" "diagram's switch refuses a value too"
expect 2 "extra operand" -- "$bin" predict samples/lab-a samples/lab-b
has err "unexpected argument 'samples/lab-b'" "the extra operand is named"
expect 2 "bad --max-rounds" -- "$bin" predict --max-rounds=0 samples/lab-a
has err "max-rounds needs a number from 1 to 1000, not '0'" "bad --max-rounds"
expect 2 "bad --max-diagnostics" -- "$bin" parse --max-diagnostics=0 samples/lab-a
has err "max-diagnostics needs a number from 1 to 1000000000 or all, not '0'" "bad --max-diagnostics"
expect 0 "--max-diagnostics all" -- "$bin" lint --max-diagnostics all -q samples/lab-a
mkdir -p "$tmp/junk/configs"
awk 'BEGIN { print "hostname j1"; for (i = 0; i < 25; i++) print "zz" }' >"$tmp/junk/configs/j1.cfg"
expect 0 "--max-diagnostics 2" -- "$bin" parse --max-diagnostics 2 "$tmp/junk"
has err "^tunnelcast: \\.\\.\\. and 23 more unknown-line warnings in $tmp/junk/configs/j1.cfg " "the rest are counted in one line"
expect 0 "--steps --max-steps 2" -- "$bin" diagram -q --domain 1 --steps --max-steps 2 -o "$tmp/st.dot" samples/lab-a
has err "the domain's trace has [0-9]* steps: drew the first 2 (--max-steps N or all draws more)" "the step cap is said"
expect 2 "bad --failures" -- "$bin" predict --failures double samples/lab-a
has err "^tunnelcast: unknown --failures 'double' (use single)$" "bad --failures"
expect 2 "bad --dialect" -- "$bin" lint -d cisco samples/lab-a
has err "^tunnelcast: unknown --dialect 'cisco' (use auto, asa or ios)$" "bad --dialect"
expect 2 "bad --color" -- "$bin" diff --color sometimes samples/lab-a samples/lab-b
has err "^tunnelcast: unknown --color 'sometimes' (use auto, always or never)$" "bad --color"
# option values come from the option tables' choices: refused with the nearest, else the list
expect 2 "a format typo" -- "$bin" predict -f jsn samples/lab-a
has err "^tunnelcast: unknown --format 'jsn' (did you mean json?)$" "-f jsn suggests json"
has err "^Try 'tunnelcast predict --help'.$" "a bad value points at the command's help"
expect 2 "an unknown format" -- "$bin" parse --format=yaml samples/lab-a
has err "^tunnelcast: unknown --format 'yaml' (use text or json)$" "-f yaml lists parse's formats"
expect 2 "a drift format typo" -- "$bin" drift -f sarf samples/lab-b
has err "^tunnelcast: unknown --format 'sarf' (did you mean sarif?)$" "drift's own formats"
expect 2 "report is html" -- "$bin" report -f pdf -o "$tmp/x.html" samples/lab-a
has err "^tunnelcast: unknown --format 'pdf' (use html)$" "report -f lists html"
expect 2 "diagram format typo" -- "$bin" diagram -f sgv -o "$tmp/x.svg" samples/lab-a
has err "^tunnelcast: unknown --format 'sgv' (did you mean svg?)$" "diagram's formats"
expect 2 "a dialect typo" -- "$bin" predict --dialect=iso samples/lab-a
has err "^tunnelcast: unknown --dialect 'iso' (did you mean ios?)$" "--dialect iso suggests ios"
expect 2 "an --assume typo" -- "$bin" explain --assume no-replacment samples/lab-a 1
has err "^tunnelcast: unknown --assume 'no-replacment' (did you mean no-replacement?)$" "--assume typo"
expect 2 "a severity typo" -- "$bin" lint --severity TC104=warnng samples/lab-a
has err "^tunnelcast: unknown --severity 'TC104=warnng' (did you mean TC104=warning?)$" "--severity typo"
expect 2 "--severity without =" -- "$bin" lint --severity TC104 samples/lab-a
has err "^tunnelcast: --severity 'TC104': expected RULE=SEV$" "--severity without = says the shape"
expect 2 "a --fail-on typo" -- "$bin" lint --fail-on errors samples/lab-a
has err "^tunnelcast: unknown --fail-on 'errors' (did you mean error?)$" "--fail-on errors suggests error"
expect 0 "--fail-on never" -- "$bin" lint -q --fail-on never samples/lab-b
expect 2 "lint -f markdown without --list-rules" -- "$bin" lint -f markdown samples/lab-a
has err "markdown is the rule catalogue's: give --list-rules" "-f markdown is --list-rules' format"
expect 0 "lint --list-rules -f markdown" -- "$bin" lint --list-rules -f markdown
has out "^### TC101 crypto-map-not-applied$" "the catalogue as markdown"
expect 2 "bad --collapse" -- "$bin" diagram --collapse 0 -o "$tmp/x.dot" samples/lab-a
has err "collapse needs a number from 1 to 100000, not '0'" "bad --collapse"
expect 2 "bad --pictures" -- "$bin" report --pictures many -o "$tmp/x.html" samples/lab-a
has err "pictures needs a number of domains from 0 to 1000000 or 'all', not 'many'" "bad --pictures"
expect 2 "bad option before --help" -- "$bin" predict --max-rounds 0 --help
expect 0 "--help before a bad option" -- "$bin" predict --help --max-rounds 0
has out "^usage: tunnelcast predict" "--help is taken where it stands"
expect 0 "--name=value" -- "$bin" predict -q --format=json samples/lab-a
has out '"owner": "R2"' "--format=json is --format json"
# repeated options: each --fail and --assume is kept; the limit is said
expect 1 "two --fail" -- "$bin" predict -q --fail R3 --fail R4 samples/lab-b
has out "(0 stable, 0 standby, 0 oscillating, 0 one-way, 6 down)" "both failures are taken"
expect 2 "second --fail checked" -- "$bin" predict -q --fail R3 --fail R9 samples/lab-b
has err "no device named 'R9'" "the second --fail is read"
expect 2 "second --assume checked" -- "$bin" predict -q --assume no-replacement --assume nonsense samples/lab-b
has err "unknown --assume 'nonsense'" "the second --assume is read"
expect 0 "two --assume" -- "$bin" predict -q --exit-zero --assume no-replacement --assume responder-moves-active samples/lab-b
many=""
for k in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31 32 33; do
  many="$many --fail R$k"
done
# shellcheck disable=SC2086 # one word per option and value
expect 2 "33 --fail" -- "$bin" predict -q $many samples/lab-b
has err "too many --fail options (at most 32): 'R33'" "the --fail limit is said"
expect 0 "two --disable" -- "$bin" lint -q -f json --disable TC101 --disable=TC201,TC202 samples/lab-b
hasnt out '"rule": "TC201"' "the second --disable is taken"

[ "$fails" -eq 0 ] && echo "cli.sh: all checks passed"
exit "$fails"
