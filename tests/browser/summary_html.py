#!/usr/bin/env python3
"""The HTML summary in a real headless browser (Debian's chromium).

Builds a repository with two mentees (one of them with hostile names and code), records it with
`git mentor check --record`, gives verdicts with `git mentor review` (one note hostile too), sets
a goal, records a practice attempt, writes `git mentor summary --format html`, then has chromium:
  - render it and dump the DOM: the charts' SVG elements must be there, and no element that the
    repository's content tried to inject (<script>, <img>);
  - take a screenshot: it must show the charts, i.e. enough pixels of the lines' colours.
Fails when chromium cannot be found or installed (scripts/install-deps.sh --browser), or when
the page does not render.

  tests/browser/summary_html.py --mentor build/git-mentor [--screenshot docs/images/summary.png]
"""
import argparse
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
JAN1 = 1704067200  # 2024-01-01T00:00:00Z

RULES = """id: no-print
language: python
severity: warning
message: "print($$$ARGS) left in"
skill: readability
rule: { pattern: print($$$ARGS) }
---
id: py-eval
language: python
severity: warning
message: "eval($$$ARGS) runs any code"
skill: security
rule: { pattern: eval($$$ARGS) }
---
id: py-pass
language: python
severity: warning
message: "an empty block hides what went wrong"
skill: error-handling
rule: { kind: pass_statement }
---
id: js-loose-equality
language: javascript
severity: warning
message: "$A == $B converts types; use ==="
skill: correctness
rule: { pattern: $A == $B }
---
id: no-console-log
language: javascript
severity: warning
message: console.log left in
skill: readability
rule: { pattern: console.log($$$ARGS) }
"""

HOSTILE_NAME = 'Zed "q" `whoami` | *bold* & co'
HOSTILE_CODE = ('print("<script>document.title=\'pwned\'</script><img src=x onerror='
                '\\"document.body.setAttribute(\'data-pwned\',\'1\')\\">", "`x` | y")\n')
HOSTILE_NOTE = ("<script>document.title='pwned'</script><img src=x "
                "onerror=\"document.body.setAttribute('data-pwned','1')\">\n| a | b |")
# The first two colours of the chart's palette (src/summary/chart.cpp).
LINE_COLOURS = [(0x00, 0x72, 0xb2), (0xd5, 0x5e, 0x00)]


def fail(message):
    sys.exit("summary_html: FAILED: " + message)


def run(argv, cwd=None, stdin=None, env=None):
    proc = subprocess.run(argv, cwd=cwd, input=stdin, capture_output=True, env=env)
    if proc.returncode != 0:
        fail("%s exited %d: %s" % (" ".join(argv), proc.returncode,
                                   proc.stderr.decode(errors="replace")[-2000:]))
    return proc.stdout


def find_chromium(install):
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    if install:
        print("summary_html: installing chromium (scripts/install-deps.sh --browser)", flush=True)
        subprocess.run([os.path.join(ROOT, "scripts", "install-deps.sh"), "--browser"])
        return find_chromium(False)
    fail("no chromium, and scripts/install-deps.sh --browser could not install it")


def mentee_history():
    """(name, email, day, {path: content}) per commit: Ada over three months, then Zed."""
    commits = []
    py, js = "", ""
    for i in range(48):
        day = 2 * i
        py += "\ndef f%d(items):\n" % i
        if i < 24 and i % 2 == 0 or i in (30, 33):
            py += "    try:\n        return items[%d]\n    except IndexError:\n        pass\n" % i
        if i % 3 == 0 and i < 36 or i in (40,):
            py += "    print(items)\n"
        if 10 <= i <= 22 and i % 4 == 2:
            py += "    return eval(\"%d + 1\")\n" % i
        py += "    return %d\n" % i
        files = {"app/core.py": py}
        if i % 3 == 1:
            js += "export function g%d(a) {\n" % i
            if i >= 24 and i % 2 == 0 or i in (13, 31, 37, 43):
                js += "  if (a == %d) return 0;\n" % i
            if i < 12:
                js += "  console.log(a);\n"
            js += "  return a;\n}\n"
            files["web/app.js"] = js
        commits.append(("Ada Mentee", "ada@example.com", day, files))
    zed = ""
    for i in range(6):
        zed += HOSTILE_CODE if i in (1, 4) else "z%d = %d\n" % (i, i)
        commits.append((HOSTILE_NAME, "zed@example.com", 10 + 12 * i, {"zed.py": zed}))
    return commits


def make_repository(path, mentor):
    run(["git", "init", "-q", "-b", "main", path])
    run(["git", "-C", path, "config", "user.name", "Mentor One"])
    run(["git", "-C", path, "config", "user.email", "mentor@example.com"])
    commits = sorted(mentee_history(), key=lambda c: c[2])
    stream = []
    base = "commit refs/heads/main\ncommitter Base <base@example.com> %d +0000\ndata 5\nbase\n" \
           "M 100644 inline README\ndata 5\nbase\n\n" % JAN1
    stream.append(base)
    for n, (name, email, day, files) in enumerate(commits):
        when = "%d +0000" % (JAN1 + day * 86400 + 36000 + n)
        message = "change %d\n" % n
        stream.append("commit refs/heads/main\nauthor %s <%s> %s\ncommitter %s <%s> %s\n"
                      "data %d\n%s" % (name, email, when, name, email, when, len(message), message))
        for file, content in files.items():
            data = content.encode()
            stream.append("M 100644 inline %s\ndata %d\n%s\n" % (file, len(data), content))
    run(["git", "-C", path, "fast-import", "--quiet"], stdin="".join(stream).encode())
    run(["git", "-C", path, "reset", "-q", "--hard", "main"])
    rules = os.path.join(os.path.dirname(path), "rules.yaml")
    with open(rules, "w") as f:
        f.write(RULES)
    base_id = run(["git", "-C", path, "rev-list", "--max-parents=0", "HEAD"]).decode().strip()
    rng = base_id + "..HEAD"
    proc = subprocess.run([mentor, "-C", path, "check", "--record", "-q", "--rules", rules, rng],
                          capture_output=True)
    if proc.returncode not in (0, 1):
        fail("check --record: " + proc.stderr.decode(errors="replace"))
    # Verdicts: most eval() findings dismissed (so the rule is flagged), some confirmed.
    run([mentor, "-C", path, "review", "start", "--rules", rules, rng])
    listed = json.loads(run([mentor, "-C", path, "review", "list", "--format", "json"]))
    by_rule = {}
    for f in listed["findings"]:
        by_rule.setdefault(f["rule"], []).append(f)
    verdicts = []
    for k, f in enumerate(by_rule.get("py-eval", [])):
        verdicts.append(("dismiss" if k < 3 else "confirm", f, "eval of a constant: fine here"))
    for f in by_rule.get("py-pass", [])[:4]:
        verdicts.append(("confirm", f, "log the error, or let it propagate"))
    zed = [f for f in by_rule.get("no-print", []) if f["author"].startswith("Zed")]
    if len(zed) != 2 or len(by_rule.get("py-eval", [])) < 4:
        fail("unexpected findings: %s" % {r: len(v) for r, v in by_rule.items()})
    verdicts.append(("dismiss", zed[0], HOSTILE_NOTE))
    for verdict, f, note in verdicts:
        run([mentor, "-C", path, "review", verdict, f["review_id"], "--note", note])
    run([mentor, "-C", path, "review", "close"])
    # The rules configured (uncommitted, as a mentor tries them), and a goal for Ada: error
    # handling over her first 12 relevant commits, missed by the confirmed `except: pass`.
    os.makedirs(os.path.join(path, ".mentor"))
    shutil.copyfile(rules, os.path.join(path, ".mentor", "rules.yaml"))
    with open(os.path.join(path, ".git-mentor.yaml"), "w") as f:
        f.write("rules: [.mentor/rules.yaml]\n")
    until = time.strftime("%Y-%m-%d", time.gmtime(time.time() + 30 * 86400))
    run([mentor, "-C", path, "goal", "add", "--mentee", "ada@example.com", "--skill",
         "error-handling", "--from", "2024-01-01", "--within", "12", "--until", until,
         "--note", "no silent except"])
    # Ada practises her recurring `except: pass` once, and checks the exercise untouched: a failed
    # attempt in the record.
    run([mentor, "-C", path, "practice", "--mentee", "ada@example.com", "--skill",
         "error-handling"])
    proc = subprocess.run([mentor, "-C", path, "practice", "check"], capture_output=True)
    if proc.returncode != 1:
        fail("practice check of an untouched exercise exited %d: %s" % (
            proc.returncode, proc.stderr.decode(errors="replace")))


def read_png(path):
    """(width, height, rows of RGBA tuples): 8-bit RGB/RGBA, non-interlaced, as chromium writes."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        fail("%s is not a PNG" % path)
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or colour not in (2, 6) or interlace != 0:
        fail("unexpected PNG format: depth %d, colour type %d" % (depth, colour))
    channels = 4 if colour == 6 else 3
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, previous = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for x in range(stride):
            a = line[x - channels] if x >= channels else 0
            b = previous[x]
            c = previous[x - channels] if x >= channels else 0
            if kind == 1:
                line[x] = (line[x] + a) & 0xFF
            elif kind == 2:
                line[x] = (line[x] + b) & 0xFF
            elif kind == 3:
                line[x] = (line[x] + (a + b) // 2) & 0xFF
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[x] = (line[x] + pred) & 0xFF
        rows.append(bytes(line))
        previous = line
    return width, height, channels, rows


def chromium_argv(chromium, profile):
    return [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
            "--no-first-run", "--disable-extensions", "--user-data-dir=" + profile]


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mentor", required=True, help="the git-mentor binary")
    parser.add_argument("--screenshot", help="also copy the screenshot here")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args()
    chromium = find_chromium(True)
    tmp = tempfile.mkdtemp(prefix="git-mentor-browser-")
    try:
        repo = os.path.join(tmp, "repo")
        make_repository(repo, os.path.abspath(args.mentor))
        html = run([args.mentor, "-C", repo, "summary", "--format", "html"]).decode()
        page = os.path.join(tmp, "summary.html")
        with open(page, "w") as f:
            f.write(html)
        for needle in ("<svg ", "&lt;script&gt;document.title=&#39;pwned&#39;"):
            if needle not in html:
                fail("the HTML lacks %r" % needle)

        # 1. The DOM after rendering.
        dom = run(chromium_argv(chromium, os.path.join(tmp, "profile")) +
                  ["--dump-dom", "file://" + page]).decode()
        checks = {
            "two charts": dom.count('<svg xmlns="http://www.w3.org/2000/svg" class="chart"') == 2,
            "lines": dom.count("<polyline ") >= 5,
            # Ada: 4 skills, 12 points; Zed: 6. Markers alternate circles and squares.
            "points": dom.count("<circle ") + dom.count('width="8" height="8"') == 4 * 12 + 6,
            "lines apart": len(set(re.findall(r'<polyline [^>]*points="([^"]*)"', dom))) ==
                           dom.count("<polyline "),
            "rule rows link to their findings": all(
                'id="%s"' % target in dom
                for target in re.findall(r'<a href="#([^"]+)">', dom)) and
                'href="#m1-r1"' in dom,
            "legend": all('data-skill="%s"' % s in dom
                          for s in ("error-handling", "readability", "security", "correctness")),
            "tables": dom.count('<table class="rules">') == 2,
            "rule health": '<tr class="flagged"><td><code>py-eval</code>' in dom,
            "goals": '<section id="goals">' in dom and "ada@example.com" in dom and
                     "missed" in dom,
            "lessons": '<section id="lessons">' in dom and '<table class="lessons">' in dom,
            "mentors": '<section id="mentors">' in dom and "Mentor One" in dom,
            "practice": '<section id="practice">' in dom,
            "title intact": "<title>git-mentor summary</title>" in dom,
            "no injected script": "<script" not in dom,
            "no injected img": "<img" not in dom,
            "no injected attribute": "data-pwned=" not in dom,
            "hostile note shown as text":
                "&lt;script&gt;document.title='pwned'&lt;/script&gt;&lt;img src=x" in dom,
            "hostile name shown as text": "Zed \"q\" `whoami` | *bold* &amp; co" in dom,
        }
        failed = [name for name, ok in checks.items() if not ok]
        if failed:
            with open(os.path.join(tmp, "dom.html"), "w") as f:
                f.write(dom)
            args.keep = True
            fail("after rendering: %s (DOM in %s)" % (", ".join(failed), tmp))

        # 2. What the page looks like.
        shot = os.path.join(tmp, "summary.png")
        run(chromium_argv(chromium, os.path.join(tmp, "profile")) +
            ["--screenshot=" + shot, "--window-size=1100,1300", "file://" + page])
        width, height, channels, rows = read_png(shot)
        if (width, height) != (1100, 1300):
            fail("screenshot is %dx%d" % (width, height))
        colours = {c: 0 for c in LINE_COLOURS}
        ink = 0
        for row in rows:
            for x in range(0, len(row), channels):
                rgb = (row[x], row[x + 1], row[x + 2])
                if rgb in colours:
                    colours[rgb] += 1
                if rgb != (255, 255, 255):
                    ink += 1
        print("summary_html: screenshot %dx%d, %.1f%% ink, line colours: %s" % (
            width, height, 100.0 * ink / (width * height),
            ", ".join("#%02x%02x%02x: %d px" % (c + (n,)) for c, n in colours.items())))
        if ink < width * height // 50:
            fail("the screenshot is (nearly) blank")
        for colour, n in colours.items():
            if n < 150:  # a legend swatch alone is 196 pixels; lines add more
                fail("the chart's colour #%02x%02x%02x shows on %d pixels only" % (colour + (n,)))
        if args.screenshot:
            shutil.copyfile(shot, args.screenshot)
        print("summary_html: 1 passed, 0 failed")
    finally:
        if args.keep:
            print("summary_html: kept " + tmp)
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
