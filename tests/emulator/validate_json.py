"""Validates awsvpc's JSON documents against the committed JSON Schemas (schemas/), with the
`jsonschema` package that the pinned moto[server] installs into the emulator's virtualenv.

Input on stdin: {"schemas_dir": PATH, "documents": [{"schema": "enis.schema.json", "what": ..., "document": {...}}]}.
Every object schema with properties is made closed (no field the schema does not name), so a
field added to the output without its schema is caught too. Prints one line per problem and
exits 1 when there is any; prints "ok N" otherwise.
"""

import json
import pathlib
import sys

import jsonschema


def closed(node):
    if isinstance(node, dict):
        if "properties" in node and "additionalProperties" not in node:
            node["additionalProperties"] = False
        for v in node.values():
            closed(v)
    elif isinstance(node, list):
        for v in node:
            closed(v)
    return node


def main():
    data = json.load(sys.stdin)
    base = pathlib.Path(data["schemas_dir"])
    problems = []
    for item in data["documents"]:
        schema = closed(json.loads((base / item["schema"]).read_text()))
        validator = jsonschema.Draft202012Validator(schema)
        for err in validator.iter_errors(item["document"]):
            where = "/".join(str(p) for p in err.absolute_path)
            problems.append(f"{item['what']} ({item['schema']}) at /{where}: {err.message}")
    for p in problems:
        print(p)
    if problems:
        sys.exit(1)
    print(f"ok {len(data['documents'])}")


if __name__ == "__main__":
    main()
