/**
 * `npx jest <file>` runs one test file without NODE_OPTIONS (jest.config.js runs jest again
 * with --experimental-vm-modules), and its exit status is jest's.
 */
import { describe, expect, test } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { ROOT } from '../__fixtures__/action.js'

/** `npx jest <args>` from the repository root, with no NODE_OPTIONS at all. */
function npxJest(args: string[]): { status: number | null; output: string } {
  const env: NodeJS.ProcessEnv = { ...process.env }
  delete env.NODE_OPTIONS
  const r = spawnSync('npx', ['jest', ...args], { cwd: ROOT, env, encoding: 'utf8', timeout: 120_000 })
  return { status: r.status, output: `${r.stdout}\n${r.stderr}` }
}

describe('npx jest <file> without NODE_OPTIONS', () => {
  test("runs the file's tests and exits 0", () => {
    const r = npxJest(['__tests__/cli-flags.test.ts'])
    expect(r.output).not.toContain('Must use import to load ES Module')
    expect(r.output).toMatch(/Tests: +\d+ passed, \d+ total/)
    expect(r.status).toBe(0)
  })

  test('a run that finds nothing exits 1, as jest does', () => {
    const r = npxJest(['__tests__/no-such-file.test.ts'])
    expect(r.output).toContain('No tests found')
    expect(r.status).toBe(1)
  })
})
