/**
 * The runner's environment as the front ends read it once (src/runner.ts): what each
 * variable sets, its default, and the PYSHIP_HTTP_* settings a user tunes on a slow or
 * proxied runner (README "Network").
 */
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { DEFAULT_HTTP_SETTINGS, HTTP_VARIABLES, readHttpSettings, readRunner } from '../src/runner.js'

describe('readHttpSettings', () => {
  it('without variables: the defaults, no proxy, nothing ignored', () => {
    expect(readHttpSettings({})).toEqual({ ...DEFAULT_HTTP_SETTINGS, ignored: [] })
  })

  it.each(Object.entries(HTTP_VARIABLES))('%s sets %s, and only it', (name, key) => {
    const value = key === 'attempts' ? '7' : '2.5'
    const http = readHttpSettings({ [name]: value })
    expect(http[key]).toBe(Number(value))
    const others = Object.fromEntries(Object.entries(http).filter(([k]) => k !== key && k !== 'ignored' && k !== 'proxy'))
    const defaults = Object.fromEntries(Object.entries(DEFAULT_HTTP_SETTINGS).filter(([k]) => k !== key && k !== 'proxy'))
    expect(others).toEqual(defaults)
    expect(http.ignored).toEqual([])
  })

  it.each([
    ['spaces around the number are trimmed', 'PYSHIP_HTTP_TIMEOUT', ' 5 ', 'idleTimeout', 5],
    ['a fraction of a second', 'PYSHIP_HTTP_BACKOFF', '0.05', 'backoff', 0.05],
    ['an empty value keeps the default silently', 'PYSHIP_HTTP_TIMEOUT', '', 'idleTimeout', 30],
    ['only spaces keep the default silently', 'PYSHIP_HTTP_ATTEMPTS', '   ', 'attempts', 4]
  ] as const)('%s', (_what, name, raw, key, expected) => {
    const http = readHttpSettings({ [name]: raw })
    expect(http[key]).toBe(expected)
    expect(http.ignored).toEqual([])
  })

  it.each([
    ['zero seconds', 'PYSHIP_HTTP_CONNECT_TIMEOUT', '0', 'connectTimeout', 'a number of seconds above 0: the default 10 is used'],
    ['zero attempts', 'PYSHIP_HTTP_ATTEMPTS', '0', 'attempts', 'a whole number of attempts above 0: the default 4 is used'],
    ['a negative number', 'PYSHIP_HTTP_RATE_LIMIT_WAIT', '-5', 'rateLimitWait', 'a number of seconds above 0: the default 120 is used'],
    ['a fraction of an attempt', 'PYSHIP_HTTP_ATTEMPTS', '2.5', 'attempts', 'a whole number of attempts above 0: the default 4 is used'],
    ['a unit', 'PYSHIP_HTTP_ATTEMPT_TIMEOUT', '30s', 'attemptTimeout', 'a number of seconds above 0: the default 90 is used'],
    ['a hexadecimal number', 'PYSHIP_HTTP_TIMEOUT', '0x10', 'idleTimeout', 'a number of seconds above 0: the default 30 is used'],
    ['an exponent', 'PYSHIP_HTTP_BACKOFF', '1e3', 'backoff', 'a number of seconds above 0: the default 1 is used']
  ] as const)('%s is ignored, the default kept, and the log says why', (_what, name, raw, key, why) => {
    const http = readHttpSettings({ [name]: raw })
    expect(http[key]).toBe(DEFAULT_HTTP_SETTINGS[key])
    expect(http.ignored).toEqual([`${name}=${JSON.stringify(raw)} is not ${why}`])
  })

  it('a long malformed value is quoted up to 20 characters; each malformed variable says so once', () => {
    const http = readHttpSettings({ PYSHIP_HTTP_TIMEOUT: 'x'.repeat(50), PYSHIP_HTTP_BACKOFF: 'soon', PYSHIP_HTTP_ATTEMPTS: '3' })
    expect(http.attempts).toBe(3)
    expect(http.ignored).toEqual([
      `PYSHIP_HTTP_TIMEOUT="${'x'.repeat(20)}" is not a number of seconds above 0: the default 30 is used`,
      'PYSHIP_HTTP_BACKOFF="soon" is not a number of seconds above 0: the default 1 is used'
    ])
  })

  it.each([
    [
      'the lower-case names first, as curl and undici read them',
      { http_proxy: 'h', HTTP_PROXY: 'H', https_proxy: 's', HTTPS_PROXY: 'S', no_proxy: 'n', NO_PROXY: 'N' },
      { http: 'h', https: 's', noProxy: 'n' }
    ],
    ['the upper-case names alone', { HTTP_PROXY: 'H', HTTPS_PROXY: 'S', NO_PROXY: 'N' }, { http: 'H', https: 'S', noProxy: 'N' }],
    ['none', {}, { http: '', https: '', noProxy: '' }]
  ])('proxies: %s', (_what, env, proxy) => {
    expect(readHttpSettings(env).proxy).toEqual(proxy)
  })
})

describe('readRunner', () => {
  const ACTIONS_ENV = {
    GITHUB_ACTIONS: 'true',
    GITHUB_REPOSITORY: 'acme/dakora',
    GITHUB_SHA: 'a'.repeat(40),
    GITHUB_REF_NAME: 'main',
    GITHUB_REF_TYPE: 'branch',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_ACTOR: 'octocat',
    GITHUB_API_URL: 'https://ghe.example/api/v3/',
    GITHUB_SERVER_URL: 'https://ghe.example//',
    GITHUB_RUN_ID: '42',
    GITHUB_RUN_ATTEMPT: '2',
    GITHUB_WORKFLOW: 'release',
    RUNNER_TEMP: '/runner/_temp',
    DOCKER_CONFIG: '/runner/docker',
    GITHUB_WORKFLOW_REF: 'acme/dakora/.github/workflows/release.yml@refs/heads/main',
    GITHUB_EVENT_NAME: 'workflow_dispatch',
    GITHUB_REPOSITORY_ID: '7',
    GITHUB_REPOSITORY_OWNER_ID: '8',
    RUNNER_ENVIRONMENT: 'github-hosted'
  }

  it('on an Actions runner: each field from its variable, the API and web addresses without trailing slashes', () => {
    const runner = readRunner(ACTIONS_ENV)
    expect(runner).toMatchObject({
      repository: 'acme/dakora',
      sha: 'a'.repeat(40),
      refName: 'main',
      refType: 'branch',
      ref: 'refs/heads/main',
      actor: 'octocat',
      apiUrl: 'https://ghe.example/api/v3',
      serverUrl: 'https://ghe.example',
      runId: '42',
      runAttempt: '2',
      workflow: 'release',
      tempDir: '/runner/_temp',
      oidc: null,
      debug: false,
      actions: true,
      dockerConfig: '/runner/docker',
      workflowRun: {
        workflowRef: 'acme/dakora/.github/workflows/release.yml@refs/heads/main',
        eventName: 'workflow_dispatch',
        repositoryId: '7',
        repositoryOwnerId: '8',
        runnerEnvironment: 'github-hosted'
      }
    })
    expect(runner.parallelism).toBeGreaterThanOrEqual(1)
  })

  it('outside Actions: github.com, the system temporary directory, ~/.docker, no run', () => {
    const runner = readRunner({ HOME: '/home/me' })
    expect(runner).toMatchObject({
      repository: '',
      sha: '',
      apiUrl: 'https://api.github.com',
      serverUrl: 'https://github.com',
      tempDir: os.tmpdir(),
      oidc: null,
      debug: false,
      actions: false,
      dockerConfig: path.join('/home/me', '.docker')
    })
  })

  it.each([
    ['an empty GITHUB_API_URL is github.com', { GITHUB_API_URL: '' }, 'apiUrl', 'https://api.github.com'],
    ['an empty RUNNER_TEMP is the system temporary directory', { RUNNER_TEMP: '' }, 'tempDir', os.tmpdir()],
    ['an empty DOCKER_CONFIG is ~/.docker', { DOCKER_CONFIG: '', HOME: '/h' }, 'dockerConfig', '/h/.docker'],
    ['GITHUB_ACTIONS other than "true" is not Actions', { GITHUB_ACTIONS: '1' }, 'actions', false]
  ] as const)('%s', (_what, env, field, expected) => {
    expect(readRunner(env)[field]).toEqual(expected)
  })

  it.each([
    [
      'both variables (id-token: write)',
      { ACTIONS_ID_TOKEN_REQUEST_URL: 'https://oidc/', ACTIONS_ID_TOKEN_REQUEST_TOKEN: 't' },
      { url: 'https://oidc/', token: 't' }
    ],
    ['the address alone', { ACTIONS_ID_TOKEN_REQUEST_URL: 'https://oidc/' }, null],
    ['the token alone', { ACTIONS_ID_TOKEN_REQUEST_TOKEN: 't' }, null]
  ])("trusted publishing's OIDC endpoint with %s", (_what, env, oidc) => {
    expect(readRunner(env).oidc).toEqual(oidc)
  })

  it.each([
    ['RUNNER_DEBUG=1', { RUNNER_DEBUG: '1' }, {}, true],
    ['RUNNER_DEBUG=0', { RUNNER_DEBUG: '0' }, {}, false],
    ['--debug', {}, { debug: true }, true],
    ['neither', {}, {}, false]
  ])('debug with %s', (_what, env, options, debug) => {
    expect(readRunner(env, options).debug).toBe(debug)
  })

  it('child processes inherit a copy of the environment, and the HTTP settings come from it', () => {
    const env = { PATH: '/bin', PYSHIP_HTTP_ATTEMPTS: '2' }
    const runner = readRunner(env)
    expect(runner.env).toEqual(env)
    expect(runner.env).not.toBe(env)
    expect(runner.http.attempts).toBe(2)
  })
})
