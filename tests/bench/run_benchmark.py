#!/usr/bin/env python3
"""Benchmark of `git mentor check` against the floor of diffing and parsing.

Builds (once, cached) a deterministic repository of N commits made from real source files on
any Debian machine -- the Python standard library and the JavaScript in the grammar cache --
then, in one run, times interleaved repetitions of:
  floor/diff    libgit2 diff of every commit (bench_floor ... diff)
  floor/parse   diff + tree-sitter parse of every changed file (bench_floor ... parse)
  check         `git-mentor check` end to end, full starter pack, JSON to /dev/null
  check/full parse  the same with GIT_MENTOR_PARSE=full: every file parsed from scratch, no
                parse of an earlier version reused (what incremental parsing saves)
  check/5 rules the same with five of the bundled rules (3 Python, 2 JavaScript): the cost of a
                full pack against a handful (rules compile once; all rules of a language run
                over one parse of each file)
and prints medians, the check/floor ratio, commits/s and check's peak RSS. With
--instructions N it also counts, with callgrind, the instructions of check, check/full parse
and floor/parse over the newest N commits with one job (the figure to trust on a noisy machine).

--history attribution builds tests/bench/history.py's history with merges, moves across files
and comment edits instead; --history realistic one whose commits add, delete and edit whole
functions and statements, so that nearly every file version parses without error (Python from
the standard library, or from the repositories given with --sources); --repo DIR --range A..B measures an existing repository (a clone of
a real project).

  tests/bench/run_benchmark.py [--build build] [--commits 2000] [--runs 5] [--jobs N]
                               [--history plain|attribution|realistic] [--sources REPO...]
                               [--repo DIR --range A..B]
                               [--instructions N]
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
from history import (build_attribution_repository, build_realistic_repository,  # noqa: E402
                     build_repository)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def run(argv, env=None):
    """Wall seconds, stdout and peak RSS (KiB) of one run of argv."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=out, stderr=err, env=env)
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
    parser.add_argument("--repo", default=None,
                        help="where to keep the generated repository, or an existing one (--range)")
    parser.add_argument("--range", default=None, help="with --repo: the commits to review")
    parser.add_argument("--history", choices=("plain", "attribution", "realistic"), default="plain")
    parser.add_argument("--sources", nargs="*", default=[],
                        help="realistic history: git repositories whose Python and JavaScript files "
                             "join the source pool (needed without a Python standard library)")
    parser.add_argument("--instructions", type=int, default=0, metavar="N",
                        help="also count instructions over the newest N commits (callgrind)")
    args = parser.parse_args()

    if args.range:
        repo = args.repo
        rng = args.range
        git_dir = subprocess.run(["git", "-C", repo, "rev-parse", "--absolute-git-dir"],
                                 capture_output=True, text=True, check=True).stdout.strip()
        args.commits = len(subprocess.run(["git", "-C", repo, "rev-list", rng], capture_output=True,
                                          text=True, check=True).stdout.split())
    else:
        name = {"plain": "git-mentor-bench-%d.git", "attribution": "git-mentor-bench-attribution-%d.git",
                "realistic": "git-mentor-bench-realistic-%d.git"}[args.history]
        repo = args.repo or os.path.join(tempfile.gettempdir(), name % args.commits)
        if not os.path.isdir(repo):
            print("building %s (%d commits)..." % (repo, args.commits), file=sys.stderr)
            tmp = repo + ".tmp"
            subprocess.run(["rm", "-rf", tmp])
            if args.history == "realistic":
                build_realistic_repository(tmp, args.commits, repos=args.sources)
            else:
                (build_repository if args.history == "plain" else build_attribution_repository)(
                    tmp, args.commits)
            os.rename(tmp, repo)
        root = subprocess.run(["git", "-C", repo, "rev-list", "--max-parents=0", "HEAD"],
                              capture_output=True, text=True, check=True).stdout.split()[0]
        rng = root + "..HEAD"
        git_dir = repo
    floor = os.path.join(args.build, "tests", "bench", "bench_floor")
    mentor = os.path.join(args.build, "git-mentor")
    five = tempfile.mkdtemp(prefix="git-mentor-five-rules-")
    picks = sorted(glob.glob(os.path.join(ROOT, "rules", "python", "*.yaml")))[:3] + \
        sorted(glob.glob(os.path.join(ROOT, "rules", "javascript", "*.yaml")))[:2]
    for path in picks:
        shutil.copy(path, five)
    full_parse = dict(os.environ, GIT_MENTOR_PARSE="full")
    commands = {
        "floor/diff": [floor, git_dir, "diff", str(args.jobs), rng],
        "floor/parse": [floor, git_dir, "parse", str(args.jobs), rng],
        "check": [mentor, "-C", repo, "check", "--format", "json", "--fail-on", "never",
                  "--jobs", str(args.jobs), rng],
        "check/full parse": [mentor, "-C", repo, "check", "--format", "json", "--fail-on",
                             "never", "--jobs", str(args.jobs), rng],
        "check/5 rules": [mentor, "-C", repo, "check", "--format", "json", "--fail-on", "never",
                          "--jobs", str(args.jobs), "--rules", five, rng],
    }
    times = {name: [] for name in commands}
    rss = []
    findings = 0
    for _ in range(args.runs):  # interleaved, so drift on a shared machine hits all alike
        for name, argv in commands.items():
            elapsed, out, maxrss = run(argv, full_parse if name == "check/full parse" else None)
            if name == "check":
                rss.append(maxrss)
                findings = out.count(b'"fingerprint"')
            times[name].append(elapsed)
    med = {name: statistics.median(values) for name, values in times.items()}
    print("git-mentor benchmark: %s, %d commits, %d jobs, %d runs (medians)" % (
        repo if args.range else args.history + " history", args.commits, args.jobs, args.runs))
    for name in commands:
        print("  %-14s %8.3f s   (min %.3f, max %.3f)" % (name, med[name], min(times[name]), max(times[name])))
    print("  check / floor(diff+parse): %.2fx (aim: 0.5x)   check / floor(diff): %.2fx   "
          "check / check with full parses: %.2fx" % (
              med["check"] / med["floor/parse"], med["check"] / med["floor/diff"],
              med["check"] / med["check/full parse"]))
    print("  check: %.0f commits/s, %d findings, peak RSS %.1f MiB" % (
        args.commits / med["check"], findings, statistics.median(rss) / 1024))
    print("  full pack (%d rules) / 5 rules: %.2fx (aim: 1.5x or less)" % (
        len(glob.glob(os.path.join(ROOT, "rules", "*", "*.yaml"))), med["check"] / med["check/5 rules"]))
    shutil.rmtree(five)
    if args.instructions:
        count_instructions(args, repo, git_dir, floor, mentor)


def instructions(argv, env=None):
    """Instructions callgrind counts for one run of argv."""
    with tempfile.TemporaryDirectory() as tmp:
        proc = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=" +
                               os.path.join(tmp, "out")] + argv, capture_output=True, env=env)
        for line in proc.stderr.decode().splitlines():
            if "Collected :" in line:
                return int(line.split()[-1])
    sys.exit("run_benchmark: callgrind counted nothing for %s" % argv[0])


def count_instructions(args, repo, git_dir, floor, mentor):
    newest = subprocess.run(["git", "-C", repo, "rev-list", "--topo-order", "-n",
                             str(args.instructions + 1), "HEAD"],
                            capture_output=True, text=True, check=True).stdout.split()
    rng = "%s..HEAD" % newest[-1]
    check = [mentor, "-C", repo, "check", "--format", "json", "--fail-on", "never", "--jobs", "1",
             rng]
    counts = {
        "floor/parse": instructions([floor, git_dir, "parse", "1", rng]),
        "check": instructions(check),
        "check/full parse": instructions(check, dict(os.environ, GIT_MENTOR_PARSE="full")),
    }
    print("  instructions over the newest %d commits, 1 job (callgrind):" % args.instructions)
    for name, value in counts.items():
        print("    %-18s %8.0f M" % (name, value / 1e6))
    print("    check / floor(diff+parse): %.2fx   check / check with full parses: %.2fx" % (
        counts["check"] / counts["floor/parse"], counts["check"] / counts["check/full parse"]))


if __name__ == "__main__":
    main()
