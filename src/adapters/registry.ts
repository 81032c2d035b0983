/**
 * The container registry's HTTP API (OCI distribution): manifest digests, tags,
 * image labels, copying a manifest to another tag. Works with password (Basic)
 * registries and token-auth registries such as ghcr.io (`WWW-Authenticate: Bearer
 * realm=…,service=…`, anonymous or with credentials).
 */
import { createHash } from 'node:crypto'
import { throwIfCancelled } from '../cancel.js'
import { PyshipError } from '../errors.js'
import { isObject, nextLink, redact, request, shape, type HttpOptions, type HttpResponse } from './http.js'
import { byText } from '../order.js'

export const MANIFEST_TYPES = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json'
]

/** `Bearer realm="…",service="…",scope="…"` → its parameters. */
export function parseChallenge(header: string): { scheme: string; params: Record<string, string> } {
  const space = header.indexOf(' ')
  const scheme = (space < 0 ? header : header.slice(0, space)).toLowerCase()
  const params: Record<string, string> = {}
  for (const m of header.slice(space + 1).matchAll(/(\w+)="([^"]*)"/g)) params[m[1]] = m[2]
  return { scheme, params }
}

const TOKEN = shape<{ token?: string; access_token?: string }>(
  'a token',
  (v) => isObject(v) && (typeof v.token === 'string' || typeof v.access_token === 'string')
)
const TAGS = shape<{ tags?: string[] | null }>(
  'a tag list',
  (v) => isObject(v) && (v.tags === undefined || v.tags === null || (Array.isArray(v.tags) && v.tags.every((t) => typeof t === 'string')))
)
const MANIFEST = shape<{ manifests?: { digest: string }[]; config?: { digest: string } }>(
  'an image manifest',
  (v) => isObject(v) && (v.manifests === undefined || Array.isArray(v.manifests))
)
const ANNOTATED = shape<{ annotations?: Record<string, string> }>(
  'a manifest',
  (v) =>
    isObject(v) &&
    (v.annotations === undefined || (isObject(v.annotations) && Object.values(v.annotations).every((x) => typeof x === 'string')))
)
const CONFIG = shape<{ os?: string; architecture?: string; variant?: string; config?: { Labels?: Record<string, string> | null } }>(
  'an image config',
  isObject
)

/** Pages of a tag list a registry may answer before pyship suspects a loop. */
const MAX_PAGES = 10_000

export class Registry {
  private readonly base: string
  private readonly tokens = new Map<string, string>()

  constructor(
    readonly host: string,
    private readonly username: string,
    private readonly password: string,
    /** Where this host's credentials come from, for the message when there are none. */
    private readonly credentialsFrom = 'set registry-username and registry-password (or github-token)'
  ) {
    const local = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/.test(host)
    this.base = `${local ? 'http' : 'https'}://${host}`
  }

  private basic(): string | null {
    return this.username && this.password ? `Basic ${Buffer.from(`${this.username}:${this.password}`).toString('base64')}` : null
  }

  /** An Authorization header for `scope`, from the registry's challenge. */
  private async authorize(challenge: string, scope: string): Promise<string | null> {
    const { scheme, params } = parseChallenge(challenge)
    if (scheme === 'basic') return this.basic()
    if (scheme !== 'bearer' || !params.realm) return null
    const cached = this.tokens.get(scope)
    if (cached) return cached
    const url = new URL(params.realm)
    if (params.service) url.searchParams.set('service', params.service)
    url.searchParams.set('scope', scope)
    const basic = this.basic()
    const res = await request(url.toString(), {
      service: `the token service of ${this.host}`,
      json: true,
      headers: basic ? { authorization: basic } : {}
    })
    if (res.status === 401 || res.status === 403) {
      throw new PyshipError(
        'E_REGISTRY_DENIED',
        `${this.host} refused a token for ${scope} (${res.status})${basic ? '' : ' without credentials'}`
      )
    }
    if (res.status !== 200) throw new PyshipError('E_REGISTRY_DENIED', `${this.host} token service answered ${res.status}`)
    const body = res.json(TOKEN)
    const header = `Bearer ${body.token ?? body.access_token ?? ''}`
    this.tokens.set(scope, header)
    return header
  }

  private async call(
    method: string,
    path: string,
    scope: string,
    headers: Record<string, string> = {},
    body?: HttpOptions['body'],
    extra: Partial<HttpOptions> = {}
  ): Promise<HttpResponse> {
    const url = new URL(path, this.base).toString()
    const options = { service: `the registry ${this.host}`, method, body, ...extra }
    const first = await request(url, {
      ...options,
      headers: { ...headers, ...(this.tokens.has(scope) ? { authorization: this.tokens.get(scope) as string } : {}) }
    })
    if (first.status !== 401) return first
    const challenge = first.headers.get('www-authenticate') ?? ''
    const auth = await this.authorize(challenge, scope)
    if (!auth) return first
    return request(url, { ...options, headers: { ...headers, authorization: auth } })
  }

  /**
   * Whether the registry accepts the login, as `docker login` checks it (preflight:
   * before anything is built). Basic registries answer /v2/ with the credentials;
   * token registries hand out a token for `repository` with them. Then a blob upload
   * is started and cancelled, so a login without write permission is refused here too,
   * before anything is published (registries that do not answer 202 are not judged).
   */
  async checkLogin(repository: string): Promise<void> {
    if (!this.username || !this.password) {
      throw new PyshipError('E_REGISTRY_DENIED', `no credentials for ${this.host} to push to ${repository}: ${this.credentialsFrom}`)
    }
    const res = await this.call('GET', '/v2/', `repository:${repository}:pull,push`)
    if (res.status === 401 || res.status === 403) {
      throw new PyshipError('E_REGISTRY_DENIED', `${this.host} refused the login of ${this.username} (${res.status})`)
    }
    if (res.status !== 200)
      throw new PyshipError(
        'E_REGISTRY_DENIED',
        `${this.host}/v2/ answered ${res.status}: it does not look like a registry that accepts this login`
      )
    // may these credentials write? Start a blob upload (what `docker push` does first) and cancel it;
    // starting one twice only leaves an empty session that expires: harmless to repeat
    const upload = await this.call('POST', `/v2/${repository}/blobs/uploads/`, `repository:${repository}:pull,push`, {}, undefined, {
      idempotent: true
    })
    if (upload.status === 401 || upload.status === 403) {
      throw new PyshipError(
        'E_REGISTRY_DENIED',
        `${this.host} lets ${this.username} log in but not push to ${repository} (${upload.status})`
      )
    }
    const location = upload.headers.get('location')
    if (upload.status === 202 && location) {
      const url = new URL(location, this.base).toString().slice(this.base.length)
      await this.call('DELETE', url, `repository:${repository}:pull,push`).catch(() => undefined)
    }
  }

  /** The digest `repository:tag` points at, or null when the tag does not exist. */
  async digest(repository: string, tag: string): Promise<string | null> {
    const res = await this.call('HEAD', `/v2/${repository}/manifests/${tag}`, `repository:${repository}:pull`, {
      accept: MANIFEST_TYPES.join(', ')
    })
    if (res.status === 404) return null
    if (res.status === 401 || res.status === 403)
      throw new PyshipError('E_REGISTRY_DENIED', `${this.host} refused reading ${repository}:${tag} (${res.status})`)
    if (res.status !== 200) throw new PyshipError('E_REGISTRY_DENIED', `${this.host} answered ${res.status} for ${repository}:${tag}`)
    return res.headers.get('docker-content-digest')
  }

  /** Every tag of a repository, to the last page (`Link: <…?n=&last=>; rel="next"`, OCI distribution). */
  async tags(repository: string): Promise<string[]> {
    const all: string[] = []
    let path: string | null = `/v2/${repository}/tags/list?n=1000`
    const seen = new Set<string>()
    while (path) {
      if (seen.has(path) || seen.size >= MAX_PAGES) {
        throw new PyshipError(
          'E_NETWORK',
          `the registry ${this.host}'s pages of the tags of ${repository} do not end (page ${seen.size + 1}); a re-run resumes where this one stopped`
        )
      }
      seen.add(path)
      const res = await this.call('GET', path, `repository:${repository}:pull`, {}, undefined, { json: true })
      if (res.status === 404 && seen.size === 1) return []
      if (res.status === 401 || res.status === 403)
        throw new PyshipError('E_REGISTRY_DENIED', `${this.host} refused listing the tags of ${repository} (${res.status})`)
      if (res.status !== 200)
        throw new PyshipError('E_REGISTRY_DENIED', `${this.host} answered ${res.status} listing the tags of ${repository}`)
      all.push(...(res.json(TAGS).tags ?? []))
      const next = nextLink(res.headers.get('link'), new URL(path, this.base).toString())
      if (next && new URL(next).origin !== new URL(this.base).origin) {
        throw new PyshipError(
          'E_NETWORK',
          `the registry ${this.host}'s next page of tags is on another host (${redact(next)}); not followed with the credentials; a re-run resumes where this one stopped`
        )
      }
      path = next ? next.slice(new URL(next).origin.length) : null
    }
    return all
  }

  /** The manifest of a tag or digest, with its media type. */
  async manifest(repository: string, reference: string): Promise<{ mediaType: string; body: string; json: HttpResponse['json'] } | null> {
    const res = await this.call(
      'GET',
      `/v2/${repository}/manifests/${reference}`,
      `repository:${repository}:pull`,
      { accept: MANIFEST_TYPES.join(', ') },
      undefined,
      { json: true }
    )
    if (res.status === 404) return null
    if (res.status === 401 || res.status === 403)
      throw new PyshipError('E_REGISTRY_DENIED', `${this.host} refused reading the manifest of ${repository}:${reference} (${res.status})`)
    if (res.status !== 200)
      throw new PyshipError('E_REGISTRY_DENIED', `${this.host} answered ${res.status} for the manifest of ${repository}:${reference}`)
    return { mediaType: res.headers.get('content-type') ?? MANIFEST_TYPES[2], body: res.text, json: res.json }
  }

  /** The media type and OCI annotations of the manifest `reference` names (an index's own), or null when absent. */
  async annotations(repository: string, reference: string): Promise<{ mediaType: string; annotations: Record<string, string> } | null> {
    const m = await this.manifest(repository, reference)
    if (!m) return null
    const doc = m.json(ANNOTATED)
    return { mediaType: m.mediaType.split(';')[0].trim(), annotations: doc.annotations ?? {} }
  }

  /** The image config labels of a tag (the first image of an index). */
  async labels(repository: string, reference: string): Promise<Record<string, string>> {
    let m = await this.manifest(repository, reference)
    if (!m) return {}
    let doc = m.json(MANIFEST)
    if (doc.manifests?.length) {
      m = await this.manifest(repository, doc.manifests[0].digest)
      if (!m) return {}
      doc = m.json(MANIFEST)
    }
    if (!doc.config) return {}
    const res = await this.call('GET', `/v2/${repository}/blobs/${doc.config.digest}`, `repository:${repository}:pull`, {}, undefined, {
      json: true
    })
    if (res.status !== 200) return {}
    return res.json(CONFIG).config?.Labels ?? {}
  }

  /**
   * Remove a tag (OCI distribution 1.1 `DELETE …/manifests/<tag>`). Registries that
   * only delete by digest would delete the image with every tag, so that is never
   * done: false means the registry could not delete the tag alone.
   */
  async deleteTag(repository: string, tag: string): Promise<boolean> {
    const res = await this.call('DELETE', `/v2/${repository}/manifests/${tag}`, `repository:${repository}:pull,push,delete`)
    if (res.status === 401 || res.status === 403)
      throw new PyshipError('E_REGISTRY_DENIED', `${this.host} refused deleting ${repository}:${tag} (${res.status})`)
    return res.status === 202 || res.status === 200
  }

  /** Point `tag` at the manifest `digest` already in `repository` (no image data moves). */
  async tag(repository: string, digest: string, tag: string): Promise<void> {
    const m = await this.manifest(repository, digest)
    if (!m) throw new PyshipError('E_VERIFY', `${repository}@${digest} is not in ${this.host}`)
    const res = await this.call(
      'PUT',
      `/v2/${repository}/manifests/${tag}`,
      `repository:${repository}:pull,push`,
      { 'content-type': m.mediaType },
      m.body
    )
    if (res.status === 401 || res.status === 403)
      throw new PyshipError('E_REGISTRY_DENIED', `${this.host} refused tagging ${repository}:${tag} (${res.status})`)
    if (res.status !== 201 && res.status !== 200)
      throw new PyshipError('E_REGISTRY_DENIED', `${this.host} answered ${res.status} tagging ${repository}:${tag}`)
  }

  /** Whether `repository` holds the blob `digest`. */
  async hasBlob(repository: string, digest: string): Promise<boolean> {
    const res = await this.call('HEAD', `/v2/${repository}/blobs/${digest}`, `repository:${repository}:pull`)
    if (res.status === 401 || res.status === 403)
      throw new PyshipError('E_REGISTRY_DENIED', `${this.host} refused reading ${repository}@${digest} (${res.status})`)
    return res.status === 200
  }

  /**
   * Upload one blob (OCI distribution: `POST …/blobs/uploads/`, then `PUT <location>?digest=`,
   * monolithic, with its Content-Length). A blob read from disk is streamed, never held in
   * memory whole. A blob already there is not sent again; after a failed PUT the registry is
   * asked what it holds before the upload is started once more (never a blind repeat).
   */
  async pushBlob(repository: string, digest: string, data: BlobData): Promise<void> {
    const scope = `repository:${repository}:pull,push`
    for (let attempt = 1; ; attempt++) {
      if (await this.hasBlob(repository, digest)) return
      const start = await this.call('POST', `/v2/${repository}/blobs/uploads/`, scope)
      if (start.status === 401 || start.status === 403)
        throw new PyshipError('E_REGISTRY_DENIED', `${this.host} refused a blob upload to ${repository} (${start.status})`)
      const location = start.headers.get('location')
      if (start.status !== 202 || !location)
        throw new PyshipError('E_REGISTRY_DENIED', `${this.host} answered ${start.status} starting a blob upload to ${repository}`)
      const url = new URL(location, this.base)
      url.searchParams.set('digest', digest)
      const body = data instanceof Uint8Array ? data : () => data.open()
      const size = data instanceof Uint8Array ? data.byteLength : data.size
      const put = await this.call(
        'PUT',
        url.toString().slice(this.base.length),
        scope,
        { 'content-type': 'application/octet-stream', 'content-length': String(size) },
        body
      )
      if (put.status === 201 || put.status === 204) return
      if (put.status === 401 || put.status === 403)
        throw new PyshipError('E_REGISTRY_DENIED', `${this.host} refused the upload of ${digest} to ${repository} (${put.status})`)
      if (attempt >= 2)
        throw new PyshipError('E_REGISTRY_DENIED', `${this.host} answered ${put.status} to the upload of ${digest} to ${repository}`)
    }
  }

  /** Store a manifest under `reference` (a digest: no tag is created); returns its digest. */
  async putManifest(repository: string, reference: string, mediaType: string, body: string): Promise<string> {
    const res = await this.call(
      'PUT',
      `/v2/${repository}/manifests/${reference}`,
      `repository:${repository}:pull,push`,
      { 'content-type': mediaType },
      body
    )
    if (res.status === 401 || res.status === 403)
      throw new PyshipError('E_REGISTRY_DENIED', `${this.host} refused storing a manifest in ${repository} (${res.status})`)
    if (res.status !== 201 && res.status !== 200)
      throw new PyshipError(
        'E_REGISTRY_DENIED',
        `${this.host} answered ${res.status} storing a manifest in ${repository}: ${res.text.slice(0, 200)}`
      )
    return res.headers.get('docker-content-digest') ?? sha256Digest(body)
  }

  /**
   * Push an image by digest only: its config and layers as blobs, then an OCI image
   * manifest stored under its own digest — no tag. Repeating it is harmless. Layers on
   * disk are read twice as streams, one at a time: once for their digest, once to upload.
   */
  async pushImage(
    repository: string,
    image: { config: Uint8Array; layers: BlobData[] },
    annotations: Record<string, string> = {}
  ): Promise<string> {
    const config = {
      mediaType: 'application/vnd.oci.image.config.v1+json',
      digest: sha256Digest(image.config),
      size: image.config.byteLength
    }
    await this.pushBlob(repository, config.digest, image.config)
    const layers: { mediaType: string; digest: string; size: number }[] = []
    for (const data of image.layers) {
      const layer =
        data instanceof Uint8Array
          ? { digest: sha256Digest(data), size: data.byteLength }
          : { digest: await streamDigest(data), size: data.size }
      await this.pushBlob(repository, layer.digest, data)
      layers.push({ mediaType: 'application/vnd.oci.image.layer.v1.tar', ...layer })
    }
    const body = JSON.stringify({ schemaVersion: 2, mediaType: OCI_MANIFEST, config, layers, ...withAnnotations(annotations) })
    return this.putManifest(repository, sha256Digest(body), OCI_MANIFEST, body)
  }

  /** What an image manifest (by digest) holds: descriptor, platform and labels; null when absent or not an image. */
  async imageFacts(repository: string, digest: string): Promise<ImageFacts | null> {
    const m = await this.manifest(repository, digest)
    if (!m) return null
    const doc = m.json(MANIFEST)
    if (!doc.config) return null
    const res = await this.call('GET', `/v2/${repository}/blobs/${doc.config.digest}`, `repository:${repository}:pull`)
    if (res.status !== 200) return null
    const config = res.json(CONFIG)
    const platform = {
      os: config.os ?? 'unknown',
      architecture: config.architecture ?? 'unknown',
      ...(config.variant ? { variant: config.variant } : {})
    }
    return {
      mediaType: m.mediaType.split(';')[0].trim(),
      digest,
      size: Buffer.byteLength(m.body),
      platform,
      labels: config.config?.Labels ?? {}
    }
  }

  /**
   * Join per-platform images (pushed by digest) into one OCI image index, stored by its
   * digest (tags come after, on the index alone). The same images give the same index.
   */
  async putIndex(repository: string, digests: string[], annotations: Record<string, string> = {}): Promise<string> {
    const manifests: { mediaType: string; digest: string; size: number; platform: ImageFacts['platform'] }[] = []
    for (const digest of digests) {
      const facts = await this.imageFacts(repository, digest)
      if (!facts) throw new PyshipError('E_VERIFY', `${repository}@${digest} is not an image in ${this.host}`)
      manifests.push({ mediaType: facts.mediaType, digest, size: facts.size, platform: facts.platform })
    }
    manifests.sort((a, b) => byText(platformName(a.platform), platformName(b.platform)))
    const body = JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests, ...withAnnotations(annotations) })
    return this.putManifest(repository, sha256Digest(body), OCI_INDEX, body)
  }

  /**
   * The referrers of `digest` of one artifact type (OCI distribution 1.1): the referrers API
   * (`GET …/referrers/<digest>?artifactType=`), else — a registry without it answers 404 —
   * the referrers tag schema's index (`sha256-<hex>`). `api`: which of them answered.
   */
  async referrers(repository: string, digest: string, artifactType: string): Promise<{ api: boolean; referrers: Descriptor[] }> {
    const scope = `repository:${repository}:pull`
    const res = await this.call(
      'GET',
      `/v2/${repository}/referrers/${digest}?artifactType=${encodeURIComponent(artifactType)}`,
      scope,
      { accept: OCI_INDEX },
      undefined,
      { json: true }
    )
    if (res.status === 401 || res.status === 403)
      throw new PyshipError('E_REGISTRY_DENIED', `${this.host} refused listing the referrers of ${repository}@${digest} (${res.status})`)
    if (res.status === 200) {
      const all = res.json(REFERRERS).manifests ?? []
      return { api: true, referrers: all.filter((d) => d.artifactType === artifactType) }
    }
    const fallback = await this.manifest(repository, referrersTag(digest))
    const all = fallback ? (fallback.json(REFERRERS).manifests ?? []) : []
    return { api: false, referrers: all.filter((d) => d.artifactType === artifactType) }
  }

  /**
   * Store `data` as an OCI artifact referring to the manifest `subject` (an OCI image
   * manifest with `artifactType`, the empty config, `data` as its one layer, and `subject`),
   * by digest. A registry that does not process `subject` (no `OCI-Subject` answer) gets
   * the referrers tag schema: the artifact is added to the index tagged `sha256-<hex>`.
   * Returns the artifact's digest; storing the same bytes again changes nothing.
   */
  async pushReferrer(
    repository: string,
    subject: Descriptor,
    artifact: { artifactType: string; mediaType: string; data: Uint8Array; annotations?: Record<string, string> }
  ): Promise<string> {
    await this.pushBlob(repository, EMPTY_CONFIG.digest, Buffer.from('{}'))
    const layer = { mediaType: artifact.mediaType, digest: sha256Digest(artifact.data), size: artifact.data.byteLength }
    await this.pushBlob(repository, layer.digest, artifact.data)
    const body = JSON.stringify({
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      artifactType: artifact.artifactType,
      config: EMPTY_CONFIG,
      layers: [layer],
      subject: { mediaType: subject.mediaType, digest: subject.digest, size: subject.size },
      ...withAnnotations(artifact.annotations ?? {})
    })
    const digest = sha256Digest(body)
    const res = await this.call(
      'PUT',
      `/v2/${repository}/manifests/${digest}`,
      `repository:${repository}:pull,push`,
      { 'content-type': OCI_MANIFEST },
      body
    )
    if (res.status === 401 || res.status === 403)
      throw new PyshipError(
        'E_REGISTRY_DENIED',
        `${this.host} refused storing a referrer of ${repository}@${subject.digest} (${res.status})`
      )
    if (res.status !== 201 && res.status !== 200)
      throw new PyshipError(
        'E_REGISTRY_DENIED',
        `${this.host} answered ${res.status} storing a referrer of ${repository}@${subject.digest}: ${res.text.slice(0, 200)}`
      )
    // the registry indexes the referrer itself (OCI distribution 1.1)
    if (res.headers.get('oci-subject') === subject.digest) return digest
    const tag = referrersTag(subject.digest)
    const existing = await this.manifest(repository, tag)
    const manifests = existing ? (existing.json(REFERRERS).manifests ?? []) : []
    if (manifests.some((d) => d.digest === digest)) return digest
    const entry: Descriptor = {
      mediaType: OCI_MANIFEST,
      digest,
      size: Buffer.byteLength(body),
      artifactType: artifact.artifactType,
      ...withAnnotations(artifact.annotations ?? {})
    }
    const index = JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests: [...manifests, entry] })
    await this.putManifest(repository, tag, OCI_INDEX, index)
    return digest
  }

  /** The bytes of a blob, or null when the repository does not hold it. */
  async blob(repository: string, digest: string): Promise<Buffer | null> {
    const res = await this.call('GET', `/v2/${repository}/blobs/${digest}`, `repository:${repository}:pull`)
    if (res.status === 404) return null
    if (res.status !== 200) throw new PyshipError('E_REGISTRY_DENIED', `${this.host} answered ${res.status} for ${repository}@${digest}`)
    const data = Buffer.from(res.text, 'utf8')
    if (sha256Digest(data) !== digest) throw new PyshipError('E_VERIFY', `${this.host} served other bytes for ${repository}@${digest}`)
    return data
  }
}

/** An OCI content descriptor. */
export interface Descriptor {
  mediaType: string
  digest: string
  size: number
  artifactType?: string
  annotations?: Record<string, string>
}

const REFERRERS = shape<{ manifests?: Descriptor[] }>(
  'an image index',
  (v) =>
    isObject(v) &&
    (v.manifests === undefined ||
      (Array.isArray(v.manifests) &&
        v.manifests.every((d) => isObject(d) && typeof d.digest === 'string' && typeof d.mediaType === 'string')))
)

/** OCI's empty descriptor: the config of an artifact that has none (`{}`). */
export const EMPTY_CONFIG = {
  mediaType: 'application/vnd.oci.empty.v1+json',
  digest: 'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a',
  size: 2
}

/** The referrers tag schema's tag of a digest: `sha256:<hex>` → `sha256-<hex>`. */
export const referrersTag = (digest: string): string => digest.replace(':', '-')

/** An `annotations` member only when there are some (an empty map would change the digest for nothing). */
const withAnnotations = (annotations: Record<string, string>): { annotations?: Record<string, string> } =>
  Object.keys(annotations).length ? { annotations } : {}

export const OCI_INDEX = 'application/vnd.oci.image.index.v1+json'
export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json'

export interface ImageFacts {
  mediaType: string
  digest: string
  size: number
  platform: { os: string; architecture: string; variant?: string }
  labels: Record<string, string>
}

/** `os/arch[/variant]`. */
export const platformName = (p: ImageFacts['platform']): string => [p.os, p.architecture, p.variant].filter(Boolean).join('/')

/** A blob on disk (a layer in a `docker save` tar): its size, and a fresh stream of it per call. */
export interface BlobSource {
  size: number
  open(): NodeJS.ReadableStream
}

/** A blob in memory (a config, a manifest) or on disk. */
export type BlobData = Uint8Array | BlobSource

/** The sha256 digest of a blob on disk, read as a stream (a cancellation stops it between chunks). */
export async function streamDigest(source: BlobSource): Promise<string> {
  const hash = createHash('sha256')
  let size = 0
  for await (const chunk of source.open()) {
    throwIfCancelled()
    hash.update(chunk as Buffer)
    size += (chunk as Buffer).length
  }
  if (size !== source.size)
    throw new PyshipError(
      'E_DOCKER_BUILD',
      `a layer of ${source.size} bytes read as ${size} bytes: the saved image changed while it was pushed`
    )
  return `sha256:${hash.digest('hex')}`
}

export function sha256Digest(data: string | Uint8Array): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`
}
