#!/usr/bin/env python3
"""Latency of the pre-push hook: 5 commits touching 10 files, the full bundled rule packs.

Builds a small repository and a bare remote (in a temp dir), then times, as whole processes
(process start included), interleaved and repeated, and prints medians of:
  hook            git mentor hook pre-push, fed the ref line git would write, cold (its review
                  cache in .git/git-mentor removed before each run) and warm (the same push
                  again, each commit's review read back)
  start-up        git-mentor --version (process start, dynamic loading, exit)
  all rules       git-mentor rules list (loads and compiles every bundled rule)
and the hook's own phases, which it prints with GIT_MENTOR_TIMINGS=1 (open the repository and
config, find the commits, load the rules of the languages the push touches, review), with the
review split using bench_floor's in-process figures for the same commits: diff (libgit2 only),
parse (diff + parse - diff), and match and the rest (review - diff+parse).

With --files-from DIR the ten files are the ten largest source files (Python and JavaScript,
outside tests and docs) of a checkout, e.g. a clone of pallets/flask, instead. With ast-grep
available (the pinned one the differential test installs), it also times
  ast-grep        `ast-grep scan` of just the ten files at the tip, with the bundled Python and
                  JavaScript rules (the ones the hook compiles) that ast-grep can read (those
                  written with `rule:`, mentoring keys stripped)
side by side, and prints hook / ast-grep.

With --instructions it also counts, once each with callgrind, the instructions of the cold hook,
bench_floor and ast-grep: the ratio that load on a shared machine does not move.

  tests/bench/hook_latency.py [--build build] [--runs 40] [--lines N] [--files-from DIR]
                              [--instructions]
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


def checkout_files(directory):
    """The ten largest Python and JavaScript files of a checkout, outside tests and docs."""
    found = []
    for root, dirs, names in os.walk(directory):
        dirs[:] = [d for d in dirs if not d.startswith(".") and d not in ("tests", "test", "docs",
                                                                             "examples", "node_modules")]
        for name in names:
            if name.endswith((".py", ".js")):
                path = os.path.join(root, name)
                found.append((os.path.getsize(path), os.path.relpath(path, directory), path))
    found.sort(reverse=True)
    return [(rel, path) for _, rel, path in found[:10]]


def make_repository(tmp, lines=None, files_from=None):
    """Ten real source files (5 Python, 5 JavaScript), pushed; then 5 commits, 2 files each."""
    if files_from:
        return make_repository_from(tmp, checkout_files(files_from), lines)
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
    sources = [("src/m%d.py" % i, open(path, "rb").read()) for i, path in enumerate(py)]
    sources += [("web/m%d.js" % i, data) for i, data in enumerate(js)]
    return commit_files(tmp, sources, lines)


def make_repository_from(tmp, files, lines):
    sources = []
    for rel, path in files:
        with open(path, "rb") as f:
            sources.append((rel, f.read()))
    return commit_files(tmp, sources, lines)


def commit_files(tmp, sources, lines):
    """`sources` ((path, bytes)) committed and pushed; then 5 commits, 2 files each."""
    remote = os.path.join(tmp, "remote.git")
    work = os.path.join(tmp, "work")
    subprocess.run(["git", "init", "-q", "--bare", remote], check=True)
    subprocess.run(["git", "init", "-q", "-b", "main", work], check=True)
    files = []
    for rel, data in sources:
        files.append(rel)
        os.makedirs(os.path.dirname(os.path.join(work, rel)), exist_ok=True)
        with open(os.path.join(work, rel), "wb") as f:
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
    return work, base, head, files


def ast_grep_project(tmp, languages=("python", "javascript")):
    """An ast-grep project with the bundled rules of `languages` (those the hook compiles for a
    push of Python and JavaScript files) that it can read; (sgconfig path, rules used)."""
    try:
        import yaml
    except ImportError:
        return None, 0
    rules_dir = os.path.join(tmp, "sg-rules")
    os.makedirs(rules_dir)
    keep = {"id", "language", "severity", "message", "rule", "constraints", "utils", "files",
            "ignores", "url", "fix", "transform"}
    used = 0
    for path in sorted(glob.glob(os.path.join(ROOT, "rules", "*", "*.yaml"))):
        with open(path) as f:
            docs = [d for d in yaml.safe_load_all(f) if d]
        for doc in docs:
            if "rule" not in doc or doc.get("language") not in languages:
                continue  # a raw tree-sitter query (ast-grep has none), or another language
            out = {k: v for k, v in doc.items() if k in keep}
            if out.get("severity") == "praise":
                out["severity"] = "hint"
            with open(os.path.join(rules_dir, "%s.yml" % doc["id"]), "w") as f:
                yaml.safe_dump(out, f)
            used += 1
    config = os.path.join(tmp, "sgconfig.yml")
    with open(config, "w") as f:
        f.write("ruleDirs: [%s]\n" % rules_dir)
    return config, used


def ast_grep_binary():
    cache = os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"),
                         "git-mentor")
    found = sorted(glob.glob(os.path.join(cache, "ast-grep-*", "node_modules", "@ast-grep",
                                          "cli-*", "ast-grep")))
    return found[-1] if found else None


def timed(argv, cwd, stdin=None, env=None):
    """Wall seconds of one run, and its stdout and stderr."""
    start = time.perf_counter()
    proc = subprocess.run(argv, cwd=cwd, input=stdin, capture_output=True, env=env)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        sys.exit("hook_latency: %s failed: %s" % (argv, proc.stderr.decode()[-400:]))
    return elapsed, proc.stdout.decode(), proc.stderr.decode()


def instructions(argv, cwd, stdin=None, env=None):
    """Instructions one run executes, all threads, counted by callgrind."""
    with tempfile.TemporaryDirectory() as out:
        proc = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=%s/cg" % out,
                               *argv], cwd=cwd, input=stdin, capture_output=True, env=env)
        for line in proc.stderr.decode().splitlines():
            if "Collected :" in line:
                return int(line.split(":")[1])
    sys.exit("hook_latency: callgrind counted nothing for %s" % argv)


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
    parser.add_argument("--files-from", help="take the ten files from this checkout")
    parser.add_argument("--instructions", action="store_true",
                        help="also count instructions with callgrind (hook, floor, ast-grep)")
    args = parser.parse_args()
    build = os.path.abspath(args.build)
    mentor = os.path.join(build, "git-mentor")
    floor = os.path.join(build, "tests", "bench", "bench_floor")
    jobs = str(os.cpu_count() or 1)
    timing_env = dict(os.environ, GIT_MENTOR_TIMINGS="1")
    with tempfile.TemporaryDirectory() as tmp:
        work, base, head, files = make_repository(tmp, args.lines, args.files_from)
        git_dir = os.path.join(work, ".git")
        sg = ast_grep_binary()
        sg_config, sg_rules = ast_grep_project(tmp) if sg else (None, 0)
        line = ("refs/heads/main %s refs/heads/main %s\n" % (head, base)).encode()
        cache_dir = os.path.join(git_dir, "git-mentor", "review-cache")
        warm_env = dict(os.environ)
        warm_timing_env = dict(timing_env)
        commands = {
            # Cold: the hook's review cache (.git/git-mentor/review-cache) is removed before each
            # run, so that every commit is reviewed (and stored); warm: the same push again, its
            # reviews read back.
            "hook": ([mentor, "hook", "pre-push", "origin", "url"], line, None),
            "hook, warm": ([mentor, "hook", "pre-push", "origin", "url"], line, warm_env),
            "start-up": ([mentor, "--version"], None, None),
            "all rules": ([mentor, "rules", "list"], None, None),
            "timed hook": ([mentor, "hook", "pre-push", "origin", "url"], line, timing_env),
            "timed hook, warm": ([mentor, "hook", "pre-push", "origin", "url"], line, warm_timing_env),
            "floor diff": ([floor, git_dir, "diff", jobs, base + "..HEAD"], None, None),
            "floor parse": ([floor, git_dir, "parse", jobs, base + "..HEAD"], None, None),
        }
        if sg_config:
            commands["ast-grep"] = ([sg, "scan", "--config", sg_config, "--json=compact", *files],
                                    None, None)
        cold = ("hook", "timed hook")
        for argv, stdin, env in commands.values():  # warm the page cache
            timed(argv, work, stdin, env)
        wall = {name: [] for name in commands}
        inner = {}
        outputs = {}
        for _ in range(args.runs):
            for name, (argv, stdin, env) in commands.items():
                if name in cold:
                    shutil.rmtree(cache_dir, ignore_errors=True)
                elapsed, out, err = timed(argv, work, stdin, env)
                wall[name].append(elapsed * 1000)
                if name.startswith("hook"):
                    outputs.setdefault(name, set()).add(err)
                if name.startswith("timed hook"):
                    prefix = "warm " if name.endswith("warm") else ""
                    for phase, ms in phases(err).items():
                        inner.setdefault(prefix + phase, []).append(ms)
                elif name.startswith("floor"):
                    inner.setdefault(name, []).append(float(out) * 1000)
        counts = {}
        if args.instructions:
            # Instructions (callgrind, every thread), the figure that machine load does not move.
            counted = {"hook, cold": commands["hook"], "floor diff": commands["floor diff"],
                       "floor parse": commands["floor parse"]}
            if "ast-grep" in commands:
                counted["ast-grep"] = commands["ast-grep"]
            for name, (argv, stdin, env) in counted.items():
                shutil.rmtree(cache_dir, ignore_errors=True)
                counts[name] = instructions(argv, work, stdin, env)
    med = {name: statistics.median(v) for name, v in list(wall.items()) + list(inner.items())}
    what = ("from %s" % args.files_from) if args.files_from else "5 Python, 5 JavaScript"
    print("pre-push hook latency: 5 commits, 10 files (%s%s), bundled rules, "
          "%d runs, %s jobs (medians, ms)" % (
              what, ", at most %d lines each" % args.lines if args.lines else "", args.runs, jobs))
    if len(outputs["hook"] | outputs["hook, warm"]) != 1:
        sys.exit("hook_latency: the hook's output differs between runs or between cold and warm")
    print("  hook, whole process, cold %7.1f   (aim: 40; every commit reviewed and stored)" % med["hook"])
    print("  hook, whole process, warm %7.1f   (the same push again: reviews read back)" % med["hook, warm"])
    if "ast-grep" in med:
        print("  ast-grep scan, 10 files   %7.1f   (%d rules; hook / ast-grep = %.2fx cold, %.2fx warm; "
              "aim: 0.5x)" % (med["ast-grep"], sg_rules, med["hook"] / med["ast-grep"],
                             med["hook, warm"] / med["ast-grep"]))
    print("  start-up (--version)      %7.1f" % med["start-up"])
    print("  rules list (every rule)   %7.1f" % med["all rules"])
    print("  phases of the hook (GIT_MENTOR_TIMINGS):")
    print("    %-22s %7s %7s" % ("", "cold", "warm"))
    for phase in ("open", "commits", "rules", "review", "report", "goals"):
        print("    %-22s %7.2f %7.2f" % (phase, med.get(phase, float("nan")),
                                       med.get("warm " + phase, float("nan"))))
    review = med.get("review", float("nan"))
    print("  the review split with bench_floor (in-process, same commits):")
    print("    diff                   %7.2f" % med["floor diff"])
    print("    parse                  %7.2f" % (med["floor parse"] - med["floor diff"]))
    print("    match and the rest     %7.2f" % (review - med["floor parse"]))
    accounted = med["start-up"] + sum(med.get(p, 0) for p in ("open", "commits", "rules", "review",
                                                               "report", "goals"))
    print("  start-up + phases = %.1f of %.1f ms" % (accounted, med["hook"]))
    if counts:
        print("  instructions (callgrind, millions):")
        for name, count in counts.items():
            print("    %-22s %7.0f" % (name, count / 1e6))
        if "ast-grep" in counts:
            print("    hook / ast-grep        %7.2fx" % (counts["hook, cold"] / counts["ast-grep"]))


if __name__ == "__main__":
    main()
