/**
 * docs/promises.md names, for each promise of SPEC, the test that guards it: every test it
 * names must exist (scripts/check-promises.mjs), or the table guards nothing.
 */
import { expect, test } from '@jest/globals'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
// @ts-expect-error a plain ES module script without types
import { missing, references } from '../scripts/check-promises.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
type Ref = { line: number; file: string; title: string }

test('every test docs/promises.md names exists', () => {
  const refs = references(readFileSync(path.join(root, 'docs', 'promises.md'), 'utf8')) as Ref[]
  expect(refs.length).toBeGreaterThan(10)
  expect((missing(refs) as Ref[]).map((r) => `${r.file} › ${r.title}`)).toEqual([])
})

test('the checker finds a renamed test, a missing file and several tests in one cell', () => {
  const table = [
    '| § | promise | guarded by | bug |',
    '| §4 | a | `a.test.ts` › first title; `b.test.ts` › gone title | x |',
    '| §4 | b | `missing.test.ts` › any | x |'
  ].join('\n')
  const refs = references(table) as Ref[]
  expect(refs.map((r) => [r.file, r.title])).toEqual([
    ['a.test.ts', 'first title'],
    ['b.test.ts', 'gone title'],
    ['missing.test.ts', 'any']
  ])
  const files: Record<string, string> = { 'a.test.ts': "test('first title', …)", 'b.test.ts': "test('other title', …)" }
  expect((missing(refs, (f: string) => files[f] ?? null) as Ref[]).map((r) => r.file)).toEqual(['b.test.ts', 'missing.test.ts'])
})
