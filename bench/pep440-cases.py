#!/usr/bin/env python3
"""Write __fixtures__/pep440-specifiers.json: how Python's `packaging` evaluates
specifiers on pre-, post-, dev- and local versions, the table pyship's own evaluation
(src/version/pep440.ts) is tested against.

pyship's rule is "pre-releases count as inside", i.e.
SpecifierSet(spec).contains(version, prereleases=True).

    python3 -m venv /tmp/pk && /tmp/pk/bin/pip install packaging
    /tmp/pk/bin/python bench/pep440-cases.py     # rewrites the JSON file
"""
import json
import os
import sys

import packaging
from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import Version

SPECIFIERS = [
    "<0.5b0", "<0.5", "<=0.5", ">0.5", ">=0.5", "<0.5.dev0", ">=0.5b0", "<0.5rc1",
    "==0.5", "==0.5.0", "!=0.5", "==0.5.*", "!=0.5.*", "==0.*", "==0.5b0", "==0.5+loc",
    "~=0.5", "~=0.5.0", "~=0.4.9", "~=0.5b0", "~=0.5.post1", "~=1!0.5",
    ">0.5.post1", ">0.5.post0", ">=0.5.post1", "<0.5.post1", ">0.5b0", ">0.5.dev0",
    "==1.0.0.*", "==1.*", "<1.0", ">=0.4.9,<0.5", ">=2.2.0,<3.0.0", ">=0.5,!=0.5.1",
    "===0.5", "===0.5.0", "==0.5.0rc1", "<=0.5.dev0", ">=1!0.1", "<1!0.1",
    ">= 0.5 , < 0.6", "== 1.45.0", "==0.5.0.*",
    # epochs in ~= and wildcards, < and > of post- and dev-releases, empty clauses, ===
    "==1!0.5.*", "~=1!0.0", "<0.5.post2", ">0.5.post1.dev0", ">=0.5,", ",<1.0,", "===0.5+LOC",
    # not specifiers at all
    "~=1", ">=0.5.*", ">=0.5+loc", "=0.5", "0.5", "==0.5.*.dev0", ">=0.5,,<1.0x",
]

VERSIONS = [
    "0.4", "0.4.9", "0.5.dev0", "0.5a1", "0.5b0.dev0", "0.5b0", "0.5b1", "0.5rc1",
    "0.5", "0.5.0", "0.5+loc", "0.5.post0", "0.5.post1", "0.5.post1.dev0", "0.5.post2",
    "0.5.1", "0.5.1+loc", "0.6.dev0", "0.6", "1.0", "1.0.0", "1.0.0rc1", "1.0.dev0",
    "1.0.0.post1", "1.45.0", "2.2.0", "2.9.9", "3.0.0", "3.0.0rc1", "1!0.5", "1!0.0.1",
]


def main() -> None:
    cases = []
    for spec in SPECIFIERS:
        try:
            parsed = SpecifierSet(spec)
        except InvalidSpecifier:
            cases.append({"specifier": spec, "valid": False})
            continue
        admits = {v: parsed.contains(Version(v), prereleases=True) for v in VERSIONS}
        cases.append({"specifier": spec, "valid": True, "admits": admits})
    order = sorted(VERSIONS, key=Version)
    out = {
        "generator": "bench/pep440-cases.py",
        "packaging": packaging.__version__,
        "rule": "SpecifierSet(specifier).contains(Version(version), prereleases=True)",
        "order": order,
        "cases": cases,
    }
    here = os.path.dirname(os.path.abspath(__file__))
    target = os.path.join(here, "..", "__fixtures__", "pep440-specifiers.json")
    with open(target, "w", encoding="utf-8") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    print(f"wrote {os.path.normpath(target)}: {len(cases)} specifiers x {len(VERSIONS)} versions", file=sys.stderr)


if __name__ == "__main__":
    main()
