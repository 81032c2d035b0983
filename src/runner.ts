/**
 * The runner's environment, read once by the front ends (main.ts for the action,
 * cli.ts for the CLI) and passed down beside Inputs: nothing below them reads
 * the process environment. Outside Actions the same fields come from the shell's environment.
 */
import os from 'node:os'

export interface Runner {
  /** `owner/repo` (GITHUB_REPOSITORY); '' when unknown (the CLI then asks origin). */
  repository: string
  /** GITHUB_SHA; '' outside Actions. */
  sha: string
  /** GITHUB_REF_NAME / GITHUB_REF_TYPE; '' outside Actions. */
  refName: string
  refType: string
  /** GITHUB_ACTOR: the default registry user. */
  actor: string
  /** GitHub's REST API and web URLs (GHES sets both). */
  apiUrl: string
  serverUrl: string
  /** Who is running: names the holder of a release (GITHUB_RUN_ID, GITHUB_RUN_ATTEMPT, GITHUB_WORKFLOW). */
  runId: string
  runAttempt: string
  workflow: string
  /** RUNNER_TEMP, else the system's temporary directory. */
  tempDir: string
  /** The runner's OIDC token endpoint (trusted publishing); null without `id-token: write`. */
  oidc: { url: string; token: string } | null
  /** RUNNER_DEBUG=1 or `--debug`: stacks and request details in the log. */
  debug: boolean
  /** Running under GitHub Actions (annotations, summary, outputs). */
  actions: boolean
  /** The environment child processes inherit (PATH, HOME, proxies, build args). */
  env: NodeJS.ProcessEnv
  /** How many builds may run at once: the CPUs this process may use (os.availableParallelism()). */
  parallelism: number
}

export function readRunner(env: NodeJS.ProcessEnv, options: { debug?: boolean } = {}): Runner {
  const oidcUrl = env.ACTIONS_ID_TOKEN_REQUEST_URL ?? ''
  const oidcToken = env.ACTIONS_ID_TOKEN_REQUEST_TOKEN ?? ''
  return {
    repository: env.GITHUB_REPOSITORY ?? '',
    sha: env.GITHUB_SHA ?? '',
    refName: env.GITHUB_REF_NAME ?? '',
    refType: env.GITHUB_REF_TYPE ?? '',
    actor: env.GITHUB_ACTOR ?? '',
    apiUrl: (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, ''),
    serverUrl: (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, ''),
    runId: env.GITHUB_RUN_ID ?? '',
    runAttempt: env.GITHUB_RUN_ATTEMPT ?? '',
    workflow: env.GITHUB_WORKFLOW ?? '',
    tempDir: env.RUNNER_TEMP || os.tmpdir(),
    oidc: oidcUrl && oidcToken ? { url: oidcUrl, token: oidcToken } : null,
    debug: options.debug === true || env.RUNNER_DEBUG === '1',
    actions: env.GITHUB_ACTIONS === 'true',
    env: { ...env },
    parallelism: Math.max(1, os.availableParallelism())
  }
}
