/**
 * pyship's TOML reader against Python's `tomllib` (what pip reads pyproject.toml with) on a
 * generated corpus of valid and invalid documents: every document `tomllib` refuses is
 * E_CONFIG here, at the line `tomllib` names; every document it reads is read here, with
 * the same values.
 *
 * To regrow the corpus (another seed gives another corpus; the test must still pass):
 *
 *     python3 scripts/toml-corpus.py [--seed N]
 *
 * Differences kept on purpose (src/pyproject/toml.ts): integers beyond 2^53 are read as the
 * nearest number, a leading byte-order mark is read (not generated here), and a key defined
 * twice is reported on its own line, where tomllib names the end of the statement.
 */
import { describe, expect, test } from '@jest/globals'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { FIXTURES_DIR } from '../../__fixtures__/tree.js'
import { PyshipError } from '../../src/errors.js'
import { parseToml } from '../../src/pyproject/toml.js'

type Row = [string, string, unknown]
interface Corpus {
  python: string
  targeted: number
  documents: [string, [number | null, number | null, string] | null, Row[] | null][]
}

const corpus = JSON.parse(readFileSync(path.join(FIXTURES_DIR, 'toml-corpus.json'), 'utf8')) as Corpus

/** The same rows as the generator's `digest`, from what pyship read. */
function digest(value: unknown, at = ''): Row[] {
  if (Array.isArray(value)) return [[at, 'array', value.length], ...value.flatMap((v, n) => digest(v, `${at}/${n}`))]
  if (value instanceof Date) {
    const d = value as Date & { isDate(): boolean; isTime(): boolean }
    return [[at, d.isDate() ? 'date' : d.isTime() ? 'time' : 'datetime', null]]
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
    return [...(entries.length || !at ? [] : [[at, 'table', null] as Row]), ...entries.flatMap(([k, v]) => digest(v, `${at}/${k}`))]
  }
  if (typeof value === 'boolean') return [[at, 'boolean', value]]
  if (typeof value === 'string') return [[at, 'string', value]]
  return [[at, 'number', value]]
}

/** Python's row and ours say the same: numbers compared as numbers (integers beyond 2^53 as the nearest). */
function sameRow(py: Row, ours: Row): boolean {
  if (py[0] !== ours[0]) return false
  if (py[1] === 'integer' || py[1] === 'float') {
    const want = ({ nan: NaN, inf: Infinity, '-inf': -Infinity } as Record<string, number>)[py[2] as string] ?? Number(py[2])
    return ours[1] === 'number' && Object.is(want, ours[2])
  }
  return py[1] === ours[1] && py[2] === ours[2]
}

/**
 * The same line; except that where a key is defined twice, tomllib names the end of the
 * statement (after a value over several lines) and pyship the key itself, a line before.
 */
function sameLine(ours: number | undefined, line: number, message: string): boolean {
  if (ours === undefined) return false
  return /^Cannot (?:overwrite|declare|mutate)/.test(message) ? ours <= line && ours >= 1 : ours === line
}

function report(disagreements: string[]): string[] {
  return disagreements.length > 20 ? [...disagreements.slice(0, 20), `… and ${disagreements.length - 20} more`] : disagreements
}

describe(`TOML as Python ${corpus.python}'s tomllib reads it, on a generated corpus`, () => {
  const valid = corpus.documents.filter(([, verdict]) => verdict === null)
  const refused = corpus.documents.filter(([, verdict]) => verdict !== null)

  test('the corpus holds both kinds, and what only TOML 1.1 allows', () => {
    expect(valid.length).toBeGreaterThan(1000)
    expect(refused.length).toBeGreaterThan(1000)
    for (const needle of ['{a = 1,}', '{\na = 1}', '"\\e"', '"\\x41"', '07:30', '2000-02-30'])
      expect(refused.some(([text]) => text.includes(needle))).toBe(true)
  })

  test('every document tomllib reads is read, with the same values', () => {
    const disagreements: string[] = []
    for (const [text, , rows] of valid) {
      try {
        // by path: JavaScript lists integer-like keys first, Python in the order written
        const byPath = (a: Row, b: Row): number => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)
        const ours = digest(parseToml(text, 'corpus.toml').value).sort(byPath)
        const theirs = [...(rows as Row[])].sort(byPath)
        if (ours.length !== theirs.length || theirs.some((row, k) => !sameRow(row, ours[k])))
          disagreements.push(`${JSON.stringify(text)}: values differ: ${JSON.stringify(ours)} vs tomllib ${JSON.stringify(theirs)}`)
      } catch (error) {
        disagreements.push(`${JSON.stringify(text)}: refused (${String(error)}), tomllib reads it`)
      }
    }
    expect(report(disagreements)).toEqual([])
  })

  /** pyship's error on a document tomllib refuses, or why there is none. */
  function refusal(text: string): PyshipError | string {
    try {
      parseToml(text, 'corpus.toml')
      return 'read'
    } catch (error) {
      return error instanceof PyshipError && error.code === 'E_CONFIG' && (error.location?.line ?? 0) >= 1
        ? error
        : `${String(error)}, not E_CONFIG with a line`
    }
  }

  test('every document tomllib refuses is E_CONFIG with a line', () => {
    const disagreements: string[] = []
    for (const [text, verdict] of refused) {
      const error = refusal(text)
      if (typeof error === 'string')
        disagreements.push(`${JSON.stringify(text)}: ${error}; tomllib: ${(verdict as unknown[])[2] as string}`)
    }
    expect(report(disagreements)).toEqual([])
  })

  test('what only TOML 1.1 allows is refused at the line and column tomllib names', () => {
    const disagreements: string[] = []
    for (const [text, verdict] of corpus.documents.slice(0, corpus.targeted)) {
      if (verdict === null) continue
      const [line, column, message] = verdict
      const error = refusal(text)
      const at = typeof error === 'string' ? error : `${String(error.location?.line)}:${String(error.location?.column)}`
      if (at !== `${line}:${column}`) disagreements.push(`${JSON.stringify(text)}: ${at}, tomllib: ${message}`)
    }
    expect(corpus.targeted).toBeGreaterThan(50)
    expect(report(disagreements)).toEqual([])
  })

  test('every other refused document: the line tomllib names (99% at least: with two errors in a row, the parsers may stop at different ones)', () => {
    const disagreements: string[] = []
    for (const [text, verdict] of refused) {
      const [line, , message] = verdict as [number | null, number | null, string]
      const error = refusal(text)
      if (typeof error !== 'string' && line !== null && !sameLine(error.location?.line, line, message))
        disagreements.push(`${JSON.stringify(text)}: line ${String(error.location?.line)}, tomllib: ${message}`)
    }
    expect(disagreements.length / refused.length).toBeLessThan(0.01)
  })
})
