/**
 * Image names on any registry, pure, normalised as docker normalises them
 * (distribution's `ParseNormalizedNamed`): a first part with a "." or ":" (or
 * `localhost`) is a registry host, anything else is on Docker Hub (`docker.io`, and
 * `library/` before a one-part name); `index.docker.io` is `docker.io`. Docker Hub's API
 * answers on `registry-1.docker.io`, and `docker login` files its credentials under
 * `https://index.docker.io/v1/`.
 */

export const DOCKER_HUB = 'docker.io'
export const DOCKER_HUB_API = 'registry-1.docker.io'
/** The key `docker login` (and docker/login-action) writes Docker Hub's credentials under. */
export const DOCKER_HUB_AUTH_KEY = 'https://index.docker.io/v1/'

export interface ImageName {
  /** The registry as docker names it: `docker.io`, `ghcr.io`, `localhost:5001`. */
  registry: string
  /** The repository on that registry: `arizephoenix/phoenix`, `library/python`. */
  repository: string
}

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/
const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/

/** A registry host as docker compares it: lower case, Docker Hub's aliases as `docker.io`. */
export function canonicalRegistry(host: string): string {
  const h = host
    .trim()
    .replace(/^[a-z]+:\/\//i, '')
    .replace(/\/.*$/, '')
    .toLowerCase()
  return h === 'index.docker.io' || h === 'registry-1.docker.io' ? DOCKER_HUB : h
}

/** Where a registry's HTTP API answers (Docker Hub: `registry-1.docker.io`). */
export function registryApiHost(registry: string): string {
  return canonicalRegistry(registry) === DOCKER_HUB ? DOCKER_HUB_API : canonicalRegistry(registry)
}

/** The key of a registry in a docker config's `auths` (Docker Hub: `https://index.docker.io/v1/`). */
export function dockerAuthKey(registry: string): string {
  return canonicalRegistry(registry) === DOCKER_HUB ? DOCKER_HUB_AUTH_KEY : canonicalRegistry(registry)
}

/**
 * An image's repository as written in the config (`docker.io/arizephoenix/phoenix`,
 * `arizephoenix/phoenix`, `ghcr.io/org/x`, `localhost:5001/x/y`, `python`), normalised;
 * a string describing what is wrong when it is not a repository name.
 */
export function parseImageName(text: string): ImageName | string {
  if (text !== text.trim() || text === '') return 'must be a repository name such as "docker.io/owner/name" or "ghcr.io/owner/name"'
  if (/[@]/.test(text) || /:[^/]*$/.test(text.slice(text.indexOf('/') + 1)))
    return 'names a repository without a tag or digest (tags come from `tags`)'
  const slash = text.indexOf('/')
  const first = slash < 0 ? '' : text.slice(0, slash)
  const hosted = slash >= 0 && (/[.:]/.test(first) || first === 'localhost' || first !== first.toLowerCase())
  let registry = hosted ? first : DOCKER_HUB
  let repository = hosted ? text.slice(slash + 1) : text
  if (hosted && !HOST.test(registry)) return `names the registry ${JSON.stringify(registry)}, which is not a host[:port]`
  registry = canonicalRegistry(registry)
  if (registry === DOCKER_HUB && !repository.includes('/')) repository = `library/${repository}`
  const parts = repository.split('/')
  if (!parts.every((p) => COMPONENT.test(p)))
    return 'must be lower case: letters, digits and single separators (".", "_", "__", "-") between "/"-separated parts, as docker requires'
  if (`${registry}/${repository}`.length > 255) return 'is longer than the 255 characters docker allows'
  return { registry, repository }
}

/** `{registry}/{owner}/{repo}/{image}` in lower case (ghcr.io requires it): the default of an image without `repository`. */
export function defaultImageName(registry: string, owner: string, repo: string, image: string): ImageName {
  return { registry: canonicalRegistry(registry), repository: `${owner}/${repo}/${image}`.toLowerCase() }
}

/** The reference docker takes (`docker.io/arizephoenix/phoenix`). */
export const imageRef = (name: ImageName): string => `${name.registry}/${name.repository}`
