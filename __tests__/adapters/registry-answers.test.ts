/**
 * pyship's registry client (SPEC §4 preflight/release, §10 images) against a scripted
 * registry on 127.0.0.1: each test says how the registry answers, then checks what the
 * client returned or threw and the requests the registry received (method, path, the
 * headers that matter, body). Covers every answer the client tells apart — the auth
 * challenges (Basic, Bearer with its token service), the denied / absent / unexpected
 * statuses of each operation, tag pages, blob uploads, manifests and indexes.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from '@jest/globals'
import { createHash } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { Readable } from 'node:stream'
import { configureHttp } from '../../src/adapters/http.js'
import {
  EMPTY_CONFIG,
  OCI_INDEX,
  OCI_MANIFEST,
  parseChallenge,
  platformName,
  Registry,
  referrersTag,
  sha256Digest,
  streamDigest
} from '../../src/adapters/registry.js'
import { PyshipError } from '../../src/errors.js'

interface Seen {
  method: string
  /** Path and query as sent. */
  path: string
  authorization?: string
  accept?: string
  contentType?: string
  contentLength?: string
  body: string
}
interface Answer {
  status: number
  headers?: Record<string, string>
  body?: string | Buffer
}

const sha = (data: string | Buffer): string => `sha256:${createHash('sha256').update(data).digest('hex')}`
const REPO = 'acme/app'
const USER = 'bot'
const PASSWORD = 'pw-Secret-123'
const BASIC = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`
const DIGEST = `sha256:${'a'.repeat(64)}`

let server: http.Server
let host = ''
let seen: Seen[] = []
/** How the registry answers a request; unscripted requests are 404. */
let reply: (r: Seen) => Answer | undefined = () => undefined

beforeAll(async () => {
  configureHttp({ attempts: 1, connectTimeout: 2, idleTimeout: 2, attemptTimeout: 4, backoff: 0.01, maxBackoff: 0.01, rateLimitWait: 1 })
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const r: Seen = {
        method: req.method ?? '',
        path: req.url ?? '',
        authorization: req.headers.authorization,
        accept: req.headers.accept,
        contentType: req.headers['content-type'],
        contentLength: req.headers['content-length'],
        body: Buffer.concat(chunks).toString('utf8')
      }
      seen.push(r)
      const a = reply(r) ?? { status: 404 }
      res.writeHead(a.status, a.headers ?? {})
      res.end(req.method === 'HEAD' ? undefined : a.body)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  configureHttp()
  await new Promise((r) => server.close(r))
})
beforeEach(() => {
  seen = []
  reply = () => undefined
})

const registry = (username = USER, password = PASSWORD): Registry => new Registry(host, username, password)
const json = (status: number, body: unknown, headers: Record<string, string> = {}): Answer => ({
  status,
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body)
})
/** What a promise settled to: 'ok', or the error's code and message. */
const outcome = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p
    return 'ok'
  } catch (error) {
    return error instanceof PyshipError ? `${error.code}: ${error.message}` : `not a PyshipError: ${String(error)}`
  }
}
const lines = (): string[] => seen.map((r) => `${r.method} ${r.path}`)
/** What the client accepts for a manifest, spelt out (not read from the module under test). */
const ACCEPT =
  'application/vnd.oci.image.index.v1+json, application/vnd.docker.distribution.manifest.list.v2+json, application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json'

describe('parseChallenge', () => {
  test.each<[string, string, Record<string, string>]>([
    [
      'Bearer realm="https://ghcr.io/token",service="ghcr.io",scope="repository:acme/app:pull"',
      'bearer',
      { realm: 'https://ghcr.io/token', service: 'ghcr.io', scope: 'repository:acme/app:pull' }
    ],
    ['Basic realm="Registry Realm"', 'basic', { realm: 'Registry Realm' }],
    ['BEARER realm="r1",error="insufficient_scope"', 'bearer', { realm: 'r1', error: 'insufficient_scope' }],
    ['Bearer realm=""', 'bearer', { realm: '' }],
    ['Basic', 'basic', {}],
    ['', '', {}]
  ])('%j → %s %j', (header, scheme, params) => {
    expect(parseChallenge(header)).toEqual({ scheme, params })
  })
})

describe('the registry URL: plain HTTP only for this machine', () => {
  test.each([
    ['127.0.0.1', 'http://127.0.0.1/v2/acme/app/manifests/1.0'],
    ['localhost', 'http://localhost/v2/acme/app/manifests/1.0'],
    ['[::1]', 'http://[::1]/v2/acme/app/manifests/1.0'],
    ['0.0.0.0', 'https://0.0.0.0/v2/acme/app/manifests/1.0'],
    ['notlocalhost', 'https://notlocalhost/v2/acme/app/manifests/1.0'],
    ['localhost.', 'https://localhost./v2/acme/app/manifests/1.0'],
    ['127.0.0.1x', 'https://127.0.0.1x/v2/acme/app/manifests/1.0']
  ])('%s → %s', async (where, url) => {
    configureHttp({ attempts: 1, connectTimeout: 2, idleTimeout: 2, attemptTimeout: 4 })
    const message = await outcome(new Registry(where, '', '').digest(REPO, '1.0'))
    expect(message).toMatch(/^E_NETWORK: /)
    expect(message).toContain(`HEAD ${url} `)
  })
})

describe('auth challenges', () => {
  const digestAnswer = (r: Seen): Answer =>
    r.authorization ? { status: 200, headers: { 'docker-content-digest': DIGEST } } : { status: 401, headers: {} }

  test('a Basic challenge is answered with the username and password', async () => {
    reply = (r) => (r.authorization === BASIC ? digestAnswer(r) : { status: 401, headers: { 'www-authenticate': 'Basic realm="r"' } })
    expect(await registry().digest(REPO, '1.0')).toBe(DIGEST)
    expect(seen.map((r) => r.authorization)).toEqual([undefined, BASIC])
  })

  test.each([
    ['no password', USER, ''],
    ['no username', '', PASSWORD]
  ])('a Basic challenge with %s is not answered: the 401 is the answer', async (_name, username, password) => {
    reply = () => ({ status: 401, headers: { 'www-authenticate': 'Basic realm="r"' } })
    expect(await outcome(registry(username, password).digest(REPO, '1.0'))).toBe(
      `E_REGISTRY_DENIED: ${host} refused reading ${REPO}:1.0 (401)`
    )
    expect(seen).toHaveLength(1)
  })

  test.each([
    ['no challenge at all', undefined],
    ['an unknown scheme', 'Negotiate realm="x"'],
    ['a Bearer challenge without a realm', 'Bearer service="s"']
  ])('%s: the 401 is the answer, asked once', async (_name, challenge) => {
    reply = (): Answer => ({ status: 401, headers: challenge ? { 'www-authenticate': challenge } : {} })
    expect(await outcome(registry().digest(REPO, '1.0'))).toBe(`E_REGISTRY_DENIED: ${host} refused reading ${REPO}:1.0 (401)`)
    expect(seen).toHaveLength(1)
  })

  const bearer = (tokenBody: object, service = ',service="reg.test"') => {
    reply = (r) => {
      if (r.path.startsWith('/token')) return json(200, tokenBody)
      if (r.authorization === 'Bearer T1' || r.authorization === 'Bearer T2') return digestAnswer(r)
      return { status: 401, headers: { 'www-authenticate': `Bearer realm="http://${host}/token"${service}` } }
    }
  }

  test('a Bearer challenge: a token for the scope from the realm, with the service and the credentials; then cached per scope', async () => {
    bearer({ token: 'T1', access_token: 'T2' })
    const client = registry()
    expect(await client.digest(REPO, '1.0')).toBe(DIGEST)
    expect(await client.digest(REPO, '2.0')).toBe(DIGEST)
    expect(lines()).toEqual([
      `HEAD /v2/${REPO}/manifests/1.0`,
      `GET /token?service=reg.test&scope=${encodeURIComponent(`repository:${REPO}:pull`)}`,
      `HEAD /v2/${REPO}/manifests/1.0`,
      `HEAD /v2/${REPO}/manifests/2.0`
    ])
    expect(seen.map((r) => r.authorization)).toEqual([undefined, BASIC, 'Bearer T1', 'Bearer T1'])
    // another scope asks for another token
    seen = []
    await client.deleteTag(REPO, '1.0')
    expect(lines()).toEqual([
      `DELETE /v2/${REPO}/manifests/1.0`,
      `GET /token?service=reg.test&scope=${encodeURIComponent(`repository:${REPO}:pull,push,delete`)}`,
      `DELETE /v2/${REPO}/manifests/1.0`
    ])
  })

  test('a token service that names only access_token, a challenge without service, anonymous: no Authorization to the token service', async () => {
    bearer({ access_token: 'T2' }, '')
    expect(await registry('', '').digest(REPO, '1.0')).toBe(DIGEST)
    expect(seen[1].path).toBe(`/token?scope=${encodeURIComponent(`repository:${REPO}:pull`)}`)
    expect(seen.map((r) => r.authorization)).toEqual([undefined, undefined, 'Bearer T2'])
  })

  test.each([
    [401, USER, PASSWORD, `refused a token for repository:${REPO}:pull (401)`],
    [403, USER, PASSWORD, `refused a token for repository:${REPO}:pull (403)`],
    [401, '', '', `refused a token for repository:${REPO}:pull (401) without credentials`],
    [403, USER, '', `refused a token for repository:${REPO}:pull (403) without credentials`],
    [404, USER, PASSWORD, 'token service answered 404'],
    [201, USER, PASSWORD, 'token service answered 201']
  ])('the token service answers %i (%j) → E_REGISTRY_DENIED', async (status, username, password, message) => {
    reply = (r) =>
      r.path.startsWith('/token')
        ? json(status, { token: 'T1' })
        : { status: 401, headers: { 'www-authenticate': `Bearer realm="http://${host}/token"` } }
    expect(await outcome(registry(username, password).digest(REPO, '1.0'))).toBe(`E_REGISTRY_DENIED: ${host} ${message}`)
    expect(lines()).toEqual([`HEAD /v2/${REPO}/manifests/1.0`, `GET /token?scope=${encodeURIComponent(`repository:${REPO}:pull`)}`])
  })

  test('a token answer that is not a token is E_NETWORK', async () => {
    reply = (r) =>
      r.path.startsWith('/token')
        ? json(200, { token: 7 })
        : { status: 401, headers: { 'www-authenticate': `Bearer realm="http://${host}/token"` } }
    expect(await outcome(registry().digest(REPO, '1.0'))).toMatch(/^E_NETWORK: the token service of .* JSON that is not a token/)
  })
})

describe('checkLogin', () => {
  test.each([
    [
      'no password',
      USER,
      '',
      undefined,
      `no credentials for HOST to push to ${REPO}: set registry-username and registry-password (or github-token)`
    ],
    ['no username', '', PASSWORD, 'the docker config', `no credentials for HOST to push to ${REPO}: the docker config`]
  ])('%s: E_REGISTRY_DENIED naming where credentials come from, nothing asked', async (_n, username, password, from, message) => {
    const client = from === undefined ? new Registry(host, username, password) : new Registry(host, username, password, from)
    expect(await outcome(client.checkLogin(REPO))).toBe(`E_REGISTRY_DENIED: ${message.replace('HOST', host)}`)
    expect(seen).toEqual([])
  })

  test.each([
    [401, `refused the login of ${USER} (401)`],
    [403, `refused the login of ${USER} (403)`],
    [404, '/v2/ answered 404: it does not look like a registry that accepts this login'],
    [204, '/v2/ answered 204: it does not look like a registry that accepts this login']
  ])('/v2/ answers %i → E_REGISTRY_DENIED', async (status, message) => {
    reply = (r) => (r.path === '/v2/' ? { status } : undefined)
    expect(await outcome(registry().checkLogin(REPO))).toBe(`E_REGISTRY_DENIED: ${host}${message.startsWith('/') ? '' : ' '}${message}`)
    expect(lines()).toEqual(['GET /v2/'])
  })

  test.each([
    [401, `E_REGISTRY_DENIED: HOST lets ${USER} log in but not push to ${REPO} (401)`, []],
    [403, `E_REGISTRY_DENIED: HOST lets ${USER} log in but not push to ${REPO} (403)`, []],
    [202, 'ok', [`DELETE /v2/${REPO}/blobs/uploads/u-1?_state=s`]],
    [201, 'ok', []],
    [404, 'ok', []]
  ])('the blob upload start answers %i → %s', async (status, expected, after) => {
    reply = (r) =>
      r.path === '/v2/'
        ? { status: 200 }
        : r.method === 'POST'
          ? { status, headers: { location: `/v2/${REPO}/blobs/uploads/u-1?_state=s` } }
          : { status: 204 }
    expect(await outcome(registry().checkLogin(REPO))).toBe(expected.replace('HOST', host))
    expect(lines()).toEqual(['GET /v2/', `POST /v2/${REPO}/blobs/uploads/`, ...after])
  })

  test('an upload location as a full URL is cancelled by its path; a 202 without location cancels nothing; a failed cancel is no error', async () => {
    reply = (r) =>
      r.path === '/v2/'
        ? { status: 200 }
        : r.method === 'POST'
          ? { status: 202, headers: { location: `http://${host}/v2/${REPO}/blobs/uploads/u-2` } }
          : { status: 400 }
    expect(await outcome(registry().checkLogin(REPO))).toBe('ok')
    expect(lines()).toEqual(['GET /v2/', `POST /v2/${REPO}/blobs/uploads/`, `DELETE /v2/${REPO}/blobs/uploads/u-2`])
    seen = []
    reply = (r) => (r.path === '/v2/' ? { status: 200 } : { status: 202 })
    expect(await outcome(registry().checkLogin(REPO))).toBe('ok')
    expect(lines()).toEqual(['GET /v2/', `POST /v2/${REPO}/blobs/uploads/`])
  })

  test('a cancel the registry never answers is no error', async () => {
    reply = (r) =>
      r.path === '/v2/'
        ? { status: 200 }
        : r.method === 'POST'
          ? { status: 202, headers: { location: '/v2/acme/app/blobs/uploads/u-3' } }
          : { status: 503 }
    expect(await outcome(registry().checkLogin(REPO))).toBe('ok')
  })

  test('the same token serves the login check and the upload (one scope)', async () => {
    reply = (r) => {
      if (r.path.startsWith('/token')) return json(200, { token: 'T1' })
      if (r.authorization !== 'Bearer T1') return { status: 401, headers: { 'www-authenticate': `Bearer realm="http://${host}/token"` } }
      return r.path === '/v2/' ? { status: 200 } : { status: 201 }
    }
    await registry().checkLogin(REPO)
    expect(lines()).toEqual([
      'GET /v2/',
      `GET /token?scope=${encodeURIComponent(`repository:${REPO}:pull,push`)}`,
      'GET /v2/',
      `POST /v2/${REPO}/blobs/uploads/`
    ])
  })
})

describe('digest', () => {
  test.each([
    [200, `ok ${DIGEST}`],
    [404, 'ok null'],
    [401, `E_REGISTRY_DENIED: HOST refused reading ${REPO}:1.0 (401)`],
    [403, `E_REGISTRY_DENIED: HOST refused reading ${REPO}:1.0 (403)`],
    [400, `E_REGISTRY_DENIED: HOST answered 400 for ${REPO}:1.0`],
    [204, `E_REGISTRY_DENIED: HOST answered 204 for ${REPO}:1.0`]
  ])('HEAD of the manifest answers %i → %s', async (status, expected) => {
    reply = () => ({ status, headers: { 'docker-content-digest': DIGEST } })
    let got = ''
    const result = await outcome(
      registry()
        .digest(REPO, '1.0')
        .then((d) => (got = `ok ${d}`))
    )
    expect(result === 'ok' ? got : result).toBe(expected.replace('HOST', host))
    expect(lines()).toEqual([`HEAD /v2/${REPO}/manifests/1.0`])
    expect(seen[0].accept).toBe(ACCEPT)
  })
})

describe('tags', () => {
  test('every page, following Link (relative or absolute on the same host); null tags are none', async () => {
    reply = (r) => {
      if (r.path === `/v2/${REPO}/tags/list?n=1000`)
        return json(200, { tags: ['1.0', '1.1'] }, { link: `</v2/${REPO}/tags/list?n=2&last=1.1>; rel="next"` })
      if (r.path === `/v2/${REPO}/tags/list?n=2&last=1.1`)
        return json(200, { tags: null }, { link: `<http://${host}/v2/${REPO}/tags/list?n=2&last=x>; rel="next"` })
      if (r.path === `/v2/${REPO}/tags/list?n=2&last=x`) return json(200, { tags: ['2.0'] })
      return undefined
    }
    expect(await registry().tags(REPO)).toEqual(['1.0', '1.1', '2.0'])
    expect(seen).toHaveLength(3)
  })

  test('a repository the registry does not know (404 on the first page) has no tags', async () => {
    expect(await registry().tags(REPO)).toEqual([])
  })

  test.each([
    [404, 2, `E_REGISTRY_DENIED: HOST answered 404 listing the tags of ${REPO}`],
    [401, 1, `E_REGISTRY_DENIED: HOST refused listing the tags of ${REPO} (401)`],
    [403, 1, `E_REGISTRY_DENIED: HOST refused listing the tags of ${REPO} (403)`],
    [403, 2, `E_REGISTRY_DENIED: HOST refused listing the tags of ${REPO} (403)`],
    [400, 1, `E_REGISTRY_DENIED: HOST answered 400 listing the tags of ${REPO}`],
    [206, 1, `E_REGISTRY_DENIED: HOST answered 206 listing the tags of ${REPO}`]
  ])('page answering %i (page %i) → %s', async (status, page, expected) => {
    reply = (r) =>
      page === 2 && r.path.endsWith('n=1000')
        ? json(200, { tags: ['1.0'] }, { link: `</v2/${REPO}/tags/list?last=1.0>; rel="next"` })
        : json(status, { tags: [] })
    expect(await outcome(registry().tags(REPO))).toBe(expected.replace('HOST', host))
    expect(seen).toHaveLength(page)
  })

  test('a page that links back to an earlier one is E_NETWORK (they do not end), naming the page', async () => {
    reply = (r) =>
      r.path.endsWith('n=1000')
        ? json(200, { tags: ['a'] }, { link: `</v2/${REPO}/tags/list?last=a>; rel="next"` })
        : json(200, { tags: ['b'] }, { link: `</v2/${REPO}/tags/list?n=1000>; rel="next"` })
    expect(await outcome(registry().tags(REPO))).toBe(
      `E_NETWORK: the registry ${host}'s pages of the tags of ${REPO} do not end (page 3); a re-run resumes where this one stopped`
    )
    expect(seen).toHaveLength(2)
  })

  test('a next page on another host is not followed (the credentials stay here)', async () => {
    reply = () => json(200, { tags: ['a'] }, { link: '<http://127.0.0.2:1/v2/acme/app/tags/list?last=a&token=x>; rel="next"' })
    expect(await outcome(registry().tags(REPO))).toBe(
      `E_NETWORK: the registry ${host}'s next page of tags is on another host (http://127.0.0.2:1/v2/acme/app/tags/list); not followed with the credentials; a re-run resumes where this one stopped`
    )
    expect(seen).toHaveLength(1)
  })

  test.each([[{ tags: [1] }], [{ tags: 'a' }], [[]]])('a tag list %j is E_NETWORK', async (body) => {
    reply = () => json(200, body)
    expect(await outcome(registry().tags(REPO))).toMatch(/^E_NETWORK: .*JSON that is not a tag list/)
  })
})

describe('manifest and annotations', () => {
  test.each([
    [{ 'content-type': `${OCI_INDEX}; charset=utf-8` }, OCI_INDEX],
    [{}, OCI_MANIFEST]
  ])('the media type from %j is %s; no annotations are {}', async (headers, mediaType) => {
    reply = () => ({ status: 200, headers, body: '{"schemaVersion":2}' })
    expect(await registry().annotations(REPO, '1.0')).toEqual({ mediaType, annotations: {} })
    expect(seen[0].accept).toBe(ACCEPT)
    expect(lines()).toEqual([`GET /v2/${REPO}/manifests/1.0`])
  })

  test('annotations and the body as served', async () => {
    const body = JSON.stringify({ annotations: { a: 'b' } })
    reply = () => ({ status: 200, headers: { 'content-type': ` ${OCI_MANIFEST} ;x` }, body })
    expect(await registry().annotations(REPO, '1.0')).toEqual({ mediaType: OCI_MANIFEST, annotations: { a: 'b' } })
    expect((await registry().manifest(REPO, '1.0'))?.body).toBe(body)
  })

  test.each([[{ annotations: { a: 1 } }], [{ annotations: ['a'] }], [{ annotations: null }], [[]]])(
    'annotations %j are E_NETWORK',
    async (doc) => {
      reply = () => json(200, doc)
      expect(await outcome(registry().annotations(REPO, '1.0'))).toMatch(/^E_NETWORK: .*JSON that is not a manifest/)
    }
  )

  test.each([
    [404, 'ok'],
    [401, `E_REGISTRY_DENIED: HOST refused reading the manifest of ${REPO}:1.0 (401)`],
    [403, `E_REGISTRY_DENIED: HOST refused reading the manifest of ${REPO}:1.0 (403)`],
    [400, `E_REGISTRY_DENIED: HOST answered 400 for the manifest of ${REPO}:1.0`],
    [206, `E_REGISTRY_DENIED: HOST answered 206 for the manifest of ${REPO}:1.0`]
  ])('a manifest answering %i → %s (null when absent)', async (status, expected) => {
    reply = () => json(status, {})
    const client = registry()
    expect(await outcome(client.annotations(REPO, '1.0').then((a) => expect(a).toBeNull()))).toBe(expected.replace('HOST', host))
  })
})

describe('labels', () => {
  const config = JSON.stringify({ config: { Labels: { v: '1' } } })
  const image = JSON.stringify({ config: { digest: sha(config) } })
  const index = JSON.stringify({ manifests: [{ digest: sha(image) }, { digest: DIGEST }] })
  const serve =
    (files: Record<string, string | number>) =>
    (r: Seen): Answer | undefined => {
      const f = files[r.path.replace(`/v2/${REPO}/`, '')]
      return f === undefined ? undefined : typeof f === 'number' ? { status: f } : json(200, JSON.parse(f))
    }

  test.each<[string, Record<string, string | number>, Record<string, string>, string[]]>([
    ['an image', { 'manifests/1.0': image, [`blobs/${sha(config)}`]: config }, { v: '1' }, ['manifests/1.0', `blobs/${sha(config)}`]],
    [
      'an index: its first image',
      { 'manifests/1.0': index, [`manifests/${sha(image)}`]: image, [`blobs/${sha(config)}`]: config },
      { v: '1' },
      ['manifests/1.0', `manifests/${sha(image)}`, `blobs/${sha(config)}`]
    ],
    ['an empty index: no config', { 'manifests/1.0': '{"manifests":[]}' }, {}, ['manifests/1.0']],
    ['an index whose image is gone', { 'manifests/1.0': index }, {}, ['manifests/1.0', `manifests/${sha(image)}`]],
    ['no tag', {}, {}, ['manifests/1.0']],
    ['no config', { 'manifests/1.0': '{}' }, {}, ['manifests/1.0']],
    ['a config blob not served', { 'manifests/1.0': image, [`blobs/${sha(config)}`]: 401 }, {}, ['manifests/1.0', `blobs/${sha(config)}`]],
    [
      'a config without labels',
      { 'manifests/1.0': image, [`blobs/${sha(config)}`]: '{"config":{"Labels":null}}' },
      {},
      ['manifests/1.0', `blobs/${sha(config)}`]
    ],
    ['a config without config', { 'manifests/1.0': image, [`blobs/${sha(config)}`]: '{}' }, {}, ['manifests/1.0', `blobs/${sha(config)}`]]
  ])('%s', async (_name, files, labels, asked) => {
    reply = serve(files)
    expect(await registry().labels(REPO, '1.0')).toEqual(labels)
    expect(seen.map((r) => r.path.replace(`/v2/${REPO}/`, ''))).toEqual(asked)
  })

  test('a manifest whose manifests is not a list is E_NETWORK', async () => {
    reply = () => json(200, { manifests: {} })
    expect(await outcome(registry().labels(REPO, '1.0'))).toMatch(/JSON that is not an image manifest/)
  })
})

describe('deleteTag, hasBlob', () => {
  test.each([
    [202, 'true'],
    [200, 'true'],
    [201, 'false'],
    [404, 'false'],
    [405, 'false'],
    [401, `E_REGISTRY_DENIED: HOST refused deleting ${REPO}:1.0 (401)`],
    [403, `E_REGISTRY_DENIED: HOST refused deleting ${REPO}:1.0 (403)`]
  ])('DELETE of the tag answering %i → %s', async (status, expected) => {
    reply = () => ({ status })
    let got = ''
    const result = await outcome(
      registry()
        .deleteTag(REPO, '1.0')
        .then((d) => (got = String(d)))
    )
    expect(result === 'ok' ? got : result).toBe(expected.replace('HOST', host))
    expect(lines()).toEqual([`DELETE /v2/${REPO}/manifests/1.0`])
  })

  test.each([
    [200, 'true'],
    [404, 'false'],
    [204, 'false'],
    [401, `E_REGISTRY_DENIED: HOST refused reading ${REPO}@${DIGEST} (401)`],
    [403, `E_REGISTRY_DENIED: HOST refused reading ${REPO}@${DIGEST} (403)`]
  ])('HEAD of a blob answering %i → %s', async (status, expected) => {
    reply = () => ({ status })
    let got = ''
    const result = await outcome(
      registry()
        .hasBlob(REPO, DIGEST)
        .then((d) => (got = String(d)))
    )
    expect(result === 'ok' ? got : result).toBe(expected.replace('HOST', host))
    expect(lines()).toEqual([`HEAD /v2/${REPO}/blobs/${DIGEST}`])
  })
})

describe('tag: the manifest put again under another tag', () => {
  const body = '{"schemaVersion":2,"x":"é"}'
  test.each([
    [201, 'ok'],
    [200, 'ok'],
    [202, `E_REGISTRY_DENIED: HOST answered 202 tagging ${REPO}:latest`],
    [400, `E_REGISTRY_DENIED: HOST answered 400 tagging ${REPO}:latest`],
    [401, `E_REGISTRY_DENIED: HOST refused tagging ${REPO}:latest (401)`],
    [403, `E_REGISTRY_DENIED: HOST refused tagging ${REPO}:latest (403)`]
  ])('PUT answering %i → %s', async (status, expected) => {
    reply = (r) => (r.method === 'GET' ? { status: 200, headers: { 'content-type': OCI_INDEX }, body } : { status })
    expect(await outcome(registry().tag(REPO, DIGEST, 'latest'))).toBe(expected.replace('HOST', host))
    expect(lines()).toEqual([`GET /v2/${REPO}/manifests/${DIGEST}`, `PUT /v2/${REPO}/manifests/latest`])
    expect(seen[1]).toMatchObject({ contentType: OCI_INDEX, body })
  })

  test('a digest the registry does not hold is E_VERIFY, nothing put', async () => {
    expect(await outcome(registry().tag(REPO, DIGEST, 'latest'))).toBe(`E_VERIFY: ${REPO}@${DIGEST} is not in ${host}`)
    expect(lines()).toEqual([`GET /v2/${REPO}/manifests/${DIGEST}`])
  })
})

describe('pushBlob', () => {
  const data = Buffer.from('layer bytes')
  const digest = sha(data)

  test('a blob already there is not sent', async () => {
    reply = () => ({ status: 200 })
    await registry().pushBlob(REPO, digest, data)
    expect(lines()).toEqual([`HEAD /v2/${REPO}/blobs/${digest}`])
  })

  test.each([
    [201, 'ok'],
    [204, 'ok'],
    [401, `E_REGISTRY_DENIED: HOST refused the upload of ${digest} to ${REPO} (401)`],
    [403, `E_REGISTRY_DENIED: HOST refused the upload of ${digest} to ${REPO} (403)`]
  ])('POST, then PUT <location>&digest= with the bytes, answering %i → %s', async (status, expected) => {
    reply = (r) =>
      r.method === 'HEAD' ? { status: 404 } : r.method === 'POST' ? { status: 202, headers: { location: '/up/1?_state=s' } } : { status }
    expect(await outcome(registry().pushBlob(REPO, digest, data))).toBe(expected.replace('HOST', host))
    expect(lines()).toEqual([
      `HEAD /v2/${REPO}/blobs/${digest}`,
      `POST /v2/${REPO}/blobs/uploads/`,
      `PUT /up/1?_state=s&digest=${encodeURIComponent(digest)}`
    ])
    expect(seen[2]).toMatchObject({ contentType: 'application/octet-stream', contentLength: String(data.length), body: 'layer bytes' })
  })

  test('a failed PUT: the registry is asked again, the upload started once more, then the failure is E_REGISTRY_DENIED', async () => {
    reply = (r) =>
      r.method === 'HEAD' ? { status: 404 } : r.method === 'POST' ? { status: 202, headers: { location: '/up/1' } } : { status: 400 }
    expect(await outcome(registry().pushBlob(REPO, digest, data))).toBe(
      `E_REGISTRY_DENIED: ${host} answered 400 to the upload of ${digest} to ${REPO}`
    )
    const round = [`HEAD /v2/${REPO}/blobs/${digest}`, `POST /v2/${REPO}/blobs/uploads/`, `PUT /up/1?digest=${encodeURIComponent(digest)}`]
    expect(lines()).toEqual([...round, ...round])
  })

  test('a failed PUT after which the registry holds the blob: done, not sent again', async () => {
    let puts = 0
    reply = (r) => {
      if (r.method === 'PUT') return { status: puts++ === 0 ? 400 : 201 }
      if (r.method === 'HEAD') return { status: puts > 0 ? 200 : 404 }
      return { status: 202, headers: { location: '/up/1' } }
    }
    await registry().pushBlob(REPO, digest, data)
    expect(lines().map((l) => l.split(' ')[0])).toEqual(['HEAD', 'POST', 'PUT', 'HEAD'])
  })

  test.each([
    [401, {}, `refused a blob upload to ${REPO} (401)`],
    [403, {}, `refused a blob upload to ${REPO} (403)`],
    [202, {}, `answered 202 starting a blob upload to ${REPO}`],
    [201, { location: '/up/1' }, `answered 201 starting a blob upload to ${REPO}`],
    [404, { location: '/up/1' }, `answered 404 starting a blob upload to ${REPO}`]
  ])('the upload start answering %i %j → E_REGISTRY_DENIED, nothing put', async (status, headers, message) => {
    reply = (r) => (r.method === 'HEAD' ? { status: 404 } : { status, headers })
    expect(await outcome(registry().pushBlob(REPO, digest, data))).toBe(`E_REGISTRY_DENIED: ${host} ${message}`)
    expect(lines()).toEqual([`HEAD /v2/${REPO}/blobs/${digest}`, `POST /v2/${REPO}/blobs/uploads/`])
  })
})

describe('putManifest, pushImage, imageFacts, putIndex', () => {
  test.each([
    [201, { 'docker-content-digest': DIGEST }, `ok ${DIGEST}`],
    [200, {}, `ok ${sha('{"m":1}')}`],
    [202, {}, 'E_REGISTRY_DENIED: HOST answered 202 storing a manifest in acme/app: '],
    [401, {}, `E_REGISTRY_DENIED: HOST refused storing a manifest in ${REPO} (401)`],
    [403, {}, `E_REGISTRY_DENIED: HOST refused storing a manifest in ${REPO} (403)`]
  ])('PUT answering %i %j → %s', async (status, headers, expected) => {
    reply = () => ({ status, headers })
    let got = ''
    const result = await outcome(
      registry()
        .putManifest(REPO, 'x', OCI_MANIFEST, '{"m":1}')
        .then((d) => (got = `ok ${d}`))
    )
    expect(result === 'ok' ? got : result).toBe(expected.replace('HOST', host))
    expect(seen).toMatchObject([{ method: 'PUT', path: `/v2/${REPO}/manifests/x`, contentType: OCI_MANIFEST, body: '{"m":1}' }])
  })

  test('a refused manifest: the first 200 characters of what the registry said', async () => {
    reply = () => ({ status: 400, body: 'e'.repeat(200) + 'TAIL' })
    expect(await outcome(registry().putManifest(REPO, 'x', OCI_MANIFEST, '{}'))).toBe(
      `E_REGISTRY_DENIED: ${host} answered 400 storing a manifest in ${REPO}: ${'e'.repeat(200)}`
    )
  })

  /** A registry holding what is put (blobs and manifests by digest). */
  const store = (): Map<string, string> => {
    const held = new Map<string, string>()
    reply = (r): Answer | undefined => {
      const url = new URL(r.path, 'http://x')
      const ref = url.pathname.split('/').pop() ?? ''
      if (r.method === 'HEAD') return { status: held.has(ref) ? 200 : 404 }
      if (r.method === 'POST') return { status: 202, headers: { location: '/up/1' } }
      if (r.method === 'PUT' && url.pathname === '/up/1') {
        held.set(url.searchParams.get('digest') ?? '', r.body)
        return { status: 201 }
      }
      if (r.method === 'PUT') {
        held.set(sha(r.body), r.body)
        return { status: 201 }
      }
      const found = held.get(ref)
      return found === undefined ? undefined : { status: 200, headers: { 'content-type': OCI_MANIFEST }, body: found }
    }
    return held
  }

  test('pushImage: config and layers as blobs, then the image manifest by its digest, annotations only when given', async () => {
    const held = store()
    const config = Buffer.from('{"os":"linux","architecture":"arm64","variant":"v8","config":{"Labels":{"k":"v"}}}')
    const layer = Buffer.from('one layer')
    const plain = await registry().pushImage(REPO, { config, layers: [layer] })
    const doc = {
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: sha(config), size: config.length },
      layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: sha(layer), size: layer.length }]
    }
    expect(held.get(plain)).toBe(JSON.stringify(doc))
    expect(plain).toBe(sha(JSON.stringify(doc)))
    expect(seen.filter((r) => r.method === 'PUT').map((r) => r.path)).toEqual([
      `/up/1?digest=${encodeURIComponent(sha(config))}`,
      `/up/1?digest=${encodeURIComponent(sha(layer))}`,
      `/v2/${REPO}/manifests/${plain}`
    ])
    const annotated = await registry().pushImage(REPO, { config, layers: [layer] }, { a: 'b' })
    expect(JSON.parse(held.get(annotated) ?? '{}')).toEqual({ ...doc, annotations: { a: 'b' } })

    expect(await registry().imageFacts(REPO, plain)).toEqual({
      mediaType: OCI_MANIFEST,
      digest: plain,
      size: Buffer.byteLength(JSON.stringify(doc)),
      platform: { os: 'linux', architecture: 'arm64', variant: 'v8' },
      labels: { k: 'v' }
    })
  })

  test('pushImage streams a layer on disk: its digest from a stream, then the upload', async () => {
    const held = store()
    const data = Buffer.from('streamed layer')
    const digest = await registry().pushImage(REPO, {
      config: Buffer.from('{}'),
      layers: [{ size: data.length, open: () => Readable.from([data.subarray(0, 4), data.subarray(4)]) }]
    })
    expect(JSON.parse(held.get(digest) ?? '{}').layers).toEqual([
      { mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: sha(data), size: data.length }
    ])
    expect(held.get(sha(data))).toBe('streamed layer')
  })

  test('putIndex: the images sorted by platform, each with its media type, size and platform; annotations only when given', async () => {
    const held = store()
    const client = registry()
    const image = async (config: object): Promise<string> =>
      client.pushImage(REPO, { config: Buffer.from(JSON.stringify(config)), layers: [] })
    const arm = await image({ os: 'linux', architecture: 'arm64', variant: 'v8' })
    const amd = await image({ os: 'linux', architecture: 'amd64' })
    const bare = await image({})
    const index = await client.putIndex(REPO, [arm, bare, amd], { 'org.opencontainers.image.version': '1.0' })
    const doc = JSON.parse(held.get(index) ?? '{}')
    expect(doc).toEqual({
      schemaVersion: 2,
      mediaType: OCI_INDEX,
      manifests: [
        { mediaType: OCI_MANIFEST, digest: amd, size: held.get(amd)?.length, platform: { os: 'linux', architecture: 'amd64' } },
        {
          mediaType: OCI_MANIFEST,
          digest: arm,
          size: held.get(arm)?.length,
          platform: { os: 'linux', architecture: 'arm64', variant: 'v8' }
        },
        { mediaType: OCI_MANIFEST, digest: bare, size: held.get(bare)?.length, platform: { os: 'unknown', architecture: 'unknown' } }
      ],
      annotations: { 'org.opencontainers.image.version': '1.0' }
    })
    expect(seen.at(-1)).toMatchObject({ method: 'PUT', path: `/v2/${REPO}/manifests/${index}`, contentType: OCI_INDEX })
    expect(JSON.parse(held.get(await client.putIndex(REPO, [amd])) ?? '{}')).not.toHaveProperty('annotations')
    expect(await outcome(client.putIndex(REPO, [amd, DIGEST]))).toBe(`E_VERIFY: ${REPO}@${DIGEST} is not an image in ${host}`)
  })

  test.each<[string, Record<string, Answer>]>([
    ['no manifest', {}],
    ['an index (no config)', { [`manifests/${DIGEST}`]: json(200, { manifests: [] }) }],
    [
      'a config blob not served',
      { [`manifests/${DIGEST}`]: json(200, { config: { digest: 'sha256:c' } }), 'blobs/sha256:c': { status: 403 } }
    ]
  ])('imageFacts of %s is null', async (_name, files) => {
    reply = (r) => files[r.path.replace(`/v2/${REPO}/`, '')]
    expect(await registry().imageFacts(REPO, DIGEST)).toBeNull()
  })

  test('imageFacts: the media type without parameters, the size in bytes of the manifest as served', async () => {
    const body = JSON.stringify({ config: { digest: 'sha256:c' }, note: 'ünïcode' })
    reply = (r) =>
      r.path.endsWith('sha256:c')
        ? json(200, { os: 'windows', architecture: 'amd64', variant: '' })
        : { status: 200, headers: { 'content-type': `${OCI_MANIFEST}; charset=utf-8` }, body }
    expect(await registry().imageFacts(REPO, DIGEST)).toEqual({
      mediaType: OCI_MANIFEST,
      digest: DIGEST,
      size: Buffer.byteLength(body),
      platform: { os: 'windows', architecture: 'amd64' },
      labels: {}
    })
  })
})

describe('referrers', () => {
  const A = { mediaType: OCI_MANIFEST, digest: `sha256:${'1'.repeat(64)}`, size: 1, artifactType: 'x/bundle' }
  const B = { mediaType: OCI_MANIFEST, digest: `sha256:${'2'.repeat(64)}`, size: 1, artifactType: 'x/other' }
  const TYPE = 'x/bundle+json; v=1'

  test('the referrers API: the index it answers, filtered to the artifact type', async () => {
    const C = { ...A, artifactType: TYPE }
    reply = () => json(200, { manifests: [A, B, C] })
    expect(await registry().referrers(REPO, DIGEST, TYPE)).toEqual({ api: true, referrers: [C] })
    expect(lines()).toEqual([`GET /v2/${REPO}/referrers/${DIGEST}?artifactType=${encodeURIComponent(TYPE)}`])
    expect(seen[0].accept).toBe(OCI_INDEX)
  })

  test.each([
    ['an index without manifests (API)', json(200, {}), undefined, { api: true, referrers: [] }],
    ['no API, no referrers tag', { status: 404 }, undefined, { api: false, referrers: [] }],
    ['no API, the referrers tag', { status: 404 }, json(200, { manifests: [A, B] }), { api: false, referrers: [A] }],
    ['no API, a referrers tag without manifests', { status: 400 }, json(200, {}), { api: false, referrers: [] }]
  ])('%s', async (_name, api, tag, expected) => {
    reply = (r) => (r.path.includes('/referrers/') ? api : r.path === `/v2/${REPO}/manifests/${referrersTag(DIGEST)}` ? tag : undefined)
    expect(await registry().referrers(REPO, DIGEST, 'x/bundle')).toEqual(expected)
  })

  test.each([401, 403])('the referrers API answering %i is E_REGISTRY_DENIED', async (status) => {
    reply = () => ({ status })
    expect(await outcome(registry().referrers(REPO, DIGEST, 'x/bundle'))).toBe(
      `E_REGISTRY_DENIED: ${host} refused listing the referrers of ${REPO}@${DIGEST} (${status})`
    )
  })

  test.each([[{ manifests: [{ digest: 'd' }] }], [{ manifests: [{ mediaType: 'm' }] }], [{ manifests: ['x'] }], [{ manifests: {} }]])(
    'an index %j is E_NETWORK',
    async (doc) => {
      reply = () => json(200, doc)
      expect(await outcome(registry().referrers(REPO, DIGEST, 'x/bundle'))).toMatch(/JSON that is not an image index/)
    }
  )
})

describe('pushReferrer', () => {
  const SUBJECT = { mediaType: OCI_INDEX, digest: DIGEST, size: 10 }
  const artifact = { artifactType: 'x/bundle', mediaType: 'x/bundle', data: Buffer.from('{"b":1}') }
  const manifest = JSON.stringify({
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    artifactType: 'x/bundle',
    config: EMPTY_CONFIG,
    layers: [{ mediaType: 'x/bundle', digest: sha('{"b":1}'), size: 7 }],
    subject: SUBJECT
  })

  const registryAnswering = (put: Answer, index?: Answer) => {
    reply = (r) => {
      if (r.method === 'HEAD') return { status: 200 }
      if (r.method === 'PUT' && r.path.endsWith(sha(manifest))) return put
      if (r.method === 'GET' && r.path.endsWith(referrersTag(DIGEST))) return index
      if (r.method === 'PUT') return { status: 201 }
      return undefined
    }
  }

  test.each([
    [401, `refused storing a referrer of ${REPO}@${DIGEST} (401)`],
    [403, `refused storing a referrer of ${REPO}@${DIGEST} (403)`],
    [202, `answered 202 storing a referrer of ${REPO}@${DIGEST}: why`]
  ])('the artifact PUT answering %i → E_REGISTRY_DENIED', async (status, message) => {
    registryAnswering({ status, body: 'why' })
    expect(await outcome(registry().pushReferrer(REPO, SUBJECT, artifact))).toBe(`E_REGISTRY_DENIED: ${host} ${message}`)
  })

  test('a long refusal is cut to 200 characters', async () => {
    registryAnswering({ status: 400, body: 'w'.repeat(200) + 'TAIL' })
    expect(await outcome(registry().pushReferrer(REPO, SUBJECT, artifact))).toBe(
      `E_REGISTRY_DENIED: ${host} answered 400 storing a referrer of ${REPO}@${DIGEST}: ${'w'.repeat(200)}`
    )
  })

  test.each([
    ['OCI-Subject of the subject (200): indexed by the registry', { status: 200, headers: { 'oci-subject': DIGEST } }, []],
    [
      'OCI-Subject of another digest: the referrers tag',
      { status: 201, headers: { 'oci-subject': `sha256:${'f'.repeat(64)}` } },
      [`GET /v2/${REPO}/manifests/${referrersTag(DIGEST)}`, `PUT /v2/${REPO}/manifests/${referrersTag(DIGEST)}`]
    ]
  ])('%s', async (_name, put, after) => {
    registryAnswering(put)
    expect(await registry().pushReferrer(REPO, SUBJECT, artifact)).toBe(sha(manifest))
    expect(lines().slice(3)).toEqual(after)
    expect(lines().slice(0, 3)).toEqual([
      `HEAD /v2/${REPO}/blobs/${EMPTY_CONFIG.digest}`,
      `HEAD /v2/${REPO}/blobs/${sha('{"b":1}')}`,
      `PUT /v2/${REPO}/manifests/${sha(manifest)}`
    ])
    expect(seen[2]).toMatchObject({ contentType: OCI_MANIFEST, body: manifest })
  })

  test('the referrers tag: the artifact added to the index already there (once), with its type and annotations', async () => {
    const other = { mediaType: OCI_MANIFEST, digest: `sha256:${'3'.repeat(64)}`, size: 3, artifactType: 'x/other' }
    const annotated = { ...artifact, annotations: { k: 'v' } }
    const body = JSON.stringify({ ...JSON.parse(manifest), annotations: { k: 'v' } })
    reply = (r) => {
      if (r.method === 'HEAD') return { status: 200 }
      if (r.method === 'PUT') return { status: 201 }
      if (r.path.endsWith(referrersTag(DIGEST))) return json(200, { manifests: [other] })
      return undefined
    }
    expect(await registry().pushReferrer(REPO, SUBJECT, annotated)).toBe(sha(body))
    const put = seen.at(-1) as Seen
    expect(put).toMatchObject({ method: 'PUT', path: `/v2/${REPO}/manifests/${referrersTag(DIGEST)}`, contentType: OCI_INDEX })
    expect(JSON.parse(put.body)).toEqual({
      schemaVersion: 2,
      mediaType: OCI_INDEX,
      manifests: [
        other,
        { mediaType: OCI_MANIFEST, digest: sha(body), size: Buffer.byteLength(body), artifactType: 'x/bundle', annotations: { k: 'v' } }
      ]
    })
    // already listed: nothing put
    seen = []
    reply = (r) => {
      if (r.method === 'HEAD') return { status: 200 }
      if (r.method === 'PUT') return { status: 201 }
      if (r.path.endsWith(referrersTag(DIGEST))) return json(200, { manifests: [other, { ...other, digest: sha(body) }] })
      return undefined
    }
    await registry().pushReferrer(REPO, SUBJECT, annotated)
    expect(seen.filter((r) => r.method === 'PUT').map((r) => r.path)).toEqual([`/v2/${REPO}/manifests/${sha(body)}`])
  })

  test('a referrers tag index without manifests: a new one with the artifact alone', async () => {
    registryAnswering({ status: 201 }, json(200, { schemaVersion: 2 }))
    await registry().pushReferrer(REPO, SUBJECT, artifact)
    expect(JSON.parse((seen.at(-1) as Seen).body).manifests).toEqual([
      { mediaType: OCI_MANIFEST, digest: sha(manifest), size: Buffer.byteLength(manifest), artifactType: 'x/bundle' }
    ])
  })
})

describe('blob', () => {
  const data = 'the bundle'
  test.each([
    [200, data, sha(data), `ok ${data}`],
    [404, '', sha(data), 'ok null'],
    [401, '', sha(data), `E_REGISTRY_DENIED: HOST answered 401 for ${REPO}@${sha(data)}`],
    [204, '', sha(data), `E_REGISTRY_DENIED: HOST answered 204 for ${REPO}@${sha(data)}`],
    [200, 'other bytes', sha(data), `E_VERIFY: HOST served other bytes for ${REPO}@${sha(data)}`]
  ])('GET answering %i %j → %s', async (status, body, digest, expected) => {
    reply = () => ({ status, body })
    let got = ''
    const result = await outcome(
      registry()
        .blob(REPO, digest)
        .then((b) => (got = `ok ${b === null ? 'null' : b.toString('utf8')}`))
    )
    expect(result === 'ok' ? got : result).toBe(expected.replace('HOST', host))
    expect(lines()).toEqual([`GET /v2/${REPO}/blobs/${digest}`])
  })
})

describe('what the client tells apart in its requests', () => {
  test('the media types it names, spelt out', () => {
    expect([OCI_INDEX, OCI_MANIFEST]).toEqual(['application/vnd.oci.image.index.v1+json', 'application/vnd.oci.image.manifest.v1+json'])
    expect(EMPTY_CONFIG).toEqual({
      mediaType: 'application/vnd.oci.empty.v1+json',
      digest: 'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a',
      size: 2
    })
  })

  test('a token the registry turns down once more is asked again from the cache, not the token service', async () => {
    let tokenRequests = 0
    let refused = 0
    reply = (r) => {
      if (r.path.startsWith('/token')) return json(200, { token: `T${++tokenRequests}` })
      if (r.authorization === 'Bearer T1' && refused++ !== 1) return { status: 200, headers: { 'docker-content-digest': DIGEST } }
      return { status: 401, headers: { 'www-authenticate': `Bearer realm="http://${host}/token"` } }
    }
    const client = registry()
    expect(await client.digest(REPO, '1.0')).toBe(DIGEST)
    // the cached token is sent, refused, then sent again from the cache
    expect(await client.digest(REPO, '2.0')).toBe(DIGEST)
    expect(tokenRequests).toBe(1)
    expect(seen.map((r) => r.authorization ?? 'none')).toEqual(['none', BASIC, 'Bearer T1', 'Bearer T1', 'Bearer T1'])
  })

  test('the blob upload start of checkLogin is sent again after a 5xx (harmless to repeat)', async () => {
    configureHttp({ attempts: 2, connectTimeout: 2, idleTimeout: 2, attemptTimeout: 4, backoff: 0.01, maxBackoff: 0.01, rateLimitWait: 1 })
    try {
      let posts = 0
      reply = (r) => (r.path === '/v2/' ? { status: 200 } : r.method === 'POST' ? { status: posts++ === 0 ? 503 : 201 } : undefined)
      expect(await outcome(registry().checkLogin(REPO))).toBe('ok')
      expect(lines()).toEqual(['GET /v2/', `POST /v2/${REPO}/blobs/uploads/`, `POST /v2/${REPO}/blobs/uploads/`])
    } finally {
      configureHttp({
        attempts: 1,
        connectTimeout: 2,
        idleTimeout: 2,
        attemptTimeout: 4,
        backoff: 0.01,
        maxBackoff: 0.01,
        rateLimitWait: 1
      })
    }
  })

  const html: Answer = { status: 200, headers: { 'content-type': 'text/html' }, body: '<html>proxy</html>' }
  test.each<[string, (c: Registry) => Promise<unknown>, string, (r: Seen) => Answer | undefined]>([
    ['tags', (c) => c.tags(REPO), `GET http://HOST/v2/${REPO}/tags/list`, () => html],
    ['manifest', (c) => c.manifest(REPO, '1.0'), `GET http://HOST/v2/${REPO}/manifests/1.0`, () => html],
    [
      'labels (the config blob)',
      (c) => c.labels(REPO, '1.0'),
      `GET http://HOST/v2/${REPO}/blobs/sha256:c`,
      (r) => (r.path.includes('/manifests/') ? json(200, { config: { digest: 'sha256:c' } }) : html)
    ],
    ['referrers', (c) => c.referrers(REPO, DIGEST, 'x'), `GET http://HOST/v2/${REPO}/referrers/${DIGEST}`, () => html]
  ])('%s: an HTML page where JSON was asked for is a failed attempt of the registry (E_NETWORK)', async (_name, call, where, answer) => {
    reply = answer
    expect(await outcome(call(registry()))).toBe(
      `E_NETWORK: the registry HOST kept failing: ${where} answered something that is not JSON (text/html, 18 bytes: "<html>proxy</html>"), once; a re-run resumes where this one stopped`.replaceAll(
        'HOST',
        host
      )
    )
  })

  test.each([
    ['an image config that is a list', '[]', 'an image config'],
    ['a tag list that is a number', '7', 'a tag list']
  ])('%s is E_NETWORK naming what was expected', async (_name, body, what) => {
    reply = (r) => (r.path.includes('/manifests/') ? json(200, { config: { digest: 'sha256:c' } }) : { status: 200, headers: {}, body })
    const call = what === 'a tag list' ? registry().tags(REPO) : registry().imageFacts(REPO, DIGEST)
    expect(await outcome(call)).toMatch(new RegExp(`^E_NETWORK: the registry ${host} answered GET .* with JSON that is not ${what};`))
  })

  test('a tag page without tags has none', async () => {
    reply = () => json(200, { name: REPO })
    expect(await registry().tags(REPO)).toEqual([])
  })
})

describe('helpers', () => {
  test.each([
    [{ os: 'linux', architecture: 'arm', variant: 'v7' }, 'linux/arm/v7'],
    [{ os: 'linux', architecture: 'amd64' }, 'linux/amd64'],
    [{ os: 'linux', architecture: 'amd64', variant: '' }, 'linux/amd64']
  ])('platformName(%j) = %s', (p, name) => {
    expect(platformName(p)).toBe(name)
  })

  test('referrersTag, sha256Digest, EMPTY_CONFIG', () => {
    expect(referrersTag(`sha256:${'b'.repeat(64)}`)).toBe(`sha256-${'b'.repeat(64)}`)
    expect(sha256Digest('{}')).toBe(EMPTY_CONFIG.digest)
    expect(sha256Digest(Buffer.from('{}'))).toBe(sha('{}'))
  })

  test('streamDigest: the digest of every chunk; a size other than promised is E_DOCKER_BUILD', async () => {
    const open = () => Readable.from([Buffer.from('ab'), Buffer.from('c')])
    expect(await streamDigest({ size: 3, open })).toBe(sha('abc'))
    expect(await outcome(streamDigest({ size: 4, open }))).toBe(
      'E_DOCKER_BUILD: a layer of 4 bytes read as 3 bytes: the saved image changed while it was pushed'
    )
  })
})

describe('each operation asks a token of the scope it needs, as ghcr.io grants them', () => {
  const image = JSON.stringify({
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    config: { mediaType: 'c', digest: sha('{"os":"linux"}'), size: 14 },
    layers: []
  })
  const bundle = '{"bundle":1}'
  /**
   * A token registry whose tokens carry their scope: pull reads, push writes, delete deletes, each
   * in the repository named only. A request under a token of another scope is refused (401).
   */
  const scoped = (): void => {
    reply = (r) => {
      const url = new URL(r.path, 'http://x')
      if (url.pathname === '/token') return json(200, { token: `scope=${url.searchParams.get('scope')}` })
      const [, repository = '', actions = ''] = (r.authorization ?? '').replace(/^Bearer scope=/, '').split(':')
      const need = r.method === 'DELETE' ? 'delete' : r.method === 'GET' || r.method === 'HEAD' ? 'pull' : 'push'
      const granted = (url.pathname === '/v2/' || repository === REPO) && actions.split(',').includes(need)
      if (!granted) return { status: 401, headers: { 'www-authenticate': `Bearer realm="http://${host}/token",service="reg.test"` } }
      if (url.pathname === '/v2/') return { status: 200 }
      if (url.pathname.endsWith('/blobs/uploads/')) return { status: 202, headers: { location: `/v2/${REPO}/blobs/uploads/u1` } }
      if (url.pathname.includes('/blobs/uploads/')) return { status: r.method === 'DELETE' ? 204 : 201 }
      if (url.pathname.includes('/blobs/'))
        return r.method === 'HEAD'
          ? { status: url.pathname.endsWith(sha('new')) ? 404 : 200 }
          : { status: 200, body: url.pathname.endsWith(sha(bundle)) ? bundle : '{"os":"linux","architecture":"arm64"}' }
      if (url.pathname.includes('/referrers/')) return json(200, { schemaVersion: 2, mediaType: OCI_INDEX, manifests: [] })
      if (url.pathname.includes('/manifests/'))
        return r.method === 'PUT'
          ? { status: 201, headers: { 'docker-content-digest': DIGEST, 'oci-subject': DIGEST } }
          : { status: 200, headers: { 'content-type': OCI_MANIFEST }, body: image }
      return undefined
    }
  }
  const scopes = (): string[] =>
    seen.filter((r) => r.path.startsWith('/token')).map((r) => new URL(r.path, 'http://x').searchParams.get('scope') ?? '')
  const PULL = `repository:${REPO}:pull`
  const PUSH = `repository:${REPO}:pull,push`

  const NEW = sha('new')
  test.each<[string, (c: Registry) => Promise<unknown>, unknown, string[], unknown]>([
    ['checkLogin', (c) => c.checkLogin(REPO), undefined, [PUSH], `DELETE /v2/${REPO}/blobs/uploads/u1`],
    ['hasBlob', (c) => c.hasBlob(REPO, DIGEST), true, [PULL], `HEAD /v2/${REPO}/blobs/${DIGEST}`],
    ['blob', (c) => c.blob(REPO, sha(bundle)).then((b) => b?.toString()), bundle, [PULL], `GET /v2/${REPO}/blobs/${sha(bundle)}`],
    ['pushBlob (already there)', (c) => c.pushBlob(REPO, DIGEST, Buffer.from('x')), undefined, [PULL], `HEAD /v2/${REPO}/blobs/${DIGEST}`],
    [
      'pushBlob',
      (c) => c.pushBlob(REPO, NEW, Buffer.from('new')),
      undefined,
      [PULL, PUSH],
      `PUT /v2/${REPO}/blobs/uploads/u1?digest=${encodeURIComponent(NEW)}`
    ],
    ['putManifest', (c) => c.putManifest(REPO, 'v1', OCI_MANIFEST, '{}'), DIGEST, [PUSH], `PUT /v2/${REPO}/manifests/v1`],
    ['tag', (c) => c.tag(REPO, DIGEST, '1.0'), undefined, [PULL, PUSH], `PUT /v2/${REPO}/manifests/1.0`],
    [
      'imageFacts',
      (c) => c.imageFacts(REPO, DIGEST).then((f) => f?.platform),
      { os: 'linux', architecture: 'arm64' },
      [PULL],
      `GET /v2/${REPO}/blobs/${sha('{"os":"linux"}')}`
    ],
    [
      'referrers',
      (c) => c.referrers(REPO, DIGEST, 'x'),
      { api: true, referrers: [] },
      [PULL],
      `GET /v2/${REPO}/referrers/${DIGEST}?artifactType=x`
    ],
    [
      'pushReferrer',
      (c) =>
        c.pushReferrer(
          REPO,
          { mediaType: OCI_MANIFEST, digest: DIGEST, size: 1 },
          { artifactType: 'x', mediaType: 'y', data: Buffer.from(bundle) }
        ),
      expect.stringMatching(/^sha256:/),
      [PULL, PUSH],
      expect.stringMatching(new RegExp(`^PUT /v2/${REPO}/manifests/sha256:`))
    ],
    ['deleteTag', (c) => c.deleteTag(REPO, '1.0'), true, [`repository:${REPO}:pull,push,delete`], `DELETE /v2/${REPO}/manifests/1.0`]
  ])('%s', async (_what, operation, expected, asked, last) => {
    scoped()
    expect(await operation(registry())).toEqual(expected)
    expect(scopes()).toEqual(asked)
    expect(lines().at(-1)).toEqual(last)
  })
})
