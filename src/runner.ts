/**
 * The runner's environment, read once by the front ends (main.ts for the action,
 * cli.ts for the CLI) and passed down beside Inputs: nothing below them reads
 * the process environment. Outside Actions the same fields come from the shell's environment.
 */
import os from 'node:os'
import path from 'node:path'

/** The HTTP seam's settings (src/adapters/http.ts); see README "Network". */
export interface HttpSettings {
  /** Seconds to open a connection (TCP and TLS; through a proxy, to the proxy). */
  connectTimeout: number
  /** Seconds without a byte from the server (waiting for the answer, or inside it). */
  idleTimeout: number
  /** Seconds one attempt may take in all (a server that trickles bytes). */
  attemptTimeout: number
  /** Attempts in all for a failure worth retrying. */
  attempts: number
  /** Seconds: the first backoff delay (doubled on each retry, with jitter). */
  backoff: number
  /** Seconds: the longest delay between two attempts. */
  maxBackoff: number
  /** Seconds: the longest wait for a rate limit or a `retry-after`; beyond it the request fails. */
  rateLimitWait: number
  /** Proxies, as the runner's tools take them ('' = none). */
  proxy: { http: string; https: string; noProxy: string }
  /** Settings given in a form that was not understood (the defaults were used): logged once. */
  ignored?: string[]
}

export const DEFAULT_HTTP_SETTINGS: HttpSettings = {
  connectTimeout: 10,
  idleTimeout: 30,
  attemptTimeout: 90,
  attempts: 4,
  backoff: 1,
  maxBackoff: 30,
  rateLimitWait: 120,
  proxy: { http: '', https: '', noProxy: '' }
}

export interface Runner {
  /** `owner/repo` (GITHUB_REPOSITORY); '' when unknown (the CLI then asks origin). */
  repository: string
  /** GITHUB_SHA; '' outside Actions. */
  sha: string
  /** GITHUB_REF_NAME / GITHUB_REF_TYPE; '' outside Actions. */
  refName: string
  refType: string
  /** GITHUB_REF, the full ref that started the workflow (`refs/heads/main`, `refs/tags/cli-v1.2.0`); '' outside Actions. */
  ref: string
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
  /** Timeouts, attempts and proxies of the HTTP seam (PYSHIP_HTTP_*, HTTPS_PROXY/HTTP_PROXY/NO_PROXY). */
  http: HttpSettings
  /** The runner's docker config directory (DOCKER_CONFIG, else ~/.docker): registry logins other than the `registry` input's. */
  dockerConfig?: string
  /** What build provenance says of the run (GITHUB_WORKFLOW_REF, GITHUB_EVENT_NAME, GITHUB_REPOSITORY_ID, GITHUB_REPOSITORY_OWNER_ID, RUNNER_ENVIRONMENT). */
  workflowRun?: { workflowRef: string; eventName: string; repositoryId: string; repositoryOwnerId: string; runnerEnvironment: string }
}

/** PYSHIP_HTTP_* variable → the setting it sets (seconds, except ATTEMPTS). README "Network". */
export const HTTP_VARIABLES = {
  PYSHIP_HTTP_CONNECT_TIMEOUT: 'connectTimeout',
  PYSHIP_HTTP_TIMEOUT: 'idleTimeout',
  PYSHIP_HTTP_ATTEMPT_TIMEOUT: 'attemptTimeout',
  PYSHIP_HTTP_ATTEMPTS: 'attempts',
  PYSHIP_HTTP_BACKOFF: 'backoff',
  PYSHIP_HTTP_RATE_LIMIT_WAIT: 'rateLimitWait'
} as const satisfies Record<string, keyof HttpSettings>

/**
 * The HTTP seam's settings from the environment: PYSHIP_HTTP_* (positive numbers; a
 * malformed one keeps the default and says so in the log, through `ignored`) and the
 * proxies as the runner's tools read them (the lower-case name first, like curl and undici).
 */
export function readHttpSettings(env: NodeJS.ProcessEnv): HttpSettings {
  const http: HttpSettings = { ...DEFAULT_HTTP_SETTINGS, ignored: [] }
  for (const [name, key] of Object.entries(HTTP_VARIABLES)) {
    const raw = env[name]?.trim()
    if (!raw) continue
    const value = Number(raw)
    const whole = key === 'attempts'
    if (!/^\d+(\.\d+)?$/.test(raw) || !(value > 0) || (whole && !Number.isInteger(value))) {
      http.ignored?.push(
        `${name}=${JSON.stringify(raw.slice(0, 20))} is not ${whole ? 'a whole number of attempts' : 'a number of seconds'} above 0: the default ${DEFAULT_HTTP_SETTINGS[key]} is used`
      )
      continue
    }
    http[key] = value
  }
  http.proxy = {
    http: env.http_proxy ?? env.HTTP_PROXY ?? '',
    https: env.https_proxy ?? env.HTTPS_PROXY ?? '',
    noProxy: env.no_proxy ?? env.NO_PROXY ?? ''
  }
  return http
}

export function readRunner(env: NodeJS.ProcessEnv, options: { debug?: boolean } = {}): Runner {
  const oidcUrl = env.ACTIONS_ID_TOKEN_REQUEST_URL ?? ''
  const oidcToken = env.ACTIONS_ID_TOKEN_REQUEST_TOKEN ?? ''
  return {
    repository: env.GITHUB_REPOSITORY ?? '',
    sha: env.GITHUB_SHA ?? '',
    refName: env.GITHUB_REF_NAME ?? '',
    refType: env.GITHUB_REF_TYPE ?? '',
    ref: env.GITHUB_REF ?? '',
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
    parallelism: Math.max(1, os.availableParallelism()),
    http: readHttpSettings(env),
    dockerConfig: env.DOCKER_CONFIG || path.join(env.HOME || os.homedir(), '.docker'),
    workflowRun: {
      workflowRef: env.GITHUB_WORKFLOW_REF ?? '',
      eventName: env.GITHUB_EVENT_NAME ?? '',
      repositoryId: env.GITHUB_REPOSITORY_ID ?? '',
      repositoryOwnerId: env.GITHUB_REPOSITORY_OWNER_ID ?? '',
      runnerEnvironment: env.RUNNER_ENVIRONMENT ?? ''
    }
  }
}
