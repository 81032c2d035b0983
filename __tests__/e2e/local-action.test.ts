/**
 * The action under @github/local-action (`npx local-action . src/main.ts .env`), exactly as
 * README "Running the action locally" says: its stand-in for @actions/core has no `ExitCode`
 * and passes action.yml's `${{ … }}` defaults unevaluated. Every command runs to a
 * reported result (exit 0, or 1 with a coded annotation); none crashes.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseAnnotations, ROOT } from '../../__fixtures__/action.js'
import { snapshotTree } from '../../__fixtures__/snapshot.js'

let io: string
beforeAll(() => {
  io = mkdtempSync(path.join(os.tmpdir(), 'pyship-local-action-'))
})
afterAll(() => rmSync(io, { recursive: true, force: true }))

/** Run `npx local-action . src/main.ts <env file>` from the repository root with these lines in the .env file. */
function localAction(lines: string[]): { status: number | null; stdout: string; stderr: string } {
  const file = path.join(io, `${Math.random().toString(36).slice(2)}.env`)
  writeFileSync(file, `${lines.join('\n')}\n`)
  // a clean environment: nothing of this test run's INPUT_* or GITHUB_* leaks in
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? os.tmpdir() }
  const r = spawnSync('npx', ['local-action', '.', 'src/main.ts', file], { cwd: ROOT, env, encoding: 'utf8', timeout: 120_000 })
  return { status: r.status, stdout: r.stdout, stderr: r.stderr }
}

const EXAMPLE = 'INPUT_WORKING-DIRECTORY=examples/dakora'

describe('npx local-action . src/main.ts .env', () => {
  test('check on the example monorepo passes (the token and actor defaults it never reads are ignored)', () => {
    const r = localAction(['INPUT_COMMAND=check', EXAMPLE])
    expect(r.stdout + r.stderr).not.toContain('TypeError')
    expect(r.stdout).toContain('::set-output name=problems::[]')
    expect(r.stdout).toMatch(/check: 3 packages: 3 static \(2 groups\), versions consistent/)
    expect(r.status).toBe(0)
  })

  test.each<[string, string[], string]>([
    ['no command', [EXAMPLE], 'input command is required: one of check, bump, plan, build, release, verify, rollback, hotfix, propose'],
    [
      'check of an unknown component',
      ['INPUT_COMMAND=check', 'INPUT_COMPONENT=nope', EXAMPLE],
      'component "nope" is not a target or group of this repository'
    ],
    [
      'bump with a hostile version',
      ['INPUT_COMMAND=bump', 'INPUT_COMPONENT=platform', 'INPUT_VERSION=1.0;id', EXAMPLE],
      'input version = "1.0;id" is not allowed'
    ],
    ['hotfix without a target', ['INPUT_COMMAND=hotfix', EXAMPLE], 'hotfix needs a target as component'],
    ...(['plan', 'build', 'release', 'verify', 'rollback'] as const).map((command): [string, string[], string] => [
      `${command} with the unevaluated token default`,
      [`INPUT_COMMAND=${command}`, 'INPUT_COMPONENT=sdk', 'INPUT_REGISTRY-USERNAME=me', EXAMPLE],
      'input github-token is a GitHub expression, which was not evaluated: pyship needs its value'
    ])
  ])('%s: exit 1 with a coded annotation, no crash', (_, lines, message) => {
    const before = snapshotTree(path.join(ROOT, 'examples/dakora'))
    const r = localAction(lines)
    expect(r.stdout + r.stderr).not.toMatch(/TypeError|Cannot read properties/)
    const errors = parseAnnotations(r.stdout).filter((a) => a.level === 'error')
    expect(errors.length).toBeGreaterThan(0)
    expect(errors[0].properties.title).toBe('E_INPUT')
    expect(errors.map((a) => a.message).join('\n')).toContain(message)
    expect(r.status).toBe(1)
    expect(snapshotTree(path.join(ROOT, 'examples/dakora'))).toEqual(before)
  })

  test('release --dry-run with its inputs given runs its steps and reports coded problems (GitHub and the index unreachable)', () => {
    const r = localAction([
      'INPUT_COMMAND=release',
      'INPUT_COMPONENT=sdk',
      'INPUT_DRY-RUN=true',
      'INPUT_GITHUB-TOKEN=local-action-test-token',
      'INPUT_REGISTRY-USERNAME=me',
      'INPUT_PYPI-URL=http://127.0.0.1:9',
      'GITHUB_REPOSITORY=acme/dakora',
      'GITHUB_API_URL=http://127.0.0.1:9',
      'PYSHIP_HTTP_ATTEMPTS=1',
      EXAMPLE
    ])
    expect(r.stdout + r.stderr).not.toMatch(/TypeError|Cannot read properties/)
    expect(r.stdout).toContain('✔ plan')
    const errors = parseAnnotations(r.stdout).filter((a) => a.level === 'error')
    expect(errors.length).toBeGreaterThan(0)
    for (const e of errors) expect(e.properties.title).toMatch(/^E_[A-Z_]+$/)
    expect(r.stdout).toMatch(/::info::release failed: E_[A-Z_]+/)
    expect(r.status).toBe(1)
  })

  test('bump --dry-run of the example runs and writes nothing', () => {
    const before = snapshotTree(path.join(ROOT, 'examples/dakora'))
    const r = localAction(['INPUT_COMMAND=bump', 'INPUT_COMPONENT=platform', 'INPUT_VERSION=patch', 'INPUT_DRY-RUN=true', EXAMPLE])
    expect(r.stdout).toMatch(/bump: group platform \S+ → \S+: \d+ changes? in \d+ files? \(dry run: nothing written\)/)
    expect(r.status).toBe(0)
    expect(snapshotTree(path.join(ROOT, 'examples/dakora'))).toEqual(before)
  })
})

describe('README "Running the action locally"', () => {
  test('its commands work as written (npm ci aside; the .env file in a temporary directory)', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8')
    const block = /<!-- local-action-test -->\n```bash\n([\s\S]*?)```/.exec(readme)?.[1]
    expect(block).toBeDefined()
    const lines = (block as string).split('\n')
    expect(lines[0]).toBe('npm ci')
    expect(lines).toContain('npx local-action . src/main.ts .env')
    const file = path.join(io, 'readme.env')
    const script = lines
      .slice(1)
      .join('\n')
      .replace(/ \.env\b/g, ` ${file}`)
    const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? os.tmpdir() }
    const r = spawnSync('bash', ['-e', '-c', script], { cwd: ROOT, env, encoding: 'utf8', timeout: 120_000 })
    expect(r.stdout).toContain('::set-output name=problems::[]')
    expect(r.stdout).toContain('check: 3 packages: 3 static (2 groups), versions consistent')
    expect(r.status).toBe(0)
  })
})
