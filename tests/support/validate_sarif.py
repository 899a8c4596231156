#!/usr/bin/env python3
"""Validates SARIF logs against a JSON schema: validate_sarif.py SCHEMA LOG...

Prints every violation (its JSON path and message) and exits 1 when a log is invalid, 2 when the
schema or a log cannot be read or jsonschema is missing, 0 when every log is valid. Uses the
validator class the schema's $schema names (draft 2020-12 for SARIF 2.1.0) with format checks.
"""
import json
import os
import sys

DEBIAN_PYTHON = "/usr/bin/python3"

try:
    import jsonschema
    from jsonschema.validators import validator_for
except ImportError:
    # Debian's python3-jsonschema belongs to Debian's python3, which may not be the first
    # python3 on PATH (pyenv, a virtualenv): run again with it.
    if (os.path.exists(DEBIAN_PYTHON)
            and os.path.realpath(sys.executable) != os.path.realpath(DEBIAN_PYTHON)):
        os.execv(DEBIAN_PYTHON, [DEBIAN_PYTHON, os.path.abspath(__file__)] + sys.argv[1:])
    print("validate_sarif: python3-jsonschema is missing (scripts/install-deps.sh installs it)",
          file=sys.stderr)
    sys.exit(2)


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        with open(argv[1], encoding="utf-8") as f:
            schema = json.load(f)
    except (OSError, ValueError) as e:
        print(f"validate_sarif: cannot read the schema {argv[1]}: {e}", file=sys.stderr)
        return 2
    cls = validator_for(schema)
    cls.check_schema(schema)
    validator = cls(schema, format_checker=jsonschema.FormatChecker())
    invalid = False
    for path in argv[2:]:
        try:
            with open(path, encoding="utf-8") as f:
                log = json.load(f)
        except (OSError, ValueError) as e:
            print(f"validate_sarif: cannot read {path}: {e}", file=sys.stderr)
            return 2
        errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
        for error in errors:
            where = "/".join(str(p) for p in error.absolute_path) or "(root)"
            print(f"{path}: {where}: {error.message}", file=sys.stderr)
        if errors:
            invalid = True
        else:
            print(f"{path}: valid ({cls.__name__})")
    return 1 if invalid else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
