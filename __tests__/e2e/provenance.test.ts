/**
 * Build provenance (SPEC §10) through the bundled action: GitHub artifact attestations (SLSA v1,
 * the shape actions/attest-build-provenance makes) signed by the Sigstore stand-ins with the
 * job's OIDC identity and stored through the GitHub stand-in's attestations API (which verifies
 * each bundle against the stand-ins' trust root, as GitHub does), for every uploaded file —
 * signed and stored before anything is published — and, in a real registry, for every image
 * digest as an OCI referrer. Preflight names a missing permission before anything is built;
 * verify checks every subject against what was released.
 */
import { afterEach, beforeEach, expect, test } from '@jest/globals'
import { createHash } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { GithubStandIn } from '../../__fixtures__/github-server.js'
import type { PypiStandIn } from '../../__fixtures__/pypi-server.js'
import type { SigstoreStandIn } from '../../__fixtures__/sigstore-server.js'
import { errors, logged, startWorld, type World } from '../../__fixtures__/world.js'
import { describeWithTools } from '../../__fixtures__/tools.js'
import { bundleStatement, SLSA_PREDICATE_TYPE } from '../../src/attestation/provenance.js'

const SHA = (data: Buffer): string => createHash('sha256').update(data).digest('hex')

/** What the runner sets for a workflow run (the predicate is made of it). */
const RUN_ENV = {
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_WORKFLOW_REF: 'acme/dakora/.github/workflows/release.yml@refs/heads/main',
  GITHUB_REF: 'refs/heads/main',
  GITHUB_EVENT_NAME: 'workflow_dispatch',
  GITHUB_REPOSITORY_ID: '123456',
  GITHUB_REPOSITORY_OWNER_ID: '654321',
  RUNNER_ENVIRONMENT: 'github-hosted',
  GITHUB_RUN_ID: '4242',
  GITHUB_RUN_ATTEMPT: '1'
}

describeWithTools(['git', 'build', 'twine', 'venv', 'hatchling', 'pytest'], 'build provenance of the released files', () => {
  let world: World
  let pypi: PypiStandIn
  let github: GithubStandIn
  let sigstore: SigstoreStandIn
  /** Every request to PyPI and GitHub, in the order they were answered. */
  let order: string[]

  beforeEach(async () => {
    world = await startWorld()
    ;({ pypi, github, sigstore } = world)
    order = []
    github.onRequest = (r) => order.push(`github ${r.method} ${r.path.replace(/^\/repos\/acme\/dakora/, '')} ${r.status}`)
    pypi.onRequest = (r) => order.push(`pypi ${r.method} ${r.path} ${r.status}`)
  })
  afterEach(() => world.close())

  const trusted = (inputs: Record<string, string> = {}, env: Record<string, string> = {}) =>
    world.action('release', 'sdk', {
      inputs: { 'pypi-token': '', ...inputs },
      env: { ...RUN_ENV, ACTIONS_ID_TOKEN_REQUEST_URL: pypi.idTokenUrl, ACTIONS_ID_TOKEN_REQUEST_TOKEN: pypi.idTokenRequestToken, ...env }
    })
  const uploads = () => pypi.requests.filter((r) => r.method === 'POST' && r.path.startsWith('/legacy'))
  const SDK_FILES = ['dakora_client-1.4.0-py3-none-any.whl', 'dakora_client-1.4.0.tar.gz']

  test('trusted publishing: one SLSA provenance over both files, their names and the SHA-256 PyPI received, stored before the first upload', async () => {
    const run = await trusted()
    expect(errors(run)).toEqual([])
    expect(run.status).toBe(0)
    expect(github.violations).toEqual([])
    expect(github.responseViolations).toEqual([])
    expect(github.attestations).toHaveLength(1)
    const [stored] = github.attestations
    // GitHub's own check: signed by the Sigstore stand-ins (the stand-in verified it when it was stored)
    expect(() => sigstore.verify(stored.bundle)).not.toThrow()
    const statement = bundleStatement(stored.bundle)
    expect(statement?.predicateType).toBe(SLSA_PREDICATE_TYPE)
    const received = pypi.files.map((f) => ({ name: f.filename, sha256: SHA(f.content) })).sort((a, b) => a.name.localeCompare(b.name))
    expect(received.map((f) => f.name)).toEqual(SDK_FILES)
    expect(statement?.subjects).toEqual(received)
    expect(statement?.predicate).toEqual({
      buildDefinition: {
        buildType: 'https://actions.github.io/buildtypes/workflow/v1',
        externalParameters: {
          workflow: { ref: 'refs/heads/main', repository: 'https://github.com/acme/dakora', path: '.github/workflows/release.yml' }
        },
        internalParameters: {
          github: {
            event_name: 'workflow_dispatch',
            repository_id: '123456',
            repository_owner_id: '654321',
            runner_environment: 'github-hosted'
          }
        },
        resolvedDependencies: [{ uri: 'git+https://github.com/acme/dakora@refs/heads/main', digest: { gitCommit: world.repos.head() } }]
      },
      runDetails: {
        builder: { id: 'https://github.com/acme/dakora/.github/workflows/release.yml@refs/heads/main' },
        metadata: { invocationId: 'https://github.com/acme/dakora/actions/runs/4242/attempts/1' }
      }
    })
    // stored (and so signed) before anything is published
    const storedAt = order.indexOf('github POST /attestations 201')
    const firstUpload = order.findIndex((r) => r.startsWith('pypi POST /legacy'))
    expect(storedAt).toBeGreaterThanOrEqual(0)
    expect(firstUpload).toBeGreaterThan(storedAt)
    expect(run.summary).toMatch(/build provenance of 2 files signed/)
    expect(run.summary).toMatch(
      /provenance of dakora_client-1\.4\.0-py3-none-any\.whl, dakora_client-1\.4\.0\.tar\.gz stored \(https:\/\/github\.com\/acme\/dakora\/attestations\/\d+\)/
    )
  })

  test('a re-run after success signs nothing and stores nothing again', async () => {
    expect((await trusted()).status).toBe(0)
    const certificates = sigstore.requests.filter((r) => r.service === 'fulcio').length
    const again = await trusted()
    expect(errors(again)).toEqual([])
    expect(sigstore.requests.filter((r) => r.service === 'fulcio').length).toBe(certificates)
    expect(github.attestations).toHaveLength(1)
  })

  test.each([
    [
      'provenance: true without attestations: write',
      { provenance: 'true' },
      {},
      false,
      /^E_GITHUB_DENIED provenance: true, but GitHub refuses this job's token to store attestations \(403 Resource not accessible by integration\): the job needs `attestations: write`$/
    ],
    [
      'provenance: true without id-token: write',
      { provenance: 'true', 'pypi-token': 'pypi-AgEIcHlwaS5vcmcSECRET-e2e-token' },
      { ACTIONS_ID_TOKEN_REQUEST_URL: '', ACTIONS_ID_TOKEN_REQUEST_TOKEN: '' },
      true,
      /^E_GITHUB_DENIED provenance: true, but the job has no OIDC token \(ACTIONS_ID_TOKEN_REQUEST_URL is not set\).*id-token: write/
    ]
  ] as const)(
    '%s: preflight names the permission, nothing is built, signed or published',
    async (_name, inputs, env, writable, message) => {
      github.attestationsWrite = writable
      const run = await trusted(inputs, env)
      expect(run.status).toBe(1)
      expect(errors(run)).toEqual([expect.stringMatching(message)])
      const hint = run.annotations.find((a) => a.level === 'error')?.message ?? ''
      expect(hint).toMatch(/attestations: write/)
      expect(run.summary).toMatch(/<td>preflight<\/td><td>failed<\/td>/)
      expect(run.summary).toMatch(/<td>build<\/td><td>not run<\/td>/)
      expect(sigstore.requests).toEqual([])
      expect(uploads()).toEqual([])
      expect(github.attestations).toEqual([])
      expect(github.releases).toEqual([])
    }
  )

  test('provenance: auto without attestations: write: released with the PEP 740 attestations, and the run names the missing permission', async () => {
    github.attestationsWrite = false
    const run = await trusted()
    expect(errors(run)).toEqual([])
    expect(run.status).toBe(0)
    expect(pypi.files.map((f) => f.filename).sort()).toEqual(SDK_FILES)
    expect(github.attestations).toEqual([])
    expect(logged(run)).toMatch(/no build provenance: GitHub refuses this job's token to store attestations.*attestations: write/)
  })

  test('Fulcio down while signing the provenance (attestations: false): E_NETWORK, nothing is published', async () => {
    sigstore.down.fulcio = true
    const run = await trusted({ attestations: 'false', provenance: 'true' })
    expect(run.status).toBe(1)
    expect(errors(run)).toEqual([
      expect.stringMatching(/^E_NETWORK Sigstore's certificate authority \(Fulcio\) .* could not sign the build provenance/)
    ])
    expect(uploads()).toEqual([])
    expect(pypi.files).toEqual([])
    expect(github.attestations).toEqual([])
    expect(world.repos.git(['tag', '-l'], world.repos.bare)).toBe('')
  })

  test('verify lists the provenance of each file (signature checked with trusted-root); provenance of another file is E_VERIFY', async () => {
    expect((await trusted()).status).toBe(0)
    const root = path.join(world.repos.root, 'trusted_root.json')
    writeFileSync(root, JSON.stringify(sigstore.trustedRoot()))
    const ok = await world.action('verify', 'sdk', { inputs: { provenance: 'true', 'trusted-root': root } })
    expect(errors(ok)).toEqual([])
    expect(ok.summary).toMatch(
      /build provenance of dakora_client-1\.4\.0-py3-none-any\.whl<\/td><td>ok<\/td><td>1 attestation of sha256 [0-9a-f]{12}…, signature verified — https:\/\/github\.com\/acme\/dakora\/attestations/
    )
    expect(ok.summary).toMatch(/build provenance of dakora_client-1\.4\.0\.tar\.gz<\/td><td>ok<\/td>/)
    // GitHub now serves, under the wheel's digest, a provenance that names only the sdist
    const wheel = pypi.files.find((f) => f.filename === SDK_FILES[0])
    if (!wheel) throw new Error('no wheel released')
    const stored = github.attestations[0]
    const statement = JSON.parse(
      Buffer.from(String((stored.bundle.dsseEnvelope as { payload: string }).payload), 'base64').toString('utf8')
    )
    statement.subject = statement.subject.filter((s: { name: string }) => s.name === SDK_FILES[1])
    github.attestations.push({
      id: 9999,
      bundle: {
        ...stored.bundle,
        dsseEnvelope: { ...(stored.bundle.dsseEnvelope as object), payload: Buffer.from(JSON.stringify(statement)).toString('base64') }
      },
      subjects: [`sha256:${SHA(wheel.content)}`],
      predicateType: SLSA_PREDICATE_TYPE
    })
    const bad = await world.action('verify', 'sdk', { inputs: { 'trusted-root': root } })
    expect(bad.status).toBe(1)
    expect(errors(bad)).toEqual([
      expect.stringMatching(
        /^E_VERIFY build provenance of dakora_client-1\.4\.0-py3-none-any\.whl: its subject is dakora_client-1\.4\.0\.tar\.gz sha256 [0-9a-f]{12}…, not dakora_client-1\.4\.0-py3-none-any\.whl/
      )
    ])
  })
})

const IMAGE_CONFIG = `[groups.platform]
packages = ["cli", "server"]

[targets.docker]
group = "platform"
kind = "docker"
tag = "docker-v{version}"
tests = "skip"
images = [{ name = "server", context = "server", platforms = ["linux/amd64", "linux/arm64"] }]
`

describeWithTools(['git', 'docker'], 'build provenance of an image: GitHub and an OCI referrer in a real registry', () => {
  let world: World

  beforeEach(async () => {
    world = await startWorld({ registry: true })
    const { repos } = world
    mkdirSync(path.join(repos.work, '.github'))
    writeFileSync(path.join(repos.work, '.github/pyship.toml'), IMAGE_CONFIG)
    writeFileSync(path.join(repos.work, 'server/Dockerfile'), 'FROM scratch\nCOPY src/ /app/src/\nCMD ["/app"]\n')
    repos.git(['add', '-A'])
    repos.git(['commit', '-q', '-m', 'server for amd64 and arm64'])
    repos.git(['push', '-q', 'origin', 'main'])
  })
  afterEach(() => world.close())

  const release = () =>
    world.action('release', 'docker', {
      env: {
        ...RUN_ENV,
        ACTIONS_ID_TOKEN_REQUEST_URL: world.pypi.idTokenUrl,
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: world.pypi.idTokenRequestToken
      }
    })

  const basic = (): string => `Basic ${Buffer.from(`${world.registry.username}:${world.registry.password}`).toString('base64')}`
  const get = async (p: string, accept = 'application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json') => {
    const res = await fetch(`${world.registry.url}/v2/acme/dakora/server/${p}`, { headers: { authorization: basic(), accept } })
    return { status: res.status, text: await res.text() }
  }

  test('the pushed index digest is attested on GitHub and its bundle is a referrer (tag schema) of exactly that manifest; verify checks both', async () => {
    const run = await release()
    expect(errors(run)).toEqual([])
    expect(run.status).toBe(0)
    const index = await world.registry.manifest('acme/dakora/server', '2.0.0')
    if (!index) throw new Error('no image pushed')
    const digest = index.digest
    // GitHub: one provenance whose one subject is the image and its digest
    const attested = world.github.attestations.filter((a) => a.subjects.includes(digest))
    expect(attested).toHaveLength(1)
    expect(bundleStatement(attested[0].bundle)?.subjects).toEqual([
      { name: `${world.registry.host}/acme/dakora/server`, sha256: digest.slice(7) }
    ])
    // the registry: distribution 2.8 has no referrers API (404), so the referrers tag schema holds it
    expect((await get(`referrers/${digest}`)).status).toBe(404)
    const tagged = await get(`manifests/${digest.replace(':', '-')}`)
    expect(tagged.status).toBe(200)
    const referrers = JSON.parse(tagged.text) as { manifests: { digest: string; artifactType: string }[] }
    expect(referrers.manifests).toEqual([expect.objectContaining({ artifactType: 'application/vnd.dev.sigstore.bundle.v0.3+json' })])
    const artifact = JSON.parse((await get(`manifests/${referrers.manifests[0].digest}`)).text) as {
      subject: { digest: string }
      artifactType: string
      layers: { digest: string; mediaType: string }[]
    }
    expect(artifact.subject.digest).toBe(digest)
    expect(artifact.layers[0].mediaType).toBe('application/vnd.dev.sigstore.bundle.v0.3+json')
    const bundle = JSON.parse((await get(`blobs/${artifact.layers[0].digest}`, '*/*')).text)
    expect(bundle).toEqual(attested[0].bundle)
    expect(() => world.sigstore.verify(bundle)).not.toThrow()
    // attested after the push, before the tag and the release
    expect(run.summary).toMatch(
      /<td>publish<\/td><td>done<\/td>.*<td>image provenance<\/td><td>done<\/td>.*<td>tag and release<\/td><td>done<\/td>/s
    )

    const verified = await world.action('verify', 'docker', { inputs: { provenance: 'true' } })
    expect(errors(verified)).toEqual([])
    expect(verified.summary).toMatch(
      /provenance referrer of [^|]*server@sha256:[0-9a-f]{12}…<\/td><td>ok<\/td><td>1 bundle \(referrers tag sha256-/
    )

    // a re-run finds both and attests nothing again
    const again = await release()
    expect(errors(again)).toEqual([])
    expect(world.github.attestations.filter((a) => a.subjects.includes(digest))).toHaveLength(1)
  })
  test('Fulcio down after the push: E_NETWORK, the images are pushed but nothing is tagged or released; a re-run attests them and finishes', async () => {
    world.sigstore.down.fulcio = true
    const failed = await release()
    expect(failed.status).toBe(1)
    expect(errors(failed)).toEqual([
      expect.stringMatching(
        /^E_NETWORK Sigstore's certificate authority \(Fulcio\) .* could not sign the build provenance: .*the images are pushed, nothing is tagged or released yet/
      )
    ])
    expect(failed.summary).toMatch(/<td>image provenance<\/td><td>failed<\/td>.*<td>tag and release<\/td><td>not run<\/td>/s)
    expect(world.repos.git(['tag', '-l'], world.repos.bare)).toBe('')
    expect(world.github.releases.every((r) => r.draft)).toBe(true)
    expect(world.github.attestations).toEqual([])
    world.sigstore.down.fulcio = false
    const resumed = await release()
    expect(errors(resumed)).toEqual([])
    expect(resumed.status).toBe(0)
    const index = await world.registry.manifest('acme/dakora/server', '2.0.0')
    expect(world.github.attestations.map((a) => a.subjects)).toEqual([[index?.digest]])
    expect(world.repos.git(['tag', '-l'], world.repos.bare)).toBe('docker-v2.0.0')
  })
})
