/**
 * Build provenance statements (pure): the in-toto statement with the SLSA v1 predicate of a
 * workflow run, and the reading of a bundle back — which subjects it proves.
 */
import { describe, expect, test } from '@jest/globals'
import {
  bundleStatement,
  provenanceStatement,
  provesSubject,
  SLSA_PREDICATE_TYPE,
  type BuildRun
} from '../../src/attestation/provenance.js'

const RUN: BuildRun = {
  serverUrl: 'https://github.com',
  repository: 'acme/dakora',
  workflowRef: 'acme/dakora/.github/workflows/release.yml@refs/tags/cli-v1.2.0',
  ref: 'refs/tags/cli-v1.2.0',
  sha: 'a'.repeat(40),
  eventName: 'push',
  repositoryId: '1',
  repositoryOwnerId: '2',
  runnerEnvironment: 'github-hosted',
  runId: '77',
  runAttempt: '2'
}
const WHEEL = { name: 'dakora_cli-1.2.0-py3-none-any.whl', sha256: '1'.repeat(64) }
const SDIST = { name: 'dakora_cli-1.2.0.tar.gz', sha256: '2'.repeat(64) }

/** A bundle (JSON form) around a statement, as Sigstore makes it. */
const bundleOf = (statement: Buffer | string, payloadType = 'application/vnd.in-toto+json'): unknown => ({
  mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
  dsseEnvelope: { payload: Buffer.from(statement).toString('base64'), payloadType, signatures: [{ sig: 'c2ln', keyid: '' }] }
})

describe('provenanceStatement', () => {
  test('every subject with its SHA-256, the SLSA v1 predicate of the run (as actions/attest-build-provenance)', () => {
    const statement = JSON.parse(provenanceStatement([WHEEL, SDIST], RUN).toString('utf8'))
    expect(statement).toEqual({
      _type: 'https://in-toto.io/Statement/v1',
      subject: [
        { name: WHEEL.name, digest: { sha256: WHEEL.sha256 } },
        { name: SDIST.name, digest: { sha256: SDIST.sha256 } }
      ],
      predicateType: SLSA_PREDICATE_TYPE,
      predicate: {
        buildDefinition: {
          buildType: 'https://actions.github.io/buildtypes/workflow/v1',
          externalParameters: {
            workflow: { ref: 'refs/tags/cli-v1.2.0', repository: 'https://github.com/acme/dakora', path: '.github/workflows/release.yml' }
          },
          internalParameters: {
            github: { event_name: 'push', repository_id: '1', repository_owner_id: '2', runner_environment: 'github-hosted' }
          },
          resolvedDependencies: [{ uri: 'git+https://github.com/acme/dakora@refs/tags/cli-v1.2.0', digest: { gitCommit: RUN.sha } }]
        },
        runDetails: {
          builder: { id: 'https://github.com/acme/dakora/.github/workflows/release.yml@refs/tags/cli-v1.2.0' },
          metadata: { invocationId: 'https://github.com/acme/dakora/actions/runs/77/attempts/2' }
        }
      }
    })
  })

  test.each([
    ['no subject', []],
    ['a digest that is not hex SHA-256', [{ name: 'x.whl', sha256: 'sha256:' + '1'.repeat(64) }]],
    ['an upper-case digest', [{ name: 'x.whl', sha256: 'A'.repeat(64) }]]
  ])('refuses %s', (_why, subjects) => {
    expect(() => provenanceStatement(subjects, RUN)).toThrow()
  })
})

describe('provesSubject', () => {
  const both = bundleOf(provenanceStatement([WHEEL, SDIST], RUN))
  test.each([
    ['a subject it names', both, WHEEL, true],
    ['its other subject', both, SDIST, true],
    ['the same name with another digest', both, { ...WHEEL, sha256: '3'.repeat(64) }, false],
    ['the same digest under another name', both, { ...WHEEL, name: 'other-1.0.whl' }, false],
    [
      'another predicate type',
      bundleOf(
        JSON.stringify({
          subject: [{ name: WHEEL.name, digest: { sha256: WHEEL.sha256 } }],
          predicateType: 'https://docs.pypi.org/attestations/publish/v1'
        })
      ),
      WHEEL,
      false
    ],
    ['a payload that is not an in-toto statement', bundleOf(provenanceStatement([WHEEL], RUN), 'text/plain'), WHEEL, false],
    ['a payload that is not JSON', bundleOf('not json'), WHEEL, false],
    ['no bundle', null, WHEEL, false]
  ])('%s: %s', (_why, bundle, subject, proves) => {
    expect(provesSubject(bundle, subject)).toBe(proves)
  })

  test('bundleStatement reads the subjects back in order', () => {
    expect(bundleStatement(both)?.subjects).toEqual([WHEEL, SDIST])
  })
})
