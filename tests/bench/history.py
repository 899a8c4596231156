"""Deterministic git histories for the benchmarks, written with `git fast-import`.

Shared by run_benchmark.py (build_repository: the N-commit history its published figures come
from; unchanged, so the same arguments give the same repository) and attribution.py
(build_attribution_repository: a history that also holds merges, cross-file moves and comment
edits, each commit's kind in the first word of its subject).

Both take their text from real source any Debian machine has: the Python standard library
under /usr/lib/python3* and the JavaScript in git-mentor's grammar cache.
"""
import bisect
import glob
import os
import random
import re
import subprocess
import sys
import tarfile
import tempfile

def source_files():
    """Real source texts, sorted so the repository is the same on every run."""
    files = []
    pylibs = sorted(glob.glob("/usr/lib/python3*/"))
    if pylibs:
        base = pylibs[-1]
        for path in sorted(glob.glob(base + "**/*.py", recursive=True)):
            if "/site-packages/" in path or "/dist-packages/" in path:
                continue
            try:
                if os.path.getsize(path) > 200_000:
                    continue
                with open(path, "rb") as f:
                    files.append(("lib/" + os.path.relpath(path, base), f.read()))
            except OSError:
                continue
    cache = os.environ.get("GIT_MENTOR_GRAMMAR_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "git-mentor", "grammars")
    for tgz in sorted(glob.glob(os.path.join(cache, "*.tgz"))):
        with tarfile.open(tgz) as tar:
            for member in sorted(tar.getmembers(), key=lambda m: m.name):
                if member.isfile() and member.name.endswith(".js") and member.size < 200_000:
                    data = tar.extractfile(member).read()
                    files.append(("web/" + os.path.basename(tgz)[:-4] + "/" + member.name, data))
    if not files:
        sys.exit("run_benchmark: no source files found (no /usr/lib/python3*)")
    return files


def build_repository(path, commits):
    """A repository of `commits` commits after an empty root, through git fast-import."""
    rng = random.Random(2026)
    pool = source_files()
    tracked = {}  # path -> list of lines
    out = []

    def data(payload):
        return b"data %d\n%s\n" % (len(payload), payload)

    def commit(mark, when, message, ops):
        out.append(b"commit refs/heads/main\nmark :%d\n" % mark)
        out.append(b"author Mentee Example <mentee@example.com> %d +0000\n" % when)
        out.append(b"committer Mentee Example <mentee@example.com> %d +0000\n" % when)
        out.append(data(message.encode()))
        if mark > 1:
            out.append(b"from :%d\n" % (mark - 1))
        out.extend(ops)

    when = 1_700_000_000
    commit(1, when, "root", [])
    next_source = 0
    for i in range(commits):
        ops = []
        touched = rng.randint(1, 4)
        for _ in range(touched):
            action = rng.random()
            if not tracked or (action < 0.35 and next_source < len(pool)):
                name, text = pool[next_source % len(pool)]
                next_source += 1
                if name in tracked:
                    continue
                tracked[name] = text.splitlines(keepends=True)
                target = name
            elif action < 0.42 and len(tracked) > 1:
                old = rng.choice(sorted(tracked))
                new = old.rsplit("/", 1)[0] + "/renamed_%d_" % i + old.rsplit("/", 1)[-1]
                tracked[new] = tracked.pop(old)
                ops.append(b'R "%s" "%s"\n' % (old.encode(), new.encode()))
                target = new
                lines = tracked[target]
                if lines:
                    at = rng.randrange(len(lines))
                    lines[at:at] = [b"# touched in commit %d\n" % i]
            else:
                target = rng.choice(sorted(tracked))
                lines = tracked[target]
                _, donor = pool[rng.randrange(len(pool))]
                donor_lines = donor.splitlines(keepends=True)
                if donor_lines:
                    start = rng.randrange(len(donor_lines))
                    chunk = donor_lines[start:start + rng.randint(3, 30)]
                    at = rng.randrange(len(lines) + 1) if lines else 0
                    lines[at:at] = chunk
                if len(lines) > 40 and rng.random() < 0.3:
                    cut = rng.randrange(len(lines) - 10)
                    del lines[cut:cut + rng.randint(1, 8)]
            ops.append(b'M 100644 inline "%s"\n' % target.encode())
            ops.append(data(b"".join(tracked[target])))
        when += 600
        commit(i + 2, when, "change %d" % i, ops)
    subprocess.run(["git", "init", "-q", "--bare", path], check=True)
    subprocess.run(["git", "-C", path, "fast-import", "--quiet"], input=b"".join(out), check=True)
    subprocess.run(["git", "-C", path, "symbolic-ref", "HEAD", "refs/heads/main"], check=True)



# --- Languages, comments and normalized text (the generator's comment edits and attribution.py's
# oracle both use these; nothing here comes from git-mentor's own code).

LANGUAGE_OF_EXTENSION = {
    "c": "c", "h": "c",
    "cc": "cpp", "cpp": "cpp", "cxx": "cpp", "c++": "cpp", "hpp": "cpp", "hh": "cpp", "hxx": "cpp",
    "h++": "cpp", "ipp": "cpp",
    "go": "go", "java": "java",
    "js": "javascript", "mjs": "javascript", "cjs": "javascript", "jsx": "javascript",
    "py": "python", "pyi": "python", "rs": "rust",
    "ts": "typescript", "mts": "typescript", "cts": "typescript", "tsx": "tsx",
}


def language_of(path):
    """The language of `path` by its extension (git-mentor's table), or None."""
    base = path.rsplit("/", 1)[-1]
    if "." not in base:
        return None
    return LANGUAGE_OF_EXTENSION.get(base.rsplit(".", 1)[-1])


_QUOTED = rb'"(?:\\.|[^"\\\n])*"|' + rb"'(?:\\.|[^'\\\n])*'"
_LEXEMES = {
    # comments first, then the strings a comment start must not be looked for in
    "python": re.compile(rb"#[^\n]*|" + rb'"""(?:\\.|[^\\])*?"""|' + rb"'''(?:\\.|[^\\])*?'''|" + _QUOTED,
                         re.S),
    "c-family": re.compile(rb"//[^\n]*|/\*.*?\*/|" + _QUOTED + rb"|`(?:\\.|[^`\\])*`", re.S),
    # Rust: 'a is a lifetime, so only one-character literals are strings
    "rust": re.compile(rb"//[^\n]*|/\*.*?\*/|" + rb'"(?:\\.|[^"\\])*"|' + rb"'(?:\\.|[^'\\\n])'", re.S),
}


def lexemes(text, language):
    """(start, end, is_comment) of every comment and string literal of `text`, in order.

    A regular-expression tokenizer, good enough for the generated histories and ordinary code:
    it does not know JavaScript regex literals, Python string prefixes or Rust raw strings."""
    pattern = _LEXEMES["python" if language == "python" else "rust" if language == "rust" else "c-family"]
    for m in pattern.finditer(text):
        first = text[m.start():m.start() + 2]
        yield m.start(), m.end(), first[:1] == b"#" or first in (b"//", b"/*")


def strip_comments(text, language):
    """`text` with every comment replaced by one space."""
    out = []
    at = 0
    for start, end, comment in lexemes(text, language):
        if comment:
            out.append(text[at:start])
            out.append(b" ")
            at = end
    out.append(text[at:])
    return b"".join(out)


def _is_word(byte):
    return byte >= 0x80 or byte in _WORD


_WORD = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_$")


def normalize(text):
    """Whitespace dropped, except one space between two word characters (letters, digits, _, $,
    bytes >= 0x80)."""
    out = bytearray()
    for part in text.split():
        if out and _is_word(out[-1]) and _is_word(part[0]):
            out += b" "
        out += part
    return bytes(out)


def normalized_code(text, language):
    """What `text` says once comments and layout are gone."""
    return normalize(strip_comments(text, language))


# --- The attribution history: merges, cross-file moves and comment edits besides plain changes.

def attribution_sources():
    """{"python": [(name, text)], "javascript": [...]}: real files, sorted (the generator shuffles
    them with its seed). Python from the newest /usr/lib/python3.N standard library, without
    tests; JavaScript from the grammar cache."""
    pool = {"python": [], "javascript": []}
    versions = sorted(glob.glob("/usr/lib/python3.*/"), key=lambda p: [int(x) for x in re.findall(r"\d+", p)])
    if versions:
        base = versions[-1]
        for path in sorted(glob.glob(base + "**/*.py", recursive=True)):
            rel = os.path.relpath(path, base)
            if re.search(r"(^|/)(tests?|site-packages|dist-packages|lib2to3|idlelib|turtledemo)/", rel):
                continue
            try:
                if not 1_000 <= os.path.getsize(path) <= 40_000:
                    continue
                with open(path, "rb") as f:
                    pool["python"].append(("lib/" + rel, f.read()))
            except OSError:
                continue
    for name, text in source_files():
        if name.endswith(".js") and len(text) <= 100_000:
            pool["javascript"].append((name, text))
    if not pool["python"]:
        sys.exit("history: no Python standard library under /usr/lib/python3.*")
    return pool


# Code a mentee writes: every template matches bundled rules, and every matched node holds the
# unique tag (u<N>x: no tag is a substring of another), so a new snippet never repeats old code.
_SNIPPETS = {
    "python": [
        "def parse_{t}(text_{t}):\n    try:\n        return int(text_{t})\n    except:\n        return code_{t}\n",
        "def check_{t}(items_{t}, limit_{t}=None):\n    if limit_{t} == None:\n        limit_{t} = len(items_{t})\n"
        "    if len(items_{t}) == 0:\n        return limit_{t}\n    return items_{t}[0]\n",
        "def read_{t}(name_{t}, seen_{t}=[]):\n    stream_{t} = open(name_{t})\n"
        "    seen_{t}.append(stream_{t}.read())\n    return seen_{t}\n",
        "def rank_{t}(players_{t}):\n    for rank_{t}, player in enumerate(players_{t}):\n"
        "        print(rank_{t}, player)\n",
        "def store_{t}(path_{t}, options_{t}={{}}):\n    try:\n        handle_{t} = open(path_{t}, 'w')\n"
        "    except Exception:\n        pass\n    return options_{t}\n",
    ],
    "javascript": [
        "function check_{t}(value_{t}) {{\n  var total_{t} = 0;\n  if (value_{t} == limit_{t}) {{\n"
        "    console.log('value', value_{t});\n  }}\n  return total_{t};\n}}\n",
        "function parse_{t}(text_{t}) {{\n  try {{\n    return parseInt(text_{t});\n  }} catch (err_{t}) {{}}\n"
        "  return null;\n}}\n",
        "function load_{t}(url_{t}) {{\n  fetch(url_{t}).then((res_{t}) => render(res_{t}));\n"
        "  return url_{t} != base_{t};\n}}\n",
        "function run_{t}(code_{t}) {{\n  var result_{t} = eval(code_{t});\n  console.debug(result_{t});\n"
        "  return result_{t};\n}}\n",
    ],
}
# An evil merge's own code, and a conflict's resolution line (both match rules, both unique).
_RESOLVE = {
    "python": "def resolve_{t}(ours_{t}, theirs_{t}):\n    if ours_{t} == None:\n        return theirs_{t}\n"
              "    return ours_{t}\n",
    "javascript": "function resolve_{t}(ours_{t}, theirs_{t}) {{\n  var pick_{t} = ours_{t} == theirs_{t};\n"
                  "  return pick_{t} ? ours_{t} : theirs_{t};\n}}\n",
}
_RESOLUTION_LINE = {
    "python": "settings_{t} = open('merged_{t}.cfg')\n",
    "javascript": "var resolved_{t} = left_{t} == right_{t};\n",
}
_COMMENT = {"python": b"#", "javascript": b"//"}
# Lines likely to hold what a bundled rule matches (comment edits and moves prefer them).
_HOT = {
    "python": re.compile(rb"except\s*:|[=!]=\s*None|\bopen\(|=\s*(\[\]|\{\})\s*[,)]|len\(.*\)\s*(==|!=|>)\s*0|"
                         rb"\beval\(|\benumerate\(|\bis\s+(not\s+)?['\"0-9]"),
    "javascript": re.compile(rb"[^=!<>]==[^=]|!=[^=]|\bvar\s|console\.(log|debug|trace)\(|\beval\(|parseInt\(|"
                             rb"catch\s*(\(\w*\))?\s*\{\s*\}|\.then\("),
}


def _line_info(lines, language):
    """Per line: (starts in code, ends in code, column of a comment starting on it or -1)."""
    starts = []
    at = 0
    for line in lines:
        starts.append(at)
        at += len(line)
    info = [[True, True, -1] for _ in lines]
    for start, end, comment in lexemes(b"".join(lines), language):
        first = bisect.bisect_right(starts, start) - 1
        last = bisect.bisect_right(starts, max(start, end - 1)) - 1
        if comment and info[first][2] < 0:
            info[first][2] = start - starts[first]
        for k in range(first, last + 1):
            if k > first:
                info[k][0] = False
            if k < last or (end > starts[k] + len(lines[k].rstrip(b"\n"))):
                info[k][1] = False
    return info


def _top_level(lines, language):
    """Indices of the lines where a top-level statement or definition starts."""
    info = _line_info(lines, language)
    out = []
    decorated = False
    for i, line in enumerate(lines):
        if not info[i][0] or not line.strip() or line[:1] in b" \t)]}" or line.startswith((b"#", b"//", b"/*", b"*")):
            continue
        if decorated:  # the def under a decorator belongs to the decorator's block
            decorated = line.startswith(b"@")
            continue
        out.append(i)
        decorated = language == "python" and line.startswith(b"@")
    return out


def _blocks(lines, language):
    """(start, end) line ranges of top-level blocks, trailing blank lines left out."""
    tops = _top_level(lines, language)
    out = []
    for k, start in enumerate(tops):
        end = tops[k + 1] if k + 1 < len(tops) else len(lines)
        while end > start + 1 and not lines[end - 1].strip():
            end -= 1
        out.append((start, end))
    return out


def _as_lines(text):
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith(b"\n"):
        lines[-1] += b"\n"
    return lines


class _History:
    """The state of a generated history and the fast-import stream that writes it."""

    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.pool = attribution_sources()
        for lang in sorted(self.pool):
            self.rng.shuffle(self.pool[lang])
        self.next_source = {lang: 0 for lang in self.pool}
        self.out = []
        self.mark = 0
        self.when = 1_700_000_000
        self.tags = 0
        self.kinds = {}  # mark -> kind

    def tag(self):
        self.tags += 1
        return "u%dx" % self.tags

    def commit(self, branch, message, parents, ops, kind):
        self.mark += 1
        self.when += 600
        out = self.out
        out.append(b"commit refs/heads/%s\nmark :%d\n" % (branch.encode(), self.mark))
        for who in (b"author", b"committer"):
            out.append(b"%s Mentee Example <mentee@example.com> %d +0000\n" % (who, self.when))
        payload = message.encode()
        out.append(b"data %d\n%s\n" % (len(payload), payload))
        if parents:
            out.append(b"from :%d\n" % parents[0])
        for other in parents[1:]:
            out.append(b"merge :%d\n" % other)
        for op in ops:
            if op[0] == "M":
                payload = b"".join(op[2])
                out.append(b'M 100644 inline "%s"\ndata %d\n%s\n' % (op[1].encode(), len(payload), payload))
            elif op[0] == "R":
                out.append(b'R "%s" "%s"\n' % (op[1].encode(), op[2].encode()))
            else:
                out.append(b'D "%s"\n' % op[1].encode())
        self.kinds[self.mark] = kind
        return self.mark

    # -- pieces of commits; `files` maps path -> list of lines, lists are never modified in place

    def candidates(self, files, exclude, language=None):
        return [p for p in sorted(files) if p not in exclude and language_of(p) in ("python", "javascript")
                and (language is None or language_of(p) == language)]

    def snippet(self, language, templates=_SNIPPETS):
        text = self.rng.choice(templates[language]) if isinstance(templates[language], list) else templates[language]
        return _as_lines(text.format(t=self.tag()).encode())

    def boundary(self, lines, language):
        """A line index before which a top-level statement starts, or the end."""
        spots = _top_level(lines, language) + [len(lines)]
        return self.rng.choice(spots)

    @staticmethod
    def insert(lines, at, chunk):
        """`lines` with `chunk` inserted before line `at`, set off by blank lines."""
        before = [b"\n"] if at > 0 and lines[at - 1].strip() else []
        after = [b"\n"] if at < len(lines) and lines[at].strip() else []
        return lines[:at] + before + chunk + after + lines[at:]

    def new_file(self, files, language):
        pool = self.pool[language]
        while self.next_source[language] < len(pool):
            name, text = pool[self.next_source[language]]
            self.next_source[language] += 1
            if name not in files:
                return name, _as_lines(text)
        directory = "lib/app" if language == "python" else "web/app"
        body = []
        for _ in range(self.rng.randint(2, 4)):
            body += self.snippet(language) + [b"\n"]
        return "%s/mod_%s.%s" % (directory, self.tag(), "py" if language == "python" else "js"), body

    def donor_chunk(self, language):
        """Lines of another real file of `language`: a whole top-level block when one is small
        enough, else a run of 3 to 30 lines."""
        _, text = self.pool[language][self.rng.randrange(len(self.pool[language]))]
        lines = _as_lines(text)
        blocks = [(s, e) for s, e in _blocks(lines, language) if e - s <= 40]
        if blocks and self.rng.random() < 0.7:
            s, e = self.rng.choice(blocks)
            return lines[s:e], True
        start = self.rng.randrange(len(lines)) if lines else 0
        return lines[start:start + self.rng.randint(3, 30)], False

    def change(self, files, exclude, label, renames_allowed=True):
        """Code the mentee writes: new files, snippets that match rules, chunks of other files,
        deleted lines, renames. Returns (ops, description)."""
        touched = []
        renames = []
        notes = []
        for _ in range(self.rng.randint(1, 4)):
            action = self.rng.random()
            cands = [p for p in self.candidates(files, exclude) if p not in touched]
            if not cands or action < 0.2:
                name, lines = self.new_file(files, self.rng.choice(("python", "javascript")))
                files[name] = lines
                target = name
                notes.append("add " + name)
            elif action < 0.27 and renames_allowed:
                old = self.rng.choice(cands)
                language = language_of(old)
                new = old.rsplit("/", 1)[0] + "/renamed_%s_" % self.tag() + old.rsplit("/", 1)[-1]
                lines = files.pop(old)
                files[new] = self.insert(lines, self.boundary(lines, language),
                                         [_COMMENT[language] + b" touched in %s\n" % label.encode()])
                renames.append(("R", old, new))
                target = new
                notes.append("rename " + old)
            else:
                target = self.rng.choice(cands)
                language = language_of(target)
                lines = files[target]
                did = []
                if self.rng.random() < 0.6:
                    lines = self.insert(lines, self.boundary(lines, language), self.snippet(language))
                    did.append("snippet")
                if not did or self.rng.random() < 0.5:
                    chunk, whole = self.donor_chunk(language)
                    if whole:
                        lines = self.insert(lines, self.boundary(lines, language), chunk)
                    else:
                        at = self.rng.randrange(len(lines) + 1)
                        lines = lines[:at] + chunk + lines[at:]
                    did.append("chunk")
                if len(lines) > 40 and self.rng.random() < 0.3:
                    cut = self.rng.randrange(len(lines) - 10)
                    lines = lines[:cut] + lines[cut + self.rng.randint(1, 8):]
                    did.append("delete")
                files[target] = lines
                notes.append("+".join(did) + " " + target)
            if target not in touched:
                touched.append(target)
        ops = renames + [("M", p, files[p]) for p in touched if p in files]
        return ops, "; ".join(notes)

    def move(self, files, exclude, label):
        """A top-level block cut from one file and pasted into another of the same language (an
        existing one or a new one), sometimes re-indented. None when there is nothing to move."""
        language = self.rng.choice(("python", "javascript"))
        cands = self.candidates(files, exclude, language)
        sources = [p for p in cands if len(files[p]) > 20]
        self.rng.shuffle(sources)
        for source in sources[:5]:
            lines = files[source]
            blocks = [(s, e) for s, e in _blocks(lines, language) if 2 <= e - s <= 80 and len(lines) - (e - s) >= 10]
            if not blocks:
                continue
            hot = [(s, e) for s, e in blocks if _HOT[language].search(b"".join(lines[s:e]))]
            s, e = self.rng.choice(hot) if hot and self.rng.random() < 0.85 else self.rng.choice(blocks)
            chunk = lines[s:e]
            others = [p for p in cands if p != source]
            if others and self.rng.random() < 0.6:
                dest = self.rng.choice(others)
            else:
                dest = "%s/moved_%s.%s" % (source.rsplit("/", 1)[0], self.tag(), source.rsplit(".", 1)[-1])
            how = ""
            if self.rng.random() < 0.3:  # re-indented: never inside a string literal
                info = _line_info(chunk, language)
                pad = b"    " if language == "python" else b"  "
                chunk = [pad + line if line.strip() and info[i][0] else line for i, line in enumerate(chunk)]
                if language == "python":
                    chunk = [b"class Moved_%s:\n" % self.tag().encode()] + chunk
                how = ", re-indented"
            files[source] = lines[:s] + lines[e:]
            target = files.get(dest, [])
            files[dest] = self.insert(target, self.boundary(target, language), chunk)
            return [("M", source, files[source]), ("M", dest, files[dest])], \
                "%d lines from %s to %s%s" % (e - s, source, dest, how)
        return None

    def comment(self, files, exclude, label):
        """Trailing comments added to or removed from code lines, or comments reworded; nothing
        else on those lines changes. None when there is nothing to edit."""
        cands = self.candidates(files, exclude)
        self.rng.shuffle(cands)
        ops = []
        notes = []
        for path in cands[:8]:
            language = language_of(path)
            marker = _COMMENT[language]
            lines = files[path]
            info = _line_info(lines, language)
            hot = _HOT[language]

            def plain_line(i):
                line = lines[i]
                return i >= 2 and line.endswith(b"\n") and not line.endswith(b"\r\n")

            def line_comment(i):
                c = info[i][2]
                return c >= 0 and lines[i][c:c + len(marker)] == marker and (c == 0 or lines[i][c - 1:c] in b" \t")

            add = [i for i, line in enumerate(lines)
                   if plain_line(i) and info[i][0] and info[i][1] and info[i][2] < 0 and line.strip()
                   and not line.rstrip().endswith(b"\\") and line.strip()[:1] not in b"#/*"]
            remove = [i for i in range(len(lines))
                      if plain_line(i) and line_comment(i) and lines[i][:info[i][2]].strip()]
            reword = [i for i in range(len(lines)) if plain_line(i) and line_comment(i)]
            kinds = [k for k, v in (("add", add), ("remove", remove), ("reword", reword)) if v]
            if not kinds:
                continue
            kind = self.rng.choice(kinds)
            pick = {"add": add, "remove": remove, "reword": reword}[kind]
            preferred = [i for i in pick if hot.search(lines[i])]
            if preferred and self.rng.random() < 0.8:
                pick = preferred
            chosen = sorted(self.rng.sample(pick, min(len(pick), self.rng.randint(1, 4))))
            new = list(lines)
            for i in chosen:
                line = lines[i]
                c = info[i][2]
                if kind == "add":
                    new[i] = line[:-1] + b"  " + marker + b" note %s\n" % self.tag().encode()
                elif kind == "remove":
                    new[i] = line[:c].rstrip() + b"\n"
                else:
                    new[i] = line[:c] + marker + b" reworded %s\n" % self.tag().encode()
            files[path] = new
            ops.append(("M", path, new))
            notes.append("%s %d in %s" % (kind, len(chosen), path))
            if len(ops) >= self.rng.randint(1, 2):
                break
        return (ops, "; ".join(notes)) if ops else None

    def step(self, files, exclude, n):
        """One ordinary commit's (kind, ops, description) on `files`."""
        r = self.rng.random()
        if r < 0.18:
            done = self.move(files, exclude, "move %d" % n)
            if done:
                return ("move",) + done
        elif r < 0.36:
            done = self.comment(files, exclude, "comment %d" % n)
            if done:
                return ("comment",) + done
        return ("change",) + self.change(files, exclude, "change %d" % n)


def _merge_file(ours, base, theirs, union):
    """git merge-file's result for three versions (lists of lines), and whether it was clean."""
    with tempfile.TemporaryDirectory() as tmp:
        names = []
        for name, lines in (("ours", ours), ("base", base), ("theirs", theirs)):
            names.append(os.path.join(tmp, name))
            with open(names[-1], "wb") as f:
                f.write(b"".join(lines))
        proc = subprocess.run(["git", "merge-file", "-p"] + (["--union"] if union else []) + names,
                              capture_output=True)
        if proc.returncode < 0 or proc.returncode > 127:
            sys.exit("history: git merge-file failed: " + proc.stderr.decode())
        return _as_lines(proc.stdout), proc.returncode == 0


def _merge_block(h, files, tip, n, budget):
    """A side branch of 2 to 4 commits forked from `tip` while main gets 1 to 3 more, merged back:
    clean (side and main touched different files, or different regions of one file: the merge
    tree is the union), evil (the union plus a function of the merge's own) or conflict (both
    inserted at the same place of one file: the resolution keeps both and adds one line).
    Returns (new files, new tip, commits written)."""
    rng = h.rng
    mode = rng.choices(("clean", "evil", "conflict"), (0.5, 0.25, 0.25))[0]
    side_count, main_count = rng.randint(2, 4), rng.randint(1, 3)
    if side_count + main_count + 1 > budget:
        return None
    cands = h.candidates(files, ())
    if len(cands) < 4:
        return None
    base = dict(files)
    owned = set(rng.sample(cands, 2))
    shared = None
    if mode == "conflict" or rng.random() < 0.5:
        for path in rng.sample([p for p in cands if p not in owned], min(5, len(cands) - 2)):
            language = language_of(path)
            tops = _top_level(base[path], language) + [len(base[path])]
            if mode == "conflict":
                spots = (rng.choice(tops),) * 2
            else:
                pairs = [(a, b) for a in tops for b in tops if b - a >= 4]
                if not pairs:
                    continue
                spots = rng.choice(pairs)
                if rng.random() < 0.5:
                    spots = spots[::-1]
            shared = (path, language, spots, h.snippet(language), h.snippet(language))
            break
    if mode == "conflict" and shared is None:
        mode = "evil"
    order = ["side"] * side_count + ["main"] * main_count
    rng.shuffle(order)
    side = dict(files)
    side_tip = tip
    branch = "side %d" % n
    exclude = set(owned) | ({shared[0]} if shared else set())
    for which in order:
        label = "change %d" % n
        if which == "side":
            ops = []
            notes = []
            if shared and shared[0] not in owned:
                path, language, spots, side_chunk, _ = shared
                side[path] = h.insert(base[path], spots[0], side_chunk)
                owned.add(path)
                ops.append(("M", path, side[path]))
                notes.append("snippet " + path)
            more, note = h.change(side, set(side) - owned, label, renames_allowed=False)
            for op in more:  # whatever the side adds or touches stays the side's
                owned.add(op[1])
            ops = [op for op in ops if op[1] not in {o[1] for o in more}] + more
            notes.append(note)
            side_tip = h.commit("side", "change %d: %s: %s" % (n, branch, "; ".join(notes)),
                                [side_tip], ops, "change")
        else:
            if shared and "main-shared" not in exclude:
                path, language, spots, _, main_chunk = shared
                files[path] = h.insert(base[path], spots[1], main_chunk)
                exclude.add("main-shared")
                kind, ops, note = "change", [("M", path, files[path])], "snippet " + path
            else:
                kind, ops, note = h.step(files, exclude | owned, n)
            tip = h.commit("main", "%s %d: %s" % (kind, n, note), [tip], ops, kind)
        n += 1
    merged = dict(files)
    for path in owned:
        if path in side:
            merged[path] = side[path]
    if shared:
        path = shared[0]
        merged[path], clean = _merge_file(files[path], base[path], side[path], union=False)
        if not clean:
            merged[path], _ = _merge_file(files[path], base[path], side[path], union=True)
            mode = "conflict"
        if mode == "conflict":
            language = shared[1]
            ends = [merged[path].index(chunk[-1]) for chunk in shared[3:] if chunk[-1] in merged[path]]
            at = max(ends) + 1 if ends else len(merged[path])
            merged[path] = h.insert(merged[path], at, h.snippet(language, _RESOLUTION_LINE))
    if mode == "evil":
        path = rng.choice(sorted(p for p in owned if p in merged))
        language = language_of(path)
        merged[path] = h.insert(merged[path], h.boundary(merged[path], language), h.snippet(language, _RESOLVE))
    ops = [("M", p, merged[p]) for p in sorted(merged) if merged[p] is not files.get(p) and merged[p] != files.get(p)]
    tip = h.commit("main", "merge %s %d: %s (%d commits)" % (mode, n, branch, side_count), [tip, side_tip],
                   ops, "merge/" + mode)
    return merged, tip, side_count + main_count + 1


def build_attribution_repository(path, commits, seed=2026):
    """A bare repository of `commits` commits after an empty root, through git fast-import, whose
    subjects start with the commit's kind:
      change N   code the mentee wrote: new files, snippets matching bundled rules, chunks of
                 other real files, deleted lines, renames (also every commit on a side branch)
      move N     a top-level block cut from one file and pasted into another of its language
                 (existing or new), sometimes re-indented; nothing else
      comment N  trailing comments added or removed, comments reworded; nothing else
      merge clean|evil|conflict N   a side branch merged back (see _merge_block)
    Returns {commit: kind} for the commits written (by full hash)."""
    h = _History(seed)
    files = {}
    tip = h.commit("main", "root", [], [], "root")
    n = 0
    while n < commits:
        if h.rng.random() < 0.08:
            done = _merge_block(h, files, tip, n, commits - n)
            if done:
                files, tip, written = done
                n += written
                continue
        kind, ops, note = h.step(files, set(), n)
        tip = h.commit("main", "%s %d: %s" % (kind, n, note), [tip], ops, kind)
        n += 1
    subprocess.run(["git", "init", "-q", "--bare", path], check=True)
    marks = os.path.join(path, "marks")
    subprocess.run(["git", "-C", path, "fast-import", "--quiet", "--export-marks=" + marks],
                   input=b"".join(h.out), check=True)
    subprocess.run(["git", "-C", path, "symbolic-ref", "HEAD", "refs/heads/main"], check=True)
    subprocess.run(["git", "-C", path, "update-ref", "-d", "refs/heads/side"], check=True)
    kinds = {}
    with open(marks) as f:
        for line in f:
            mark, sha = line.split()
            kinds[sha] = h.kinds[int(mark[1:])]
    os.remove(marks)
    return kinds


# --- The realistic history: whole statements and functions added, deleted and edited, so that
# (as in a real project) nearly every version of every file parses without a syntax error.

_KEYWORDS = {
    "python": set(b"False None True and as assert async await break class continue def del elif else "
                  b"except finally for from global if import in is lambda nonlocal not or pass raise "
                  b"return try while with yield match case self".split()),
    "javascript": set(b"await break case catch class const continue debugger default delete do else "
                      b"export extends false finally for function if import in instanceof let new null "
                      b"return super switch this throw true try typeof var void while with yield async "
                      b"static get set of".split()),
}
_WORD = re.compile(rb"\b[A-Za-z_][A-Za-z0-9_]{3,}\b")


def realistic_sources(repos=()):
    """attribution_sources()' files (the Python standard library, the grammar cache's JavaScript),
    or, without a standard library, the Python and JavaScript files at HEAD of the git
    repositories `repos` (e.g. clones of real projects), 1 to 40 KB each, sorted."""
    pool = {"python": [], "javascript": []}
    try:
        pool = attribution_sources()
    except SystemExit:
        for name, text in source_files():
            if name.endswith(".js") and len(text) <= 100_000:
                pool["javascript"].append((name, text))
    for repo in repos:
        listing = subprocess.run(["git", "-C", repo, "ls-tree", "-r", "-l", "HEAD"], check=True,
                                 capture_output=True).stdout.decode().splitlines()
        wanted = []
        for row in listing:
            meta, path = row.split("\t", 1)
            _, kind, blob, size = meta.split()
            language = language_of(path)
            if kind == "blob" and language in pool and 1_000 <= int(size) <= 40_000:
                wanted.append((path, blob, language))
        batch = subprocess.run(["git", "-C", repo, "cat-file", "--batch"], check=True, capture_output=True,
                               input=b"".join(b"%s\n" % blob.encode() for _, blob, _ in wanted)).stdout
        at = 0
        prefix = os.path.basename(os.path.normpath(repo)).removesuffix(".git")
        for path, _, language in wanted:
            header_end = batch.index(b"\n", at)
            size = int(batch[at:header_end].split()[2])
            pool[language].append(("%s/%s" % (prefix, path), batch[header_end + 1:header_end + 1 + size]))
            at = header_end + 1 + size + 1
    for language in pool:
        pool[language].sort()
        if not pool[language]:
            sys.exit("history: no %s source found (give a repository with --sources)" % language)
    return pool


def build_realistic_repository(path, commits, seed=2026, repos=()):
    """A bare repository of `commits` commits after an empty root, through git fast-import. Each
    commit touches one to three files: adds a real file, renames or deletes one, or edits one as
    people do: a whole top-level function or statement taken from another real file inserted
    between two others, one deleted, an identifier renamed on a line, or (one commit in ten) a
    function that bundled rules match. Files keep their size: past 800 lines, blocks are only
    deleted. Returns the number of files of each language in the source pool."""
    rng = random.Random(seed)
    pool = realistic_sources(repos)
    for language in sorted(pool):
        rng.shuffle(pool[language])
    h = _History.__new__(_History)  # its commit(), snippet(), tag() and insert(), this rng
    h.rng, h.pool, h.out, h.mark, h.when, h.tags, h.kinds = rng, pool, [], 0, 1_700_000_000, 0, {}
    tops_cache = {}  # (language, pool index) -> top-level starts

    def pool_file(language, k):
        name, text = pool[language][k]
        lines = _as_lines(text)
        if (language, k) not in tops_cache:
            # A clause that continues a statement (`except:` at the top level) starts no block.
            tops_cache[(language, k)] = [t for t in _top_level(lines, language) if not re.match(
                rb"(except|else|elif|finally|catch)\b", lines[t])]
        return name, lines, tops_cache[(language, k)]

    files = {}  # path -> (lines, top-level starts)
    next_source = {language: 0 for language in pool}

    def add_file():
        language = rng.choice(("python", "javascript"))
        for _ in range(len(pool[language])):
            k = next_source[language] % len(pool[language])
            next_source[language] += 1
            name, lines, tops = pool_file(language, k)
            if next_source[language] > len(pool[language]):
                name = "%s/copy_%s_%s" % (name.rsplit("/", 1)[0], h.tag(), name.rsplit("/", 1)[-1])
            if name not in files:
                files[name] = (lines, list(tops))
                return name
        return None

    def insert_block(lines, tops, chunk):
        at = rng.choice(tops + [len(lines)])
        before = 1 if at > 0 and lines[at - 1].strip() else 0
        after = 1 if at < len(lines) and lines[at].strip() else 0
        shift = before + len(chunk) + after
        new_tops = [t for t in tops if t < at] + [at + before] + [t + shift for t in tops if t >= at]
        return _History.insert(lines, at, chunk), new_tops

    def donor_block(language):
        for _ in range(20):
            _, lines, tops = pool_file(language, rng.randrange(len(pool[language])))
            blocks = []
            for k, start in enumerate(tops):
                end = tops[k + 1] if k + 1 < len(tops) else len(lines)
                while end > start + 1 and not lines[end - 1].strip():
                    end -= 1
                if 2 <= end - start <= 40:
                    blocks.append((start, end))
            if blocks:
                s, e = rng.choice(blocks)
                return lines[s:e]
        return None

    def edit(target):
        language = language_of(target)
        lines, tops = files[target]
        did = []
        for _ in range(rng.randint(1, 2)):
            r = rng.random()
            if r < 0.1:
                lines, tops = insert_block(lines, tops, h.snippet(language))
                did.append("snippet")
            elif r < 0.45 and len(lines) < 800:
                chunk = donor_block(language)
                if chunk:
                    lines, tops = insert_block(lines, tops, chunk)
                    did.append("function")
            elif r < 0.7 and len(tops) > 3:
                k = rng.randrange(len(tops))
                start = tops[k]
                end = tops[k + 1] if k + 1 < len(tops) else len(lines)
                lines = lines[:start] + lines[end:]
                tops = tops[:k] + [t - (end - start) for t in tops[k + 1:]]
                did.append("delete")
            else:
                for _ in range(10):
                    i = rng.randrange(len(lines)) if lines else 0
                    words = [m for m in _WORD.finditer(lines[i]) if m.group() not in _KEYWORDS[language]] \
                        if lines else []
                    if words:
                        m = rng.choice(words)
                        line = lines[i]
                        lines = lines[:i] + [line[:m.end()] + b"_" + h.tag().encode() + line[m.end():]] + \
                            lines[i + 1:]
                        did.append("rename")
                        break
        files[target] = (lines, tops)
        return "+".join(did) + " " + target

    subprocess.run(["git", "init", "-q", "--bare", path], check=True)
    importer = subprocess.Popen(["git", "-C", path, "fast-import", "--quiet"], stdin=subprocess.PIPE)
    tip = h.commit("main", "root", [], [], "root")
    for n in range(commits):
        importer.stdin.write(b"".join(h.out))  # streamed: 20,000 commits' files do not fit in memory
        h.out.clear()
        ops, notes, touched = [], [], []
        for _ in range(rng.randint(1, 3)):
            r = rng.random()
            names = sorted(files)
            if not names or r < 0.08:
                target = add_file()
                notes.append("add %s" % target)
            elif r < 0.11:
                old = rng.choice(names)
                target = old.rsplit("/", 1)[0] + "/renamed_%s_" % h.tag() + old.rsplit("/", 1)[-1]
                files[target] = files.pop(old)
                ops.append(("R", old, target))
                notes.append("rename " + old)
                if old in touched:
                    touched.remove(old)
            elif r < 0.13 and len(names) > 40:
                target = rng.choice(names)
                del files[target]
                ops.append(("D", target))
                notes.append("delete " + target)
                if target in touched:
                    touched.remove(target)
                continue
            else:
                target = rng.choice(names)
                notes.append(edit(target))
            if target and target not in touched:
                touched.append(target)
        ops += [("M", p, files[p][0]) for p in touched if p in files]
        tip = h.commit("main", "change %d: %s" % (n, "; ".join(notes)), [tip], ops, "change")
    importer.stdin.write(b"".join(h.out))
    importer.stdin.close()
    if importer.wait() != 0:
        sys.exit("history: git fast-import failed")
    subprocess.run(["git", "-C", path, "symbolic-ref", "HEAD", "refs/heads/main"], check=True)
    return {language: len(pool[language]) for language in pool}
