/**
 * The runner's OIDC token service (`ACTIONS_ID_TOKEN_REQUEST_URL` with the bearer
 * `ACTIONS_ID_TOKEN_REQUEST_TOKEN`, the job's `id-token: write`): an ID token for one
 * audience — `pypi` for trusted publishing, `sigstore` for signing attestations.
 */
import { PyshipError } from '../errors.js'
import { registerSecret } from '../log.js'
import { isObject, request, shape } from './http.js'

export interface OidcEndpoint {
  url: string
  token: string
}

const ID_TOKEN = shape<{ value: string }>('an OIDC token', (v) => isObject(v) && typeof v.value === 'string')

/** An ID token for `audience`, masked before anything can log it; a refusal is `code` with the permission to add. */
export async function idToken(
  oidc: OidcEndpoint,
  audience: string,
  code: 'E_PYPI_AUTH' | 'E_NO_PYPI_TOKEN' | 'E_GITHUB_DENIED',
  why: string
): Promise<string> {
  const sep = oidc.url.includes('?') ? '&' : '?'
  const id = await request(`${oidc.url}${sep}audience=${encodeURIComponent(audience)}`, {
    service: "the runner's OIDC token service",
    json: true,
    headers: { authorization: `Bearer ${oidc.token}` }
  })
  if (id.status !== 200) {
    throw new PyshipError(code, `the runner refused an OIDC token for ${why} (${id.status})`, {
      hint: 'Give the job `permissions: id-token: write`.'
    })
  }
  const jwt = id.json(ID_TOKEN).value
  registerSecret(jwt)
  return jwt
}
