/**
 * `bump`'s byte-exact version edit against Python on generated pyproject.toml files (quotes,
 * spacing, comments, CRLF, BOM, pins of every operator, look-alike keys and strings): the
 * file written is, byte for byte, the one the generator built with only the characters of
 * [project] version changed, which Python's tomllib reads as the new version with everything
 * else unchanged. A version string spelled with escapes is refused ("edit it by hand").
 *
 * To regrow the corpus (another seed gives another corpus; the test must still pass):
 *
 *     python3 scripts/toml-edit-corpus.py [--seed N]
 */
import { describe, expect, test } from '@jest/globals'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { FIXTURES_DIR } from '../../__fixtures__/tree.js'
import { applyChanges, EditError } from '../../src/pyproject/edit.js'
import { parseToml } from '../../src/pyproject/toml.js'

interface Corpus {
  python: string
  cases: [string, string, string | null][]
}

const corpus = JSON.parse(readFileSync(path.join(FIXTURES_DIR, 'toml-edit-corpus.json'), 'utf8')) as Corpus

describe(`the version edit of bump, checked with Python ${corpus.python}'s tomllib on generated files`, () => {
  test('the corpus holds CRLF, BOM, every quoting, pins and files to refuse', () => {
    const all = corpus.cases.map((c) => c[0]).join('\n')
    for (const needle of ['\r\n', '\ufeff', "'''", '"""', '~=', '===', '==1.4.*', '\\u002e', 'project.version'])
      expect(all).toContain(needle)
    expect(corpus.cases.filter((c) => c[2] === null).length).toBeGreaterThan(10)
  })

  test('every file: only the version characters change, or the edit is refused', () => {
    const disagreements: string[] = []
    for (const [before, version, after] of corpus.cases) {
      let got: string
      try {
        got = applyChanges(parseToml(before, 'pyproject.toml'), [{ path: ['project', 'version'], value: version }])
      } catch (error) {
        if (after !== null || !(error instanceof EditError)) disagreements.push(`${JSON.stringify(before)} → ${version}: ${String(error)}`)
        continue
      }
      if (got !== after)
        disagreements.push(`${JSON.stringify(before)} → ${version}: wrote ${JSON.stringify(got)}, expected ${JSON.stringify(after)}`)
    }
    expect(disagreements.slice(0, 20)).toEqual([])
  })
})
