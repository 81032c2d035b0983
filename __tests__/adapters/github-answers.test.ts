/**
 * What pyship's GitHub client accepts from GitHub: each answer is checked for the fields
 * pyship reads before it is used, and an answer missing one (or with the wrong type) is
 * E_NETWORK naming what was expected, never a half-read release, asset, ref or pull request.
 * GitHub's answers are replaced by the fault proxy in front of the stand-in.
 */
import { afterAll, afterEach, beforeAll, expect, test } from '@jest/globals'
import { PyshipError } from '../../src/errors.js'
import { GitHub, GitHubData, type Release } from '../../src/adapters/github.js'
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
  gh.clear()
  configureHttp()
})

const client = (): GitHubData => new GitHubData(gh.url, 'acme/dakora', stand.token)

/** A valid object, and one variant per field pyship reads with that field of the wrong type. */
const broken = (valid: Record<string, unknown>, fields: Record<string, unknown>): [string, unknown][] => [
  ['valid', valid],
  ...Object.entries(fields).map(([key, bad]): [string, unknown] => [`${key}: ${JSON.stringify(bad)}`, { ...valid, [key]: bad }]),
  ['null', null]
]
const release = {
  id: 1,
  tag_name: 'v1',
  target_commitish: 'main',
  name: null,
  body: null,
  draft: false,
  prerelease: false,
  html_url: 'https://github.com/acme/dakora/releases/v1'
}
const releaseFields = { id: '1', tag_name: 1, draft: 'false', prerelease: null, html_url: 1 }
const asset = { id: 2, name: 'x.whl', size: 3, state: 'uploaded', digest: null, browser_download_url: 'u', content_type: 'application/zip' }
const assetFields = { id: '2', name: 2, size: '3', state: 1 }
const sha = 'a'.repeat(40)
const commit = { sha, tree: { sha }, parents: [{ sha }], message: 'm' }
const pull = { number: 5, html_url: 'h', state: 'open', title: 't', body: null, head: { ref: 'b', sha }, base: { ref: 'main' } }
const rel = { id: 1, tag_name: 'v1', upload_url: '' } as Release
/** One asset uploaded to release 1 (the stand-in's upload URL is known once it runs). */
const uploadOne = (c: GitHubData): Promise<unknown> =>
  c.uploadAsset(
    { ...rel, upload_url: `${gh.url}/repos/acme/dakora/releases/1/assets{?name,label}` },
    { name: 'x.whl', size: 1, contentType: 'application/zip', body: Buffer.from('x') }
  )

type Case = [string, string, RegExp, (c: GitHubData) => Promise<unknown>, number, string]
const cases: Case[] = [
  ...broken(release, releaseFields).flatMap(([what, r]): Case[] => [
    [`releases() ${what}`, 'GET', /\/releases$/, (c) => c.releases(), 200, JSON.stringify([r])],
    [`createRelease() ${what}`, 'POST', /\/releases$/, (c) => c.createRelease({ tag_name: 'v1' }), 201, JSON.stringify(r)],
    [`updateRelease() ${what}`, 'PATCH', /\/releases\/1$/, (c) => c.updateRelease(1, { name: 'n' }), 200, JSON.stringify(r)]
  ]),
  ['releases() not a list', 'GET', /\/releases$/, (c) => c.releases(), 200, JSON.stringify(release)],
  ...broken(asset, assetFields).map(([what, a]): Case => [
    `assets() ${what}`,
    'GET',
    /\/releases\/1\/assets$/,
    (c) => c.assets(1),
    200,
    JSON.stringify([a])
  ]),
  ['assets() not a list', 'GET', /\/releases\/1\/assets$/, (c) => c.assets(1), 200, JSON.stringify(asset)],
  ...broken({ default_branch: 'main', html_url: 'h' }, { default_branch: 1 }).map(([what, r]): Case => [
    `repo() ${what}`,
    'GET',
    /\/dakora$/,
    (c) => c.repo(),
    200,
    JSON.stringify(r)
  ]),
  ...broken({ body: 'notes' }, { body: 1 }).map(([what, n]): Case => [
    `generateNotes() ${what}`,
    'POST',
    /generate-notes$/,
    (c) => c.generateNotes('v1', 'main'),
    200,
    JSON.stringify(n)
  ]),
  ...broken({ ref: 'refs/heads/b', object: { sha, type: 'commit' } }, { ref: 1, object: { type: 'commit' } }).map(([what, r]): Case => [
    `ref() ${what}`,
    'GET',
    /\/git\/ref\//,
    (c) => c.ref('heads/b'),
    200,
    JSON.stringify(r)
  ]),
  ...broken({ sha }, { sha: 1 }).flatMap(([what, s]): Case[] => [
    [`blob() ${what}`, 'POST', /\/git\/blobs$/, (c) => c.blob(Buffer.from('x')), 201, JSON.stringify(s)],
    [`tree() ${what}`, 'POST', /\/git\/trees$/, (c) => c.tree(sha, []), 201, JSON.stringify(s)]
  ]),
  ...broken(commit, { sha: 1, tree: {}, parents: {} }).flatMap(([what, g]): Case[] => [
    [`commit() ${what}`, 'POST', /\/git\/commits$/, (c) => c.commit('m', sha, []), 201, JSON.stringify(g)],
    [`gitCommit() ${what}`, 'GET', /\/git\/commits\//, (c) => c.gitCommit(sha), 200, JSON.stringify(g)]
  ]),
  ['commit() parents: [{}]', 'POST', /\/git\/commits$/, (c) => c.commit('m', sha, []), 201, JSON.stringify({ ...commit, parents: [{}] })],
  ...broken(pull, { number: '5', html_url: 1, state: 1, head: 'b', base: 'main' }).flatMap(([what, p]): Case[] => [
    [`updatePull() ${what}`, 'PATCH', /\/pulls\/5$/, (c) => c.updatePull(5, { title: 't', body: 'b' }), 200, JSON.stringify(p)],
    [`openPull() ${what}`, 'GET', /\/pulls$/, (c) => c.openPull('b'), 200, JSON.stringify([p])]
  ]),
  [
    'updatePull() head.ref: 1',
    'PATCH',
    /\/pulls\/5$/,
    (c) => c.updatePull(5, { title: 't', body: 'b' }),
    200,
    JSON.stringify({ ...pull, head: { ref: 1, sha } })
  ],
  [
    'updatePull() base.ref: 1',
    'PATCH',
    /\/pulls\/5$/,
    (c) => c.updatePull(5, { title: 't', body: 'b' }),
    200,
    JSON.stringify({ ...pull, base: { ref: 1 } })
  ],
  ['openPull() not a list', 'GET', /\/pulls$/, (c) => c.openPull('b'), 200, JSON.stringify(pull)],
  ['uploadAsset() valid', 'POST', /\/releases\/1\/assets$/, uploadOne, 201, JSON.stringify(asset)],
  ['uploadAsset() id: "2"', 'POST', /\/releases\/1\/assets$/, uploadOne, 201, JSON.stringify({ ...asset, id: '2' })],
  ['createAttestation() not an object', 'POST', /\/attestations$/, (c) => c.createAttestation({}, `sha256:${'a'.repeat(64)}`), 201, '[1]'],
  ['attestations() not an object', 'GET', /\/attestations\//, (c) => c.attestations(`sha256:${'a'.repeat(64)}`), 200, '"x"'],
  [
    'attestations() attestations not a list',
    'GET',
    /\/attestations\//,
    (c) => c.attestations(`sha256:${'a'.repeat(64)}`),
    200,
    '{"attestations":{}}'
  ]
]

test.each(cases)('%s', async (what, method, path, call, status, body) => {
  gh.rule({ method, path, fault: { status, body } })
  const got = await call(client()).then(
    () => 'ok',
    (e: unknown) => (e instanceof PyshipError ? `${e.code}: ${e.message}` : String(e))
  )
  if (/ valid$/.test(what)) expect(got).toBe('ok')
  else expect(got).toMatch(/^E_NETWORK: .*(a |an |generated |a list of )/)
})

test.each([
  ['an id', '{"id":42}', 42],
  ['no id', '{}', 0]
])('createAttestation() answered with %s: %d', async (_what, body, id) => {
  gh.rule({ method: 'POST', path: /\/attestations$/, fault: { status: 201, body } })
  expect(await client().createAttestation({}, `sha256:${'a'.repeat(64)}`)).toBe(id)
})

test('openPull() picks the pull request whose head is the branch, not another the list holds', async () => {
  const other = { ...pull, number: 4, head: { ref: 'other', sha } }
  gh.rule({ method: 'GET', path: /\/pulls$/, fault: { status: 200, body: JSON.stringify([other, pull]) } })
  expect((await client().openPull('b'))?.number).toBe(5)
  gh.clear()
  gh.rule({ method: 'GET', path: /\/pulls$/, fault: { status: 200, body: JSON.stringify([other]) } })
  expect(await client().openPull('b')).toBeNull()
})

test('a GitHub client is also a GitHub (the releases side)', () => {
  expect(client()).toBeInstanceOf(GitHub)
})
