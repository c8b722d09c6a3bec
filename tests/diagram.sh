#!/bin/sh
# diagram.sh: `tunnelcast diagram` options: --domain by row or id, --steps file names, --collapse,
# --max-nodes (folding).
# usage: diagram.sh BIN   (run in the tree tests/lint_fixtures.sh builds: it draws the lint
# fixture `entry`, which is stored as a patch)
set -u
bin=$1
fails=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

. "$(dirname "$0")/lib.sh"

# one domain, by row number and by id: the same picture
expect 0 "--domain by row" -- "$bin" diagram -q --domain 1 -o "$tmp/row.dot" samples/lab-b
expect 0 "--domain by id" -- "$bin" diagram -q --domain 'ASA:OUTSIDE_MAP:10:10.26.241.0/24>195.160.0.0/26' \
  -o "$tmp/id.dot" samples/lab-b
cmp -s "$tmp/row.dot" "$tmp/id.dot" || fail "--domain 1 and its id draw different pictures"
grep -q '10.26.241.0/24 ⇄ 195.160.0.0/26 · 2nd peer' "$tmp/row.dot" || fail "domain 1 lacks its owner tunnel"
grep -q '10.26.242.0/24' "$tmp/row.dot" && fail "domain 1's picture shows the 242 domain"
expect 0 "--domain=ID form" -- "$bin" diagram -q --domain=2 -o "$tmp/two.svg" samples/lab-b
grep -q '<svg' "$tmp/two.svg" || fail "--domain=2 wrote no SVG"

# Graphviz 2.43 double-frees a layout where a labelled tunnel edge lands flat between
# non-adjacent nodes (render/graphviz.c gv_fix_realloced_ranks): this snapshot did it in the
# whole-network picture, a domain's picture and the report
expect 0 "diagram with a flat labelled tunnel" -- "$bin" diagram -q -f svg -o "$tmp/flat.svg" tests/data/lint/entry
grep -q '</svg>' "$tmp/flat.svg" || fail "flat tunnel picture is not a whole SVG"
expect 0 "domain picture with a flat labelled tunnel" -- "$bin" diagram -q -f svg --domain 1 -o "$tmp/flat1.svg" tests/data/lint/entry
expect 0 "report with flat labelled tunnels" -- "$bin" report -q --pictures all -o "$tmp/flat.html" tests/data/lint/entry

# bad domains and option misuse are usage errors that say why
expect 2 "unknown domain" -- "$bin" diagram -q --domain 'R9:X:1:1.0.0.0/8>2.0.0.0/8' -o "$tmp/x.svg" samples/lab-b
grep -q "no domain 'R9:X:1:1.0.0.0/8>2.0.0.0/8'" "$tmp/err" || fail "unknown domain not named"
expect 2 "row out of range" -- "$bin" diagram -q --domain 7 -o "$tmp/x.svg" samples/lab-b
expect 2 "--steps without --domain" -- "$bin" diagram -q --steps -o "$tmp/x.svg" samples/lab-b
expect 2 "--domain without a value" -- "$bin" diagram -q -o "$tmp/x.svg" samples/lab-b --domain
expect 2 "--collapse not a number" -- "$bin" diagram -q --collapse many -o "$tmp/x.svg" samples/lab-b
[ -e "$tmp/x.svg" ] && fail "a failed run left a file behind"

# --steps: FILE-1.EXT ... FILE-N.EXT, one per event of the domain's trace
mkdir "$tmp/steps"
expect 0 "--steps" -- "$bin" diagram -q --domain 1 --steps -o "$tmp/steps/s.dot" samples/lab-b
n=$(ls "$tmp/steps" | wc -l)
[ "$n" -eq 19 ] || fail "--steps wrote $n pictures, expected 19 (the events of domain 1)"
[ -e "$tmp/steps/s.dot" ] && fail "--steps also wrote the plain FILE"
# the founding write-up's three pictures: SA with R3 (part 1), R2 brings up its SA (part 2),
# the ASA drops only the R3 SA (part 3)
grep -q 'SA up at step 5' "$tmp/steps/s-8.dot" || fail "step 8: the SA with R3 is not up"
grep -q '12 IKE' "$tmp/steps/s-13.dot" || fail "step 13: R2's IKE toward the ASA not drawn"
grep -q 'SA up at step 13' "$tmp/steps/s-14.dot" || fail "step 14: R2's SA is not up"
grep -q 'dropped at step 14' "$tmp/steps/s-14.dot" || fail "step 14: the R3 SA is not shown dropped"
grep -q 'SA up at step 5' "$tmp/steps/s-14.dot" && fail "step 14: the R3 SA is still up"
expect 0 "--steps png" -- "$bin" diagram -q --domain 2 --steps -f png -o "$tmp/steps/p" samples/lab-b
[ "$(head -c 4 "$tmp/steps/p-1" | od -An -c | tr -d ' ')" = "211PNG" ] || fail "--steps -f png wrote no PNG"

# --collapse is accepted; on a small lab nothing collapses
expect 0 "--collapse" -- "$bin" diagram -q --collapse 1 -o "$tmp/c.dot" samples/lab-b
grep -q 'group_' "$tmp/c.dot" && fail "lab-b's two different spoke sites collapsed"

# --max-nodes: beyond N nodes the network folds (lab-b draws 6 devices; at 2 it folds to the
# end): site ASA (with R5), site R2 + R3 (with R6), R4 as transit; one tunnel edge for the two
# device pairs ASA-R2, ASA-R3 carrying the 6 domains of predict's table (4 stable, 2 standby)
expect 0 "--max-nodes 2" -- "$bin" diagram --max-nodes 2 -o "$tmp/fold.dot" samples/lab-b
has err "note: $tmp/fold.dot: over 2 nodes, folded to 3: 6 devices, 2 sites" "the fold note"
grep -q '<B>site R2 + R3</B><BR/><FONT POINT-SIZE="9" COLOR="#57606a">R2 … R6 · 3 devices' "$tmp/fold.dot" ||
  fail "site R2 + R3 is not one node with R6 inside"
grep -q '<B>transit</B><BR/><FONT POINT-SIZE="9" COLOR="#57606a">R4 · 1 device<' "$tmp/fold.dot" ||
  fail "R4 is not the transit node"
grep -q 'xlabel="2 tunnels · 6 domains\\n4 stable, 2 standby"' "$tmp/fold.dot" ||
  fail "the folded tunnel does not count lab-b's 6 domains"
grep -q 'Folded: over 2 nodes' "$tmp/fold.dot" || fail "the folded picture does not say so"
grep -q '	R6	\[' "$tmp/fold.dot" && fail "R6 drawn on its own in the folded picture"
expect 0 "--max-nodes 2 -q" -- "$bin" diagram -q --max-nodes 2 -o "$tmp/fold-q.dot" samples/lab-b
[ -s "$tmp/err" ] && fail "-q printed the fold note"
cmp -s "$tmp/fold.dot" "$tmp/fold-q.dot" || fail "-q changed the folded picture"
# under the limit (and with all) the picture is the device picture, without a note
expect 0 "--max-nodes all" -- "$bin" diagram --max-nodes all -o "$tmp/all.dot" samples/lab-b
[ -s "$tmp/err" ] && fail "an unfolded picture printed a note"
expect 0 "default" -- "$bin" diagram -o "$tmp/default.dot" samples/lab-b
cmp -s "$tmp/all.dot" "$tmp/default.dot" || fail "lab-b's default picture is not the unfolded one"
# one domain is never folded
expect 0 "--max-nodes 1 --domain 1" -- "$bin" diagram --max-nodes 1 --domain 1 -o "$tmp/d1.dot" samples/lab-b
cmp -s "$tmp/d1.dot" "$tmp/row.dot" || fail "--max-nodes changed a domain's picture"
expect 2 "--max-nodes 0" -- "$bin" diagram -q --max-nodes 0 -o "$tmp/x.svg" samples/lab-b
has err "--max-nodes needs a number from 1 to 1000000000 or all, not '0'" "--max-nodes 0 is refused"

[ "$fails" -eq 0 ] && echo "diagram.sh: all checks passed"
exit "$fails"
