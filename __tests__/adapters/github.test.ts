/**
 * pyship's GitHub client against the GitHub stand-in (validated against @octokit/openapi),
 * behind the fault proxy: pages to the last one, adopts the release a lost POST made, and
 * names the real cause of a failure.
 */
import { afterAll, afterEach, beforeAll, expect, test } from '@jest/globals'
import { PyshipError } from '../../src/errors.js'
import { GitHub } from '../../src/adapters/github.js'
import { configureHttp } from '../../src/adapters/http.js'
import { startGithub, type GithubStandIn } from '../../__fixtures__/github-server.js'
import { startFaulty, type Faulty } from '../../__fixtures__/faults.js'

let stand: GithubStandIn
let gh: Faulty

beforeAll(async () => {
  stand = await startGithub({ owner: 'acme', repo: 'dakora' })
  gh = await startFaulty(stand.url)
})
afterAll(async () => {
  await gh.close()
  await stand.close()
})
afterEach(() => {
  stand.releases.length = 0
  stand.violations.length = 0
  gh.clear()
  configureHttp()
})

const client = (): GitHub => new GitHub(gh.url, 'acme/dakora', stand.token)
const codeOf = async (p: Promise<unknown>): Promise<string> =>
  p.then(
    () => 'ok',
    (e: unknown) => (e instanceof PyshipError ? e.code : String(e))
  )

test('releases() reads every page (250 releases, 3 pages)', async () => {
  for (let i = 0; i < 250; i++) stand.seedRelease({ tag_name: `v0.0.${i}`, draft: true })
  const all = await client().releases()
  expect(all).toHaveLength(250)
  expect(new Set(all.map((r) => r.tag_name)).size).toBe(250)
  expect(stand.violations).toEqual([])
})

test('createRelease() after a lost answer adopts the release GitHub made: exactly one', async () => {
  configureHttp({ attempts: 3, backoff: 0.01 })
  gh.rule({ method: 'POST', path: '/repos/acme/dakora/releases', fault: 'lost-answer', times: 1 })
  const made = await client().createRelease({ tag_name: 'cli-v2.0.0', target_commitish: 'main', name: 'cli 2.0.0', draft: true })
  expect(stand.releases).toHaveLength(1)
  expect(made.id).toBe(stand.releases[0].id)
  expect(stand.requests.filter((r) => r.method === 'POST')).toHaveLength(1)
  expect(stand.violations).toEqual([])
})

test.each([
  [{ status: 502 }, 'E_NETWORK'],
  [{ status: 500 }, 'E_NETWORK'],
  [{ status: 403, body: '{"message":"Resource not accessible by integration"}' }, 'E_GITHUB_DENIED'],
  [{ status: 401, body: '{"message":"Bad credentials"}' }, 'E_GITHUB_DENIED'],
  [{ status: 200, body: '[{"id": "one"}]' }, 'E_NETWORK']
])('GET releases answered %j → %s', async (fault, code) => {
  configureHttp({ attempts: 2, backoff: 0.01 })
  gh.rule({ path: '/repos/acme/dakora/releases', fault, times: 2 })
  expect(await codeOf(client().releases())).toBe(code)
})

test.each([
  ['with attestations: write', true, null],
  ['without attestations: write', false, 'E_GITHUB_DENIED']
])('attestationsWritable() %s: the probe stores nothing and names the permission when refused', async (_why, writable, code) => {
  stand.attestationsWrite = writable
  try {
    const refused = await client().attestationsWritable()
    expect(refused?.code ?? null).toBe(code)
    if (refused) expect(refused.message).toContain('attestations: write')
    expect(stand.attestations).toEqual([])
    expect(stand.violations).toEqual([])
  } finally {
    stand.attestationsWrite = true
  }
})

test('createAttestation() after a lost answer adopts the attestation GitHub stored: exactly one', async () => {
  configureHttp({ attempts: 3, backoff: 0.01 })
  stand.attestations.length = 0
  const digest = 'c'.repeat(64)
  const statement = {
    _type: 'https://in-toto.io/Statement/v1',
    subject: [{ name: 'a.whl', digest: { sha256: digest } }],
    predicateType: 'https://slsa.dev/provenance/v1',
    predicate: {}
  }
  const bundle = {
    mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
    verificationMaterial: {},
    dsseEnvelope: {
      payload: Buffer.from(JSON.stringify(statement)).toString('base64'),
      payloadType: 'application/vnd.in-toto+json',
      signatures: [{ sig: 'c2ln', keyid: '' }]
    }
  }
  gh.rule({ method: 'POST', path: '/repos/acme/dakora/attestations', fault: 'lost-answer', times: 1 })
  const before = stand.requests.length
  await client().createAttestation(bundle, `sha256:${digest}`)
  expect(stand.attestations).toHaveLength(1)
  expect(stand.requests.slice(before).filter((r) => r.method === 'POST')).toHaveLength(1)
  expect((await client().attestations(`sha256:${digest}`, 'https://slsa.dev/provenance/v1')).map((a) => a.bundle)).toEqual([bundle])
  expect(stand.violations).toEqual([])
})
