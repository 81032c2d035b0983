/**
 * PEP 740 signing against Sigstore stand-ins (@sigstore/mock's Fulcio and Rekor on local
 * HTTP servers) with the runner's OIDC token service of the PyPI stand-in: what is signed
 * verifies against the stand-ins' trust root and says exactly the file's name and SHA-256.
 */
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { signPublishAttestations } from '../../src/adapters/sigstore.js'
import { PUBLISH_PREDICATE_TYPE, statementOf, toSigstoreBundle } from '../../src/attestation/publish.js'
import { startPypi, type PypiStandIn } from '../../__fixtures__/pypi-server.js'
import { startSigstore, type SigstoreStandIn } from '../../__fixtures__/sigstore-server.js'
import { configureHttp } from '../../src/adapters/http.js'

const WHEEL = { name: 'dakora_client-1.4.0-py3-none-any.whl', sha256: 'a'.repeat(64) }
const SDIST = { name: 'dakora_client-1.4.0.tar.gz', sha256: 'b'.repeat(64) }

describe('signPublishAttestations', () => {
  let pypi: PypiStandIn
  let sigstore: SigstoreStandIn
  beforeEach(async () => {
    configureHttp({ attempts: 1 })
    pypi = await startPypi()
    sigstore = await startSigstore({ acceptToken: (jwt) => pypi.oidc.acceptedIdTokens.has(jwt) })
  })
  afterEach(async () => {
    await Promise.all([pypi.close(), sigstore.close()])
  })
  const oidc = (): { url: string; token: string } => ({ url: pypi.idTokenUrl, token: pypi.idTokenRequestToken })
  const endpoints = (): { fulcioUrl: string; rekorUrl: string } => ({ fulcioUrl: sigstore.fulcioUrl, rekorUrl: sigstore.rekorUrl })

  test('one verifiable attestation per file, each over exactly that name and SHA-256, with an ID token for audience sigstore', async () => {
    const signed = await signPublishAttestations([WHEEL, SDIST], oidc(), endpoints())
    expect(signed).toHaveLength(2)
    for (const [i, subject] of [WHEEL, SDIST].entries()) {
      const att = signed[i]
      expect(att.version).toBe(1)
      expect(() => sigstore.verify(toSigstoreBundle(att))).not.toThrow()
      expect(statementOf(att)).toEqual({ subjects: [subject], predicateType: PUBLISH_PREDICATE_TYPE })
    }
    expect(sigstore.requests.filter((r) => r.service === 'fulcio').map((r) => [r.audience, r.status])).toEqual([
      ['sigstore', 201],
      ['sigstore', 201]
    ])
    expect(pypi.requests.filter((r) => r.path.startsWith('/_runner/id-token'))).toHaveLength(1)
  })

  test('an attestation whose statement was changed does not verify', async () => {
    const [att] = await signPublishAttestations([WHEEL], oidc(), endpoints())
    const [other] = await signPublishAttestations([SDIST], oidc(), endpoints())
    expect(() =>
      sigstore.verify(toSigstoreBundle({ ...att, envelope: { ...att.envelope, statement: other.envelope.statement } }))
    ).toThrow()
  })

  test.each([
    ['Fulcio down', 'fulcio', 'E_NETWORK', /certificate authority \(Fulcio\) at http:\/\/127\.0\.0\.1:\d+\/ could not sign/],
    ['Rekor down', 'rekor', 'E_NETWORK', /transparency log \(Rekor\) at http:\/\/127\.0\.0\.1:\d+\/ could not sign/]
  ] as const)('%s: %s, naming the service, nothing signed', async (_what, service, code, message) => {
    sigstore.down[service] = true
    const err = await signPublishAttestations([WHEEL], oidc(), endpoints()).catch((e: unknown) => e)
    expect(err).toMatchObject({ code, message: expect.stringMatching(message) })
  })

  test('Fulcio refuses an identity the runner did not issue: E_PYPI_AUTH naming id-token: write and fulcio-url', async () => {
    await sigstore.close()
    sigstore = await startSigstore({ acceptToken: () => false })
    const err = await signPublishAttestations([WHEEL], oidc(), endpoints()).catch((e: unknown) => e)
    expect(err).toMatchObject({ code: 'E_PYPI_AUTH', hint: expect.stringContaining('id-token: write') })
    expect((err as { hint: string }).hint).toContain('`fulcio-url`')
  })

  test('the runner refuses the ID token (no id-token: write): E_PYPI_AUTH, Fulcio never asked', async () => {
    const err = await signPublishAttestations([WHEEL], { url: pypi.idTokenUrl, token: 'wrong' }, endpoints()).catch((e: unknown) => e)
    expect(err).toMatchObject({ code: 'E_PYPI_AUTH', hint: expect.stringContaining('id-token: write') })
    expect(sigstore.requests).toEqual([])
  })
})
