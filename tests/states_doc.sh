#!/bin/sh
# states_doc.sh: the states table (name, predict's exit status, meaning) and the exit status table
# (code, meaning) read the same, rows in the same order, in `predict --help` / `--help` (printed
# from the C tables: tc_state_info_get(), tc_cli_exits()), README.md and the man page.
# usage: states_doc.sh BIN README MANPAGE   (run from the source tree)
set -u
bin=$1 readme=$2 man=$3
. "$(dirname "$0")/lib.sh"
# Every table as "key|value[|value]" lines.
"$bin" predict --help | sed -n '/^States/,/^$/p' |
  sed -n 's/^  \([a-z-]*\) \{1,\}\([0-9]\) \{1,\}\(.*\)$/\1|\2|\3/p' | grep -v '^STATE' >"$tmp/states.help"
# an exit code's meaning may go on over lines indented by 5: one row, its lines joined by "; "
"$bin" --help | sed -n '/^Exit status:/,$p' |
  awk '/^  [0-9]  /{if(r!="")print r; r=substr($0,3,1) "|" substr($0,6); next}
       /^     [^ ]/{r=r "; " substr($0,6); next} END{if(r!="")print r}' >"$tmp/exits.help"
# README: | `stable` | 0 | meaning |, and | 0 | meaning | under "### Exit status" (backticks are
# Markdown only)
sed -n 's/^| `\([a-z-]*\)` | \([0-9]\) | \(.*\) |$/\1|\2|\3/p' "$readme" >"$tmp/states.readme"
sed -n '/^### Exit status/,/^### /p' "$readme" | sed -n 's/^| \([0-9]\) | \(.*\) |$/\1|\2/p' |
  tr -d '`' >"$tmp/exits.readme"
# man page: .TP, then ".BR name \" (exit N)\"" or ".B N", then the meaning on one line
sed -n '/^\.SH STATES/,/^\.SH /p' "$man" | sed -n '/^\.BR /{N;s/^\.BR \([a-z-]*\) " (exit \([0-9]\))"\n\(.*\)$/\1|\2|\3/p;}' \
  >"$tmp/states.man"
sed -n '/^\.SH EXIT STATUS/,/^\.SH /p' "$man" | sed -n '/^\.B [0-9]$/{N;s/^\.B \([0-9]\)\n\(.*\)$/\1|\2/p;}' |
  sed 's/\\-/-/g' >"$tmp/exits.man"
for t in states exits; do
  [ -s "$tmp/$t.help" ] || { fail "no $t rows in the help"; continue; }
  same "$tmp/$t.help" "$tmp/$t.readme" "the $t table of $readme is not the help's"
  same "$tmp/$t.help" "$tmp/$t.man" "the $t table of $man is not the help's"
done
[ "$fails" -eq 0 ] && echo "states_doc.sh: $(wc -l <"$tmp/states.help") states, $(wc -l <"$tmp/exits.help") exit codes, the same in the help, $readme and $man"
[ "$fails" -eq 0 ]
