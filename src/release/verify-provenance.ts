/**
 * verify's rows for build provenance (SPEC §10): for each released file and image digest,
 * GitHub's attestations API holds an SLSA provenance bundle whose statement names exactly that
 * file (or image) and digest — its signature verified with @sigstore/verify against the
 * `trusted-root` when one is given — and each image's registry holds that bundle as an OCI
 * referrer of the image manifest. Read-only.
 */
import { readFileSync } from 'node:fs'
import { PyshipError } from '../errors.js'
import { bundleStatement, provesSubject, SLSA_PREDICATE_TYPE, type ProvenanceSubject } from '../attestation/provenance.js'
import type { Registry } from '../adapters/registry.js'
import type { CheckRow } from './checklist.js'
import type { ReleaseContext } from './context.js'
import { PREDICATE_ANNOTATION, SIGSTORE_BUNDLE } from './provenance.js'

export type BundleCheck = (bundle: unknown) => void

/** A verifier of Sigstore bundles against a trusted_root.json (loaded once, when there is one). */
export async function bundleVerifier(trustedRoot: string): Promise<BundleCheck | null> {
  if (!trustedRoot) return null
  let json: unknown
  try {
    json = JSON.parse(readFileSync(trustedRoot, 'utf8'))
  } catch (error) {
    throw new PyshipError(
      'E_INPUT',
      `trusted-root ${trustedRoot} is not a readable Sigstore trusted_root.json (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
      {
        hint: "Point trusted-root at a trusted_root.json (`gh attestation trusted-root > trusted_root.json`, or your Sigstore instance's), or leave it empty."
      }
    )
  }
  const [{ Verifier, toSignedEntity, toTrustMaterial }, { bundleFromJSON }, { TrustedRoot }] = await Promise.all([
    import('@sigstore/verify'),
    import('@sigstore/bundle'),
    import('@sigstore/protobuf-specs')
  ])
  const verifier = new Verifier(toTrustMaterial(TrustedRoot.fromJSON(json)), { tlogThreshold: 1, ctlogThreshold: 1, timestampThreshold: 1 })
  return (bundle) => verifier.verify(toSignedEntity(bundleFromJSON(bundle)))
}

const short = (sha256: string): string => `${sha256.slice(0, 12)}…`

function claimed(bundle: unknown): string {
  const s = bundleStatement(bundle)
  if (!s) return 'no in-toto statement'
  if (s.predicateType !== SLSA_PREDICATE_TYPE) return `predicate ${s.predicateType}`
  return s.subjects.map((x) => `${x.name} sha256 ${short(x.sha256)}`).join(', ') || 'no subject'
}

/**
 * One row per subject: GitHub holds a provenance bundle of it (verified when `check` is
 * given); one that names another subject is a failure; none is a failure only when `required`.
 */
export async function provenanceRows(
  ctx: Pick<ReleaseContext, 'github' | 'runner' | 'repository'>,
  subjects: { what: string; subject: ProvenanceSubject }[],
  required: boolean,
  check: BundleCheck | null
): Promise<CheckRow[]> {
  const rows: CheckRow[] = []
  const page = `${ctx.runner.serverUrl}/${ctx.repository}/attestations`
  for (const { what, subject } of subjects) {
    const row = `build provenance of ${what}`
    let found: Awaited<ReturnType<typeof ctx.github.attestations>>
    try {
      found = await ctx.github.attestations(`sha256:${subject.sha256}`, SLSA_PREDICATE_TYPE)
    } catch (error) {
      // a token without `attestations: read` (a private repository): not looked at unless required
      if (!(error instanceof PyshipError) || error.code !== 'E_GITHUB_DENIED') throw error
      if (required) rows.push({ what: row, ok: false, detail: error.message })
      continue
    }
    if (found.length === 0) {
      if (required) rows.push({ what: row, ok: false, detail: `GitHub holds no provenance of sha256 ${short(subject.sha256)}` })
      continue
    }
    const problems: string[] = []
    for (const { bundle } of found) {
      if (!provesSubject(bundle, subject)) {
        problems.push(`its subject is ${claimed(bundle)}, not ${subject.name} sha256 ${short(subject.sha256)}`)
        continue
      }
      if (check) {
        try {
          check(bundle)
        } catch (error) {
          problems.push(`its signature does not verify against trusted-root: ${String((error as Error).message ?? error).slice(0, 160)}`)
        }
      }
    }
    rows.push({
      what: row,
      ok: problems.length === 0,
      detail: problems.length
        ? problems.join('; ')
        : `${found.length} attestation${found.length === 1 ? '' : 's'} of sha256 ${short(subject.sha256)}${check ? ', signature verified' : ''} — ${page}`
    })
  }
  return rows
}

/** The image's registry holds its provenance bundle as an OCI referrer of that very manifest. */
export async function referrerRow(registry: Registry, repository: string, ref: string, digest: string): Promise<CheckRow> {
  const what = `provenance referrer of ${ref}@${digest.slice(0, 19)}…`
  const { api, referrers } = await registry.referrers(repository, digest, SIGSTORE_BUNDLE)
  const ours = referrers.filter((r) => r.annotations?.[PREDICATE_ANNOTATION] === SLSA_PREDICATE_TYPE)
  if (ours.length === 0)
    return { what, ok: false, detail: `no Sigstore bundle refers to it (${api ? 'referrers API' : `tag ${digest.replace(':', '-')}`})` }
  const subject = { name: ref, sha256: digest.replace(/^sha256:/, '') }
  for (const r of ours) {
    const m = await registry.manifest(repository, r.digest)
    const doc = m ? (JSON.parse(m.body) as { subject?: { digest?: string }; layers?: { digest?: string; mediaType?: string }[] }) : null
    if (!doc || doc.subject?.digest !== digest)
      return {
        what,
        ok: false,
        detail: `referrer ${r.digest.slice(0, 19)}… has the subject ${doc?.subject?.digest ?? 'none'}, not ${digest}`
      }
    const layer = doc.layers?.find((l) => l.mediaType === SIGSTORE_BUNDLE)
    const data = layer?.digest ? await registry.blob(repository, layer.digest) : null
    let bundle: unknown = null
    try {
      bundle = data ? JSON.parse(data.toString('utf8')) : null
    } catch {
      /* reported below */
    }
    if (!provesSubject(bundle, subject))
      return {
        what,
        ok: false,
        detail: `referrer ${r.digest.slice(0, 19)}… holds a bundle of ${bundle ? claimed(bundle) : 'nothing readable'}`
      }
  }
  return {
    what,
    ok: true,
    detail: `${ours.length} bundle${ours.length === 1 ? '' : 's'} (${api ? 'referrers API' : `referrers tag ${digest.replace(':', '-')}`})`
  }
}
