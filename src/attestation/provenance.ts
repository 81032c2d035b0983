/**
 * Build provenance (pure): the in-toto Statement v1 with an SLSA v1 predicate in the shape
 * `actions/attest-build-provenance` makes (build type `https://actions.github.io/buildtypes/workflow/v1`),
 * over released files (subject: the file's name) and image digests (subject: the image's
 * name without tag), and the reading of a stored bundle back: which subjects it claims.
 */
import { INTOTO_PAYLOAD_TYPE, STATEMENT_TYPE } from './publish.js'

export const SLSA_PREDICATE_TYPE = 'https://slsa.dev/provenance/v1'
export const GITHUB_BUILD_TYPE = 'https://actions.github.io/buildtypes/workflow/v1'
/** The media type of a Sigstore bundle: the artifact type of an OCI referrer holding one. */
export const SIGSTORE_BUNDLE_TYPE = 'application/vnd.dev.sigstore.bundle.v0.3+json'

/** One thing the provenance is about: a file (its name) or an image (`ghcr.io/acme/dakora`), and its SHA-256 (hex). */
export interface ProvenanceSubject {
  name: string
  sha256: string
}

/** The workflow run that built it, as the runner describes it (GITHUB_* variables, read once in runner.ts). */
export interface BuildRun {
  /** GITHUB_SERVER_URL, without a trailing slash. */
  serverUrl: string
  /** GITHUB_REPOSITORY, owner/repo. */
  repository: string
  /** GITHUB_WORKFLOW_REF: `owner/repo/.github/workflows/release.yml@refs/heads/main`. */
  workflowRef: string
  /** GITHUB_REF. */
  ref: string
  /** The release commit. */
  sha: string
  eventName: string
  repositoryId: string
  repositoryOwnerId: string
  /** RUNNER_ENVIRONMENT: `github-hosted` or `self-hosted`. */
  runnerEnvironment: string
  runId: string
  runAttempt: string
}

const HEX = /^[0-9a-f]{64}$/

/** The SLSA v1 predicate of a GitHub Actions workflow run (as @actions/attest's buildSLSAProvenancePredicate). */
export function slsaPredicate(run: BuildRun): Record<string, unknown> {
  const [workflowPath] = run.workflowRef.replace(`${run.repository}/`, '').split('@')
  return {
    buildDefinition: {
      buildType: GITHUB_BUILD_TYPE,
      externalParameters: {
        workflow: { ref: run.ref, repository: `${run.serverUrl}/${run.repository}`, path: workflowPath }
      },
      internalParameters: {
        github: {
          event_name: run.eventName,
          repository_id: run.repositoryId,
          repository_owner_id: run.repositoryOwnerId,
          runner_environment: run.runnerEnvironment
        }
      },
      resolvedDependencies: [{ uri: `git+${run.serverUrl}/${run.repository}@${run.ref}`, digest: { gitCommit: run.sha } }]
    },
    runDetails: {
      builder: { id: `${run.serverUrl}/${run.workflowRef}` },
      metadata: { invocationId: `${run.serverUrl}/${run.repository}/actions/runs/${run.runId}/attempts/${run.runAttempt}` }
    }
  }
}

/** The statement's bytes: every subject (a name and its SHA-256), the SLSA predicate of this run. */
export function provenanceStatement(subjects: ProvenanceSubject[], run: BuildRun): Buffer {
  if (subjects.length === 0) throw new Error('a provenance statement needs a subject')
  for (const s of subjects) if (!HEX.test(s.sha256)) throw new Error(`not a hex SHA-256: ${s.sha256}`)
  return Buffer.from(
    JSON.stringify({
      _type: STATEMENT_TYPE,
      subject: subjects.map((s) => ({ name: s.name, digest: { sha256: s.sha256 } })),
      predicateType: SLSA_PREDICATE_TYPE,
      predicate: slsaPredicate(run)
    }),
    'utf8'
  )
}

type Json = Record<string, unknown>
const obj = (v: unknown): Json => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {})

/**
 * What a Sigstore bundle (JSON) claims, unverified: its statement's subjects and predicate
 * type (null when it holds no in-toto statement). Read it after verifying the signature.
 */
export function bundleStatement(bundle: unknown): { subjects: ProvenanceSubject[]; predicateType: string; predicate: Json } | null {
  const envelope = obj(obj(bundle).dsseEnvelope)
  if (envelope.payloadType !== INTOTO_PAYLOAD_TYPE || typeof envelope.payload !== 'string') return null
  let statement: Json
  try {
    statement = obj(JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8')))
  } catch {
    return null
  }
  const subjects = (Array.isArray(statement.subject) ? statement.subject : []).map((s) => ({
    name: String(obj(s).name ?? ''),
    sha256: String(obj(obj(s).digest).sha256 ?? '')
  }))
  return { subjects, predicateType: String(statement.predicateType ?? ''), predicate: obj(statement.predicate) }
}

/** Whether a bundle is build provenance naming `subject` (its name and digest) among its subjects. */
export function provesSubject(bundle: unknown, subject: ProvenanceSubject): boolean {
  const claimed = bundleStatement(bundle)
  return (
    claimed !== null &&
    claimed.predicateType === SLSA_PREDICATE_TYPE &&
    claimed.subjects.some((s) => s.sha256 === subject.sha256 && s.name === subject.name)
  )
}
