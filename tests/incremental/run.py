#!/usr/bin/env python3
"""Incremental parsing changes no finding: over every commit of the benchmark histories,
`check` with the parses of earlier versions reused (the default) reports exactly what it reports
when every file is parsed from scratch (GIT_MENTOR_PARSE=full), in the default scope and in
`--scope file` (every match in every changed file), with one job and with two; and with
GIT_MENTOR_PARSE=verify every incremental parse is checked node by node against a full parse.
The histories: run_benchmark.py's plain one (every version has syntax errors), the attribution
one (merges, moves) and the realistic one (whole functions edited: versions parse cleanly, so
nearly every parse is incremental). And the pre-push hook over the realistic history says the
same with its review cache off, cold (every review stored) and warm (every review read back).

  tests/incremental/run.py GIT_MENTOR [--commits N]
"""
import argparse
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "bench"))
import history  # noqa: E402


def check(mentor, repo, rng, scope, jobs, mode):
    env = dict(os.environ)
    env.pop("GIT_MENTOR_PARSE", None)
    if mode:
        env["GIT_MENTOR_PARSE"] = mode
    proc = subprocess.run([mentor, "-C", repo, "check", "--format", "json", "--fail-on", "never",
                           "--quiet", "--jobs", str(jobs), "--scope", scope, rng],
                          capture_output=True, env=env)
    if proc.returncode != 0:
        sys.exit("FAILED: %s %s jobs=%d mode=%s exited %d: %s" % (
            repo, scope, jobs, mode, proc.returncode, proc.stderr.decode(errors="replace")[-2000:]))
    return proc.stdout


def hook_cache_agrees(mentor, repo):
    """The pre-push hook pushing every commit of `repo`: its review cache changes nothing."""
    head = subprocess.run(["git", "-C", repo, "rev-parse", "HEAD"], capture_output=True, text=True,
                          check=True).stdout.strip()
    line = ("refs/heads/main %s refs/heads/main %s\n" % (head, "0" * 40)).encode()
    runs = {}
    for name, setting in (("off", "off"), ("cold", None), ("warm", None)):
        env = dict(os.environ)
        env.pop("GIT_MENTOR_REVIEW_CACHE", None)
        if setting:
            env["GIT_MENTOR_REVIEW_CACHE"] = setting
        proc = subprocess.run([mentor, "-C", repo, "hook", "pre-push", "origin", "url"], input=line,
                              capture_output=True, env=env)
        if proc.returncode not in (0, 1):
            sys.exit("FAILED: hook (cache %s) exited %d: %s" % (
                name, proc.returncode, proc.stderr.decode(errors="replace")[-2000:]))
        runs[name] = (proc.returncode, proc.stderr)
    entries = len(os.listdir(os.path.join(repo, "git-mentor", "review-cache")))
    same = runs["off"] == runs["cold"] == runs["warm"]
    print("%s realistic.git pre-push hook, review cache off / cold / warm: %d lines, %d entries" % (
        "ok  " if same and entries > 0 else "FAIL", runs["off"][1].count(b"\n"), entries))
    return same and entries > 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("mentor")
    parser.add_argument("--commits", type=int, default=200)
    args = parser.parse_args()
    passed = failed = 0
    with tempfile.TemporaryDirectory(prefix="git-mentor-incremental-") as tmp:
        repos = []
        plain = os.path.join(tmp, "plain.git")
        history.build_repository(plain, args.commits)
        repos.append(plain)
        mixed = os.path.join(tmp, "attribution.git")
        history.build_attribution_repository(mixed, args.commits)
        repos.append(mixed)
        realistic = os.path.join(tmp, "realistic.git")
        history.build_realistic_repository(realistic, args.commits)
        repos.append(realistic)
        for repo in repos:
            root = subprocess.run(["git", "-C", repo, "rev-list", "--max-parents=0", "HEAD"],
                                  capture_output=True, text=True, check=True).stdout.split()[0]
            rng = root + "..HEAD"
            for scope in ("introduced", "file"):
                full = check(args.mentor, repo, rng, scope, 1, "full")
                runs = {"reused, 1 job": check(args.mentor, repo, rng, scope, 1, None),
                        "reused, 2 jobs": check(args.mentor, repo, rng, scope, 2, None),
                        "verified, 2 jobs": check(args.mentor, repo, rng, scope, 2, "verify")}
                for name, out in runs.items():
                    label = "%s %s %s" % (os.path.basename(repo), scope, name)
                    if out == full:
                        passed += 1
                        print("ok   %s: %d findings" % (label, out.count(b'"fingerprint"')))
                    else:
                        failed += 1
                        print("FAIL %s: differs from a full parse" % label)
        ok = hook_cache_agrees(args.mentor, realistic)
        passed += ok
        failed += not ok
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
