/** check rule tag-versions: what version git tags give the packages versioned by them. */
import { afterEach, describe, expect, test } from '@jest/globals'
import { removeTempDirs, type Tree } from '../../../__fixtures__/tree.js'
import { contextOf, findings, pyproject, rootWith } from '../../../__fixtures__/check-rules.js'
import { tagVersions } from '../../../src/monorepo/check-rules/tag-versions.js'

afterEach(removeTempDirs)

const VCS = (name: string): string => `[project]\nname = "${name}"\ndynamic = ["version"]\n\n[tool.hatch.version]\nsource = "vcs"\n`
const TREE: Tree = {
  'pyproject.toml': rootWith({ g: ['t'], h: ['a', 'u', 'w'] }),
  // versioned by tags but without a name: nothing to say about it here (version-source reports it)
  'w/pyproject.toml': '[project]\ndynamic = ["version"]\n\n[tool.hatch.version]\nsource = "vcs"\n',
  't/pyproject.toml': VCS('t'),
  'u/pyproject.toml': VCS('u'),
  'a/pyproject.toml': pyproject('a', '1.0.0')
}
const said = (name: string): string => `${name}/pyproject.toml: ${name} takes its version from git tags (hatch-vcs)`

describe('check rule tag-versions', () => {
  test.each<[string, { component?: string; tags?: string[] | null }, string[]]>([
    [
      'tags not read',
      {},
      [`${said('t')}, which were not read: pins onto it are not checked`, `${said('u')}, which were not read: pins onto it are not checked`]
    ],
    [
      'no tag gives a version',
      { tags: ['docs', 'release-candidate'] },
      [
        `${said('t')} and no tag gives one yet: pins onto it are not checked`,
        `${said('u')} and no tag gives one yet: pins onto it are not checked`
      ]
    ],
    [
      'the highest tag, compared as versions',
      { tags: ['v1.9.0', 'v1.10.0', 'v1.2.0'] },
      [
        `${said('t')}: 1.10.0, the highest tag; pins onto it are checked against that`,
        `${said('u')}: 1.10.0, the highest tag; pins onto it are checked against that`
      ]
    ],
    [
      'with a component, its packages only',
      { component: 'g', tags: ['v1.0.0'] },
      [`${said('t')}: 1.0.0, the highest tag; pins onto it are checked against that`]
    ]
  ])('%s', (_title, options, notices) => {
    expect(findings(tagVersions, TREE, options)).toEqual({ problems: [], notices })
  })

  test('the context keeps the version tags give every vcs package, in scope or not', () => {
    expect([...contextOf(TREE, { component: 'g', tags: ['v1.0.0'] }).tagVersions]).toEqual([
      ['t', '1.0.0'],
      ['u', '1.0.0']
    ])
  })
})
