import { afterAll, describe, test, expect } from '@jest/globals'
import path from 'node:path'
import { PyshipError } from '../../src/errors.js'
import { isTable, locate, locateValue, parseToml, readToml, type TomlPath } from '../../src/pyproject/toml.js'
import { removeTempDirs, tempDir, writeTree } from '../../__fixtures__/tree.js'

afterAll(removeTempDirs)

/** Run `fn`, expecting a PyshipError, and return it. */
function thrown(fn: () => unknown): PyshipError {
  try {
    fn()
  } catch (error) {
    expect(error).toBeInstanceOf(PyshipError)
    return error as PyshipError
  }
  throw new Error('expected a PyshipError, nothing was thrown')
}

const SAMPLE = [
  'name = "top"', // 1
  'project.version = "1.2.3"', // 2
  'project.name = "x"', // 3
  '', // 4
  '[tool.pyship.groups.platform]', // 5
  'packages = [', // 6
  '  "cli",', // 7
  '    "server",', // 8
  ']', // 9
  'inline = { a = 1, b = "two" }', // 10
  '', // 11
  '[[package]]', // 12
  'name = "a"', // 13
  'version = "1.0"', // 14
  '', // 15
  '[[package]]', // 16
  'name = "b"', // 17
  'version   =   "2.0"', // 18
  'source = { editable = "libs/b" }', // 19
  '[package.metadata]', // 20
  'requires-dist = [{ name = "a" }]', // 21
  ''
].join('\n')

describe('parseToml positions', () => {
  const doc = parseToml(SAMPLE, 'sample.toml')

  test('values', () => {
    expect(doc.file).toBe('sample.toml')
    expect(doc.bom).toBe(false)
    expect(doc.text).toBe(SAMPLE)
    expect(doc.value).toEqual({
      name: 'top',
      project: { version: '1.2.3', name: 'x' },
      tool: { pyship: { groups: { platform: { packages: ['cli', 'server'], inline: { a: 1, b: 'two' } } } } },
      package: [
        { name: 'a', version: '1.0' },
        { name: 'b', version: '2.0', source: { editable: 'libs/b' }, metadata: { 'requires-dist': [{ name: 'a' }] } }
      ]
    })
  })

  const platform = ['tool', 'pyship', 'groups', 'platform']
  test.each<[string, TomlPath, number, number]>([
    ['top-level key', ['name'], 1, 1],
    ['dotted key at top level', ['project', 'version'], 2, 1],
    ['second dotted key', ['project', 'name'], 3, 1],
    ['table defined by a dotted key', ['project'], 2, 1],
    ['table header', platform, 5, 1],
    ['implicit parent table of a header', ['tool'], 5, 1],
    ['key under a header', [...platform, 'packages'], 6, 1],
    ['array element 0', [...platform, 'packages', 0], 7, 3],
    ['array element 1', [...platform, 'packages', 1], 8, 5],
    ['inline table key', [...platform, 'inline'], 10, 1],
    ['key inside an inline table', [...platform, 'inline', 'b'], 10, 19],
    ['array of tables, first entry', ['package', 0], 12, 1],
    ['array of tables, second entry', ['package', 1], 16, 1],
    ['key in the first entry', ['package', 0, 'version'], 14, 1],
    ['key in the second entry', ['package', 1, 'version'], 18, 1],
    ['inline table in an array of tables', ['package', 1, 'source', 'editable'], 19, 12],
    ['sub-table of the last [[package]] entry', ['package', 1, 'metadata'], 20, 1],
    ['key in that sub-table', ['package', 1, 'metadata', 'requires-dist'], 21, 1],
    ['inline table in an array in that sub-table', ['package', 1, 'metadata', 'requires-dist', 0, 'name'], 21, 20],
    ['unknown key falls back to its nearest ancestor', [...platform, 'nope', 'deeper'], 5, 1],
    ['unknown element falls back to the array key', [...platform, 'packages', 7], 6, 1],
    ['nothing known falls back to 1:1', ['nothing'], 1, 1]
  ])('locate: %s', (_what, at, line, column) => {
    expect(locate(doc, at)).toEqual({ file: 'sample.toml', line, column })
  })

  test.each<[string, TomlPath, number, number]>([
    ['dotted key value', ['project', 'version'], 2, 19],
    ['value after a header', [...platform, 'packages'], 6, 12],
    ['array element value', [...platform, 'packages', 1], 8, 5],
    ['inline table value', [...platform, 'inline', 'b'], 10, 23],
    ['value in the first [[package]]', ['package', 0, 'version'], 14, 11],
    ['value with extra spaces in the second [[package]]', ['package', 1, 'version'], 18, 15],
    ['missing value falls back to locate()', [...platform, 'nope'], 5, 1]
  ])('locateValue: %s', (_what, at, line, column) => {
    expect(locateValue(doc, at)).toEqual({ file: 'sample.toml', line, column })
  })
})

describe('byte-order mark and line endings', () => {
  test('a UTF-8 BOM is stripped, remembered, and does not shift positions', () => {
    const doc = parseToml('\uFEFF[project]\nname = "x"\nversion = "1.0"\n', 'bom.toml')
    expect(doc.bom).toBe(true)
    expect(doc.text).toBe('[project]\nname = "x"\nversion = "1.0"\n')
    expect(doc.value).toEqual({ project: { name: 'x', version: '1.0' } })
    expect(locate(doc, ['project'])).toEqual({ file: 'bom.toml', line: 1, column: 1 })
    expect(locateValue(doc, ['project', 'version'])).toEqual({ file: 'bom.toml', line: 3, column: 11 })
  })

  test('readToml keeps the BOM information from the bytes on disk', () => {
    const root = tempDir()
    writeTree(root, { 'pyproject.toml': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('a = 1\nb = "x"\n')]) })
    const doc = readToml(path.join(root, 'pyproject.toml'), 'pyproject.toml')
    expect(doc.bom).toBe(true)
    expect(doc.text).toBe('a = 1\nb = "x"\n')
    expect(locate(doc, ['b'])).toEqual({ file: 'pyproject.toml', line: 2, column: 1 })
  })

  test('CRLF line endings count lines like LF and are kept in text', () => {
    const source = "[project]\r\nname = 'orbit-client'\r\nversion = '0.8.1'\r\ndeps = [\r\n  'a',\r\n  'b',\r\n]\r\n"
    const doc = parseToml(source, 'crlf.toml')
    expect(doc.text).toBe(source)
    expect(doc.value).toEqual({ project: { name: 'orbit-client', version: '0.8.1', deps: ['a', 'b'] } })
    expect(locateValue(doc, ['project', 'version'])).toEqual({ file: 'crlf.toml', line: 3, column: 11 })
    expect(locateValue(doc, ['project', 'deps', 1])).toEqual({ file: 'crlf.toml', line: 6, column: 3 })
  })
})

describe('syntax errors are E_CONFIG with file, line and column', () => {
  test.each([
    ['an unexpected character', 'a = 1\nkey = @\n', 2, 7],
    ['a doubled equals sign', '[project]\nname = "x"\nversion = = "1"\n', 3, 11],
    ['a duplicate key', '[project]\nname = "a"\nname = "b"\n', 3, 1],
    ['a duplicate table', '[project]\nname = "a"\n[project]\n', 3, 2],
    ['an unterminated string', 'a = 1\nb = "open\n', 2, 10]
  ])('%s', (_what, source, line, column) => {
    const error = thrown(() => parseToml(source, 'libs/x/pyproject.toml'))
    expect(error.code).toBe('E_CONFIG')
    expect(error.location).toEqual({ file: 'libs/x/pyproject.toml', line, column })
    expect(error.message).toContain(`libs/x/pyproject.toml:${line}:${column}`)
  })

  test.each([
    ['an unterminated string', 'a = 1\nb = "open\n', 2, 10, 'unterminated string'],
    ['an unterminated string, CRLF', 'a = 1\r\nb = "open\r\nc = 2\r\n', 2, 10, 'unterminated string'],
    ['a control character inside a string', 'a = "x\u0001y"\n', 1, 7, 'control characters are not allowed'],
    [
      'a table header without its ]',
      '[project]\nname = "a"\n\n[build-system  # note\nrequires = ["x"]\n',
      4,
      14,
      "Expected ']' at the end of the table header [build-system"
    ],
    [
      'an array-of-tables header without its ]]',
      '[[package]]\nname = "a"\n[[package\nname = "b"\n',
      3,
      10,
      "Expected ']]' at the end of the table header [[package"
    ],
    [
      'a header with something after it',
      '[project] x\nname = "a"\n',
      1,
      11,
      'each key-value declaration must be followed by an end-of-line'
    ]
  ])('%s: what and where', (_what, source, line, column, message) => {
    const error = thrown(() => parseToml(source, 'x.toml'))
    expect(error.location).toEqual({ file: 'x.toml', line, column })
    expect(error.message).toContain(`x.toml:${line}:${column}: TOML syntax error: ${message}`)
    expect(error.message).not.toMatch(/Invalid TOML document|\n/)
  })

  // what TOML 1.1 added (the parser reads it) and Python's tomllib — so pip — refuses:
  // refused at the line and column tomllib names (scripts/toml-corpus.py checks thousands more)
  test.each([
    [
      'a trailing comma in an inline table',
      '[project]\nname = "x"\nlicense = { text = "MIT", }\n',
      3,
      27,
      'takes no comma after its last entry'
    ],
    ['a trailing comma, no space', 'a = {b = 1,}\n', 1, 12, 'takes no comma after its last entry'],
    ['a trailing comma in a nested inline table', 'a = [{b = {c = 1,}}]\n', 1, 18, 'takes no comma after its last entry'],
    ['a line break inside an inline table', 'source = {\n  workspace = true }\n', 1, 11, 'must stay on one line'],
    ['a line break before the closing brace', 'source = { workspace = true\n}\n', 1, 28, 'must stay on one line'],
    ['a comment inside an inline table', 'a = { b = 1, # note\n c = 2 }\n', 1, 14, 'must stay on one line'],
    ['a CRLF inside an inline table', 'a = {\r\nb = 1}\r\n', 1, 6, 'must stay on one line'],
    ['a line break after a string holding a brace', 'a = { b = "}",\n c = 1 }\n', 1, 15, 'must stay on one line'],
    ['a line break after a literal string holding a brace', "a = { b = '}'\n}\n", 1, 14, 'must stay on one line'],
    ['a line break after a nested inline table', 'a = {a = {b = 1}\n}\n', 1, 17, 'must stay on one line'],
    [
      'a line break after a multi-line string ends in an inline table',
      'a = ["""\nit\'s""", { c = \'v\',\n}]\n',
      2,
      20,
      'must stay on one line'
    ],
    ['a comment holding a brace inside an inline table', 'a = { b = 1, # }\n c = 2 }\n', 1, 14, 'must stay on one line'],
    ['the \\e escape', 'a = 1\nb = "esc\\e[0m"\n', 2, 11, '\\e is not an escape in TOML 1.0'],
    ['the \\x escape', 'b = "\\x41"\n', 1, 8, '\\x is not an escape in TOML 1.0'],
    ['the \\x escape in a multi-line string', 'b = """\nok\n\\x41"""\n', 3, 3, '\\x is not an escape'],
    ['the \\e escape in a quoted key', '"k\\e" = 1\n', 1, 5, '\\e is not an escape'],
    ['a local time without seconds', 't = 07:30\n', 1, 6, 'a time needs its seconds'],
    ['a local time without seconds, no leading zero', 't = 12:30\n', 1, 7, 'a time needs its seconds'],
    ['a date-time without seconds', 't = 1979-05-27T07:30\n', 1, 15, 'a time needs its seconds'],
    ['a date-time without seconds, space separator', 't = [1979-05-27 07:30Z]\n', 1, 17, 'a time needs its seconds'],
    ['a day that does not exist', 'd = 2001-02-29\n', 1, 5, '2001-02-29 is not a date'],
    ['the thirty-first of April', 'd = {x = 2000-04-31T00:00:00}\n', 1, 10, '2000-04-31 is not a date'],
    ['year zero', 'd = 0000-01-01\n', 1, 5, '0000-01-01 is not a date'],
    [
      'the first of two errors: a trailing comma before a duplicate key',
      'a = {b = 1,}\nc = 1\nc = 2\n',
      1,
      12,
      'takes no comma after its last entry'
    ],
    ['the first of two errors: \\x in an unterminated multi-line string', 'a = 1\nb = """\\x41\nc = 2\n', 2, 10, '\\x is not an escape']
  ])('what only TOML 1.1 allows is refused as tomllib refuses it: %s', (_what, source, line, column, message) => {
    const error = thrown(() => parseToml(source, 'x.toml'))
    expect(error.code).toBe('E_CONFIG')
    expect(error.location).toEqual({ file: 'x.toml', line, column })
    expect(error.message).toContain(`x.toml:${line}:${column}: TOML syntax error:`)
    expect(error.message).toContain(message)
  })

  test.each([
    ['an inline table on one line', 'a = { b = 1, c = [1,\n2] }\n'],
    ['an array over several lines with a trailing comma', 'a = [\n  1, # one\n  2,\n]\n'],
    ['escapes TOML 1.0 has', 'a = "\\t\\n\\u00e9\\U0001F600\\\\e"\n'],
    ['a literal string holds backslashes as they are', "a = 'C:\\x\\e'\n"],
    ['times with seconds, a leap day', 't = 07:30:00\nu = 1979-05-27 07:32:00.5Z\nd = 2000-02-29\n'],
    ['an empty inline table', 'a = {}\nb = { }\n']
  ])('TOML 1.0 is read: %s', (_what, source) => {
    expect(() => parseToml(source, 'x.toml')).not.toThrow()
  })

  test('a syntax error after an integer beyond 2^53 is E_CONFIG at its line too', () => {
    const error = thrown(() => parseToml('big = 9007199254740993\nname = "a"\nname = "b"\n', 'big.toml'))
    expect(error.code).toBe('E_CONFIG')
    expect(error.location).toEqual({ file: 'big.toml', line: 3, column: 1 })
  })

  test('integers beyond 2^53 are read as the nearest number, not refused', () => {
    const doc = parseToml('[tool.x]\nbig = 9007199254740993\nlist = [18446744073709551615]\n[project]\nversion = "1.0"\n', 'big.toml')
    expect(doc.value).toEqual({ tool: { x: { big: 9007199254740992, list: [2 ** 64] } }, project: { version: '1.0' } })
    expect(locateValue(doc, ['project', 'version'])).toEqual({ file: 'big.toml', line: 5, column: 11 })
  })

  test('positions after a BOM are not shifted', () => {
    const error = thrown(() => parseToml('\uFEFFa = 1\nkey = @\n', 'bom.toml'))
    expect(error.location).toEqual({ file: 'bom.toml', line: 2, column: 7 })
  })

  test('positions in a CRLF file', () => {
    const error = thrown(() => parseToml('a = 1\r\nb = 2\r\nkey = @\r\n', 'crlf.toml'))
    expect(error.location).toEqual({ file: 'crlf.toml', line: 3, column: 7 })
  })
})

describe('readToml', () => {
  test('reads a file and names it by the relative path given', () => {
    const root = tempDir()
    writeTree(root, { 'cli/pyproject.toml': '[project]\nname = "dakora"\nversion = "2.0.0"\n' })
    const doc = readToml(path.join(root, 'cli', 'pyproject.toml'), 'cli/pyproject.toml')
    expect(doc.file).toBe('cli/pyproject.toml')
    expect(doc.value).toEqual({ project: { name: 'dakora', version: '2.0.0' } })
    expect(locateValue(doc, ['project', 'version'])).toEqual({ file: 'cli/pyproject.toml', line: 3, column: 11 })
  })

  test('a syntax error in a file carries the relative file name', () => {
    const root = tempDir()
    writeTree(root, { 'cli/pyproject.toml': '[project]\nname = "dakora"\nversion = 2.0.0"\n' })
    const error = thrown(() => readToml(path.join(root, 'cli', 'pyproject.toml'), 'cli/pyproject.toml'))
    expect(error.code).toBe('E_CONFIG')
    expect(error.location?.file).toBe('cli/pyproject.toml')
    expect(error.location?.line).toBe(3)
    expect(error.message).toMatch(/^cli\/pyproject\.toml:3:\d+: /)
  })

  test.each([
    ['a directory', (root: string) => writeTree(root, { 'pyproject.toml/': null }), /pyproject\.toml/],
    ['a missing file', () => undefined, /pyproject\.toml/],
    [
      'invalid UTF-8',
      (root: string) => writeTree(root, { 'pyproject.toml': Buffer.from([0x61, 0x20, 0x3d, 0x20, 0x22, 0xff, 0xfe, 0x22, 0x0a]) }),
      /not valid UTF-8/
    ],
    [
      'Latin-1 text',
      (root: string) => writeTree(root, { 'pyproject.toml': Buffer.from('description = "caf\xe9"\n', 'latin1') }),
      /not valid UTF-8/
    ]
  ])('%s → E_CONFIG naming the file', (_what, setup, message) => {
    const root = tempDir()
    setup(root)
    const error = thrown(() => readToml(path.join(root, 'pyproject.toml'), 'sub/pyproject.toml'))
    expect(error.code).toBe('E_CONFIG')
    expect(error.location?.file).toBe('sub/pyproject.toml')
    expect(error.message).toContain('sub/pyproject.toml')
    expect(error.message).toMatch(message)
  })
})

describe('isTable', () => {
  test.each([
    [{}, true],
    [{ a: 1 }, true],
    [[], false],
    [null, false],
    [undefined, false],
    ['x', false],
    [1, false],
    [new Date(0), false]
  ])('%j → %s', (value, expected) => {
    expect(isTable(value)).toBe(expected)
  })
})
