import { afterEach, describe, test, expect } from '@jest/globals'
import { realpathSync, symlinkSync } from 'node:fs'
import path from 'node:path'
import { PyshipError, quote } from '../src/errors.js'
import { COMMANDS, DEFAULTS, INPUT_NAMES, parseInputs, SECRET_INPUTS, type Environment, type Inputs } from '../src/inputs.js'
import { removeTempDirs, tempDir, writeTree } from '../__fixtures__/tree.js'

afterEach(removeTempDirs)

/** A `get` like core.getInput: the trimmed raw value, '' when unset. */
const getter =
  (values: Record<string, string>) =>
  (name: string): string =>
    (values[name] ?? '').trim()

/** A repository root (GITHUB_WORKSPACE) with a `python/` workspace below it. */
function workspace(): string {
  const root = tempDir()
  writeTree(root, { '.git/': null, 'python/pyproject.toml': '', 'a-file': 'x' })
  return root
}

/** Parse as `release` (the command that reads nearly every input) unless `command` is given. */
function parse(values: Record<string, string>, env?: Partial<Environment>): Inputs {
  const root = env?.workspace ?? env?.cwd ?? workspace()
  return parseInputs(getter({ command: 'release', ...values }), { workspace: root, cwd: root, ...env })
}

function inputError(values: Record<string, string>, env?: Partial<Environment>): PyshipError {
  try {
    parse(values, env)
  } catch (error) {
    expect(error).toBeInstanceOf(PyshipError)
    return error as PyshipError
  }
  throw new Error(`expected E_INPUT for ${JSON.stringify(values)}`)
}

const TEN_KB = 'a'.repeat(10_000)

describe('defaults (as in action.yml)', () => {
  test('every input but command unset', () => {
    const root = workspace()
    // toMatchObject: inputs added later (with their own defaults) do not break this table
    expect(parseInputs(getter({ command: 'release' }), { workspace: root, cwd: '/' })).toMatchObject({
      command: 'release',
      component: '',
      version: '',
      dryRun: false,
      config: '',
      workingDirectory: root,
      repositoryRoot: root,
      githubToken: '',
      pypiToken: '',
      pypiUploadUrl: 'https://upload.pypi.org/legacy/',
      pypiUrl: 'https://pypi.org',
      registry: 'ghcr.io',
      registryUsername: '',
      registryPassword: '',
      runTests: true,
      pythonVersion: '3.11',
      buildIsolation: true,
      installCheck: false,
      latest: 'auto'
    })
  })

  test('given values are used', () => {
    const root = workspace()
    const inputs = parseInputs(
      getter({
        command: 'release',
        component: 'platform',
        version: 'v2.0.0',
        'dry-run': 'true',
        config: '.github/pyship.toml',
        'working-directory': 'python',
        'github-token': 'ghs_x',
        'pypi-token': 'pypi-y',
        'pypi-upload-url': 'https://test.pypi.org/legacy/',
        'pypi-url': 'http://localhost:8080',
        registry: 'localhost:5000',
        'registry-username': 'me',
        'registry-password': 'pw',
        'run-tests': 'False',
        'python-version': '3.12',
        'build-isolation': 'FALSE',
        'install-check': 'True',
        attestations: 'False',
        'fulcio-url': 'https://fulcio.sigstore.internal',
        'rekor-url': 'http://127.0.0.1:3000',
        latest: 'false'
      }),
      { workspace: root, cwd: '/' }
    )
    expect(inputs).toMatchObject({
      command: 'release',
      component: 'platform',
      version: 'v2.0.0',
      dryRun: true,
      config: '.github/pyship.toml',
      workingDirectory: path.join(root, 'python'),
      repositoryRoot: root,
      githubToken: 'ghs_x',
      pypiToken: 'pypi-y',
      pypiUploadUrl: 'https://test.pypi.org/legacy/',
      pypiUrl: 'http://localhost:8080',
      registry: 'localhost:5000',
      registryUsername: 'me',
      registryPassword: 'pw',
      runTests: false,
      pythonVersion: '3.12',
      buildIsolation: false,
      installCheck: true,
      attestations: false,
      fulcioUrl: 'https://fulcio.sigstore.internal',
      rekorUrl: 'http://127.0.0.1:3000',
      latest: 'false'
    })
  })

  test.each([
    ['component', '   ', 'component', ''],
    ['component', 'cli', 'component', 'cli'],
    ['component', 'python-sdk.v2_x', 'component', 'python-sdk.v2_x'],
    ['version', '2.0.0-rc.1', 'version', '2.0.0-rc.1'],
    ['version', '1!2.0+local_1', 'version', '1!2.0+local_1'],
    ['version', 'patch', 'version', 'patch'],
    ['dry-run', 'TRUE', 'dryRun', true],
    ['latest', 'true', 'latest', 'true'],
    ['registry', 'registry.example.com', 'registry', 'registry.example.com'],
    ['command', 'rollback', 'command', 'rollback']
  ])('%s = %j is accepted as %s = %j', (name, value, key, expected) => {
    expect(parse({ [name]: value })[key as keyof Inputs]).toEqual(expected)
  })
})

describe('hostile or malformed values are E_INPUT, quoted safely', () => {
  test.each([
    ['component', 'cli;rm -rf /'],
    ['component', '../x'],
    ['component', 'sdk/x'],
    ['component', 'a/../../etc'],
    ['component', 'sdk\\x'],
    ['component', '$(id)'],
    ['component', '`id`'],
    ['component', 'a b'],
    ['component', '-x'],
    ['component', '.hidden'],
    ['component', 'cli\nplatform'],
    ['component', 'cli\u0000'],
    ['component', TEN_KB],
    ['version', '3.2.0;id'],
    ['version', '1.0 && x'],
    ['version', '$(id)'],
    ['version', '1.0|x'],
    ['version', '1.0\nx'],
    ['version', '1.0\u0000'],
    ['version', '1'.repeat(10_000)],
    ['command', 'deploy'],
    ['command', 'check;id'],
    ['dry-run', 'yes'],
    ['run-tests', '1'],
    ['build-isolation', 'no'],
    ['install-check', 'on'],
    ['latest', 'maybe'],
    ['latest', 'yes'],
    ['registry', 'ghcr.io/owner'],
    ['registry', 'evil host'],
    ['registry', 'https://ghcr.io'],
    ['python-version', '3.11; rm -rf /'],
    ['pypi-url', 'ftp://pypi.org'],
    ['pypi-url', 'not a url'],
    ['pypi-url', 'javascript:alert(1)'],
    ['pypi-upload-url', 'file:///etc/passwd'],
    ['pypi-upload-url', TEN_KB],
    ['fulcio-url', 'not a url'],
    ['rekor-url', 'file:///etc/passwd'],
    ['attestations', 'maybe'],
    ['provenance', 'yes'],
    ['provenance', 'required']
  ])('%s = %j', (name, value) => {
    const error = inputError({ [name]: value })
    expect(error.code).toBe('E_INPUT')
    expect(error.others).toEqual([])
    expect(error.message).toContain(name)
    // the value is JSON-quoted (control characters escaped) and bounded in length
    expect(error.message).toContain(JSON.stringify(value.slice(0, 20)).slice(0, -1))
    expect(error.message).not.toMatch(/[\n\r]/)
    expect(error.message).not.toContain('\u0000')
    expect(error.message.length).toBeLessThan(400)
    expect(error.hint).not.toBe('')
  })

  test.each([
    ['line separator', 'cli\u2028platform', '\\u2028'],
    ['paragraph separator', 'cli\u2029x', '\\u2029'],
    ['DEL', 'cli\u007f', '\\u007f'],
    ['C1 next line', 'cli\u0085x', '\\u0085'],
    ['right-to-left override', 'cli\u202etxt.exe', '\\u202e'],
    ['zero-width space', 'c\u200bli', '\\u200b'],
    ['BOM', 'cl\ufeffi', '\\ufeff']
  ])('a %s in a value is escaped in the message, never printed raw', (_what, value, escaped) => {
    const error = inputError({ component: value })
    expect(error.code).toBe('E_INPUT')
    expect(error.message).toContain(escaped)
    expect(error.message).not.toMatch(/[\u007f-\u009f\u2028\u2029\u202e\u200b\ufeff]/)
  })

  test('a hostile version is E_INPUT, never reaches PEP 440 parsing', () => {
    const error = inputError({ command: 'check', component: 'platform', version: '3.2.0;id' })
    expect(error.code).toBe('E_INPUT')
    expect(error.message).toContain('input version = "3.2.0;id"')
  })
})

describe('working-directory and config stay inside the repository', () => {
  test('a subdirectory is the working directory; the repository root stays GITHUB_WORKSPACE', () => {
    const root = workspace()
    const inputs = parse({ 'working-directory': './python/' }, { workspace: root })
    expect(inputs.workingDirectory).toBe(path.join(root, 'python'))
    expect(inputs.repositoryRoot).toBe(root)
  })

  test('an absolute path inside the workspace is accepted', () => {
    const root = workspace()
    const inputs = parse({ 'working-directory': path.join(root, 'python') }, { workspace: root })
    expect(inputs.workingDirectory).toBe(path.join(root, 'python'))
  })

  test('a relative GITHUB_WORKSPACE is resolved against cwd', () => {
    const root = workspace()
    const inputs = parseInputs(getter({ command: 'check' }), { workspace: path.basename(root), cwd: path.dirname(root) })
    expect(inputs.workingDirectory).toBe(root)
    expect(inputs.repositoryRoot).toBe(root)
  })

  test.each([
    ['..', /inside the repository/],
    ['../..', /inside the repository/],
    ['python/../..', /inside the repository/],
    ['/', /inside the repository/],
    ['OUTSIDE', /inside the repository/],
    ['missing', /the directory \S+missing does not exist/],
    ['a-file', /a-file is not a directory/],
    ['python/pyproject.toml', /pyproject.toml is not a directory/]
  ])('working-directory = %j → E_INPUT', (wd, message) => {
    const root = workspace()
    const value = wd === 'OUTSIDE' ? tempDir() : wd
    const error = inputError({ 'working-directory': value }, { workspace: root })
    expect(error.code).toBe('E_INPUT')
    expect(error.message).toContain('working-directory')
    expect(error.message).toMatch(message)
  })

  test.each([
    ['../outside.toml', ''],
    ['../../etc/passwd', ''],
    ['/etc/passwd', ''],
    ['../../x.toml', 'python']
  ])('config = %j (working-directory %j) → E_INPUT', (config, wd) => {
    const error = inputError({ config, 'working-directory': wd })
    expect(error.code).toBe('E_INPUT')
    expect(error.message).toContain('input config')
  })

  test.each([
    ['.github/pyship.toml', ''],
    ['missing.toml', ''],
    ['../.github/pyship.toml', 'python']
  ])('config = %j (working-directory %j) is accepted (existence is checked when loading)', (config, wd) => {
    expect(parse({ config, 'working-directory': wd }).config).toBe(config)
  })

  test('without GITHUB_WORKSPACE the repository root is the enclosing git work tree', () => {
    const root = workspace()
    const inputs = parseInputs(getter({ command: 'check', 'working-directory': '.' }), { cwd: path.join(root, 'python') })
    expect(inputs.workingDirectory).toBe(path.join(root, 'python'))
    expect(inputs.repositoryRoot).toBe(root)
    const up = parseInputs(getter({ command: 'check', 'working-directory': '..' }), { cwd: path.join(root, 'python') })
    expect(up.workingDirectory).toBe(root)
  })
})

describe('several bad inputs are reported together', () => {
  test('one E_INPUT error carrying the others', () => {
    const error = inputError({ component: 'a;b', version: '1.0 && x', 'dry-run': 'yes', latest: 'sometimes' })
    expect(error.code).toBe('E_INPUT')
    const all = [error.message, ...error.others.map((p) => p.message)]
    expect(all).toHaveLength(4)
    expect(error.others.every((p) => p.code === 'E_INPUT')).toBe(true)
    for (const name of ['component', 'version', 'dry-run', 'latest']) {
      expect(all.filter((m) => m.startsWith(`input ${name} = `))).toHaveLength(1)
    }
  })
})

describe('tokens', () => {
  test('tokens never appear in an input error', () => {
    const error = inputError({
      'github-token': 'ghs_SECRET1',
      'pypi-token': 'pypi-SECRET2',
      'registry-password': 'SECRET3',
      'dry-run': 'yes',
      registry: 'bad host'
    })
    const text = JSON.stringify([error.message, error.hint, error.others])
    expect(text).not.toMatch(/SECRET/)
  })
})

describe('hostile edges (SPEC §7)', () => {
  test.each([
    ['pypi-url', 'https://pypi.org\n::warning::injected'],
    ['pypi-upload-url', 'https://upload.pypi.org/legacy/\r\n::error::x'],
    ['registry-username', 'bot\n::warning title=x::y'],
    ['component', 'cli\u2028x'],
    ['version', '1.0.0\u0085'],
    ['python-version', '3.\t11'],
    ['latest', 'auto\u001b[31m']
  ])('%s with a control character is E_INPUT', (name, value) => {
    const error = inputError({ [name]: value })
    expect(error.code).toBe('E_INPUT')
    expect(error.message).toContain(`input ${name} = `)
    expect(error.message).toContain('newline or another control character')
    // the message quotes the value JSON-escaped: no raw newline reaches the log
    expect(error.message).not.toMatch(/[\n\r]/)
  })

  test.each([
    ['pypi-upload-url', 'https://__token__:pypi-SECRET@upload.pypi.org/legacy/'],
    ['pypi-url', 'https://user:hunter2-SECRET@pypi.example.com'],
    ['fulcio-url', 'https://user:hunter2-SECRET@fulcio.example.com'],
    ['rekor-url', 'https://user:hunter2-SECRET@rekor.example.com']
  ])('%s carrying credentials is refused without echoing them', (name, value) => {
    const error = inputError({ [name]: value })
    expect(error.code).toBe('E_INPUT')
    expect(error.message).toBe(`input ${name} carries credentials (user:password@host); they would end up in logs and process lists`)
    expect(JSON.stringify([error.message, error.hint, error.others])).not.toContain('SECRET')
  })

  test.each([['--help'], ['host:99999'], ['host:0'], [`${'a'.repeat(300)}.io`], [TEN_KB], ['-registry.io'], ['a..b'], ['ghcr.io/owner']])(
    'registry %j is E_INPUT',
    (value) => {
      expect(inputError({ registry: value }).code).toBe('E_INPUT')
    }
  )

  test.each([['ghcr.io'], ['localhost:5000'], ['127.0.0.1:65535'], ['registry-1.docker.io'], ['my.registry.example.com:443']])(
    'registry %j is fine',
    (value) => {
      expect(parse({ registry: value }).registry).toBe(value)
    }
  )

  test.each([['--help'], ['-3.11'], [''.padEnd(40, '3')]])('python-version %j is E_INPUT', (value) => {
    expect(inputError({ 'python-version': value }).code).toBe('E_INPUT')
  })

  test.each([['3.11'], ['3.12.1'], ['pypy3.10'], ['cpython@3.12']])('python-version %j is fine', (value) => {
    expect(parse({ 'python-version': value }).pythonVersion).toBe(value)
  })

  test('URL inputs are bounded', () => {
    expect(inputError({ 'pypi-url': `https://pypi.org/${TEN_KB}` }).message).toContain('at most 2048 characters')
  })

  test('secrets may span lines and are never validated as text', () => {
    expect(parse({ 'pypi-token': 'line-one\nline-two' }).pypiToken).toBe('line-one\nline-two')
  })

  test('a working-directory that is a symlink to a directory outside the repository is refused', () => {
    const root = workspace()
    const outside = tempDir()
    writeTree(outside, { 'pyproject.toml': '[project]\nname = "x"\nversion = "1.0"\n' })
    symlinkSync(outside, path.join(root, 'escape'))
    expect(inputError({ 'working-directory': 'escape' }, { workspace: root, cwd: root }).message).toContain(
      'a directory inside the repository'
    )
    expect(inputError({ config: 'escape/pyproject.toml' }, { workspace: root, cwd: root }).message).toContain(
      'a file inside the repository'
    )
  })
})

describe('every refusal says exactly what is wrong (one message per input)', () => {
  const messages = (values: Record<string, string>): string[] => {
    const error = inputError(values)
    return [error.message, ...error.others.map((p) => p.message)]
  }

  test.each([
    ['github-token', '${{ github.token }}', 'input github-token is a GitHub expression, which was not evaluated: pyship needs its value'],
    [
      'component',
      '${{ inputs.component }}',
      'input component is the expression "${{ inputs.component }}", which was not evaluated: pyship needs its value'
    ],
    [
      'pypi-url',
      'https://x/${{ vars.INDEX }}\n',
      'input pypi-url is the expression "https://x/${{ vars.INDEX }}", which was not evaluated: pyship needs its value'
    ]
  ])('an unevaluated expression in %s is named once (secrets never echoed)', (name, value, message) => {
    expect(messages({ [name]: value })).toEqual([message])
  })

  test('the hint of an unevaluated token says where to put a real one', () => {
    expect(inputError({ 'github-token': '${{ github.token }}' }).hint).toBe(
      'Expressions are evaluated by the runner only. Give the value itself: under @github/local-action set INPUT_GITHUB-TOKEN in its .env file (for a token, use a personal access token); in a workflow, check the `with:` block.'
    )
    expect(inputError({ latest: '${{ x }}' }).hint).toContain('set INPUT_LATEST in its .env file (for this input, the literal value)')
  })

  test.each([
    ['install-check', 'yes', 'input install-check = "yes" is not allowed: use true or false'],
    [
      'pypi-url',
      `https://a/${'b'.repeat(2039)}`,
      `input pypi-url = ${quote(`https://a/${'b'.repeat(2039)}`)} is not allowed: at most 2048 characters`
    ],
    ['pypi-url', 'ftp://pypi.org', 'input pypi-url = "ftp://pypi.org" is not allowed: an http(s) URL is expected'],
    [
      'pypi-url',
      'https://user@pypi.example.com',
      'input pypi-url carries credentials (user:password@host); they would end up in logs and process lists'
    ],
    [
      'pypi-url',
      'https://:pw@pypi.example.com',
      'input pypi-url carries credentials (user:password@host); they would end up in logs and process lists'
    ],
    ['registry-username', 'u'.repeat(257), `input registry-username = ${quote('u'.repeat(257))} is not allowed: at most 256 characters`],
    [
      'matrix-entry',
      '{"a":\u0001}',
      'input matrix-entry = "{\\"a\\":\\u0001}" is not allowed: one entry of the matrix output of command plan (JSON, at most 4096 characters)'
    ],
    [
      'matrix-entry',
      `{"a":"${'x'.repeat(4100)}"}`,
      `input matrix-entry = ${quote(`{"a":"${'x'.repeat(74)}`)} is not allowed: one entry of the matrix output of command plan (JSON, at most 4096 characters)`
    ],
    ['dist-dir', 'dist\tdir', 'input dist-dir = "dist\\tdir" is not allowed: a directory path'],
    ['dist-dir', 'd'.repeat(4097), `input dist-dir = ${quote('d'.repeat(80))} is not allowed: a directory path`],
    ['config', 'c'.repeat(4097), `input config = ${quote('c'.repeat(4097))} is not allowed: a path relative to working-directory`],
    ['working-directory', 'w'.repeat(4097), `input working-directory = ${quote('w'.repeat(4097))} is not allowed: the path is too long`]
  ])('%s = %#', (name, value, message) => {
    // matrix-entry is read by build only
    expect(messages({ command: name === 'matrix-entry' ? 'build' : 'release', [name]: value })).toEqual([message])
  })

  test.each([
    ['pypi-url', `https://a/${'b'.repeat(2038)}`],
    ['registry-username', 'u'.repeat(256)],
    ['matrix-entry', `{"a":\n  "${'x'.repeat(4000)}"\n}`],
    ['dist-dir', 'd'.repeat(4096)],
    ['install-check', 'FALSE']
  ])('%s at its bound is accepted (%#)', (name, value) => {
    expect(
      parse({ command: name === 'matrix-entry' ? 'build' : 'release', [name]: value })[name === 'matrix-entry' ? 'matrixEntry' : 'command']
    ).toBe(name === 'matrix-entry' ? value : 'release')
  })

  test('a boolean that is not true or false is reported, and counts as false', () => {
    expect(parse({ 'dry-run': 'True' }).dryRun).toBe(true)
    expect(parse({ 'dry-run': 'FALSE' }).dryRun).toBe(false)
  })

  test('a working-directory below a path that does not exist names the missing directory', () => {
    const root = workspace()
    expect(inputError({ 'working-directory': 'no/such/dir' }, { workspace: root, cwd: root }).message).toBe(
      `input working-directory = "no/such/dir": the directory ${path.join(realpathSync(root), 'no/such/dir')} does not exist`
    )
    expect(inputError({ 'working-directory': 'a-file' }, { workspace: root, cwd: root }).message).toBe(
      `input working-directory = "a-file": ${path.join(realpathSync(root), 'a-file')} is not a directory`
    )
  })

  test('a config path through a symlink out of the repository is refused, one inside accepted', () => {
    const root = workspace()
    symlinkSync(path.join(root, 'python'), path.join(root, 'link'))
    expect(parse({ config: 'link/pyproject.toml', 'working-directory': 'python' }, { workspace: root, cwd: root }).workingDirectory).toBe(
      path.join(realpathSync(root), 'python')
    )
    expect(inputError({ config: '../../x.toml', 'working-directory': 'python' }, { workspace: root, cwd: root }).message).toContain(
      'a file inside the repository'
    )
  })

  test('without a .git anywhere above, the repository root is the working directory itself', () => {
    const dir = tempDir()
    writeTree(dir, { 'pyproject.toml': '' })
    expect(parseInputs(getter({ command: 'check' }), { cwd: dir }).repositoryRoot).toBe(realpathSync(dir))
  })
})

describe('command is required (SPEC §2)', () => {
  const required = 'input command is required: one of check, bump, plan, build, release, verify, rollback, hotfix, propose'
  const problemsOf = (values: Record<string, string>): string[] => {
    const root = workspace()
    try {
      parseInputs(getter(values), { workspace: root, cwd: root })
    } catch (error) {
      return [(error as PyshipError).message, ...(error as PyshipError).others.map((p) => p.message)]
    }
    return []
  }

  test.each([[{}], [{ command: '   ' }], [{ command: '', component: 'cli', 'dry-run': 'true' }]])(
    'no command (%j) is E_INPUT naming the commands, and nothing else is read',
    (values) => {
      expect(problemsOf(values)).toEqual([required])
    }
  )

  test('the hint says where to set it and that no release starts', () => {
    const root = workspace()
    expect(() => parseInputs(getter({}), { workspace: root, cwd: root })).toThrow(PyshipError)
    try {
      parseInputs(getter({}), { workspace: root, cwd: root })
    } catch (error) {
      expect((error as PyshipError).code).toBe('E_INPUT')
      expect((error as PyshipError).hint).toContain("Set `command:` in the step's `with:` block")
      expect((error as PyshipError).hint).toContain('never starts a release')
    }
  })

  test('an unknown command is refused and the inputs of no command are validated', () => {
    expect(problemsOf({ command: 'deploy', latest: 'maybe', registry: 'bad host' })).toEqual([
      'input command = "deploy" is not allowed: one of check, bump, plan, build, release, verify, rollback, hotfix, propose'
    ])
  })
})

/**
 * Which inputs each command reads, written out here independently of src/inputs.ts: an input a
 * command reads is validated (an unevaluated expression is refused), one it never reads is
 * ignored and takes its default — as @github/local-action passes `${{ github.token }}` and
 * `${{ github.actor }}` to every command.
 */
const READS: Record<string, string> = {
  check: 'component version config working-directory changed-since',
  bump: 'component version config working-directory dry-run allow-downgrade all',
  hotfix: 'component version config working-directory dry-run',
  plan: 'component version all config working-directory dry-run github-token pypi-token pypi-upload-url pypi-url registry registry-username registry-password run-tests python-version build-isolation install-check attestations fulcio-url rekor-url provenance latest dist-dir',
  build:
    'component version config working-directory dry-run github-token pypi-token pypi-upload-url pypi-url registry registry-username registry-password run-tests python-version build-isolation install-check attestations fulcio-url rekor-url provenance latest dist-dir matrix-entry',
  release:
    'all component version config working-directory dry-run github-token pypi-token pypi-upload-url pypi-url registry registry-username registry-password run-tests python-version build-isolation install-check attestations fulcio-url rekor-url provenance latest dist-dir',
  verify:
    'all component version config working-directory github-token pypi-url registry registry-username registry-password python-version install-check provenance trusted-root',
  rollback: 'component version all config working-directory dry-run github-token pypi-url registry registry-username registry-password',
  propose: 'component version config working-directory all dry-run allow-downgrade github-token'
}

describe('each command validates only the inputs it reads', () => {
  test('the table covers every command', () => {
    expect(Object.keys(READS).sort()).toEqual([...COMMANDS].sort())
  })

  const cases = COMMANDS.flatMap((command) =>
    INPUT_NAMES.filter((n) => n !== 'command').map((name) => [command, name, READS[command].split(' ').includes(name)] as const)
  )
  test.each(cases)('%s: an unevaluated expression in %s is refused: %s', (command, name, reads) => {
    const root = workspace()
    const run = (): Inputs => parseInputs(getter({ command, [name]: '${{ github.x }}' }), { workspace: root, cwd: root })
    if (reads) {
      expect(run).toThrow(PyshipError)
      try {
        run()
      } catch (error) {
        expect([(error as PyshipError).message, ...(error as PyshipError).others.map((p) => p.message)]).toEqual([
          `input ${name} is ${SECRET_INPUTS.includes(name) ? 'a GitHub expression' : 'the expression "${{ github.x }}"'}, which was not evaluated: pyship needs its value`
        ])
      }
    } else {
      expect(run().command).toBe(command)
    }
  })

  test.each(COMMANDS.map((c) => [c]))('%s with the defaults @github/local-action passes (unevaluated token and actor)', (command) => {
    const root = workspace()
    const values = { command, 'github-token': '${{ github.token }}', 'registry-username': '${{ github.actor }}' }
    const expected = ['github-token', 'registry-username'].filter((n) => READS[command].split(' ').includes(n))
    try {
      const inputs = parseInputs(getter(values), { workspace: root, cwd: root })
      expect(expected).toEqual([])
      // never read: the default, not the expression
      expect([inputs.githubToken, inputs.registryUsername]).toEqual(['', ''])
    } catch (error) {
      expect(error).toBeInstanceOf(PyshipError)
      const named = [(error as PyshipError).message, ...(error as PyshipError).others.map((p) => p.message)].map(
        (m) => /^input (\S+)/.exec(m)?.[1]
      )
      expect(named).toEqual(expected)
    }
  })

  test.each([
    ['registry', 'bad host', 'registry', 'ghcr.io'],
    ['latest', 'maybe', 'latest', 'auto'],
    ['pypi-url', 'ftp://x', 'pypiUrl', 'https://pypi.org'],
    ['python-version', '--help', 'pythonVersion', '3.11'],
    ['run-tests', 'yes', 'runTests', true],
    ['pypi-token', 'pypi-SECRET', 'pypiToken', ''],
    ['matrix-entry', '{not json', 'matrixEntry', '']
  ])('check ignores %s = %j: %s stays the default', (name, value, key, expected) => {
    expect(parse({ command: 'check', [name]: value })[key as keyof Inputs]).toEqual(expected)
    expect(DEFAULTS[name] ?? '').toBe(typeof expected === 'boolean' ? String(expected) : expected)
  })

  test.each([
    ['pypi-url', 'https://pypi.org\n::warning::x'],
    ['registry-username', 'bot\r\n::error::x'],
    ['latest', 'auto\u001b[31m'],
    ['matrix-entry', '{"a":\u0001}']
  ])('a control character in %s is refused even by a command that never reads it', (name, value) => {
    const error = inputError({ command: 'check', [name]: value })
    expect(error.code).toBe('E_INPUT')
    expect(error.message).toContain(`input ${name} = `)
    expect(error.message).toContain('newline or another control character')
    expect(error.message).not.toMatch(/[\n\r]/)
  })

  test('a pretty-printed matrix-entry (newlines in JSON) is fine for a command that never reads it', () => {
    expect(parse({ command: 'check', 'matrix-entry': '{\n  "a": 1\n}' }).matrixEntry).toBe('')
  })
})

describe('all: every group at once, per command', () => {
  test.each([
    [
      'release',
      { component: 'core' },
      /^input component = "core" and all = true exclude each other: release one component, or all of them$/
    ],
    ['verify', { component: 'core' }, /^input component = "core" and all = true exclude each other: verify one component, or all of them$/],
    [
      'rollback',
      { component: 'core', version: '2026.12.04' },
      /^input component = "core" and all = true exclude each other: rollback one component/
    ],
    ['release', { version: '1.0.0' }, /^input version = "1\.0\.0" and all = true exclude each other: a release of every changed group/],
    ['plan', { version: '1.0.0' }, /^input version = "1\.0\.0" and all = true exclude each other: a release of every changed group/],
    ['verify', { version: '1.0.0' }, /^input version = "1\.0\.0" and all = true exclude each other: verify with all verifies the last/]
  ])('%s with all and %j is E_INPUT', (command, values, message) => {
    const error = inputError({ command, all: 'true', ...values })
    expect(error.code).toBe('E_INPUT')
    expect(error.message).toMatch(message)
  })

  test.each([
    ['rollback', { version: '2026.12.04' }],
    ['propose', { version: 'minor' }],
    ['bump', { version: 'auto' }],
    ['release', {}]
  ])("%s with all and %j is fine: rollback's version is the release-level tag's", (command, values) => {
    const inputs = parse({ command, all: 'true', ...values })
    expect([inputs.all, inputs.component, inputs.version]).toEqual([true, '', (values as { version?: string }).version ?? ''])
  })
})
