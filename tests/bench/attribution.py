#!/usr/bin/env python3
"""How often `git mentor check` blames a commit for code it did not write ("re-reports").

Runs `git-mentor -C REPO check --format json --fail-on never --jobs 2 RANGE` and judges every
finding with an oracle written here, independent of git-mentor's attribution code:

  the finding's text (its line/column span in the commit's version of the file), comments
  removed and whitespace dropped except one space between two word characters, is a
  RE-REPORT when it occurs in the same normalized text of the version, in some parent of the
  commit, of a file of the same language (by extension) that the commit changed, deleted or
  renamed relative to that parent (git diff-tree -r -M per parent; for a merge, any parent).

It also counts STRICT re-reports: re-reports where the commit's versions of those files (added
ones included) hold the normalized text no more often than the parent's did, i.e. the commit
moved or kept the code rather than adding one more copy of it.

On merges it counts MERGE REPEATS: findings whose (rule, normalized text) equals a finding on
a commit reachable from a later parent but not from the first (what the side branch already
reported, reported again on the merge).

Caveats of the oracle: it is a substring test. A commit that duplicates code (copies rather
than moves it) or writes a short construct that already occurs in a file it touches is counted
as a re-report although git-mentor is right to report it: real projects do that all the time
(`var app = express();` in every new test), and so do the generated history's "change" commits
(chunks of real files pasted next to similar code), so for those the re-report count need not
be 0; the strict count leaves copies out, but misses a re-report when the same commit also
copies that text. A finding whose node shrank (`x();` edited to `x()`) is a substring of the old
text and counts. The generated "move", "comment" and "merge" commits never duplicate code and
every line a merge adds of its own is unique, so for them the right number of re-reports (and
merge repeats) is 0; clean merges should have no findings at all, evil and conflict merges only
those of their own lines. The tokenizer does not know JavaScript regex literals or string
prefixes. Merge repeats are seen only when the side branch's commits are inside the range.

By default the repository is generated (tests/bench/history.py: N commits after an empty root,
cached as $TMPDIR/git-mentor-attribution-N-SEED.git) with merges (clean, evil, conflict), cross-file
moves (sometimes re-indented), comment edits and ordinary changes; each commit's kind is the
first word of its subject and the report is per kind. With --repo it measures an existing
repository over --range instead (kinds: commit, merge).

It also times check against the floor (bench_floor diff and parse, interleaved, medians),
prints the bytes of post-images the floor parses in merges and in all commits (computed here
from git diff-tree against the first parent: bench_floor prints only seconds), and, on the
generated history, whether recorded findings follow a rebase: a 5-commit branch is recorded
(`check --record`), rebased with `git rebase` onto a main that moved, and `git mentor log
--format json` over each rebased commit alone counts how many still have a record, and how many
of those records name the rebased commit rather than the original (once with git's default
configuration, once with notes.rewriteRef=refs/notes/mentor, where git copies the notes).

  tests/bench/attribution.py [--mentor build/git-mentor] [--floor PATH] [--commits 600]
                             [--runs 3] [--repo DIR --range A..B] [--json]
"""
import argparse
import collections
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import history  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"
MAX_FILE_BYTES = 1024 * 1024  # git-mentor's default max_file_bytes: larger files are skipped


def git(repo, *args, binary=False):
    out = subprocess.run(["git", "-C", repo] + list(args), capture_output=True, check=True).stdout
    return out if binary else out.decode()


class Objects:
    """One `git cat-file --batch` for every blob read."""

    def __init__(self, repo):
        self.proc = subprocess.Popen(["git", "-C", repo, "cat-file", "--batch"], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE)
        self.normalized = {}

    def read(self, spec):
        self.proc.stdin.write(spec.encode() + b"\n")
        self.proc.stdin.flush()
        header = self.proc.stdout.readline().split()
        if len(header) < 3 or header[1] == b"missing":
            return None
        size = int(header[2])
        data = self.proc.stdout.read(size)
        self.proc.stdout.read(1)
        return data

    def normalized_blob(self, sha, language):
        key = (sha, language)
        if key not in self.normalized:
            self.normalized[key] = history.normalized_code(self.read(sha) or b"", language)
        return self.normalized[key]

    def close(self):
        self.proc.stdin.close()
        self.proc.wait()


def diff_tree(repo, parent, commit, cache={}):
    """[(status, old_path, new_path, old_blob, new_blob, new_mode)] of commit against parent
    (None: the empty tree), renames detected."""
    key = (repo, parent, commit)
    if key not in cache:
        raw = git(repo, "diff-tree", "-r", "-M", "--raw", "-z", "--no-abbrev", parent or EMPTY_TREE, commit,
                  binary=True)
        fields = raw.split(b"\0")
        entries = []
        i = 0
        while i < len(fields) - 1:
            meta = fields[i].decode().lstrip(":").split()
            status = meta[4][0]
            old = fields[i + 1].decode("utf-8", "surrogateescape")
            if status in "RC":
                new = fields[i + 2].decode("utf-8", "surrogateescape")
                i += 3
            else:
                new = old
                i += 2
            entries.append((status, old, new, meta[2], meta[3], meta[1]))
        cache[key] = entries
    return cache[key]


def span_text(blob, finding):
    """The bytes of `finding`'s span: 1-based lines, byte columns, end column one past the end."""
    lines = blob.splitlines(keepends=True)

    def offset(line, column):
        if line - 1 >= len(lines):
            return len(blob)
        return sum(len(x) for x in lines[:line - 1]) + column - 1

    start = offset(finding["line"], finding.get("column", finding.get("col", 1)))
    end = offset(finding["end_line"], finding.get("end_column", finding.get("end_col", 1)))
    return blob[start:end]


def judge(repo, commits, findings):
    """Per finding: normalized text, re-report or not; per merge: merge repeats."""
    objects = Objects(repo)
    line_offsets = {}
    for f in findings:
        language = history.language_of(f["path"])
        key = (f["commit"], f["path"])
        if key not in line_offsets:
            line_offsets[key] = objects.read("%s:%s" % key) or b""
        f["_text"] = span_text(line_offsets[key], f)
        f["_norm"] = history.normalized_code(f["_text"], language)
        f["_reason"] = None
        f["_strict"] = False
        for parent in commits[f["commit"]]["parents"]:
            before = after = 0
            for status, old, new, old_blob, new_blob, mode in diff_tree(repo, parent, f["commit"]):
                if not f["_norm"]:
                    continue
                if status != "A" and history.language_of(old) == language:
                    count = objects.normalized_blob(old_blob, language).count(f["_norm"])
                    if count and not f["_reason"]:
                        f["_reason"] = "%s:%s" % (parent[:10], old)
                    before += count
                if status != "D" and history.language_of(new) == language:
                    after += objects.normalized_blob(new_blob, language).count(f["_norm"])
            if before and after <= before:  # not one more copy than the parent had: moved or kept
                f["_strict"] = True
        f["_repeat"] = False
    by_commit = collections.defaultdict(list)
    for f in findings:
        by_commit[f["commit"]].append(f)
    for sha, info in commits.items():
        if len(info["parents"]) < 2 or sha not in by_commit:
            continue
        side = set()
        for parent in info["parents"][1:]:
            side.update(git(repo, "rev-list", parent, "--not", info["parents"][0]).split())
        seen = {(f["rule"], f["_norm"]) for s in side for f in by_commit.get(s, [])}
        for f in by_commit[sha]:
            f["_repeat"] = (f["rule"], f["_norm"]) in seen
    objects.close()


def floor_bytes(repo, commits, languages):
    """Bytes (and files) of the post-images bench_floor parses: every commit against its first
    parent, added/modified/renamed files of a language with rules, at most 1 MiB."""
    sizes = {}
    wanted = []
    for sha, info in commits.items():
        parent = info["parents"][0] if info["parents"] else None
        for status, old, new, old_blob, new_blob, mode in diff_tree(repo, parent, sha):
            if status in "AMRTC" and mode in ("100644", "100755") and history.language_of(new) in languages:
                wanted.append((sha, new_blob))
    blobs = sorted({b for _, b in wanted})
    out = subprocess.run(["git", "-C", repo, "cat-file", "--batch-check"], input="\n".join(blobs).encode(),
                         capture_output=True, check=True).stdout.decode().split("\n")
    for line in out:
        parts = line.split()
        if len(parts) == 3:
            sizes[parts[0]] = int(parts[2])
    total = {"all": [0, 0], "merges": [0, 0]}
    for sha, blob in wanted:
        size = sizes.get(blob, 0)
        if size > MAX_FILE_BYTES:
            continue
        for key in ("all", "merges") if len(commits[sha]["parents"]) > 1 else ("all",):
            total[key][0] += size
            total[key][1] += 1
    return {k: {"bytes": v[0], "files": v[1]} for k, v in total.items()}


def rule_languages():
    langs = set()
    for directory in os.listdir(os.path.join(ROOT, "rules")):
        for name in os.listdir(os.path.join(ROOT, "rules", directory)):
            with open(os.path.join(ROOT, "rules", directory, name), encoding="utf-8") as f:
                for line in f:
                    if line.startswith("language:"):
                        langs.add(line.split(":", 1)[1].strip().strip("\"'"))
    return langs or set(history.LANGUAGE_OF_EXTENSION.values())


def timed(argv):
    start = time.perf_counter()
    proc = subprocess.run(argv, capture_output=True)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        sys.exit("attribution: %s failed (%d): %s" % (" ".join(argv), proc.returncode, proc.stderr.decode()[-800:]))
    return elapsed, proc.stdout


def rebase_follow(mentor, repo, rewrite_ref):
    """Records of a 5-commit branch before and after `git rebase` onto a main that moved."""
    env = dict(os.environ, GIT_AUTHOR_NAME="Mentee Example", GIT_AUTHOR_EMAIL="mentee@example.com",
               GIT_COMMITTER_NAME="Mentee Example", GIT_COMMITTER_EMAIL="mentee@example.com",
               GIT_AUTHOR_DATE="1800000000 +0000", GIT_COMMITTER_DATE="1800000000 +0000",
               GIT_CONFIG_NOSYSTEM="1", HOME=tempfile.gettempdir())
    with tempfile.TemporaryDirectory(prefix="git-mentor-rebase-") as tmp:
        work = os.path.join(tmp, "work")

        def run(*argv, check=True):
            proc = subprocess.run(list(argv), cwd=work, env=env, capture_output=True)
            if check and proc.returncode != 0:
                sys.exit("attribution: %s failed: %s" % (" ".join(argv), proc.stderr.decode()[-800:]))
            return proc.stdout.decode()

        subprocess.run(["git", "clone", "-q", "--no-local", repo, work], check=True, env=env)
        if rewrite_ref:
            run("git", "config", "notes.rewriteRef", "refs/notes/mentor")
        run("git", "checkout", "-q", "-b", "topic", "main~8")
        gen = history._History.__new__(history._History)  # only its snippets: no source pool needed
        gen.rng = history.random.Random(7)
        gen.tags = 100000
        for i in range(5):
            language = ("python", "javascript")[i % 2]
            name = "topic/part_%d.%s" % (i, "py" if language == "python" else "js")
            os.makedirs(os.path.join(work, "topic"), exist_ok=True)
            with open(os.path.join(work, name), "wb") as f:
                f.write(b"".join(gen.snippet(language)))
            run("git", "add", name)
            run("git", "commit", "-q", "-m", "topic %d" % i)
        run(mentor, "check", "--record", "--fail-on", "never", "-q", "main..topic", check=False)

        def records(commits):
            """Per commit: the commit ids named by what `log` returns for that commit alone."""
            return {c: {f["commit"] for f in json.loads(run(mentor, "log", "--format", "json", c + "^.." + c) or "[]")}
                    for c in commits}

        topic = run("git", "rev-list", "main..topic").split()
        before = records(topic)
        run("git", "rebase", "-q", "main", "topic")
        rebased = run("git", "rev-list", "main..topic").split()
        after = records(rebased)
        return {"commits": len(topic), "recorded before": sum(1 for c in topic if before[c]),
                "rebased commits": len(rebased), "rewritten": len(set(rebased) - set(topic)),
                "rebased with a record": sum(1 for c in rebased if after[c]),
                "record names the new commit": sum(1 for c in rebased if c in after[c])}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mentor", default=os.path.join(ROOT, "build", "git-mentor"))
    parser.add_argument("--floor", default=None, help="bench_floor (default: next to --mentor, or build/tests/bench)")
    parser.add_argument("--commits", type=int, default=600, help="size of the generated history")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--runs", type=int, default=3, help="interleaved timing runs (medians)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--repo", default=None, help="an existing repository instead of a generated one")
    parser.add_argument("--range", default=None, help="with --repo: the commits to check (default HEAD~300..HEAD)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args()
    mentor = os.path.abspath(args.mentor)
    floor = args.floor
    if floor is None:
        here = os.path.dirname(mentor)
        for candidate in (os.path.join(here, "bench_floor"), os.path.join(here, "tests", "bench", "bench_floor"),
                          os.path.join(ROOT, "build", "tests", "bench", "bench_floor")):
            if os.path.exists(candidate):
                floor = candidate
                break

    generated = args.repo is None
    if generated:
        repo = os.path.join(tempfile.gettempdir(), "git-mentor-attribution-%d-%d.git" % (args.commits, args.seed))
        if not os.path.isdir(repo):
            print("building %s (%d commits)..." % (repo, args.commits), file=sys.stderr)
            tmp = repo + ".tmp"
            subprocess.run(["rm", "-rf", tmp])
            history.build_attribution_repository(tmp, args.commits, args.seed)
            os.rename(tmp, repo)
        root = git(repo, "rev-list", "--max-parents=0", "HEAD").split()[0]
        rng = root + "..HEAD"
    else:
        repo = os.path.abspath(args.repo)
        rng = args.range or "HEAD~300..HEAD"

    commits = {}
    for line in git(repo, "log", "--format=%H%x09%P%x09%s", rng, "--").splitlines():
        sha, parents, subject = line.split("\t", 2)
        parents = parents.split()
        if generated:
            words = subject.split()
            kind = words[0] if words else "other"
            if kind == "merge" and len(words) > 1:
                kind = "merge/" + words[1]
        else:
            kind = "merge" if len(parents) > 1 else "commit"
        commits[sha] = {"parents": parents, "kind": kind}

    check = [mentor, "-C", repo, "check", "--format", "json", "--fail-on", "never", "--jobs", str(args.jobs), rng]
    commands = {"check": check}
    if floor:
        commands["floor/diff"] = [floor, repo, "diff", str(args.jobs), rng]
        commands["floor/parse"] = [floor, repo, "parse", str(args.jobs), rng]
    times = {name: [] for name in commands}
    output = None
    for _ in range(max(1, args.runs)):  # interleaved: drift on a shared machine hits all alike
        for name, argv in commands.items():
            elapsed, out = timed(argv)
            times[name].append(elapsed)
            if name == "check" and output is None:
                output = out
    findings = json.loads(output or b"[]")
    judge(repo, commits, findings)

    kinds = collections.OrderedDict()
    order = ["change", "move", "comment", "merge/clean", "merge/evil", "merge/conflict", "commit", "merge"]
    for kind in sorted({c["kind"] for c in commits.values()}, key=lambda k: (order.index(k) if k in order else 99, k)):
        kinds[kind] = {"commits": 0, "findings": 0, "re-reports": 0, "strict": 0, "merge repeats": 0, "either": 0, "examples": []}
    for info in commits.values():
        kinds[info["kind"]]["commits"] += 1
    for f in findings:
        row = kinds[commits[f["commit"]]["kind"]] if f["commit"] in commits else None
        if row is None:
            continue
        row["findings"] += 1
        row["re-reports"] += bool(f["_reason"])
        row["either"] += bool(f["_reason"] or f["_repeat"])
        row["strict"] += f["_strict"]
        row["merge repeats"] += f["_repeat"]
        if (f["_reason"] or f["_repeat"]) and len(row["examples"]) < 3:
            row["examples"].append("%s %s:%d %s %r (in %s%s)" % (
                f["commit"][:10], f["path"], f["line"], f["rule"], f["_norm"][:60].decode("utf-8", "replace"),
                f["_reason"] or "side branch's findings", "" if f["_strict"] or not f["_reason"] else "; a copy"))
    total = {k: sum(row[k] for row in kinds.values()) for k in ("commits", "findings", "re-reports", "strict", "merge repeats", "either")}
    for row in list(kinds.values()) + [total]:
        row["re-report %"] = 100.0 * row["re-reports"] / row["findings"] if row["findings"] else 0.0
        row["findings per 1,000 commits"] = 1000.0 * row["findings"] / row["commits"] if row["commits"] else 0.0

    med = {name: statistics.median(values) for name, values in times.items()}
    result = {
        "repository": repo, "range": rng, "mentor": mentor, "commits": len(commits), "runs": args.runs,
        "jobs": args.jobs, "kinds": kinds, "total": total,
        "seconds": med, "floor bytes": floor_bytes(repo, commits, rule_languages()),
    }
    if "floor/parse" in med:
        result["check / floor(parse)"] = med["check"] / med["floor/parse"]
        result["check / floor(diff)"] = med["check"] / med["floor/diff"]
    if generated:
        result["rebase"] = {"default config": rebase_follow(mentor, repo, False),
                            "notes.rewriteRef set": rebase_follow(mentor, repo, True)}
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print("git-mentor attribution: %s, %s (%d commits), %s" % (
        "generated history" if generated else repo, rng if not generated else "root..HEAD", len(commits), mentor))
    print("  %-15s %7s %8s %10s %11s %9s %7s %13s %7s" % (
        "kind", "commits", "findings", "re-reports", "re-report %", "per 1k", "strict", "merge repeats", "either"))
    for kind, row in list(kinds.items()) + [("total", total)]:
        print("  %-15s %7d %8d %10d %10.1f%% %9.1f %7d %13d %7d" % (
            kind, row["commits"], row["findings"], row["re-reports"], row["re-report %"],
            row["findings per 1,000 commits"], row["strict"], row["merge repeats"], row["either"]))
    print("  (per 1k: findings per 1,000 commits; strict: re-reports the commit did not copy, its versions of\n"
          "   the touched files holding the text no more often than the parent's; either: re-report or merge repeat)")
    for kind, row in kinds.items():
        for example in row["examples"]:
            print("    e.g. %-14s %s" % (kind, example))
    print("  seconds, medians of %d interleaved runs (--jobs %d): %s" % (
        args.runs, args.jobs, ", ".join("%s %.2f" % (k, v) for k, v in med.items())))
    if "floor/parse" in med:
        print("  check / floor(diff+parse): %.2fx   check / floor(diff): %.2fx" % (
            result["check / floor(parse)"], result["check / floor(diff)"]))
    else:
        print("  (no bench_floor found: no floor timing)")
    fb = result["floor bytes"]
    share = 100.0 * fb["merges"]["bytes"] / fb["all"]["bytes"] if fb["all"]["bytes"] else 0.0
    print("  floor parses %.1f MB in %d files; merges (against their first parent) %.1f MB in %d files: %.1f%%" % (
        fb["all"]["bytes"] / 1e6, fb["all"]["files"], fb["merges"]["bytes"] / 1e6, fb["merges"]["files"], share))
    if generated:
        for name, r in result["rebase"].items():
            print("  rebase (%s): %d commits, %d recorded; rebased (%d rewritten): %d with a record, "
                  "%d of them naming the new commit" % (name, r["commits"], r["recorded before"], r["rewritten"],
                                                        r["rebased with a record"], r["record names the new commit"]))


if __name__ == "__main__":
    main()
