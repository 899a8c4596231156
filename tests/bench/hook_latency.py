#!/usr/bin/env python3
"""Latency of the pre-push hook: 5 commits touching 10 files, the full bundled rule packs.

Builds a small repository and a bare remote (in a temp dir), then times, as whole processes
(process start included), interleaved and repeated, and prints medians:
  start-up        git-mentor --version
  rules           git-mentor rules list (load and compile every bundled rule)
  diff            bench_floor diff over the 5 commits
  diff+parse      bench_floor parse over the 5 commits
  hook            git mentor hook pre-push, fed the ref line git would write
and the parts (bench_floor also starts and loads the rules): rule loading = rules - start-up,
diff = diff - rules, parse = (diff+parse) - diff, match and the rest = hook - (diff+parse).

  tests/bench/hook_latency.py [--build build] [--runs 30]
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


def make_repository(tmp):
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
            f.write(src.read())
    for i, data in enumerate(js):
        files.append("web/m%d.js" % i)
        os.makedirs(os.path.join(work, "web"), exist_ok=True)
        with open(os.path.join(work, files[-1]), "wb") as f:
            f.write(data)
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


def timed(argv, cwd, stdin=None):
    start = time.perf_counter()
    proc = subprocess.run(argv, cwd=cwd, input=stdin, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        sys.exit("hook_latency: %s failed: %s" % (argv, proc.stderr.decode()[-400:]))
    return elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", default=os.path.join(ROOT, "build"))
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    mentor = os.path.join(args.build, "git-mentor")
    floor = os.path.join(args.build, "tests", "bench", "bench_floor")
    with tempfile.TemporaryDirectory() as tmp:
        work, base, head = make_repository(tmp)
        git_dir = os.path.join(work, ".git")
        line = ("refs/heads/main %s refs/heads/main %s\n" % (head, base)).encode()
        commands = {
            "start-up": ([mentor, "--version"], None),
            "rules": ([mentor, "rules", "list"], None),
            "diff": ([floor, git_dir, "diff", str(os.cpu_count() or 1), base + "..HEAD"], None),
            "diff+parse": ([floor, git_dir, "parse", str(os.cpu_count() or 1), base + "..HEAD"], None),
            "hook": ([mentor, "hook", "pre-push", "origin", "url"], line),
        }
        for argv, stdin in commands.values():  # warm the page cache
            timed(argv, work, stdin)
        times = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, (argv, stdin) in commands.items():
                times[name].append(timed(argv, work, stdin))
    med = {name: statistics.median(v) * 1000 for name, v in times.items()}
    print("pre-push hook latency: 5 commits, 10 files, bundled rules, %d runs (medians, ms)" % args.runs)
    for name in commands:
        print("  %-11s %7.1f" % (name, med[name]))
    print("  breakdown of the hook: start-up %.1f, rule loading %.1f, diff %.1f, parse %.1f, "
          "match and the rest %.1f" % (
              med["start-up"], med["rules"] - med["start-up"], med["diff"] - med["rules"],
              med["diff+parse"] - med["diff"], med["hook"] - med["diff+parse"]))
    print("  hook total %.1f ms (aim: 40 ms)" % med["hook"])


if __name__ == "__main__":
    main()
