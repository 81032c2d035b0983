#!/usr/bin/env python3
"""Write __fixtures__/toml-edit-corpus.json: generated pyproject.toml files in varied
spellings (quotes, spacing, comments, CRLF, BOM, pins of every operator, look-alike keys),
each with the file `bump` must write for a new version: the same bytes but the characters
of [project] version, checked here with Python's tomllib (it reads the new version and
everything else unchanged). __tests__/pyproject/toml-edit-corpus.test.ts compares pyship's
edit with it.

    python3 scripts/toml-edit-corpus.py [--seed N]

Each case is [before, version, after]: after is null where pyship refuses to edit (the
version string uses escapes: "edit it by hand").
"""
import argparse
import json
import os
import random
import sys
import tomllib

VERSIONS = ["1.4.0", "0.1", "2!3.0rc1", "1.0.post1", "10.20.30.dev4", "1.4.0+local.7", "1.4", "1.4.0a1"]
NEW = ["1.5.0", "2.0.0", "1.4.1", "1.4.0rc1", "10.0", "3!1.0.0", "1.4.0.post2", "1.4.10"]
PINS = [">=1.4", "~=1.4.0", "==1.4.*", "!=1.4.1", "<2", "<=1.4.0", ">1.0", "===1.4.0", ">=1.4,<2", "== 1.4.0", "~= 1.4"]


def quoted(r: random.Random, value: str) -> tuple[str, str, bool]:
    """(spelling of the string, its body prefix, escapes used)."""
    style = r.choice(["basic", "basic", "literal", "ml-basic", "ml-literal", "ml-basic-nl", "escaped"])
    if style == "basic":
        return f'"{value}"', "", False
    if style == "literal":
        return f"'{value}'", "", False
    if style == "ml-basic":
        return f'"""{value}"""', "", False
    if style == "ml-literal":
        return f"'''{value}'''", "", False
    if style == "ml-basic-nl":
        return f'"""\n{value}"""', "", False
    return '"' + value.replace(".", "\\u002e", 1) + '"', "", True


def document(r: random.Random, old: str, new: str):
    nl = r.choice(["\n", "\n", "\r\n"])
    eq = r.choice([" = ", "=", "  =  ", "\t=\t", " =", "= "])
    spelled, _, escaped = quoted(r, old)
    new_spelled = spelled.replace(old, new, 1) if not escaped else None
    comment = r.choice(["", "", "  # the version", " #version = \"9.9\""])
    pins = r.sample(PINS, r.randint(0, 4))
    deps = ", ".join(f'"pkg-{k}{p}"' for k, p in enumerate(pins))
    header = r.choice(["[project]", "[ project ]", "[project]  # main", "['project']", '["project"]'])
    lines_before = [f'name = "demo"', f"dependencies = [{deps}]"] if r.random() < 0.5 else [f"dependencies = [{deps}]"]
    lines_after = [r.choice(['description = "version 1.4.0 of it"', "readme = { file = \"README.md\" }", "# version = \"0.0\"", ""])]
    tool = r.choice(["", f"[tool.x]{nl}version = {spelled}{nl}", f"[tool.hatch.version]{nl}path = \"src/v.py\"{nl}"])
    before_tool = r.random() < 0.5
    parts_before = [tool if before_tool else "", header, *lines_before, f"version{eq}{spelled}{comment}", *lines_after, "" if before_tool else tool]
    parts_after = [tool if before_tool else "", header, *lines_before, f"version{eq}{new_spelled}{comment}", *lines_after, "" if before_tool else tool]
    if r.random() < 0.15:  # dotted key at the top instead of a [project] header
        parts_before = [f"project.name = \"demo\"", f"project.version{eq}{spelled}{comment}", tool]
        parts_after = [f"project.name = \"demo\"", f"project.version{eq}{new_spelled}{comment}", tool]
    before = nl.join(p for p in parts_before if p != "")
    after = nl.join(p for p in parts_after if p != "") if new_spelled else None
    if r.random() < 0.8:
        before += nl
        after = after + nl if after is not None else None
    if r.random() < 0.15:
        before = "\ufeff" + before
        after = "\ufeff" + after if after is not None else None
    return before, after


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=26)
    parser.add_argument("--count", type=int, default=600)
    parser.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "__fixtures__", "toml-edit-corpus.json"))
    args = parser.parse_args()
    r = random.Random(args.seed)
    cases = []
    while len(cases) < args.count:
        old, new = r.choice(VERSIONS), r.choice(NEW)
        if old == new:
            continue
        before, after = document(r, old, new)
        # tomllib refuses a byte-order mark (pip reads without one); pyship keeps it (SPEC §4 bump)
        was = tomllib.loads(before.removeprefix("\ufeff"))
        if was["project"]["version"] != old:
            raise AssertionError(f"generator: {before!r} does not read {old}")
        if after is not None:
            now = tomllib.loads(after.removeprefix("\ufeff"))
            if now["project"]["version"] != new:
                raise AssertionError(f"generator: {after!r} does not read {new}")
            now["project"]["version"] = old
            if now != was:
                raise AssertionError(f"generator: {after!r} changes more than the version")
        cases.append([before, new, after])
    out = {"generator": "scripts/toml-edit-corpus.py", "seed": args.seed, "python": sys.version.split()[0], "rule": "after = before with only [project] version's characters changed; tomllib reads the new version and the rest unchanged", "cases": cases}
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=True, indent=0)
        f.write("\n")
    print(f"wrote {os.path.normpath(args.out)}: {len(cases)} files, {sum(1 for c in cases if c[2] is None)} that must be refused", file=sys.stderr)


if __name__ == "__main__":
    main()
