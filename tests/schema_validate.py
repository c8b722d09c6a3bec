# schema_validate.py: validate tunnelcast's JSON documents against docs/tunnelcast.schema.json.
# usage: python3 schema_validate.py SCHEMA KIND FILE...   (KIND: a $defs entry, "predict")
# Exit 0 when every FILE is valid, 1 when one is not (each error printed with its path), 77
# when Debian's python3-jsonschema is not installed (tests/schema.sh decides what that means).
import json
import sys

try:
    from jsonschema import Draft202012Validator
except ImportError:
    sys.exit(77)


def main():
    schema_path, kind, files = sys.argv[1], sys.argv[2], sys.argv[3:]
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    Draft202012Validator.check_schema(schema)
    if kind not in schema["$defs"]:
        print(f"schema_validate: no $defs entry {kind!r} in {schema_path}", file=sys.stderr)
        return 1
    # the kind's definition, resolved inside the whole schema (its $refs point into $defs)
    v = Draft202012Validator(
        {"$schema": schema["$schema"], "$defs": schema["$defs"], "$ref": f"#/$defs/{kind}"}
    )
    bad = 0
    for path in files:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        errors = sorted(v.iter_errors(doc), key=lambda e: list(e.absolute_path))
        for e in errors[:20]:
            where = "/".join(str(p) for p in e.absolute_path) or "(root)"
            print(f"FAIL: {path}: {kind}: at {where}: {e.message}", file=sys.stderr)
        bad += bool(errors)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
