#!/usr/bin/env python3
"""Rewrites the README's example outputs from the snapshots at 100 columns
(src/output/snapshots/, written by `INSTA_UPDATE=always cargo test --lib snapshots`). The test
`output::snapshots::readme_examples_are_the_snapshots` keeps them equal."""

import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
EXAMPLES = {
    "$ awsvpc enis --cluster demo\n": "enis",
    "$ awsvpc capacity --cluster demo --tasks 4": "capacity",
    "$ awsvpc check --cluster demo --subnets": "check",
    "$ awsvpc diagnose --cluster demo cbbccbcc": "diagnose-task",
}


def snapshot(name):
    text = (ROOT / f"src/output/snapshots/awsvpc__output__snapshots__{name}-100.snap").read_text()
    return text.split("---\n", 2)[2]


def main():
    readme = (ROOT / "README.md").read_text()
    for command, name in EXAMPLES.items():
        start = readme.index(command)
        body = readme.index("\n", start) + 1
        end = readme.index("```", body)
        readme = readme[:body] + snapshot(name) + readme[end:]
    (ROOT / "README.md").write_text(readme)


if __name__ == "__main__":
    main()
