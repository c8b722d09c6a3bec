#!/bin/sh
# report.sh: the HTML report: self-contained, escaped, secret-free (static), and right in a real browser.
# usage: report.sh BIN static            checks on the HTML text
#        report.sh BIN browser PNGSTAT   headless Chromium screenshot and DOM (exit 77 = skipped
#                                        when Chromium is not installed)
# Run from the source tree.
set -u
bin=$1 mode=$2 pngstat=${3:-}
fails=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

fail() {
  echo "FAIL: $*" >&2
  fails=$((fails + 1))
}

"$bin" report -q -o "$tmp/lab-b.html" samples/lab-b || fail "report on lab-b exited $?"
ndomains=6
# past 100 domains the report folds: 60 overlapping lines on one hub give 120 domains, long
# timelines, more pictures than a big report's budget holds and more events than its 5 KiB a
# domain, so that a few timelines are cut (bench/pieces.py, deterministic)
big=
if [ -x /usr/bin/python3 ] && /usr/bin/python3 bench/pieces.py overlap 60 "$tmp/ov60" >/dev/null; then
  "$bin" report -q --exit-zero -o "$tmp/big.html" "$tmp/ov60" || fail "report on 120 domains exited $?"
  big=$tmp/big.html
fi

if [ "$mode" = static ]; then
  head -c 15 "$tmp/lab-b.html" | grep -q '^<!DOCTYPE html>' || fail "not an HTML5 document"
  n=$(grep -c '<tr data-id=' "$tmp/lab-b.html")
  [ "$n" -eq "$ndomains" ] || fail "$n domain rows, expected $ndomains"
  grep -q 'data-id="ASA:OUTSIDE_MAP:10:10.26.241.0/24&gt;195.160.0.0/26"' "$tmp/lab-b.html" ||
    fail "domain row without its escaped id"
  grep -q '<svg' "$tmp/lab-b.html" || fail "no inline SVG"
  grep -q '<details id="d1">' "$tmp/lab-b.html" || fail "no timeline for domain 1"
  grep -q 'After step 13' "$tmp/lab-b.html" || fail "no picture of R2 bringing up its SA (step 13)"
  # nothing from the network: no external scripts, styles, fonts or images
  if grep -Eqi '<script[^>]+src=|<link |@import|url\(|<img |<iframe' "$tmp/lab-b.html"; then
    fail "the report loads something from outside the file"
  fi
  if grep -Eo '(src|href)="[a-z]+:[^"]*' "$tmp/lab-b.html" | grep -v 'http://www.w3.org/' | grep -q .; then
    fail "the report links outside itself"
  fi
  # unique element ids across the inlined SVGs
  dups=$(grep -Eo ' id="[^"]*"' "$tmp/lab-b.html" | sort | uniq -d | head -3)
  [ -z "$dups" ] || fail "duplicate element ids: $dups"

  # secrets never appear; text from the configs is escaped
  "$bin" report -q -o "$tmp/diags.html" tests/data/diags || fail "report on tests/data/diags exited $?"
  for secret in TopSecretHash Sup3rS3cretPw PublicCommunity123 TacacsKey99 IsakmpKey-Secret1 IsakmpKey-Secret2; do
    grep -q "$secret" "$tmp/diags.html" && fail "secret $secret appears in the report"
  done
  mkdir -p "$tmp/evil/configs"
  cp samples/lab-a/configs/*.cfg "$tmp/evil/configs/"
  sed -i 's/^hostname R5$/hostname R5<img_src=x_onerror=alert(1)>/' "$tmp/evil/configs/r5.cfg"
  "$bin" report -q -o "$tmp/evil.html" "$tmp/evil" || fail "report on a hostile hostname exited $?"
  grep -q 'R5&lt;img_src=x_onerror=alert(1)&gt;' "$tmp/evil.html" || fail "hostile hostname not escaped"
  grep -q 'R5<img' "$tmp/evil.html" && fail "hostile hostname reaches the page as markup"

  # --pictures: step pictures for that many domains, those not stable first; the rest text only
  "$bin" report -q --pictures 1 -o "$tmp/p1.html" samples/split-return || fail "report --pictures 1 exited $?"
  drawn=$(awk '/<details id="d[0-9]+">/ { d = $0 } /<figure>/ { print d }' "$tmp/p1.html" | sort -u)
  [ "$(printf '%s\n' "$drawn" | grep -c .)" -eq 1 ] || fail "--pictures 1 drew more or fewer than one domain"
  printf '%s\n' "$drawn" | grep -q 'badge stable' && fail "--pictures 1 drew a stable domain before an oscillating one"
  n=$(grep -c '<details id=' "$tmp/p1.html")
  grep -q "Step pictures for 1 of the $n domains" "$tmp/p1.html" || fail "no note that pictures were left out"
  [ "$(grep -c 'No step pictures for this domain' "$tmp/p1.html")" -eq $((n - 1)) ] ||
    fail "the domains left without pictures do not say so"
  "$bin" report -q --pictures 0 -o "$tmp/p0.html" samples/lab-b || fail "report --pictures 0 exited $?"
  grep -q '<figure>' "$tmp/p0.html" && fail "--pictures 0 drew step pictures"
  grep -q '<svg' "$tmp/p0.html" || fail "--pictures 0 left out the network diagram"
  "$bin" report -q --pictures all -o "$tmp/pall.html" samples/lab-b || fail "report --pictures all exited $?"
  # under the budget the default draws everything; only the footer's budget line differs
  grep -v '^<footer>' "$tmp/pall.html" >"$tmp/pall.body"
  grep -v '^<footer>' "$tmp/lab-b.html" >"$tmp/lab-b.body"
  cmp -s "$tmp/pall.body" "$tmp/lab-b.body" || fail "--pictures all differs from the default on 6 domains"
  grep -q '<footer>.*Size budget: step pictures up to 1024 KiB, .*past 100 domains, the page holds 5 KiB a domain (step pictures at most a fifth of it and 256 KiB).*keeps its first 24 events (0 here;' "$tmp/lab-b.html" ||
    fail "the report does not state its size budget"
  grep -q '<footer>.*Size budget: every step picture' "$tmp/pall.html" || fail "--pictures all: budget line"
  grep -q '<template' "$tmp/lab-b.html" && fail "a report of 6 domains stores something inert"
  grep -q 'Step pictures for' "$tmp/lab-b.html" && fail "a note about left-out pictures when none were"
  "$bin" report -q --pictures many -o "$tmp/px.html" samples/lab-b 2>/dev/null
  [ $? -eq 2 ] || fail "--pictures many is not a usage error"
  "$bin" predict -q --pictures 1 samples/lab-b >/dev/null 2>&1
  [ $? -eq 2 ] || fail "predict accepts --pictures"

  # command line
  "$bin" report samples/lab-b >/dev/null 2>&1
  [ $? -eq 2 ] || fail "report without -o is not a usage error"
  "$bin" help report | grep -q 'usage: tunnelcast report' || fail "help report"
  "$bin" report -q -o "$tmp/no/such/dir/r.html" samples/lab-b 2>/dev/null
  [ $? -eq 4 ] || fail "unwritable report path does not exit 4"
  "$bin" report -q -o - samples/lab-a | grep -q '</html>' || fail "report -o - does not write to stdout"
  # the budget past 100 domains: templates hold what they replace (a long timeline's events,
  # all of them or its first 24 and a line naming explain; the pictures), pictures stop at a
  # fifth of the page's budget (problem domains first), the page stays under 5 KiB a domain
  if [ -n "$big" ]; then
    /usr/bin/python3 - "$big" <<'PY' >"$tmp/cut" || fail "the folded report of 120 domains (above)"
import re, sys
page = open(sys.argv[1], encoding="utf-8").read()
bad, cut = [], []
blocks = re.findall(r'<details id="d(\d+)">(.*?)</details>', page, re.S)
if len(blocks) != 120:
    bad.append("%d domain blocks, expected 120" % len(blocks))
svg = ndrawn = 0
problem_undrawn = False
for num, b in blocks:
    nev = int(re.search(r"sends first \((\d+)\)", b).group(1))
    parts = re.findall(r'<template class="z">(.*?)</template>', b, re.S)
    rest = re.sub(r'<template class="z">.*?</template>', "", b, flags=re.S)
    events = [x for x in parts if x.startswith('<ol class="timeline">')]
    figs = [x for x in parts if x.startswith("<figure>")]
    if len(events) + len(figs) != len(parts) or len(events) > 1 or len(figs) > 1:
        bad.append("d%s: templates other than one list of events and one of pictures" % num)
    if (nev > 24) != bool(events):
        bad.append("d%s: %d events, stored inert: %s (past 24)" % (num, nev, bool(events)))
    if events:
        n = len(re.findall(r'<li value="\d+"', events[0]))
        left = ("Events 25 to %d left out (the page's size budget): <code>tunnelcast explain "
                "SNAPSHOT %s</code> tells them all." % (nev, num))
        if n == 24 and left in events[0]:
            cut.append((num, nev))
        elif n != nev or "left out" in events[0]:
            bad.append("d%s: the stored list has %d of %d events" % (num, n, nev))
    if "<li value=" in rest and (events or rest.count("<li value=") != nev):
        bad.append("d%s: the inline list lacks events or doubles the stored one" % num)
    if bool(parts) != ('class="sub fold"' in rest):
        bad.append("d%s: stored parts and the note disagree" % num)
    if events and "tunnelcast explain SNAPSHOT %s</code> tells them." % num not in rest:
        bad.append("d%s: the note does not name explain" % num)
    if "<figure>" in rest:
        bad.append("d%s: pictures rendered in a report of 120 domains" % num)
    stable = re.search(r'<summary>.*?badge (stable|standby)', b) is not None
    if figs:
        ndrawn += 1
        svg += sum(len(f.encode("utf-8")) for f in figs)
        if stable and problem_undrawn:
            bad.append("d%s: a stable domain drawn while a problem domain is not" % num)
    elif not stable:
        problem_undrawn = True
if not 0 < svg <= 120 * 1024 and ndrawn != 1:
    bad.append("%d bytes of step pictures, budget 120 KiB (a fifth of 5 KiB a domain)" % svg)
if len(page.encode("utf-8")) > 5 * 1024 * 120:
    bad.append("the page is %d bytes, over 5 KiB a domain" % len(page.encode("utf-8")))
if not cut:
    bad.append("no timeline cut: this shape passes the budget without")
if "keeps its first 24 events (%d here;" % len(cut) not in page:
    bad.append("the footer does not count the %d timelines cut" % len(cut))
if "Step pictures for " not in page or "are stored inert" not in page:
    bad.append("the page does not say what it left out and stored")
for line in bad:
    print("FAIL:", line, file=sys.stderr)
for num, nev in cut:
    print(num, nev)
sys.exit(1 if bad else 0)
PY
    # pictures drawn with --pictures N, whatever their size, do not count against the budget:
    # the same timelines are cut as with none (5 domains' pictures are ~130 kB, more than
    # the ~90 kB the page has left over with none)
    for k in 0 5; do
      "$bin" report -q --exit-zero --pictures $k -o "$tmp/ov-p$k.html" "$tmp/ov60" || fail "report --pictures $k on 120 domains"
      grep -o "left out (the page's size budget): <code>tunnelcast explain SNAPSHOT [0-9]*" "$tmp/ov-p$k.html" >"$tmp/cut-p$k"
    done
    [ "$(grep -c '<figure>' "$tmp/ov-p5.html")" -gt 10 ] || fail "--pictures 5 drew too few pictures to tell"
    cmp -s "$tmp/cut-p0" "$tmp/cut-p5" || fail "pictures drawn by --pictures 5 changed which timelines are cut"
    # a cut timeline's line names the command that tells all of its events
    while read -r num nev; do
      got=$("$bin" explain -q --exit-zero "$tmp/ov60" "$num" | awk '/^When /{w++} w==1 && /^ +[0-9]+\. /{n++} END{print n+0}')
      [ "$got" -eq "$nev" ] || fail "explain $num tells $got events, the report says $nev"
    done <"$tmp/cut"
    if grep -Eqi '<script[^>]+src=|<link |@import|url\(|<img |<iframe' "$big"; then
      fail "the folded report loads something from outside the file"
    fi
  else
    echo "report.sh: no /usr/bin/python3; the folded report is not checked"
  fi
  [ "$fails" -eq 0 ] && echo "report.sh static: all checks passed"
  exit "$fails"
fi

# browser: skip cleanly where Chromium is not installed
chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium" ]; then
  echo "report.sh: chromium is not installed; skipping the browser check"
  exit 77
fi
run_chromium() { # run_chromium ARGS... (stdout kept, stderr dropped: Chromium logs D-Bus noise)
  timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$tmp/profile" --window-size=1280,2000 "$@" 2>/dev/null
}
url="file://$tmp/lab-b.html"
run_chromium --screenshot="$tmp/shot.png" "$url" >/dev/null
[ -s "$tmp/shot.png" ] || fail "Chromium wrote no screenshot"
if [ -s "$tmp/shot.png" ]; then
  if [ -n "$pngstat" ]; then
    set -- $("$pngstat" "$tmp/shot.png")
    [ "${1:-0}" -eq 1280 ] && [ "${2:-0}" -eq 2000 ] || fail "screenshot is ${1:-?}x${2:-?}, expected 1280x2000"
    # a blank page has 1 colour and no ink; the report has text, badges and a diagram
    [ "${3:-0}" -ge 50 ] || fail "screenshot has only ${3:-0} colours: blank?"
    [ "${4:-0}" -ge 20 ] || fail "screenshot has ${4:-0} per mille of ink: blank?"
  else
    echo "report.sh: no pngstat (zlib missing); checking the PNG signature only"
    [ "$(head -c 4 "$tmp/shot.png" | od -An -c | tr -d ' ')" = "211PNG" ] || fail "screenshot is not a PNG"
  fi
fi
run_chromium --dump-dom "$url" >"$tmp/dom.html"
n=$(grep -o '<tr data-id=' "$tmp/dom.html" | wc -l)
[ "$n" -eq "$ndomains" ] || fail "the browser's DOM holds $n domain rows, expected $ndomains"
grep -q '<h1>tunnelcast report</h1>' "$tmp/dom.html" || fail "the DOM lacks the title"
grep -q '<svg' "$tmp/dom.html" || fail "the DOM lacks the diagram"
# a stored domain unfolds when opened: its address (#dN, as the table links) opens it and the
# page's script clones its stored pictures, or its events (a cut list with its line naming
# explain), into place; the other domains stay stored
if [ -n "$big" ]; then
  /usr/bin/python3 -c '
import re, sys
page = open(sys.argv[1]).read()
pics = evs = None
for num, b in re.findall(r"<details id=\"d(\d+)\">(.*?)</details>", page, re.S):
    t = re.findall(r"<template class=\"z\">(.*?)</template>", b, re.S)
    if not pics and any(x.startswith("<figure>") for x in t):
        pics = "%s pictures %d" % (num, len(re.findall("<figure>", b)))
    if (not evs or "left out" not in evs[1]) and any(x.startswith("<ol") for x in t):
        ev = [x for x in t if x.startswith("<ol")][0]
        evs = (num, ev)
print(pics)
print("%s events %d %s" % (evs[0], len(re.findall("<li value=", evs[1])), int("left out" in evs[1])))' "$big" >"$tmp/open"
  while read -r num what count cut; do
    run_chromium --dump-dom "file://$big#d$num" >"$tmp/bigdom.html"
    /usr/bin/python3 - "$tmp/bigdom.html" "$num" "$what" "$count" "${cut:-0}" <<'PY' || fail "stored $what of d$num did not unfold in the browser"
import re, sys
dom, num, what, count, cut = sys.argv[1:]
dom = open(dom).read()
b = re.search(r'<details id="d%s" open="">(.*?)</details>' % num, dom, re.S)
b = b.group(1) if b else ""
n = len(re.findall("<figure>" if what == "pictures" else r'<li value="\d+"', b))
ok = n == int(count) and "<template" not in b and 'class="sub fold"' not in b
if cut == "1":
    ok = ok and "left out (the page's size budget)" in b
other = re.search(r'<details id="d(?!%s")\d+">(?:(?!</details>).)*<template class="z">' % num, dom, re.S)
sys.exit(0 if ok and other else 1)
PY
  done <"$tmp/open"
  [ "$(wc -l <"$tmp/open")" -eq 2 ] || fail "the big report lacks stored pictures or events"
fi
[ "$fails" -eq 0 ] && echo "report.sh browser: all checks passed"
exit "$fails"
