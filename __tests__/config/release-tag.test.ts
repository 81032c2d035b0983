/**
 * `[release] tag` (SPEC §11 "One tag for many packages"): a calendar tag or a named group's
 * version, read into the config; every mistake E_CONFIG on its line, with a hint.
 */
import { afterEach, describe, expect, test } from '@jest/globals'
import { PyshipError } from '../../src/errors.js'
import { loadConfig, type Config } from '../../src/config/load.js'
import { removeTempDirs, tempDir, writeTree } from '../../__fixtures__/tree.js'

afterEach(removeTempDirs)

const GROUPS = `[groups.core]
packages = ["core"]

[groups.plugins]
packages = ["plugin"]

[targets.core]
group = "core"
kind = "pypi"
tag = "core-v{version}"

[targets.plugin]
group = "plugins"
kind = "pypi"
tag = "v{version}"
`

function load(release: string): Config {
  const root = writeTree(tempDir(), {
    'core/pyproject.toml': '[project]\nname = "core"\nversion = "1.0.0"\n',
    'plugin/pyproject.toml': '[project]\nname = "plugin"\nversion = "1.0.0"\n',
    '.github/pyship.toml': `${GROUPS}\n[release]\n${release}`
  })
  return loadConfig({ workDir: root, repoRoot: root }, '', null)
}

describe('read', () => {
  test.each([
    ['tag = "rel-{date}"\n', { tag: 'rel-{date}', kind: 'date', template: 'rel-{version}', githubLatest: true }],
    [
      'tag = "release-{date}"\ngithub-latest = false\n',
      { tag: 'release-{date}', kind: 'date', template: 'release-{version}', githubLatest: false }
    ],
    [
      'tag = "platform-{version}"\ngroup = "core"\n',
      { tag: 'platform-{version}', kind: 'version', group: 'core', template: 'platform-{version}' }
    ]
  ])('%j', (table, expected) => {
    expect(load(table).release).toMatchObject(expected)
  })

  test('without the table there is no release-level tag', () => {
    const root = writeTree(tempDir(), {
      'core/pyproject.toml': '[project]\nname = "core"\nversion = "1.0.0"\n',
      'plugin/pyproject.toml': '[project]\nname = "plugin"\nversion = "1.0.0"\n',
      '.github/pyship.toml': GROUPS
    })
    expect(loadConfig({ workDir: root, repoRoot: root }, '', null).release).toBeUndefined()
  })
})

describe('refused: E_CONFIG on the line, with a hint', () => {
  test.each([
    ['tag = "v{name}"\n', 'release.tag: "v{name}" uses {name}; the placeholders are {date} and {version}', 18],
    ['tag = "v1"\n', 'release.tag: "v1" must hold exactly one of {date} and {version}', 18],
    ['tag = "{date}-{version}"\ngroup = "core"\n', 'must hold exactly one of {date} and {version}', 18],
    ['tag = "bad tag {date}"\n', 'does not make a valid git tag: it holds a space', 18],
    ['tag = "v{version}"\n', 'uses {version}, so group must name whose version it is', 18],
    ['tag = "r-{date}"\ngroup = "core"\n', 'release.group: group = "core" has no use with "r-{date}"', 19],
    ['tag = "r-{version}"\ngroup = "nope"\n', 'release.group: "nope" is not a group of this config (core, plugins)', 19],
    ['tag = "v{date}"\n', 'makes the same tags as target plugin (tag = "v{version}")', 18],
    ['tag = "core-v{version}"\ngroup = "core"\n', 'makes the same tags as target core', 18]
  ])('%j', (table, message, line) => {
    let error: unknown
    try {
      load(table)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(PyshipError)
    const e = error as PyshipError
    expect(e.code).toBe('E_CONFIG')
    expect(e.message).toContain(message)
    expect(e.location?.line).toBe(line)
    expect(e.hint).toBeTruthy()
  })

  test('an unknown key is named with the allowed ones', () => {
    expect(() => load('tag = "r-{date}"\ntags = "x"\n')).toThrow(/unknown key release\.tags.*allowed here: tag, group, github-latest/)
  })
})
