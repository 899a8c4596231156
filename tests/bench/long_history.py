#!/usr/bin/env python3
"""Cost and memory of `git mentor check` along a long generated history.

Builds (once, cached in $TMPDIR) history.py's realistic history of N commits, then reviews its
first K commits for each K of --at (the range root..<K-th commit>), with `check --format json`,
and prints for each: wall and user seconds, milliseconds per 1,000 commits, peak RSS. Cost is
linear when the time per 1,000 commits stays level; memory is bounded when peak RSS levels off.

  tests/bench/long_history.py [--build build] [--commits 20000] [--at 2000,10000,20000]
                              [--jobs 2] [--runs 1] [--sources REPO...]
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from history import build_realistic_repository  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def run(argv):
    """Wall seconds, user seconds, peak RSS (KiB) of one run of argv."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        sys.exit("long_history: %s failed: %s" % (argv, proc.stderr.read().decode()[-400:]))
    return elapsed, usage.ru_utime, usage.ru_maxrss


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", default=os.path.join(ROOT, "build"))
    parser.add_argument("--commits", type=int, default=20000)
    parser.add_argument("--at", default="2000,10000,20000")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--sources", nargs="*", default=[])
    args = parser.parse_args()
    repo = os.path.join(tempfile.gettempdir(), "git-mentor-bench-realistic-%d.git" % args.commits)
    if not os.path.isdir(repo):
        print("building %s (%d commits)..." % (repo, args.commits), file=sys.stderr)
        tmp = repo + ".tmp"
        subprocess.run(["rm", "-rf", tmp])
        build_realistic_repository(tmp, args.commits, repos=args.sources)
        os.rename(tmp, repo)
    order = subprocess.run(["git", "-C", repo, "rev-list", "--reverse", "HEAD"], capture_output=True,
                           text=True, check=True).stdout.split()
    root, commits = order[0], order[1:]
    mentor = os.path.join(args.build, "git-mentor")
    print("git-mentor along a realistic history of %d commits, %d jobs, %d run(s) each (medians)"
          % (len(commits), args.jobs, args.runs))
    print("  %8s %9s %9s %12s %12s" % ("commits", "wall s", "user s", "ms / 1k", "peak RSS MB"))
    for k in (int(x) for x in args.at.split(",")):
        k = min(k, len(commits))
        rng = "%s..%s" % (root, commits[k - 1])
        results = [run([mentor, "-C", repo, "check", "--format", "json", "--fail-on", "never",
                        "--quiet", "--jobs", str(args.jobs), rng]) for _ in range(args.runs)]
        wall = statistics.median(r[0] for r in results)
        user = statistics.median(r[1] for r in results)
        rss = statistics.median(r[2] for r in results)
        print("  %8d %9.2f %9.2f %12.1f %12.1f" % (k, wall, user, wall * 1e6 / k, rss / 1024))


if __name__ == "__main__":
    main()
