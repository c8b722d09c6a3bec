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

[ "$fails" -eq 0 ] && echo "cli.sh: all checks passed"
exit "$fails"
