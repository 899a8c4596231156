#!/usr/bin/env python3
"""Cost of the mentoring loop's commands against `git mentor log` over one recorded history.

Builds the repository of record_bench.py (N commits, default 1000, each adding a few lines of
Python to one of 20 files, one in three with a finding of the bundled rules), written in turn by
four authors (the mentee and three others), records every commit once with `check --record`,
then times, as whole processes, medians of repeated interleaved runs:
  log                    git mentor log over the whole history (reads the notes)
  summary                git mentor summary (the notes, the verdicts, a tree diff per commit)
  profile --no-review    git mentor profile --mentee mentee@example.com --no-review: the
                         record alone, every author's commits (the mentee against the team)
  profile                the same without --no-review: it looks for commits not recorded yet
                         (none here) before computing
  summary --repo A --repo B
                         the summary over that repository and a second one like it (N other
                         commits, the mentee under another email its .mailmap maps back), each
                         with a mentor's session judging the mentee's findings: the records
                         read one after the other and merged by mentee
  log B                  git mentor log over the second repository

and prints the ratios profile/log, summary/log and summary --repo A --repo B against log on
each and on both (the aim is <= 2x log).

  tests/bench/mentoring_bench.py [--build build] [--commits 1000] [--runs 7]
"""
import argparse
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from record_bench import ROOT, interleaved_medians, make_repository, timed  # noqa: E402

AUTHORS = ["Mentee Example <mentee@example.com>", "Other Dev <other@example.com>",
           "Third Dev <third@example.com>", "Fourth Dev <fourth@example.com>"]
# The second repository: other commits, the mentee under an email .mailmap maps back.
AUTHORS_B = ["Other Dev <other@example.com>", "Mentee Example <mentee@work.example>",
             "Third Dev <third@example.com>", "Fourth Dev <fourth@example.com>"]


def record_and_review(mentor, repo):
    """Records every commit, then a mentor's session confirms each of the mentee's findings."""
    root = subprocess.run(["git", "-C", repo, "rev-list", "--max-parents=0", "HEAD"],
                          capture_output=True, text=True, check=True).stdout.strip()
    # Every commit recorded: the history after the root, then the root alone.
    timed([mentor, "check", "--record", "-q", "^" + root, "HEAD"], repo)
    timed([mentor, "check", "--record", "-q", root], repo)
    for key, value in (("user.name", "Mia Mentor"), ("user.email", "mia@example.com")):
        subprocess.run(["git", "-C", repo, "config", key, value], check=True)
    timed([mentor, "review", "start", "--mentee", "mentee@*", root + "..HEAD"], repo)
    timed([mentor, "review", "confirm", "--mentee", "mentee@*", "--yes"], repo)
    timed([mentor, "review", "close"], repo)


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", default=os.path.join(ROOT, "build"))
    parser.add_argument("--commits", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    if args.runs < 5:
        sys.exit("mentoring_bench: --runs must be at least 5 (medians)")
    mentor = os.path.join(args.build, "git-mentor")
    with tempfile.TemporaryDirectory() as tmp:
        repo = os.path.join(tmp, "repo")
        make_repository(repo, args.commits, AUTHORS)
        record_and_review(mentor, repo)
        repo_b = os.path.join(tmp, "repo-b")
        make_repository(repo_b, args.commits, AUTHORS_B)
        with open(os.path.join(repo_b, ".mailmap"), "w") as mailmap:
            mailmap.write("Mentee Example <mentee@example.com> <mentee@work.example>\n")
        record_and_review(mentor, repo_b)
        who = ["--mentee", "mentee@example.com"]
        runs = {"log": [mentor, "log"],
                "summary": [mentor, "summary"],
                "profile --no-review": [mentor, "profile", *who, "--no-review"],
                "profile": [mentor, "profile", *who],
                "summary --repo A --repo B": [mentor, "summary", "--repo", repo,
                                              "--repo", repo_b],
                "log B": [mentor, "-C", repo_b, "log"]}
        med, out = interleaved_medians(runs, repo, args.runs)
    print("mentoring: %d commits by %d authors recorded with the bundled rules, medians of %d "
          "interleaved runs (ms)" % (args.commits, len(AUTHORS), args.runs))
    for name in runs:
        print("  %-20s %8.1f" % (name, med[name]))
    print("  profile / log: %.2fx (--no-review), %.2fx (looking for unrecorded commits)"
          % (med["profile --no-review"] / med["log"], med["profile"] / med["log"]))
    print("  summary / log: %.2fx" % (med["summary"] / med["log"]))
    both = "summary --repo A --repo B"
    print("  summary --repo A --repo B / log: %.2fx (log on A), %.2fx (log on B), %.2fx (log on "
          "A and B together)" % (med[both] / med["log"], med[both] / med["log B"],
                                 med[both] / (med["log"] + med["log B"])))
    print("  profile's first line: %s" % out["profile --no-review"].decode().splitlines()[0])
    print("  summary --repo's first line: %s" % out[both].decode().splitlines()[0])


if __name__ == "__main__":
    main()
