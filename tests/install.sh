#!/bin/sh
# install.sh: what a user installs and types: --version names the revision, `cmake --install`
# puts the binary, man page, completions and licence in place, and the bash and zsh completions
# offer subcommands, options, their values (the option tables' choices), rule ids and the
# snapshot's devices.
# usage: install.sh BIN BUILD_DIR   (run from the source tree)
set -u
bin=$1
build=$2
. "$(dirname "$0")/lib.sh"

# --version: the project version and the git revision of the tree built (unknown outside git)
expect 0 "--version" -- "$bin" --version
ver=$(sed -n 's/^project(tunnelcast VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)
rev=$(git describe --always --dirty --abbrev=12 2>/dev/null || echo unknown)
echo "tunnelcast $ver (git $rev)" >"$tmp/want"
same "$tmp/want" "$tmp/out" "--version prints the project version and the git revision"

# cmake --install into a staging directory: every file the README lists
DESTDIR=$tmp/stage cmake --install "$build" --prefix /usr >"$tmp/install.log" 2>&1 ||
  fail "cmake --install failed: $(cat "$tmp/install.log")"
for f in bin/tunnelcast share/man/man1/tunnelcast.1 share/bash-completion/completions/tunnelcast \
  share/zsh/vendor-completions/_tunnelcast share/doc/tunnelcast/LICENSE \
  share/doc/tunnelcast/CHANGELOG.md; do
  [ -f "$tmp/stage/usr/$f" ] || fail "cmake --install does not install $f"
done
[ -z "$(find "$tmp/stage/usr/bin" -type f ! -name tunnelcast)" ] ||
  fail "cmake --install installs programs other than tunnelcast: $(ls "$tmp/stage/usr/bin")"

# the candidates themselves (one per line, in order)
complete() { # complete WANT WORDS...: __complete of the last word gives exactly WANT (| between)
  want=$1
  shift
  n=$(($# - 1))
  "$bin" __complete "$n" "$@" >"$tmp/got" 2>"$tmp/err" || fail "__complete $*: exit $?"
  printf '%s\n' "$want" | tr '|' '\n' | sed '/^$/d' >"$tmp/want"
  same "$tmp/want" "$tmp/got" "__complete $*"
}
complete "predict|parse" tunnelcast p
complete "diagram|diff|drift" tunnelcast help d
complete "--format|--fail|--failures" tunnelcast predict --f
complete "--output" tunnelcast lint --ou
complete "TC101|TC102|TC103|TC104|TC105|TC106|TC107|TC108|TC109" tunnelcast lint --disable tc10
complete "R2|R3|R4|R5|R6" tunnelcast predict -q samples/lab-b --fail r
complete "R2|R3|R4|R5|R6" tunnelcast diagram -o x.svg samples/lab-b --fail r
complete "R2:GigabitEthernet0/0|R2:GigabitEthernet0/1" tunnelcast predict samples/lab-b --fail R2:gi
complete "" tunnelcast predict samples/l
# option values from the option tables' choices: formats per command, dialects, --assume names,
# --failures kinds, lint severities (RULE=SEV after its '='), --fail-on, --color; --name=VALUE
complete "text|json" tunnelcast predict -f ""
complete "text|json|markdown|sarif" tunnelcast drift --format ""
complete "dot|svg|png|pdf" tunnelcast diagram -o x.svg -f ""
complete "json|junit" tunnelcast lint -f j
complete "--format=json" tunnelcast predict --format=j
complete "auto|asa|ios" tunnelcast parse -d ""
complete "ikev2-accepts-backup" tunnelcast explain --assume ik
complete "single" tunnelcast predict --failures ""
complete "TC104=" tunnelcast lint --severity tc104
complete "TC104=error|TC104=warning|TC104=note|TC104=off" tunnelcast lint --severity TC104=
complete "--fail-on=note|--fail-on=never" tunnelcast lint --fail-on=n
complete "auto|always" tunnelcast diff --color a
complete "--fail=R2|--fail=R3|--fail=R4|--fail=R5|--fail=R6" tunnelcast predict samples/lab-b --fail=r
complete "" tunnelcast predict --max-rounds ""
complete "" tunnelcast predict --fail R samples/nowhere

# bash: the function fills COMPREPLY from the same candidates
bash -c '. cli/completions/tunnelcast.bash
COMP_WORDS=("$1" lint --disable TC20); COMP_CWORD=3; _tunnelcast; printf "%s\n" "${COMPREPLY[@]}"' \
  sh "$bin" >"$tmp/got" 2>"$tmp/err" || fail "bash completion: $(cat "$tmp/err")"
"$bin" __complete 3 tunnelcast lint --disable TC20 >"$tmp/want"
[ -s "$tmp/want" ] || fail "no TC20x rules to complete"
same "$tmp/want" "$tmp/got" "bash completion of lint --disable TC20"
# a value after '=' (bash splits words there): only what follows the '=' replaces the word
bash -c '. cli/completions/tunnelcast.bash
COMP_WORDS=("$1" lint --severity TC104=wa); COMP_CWORD=3; _tunnelcast; printf "%s\n" "${COMPREPLY[@]}"' \
  sh "$bin" >"$tmp/got" 2>"$tmp/err" || fail "bash completion: $(cat "$tmp/err")"
echo warning >"$tmp/want"
same "$tmp/want" "$tmp/got" "bash completion of lint --severity TC104=wa"

# zsh: compadd and _files stand in for the completion system's builtins
if command -v zsh >/dev/null 2>&1; then
  zsh -c 'compadd() { while [ "$1" != -- ]; do shift; done; shift; if (( $# )); then print -l -- "$@"; fi; }
_files() { print FILES; }
words=("$1" predict --fo); CURRENT=3; . cli/completions/_tunnelcast
words=("$1" predict sam); CURRENT=3; . cli/completions/_tunnelcast
words=("$1" predict -f j); CURRENT=4; . cli/completions/_tunnelcast
words=("$1" lint --severity TC104); CURRENT=4; . cli/completions/_tunnelcast' sh "$bin" >"$tmp/got" 2>"$tmp/err" ||
    fail "zsh completion: $(cat "$tmp/err")"
  printf '%s\n' --format FILES json TC104= >"$tmp/want"
  same "$tmp/want" "$tmp/got" "zsh completion of predict --fo, a snapshot operand, -f j, --severity TC104"
elif [ -n "${TC_CI:-}" ]; then
  fail "zsh is not installed (scripts/bootstrap installs it; CI requires the zsh completion test)"
else
  echo "install.sh: zsh is not installed: the zsh completion is not tested" >&2
fi
exit $((fails != 0))
