/** The `version-files` key of a group: validated with E_CONFIG on the entry, resolved against the working directory. */
import { afterEach, describe, expect, test } from '@jest/globals'
import { PyshipError, toProblems } from '../../src/errors.js'
import { loadConfig } from '../../src/config/load.js'
import { removeTempDirs, tempDir, writeTree } from '../../__fixtures__/tree.js'

afterEach(removeTempDirs)

function load(entries: string) {
  const root = writeTree(tempDir(), {
    '.github/pyship.toml': `[groups.g]\npackages = ["a"]\nversion-files = [\n${entries}\n]\n`,
    'a/pyproject.toml': '[project]\nname = "a"\nversion = "1.0.0"\n',
    'a/VERSION': '1.0.0\n'
  })
  return loadConfig({ workDir: root, repoRoot: root }, '', null)
}

function problems(entries: string): string[] {
  try {
    load(entries)
  } catch (error) {
    if (!(error instanceof PyshipError)) throw error
    return toProblems(error).map((p) => `${p.code} ${p.file}:${p.line} ${p.message}`)
  }
  throw new Error('did not throw')
}

describe('groups.<name>.version-files', () => {
  test('a valid entry is resolved with its location', () => {
    const config = load(`  { path = "./a/VERSION", pattern = '^(?P<version>.+)$' },`)
    expect(config.groups.g.versionFiles).toEqual([
      { path: 'a/VERSION', pattern: '^(?P<version>.+)$', location: { file: '.github/pyship.toml', line: 4, column: 3 } }
    ])
  })

  test('count and format are resolved as written', () => {
    const config = load(`  { path = "a/VERSION", pattern = '^(?P<version>.+)$', count = "all", format = "semver" },`)
    expect(config.groups.g.versionFiles).toEqual([
      {
        path: 'a/VERSION',
        pattern: '^(?P<version>.+)$',
        count: 'all',
        format: 'semver',
        location: { file: '.github/pyship.toml', line: 4, column: 3 }
      }
    ])
  })

  test.each([
    [
      'a missing pattern',
      `  { path = "a/VERSION" },`,
      'E_CONFIG .github/pyship.toml:4 .github/pyship.toml: groups.g.version-files[0] is missing the required key "pattern"'
    ],
    [
      'a pattern without a version group',
      `  { path = "a/VERSION", pattern = '(.+)' },`,
      'E_CONFIG .github/pyship.toml:4 .github/pyship.toml: groups.g.version-files[0].pattern = "(.+)" must be a regular expression with a (?P<version>…) group around the version: it has no (?P<version>…) group'
    ],
    [
      'a pattern that does not compile',
      `  { path = "a/VERSION", pattern = '(?P<version>[' },`,
      'E_CONFIG .github/pyship.toml:4 .github/pyship.toml: groups.g.version-files[0].pattern = "(?P<version>[" must be a regular expression with a (?P<version>…) group around the version: not a valid regular expression: Invalid regular expression: /(?<version>[/dm: Unterminated character class'
    ],
    [
      'a path outside the working directory',
      `  { path = "../x", pattern = '(?P<version>.+)' },`,
      'E_CONFIG .github/pyship.toml:4 .github/pyship.toml: groups.g.version-files[0].path = "../x" must be a file path relative to the working directory, without ".."'
    ],
    [
      'a path that does not exist',
      `  { path = "a/NOPE", pattern = '(?P<version>.+)' },`,
      'E_CONFIG .github/pyship.toml:4 groups.g.version-files[0].path: "a/NOPE" does not exist'
    ],
    [
      'an unknown key',
      `  { path = "a/VERSION", pattern = '(?P<version>.+)', patern = "x" },`,
      'E_CONFIG .github/pyship.toml:4 .github/pyship.toml: unknown key groups.g.version-files[0].patern (did you mean "pattern"?); allowed here: count, format, path, pattern'
    ],
    [
      'a count that is not "one" or "all"',
      `  { path = "a/VERSION", pattern = '(?P<version>.+)', count = "every" },`,
      'E_CONFIG .github/pyship.toml:4 .github/pyship.toml: groups.g.version-files[0].count must be one of "one", "all", not "every"'
    ],
    [
      'a count written as a number',
      `  { path = "a/VERSION", pattern = '(?P<version>.+)', count = 2 },`,
      'E_CONFIG .github/pyship.toml:4 .github/pyship.toml: groups.g.version-files[0].count must be one of "one", "all", not a number'
    ],
    [
      'a format pyship does not write',
      `  { path = "a/VERSION", pattern = '(?P<version>.+)', format = "cargo" },`,
      'E_CONFIG .github/pyship.toml:4 .github/pyship.toml: groups.g.version-files[0].format must be one of "pep440", "semver", not "cargo"'
    ],
    [
      'not a table',
      `  "a/VERSION",`,
      'E_CONFIG .github/pyship.toml:4 .github/pyship.toml: groups.g.version-files[0] must be a table, not a string'
    ]
  ])('%s', (_what, entries, expected) => {
    expect(problems(entries)).toEqual([expected])
  })
})

describe('groups.<name>.pins', () => {
  const withPins = (pins: string) => {
    const root = writeTree(tempDir(), {
      '.github/pyship.toml': `[groups.g]\npackages = ["a"]\npins = ${pins}\n`,
      'a/pyproject.toml': '[project]\nname = "a"\nversion = "1.0.0"\n'
    })
    return loadConfig({ workDir: root, repoRoot: root }, '', null)
  }
  test.each([
    ['"follow"', 'follow'],
    ['"admit"', 'admit']
  ])('pins = %s is read', (pins, mode) => {
    expect(withPins(pins).groups.g.pins).toBe(mode)
  })
  test('absent: undefined, read as "admit"', () => {
    const root = writeTree(tempDir(), {
      '.github/pyship.toml': '[groups.g]\npackages = ["a"]\n',
      'a/pyproject.toml': '[project]\nname = "a"\nversion = "1.0.0"\n'
    })
    expect(loadConfig({ workDir: root, repoRoot: root }, '', null).groups.g.pins).toBeUndefined()
  })
  test.each([
    ['"always"', 'groups.g.pins must be one of "admit", "follow", not "always"'],
    ['true', 'groups.g.pins must be one of "admit", "follow", not a boolean']
  ])('pins = %s is E_CONFIG on its line', (pins, message) => {
    let error: unknown
    try {
      withPins(pins)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(PyshipError)
    expect(toProblems(error as PyshipError).map((p) => `${p.code} ${p.file}:${p.line} ${p.message}`)).toEqual([
      `E_CONFIG .github/pyship.toml:3 .github/pyship.toml: ${message}`
    ])
  })
})
