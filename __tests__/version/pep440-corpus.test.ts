/**
 * pyship's PEP 440 module against Python's `packaging` on a generated corpus: thousands of
 * grammar-built versions (hostile spellings, huge numbers, Unicode spaces, epochs, locals),
 * ordered pairs, and specifier sets (`===`, empty clauses, wildcards) with packaging's answers.
 *
 * To regrow the corpus (another seed gives another corpus; the test must still pass):
 *
 *     python3 -m venv /tmp/pk && /tmp/pk/bin/pip install packaging
 *     /tmp/pk/bin/python scripts/pep440-corpus.py [--seed N]
 *
 * The only differences allowed are the ones written in src/version/pep440.ts: where Python
 * raises instead of answering (a number beyond `int()`'s 4300 digits, `~=1.0poſt1`), pyship
 * answers "not a version" / "invalid specifier", and admits such a version as it admits any
 * text that is not a version (only the empty specifier or `===` with that very text does).
 */
import { describe, expect, test } from '@jest/globals'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { FIXTURES_DIR } from '../../__fixtures__/tree.js'
import { admits, compareVersions, isValidSpecifier, normalizeVersion } from '../../src/version/pep440.js'

interface Corpus {
  packaging: string
  versions: [string, string | null][]
  order: [number, number, number][]
  probes: number[]
  specifiers: [string, boolean, string | null, string | null][]
}

const corpus = JSON.parse(readFileSync(path.join(FIXTURES_DIR, 'pep440-corpus.json'), 'utf8')) as Corpus
const text = (i: number): string => corpus.versions[i][0]
/** Python raised something other than InvalidVersion: pyship says "not a version". */
const raised = (answer: string | null): boolean => answer !== null && answer.startsWith('!')

/** Runs `f`, turning a throw into a disagreement of its own. */
function safely<T>(f: () => T): T | string {
  try {
    return f()
  } catch (error) {
    return `threw ${String(error)}`
  }
}

function report(disagreements: string[]): string[] {
  return disagreements.length > 20 ? [...disagreements.slice(0, 20), `… and ${disagreements.length - 20} more`] : disagreements
}

describe(`PEP 440 as packaging ${corpus.packaging} answers, on a generated corpus`, () => {
  test('the corpus is large and holds every class of the issue', () => {
    expect(corpus.versions.length).toBeGreaterThan(3000)
    expect(corpus.order.length).toBeGreaterThan(20000)
    expect(corpus.specifiers.filter((s) => s[1]).length).toBeGreaterThan(1000)
    const all = corpus.versions.map((v) => v[0]).join('\n')
    for (const needle of ['9007199254740993', '261072820354340327767967275940', '\u0085', '\ufeff', '!', '+00', '==='])
      expect(`${all}\n${corpus.specifiers.map((s) => s[0]).join('\n')}`).toContain(needle)
  })

  test('every version: the same normal form, or not a version', () => {
    const disagreements: string[] = []
    for (const [input, expected] of corpus.versions) {
      const want = raised(expected) ? null : expected
      const got = safely(() => normalizeVersion(input))
      if (got !== want) disagreements.push(`${JSON.stringify(input)}: packaging ${JSON.stringify(expected)}, pyship ${JSON.stringify(got)}`)
    }
    expect(report(disagreements)).toEqual([])
  })

  test('every pair of versions: the same order', () => {
    const disagreements: string[] = []
    for (const [i, j, sign] of corpus.order) {
      const got = safely(() => Math.sign(compareVersions(text(i), text(j))))
      if (got !== sign)
        disagreements.push(`${JSON.stringify(text(i))} vs ${JSON.stringify(text(j))}: packaging ${sign}, pyship ${String(got)}`)
    }
    expect(report(disagreements)).toEqual([])
  })

  test('every specifier set: valid or not, and which versions it admits', () => {
    const disagreements: string[] = []
    for (const [specifier, valid, unevaluable, row] of corpus.specifiers) {
      // a set packaging builds but cannot evaluate is invalid here (written in pep440.ts)
      const wantValid = valid && unevaluable === null
      const gotValid = safely(() => isValidSpecifier(specifier))
      if (gotValid !== wantValid)
        disagreements.push(`${JSON.stringify(specifier)} valid: packaging ${valid} (${String(unevaluable)}), pyship ${String(gotValid)}`)
      if (row === null) continue
      corpus.probes.forEach((index, k) => {
        // where Python raised ("e"), pyship answers as for any text that is not a version
        const want = row[k] === 'e' ? admits(specifier, 'not a version') : row[k] === '1'
        const got = safely(() => admits(specifier, text(index)))
        if (got !== want)
          disagreements.push(
            `${JSON.stringify(specifier)} admits ${JSON.stringify(text(index))}: packaging ${row[k]}, pyship ${String(got)}`
          )
      })
    }
    expect(report(disagreements)).toEqual([])
  })
})
