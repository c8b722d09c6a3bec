#!/bin/sh
# determinism.sh: the same snapshot gives the same output whatever the order of the files in its
# directory, their names, the locale, and the number of threads (when there is a -j option).
#  - same names, files created in the opposite order (readdir order differs): every output
#    byte for byte, diagnostics included;
#  - names permuted so that their sort order is reversed (hostnames unchanged): every output
#    byte for byte once the names are mapped back, except what is ordered by file name by design
#    (diagnostics, lint findings), compared as sorted lines;
#  - LC_ALL=C against C.UTF-8 (and LANG/LC_ALL of any other installed UTF-8 locale): byte for byte.
# usage: determinism.sh BIN SNAPSHOT...   (run from the source tree)
set -u
bin=$1
shift
fails=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C
fail() {
  echo "FAIL: $*" >&2
  fails=$((fails + 1))
}
has() { "$bin" help "$1" >/dev/null 2>&1; }

# j CMD: "-j $JOBS" when $JOBS is set and CMD has a -j option, else nothing
j() {
  [ -n "${JOBS:-}" ] && "$bin" help "$1" | grep -q -- ' -j' && echo "-j $JOBS"
  return 0
}
# outputs SNAP DIR: every output of every command for SNAP into DIR (NAME = stdout, NAME.err)
outputs() {
  s=$1 d=$2
  mkdir -p "$d"
  "$bin" predict $(j predict) -v "$s" >"$d/predict" 2>"$d/predict.err"
  "$bin" predict $(j predict) -q -f json --failures single "$s" >"$d/predict.json" 2>&1
  "$bin" explain $(j explain) -q "$s" 1 >"$d/explain" 2>&1
  "$bin" diagram $(j diagram) -q -o "$d/diagram.dot" "$s" 2>&1
  if has lint; then
    for f in text json sarif junit; do "$bin" lint $(j lint) -q -f $f "$s" >"$d/lint.$f" 2>&1; done
  fi
  if has parse; then
    for f in text json; do "$bin" parse $(j parse) -q -f $f "$s" >"$d/parse.$f" 2>&1; done
  fi
  if has drift; then
    for f in text json; do "$bin" drift $(j drift) -q -f $f "$s" >"$d/drift.$f" 2>&1; done
  fi
  return 0
}
# json_norm FILE: the JSON with the lines of its "diagnostics" arrays sorted (they are in
# file-name order by design)
json_norm() {
  awk '!d && /"diagnostics": \[$/ { d = 1; ind = index($0, "\""); print; fflush(); next }
       d && index($0, "]") == ind { d = 0; close("sort") }
       d { print | "sort"; next }
       { print }' "$1"
}
# same A B WHAT [sorted]: compare every output of two runs
same() {
  for f in "$1"/*; do
    n=${f##*/}
    case "${4:-}:$n" in
      sorted:*.err | sorted:lint.*)
        sort "$f" >"$tmp/x" && sort "$2/$n" >"$tmp/y" && cmp -s "$tmp/x" "$tmp/y" ||
          fail "$3: $n differs (as sorted lines)" ;;
      sorted:*.json)
        json_norm "$f" >"$tmp/x" && json_norm "$2/$n" >"$tmp/y" && cmp -s "$tmp/x" "$tmp/y" ||
          fail "$3: $n differs (diagnostics compared as sorted lines)" ;;
      *) cmp -s "$f" "$2/$n" || { fail "$3: $n differs"; diff "$f" "$2/$n" | head -10 >&2; } ;;
    esac
  done
}
# copy SRC DST ORDER RENAME: SRC's configs/ (and routes/, state/) into DST, created in ORDER (sort -r
# for reversed) and, with RENAME, prefixed so that the name order is reversed
copy() {
  src=$1 dst=$2 order=$3 rename=$4
  for sub in configs routes state; do
    [ -d "$src/$sub" ] || continue
    mkdir -p "$dst/$sub"
    total=$(ls "$src/$sub" | wc -l)
    ls "$src/$sub" | sort $order | while read -r name; do
      new=$name
      # routes/ and state/ are found by hostname: only config file names are permuted
      if [ "$rename" = yes ] && [ "$sub" = configs ]; then
        idx=$(ls "$src/$sub" | sort | grep -n -x -F "$name" | cut -d: -f1)
        new=$(printf 'p%03d-%s' $((total - idx)) "$name")
        printf 's|configs/%s|configs/%s|g\n' "$new" "$name" >>"$dst.map"
      fi
      cp "$src/$sub/$name" "$dst/$sub/$new"
    done
  done
}

for snap in "$@"; do
  name=$(basename "$snap")
  base=$tmp/$name
  # the reference: names as they are, created in name order, run where the copies are
  copy "$snap" "$base/ref" "" no
  outputs "$base/ref" "$base/out.ref"
  [ -s "$base/out.ref/predict" ] || fail "$name: predict wrote nothing"
  # same names, created in the opposite order
  copy "$snap" "$base/rev" -r no
  outputs "$base/rev" "$base/out.rev"
  sed -i "s|$base/rev|$base/ref|g" "$base"/out.rev/*
  same "$base/out.ref" "$base/out.rev" "$name: files created in the opposite order"
  # names permuted, mapped back in the outputs
  copy "$snap" "$base/perm" -r yes
  outputs "$base/perm" "$base/out.perm"
  sed -i -f "$base/perm.map" -e "s|$base/perm|$base/ref|g" "$base"/out.perm/*
  same "$base/out.ref" "$base/out.perm" "$name: file names permuted" sorted
  # locales
  for loc in C.UTF-8 $(locale -a 2>/dev/null | grep -i 'utf-\?8' | grep -v '^C\.' | head -2); do
    LC_ALL=$loc LANG=$loc outputs "$base/ref" "$base/out.$loc"
    same "$base/out.ref" "$base/out.$loc" "$name: LC_ALL=$loc"
  done
  # threads, where a command has a -j option
  if "$bin" help predict | grep -q -- ' -j'; then
    for n in 1 4; do
      JOBS=$n outputs "$base/ref" "$base/out.j$n"
      same "$base/out.ref" "$base/out.j$n" "$name: -j $n"
    done
  elif [ "$snap" = "$1" ]; then
    echo "determinism.sh: predict has no -j option: the number of threads is not tested"
  fi
done
[ "$fails" -eq 0 ] && echo "determinism.sh: $# snapshots, file order, file names and locale do not change the output"
exit "$fails"
