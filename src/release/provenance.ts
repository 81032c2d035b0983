/**
 * Build provenance of a release (SPEC §10): GitHub artifact attestations (an in-toto statement
 * with the SLSA v1 predicate of this workflow run, signed with pyship's Sigstore adapter — the
 * job's OIDC identity, the configured Fulcio and Rekor — and stored through
 * `POST /repos/{owner}/{repo}/attestations`) for every wheel and sdist the run uploads and for
 * every image digest it publishes; an image's bundle is also stored in its registry as an OCI
 * referrer. The order (README "Build provenance"):
 * - files: signed at the end of build, with the PEP 740 attestations — before anything is
 *   published; stored with GitHub by the `provenance` step, still before publish: a failure
 *   to sign or to store publishes nothing;
 * - images: an image's digest exists only once it is pushed (a single-platform image is
 *   pushed by `docker push` at publish), so its statement is signed right after publish and
 *   stored before the tag and the release: a failure leaves the release a draft and untagged,
 *   and a re-run finds the images pushed and attests them then.
 * Each step first looks at what GitHub and the registry already hold (a re-run signs nothing
 * it finds there).
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { PyshipError, problem, type Problem } from '../errors.js'
import type { OidcEndpoint } from '../adapters/oidc.js'
import type { SigningPurpose, SigstoreEndpoints } from '../adapters/sigstore.js'
import type { GitHub } from '../adapters/github.js'
import {
  provenanceStatement,
  provesSubject,
  SLSA_PREDICATE_TYPE,
  type BuildRun,
  type ProvenanceSubject
} from '../attestation/provenance.js'
import type { Inputs } from '../inputs.js'
import type { Runner } from '../runner.js'
import { allImages, allPackages, type ReleaseState } from './state.js'

export type SignStatements = (
  statements: Buffer[],
  oidc: OidcEndpoint,
  endpoints: SigstoreEndpoints,
  purpose: SigningPurpose
) => Promise<Record<string, unknown>[]>

/** What the release decided and made. */
export interface ProvenanceState {
  /** Made by this run (preflight's decision). */
  on: boolean
  /** The files' statement, signed in build, stored by the provenance step. */
  files: { subjects: ProvenanceSubject[]; bundle: Record<string, unknown> | null; stored: boolean }
  /** What GitHub holds for each subject, once known: the attestation's link. */
  links: Map<string, string>
}

const hex = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex')

/** The workflow run's description for the predicate. */
export function buildRun(state: Pick<ReleaseState, 'runner' | 'repository' | 'sha'>): BuildRun {
  const { runner } = state
  const w = runner.workflowRun
  return {
    serverUrl: runner.serverUrl,
    repository: state.repository,
    workflowRef: w?.workflowRef || `${state.repository}/.github/workflows/${runner.workflow || 'unknown'}@${runner.ref}`,
    ref: runner.ref,
    sha: state.sha,
    eventName: w?.eventName ?? '',
    repositoryId: w?.repositoryId ?? '',
    repositoryOwnerId: w?.repositoryOwnerId ?? '',
    runnerEnvironment: w?.runnerEnvironment ?? '',
    runId: runner.runId,
    runAttempt: runner.runAttempt
  }
}

const ID_TOKEN_MISSING =
  "the job has no OIDC token (ACTIONS_ID_TOKEN_REQUEST_URL is not set): build provenance is signed with the job's identity and needs `permissions: id-token: write`"

/**
 * Preflight (before anything is built): whether this release makes build provenance. `auto`
 * makes it when the job may (an OIDC token, and GitHub lets the token store attestations);
 * a job with `id-token: write` but without `attestations: write` is told which permission to
 * add (a job with no OIDC token signs nothing at all, and is not nagged). `true` turns a
 * missing permission into a problem, named, before anything is built. The `attestations: write` probe is GitHub's own answer to an empty bundle
 * (github.ts attestationsWritable): refused (403) without the permission, stored never.
 */
export async function decideProvenance(
  state: Pick<ReleaseState, 'inputs' | 'runner' | 'github' | 'targets' | 'notices'> & { provenance?: ProvenanceState },
  problems: Problem[]
): Promise<void> {
  const { inputs, runner, github } = state
  const required = inputs.provenance === 'true'
  const off = (why: string | null): void => {
    state.provenance = { on: false, files: { subjects: [], bundle: null, stored: false }, links: new Map() }
    if (why === null) return
    if (required)
      problems.push(
        problem(
          'E_GITHUB_DENIED',
          `provenance: true, but ${why}`,
          undefined,
          'Give the release job `permissions: id-token: write` and `attestations: write` (beside `contents: write`), or set `provenance: auto` (made when the permissions allow) or `false`.'
        )
      )
    else state.notices.push(`no build provenance: ${why}; add the permission, or set provenance: false to silence this`)
  }
  const something = state.targets.some((t) => t.packages.length > 0 || t.images.length > 0)
  if (!something || inputs.provenance === 'false' || (inputs.provenance === 'auto' && !inputs.attestations)) return off(null)
  // auto without any OIDC token: the job signs nothing at all (token publishing), nothing to say
  if (!runner.oidc) return off(required ? ID_TOKEN_MISSING : null)
  const refused = await github.attestationsWritable()
  if (refused) {
    const answer = /\((\d{3}[^)]*)\)/.exec(refused.message)?.[1] ?? refused.message
    return off(`GitHub refuses this job's token to store attestations (${answer}): the job needs \`attestations: write\``)
  }
  state.provenance = { on: true, files: { subjects: [], bundle: null, stored: false }, links: new Map() }
}

/** Attestations GitHub already holds that prove `subject` (read before signing: a re-run signs nothing twice). */
async function stored(github: GitHub, subject: ProvenanceSubject): Promise<unknown | null> {
  const found = await github.attestations(`sha256:${subject.sha256}`, SLSA_PREDICATE_TYPE)
  return found.find((a) => provesSubject(a.bundle, subject))?.bundle ?? null
}

/**
 * End of build (before anything is published): one statement over every file this run
 * uploads that GitHub holds no provenance of yet, signed. A failure throws: nothing is published.
 */
export async function signFileProvenance(state: ReleaseState, sign: SignStatements): Promise<string | null> {
  const prov = state.provenance
  if (!prov?.on || !state.runner.oidc) return null
  const files = allPackages(state).flatMap((p) => p.toUpload)
  const subjects: ProvenanceSubject[] = []
  for (const file of files) {
    const subject = { name: path.basename(file), sha256: hex(file) }
    if ((await stored(state.github, subject)) === null) subjects.push(subject)
  }
  prov.files = { subjects, bundle: null, stored: false }
  if (subjects.length === 0) return null
  const [bundle] = await sign([provenanceStatement(subjects, buildRun(state))], state.runner.oidc, endpoints(state.inputs), {
    input: 'provenance',
    refused: 'E_GITHUB_DENIED'
  })
  prov.files.bundle = bundle
  return `build provenance of ${subjects.length} file${subjects.length === 1 ? '' : 's'} signed`
}

const endpoints = (inputs: Inputs): SigstoreEndpoints => ({ fulcioUrl: inputs.fulcioUrl, rekorUrl: inputs.rekorUrl })

/** The web page of a repository's attestation. */
export const attestationUrl = (runner: Pick<Runner, 'serverUrl'>, repository: string, id: number): string =>
  id > 0 ? `${runner.serverUrl}/${repository}/attestations/${id}` : `${runner.serverUrl}/${repository}/attestations`

/** The provenance step (before publish): the files' signed statement stored with GitHub. */
export async function storeFileProvenance(state: ReleaseState): Promise<string[]> {
  const prov = state.provenance
  if (!prov?.on || !prov.files.bundle || prov.files.stored) return []
  const first = prov.files.subjects[0]
  const id = await state.github.createAttestation(prov.files.bundle, `sha256:${first.sha256}`)
  prov.files.stored = true
  const link = attestationUrl(state.runner, state.repository, id)
  for (const s of prov.files.subjects) prov.links.set(s.name, link)
  return [`provenance of ${prov.files.subjects.map((s) => s.name).join(', ')} stored (${link})`]
}

/**
 * After publish, before tag and release: each published image digest gets its provenance
 * (found on GitHub, else signed now and stored) and, in its registry, the bundle as an OCI
 * referrer of the image manifest (unless one is there already).
 */
export async function attestImages(state: ReleaseState, sign: SignStatements): Promise<string[]> {
  const prov = state.provenance
  if (!prov?.on || !state.runner.oidc) return []
  const did: string[] = []
  for (const img of allImages(state)) {
    if (!img.digest) continue
    const subject = { name: img.plan.ref, sha256: img.digest.replace(/^sha256:/, '') }
    let bundle = (await stored(state.github, subject)) as Record<string, unknown> | null
    if (bundle === null) {
      ;[bundle] = await sign([provenanceStatement([subject], buildRun(state))], state.runner.oidc, endpoints(state.inputs), {
        input: 'provenance',
        refused: 'E_GITHUB_DENIED',
        resumes: 'the images are pushed, nothing is tagged or released yet; a re-run attests them and finishes the release'
      })
      const id = await state.github.createAttestation(bundle, img.digest)
      prov.links.set(`${img.plan.ref}@${img.digest}`, attestationUrl(state.runner, state.repository, id))
      did.push(`provenance of ${img.plan.ref}@${img.digest.slice(0, 19)}… stored`)
    }
    const registry = state.registries.client(img.plan.registry)
    const { referrers } = await registry.referrers(img.plan.repository, img.digest, SIGSTORE_BUNDLE)
    if (referrers.some((r) => r.annotations?.[PREDICATE_ANNOTATION] === SLSA_PREDICATE_TYPE)) continue
    const manifest = await registry.manifest(img.plan.repository, img.digest)
    if (!manifest)
      throw new PyshipError('E_VERIFY', `${img.plan.ref}@${img.digest} is not in ${img.plan.registry}: its provenance has no subject`)
    await registry.pushReferrer(
      img.plan.repository,
      { mediaType: manifest.mediaType.split(';')[0].trim(), digest: img.digest, size: Buffer.byteLength(manifest.body) },
      {
        artifactType: SIGSTORE_BUNDLE,
        mediaType: SIGSTORE_BUNDLE,
        data: Buffer.from(JSON.stringify(bundle), 'utf8'),
        annotations: { [PREDICATE_ANNOTATION]: SLSA_PREDICATE_TYPE }
      }
    )
    did.push(`referrer of ${img.plan.ref}@${img.digest.slice(0, 19)}… pushed`)
  }
  return did
}

export const SIGSTORE_BUNDLE = 'application/vnd.dev.sigstore.bundle.v0.3+json'
/** The annotation cosign and `gh attestation` give a bundle referrer: the statement's predicate type. */
export const PREDICATE_ANNOTATION = 'dev.sigstore.bundle.predicateType'
