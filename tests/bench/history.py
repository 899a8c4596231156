"""Deterministic git histories for the benchmarks, written with `git fast-import`.

build_repository is the N-commit history run_benchmark.py's published figures come from: the
same arguments give the same repository (byte for byte) as before it moved here.

Text comes from real source any Debian machine has: the Python standard library under
/usr/lib/python3* and the JavaScript in git-mentor's grammar cache.
"""
import glob
import os
import random
import subprocess
import sys
import tarfile

def source_files():
    """Real source texts, sorted so the repository is the same on every run."""
    files = []
    pylibs = sorted(glob.glob("/usr/lib/python3*/"))
    if pylibs:
        base = pylibs[-1]
        for path in sorted(glob.glob(base + "**/*.py", recursive=True)):
            if "/site-packages/" in path or "/dist-packages/" in path:
                continue
            try:
                if os.path.getsize(path) > 200_000:
                    continue
                with open(path, "rb") as f:
                    files.append(("lib/" + os.path.relpath(path, base), f.read()))
            except OSError:
                continue
    cache = os.environ.get("GIT_MENTOR_GRAMMAR_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "git-mentor", "grammars")
    for tgz in sorted(glob.glob(os.path.join(cache, "*.tgz"))):
        with tarfile.open(tgz) as tar:
            for member in sorted(tar.getmembers(), key=lambda m: m.name):
                if member.isfile() and member.name.endswith(".js") and member.size < 200_000:
                    data = tar.extractfile(member).read()
                    files.append(("web/" + os.path.basename(tgz)[:-4] + "/" + member.name, data))
    if not files:
        sys.exit("run_benchmark: no source files found (no /usr/lib/python3*)")
    return files


def build_repository(path, commits):
    """A repository of `commits` commits after an empty root, through git fast-import."""
    rng = random.Random(2026)
    pool = source_files()
    tracked = {}  # path -> list of lines
    out = []

    def data(payload):
        return b"data %d\n%s\n" % (len(payload), payload)

    def commit(mark, when, message, ops):
        out.append(b"commit refs/heads/main\nmark :%d\n" % mark)
        out.append(b"author Mentee Example <mentee@example.com> %d +0000\n" % when)
        out.append(b"committer Mentee Example <mentee@example.com> %d +0000\n" % when)
        out.append(data(message.encode()))
        if mark > 1:
            out.append(b"from :%d\n" % (mark - 1))
        out.extend(ops)

    when = 1_700_000_000
    commit(1, when, "root", [])
    next_source = 0
    for i in range(commits):
        ops = []
        touched = rng.randint(1, 4)
        for _ in range(touched):
            action = rng.random()
            if not tracked or (action < 0.35 and next_source < len(pool)):
                name, text = pool[next_source % len(pool)]
                next_source += 1
                if name in tracked:
                    continue
                tracked[name] = text.splitlines(keepends=True)
                target = name
            elif action < 0.42 and len(tracked) > 1:
                old = rng.choice(sorted(tracked))
                new = old.rsplit("/", 1)[0] + "/renamed_%d_" % i + old.rsplit("/", 1)[-1]
                tracked[new] = tracked.pop(old)
                ops.append(b'R "%s" "%s"\n' % (old.encode(), new.encode()))
                target = new
                lines = tracked[target]
                if lines:
                    at = rng.randrange(len(lines))
                    lines[at:at] = [b"# touched in commit %d\n" % i]
            else:
                target = rng.choice(sorted(tracked))
                lines = tracked[target]
                _, donor = pool[rng.randrange(len(pool))]
                donor_lines = donor.splitlines(keepends=True)
                if donor_lines:
                    start = rng.randrange(len(donor_lines))
                    chunk = donor_lines[start:start + rng.randint(3, 30)]
                    at = rng.randrange(len(lines) + 1) if lines else 0
                    lines[at:at] = chunk
                if len(lines) > 40 and rng.random() < 0.3:
                    cut = rng.randrange(len(lines) - 10)
                    del lines[cut:cut + rng.randint(1, 8)]
            ops.append(b'M 100644 inline "%s"\n' % target.encode())
            ops.append(data(b"".join(tracked[target])))
        when += 600
        commit(i + 2, when, "change %d" % i, ops)
    subprocess.run(["git", "init", "-q", "--bare", path], check=True)
    subprocess.run(["git", "-C", path, "fast-import", "--quiet"], input=b"".join(out), check=True)
    subprocess.run(["git", "-C", path, "symbolic-ref", "HEAD", "refs/heads/main"], check=True)
