#!/usr/bin/env python3
"""Latency of the pre-push hook: 5 commits touching 10 files, the full bundled rule packs.

Builds a small repository and a bare remote (in a temp dir), then times, as whole processes
(process start included), interleaved and repeated, and prints medians of:
  hook            git mentor hook pre-push, fed the ref line git would write
  start-up        git-mentor --version (process start, dynamic loading, exit)
  all rules       git-mentor rules list (loads and compiles every bundled rule)
and the hook's own phases, which it prints with GIT_MENTOR_TIMINGS=1 (open the repository and
config, find the commits, load the rules of the languages the push touches, review), with the
review split using bench_floor's in-process figures for the same commits: diff (libgit2 only),
parse (diff + parse - diff), and match and the rest (review - diff+parse).

  tests/bench/hook_latency.py [--build build] [--runs 40] [--lines N]
"""
import argparse
import glob
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def git(repo, *args, **kwargs):
    env = dict(os.environ, GIT_CONFIG_NOSYSTEM="1", HOME=repo, GIT_AUTHOR_NAME="Mentee",
               GIT_AUTHOR_EMAIL="mentee@example.com", GIT_COMMITTER_NAME="Mentee",
               GIT_COMMITTER_EMAIL="mentee@example.com")
    return subprocess.run(["git", "-C", repo, *args], check=True, capture_output=True, text=True,
                          env=env, **kwargs).stdout.strip()


def first_lines(data, lines):
    """`data` cut to its first `lines` lines (all of it when None)."""
    return data if lines is None else b"".join(data.splitlines(True)[:lines])


def make_repository(tmp, lines=None):
    """Ten real source files (5 Python, 5 JavaScript), pushed; then 5 commits, 2 files each."""
    py = sorted(glob.glob("/usr/lib/python3*/json/*.py") + glob.glob("/usr/lib/python3*/email/*.py"))[:5]
    cache = os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"),
                         "git-mentor", "grammars")
    js_sources = [os.path.join(ROOT, "rules")]  # fallback text if no JS is found
    js = []
    for tgz in sorted(glob.glob(os.path.join(cache, "*.tgz"))):
        out = subprocess.run(["tar", "tzf", tgz], capture_output=True, text=True).stdout.split()
        for name in out:
            if name.endswith(".js") and len(js) < 5:
                data = subprocess.run(["tar", "xzf", tgz, "-O", name], capture_output=True).stdout
                js.append(data)
    if len(py) < 5:
        sys.exit("hook_latency: needs the Python standard library under /usr/lib/python3*")
    remote = os.path.join(tmp, "remote.git")
    work = os.path.join(tmp, "work")
    subprocess.run(["git", "init", "-q", "--bare", remote], check=True)
    subprocess.run(["git", "init", "-q", "-b", "main", work], check=True)
    files = []
    for i, path in enumerate(py):
        files.append("src/m%d.py" % i)
        os.makedirs(os.path.join(work, "src"), exist_ok=True)
        with open(os.path.join(work, files[-1]), "wb") as f, open(path, "rb") as src:
            f.write(first_lines(src.read(), lines))
    for i, data in enumerate(js):
        files.append("web/m%d.js" % i)
        os.makedirs(os.path.join(work, "web"), exist_ok=True)
        with open(os.path.join(work, files[-1]), "wb") as f:
            f.write(first_lines(data, lines))
    git(work, "add", "-A")
    git(work, "commit", "-q", "-m", "base")
    git(work, "remote", "add", "origin", remote)
    git(work, "push", "-q", "origin", "main")
    base = git(work, "rev-parse", "HEAD")
    for c in range(5):
        for path in files[2 * c:2 * c + 2]:
            with open(os.path.join(work, path), "a") as f:
                if path.endswith(".py"):
                    f.write("\n\ndef added_%d(path):\n    try:\n        return open(path).read()\n"
                            "    except:\n        return None\n" % c)
                else:
                    f.write("\nfunction added%d(x) {\n  var y = x == 1;\n  console.log(y);\n}\n" % c)
        git(work, "commit", "-q", "-a", "-m", "change %d" % c)
    head = git(work, "rev-parse", "HEAD")
    return work, base, head


def timed(argv, cwd, stdin=None, env=None):
    """Wall seconds of one run, and its stdout and stderr."""
    start = time.perf_counter()
    proc = subprocess.run(argv, cwd=cwd, input=stdin, capture_output=True, env=env)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        sys.exit("hook_latency: %s failed: %s" % (argv, proc.stderr.decode()[-400:]))
    return elapsed, proc.stdout.decode(), proc.stderr.decode()


def phases(stderr):
    """The 'git-mentor: timing: NAME MS ms' lines, as {name: ms}."""
    out = {}
    for line in stderr.splitlines():
        if line.startswith("git-mentor: timing: "):
            name, ms, _ = line[len("git-mentor: timing: "):].rsplit(" ", 2)
            out[name] = float(ms)
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", default=os.path.join(ROOT, "build"))
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--lines", type=int, help="cut each file to its first LINES lines")
    args = parser.parse_args()
    mentor = os.path.join(args.build, "git-mentor")
    floor = os.path.join(args.build, "tests", "bench", "bench_floor")
    jobs = str(os.cpu_count() or 1)
    timing_env = dict(os.environ, GIT_MENTOR_TIMINGS="1")
    with tempfile.TemporaryDirectory() as tmp:
        work, base, head = make_repository(tmp, args.lines)
        git_dir = os.path.join(work, ".git")
        line = ("refs/heads/main %s refs/heads/main %s\n" % (head, base)).encode()
        commands = {
            "hook": ([mentor, "hook", "pre-push", "origin", "url"], line, None),
            "start-up": ([mentor, "--version"], None, None),
            "all rules": ([mentor, "rules", "list"], None, None),
            "timed hook": ([mentor, "hook", "pre-push", "origin", "url"], line, timing_env),
            "floor diff": ([floor, git_dir, "diff", jobs, base + "..HEAD"], None, None),
            "floor parse": ([floor, git_dir, "parse", jobs, base + "..HEAD"], None, None),
        }
        for argv, stdin, env in commands.values():  # warm the page cache
            timed(argv, work, stdin, env)
        wall = {name: [] for name in commands}
        inner = {}
        for _ in range(args.runs):
            for name, (argv, stdin, env) in commands.items():
                elapsed, out, err = timed(argv, work, stdin, env)
                wall[name].append(elapsed * 1000)
                if name == "timed hook":
                    for phase, ms in phases(err).items():
                        inner.setdefault(phase, []).append(ms)
                elif name.startswith("floor"):
                    inner.setdefault(name, []).append(float(out) * 1000)
    med = {name: statistics.median(v) for name, v in list(wall.items()) + list(inner.items())}
    print("pre-push hook latency: 5 commits, 10 files (5 Python, 5 JavaScript%s), bundled rules, "
          "%d runs, %s jobs (medians, ms)" % (
              ", at most %d lines each" % args.lines if args.lines else "", args.runs, jobs))
    print("  hook, whole process       %7.1f   (aim: 40)" % med["hook"])
    print("  start-up (--version)      %7.1f" % med["start-up"])
    print("  rules list (every rule)   %7.1f" % med["all rules"])
    print("  phases of the hook (GIT_MENTOR_TIMINGS):")
    for phase in ("open", "commits", "rules", "review"):
        print("    %-22s %7.2f" % (phase, med.get(phase, float("nan"))))
    review = med.get("review", float("nan"))
    print("  the review split with bench_floor (in-process, same commits):")
    print("    diff                   %7.2f" % med["floor diff"])
    print("    parse                  %7.2f" % (med["floor parse"] - med["floor diff"]))
    print("    match and the rest     %7.2f" % (review - med["floor parse"]))
    accounted = med["start-up"] + sum(med.get(p, 0) for p in ("open", "commits", "rules", "review"))
    print("  start-up + phases = %.1f of %.1f ms" % (accounted, med["hook"]))


if __name__ == "__main__":
    main()
