/**
 * Release assets through pyship's GitHub client, against the GitHub stand-in (validated
 * against @octokit/openapi) behind the fault proxy: an upload whose answer is lost is looked
 * up, never sent twice (SPEC §8 "Retries never duplicate"); lists are read to their last
 * page; a taken name is a coded error; the token goes only to GitHub's own hosts.
 */
import { afterAll, afterEach, beforeAll, expect, test } from '@jest/globals'
import { PyshipError } from '../../src/errors.js'
import { GitHub, type Release } from '../../src/adapters/github.js'
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
  stand.requests.length = 0
  gh.clear()
  configureHttp()
})

const client = (): GitHub => new GitHub(gh.url, 'acme/dakora', stand.token)
/** A draft whose upload URL goes through the fault proxy too. */
const draft = (): Release => {
  const r = stand.seedRelease({ tag_name: 'python-sdk-v1.4.0', draft: true })
  return { ...r, upload_url: r.upload_url.replace(stand.url, gh.url) } as Release
}
const file = (name: string, text: string) => ({
  name,
  size: Buffer.byteLength(text),
  contentType: 'application/gzip',
  body: Buffer.from(text)
})
const codeOf = async (p: Promise<unknown>): Promise<string> =>
  p.then(
    () => 'ok',
    (e: unknown) => (e instanceof PyshipError ? e.code : String(e))
  )

test('uploadAsset() after a lost answer adopts the asset GitHub stored: exactly one upload, one asset', async () => {
  configureHttp({ attempts: 3, backoff: 0.01 })
  const rel = draft()
  gh.rule({ method: 'POST', path: `/repos/acme/dakora/releases/${rel.id}/assets`, fault: 'lost-answer', times: 1 })
  const asset = await client().uploadAsset(rel, file('x-1.0.tar.gz', 'sdist bytes'))
  expect(stand.assetsOf(rel.id).map((a) => [a.id, a.name, a.data.toString()])).toEqual([[asset.id, 'x-1.0.tar.gz', 'sdist bytes']])
  expect(stand.requests.filter((r) => r.operationId === 'repos/upload-release-asset')).toHaveLength(1)
  expect(stand.requests.filter((r) => r.operationId === 'repos/list-release-assets').length).toBeGreaterThan(0)
  expect(stand.violations).toEqual([])
})

test('uploadAsset() sends the name, the media type and the bytes, and reads the digest GitHub computed', async () => {
  const rel = draft()
  const asset = await client().uploadAsset(rel, file('x-1.0.tar.gz', 'sdist bytes'))
  const [upload] = stand.requests.filter((r) => r.operationId === 'repos/upload-release-asset')
  expect(upload.query).toEqual({ name: 'x-1.0.tar.gz' })
  expect(upload.bytes).toMatchObject({ length: 11, contentType: 'application/gzip' })
  expect(asset).toMatchObject({ name: 'x-1.0.tar.gz', size: 11, state: 'uploaded', digest: `sha256:${upload.bytes?.sha256}` })
  expect(stand.violations).toEqual([])
})

test('a name the release already has is E_TAG_EXISTS (GitHub answers 422 already_exists), nothing replaced', async () => {
  const rel = draft()
  stand.seedAsset(rel.id, 'x-1.0.tar.gz', 'theirs')
  expect(await codeOf(client().uploadAsset(rel, file('x-1.0.tar.gz', 'ours')))).toBe('E_TAG_EXISTS')
  expect(stand.assetsOf(rel.id).map((a) => a.data.toString())).toEqual(['theirs'])
})

test('assets() reads every page (130 assets, 2 pages of 100)', async () => {
  const rel = draft()
  for (let i = 0; i < 130; i++) stand.seedAsset(rel.id, `f${i}.whl`, `${i}`)
  const all = await client().assets(rel.id)
  expect(all).toHaveLength(130)
  expect(new Set(all.map((a) => a.name)).size).toBe(130)
  expect(stand.requests.filter((r) => r.operationId === 'repos/list-release-assets')).toHaveLength(2)
})

test('downloadAsset() follows GitHub’s redirect to the bytes; deleteAsset() removes one', async () => {
  const rel = draft()
  const a = stand.seedAsset(rel.id, 'SHA256SUMS', `${'a'.repeat(64)}  x.whl\n`)
  expect(await client().downloadAsset(a.id)).toBe(`${'a'.repeat(64)}  x.whl\n`)
  await client().deleteAsset(a.id)
  expect(stand.assetsOf(rel.id)).toEqual([])
  expect(stand.violations).toEqual([])
})

test.each([
  [
    'https://api.github.com',
    'https://uploads.github.com/repos/o/r/releases/1/assets{?name,label}',
    'https://uploads.github.com/repos/o/r/releases/1/assets?name=x.whl'
  ],
  [
    'https://ghe.example.com/api/v3',
    'https://ghe.example.com/api/uploads/repos/o/r/releases/1/assets{?name,label}',
    'https://ghe.example.com/api/uploads/repos/o/r/releases/1/assets?name=x.whl'
  ],
  ['https://api.github.com', 'https://evil.example.com/repos/o/r/releases/1/assets{?name,label}', 'E_NETWORK'],
  ['https://api.github.com', 'http://uploads.github.com/repos/o/r/releases/1/assets{?name,label}', 'E_NETWORK'],
  ['https://api.github.com', '', 'E_NETWORK']
])('the upload URL for the API at %s, given %s: %s', (api, template, expected) => {
  const gh = new GitHub(api, 'o/r', 'token')
  const rel = { id: 1, upload_url: template } as Release
  let got: string
  try {
    got = gh.uploadUrl(rel, 'x.whl')
  } catch (e) {
    got = e instanceof PyshipError ? e.code : String(e)
  }
  expect(got).toBe(expected)
})
