/**
 * The requests pyship's GitHub client sends, against the GitHub stand-in (validated against
 * @octokit/openapi) behind the fault proxy: the headers every request carries, the paths,
 * queries and bodies of each operation, which answers are accepted, and the coded error
 * (with the cause in words) for every other answer, for pages that do not end and for pages
 * on another host.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals'
import { PyshipError } from '../../src/errors.js'
import { GitHub, GitHubData, type Release } from '../../src/adapters/github.js'
import { configureHttp } from '../../src/adapters/http.js'
import { startGithub, type GithubStandIn, type RecordedRequest, type ReleaseRecord } from '../../__fixtures__/github-server.js'
import { startFaulty, type Faulty } from '../../__fixtures__/faults.js'
import { makeRepos, type GitRepos } from '../../__fixtures__/git.js'

let repos: GitRepos
let stand: GithubStandIn
let gh: Faulty

beforeAll(async () => {
  repos = makeRepos()
  stand = await startGithub({ owner: 'acme', repo: 'dakora', bareRepo: repos.bare })
  gh = await startFaulty(stand.url)
})
afterAll(async () => {
  await gh.close()
  await stand.close()
  repos.remove()
})
afterEach(() => {
  expect(stand.violations).toEqual([])
  stand.releases.length = 0
  stand.attestations.length = 0
  stand.requests.length = 0
  stand.attestationsWrite = true
  gh.clear()
  configureHttp()
})

const client = (token = stand.token): GitHub => new GitHub(gh.url, 'acme/dakora', token)
/** `rel`'s asset upload sent through the fault proxy (GitHub's upload host is the release's `upload_url`). */
const uploadThroughProxy = (rel: ReleaseRecord, body: Buffer, name = 'x.whl'): ReturnType<GitHub['uploadAsset']> =>
  client().uploadAsset({ ...rel, upload_url: rel.upload_url.replace(stand.url, gh.url) } as Release, {
    name,
    size: body.length,
    contentType: 'application/zip',
    body
  })
const data = (): GitHubData => new GitHubData(gh.url, 'acme/dakora', stand.token)
const failure = async (p: Promise<unknown>): Promise<{ code: string; message: string; hint?: string }> =>
  p.then(
    () => ({ code: 'ok', message: '' }),
    (e: unknown) => (e instanceof PyshipError ? { code: e.code, message: e.message, hint: e.hint } : { code: String(e), message: '' })
  )
const sent = (operationId: string): RecordedRequest[] => stand.requests.filter((r) => r.operationId === operationId)
const only = (operationId: string): RecordedRequest => {
  const all = sent(operationId)
  expect(all).toHaveLength(1)
  return all[0]
}
const quick = (attempts = 1): void => configureHttp({ attempts, backoff: 0.01 })
const api = (path: string): string => `${gh.url}/repos/acme/dakora${path}`

describe('headers', () => {
  test.each([
    ['GET (releases)', 'repos/list-releases', (c: GitHub) => c.releases(), undefined],
    ['POST (createRelease)', 'repos/create-release', (c: GitHub) => c.createRelease({ tag_name: 'v1' }), 'application/json'],
    [
      'PATCH (updateRelease)',
      'repos/update-release',
      (c: GitHub) => c.updateRelease(stand.seedRelease({ tag_name: 'v2', draft: true }).id, { name: 'n' }),
      'application/json'
    ],
    [
      'DELETE (deleteRelease)',
      'repos/delete-release',
      (c: GitHub) => c.deleteRelease(stand.seedRelease({ tag_name: 'v3', draft: true }).id),
      undefined
    ]
  ])(
    '%s: GitHub’s media type, the token as Bearer, API version 2022-11-28; content-type only with a body',
    async (_what, op, call, contentType) => {
      await call(client())
      const { headers } = only(op)
      expect(headers).toMatchObject({
        accept: 'application/vnd.github+json',
        authorization: `Bearer ${stand.token}`,
        'x-github-api-version': '2022-11-28'
      })
      expect(headers?.['content-type']).toBe(contentType)
    }
  )

  test('downloadAsset() asks for the bytes (application/octet-stream), uploadAsset() sends the file’s type and length', async () => {
    const rel = stand.seedRelease({ tag_name: 'v4', draft: true })
    const a = stand.seedAsset(rel.id, 'x.txt', 'hello')
    await client().downloadAsset(a.id)
    expect(only('repos/get-release-asset').headers?.accept).toBe('application/octet-stream')
    await client().uploadAsset({ ...rel, upload_url: rel.upload_url.replace(stand.url, gh.url) } as Release, {
      name: 'y.tar.gz',
      size: 3,
      contentType: 'application/gzip',
      body: Buffer.from('abc')
    })
    expect(only('repos/upload-release-asset').headers).toMatchObject({
      accept: 'application/vnd.github+json',
      authorization: `Bearer ${stand.token}`,
      'content-type': 'application/gzip',
      'content-length': '3'
    })
  })

  test('no token: E_GITHUB_DENIED naming the input, and nothing is sent', async () => {
    const got = await failure(client('').releases())
    expect(got.code).toBe('E_GITHUB_DENIED')
    expect(got.message).toMatch(/no GitHub token: set the `github-token` input \(or GITHUB_TOKEN for the CLI\)/)
    expect(gh.requests).toEqual([])
  })

  test('an API URL with trailing slashes: the paths are the same', async () => {
    expect(await new GitHub(`${gh.url}///`, 'acme/dakora', stand.token).repo()).toMatchObject({ default_branch: 'main' })
    expect(gh.requests.map((r) => r.path)).toEqual(['/repos/acme/dakora'])
  })
})

describe('repo()', () => {
  test('the default branch and web address', async () => {
    expect(await client().repo()).toMatchObject({ default_branch: 'main', html_url: 'https://github.com/acme/dakora' })
  })

  test.each([
    [
      'another repository (404)',
      () => new GitHub(gh.url, 'acme/other', stand.token),
      null,
      'E_GITHUB_DENIED',
      'repository acme/other is not visible with this token (404)'
    ],
    ['a bad token (401)', () => client('nope'), null, 'E_GITHUB_DENIED', 'GitHub refused GET {api}: 401 Bad credentials'],
    ['a 500', () => client(), { status: 500 }, 'E_NETWORK', 'kept failing'],
    ['a 409', () => client(), { status: 409, body: '{"message":"busy"}' }, 'E_GITHUB_DENIED', 'GitHub answered GET {api} with 409: busy']
  ])('%s', async (_what, make, fault, code, message) => {
    quick()
    if (fault) gh.rule({ path: '/repos/acme/dakora', fault })
    const got = await failure(make().repo())
    expect(got.code).toBe(code)
    expect(got.message).toContain(message.replace('{api}', api('')))
    stand.violations.length = 0
  })
})

describe('what an error says', () => {
  test.each([
    ['a JSON message', '{"message":"Not here"}', 'with 410: Not here'],
    ['a JSON message, cut to 200 characters', JSON.stringify({ message: 'm'.repeat(300) }), `with 410: ${'m'.repeat(200)}`],
    ['JSON without a message', '{"error":"x"}', 'with 410: '],
    ['plain text: its first line', 'first line\nsecond line', 'with 410: first line'],
    ['plain text, cut to 200 characters', 't'.repeat(300), `with 410: ${'t'.repeat(200)}`]
  ])('%s', async (_what, body, message) => {
    gh.rule({ path: '/repos/acme/dakora/releases/assets/7', fault: { status: 410, body } })
    const got = await failure(client().deleteAsset(7))
    expect(got.code).toBe('E_GITHUB_DENIED')
    expect(got.message.endsWith(message)).toBe(true)
    expect(got.message).toBe(`GitHub answered DELETE ${api('/releases/assets/7')} ${message}`)
  })

  test.each([
    [401, 'GitHub refused POST'],
    [403, 'GitHub refused POST']
  ])('%d on a POST is E_GITHUB_DENIED: %s', async (status, start) => {
    gh.rule({ path: '/repos/acme/dakora/releases', fault: { status, body: '{"message":"Resource not accessible by integration"}' } })
    const got = await failure(client().createRelease({ tag_name: 'v1' }))
    expect(got.code).toBe('E_GITHUB_DENIED')
    expect(got.message).toBe(`${start} ${api('/releases')}: ${status} Resource not accessible by integration`)
  })
})

describe('lists', () => {
  test('100 a page; a path with a query keeps it', async () => {
    await client().releases()
    expect(only('repos/list-releases').query).toEqual({ per_page: '100' })
    expect(await data().openPull('pyship/release')).toBeNull()
    expect(only('pulls/list').query).toEqual({ state: 'open', head: 'acme:pyship/release', per_page: '100' })
  })

  test('a page whose next page is itself: E_NETWORK, not a loop', async () => {
    gh.rule({
      path: '/repos/acme/dakora/releases',
      fault: { status: 200, body: '[]', headers: { link: `<${api('/releases?per_page=100')}>; rel="next"` } }
    })
    const got = await failure(client().releases())
    expect(got.code).toBe('E_NETWORK')
    expect(got.message).toBe(`GitHub's pages of ${api('/releases')} do not end (page 2); a re-run resumes where this one stopped`)
    expect(gh.requests).toHaveLength(1)
  })

  test('a next page on another host is not followed with the token', async () => {
    const elsewhere = 'http://127.0.0.2:9/repos/acme/dakora/releases/next'
    gh.rule({ path: '/repos/acme/dakora/releases', fault: { status: 200, body: '[]', headers: { link: `<${elsewhere}>; rel="next"` } } })
    const got = await failure(client().releases())
    expect(got.code).toBe('E_NETWORK')
    expect(got.message).toContain(`is on another host (${elsewhere}); not followed with the token`)
  })

  test('a next page on the same host is followed, and both pages are kept', async () => {
    const a = stand.seedRelease({ tag_name: 'v1', draft: true })
    gh.rule({
      path: '/repos/acme/dakora/releases',
      times: 1,
      fault: {
        status: 200,
        body: JSON.stringify([{ ...a, id: 999, tag_name: 'v0' }]),
        headers: { link: `<${api('/releases?per_page=100&page=1')}>; rel="next"` }
      }
    })
    expect((await client().releases()).map((r) => r.tag_name)).toEqual(['v0', 'v1'])
  })
})

describe('createRelease()', () => {
  test('POSTs the fields and answers the release GitHub made', async () => {
    const made = await client().createRelease({
      tag_name: 'v1.0.0',
      target_commitish: 'main',
      name: 'one',
      body: 'b',
      draft: true,
      prerelease: false
    })
    expect(only('repos/create-release').body).toEqual({
      tag_name: 'v1.0.0',
      target_commitish: 'main',
      name: 'one',
      body: 'b',
      draft: true,
      prerelease: false
    })
    expect(made).toMatchObject({ id: stand.releases[0].id, tag_name: 'v1.0.0', name: 'one', draft: true })
  })

  // the POST never reaches GitHub (the connection is reset): the look-up adopts only a release this request would have made
  test.each([
    [
      'same tag, another commit',
      { tag_name: 'v1', target_commitish: 'main', draft: true },
      { tag_name: 'v1', target_commitish: 'other', draft: true },
      false
    ],
    ['same tag, another name', { tag_name: 'v1', name: 'a', draft: true }, { tag_name: 'v1', name: 'b', draft: true }, false],
    ['same tag, not a draft', { tag_name: 'v1', draft: true }, { tag_name: 'v1', draft: false }, false],
    ['another tag', { tag_name: 'v1', draft: true }, { tag_name: 'v2', draft: true }, false],
    [
      'same tag, commit and name unsaid',
      { tag_name: 'v1', draft: true },
      { tag_name: 'v1', target_commitish: 'main', name: 'x', draft: true },
      true
    ],
    [
      'same tag, commit and name equal',
      { tag_name: 'v1', target_commitish: 'main', name: 'x', draft: true },
      { tag_name: 'v1', target_commitish: 'main', name: 'x', draft: true },
      true
    ],
    ['draft unsaid: a published release', { tag_name: 'v1' }, { tag_name: 'v1', draft: false }, true],
    ['draft unsaid: a draft is not it', { tag_name: 'v1' }, { tag_name: 'v1', draft: true }, false]
  ])('%s → adopted: %s', async (_what, fields, existing, adopted) => {
    quick(3)
    const there = stand.seedRelease(existing)
    gh.rule({ method: 'POST', path: '/repos/acme/dakora/releases', fault: 'reset', times: 1 })
    const made = await client().createRelease(fields)
    expect(made.id === there.id).toBe(adopted)
    expect(stand.releases).toHaveLength(adopted ? 1 : 2)
  })
})

describe('updateRelease(), deleteRelease(), generateNotes()', () => {
  test('updateRelease() PATCHes the fields, and is sent again after a 502', async () => {
    quick(2)
    const r = stand.seedRelease({ tag_name: 'v1', draft: true })
    gh.rule({ method: 'PATCH', path: `/repos/acme/dakora/releases/${r.id}`, fault: { status: 502 }, times: 1 })
    const got = await client().updateRelease(r.id, { draft: false, make_latest: 'false' })
    expect(got).toMatchObject({ id: r.id, draft: false })
    expect(sent('repos/update-release').map((q) => q.body)).toEqual([{ draft: false, make_latest: 'false' }])
    expect(gh.requests.filter((q) => q.method === 'PATCH')).toHaveLength(2)
  })

  test('updateRelease() of a release that is gone: E_GITHUB_DENIED with 404', async () => {
    const got = await failure(client().updateRelease(424242, { name: 'x' }))
    expect(got).toMatchObject({ code: 'E_GITHUB_DENIED', message: `GitHub answered PATCH ${api('/releases/424242')} with 404: Not Found` })
  })

  test('deleteRelease() deletes; a release already gone (404) is fine; a 409 is not', async () => {
    const r = stand.seedRelease({ tag_name: 'v1', draft: true })
    await client().deleteRelease(r.id)
    expect(stand.releases).toEqual([])
    await client().deleteRelease(r.id)
    expect(sent('repos/delete-release').map((q) => q.status)).toEqual([204, 404])
    gh.rule({ path: `/repos/acme/dakora/releases/${r.id}`, fault: { status: 409 } })
    expect((await failure(client().deleteRelease(r.id))).code).toBe('E_GITHUB_DENIED')
  })

  test('deleteAsset(): an asset already gone (404) is fine', async () => {
    await client().deleteAsset(31337)
    expect(only('repos/delete-release-asset').status).toBe(404)
  })

  test.each([
    ['with the previous tag', 'v0.9.0', { tag_name: 'v1.0.0', target_commitish: 'main', previous_tag_name: 'v0.9.0' }],
    ['without one', undefined, { tag_name: 'v1.0.0', target_commitish: 'main' }]
  ])('generateNotes() %s: the body asked, the notes answered, sent again after a 502', async (_what, previous, body) => {
    quick(2)
    repos.git(['push', '-q', 'origin', 'HEAD:refs/tags/v0.9.0'])
    gh.rule({ method: 'POST', path: '/repos/acme/dakora/releases/generate-notes', fault: { status: 502 }, times: 1 })
    const notes = await client().generateNotes('v1.0.0', 'main', previous)
    expect(typeof notes).toBe('string')
    expect(notes.length).toBeGreaterThan(0)
    expect(only('repos/generate-release-notes').body).toEqual(body)
  })
})

describe('uploadAsset(): the look-up after an upload that never arrived', () => {
  test.each([
    ['the same name and size, uploaded: adopted', { name: 'x.whl', data: 'abc' }, 'adopted'],
    ['the same name, another size: not adopted', { name: 'x.whl', data: 'abcd' }, 'E_TAG_EXISTS'],
    ['the same name and size, never finished: not adopted', { name: 'x.whl', data: 'abc', state: 'open' as const }, 'E_TAG_EXISTS'],
    ['another name: not adopted, uploaded', { name: 'y.whl', data: 'abc' }, 'uploaded']
  ])('%s', async (_what, there: { name: string; data: string; state?: 'uploaded' | 'open' }, outcome) => {
    quick(3)
    const rel = stand.seedRelease({ tag_name: 'v1', draft: true })
    const other = stand.seedAsset(rel.id, there.name, there.data, { state: there.state ?? 'uploaded' })
    gh.rule({ method: 'POST', path: `/repos/acme/dakora/releases/${rel.id}/assets`, fault: 'reset', times: 1 })
    const upload = uploadThroughProxy(rel, Buffer.from('abc'))
    const got = await upload.then(
      (a) => (a.id === other.id ? 'adopted' : 'uploaded'),
      (e: unknown) => (e instanceof PyshipError ? e.code : String(e))
    )
    expect(got).toBe(outcome)
  })

  test('a taken name names the release and the file', async () => {
    const rel = stand.seedRelease({ tag_name: 'v1', draft: true })
    stand.seedAsset(rel.id, 'x.whl', 'theirs')
    const got = await failure(
      client().uploadAsset(rel as Release, { name: 'x.whl', size: 4, contentType: 'application/zip', body: Buffer.from('ours') })
    )
    expect(got).toMatchObject({ code: 'E_TAG_EXISTS', message: 'release v1 already has an asset named x.whl' })
    expect(got.hint).toMatch(/re-run/)
  })

  test('another 422 is not a taken name', async () => {
    const rel = stand.seedRelease({ tag_name: 'v1', draft: true })
    gh.rule({
      path: `/repos/acme/dakora/releases/${rel.id}/assets`,
      fault: { status: 422, body: '{"message":"Validation Failed","errors":[{"code":"invalid"}]}' }
    })
    const got = await failure(uploadThroughProxy(rel, Buffer.from('ours')))
    expect(got.code).toBe('E_GITHUB_DENIED')
    expect(got.message).toMatch(/with 422: Validation Failed$/)
  })
})

const statement = (digest: string) => ({
  _type: 'https://in-toto.io/Statement/v1',
  subject: [{ name: 'a.whl', digest: { sha256: digest } }],
  predicateType: 'https://slsa.dev/provenance/v1',
  predicate: {}
})
const bundleOf = (digest: string, sig = 'c2ln') => ({
  mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
  verificationMaterial: {},
  dsseEnvelope: {
    payload: Buffer.from(JSON.stringify(statement(digest))).toString('base64'),
    payloadType: 'application/vnd.in-toto+json',
    signatures: [{ sig, keyid: '' }]
  }
})

describe('attestations', () => {
  test('createAttestation() POSTs the bundle and answers the id GitHub gave', async () => {
    const digest = 'd'.repeat(64)
    const id = await client().createAttestation(bundleOf(digest), `sha256:${digest}`)
    expect(only('repos/create-attestation').body).toEqual({ bundle: bundleOf(digest) })
    expect(id).toBe(stand.attestations[0].id)
    expect(id).toBeGreaterThan(0)
  })

  test.each([
    ['the same bundle: adopted', 'c2ln', 1],
    ['another signature of the same subject: stored again', 'b3RoZXI=', 2]
  ])('after a POST that never arrived, %s', async (_what, sig, count) => {
    quick(3)
    const digest = 'e'.repeat(64)
    await client().createAttestation(bundleOf(digest, sig), `sha256:${digest}`)
    gh.rule({ method: 'POST', path: '/repos/acme/dakora/attestations', fault: 'reset', times: 1 })
    await client().createAttestation(bundleOf(digest), `sha256:${digest}`)
    expect(stand.attestations).toHaveLength(count)
  })

  test('createAttestation() refused (403): the permission to add, in the message and the hint', async () => {
    stand.attestationsWrite = false
    const digest = 'f'.repeat(64)
    const got = await failure(client().createAttestation(bundleOf(digest), `sha256:${digest}`))
    expect(got.code).toBe('E_GITHUB_DENIED')
    expect(got.message).toBe(
      'GitHub refused to store build provenance (403 Resource not accessible by integration): the job lacks `attestations: write`'
    )
    expect(got.hint).toBe(
      'Give the release job `permissions: attestations: write` and `id-token: write` (beside `contents: write`), or set `provenance: false`.'
    )
  })

  test('createAttestation() answered 422: E_GITHUB_DENIED with what GitHub said', async () => {
    gh.rule({ method: 'POST', path: '/repos/acme/dakora/attestations', fault: { status: 422, body: '{"message":"bad bundle"}' } })
    const got = await failure(client().createAttestation({}, `sha256:${'0'.repeat(64)}`))
    expect(got).toMatchObject({ code: 'E_GITHUB_DENIED', message: `GitHub answered POST ${api('/attestations')} with 422: bad bundle` })
  })

  test('attestations(): by digest, optionally by predicate type; none is []', async () => {
    const digest = `sha256:${'a'.repeat(64)}`
    expect(await client().attestations(digest)).toEqual([])
    await client().createAttestation(bundleOf('a'.repeat(64)), digest)
    expect((await client().attestations(digest, 'https://slsa.dev/provenance/v1')).map((a) => a.bundle)).toEqual([bundleOf('a'.repeat(64))])
    expect(await client().attestations(digest, 'https://spdx.dev/Document/v2.3')).toEqual([])
    expect(sent('repos/list-attestations').map((r) => r.query)).toEqual([
      { per_page: '100' },
      { per_page: '100', predicate_type: 'https://slsa.dev/provenance/v1' },
      { per_page: '100', predicate_type: 'https://spdx.dev/Document/v2.3' }
    ])
  })

  test.each([
    [{ status: 401, body: '{"message":"Bad credentials"}' }, 'E_GITHUB_DENIED'],
    [{ status: 200, body: '{"attestations":[]}' }, 'ok'],
    [{ status: 200, body: '{}' }, 'ok'],
    [{ status: 200, body: '{"attestations":[1]}' }, 'E_NETWORK'],
    [{ status: 404 }, 'ok'],
    [{ status: 403, body: '{"message":"Must have admin rights"}' }, 'E_GITHUB_DENIED'],
    [{ status: 410 }, 'E_GITHUB_DENIED']
  ])('attestations() answered %j: %s', async (fault, code) => {
    gh.rule({ path: '/repos/acme/dakora/attestations/', fault })
    const got = await client()
      .attestations(`sha256:${'a'.repeat(64)}`)
      .then(
        (list) => (list.length === 0 ? 'ok' : 'listed'),
        (e: unknown) => (e instanceof PyshipError ? e.code : String(e))
      )
    expect(got).toBe(code)
  })

  test.each([
    [
      'a rate-limit message without a wait (not a refusal of the permission)',
      { status: 403, body: '{"message":"API rate limit exceeded"}' },
      null
    ],
    ['a bad token', { status: 401, body: '{"message":"Bad credentials"}' }, 'GitHub refused the token (401): Bad credentials'],
    ['the empty bundle refused', { status: 422, body: '{"message":"invalid bundle"}' }, null]
  ])('attestationsWritable(), %s', async (_what, fault, message) => {
    gh.rule({ path: '/repos/acme/dakora/attestations', fault })
    const refused = await client().attestationsWritable()
    expect(refused?.message ?? null).toBe(message)
    if (refused) expect(refused.code).toBe('E_GITHUB_DENIED')
  })

  test('attestationsWritable() sends an empty bundle, and a 502 is sent again', async () => {
    quick(2)
    gh.rule({ path: '/repos/acme/dakora/attestations', fault: { status: 502 }, times: 1 })
    expect(await client().attestationsWritable()).toBeNull()
    expect(only('repos/create-attestation').body).toEqual({ bundle: {} })
    expect(stand.attestations).toEqual([])
    stand.violations.length = 0
  })
})

describe('git data and pull requests (GitHubData)', () => {
  const bare = (args: string[]): string => repos.git(['--git-dir', repos.bare, ...args])

  test('blob(), tree() with a file set, one made executable and one deleted (sha null), commit(): GitHub makes what git would', async () => {
    const d = data()
    const main = bare(['rev-parse', 'main'])
    const base = bare(['rev-parse', 'main^{tree}'])
    const bytes = Buffer.from('\uFEFFname = "x"\r\n')
    const blob = await d.blob(bytes)
    expect(only('git/create-blob').body).toEqual({ content: bytes.toString('base64'), encoding: 'base64' })
    expect(bare(['cat-file', '-p', blob])).toBe(bytes.toString('utf8').trim())
    const tree = await d.tree(base, [
      { path: 'NEW.txt', mode: '100644', sha: blob },
      { path: 'run.sh', mode: '100755', sha: blob },
      { path: 'README.md', mode: '100644', sha: null }
    ])
    expect(only('git/create-tree').body).toEqual({
      base_tree: base,
      tree: [
        { path: 'NEW.txt', mode: '100644', type: 'blob', sha: blob },
        { path: 'run.sh', mode: '100755', type: 'blob', sha: blob },
        { path: 'README.md', mode: '100644', type: 'blob', sha: null }
      ]
    })
    const listing = bare(['ls-tree', tree])
    expect(listing).toContain(`100644 blob ${blob}\tNEW.txt`)
    expect(listing).toContain(`100755 blob ${blob}\trun.sh`)
    expect(listing).not.toContain('README.md')
    const commit = await d.commit('release: x 1.0', tree, [main])
    expect(only('git/create-commit').body).toEqual({ message: 'release: x 1.0', tree, parents: [main] })
    expect(commit).toMatchObject({
      tree: { sha: tree },
      parents: [{ sha: main }],
      message: 'release: x 1.0',
      verification: { verified: true }
    })
    expect(bare(['rev-parse', `${commit.sha}^{tree}`])).toBe(tree)
    expect(await d.gitCommit(commit.sha)).toMatchObject({ sha: commit.sha, tree: { sha: tree } })
    expect(await d.hasCommit(commit.sha)).toBe(true)
    expect(await d.hasCommit('0'.repeat(40))).toBe(false)
    expect((await failure(d.gitCommit('0'.repeat(40)))).code).toBe('E_GITHUB_DENIED')
  })

  test.each([
    ['blob()', (d: GitHubData) => d.blob(Buffer.from('x')), '/repos/acme/dakora/git/blobs'],
    ['tree()', (d: GitHubData) => d.tree(bare(['rev-parse', 'main^{tree}']), []), '/repos/acme/dakora/git/trees'],
    ['commit()', (d: GitHubData) => d.commit('m', bare(['rev-parse', 'main^{tree}']), []), '/repos/acme/dakora/git/commits']
  ])('%s is sent again after a 502 (content-addressed: the same object)', async (_what, call, path) => {
    quick(2)
    gh.rule({ method: 'POST', path, fault: { status: 502 }, times: 1 })
    await call(data())
    expect(gh.requests.filter((r) => r.path === path)).toHaveLength(2)
  })

  test('ref(): the ref GitHub has, or null', async () => {
    const d = data()
    expect(await d.ref('heads/main')).toMatchObject({ ref: 'refs/heads/main', object: { sha: bare(['rev-parse', 'main']) } })
    expect(await d.ref('heads/nothing-here')).toBeNull()
    gh.rule({ path: '/repos/acme/dakora/git/ref/', fault: { status: 409 } })
    expect((await failure(d.ref('heads/main'))).code).toBe('E_GITHUB_DENIED')
  })

  test('setBranch(): created (POST refs), then moved whatever it held (PATCH, force)', async () => {
    const d = data()
    const main = bare(['rev-parse', 'main'])
    const other = (await d.commit('unrelated', bare(['rev-parse', 'main^{tree}']), [])).sha
    await d.setBranch('pyship/set-1', main, false)
    expect(only('git/create-ref').body).toEqual({ ref: 'refs/heads/pyship/set-1', sha: main })
    expect(bare(['rev-parse', 'pyship/set-1'])).toBe(main)
    await d.setBranch('pyship/set-1', other, true)
    expect(only('git/update-ref').body).toEqual({ sha: other, force: true })
    expect(bare(['rev-parse', 'pyship/set-1'])).toBe(other)
  })

  test.each([
    ['GitHub made it (the answer was lost): adopted', 'lost-answer' as const, false, 'ok'],
    ['it points elsewhere (the POST never arrived): not adopted, refused', 'reset' as const, true, 'E_GITHUB_DENIED']
  ])('setBranch() after a failed POST, %s', async (_what, fault, elsewhere, code) => {
    quick(2)
    const d = data()
    const main = bare(['rev-parse', 'main'])
    const branch = `pyship/set-${fault}`
    if (elsewhere) bare(['update-ref', `refs/heads/${branch}`, (await d.commit('other', bare(['rev-parse', 'main^{tree}']), [])).sha])
    gh.rule({ method: 'POST', path: '/repos/acme/dakora/git/refs', fault, times: 1 })
    expect((await failure(d.setBranch(branch, main, false))).code).toBe(code)
    if (!elsewhere) expect(bare(['rev-parse', branch])).toBe(main)
    stand.violations.length = 0
  })

  test('createPull(), openPull(), updatePull(): the pull request of a branch', async () => {
    const d = data()
    const main = bare(['rev-parse', 'main'])
    const c = await d.commit('release', bare(['rev-parse', 'main^{tree}']), [main])
    await d.setBranch('pyship/release', c.sha, false)
    expect(await d.openPull('pyship/release')).toBeNull()
    const pr = await d.createPull('pyship/release', 'main', { title: 'Release', body: 'notes' })
    expect(only('pulls/create').body).toEqual({ title: 'Release', body: 'notes', head: 'pyship/release', base: 'main' })
    expect(pr).toMatchObject({ title: 'Release', body: 'notes', state: 'open', head: { ref: 'pyship/release' }, base: { ref: 'main' } })
    expect(await d.openPull('pyship/release')).toMatchObject({ number: pr.number })
    expect(await d.openPull('pyship/other')).toBeNull()
    const updated = await d.updatePull(pr.number, { title: 'Release 2', body: 'more' })
    expect(only('pulls/update').body).toEqual({ title: 'Release 2', body: 'more' })
    expect(updated).toMatchObject({ number: pr.number, title: 'Release 2', body: 'more' })
    stand.pulls.length = 0
  })

  test('createPull() after a lost answer adopts the pull request GitHub opened: exactly one', async () => {
    quick(3)
    const d = data()
    const main = bare(['rev-parse', 'main'])
    const c = await d.commit('release 2', bare(['rev-parse', 'main^{tree}']), [main])
    await d.setBranch('pyship/lost', c.sha, false)
    gh.rule({ method: 'POST', path: '/repos/acme/dakora/pulls', fault: 'lost-answer', times: 1 })
    const pr = await d.createPull('pyship/lost', 'main', { title: 'R', body: 'b' })
    expect(stand.pulls.map((p) => p.number)).toEqual([pr.number])
    expect(sent('pulls/create')).toHaveLength(1)
    stand.pulls.length = 0
  })
})

test('attestationsWritable() when GitHub keeps answering 5xx: E_NETWORK from the seam, after every attempt', async () => {
  quick(2)
  gh.rule({ path: '/repos/acme/dakora/attestations', fault: { status: 503 } })
  const got = await failure(client().attestationsWritable())
  expect(got.code).toBe('E_NETWORK')
  expect(got.message).toContain('kept failing')
  expect(gh.requests).toHaveLength(2)
})

describe('more edges', () => {
  test.each([
    // same host and scheme, another port (GitHub Enterprise behind a proxy): trusted
    [
      'http://ghe.example.com:8080/api/v3',
      'http://ghe.example.com:9090/uploads/1/assets{?name,label}',
      'http://ghe.example.com:9090/uploads/1/assets?name=x.whl'
    ],
    ['https://ghe.example.com/api/v3', 'http://ghe.example.com/uploads/1/assets{?name,label}', 'E_NETWORK'],
    ['https://ghe.example.com/api/v3', 'https://uploads.github.com/repos/o/r/releases/1/assets{?name,label}', 'E_NETWORK'],
    ['https://api.github.com', 'https://uploads.github.com.evil.example/repos/o/r/releases/1/assets{?name,label}', 'E_NETWORK']
  ])('the upload URL for the API at %s, given %s: %s', (apiUrl, template, expected) => {
    let got: string
    try {
      got = new GitHub(apiUrl, 'o/r', 'token').uploadUrl({ id: 1, upload_url: template } as Release, 'x.whl')
    } catch (e) {
      got = e instanceof PyshipError ? e.code : String(e)
    }
    expect(got).toBe(expected)
  })

  test.each([
    ['', 'GitHub gave release 7 no upload URL ("")'],
    [
      'https://evil.example.com/up{?name,label}',
      'GitHub gave release 7 an upload URL on another host (https://evil.example.com/up); the token is not sent there'
    ]
  ])('an upload URL %j: %s', (template, message) => {
    expect(() => new GitHub('https://api.github.com', 'o/r', 't').uploadUrl({ id: 7, upload_url: template } as Release, 'x')).toThrow(
      message
    )
  })

  test('an error answer whose body is JSON null: no message, no crash', async () => {
    gh.rule({ path: '/repos/acme/dakora/releases/assets/8', fault: { status: 410, body: 'null' } })
    expect((await failure(client().deleteAsset(8))).message).toBe(`GitHub answered DELETE ${api('/releases/assets/8')} with 410: `)
  })

  test('attestationsWritable(): a 403 that says "Rate Limit" in any case is not a refusal of the permission', async () => {
    gh.rule({ path: '/repos/acme/dakora/attestations', fault: { status: 403, body: '{"message":"Secondary Rate Limit hit"}' } })
    expect(await client().attestationsWritable()).toBeNull()
  })

  test('hasCommit(): a 422 (not a commit sha) is false; a 409 is an error', async () => {
    gh.rule({ path: '/repos/acme/dakora/git/commits/', fault: { status: 422, body: '{"message":"No commit found for SHA: x"}' }, times: 1 })
    expect(await data().hasCommit('abc')).toBe(false)
    gh.rule({ path: '/repos/acme/dakora/git/commits/', fault: { status: 409 }, times: 1 })
    expect((await failure(data().hasCommit('abc'))).code).toBe('E_GITHUB_DENIED')
  })

  test('setBranch(): a POST that never arrived, and no branch yet: the look-up finds none, the ref is made', async () => {
    quick(2)
    const main = repos.git(['--git-dir', repos.bare, 'rev-parse', 'main'])
    gh.rule({ method: 'POST', path: '/repos/acme/dakora/git/refs', fault: 'reset', times: 1 })
    await data().setBranch('pyship/absent', main, false)
    expect(repos.git(['--git-dir', repos.bare, 'rev-parse', 'pyship/absent'])).toBe(main)
    expect(sent('git/get-ref').map((r) => r.status)).toEqual([404])
  })

  test('uploadAsset(): an answer that is not JSON is looked up and sent again, not taken as a refusal', async () => {
    quick(2)
    const rel = stand.seedRelease({ tag_name: 'v9', draft: true })
    gh.rule({ method: 'POST', path: `/repos/acme/dakora/releases/${rel.id}/assets`, fault: 'html', times: 1 })
    const a = await uploadThroughProxy(rel, Buffer.from('x'))
    expect(stand.assetsOf(rel.id).map((x) => x.id)).toEqual([a.id])
  })

  test('uploadAsset(): "already_exists" in an answer other than 422 is not a taken name', async () => {
    const rel = stand.seedRelease({ tag_name: 'v8', draft: true })
    gh.rule({
      method: 'POST',
      path: `/repos/acme/dakora/releases/${rel.id}/assets`,
      fault: { status: 409, body: '{"message":"already_exists"}' }
    })
    const got = await failure(uploadThroughProxy(rel, Buffer.from('x')))
    expect(got.code).toBe('E_GITHUB_DENIED')
  })
})
