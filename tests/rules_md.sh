#!/bin/sh
# rules_md.sh: docs/rules.md lists exactly the rule catalogue, and explains what the rules cite.
# usage: rules_md.sh BIN DOC   (DOC: docs/rules.md)
# 1. Its "Rules" section is byte for byte `BIN lint --list-rules -f markdown` (the catalogue in
#    model/predict/lint.c writes it: a rule added, renamed or regraded changes both).
# 2. Every check (L5, L5-L11) and basis (R4.3, S8, RFC 2328 8.2; a bare "16.1" continues the
#    RFC before it) a rule cites has a row in the document's tables.
# 3. Nothing points outside the repository: no URL.
# 4. `lint --explain` of every rule points at its anchor here.
set -u
bin=$1 doc=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }

"$bin" lint --list-rules -f markdown >"$tmp/want" || fail "lint --list-rules -f markdown failed"
sed -n '/^<!-- generated: tunnelcast lint --list-rules -f markdown/,/^<!-- end of generated rules -->/p' "$doc" |
  sed '1,2d;$d' >"$tmp/got"
if ! cmp -s "$tmp/want" "$tmp/got"; then
  fail "$doc's Rules section differs from the catalogue (regenerate it):"
  diff -u "$tmp/got" "$tmp/want" >&2 | head -40
fi

# The ids the tables hold: the first cell of each row.
grep '^| ' "$doc" | cut -d'|' -f2 | sed 's/^ *//; s/ *$//' | sort -u >"$tmp/rows"
sed -n 's/^Severity: \*\*[a-z]*\*\* · Checks: \(.*\) · Basis: \(.*\)$/\1, \2/p' "$tmp/want" |
  tr ',' '\n' | sed 's/^ *//; s/ *$//' | grep -v '^—$' | grep -v '^[0-9.]*$' |
  sed 's/^\(L[0-9]*\)-\(L[0-9]*\)$/\1\n\2/; s/^\(RFC [0-9]*\) .*/\1/' | sort -u >"$tmp/cited"
[ -s "$tmp/cited" ] || fail "no check or basis read from the catalogue"
comm -23 "$tmp/cited" "$tmp/rows" >"$tmp/missing"
[ -s "$tmp/missing" ] && fail "cited but without a row in $doc: $(tr '\n' ' ' <"$tmp/missing")"

grep -n '://' "$doc" >&2 && fail "$doc points outside the repository"

n=0
for id in $("$bin" lint --list-rules | cut -d' ' -f1); do
  n=$((n + 1))
  lower=$(printf '%s' "$id" | tr 'A-Z' 'a-z')
  "$bin" lint --explain "$id" | grep -q "docs/rules.md#$lower[^0-9]" ||
    fail "lint --explain $id does not point at docs/rules.md#$lower"
  grep -q "^<a id=\"$lower\"></a>$" "$doc" || fail "no anchor $lower in $doc"
done
[ "$fails" -eq 0 ] && echo "rules_md.sh: $n rules, $(wc -l <"$tmp/cited") citations, all in $doc"
[ "$fails" -eq 0 ]
