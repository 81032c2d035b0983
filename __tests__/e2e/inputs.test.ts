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
  test.each(
    ['constructor', 'toString', 'hasOwnProperty', 'valueOf', '__proto__'].flatMap((c) =>
      ['check', 'bump', 'release', 'verify'].map((cmd) => [cmd, c])
    )
  )('%s %s is an unknown component', (command, component) => {
    const args =
      command === 'bump'
        ? [command, component, 'patch', '--dry-run']
        : command === 'release'
          ? [command, component, '--dry-run']
          : [command, component]
    const r = runCli([...args, '--cwd', work], { cwd: work, env: { GITHUB_REPOSITORY: 'acme/dakora' } })
    expect(r.stderr + r.stdout).not.toMatch(/TypeError|at .+:\d+:\d+/)
    // `__proto__` does not even match the name pattern; the others are valid names that no config has
    expect(r.stderr + r.stdout).toContain(
      component === '__proto__'
        ? 'E_INPUT input component = "__proto__" is not allowed'
        : `E_INPUT component "${component}" is not a target or group of this repository`
    )
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
    const r = runAction(
      {
        command: 'release',
        component: 'sdk',
        'dry-run': 'true',
        'pypi-upload-url': 'https://__token__:pypi-SECRET-in-url@upload.example.com/legacy/'
      },
      { workspace: work }
    )
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

describe('command is required (SPEC §2)', () => {
  test('a step without command: is E_INPUT naming the commands; nothing of a release starts', () => {
    const r = runAction({ component: 'sdk', 'dry-run': 'true' }, { workspace: work, env: { GITHUB_REPOSITORY: 'acme/dakora' } })
    expect(r.status).toBe(1)
    expect(r.annotations.filter((a) => a.level === 'error').map((a) => [a.properties.title, a.message.split('\n')[0]])).toEqual([
      ['E_INPUT', 'input command is required: one of check, bump, plan, build, release, verify, rollback, hotfix, propose']
    ])
    // the report does not pretend a release ran: no step, no "pyship release" heading
    expect(r.summary).toContain('<h2>pyship</h2>')
    expect(r.summary + r.stdout).not.toMatch(/pyship release|preflight/)
    expect(JSON.parse(r.outputs.problems)).toEqual([
      {
        code: 'E_INPUT',
        file: null,
        line: null,
        message: 'input command is required: one of check, bump, plan, build, release, verify, rollback, hotfix, propose'
      }
    ])
  })

  test('an unknown command is reported under no command', () => {
    const r = runAction({ command: 'deploy' }, { workspace: work })
    expect(r.status).toBe(1)
    expect(r.summary).toContain('<h2>pyship</h2>')
    expect(r.stdout).toContain('pyship failed: E_INPUT')
    expect(r.stdout).not.toContain('pyship release')
  })
})

describe('a command validates only the inputs it reads', () => {
  const localActionDefaults = { 'github-token': '${{ github.token }}', 'registry-username': '${{ github.actor }}' }

  test('check passes with the unevaluated token and actor defaults it never reads', () => {
    const r = runAction({ command: 'check', ...localActionDefaults }, { workspace: work })
    expect(r.annotations.filter((a) => a.level === 'error')).toEqual([])
    expect(r.status).toBe(0)
    expect(r.outputs.problems).toBe('[]')
  })

  test('release still refuses them: it reads both', () => {
    const r = runAction(
      { command: 'release', component: 'sdk', 'dry-run': 'true', ...localActionDefaults },
      { workspace: work, env: { GITHUB_REPOSITORY: 'acme/dakora' } }
    )
    expect(r.status).toBe(1)
    expect(r.annotations.filter((a) => a.level === 'error').map((a) => a.message.split('\n')[0])).toEqual([
      'input github-token is a GitHub expression, which was not evaluated: pyship needs its value',
      'input registry-username is the expression "${{ github.actor }}", which was not evaluated: pyship needs its value'
    ])
  })
})
