/**
 * Byte-exact string edits: golden cases over tricky pyproject.toml files, and a
 * property test over generated variants (quote styles, CRLF, BOM, comments, tabs…).
 */
import { describe, expect, test } from '@jest/globals'
import { applyChanges, EditError, sameValue, spliceAll, stringEdit } from '../../src/pyproject/edit.js'
import { parseToml } from '../../src/pyproject/toml.js'
import type { TomlPath } from '../../src/pyproject/toml.js'

const VERSION: TomlPath = ['project', 'version']

describe('golden edits: only the version characters change', () => {
  test.each([
    {
      name: 'comment on the version line',
      before: '[project]\nname = "a"\nversion = "1.4.0"  # keep me\n',
      after: '[project]\nname = "a"\nversion = "1.5.0"  # keep me\n'
    },
    {
      name: 'literal string',
      before: "[project]\nname = 'a'\nversion = '1.4.0'\n",
      after: "[project]\nname = 'a'\nversion = '2.0.0'\n",
      to: '2.0.0'
    },
    {
      name: 'CRLF line endings',
      before: '[project]\r\nname = "a"\r\nversion = "1.4.0"\r\n# tail\r\n',
      after: '[project]\r\nname = "a"\r\nversion = "1.5.0"\r\n# tail\r\n'
    },
    {
      name: 'UTF-8 BOM',
      before: '\ufeff[project]\nname = "a"\nversion = "1.4.0"\n',
      after: '\ufeff[project]\nname = "a"\nversion = "1.5.0"\n'
    },
    {
      name: 'no final newline, tabs, odd spacing',
      before: '[project]\n\tname\t=\t"a"\n\tversion   =\t"1.4.0"\t# x',
      after: '[project]\n\tname\t=\t"a"\n\tversion   =\t"1.5.0"\t# x'
    },
    {
      name: 'version after other tables and inline tables',
      before:
        '[build-system]\nrequires = ["hatchling"]\n\n[project]\nname = "a"\nlicense = { text = "MIT" }\nauthors = [{ name = "V 1.4.0" }]\nversion = "1.4.0"\n\n[tool.x]\nversion = "1.4.0"\n',
      after:
        '[build-system]\nrequires = ["hatchling"]\n\n[project]\nname = "a"\nlicense = { text = "MIT" }\nauthors = [{ name = "V 1.4.0" }]\nversion = "1.5.0"\n\n[tool.x]\nversion = "1.4.0"\n'
    },
    {
      name: 'dotted keys at the top level',
      before: 'project.name = "a"\nproject.version = "1.4.0" # dotted\n',
      after: 'project.name = "a"\nproject.version = "1.5.0" # dotted\n'
    },
    {
      name: 'dotted keys inside [project]',
      before: '[project]\nname = "a"\nurls.home = "https://x/1.4.0"\nversion = "1.4.0"\n',
      after: '[project]\nname = "a"\nurls.home = "https://x/1.4.0"\nversion = "1.5.0"\n'
    },
    {
      name: 'multi-line basic string with a leading newline',
      before: '[project]\nname = "a"\nversion = """\n1.4.0"""\n',
      after: '[project]\nname = "a"\nversion = """\n1.5.0"""\n'
    },
    {
      name: 'multi-line literal string',
      before: "[project]\nname = 'a'\nversion = '''1.4.0'''\n",
      after: "[project]\nname = 'a'\nversion = '''1.5.0'''\n"
    },
    {
      name: 'a longer version replaces only what differs',
      before: '[project]\nversion = "1.4.0"\n',
      after: '[project]\nversion = "1.4.0rc1"\n',
      to: '1.4.0rc1'
    },
    {
      name: 'a pre-release finalized',
      before: '[project]\nversion = "2.1.0rc1"\n',
      after: '[project]\nversion = "2.1.0"\n',
      to: '2.1.0'
    }
  ])('$name', ({ before, after, to }) => {
    const doc = parseToml(before, 'pyproject.toml')
    expect(applyChanges(doc, [{ path: VERSION, value: to ?? '1.5.0' }])).toBe(after)
  })

  test('several strings in one file (a version and a pin)', () => {
    const before = '[project]\nname = "a"\nversion = "1.4.0"\ndependencies = [\n  "b~=1.4.0",  # internal\n  "c>=2",\n]\n'
    const doc = parseToml(before, 'pyproject.toml')
    const out = applyChanges(doc, [
      { path: VERSION, value: '1.5.0' },
      { path: ['project', 'dependencies', 0], value: 'b~=1.5.0' }
    ])
    expect(out).toBe('[project]\nname = "a"\nversion = "1.5.0"\ndependencies = [\n  "b~=1.5.0",  # internal\n  "c>=2",\n]\n')
  })

  test('a string with escapes is refused, not mangled', () => {
    const doc = parseToml('[project]\nversion = "1.4\\u002e0"\n', 'pyproject.toml')
    expect(() => applyChanges(doc, [{ path: VERSION, value: '1.5.0' }])).toThrow(/escapes/)
  })

  test('a backslash in a literal string is no escape: the string is edited', () => {
    const doc = parseToml("[project]\nversion = '1.4.0'\n\n[tool.x]\npath = 'C:\\tools\\1.4.0'\n", 'pyproject.toml')
    expect(applyChanges(doc, [{ path: ['tool', 'x', 'path'], value: 'C:\\tools\\1.5.0' }])).toBe(
      "[project]\nversion = '1.4.0'\n\n[tool.x]\npath = 'C:\\tools\\1.5.0'\n"
    )
  })

  test('a non-string value is refused', () => {
    const doc = parseToml('[project]\nversion = 1.4\n', 'pyproject.toml')
    expect(() => applyChanges(doc, [{ path: VERSION, value: '1.5.0' }])).toThrow(/not a string/)
  })
})

// A small deterministic PRNG (mulberry32) so the property test is reproducible.
function rng(seed: number): () => number {
  return () => {
    seed |= 0
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

describe('property: over generated variants only the version characters change', () => {
  const random = rng(440)
  const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)]
  const versions = ['0.1.0', '1.4.0', '2.0.0', '2.0.0rc1', '10.20.30', '1!2.0', '3.0.0.post1', '1.0.0.dev4', '2.0']
  const cases = Array.from({ length: 300 }, (_, i) => {
    const eol = pick(['\n', '\r\n'])
    const quote = pick(['"', "'", '"""', "'''"])
    const old = pick(versions)
    let next = pick(versions)
    if (next === old) next = `${old.split(/[a-z!]/)[0]}9`
    const indent = pick(['', '  ', '\t'])
    const eq = pick([' = ', '=', ' =\t', '   =   '])
    const comment = pick(['', '  # bumped by CI', ' #1.4.0', '\t# é ünïcode'])
    const lines = [
      pick(['', '# header comment', `# version = "${old}"`]),
      '[project]',
      `${indent}name${eq}"pkg-${i}"`,
      ...(pick([true, false]) ? [`${indent}description = "release ${old}"`] : []),
      `${indent}version${eq}${quote}${old}${quote}${comment}`,
      `${indent}dependencies = [${pick(['', `"x==${old}"`])}]`,
      '',
      '[tool.other]',
      `version = "${old}"`
    ]
    const body = lines.join(eol) + pick(['', eol])
    return { i, before: (pick([true, false]) ? '\ufeff' : '') + body, old, next, quote }
  })

  test.each(cases)('variant $i: $old → $next with $quote', ({ before, old, next }) => {
    const doc = parseToml(before, 'pyproject.toml')
    const after = applyChanges(doc, [{ path: VERSION, value: next }])
    // the bytes outside one contiguous span are identical
    let p = 0
    while (p < before.length && before[p] === after[p]) p++
    let s = 0
    while (s < before.length - p && s < after.length - p && before[before.length - 1 - s] === after[after.length - 1 - s]) s++
    const removed = before.slice(p, before.length - s)
    const added = after.slice(p, after.length - s)
    expect(old).toContain(removed)
    expect(next).toContain(added)
    // and that span is inside the version line
    const line = before.slice(0, p).split('\n').length
    expect(doc.nodes.get(['project', 'version'].join('\u0000'))?.line).toBe(line)
    // parsed, the document differs only in the version
    const reparsed = parseToml(after, 'pyproject.toml').value as { project: Record<string, unknown> }
    expect(reparsed.project.version).toBe(next)
    expect({ ...reparsed, project: { ...reparsed.project, version: old } }).toEqual(doc.value)
  })
})

describe('stringEdit: the edit spans exactly the characters that differ', () => {
  test.each([
    // [document, new value, expected replaced text, replacement]
    ['[project]\nversion = "1.4.0"\n', '1.5.0', '4', '5'],
    ['[project]\nversion = "1.4.0"\n', '1.4.0rc1', '', 'rc1'],
    ['[project]\nversion = "2.1.0rc1"\n', '2.1.0', 'rc1', ''],
    ['[project]\nversion = "1.4.0"\n', '2.4.0', '1', '2'],
    ['[project]\nversion = "1.4.0"\n', '1.4.0', '', ''],
    ['[project]\nversion = "1.9.9"\n', '2.0.0', '1.9.9', '2.0.0'],
    ['[project]\nversion = "1.0"\n', '1.0.0', '', '.0'],
    ['[project]\nversion = "1.0.0"\n', '1.0', '.0', ''],
    ['[project]\nversion = """\n1.4.0"""\n', '1.5.0', '4', '5'],
    ["[project]\nversion = '''1.4.0'''\n", '1.5.0', '4', '5'],
    ['[project]\nversion = ""\n', '1.0.0', '', '1.0.0']
  ])('%j → %s replaces %j with %j', (text, value, removed, added) => {
    const doc = parseToml(text, 'pyproject.toml')
    const edit = stringEdit(doc, VERSION, value)
    expect(text.slice(edit.start, edit.end)).toBe(removed)
    expect(edit.text).toBe(added)
    // the span lies inside the quotes of the version string
    const line = text.split('\n').findIndex((l) => l.includes('version'))
    const lineStart = text.split('\n').slice(0, line).join('\n').length + 1
    expect(edit.start).toBeGreaterThan(text.indexOf('version', lineStart) + 'version = '.length - 1)
    expect(spliceAll(text, [edit])).toBe(text.replace(/(version = ("""\n|'''|"))[^"']*/, `$1${value}`))
  })

  test.each([
    ['a table', '[project.version]\nx = "1"\n', /is not a string/],
    ['an array', '[project]\nversion = ["1.4.0"]\n', /is not a string/],
    ['an integer', '[project]\nversion = 14\n', /is not a string/],
    ['a missing key', '[project]\nname = "a"\n', /is not a string/],
    ['a basic string with an escape', '[project]\nversion = "1.4\\u002e0"\n', /:2: the string uses escapes/],
    ['a multi-line basic string with a line-ending backslash', '[project]\nversion = """1.4.\\\n0"""\n', /:2: the string uses escapes/]
  ])('refused: %s', (_what, text, message) => {
    const doc = parseToml(text, 'pyproject.toml')
    expect(() => stringEdit(doc, VERSION, '1.5.0')).toThrow(EditError)
    expect(() => stringEdit(doc, VERSION, '1.5.0')).toThrow(message)
    expect(() => stringEdit(doc, VERSION, '1.5.0')).toThrow(/^pyproject\.toml/)
  })

  test('a literal string keeps its backslashes and is edited (no escapes exist in literals)', () => {
    const text = "[project]\nversion = '1.4.0'\npath = 'C:\\dir'\n"
    const doc = parseToml(text, 'pyproject.toml')
    expect(applyChanges(doc, [{ path: VERSION, value: '1.5.0' }])).toBe("[project]\nversion = '1.5.0'\npath = 'C:\\dir'\n")
  })

  test('the same string changed twice in one call is refused', () => {
    const doc = parseToml('[project]\nversion = "1.4.0"\n', 'pyproject.toml')
    expect(() =>
      applyChanges(doc, [
        { path: VERSION, value: '1.5.0' },
        { path: VERSION, value: '1.6.0' }
      ])
    ).toThrow(/project\.version changed twice/)
  })

  test('edits given out of order land in their places; overlapping edits are refused', () => {
    expect(
      spliceAll('abcdef', [
        { start: 1, end: 2, text: 'B' },
        { start: 4, end: 6, text: 'EF!' }
      ])
    ).toBe('aBcdEF!')
    expect(() =>
      spliceAll('abcdef', [
        { start: 1, end: 4, text: 'x' },
        { start: 3, end: 5, text: 'y' }
      ])
    ).toThrow(/overlapping edits/)
  })
})

describe('sameValue: the parse-back comparison', () => {
  const date = (s: string): Date => new Date(s)
  test.each([
    ['equal strings', 'a', 'a', true],
    ['different strings', 'a', 'b', false],
    ['NaN and NaN (TOML nan)', Number.NaN, Number.NaN, true],
    ['NaN and a number', Number.NaN, 1, false],
    ['a number and NaN', 1, Number.NaN, false],
    ['equal dates', date('2024-01-01T00:00:00Z'), date('2024-01-01T00:00:00Z'), true],
    ['different dates', date('2024-01-01T00:00:00Z'), date('2024-01-02T00:00:00Z'), false],
    ['a date and a string', date('2024-01-01T00:00:00Z'), '2024-01-01', false],
    ['null and a table', null, {}, false],
    ['a table and null', {}, null, false],
    ['an array and a table with its keys', ['x'], { 0: 'x' }, false],
    ['a table and an array', { 0: 'x' }, ['x'], false],
    ['equal nested tables', { a: [1, { b: 'c' }] }, { a: [1, { b: 'c' }] }, true],
    ['a nested difference', { a: [1, { b: 'c' }] }, { a: [1, { b: 'd' }] }, false],
    ['a key more', { a: 1 }, { a: 1, b: 2 }, false],
    ['a key fewer', { a: 1, b: 2 }, { a: 1 }, false],
    ['same count, other keys', { a: 1 }, { b: 1 }, false],
    ['arrays of other length', [1], [1, 2], false]
  ])('%s', (_what, a, b, same) => {
    expect(sameValue(a, b)).toBe(same)
  })
})

describe('stringEdit on raw TOML strings: basic, literal, multi-line, escaped', () => {
  const document = (raw: string): string => `[project]\nname = "a"\nversion = ${raw}  # v\n[tool.x]\nversion = ${raw}\n`

  // [the string as written, the new value, the string as written after the edit]
  test.each([
    ['"1.4.0"', '1.5.0', '"1.5.0"'],
    ["'1.4.0'", '1.5.0', "'1.5.0'"],
    ['"""1.4.0"""', '1.5.0', '"""1.5.0"""'],
    ["'''1.4.0'''", '1.5.0', "'''1.5.0'''"],
    ['"""\n1.4.0"""', '1.5.0', '"""\n1.5.0"""'],
    ['"""\r\n1.4.0"""', '1.5.0', '"""\r\n1.5.0"""'],
    ["'''\n1.4.0'''", '2.0.0', "'''\n2.0.0'''"],
    // the raw text ends with the value as written (the escape's last digit reads as its "1"):
    // those characters are edited, the escape before them kept
    ['"\\u0031.4.0"', '1.5.0', '"\\u0031.5.0"'],
    ['"""\\u0031.4.0"""', '1.5.0', '"""\\u0031.5.0"""'],
    // a backslash in a literal string is no escape
    ["'C:\\1.4.0'", 'C:\\1.5.0', "'C:\\1.5.0'"],
    ["'''C:\\1.4.0'''", 'C:\\1.5.0', "'''C:\\1.5.0'''"]
  ])('edited byte-exactly: %j → %j is written %j', (raw, value, edited) => {
    const doc = parseToml(document(raw), 'pyproject.toml')
    const after = `[project]\nname = "a"\nversion = ${edited}  # v\n[tool.x]\nversion = ${raw}\n`
    expect(applyChanges(doc, [{ path: VERSION, value }])).toBe(after)
    expect((parseToml(after, 'pyproject.toml').value.project as Record<string, unknown>).version).toBe(value)
  })

  // an escape among the characters that change, or one whose raw text reads as the value:
  // an EditError naming the file and the line, nothing written
  test.each([
    ['"1.4\\u002e0"', '1.5.0'],
    ['"\\u0041-1.4.0"', 'A-1.5.0'],
    ['"\\\\\\\\1.4.0"', '1.5.0'],
    ['"1.4.0\\t"', '1.5.0\t'],
    ['"v\\t1.4.0"', 'v\t1.5.0'],
    ['"""1.4.\\\n0"""', '1.5.0'],
    ['"""\n1.4.\\\n   0"""', '1.5.0']
  ])('refused, not mangled: %j → %j', (raw, value) => {
    const doc = parseToml(document(raw), 'pyproject.toml')
    expect(() => stringEdit(doc, VERSION, value)).toThrow(EditError)
    expect(() => stringEdit(doc, VERSION, value)).toThrow(/^pyproject\.toml:3: the string uses escapes; edit it by hand$/)
    expect(() => applyChanges(doc, [{ path: VERSION, value }])).toThrow(/the string uses escapes/)
  })

  test.each([
    // the value's offset is smaller than its three quotes: the string is still found
    ['v="""1.4.0"""', ['v'], 'v="""1.5.0"""'],
    ["v='''1.4.0'''\n", ['v'], "v='''1.5.0'''\n"],
    ['a=["""1.4.0"""]', ['a', 0], 'a=["""1.5.0"""]'],
    ['v="1.4.0"', ['v'], 'v="1.5.0"']
  ])('a string at the very start of the file: %j', (text, path, after) => {
    const doc = parseToml(text, 'x.toml')
    expect(applyChanges(doc, [{ path, value: '1.5.0' }])).toBe(after)
  })

  test.each([
    ['a table', '[project.version]\nx = "1"\n'],
    ['an integer', '[project]\nversion = 14\n'],
    ['a boolean', '[project]\nversion = true\n'],
    ['an inline table', '[project]\nversion = { v = "1.4.0" }\n'],
    ['a missing key', '[project]\nname = "a"\n']
  ])('not a string, refused with its dotted path: %s', (_what, text) => {
    const doc = parseToml(text, 'pyproject.toml')
    expect(() => stringEdit(doc, VERSION, '1.5.0')).toThrow(new EditError('pyproject.toml: project.version is not a string'))
  })

  test.each([
    // a new value the string cannot hold as written (a basic string reads "\t" as a tab)
    ['a new value holding an escape sequence', '[project]\nversion = "1.4.0"\n', [{ path: VERSION, value: '1.5.0\\t' }], []],
    [
      'a raw edit (a version in a comment) that reaches a value',
      '[project]\nversion = "1.4.0" # 1.4.0\n',
      [],
      [{ start: 21, end: 22, text: '5' }]
    ],
    ['a raw edit that changes a key', '[project]\nversion = "1.4.0"\n', [], [{ start: 10, end: 11, text: 'V' }]]
  ])('%s: refused, not written', (_what, text, changes, raw) => {
    const doc = parseToml(text, 'pyproject.toml')
    expect(() => applyChanges(doc, changes, raw)).toThrow(
      new EditError('pyproject.toml: the edited document does not parse back to the expected values')
    )
  })

  test('changes given out of file order, and raw edits before them, land in their places', () => {
    const text = '# 1.4.0\n[project]\nversion = "1.4.0"\ndependencies = ["b~=1.4.0", "c==1.4.0"]\n'
    const doc = parseToml(text, 'pyproject.toml')
    const out = applyChanges(
      doc,
      [
        { path: ['project', 'dependencies', 1], value: 'c==1.5.0' },
        { path: VERSION, value: '1.5.0' },
        { path: ['project', 'dependencies', 0], value: 'b~=1.5.0' }
      ],
      [{ start: 4, end: 5, text: '5' }]
    )
    expect(out).toBe('# 1.5.0\n[project]\nversion = "1.5.0"\ndependencies = ["b~=1.5.0", "c==1.5.0"]\n')
  })

  test('a raw edit that leaves every value as it was is applied with the string edits', () => {
    const text = '[project]\nversion = "1.4.0" # 1.4.0\n'
    const doc = parseToml(text, 'pyproject.toml')
    expect(applyChanges(doc, [{ path: VERSION, value: '1.5.0' }], [{ start: 32, end: 33, text: '5' }])).toBe(
      '[project]\nversion = "1.5.0" # 1.5.0\n'
    )
  })

  test('edits that touch end to start are applied, not taken for overlapping', () => {
    expect(
      spliceAll('abcdef', [
        { start: 1, end: 2, text: 'B' },
        { start: 2, end: 3, text: 'C' },
        { start: 3, end: 3, text: '+' }
      ])
    ).toBe('aBC+def')
  })
})
