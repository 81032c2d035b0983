/**
 * `bump` on generated uv workspaces (scripts/bump-corpus.py → __tests__/data/bump-corpus.json):
 * varied spellings (quotes, spacing, comments, CRLF, a BOM, dotted keys, multi-line arrays), pins
 * of every operator (the same pin twice, `===`, capped ranges) and release, pre-, dev- and
 * post-release targets. Each expected file was computed by the generator's own model and
 * checked with Python's tomllib (only version characters change; the new version reads back).
 * pyship must write exactly those bytes, or refuse with E_PIN_EXCLUDES on exactly those lines
 * and write nothing; a dry run plans the same edits.
 */
import { describe, expect, test } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { PyshipError, toProblems } from '../../src/errors.js'
import { performBump } from '../../src/adapters/bump-writer.js'
import { loadMonorepo } from '../../src/monorepo/load.js'
import { PROJECT_DIR, removeTempDirs, tempDir, writeTree } from '../../__fixtures__/tree.js'

interface Case {
  name: string
  version: string
  files: Record<string, string>
  expected?: Record<string, string>
  refusal?: string[]
}
const DATA = path.join(PROJECT_DIR, '__tests__', 'data', 'bump-corpus.json')
const CORPUS = JSON.parse(readFileSync(DATA, 'utf8')) as { seed: number; packaging: string; cases: Case[] }

async function attempt(fn: () => Promise<unknown>): Promise<PyshipError | null> {
  try {
    await fn()
    return null
  } catch (error) {
    if (error instanceof PyshipError) return error
    throw error
  }
}

describe('bump on the generated corpus', () => {
  test('the corpus has bumps and refusals of every kind', () => {
    const all = CORPUS.cases
    expect(all.length).toBeGreaterThanOrEqual(150)
    expect(all.filter((c) => c.expected).length).toBeGreaterThan(50)
    expect(all.filter((c) => c.refusal).length).toBeGreaterThan(50)
    const text = all.map((c) => Object.values(c.files).join('\n')).join('\n')
    for (const needle of [
      '===',
      '\r\n',
      '\ufeff',
      'project.version',
      "'core-lib",
      '[dependency-groups]',
      'requires-dev',
      ' , <',
      '~=',
      '.*"'
    ])
      expect(text).toContain(needle)
    const versions = all.filter((c) => c.expected).map((c) => c.version)
    for (const needle of ['rc1', '.dev', '.post1', 'a1', 'b2']) expect(versions.some((v) => v.includes(needle))).toBe(true)
    // pre-release targets that rewrite pins, and the same pin twice in one member
    expect(
      all.filter((c) => /rc|a|b|dev/.test(c.version) && Object.keys(c.expected ?? {}).some((f) => f.includes('user'))).length
    ).toBeGreaterThan(10)
    expect(
      all.filter((c) => c.expected && Object.values(c.files).some((t) => /^dependencies = \[.*\]\r?\n(?:.*\r?\n)*dev = /m.test(t))).length
    ).toBeGreaterThan(5)
  })

  test.each(CORPUS.cases.map((c) => [c.name, c] as const))(
    'pyship writes the expected bytes or refuses on the expected lines: %s',
    async (_name, c) => {
      try {
        const root = writeTree(tempDir(), c.files)
        const read = (f: string): string => readFileSync(path.join(root, f), 'utf8')
        const run = (dryRun: boolean) =>
          performBump(
            loadMonorepo({ workDir: root, repoRoot: root }, ''),
            { component: 'core', version: c.version, allowDowngrade: false },
            dryRun,
            ''
          )
        let dry: Awaited<ReturnType<typeof run>> | null = null
        const dryError = await attempt(async () => (dry = await run(true)))
        for (const [f, text] of Object.entries(c.files)) expect(read(f)).toBe(text)
        const error = await attempt(async () => {
          const real = await run(false)
          expect(real.plan.rows).toEqual((dry as unknown as Awaited<ReturnType<typeof run>>).plan.rows)
        })
        if (c.refusal) {
          expect(error).not.toBeNull()
          expect(dryError?.message).toBe(error?.message)
          const problems = toProblems(error as PyshipError).map((p) => `${p.code} ${p.file}:${p.line}`)
          expect(problems.sort()).toEqual(c.refusal)
          for (const [f, text] of Object.entries(c.files)) expect(read(f)).toBe(text)
        } else {
          expect(error).toBeNull()
          for (const [f, text] of Object.entries(c.files)) expect(read(f)).toBe(c.expected?.[f] ?? text)
        }
      } finally {
        removeTempDirs()
      }
    }
  )

  // the data is what the committed generator writes (only where the same packaging is at hand)
  const python = '/usr/bin/python3'
  const same =
    existsSync(python) &&
    spawnSync(python, ['-c', 'import tomllib, packaging; print(packaging.__version__)'], { encoding: 'utf8' }).stdout?.trim() ===
      CORPUS.packaging
  ;(same ? test : test.skip)('scripts/bump-corpus.py regenerates the committed corpus byte for byte', () => {
    const out = spawnSync(python, [path.join(PROJECT_DIR, 'scripts', 'bump-corpus.py')], { encoding: 'utf8', maxBuffer: 64 << 20 })
    expect(out.status).toBe(0)
    expect(JSON.parse(out.stdout).cases).toEqual(CORPUS.cases)
  })
})
