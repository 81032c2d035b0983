/**
 * pyship as a newcomer meets it (issue 14): the words it uses, hints that work when
 * followed, the CLI's conventions, exit codes, the job summary. Everything runs
 * through the bundle (`dist/index.js`).
 */
import { afterAll, describe, expect, test } from '@jest/globals'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { ROOT, runAction, runCli } from '../../__fixtures__/action.js'
import { copyRepo } from '../../__fixtures__/snapshot.js'
import { readAction } from '../../__fixtures__/readme.js'
import { spawnSync } from 'node:child_process'

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

describe('CLI conventions', () => {
  test.each([['--version'], ['-V'], ['check', '--version']])("%s prints pyship's version", (...args) => {
    const run = runCli(args, { cwd: ROOT })
    expect(run.status).toBe(0)
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }
    expect(run.stdout.trim()).toBe(`pyship ${pkg.version}`)
  })

  test('--version followed by a version is the version input; so is the positional argument', () => {
    const root = repo()
    for (const args of [
      ['check', 'platform', '--version', '2.0.0'],
      ['check', 'platform', '--version=2.0.0'],
      ['check', 'platform', '2.0.0']
    ]) {
      const run = runCli(args, { cwd: root })
      expect(run.status).toBe(0)
      expect(run.stdout).toContain('check: 2 packages: 2 static (1 group), versions consistent')
    }
    const wrong = runCli(['check', 'platform', '--version', '2.1.0'], { cwd: root })
    expect(wrong.status).toBe(1)
    expect(wrong.stdout).toContain('E_VERSION_NOT_UPDATED')
  })

  test.each([
    { args: ['chekc'], message: 'pyship: unknown command "chekc"; did you mean check?' },
    { args: ['relase', 'cli'], message: 'did you mean release?' },
    { args: ['check', '--dryrun'], message: 'pyship: unknown option --dryrun; did you mean --dry-run?' },
    { args: ['check', '--no-run-test'], message: 'unknown option --no-run-test; did you mean --no-run-tests?' },
    { args: ['check', '--run-tests=maybe'], message: 'option --run-tests takes true or false, not "maybe"' },
    { args: ['check', '--config'], message: 'option --config needs a value' },
    { args: ['check', 'platform', '2.0.0', 'extra'], message: 'too many arguments: extra' }
  ])('usage error $args: one line, a suggestion, exit 2', ({ args, message }) => {
    const run = runCli(args, { cwd: ROOT })
    expect(run.status).toBe(2)
    expect(run.stderr).toContain(message)
    expect(run.stderr).not.toMatch(/To specify an option argument starting with a dash|ERR_PARSE_ARGS/)
  })

  test('every boolean input is a flag: --name, --name=true|false, and --no-name when it defaults to true', () => {
    const root = repo()
    for (const args of [
      ['--run-tests=false'],
      ['--no-run-tests'],
      ['--no-build-isolation'],
      ['--build-isolation=false'],
      ['--install-check'],
      ['--dry-run=true'],
      ['--allow-downgrade=false']
    ]) {
      const run = runCli(['check', ...args], { cwd: root })
      expect({ args, stderr: run.stderr, status: run.status }).toEqual({ args, stderr: '', status: 0 })
    }
  })

  test('--help lists every flag of the table and every action input', () => {
    const run = runCli(['--help'], { cwd: ROOT })
    expect(run.status).toBe(0)
    const inputs = Object.keys(readAction().inputs).filter((n) => n !== 'command')
    for (const name of [...inputs, 'cwd', 'from', 'json', 'debug', 'help'])
      expect(run.stdout).toMatch(new RegExp(`--(\\[no-\\])?${name}\\b`))
    expect(run.stdout).toContain('--[no-]run-tests')
    expect(run.stdout).toContain('-V, --version [V]')
  })

  test('--cwd to a directory that does not exist names it, absolute', () => {
    const root = repo()
    const run = runCli(['check', '--cwd', 'python'], { cwd: root })
    expect(run.status).toBe(2)
    expect(run.stderr).toContain(`input working-directory = "python": the directory ${path.join(root, 'python')} does not exist`)
    expect(run.stderr).not.toContain('is not allowed: an existing directory')
  })

  test.each(['release', 'verify', 'rollback'])('%s without GITHUB_REPOSITORY: E_INPUT, exit 2, the message once', (command) => {
    const root = repo()
    const run = runCli([command, 'cli', '2.0.0'], { cwd: root })
    expect(run.status).toBe(2)
    const all = `${run.stdout}\n${run.stderr}`
    expect(all.split('cannot tell the GitHub repository').length - 1).toBe(1)
  })
})

describe('the action: inputs and the job summary', () => {
  test('an unevaluated ${{ … }} input is E_INPUT saying so, never echoing a secret input', () => {
    const root = repo()
    // release reads the token (check would ignore it)
    const run = runAction(
      { command: 'release', 'github-token': '${{ github.token }}', component: '${{ inputs.component }}' },
      { workspace: root }
    )
    expect(run.status).toBe(1)
    const messages = run.annotations.filter((a) => a.level === 'error').map((a) => `${a.properties.title} ${a.message.split('\n')[0]}`)
    expect(messages).toEqual([
      'E_INPUT input component is the expression "${{ inputs.component }}", which was not evaluated: pyship needs its value',
      'E_INPUT input github-token is a GitHub expression, which was not evaluated: pyship needs its value'
    ])
    expect(
      run.stdout
        .split('\n')
        .filter((l) => !l.startsWith('::add-mask::'))
        .join('\n')
    ).not.toContain('github.token')
  })

  test('a run that fails before any step still writes a job summary with its problems', () => {
    const root = repo()
    const run = runAction({ command: 'rollback', component: 'cli' }, { workspace: root })
    expect(run.status).toBe(1)
    expect(run.summary).toContain('<h2>pyship rollback</h2>')
    expect(run.summary).toContain('pyship rollback failed: E_INPUT')
    expect(run.summary).toContain('rollback needs an explicit version')
  })

  test('summary cells show code spans as code and link Where to the file at the commit', () => {
    const root = repo()
    edit(root, 'server/pyproject.toml', 'version = "2.0.0"', 'version = "2.0.1"')
    const env = { GITHUB_SERVER_URL: 'https://github.example.com', GITHUB_REPOSITORY: 'acme/dakora', GITHUB_SHA: 'abc123' }
    const run = runAction({ command: 'check', component: 'platform' }, { workspace: root, env })
    expect(run.status).toBe(1)
    expect(run.summary).toContain(
      '<a href="https://github.example.com/acme/dakora/blob/abc123/cli/pyproject.toml#L3">cli/pyproject.toml:3</a>'
    )
    expect(run.summary).toContain('<code>pyship bump platform 2.0.1</code>')
    expect(run.summary).not.toMatch(/<td>[^<]*`/)
  })
})

describe('--json', () => {
  test('bump --json carries what the result carries: outputs, table rows, next steps', () => {
    const root = repo()
    const run = runCli(['bump', 'platform', '2.1.0', '--dry-run', '--json'], { cwd: root })
    expect(run.status).toBe(0)
    const json = JSON.parse(run.stdout) as {
      ok: boolean
      command: string
      outputs: Record<string, string>
      table: { header: string[]; rows: string[][] }
      problems: unknown[]
    }
    expect(json.ok).toBe(true)
    expect(json.command).toBe('bump')
    expect(json.outputs.version).toBe('2.1.0')
    expect(json.table.rows).toContainEqual(['cli/pyproject.toml', '3', 'dakora version', '2.0.0 → 2.1.0'])
    expect(json.problems).toEqual([])
  })
})

describe('parse errors point where tomllib points', () => {
  test('a table header missing its ] is reported on the header line, not the next one', () => {
    const root = repo()
    edit(root, 'server/pyproject.toml', '[build-system]', '[build-system')
    const run = runCli(['check'], { cwd: root })
    expect(run.status).toBe(1)
    // python3 -c "import tomllib; …": Expected ']' at the end of a table declaration (at line 16, column 14)
    expect(run.stdout).toContain(
      "server/pyproject.toml:16: E_CONFIG server/pyproject.toml:16:14: TOML syntax error: Expected ']' at the end of the table header [build-system"
    )
  })
})

describe('next steps suggest only commands that would work', () => {
  test.each([
    [
      'the default layout (targets cli and docker release platform)',
      '',
      'wait for CI to pass, then release: pyship release platform 2.1.0 (or run the release workflow with version 2.1.0)'
    ],
    [
      'a config with groups only',
      '[groups.platform]\npackages = ["cli", "server"]\n',
      'to release platform, first add a target for it to the config ([tool.pyship.targets.<name>] with group = "platform"; README "Configuration")'
    ]
  ])('bump with %s', (_, config, last) => {
    const root = repo()
    if (config) {
      mkdirSync(path.join(root, '.github'), { recursive: true })
      writeFileSync(path.join(root, '.github/pyship.toml'), config)
    }
    const run = runCli(['bump', 'platform', '2.1.0', '--json'], { cwd: root })
    expect(run.status).toBe(0)
    const steps = (JSON.parse(run.stdout) as { nextSteps: string[] }).nextSteps
    expect(steps.at(-1)).toBe(last)
    if (config) expect(steps.join('\n')).not.toContain('pyship release')
  })
})

describe('per-command help', () => {
  test('pyship help release and pyship release --help print the same: its flags and an example', () => {
    const help = runCli(['help', 'release'], { cwd: ROOT })
    const flag = runCli(['release', '--help'], { cwd: ROOT })
    expect(help.status).toBe(0)
    expect(flag.status).toBe(0)
    expect(flag.stdout).toBe(help.stdout)
    expect(help.stdout).toContain('Usage: pyship release <component> [version] | --all [options]')
    expect(help.stdout).toContain('--pypi-token TOKEN')
    expect(help.stdout).toContain('Example:\n  pyship release cli --dry-run')
    for (const other of ['--matrix-entry', '--allow-downgrade', '--from']) expect(help.stdout).not.toContain(other)
  })

  test("pyship --help lists every command and says how to get one command's help", () => {
    const run = runCli(['--help'], { cwd: ROOT })
    expect(run.status).toBe(0)
    for (const command of ['check', 'bump', 'plan', 'build', 'release', 'verify', 'rollback', 'hotfix'])
      expect(run.stdout).toMatch(new RegExp(`^  ${command} `, 'm'))
    expect(run.stdout).toContain('Run `pyship help <command>` (or `pyship <command> --help`)')
  })

  test('pyship help of an unknown command: exit 2 with a suggestion', () => {
    const run = runCli(['help', 'relase'], { cwd: ROOT })
    expect(run.status).toBe(2)
    expect(run.stderr).toContain('pyship: unknown command "relase"; did you mean release?')
  })

  test.each([['check'], ['bump']])('the example of %s works as written in the example monorepo', (command) => {
    const root = repo()
    const example = /Example:\n {2}(.+)/.exec(runCli(['help', command], { cwd: root }).stdout)?.[1] ?? ''
    expect(example.startsWith(`pyship ${command} `)).toBe(true)
    const run = runCli(example.split(' ').slice(1), { cwd: root })
    expect(run.stderr.split('\n').filter((l) => /E_/.test(l))).toEqual([])
    expect(run.status).toBe(0)
  })
})

describe('a repository without origin', () => {
  test('is E_CONFIG saying so, with `git remote add origin` as the hint, not a network or proxy problem', () => {
    const root = repo()
    const env = {
      ...process.env,
      GIT_AUTHOR_NAME: 'x',
      GIT_AUTHOR_EMAIL: 'x@example.com',
      GIT_COMMITTER_NAME: 'x',
      GIT_COMMITTER_EMAIL: 'x@example.com'
    }
    for (const args of [
      ['init', '-q', '-b', 'main'],
      ['add', '-A'],
      ['commit', '-q', '-m', 'first']
    ])
      expect(spawnSync('git', args, { cwd: root, env }).status).toBe(0)
    const run = runCli(['hotfix', 'cli', '--from', 'cli-v2.0.0'], { cwd: root })
    expect(run.status).toBe(1)
    const all = `${run.stdout}\n${run.stderr}`
    expect(all).toContain('E_CONFIG git ls-remote origin cli-v2.0.0 failed: this repository has no remote named origin')
    expect(all).toContain('git remote add origin https://github.com/OWNER/REPO.git')
    expect(all).not.toMatch(/E_NETWORK|could not be reached|proxy/)
  })
})
