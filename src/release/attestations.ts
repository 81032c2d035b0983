/**
 * PEP 740 attestations of a release (SPEC §10): every file this run will upload is signed
 * before anything is published (build's last act, §4), into `<file>.publish.attestation`
 * beside the file in this run's own build folder — never an attestation found elsewhere
 * (a dist-dir, an earlier attempt). Made under trusted publishing only, as
 * pypa/gh-action-pypi-publish does: with an API token the index takes none.
 */
import { createHash } from 'node:crypto'
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { ATTESTATION_SUFFIX } from '../attestation/publish.js'
import type { PypiAttestation, Subject } from '../attestation/publish.js'
import type { OidcEndpoint } from '../adapters/oidc.js'
import type { SigstoreEndpoints } from '../adapters/sigstore.js'
import type { Inputs } from '../inputs.js'
import { allPackages, type ReleaseState } from './state.js'

export type Sign = (subjects: Subject[], oidc: OidcEndpoint, endpoints: SigstoreEndpoints) => Promise<PypiAttestation[]>

/** Whether this release makes attestations: the input, and trusted publishing (no API token). */
export const attestationsWanted = (inputs: Pick<Inputs, 'attestations' | 'pypiToken'>): boolean => inputs.attestations && !inputs.pypiToken

/** Said once when the input asks for attestations but an API token means the index takes none. */
export const TOKEN_NOTICE =
  'attestations are made under trusted publishing only (as pypa/gh-action-pypi-publish): with pypi-token these files are uploaded without them; leave pypi-token empty and give the job id-token: write to get them'

/**
 * Sign every file the release will upload; returns what to say (null when nothing was signed).
 * A failure throws before anything was published.
 */
export async function attestUploads(state: ReleaseState, sign: Sign): Promise<string | null> {
  const { inputs, runner } = state
  const pkgs = allPackages(state).filter((p) => p.toUpload.length > 0)
  if (pkgs.length === 0) return null
  if (!attestationsWanted(inputs)) {
    if (inputs.attestations && !state.notices.includes(TOKEN_NOTICE)) state.notices.push(TOKEN_NOTICE)
    return null
  }
  if (!runner.oidc) return null // preflight has already refused: trusted publishing without an OIDC token
  const files = pkgs.flatMap((p) => p.toUpload)
  const subjects = files.map((f) => ({ name: path.basename(f), sha256: createHash('sha256').update(readFileSync(f)).digest('hex') }))
  const signed = await sign(subjects, runner.oidc, { fulcioUrl: inputs.fulcioUrl, rekorUrl: inputs.rekorUrl })
  const byFile = new Map<string, string>()
  files.forEach((file, i) => {
    const out = `${file}${ATTESTATION_SUFFIX}`
    rmSync(out, { force: true })
    writeFileSync(out, JSON.stringify(signed[i]), { flag: 'wx' })
    byFile.set(file, out)
  })
  for (const pkg of pkgs) pkg.attestations = new Map(pkg.toUpload.map((f) => [f, byFile.get(f) as string]))
  return `${files.length} PEP 740 attestation${files.length === 1 ? '' : 's'} signed`
}
