/**
 * PEP 740 attestations (SPEC §10) through the bundled action: under trusted publishing every
 * uploaded file carries an attestation signed by the Sigstore stand-ins (@sigstore/mock's
 * Fulcio and Rekor on local servers) with the job's OIDC identity from the runner stand-in;
 * the PyPI stand-in verifies each one against the stand-ins' trust root and the file it
 * received, refuses a bad one as PyPI does, and serves it from its provenance endpoint.
 */
import { afterEach, beforeEach, expect, test } from '@jest/globals'
import { createHash } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import type { PypiStandIn } from '../../__fixtures__/pypi-server.js'
import type { SigstoreStandIn } from '../../__fixtures__/sigstore-server.js'
import { errors, logged, startWorld, type World } from '../../__fixtures__/world.js'
import { describeWithTools } from '../../__fixtures__/tools.js'
import { PUBLISH_PREDICATE_TYPE, statementOf, toSigstoreBundle, type PypiAttestation } from '../../src/attestation/publish.js'

describeWithTools(['git', 'build', 'twine', 'venv', 'hatchling', 'pytest'], 'PEP 740 attestations (release of the sdk)', () => {
  let world: World
  let pypi: PypiStandIn
  let sigstore: SigstoreStandIn

  beforeEach(async () => {
    world = await startWorld()
    ;({ pypi, sigstore } = world)
  })
  afterEach(() => world.close())

  const trusted = (inputs: Record<string, string> = {}) =>
    world.action('release', 'sdk', {
      inputs: { 'pypi-token': '', ...inputs },
      env: { ACTIONS_ID_TOKEN_REQUEST_URL: pypi.idTokenUrl, ACTIONS_ID_TOKEN_REQUEST_TOKEN: pypi.idTokenRequestToken }
    })

  const SDK_FILES = ['dakora_client-1.4.0-py3-none-any.whl', 'dakora_client-1.4.0.tar.gz']
  const uploads = () => pypi.requests.filter((r) => r.method === 'POST' && r.path.startsWith('/legacy'))

  const provenance = async (
    filename: string
  ): Promise<{ status: number; body: { attestation_bundles?: { publisher: unknown; attestations: PypiAttestation[] }[] } }> => {
    const res = await fetch(`${pypi.url}/integrity/dakora-client/1.4.0/${filename}/provenance`)
    return { status: res.status, body: (await res.json()) as never }
  }

  test('trusted publishing: every file is uploaded with an attestation over its own name and SHA-256, verified and served from the provenance endpoint', async () => {
    const run = await trusted()
    expect(errors(run)).toEqual([])
    expect(run.status).toBe(0)
    expect(pypi.files.map((f) => f.filename).sort()).toEqual(SDK_FILES)
    expect(uploads().map((r) => r.status)).toEqual([200, 200])
    for (const file of pypi.files) {
      const { status, body } = await provenance(file.filename)
      expect(status).toBe(200)
      const [bundle] = body.attestation_bundles ?? []
      expect(bundle.publisher).toEqual({ kind: 'GitHub', repository: 'octo-org/dakora', workflow: 'release.yml', environment: 'pypi' })
      expect(bundle.attestations).toHaveLength(1)
      const [att] = bundle.attestations
      // what the index received, checked again here: signed by the stand-ins, over exactly this file
      expect(() => sigstore.verify(toSigstoreBundle(att))).not.toThrow()
      expect(statementOf(att)).toEqual({
        subjects: [{ name: file.filename, sha256: createHash('sha256').update(file.content).digest('hex') }],
        predicateType: PUBLISH_PREDICATE_TYPE
      })
    }
    // one certificate and one Rekor entry per file, then one for the build provenance of both (provenance: auto)
    expect(sigstore.requests.map((r) => `${r.service} ${r.status}${r.audience ? ` ${r.audience}` : ''}`)).toEqual([
      'fulcio 201 sigstore',
      'rekor 201',
      'fulcio 201 sigstore',
      'rekor 201',
      'fulcio 201 sigstore',
      'rekor 201'
    ])
    expect(run.summary).toMatch(/2 PEP 740 attestations signed/)
  })

  test('attestations: false: the files are uploaded without attestations, Sigstore is never asked', async () => {
    const run = await trusted({ attestations: 'false' })
    expect(run.status).toBe(0)
    expect(pypi.files.map((f) => [f.filename, f.provenance])).toEqual(SDK_FILES.map((f) => [f, undefined]))
    expect(sigstore.requests).toEqual([])
    expect((await provenance(SDK_FILES[0])).status).toBe(404)
  })

  test('with pypi-token: no attestations (as pypa/gh-action-pypi-publish), and the run says why', async () => {
    const run = await world.action('release', 'sdk')
    expect(run.status).toBe(0)
    expect(pypi.files.every((f) => f.provenance === undefined)).toBe(true)
    expect(sigstore.requests).toEqual([])
    expect(logged(run)).toContain('attestations are made under trusted publishing only')
  })

  test.each([
    ['Fulcio', 'fulcio', /certificate authority \(Fulcio\) at http:\/\/127\.0\.0\.1:\d+\/ could not sign the attestations/],
    ['Rekor', 'rekor', /transparency log \(Rekor\) at http:\/\/127\.0\.0\.1:\d+\/ could not sign the attestations/]
  ] as const)('%s down: E_NETWORK naming it, and nothing is published (no upload, no tag, no release)', async (_name, service, message) => {
    sigstore.down[service] = true
    const run = await trusted()
    expect(run.status).toBe(1)
    const [error] = run.annotations.filter((a) => a.level === 'error')
    expect(error.properties.title).toBe('E_NETWORK')
    expect(error.message).toMatch(message)
    expect(uploads()).toEqual([])
    expect(pypi.files).toEqual([])
    expect(world.repos.git(['tag', '-l'], world.repos.bare)).toBe('')
    expect(world.github.releases).toEqual([])
  })

  test('resume: a file already on the index is skipped (not signed again); the other is signed and uploaded with its attestation', async () => {
    let armed = false
    pypi.onRequest = (r) => {
      // the connection of the second upload is reset: the first file is on the index, the second is not
      if (!armed && r.method === 'POST' && r.path.startsWith('/legacy') && r.status === 200) {
        armed = true
        pypi.failNext('/legacy/', 'reset', 1)
      }
    }
    const first = await trusted()
    expect(first.status).toBe(1)
    expect(pypi.files).toHaveLength(1)
    const signedBefore = sigstore.requests.filter((r) => r.service === 'fulcio').length
    const second = await trusted()
    expect(errors(second)).toEqual([])
    expect(sigstore.requests.filter((r) => r.service === 'fulcio').length - signedBefore).toBe(1)
    expect(pypi.files.map((f) => f.filename).sort()).toEqual(SDK_FILES)
    for (const f of pypi.files) expect(f.provenance?.attestations).toHaveLength(1)
  })

  test('release from dist-dir (§9): each prebuilt file is attested; a stale attestation found in dist-dir is never uploaded', async () => {
    const plan = await world.action('plan', 'sdk')
    const [entry] = (JSON.parse(plan.outputs.matrix) as { include: unknown[] }).include
    const dist = path.join(world.repos.root, 'dist-artifact')
    const build = await world.action('build', '', { inputs: { 'matrix-entry': JSON.stringify(entry), 'dist-dir': dist } })
    expect(errors(build)).toEqual([])
    expect(sigstore.requests).toEqual([]) // a build job signs nothing: the release job does, before it publishes
    // left over by an earlier attempt (or planted): the index refuses it if it ever arrives
    for (const f of SDK_FILES) writeFileSync(path.join(dist, `${f}.publish.attestation`), '{"stale": true}')
    const run = await trusted({ 'dist-dir': dist })
    expect(errors(run)).toEqual([])
    expect(run.status).toBe(0)
    expect(pypi.files.map((f) => f.filename).sort()).toEqual(SDK_FILES)
    for (const file of pypi.files) {
      expect(file.provenance?.attestations).toHaveLength(1)
      const [att] = file.provenance?.attestations as PypiAttestation[]
      expect(statementOf(att).subjects).toEqual([{ name: file.filename, sha256: createHash('sha256').update(file.content).digest('hex') }])
    }
  })

  test("verify checks each file's provenance against the file: an attestation of another file on the index is E_VERIFY naming both", async () => {
    expect((await trusted()).status).toBe(0)
    const ok = await world.action('verify', 'sdk')
    expect(errors(ok)).toEqual([])
    expect(ok.summary).toMatch(/PEP 740 attestation of dakora_client-1\.4\.0-py3-none-any\.whl/)
    // the index now serves the sdist's attestation for the wheel
    const whl = pypi.files.find((f) => f.filename === SDK_FILES[0])
    const sdist = pypi.files.find((f) => f.filename === SDK_FILES[1])
    if (!whl || !sdist) throw new Error('the sdk was not released')
    whl.provenance = sdist.provenance
    const bad = await world.action('verify', 'sdk')
    expect(bad.status).toBe(1)
    expect(errors(bad)).toEqual([
      expect.stringMatching(
        /^E_VERIFY PEP 740 attestation of dakora_client-1\.4\.0-py3-none-any\.whl: its subject is dakora_client-1\.4\.0\.tar\.gz sha256 [0-9a-f]{12}…, not dakora_client-1\.4\.0-py3-none-any\.whl/
      )
    ])
  })
})
