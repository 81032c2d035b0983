/**
 * pyship as a newcomer meets it (issue 14): the words it uses, hints that work when
 * followed, the CLI's conventions, exit codes, the job summary. Everything runs
 * through the bundle (`dist/index.js`).
 */
import { afterAll, describe, expect, test } from '@jest/globals'
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { ROOT, runCli } from '../../__fixtures__/action.js'
import { copyRepo } from '../../__fixtures__/snapshot.js'

const made: string[] = []
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })))

function repo(source = 'examples/dakora', into = '.'): string {
  const root = copyRepo(source, into)
  made.push(root)
  return root
}

function edit(root: string, file: string, from: string, to: string): void {
  const abs = path.join(root, file)
  const text = readFileSync(abs, 'utf8')
  if (!text.includes(from)) throw new Error(`${file} does not contain ${from}`)
  writeFileSync(abs, text.replace(from, to))
}

describe('words users see', () => {
  test('nothing user-facing calls the default layout "the seed"', () => {
    const bundle = readFileSync(path.join(ROOT, 'dist', 'index.js'), 'utf8')
    expect(bundle).not.toMatch(/\bseed\b/i)
    for (const file of ['README.md', 'action.yml', 'examples/dakora/README.md']) {
      expect(readFileSync(path.join(ROOT, file), 'utf8')).not.toMatch(/\bseed\b/i)
    }
  })

  test('the example README points at nothing that does not exist', () => {
    expect(readFileSync(path.join(ROOT, 'examples/dakora/README.md'), 'utf8')).not.toContain('RELEASE.md')
  })
})

describe('hints that work when followed', () => {
  test('E_VERSION_MISMATCH suggests the highest version, which bump then accepts', () => {
    const root = repo()
    edit(root, 'server/pyproject.toml', 'version = "2.0.0"', 'version = "2.0.1"')
    const run = runCli(['check', 'platform'], { cwd: root })
    expect(run.status).toBe(1)
    expect(run.stdout).toContain('`pyship bump platform 2.0.1`')
    expect(run.stdout).not.toContain('pyship bump platform 2.0.0')
    const bump = runCli(['bump', 'platform', '2.0.1'], { cwd: root })
    expect(bump.stderr).not.toContain('E_INPUT')
    expect(bump.status).toBe(0)
    expect(runCli(['check', 'platform'], { cwd: root }).status).toBe(0)
  })
})
