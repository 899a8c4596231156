#!/usr/bin/env python3
"""Differential test: ast-grep and git-mentor run the same rules over the same corpus.

Both tools scan tests/differential/corpus/ with the rules in tests/differential/rules/ and the
shared utility rules in tests/differential/utils/ (ast-grep's `utilDirs`), and must report the
same matches: the same (rule id, path, start line:column, end line:column) set, and for a rule
with a fix the same replacement text and replaced bytes of each match. git-mentor runs
twice, with --rules / --utils and with ast-grep's sgconfig.yml itself, and both runs must agree
with ast-grep. The
pinned ast-grep (@ast-grep/cli from the npm registry) is installed on first use into a cache
outside the source tree; without npm or the registry the test fails, it never skips.

    tests/differential/run.py --mentor build/git-mentor [--grammar-libraries DIR]
                              [--ast-grep PATH] [--keep] [-v]

Each file in tests/differential/rejected/ is a rule file both tools must refuse: ast-grep with
an error saying its `# ast-grep says:` line, git-mentor with exit status 2, a file:line:col
position and its `# git-mentor says:` line.

Exit status: 0 when every match agrees, every rule matched something and every rejected file
is refused by both, 1 otherwise, 2 when a tool could not be installed or run. See "The differential test" in docs/writing-rules.md.
"""

import argparse
import collections
import fcntl
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# The ast-grep release the engine is compared with. Changing it may change the grammars that
# ast-grep bundles; update "Differences from ast-grep" in docs/writing-rules.md with it.
AST_GREP_VERSION = "0.51.1"
AST_GREP_PACKAGE = "@ast-grep/cli"

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
RULES = HERE / "rules"
UTILS = HERE / "utils"
REJECTED = HERE / "rejected"

# Languages whose grammar release git-mentor pins differs from the one ast-grep bundles (the npm
# registry does not serve ast-grep's; see grammars/README.md): ast-grep parses them with
# git-mentor's own grammar, built from the build's static library into a shared one and loaded
# as a custom language, so that the engines are compared on the same trees. name: (C symbol,
# ast-grep's expando character for the language).
PINNED_GRAMMARS = {
    "hcl": ("tree_sitter_hcl", "µ"),
    "javascript": ("tree_sitter_javascript", None),
    "kotlin": ("tree_sitter_kotlin", "µ"),
    "lua": ("tree_sitter_lua", None),
    "scala": ("tree_sitter_scala", None),
    "swift": ("tree_sitter_swift", "µ"),
    "yaml": ("tree_sitter_yaml", None),
}

# A match as both tools are compared on: rule id, path, then 1-based start line, start column,
# end line and end column (one past the last byte).
Key = collections.namedtuple("Key", "rule path line column end_line end_column")


class SetupError(Exception):
    """A tool could not be installed or run (exit status 2)."""


def cache_root():
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "git-mentor"


def run(command, cwd=None, env=None, ok=(0,)):
    """Runs `command`, returns its stdout; raises SetupError with its stderr when it fails or
    exits with a status not in `ok`."""
    try:
        done = subprocess.run(command, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                              capture_output=True, text=True, check=False)
    except OSError as error:
        raise SetupError(f"cannot run {command[0]}: {error}") from error
    if done.returncode not in ok:
        raise SetupError(f"{' '.join(str(c) for c in command)} exited with {done.returncode}:\n"
                         f"{done.stderr.strip()}")
    return done.stdout


def ast_grep_version(binary):
    try:
        return run([str(binary), "--version"]).strip()
    except SetupError:
        return None


def find_platform_binary(prefix):
    """The ast-grep executable of the platform package npm installed under `prefix`."""
    scope = prefix / "node_modules" / "@ast-grep"
    for package in sorted(scope.glob("cli-*")):
        candidate = package / "ast-grep"
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


def install_ast_grep(cache):
    """The pinned ast-grep binary, installed with npm into `cache` unless it is there already.

    Concurrent runs (a normal and a sanitizer build) take a lock; the install goes to a scratch
    directory that is renamed into place only when complete.
    """
    wanted = f"ast-grep {AST_GREP_VERSION}"
    target = cache / f"ast-grep-{AST_GREP_VERSION}"
    cache.mkdir(parents=True, exist_ok=True)
    with open(cache / f"ast-grep-{AST_GREP_VERSION}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        binary = find_platform_binary(target)
        if binary is not None and ast_grep_version(binary) == wanted:
            return binary
        if shutil.which("npm") is None:
            raise SetupError("npm is not installed: it is needed to install "
                             f"{AST_GREP_PACKAGE}@{AST_GREP_VERSION}")
        scratch = Path(tempfile.mkdtemp(prefix="ast-grep-", dir=cache))
        try:
            (scratch / "package.json").write_text('{"private": true}\n')
            # The platform binary comes in an optional dependency; the postinstall script that
            # copies it next to the JavaScript shim is not needed.
            run(["npm", "install", "--prefix", str(scratch), "--no-audit", "--no-fund",
                 "--no-save", "--ignore-scripts", "--include=optional", "--loglevel=error",
                 f"{AST_GREP_PACKAGE}@{AST_GREP_VERSION}"])
            binary = find_platform_binary(scratch)
            if binary is None:
                raise SetupError(f"{AST_GREP_PACKAGE}@{AST_GREP_VERSION} installed no binary for "
                                 "this platform")
            version = ast_grep_version(binary)
            if version != wanted:
                raise SetupError(f"the installed ast-grep reports {version!r}, not {wanted!r}")
            shutil.rmtree(target, ignore_errors=True)
            scratch.rename(target)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
        return find_platform_binary(target)


def make_repository(directory):
    """A git repository whose single root commit adds the corpus."""
    repo = directory / "repo"
    shutil.copytree(CORPUS, repo)
    env = dict(os.environ, GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL=os.devnull,
               GIT_AUTHOR_NAME="Corpus", GIT_AUTHOR_EMAIL="corpus@example.com",
               GIT_COMMITTER_NAME="Corpus", GIT_COMMITTER_EMAIL="corpus@example.com")
    run(["git", "init", "-q", str(repo)], env=env)
    run(["git", "add", "-A"], cwd=repo, env=env)
    run(["git", "commit", "-q", "-m", "Corpus"], cwd=repo, env=env)
    return repo


def rule_ids():
    """Every rule id declared in the rule files, in file order."""
    ids = []
    for path in sorted(RULES.glob("*.yaml")):
        for line in path.read_text().splitlines():
            if line.startswith("id:"):
                ids.append(line[3:].strip())
    return ids


def write_sgconfig(repo):
    """The ast-grep project file naming the rules and shared utilities, at the repository's root:
    ast-grep reads `files` / `ignores` globs relative to its directory. It is written after the
    corpus commit, so it is no file the review sees."""
    config = repo / "sgconfig.yml"
    config.write_text(f"ruleDirs:\n  - {json.dumps(str(RULES))}\n"
                      f"utilDirs:\n  - {json.dumps(str(UTILS))}\n")
    return config


def write_ast_grep_config(repo, directory, libraries):
    """ast-grep's own project file, beside sgconfig.yml (so that globs read alike): the same
    rules and utilities, with each language of PINNED_GRAMMARS renamed to a custom language that
    parses with git-mentor's grammar (languageGlobs maps its files to it)."""
    rules = directory / "ast-grep-rules"
    utils = directory / "ast-grep-utils"
    custom = {name: f"mentorpinned{name}" for name in PINNED_GRAMMARS}

    def renamed(source, target):
        target.mkdir()
        for path in sorted(source.iterdir()):
            text = path.read_text()
            for name, alias in custom.items():
                text = text.replace(f"language: {name}\n", f"language: {alias}\n")
            (target / path.name).write_text(text)

    renamed(RULES, rules)
    renamed(UTILS, utils)
    lines = [f"ruleDirs:\n  - {json.dumps(str(rules))}", f"utilDirs:\n  - {json.dumps(str(utils))}",
             "customLanguages:"]
    globs = ["languageGlobs:"]
    for name, (symbol, expando) in PINNED_GRAMMARS.items():
        library = directory / f"{name}.so"
        archive = libraries / f"libmentor_grammar_{name}.a"
        if not archive.exists():
            raise SetupError(f"{archive} is missing: the differential test needs the build's "
                             "grammar libraries")
        run(["cc", "-shared", "-o", str(library), "-Wl,--whole-archive", str(archive),
             "-Wl,--no-whole-archive"])
        lines.append(f"  {custom[name]}:\n    libraryPath: {json.dumps(str(library))}\n"
                     f"    extensions: [{name}-pinned]\n    languageSymbol: {symbol}")
        if expando:
            lines.append(f"    expandoChar: {json.dumps(expando)}")
        extensions = sorted({p.suffix for p in (CORPUS / name).rglob("*") if p.is_file()})
        globs.append(f"  {custom[name]}: [{', '.join(json.dumps('*' + e) for e in extensions)}]")
    config = repo / "sgconfig-ast-grep.yml"
    config.write_text("\n".join(lines + globs) + "\n")
    return config


def mentor_matches(mentor, repo, sources, fixes=None):
    """git-mentor's matches with the rule sources `sources` (command-line arguments); with
    `fixes`, a dict, each match's fix (replacement, start byte, end byte) goes into it."""
    output = run([str(mentor), "-C", str(repo), "check", *sources, "--format", "json",
                  "--scope", "file", "--fail-on", "never", "HEAD"])
    keys = []
    for finding in json.loads(output):
        # ast-grep leaves out what an `ast-grep-ignore` comment suppresses; git-mentor reports it
        # marked as suppressed.
        if finding.get("suppressed"):
            continue
        key = Key(finding["rule"], finding["path"], finding["line"], finding["column"],
                  finding["end_line"], finding["end_column"])
        keys.append(key)
        if fixes is not None and "fix" in finding:
            fix = finding["fix"]
            fixes[key] = (fix["replacement"], fix["start_byte"], fix["end_byte"])
    return keys


def ast_grep_matches(binary, repo, config, fixes):
    """ast-grep's matches; each match's fix (replacement, start byte, end byte) goes into the
    dict `fixes`."""
    # Status 1 means a match of an `error` rule, not a failure.
    output = run([str(binary), "scan", "--config", str(config), "--custom-languages", "allow",
                  "--json=stream", "."], cwd=repo, ok=(0, 1))
    keys = []
    for line in output.splitlines():
        if not line.strip():
            continue
        match = json.loads(line)
        start = match["range"]["start"]
        end = match["range"]["end"]
        path = match["file"]
        if path.startswith("./"):
            path = path[2:]
        # ast-grep: 0-based lines and columns, the end column exclusive.
        key = Key(match["ruleId"], path, start["line"] + 1, start["column"] + 1,
                  end["line"] + 1, end["column"] + 1)
        keys.append(key)
        if "replacement" in match:
            offsets = match.get("replacementOffsets") or {}
            fixes[key] = (match["replacement"], offsets.get("start"), offsets.get("end"))
    return keys


def compare_fixes(repo, mentor_fixes, ast_grep_fixes, agreed):
    """Prints the fixes of the agreed matches on which the tools differ; returns the number of
    matches with a fix compared and of differences."""
    compared = 0
    differing = 0
    for key in sorted(agreed):
        mentor = mentor_fixes.get(key)
        ast_grep = ast_grep_fixes.get(key)
        if mentor is None and ast_grep is None:
            continue
        compared += 1
        if mentor != ast_grep:
            differing += 1
            print(f"FIX DIFFERS: {describe(repo, key)}\n  git-mentor: {mentor!r}\n"
                  f"  ast-grep:   {ast_grep!r}")
    print(f"fixes: {compared} compared, {differing} differ")
    return differing


def source_text(repo, key):
    lines = (repo / key.path).read_text().splitlines()
    if key.line == key.end_line:
        return lines[key.line - 1][key.column - 1:key.end_column - 1]
    first = lines[key.line - 1][key.column - 1:]
    return first + " ..." if len(first) < 60 else first[:60] + "..."


def describe(repo, key):
    return (f"{key.rule}  {key.path}:{key.line}:{key.column}-{key.end_line}:{key.end_column}  "
            f"{source_text(repo, key)!r}")


def compare(repo, mentor_keys, ast_grep_keys, ids, verbose):
    """Prints the comparison; returns True when the tools agree and every rule matched."""
    ok = True
    # Matches are compared as sets: when one rule matches two nodes of the same range (a
    # statement and its only child), ast-grep reports both and git-mentor one finding.
    mentor = set(mentor_keys)
    ast_grep = set(ast_grep_keys)
    agree = mentor & ast_grep
    only_mentor = sorted(mentor - ast_grep)
    only_ast_grep = sorted(ast_grep - mentor)

    by_rule = collections.Counter(key.rule for key in agree)
    unknown = sorted({key.rule for key in mentor | ast_grep} - set(ids))
    for rule in unknown:
        print(f"UNKNOWN rule id in the output: {rule}")
        ok = False
    silent = [rule for rule in ids if by_rule[rule] == 0]
    for rule in silent:
        print(f"NO MATCH: rule {rule} matched nothing both tools agree on; the corpus must "
              "exercise every rule")
        ok = False
    for key in only_mentor:
        print(f"ONLY git-mentor: {describe(repo, key)}")
    for key in only_ast_grep:
        print(f"ONLY ast-grep:   {describe(repo, key)}")
    if verbose:
        for key in sorted(agree):
            print(f"agree: {describe(repo, key)}")

    languages = sorted(path.name for path in CORPUS.iterdir() if path.is_dir())
    compared = len(mentor | ast_grep)
    differing = len(only_mentor) + len(only_ast_grep)
    print(f"ast-grep {AST_GREP_VERSION}: {len(ids)} rules, {len(languages)} corpus languages, "
          f"{compared} matches compared, {len(agree)} agree, {differing} differ "
          f"({len(only_mentor)} only in git-mentor, {len(only_ast_grep)} only in ast-grep)")
    return ok and differing == 0


def expected_errors(path):
    """The `# ast-grep says:` and `# git-mentor says:` lines of a rejected rule file."""
    said = {}
    for line in path.read_text().splitlines():
        for tool in ("ast-grep", "git-mentor"):
            prefix = f"# {tool} says:"
            if line.startswith(prefix):
                said[tool] = line[len(prefix):].strip()
    return said


def check_rejected(binary, mentor, repo):
    """Both tools must refuse every file of REJECTED; returns True when they do."""
    ok = True
    files = sorted(REJECTED.glob("*.yml"))
    for path in files:
        said = expected_errors(path)
        if set(said) != {"ast-grep", "git-mentor"}:
            print(f"BAD CASE {path.name}: it needs '# ast-grep says:' and '# git-mentor says:'")
            ok = False
            continue
        ast_grep = subprocess.run([str(binary), "scan", "--rule", str(path), "."], cwd=repo,
                                  stdin=subprocess.DEVNULL, capture_output=True, text=True)
        ast_grep_out = ast_grep.stdout + ast_grep.stderr
        if ast_grep.returncode in (0, 1) or said["ast-grep"] not in ast_grep_out:
            print(f"ast-grep ACCEPTS {path.name} or says otherwise (exit "
                  f"{ast_grep.returncode}): {ast_grep_out.strip()[-300:]}")
            ok = False
        mentor_run = subprocess.run([str(mentor), "-C", str(repo), "rules", "list", "--rules",
                                     str(path)], stdin=subprocess.DEVNULL, capture_output=True,
                                    text=True)
        located = f"{path}:" in mentor_run.stderr or f"{path.name}:" in mentor_run.stderr
        if (mentor_run.returncode != 2 or said["git-mentor"] not in mentor_run.stderr
                or not located):
            print(f"git-mentor ACCEPTS {path.name} or says otherwise (exit "
                  f"{mentor_run.returncode}): {mentor_run.stderr.strip()[-300:]}")
            ok = False
    print(f"{len(files)} rejected rule files: {'both tools refuse each' if ok else 'DIFFER'}")
    return ok


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mentor", required=True, type=Path, help="the git-mentor executable")
    parser.add_argument("--grammar-libraries", type=Path,
                        help="where the build's libmentor_grammar_*.a are (default: beside "
                        "--mentor)")
    parser.add_argument("--ast-grep", type=Path,
                        help="an ast-grep executable to use instead of installing the pinned one")
    parser.add_argument("--cache-dir", type=Path, default=cache_root(),
                        help="where the pinned ast-grep is installed (default: %(default)s)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary repository")
    parser.add_argument("-v", "--verbose", action="store_true", help="also list agreeing matches")
    args = parser.parse_args()

    started = time.monotonic()
    directory = Path(tempfile.mkdtemp(prefix="mentor-differential-"))
    keep = args.keep
    try:
        try:
            binary = args.ast_grep or install_ast_grep(args.cache_dir)
            print(f"ast-grep: {binary} ({ast_grep_version(binary)})")
            repo = make_repository(directory)
            ids = rule_ids()
            config = write_sgconfig(repo)
            mentor_fixes = {}
            ast_grep_fixes = {}
            mentor_keys = mentor_matches(args.mentor, repo,
                                         ["--rules", str(RULES), "--utils", str(UTILS)],
                                         mentor_fixes)
            # The same rules through the ast-grep project, as `git mentor check --rules DIR`
            # reads a directory holding an sgconfig.yml.
            project_keys = mentor_matches(args.mentor, repo, ["--rules", str(repo)])
            ast_grep_config = write_ast_grep_config(
                repo, directory, args.grammar_libraries or args.mentor.resolve().parent)
            ast_grep_keys = ast_grep_matches(binary, repo, ast_grep_config, ast_grep_fixes)
        except SetupError as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
        ok = compare(repo, mentor_keys, ast_grep_keys, ids, args.verbose)
        agreed = set(mentor_keys) & set(ast_grep_keys)
        ok = compare_fixes(repo, mentor_fixes, ast_grep_fixes, agreed) == 0 and ok
        ok = check_rejected(binary, args.mentor, repo) and ok
        if sorted(project_keys) != sorted(mentor_keys):
            ok = False
            for key in sorted(set(project_keys) ^ set(mentor_keys)):
                print(f"DIFFERENT through sgconfig.yml: {describe(repo, key)}")
        if not ok:
            keep = True
        print(f"{time.monotonic() - started:.1f}s")
        return 0 if ok else 1
    finally:
        if keep:
            print(f"kept the temporary repository in {directory}")
        else:
            shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
