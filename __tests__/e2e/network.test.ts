/**
 * Trust under faults (SPEC §8): the bundled action against misbehaving networks on
 * 127.0.0.1 — refused, unresolvable, reset, black-holed, trickling, HTML or cut-short or
 * wrong-shaped JSON, rate limits, paged lists, a lost POST answer, proxies — through the
 * normal inputs, GITHUB_API_URL, the proxy variables and PYSHIP_HTTP_* (short timeouts).
 * Each failure: exit code, the coded annotation, nothing published after it.
 */
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { ActionRun } from '../../__fixtures__/action.js'
import { closedPort, startFaulty, startForwardProxy, type Faulty, type ForwardProxy } from '../../__fixtures__/faults.js'
import { startTokenRegistry, type TokenRegistryStandIn } from '../../__fixtures__/token-registry.js'
import { errors, logged, startWorld, type World } from '../../__fixtures__/world.js'
import { describeWithTools } from '../../__fixtures__/tools.js'

/** Test settings through the documented variables: seconds, not minutes. */
const FAST = {
  PYSHIP_HTTP_CONNECT_TIMEOUT: '2',
  PYSHIP_HTTP_TIMEOUT: '1',
  PYSHIP_HTTP_ATTEMPT_TIMEOUT: '3',
  PYSHIP_HTTP_ATTEMPTS: '2',
  PYSHIP_HTTP_BACKOFF: '0.05',
  PYSHIP_HTTP_RATE_LIMIT_WAIT: '5'
}
const RELEASES = '/repos/acme/dakora/releases'

describeWithTools(['git', 'build', 'twine', 'venv', 'hatchling', 'pytest'], 'network faults through the bundled action', () => {
  let world: World
  let gh: Faulty
  let index: Faulty

  beforeEach(async () => {
    world = await startWorld()
    gh = await startFaulty(world.github.url)
    index = await startFaulty(world.pypi.url, { trickleMs: 300 })
  })
  afterEach(async () => {
    await Promise.all([gh.close(), index.close()])
    await world.close()
  })

  /** `release sdk` with GitHub and the index behind the fault proxies. */
  const release = (options: { inputs?: Record<string, string>; env?: Record<string, string> } = {}): Promise<ActionRun> =>
    world.action('release', 'sdk', {
      inputs: { 'pypi-url': index.url, ...options.inputs },
      env: { ...FAST, GITHUB_API_URL: gh.url, ...options.env }
    })

  /** Nothing was published: no upload, no release or other GitHub write, no tag on origin. */
  const expectNothingPublished = (): void => {
    expect(world.pypi.requests.filter((r) => r.method === 'POST')).toEqual([])
    expect(world.github.requests.filter((r) => r.method !== 'GET')).toEqual([])
    expect(world.github.releases).toEqual([])
    expect(world.repos.git(['tag', '--list'], world.repos.bare)).toBe('')
  }

  const expectNetworkFailure = (run: ActionRun, message: RegExp): void => {
    expect(run.status).toBe(1)
    const coded = errors(run)
    expect(coded).toContainEqual(expect.stringMatching(message))
    expect(coded.every((e) => !e.startsWith('E_GITHUB_DENIED') && !e.startsWith('E_INTERNAL'))).toBe(true)
    expect(run.stderr).not.toMatch(/\n\s+at /) // no stack
    expect(run.stdout).toContain('a re-run resumes')
    expectNothingPublished()
  }

  describe('failures stop before anything is published, with E_NETWORK naming the service and URL', () => {
    test('connection refused (GitHub)', async () => {
      const url = `http://127.0.0.1:${await closedPort()}`
      const run = await release({ env: { GITHUB_API_URL: url } })
      expectNetworkFailure(
        run,
        new RegExp(`^E_NETWORK GitHub could not be reached: GET ${url}/repos/acme/dakora failed 2 times \\(last: connection refused\\)`)
      )
    })

    test('DNS failure (the index at nonexistent.invalid)', async () => {
      const run = await release({ inputs: { 'pypi-url': 'http://nonexistent.invalid' } })
      expectNetworkFailure(
        run,
        /^E_NETWORK the index could not be reached: GET http:\/\/nonexistent\.invalid\/pypi\/dakora-client\/1\.4\.0\/json failed 2 times \(last: the host name does not resolve \(DNS\)\)/
      )
    })

    test('reset (GitHub)', async () => {
      gh.rule({ path: '/repos/acme/dakora', fault: 'reset' })
      const run = await release()
      expectNetworkFailure(
        run,
        /^E_NETWORK GitHub could not be reached: GET \S+\/repos\/acme\/dakora failed 2 times \(last: the (connection was reset|server closed the connection)\)/
      )
    })

    test('black hole (accepts, never answers): fails in seconds under test settings', async () => {
      gh.rule({ path: '/repos/acme/dakora', fault: 'blackhole' })
      const start = Date.now()
      const run = await release()
      expectNetworkFailure(run, /^E_NETWORK GitHub could not be reached: GET \S+ failed 2 times \(last: no answer within 1 s\)/)
      expect(Date.now() - start).toBeLessThan(60_000)
      // GitHub is not asked again once it is known to be unreachable
      expect(gh.requests.filter((r) => r.fault === 'blackhole')).toHaveLength(2)
    })

    test('trickle (one byte at a time): cut by the bound per attempt', async () => {
      index.rule({ path: '/pypi/', fault: 'trickle' })
      const run = await release()
      expectNetworkFailure(
        run,
        /^E_NETWORK the index could not be reached: GET \S+\/pypi\/dakora-client\/1\.4\.0\/json failed 2 times \(last: the answer took longer than 3 s\)/
      )
    })

    test('HTML instead of JSON (the index)', async () => {
      index.rule({ path: '/pypi/', fault: 'html' })
      const run = await release()
      expectNetworkFailure(
        run,
        /^E_NETWORK the index kept failing: GET \S+\/pypi\/dakora-client\/1\.4\.0\/json answered something that is not JSON \(text\/html, \d+ bytes: "<!DOCTYPE html>/
      )
    })

    test('truncated JSON (GitHub releases)', async () => {
      gh.rule({ path: RELEASES, fault: 'truncated-json' })
      const run = await release()
      expectNetworkFailure(run, /^E_NETWORK GitHub kept failing: GET \S+\/releases answered something that is not JSON/)
    })

    test('wrong-shaped JSON (GitHub releases)', async () => {
      gh.rule({ path: RELEASES, fault: { status: 200, body: '{"message":"not a list"}' } })
      const run = await release()
      expectNetworkFailure(run, /^E_NETWORK GitHub answered GET \S+\/releases with JSON that is not a list of releases/)
    })

    test('5xx from GitHub on every attempt is E_NETWORK, never "denied"', async () => {
      gh.rule({ path: '/repos/acme/dakora', fault: { status: 503 } })
      const run = await release()
      expectNetworkFailure(run, /^E_NETWORK GitHub kept failing: GET \S+\/repos\/acme\/dakora answered 503/)
    })

    test('a rate limit that resets later than pyship waits is E_NETWORK with its own hint', async () => {
      const reset = String(Math.floor(Date.now() / 1000) + 3600)
      gh.rule({
        path: '/repos/acme/dakora',
        fault: {
          status: 403,
          headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset },
          body: '{"message":"API rate limit exceeded"}'
        }
      })
      const run = await release()
      expectNetworkFailure(
        run,
        /^E_NETWORK GitHub answered GET \S+: rate limit exhausted \(403, resets in \d+ s\), longer than pyship waits \(5 s in all\)/
      )
      const [annotation] = run.annotations.filter((a) => a.properties.title === 'E_NETWORK')
      expect(annotation.message).toContain('Wait until the limit resets')
      expect(annotation.message).not.toContain('contents: write')
    })

    test('a 403 without rate-limit headers is E_GITHUB_DENIED', async () => {
      gh.rule({ path: '/repos/acme/dakora', fault: { status: 403, body: '{"message":"Resource not accessible by integration"}' } })
      const run = await release()
      expect(run.status).toBe(1)
      expect(errors(run)).toContainEqual(
        expect.stringMatching(/^E_GITHUB_DENIED GitHub refused GET \S+\/repos\/acme\/dakora: 403 Resource not accessible/)
      )
      expectNothingPublished()
    })

    test('origin unreachable for git is E_NETWORK, not E_INPUT', async () => {
      const url = `http://127.0.0.1:${await closedPort()}/acme/dakora.git`
      world.repos.git(['remote', 'set-url', 'origin', url])
      const run = await release()
      expect(run.status).toBe(1)
      expect(errors(run)).toContainEqual(
        expect.stringMatching(new RegExp(`^E_NETWORK origin \\(${url.replace(/[.]/g, '\\.')}\\) could not be reached: git ls-remote`))
      )
      expect(errors(run).filter((e) => e.startsWith('E_INPUT'))).toEqual([])
      expectNothingPublished()
    })
  })

  describe('transient trouble is ridden out', () => {
    const dryRun = { inputs: { 'dry-run': 'true' } }

    test('429 then success (the index with retry-after, GitHub without)', async () => {
      world.pypi.failNext('/pypi/', 429, 1)
      gh.rule({ path: RELEASES, fault: { status: 429 }, times: 1 })
      const run = await release(dryRun)
      expect(errors(run)).toEqual([])
      expect(run.status).toBe(0)
      expect(logged(run)).toMatch(/GET \S+\/releases answered 429; retrying \(1\/1\) in 0\.\d\d s/)
      expect(logged(run)).toMatch(/GET \S+\/pypi\/dakora-client\/1\.4\.0\/json rate limited \(429, retry-after 1 s\); waiting 1\.0 s/)
      expect(gh.requests.filter((r) => r.path === RELEASES).map((r) => r.fault ?? 'ok')).toEqual(['429', 'ok'])
    })

    test("GitHub's secondary rate limit (403 + retry-after) is waited out, then success", async () => {
      gh.rule({
        path: RELEASES,
        fault: {
          status: 403,
          headers: { 'retry-after': '1' },
          body: '{"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again."}'
        },
        times: 1
      })
      const run = await release(dryRun)
      expect(errors(run)).toEqual([])
      expect(run.status).toBe(0)
      expect(logged(run)).toMatch(/GET \S+\/releases rate limited \(403, retry-after 1 s\); waiting 1\.0 s/)
    })

    test('releases are read to the last page: a draft of this commit on page 2 of 121 is resumed, not duplicated', async () => {
      const sha = world.repos.head()
      world.github.seedRelease({ tag_name: 'python-sdk-v1.4.0', target_commitish: sha, name: 'sdk 1.4.0', draft: true })
      for (let i = 0; i < 120; i++) world.github.seedRelease({ tag_name: `other-v0.0.${i}`, target_commitish: sha, draft: true })
      const run = await release()
      expect(errors(run)).toEqual([])
      expect(run.status).toBe(0)
      expect(gh.requests.filter((r) => r.path === RELEASES && r.method === 'GET').length).toBeGreaterThanOrEqual(2)
      const mine = world.github.releases.filter((r) => r.tag_name === 'python-sdk-v1.4.0')
      expect(mine).toHaveLength(1)
      expect(mine[0].draft).toBe(false)
      expect(world.github.requests.filter((r) => r.method === 'POST' && r.path === RELEASES)).toEqual([])
      expect(world.github.violations).toEqual([])
    })

    test('a lost answer to POST /releases (created, then 502) is looked up and adopted: exactly one release', async () => {
      gh.rule({ method: 'POST', path: RELEASES, fault: 'lost-answer', times: 1 })
      const run = await release()
      expect(errors(run)).toEqual([])
      expect(run.status).toBe(0)
      expect(logged(run)).toContain('looking up whether it took effect')
      expect(world.github.requests.filter((r) => r.method === 'POST' && r.path === RELEASES)).toHaveLength(1)
      const mine = world.github.releases.filter((r) => r.tag_name === 'python-sdk-v1.4.0')
      expect(mine).toHaveLength(1)
      expect(mine[0]).toMatchObject({ draft: false, target_commitish: world.repos.head() })
      expect(world.github.violations).toEqual([])
    })
  })

  describe('proxies', () => {
    let proxy: ForwardProxy
    beforeEach(async () => {
      proxy = await startForwardProxy()
    })
    afterEach(() => proxy.close())

    test('HTTP_PROXY carries every request to GitHub and the index; NO_PROXY exempts hosts', async () => {
      const through = await release({ inputs: { 'dry-run': 'true' }, env: { HTTP_PROXY: proxy.url } })
      expect(errors(through)).toEqual([])
      expect(through.status).toBe(0)
      expect(proxy.carried).toEqual(expect.arrayContaining([`CONNECT ${gh.host}`, `CONNECT ${index.host}`]))

      proxy.carried.length = 0
      const around = await release({ inputs: { 'dry-run': 'true' }, env: { HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1' } })
      expect(around.status).toBe(0)
      expect(proxy.carried).toEqual([])
    })

    test('HTTPS_PROXY tunnels https:// (the index over TLS)', async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'pyship-tls-'))
      try {
        const key = path.join(dir, 'key.pem')
        const cert = path.join(dir, 'cert.pem')
        execFileSync(
          'openssl',
          [
            'req',
            '-x509',
            '-newkey',
            'rsa:2048',
            '-nodes',
            '-keyout',
            key,
            '-out',
            cert,
            '-days',
            '1',
            '-subj',
            '/CN=127.0.0.1',
            '-addext',
            'subjectAltName=IP:127.0.0.1'
          ],
          { stdio: 'ignore' }
        )
        const tls = await startFaulty(world.pypi.url, { tls: { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8') } })
        try {
          const run = await release({
            inputs: { 'dry-run': 'true', 'pypi-url': tls.url },
            env: { HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: cert }
          })
          expect(errors(run)).toEqual([])
          expect(run.status).toBe(0)
          expect(proxy.carried).toEqual([`CONNECT ${tls.host}`]) // GitHub is http://: not for HTTPS_PROXY
          expect(tls.requests.map((r) => r.path)).toContain('/pypi/dakora-client/1.4.0/json')
        } finally {
          await tls.close()
        }
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    })
  })
})

describeWithTools(['git'], 'registry tags through the bundled action', () => {
  let world: World
  let ghcr: TokenRegistryStandIn

  beforeEach(async () => {
    world = await startWorld()
    ghcr = await startTokenRegistry({ tagsPageSize: 2 })
  })
  afterEach(async () => {
    await ghcr.close()
    await world.close()
  })

  test('the tag list is read to its last page: rollback moves latest to the highest good version on page 2', async () => {
    const repo = 'acme/dakora/server'
    for (const v of ['1.0.0', '1.1.0', '1.2.0']) ghcr.seed(repo, v, null, { config: { Labels: { 'org.opencontainers.image.version': v } } })
    const bad = ghcr.seed(repo, '2.0.0', null, { config: { Labels: { 'org.opencontainers.image.version': '2.0.0' } } })
    ghcr.seed(repo, 'latest', null, { config: { Labels: { 'org.opencontainers.image.version': '2.0.0' } } })
    expect(ghcr.digest(repo, 'latest')).toBe(bad)
    const run = await world.action('rollback', 'docker', {
      inputs: {
        version: '2.0.0',
        'dry-run': 'true',
        registry: ghcr.host,
        'registry-username': ghcr.username,
        'registry-password': ghcr.password
      },
      env: FAST
    })
    expect(errors(run)).toEqual([])
    expect(run.status).toBe(0)
    // pages: [1.0.0, 1.1.0] [1.2.0, 2.0.0] [latest]
    expect(ghcr.requests.filter((r) => r.path.includes('/tags/list') && r.status === 200).length).toBeGreaterThanOrEqual(3)
    expect(run.summary).toContain(`move ${ghcr.host}/${repo}:latest to 1.2.0`)
  })
})
