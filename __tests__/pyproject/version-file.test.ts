/**
 * Versions in files that are not TOML (a hatch `path`, setuptools `attr`/`file`, flit's
 * `__version__`, a `version-files` pattern): Python patterns read as Python reads them, the
 * finders' offsets, the file read as UTF-8 with its BOM remembered, and the edit that
 * replaces exactly the version's characters or is refused.
 */
import { afterEach, describe, expect, test } from '@jest/globals'
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import {
  assignmentFinder,
  assigns,
  locateVersion,
  pythonRegex,
  readText,
  regexFinder,
  replaceVersion,
  VersionFileError,
  wholeFileFinder,
  type Finder
} from '../../src/pyproject/version-file.js'
import { removeTempDirs, tempDir, writeTree } from '../../__fixtures__/tree.js'

afterEach(removeTempDirs)

describe('pythonRegex: a Python pattern, searched as Python searches it', () => {
  // [pattern, text, the version it finds (null: no match)]
  test.each([
    ['^VERSION = "(?P<version>[^"]+)"', 'version = "1.0"\nVERSION = "2.0"\n', '2.0'],
    ['(?i)^VERSION = "(?P<version>[^"]+)"', 'version = "1.0"\nVERSION = "2.0"\n', '1.0'],
    ['(?is)^v = (?P<version>.+)$', 'x\nV = 1.0\n', '1.0\n'],
    ['(?s)<(?P<version>.+)>', '<1.\n0>', '1.\n0'],
    ['<(?P<version>.+)>', '<1.\n0> <2.0>', '2.0'],
    // re.MULTILINE, as hatch compiles it: ^ and $ at every line
    ['^v = (?P<version>\\S+)$', '# v = 0\nv = 1.0\nx\n', '1.0'],
    ['(?m)^v = (?P<version>\\S+)$', 'x\nv = 1.0\n', '1.0'],
    ['(?u)^v = (?P<version>\\S+)$', 'x\nv = 1.0\n', '1.0'],
    ['(?a)^v = (?P<version>\\S+)$', 'x\nv = 1.0\n', '1.0'],
    // \A and \Z: the start and end of the whole text, not of a line
    ['\\A(?P<version>\\d+)', 'x\n1\n', null],
    ['\\A(?P<version>\\d+)', '1\nx', '1'],
    ['(?P<version>\\d+)\\Z', '1\nx', null],
    ['(?P<version>\\d+)\\Z', 'x\n2', '2'],
    // named groups and their back-references
    ['(?P<q>["\'])(?P<version>[^"\']+)(?P=q)', 'v = \'1.0"2\' "3.0"', '3.0'],
    ['(?P<q>["\'])(?P<version>[^"\']+)(?P=q)', "v = '1.0'", '1.0']
  ])('%j in %j finds %j', (pattern, text, version) => {
    expect(regexFinder(pythonRegex(pattern))(text)?.version ?? null).toBe(version)
  })

  test.each([
    ['no group', 'it has no (?P<version>…) group'],
    ['(?P<v>\\d+)', 'it has no (?P<version>…) group'],
    ['(?P<version>[)', 'not a valid regular expression: '],
    ['(?x)(?P<version>.+)', 'the inline flag (?x) is not supported'],
    ['(?L)(?P<version>.+)', 'the inline flag (?L) is not supported'],
    ['(?ix)(?P<version>.+)', 'the inline flag (?x) is not supported'],
    // a global flag after the start: Python 3.11 refuses it, and so does this translation
    ['ab(?i)(?P<version>\\d+)', 'not a valid regular expression: Invalid regular expression: /ab(?i)(?<version>\\d+)/']
  ])('%j is refused: %s', (pattern, message) => {
    expect(() => pythonRegex(pattern)).toThrow(VersionFileError)
    expect(() => pythonRegex(pattern)).toThrow(message)
  })

  test('another group name can be asked for', () => {
    expect(pythonRegex('(?P<tag>v\\d+)', 'tag').exec('x v1')?.groups?.tag).toBe('v1')
    expect(() => pythonRegex('(?P<version>\\d+)', 'tag')).toThrow('it has no (?P<tag>…) group')
  })
})

describe('finders: the offsets of the version characters', () => {
  // [finder, text, expected { start, end, version } or null]
  test.each<[string, () => Finder, string, { start: number; end: number; version: string } | null]>([
    ['regex', () => regexFinder(pythonRegex('v = "(?P<version>[^"]+)"')), 'x\nv = "1.2.3"\n', { start: 7, end: 12, version: '1.2.3' }],
    [
      'regex without the d flag',
      () => regexFinder(/v = "(?<version>[^"]+)"/m),
      'x\nv = "1.2.3"\n',
      { start: 7, end: 12, version: '1.2.3' }
    ],
    ['regex, no match', () => regexFinder(pythonRegex('v = "(?P<version>[^"]+)"')), 'v = 1\n', null],
    ['regex, the version group not taking part', () => regexFinder(/x(?<version>\d+)?/d), 'x', null],
    ['whole file', () => wholeFileFinder, '1.2.3', { start: 0, end: 5, version: '1.2.3' }],
    ['whole file, blanks around', () => wholeFileFinder, ' \n\t1.2.3 \n', { start: 3, end: 8, version: '1.2.3' }],
    ['whole file, only blanks', () => wholeFileFinder, ' \n\n', null],
    ['whole file, empty', () => wholeFileFinder, '', null],
    ['assignment', () => assignmentFinder('__version__'), '"""doc"""\n__version__ = "1.2.3"\n', { start: 25, end: 30, version: '1.2.3' }],
    [
      'assignment, annotated',
      () => assignmentFinder('__version__'),
      "__version__: str = '1.2.3'",
      { start: 20, end: 25, version: '1.2.3' }
    ],
    [
      'assignment, r prefix, no spaces, comment',
      () => assignmentFinder('__version__'),
      '__version__=r"1.2.3"  # c\n',
      { start: 14, end: 19, version: '1.2.3' }
    ],
    [
      'assignment, triple quotes',
      () => assignmentFinder('__version__'),
      "__version__ = '''1.2.3'''\n",
      { start: 17, end: 22, version: '1.2.3' }
    ],
    ['assignment, tabs', () => assignmentFinder('VERSION'), 'VERSION\t=\t"1.2.3"\t\n', { start: 11, end: 16, version: '1.2.3' }],
    ['assignment, indented (not top level)', () => assignmentFinder('__version__'), 'if x:\n    __version__ = "1.2.3"\n', null],
    ['assignment, an expression', () => assignmentFinder('__version__'), '__version__ = "1.2.3" + x\n', null],
    ['assignment, quotes that do not match', () => assignmentFinder('__version__'), '__version__ = "1.2.3\'\n', null],
    ['assignment, an escape in the string', () => assignmentFinder('__version__'), '__version__ = "1.2\\x2e3"\n', null],
    ['assignment, another name', () => assignmentFinder('__version__'), '__version_x__ = "1.2.3"\n', null],
    [
      'assignment, a dot in the name is a dot',
      () => assignmentFinder('a.b'),
      'aXb = "1.2.3"\na.b = "2.0"\n',
      { start: 21, end: 24, version: '2.0' }
    ]
  ])('%s', (_what, finder, text, expected) => {
    // (the finder is made in the test: a mutant of its making is then seen by this test)
    const found = finder()(text)
    expect(found).toEqual(expected)
    if (found) expect(text.slice(found.start, found.end)).toBe(found.version)
  })

  test.each([
    ['__version__ = get_version()\n', '__version__', true],
    ['"""doc"""\n__version__ = get_version()\n', '__version__', true],
    ['"""doc"""\nfrom ._version import __version__\n', '__version__', true],
    ['__version__: str = get()\n', '__version__', true],
    ['from ._version import __version__\n', '__version__', true],
    ['from ._version import (x, __version__)\n', '__version__', true],
    ['from ._version import __version_info__\n', '__version__', false],
    ['import __version__\n', '__version__', false],
    ['x__version__ = 1\n', '__version__', false],
    ['    __version__ = get()\n', '__version__', false],
    ['print(__version__)\n', '__version__', false],
    ['aXb = 1\n', 'a.b', false],
    ['a.b = f()\n', 'a.b', true]
  ])('assigns(%j, %j) = %s', (text, name, expected) => {
    expect(assigns(text, name)).toBe(expected)
  })
})

describe('readText and locateVersion: the file, read once', () => {
  test.each([
    ['UTF-8', Buffer.from('v = "1.0"\n'), { text: 'v = "1.0"\n', bom: false }],
    ['a BOM, remembered and left out of the text', Buffer.from('\ufeffv = "1.0"\n'), { text: 'v = "1.0"\n', bom: true }],
    ['a BOM-like character later on is text', Buffer.from('v = "\ufeff"\n'), { text: 'v = "\ufeff"\n', bom: false }]
  ])('read as UTF-8: %s', (_what, bytes, expected) => {
    const root = tempDir()
    writeFileSync(path.join(root, 'f'), bytes)
    expect(readText(path.join(root, 'f'))).toEqual(expected)
  })

  test.each([
    ['a missing file', 'missing', 'it does not exist'],
    ['a directory', 'dir', 'it is not a regular file'],
    ['bytes that are not UTF-8', 'latin1', 'it is not valid UTF-8'],
    ['a path through a file', 'latin1/x', 'it cannot be read (ENOTDIR)']
  ])('%s is refused: %s', (_what, rel, message) => {
    const root = tempDir()
    mkdirSync(path.join(root, 'dir'))
    writeFileSync(path.join(root, 'latin1'), Buffer.from([0x76, 0x3d, 0xe9, 0x0a]))
    expect(() => readText(path.join(root, rel))).toThrow(new VersionFileError(message))
  })

  test.each([
    ['__version__ = "1.2.3"\n', 1, 16],
    ['# a\n\n__version__ = "1.2.3"\n', 3, 16],
    ['# a\r\n# b\r\n__version__: str = "1.2.3"\r\n', 3, 21],
    ['\ufeff# a\n__version__ = "1.2.3"\n', 2, 16]
  ])('%j: the version at line %i, column %i', (content, line, column) => {
    const root = writeTree(tempDir(), { 'pkg/f.py': content })
    const find = assignmentFinder('__version__')
    const spot = locateVersion(path.join(root, 'pkg/f.py'), 'pkg/f.py', find)
    expect(spot).toEqual({
      file: 'pkg/f.py',
      abs: path.join(root, 'pkg/f.py'),
      text: content.replace(/^\ufeff/, ''),
      bom: content.startsWith('\ufeff'),
      version: '1.2.3',
      start: spot.text.indexOf('1.2.3'),
      end: spot.text.indexOf('1.2.3') + 5,
      line,
      column,
      find
    })
  })

  test('a file without the version is refused', () => {
    const root = writeTree(tempDir(), { 'f.py': 'VERSION = "1.2.3"\n' })
    expect(() => locateVersion(path.join(root, 'f.py'), 'f.py', assignmentFinder('__version__'))).toThrow(
      new VersionFileError('no version found in it')
    )
  })
})

describe('replaceVersion: the version characters only, or refused', () => {
  const spotOf = (content: string, find: Finder) => {
    const root = writeTree(tempDir(), { 'f.py': content })
    return locateVersion(path.join(root, 'f.py'), 'f.py', find)
  }

  test.each([
    [
      '\ufeff# c\r\n__version__ = "1.2.3"  # v\r\n__version__ = "1.2.3"\r\n',
      '2.0.0rc1',
      '\ufeff# c\r\n__version__ = "2.0.0rc1"  # v\r\n__version__ = "1.2.3"\r\n'
    ],
    ['__version__ = "1.2.3"', '1.2', '__version__ = "1.2"'],
    ['__version__ = "1.2.3"\n', '1.2.3', '__version__ = "1.2.3"\n']
  ])('%j with %s is %j', (content, version, expected) => {
    expect(replaceVersion(spotOf(content, assignmentFinder('__version__')), version)).toBe(expected)
  })

  test.each([
    // no longer found: the new version ends the string
    ['a version holding a quote', '__version__ = "1.2.3"\n', assignmentFinder('__version__'), '1.3"; x = "'],
    // found, but not all of it: the pattern reads part of the new version
    ['a version the pattern reads only in part', 'v = 1.2\n', regexFinder(pythonRegex('^v = (?P<version>\\d+\\.\\d+)')), '1.3.0'],
    // found, but elsewhere: the edit made an earlier text match the pattern, with the same version
    ['a version read back at another offset', 'v 2.0 and 1.0\n', regexFinder(pythonRegex('(?P<version>\\d\\.\\d)(?! and 1\\.0)')), '2.0']
  ])('%s is refused', (_what, content, find, version) => {
    expect(() => replaceVersion(spotOf(content, find), version)).toThrow(
      new VersionFileError(`f.py:1: writing ${version} there would not read back as the version`)
    )
  })
})
