/**
 * The CLI's flags: one table that drives parsing, `--help` and the docs. Every action
 * input (action.yml) except `command` is a flag of the same name, with the same
 * description (a test keeps this table, action.yml and DEFAULTS in step); a boolean
 * input that defaults to true also has `--no-<name>`.
 */
import { COMMAND_INPUTS, DEFAULTS, type Command } from './inputs.js'

export interface Flag {
  /** Long name, without the dashes. */
  name: string
  short?: string
  type: 'string' | 'boolean'
  /** Placeholder for the value in --help. */
  value?: string
  description: string
  /** The action input this flag sets ('' for a flag only the CLI has). */
  input: string
}

const input = (name: string, type: Flag['type'], description: string, value?: string): Flag => ({
  name,
  type,
  description,
  value,
  input: name
})

/** One flag per action.yml input (the descriptions are action.yml's). */
export const INPUT_FLAGS: readonly Flag[] = [
  input(
    'component',
    'string',
    "Target or group name (cli, docker, sdk, platform); check without it checks every group; bump and propose take the group (a target's group).",
    'NAME'
  ),
  input(
    'version',
    'string',
    'PEP 440 version, optional leading v. check: when given (with component), the files must carry it. bump: the new version, or major, minor, patch. release/verify: defaults to the version in the files. rollback: required. hotfix: the released version to fix (or its tag). propose: the version to propose, or a keyword bump accepts.',
    'V'
  ),
  input('dry-run', 'boolean', 'Do every read-only step and print the plan; change nothing anywhere (bump: show the edits, write no file).'),
  input('allow-downgrade', 'boolean', "bump: allow a version lower than the group's current one."),
  input(
    'all',
    'boolean',
    'bump: bump every group that changed since its last release tag (version: major, minor, patch or auto); groups that did not change are listed and left alone. propose: every group, in one release pull request (instead of component). release, plan: every group that changed since its last release, each at the version its files hold (instead of component and version); one tag and one GitHub Release for all with [tool.pyship.release] tag. verify: the last release-level tag, every group at the version its message lists (instead of component and version). rollback: the release-level tag of version (e.g. 2026.12.04) and every group its message lists, at their versions (instead of component).'
  ),
  input(
    'changed-since',
    'string',
    "check: list the groups changed since this git ref (a tag, branch or commit; last-release = each group's own last release tag), as the changed output.",
    'REF'
  ),
  input(
    'github-token',
    'string',
    'Token for tags and GitHub Releases (needs contents: write); propose also needs pull-requests: write.',
    'TOKEN'
  ),
  input(
    'pypi-token',
    'string',
    'PyPI API token (e.g. secrets.PYPI_API_TOKEN); when empty, trusted publishing (OIDC, permissions: id-token: write) is used.',
    'TOKEN'
  ),
  input('pypi-upload-url', 'string', 'Upload endpoint (TestPyPI and private indexes work).', 'URL'),
  input(
    'pypi-url',
    'string',
    "Index base for existence checks and verification (/pypi/NAME/VERSION/json) and the smoke test's dependencies (/simple/).",
    'URL'
  ),
  input(
    'registry',
    'string',
    "Container registry host for docker targets; registry-username and registry-password log in to it. Images on other hosts (an image's repository) use the runner's docker login (docker/login-action).",
    'HOST'
  ),
  input('registry-username', 'string', 'Registry user name.', 'USER'),
  input(
    'registry-password',
    'string',
    'Registry password; defaults to github-token (ghcr.io needs permissions: packages: write).',
    'PASSWORD'
  ),
  input('run-tests', 'boolean', "Run each package's tests before building."),
  input('python-version', 'string', 'Python used for tests and smoke tests.', 'X.Y'),
  input(
    'build-isolation',
    'boolean',
    "false builds with the backend already installed (air-gapped runners; like uv build --no-build-isolation, the backend's own requirements are not re-checked)."
  ),
  input(
    'install-check',
    'boolean',
    "verify (and the end of release): install the released version from the index into a fresh venv and run the target's smoke command."
  ),
  input(
    'attestations',
    'boolean',
    "PEP 740 attestations: sign every wheel and sdist with the job's OIDC identity (Sigstore) and upload the attestation with it. Made under trusted publishing only (needs permissions id-token: write); with pypi-token they are not made, as in pypa/gh-action-pypi-publish."
  ),
  input(
    'fulcio-url',
    'string',
    'Sigstore certificate authority (Fulcio) that signs attestations; point it at a private instance or a test stand-in.',
    'URL'
  ),
  input(
    'rekor-url',
    'string',
    'Sigstore transparency log (Rekor) that records each attestation; point it at a private instance or a test stand-in.',
    'URL'
  ),
  input(
    'provenance',
    'string',
    'Build provenance (GitHub artifact attestations, SLSA v1) for every released wheel, sdist and image digest, stored with GitHub and, for images, in the registry as OCI referrers. auto = made when the job has id-token: write and attestations: write (otherwise the run says which is missing); true = required (preflight refuses the release when a permission is missing); false = none.',
    'auto|true|false'
  ),
  input(
    'trusted-root',
    'string',
    'verify: a Sigstore trusted_root.json (as gh attestation verify --custom-trusted-root) that build provenance signatures are verified against; empty = the subjects are checked and the signatures are left to GitHub, which verifies each bundle it stores.',
    'FILE'
  ),
  input(
    'latest',
    'string',
    'auto = make the GitHub Release latest only when this is the highest stable version of this target (and the target may hold it); true/false force it.',
    'auto|true|false'
  ),
  input(
    'config',
    'string',
    'Path to a config file, relative to working-directory (default: [tool.pyship] in pyproject.toml, then .github/pyship.toml, then the built-in defaults).',
    'FILE'
  ),
  input('working-directory', 'string', 'The workspace root, relative to the repository root.', 'DIR'),
  input(
    'matrix-entry',
    'string',
    "build: one entry of plan's matrix output, as JSON (toJSON(matrix) in a job whose strategy.matrix is fromJSON of that output).",
    'JSON'
  ),
  input(
    'dist-dir',
    'string',
    'build: where the built files go (upload it with actions/upload-artifact); release: publish the prebuilt files found here (from actions/download-artifact) instead of building.',
    'DIR'
  )
]

/** Flags only the CLI has. */
export const CLI_FLAGS: readonly Flag[] = [
  { name: 'cwd', type: 'string', value: 'DIR', description: 'Alias of --working-directory.', input: 'working-directory' },
  { name: 'from', type: 'string', value: 'TAG', description: 'hotfix: the release tag to fix (sets version).', input: 'version' },
  {
    name: 'json',
    type: 'boolean',
    description: 'Print the result as JSON (outputs, problems, notices, table, next steps) on stdout.',
    input: ''
  },
  { name: 'debug', type: 'boolean', description: 'Show stack traces and request details (like RUNNER_DEBUG=1 in Actions).', input: '' },
  { name: 'help', short: 'h', type: 'boolean', description: 'Show this help.', input: '' }
]

export const FLAGS: readonly Flag[] = [...INPUT_FLAGS, ...CLI_FLAGS]

/** A boolean input whose default is true: it gets a `--no-<name>` form. */
export const negatable = (flag: Flag): boolean => flag.type === 'boolean' && DEFAULTS[flag.input] === 'true'

export interface CommandHelp {
  /** The arguments after the command's name. */
  args: string
  summary: string
  /** One command line that works as written (in the example monorepo, with a token where one is needed). */
  example: string
}

/** Each command: its arguments, what it does, and an example (`pyship help <command>`). */
export const COMMAND_HELP: Readonly<Record<Command, CommandHelp>> = {
  check: {
    args: '[component] [version]',
    summary: 'the CI version gate: groups in sync, valid versions, internal pins, uv.lock (read-only, offline)',
    example: 'pyship check platform 2.0.0'
  },
  bump: {
    args: '<component>|--all <version|major|minor|patch|auto>',
    summary:
      "set a group's version in every file, with internal pins, uv.lock and its changelog section; auto: from the Conventional Commits since its last release",
    example: 'pyship bump platform minor --dry-run'
  },
  release: {
    args: '<component> [version] | --all',
    summary: 'preflight, test, build, publish to PyPI and the registry, tag, GitHub Release, verify',
    example: 'pyship release cli --dry-run'
  },
  plan: {
    args: '<component> [version] | --all',
    summary: 'preflight once, then the matrix of build jobs of a fanned-out release (JSON)',
    example: 'pyship plan platform --json'
  },
  build: {
    args: '--matrix-entry JSON --dist-dir DIR',
    summary: "build one entry of plan's matrix into DIR",
    example: 'pyship build --matrix-entry "$ENTRY" --dist-dir dist-0'
  },
  verify: {
    args: '<component> [version]',
    summary: 'the "After Release" checklist (read-only)',
    example: 'pyship verify sdk 1.4.0 --install-check'
  },
  rollback: {
    args: '<component> <version> | --all <version>',
    summary: 'delete release and tag, mark images broken, move latest back, print the PyPI yank page',
    example: 'pyship rollback docker 2.0.0 --dry-run'
  },
  propose: {
    args: '<component|--all> <version|major|minor|patch>',
    summary: 'open or update the release pull request: the bump, pins, locks and changelog, committed and signed by GitHub',
    example: 'pyship propose platform minor --dry-run'
  },
  hotfix: {
    args: '<target> --from <tag>',
    summary: 'branch hotfix/<tag> from a release tag, bump the patch version, commit, push',
    example: 'pyship hotfix cli --from cli-v2.0.0'
  }
}

/** The flags a command takes: those of the inputs it reads, and the CLI's own (--from for hotfix only). */
export function commandFlags(command: Command): Flag[] {
  const reads = new Set<string>(COMMAND_INPUTS[command])
  return FLAGS.filter((flag) => (flag.name === 'from' ? command === 'hotfix' : flag.input === '' || reads.has(flag.input)))
}
