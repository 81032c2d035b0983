/**
 * The safety promises of SPEC §4 (release, verify) through the bundled action, each
 * guarded by a test that fails when the promise is broken (issue 13: every one of them
 * was broken on purpose in src/, rebuilt into the bundle, and seen red here; see
 * docs/mutation.md for which test caught which planted bug).
 */
import { afterEach, beforeEach, expect, test } from '@jest/globals'
import { createHash } from 'node:crypto'
import type { GitRepos } from '../../__fixtures__/git.js'
import type { GithubStandIn } from '../../__fixtures__/github-server.js'
import type { PypiStandIn } from '../../__fixtures__/pypi-server.js'
import { watchOrigin } from '../../__fixtures__/origin-hook.js'
import { startTokenRegistry } from '../../__fixtures__/token-registry.js'
import { errors, logged, REGISTRY_PASSWORD, startWorld, type World } from '../../__fixtures__/world.js'
import { describeWithTools } from '../../__fixtures__/tools.js'

const SDK_TAG = 'python-sdk-v1.4.0'
const SDK_FILES = ['dakora_client-1.4.0-py3-none-any.whl', 'dakora_client-1.4.0.tar.gz']

describeWithTools(['git', 'build', 'twine', 'venv', 'hatchling', 'pytest'], 'safety promises of release and verify', () => {
  let world: World
  let repos: GitRepos
  let pypi: PypiStandIn
  let github: GithubStandIn

  beforeEach(async () => {
    world = await startWorld()
    ;({ repos, pypi, github } = world)
  })
  afterEach(() => world.close())

  const release = (inputs: Record<string, string> = {}, env: Record<string, string> = {}) => world.action('release', 'sdk', { inputs, env })
  const originTags = (): string[] => repos.git(['tag', '--list'], repos.bare).split('\n').filter(Boolean)
  const uploads = (): string[] =>
    pypi.requests.filter((r) => r.method === 'POST' && r.path.startsWith('/legacy')).map((r) => r.filename ?? '')
  const sdkReleases = () => github.releases.filter((r) => r.tag_name === SDK_TAG)

  test('resume never ships other bytes: a file of the same name with other content on the index stops the release', async () => {
    const sha = repos.head()
    // this commit's own draft (a crash after "record intent"), and someone else's wheel under our name
    const draft = github.seedRelease({ tag_name: SDK_TAG, target_commitish: sha, name: 'sdk 1.4.0', draft: true })
    pypi.addFile('dakora-client', '1.4.0', SDK_FILES[0], 'other bytes than this commit builds')
    const run = await release()
    expect(run.status).toBe(1)
    expect(errors(run)).toEqual([
      expect.stringMatching(
        /^E_PYPI_EXISTS dakora_client-1\.4\.0-py3-none-any\.whl is already on the index with other content \(sha256 [0-9a-f]{12}…, built [0-9a-f]{12}…\)$/
      )
    ])
    expect(uploads()).toEqual([])
    expect(pypi.files.map((f) => f.content.toString())).toEqual(['other bytes than this commit builds'])
    expect(originTags()).toEqual([])
    expect(sdkReleases()).toEqual([expect.objectContaining({ id: draft.id, draft: true })])
  })

  test("preflight: a release of the tag made for another commit is not this commit's own", async () => {
    const other = repos.head()
    repos.git(['commit', '-q', '--allow-empty', '-m', 'same version, another commit'])
    repos.git(['push', '-q', 'origin', 'main'])
    // another commit's draft, and the index already has the version: it is theirs, not ours to resume
    const theirs = github.seedRelease({ tag_name: SDK_TAG, target_commitish: other, name: 'sdk 1.4.0', body: 'theirs', draft: true })
    pypi.addFile('dakora-client', '1.4.0', 'dakora_client-1.4.0.tar.gz', 'their bytes')
    const before = JSON.stringify(github.releases)
    const run = await release()
    expect(run.status).toBe(1)
    expect(errors(run)).toEqual([
      expect.stringMatching(
        /^E_PYPI_EXISTS dakora-client 1\.4\.0 is already on the index \(.+\) and no release of python-sdk-v1\.4\.0 by this commit records it$/
      )
    ])
    expect(run.stdout).not.toMatch(/-m build/)
    expect(uploads()).toEqual([])
    expect(originTags()).toEqual([])
    expect(JSON.stringify(github.releases)).toBe(before)
    expect(theirs.target_commitish).toBe(other)
  })

  test('irreversible steps come last: the tag reaches origin only after every file is on the index', async () => {
    const sha = repos.head()
    const watch = await watchOrigin(repos.bare, () => ({
      files: pypi.files.map((f) => f.filename).sort(),
      releases: github.releases.map((r) => ({ tag: r.tag_name, draft: r.draft }))
    }))
    try {
      const run = await release()
      expect(errors(run)).toEqual([])
      expect(run.status).toBe(0)
      expect(watch.errors).toEqual([])
      // the release lock's refs come and go; the one tag push is what matters here
      expect(watch.pushes.map((p) => p.refs.filter((r) => !r.startsWith('refs/pyship/'))).filter((refs) => refs.length > 0)).toEqual([
        [`refs/tags/${SDK_TAG}`]
      ])
      // held at the moment the tag arrived: the files are uploaded, the release is still the draft
      expect(watch.arrival(`refs/tags/${SDK_TAG}`)?.state).toEqual({ files: SDK_FILES, releases: [{ tag: SDK_TAG, draft: true }] })
      expect(repos.git(['rev-parse', `refs/tags/${SDK_TAG}^{commit}`], repos.bare)).toBe(sha)
    } finally {
      await watch.close()
    }
  })

  test('429 answers and dropped connections of the index and GitHub are retried; the release completes', async () => {
    pypi.failNext('/pypi/', 'reset', 1)
    pypi.failNext('/pypi/', 429, 1)
    github.failNext('/repos/acme/dakora/releases', 429, 1)
    github.failNext('/repos/acme/dakora/releases', 'reset', 1)
    const run = await release()
    expect(errors(run)).toEqual([])
    expect(run.status).toBe(0)
    expect(pypi.files.map((f) => f.filename).sort()).toEqual(SDK_FILES)
    expect(sdkReleases()).toEqual([expect.objectContaining({ draft: false })])
    // preflight's look-ups: the reset and the 429 retried, then "not on the index yet"
    const lookups = pypi.requests.filter((r) => r.path.startsWith('/pypi/dakora-client/1.4.0/json'))
    expect(lookups.slice(0, 3).map((r) => r.status)).toEqual([0, 429, 404])
    const listings = github.requests.filter((r) => r.method === 'GET' && r.path === '/repos/acme/dakora/releases')
    expect(listings.slice(0, 3).map((r) => r.status)).toEqual([429, 0, 200])
  })

  test('every credential is masked before anything prints it: registry-password and the OIDC ID token too', async () => {
    const run = await release(
      { 'pypi-token': '', 'registry-password': REGISTRY_PASSWORD },
      { ACTIONS_ID_TOKEN_REQUEST_URL: pypi.idTokenUrl, ACTIONS_ID_TOKEN_REQUEST_TOKEN: pypi.idTokenRequestToken }
    )
    expect(errors(run)).toEqual([])
    expect(run.status).toBe(0)
    // one ID token for the index (trusted publishing), one for Sigstore (the PEP 740 attestations), one for the build provenance
    const idTokens = [...pypi.oidc.acceptedIdTokens]
    const audience = (jwt: string): unknown => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8')).aud
    expect(idTokens.map(audience).sort()).toEqual(['pypi', 'sigstore', 'sigstore'])
    expect(pypi.oidc.mintedTokens).toHaveLength(1)
    const secrets = {
      'github-token': github.token,
      'registry-password': REGISTRY_PASSWORD,
      'OIDC ID token': idTokens[0],
      'second OIDC ID token': idTokens[1],
      'minted PyPI token': pypi.oidc.mintedTokens[0]
    }
    const lines = run.stdout.split('\n')
    for (const [what, value] of Object.entries(secrets)) {
      const masked = lines.indexOf(`::add-mask::${value}`)
      expect({ what, masked: masked >= 0 }).toEqual({ what, masked: true })
      // the first line that holds the value is its ::add-mask:: command
      expect({ what, first: lines.findIndex((l) => l.includes(value)) }).toEqual({ what, first: masked })
      for (const text of [logged(run), run.stderr, run.summary, JSON.stringify(run.outputs)])
        expect(text.includes(value) ? `${what} leaked` : 'clean').toBe('clean')
    }
  })

  test('the verify step polls the index until the upload is visible (a CDN that lags three look-ups)', async () => {
    pypi.visibilityDelay = 3
    const run = await release()
    expect(errors(run)).toEqual([])
    expect(run.status).toBe(0)
    const lastUpload = pypi.requests.map((r) => r.method).lastIndexOf('POST')
    const after = pypi.requests.slice(lastUpload + 1).filter((r) => r.path.startsWith('/pypi/dakora-client/1.4.0/json'))
    expect(after.length).toBeGreaterThanOrEqual(4)
    const steps = (JSON.parse(run.outputs.plan) as { steps: { step: string; status: string }[] }).steps
    expect(steps.find((s) => s.step === 'verify')?.status).toBe('done')
  })

  test('a draft beyond the first 100 releases is found (every page is read) and resumed, not duplicated', async () => {
    const sha = repos.head()
    const draft = github.seedRelease({ tag_name: SDK_TAG, target_commitish: sha, name: 'sdk 1.4.0', draft: true })
    for (let i = 0; i < 120; i++)
      github.seedRelease({ tag_name: `legacy-v0.${i}.0`, target_commitish: sha, name: `legacy ${i}`, draft: true })
    const page1 = github.requests.length
    const run = await release()
    expect(errors(run)).toEqual([])
    expect(run.status).toBe(0)
    const pages = github.requests.slice(page1).filter((r) => r.method === 'GET' && r.path === '/repos/acme/dakora/releases')
    // the first page is the bare URL; the rest follow the Link header
    expect(pages[0].query.page ?? '1').toBe('1')
    expect(pages.map((r) => r.query.page)).toContain('2')
    expect(sdkReleases()).toEqual([expect.objectContaining({ id: draft.id, draft: false, target_commitish: sha })])
    expect(github.requests.filter((r) => r.method === 'POST' && r.path === '/repos/acme/dakora/releases')).toEqual([])
    expect(github.violations).toEqual([])
  })

  test('verify: a release that is still a draft is not published', async () => {
    const sha = repos.head()
    for (const f of SDK_FILES) pypi.addFile('dakora-client', '1.4.0', f, `content of ${f}`)
    repos.git(['tag', '-a', SDK_TAG, '-m', 'sdk 1.4.0', sha])
    repos.git(['push', '-q', 'origin', `refs/tags/${SDK_TAG}`])
    const draft = github.seedRelease({ tag_name: SDK_TAG, target_commitish: sha, name: 'sdk 1.4.0', draft: true })
    // the files and their SHA256SUMS attached, as a release attaches them (SPEC §10): only the draft is missing
    const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex')
    for (const f of SDK_FILES) github.seedAsset(draft.id, f, `content of ${f}`)
    github.seedAsset(draft.id, 'SHA256SUMS', SDK_FILES.map((f) => `${sha256(`content of ${f}`)}  ${f}\n`).join(''))

    const run = await world.action('verify', 'sdk')
    expect(run.status).toBe(1)
    expect(errors(run)).toEqual([`E_VERIFY GitHub release ${SDK_TAG}: still a draft`])

    draft.draft = false
    const published = await world.action('verify', 'sdk')
    expect(errors(published)).toEqual([])
    expect(published.status).toBe(0)
  })

  test('component: "/" is refused anywhere in it, before anything is read', async () => {
    for (const component of ['sdk/x', 'sdk/../../etc']) {
      const run = await world.action('check', component)
      expect(run.status).toBe(1)
      expect(errors(run)).toEqual([
        `E_INPUT input component = ${JSON.stringify(component)} is not allowed: a target or group name matching [A-Za-z0-9][A-Za-z0-9._-]* (at most 100 characters)`
      ])
    }
  })
})

describeWithTools(['git', 'build', 'twine', 'venv', 'hatchling', 'pytest', 'docker'], 'safety promises of release with images', () => {
  let world: World
  let repos: GitRepos

  beforeEach(async () => {
    world = await startWorld({ registry: true })
    ;({ repos } = world)
  })
  afterEach(() => world.close())

  test('irreversible steps come last: each tag reaches origin only after the uploads and every image tag', async () => {
    const { pypi, registry } = world
    expect((await world.action('release', 'sdk')).status).toBe(0)
    const images = async (): Promise<string[]> => {
      const found: string[] = []
      for (const image of ['server', 'studio']) found.push(...(await registry.tags(`acme/dakora/${image}`)).map((t) => `${image}:${t}`))
      return found.sort()
    }
    const watch = await watchOrigin(repos.bare, async () => ({ files: pypi.files.map((f) => f.filename).sort(), images: await images() }))
    try {
      const run = await world.action('release', 'platform')
      expect(errors(run)).toEqual([])
      expect(run.status).toBe(0)
      expect(watch.errors).toEqual([])
      const shipped = {
        files: ['dakora-2.0.0-py3-none-any.whl', 'dakora-2.0.0.tar.gz', ...SDK_FILES],
        images: ['server:2.0', 'server:2.0.0', 'server:latest', 'studio:2.0', 'studio:2.0.0', 'studio:latest']
      }
      for (const tag of ['cli-v2.0.0', 'docker-v2.0.0']) {
        expect({ tag, state: watch.arrival(`refs/tags/${tag}`)?.state }).toEqual({ tag, state: shipped })
      }
    } finally {
      await watch.close()
    }
  })

  test('registry preflight proves the right to push: a login that may only pull fails before anything is built', async () => {
    const ghcr = await startTokenRegistry({ readOnly: ['acme/dakora/server', 'acme/dakora/studio'] })
    try {
      const run = await world.action('release', 'docker', {
        inputs: { registry: ghcr.host, 'registry-username': ghcr.username, 'registry-password': ghcr.password }
      })
      expect(run.status).toBe(1)
      expect(errors(run)).toEqual([`E_REGISTRY_DENIED ${ghcr.host} lets ${ghcr.username} log in but not push to acme/dakora/server (403)`])
      expect(logged(run)).not.toMatch(/\$ docker (buildx )?build/)
      expect(world.github.requests.filter((r) => r.method !== 'GET')).toEqual([])
      expect(ghcr.openUploads).toBe(0)
    } finally {
      await ghcr.close()
    }
  })
})
