#!/usr/bin/env python3
"""Write __fixtures__/toml-corpus.json: grammar-built TOML documents, valid and not, with
Python's `tomllib` verdict on each, which __tests__/pyproject/toml-corpus.test.ts compares
with pyship's reader (src/pyproject/toml.ts).

    python3 scripts/toml-corpus.py              # same seed: same corpus
    python3 scripts/toml-corpus.py --seed 7     # another corpus

Each document is [text, verdict]: verdict is null when tomllib reads it, else
[line, column, message] of tomllib's TOMLDecodeError, and for a document tomllib reads,
a digest of its values ([path, type, value] rows) follows, so the values can be compared too.
"""
import argparse
import datetime
import json
import math
import os
import random
import re
import sys
import tomllib

BARE = ["name", "version", "a", "b", "c", "x-y", "x_y", "1", "key", "tool", "dependencies", "Q"]
QUOTED = ['"quoted key"', "'lit key'", '"é"', '"a.b"', '""', '"\\u00e9"']
STRINGS = [
    '"plain"', '"tab\\there"', '"quote \\" inside"', '"\\u00e9\\U0001F600"', '"back\\\\slash"', "'literal \\ no escape'",
    '"""\nmulti\nline"""', '"""line \\\n    continued"""', "'''\nraw\nlines'''", '""', "''", '"#not a comment"', '"ünïcödé"',
    '"""two ""quotes"" inside"""', "'''it''s'''",
]
NUMBERS = ["0", "1", "-1", "+7", "1_000", "0xdead_beef", "0o755", "0b1010", "3.14", "-0.0", "1e10", "6.02E+23", "1_2.3_4e-5_6", "inf", "-inf", "nan", "+nan", "9223372036854775807", "-9223372036854775808", "123456789012345678901"]
DATES = ["1979-05-27T07:32:00Z", "1979-05-27T00:32:00.999999-07:00", "1979-05-27 07:32:00", "1979-05-27t07:32:00z", "1979-05-27", "07:32:00", "00:32:00.5", "2000-02-29", "2024-12-31T23:59:59+14:00"]
BOOLS = ["true", "false"]
# what TOML 1.1 (or only a lenient parser) accepts and tomllib refuses
HOSTILE_VALUES = [
    "{a = 1,}", "{a = 1, }", "{ a = 1, b = 2, }", "{\na = 1}", "{a = 1\n}", "{a = 1, # c\nb = 2}", "{a = [1,\n2], b = 3}", "{ }", "{a = {b = 1,}}",
    '"\\e"', '"\\x41"', '"""\\e"""', "'\\e'", '"\\\\e"', '"a\\x7f"',
    "07:30", "12:30", "1979-05-27T07:30", "1979-05-27 07:30", "1979-05-27T07:30Z", "[07:30]", "{t = 07:30}",
    "2000-02-30", "2001-02-29", "1900-02-29", "0000-01-01", "2000-04-31", "2000-02-29T00:00:00",
]
SPACES = ["", " ", "  ", "\t"]


def key(r: random.Random) -> str:
    parts = [r.choice(BARE) if r.random() < 0.8 else r.choice(QUOTED) for _ in range(r.choice([1, 1, 1, 2, 3]))]
    return (r.choice(["", " "]) + "." + r.choice(["", " "])).join(parts) if r.random() < 0.2 else ".".join(parts)


def value(r: random.Random, depth: int = 0) -> str:
    x = r.random()
    if x < 0.3:
        return r.choice(STRINGS)
    if x < 0.5:
        return r.choice(NUMBERS)
    if x < 0.6:
        return r.choice(DATES)
    if x < 0.65:
        return r.choice(BOOLS)
    if x < 0.8 and depth < 3:
        items = [value(r, depth + 1) for _ in range(r.randint(0, 4))]
        sep = r.choice([", ", ",", ",\n  ", " , "])
        body = sep.join(items)
        if items and r.random() < 0.3:
            body += ","
        if r.random() < 0.2:
            body = "\n  " + body + "\n"
        if items and r.random() < 0.1:
            body += " # comment\n"
        return "[" + body + "]"
    if depth < 3:
        names = list(dict.fromkeys(r.choice(BARE) for _ in range(r.randint(0, 3))))
        return "{" + ", ".join(f"{n} = {value(r, depth + 1)}" for n in names) + "}" if names else "{}"
    return r.choice(NUMBERS)


def document(r: random.Random) -> str:
    lines = []
    for _ in range(r.randint(1, 8)):
        x = r.random()
        if x < 0.15:
            lines.append(r.choice(["[", "[["]) + " " * r.randint(0, 1) + key(r) + " " * r.randint(0, 1) + ("]" if lines and lines[-1:] and False else ""))
            lines[-1] += "]]" if lines[-1].startswith("[[") else "]"
        elif x < 0.2:
            lines.append(r.choice(["# a comment", "", "   ", "#", "# é ünïcode"]))
        else:
            v = r.choice(HOSTILE_VALUES) if r.random() < 0.08 else value(r)
            lines.append(key(r) + r.choice(SPACES) + "=" + r.choice(SPACES) + v + r.choice(["", "", " # trailing comment", "  "]))
    text = r.choice(["\n", "\n", "\r\n"]).join(lines)
    if r.random() < 0.7:
        text += "\n"
    return text


def mutate(r: random.Random, text: str) -> str:
    """An edit a person or a tool could make: a character added, dropped or doubled."""
    i = r.randint(0, len(text))
    x = r.random()
    if x < 0.4:
        return text[:i] + r.choice([",", "=", "[", "]", "{", "}", '"', "'", "\n", " ", "#", ".", "\\", "\x00", "\x7f", "\r", "\t", "é"]) + text[i:]
    if x < 0.7 and text:
        return text[:i] + text[i + 1:]
    if text:
        return text[:i] + text[i - 1 : i] * 2 + text[i:]
    return text


def digest(value, path="") -> list:
    """[path, type, value] rows for every leaf, in a form JavaScript can reproduce."""
    if isinstance(value, dict):
        rows = [] if value or not path else [[path, "table", None]]
        for k, v in value.items():
            rows += digest(v, f"{path}/{k}")
        return rows
    if isinstance(value, list):
        rows = [[path, "array", len(value)]]
        for n, v in enumerate(value):
            rows += digest(v, f"{path}/{n}")
        return rows
    if isinstance(value, bool):
        return [[path, "boolean", value]]
    if isinstance(value, int):
        return [[path, "integer", str(value)]]
    if isinstance(value, float):
        return [[path, "float", "nan" if math.isnan(value) else repr(value)]]
    if isinstance(value, str):
        return [[path, "string", value]]
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return [[path, type(value).__name__, None]]
    raise TypeError(type(value))


def verdict(text: str):
    try:
        return None, digest(tomllib.loads(text))
    except tomllib.TOMLDecodeError as e:
        m = re.search(r"\(at line (\d+), column (\d+)\)$", str(e))
        if m:
            return [int(m.group(1)), int(m.group(2)), str(e)], None
        return [None, None, str(e)], None  # "(at end of document)"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=26)
    parser.add_argument("--count", type=int, default=2400)
    parser.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "__fixtures__", "toml-corpus.json"))
    args = parser.parse_args()
    r = random.Random(args.seed)
    docs: list[str] = []
    seen: set[str] = set()
    for v in HOSTILE_VALUES:
        for t in (f"a = {v}\n", f"[t]\nx = 1\na = {v}\n", f"a = [{v}]\n"):
            seen.add(t)
            docs.append(t)
    while len(docs) < args.count:
        t = document(r)
        if r.random() < 0.3:
            t = mutate(r, t)
        if t not in seen:
            seen.add(t)
            docs.append(t)
    rows = []
    for t in docs:
        v, values = verdict(t)
        rows.append([t, v, values])
    out = {
        "generator": "scripts/toml-corpus.py",
        "seed": args.seed,
        "python": sys.version.split()[0],
        "rule": "tomllib.loads(text): null, or [line, column, message] of its TOMLDecodeError; then the values read",
        # the first `targeted` documents put each TOML 1.1-only construct in three places
        "targeted": 3 * len(HOSTILE_VALUES),
        "documents": rows,
    }
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=True, separators=(",", ":"))
        f.write("\n")
    bad = sum(1 for _, v, _ in rows if v)
    print(f"wrote {os.path.normpath(args.out)}: {len(rows)} documents, {len(rows) - bad} valid, {bad} refused", file=sys.stderr)


if __name__ == "__main__":
    main()
