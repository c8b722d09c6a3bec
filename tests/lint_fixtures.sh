#!/bin/sh
# lint_fixtures.sh: build the tree the lint tests run in, from the lint fixtures stored as
# differences from samples/lab-a.
# usage: lint_fixtures.sh SOURCE_DIR ROOT
# Each tests/data/lint/NAME.patch is the fixture's README.md followed by a unified diff against
# samples/lab-a (paths a/configs/FILE); ROOT/tests/data/lint/NAME becomes lab-a with the diff
# applied and that README. The fixtures kept whole (tests/data/lint/NAME/) and the folders the
# tests read besides (samples, tests/golden, tests/data/diags, tests/data/drift-before) are
# linked into ROOT, so that the tests run in ROOT with the same relative paths, and the same
# output, as in the source tree.
# The diff is applied with `git apply` outside any repository (git is there in any clone).
set -eu
src=$(cd "$1" && pwd)
root=$2
rm -rf "$root"
mkdir -p "$root/tests/data/lint"
root=$(cd "$root" && pwd)
ln -s "$src/samples" "$root/samples"
ln -s "$src/tests/golden" "$root/tests/golden"
ln -s "$src/tests/data/diags" "$root/tests/data/diags"
ln -s "$src/tests/data/drift-before" "$root/tests/data/drift-before"
for d in "$src"/tests/data/lint/*/; do
  d=${d%/}
  ln -s "$d" "$root/tests/data/lint/${d##*/}"
done
for p in "$src"/tests/data/lint/*.patch; do
  [ -e "$p" ] || continue
  name=$(basename "$p" .patch)
  out=$root/tests/data/lint/$name
  if [ -e "$out" ]; then
    echo "lint_fixtures.sh: $name is both a folder and a patch" >&2
    exit 1
  fi
  mkdir "$out"
  cp -R "$src/samples/lab-a/configs" "$out/configs"
  sed '/^--- a\//,$d' "$p" >"$out/README.md"
  # GIT_CEILING_DIRECTORIES keeps git from taking ROOT's parents for a repository.
  if ! (cd "$out" && GIT_CEILING_DIRECTORIES=$root git apply -p1 "$p"); then
    echo "lint_fixtures.sh: $p does not apply to samples/lab-a" >&2
    exit 1
  fi
done
