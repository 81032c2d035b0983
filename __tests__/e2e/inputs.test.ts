/**
 * Hostile inputs through the bundled action and CLI (SPEC §7): names that are also
 * Object.prototype members, control characters that would smuggle workflow commands,
 * credentials inside URL inputs. Each is E_INPUT; nothing crashes, nothing is echoed.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { ROOT, runAction, runCli } from '../../__fixtures__/action.js'

let work: string
beforeAll(() => {
  work = mkdtempSync(path.join(os.tmpdir(), 'pyship-inputs-'))
  cpSync(path.join(ROOT, 'examples/dakora'), work, { recursive: true })
})
afterAll(() => rmSync(work, { recursive: true, force: true }))

describe('component names that are Object.prototype members', () => {
  test.each(['constructor', 'toString', 'hasOwnProperty', 'valueOf', '__proto__'].flatMap((c) => ['check', 'bump', 'release', 'verify'].map((cmd) => [cmd, c])))('%s %s is an unknown component', (command, component) => {
    const args = command === 'bump' ? [command, component, 'patch', '--dry-run'] : command === 'release' ? [command, component, '--dry-run'] : [command, component]
    const r = runCli([...args, '--cwd', work], { cwd: work, env: { GITHUB_REPOSITORY: 'acme/dakora' } })
    expect(r.stderr + r.stdout).not.toMatch(/TypeError|at .+:\d+:\d+/)
    // `__proto__` does not even match the name pattern; the others are valid names that no config has
    expect(r.stderr + r.stdout).toContain(component === '__proto__' ? 'E_INPUT input component = "__proto__" is not allowed' : `E_INPUT component "${component}" is not a target or group of this repository`)
    expect(r.status).toBe(2)
  })
})

describe('control characters and credentials in inputs', () => {
  test.each([
    ['pypi-url', 'https://pypi.org\n::warning::injected'],
    ['pypi-upload-url', 'https://upload.pypi.org/legacy/\n::warning::injected'],
    ['registry-username', 'bot\n::warning::injected']
  ])('a newline in %s lets no workflow command through', (name, value) => {
    const r = runAction({ command: 'check', [name]: value }, { workspace: work })
    expect(r.status).toBe(1)
    expect(r.annotations.filter((a) => a.level === 'warning')).toEqual([])
    expect(r.stdout.split('\n').filter((l) => l.startsWith('::warning'))).toEqual([])
    expect(r.annotations.find((a) => a.level === 'error')?.properties.title).toBe('E_INPUT')
    for (const text of [r.summary, JSON.stringify(r.outputs)]) expect(text).not.toContain('\n::warning::injected')
  })

  test('a password inside pypi-upload-url is refused and appears nowhere', () => {
    const r = runAction({ command: 'release', component: 'sdk', 'dry-run': 'true', 'pypi-upload-url': 'https://__token__:pypi-SECRET-in-url@upload.example.com/legacy/' }, { workspace: work })
    expect(r.status).toBe(1)
    expect(r.annotations.filter((a) => a.level === 'error').map((a) => a.properties.title)).toEqual(['E_INPUT'])
    for (const text of [r.stdout, r.stderr, r.summary, JSON.stringify(r.outputs)]) expect(text).not.toContain('pypi-SECRET-in-url')
  })

  test('a two-line token is masked line by line', () => {
    const r = runAction({ command: 'check', 'pypi-token': 'first-SECRET-line\nsecond-SECRET-line' }, { workspace: work })
    const masks = r.stdout.split('\n').filter((l) => l.startsWith('::add-mask::'))
    expect(masks).toEqual(expect.arrayContaining(['::add-mask::first-SECRET-line', '::add-mask::second-SECRET-line']))
  })
})
