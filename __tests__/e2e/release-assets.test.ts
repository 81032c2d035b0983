/**
 * Release assets (SPEC §10): each pypi target's GitHub Release carries its wheels, sdists
 * and a SHA256SUMS over them, attached to the draft before anything is published — seen
 * through the requests the GitHub stand-in received, the bundled action run for real
 * (git, build, twine) against the PyPI and GitHub stand-ins.
 */
import { afterEach, beforeEach, expect, test } from '@jest/globals'
import type { ChildProcess } from 'node:child_process'
import { createHash } from 'node:crypto'
import { killTree } from '../../__fixtures__/action.js'
import type { GitRepos } from '../../__fixtures__/git.js'
import type { GithubStandIn } from '../../__fixtures__/github-server.js'
import type { PypiStandIn } from '../../__fixtures__/pypi-server.js'
import { errors, startWorld, type World } from '../../__fixtures__/world.js'
import { describeWithTools } from '../../__fixtures__/tools.js'

const SDK_TAG = 'python-sdk-v1.4.0'
const SDK_FILES = ['dakora_client-1.4.0-py3-none-any.whl', 'dakora_client-1.4.0.tar.gz']
const sha256 = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex')

describeWithTools(['git', 'build', 'twine', 'venv', 'hatchling', 'pytest'], 'release assets and SHA256SUMS', () => {
  let world: World
  let repos: GitRepos
  let pypi: PypiStandIn
  let github: GithubStandIn

  beforeEach(async () => {
    world = await startWorld()
    ;({ repos, pypi, github } = world)
  })
  afterEach(() => world.close())

  const release = (inputs: Record<string, string> = {}) => world.action('release', 'sdk', { inputs })
  const verify = () => world.action('verify', 'sdk', {})
  const sdkRelease = () => github.releases.find((r) => r.tag_name === SDK_TAG)
  /** The asset uploads GitHub answered 201: the name and the SHA-256 of the bytes it received. */
  const uploaded = (): [string, string][] =>
    github.requests
      .filter((r) => r.operationId === 'repos/upload-release-asset' && r.status === 201)
      .map((r) => [r.query.name, r.bytes?.sha256 ?? ''])
  const indexSha = (name: string): string => sha256(pypi.files.find((f) => f.filename === name)?.content ?? '')

  test('the release carries every wheel and sdist and a SHA256SUMS over them, uploaded to the draft before anything is published', async () => {
    const run = await release()
    expect(errors(run)).toEqual([])
    expect(run.status).toBe(0)
    // every file, with the bytes the index received, and SHA256SUMS last
    expect(uploaded()).toEqual([
      [SDK_FILES[0], indexSha(SDK_FILES[0])],
      [SDK_FILES[1], indexSha(SDK_FILES[1])],
      ['SHA256SUMS', expect.any(String)]
    ])
    const rel = sdkRelease()!
    const assets = github.assetsOf(rel.id)
    const sums = assets.find((a) => a.name === 'SHA256SUMS')!
    expect(sums.data.toString('utf8')).toBe(SDK_FILES.map((f) => `${indexSha(f)}  ${f}\n`).join(''))
    expect(assets.map((a) => [a.name, a.content_type])).toEqual([
      [SDK_FILES[0], 'application/zip'],
      [SDK_FILES[1], 'application/gzip'],
      ['SHA256SUMS', 'text/plain']
    ])
    // uploaded while the release was a draft, before the first file reached the index
    const firstUpload = github.requests.findIndex((r) => r.operationId === 'repos/upload-release-asset')
    const published = github.requests.findIndex(
      (r) => r.operationId === 'repos/update-release' && (r.body as { draft?: boolean }).draft === false
    )
    expect(firstUpload).toBeGreaterThan(-1)
    expect(firstUpload).toBeLessThan(published)
    const steps = (JSON.parse(run.outputs.plan) as { steps: { step: string; status: string }[] }).steps.map((s) => s.step)
    expect(steps.indexOf('attach assets')).toBe(steps.indexOf('publish') - 1)
    // the summary lists each asset with its link
    for (const name of [...SDK_FILES, 'SHA256SUMS'])
      expect(run.summary).toContain(`https://github.com/acme/dakora/releases/download/${SDK_TAG}/${name}`)
    expect(github.violations).toEqual([])
    expect(github.responseViolations).toEqual([])
  })

  test('a crash after the first asset, then a re-run, attaches only the rest; a re-run after success uploads nothing', async () => {
    let child: ChildProcess | undefined
    github.onRequest = (r) => {
      if (child && r.operationId === 'repos/upload-release-asset' && r.status === 201) killTree(child)
    }
    const crashed = await world.action('release', 'sdk', { onSpawn: (c) => (child = c) })
    expect(crashed.signal).toBe('SIGKILL')
    github.onRequest = undefined
    // killed right after an asset was stored (the next upload may have got through before the signal)
    const first = uploaded().map(([n]) => n)
    expect(first.length).toBeGreaterThan(0)
    expect(first.length).toBeLessThan(3)
    expect(first).toEqual([...SDK_FILES, 'SHA256SUMS'].slice(0, first.length))
    expect(pypi.files).toEqual([])

    const rerun = await release()
    expect(errors(rerun)).toEqual([])
    expect(rerun.status).toBe(0)
    // each asset uploaded exactly once over both runs: what the crashed run attached was kept
    expect(uploaded().map(([n]) => n)).toEqual([...SDK_FILES, 'SHA256SUMS'])
    const attach = (JSON.parse(rerun.outputs.plan) as { steps: { step: string; detail: string }[] }).steps.find(
      (s) => s.step === 'attach assets'
    )
    const rest = [...SDK_FILES, 'SHA256SUMS'].slice(first.length).map((n) => `${SDK_TAG}/${n}`)
    expect(attach?.detail).toBe(`attached ${rest.join(', ')}; ${first.length} already attached`)

    const before = github.requests.length
    const again = await release()
    expect(again.status).toBe(0)
    expect(again.outputs.released).toBe('false')
    expect(github.requests.slice(before).filter((r) => r.method !== 'GET')).toEqual([])
    expect(github.assetsOf(sdkRelease()!.id).map((a) => a.name)).toEqual([...SDK_FILES, 'SHA256SUMS'])
    expect(github.violations).toEqual([])
  })

  test('an asset of the same name with other content stops the release before anything is published', async () => {
    const sha = repos.head()
    const draft = github.seedRelease({ tag_name: SDK_TAG, target_commitish: sha, name: 'sdk 1.4.0', draft: true })
    github.seedAsset(draft.id, SDK_FILES[1], 'someone else uploaded this')
    const run = await release()
    expect(run.status).toBe(1)
    expect(errors(run)).toEqual([
      expect.stringMatching(
        /^E_TAG_EXISTS the GitHub release of python-sdk-v1\.4\.0 already has an asset dakora_client-1\.4\.0\.tar\.gz with other content \(\d+ bytes, built \d+ bytes\); nothing was published$/
      )
    ])
    expect(run.stdout).toContain('pyship never replaces a release asset')
    // nothing after it: no upload of any asset, nothing on the index, no tag, still a draft
    expect(uploaded()).toEqual([])
    expect(pypi.files).toEqual([])
    expect(repos.git(['tag', '--list'], repos.bare).trim()).toBe('')
    expect(sdkRelease()).toMatchObject({ id: draft.id, draft: true })
    expect(github.assetsOf(draft.id).map((a) => a.data.toString())).toEqual(['someone else uploaded this'])
  })

  test('verify checks the assets against SHA256SUMS and the index, and reports a tampered one', async () => {
    expect((await release()).status).toBe(0)
    const clean = await verify()
    expect(errors(clean)).toEqual([])
    expect(clean.status).toBe(0)
    expect(clean.summary).toContain('SHA256SUMS')
    // someone replaces the sdist on the release with other bytes of the same name
    const rel = sdkRelease()!
    const list = github.assetsOf(rel.id)
    list.splice(
      list.findIndex((a) => a.name === SDK_FILES[1]),
      1
    )
    github.seedAsset(rel.id, SDK_FILES[1], 'tampered')
    const tampered = await verify()
    expect(tampered.status).toBe(1)
    expect(errors(tampered)).toEqual([
      expect.stringMatching(
        /^E_VERIFY asset dakora_client-1\.4\.0\.tar\.gz of python-sdk-v1\.4\.0: sha256 [0-9a-f]{12}…, SHA256SUMS lists [0-9a-f]{12}…/
      )
    ])
  })

  test('verify of a release made without assets says so; one whose SHA256SUMS went missing fails', async () => {
    expect((await release()).status).toBe(0)
    const rel = sdkRelease()!
    const list = github.assetsOf(rel.id)
    // SHA256SUMS removed, the files still there: E_VERIFY
    list.splice(
      list.findIndex((a) => a.name === 'SHA256SUMS'),
      1
    )
    const missing = await verify()
    expect(missing.status).toBe(1)
    expect(errors(missing)).toEqual([expect.stringMatching(/^E_VERIFY SHA256SUMS of python-sdk-v1\.4\.0: not attached to the release/)])
    // no asset at all (a release made before releases carried their files): said, not failed
    list.splice(0, list.length)
    const older = await verify()
    expect(errors(older)).toEqual([])
    expect(older.status).toBe(0)
    expect(older.summary).toContain('none: a release made without its files and SHA256SUMS')
  })
})
