/**
 * The runner's docker config (`$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`):
 * the `auths` entries that `docker login` and docker/login-action write — `auth`
 * (base64 of `username:password`) or `username` and `password` — per registry host.
 * Read only; a missing or unreadable file is no credentials. Credential helpers
 * (`credsStore`, `credHelpers`) are not consulted.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { canonicalRegistry } from '../config/image-names.js'

export interface RegistryCredentials {
  username: string
  password: string
}

/** The config file of a docker config directory. */
export const dockerConfigFile = (dir: string): string => path.join(dir, 'config.json')

/** Credentials per registry (`docker.io`, `ghcr.io`, `localhost:5001`), from the `auths` of a docker config's text. */
export function parseDockerAuths(text: string): Map<string, RegistryCredentials> {
  const out = new Map<string, RegistryCredentials>()
  let doc: unknown
  try {
    doc = JSON.parse(text)
  } catch {
    return out
  }
  const auths = typeof doc === 'object' && doc !== null && Object.hasOwn(doc, 'auths') ? (doc as { auths: unknown }).auths : null
  if (typeof auths !== 'object' || auths === null) return out
  for (const [key, entry] of Object.entries(auths as Record<string, unknown>)) {
    if (typeof entry !== 'object' || entry === null) continue
    const e = entry as Record<string, unknown>
    let creds: RegistryCredentials | null = null
    if (typeof e.auth === 'string' && e.auth) {
      const text = Buffer.from(e.auth, 'base64').toString('utf8')
      const colon = text.indexOf(':')
      if (colon > 0) creds = { username: text.slice(0, colon), password: text.slice(colon + 1) }
    } else if (typeof e.username === 'string' && typeof e.password === 'string' && e.username && e.password) {
      creds = { username: e.username, password: e.password }
    }
    const host = canonicalRegistry(key)
    if (creds && host && !out.has(host)) out.set(host, creds)
  }
  return out
}

/** The credentials the runner's `docker login` left in `dir` (none when there is no such file). */
export function readDockerAuths(dir: string | undefined): Map<string, RegistryCredentials> {
  if (!dir) return new Map()
  try {
    return parseDockerAuths(readFileSync(dockerConfigFile(dir), 'utf8'))
  } catch {
    return new Map()
  }
}
