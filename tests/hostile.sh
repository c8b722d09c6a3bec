#!/bin/sh
# hostile.sh: broken and hostile snapshots through the binary. Each case checks the exit status
# (README "Robustness"), that the diagnostic names the file (and line where there is one), and
# that the rest of the snapshot is still analysed: lab-a's ASA domain is still owned by R2.
# usage: hostile.sh BIN   (run from the source tree)
set -u
bin=$1
fails=0
tmp=$(mktemp -d)
trap 'chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
export LC_ALL=C

fail() {
  echo "FAIL: $*" >&2
  fails=$((fails + 1))
}
# snap NAME: a copy of lab-a in $tmp/NAME (configs/ only)
snap() {
  rm -rf "${tmp:?}/$1"
  mkdir -p "$tmp/$1/configs"
  cp samples/lab-a/configs/*.cfg "$tmp/$1/configs/"
}
# run CODE WHAT -- command...: stdout in $tmp/out, stderr in $tmp/err
run() {
  code=$1 what=$2
  shift 3
  "$@" >"$tmp/out" 2>"$tmp/err"
  rc=$?
  if [ "$rc" -ne "$code" ]; then
    fail "$what: exit $rc, expected $code"
    head -c 2000 "$tmp/err" >&2
  fi
}
has() { # has FILE PATTERN WHAT (basic regular expression)
  grep -q -- "$2" "$tmp/$1" || fail "$3: '$2' not in $1"
}
hasnt() {
  if grep -q -- "$2" "$tmp/$1"; then fail "$3: '$2' in $1"; fi
}
rest_analysed() { # the untouched part of lab-a is still predicted
  has out "OUTSIDE_MAP .*R2 *stable" "$1: rest of the snapshot still analysed"
}
utf8() { # utf8 FILE WHAT: the file is well-formed UTF-8
  iconv -f UTF-8 -t UTF-8 "$1" >/dev/null 2>&1 || fail "$2: $(basename "$1") is not valid UTF-8"
}

# ---- the snapshot itself ----------------------------------------------------------
run 3 "missing snapshot" -- "$bin" predict "$tmp/nowhere"
has err "cannot open snapshot .*nowhere" "missing snapshot is named"
mkdir -p "$tmp/empty"
run 3 "empty snapshot directory" -- "$bin" predict "$tmp/empty"
has err "no config file in .*empty" "empty snapshot is named"
mkdir -p "$tmp/noconf/configs"
run 3 "empty configs/" -- "$bin" predict "$tmp/noconf"
has err "no config file in .*noconf/configs" "empty configs/ is named"
mkdir -p "$tmp/allbad/configs"
printf 'hostname X\0junk' >"$tmp/allbad/configs/a.cfg"
: >"$tmp/allbad/configs/b.cfg"
run 3 "every config unusable" -- "$bin" predict "$tmp/allbad"
has err "a.cfg: error: .*binary.*\[binary-file\]" "binary file diagnosed"
has err "b.cfg: error: the file is empty; file skipped \[empty-file\]" "empty file diagnosed"
has err "no usable config in .*allbad" "snapshot without a usable config is named"
run 3 "every config unusable, quiet" -- "$bin" predict -q "$tmp/allbad"
has err "no usable config" "quiet run still says why it stops"

# ---- files that cannot be read --------------------------------------------------------
snap dangling
ln -s "$tmp/no-such-file" "$tmp/dangling/configs/zz.cfg"
run 0 "dangling symlink" -- "$bin" predict "$tmp/dangling"
has err "zz.cfg: error: cannot open the file: No such file or directory; file skipped \[unreadable-file\]" \
  "dangling symlink diagnosed"
rest_analysed "dangling symlink"

snap mode000
cp samples/lab-a/configs/r2.cfg "$tmp/mode000/configs/zz.cfg"
chmod 000 "$tmp/mode000/configs/zz.cfg"
if cat "$tmp/mode000/configs/zz.cfg" >/dev/null 2>&1; then
  # root (or CAP_DAC_OVERRIDE) reads a mode-000 file: nothing to test (the dangling link above
  # covers the unreadable-file path)
  echo "SKIP: unreadable file (chmod 000): this user can read a mode-000 file (root?)" >&2
else
  run 0 "unreadable file" -- "$bin" predict "$tmp/mode000"
  has err "zz.cfg: error: cannot open the file: Permission denied; file skipped \[unreadable-file\]" \
    "unreadable file diagnosed"
  rest_analysed "unreadable file"
fi

# ---- a directory where a file is expected ---------------------------------------------
snap dirs
mkdir -p "$tmp/dirs/configs/sub.cfg" "$tmp/dirs/routes/R2.txt"
cp samples/lab-a/configs/r2.cfg "$tmp/dirs/configs/sub.cfg/"
run 0 "directories among configs and captures" -- "$bin" predict "$tmp/dirs"
rest_analysed "directories among configs and captures"
# folders under configs/ are read (configs/site-a/r1.cfg): here a second R2, refused by name
has err "configs/sub.cfg/r2.cfg: error: hostname R2 is already used by .*configs/r2.cfg; this file is ignored \[duplicate-hostname\]" \
  "a config in a folder under configs/ is read"
has err "routes/R2.txt: error: the routing-table capture is not a regular file; capture skipped \[not-a-file\]" \
  "directory as a capture diagnosed"
if command -v mkfifo >/dev/null; then # a FIFO would block a reader: it must not be opened
  snap fifo
  mkdir -p "$tmp/fifo/routes"
  mkfifo "$tmp/fifo/configs/zz.cfg" "$tmp/fifo/routes/R3.txt"
  run 0 "FIFOs among configs and captures" -- "$bin" predict "$tmp/fifo"
  has err "routes/R3.txt: error: the routing-table capture is not a regular file" "FIFO capture diagnosed"
  rest_analysed "FIFOs among configs and captures"
fi

# ---- content ------------------------------------------------------------------------
snap binary
printf 'hostname BIN\n\0\001\002\377garbage\n' >"$tmp/binary/configs/zz.cfg"
run 0 "NUL bytes" -- "$bin" predict "$tmp/binary"
has err "zz.cfg: error: the file looks binary (it holds NUL bytes); file skipped \[binary-file\]" \
  "binary file diagnosed"
rest_analysed "NUL bytes"

# Binary junk without NUL bytes is read as text: every line is diagnosed, outputs stay UTF-8.
snap junk
awk 'BEGIN { srand(7); for (i = 0; i < 4000; i++) { c = int(rand() * 255) + 1;
       printf "%c", c; if (i % 97 == 0) printf "\n" } }' >"$tmp/junk/configs/zz.cfg"
run 0 "binary junk without NUL" -- "$bin" predict "$tmp/junk"
has err "zz.cfg:1:" "junk is diagnosed with file and line"
rest_analysed "binary junk"
utf8 "$tmp/err" "binary junk diagnostics"
"$bin" predict -q -f json "$tmp/junk" >"$tmp/junk.json"
utf8 "$tmp/junk.json" "binary junk JSON"

# Line endings, blanks and encodings: the same prediction, byte for byte. Old Macintosh files end
# lines with CR alone; Windows editors save UTF-16 (with a byte-order mark, or without one: ASCII
# every other byte NUL), which is converted, not called binary.
"$bin" predict -q samples/lab-a >"$tmp/lf.txt"
for v in crlf mixed tabs cr utf8bom utf16le utf16be utf16le-nobom utf16be-nobom; do
  snap "$v"
  for f in "$tmp/$v"/configs/*.cfg; do
    case $v in
      crlf) sed 's/$/\r/' "$f" >"$f.new" ;;
      mixed) awk 'NR % 2 { printf "%s\r\n", $0; next } { print }' "$f" >"$f.new" ;;
      tabs) sed 's/^ /\t/; s/\([^ ]\) /\1\t/g' "$f" >"$f.new" ;;
      cr) tr '\n' '\r' <"$f" >"$f.new" ;;
      utf8bom) { printf '\357\273\277'; cat "$f"; } >"$f.new" ;;
      utf16le) { printf '\377\376'; sed 's/$/\r/' "$f" | iconv -f UTF-8 -t UTF-16LE; } >"$f.new" ;;
      utf16be) { printf '\376\377'; iconv -f UTF-8 -t UTF-16BE "$f"; } >"$f.new" ;;
      utf16le-nobom) iconv -f UTF-8 -t UTF-16LE "$f" >"$f.new" ;;
      utf16be-nobom) iconv -f UTF-8 -t UTF-16BE "$f" >"$f.new" ;;
    esac
    mv "$f.new" "$f"
  done
  run 0 "$v line endings" -- "$bin" predict "$tmp/$v"
  hasnt err "warning\|error" "$v: no diagnostic"
  "$bin" predict -q "$tmp/$v" >"$tmp/$v.txt"
  cmp -s "$tmp/lf.txt" "$tmp/$v.txt" || fail "$v: prediction differs from the LF snapshot's"
done
# lint quotes a finding's line read back from the file: the converted line, at its number.
snap u16lint
"$bin" lint -q --fail-on never "$tmp/u16lint" >"$tmp/u8.lint"
for f in "$tmp"/u16lint/configs/*.cfg; do
  { printf '\377\376'; iconv -f UTF-8 -t UTF-16LE "$f"; } >"$f.new" && mv "$f.new" "$f"
done
"$bin" lint -q --fail-on never "$tmp/u16lint" >"$tmp/u16.lint"
cmp -s "$tmp/u8.lint" "$tmp/u16.lint" || fail "UTF-16: lint's quoted lines differ from UTF-8's"
# UTF-16 that does not convert (an odd length) is named as UTF-16, not binary.
snap badu16
{ printf '\377\376'; iconv -f UTF-8 -t UTF-16LE samples/lab-a/configs/r3.cfg; printf 'x'; } \
  >"$tmp/badu16/configs/zz.cfg"
run 0 "UTF-16 that does not convert" -- "$bin" predict "$tmp/badu16"
has err "zz.cfg: error: the file looks like UTF-16 but does not convert to UTF-8 .*\[bad-utf16\]" \
  "bad UTF-16 named as UTF-16"
rest_analysed "UTF-16 that does not convert"

# A 10 MB single line: one diagnostic, bounded, at line 1; the lines after it are read.
snap longline
{
  printf 'access-list '
  head -c 10485760 /dev/zero | tr '\0' 'x'
  printf '\nhostname LONG\ninterface Gi0/0\n ip address 10.99.0.1 255.255.255.0\n'
} >"$tmp/longline/configs/zz.cfg"
run 0 "10 MB line" -- "$bin" predict "$tmp/longline"
has err "zz.cfg:1:1: " "long line diagnosed at line 1"
[ "$(wc -c <"$tmp/err")" -lt 65536 ] || fail "10 MB line: diagnostics are not bounded"
rest_analysed "10 MB line"
has out "7 devices" "the lines after the long one are read (device LONG)"

# Bytes that are not UTF-8 (Latin-1, stray continuation bytes, escape sequences) in names.
snap latin1
e9=$(printf '\351') esc=$(printf '\033') csi=$(printf '\302\233') ff=$(printf '\377')
sed -e "s/^hostname R2/hostname R2-caf$e9$esc[2J/" \
    -e "s/^ description to R6/ description to R6 caf$e9 $csi $ff/" \
    -e "s/^ip access-list extended VPN-ACL/&\\n permit ip host 10.${ff}1.1.1 any/" \
    -e "s/CMAP/CM${ff}AP/g" -e "s/GigabitEthernet0\/1/Gi$e9$esc[0\/1/g" \
    "$tmp/latin1/configs/r2.cfg" >"$tmp/latin1/configs/r2.new"
mv "$tmp/latin1/configs/r2.new" "$tmp/latin1/configs/r2.cfg"
run 0 "non-UTF-8 bytes" -- "$bin" predict "$tmp/latin1"
has out "OUTSIDE_MAP .*R2-caf??\\[2J *stable" "non-UTF-8 bytes: R2 still owns the ASA domain"
has err "r2.cfg:[0-9]*:[0-9]*: error: " "bad address with a Latin-1 byte diagnosed"
utf8 "$tmp/err" "non-UTF-8 diagnostics"
if grep -q "$(printf '\033')" "$tmp/err" "$tmp/out"; then fail "an escape sequence from a config reaches the terminal"; fi
"$bin" predict -q -f json "$tmp/latin1" >"$tmp/latin1.json"
utf8 "$tmp/latin1.json" "non-UTF-8 JSON"
has latin1.json '"hostname": "R2-caf?' "hostname made printable in JSON"
utf8 "$tmp/out" "non-UTF-8 predict text"
for f in dot svg; do
  "$bin" diagram -q -o "$tmp/latin1.$f" "$tmp/latin1" 2>"$tmp/err"
  utf8 "$tmp/latin1.$f" "non-UTF-8 diagram $f"
done
for d in 1 2; do
  "$bin" explain -q "$tmp/latin1" $d >"$tmp/latin1.explain"
  utf8 "$tmp/latin1.explain" "non-UTF-8 explain $d"
done
if "$bin" help lint >/dev/null 2>&1; then
  for f in text json sarif junit; do
    "$bin" lint -q -f $f "$tmp/latin1" >"$tmp/latin1.$f"
    utf8 "$tmp/latin1.$f" "non-UTF-8 lint $f"
  done
fi
if "$bin" help report >/dev/null 2>&1; then
  "$bin" report -q -o "$tmp/latin1.html" "$tmp/latin1" 2>"$tmp/err"
  utf8 "$tmp/latin1.html" "non-UTF-8 report"
fi
if "$bin" help parse >/dev/null 2>&1; then
  "$bin" parse -q "$tmp/latin1" >"$tmp/latin1.parse"
  utf8 "$tmp/latin1.parse" "non-UTF-8 parse text"
  "$bin" parse -q -f json "$tmp/latin1" >"$tmp/latin1.parse.json"
  utf8 "$tmp/latin1.parse.json" "non-UTF-8 parse json"
fi

# A file cut in the middle of a block (and of a word).
snap cut
f="$tmp/cut/configs/r2.cfg"
n=$(grep -n "set peer" "$f" | cut -d: -f1)
head -n "$n" samples/lab-a/configs/r2.cfg | head -c -6 >"$f"
run 0 "file cut mid-block" -- "$bin" predict "$tmp/cut"
has err "r2.cfg:$n:[0-9]*: warning: " "cut line diagnosed at its line"
has err "r2.cfg:$((n - 1)): error: crypto map CMAP 10 has no match address \[missing-match-address\]" \
  "entry left incomplete is diagnosed"
has out "R3 *CMAP .*ASA *stable" "file cut mid-block: the other devices are still analysed"

# Two files with the same hostname: the first in name order is kept, the other named.
snap dup
cp samples/lab-a/configs/r3.cfg "$tmp/dup/configs/r3-copy.cfg"
run 0 "two files, one hostname" -- "$bin" predict "$tmp/dup"
has err "r3.cfg: error: hostname R3 is already used by .*r3-copy.cfg; this file is ignored \[duplicate-hostname\]" \
  "duplicate hostname names both files"
has out "6 devices" "duplicate device counted once"
rest_analysed "two files, one hostname"

# No hostname: the device is named after its file.
snap nohost
sed -i '/^hostname/d' "$tmp/nohost/configs/r3.cfg"
run 0 "no hostname" -- "$bin" predict "$tmp/nohost"
has err "r3.cfg: warning: no hostname line; device named after its file: r3.cfg \[missing-hostname\]" \
  "missing hostname diagnosed"
has out "5.100.34.3 (r3.cfg)" "device named after its file"
rest_analysed "no hostname"

# Undefined references: a transform set, an ACL (each alone), an interface's crypto map.
snap nots
sed -i 's/set transform-set TS/set transform-set NO-SUCH-TS/' "$tmp/nots/configs/r3.cfg"
run 0 "undefined transform set" -- "$bin" predict "$tmp/nots"
has err "r3.cfg:[0-9]*: error: crypto map CMAP 10 uses transform set NO-SUCH-TS, which is not defined \[undefined-transform-set\]" \
  "undefined transform set diagnosed at its line"
rest_analysed "undefined transform set"
snap noacl
sed -i 's/match address VPN-ACL/match address NO-SUCH-ACL/' "$tmp/noacl/configs/r2.cfg"
run 1 "crypto map naming an undefined ACL" -- "$bin" predict "$tmp/noacl"
has err "r2.cfg:[0-9]*: error: crypto map CMAP 10 matches access list NO-SUCH-ACL, which is not defined \[undefined-acl\]" \
  "undefined ACL diagnosed at its line"
has out "OUTSIDE_MAP .*R3 *one-way" "R2 without its ACL: the ASA's domain is one-way via R3"

# Impossible addresses and masks.
snap addr
cat >>"$tmp/addr/configs/r4.cfg" <<'EOF'
interface GigabitEthernet0/7
 ip address 999.1.1.1 255.255.255.0
interface GigabitEthernet0/8
 ip address 10.77.1.1 255.0.255.0
ip route 10.78.0.0 255.255.0.0 300.1.1.1
ip route 10.79.0.0 0.255.255.0 10.77.1.2
EOF
lines=$(wc -l <samples/lab-a/configs/r4.cfg)
run 0 "impossible addresses and masks" -- "$bin" predict "$tmp/addr"
has err "r4.cfg:$((lines + 2)):[0-9]*: error: expected an IPv4 address \[bad-syntax\]" "999.1.1.1 diagnosed"
has err "r4.cfg:$((lines + 4)):[0-9]*: error: netmask is not contiguous \[bad-syntax\]" \
  "non-contiguous netmask diagnosed"
has err "r4.cfg:$((lines + 5)):[0-9]*: error: " "bad next hop diagnosed"
has err "r4.cfg:$((lines + 6)):[0-9]*: error: " "non-contiguous route mask diagnosed"
rest_analysed "impossible addresses and masks"

# A route capture that is not a routing table: every line diagnosed, the config's routes kept.
snap notroutes
mkdir -p "$tmp/notroutes/routes"
cp samples/lab-a/configs/r2.cfg "$tmp/notroutes/routes/R2.txt"
run 0 "capture that is not a routing table" -- "$bin" predict "$tmp/notroutes"
has err "routes/R2.txt:[0-9]*:1: warning: routing table line not understood \[unknown-line\]" \
  "capture lines diagnosed with file and line"
# ... and only its first 20 lines (a capture with no route quotes no more), then one summary.
quoted=$(grep -c "routes/R2.txt:[0-9]*:[0-9]*: warning: routing table line not understood" "$tmp/err")
[ "$quoted" -eq 20 ] || fail "a capture without routes had $quoted lines quoted, expected 20"
has err "routes/R2.txt:21: warning: [0-9]* more lines not understood, not quoted: .*no route" \
  "the lines not quoted are counted in one warning"
"$bin" predict -q "$tmp/notroutes" | tail -n +2 >"$tmp/notroutes.txt" # the counts line differs
tail -n +2 "$tmp/lf.txt" | cmp -s - "$tmp/notroutes.txt" || fail "a capture without routes changed the prediction"

# ---- symbolic links: followed only inside the snapshot --------------------------------
# A committed link to a file outside (another user's file, /etc/shadow) is not read: a warning
# names the link, nothing of the target is quoted, the rest is analysed.
printf 'hostname LEAKED\nSECRET-LINE-FROM-OUTSIDE\n' >"$tmp/outside.cfg"
snap links
mkdir -p "$tmp/links/routes" "$tmp/links/extra"
ln -s "$tmp/outside.cfg" "$tmp/links/configs/zz.cfg"
ln -s ../../outside.cfg "$tmp/links/routes/R2.txt"
sed 's/^hostname R2$/hostname R9/' samples/lab-a/configs/r2.cfg >"$tmp/links/extra/r9.cfg"
ln -s ../extra/r9.cfg "$tmp/links/configs/r9.cfg" # inside: read
run 0 "symlinks leaving the snapshot" -- "$bin" predict "$tmp/links"
has err "links/configs/zz.cfg: warning: a symbolic link to a file outside the snapshot; not followed \[link-outside\]" \
  "config link leaving the snapshot named"
has err "links/routes/R2.txt: warning: a symbolic link to a file outside the snapshot; not followed \[link-outside\]" \
  "capture link leaving the snapshot named"
hasnt err "SECRET-LINE\|LEAKED" "nothing of a link's outside target is read"
hasnt out "LEAKED" "no device from a link's outside target"
has out "7 devices" "a link inside the snapshot is followed (R9)"
rest_analysed "symlinks leaving the snapshot"
mkdir -p "$tmp/linkdir"
ln -s "$tmp/dup/configs" "$tmp/linkdir/configs"
run 3 "configs/ a link leaving the snapshot" -- "$bin" predict "$tmp/linkdir"
has err "cannot open snapshot .*linkdir/configs: a symbolic link leaving the snapshot" "configs/ link named"
# The same inside a `diff --git` archive: git stores the link, tar recreates it as it is.
if command -v git >/dev/null && command -v tar >/dev/null; then
  rm -rf "$tmp/repo"
  mkdir -p "$tmp/repo"
  cp -r "$tmp/links" "$tmp/repo/snap"
  rm -rf "$tmp/repo/snap/extra" "$tmp/repo/snap/configs/r9.cfg"
  ln -s ../../../../etc/passwd "$tmp/repo/snap/configs/zy.cfg"
  (cd "$tmp/repo" && git init -q && git add -A &&
    git -c user.name=t -c user.email=t@example.com commit -qm snap) >/dev/null 2>&1
  run 0 "diff --git with links leaving the snapshot" -- "$bin" diff --git HEAD "$tmp/repo/snap"
  has err "^tunnelcast: warning: snap/configs/zz.cfg at HEAD is a symbolic link leaving the snapshot; not followed$" \
    "archive link (absolute) named"
  has err "^tunnelcast: warning: snap/configs/zy.cfg at HEAD is a symbolic link leaving the snapshot; not followed$" \
    "archive link (up through ..) named"
  has err "^tunnelcast: warning: snap/routes/R2.txt at HEAD is a symbolic link leaving the snapshot; not followed$" \
    "archive capture link named"
  hasnt err "SECRET-LINE\|root:" "nothing of an archive link's target is read"
fi

# ---- file size: bounded by --max-file-size, binary stopped at its first NUL ---------------
snap big
{ cat samples/lab-a/configs/r3.cfg; head -c 3000 /dev/zero | tr '\0' '!'; echo; } >"$tmp/big/configs/zz.cfg"
sed -i 's/^hostname R3$/hostname BIG/' "$tmp/big/configs/zz.cfg"
run 0 "file over --max-file-size" -- "$bin" predict --max-file-size 3K "$tmp/big"
has err "big/configs/zz.cfg: error: the file is larger than 3 KiB (--max-file-size); file skipped \[file-too-large\]" \
  "file over the limit named with the limit"
has out "6 devices" "file over the limit skipped"
rest_analysed "file over --max-file-size"
run 0 "file under --max-file-size" -- "$bin" predict --max-file-size 1M "$tmp/big"
has out "7 devices" "file under the limit read"
run 2 "bad --max-file-size" -- "$bin" predict --max-file-size 0 "$tmp/big"
has err "max-file-size needs a size" "bad --max-file-size named"
# A 4 GB sparse file: refused from its size (the default limit is 256 MiB), never read; a
# 300 MB one under a raised limit, a NUL at its first line: reading stops at the first block.
if command -v truncate >/dev/null && [ -x /usr/bin/time ]; then
  snap sparse
  truncate -s 4G "$tmp/sparse/configs/zz.cfg"
  /usr/bin/time -f '%M' -o "$tmp/rss" "$bin" predict "$tmp/sparse" >"$tmp/out" 2>"$tmp/err"
  has err "zz.cfg: error: the file is larger than 256 MiB (--max-file-size); file skipped \[file-too-large\]" \
    "4 GB file refused by the default limit"
  rest_analysed "4 GB sparse file"
  [ "$(tail -n 1 "$tmp/rss")" -lt 200000 ] || fail "4 GB sparse file: peak RSS $(tail -n 1 "$tmp/rss") KB"
  printf 'hostname SPARSE\n\0' >"$tmp/sparse/configs/zz.cfg"
  truncate -s 300M "$tmp/sparse/configs/zz.cfg"
  /usr/bin/time -f '%M' -o "$tmp/rss" "$bin" predict --max-file-size 1G "$tmp/sparse" >"$tmp/out" 2>"$tmp/err"
  has err "zz.cfg: error: the file looks binary (it holds NUL bytes); file skipped \[binary-file\]" \
    "300 MB file with a NUL diagnosed"
  rest_analysed "300 MB binary file"
  [ "$(tail -n 1 "$tmp/rss")" -lt 200000 ] || fail "300 MB binary file: peak RSS $(tail -n 1 "$tmp/rss") KB (read whole?)"
fi

# ---- .tunnelcast-ignore: a regular file of bounded size, whole lines -------------------
# A committed symlink can make it a FIFO or /dev/zero: refused by name, never read (the timeout
# only turns the old hang into a failure).
snap ignore
for kind in fifo zero dir; do
  rm -rf "$tmp/ignore/.tunnelcast-ignore"
  case $kind in
    fifo) command -v mkfifo >/dev/null || continue; mkfifo "$tmp/ignore/.tunnelcast-ignore" ;;
    zero) ln -s /dev/zero "$tmp/ignore/.tunnelcast-ignore" ;;
    dir) mkdir "$tmp/ignore/.tunnelcast-ignore" ;;
  esac
  for c in lint diff; do
    set -- "$tmp/ignore"
    [ "$c" = diff ] && set -- "$tmp/ignore" "$tmp/ignore"
    run 2 ".tunnelcast-ignore as a $kind, $c" -- timeout 60 "$bin" "$c" -q "$@"
    has err "^tunnelcast: cannot read .*ignore/.tunnelcast-ignore: not a regular file$" \
      ".tunnelcast-ignore as a $kind, $c: named"
  done
done
rm -rf "$tmp/ignore/.tunnelcast-ignore"
# A reason long enough that a 1 023-byte reader would split it: its tail must not become a
# second suppression (here `wildcard-psk *`).
{
  printf 'TC109 ASA '
  head -c 1013 /dev/zero | tr '\0' 'x'
  printf 'wildcard-psk *\n'
} >"$tmp/ignore/.tunnelcast-ignore"
run 2 "overlong ignore line" -- "$bin" lint -q "$tmp/ignore"
has err "ignore/.tunnelcast-ignore:1: error: line longer than 1023 bytes$" "overlong ignore line located"
# 1 023 bytes is still a line.
{
  printf 'TC109 ASA '
  head -c 1013 /dev/zero | tr '\0' 'x'
  printf '\n'
} >"$tmp/ignore/.tunnelcast-ignore"
run 0 "ignore line of 1023 bytes" -- "$bin" lint -q --fail-on never "$tmp/ignore"
hasnt err "error" "ignore line of 1023 bytes read"
# Bounded: over 1 MiB is refused before reading.
head -c 1100000 /dev/zero | tr '\0' '#' >"$tmp/ignore/.tunnelcast-ignore"
run 2 "ignore file over 1 MiB" -- "$bin" lint -q "$tmp/ignore"
has err "cannot read .*ignore/.tunnelcast-ignore: larger than 1 MiB$" "ignore file over 1 MiB named"
rm -f "$tmp/ignore/.tunnelcast-ignore"

# ---- an enormous snapshot: memory stays proportional to the input -----------------------
# 300 devices of 60 interfaces, 200 routes and 300 ACL lines each (about 12 MB), with lab-a.
# Peak RSS must stay under 64 MB + 16 bytes per input byte (sanitizer builds included; a
# release build uses about 3 bytes per input byte). Not a timing test: nothing is timed.
snap enormous
awk -v dir="$tmp/enormous/configs" 'BEGIN {
  for (k = 0; k < 300; k++) {
    f = sprintf("%s/n%03d.cfg", dir, k)
    printf "hostname N%03d\n", k > f
    for (i = 0; i < 60; i++)
      printf "interface GigabitEthernet0/%d\n description link %d of node %d\n ip address 10.%d.%d.1 255.255.255.0\n", i, i, k, k % 250, i + 60 * int(k / 250) > f
    for (i = 0; i < 200; i++)
      printf "ip route 172.%d.%d.0 255.255.255.0 10.%d.%d.2\n", 16 + i % 16, i % 256, k % 250, i % 60 > f
    print "ip access-list extended BIG" > f
    for (i = 0; i < 300; i++)
      printf " permit tcp 10.%d.%d.0 0.0.0.255 host 192.0.2.%d eq %d\n", k % 250, i % 256, i % 250, 1000 + i > f
    close(f)
  } }'
bytes=$(cat "$tmp"/enormous/configs/* | wc -c)
if [ -x /usr/bin/time ]; then
  /usr/bin/time -f '%M' -o "$tmp/rss" "$bin" predict -q "$tmp/enormous" >"$tmp/out" 2>"$tmp/err"
  rc=$?
  [ "$rc" -eq 0 ] || fail "enormous snapshot: exit $rc"
  rest_analysed "enormous snapshot"
  rss_kb=$(tail -n 1 "$tmp/rss")
  limit_kb=$((65536 + bytes * 16 / 1024))
  echo "enormous snapshot: $bytes bytes, peak RSS ${rss_kb} KB (limit ${limit_kb} KB)"
  [ "$rss_kb" -le "$limit_kb" ] || fail "enormous snapshot: peak RSS ${rss_kb} KB over ${limit_kb} KB"
else
  echo "SKIP: enormous snapshot: /usr/bin/time (Debian package time) is not installed" >&2
fi

[ "$fails" -eq 0 ] && echo "hostile.sh: all checks passed"
exit "$fails"
