# lib.sh: checks shared by the command-line tests (cli.sh, lint.sh, parse_cli.sh, diagram.sh,
# predict_rules.sh) and the doc-table tests (reasons_doc.sh, states_doc.sh). The caller sets $tmp (a scratch directory) and fails=0, or leaves both
# unset for this file to make them (the directory removed on exit), then sources this file
# and ends with a non-zero exit when $fails is not 0.
fails=${fails:-0}
if [ -z "${tmp:-}" ]; then
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
fi

fail() { # fail MESSAGE: one failed check
  echo "FAIL: $*" >&2
  fails=$((fails + 1))
}
expect() { # expect CODE DESCRIPTION -- command...: run it (stdout to $tmp/out, stderr to $tmp/err), check the exit code
  code=$1 what=$2
  shift 3
  "$@" >"$tmp/out" 2>"$tmp/err"
  rc=$?
  [ "$rc" -eq "$code" ] || { fail "$what: exit $rc, expected $code"; cat "$tmp/err" >&2; }
}
has() { # has FILE PATTERN DESCRIPTION: FILE (under $tmp) has a line matching PATTERN
  grep -q -- "$2" "$tmp/$1" || fail "$3: '$2' not in $1"
}
hasnt() { # hasnt FILE PATTERN DESCRIPTION: no line of FILE (under $tmp) matches PATTERN
  ! grep -q -- "$2" "$tmp/$1" || fail "$3: '$2' in $1"
}
same() { # same WANT GOT DESCRIPTION: files WANT and GOT hold the same lines in the same order
  diff -u "$1" "$2" >"$tmp/same.diff" || { fail "$3 (- want, + got):"; cat "$tmp/same.diff" >&2; }
}
