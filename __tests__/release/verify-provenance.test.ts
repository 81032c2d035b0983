/**
 * verify's build-provenance rows (SPEC §10) over a GitHub that holds given attestations: a
 * bundle naming the file passes, one naming another file fails, none fails only when required,
 * and a token that may not read attestations is looked past unless provenance is required.
 */
import { expect, test } from '@jest/globals'
import { PyshipError } from '../../src/errors.js'
import { provenanceStatement, type BuildRun } from '../../src/attestation/provenance.js'
import type { GitHub, StoredAttestation } from '../../src/adapters/github.js'
import { provenanceRows } from '../../src/release/verify-provenance.js'

const RUN = {
  serverUrl: 'https://github.com',
  repository: 'acme/dakora',
  workflowRef: 'acme/dakora/.github/workflows/r.yml@refs/heads/main',
  ref: 'refs/heads/main',
  sha: 'a'.repeat(40),
  eventName: 'push',
  repositoryId: '1',
  repositoryOwnerId: '2',
  runnerEnvironment: 'github-hosted',
  runId: '1',
  runAttempt: '1'
} satisfies BuildRun
const WHEEL = { name: 'x-1.0-py3-none-any.whl', sha256: '1'.repeat(64) }
const SDIST = { name: 'x-1.0.tar.gz', sha256: '2'.repeat(64) }
const bundleOf = (...subjects: (typeof WHEEL)[]): StoredAttestation => ({
  bundle: {
    dsseEnvelope: {
      payload: provenanceStatement(subjects, RUN).toString('base64'),
      payloadType: 'application/vnd.in-toto+json',
      signatures: []
    }
  }
})
const DENIED = new PyshipError('E_GITHUB_DENIED', 'GitHub refused GET …/attestations: 403 Resource not accessible by integration')

const ctx = (answer: StoredAttestation[] | PyshipError) => ({
  runner: { serverUrl: 'https://github.com' } as never,
  repository: 'acme/dakora',
  github: {
    attestations: async () => {
      if (answer instanceof PyshipError) throw answer
      return answer
    }
  } as unknown as GitHub
})

test.each([
  ['a bundle naming the file', [bundleOf(WHEEL, SDIST)], false, [true]],
  ['a bundle naming only another file', [bundleOf(SDIST)], false, [false]],
  ['the right bundle and a wrong one', [bundleOf(WHEEL), bundleOf(SDIST)], false, [false]],
  ['none, auto', [], false, []],
  ['none, required', [], true, [false]],
  ['a token that may not read them, auto', DENIED, false, []],
  ['a token that may not read them, required', DENIED, true, [false]]
] as const)('%s: rows %j', async (_why, answer, required, oks) => {
  const rows = await provenanceRows(
    ctx(answer as StoredAttestation[] | PyshipError),
    [{ what: WHEEL.name, subject: WHEEL }],
    required,
    null
  )
  expect(rows.map((r) => r.ok)).toEqual(oks)
  for (const r of rows) expect(r.what).toBe(`build provenance of ${WHEEL.name}`)
})

test('a signature that does not verify against trusted-root fails the row, naming why', async () => {
  const rows = await provenanceRows(ctx([bundleOf(WHEEL)]), [{ what: WHEEL.name, subject: WHEEL }], true, () => {
    throw new Error('certificate chain: no trusted root')
  })
  expect(rows).toEqual([
    {
      what: `build provenance of ${WHEEL.name}`,
      ok: false,
      detail: 'its signature does not verify against trusted-root: certificate chain: no trusted root'
    }
  ])
})
