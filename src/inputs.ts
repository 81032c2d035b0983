/**
 * One typed Inputs object, built from the action's `INPUT_*` variables or the CLI's
 * flags; every input validated by its rule in src/input-rules/. Hostile values are
 * E_INPUT before anything reads a file or spawns a process.
 */
import { fromProblems } from './errors.js'
import { inputContext } from './input-rules/context.js'
import { INPUT_RULES } from './input-rules/rules.js'

export const COMMANDS = ['check', 'bump', 'plan', 'build', 'release', 'verify', 'rollback', 'hotfix', 'propose'] as const
export type Command = (typeof COMMANDS)[number]
export const LATEST = ['auto', 'true', 'false'] as const
export type Latest = (typeof LATEST)[number]
export const PROVENANCE = ['auto', 'true', 'false'] as const
export type Provenance = (typeof PROVENANCE)[number]

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
  /** Build provenance (GitHub artifact attestations): auto = when the job's permissions allow it. */
  provenance: Provenance
  /** verify: a Sigstore trusted_root.json (absolute) provenance signatures are verified against; '' = subjects only. */
  trustedRoot: string
  latest: Latest
  /** bump: allow a version lower than the current one. */
  allowDowngrade: boolean
  /** bump: every group changed since its last release tag; propose: every group in one pull request. */
  all: boolean
  /** check: the git ref to list changed groups against ('last-release': each group's last release tag); '' when not given. */
  changedSince: string
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
  provenance: 'auto',
  latest: 'auto',
  'allow-downgrade': 'false',
  all: 'false'
}

/** Every input action.yml declares (besides `command`, the CLI's first argument). */
export const INPUT_NAMES = [
  'command',
  'component',
  'version',
  'dry-run',
  'allow-downgrade',
  'all',
  'changed-since',
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
  'provenance',
  'trusted-root',
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
  'provenance',
  'latest',
  'dist-dir'
] as const satisfies readonly InputName[]

/**
 * The inputs each command reads. Only these are validated: an input a command never reads
 * takes its default whatever it holds (e.g. the unevaluated `${{ github.token }}` default
 * that @github/local-action passes to `check`), except that no input may carry a control character.
 */
export const COMMAND_INPUTS: Readonly<Record<Command, readonly InputName[]>> = {
  check: [...SCOPE, 'changed-since'],
  bump: [...SCOPE, 'dry-run', 'allow-downgrade', 'all'],
  hotfix: [...SCOPE, 'dry-run'],
  plan: [...RELEASE, 'all'],
  build: [...RELEASE, 'matrix-entry'],
  release: [...RELEASE, 'all'],
  verify: [
    ...SCOPE,
    'github-token',
    'pypi-url',
    'registry',
    'registry-username',
    'registry-password',
    'python-version',
    'install-check',
    'provenance',
    'trusted-root',
    'all'
  ],
  rollback: [...SCOPE, 'all', 'dry-run', 'github-token', 'pypi-url', 'registry', 'registry-username', 'registry-password'],
  propose: [...SCOPE, 'all', 'dry-run', 'allow-downgrade', 'github-token']
}

/** Inputs that are secrets: never shown, may span lines (masked line by line), not checked as text. */
export const SECRET_INPUTS: readonly string[] = ['github-token', 'pypi-token', 'registry-password']

export const COMPONENT_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/

export interface Environment {
  /** GITHUB_WORKSPACE when running as an action. */
  workspace?: string
  /** Directory relative paths start from (process.cwd()). */
  cwd: string
}

export { findRepositoryRoot } from './input-rules/paths.js'

/**
 * Validate raw inputs: every input's rule (src/input-rules/rules.ts) in turn. `getRaw(name)`
 * returns the trimmed raw value ('' when unset); defaults from action.yml apply to empty
 * values. Every problem is reported together.
 */
export function parseInputs(getRaw: (name: string) => string, env: Environment): Inputs {
  const ctx = inputContext(getRaw, env)
  for (const rule of Object.values(INPUT_RULES)) Object.assign(ctx.parsed, rule(ctx))
  if (ctx.problems.length > 0) throw fromProblems(ctx.problems)
  return ctx.parsed as Inputs
}
