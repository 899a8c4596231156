#!/usr/bin/env python3
"""Benchmark of `git mentor check` against the floor of diffing and parsing.

Builds (once, cached) a deterministic repository of N commits made from real source files on
any Debian machine -- the Python standard library and the JavaScript in the grammar cache --
then, in one run, times interleaved repetitions of:
  floor/diff    libgit2 diff of every commit (bench_floor ... diff)
  floor/parse   diff + tree-sitter parse of every changed file (bench_floor ... parse)
  check         `git-mentor check` end to end, full starter pack, JSON to /dev/null
  check/5 rules the same with five of the bundled rules (3 Python, 2 JavaScript): the cost of a
                full pack against a handful (rules compile once; all rules of a language run
                over one parse of each file)
and prints medians, the check/floor ratio, commits/s and check's peak RSS.

  tests/bench/run_benchmark.py [--build build] [--commits 2000] [--runs 5] [--jobs N]
"""
import argparse
import glob
import os
import shutil
import random
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


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


def run(argv):
    """Wall seconds, stdout and peak RSS (KiB) of one run of argv."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if proc.returncode not in (0, 1):
            sys.exit("run_benchmark: %s failed (%d): %s" % (argv[0], proc.returncode, err.read().decode()[-500:]))
        return elapsed, out.read(), usage.ru_maxrss


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", default=os.path.join(ROOT, "build"))
    parser.add_argument("--commits", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--repo", default=None, help="where to keep the generated repository")
    args = parser.parse_args()

    repo = args.repo or os.path.join(tempfile.gettempdir(), "git-mentor-bench-%d.git" % args.commits)
    if not os.path.isdir(repo):
        print("building %s (%d commits)..." % (repo, args.commits), file=sys.stderr)
        tmp = repo + ".tmp"
        subprocess.run(["rm", "-rf", tmp])
        build_repository(tmp, args.commits)
        os.rename(tmp, repo)
    root = subprocess.run(["git", "-C", repo, "rev-list", "--max-parents=0", "HEAD"],
                          capture_output=True, text=True, check=True).stdout.strip()
    rng = root + "..HEAD"
    floor = os.path.join(args.build, "tests", "bench", "bench_floor")
    mentor = os.path.join(args.build, "git-mentor")
    five = tempfile.mkdtemp(prefix="git-mentor-five-rules-")
    picks = sorted(glob.glob(os.path.join(ROOT, "rules", "python", "*.yaml")))[:3] + \
        sorted(glob.glob(os.path.join(ROOT, "rules", "javascript", "*.yaml")))[:2]
    for path in picks:
        shutil.copy(path, five)
    commands = {
        "floor/diff": [floor, repo, "diff", str(args.jobs), rng],
        "floor/parse": [floor, repo, "parse", str(args.jobs), rng],
        "check": [mentor, "-C", repo, "check", "--format", "json", "--fail-on", "never",
                  "--jobs", str(args.jobs), rng],
        "check/5 rules": [mentor, "-C", repo, "check", "--format", "json", "--fail-on", "never",
                          "--jobs", str(args.jobs), "--rules", five, rng],
    }
    times = {name: [] for name in commands}
    rss = []
    findings = 0
    for _ in range(args.runs):  # interleaved, so drift on a shared machine hits all alike
        for name, argv in commands.items():
            elapsed, out, maxrss = run(argv)
            if name == "check":
                rss.append(maxrss)
                findings = out.count(b'"fingerprint"')
            times[name].append(elapsed)
    med = {name: statistics.median(values) for name, values in times.items()}
    print("git-mentor benchmark: %d commits, %d jobs, %d runs (medians)" % (args.commits, args.jobs, args.runs))
    for name in commands:
        print("  %-14s %8.3f s   (min %.3f, max %.3f)" % (name, med[name], min(times[name]), max(times[name])))
    print("  check / floor(diff+parse): %.2fx   check / floor(diff): %.2fx" % (
        med["check"] / med["floor/parse"], med["check"] / med["floor/diff"]))
    print("  check: %.0f commits/s, %d findings, peak RSS %.1f MiB" % (
        args.commits / med["check"], findings, statistics.median(rss) / 1024))
    print("  full pack (%d rules) / 5 rules: %.2fx (aim: 1.5x or less)" % (
        len(glob.glob(os.path.join(ROOT, "rules", "*", "*.yaml"))), med["check"] / med["check/5 rules"]))
    shutil.rmtree(five)


if __name__ == "__main__":
    main()
