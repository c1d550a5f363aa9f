#!/usr/bin/env python3
"""Validate a JSON document, or every line of a JSON Lines file, against a JSON Schema.

usage: validate.py [--lines] DATA SCHEMA
Uses python3-jsonschema (Debian) with the 2020-12 validator; exits 1 on the first error.
"""
import json
import sys

import jsonschema


def main():
    args = [a for a in sys.argv[1:] if a != "--lines"]
    lines = "--lines" in sys.argv
    data_path, schema_path = args
    schema = json.load(open(schema_path, encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    with open(data_path, encoding="utf-8") as f:
        if lines:
            docs = [(i, json.loads(l)) for i, l in enumerate(f, 1) if l.strip()]
        else:
            docs = [(1, json.load(f))]
    for lineno, doc in docs:
        for err in validator.iter_errors(doc):
            path = "/".join(str(p) for p in err.absolute_path)
            print(f"{data_path}:{lineno}: {path}: {err.message}")
            return 1
    print(f"{data_path}: {len(docs)} document(s) valid")
    return 0


if __name__ == "__main__":
    sys.exit(main())
