/**
 * What belongs to the monorepo, in the config (SPEC §1): `exclude` globs, `[packages."<dir>"]
 * external = true`, `[[waivers]]` — read, and every mistake E_CONFIG on its line.
 */
import { afterEach, describe, test, expect } from '@jest/globals'
import path from 'node:path'
import { PyshipError } from '../../src/errors.js'
import { loadConfig, type Config } from '../../src/config/load.js'
import { excludedBy, readExclude } from '../../src/config/exclude.js'
import { readToml } from '../../src/pyproject/toml.js'
import { removeTempDirs, tempDir, writeTree, type Tree } from '../../__fixtures__/tree.js'

afterEach(removeTempDirs)

const pyproject = (name: string): string => `[project]\nname = "${name}"\nversion = "1.0.0"\n`

/** A tree with packages a, plugins/x, plugins/old, legacy, and `.github/pyship.toml` = config. */
function load(config: string, extra: Tree = {}): Config {
  const root = writeTree(tempDir(), {
    'a/pyproject.toml': pyproject('a'),
    'plugins/x/pyproject.toml': pyproject('x'),
    'plugins/old/pyproject.toml': pyproject('old'),
    'legacy/pyproject.toml': pyproject('legacy'),
    '.github/pyship.toml': config,
    ...extra
  })
  return loadConfig({ workDir: root, repoRoot: root }, '', null)
}

/** Every problem of the error loading `config` throws: [code, file:line, message]. */
function refusal(config: string): string[][] {
  try {
    load(config)
  } catch (error) {
    if (!(error instanceof PyshipError)) throw error
    return [{ code: error.code, message: error.message, ...error.location }, ...error.others].map((p) => [
      p.code,
      `${p.file}:${p.line}`,
      p.message
    ])
  }
  throw new Error('expected E_CONFIG')
}

describe('excludedBy: a pattern matching the directory or one above it', () => {
  test.each([
    [['**/examples/**'], 'docs/examples/demo', '**/examples/**'],
    [['**/examples/**'], 'examples/demo', '**/examples/**'],
    [['**/examples/**'], 'examples', null],
    [['templates/**'], 'templates/cookie/inner', 'templates/**'],
    [['templates'], 'templates/cookie', 'templates'],
    [['templates'], 'templates-old/x', null],
    [['tests/fixtures/*'], 'tests/fixtures/a/b', 'tests/fixtures/*'],
    [['plugins/o*'], 'plugins/old', 'plugins/o*'],
    [['plugins/o*'], 'plugins/x', null],
    [['plugins/[!x]*'], 'plugins/x', null],
    [['plugins/[!x]*'], 'plugins/old', 'plugins/[!x]*'],
    [['./examples/'], 'examples/a', './examples/']
  ])('%j on %s → %s', (patterns, dir, expected) => {
    const { exclude, problems } = readExclude({ exclude: patterns }, () => undefined)
    expect(problems).toEqual([])
    expect(excludedBy(exclude, dir)).toBe(expected)
  })

  test('the working directory itself is never excluded', () => {
    const { exclude } = readExclude({ exclude: ['**'] }, () => undefined)
    expect(excludedBy(exclude, '.')).toBeNull()
  })
})

describe('the config keys', () => {
  test('exclude, external and waivers are read; a group glob leaves out excluded and external packages', () => {
    const config = load(
      [
        'exclude = ["plugins/old"]',
        '[groups.main]',
        'packages = ["*", "plugins/*"]',
        '[packages."legacy"]',
        'external = true',
        '[[waivers]]',
        'package = "a"',
        'code = "E_PIN_EXCLUDES"',
        'reason = "  a pins the published x on purpose "'
      ].join('\n')
    )
    expect(config.groups.main.packages).toEqual(['a', 'plugins/x'])
    expect(config.exclude?.map((x) => x.raw)).toEqual(['plugins/old'])
    expect(config.external).toEqual(['legacy'])
    expect(config.waivers).toEqual([
      {
        package: 'a',
        code: 'E_PIN_EXCLUDES',
        reason: 'a pins the published x on purpose',
        location: { file: '.github/pyship.toml', line: 6, column: 1 }
      }
    ])
  })

  test.each([
    [
      'exclude = "plugins/old"',
      ['E_CONFIG', '.github/pyship.toml:1', '.github/pyship.toml: exclude must be an array of strings, not a string']
    ],
    [
      'exclude = ["../elsewhere"]',
      ['E_CONFIG', '.github/pyship.toml:1', 'exclude[0] = "../elsewhere" must be a glob inside the working directory']
    ],
    ['exclude = ["/abs/**"]', ['E_CONFIG', '.github/pyship.toml:1', 'exclude[0] = "/abs/**" must be a glob inside the working directory']],
    ['exclude = ["./"]', ['E_CONFIG', '.github/pyship.toml:1', 'exclude[0] = "./" would exclude every package']],
    [
      'exclude = [\n  "ok/**",\n  "plugins/[x",\n]',
      [
        'E_CONFIG',
        '.github/pyship.toml:3',
        'exclude[1] = "plugins/[x" is not a valid glob: Pattern syntax error near position 8: invalid range pattern'
      ]
    ],
    ['[packages."nope"]\nexternal = true', ['E_CONFIG', '.github/pyship.toml:1', 'packages."nope": nope/pyproject.toml does not exist']],
    [
      '[packages."../a"]\nexternal = true',
      ['E_CONFIG', '.github/pyship.toml:1', 'packages."../a" must name a package directory inside the working directory']
    ],
    [
      '[packages."legacy"]\nexternal = "yes"',
      ['E_CONFIG', '.github/pyship.toml:2', '.github/pyship.toml: packages.legacy.external must be true or false, not a string']
    ],
    [
      '[packages."legacy"]\nextrnal = true',
      [
        'E_CONFIG',
        '.github/pyship.toml:2',
        '.github/pyship.toml: unknown key packages.legacy.extrnal (did you mean "external"?); allowed here: external, version'
      ]
    ],
    [
      '[[waivers]]\npackage = "a"\ncode = "E_PIN_EXCLUDES"',
      ['E_CONFIG', '.github/pyship.toml:1', '.github/pyship.toml: waivers[0] is missing the required key "reason"']
    ],
    [
      '[[waivers]]\npackage = "a"\ncode = "E_PIN_EXCLUDES"\nreason = "  "',
      ['E_CONFIG', '.github/pyship.toml:1', 'waivers[0]: reason is empty']
    ],
    [
      '[[waivers]]\npackage = "a"\ncode = "E_CONFIG"\nreason = "x"',
      [
        'E_CONFIG',
        '.github/pyship.toml:3',
        '.github/pyship.toml: waivers[0].code must be one of "E_VERSION_MISMATCH", "E_INVALID_VERSION", "E_PIN_EXCLUDES", "E_LOCK_DRIFT", "E_VERSION_SOURCE", not "E_CONFIG"'
      ]
    ],
    [
      '[[waivers]]\npackage = "a"\ncode = "E_LOCK_DRIFT"\nreason = "x"\n[[waivers]]\npackage = "./a/"\ncode = "E_LOCK_DRIFT"\nreason = "y"',
      ['E_CONFIG', '.github/pyship.toml:5', 'waivers[1]: waives E_LOCK_DRIFT in a again (waivers[0] already does)']
    ],
    [
      '[[waivers]]\npackage = "../a"\ncode = "E_LOCK_DRIFT"\nreason = "x"',
      ['E_CONFIG', '.github/pyship.toml:1', 'waivers[0]: package = "../a" must be a package directory inside the working directory']
    ],
    [
      'exclude = ["plugins/old"]\n[groups.main]\npackages = ["a", "plugins/old"]',
      [
        'E_CONFIG',
        '.github/pyship.toml:3',
        'groups.main.packages[1] = "plugins/old" names a package that is excluded by exclude "plugins/old": it is not part of the monorepo'
      ]
    ],
    [
      '[groups.main]\npackages = ["legacy"]\n[packages."legacy"]\nexternal = true',
      [
        'E_CONFIG',
        '.github/pyship.toml:2',
        'groups.main.packages[0] = "legacy" names a package that is external (packages."legacy".external = true): it is not part of the monorepo'
      ]
    ],
    [
      'exclude = ["plugins/**"]\n[groups.main]\npackages = ["a"]\n[groups.plugins]\npackages = ["plugins/*"]',
      [
        'E_CONFIG',
        '.github/pyship.toml:5',
        'groups.plugins.packages[0] = "plugins/*" matches only packages that are not part of the monorepo (exclude, external)'
      ]
    ]
  ])('%s → E_CONFIG on its line', (config, expected) => {
    expect(refusal(config)).toEqual([expected])
  })

  test('[tool.pyship] in the root pyproject: the same keys, lines of that file', () => {
    const root = writeTree(tempDir(), {
      'a/pyproject.toml': pyproject('a'),
      'pyproject.toml':
        '[tool.uv.workspace]\nmembers = ["a"]\n\n[tool.pyship]\nexclude = ["a/**"]\n\n[tool.pyship.packages."b"]\nexternal = true\n'
    })
    try {
      loadConfig({ workDir: root, repoRoot: root }, '', readToml(path.join(root, 'pyproject.toml'), 'pyproject.toml'))
      throw new Error('expected E_CONFIG')
    } catch (error) {
      expect(error).toBeInstanceOf(PyshipError)
      expect((error as PyshipError).message).toBe('packages."b": b/pyproject.toml does not exist')
      expect((error as PyshipError).location).toEqual({ file: 'pyproject.toml', line: 7, column: 1 })
    }
  })
})
