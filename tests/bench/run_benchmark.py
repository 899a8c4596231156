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
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from history import build_repository  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


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
