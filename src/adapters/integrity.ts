/**
 * The index's integrity API (PEP 740, PyPI's `/integrity/<project>/<version>/<file>/provenance`):
 * the attestations a file was uploaded with, as the index serves them.
 */
import { normalizeName } from '../pyproject/requirement.js'
import type { PypiAttestation } from '../attestation/publish.js'
import { isObject, request, shape } from './http.js'

const PROVENANCE = shape<{ attestation_bundles: { publisher?: Record<string, unknown>; attestations: PypiAttestation[] }[] }>(
  'a provenance object (PEP 740)',
  (v) =>
    isObject(v) && Array.isArray(v.attestation_bundles) && v.attestation_bundles.every((b) => isObject(b) && Array.isArray(b.attestations))
)

export interface Provenance {
  /** The trusted publisher that uploaded the file (`repository`, `workflow`, …). */
  publisher: Record<string, unknown>
  attestations: PypiAttestation[]
}

/**
 * The file's provenance, or null when the index serves none for it: a 404, or an index without
 * the integrity API (another status, or an answer that is not a provenance object).
 */
export async function fileProvenance(pypiUrl: string, name: string, version: string, filename: string): Promise<Provenance[] | null> {
  const url = `${pypiUrl.replace(/\/+$/, '')}/integrity/${normalizeName(name)}/${encodeURIComponent(version)}/${encodeURIComponent(filename)}/provenance`
  const res = await request(url, { service: 'the index' })
  if (res.status !== 200) return null
  let body: unknown
  try {
    body = JSON.parse(res.text)
  } catch {
    return null
  }
  if (!PROVENANCE.is(body)) return null
  return (body as typeof PROVENANCE.type & object).attestation_bundles.map((b) => ({
    publisher: b.publisher ?? {},
    attestations: b.attestations
  }))
}
