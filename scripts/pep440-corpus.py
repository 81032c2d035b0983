#!/usr/bin/env python3
"""Write __fixtures__/pep440-corpus.json: a grammar-built corpus of PEP 440 versions and
specifier sets with Python `packaging`'s answers, which
__tests__/version/pep440-corpus.test.ts compares with src/version/pep440.ts.

    python3 -m venv /tmp/pk && /tmp/pk/bin/pip install packaging
    /tmp/pk/bin/python scripts/pep440-corpus.py            # same seed: same corpus
    /tmp/pk/bin/python scripts/pep440-corpus.py --seed 7   # another corpus

What it holds (indices point into "versions"):
- versions: [text, normal form | null (InvalidVersion) | "!ValueError" (Python raised
  something else, e.g. a number beyond int()'s 4300-digit limit)];
- order: [i, j, sign of Version(i) vs Version(j)] for pairs of valid versions, most of
  them from the same family (same release, other suffixes) so that the rules matter;
- specifiers: [text, valid, unevaluable, admits] where valid is whether
  SpecifierSet(text) is constructed, unevaluable names the exception packaging raises
  when it evaluates a clause (null when none), and admits is a string with one character
  per entry of "probes": "1"/"0" for SpecifierSet(text).contains(version,
  prereleases=True), "e" when that raised.
"""
import argparse
import json
import os
import random
import sys

import packaging
from packaging.specifiers import InvalidSpecifier, Specifier, SpecifierSet
from packaging.version import InvalidVersion, Version

# Python's whitespace (str.isspace) and characters only JavaScript calls whitespace
PY_SPACES = [" ", "\t", "\n", "\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x1f", "\x85", "\xa0", "\u1680", "\u2003", "\u2028", "\u2029", "\u202f", "\u205f", "\u3000"]
NOT_PY_SPACES = ["\ufeff", "\u180e", "\u200b", "\u2060"]
HUGE = ["9007199254740993", "9007199254740992", "18446744073709551616", "261072820354340327767967275940", "1" + "0" * 21, "99999999999999999999", "000000000000000000000001", "1" * 300]
PRE = ["a", "A", "alpha", "ALPHA", "b", "beta", "Beta", "c", "C", "rc", "RC", "pre", "preview", "Preview"]
POST = ["post", "POST", "rev", "r", "R"]
SEP = ["", "", "", ".", "-", "_"]
OPS = ["==", "!=", "<=", ">=", "<", ">", "~=", "==="]
LOOKALIKES = ["ſ", "ı", "İ", "K", "１", "٣", "ⅰ"]


def number(r: random.Random) -> str:
    x = r.random()
    if x < 0.55:
        return str(r.randint(0, 3))
    if x < 0.75:
        return str(r.randint(0, 20))
    if x < 0.85:
        return "0" * r.randint(1, 3) + str(r.randint(0, 12))
    if x < 0.999:
        return r.choice(HUGE)
    return "1" * 4301  # beyond Python's int() limit


def release(r: random.Random) -> str:
    return ".".join(number(r) for _ in range(r.choice([1, 2, 2, 3, 3, 3, 4, 5])))


def local(r: random.Random) -> str:
    parts = []
    for _ in range(r.randint(1, 3)):
        parts.append(r.choice(["ubuntu", "abc", "ABC", "x", "00", "01", "1", "007", "12", "1a", "a1", "deb9", "9007199254740993"]))
    return parts[0] + "".join(r.choice([".", "-", "_"]) + p for p in parts[1:])


def suffixes(r: random.Random) -> str:
    out = ""
    if r.random() < 0.35:
        out += r.choice(SEP) + r.choice(PRE) + r.choice(SEP) + (number(r) if r.random() < 0.8 else "")
    if r.random() < 0.3:
        out += "-" + number(r) if r.random() < 0.2 else r.choice(SEP) + r.choice(POST) + r.choice(SEP) + (number(r) if r.random() < 0.8 else "")
    if r.random() < 0.3:
        out += r.choice(SEP) + r.choice(["dev", "DEV"]) + r.choice(SEP) + (number(r) if r.random() < 0.8 else "")
    return out


def version(r: random.Random, base: str | None = None) -> str:
    text = base if base is not None else release(r)
    if base is None and r.random() < 0.12:
        text = number(r) + "!" + text
    text += suffixes(r)
    if r.random() < 0.15:
        text += "+" + local(r)
    if r.random() < 0.08:
        text = r.choice(["v", "V"]) + text
    if r.random() < 0.1:
        text = r.choice(PY_SPACES + NOT_PY_SPACES) + text
    if r.random() < 0.1:
        text += r.choice(PY_SPACES + NOT_PY_SPACES)
    return text


def mutate(r: random.Random, text: str) -> str:
    """Hostile spellings: a character inserted, dropped or doubled, garbage, look-alikes."""
    i = r.randint(0, len(text))
    choice = r.random()
    if choice < 0.25:
        return text[:i] + r.choice([".", "-", "_", "+", "!", "*", " ", ";", ",", ")", "v", "x", "\n"] + LOOKALIKES) + text[i:]
    if choice < 0.45 and text:
        return text[:i] + text[i + 1:]
    if choice < 0.6 and text:
        return text[:i] + text[i - 1 : i] * 2 + text[i:]
    if choice < 0.8:
        return text.replace(r.choice("aeiost"), r.choice(LOOKALIKES), 1)
    return text + r.choice([";", " x", ".*", "+", ".", "-", "..1", "$(id)", "\x00"])


def answer_version(text: str):
    try:
        return str(Version(text))
    except InvalidVersion:
        return None
    except Exception as e:  # noqa: BLE001 - recorded, not hidden
        return "!" + type(e).__name__


def family(r: random.Random, base: str) -> list[str]:
    """Versions around `base`: its pre-, post-, dev- and local releases, trailing zeros, epochs."""
    out = [base, base + ".0", base + "+local", base + "+1", base + ".post0", base + ".post1", base + ".dev0", base + "a1", base + "rc1", base + "rc1.post1", base + "a1.dev0", base + ".post1.dev0"]
    parts = base.split(".")
    if parts[-1].isdigit():
        out.append(".".join(parts[:-1] + [str(int(parts[-1]) + 1)]))
        if int(parts[-1]) > 0:
            out.append(".".join(parts[:-1] + [str(int(parts[-1]) - 1)]))
    out.append("1!" + base)
    return out + [version(r, base) for _ in range(4)]


def specifier(r: random.Random, pool: list[str]) -> str:
    clauses = []
    for _ in range(r.choice([1, 1, 1, 2, 2, 3])):
        op = r.choice(OPS)
        x = r.random()
        if op == "===":
            v = r.choice(pool) if x < 0.7 else r.choice(["foo", "FOO", "", "1.0-custom", "Ǆ", "ΣΑΣ", "σας", "İ", "1.0 ", "Ᲊ", "𐵐"])
        elif x < 0.6:
            v = r.choice(pool)
        else:
            v = version(r)
        if op in ("==", "!=") and r.random() < 0.25:
            v = v.split("+")[0] + ".*"
        ws = lambda: r.choice(["", "", "", " ", "  ", "\t"] + [r.choice(PY_SPACES + NOT_PY_SPACES)])  # noqa: E731
        clauses.append(ws() + op + ws() + v + ws())
    text = ",".join(clauses)
    x = r.random()
    if x < 0.08:
        text += ","
    elif x < 0.12:
        text = "," + text
    elif x < 0.15:
        text = text.replace(",", ", ,", 1)
    elif x < 0.3:
        text = mutate(r, text)
    return text


def answer_specifier(text: str, probes: list[str]):
    try:
        spec = SpecifierSet(text)
    except InvalidSpecifier:
        return [text, False, None, None]
    unevaluable = None
    for clause in spec:
        if clause.operator == "===":
            continue
        try:
            clause.contains("0", prereleases=True)
            clause.contains("0+local", prereleases=True)
        except Exception as e:  # noqa: BLE001
            unevaluable = type(e).__name__
    row = []
    for v in probes:
        try:
            row.append("1" if spec.contains(v, prereleases=True) else "0")
        except Exception:  # noqa: BLE001
            row.append("e")
    return [text, True, unevaluable, "".join(row)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=26)
    parser.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "__fixtures__", "pep440-corpus.json"))
    args = parser.parse_args()
    r = random.Random(args.seed)

    texts: list[str] = []
    seen: set[str] = set()

    def add(t: str) -> None:
        if t not in seen:
            seen.add(t)
            texts.append(t)

    bases = [release(r) for _ in range(60)] + ["1.0", "0", "0.0", "1", "2.1", "9007199254740993", "1.9007199254740993", "261072820354340327767967275940"]
    for b in bases:
        for t in family(r, b):
            add(t)
    while len(texts) < 3200:
        t = version(r)
        add(mutate(r, t) if r.random() < 0.25 else t)
    # (Ᲊ/ᲊ and 𐵐/𐵰: cased only by a Unicode newer than Python 3.11's)
    arbitrary = ["foo", "FOO", "", "1.0-custom", "ǆ", "σας", "i̇", "1.0 ", "1.0", "0", "1!1.0", "1.0+local", "1.0.post1", "ᲊ", "𐵰", "ΣΑΣ"]
    for a in arbitrary:
        add(a)
    versions = [[t, answer_version(t)] for t in texts]
    valid = [i for i, (_, n) in enumerate(versions) if n is not None and not n.startswith("!")]

    # pairs: most within a family (same release), the rest across the corpus
    by_release: dict[str, list[int]] = {}
    for i in valid:
        v = Version(texts[i])
        by_release.setdefault(v.base_version, []).append(i)
    groups = [g for g in by_release.values() if len(g) > 1]
    order = []
    for k in range(24000):
        if k % 3 and groups:
            i, j = r.sample(r.choice(groups), 2)
        else:
            i, j = r.choice(valid), r.choice(valid)
        a, b = Version(texts[i]), Version(texts[j])
        order.append([i, j, (a > b) - (a < b)])

    # specifier sets, each checked against the same probe versions
    pool = [texts[i] for i in valid if len(texts[i]) < 60]
    valid_set = set(valid)
    probe_index = r.sample(valid, 120) + r.sample([i for i in range(len(texts)) if i not in valid_set], 20)
    probe_index = sorted(set(probe_index + [texts.index(a) for a in arbitrary]))
    probes = [texts[i] for i in probe_index]
    spec_texts: list[str] = []
    spec_seen: set[str] = set()
    fixed = ["~=v1.0", "~=1.0poſt1", "~=1.0prevıew1", ">=1.0,", ",", "", "===", "===foo", "==1!1.0.*", "~=0.9", "<3.post1", ">1.0.dev1", ">=" + "1" * 4301, ">=1.0,===foo"]
    for t in fixed:
        spec_seen.add(t)
        spec_texts.append(t)
    while len(spec_texts) < 2200:
        t = specifier(r, pool)
        if t not in spec_seen:
            spec_seen.add(t)
            spec_texts.append(t)
    specs = [answer_specifier(t, probes) for t in spec_texts]

    out = {
        "generator": "scripts/pep440-corpus.py",
        "seed": args.seed,
        "packaging": packaging.__version__,
        "python": sys.version.split()[0],
        "rule": "str(Version(v)); Version order; SpecifierSet(s).contains(v, prereleases=True)",
        "versions": versions,
        "order": order,
        "probes": probe_index,
        "specifiers": specs,
    }
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=True, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {os.path.normpath(args.out)}: {len(versions)} versions, {len(order)} pairs, {len(specs)} specifier sets x {len(probes)} versions", file=sys.stderr)


if __name__ == "__main__":
    main()
