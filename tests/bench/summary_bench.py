#!/usr/bin/env python3
"""Cost of `git mentor summary` against `git mentor log` over the same recorded history.

Builds the repository of record_bench.py (N commits, default 1000, each adding a few lines of
Python to one of 20 files, one in three with a finding of the bundled rules), records it with
`check --record`, then times, as whole processes, medians of repeated interleaved runs:
  log                git mentor log over the whole history (reads the notes)
  log --json         the same, as JSON
  summary            git mentor summary (reads the notes, the verdicts, and diffs each reviewed
                     commit's trees to know which languages it touched)
  summary --json     the same, as JSON
  summary --html     the same, as one HTML page with its charts
  summary --mentee   the same, for one mentee
  summary, no diffs  --since a future date: notes and commits read, nothing selected, so no tree
                     is diffed (what the languages cost is the difference to `summary`)

  tests/bench/summary_bench.py [--build build] [--commits 1000] [--runs 10]
"""
import argparse
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from record_bench import ROOT, interleaved_medians, make_repository, timed  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
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
        timed([mentor, "check", "--record", "-q", "^" + root, "HEAD"], repo)
        runs = {"log": [mentor, "log"],
                "log --json": [mentor, "log", "--format", "json"],
                "summary": [mentor, "summary"],
                "summary --json": [mentor, "summary", "--format", "json"],
                "summary --html": [mentor, "summary", "--format", "html"],
                "summary --mentee": [mentor, "summary", "--mentee", "mentee@example.com"],
                "summary, no diffs": [mentor, "summary", "--since", "2100-01-01"]}
        med, out = interleaved_medians(runs, repo, args.runs)
    print("summary: %d commits recorded with the bundled rules, medians of %d runs (ms)"
          % (args.commits, args.runs))
    for name in runs:
        print("  %-20s %8.1f" % (name, med[name]))
    print("  summary / log: %.2fx;  html: %d bytes" % (med["summary"] / med["log"],
                                                      len(out["summary --html"])))
    print("  summary's first line: %s" % out["summary"].decode().splitlines()[0])


if __name__ == "__main__":
    main()
