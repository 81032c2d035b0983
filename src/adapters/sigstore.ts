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
export function signingError(error: unknown, endpoints: SigstoreEndpoints): PyshipError {
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
  if (status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429) {
    return new PyshipError(
      'E_PYPI_AUTH',
      `${service} at ${redact(url)} refused to sign the attestations (${status}): ${detail}; ${RESUMES}`,
      {
        hint: `Attestations are signed with the job's OIDC identity (permissions: id-token: write). Check \`${url === endpoints.rekorUrl ? 'rekor-url' : 'fulcio-url'}\`, or set \`attestations: false\` to publish without them.`
      }
    )
  }
  return new PyshipError('E_NETWORK', `${service} at ${redact(url)} could not sign the attestations: ${detail}; ${RESUMES}`, {
    hint: `Check that ${redact(url)} is reachable from the runner (proxy settings); a re-run resumes. \`attestations: false\` publishes without attestations.`
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
  if (subjects.length === 0) return []
  const { DSSEBundleBuilder, FulcioSigner, RekorWitness } = await import('@sigstore/sign')
  const { bundleToJSON } = await import('@sigstore/bundle')
  let token: string | null = null
  const signer = new FulcioSigner({
    fulcioBaseURL: endpoints.fulcioUrl,
    identityProvider: { getToken: async () => (token ??= await idToken(oidc, 'sigstore', 'E_PYPI_AUTH', 'signing attestations')) },
    timeout: 30_000,
    retry: { retries: 2 }
  })
  const rekor = new RekorWitness({ rekorBaseURL: endpoints.rekorUrl, entryType: 'dsse', timeout: 30_000, retry: { retries: 2 } })
  const builder = new DSSEBundleBuilder({ signer, witnesses: [rekor] })
  const out: PypiAttestation[] = []
  try {
    for (const subject of subjects) {
      const bundle = await builder.create({ data: publishStatement(subject), type: INTOTO_PAYLOAD_TYPE })
      out.push(toPypiAttestation(bundleToJSON(bundle)))
    }
  } catch (error) {
    throw signingError(error, endpoints)
  }
  return out
}
