/**
 * The position scanner against a position-keeping TOML parser (toml-eslint-parser, a
 * development dependency only): on every TOML file of the fixtures and the example,
 * and on a table of documents written to corner it, both give the same path → line,
 * column, offsets, kind and string value.
 */
import { describe, expect, test } from '@jest/globals'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { parseTOML, type AST } from 'toml-eslint-parser'
import { ROOT } from '../../__fixtures__/action.js'
import { parse } from 'smol-toml'
import { pathKey, scanPositions, strictDateTimeProblem, TomlStrictError, type TomlPath } from '../../src/pyproject/toml-positions.js'

/** path, line, column, type, its line, its column, start, end (values only), kind, string value, multi-line, quoting */
type Row = unknown[]

const byPath = (a: Row, b: Row): number => ((a[0] as string) < (b[0] as string) ? -1 : 1)

const TYPES: Record<string, string> = { TOMLValue: 'value', TOMLArray: 'array', TOMLInlineTable: 'inline-table', TOMLTable: 'table' }

/** Every position as the syntax tree of toml-eslint-parser gives it. */
function reference(text: string): Row[] {
  const rows = new Map<string, Row>()
  const row = (key: string, at: AST.TOMLNode, node: AST.TOMLNode): Row => {
    const value = node.type === 'TOMLValue' ? node : null
    const string = value?.kind === 'string' ? value : null
    return [
      key.split('\u0000').join('.'),
      at.loc.start.line,
      at.loc.start.column + 1,
      TYPES[node.type],
      node.loc.start.line,
      node.loc.start.column,
      node.range[0],
      // a table's range is its whole body there, its header here: only values are compared
      node.type === 'TOMLTable' ? null : node.range[1],
      value?.kind,
      string?.value,
      string?.multiline,
      string?.style
    ]
  }
  const set = (p: TomlPath, at: AST.TOMLNode, node: AST.TOMLNode, onlyIfNew = false): void => {
    const key = pathKey(p)
    if (!onlyIfNew || !rows.has(key)) rows.set(key, row(key, at, node))
  }
  const visitValue = (p: TomlPath, node: AST.TOMLContentNode): void => {
    if (node.type === 'TOMLArray') {
      node.elements.forEach((element, index) => {
        set([...p, index], element, element)
        visitValue([...p, index], element)
      })
    } else if (node.type === 'TOMLInlineTable') {
      for (const kv of node.body) visitKeyValue(p, kv)
    }
  }
  const visitKeyValue = (prefix: TomlPath, kv: AST.TOMLKeyValue): void => {
    const names = kv.key.keys.map((k) => (k.type === 'TOMLBare' ? k.name : k.value))
    for (let i = 1; i < names.length; i++) set([...prefix, ...names.slice(0, i)], kv, kv.value, true)
    set([...prefix, ...names], kv, kv.value)
    visitValue([...prefix, ...names], kv.value)
  }
  for (const item of parseTOML(text).body[0].body) {
    if (item.type === 'TOMLKeyValue') {
      visitKeyValue([], item)
    } else {
      for (let i = 1; i <= item.resolvedKey.length; i++) set(item.resolvedKey.slice(0, i), item, item, true)
      for (const kv of item.body) visitKeyValue(item.resolvedKey, kv)
    }
  }
  return [...rows.values()].sort(byPath)
}

function scanned(text: string): Row[] {
  return [...scanPositions(text)]
    .map(([key, info]): Row => {
      const { node } = info
      return [
        key.split('\u0000').join('.'),
        info.line,
        info.column,
        node.type,
        node.loc.start.line,
        node.loc.start.column,
        node.range[0],
        node.type === 'table' ? null : node.range[1],
        node.kind,
        // the reference reads a CRLF in a multi-line string as LF; the scanner keeps it, as smol-toml does
        node.value?.replace(/\r\n/g, '\n'),
        node.multiline,
        node.style
      ]
    })
    .sort(byPath)
}

function tomlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (name === 'node_modules' || name === '.git') return []
    const abs = path.join(dir, name)
    if (statSync(abs).isDirectory()) return tomlFiles(abs)
    return name.endsWith('.toml') || name === 'uv.lock' ? [abs] : []
  })
}

/** Every string value the scanner found, and the value smol-toml reads at its path. */
function strings(text: string): [string, string | undefined, unknown][] {
  const value = parse(text)
  return [...scanPositions(text)]
    .filter(([, info]) => info.node.kind === 'string')
    .map(([key, info]): [string, string | undefined, unknown] => [
      key,
      info.node.value,
      key.split('\u0000').reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], value)
    ])
    .filter(([, , theirs]) => typeof theirs !== 'object') // the tables a dotted key defines carry its value's position
}

const files = [...tomlFiles(path.join(ROOT, '__fixtures__')), ...tomlFiles(path.join(ROOT, 'examples'))]

describe('positions match a position-keeping parser', () => {
  test('the corpus is the fixtures and the example', () => {
    expect(files.length).toBeGreaterThan(20)
  })

  test.each(files.map((f) => [path.relative(ROOT, f)]))('%s', (rel) => {
    const text = readFileSync(path.join(ROOT, rel), 'utf8').replace(/^\uFEFF/, '')
    expect(scanned(text)).toEqual(reference(text))
  })

  test.each([
    ['dotted keys at the top and in tables', 'a.b.c = 1\na.b.d = "x"\n[t]\nx.y = 2\nx.z = [1, 2]\n'],
    ['quoted keys, with dots and escapes', '"a.b" = 1\n\'c d\' = 2\n"e\\u0041" = 3\n[ "t x" . \'y\' ]\nk = 4\n'],
    ['spaces around dots and equals', 'a . b   =   "v"\n[  t . u  ]\n  k  =  1  # note\n'],
    [
      'arrays of tables with sub-tables and nested arrays of tables',
      '[[p]]\nn = 1\n[p.m]\nx = 1\n[[p.w]]\nu = 1\n[[p.w]]\nu = 2\n[[p]]\nn = 2\n[[p.w]]\nu = 3\n[p.m]\nx = 2\n'
    ],
    ['a super-table defined after its sub-table', '[a.b.c]\nx = 1\n[a]\ny = 2\n[a.b]\nz = 3\n'],
    [
      'multi-line arrays with comments and trailing commas',
      'a = [ # first\n  "x", # one\n\n  [1, 2], {k = "v"},\n  # between\n  \'y\',\n]\nb = []\nc = [ [ ], [[]] ]\n'
    ],
    ['inline tables, nested and empty', 'a = { b = { c = "d" }, e.f = 1, g = [] }\nh = {}\ni = {j="k"}\n'],
    [
      'every kind of value',
      'i = +99\nh = 0xDEAD_beef\no = 0o17\nb = 0b101\nf = 3.14\ne = 5e+22\ninf = -inf\nnan = nan\nt = true\nff = false\nodt = 1979-05-27T07:32:00Z\nodt2 = 1979-05-27 07:32:00-07:00\nldt = 1979-05-27T07:32:00.999\nld = 1979-05-27\nlt = 07:32:00\narr = [1, 2.0, false, 1979-05-27]\n'
    ],
    ['basic strings with escapes', 's = "tab\\tquote\\"back\\\\slash\\u00e9\\U0001F600"\nt = "\\b\\f\\n\\r"\n'],
    ['literal strings keep backslashes', "s = 'C:\\Users\\x'\nr = '<\\i\\c*\\s*>'\n"],
    [
      'multi-line basic strings: first newline, line-ending backslash, quotes at the end',
      's = """\nRoses\n"""\nt = """one \\\n   two \\\n\n  three"""\nu = """a""""\nv = """b"""""\nw = """""c"""\n'
    ],
    ['multi-line basic strings holding escaped quotes', 's = """a \\""" b"""\nt = """\\\\"""\nu = 1\n'],
    ['bare values followed by tabs and spaces', 'a = 1\t# c\nb = true \t \nc = [1\t, 2 ]\nd = { e = 1979-05-27\t}\nf = 2\t\n'],
    ['multi-line literal strings', "s = '''\nfirst\n  second\\n'''\nt = '''x''''\nu = ''''y'''\n"],
    ['strings with table-like lines inside', 'a = """\n[[package]]\nname = "x"\n"""\n[[package]]\nname = "y"\n'],
    ['CRLF line endings', '[project]\r\nname = "a"\r\nlist = [\r\n  "x",\r\n  "y",\r\n]\r\ns = """\r\nz\r\n"""\r\nafter = 1\r\n'],
    [
      'non-ASCII text before values',
      'description = "café ☕ 😀"\nversion = "1.0"  # ünïcode\nauthors = [{ name = "Zoë" }, { name = "😀" }]\n'
    ],
    ['no final newline', 'a = 1\n[b]\nc = "d"'],
    ['comments everywhere, tabs', '# top\n\t[t]\t# header\n\tk\t=\t"v"\t# kv\n# end'],
    ['keys that look like numbers and booleans', '1 = "one"\ntrue = 2\n3.14 = "pi"\n-x- = 4\n[2024]\n_ = 5\n'],
    [
      'a uv.lock shape',
      'version = 1\nrequires-python = ">=3.11"\n\n[manifest]\nmembers = ["a", "b"]\n\n[[package]]\nname = "a"\nversion = "1.0.0"\nsource = { editable = "a" }\ndependencies = [\n    { name = "b" },\n]\n\n[package.metadata]\nrequires-dist = [{ name = "b", specifier = ">=1.0,<2" }]\n\n[[package]]\nname = "b"\nversion = "1.0.0"\nsource = { registry = "https://pypi.org/simple" }\nsdist = { url = "https://x/b-1.0.0.tar.gz", hash = "sha256:00", size = 1 }\nwheels = [\n    { url = "https://x/b-1.0.0-py3-none-any.whl", hash = "sha256:11", size = 2 },\n]\n'
    ]
  ])('%s', (_what, text) => {
    expect(scanned(text)).toEqual(reference(text))
    const found = strings(text)
    expect(found.map(([key, ours]) => [key, ours])).toEqual(found.map(([key, , theirs]) => [key, theirs]))
  })
})

describe('string values are the values the TOML parser reads', () => {
  test.each(files.map((f) => [path.relative(ROOT, f)]))('%s', (rel) => {
    const found = strings(readFileSync(path.join(ROOT, rel), 'utf8').replace(/^\uFEFF/, ''))
    expect(found.map(([key, ours]) => [key, ours])).toEqual(found.map(([key, , theirs]) => [key, theirs]))
  })
})

describe('text the scanner cannot follow', () => {
  // never valid TOML (the parser refuses it first); the scanner stops with an error instead of looping
  test.each([['a = [1, }]\n'], ['a = [}\n'], ['a = [[1], [}]]\n']])('%j throws', (text) => {
    expect(() => scanPositions(text)).toThrow(/TOML positions: unexpected text at line 1/)
  })
})

describe("strictDateTimeProblem: dates and times as Python's tomllib reads them", () => {
  const SECONDS = 'a time needs its seconds (HH:MM:SS): TOML 1.0, which Python reads, has no shorter form'
  // [token, where tomllib stops in it (null: tomllib reads it), the message]; checked with
  // Python 3.11's tomllib on `a = <token>`: it names column 5 + that offset
  test.each([
    ['2000-02-29', null, ''],
    ['2004-02-29', null, ''],
    ['2001-02-28', null, ''],
    ['1900-02-29', 0, '1900-02-29 is not a date'],
    ['2001-02-29', 0, '2001-02-29 is not a date'],
    ['2000-02-30', 0, '2000-02-30 is not a date'],
    ['2001-01-31', null, ''],
    ['2001-03-31', null, ''],
    ['2001-12-31', null, ''],
    ['2001-04-30', null, ''],
    ['2001-04-31', 0, '2001-04-31 is not a date'],
    ['2001-06-31', 0, '2001-06-31 is not a date'],
    ['2001-09-31', 0, '2001-09-31 is not a date'],
    ['2001-11-31', 0, '2001-11-31 is not a date'],
    ['0000-01-01', 0, '0000-01-01 is not a date'],
    ['0001-01-01', null, ''],
    ['1979-05-27T07:32:00', null, ''],
    ['1979-05-27 07:32:00', null, ''],
    ['1979-05-27T07:32:00Z', null, ''],
    ['1979-05-27t07:32:00z', null, ''],
    ['1979-05-27T07:32:00-07:00', null, ''],
    ['1979-05-27T07:32:00.999+23:59', null, ''],
    ['1979-05-27T07:32', 10, SECONDS],
    ['1979-05-27 07:32', 11, SECONDS],
    ['1979-05-27T07:32:00+07', 19, 'not a valid time offset'],
    ['1979-05-27T07:32:00+24:00', 19, 'not a valid time offset'],
    ['1979-05-27T07:32:00.5+07', 21, 'not a valid time offset'],
    ['07:32:00', null, ''],
    ['07:32:00.5', null, ''],
    ['07:32', 1, SECONDS],
    ['12:30', 2, SECONDS]
  ])('%s: %s', (token, at, message) => {
    expect(strictDateTimeProblem(token)).toEqual(at === null ? null : { at, message })
  })
})

describe('scanPositions: strict checks and what is recorded', () => {
  test('positions: false checks the text and records nothing; by default every path is recorded', () => {
    const text = '[t]\na.b = [1, { c = "d" }]\n[[u]]\ne = 1979-05-27\n'
    expect(scanPositions(text, { strict: true, positions: false }).size).toBe(0)
    expect(scanPositions(text, { positions: false }).size).toBe(0)
    expect([...scanPositions(text, { strict: true }).keys()].map((k) => k.split('\u0000').join('.'))).toEqual([
      't',
      't.a',
      't.a.b',
      't.a.b.0',
      't.a.b.1',
      't.a.b.1.c',
      'u',
      'u.0',
      'u.0.e'
    ])
  })

  test.each([
    ['a = { b = 1,}\n', 1, 13, 'an inline table { … } takes no comma after its last entry'],
    ['a = {\nb = 1}\n', 1, 6, 'an inline table { … } must stay on one line'],
    ['a = 1\r\nb = "\\e"\r\n', 2, 8, '\\e is not an escape in TOML 1.0, which Python reads: write \\u001B instead'],
    ['a = """\n\n  \\x41"""\n', 3, 5, '\\x is not an escape in TOML 1.0, which Python reads: write \\u00XX instead'],
    ['x = [\n  1979-05-27T07:32,\n]\n', 2, 13, 'a time needs its seconds'],
    ['x = 0000-01-01\n', 1, 5, '0000-01-01 is not a date']
  ])('strict: %j is refused at line %i, column %i (where tomllib stops): %s', (text, line, column, message) => {
    let error: unknown
    try {
      scanPositions(text, { strict: true, positions: false })
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(TomlStrictError)
    expect([(error as TomlStrictError).line, (error as TomlStrictError).column]).toEqual([line, column])
    expect((error as TomlStrictError).message).toContain(message)
    expect(scanPositions(text).size).toBeGreaterThan(0)
  })

  test('TOML 1.1 escapes, read without strict: their values', () => {
    const nodes = scanPositions('a = "\\e[0m\\x41"\nb = """\\x7e\\\n  z"""\n')
    expect(nodes.get('a')?.node.value).toBe('\x1b[0mA')
    expect(nodes.get('b')?.node.value).toBe('~z')
  })
})
