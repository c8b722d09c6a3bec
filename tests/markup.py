#!/usr/bin/env python3
# markup.py: names that are markup or terminal tricks, through every command and format.
#
# A copy of lab-a whose hostnames, crypto map, ACL and interface names, nameif and descriptions
# carry XML entities (&bogus; &#0;), U+FFFE/U+FFFF, C1 controls (CSI U+009B), bidi overrides
# and isolates, U+2028/U+2029, Markdown link, image, mention, issue and autolink syntax,
# backticks, pipes, bytes of ill-formed UTF-8 and a trailing backslash. Every output must stay
# well-formed for its format (SVG and JUnit parse as XML, DOT re-parses with `dot -Tcanon`,
# JSON parses), show no unsafe character as it is (text: '?', JSON: \uXXXX), and the Markdown
# of `diff` must carry no link, image, mention, issue reference or autolink from a config.
# usage: markup.py BIN   (run from the source tree; stdlib only)
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

BIN = sys.argv[1]
FAILS = []

# Names (bytes: some are not UTF-8). Hostnames are single words, so are map and ACL names.
HOST2 = b"R2&bogus;&#0;\xef\xbf\xbe\xef\xbf\xbf\xc2\x9b[2J\xe2\x80\xae\xe2\x81\xa6\xe2\x80\xa8\xe2\x80\xa9\\"
HOST3 = b"R3[x](http://e.example)![i](y)@user#123<http://e.example>`|*~\xff"
MAP = b"M&bogus;&#0;\xc2\x9b\xe2\x80\xae\xe2\x81\xa9\xef\xbf\xbf[a](b)@u#1`\\"
ACL = b"A&#0;\xc2\x85![i](y)`|<http://x>@a#7\xfe\\"
ACL_UNDEFINED = b"N[z](w)@v#9\xe2\x80\xad<https://n.example>\\"
ASA_MAP = b"O&bogus;\xe2\x80\xa8[o](p)@m#2\xef\xbf\xbe\\"
NAMEIF = b"out&x;\xc2\x9b\xe2\x81\xa7"
IFNAME = b"GigabitEthernet0/1&bogus;\xe2\x80\xae\\"
DESCR = b"to R6 " + HOST2 + b" " + HOST3 + b" " + ACL
# R2's hostname as the outputs show it: each unsafe character's bytes are '?' (tc_text_clean)
HOST2_SHOWN = "R2&bogus;&#0;" + "?" * 8 + "[2J" + "?" * 12 + "\\"

UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufffe\uffff]")


def fail(msg):
    FAILS.append(msg)
    print("FAIL: " + msg, file=sys.stderr)


def make_snapshot(root, undefined_acl):
    """lab-a with the names above; undefined_acl: R2's entry matches an ACL never defined."""
    conf = os.path.join(root, "configs")
    os.makedirs(conf)
    for f in os.listdir("samples/lab-a/configs"):
        with open(os.path.join("samples/lab-a/configs", f), "rb") as fh:
            b = fh.read()
        if f == "r2.cfg":
            b = b.replace(b"hostname R2", b"hostname " + HOST2)
            b = b.replace(b"match address VPN-ACL", b"match address " + (ACL_UNDEFINED if undefined_acl else ACL))
            b = b.replace(b"VPN-ACL", ACL)
            b = b.replace(b"GigabitEthernet0/1", IFNAME)
        if f == "r3.cfg":
            b = b.replace(b"hostname R3", b"hostname " + HOST3)
        if f in ("r2.cfg", "r3.cfg"):
            b = b.replace(b"CMAP", MAP).replace(b"description to R6", b"description " + DESCR)
        if f == "asa.cfg":
            b = re.sub(rb"\boutside\b", NAMEIF, b.replace(b"OUTSIDE_MAP", ASA_MAP))
        with open(os.path.join(conf, f), "wb") as fh:
            fh.write(b)


def run(what, args, ok=(0, 1)):
    p = subprocess.run([BIN] + args, capture_output=True)
    if p.returncode not in ok:
        fail("%s: exit %d: %s" % (what, p.returncode, p.stderr[:500]))
    check_text(what + " (stderr)", p.stderr)
    return p.stdout


def check_text(what, data):
    """Well-formed UTF-8 without an unsafe character (tab and newline allowed)."""
    try:
        s = data.decode("utf-8")
    except UnicodeDecodeError as e:
        fail("%s: not UTF-8: %s" % (what, e))
        return ""
    m = UNSAFE.search(s)
    if m:
        fail("%s: unsafe character U+%04X shown as it is: %r" % (what, ord(m.group()), s[max(0, m.start() - 30) : m.end() + 10]))
    return s


def check_json(what, data):
    check_text(what, data)
    try:
        json.loads(data)
    except ValueError as e:
        fail("%s: not JSON: %s" % (what, e))


def check_xml(what, data):
    check_text(what, data)
    try:
        return ET.fromstring(data)
    except ET.ParseError as e:
        fail("%s: not well-formed XML: %s" % (what, e))
    return None


def check_svg(what, data):
    root = check_xml(what, data)
    if root is None:
        return
    titles = [t.text for t in root.iter("{http://www.w3.org/2000/svg}title")]
    if HOST2_SHOWN not in titles:
        fail("%s: no node titled %r (the hostname as shown): %r" % (what, HOST2_SHOWN, titles))
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    if HOST2_SHOWN not in texts:
        fail("%s: the hostname is not shown as %r" % (what, HOST2_SHOWN))


def check_dot(what, data):
    check_text(what, data)
    p = subprocess.run(["dot", "-Tcanon"], input=data, capture_output=True)
    if p.returncode != 0 or p.stderr:
        fail("%s: dot -Tcanon: exit %d: %s" % (what, p.returncode, p.stderr[:300]))
    p = subprocess.run(["dot", "-Tsvg"], input=data, capture_output=True)
    check_svg(what + " laid out by dot", p.stdout)


def check_markdown(what, data):
    s = check_text(what, data)
    # code spans: no markup works inside them
    prose = re.sub(r"(`+)(.+?)\1", "", s)
    for bad, why in (
        (r"(?<!\\)\]\(", "a link or image"),
        (r"(?<!\\)!\[", "an image"),
        (r"(?<!\\)\[", "link text"),
        (r"<https?:", "an autolink"),
        (r"https?://", "a bare URL"),
        (r"@[A-Za-z0-9]", "a mention"),
        (r"(?<!&)#[0-9]", "an issue reference"),
        (r"(?<!\\)`", "a stray backtick"),
    ):
        m = re.search(bad, prose)
        if m:
            fail("%s: %s from a config: %r" % (what, why, prose[max(0, m.start() - 30) : m.end() + 10]))
    for line in s.splitlines():
        if line.startswith("| ") and len(re.findall(r"(?<!\\)\|", line)) != 9:
            fail("%s: a table row has not 8 cells: %r" % (what, line))
    if "\ufffd" not in s:
        fail("%s: ill-formed UTF-8 is not shown as U+FFFD" % what)


def main():
    tmp = tempfile.mkdtemp()
    try:
        snap, snap2 = os.path.join(tmp, "h"), os.path.join(tmp, "h2")
        make_snapshot(snap, False)
        make_snapshot(snap2, True)
        out = check_text("predict", run("predict", ["predict", snap]))
        if not re.search(r"\?\[2J", out):
            fail("predict: R2's hostname is not in the table")
        check_json("predict -f json", run("predict json", ["predict", "-q", "-f", "json", snap]))
        for d in ("1", "2", "3"):
            check_text("explain " + d, run("explain " + d, ["explain", "-q", snap, d]))
        check_text("parse", run("parse", ["parse", "-q", snap]))
        check_json("parse -f json", run("parse json", ["parse", "-q", "-f", "json", snap]))
        check_text("routes", run("routes", ["routes", "-q", snap]))
        check_json("routes -f json", run("routes json", ["routes", "-q", "-f", "json", snap]))
        for s in (snap, snap2):
            name = os.path.basename(s)
            check_text("lint " + name, run("lint", ["lint", "-q", s]))
            check_json("lint -f json " + name, run("lint json", ["lint", "-q", "-f", "json", s]))
            check_json("lint -f sarif " + name, run("lint sarif", ["lint", "-q", "-f", "sarif", s]))
            check_xml("lint -f junit " + name, run("lint junit", ["lint", "-q", "-f", "junit", s]))
        for b, a in ((snap, snap2), (snap2, snap)):
            check_text("diff", run("diff", ["diff", "-q", b, a]))
            check_json("diff -f json", run("diff json", ["diff", "-q", "-f", "json", b, a]))
            check_markdown("diff -f markdown", run("diff markdown", ["diff", "-q", "-f", "markdown", b, a]))
        for fmt in ("dot", "svg"):
            path = os.path.join(tmp, "d." + fmt)
            run("diagram " + fmt, ["diagram", "-q", "-o", path, snap])
            with open(path, "rb") as fh:
                (check_dot if fmt == "dot" else check_svg)("diagram " + fmt, fh.read())
        # step pictures: captions carry the domain's ID (hostname, map name) and its events
        steps = os.path.join(tmp, "steps")
        os.makedirs(steps)
        run("diagram --steps", ["diagram", "-q", "--domain", "2", "--steps", "-o", os.path.join(steps, "s.dot"), snap])
        for f in sorted(os.listdir(steps)):
            with open(os.path.join(steps, f), "rb") as fh:
                check_dot("diagram --steps " + f, fh.read())
        path = os.path.join(tmp, "r.html")
        run("report", ["report", "-q", "-o", path, snap])
        with open(path, "rb") as fh:
            html = fh.read()
        check_text("report", html)
        for raw in (b"&bogus;", b"&#0;", b"<http"):
            if raw in html:
                fail("report: %r from a config is in the HTML as it is" % raw)
    finally:
        shutil.rmtree(tmp)
    if FAILS:
        print("markup.py: %d checks failed" % len(FAILS), file=sys.stderr)
        return 1
    print("markup.py: all checks passed")
    return 0


sys.exit(main())
