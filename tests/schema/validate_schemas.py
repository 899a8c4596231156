#!/usr/bin/env python3
"""Checks schemas/rule.schema.json and schemas/git-mentor.schema.json against real files.

validate_schemas.py SOURCE_DIR [--rule-file FILE]...

Validates every document of every bundled rule file (rules/**/*.yaml), of the differential
test's rules and utility rules (tests/differential/{rules,utils}, ast-grep test files aside), of
every --rule-file, and every YAML block of docs/writing-rules.md, README.md and docs/mentoring.md
that is a rule (a mapping with `id` and `rule` or `query`) or a configuration (a block whose
first line is the comment `# .git-mentor.yaml`). Then checks that the schemas reject wrong files.
Prints each problem and exits 1 on any, 2 when a schema or jsonschema cannot be loaded.
"""
import glob
import json
import os
import re
import sys

DEBIAN_PYTHON = "/usr/bin/python3"

try:
    import jsonschema
    import yaml
except ImportError:
    if (os.path.exists(DEBIAN_PYTHON)
            and os.path.realpath(sys.executable) != os.path.realpath(DEBIAN_PYTHON)):
        os.execv(DEBIAN_PYTHON, [DEBIAN_PYTHON, os.path.abspath(__file__)] + sys.argv[1:])
    print("validate_schemas: python3-jsonschema and python3-yaml are needed "
          "(scripts/install-deps.sh installs them)", file=sys.stderr)
    sys.exit(2)

DOCS = ["docs/writing-rules.md", "README.md", "docs/mentoring.md"]
FENCE = re.compile(r"^([ \t]*)(`{3,})yaml[ \t]*$")
CONFIG_KEYS = {"rules", "utils", "fail_on", "ignores", "max_file_bytes", "languages", "mentees",
               "summary"}
# Everything the rule schema knows at the top level, read from it.
RULE_KEYS = set()

# Files the schemas must refuse: (which schema, why, the YAML).
WRONG = [
    ("rule", "unknown top-level key", "id: a\nlanguage: python\nrule: {kind: call}\nlessons: x\n"),
    ("rule", "unknown key in a rule object", "id: a\nlanguage: python\nrule: {knd: call}\n"),
    ("rule", "unknown severity", "id: a\nlanguage: python\nseverity: fatal\nrule: {kind: call}\n"),
    ("rule", "neither rule nor query", "id: a\nlanguage: python\nmessage: m\n"),
    ("rule", "both rule and query", "id: a\nlanguage: python\nrule: {kind: c}\nquery: (c) @c\n"),
    ("rule", "no language", "id: a\nrule: {kind: call}\n"),
    ("rule", "unknown language", "id: a\nlanguage: cobol\nrule: {kind: call}\n"),
    ("rule", "stopBy not a rule", "id: a\nlanguage: python\nrule:\n  has: {kind: c, stopBy: far}\n"),
    ("rule", "examples.bad not code", "id: a\nlanguage: c\nrule: {kind: c}\nexamples: {bad: [{x: 1}]}\n"),
    ("rule", "lesson and note", "id: a\nlanguage: c\nrule: {kind: c}\nlesson: x\nnote: y\n"),
    ("rule", "empty rule object", "id: a\nlanguage: c\nrule: {}\n"),
    ("config", "unknown key", "rules: [builtin]\nfail-on: error\n"),
    ("config", "fail_on value", "fail_on: info\n"),
    ("config", "max_file_bytes too large", "max_file_bytes: 100000000\n"),
    ("config", "unknown summary key", "summary: {recuring: 3}\n"),
    ("config", "summary fraction out of range", "summary: {dismissal_threshold: 2}\n"),
    ("config", "summary lesson_window not positive", "summary: {lesson_window: 0}\n"),
]


def documents(text):
    return [d for d in yaml.safe_load_all(text) if d is not None]


def is_test_file(doc):
    return isinstance(doc, dict) and ("valid" in doc or "invalid" in doc) and "rule" not in doc


def classify(text, doc):
    """'config', 'rule', 'fragment' (part of a rule file) or None for a block that is neither."""
    if text.lstrip().startswith("# .git-mentor.yaml"):
        return "config"
    if not isinstance(doc, dict) or not doc:
        return None
    if "id" in doc and ("rule" in doc or "query" in doc):
        return "rule"
    keys = set(doc)
    if keys <= CONFIG_KEYS and not isinstance(doc.get("utils"), dict):
        return "config"
    if keys <= RULE_KEYS:
        return "fragment"
    return None


def yaml_blocks(path):
    """(line, text) of every ```yaml block of a markdown file, indented ones dedented."""
    blocks = []
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    i = 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        indent, fence, start, body = m.group(1), m.group(2), i + 1, []
        i += 1
        while i < len(lines) and lines[i].strip() != fence:
            line = lines[i]
            body.append(line[len(indent):] if line.startswith(indent) else line.lstrip())
            i += 1
        blocks.append((start + 1, "\n".join(body) + "\n"))
        i += 1
    return blocks


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    source = argv[1]
    extra = [argv[i + 1] for i in range(2, len(argv) - 1) if argv[i] == "--rule-file"]
    try:
        schemas = {}
        for name, file in (("rule", "rule.schema.json"), ("config", "git-mentor.schema.json")):
            with open(os.path.join(source, "schemas", file), encoding="utf-8") as f:
                schema = json.load(f)
            cls = jsonschema.validators.validator_for(schema)
            cls.check_schema(schema)
            schemas[name] = cls(schema)
            if name == "rule":
                RULE_KEYS.update(schema["properties"])
    except (OSError, ValueError, jsonschema.SchemaError) as e:
        print(f"validate_schemas: cannot load the schemas: {e}", file=sys.stderr)
        return 2

    problems = []
    counts = {"rule": 0, "config": 0}

    def check(kind, where, doc):
        counts[kind] += 1
        for error in schemas[kind].iter_errors(doc):
            path = "/".join(str(p) for p in error.absolute_path) or "(top)"
            problems.append(f"{where}: {path}: {error.message}")

    rule_files = sorted(glob.glob(os.path.join(source, "rules", "**", "*.yaml"), recursive=True))
    for sub in ("rules", "utils"):
        for ext in ("yaml", "yml"):
            rule_files += sorted(glob.glob(os.path.join(source, "tests", "differential", sub,
                                                        "**", "*." + ext), recursive=True))
    rule_files += extra
    bundled = 0
    for path in rule_files:
        with open(path, encoding="utf-8") as f:
            docs = documents(f.read())
        for n, doc in enumerate(docs):
            if is_test_file(doc):
                continue
            check("rule", f"{os.path.relpath(path, source)} (document {n + 1})", doc)
            bundled += 1

    doc_rules = doc_configs = doc_fragments = 0
    for rel in DOCS:
        path = os.path.join(source, rel)
        if not os.path.exists(path):
            continue
        for line, text in yaml_blocks(path):
            where = f"{rel}:{line}"
            try:
                docs = documents(text)
            except yaml.YAMLError as e:
                if text.lstrip().startswith("# .git-mentor.yaml"):
                    problems.append(f"{where}: not YAML: {e}")
                continue  # a fragment with placeholders, not a file
            for doc in docs:
                kind = classify(text, doc)
                if kind == "config":
                    check("config", where, doc)
                    doc_configs += 1
                elif kind == "rule":
                    check("rule", where, doc)
                    doc_rules += 1
                elif kind == "fragment":
                    # Part of a rule file: checked within a minimal one.
                    whole = {"id": "fragment", "language": "python"}
                    if "query" not in doc:
                        whole["rule"] = {"kind": "call"}
                    whole.update(doc)
                    check("rule", where + " (part of a rule file)", whole)
                    doc_fragments += 1

    for kind, why, text in WRONG:
        doc = yaml.safe_load(text)
        if schemas[kind].is_valid(doc):
            problems.append(f"the {kind} schema accepts a file it must refuse ({why}):\n{text}")

    # The checks above must have looked at something.
    if bundled < 50:
        problems.append(f"only {bundled} rule documents found under {source}/rules")
    if doc_rules < 3 or doc_configs < 2 or doc_fragments < 5:
        problems.append(f"only {doc_rules} rules and {doc_configs} configurations found in the docs")

    for problem in problems:
        print(problem)
    print(f"validate_schemas: {bundled} rule file documents; in the docs {doc_rules} rules, "
          f"{doc_fragments} parts of rules and {doc_configs} configurations; {len(WRONG)} wrong "
          f"files: "
          f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
