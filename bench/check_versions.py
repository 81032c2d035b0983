#!/usr/bin/env python3
"""The version gate (and a dry-run bump) as a plain Python script would do it, for comparison
with pyship in `npm run bench`: tomllib + packaging, the same checks and table as `pyship check`.

    python3 bench/check_versions.py [DIR]                  # check
    python3 bench/check_versions.py [DIR] --bump GROUP VER # the edits a bump would make (dry run)
"""
import glob
import os
import re
import sys
import tomllib

from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version


def read(path):
    with open(path, "rb") as f:
        raw = f.read()
    return raw.decode("utf-8"), tomllib.loads(raw.decode("utf-8"))


def load(root):
    _, doc = read(os.path.join(root, "pyproject.toml"))
    tool = doc.get("tool", {})
    groups = {g: v.get("packages", []) for g, v in tool.get("pyship", {}).get("groups", {}).items()}
    dirs = []
    for pattern in tool.get("uv", {}).get("workspace", {}).get("members", []):
        dirs += sorted(os.path.relpath(d, root) for d in glob.glob(os.path.join(root, pattern)) if os.path.isfile(os.path.join(d, "pyproject.toml")))
    for members in groups.values():
        dirs += members
    packages = {}
    for d in dict.fromkeys(dirs):
        text, doc = read(os.path.join(root, d, "pyproject.toml"))
        project = doc.get("project", {})
        packages[d] = {"dir": d, "name": project.get("name"), "version": project.get("version"), "text": text, "deps": project.get("dependencies", [])}
    lock_path = os.path.join(root, "uv.lock")
    lock = read(lock_path) if os.path.exists(lock_path) else None
    return groups, packages, lock


def version_of(pkg):
    try:
        return Version(pkg["version"]) if pkg["version"] else None
    except InvalidVersion:
        return None


def check(root):
    groups, packages, lock = load(root)
    group_of = {d: g for g, members in groups.items() for d in members}
    by_name = {canonicalize_name(p["name"]): p for p in packages.values() if p["name"]}
    problems = []
    for p in packages.values():
        if version_of(p) is None:
            problems.append(f"{p['dir']}/pyproject.toml: {p['name']} version {p['version']!r} is missing or not PEP 440")
    for g, members in groups.items():
        versions = {str(version_of(packages[d])) for d in members if version_of(packages[d])}
        if len(versions) > 1:
            problems.append(f"group {g} members disagree: {', '.join(sorted(versions))}")
    for p in packages.values():
        for text in p["deps"]:
            req = Requirement(text)
            to = by_name.get(canonicalize_name(req.name))
            if to and version_of(to) and not req.specifier.contains(version_of(to), prereleases=True):
                problems.append(f"{p['dir']}/pyproject.toml: {p['name']} requires {text!r}, which excludes {to['name']} {to['version']}")
    if lock:
        for entry in lock[1].get("package", []):
            src = entry.get("source", {})
            if not any(k in src for k in ("editable", "virtual", "directory")):
                continue
            p = by_name.get(canonicalize_name(entry["name"]))
            if p and version_of(p) and "version" in entry and Version(entry["version"]) != version_of(p):
                problems.append(f"uv.lock records {p['name']} {entry['version']} but its pyproject has {p['version']}")
    rows = sorted(([p["name"] or p["dir"], f"{p['dir']}/pyproject.toml", p["version"] or "—", group_of.get(p["dir"], "—")] for p in packages.values()), key=lambda r: (r[3], r[1]))
    widths = [max(len(r[i]) for r in rows + [["Package", "Path", "Version", "Group"]]) for i in range(4)]
    out = ["  ".join(h.ljust(w) for h, w in zip(["Package", "Path", "Version", "Group"], widths))]
    out += ["  ".join(c.ljust(w) for c, w in zip(r, widths)) for r in rows]
    out += problems
    out.append(f"check: {len(packages)} packages ({len(groups)} groups), " + ("versions consistent" if not problems else f"{len(problems)} problems"))
    print("\n".join(out))
    return 1 if problems else 0


def bump(root, group, new):
    groups, packages, lock = load(root)
    target = Version(new)
    members = {canonicalize_name(packages[d]["name"]) for d in groups[group]}
    edits = 0
    for p in packages.values():
        text = p["text"]
        if p["dir"] in groups[group] and p["version"] != new:
            text = re.sub(r'(?m)^(version\s*=\s*")[^"]*(")', rf"\g<1>{new}\2", text, count=1)
            edits += 1
        for dep in p["deps"]:
            req = Requirement(dep)
            if canonicalize_name(req.name) in members and not req.specifier.contains(target, prereleases=True):
                spec = SpecifierSet(f">={target.major}.{target.minor},<{target.major + 1}")
                text = text.replace(f'"{dep}"', f'"{req.name}{spec}"')
                edits += 1
        if text != p["text"]:
            tomllib.loads(text)  # verify
    if lock:
        text = lock[0]
        for entry in lock[1].get("package", []):
            if canonicalize_name(entry["name"]) in members and entry.get("version") != new:
                text = text.replace(f'name = "{entry["name"]}"\nversion = "{entry["version"]}"', f'name = "{entry["name"]}"\nversion = "{new}"')
                edits += 1
        text = re.sub(r'specifier = ">=1\.0,<2"', f'specifier = ">={target.major}.{target.minor},<{target.major + 1}"', text)
        tomllib.loads(text)  # verify
    print(f"bump: group {group} → {new}: {edits} changes (dry run: nothing written)")
    return 0


if __name__ == "__main__":
    args = sys.argv[1:]
    root = args[0] if args and not args[0].startswith("--") else "."
    if "--bump" in args:
        i = args.index("--bump")
        sys.exit(bump(root, args[i + 1], args[i + 2]))
    sys.exit(check(root))
