#!/usr/bin/env python3
"""Installs git-mentor as a user would and uses it from there.

    tests/install/run.py --build build [--keep]

1. `cmake --install BUILD --prefix TMP`: the binary, the manual pages, the bash completion, the
   JSON Schemas.
2. `git mentor --help` with PATH and MANPATH pointing into TMP shows git-mentor(1) (git runs
   `man git-mentor`), and `man git-mentor-hook` shows git-mentor-hook(1).
3. Completion from there: bash calls _git_mentor for `git mentor <TAB>` through git's own
   completion (/usr/share/bash-completion/completions/git, which loads ours on demand from
   TMP/share/bash-completion/completions) when it is installed, and for `git-mentor <TAB>` by
   sourcing ours: commands, options, option values and the rule ids of `rules explain`.
4. `cpack -G DEB` builds the package into TMP; its files and its Depends are checked.
Exit status 0 when all hold, 1 otherwise (every failure is printed).
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

FAILURES = []
BASH_COMPLETION = "/usr/share/bash-completion/bash_completion"
GIT_COMPLETION = "/usr/share/bash-completion/completions/git"


def check(condition, what, detail=""):
    if condition:
        print(f"ok: {what}")
    else:
        FAILURES.append(what)
        print(f"FAIL: {what}\n{detail}", file=sys.stderr)


def run(args, **kwargs):
    return subprocess.run(args, capture_output=True, text=True, **kwargs)


def complete(prefix, repo, line_words, through_git):
    """COMPREPLY for the words typed so far (the last one is being completed)."""
    completion = prefix / "share/bash-completion/completions/git-mentor"
    words = " ".join("'" + w + "'" for w in line_words)
    if through_git:
        # git's completion finds _git_mentor by loading completions/git-mentor from
        # XDG_DATA_DIRS through bash-completion, as on a user's machine; without bash-completion
        # (git's script alone) ours is sourced after git's.
        if Path(BASH_COMPLETION).exists():
            load = f"source {BASH_COMPLETION}"
        else:
            load = f"source '{completion}'"
        script = f"""
            source {GIT_COMPLETION}
            {load}
            COMP_WORDS=({words}); COMP_CWORD=$(( ${{#COMP_WORDS[@]}} - 1 ))
            COMP_LINE="${{COMP_WORDS[*]}}"; COMP_POINT=${{#COMP_LINE}}
            __git_wrap__git_main
            printf '%s\\n' "${{COMPREPLY[@]}}"
        """
    else:
        script = f"""
            source '{completion}'
            COMP_WORDS=({words}); COMP_CWORD=$(( ${{#COMP_WORDS[@]}} - 1 ))
            _git_mentor
            printf '%s\\n' "${{COMPREPLY[@]}}"
        """
    env = dict(os.environ)
    env["PATH"] = f"{prefix / 'bin'}:{env['PATH']}"
    env["XDG_DATA_DIRS"] = f"{prefix / 'share'}:/usr/share"
    result = run(["bash", "-c", script], cwd=repo, env=env)
    return [w.strip() for w in result.stdout.splitlines() if w.strip()], result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", required=True, type=Path)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="git-mentor-install-"))
    try:
        prefix = tmp / "prefix"
        result = run(["cmake", "--install", str(args.build), "--prefix", str(prefix)])
        check(result.returncode == 0, "cmake --install", result.stdout + result.stderr)
        installed = sorted(str(p.relative_to(prefix)) for p in prefix.rglob("*") if p.is_file())
        print("installed:\n  " + "\n  ".join(installed))
        for path in ["bin/git-mentor", "share/man/man1/git-mentor.1",
                     "share/man/man1/git-mentor-check.1", "share/man/man1/git-mentor-hook.1",
                     "share/bash-completion/completions/git-mentor",
                     "share/git-mentor/schemas/rule.schema.json",
                     "share/git-mentor/schemas/git-mentor.schema.json"]:
            check(path in installed, f"installs {path}")

        repo = tmp / "repo"
        run(["git", "init", "-q", str(repo)])
        env = dict(os.environ)
        env.update(PATH=f"{prefix / 'bin'}:{env['PATH']}", MANPATH=str(prefix / "share/man"),
                   MANPAGER="cat", PAGER="cat", MANWIDTH="100", GIT_CONFIG_NOSYSTEM="1",
                   HOME=str(tmp))
        result = run(["git", "mentor", "--help"], cwd=repo, env=env)
        check(result.returncode == 0 and "git-mentor - review a mentee's commits" in result.stdout
              and "git-mentor-check(1)" in result.stdout,
              "git mentor --help shows git-mentor(1) from the prefix",
              result.stdout[:2000] + result.stderr)
        result = run(["man", "git-mentor-hook"], cwd=repo, env=env)
        check(result.returncode == 0 and "git mentor hook pre-commit" in result.stdout,
              "man git-mentor-hook shows git-mentor-hook(1)", result.stdout[:2000] + result.stderr)

        ways = [False]
        if Path(GIT_COMPLETION).exists():
            ways.insert(0, True)
            if not Path(BASH_COMPLETION).exists():
                print("note: bash-completion is not installed: git's completion cannot load "
                      "ours on demand, so it is sourced after git's")
        else:
            print("note: git's bash completion is not installed; ours is sourced directly")
        for through_git in ways:
            head = ["git", "mentor"] if through_git else ["git-mentor"]
            how = "git mentor" if through_git else "git-mentor"
            words, result = complete(prefix, repo, head + ["ch"], through_git)
            check(words == ["check"], f"{how} ch<TAB> -> check", f"{words} {result.stderr}")
            words, result = complete(prefix, repo, head + [""], through_git)
            check({"check", "review", "rules", "hook", "summary"} <= set(words),
                  f"{how} <TAB> -> the commands", f"{words} {result.stderr}")
            words, result = complete(prefix, repo, head + ["check", "--fo"], through_git)
            check(words == ["--format"], f"{how} check --fo<TAB> -> --format",
                  f"{words} {result.stderr}")
            words, result = complete(prefix, repo, head + ["check", "--format", "s"], through_git)
            check(words == ["sarif"], f"{how} check --format s<TAB> -> sarif",
                  f"{words} {result.stderr}")
            words, result = complete(prefix, repo, head + ["review", "con"], through_git)
            check(words == ["confirm"], f"{how} review con<TAB> -> confirm",
                  f"{words} {result.stderr}")
            words, result = complete(prefix, repo, head + ["rules", "explain", "py-bare"],
                                     through_git)
            check(words == ["py-bare-except"], f"{how} rules explain py-bare<TAB> -> the rule id",
                  f"{words} {result.stderr}")
            words, result = complete(prefix, repo, head + ["hook", "install", "--pre-"],
                                     through_git)
            check(set(words) == {"--pre-push", "--pre-commit"},
                  f"{how} hook install --pre-<TAB> -> both hooks", f"{words} {result.stderr}")

        if shutil.which("dpkg-deb") is None or shutil.which("cpack") is None:
            check(False, "cpack and dpkg-deb are installed (apt-get install dpkg-dev cmake)")
        else:
            debs = tmp / "deb"
            result = run(["cpack", "-G", "DEB", "-B", str(debs)], cwd=args.build)
            found = sorted(debs.glob("*.deb"))
            check(result.returncode == 0 and len(found) == 1, "cpack -G DEB builds one package",
                  result.stdout + result.stderr)
            if found:
                deb = found[0]
                print(f"package: {deb.name}")
                contents = run(["dpkg-deb", "-c", str(deb)]).stdout
                print(contents)
                for path in ["./usr/bin/git-mentor", "./usr/share/man/man1/git-mentor.1",
                             "./usr/share/man/man1/git-mentor-check.1",
                             "./usr/share/bash-completion/completions/git-mentor",
                             "./usr/share/git-mentor/schemas/rule.schema.json"]:
                    check(path in contents, f"the package holds {path}")
                fields = run(["dpkg-deb", "-f", str(deb), "Package", "Version", "Architecture",
                              "Depends", "Section"]).stdout
                print(fields)
                depends = next((l for l in fields.splitlines() if l.startswith("Depends:")), "")
                for dependency in ["git", "libgit2", "libre2", "libyaml-cpp",
                                   "libfmt", "libc6"]:
                    check(dependency in depends, f"the package depends on {dependency}", fields)
    finally:
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    if FAILURES:
        print(f"{len(FAILURES)} failure(s): " + "; ".join(FAILURES), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
