#!/usr/bin/env python3
"""What loading the bundled rules costs, in instructions (callgrind), start-up included.

Counts, for the binary of --build and, with --baseline, for another one (the ratios compare the
two), the instructions of whole processes and of their rule loading (inclusive instructions of
cli::load_rule_sources) and libgit2's start-up (git_libgit2_init):
  --version              process start-up alone
  rules list             every bundled rule (8 languages) loaded and compiled
  hook, Python           a pre-push hook run whose 2 commits touch only Python: one language's rules
  hook, Python + JS      hook_latency.py's push: 5 commits, 10 files in two languages
  check, 1 commit        `check` of one of those commits (Python only)

The repositories are hook_latency.py's (files cut to --lines lines). Instructions do not depend on
how busy the machine is, unlike wall time.

  tests/bench/rule_loading.py [--build build] [--baseline PATH] [--lines 400]
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from hook_latency import ROOT, git, make_repository  # noqa: E402

FUNCTIONS = {
    "load": ":mentor::cli::load_rule_sources(",
    "libgit2": ":git_libgit2_init",
}


def callgrind(binary, argv, cwd, stdin, tmp):
    """{'total': N, 'load': N, 'libgit2': N} for one run of `binary argv` under callgrind."""
    out = os.path.join(tmp, "callgrind.out")
    proc = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=" + out, binary,
                           *argv], cwd=cwd, input=stdin, capture_output=True)
    if proc.returncode not in (0, 1):
        sys.exit("rule_loading: %s %s failed: %s" % (binary, argv, proc.stderr.decode()[-600:]))
    report = subprocess.run(["callgrind_annotate", "--inclusive=yes", "--threshold=100", out],
                            capture_output=True, text=True, check=True).stdout
    figures = {name: 0 for name in FUNCTIONS}
    figures["total"] = 0
    for line in report.splitlines():
        match = re.match(r"\s*([\d,]+)\s+\([\s\d.]+%\)\s+(.*)", line)
        if not match:
            continue
        count = int(match.group(1).replace(",", ""))
        what = match.group(2)
        if what.startswith("PROGRAM TOTALS"):
            figures["total"] = count
        for name, needle in FUNCTIONS.items():
            if needle in what and "'" not in what.split("(")[0]:
                figures[name] = max(figures[name], count)
    os.remove(out)
    return figures


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", default=os.path.join(ROOT, "build"))
    parser.add_argument("--baseline", help="another git-mentor binary to compare with")
    parser.add_argument("--lines", type=int, default=400, help="cut each file to LINES lines")
    args = parser.parse_args()
    binaries = {"now": os.path.abspath(os.path.join(args.build, "git-mentor"))}
    if args.baseline:
        binaries = {"baseline": os.path.abspath(args.baseline), **binaries}
    with tempfile.TemporaryDirectory() as tmp:
        work, base, head = make_repository(tmp, args.lines)
        python_only = git(work, "rev-parse", "HEAD~3")  # the first 2 commits touch only Python
        hook = ["hook", "pre-push", "origin", "url"]
        runs = {
            "--version": (["--version"], None),
            "rules list": (["rules", "list"], None),
            "hook, Python": (hook, ("refs/heads/main %s refs/heads/main %s\n"
                                    % (python_only, base)).encode()),
            "hook, Python + JS": (hook, ("refs/heads/main %s refs/heads/main %s\n"
                                         % (head, base)).encode()),
            "check, 1 commit": (["check", "--format", "json", "--fail-on", "never",
                                 python_only], None),
        }
        figures = {}
        for label, binary in binaries.items():
            for name, (argv, stdin) in runs.items():
                figures[label, name] = callgrind(binary, argv, work, stdin, tmp)
    print("instructions (millions), callgrind; files cut to %d lines" % args.lines)
    labels = list(binaries)
    for key, title in (("total", "whole process"), ("load", "rule loading (load_rule_sources)"),
                       ("libgit2", "libgit2 start-up (git_libgit2_init)")):
        print("  %s" % title)
        print("    %-20s" % "" + "".join(" %10s" % label for label in labels)
              + (" %8s" % "ratio" if len(labels) > 1 else ""))
        for name in runs:
            values = [figures[label, name][key] for label in labels]
            row = "    %-20s" % name + "".join(" %10.1f" % (v / 1e6) for v in values)
            if len(values) > 1:
                row += " %8s" % ("%.3fx" % (values[1] / values[0]) if values[0] else "-")
            print(row)

if __name__ == "__main__":
    main()
