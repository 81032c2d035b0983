/**
 * Every failure pyship reports has a stable code, a one-line message naming the
 * package/file/image, and a hint saying what to change. Deep code throws
 * PyshipError; only main/cli report it (once).
 */
import { debug } from './log.js'

export const DOCS_URL = 'https://github.com/pyship/pyship/blob/main/README.md'

export interface CodeInfo {
  /** When it is raised (README Troubleshooting). */
  when: string
  /** Short title used for the README heading. */
  title: string
  /** The default hint, in the project's own words. */
  hint: string
}

export const CODES = {
  E_INPUT: {
    when: 'an input is malformed or hostile (shell metacharacters, a path outside the repository, an unknown command)',
    title: 'Invalid input',
    hint: 'Check the input named in the message against the allowed values in the README inputs table.'
  },
  E_CONFIG: {
    when: 'the config, a pyproject.toml or uv.lock is invalid or unreadable (unknown key, wrong type, missing directory, TOML syntax error)',
    title: 'Invalid configuration',
    hint: 'Fix the file at the line and column shown; the README "Configuration" section lists every key and its type.'
  },
  E_VERSION_MISMATCH: {
    when: 'members of a group carry different versions (the release checklist\'s "Version mismatch error in CI")',
    title: 'Version mismatch',
    hint: 'Members of a group must carry the same version (e.g. CLI and server). Make them equal with `pyship bump <group> <version>`, commit and push.'
  },
  E_VERSION_NOT_UPDATED: {
    when: 'the files do not carry the version being checked or released',
    title: 'Version not updated',
    hint: 'The files do not carry the release version yet: run `pyship bump <group> <version>` first, commit, push, wait for CI, then release.'
  },
  E_INVALID_VERSION: {
    when: 'a version is not a valid PEP 440 version',
    title: 'Invalid version',
    hint: 'Use a PEP 440 version such as 2.0.0, 2.1.0rc1 or 2.0.1.post1 (a leading "v" is accepted as input).'
  },
  E_PIN_EXCLUDES: {
    when: 'a package of the monorepo requires another one with a specifier that excludes its current version',
    title: 'Internal pin excludes a member',
    hint: 'Change the requirement so it admits the version the monorepo carries, or let `pyship bump` rewrite it.'
  },
  E_LOCK_DRIFT: {
    when: 'a uv.lock records a different version (or a requires-dist specifier) for a package of the monorepo than its pyproject.toml',
    title: 'uv.lock out of date',
    hint: 'Run `uv lock` and commit uv.lock (or let `pyship bump` update it).'
  },
  E_DIRTY_TREE: {
    when: 'the work tree has uncommitted changes (the release checklist\'s prerequisite "No uncommitted changes")',
    title: 'Uncommitted changes',
    hint: 'Releases start from a clean work tree: commit or stash the files listed, then run again.'
  },
  E_BRANCH: {
    when: 'the release runs from a branch that is not allowed, or from a detached HEAD whose commit is on no allowed branch of origin',
    title: 'Branch not allowed',
    hint: 'Release from the default branch (main) or from a hotfix/* branch created with `pyship hotfix`. A detached HEAD (a job that checked out a commit or a tag) is allowed when its commit is on one of those branches of origin: push or merge it there first.'
  },
  E_TAG_EXISTS: {
    when: "the release tag exists and points at another commit, or the tag's GitHub Release already carries an asset of the same name with other content",
    title: 'Tag exists on another commit',
    hint: 'The tag already names another commit: bump to the next version, or delete the stale tag if that release never happened.'
  },
  E_PYPI_EXISTS: {
    when: 'the version is already on the index with other files (the release checklist\'s "Version already exists on PyPI")',
    title: 'Version already on the index',
    hint: 'PyPI versions are immutable: bump to the next version (named in the message) and release that.'
  },
  E_NO_PYPI_TOKEN: {
    when: 'there is no PyPI token and no trusted publishing (the release checklist\'s prerequisite "PYPI_API_TOKEN")',
    title: 'No PyPI credentials',
    hint: 'Add the repository secret PYPI_API_TOKEN and pass it as `pypi-token`, or use trusted publishing: give the job `permissions: id-token: write` and register this workflow as a trusted publisher on PyPI.'
  },
  E_PYPI_AUTH: {
    when: 'the index refused the token or the trusted-publishing exchange',
    title: 'PyPI refused the credentials',
    hint: 'Check that the token is scoped to this project (or the whole account), or that the trusted publisher on PyPI matches this repository, workflow file and environment.'
  },
  E_TESTS_FAILED: {
    when: 'a package\'s tests failed (the release checklist\'s "Tests fail in CI but pass locally")',
    title: 'Tests failed',
    hint: 'Tests fail in CI but pass locally? Check the Python version used (CI uses 3.11 unless `python-version` says otherwise), environment variables the tests expect, and absolute vs. relative file paths.'
  },
  E_BUILD: {
    when: 'building a wheel or sdist, or `twine check`, failed',
    title: 'Build failed',
    hint: "The build backend's last error is shown above; fix the package metadata or build configuration it names."
  },
  E_SMOKE: {
    when: 'the smoke command failed in a fresh virtual environment with the built wheel',
    title: 'Smoke test failed',
    hint: 'The smoke command failed in a fresh virtual environment with only the built wheel installed: check entry points and missing dependencies.'
  },
  E_DOCKER_BUILD: {
    when: 'an image build failed (the release checklist\'s "Docker build fails in CI")',
    title: 'Docker build failed',
    hint: 'Check the Dockerfile syntax, verify every file it COPYs/ADDs exists in the build context (and is not excluded by .dockerignore), and rule out stale build cache.'
  },
  E_IMAGE_EXISTS: {
    when: 'the image tag exists in the registry with other content',
    title: 'Image tag exists with other content',
    hint: 'Image tags of a released version are never overwritten: bump to the next version.'
  },
  E_REGISTRY_DENIED: {
    when: 'the registry refused the login or the push',
    title: 'Registry denied access',
    hint: 'For ghcr.io give the job `permissions: packages: write`, grant this repository access to the package, and use lower-case image names. For an image on another registry (its `repository`), log in to that registry before pyship runs (docker/login-action), or make it the `registry` input.'
  },
  E_GITHUB_DENIED: {
    when: 'the GitHub API refused a request (tags, releases, the release pull request of propose, which also needs pull-requests: write)',
    title: 'GitHub API denied access',
    hint: 'Give the job `permissions: contents: write` and allow read and write workflow permissions for GITHUB_TOKEN in the repository settings.'
  },
  E_VERIFY: {
    when: 'something the release should have produced is not visible',
    title: 'Released artefact not visible',
    hint: 'Something the release should have produced is missing (named in the message); re-run the release to finish it.'
  },
  E_VERSION_SOURCE: {
    when: "pyship cannot locate a package's version (an unknown dynamic backend, a version file that does not exist, an `attr` that is not a literal)",
    title: 'Version source not found',
    hint: "Write the version where pyship can read it: a static [project] version, a version file named by the build backend (hatch `path`, setuptools `attr`/`file`), or list the file under the group's `version-files` in the config."
  },
  E_NETWORK: {
    when: 'a service (the index, GitHub, the registry) could not be reached, timed out, or answered something that is not what its API returns, after the bounded retries',
    title: 'Service unreachable',
    hint: "The service and URL are named in the message. Check the runner's network and proxy settings (HTTPS_PROXY, HTTP_PROXY, NO_PROXY) and the service's status; nothing irreversible was done after the failure, and a re-run resumes where this one stopped."
  },
  E_RELEASE_IN_PROGRESS: {
    when: 'another run is releasing this target and version right now',
    title: 'Release in progress elsewhere',
    hint: 'The message names the run that holds the release and since when. Wait for it to finish (a re-run afterwards reports "already released"), or serialize release workflows with `concurrency:`.'
  },
  E_INTERNAL: {
    when: 'anything pyship did not foresee (a bug)',
    title: 'Internal error',
    hint: 'pyship hit an error it did not foresee. The steps already done are listed; a re-run resumes from there. Please report it with the debug log (re-run with RUNNER_DEBUG=1, or `--debug` for the CLI).'
  }
} as const satisfies Record<string, CodeInfo>

export type ErrorCode = keyof typeof CODES

/** Where a problem is, relative to the repository root. */
export interface Location {
  file: string
  line?: number
  column?: number
}

/** The anchor of a code's Troubleshooting entry in the README. */
export function docsLink(code: ErrorCode): string {
  return `${DOCS_URL}#${code.toLowerCase()}`
}

export class PyshipError extends Error {
  readonly code: ErrorCode
  readonly hint: string
  readonly location?: Location
  /** Further problems found together with this one (all are reported). */
  readonly others: Problem[]

  constructor(code: ErrorCode, message: string, options: { hint?: string; location?: Location; others?: Problem[] } = {}) {
    super(message)
    this.name = 'PyshipError'
    this.code = code
    this.hint = options.hint ?? CODES[code].hint
    this.location = options.location
    this.others = options.others ?? []
  }
}

/** A problem found by a read-only command (check); also how errors are reported. */
export interface Problem {
  code: ErrorCode
  message: string
  hint: string
  file?: string
  line?: number
  column?: number
}

export function problem(code: ErrorCode, message: string, location?: Location, hint?: string): Problem {
  return { code, message, hint: hint ?? CODES[code].hint, ...location }
}

/** Every problem an error carries, itself first. */
export function toProblems(error: PyshipError): Problem[] {
  return [problem(error.code, error.message, error.location, error.hint), ...error.others]
}

/** One error carrying every problem (the first is its code and message). */
export function fromProblems(problems: Problem[]): PyshipError {
  const [first, ...others] = problems
  return new PyshipError(first.code, first.message, {
    hint: first.hint,
    location: first.file ? { file: first.file, line: first.line, column: first.column } : undefined,
    others
  })
}

/**
 * The problems an error stands for: a PyshipError's own; anything unforeseen is one
 * E_INTERNAL problem naming the error (never its stack) and what was already done.
 */
export function problemsOf(error: unknown, done: string[] = []): Problem[] {
  if (error instanceof PyshipError) return toProblems(error)
  // the stack only in debug output, mapped to src/ by the shipped source map
  debug(`pyship: unforeseen error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
  const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
  const first = (what.split('\n')[0] ?? '').slice(0, 300)
  const steps = done.length ? ` Already done: ${done.join(', ')}.` : ''
  return [problem('E_INTERNAL', `pyship hit an error it did not foresee: ${first}`, undefined, `${CODES.E_INTERNAL.hint}${steps}`)]
}

/**
 * Characters JSON leaves as they are that still break a line or hide text in a log or an
 * annotation: DEL and the C1 controls, the line and paragraph separators, bidirectional
 * overrides and isolates, zero-width characters and the BOM.
 */
const INVISIBLE = /[\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g

/** Quote a user-supplied value for a message: bounded length, control and invisible characters escaped. */
export function quote(value: string, max = 60): string {
  const cut = value.length > max ? `${value.slice(0, max)}…` : value
  return JSON.stringify(cut).replace(INVISIBLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}
