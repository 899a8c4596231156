#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets (tests/fuzz) into OUT/<target>/.

Seeds come from the source tree: the bundled rule packs (rules/), the differential test's rules
and corpus (tests/differential/), and the small hand-written seeds of tests/fuzz/seeds/. Nothing
generated is committed; scripts/fuzz.sh runs this before each fuzzing run.

Usage: make_corpus.py OUT
"""

import hashlib
import json
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def languages():
    """The compiled-in languages in the order of lang::all_languages() (sorted by name), which
    fuzz_support.hpp's pick_language numbers from 0."""
    text = (ROOT / "src/lang/language.cpp").read_text()
    names = sorted(set(re.findall(r'\{"(\w+)", tree_sitter_\w+\(\)', text)))
    if not names:
        sys.exit("make_corpus.py: no languages found in src/lang/language.cpp")
    return names


def scalar(value):
    """A one-line YAML scalar's value: plain, 'single' or "double" quoted (JSON escapes)."""
    value = value.strip()
    if value.startswith('"'):
        try:
            return json.loads(value)
        except ValueError:
            return None
    if value.startswith("'") and value.endswith("'") and len(value) >= 2:
        return value[1:-1].replace("''", "'")
    if value in ("", "|", ">", "|-", ">-"):
        return None
    return value


def rule_files():
    files = sorted((ROOT / "rules").rglob("*.yaml"))
    files += sorted((ROOT / "tests/differential/rules").glob("*.yaml"))
    return files


def language_of(text):
    match = re.search(r"^language:\s*(\S+)", text, re.M)
    return match.group(1).lower() if match else None


ALIASES = {"ts": "typescript", "js": "javascript", "py": "python", "golang": "go", "c++": "cpp"}


def patterns(text):
    """(selector or None, pattern or context) of each `pattern:` of a rule file's text."""
    lines = text.splitlines()
    for i, line in enumerate(lines):
        match = re.match(r"^(\s*)(?:-\s+)?pattern:\s*(.*)$", line)
        if not match:
            continue
        value = scalar(match.group(2))
        if value is not None:
            yield None, value
            continue
        if match.group(2).strip():
            continue
        context = selector = None
        for follow in lines[i + 1:i + 4]:
            key = re.match(r"^\s+(context|selector):\s*(.*)$", follow)
            if not key:
                break
            if key.group(1) == "context":
                context = scalar(key.group(2))
            else:
                selector = scalar(key.group(2))
        if context is not None and selector is not None:
            yield selector, context


def examples(text):
    """The one-line double-quoted items under `examples:` of a rule file's text."""
    inside = False
    for line in text.splitlines():
        if re.match(r"^examples:", line):
            inside = True
        elif re.match(r"^\S", line):
            inside = False
        elif inside:
            item = re.match(r"^\s+-\s+(\".*\")\s*$", line)
            if item:
                value = scalar(item.group(1))
                if value:
                    yield value


class Corpus:
    def __init__(self, out):
        self.out = out

    def add(self, target, data):
        if isinstance(data, str):
            data = data.encode()
        directory = self.out / target
        directory.mkdir(parents=True, exist_ok=True)
        (directory / hashlib.sha1(data).hexdigest()).write_bytes(data)


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    out = Path(sys.argv[1])
    shutil.rmtree(out, ignore_errors=True)
    corpus = Corpus(out)
    names = languages()
    index = {name: i for i, name in enumerate(names)}

    texts = [f.read_text() for f in rule_files()]
    for text in texts:
        corpus.add("fuzz_rule_loader", text)
    # Multi-document files: a few bundled rules of different languages in one file.
    bundled = texts[: len(list((ROOT / "rules").rglob("*.yaml")))]
    for start in range(0, len(bundled), 12):
        corpus.add("fuzz_rule_loader", "\n---\n".join(bundled[start:start + 12:4]))

    for text in texts:
        name = language_of(text)
        name = ALIASES.get(name, name)
        if name not in index:
            continue
        header = bytes([index[name]])
        for selector, pattern in patterns(text):
            if selector is None:
                corpus.add("fuzz_pattern", header + b"\x00" + pattern.encode())
            else:
                corpus.add("fuzz_pattern", header + b"\x08" + f"{selector}\n{pattern}".encode())
        for example in examples(text):
            corpus.add("fuzz_matcher", header + b"\x00" + example.encode())

    for directory in sorted((ROOT / "tests/differential/corpus").iterdir()):
        if directory.name not in index:
            continue
        header = bytes([index[directory.name], 0])
        for path in sorted(directory.rglob("*")):
            if path.is_file():
                corpus.add("fuzz_matcher", header + path.read_bytes())

    for target in ("notes_line", "pre_push", "config"):
        for path in sorted((ROOT / "tests/fuzz/seeds" / target).iterdir()):
            corpus.add("fuzz_" + target, path.read_bytes())

    for directory in sorted(out.iterdir()):
        print(f"{directory.name}: {len(list(directory.iterdir()))} seeds")


if __name__ == "__main__":
    main()
