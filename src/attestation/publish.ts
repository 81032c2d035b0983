/**
 * PEP 740 publish attestations (pure): the in-toto Statement v1 a wheel or sdist is signed
 * over, and the attestation object the index takes (PyPI's `attestations` upload field,
 * `<file>.publish.attestation` beside a file for `twine upload --attestations` and
 * `uv publish`), converted from a Sigstore bundle — the format of pypi-attestations:
 * `{version: 1, verification_material: {certificate, transparency_entries}, envelope: {statement, signature}}`.
 */

/** PyPI's publish predicate: "the Trusted Publisher uploaded this file"; its predicate is empty. */
export const PUBLISH_PREDICATE_TYPE = 'https://docs.pypi.org/attestations/publish/v1'
export const STATEMENT_TYPE = 'https://in-toto.io/Statement/v1'
/** The DSSE payload type of an in-toto statement. */
export const INTOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json'
/** What twine and uv look for beside each file. */
export const ATTESTATION_SUFFIX = '.publish.attestation'

export interface Subject {
  /** The file's name (`dakora_client-1.4.0-py3-none-any.whl`), never a path. */
  name: string
  /** Hex SHA-256 of the file's bytes. */
  sha256: string
}

export interface PypiAttestation {
  version: 1
  verification_material: {
    /** base64 of the DER signing certificate. */
    certificate: string
    /** Rekor entries in the Sigstore bundle's JSON form (camelCase, as pypi-attestations writes them). */
    transparency_entries: unknown[]
  }
  envelope: {
    /** base64 of the statement's JSON bytes. */
    statement: string
    /** base64 of the DSSE signature. */
    signature: string
  }
}

/** The statement's bytes: exactly one subject, the file's name and SHA-256; no predicate (PyPI's publish/v1 has none). */
export function publishStatement(subject: Subject): Buffer {
  if (subject.name.includes('/') || subject.name.includes('\\')) throw new Error(`a subject is a file name, not a path: ${subject.name}`)
  if (!/^[0-9a-f]{64}$/.test(subject.sha256)) throw new Error(`not a hex SHA-256: ${subject.sha256}`)
  return Buffer.from(
    JSON.stringify({
      _type: STATEMENT_TYPE,
      subject: [{ name: subject.name, digest: { sha256: subject.sha256 } }],
      predicateType: PUBLISH_PREDICATE_TYPE
    }),
    'utf8'
  )
}

type Json = Record<string, unknown>
const obj = (v: unknown): Json => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {})

/**
 * A Sigstore bundle (its JSON form, `bundleToJSON`) of a DSSE-signed statement, as PyPI's
 * attestation object. Throws when the bundle is not one signature over an in-toto statement
 * with a certificate and a transparency log entry.
 */
export function toPypiAttestation(bundle: unknown): PypiAttestation {
  const material = obj(obj(bundle).verificationMaterial)
  const certificate =
    obj(material.certificate).rawBytes ?? obj((obj(material.x509CertificateChain).certificates as unknown[] | undefined)?.[0]).rawBytes
  const tlog = Array.isArray(material.tlogEntries) ? material.tlogEntries : []
  const envelope = obj(obj(bundle).dsseEnvelope)
  const signatures = Array.isArray(envelope.signatures) ? envelope.signatures : []
  if (typeof certificate !== 'string' || certificate === '') throw new Error('the Sigstore bundle has no signing certificate')
  if (tlog.length === 0) throw new Error('the Sigstore bundle has no transparency log entry')
  if (envelope.payloadType !== INTOTO_PAYLOAD_TYPE || typeof envelope.payload !== 'string')
    throw new Error('the Sigstore bundle does not hold an in-toto statement')
  if (signatures.length !== 1 || typeof obj(signatures[0]).sig !== 'string')
    throw new Error(`the Sigstore bundle holds ${signatures.length} signatures, not one`)
  return {
    version: 1,
    verification_material: { certificate, transparency_entries: tlog },
    envelope: { statement: envelope.payload, signature: obj(signatures[0]).sig as string }
  }
}

/** The Sigstore bundle (v0.3 JSON) an attestation stands for: what a verifier checks. */
export function toSigstoreBundle(attestation: PypiAttestation): Json {
  return {
    mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
    verificationMaterial: {
      certificate: { rawBytes: attestation.verification_material.certificate },
      tlogEntries: attestation.verification_material.transparency_entries,
      timestampVerificationData: { rfc3161Timestamps: [] }
    },
    dsseEnvelope: {
      payload: attestation.envelope.statement,
      payloadType: INTOTO_PAYLOAD_TYPE,
      signatures: [{ sig: attestation.envelope.signature, keyid: '' }]
    }
  }
}

/** The subject and predicate type an attestation's statement claims (not verified: read it after verifying the signature). */
export function statementOf(attestation: PypiAttestation): { subjects: Subject[]; predicateType: string } {
  const statement = obj(JSON.parse(Buffer.from(attestation.envelope.statement, 'base64').toString('utf8')))
  const subjects = (Array.isArray(statement.subject) ? statement.subject : []).map((s) => ({
    name: String(obj(s).name ?? ''),
    sha256: String(obj(obj(s).digest).sha256 ?? '')
  }))
  return { subjects, predicateType: String(statement.predicateType ?? '') }
}
