#!/usr/bin/env python3
"""Generate the bump corpus: uv workspaces in varied spellings, each with the bytes `pyship bump`
must write (or the refusal it must give), from a model written here independently of pyship.

Every workspace has a group `core` (one or two members whose version is bumped) and members
that pin them with every operator and spacing, in `dependencies`, `optional-dependencies` and
dependency groups (the same pin twice included), with a `uv.lock` that mirrors the pins. Files
are spelt in varied ways: quotes, spacing, comments, CRLF, a BOM, dotted keys, multi-line arrays.
Targets are releases and pre-/dev-/post-releases at every precision.

The model (SPEC §4 `bump`): a pin that admits the new version is left alone; `~=`, `==`, `>=`
(and `==X.*`) keep their precision; one lower bound with one `<` cap moves both bounds when the
version crosses the cap; anything else (`<`, `<=`, `!=`, `>`, `===`, several caps) is refused
with E_PIN_EXCLUDES on the pin's line and nothing is written. Containment is `packaging`'s
(`prereleases=True`).

Then Python's `tomllib` checks every expected file: it parses, only version characters changed
(each changed run of characters is made of [0-9a-z.*]), every value but the versions and pins is
the same, and `project.version` reads as the new version.

    python3 scripts/bump-corpus.py > __tests__/data/bump-corpus.json

Needs Python >= 3.11 (tomllib) and `packaging` (its version is recorded in the output).
"""
import difflib
import json
import random
import sys
import tomllib

import packaging
from packaging.specifiers import Specifier, SpecifierSet
from packaging.version import Version

SEED = 27
WORKSPACES = 160


# ---------------------------------------------------------------------------- the model

def admits(spec: str, version: str) -> bool:
    try:
        return SpecifierSet(spec).contains(version, prereleases=True)
    except Exception:
        return False


def at_precision(v: Version, n: int) -> str:
    rel = list(v.release[:n]) + [0] * max(0, n - len(v.release))
    return (f"{v.epoch}!" if v.epoch else "") + ".".join(map(str, rel))


def suffix(v: Version) -> str:
    s = str(v)
    if v.epoch:
        s = s.split("!", 1)[1]
    rel = ".".join(map(str, v.release))
    return s[len(rel):].split("+")[0]


def lower_bound(op: str, old: str, target: Version) -> str | None:
    if op not in ("~=", "==", ">="):
        return None
    if old.endswith(".*"):
        return at_precision(target, len(Version(old[:-2]).release)) + ".*"
    same = at_precision(target, len(Version(old).release))
    for cand in [same] + ([same + suffix(target)] if suffix(target) else []):
        if admits(op + cand, str(target)):
            return cand
    return str(target)


def next_cap(cap: str, target: Version) -> str | None:
    c = Version(cap)
    if c.pre or c.post is not None or c.dev is not None:
        return None
    level = len(c.release) - 1
    while level > 0 and c.release[level] == 0:
        level -= 1
    rel = list(target.release[: level + 1]) + [0] * max(0, level + 1 - len(target.release))
    rel[level] += 1
    rel += [0] * (len(c.release) - len(rel))
    return (f"{target.epoch}!" if target.epoch else "") + ".".join(map(str, rel))


def rewrite(clauses: list[tuple[str, str]], target: Version) -> list[str] | None:
    """New versions for each clause (same order), or None when the pin cannot follow."""
    spec = ",".join(op + v for op, v in clauses)
    new = [v for _, v in clauses]
    if len(clauses) == 1:
        op, v = clauses[0]
        r = lower_bound(op, v, target)
        if r is None:
            return None
        new[0] = r
    else:
        lows = [i for i, (op, _) in enumerate(clauses) if op in (">=", "~=", ">")]
        caps = [i for i, (op, _) in enumerate(clauses) if op == "<"]
        if len(clauses) != 2 or len(lows) != 1 or len(caps) != 1:
            return None
        lo, cap = lows[0], caps[0]
        crossed = not admits("<" + clauses[cap][1], str(target))
        if crossed or not admits(clauses[lo][0] + clauses[lo][1], str(target)):
            r = lower_bound(*clauses[lo], target)
            if r is None:
                return None
            new[lo] = r
        if crossed:
            r = next_cap(clauses[cap][1], target)
            if r is None:
                return None
            new[cap] = r
    out = ",".join(op + v for (op, _), v in zip(clauses, new))
    return new if admits(out, str(target)) and spec != out else None


# ---------------------------------------------------------------------------- spellings

class Pin:
    """A requirement on a bumped member, spelt with its own spacing."""

    def __init__(self, rnd: random.Random, name: str, clauses: list[tuple[str, str]]):
        self.name = name
        self.clauses = clauses
        self.spell_name = rnd.choice([name, name.upper(), name.replace("-", "_"), name.replace("-", ".")])
        self.extras = rnd.choice(["", "", "[cli]"])
        self.paren = rnd.random() < 0.1
        self.gap = rnd.choice(["", "", " "])
        self.after_op = [rnd.choice(["", "", " "]) for _ in clauses]
        self.comma = [rnd.choice([",", ", ", " , "]) for _ in clauses]
        self.marker = rnd.choice(["", "", "", "; python_version >= '3.9'", ' ; sys_platform != "win32"'])

    def text(self, versions: list[str], quote: str) -> str:
        parts = []
        for i, ((op, _), v) in enumerate(zip(self.clauses, versions)):
            parts.append((self.comma[i] if i else "") + op + self.after_op[i] + v)
        spec = "".join(parts)
        if self.paren:
            spec = f"({spec})"
        marker = self.marker
        if quote == "'" and "'" in marker:
            marker = marker.replace("'", '"')
        if quote == '"' and '"' in marker:
            marker = marker.replace('"', "'")
        return f"{self.spell_name}{self.extras}{self.gap}{spec}{marker}"

    def lock_spec(self, versions: list[str]) -> str:
        return ", ".join(op + v for (op, _), v in zip(self.clauses, versions))


def pin_shapes(v: Version) -> list[list[tuple[str, str]]]:
    r = v.release
    x, y, z = r[0], r[1] if len(r) > 1 else 0, r[2] if len(r) > 2 else 0
    return [
        [("==", f"{x}.{y}.{z}")], [("==", f"{x}.{y}")], [("~=", f"{x}.{y}.{z}")], [("~=", f"{x}.{y}")],
        [("==", f"{x}.{y}.*")], [("==", f"{x}.*")], [(">=", f"{x}.{y}")], [(">=", f"{x}.{y}.{z}")],
        [(">=", f"{x}.{y}"), ("<", f"{x}.{y + 1}")], [(">=", f"{x}.{y}.{z}"), ("<", f"{x + 1}")],
        [(">=", f"{x}.{y}.{z}"), ("<", f"{x + 1}.0.0")], [("<", f"{x}.{y + 1}"), (">=", f"{x}.{y}")],
        [("~=", f"{x}.{y}.{z}"), ("<", f"{x}.{y + 1}")], [("<", f"{x + 1}")], [("<=", f"{x}.{y}.{z}")],
        [("!=", f"{x}.{y + 1}.0")], [(">", f"{x}.{y}")], [("===", f"{x}.{y}.{z}")],
        [(">=", f"{x}"), ("<", f"{x + 1}"), ("<", f"{x + 2}")], [(">", f"{x}.{y}"), ("<", f"{x}.{y + 1}")],
    ]


def targets(v: Version, rnd: random.Random) -> str:
    x, y, z = (list(v.release) + [0, 0])[:3]
    return rnd.choice([
        f"{x}.{y}.{z + 1}", f"{x}.{y + 1}.0", f"{x + 1}.0.0", f"{x}.{y + 1}", f"{x + 1}.0",
        f"{x + 1}.0rc1", f"{x + 1}.0.0rc1", f"{x}.{y + 1}.0b2", f"{x}.{y + 1}a1", f"{x + 1}.0.dev0",
        f"{x}.{y + 1}.0rc1.dev3", f"{x}.{y}.{z}.post1", f"{x + 1}!0" if False else f"{x}.{y + 1}.0.0",
        f"{x}.{y}.{z}", f"{x}.{y}.{z + 1}rc1",
    ])


class Doc:
    """A pyproject.toml in one spelling, with the (line, string) of every value bump may change."""

    def __init__(self, rnd: random.Random):
        self.rnd = rnd
        self.quote = rnd.choice(['"', '"', "'"])
        self.eq = rnd.choice([" = ", " = ", "=", "   =  ", " =\t"])
        self.crlf = rnd.random() < 0.2
        self.bom = rnd.random() < 0.1
        self.dotted = rnd.random() < 0.15
        self.comments = rnd.random() < 0.5
        self.multiline = rnd.random() < 0.5
        self.final_newline = rnd.random() < 0.9

    def q(self, s: str) -> str:
        return f"{self.quote}{s}{self.quote}"

    def render(self, name: str, version: str, deps: list[tuple[str, list[tuple[Pin, list[str]]]]], extra_tables: str = "") -> str:
        lines: list[str] = []
        c = self.comments
        if c:
            lines.append("# generated member — comments, spacing and quotes must survive a bump")
        if self.dotted:
            lines.append(f"project.name{self.eq}{self.q(name)}")
            lines.append(f"project.version{self.eq}{self.q(version)}{'  # the version' if c else ''}")
        else:
            lines.append("[project]")
            lines.append(f"name{self.eq}{self.q(name)}")
            lines.append(f"version{self.eq}{self.q(version)}{'  # the version' if c else ''}")
        groups: dict[str, list[str]] = {}
        for where, pins in deps:
            items = [self.q(p.text(vs, self.quote)) for p, vs in pins]
            if not items:
                continue
            multiline = self.multiline or len(items) > 2
            if multiline:
                body = "[\n" + "".join(f"    {it},{'  # pin' if c and k == 0 else ''}\n" for k, it in enumerate(items)) + "]"
            else:
                body = "[" + ", ".join(items) + "]"
            groups.setdefault(where, []).append(body)
        if "dependencies" in groups:
            key = "project.dependencies" if self.dotted else "dependencies"
            lines.append(f"{key}{self.eq}{groups['dependencies'][0]}")
        if "optional" in groups:
            if self.dotted:
                lines.append(f"project.optional-dependencies.cli{self.eq}{groups['optional'][0]}")
            else:
                lines.append("")
                lines.append("[project.optional-dependencies]")
                lines.append(f"cli{self.eq}{groups['optional'][0]}")
        if "group" in groups:
            lines.append("")
            lines.append("[dependency-groups]" + ("  # PEP 735" if c else ""))
            lines.append(f"dev{self.eq}{groups['group'][0]}")
        if extra_tables:
            lines.append("")
            lines.append(extra_tables)
        text = "\n".join(lines) + ("\n" if self.final_newline else "")
        if self.crlf:
            text = text.replace("\n", "\r\n")
        return ("\ufeff" if self.bom else "") + text


def line_of(text: str, needle: str) -> int:
    at = text.index(needle)
    return text[:at].count("\n") + 1


# ---------------------------------------------------------------------------- one workspace

def spec_of(clauses: list[tuple[str, str]]) -> str:
    return ",".join(op + v for op, v in clauses)


def workspace(rnd: random.Random, k: int) -> dict:
    base = Version(rnd.choice(["1.4.0", "0.4.9", "2.2.0", "1.0.0", "0.1.0", "3.1.2", "1.45.0", "0.9"]))
    version = str(base)
    core = ["core-lib"] + (["core-cli"] if rnd.random() < 0.3 else [])
    target = Version(targets(base, rnd))
    shapes = pin_shapes(base)
    users = [f"user-{i}" for i in range(rnd.randint(1, 3))]
    files: dict[str, str] = {}
    expected: dict[str, str] = {}
    refusals: list[str] = []
    # per member: (name, version, [(where, pin, old versions, new versions or None)])
    lock_entries: list[tuple[str, str, list[tuple[str, Pin, list[str], list[str] | None]]]] = []

    def member(name: str, ver: str, pinned: list[tuple[str, Pin]]) -> None:
        doc = Doc(rnd)
        deps: dict[str, list[tuple[Pin, list[str]]]] = {"dependencies": [], "optional": [], "group": []}
        new_deps: dict[str, list[tuple[Pin, list[str]]]] = {"dependencies": [], "optional": [], "group": []}
        refused: list[tuple[str, Pin]] = []
        mirrored: list[tuple[str, Pin, list[str], list[str] | None]] = []
        for where, pin in pinned:
            old = [v for _, v in pin.clauses]
            keep = admits(spec_of(pin.clauses), str(target))
            new = None if keep else rewrite(pin.clauses, target)
            deps[where].append((pin, old))
            new_deps[where].append((pin, new if new is not None else old))
            if not keep and new is None:
                refused.append((where, pin))
            mirrored.append((where, pin, old, new))
        new_ver = str(target) if name in core else ver
        rel = f"libs/{name}/pyproject.toml"
        text = doc.render(name, ver, list(deps.items()))
        files[rel] = text
        expected[rel] = doc.render(name, new_ver, list(new_deps.items()))
        for where, pin in refused:
            needle = doc.q(pin.text([v for _, v in pin.clauses], doc.quote))
            refusals.append(f"E_PIN_EXCLUDES {rel}:{line_in_section(text, needle, where)}")
        lock_entries.append((name, ver, mirrored))

    pinned_by: dict[str, list[tuple[str, Pin]]] = {}
    for u in users:
        pins: list[tuple[str, Pin]] = []
        for _ in range(rnd.randint(1, 3)):
            dep = rnd.choice(core)
            pin = Pin(rnd, dep, rnd.choice(shapes))
            where = rnd.choice(["dependencies", "dependencies", "optional", "group"])
            # one pin per name per place (a second one would only be another shape of the same list)
            if any(w == where and p.name == dep for w, p in pins):
                continue
            pins.append((where, pin))
            if where == "dependencies" and not any(w == "group" and p.name == dep for w, p in pins) and rnd.random() < 0.3:
                pins.append(("group", pin))  # the same pin in a dependency group too
        pinned_by[u] = pins
    for name in core:
        member(name, version, [])
    for u in users:
        member(u, "0.1.0", pinned_by[u])

    files["pyproject.toml"] = (
        "[tool.uv.workspace]\nmembers = [\"libs/*\"]\n\n[tool.pyship.groups.core]\n"
        f"packages = [{', '.join(json.dumps('libs/' + c) for c in core)}]\n"
    )
    files["uv.lock"], expected["uv.lock"] = lock_text(lock_entries, core, str(target))
    case: dict = {"name": f"workspace {k}: {', '.join(core)} {version} → {target}", "version": str(target), "files": files}
    if refusals:
        case["refusal"] = sorted(refusals)
    else:
        case["expected"] = {f: t for f, t in expected.items() if t != files[f]}
        check_with_tomllib(files, case["expected"], str(target), core)
    return case


def line_in_section(text: str, needle: str, where: str) -> int:
    """The line of `needle` in the array of `where` (the same pin may be in several)."""
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").split("\n")
    key = {"dependencies": "dependencies", "optional": "cli", "group": "dev"}[where]
    start = next(i for i, l in enumerate(lines) if l.split("=")[0].strip().split(".")[-1] == key)
    for i in range(start, len(lines)):
        if needle in lines[i]:
            return i + 1
    raise AssertionError(f"{needle} not found after line {start + 1}")


def lock_text(entries, core: list[str], target: str) -> tuple[str, str]:
    """uv.lock as uv writes it: dependencies and extras in requires-dist, groups in requires-dev."""
    head = ["version = 1", "revision = 3", 'requires-python = ">=3.9"', ""]
    old, new = list(head), list(head)
    for name, ver, pins in sorted(entries, key=lambda e: e[0]):
        for out, bumped in ((old, False), (new, True)):
            out.append("[[package]]")
            out.append(f'name = "{name}"')
            out.append(f'version = "{target if bumped and name in core else ver}"')
            out.append(f'source = {{ editable = "libs/{name}" }}')
            dist, dev = [], []
            for where, p, o, n in pins:
                spec = p.lock_spec(n if bumped and n is not None else o)
                marker = ', marker = "extra == \'cli\'"' if where == "optional" else ""
                item = f'{{ name = "{p.name}", editable = "libs/{p.name}"{marker}, specifier = "{spec}" }}'
                (dev if where == "group" else dist).append(item)
            if dist or dev:
                out.append("")
                out.append("[package.metadata]")
            if dist:
                out.append("requires-dist = [")
                out.extend(f"    {it}," for it in sorted(dist))
                out.append("]")
            if dev:
                out.append("")
                out.append("[package.metadata.requires-dev]")
                out.append("dev = [")
                out.extend(f"    {it}," for it in sorted(dev))
                out.append("]")
            out.append("")
    return "\n".join(old), "\n".join(new)


# ---------------------------------------------------------------------------- the Python check

VERSION_CHARS = set("0123456789abcdefghijklmnopqrstuvwxyz.*!")


def leaves(value, path=()):
    if isinstance(value, dict):
        for k, v in value.items():
            yield from leaves(v, path + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from leaves(v, path + (i,))
    else:
        yield path, value


def check_with_tomllib(files: dict, expected: dict, target: str, core: list[str]) -> None:
    for f, new in expected.items():
        old = files[f]
        a = tomllib.loads(old.lstrip("\ufeff"))
        b = tomllib.loads(new.lstrip("\ufeff"))
        assert old.startswith("\ufeff") == new.startswith("\ufeff"), f
        assert old.count("\r\n") == new.count("\r\n"), f
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
            if tag != "equal":
                changed = old[i1:i2] + new[j1:j2]
                assert set(changed) <= VERSION_CHARS, (f, tag, old[i1:i2], new[j1:j2])
        la, lb = dict(leaves(a)), dict(leaves(b))
        assert la.keys() == lb.keys(), f
        for k in la:
            if la[k] != lb[k]:
                assert k[-1] in ("version", "specifier") or k[:1] in (("project",), ("dependency-groups",)), (f, k)
        project = b.get("project")
        if project and project.get("name") in core:
            assert Version(project["version"]) == Version(target) and project["version"] == target, (f, project["version"])


def main() -> None:
    rnd = random.Random(SEED)
    cases = [workspace(rnd, k) for k in range(WORKSPACES)]
    out = {
        "generator": "scripts/bump-corpus.py",
        "seed": SEED,
        "python": sys.version.split()[0],
        "packaging": packaging.__version__,
        "cases": cases,
    }
    json.dump(out, sys.stdout, indent=1, ensure_ascii=False)
    sys.stdout.write("\n")
    done = sum(1 for c in cases if "expected" in c)
    print(f"{len(cases)} workspaces: {done} bumped, {len(cases) - done} refused", file=sys.stderr)


if __name__ == "__main__":
    main()
