#!/usr/bin/env python3
"""Cost of the record: `check --record` over N commits, then `git mentor log` reading it back.

Builds a repository of N commits (default 1000) with git fast-import: each commit adds a few
lines of Python to one of 20 files, one in three with a finding of the bundled rules. Then
times, as whole processes, medians of repeated runs:
  record          check --record over the whole history (first run: writes every note)
  record again    the same (everything already there: no notes commit)
  check           check over the same history without --record (the review alone)
  log             git mentor log over the whole history
  log --json      the same, as JSON
  git log         git log --notes=mentor --oneline (git reading the same notes), for scale
  review start    a mentor's session over the whole history (all recorded: no rule runs)
  review list     the session's findings with their verdicts
  review confirm  one verdict stored
  review close    the session closed

  tests/bench/record_bench.py [--build build] [--commits 1000] [--runs 10]
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def make_repository(path, commits, authors=None):
    """`authors` ("Name <email>", default the committer alone) write the commits in turn."""
    subprocess.run(["git", "init", "-q", "-b", "main", path], check=True)
    files = {}
    stream = []
    for i in range(commits):
        name = "pkg/m%02d.py" % (i % 20)
        body = files.get(name, "")
        if i % 3 == 0:
            body += "\ndef f%d(items=[]):\n    try:\n        return items[0]\n    except:\n        return None\n" % i
        else:
            body += "\ndef g%d(value):\n    return value * %d\n" % (i, i)
        files[name] = body
        message = "change %d\n" % i
        when = 1704067200 + 60 * i
        author = "author %s %d +0000\n" % (authors[i % len(authors)], when) if authors else ""
        stream.append("commit refs/heads/main\n%scommitter Mentee <mentee@example.com> %d +0000\n"
                      "data %d\n%s" % (author, when, len(message), message))
        data = body.encode()
        stream.append("M 100644 inline %s\ndata %d\n" % (name, len(data)))
        stream.append(data.decode() + "\n")
    subprocess.run(["git", "-C", path, "fast-import", "--quiet"], input="".join(stream).encode(),
                   check=True)
    subprocess.run(["git", "-C", path, "reset", "-q", "--hard", "main"], check=True)


def timed(argv, cwd, env=None):
    start = time.perf_counter()
    proc = subprocess.run(argv, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        sys.exit("record_bench: %s failed: %s" % (argv, proc.stderr.decode()[-400:]))
    return elapsed, proc.stdout


def interleaved_medians(runs, cwd, rounds):
    """Runs each command of `runs` (name -> argv) once per round, in turn, `rounds` times: the
    medians in milliseconds by name, and each command's last output."""
    times = {name: [] for name in runs}
    out = {}
    for _ in range(rounds):
        for name, argv in runs.items():
            elapsed, stdout = timed(argv, cwd)
            times[name].append(elapsed * 1000)
            out[name] = stdout
    return {name: statistics.median(v) for name, v in times.items()}, out


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", default=os.path.join(ROOT, "build"))
    parser.add_argument("--commits", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    mentor = os.path.join(args.build, "git-mentor")
    with tempfile.TemporaryDirectory() as tmp:
        repo = os.path.join(tmp, "repo")
        make_repository(repo, args.commits)
        root = subprocess.run(["git", "-C", repo, "rev-list", "--max-parents=0", "HEAD"],
                              capture_output=True, text=True, check=True).stdout.strip()
        everything = ["^" + root, "HEAD"]
        first, _ = timed([mentor, "check", "--record", "-q", *everything], repo)
        runs = {"record again": [mentor, "check", "--record", "-q", *everything],
                "check": [mentor, "check", "-q", *everything],
                "log": [mentor, "log"],
                "log --json": [mentor, "log", "--format", "json"],
                "git log": ["git", "log", "--notes=mentor", "--oneline"]}
        subprocess.run(["git", "-C", repo, "config", "user.email", "mentor@example.com"], check=True)
        subprocess.run(["git", "-C", repo, "config", "user.name", "Mentor"], check=True)
        session = ["review start", "review list", "review confirm", "review close"]
        times = {name: [] for name in list(runs) + session}
        out = {}
        for _ in range(args.runs):
            for name, argv in runs.items():
                elapsed, stdout = timed(argv, repo)
                times[name].append(elapsed * 1000)
                out[name] = stdout
            # A review session, as a mentor runs it.
            elapsed, _ = timed([mentor, "review", "start", *everything], repo)
            times["review start"].append(elapsed * 1000)
            elapsed, listed = timed([mentor, "review", "list", "--format", "json"], repo)
            times["review list"].append(elapsed * 1000)
            first_id = json.loads(listed)["findings"][0]["short_id"]
            elapsed, _ = timed([mentor, "review", "confirm", first_id], repo)
            times["review confirm"].append(elapsed * 1000)
            elapsed, _ = timed([mentor, "review", "close"], repo)
            times["review close"].append(elapsed * 1000)
            out["findings"] = len(json.loads(listed)["findings"])
        notes = subprocess.run(["git", "-C", repo, "rev-list", "--count", "refs/notes/mentor"],
                               capture_output=True, text=True).stdout.strip()
    med = {name: statistics.median(v) for name, v in times.items()}
    print("record: %d commits, bundled rules, medians of %d runs (ms)" % (args.commits, args.runs))
    print("  record (first run)   %8.1f" % (first * 1000))
    for name in times:
        print("  %-20s %8.1f" % (name, med[name]))
    print("  notes commits: %s (one per batch of 100 commits)" % notes)
    print("  log summary: %s" % out["log"].decode().strip().splitlines()[-1])
    print("  log / git log: %.2fx;  record again / check: %.2fx" % (
        med["log"] / med["git log"], med["record again"] / med["check"]))
    print("  review list / log: %.2fx (%d findings in the session)" % (
        med["review list"] / med["log"], out["findings"]))


if __name__ == "__main__":
    main()
