/**
 * One typed Inputs object, built from the action's `INPUT_*` variables or the CLI's
 * flags, and all validation of raw input. Hostile values are E_INPUT before anything
 * reads a file or spawns a process.
 */
import { realpathSync, statSync } from 'node:fs'
import path from 'node:path'
import { fromProblems, problem, quote, type Problem } from './errors.js'

export const COMMANDS = ['check', 'bump', 'plan', 'build', 'release', 'verify', 'rollback', 'hotfix'] as const
export type Command = (typeof COMMANDS)[number]
export const LATEST = ['auto', 'true', 'false'] as const
export type Latest = (typeof LATEST)[number]

export interface Inputs {
  command: Command
  /** Target or group name; '' when not given. */
  component: string
  /** As given (validated characters only); '' when not given. */
  version: string
  dryRun: boolean
  /** Config file relative to the working directory; '' = auto. */
  config: string
  /** Absolute working directory (the workspace root). */
  workingDirectory: string
  /** Absolute repository root; annotation paths are relative to it. */
  repositoryRoot: string
  githubToken: string
  pypiToken: string
  pypiUploadUrl: string
  pypiUrl: string
  registry: string
  registryUsername: string
  registryPassword: string
  runTests: boolean
  pythonVersion: string
  buildIsolation: boolean
  installCheck: boolean
  /** PEP 740 attestations for every uploaded file (made under trusted publishing only, as pypa/gh-action-pypi-publish). */
  attestations: boolean
  /** Sigstore's certificate authority and transparency log (the public instance by default; tests and private instances point elsewhere). */
  fulcioUrl: string
  rekorUrl: string
  latest: Latest
  /** bump: allow a version lower than the current one. */
  allowDowngrade: boolean
  /** build: one entry of plan's `matrix` output, raw JSON ('' when not given; validated by the build command). */
  matrixEntry: string
  /** build: where built files go; release: publish the prebuilt files found here. Absolute; '' when not given. */
  distDir: string
}

/** Defaults as in action.yml (the CLI has no action.yml to supply them). */
export const DEFAULTS: Record<string, string> = {
  'dry-run': 'false',
  'working-directory': '.',
  'pypi-upload-url': 'https://upload.pypi.org/legacy/',
  'pypi-url': 'https://pypi.org',
  registry: 'ghcr.io',
  'run-tests': 'true',
  'python-version': '3.11',
  'build-isolation': 'true',
  'install-check': 'false',
  attestations: 'true',
  'fulcio-url': 'https://fulcio.sigstore.dev',
  'rekor-url': 'https://rekor.sigstore.dev',
  latest: 'auto',
  'allow-downgrade': 'false'
}

/** Every input action.yml declares (besides `command`, the CLI's first argument). */
export const INPUT_NAMES = [
  'command',
  'component',
  'version',
  'dry-run',
  'allow-downgrade',
  'github-token',
  'pypi-token',
  'pypi-upload-url',
  'pypi-url',
  'registry',
  'registry-username',
  'registry-password',
  'run-tests',
  'python-version',
  'build-isolation',
  'install-check',
  'attestations',
  'fulcio-url',
  'rekor-url',
  'latest',
  'config',
  'working-directory',
  'matrix-entry',
  'dist-dir'
] as const
export type InputName = (typeof INPUT_NAMES)[number]

/** What every command reads: which command, what to work on, and where. */
const SCOPE = ['command', 'component', 'version', 'config', 'working-directory'] as const satisfies readonly InputName[]
/** What a release reads (plan, build and release run its steps). */
const RELEASE = [
  ...SCOPE,
  'dry-run',
  'github-token',
  'pypi-token',
  'pypi-upload-url',
  'pypi-url',
  'registry',
  'registry-username',
  'registry-password',
  'run-tests',
  'python-version',
  'build-isolation',
  'install-check',
  'attestations',
  'fulcio-url',
  'rekor-url',
  'latest',
  'dist-dir'
] as const satisfies readonly InputName[]

/**
 * The inputs each command reads. Only these are validated: an input a command never reads
 * takes its default whatever it holds (e.g. the unevaluated `${{ github.token }}` default
 * that @github/local-action passes to `check`), except that no input may carry a control character.
 */
export const COMMAND_INPUTS: Readonly<Record<Command, readonly InputName[]>> = {
  check: SCOPE,
  bump: [...SCOPE, 'dry-run', 'allow-downgrade'],
  hotfix: [...SCOPE, 'dry-run'],
  plan: RELEASE,
  build: [...RELEASE, 'matrix-entry'],
  release: RELEASE,
  verify: [...SCOPE, 'github-token', 'pypi-url', 'registry', 'registry-username', 'registry-password', 'python-version', 'install-check'],
  rollback: [...SCOPE, 'dry-run', 'github-token', 'pypi-url', 'registry', 'registry-username', 'registry-password']
}

/** Inputs that are secrets: never shown, may span lines (masked line by line), not checked as text. */
export const SECRET_INPUTS: readonly string[] = ['github-token', 'pypi-token', 'registry-password']

export const COMPONENT_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/
/** Characters a PEP 440 version (or a bump keyword) can contain; checked before any parsing. */
const VERSION_CHARS = /^[A-Za-z0-9.!+_-]+$/
/** hotfix's version may be the release tag itself, and tags may hold a `/` (`integrations/foo-v1.2.0`). */
const HOTFIX_FROM = /^(?!\/)(?!.*\/\/)[A-Za-z0-9.!+_/-]+$/
/** A registry host: DNS labels (or an IPv4 address), optionally `:port`. */
const REGISTRY = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*(?::([0-9]{1,5}))?$/
/** A Python version or a uv interpreter request (`3.11`, `pypy3.10`, `cpython@3.12`); never an option. */
const PYTHON_VERSION = /^[A-Za-z0-9][A-Za-z0-9.+@_-]{0,31}$/
const MAX = 256
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/
/** matrix-entry is JSON, possibly pretty-printed by toJSON(matrix): whitespace is fine, other control characters are not. */
// eslint-disable-next-line no-control-regex
const MATRIX_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/

export interface Environment {
  /** GITHUB_WORKSPACE when running as an action. */
  workspace?: string
  /** Directory relative paths start from (process.cwd()). */
  cwd: string
}

/** Find the enclosing git work tree (a `.git` directory or file), without spawning git. */
export function findRepositoryRoot(dir: string): string {
  for (let d = dir; ; d = path.dirname(d)) {
    try {
      statSync(path.join(d, '.git'))
      return d
    } catch {
      if (path.dirname(d) === d) return dir
    }
  }
}

/** The path with symlinks resolved (as far as it exists: a missing tail is kept as written). */
function real(p: string): string {
  try {
    return realpathSync(p)
  } catch {
    const parent = path.dirname(p)
    return parent === p ? p : path.join(real(parent), path.basename(p))
  }
}

const inside = (root: string, p: string): boolean => {
  const rel = path.relative(root, p)
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel))
}

/**
 * Validate raw inputs. `get(name)` returns the trimmed raw value ('' when unset);
 * defaults from action.yml apply to empty values. Every problem is reported together.
 */
export function parseInputs(getRaw: (name: string) => string, env: Environment): Inputs {
  const problems: Problem[] = []
  const bad = (name: string, value: string, allowed: string): void => {
    problems.push(problem('E_INPUT', `input ${name} = ${quote(value)} is not allowed: ${allowed}`))
  }
  const commandValue = getRaw('command')
  const known = (COMMANDS as readonly string[]).includes(commandValue) ? (commandValue as Command) : null
  // a command reads only some inputs; without a known command, nothing but `command` is read
  const reads = new Set<string>(known ? COMMAND_INPUTS[known] : ['command'])
  // `${{ … }}` reaching pyship was never evaluated (e.g. action.yml defaults under @github/local-action)
  const unevaluated = new Set<string>()
  for (const name of INPUT_NAMES) {
    if (!reads.has(name)) continue
    const value = getRaw(name)
    if (/\$\{\{[^]*\}\}/.test(value)) {
      unevaluated.add(name)
      const shown = SECRET_INPUTS.includes(name) ? 'a GitHub expression' : `the expression ${quote(value)}`
      problems.push(
        problem(
          'E_INPUT',
          `input ${name} is ${shown}, which was not evaluated: pyship needs its value`,
          undefined,
          `Expressions are evaluated by the runner only. Give the value itself: under @github/local-action set INPUT_${name.toUpperCase()} in its .env file (for ${name === 'github-token' ? 'a token, use a personal access token' : 'this input, the literal value'}); in a workflow, check the \`with:\` block.`
        )
      )
    }
  }
  // an input the command does not read is not validated, but may still not smuggle a workflow command
  for (const name of INPUT_NAMES) {
    if (reads.has(name) || SECRET_INPUTS.includes(name)) continue
    const value = getRaw(name)
    if ((name === 'matrix-entry' ? MATRIX_CONTROL : CONTROL).test(value))
      bad(name, value.slice(0, 80), 'it contains a newline or another control character')
  }
  // an input reported as unevaluated is not validated again (one message per problem); one not read takes its default
  const get = (name: string): string => (!reads.has(name) || unevaluated.has(name) ? '' : getRaw(name))
  const raw = (name: string): string => {
    const value = get(name)
    // a newline would let a workflow command (::warning::, ::set-output::) into the log
    if (CONTROL.test(value)) {
      bad(name, value, 'it contains a newline or another control character')
      return ''
    }
    return value === '' ? (DEFAULTS[name] ?? '') : value
  }
  const bool = (name: string): boolean => {
    const value = raw(name)
    if (['true', 'True', 'TRUE'].includes(value)) return true
    if (['false', 'False', 'FALSE'].includes(value)) return false
    bad(name, value, 'use true or false')
    return false
  }
  const url = (name: string): string => {
    const value = raw(name)
    if (value.length > 2048) {
      bad(name, value, 'at most 2048 characters')
      return value
    }
    let u: URL | null = null
    try {
      u = new URL(value)
    } catch {
      /* reported below */
    }
    if (u && (u.username || u.password)) {
      // never echo it: the value holds a credential
      problems.push(
        problem(
          'E_INPUT',
          `input ${name} carries credentials (user:password@host); they would end up in logs and process lists`,
          undefined,
          'Give the URL without credentials and pass the token as `pypi-token` (a secret).'
        )
      )
      return ''
    }
    if (u && (u.protocol === 'https:' || u.protocol === 'http:')) return value
    bad(name, value, 'an http(s) URL is expected')
    return value
  }

  const command = known ?? ('' as Command)
  if (commandValue === '') {
    problems.push(
      problem(
        'E_INPUT',
        `input command is required: one of ${COMMANDS.join(', ')}`,
        undefined,
        "Set `command:` in the step's `with:` block (e.g. `command: check`); a step without it never starts a release. CLI: `pyship <command>`; `pyship --help` lists them."
      )
    )
  } else if (!known && !unevaluated.has('command')) bad('command', commandValue, `one of ${COMMANDS.join(', ')}`)

  const component = raw('component')
  if (component !== '' && (component.length > 100 || !COMPONENT_PATTERN.test(component))) {
    bad('component', component, 'a target or group name matching [A-Za-z0-9][A-Za-z0-9._-]* (at most 100 characters)')
  }

  const version = raw('version')
  if (command === 'hotfix' && version !== '' && (version.length > 200 || !HOTFIX_FROM.test(version))) {
    bad('version', version, 'a released version such as 2.0.0, or its tag such as cli-v2.0.0 or integrations/foo-v1.2.0')
  } else if (command !== 'hotfix' && version !== '' && (version.length > 64 || !VERSION_CHARS.test(version))) {
    bad(
      'version',
      version,
      'a PEP 440 version such as 2.0.0 or v2.1.0rc1 (letters, digits, ".", "!", "+", "-", "_"; at most 64 characters)'
    )
  }

  const base = real(env.workspace ? path.resolve(env.cwd, env.workspace) : env.cwd)
  const wd = raw('working-directory')
  let workingDirectory = base
  let repositoryRoot = base
  if (wd.length > MAX * 16) bad('working-directory', wd, 'the path is too long')
  else {
    // symlinks resolved before the inside-the-repository check
    workingDirectory = real(path.resolve(base, wd))
    repositoryRoot = env.workspace ? base : findRepositoryRoot(workingDirectory)
    let isDir = false
    let exists = false
    try {
      isDir = statSync(workingDirectory).isDirectory()
      exists = true
    } catch {
      /* reported below */
    }
    if (!inside(repositoryRoot, workingDirectory)) bad('working-directory', wd, 'a directory inside the repository (GITHUB_WORKSPACE)')
    else if (!isDir)
      problems.push(
        problem(
          'E_INPUT',
          `input working-directory = ${quote(wd)}: ${exists ? `${workingDirectory} is not a directory` : `the directory ${workingDirectory} does not exist`}`,
          undefined,
          'Point working-directory (--cwd) at the workspace root, relative to the repository root (or to the current directory for the CLI).'
        )
      )
  }

  const config = get('config')
  if (CONTROL.test(config) || config.length > MAX * 16) bad('config', config, 'a path relative to working-directory')
  else if (config !== '' && !inside(repositoryRoot, real(path.resolve(workingDirectory, config)))) {
    bad('config', config, 'a file inside the repository, relative to working-directory')
  }

  const registry = raw('registry')
  const port = REGISTRY.exec(registry)?.[1]
  if (registry.length > 253 || !REGISTRY.test(registry) || (port !== undefined && (Number(port) < 1 || Number(port) > 65535))) {
    bad('registry', registry, 'a registry host such as ghcr.io or localhost:5000 (port 1-65535)')
  }
  const pythonVersion = raw('python-version')
  if (!PYTHON_VERSION.test(pythonVersion))
    bad('python-version', pythonVersion, 'a Python version such as 3.11 (or a uv interpreter request such as pypy3.10)')
  const registryUsername = raw('registry-username')
  if (registryUsername.length > MAX) bad('registry-username', registryUsername, `at most ${MAX} characters`)
  const matrixEntry = get('matrix-entry')
  if (matrixEntry.length > 4096 || MATRIX_CONTROL.test(matrixEntry))
    bad('matrix-entry', matrixEntry.slice(0, 80), 'one entry of the matrix output of command plan (JSON, at most 4096 characters)')
  const distInput = get('dist-dir')
  // eslint-disable-next-line no-control-regex
  if (distInput.length > MAX * 16 || /[\u0000-\u001f\u007f]/.test(distInput)) bad('dist-dir', distInput.slice(0, 80), 'a directory path')
  const distDir = distInput === '' ? '' : path.resolve(base, distInput)
  const latest = raw('latest') as Latest
  if (!LATEST.includes(latest)) bad('latest', latest, 'auto, true or false')

  const inputs: Inputs = {
    command,
    component,
    version,
    dryRun: bool('dry-run'),
    config,
    workingDirectory,
    repositoryRoot,
    githubToken: get('github-token'),
    pypiToken: get('pypi-token'),
    pypiUploadUrl: url('pypi-upload-url'),
    pypiUrl: url('pypi-url'),
    registry,
    registryUsername,
    registryPassword: get('registry-password'),
    runTests: bool('run-tests'),
    pythonVersion,
    buildIsolation: bool('build-isolation'),
    installCheck: bool('install-check'),
    attestations: bool('attestations'),
    fulcioUrl: url('fulcio-url'),
    rekorUrl: url('rekor-url'),
    latest,
    allowDowngrade: bool('allow-downgrade'),
    matrixEntry,
    distDir
  }
  if (problems.length > 0) {
    throw fromProblems(problems)
  }
  return inputs
}
