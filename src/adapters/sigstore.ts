/**
 * Sigstore keyless signing of PEP 740 publish attestations: the job's OIDC identity
 * (audience `sigstore`) gets a short-lived certificate from Fulcio, each statement is
 * signed (DSSE) and recorded in Rekor. `@sigstore/sign` is imported only here and only
 * when something is signed, so `check` and `bump` never load it (a separate bundle chunk).
 */
import { PyshipError } from '../errors.js'
import { publishStatement, toPypiAttestation, INTOTO_PAYLOAD_TYPE, type PypiAttestation, type Subject } from '../attestation/publish.js'
import { idToken, type OidcEndpoint } from './oidc.js'
import { redact } from './http.js'

export interface SigstoreEndpoints {
  fulcioUrl: string
  rekorUrl: string
}

const RESUMES = 'nothing was published; a re-run signs again'

/** A signing failure as a coded error: unreachable or 5xx is E_NETWORK, a refusal of the identity E_PYPI_AUTH. */
export function signingError(error: unknown, endpoints: SigstoreEndpoints, purpose: SigningPurpose = PEP740): PyshipError {
  if (error instanceof PyshipError) return error
  // the runner's refusal of the ID token, thrown by the identity provider and wrapped by @sigstore/sign
  if ((error as { cause?: unknown }).cause instanceof PyshipError) return (error as { cause: PyshipError }).cause
  const e = error as { code?: string; message?: string; cause?: { statusCode?: number; message?: string; code?: string } }
  const [service, url] =
    e.code === 'TLOG_CREATE_ENTRY_ERROR'
      ? ["Sigstore's transparency log (Rekor)", endpoints.rekorUrl]
      : ["Sigstore's certificate authority (Fulcio)", endpoints.fulcioUrl]
  const status = e.cause?.statusCode
  const detail = (e.cause?.message ?? e.message ?? String(error)).split('\n')[0].slice(0, 200)
  const what = purpose.input === 'provenance' ? 'build provenance' : 'attestations'
  if (status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429) {
    return new PyshipError(
      purpose.refused,
      `${service} at ${redact(url)} refused to sign the ${what} (${status}): ${detail}; ${purpose.resumes ?? RESUMES}`,
      {
        hint: `${purpose.input === 'provenance' ? 'Build provenance is' : 'Attestations are'} signed with the job's OIDC identity (permissions: id-token: write). Check \`${url === endpoints.rekorUrl ? 'rekor-url' : 'fulcio-url'}\`, or set \`${purpose.input}: false\` to publish without them.`
      }
    )
  }
  return new PyshipError('E_NETWORK', `${service} at ${redact(url)} could not sign the ${what}: ${detail}; ${purpose.resumes ?? RESUMES}`, {
    hint: `Check that ${redact(url)} is reachable from the runner (proxy settings); a re-run resumes. \`${purpose.input}: false\` publishes without ${what}.`
  })
}

/**
 * One attestation per file (one ID token for all of them; a short-lived certificate for each). Throws a coded error when any cannot be signed: then nothing is published.
 */
export async function signPublishAttestations(
  subjects: Subject[],
  oidc: OidcEndpoint,
  endpoints: SigstoreEndpoints
): Promise<PypiAttestation[]> {
  const bundles = await signStatements(subjects.map(publishStatement), oidc, endpoints)
  return bundles.map(toPypiAttestation)
}

/** What a signing is for, in messages: the input that turns it off. */
export interface SigningPurpose {
  /** `attestations` (PEP 740) or `provenance` (build provenance). */
  input: 'attestations' | 'provenance'
  /** The code of a refused identity. */
  refused: 'E_PYPI_AUTH' | 'E_GITHUB_DENIED'
  /** What a failure leaves behind (default: nothing was published; a re-run signs again). */
  resumes?: string
}

const PEP740: SigningPurpose = { input: 'attestations', refused: 'E_PYPI_AUTH' }

/**
 * Each in-toto statement signed (DSSE) with the job's OIDC identity and recorded in Rekor:
 * the Sigstore bundles (v0.3 JSON), in order. One ID token for all of them.
 */
export async function signStatements(
  statements: Buffer[],
  oidc: OidcEndpoint,
  endpoints: SigstoreEndpoints,
  purpose: SigningPurpose = PEP740
): Promise<Record<string, unknown>[]> {
  if (statements.length === 0) return []
  const { DSSEBundleBuilder, FulcioSigner, RekorWitness } = await import('@sigstore/sign')
  const { bundleToJSON } = await import('@sigstore/bundle')
  let token: string | null = null
  const signer = new FulcioSigner({
    fulcioBaseURL: endpoints.fulcioUrl,
    identityProvider: {
      getToken: async () => (token ??= await idToken(oidc, 'sigstore', purpose.refused, `signing ${purpose.input}`))
    },
    timeout: 30_000,
    retry: { retries: 2 }
  })
  const rekor = new RekorWitness({ rekorBaseURL: endpoints.rekorUrl, entryType: 'dsse', timeout: 30_000, retry: { retries: 2 } })
  const builder = new DSSEBundleBuilder({ signer, witnesses: [rekor] })
  const out: Record<string, unknown>[] = []
  try {
    for (const data of statements) {
      const bundle = await builder.create({ data, type: INTOTO_PAYLOAD_TYPE })
      out.push(bundleToJSON(bundle) as unknown as Record<string, unknown>)
    }
  } catch (error) {
    throw signingError(error, endpoints, purpose)
  }
  return out
}
