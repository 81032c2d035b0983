/**
 * A small in-process stand-in for a registry with ghcr.io-style TOKEN auth (the distribution
 * token-auth protocol), for testing pyship's own registry client — not docker, which pushes to
 * the real registry of `__fixtures__/registry.ts`.
 *
 *   const reg = await startTokenRegistry({ public: ['acme/dakora/server'] })
 *   const digest = reg.seed('acme/dakora/server', '1.0.0', null, { config: { Labels: { … } } })
 *   // pyship inputs: registry = reg.host, registry-username/-password = reg.username/.password
 *   expect(reg.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([…])
 *   await reg.close()
 *
 * Protocol (docs.docker.com/registry/spec/auth/token, and how ghcr.io answers):
 * - Any `/v2/…` request without a valid `Authorization: Bearer <token>` is 401 with
 *   `WWW-Authenticate: Bearer realm="<url>/token",service="<service>"` and, on repository
 *   endpoints, `,scope="repository:<name>:pull"` (`pull,push` for a PUT). Basic auth on
 *   `/v2/…` is not accepted (as on ghcr.io): only the token endpoint takes credentials.
 * - `GET /token?scope=repository:<name>:<actions>&service=<service>` (scope may repeat;
 *   `service`, when given, must be this one) → `{"token","access_token","expires_in","issued_at"}`.
 *   With Basic `username:password` (both must match) every requested action is granted;
 *   a wrong username or password is 401 `UNAUTHORIZED`. Anonymous requests get `pull` on
 *   `public` repositories and nothing else (still a 200 with a token, as ghcr.io does).
 * - A valid token without the needed action: pull (HEAD/GET) is 401 with the challenge
 *   plus `error="insufficient_scope"` (body `UNAUTHORIZED`); push (PUT) is 403 `DENIED`
 *   `permission_denied: write_package` — ghcr.io's answer when the workflow lacks
 *   `packages: write` or access to the package.
 * - `HEAD/GET /v2/<name>/manifests/<tag|digest>`: the manifest as stored, with
 *   `Content-Type` (its media type) and `Docker-Content-Digest`; absent → 404
 *   `MANIFEST_UNKNOWN`. `GET /v2/<name>/blobs/<digest>`: seeded configs (404 `BLOB_UNKNOWN`).
 *   `GET /v2/<name>/tags/list[?n=&last=]`: `{"name","tags"}` sorted, with a
 *   `Link: <…?n=N&last=T>; rel="next"` header while more remain (`tagsPageSize` caps every
 *   page, with or without `n`); unknown repository → 404 `NAME_UNKNOWN`.
 * - `PUT /v2/<name>/manifests/<tag|digest>`: needs push; Content-Type must be a manifest
 *   media type matching the body's `mediaType` (400 `MANIFEST_INVALID`); every config/layer
 *   blob (or, for an index, every child manifest) must already be in that repository (400
 *   `MANIFEST_BLOB_UNKNOWN`); a digest reference must match the body (400 `DIGEST_INVALID`).
 *   201 with `Location` and `Docker-Content-Digest`. This is how tags are added or moved
 *   (`1.4`, `latest`, `1.4.2-broken`) without docker.
 * - Repository names must be lower case (400 `NAME_INVALID`), as on ghcr.io.
 * - `POST /v2/<name>/blobs/uploads/` (what `docker push` does first): needs push; 202 with
 *   `Location: /v2/<name>/blobs/uploads/<uuid>`; `DELETE` of that location cancels it (204).
 *   `options.readOnly` names repositories whose tokens never carry push.
 * - Not modelled: blob data (PATCH/PUT of uploads), DELETE of manifests (ghcr.io has no registry delete API),
 *   token expiry, referrers, catalog.
 *
 * `requests` records every request (method, path with query, status, which credential it
 * carried, the repository, and for `/token` the actions granted); it never holds a secret.
 */
import crypto from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'

export const MANIFEST_MEDIA_TYPES = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.docker.distribution.manifest.v2+json'
] as const
const INDEX_TYPES = new Set<string>([MANIFEST_MEDIA_TYPES[0], MANIFEST_MEDIA_TYPES[2]])

export interface TokenRegistryOptions {
  /** Default `pyship-bot`. */
  username?: string
  /** Default: a random `ghp_…` string. */
  password?: string
  /** Repositories anonymous clients may pull (`acme/dakora/server`). */
  public?: string[]
  /** The `service` of the challenge and the token endpoint. Default `ghcr.io-standin`. */
  service?: string
  /** When set, `tags/list` answers at most this many tags per page, whatever `n` asks (with `Link`). */
  tagsPageSize?: number
  /**
   * Repositories the credentialed user may only pull: the token service leaves `push` out of
   * the token (as ghcr.io does for a workflow without `packages: write`), so a push is 403.
   */
  readOnly?: string[]
}

export interface TokenRegistryRequest {
  method: string
  /** Path and query as sent. */
  path: string
  status: number
  /** The credential the request carried: none, Basic (token endpoint), Bearer, or one that was refused. */
  auth: 'none' | 'basic' | 'bearer' | 'bad'
  /** The repository a `/v2/<name>/…` request addressed. */
  repository?: string
  /** `/token`: the scopes granted (`repository:acme/x:pull,push`). */
  granted?: string[]
}

export interface TokenRegistryStandIn {
  /** `http://127.0.0.1:PORT`. */
  url: string
  /** `127.0.0.1:PORT`. */
  host: string
  username: string
  password: string
  service: string
  /** `<url>/token`. */
  realm: string
  requests: TokenRegistryRequest[]
  /** Blob uploads started and not cancelled. */
  readonly openUploads: number
  /**
   * Store `config` (when given) as a blob of `name` and the manifest under `tag`; returns its
   * digest. `manifest` null/undefined → an OCI image manifest referencing that config (no
   * layers). A manifest given as a string is stored byte for byte; an object as its JSON.
   * Nothing is validated, so tests can seed indexes and odd content.
   */
  seed(name: string, tag: string, manifest?: object | string | null, config?: object | string | null): string
  /** Tags of `name`, sorted (empty when unknown). */
  tags(name: string): string[]
  /** The digest `name:tag` points at, or null. */
  digest(name: string, tag: string): string | null
  close(): Promise<void>
}

interface StoredManifest {
  mediaType: string
  body: Buffer
}
interface Repository {
  manifests: Map<string, StoredManifest>
  tags: Map<string, string>
  blobs: Map<string, Buffer>
}
interface Grant {
  subject: string | null
  access: Map<string, Set<string>>
}

const NAME_COMPONENT = '[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*'
const NAME_RE = new RegExp(`^${NAME_COMPONENT}(?:/${NAME_COMPONENT})*$`)
const TAG_RE = /^[\w][\w.-]{0,127}$/
const DIGEST_RE = /^sha256:[a-f0-9]{64}$/

function sha256(data: Buffer | string): string {
  return 'sha256:' + crypto.createHash('sha256').update(data).digest('hex')
}

/** Start the token-auth registry stand-in on a free 127.0.0.1 port. */
export async function startTokenRegistry(options: TokenRegistryOptions = {}): Promise<TokenRegistryStandIn> {
  const username = options.username ?? 'pyship-bot'
  const password = options.password ?? 'ghp_' + crypto.randomBytes(18).toString('hex')
  const service = options.service ?? 'ghcr.io-standin'
  const publicRepos = new Set(options.public ?? [])
  const readOnly = new Set(options.readOnly ?? [])
  const uploads = new Set<string>()
  const repositories = new Map<string, Repository>()
  const tokens = new Map<string, Grant>()
  const requests: TokenRegistryRequest[] = []
  // Known once the server listens (before any request can arrive).
  let realm = ''

  function repo(name: string, create: boolean): Repository | undefined {
    let r = repositories.get(name)
    if (!r && create) {
      r = { manifests: new Map(), tags: new Map(), blobs: new Map() }
      repositories.set(name, r)
    }
    return r
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const record: TokenRegistryRequest = { method: req.method ?? 'GET', path: req.url ?? '/', status: 0, auth: 'none' }
      requests.push(record)
      try {
        handle(req, res, Buffer.concat(chunks), record)
      } catch (e) {
        send(res, record, 500, { errors: [{ code: 'UNKNOWN', message: e instanceof Error ? e.message : String(e) }] })
      }
    })
  })

  function send(
    res: http.ServerResponse,
    record: TokenRegistryRequest,
    status: number,
    body?: object | Buffer,
    headers: Record<string, string> = {}
  ): void {
    record.status = status
    const payload = body === undefined ? Buffer.alloc(0) : Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body))
    const h: Record<string, string> = {
      'docker-distribution-api-version': 'registry/2.0',
      'content-length': String(payload.length),
      ...headers
    }
    if (!h['content-type'] && body !== undefined) h['content-type'] = 'application/json'
    res.writeHead(status, h)
    res.end(record.method === 'HEAD' ? undefined : payload)
  }
  function errors(code: string, message: string, detail?: unknown): object {
    return { errors: [{ code, message, ...(detail === undefined ? {} : { detail }) }] }
  }
  function challenge(scope?: string, error?: string): string {
    let value = `Bearer realm="${realm}",service="${service}"`
    if (scope) value += `,scope="${scope}"`
    if (error) value += `,error="${error}"`
    return value
  }

  function bearer(req: http.IncomingMessage, record: TokenRegistryRequest): Grant | null {
    const header = req.headers.authorization
    if (!header) return null
    const m = /^Bearer\s+(\S+)$/i.exec(header)
    const grant = m ? tokens.get(m[1]) : undefined
    record.auth = grant ? 'bearer' : 'bad'
    return grant ?? null
  }

  function handleToken(req: http.IncomingMessage, res: http.ServerResponse, query: URLSearchParams, record: TokenRegistryRequest): void {
    if (record.method !== 'GET') return send(res, record, 405, errors('UNSUPPORTED', 'the token endpoint takes GET'))
    let subject: string | null = null
    const header = req.headers.authorization
    if (header) {
      const m = /^Basic\s+(\S+)$/i.exec(header)
      const decoded = m ? Buffer.from(m[1], 'base64').toString('utf8') : ''
      const colon = decoded.indexOf(':')
      if (!m || colon < 0 || decoded.slice(0, colon) !== username || decoded.slice(colon + 1) !== password) {
        record.auth = 'bad'
        return send(res, record, 401, errors('UNAUTHORIZED', 'authentication required'), { 'www-authenticate': `Basic realm="${service}"` })
      }
      record.auth = 'basic'
      subject = username
    }
    const asked = query.get('service')
    if (asked !== null && asked !== service) {
      return send(res, record, 400, errors('UNSUPPORTED', `unknown service ${JSON.stringify(asked)}, this is ${JSON.stringify(service)}`))
    }
    const access = new Map<string, Set<string>>()
    for (const scope of query.getAll('scope').flatMap((s) => s.split(' '))) {
      const m = /^repository:([^:]+):([a-z*,]+)$/.exec(scope)
      if (!m) continue
      const [, name, actions] = m
      const wanted = new Set(actions.split(',').flatMap((a) => (a === '*' ? ['pull', 'push', 'delete'] : [a])))
      const granted = new Set<string>()
      for (const action of wanted) {
        if (subject !== null ? action === 'pull' || !readOnly.has(name) : action === 'pull' && publicRepos.has(name)) granted.add(action)
      }
      const held = access.get(name) ?? new Set<string>()
      for (const a of granted) held.add(a)
      access.set(name, held)
    }
    const token = crypto.randomBytes(24).toString('base64url')
    tokens.set(token, { subject, access })
    record.granted = [...access].filter(([, a]) => a.size > 0).map(([n, a]) => `repository:${n}:${[...a].sort().join(',')}`)
    send(res, record, 200, { token, access_token: token, expires_in: 300, issued_at: new Date().toISOString() })
  }

  /** Start (POST) or cancel (DELETE) a blob upload: the first step of a push, so it needs push. */
  function handleUpload(req: http.IncomingMessage, res: http.ServerResponse, name: string, id: string, record: TokenRegistryRequest): void {
    record.repository = name
    const method = record.method
    if (!NAME_RE.test(name))
      return send(res, record, 400, errors('NAME_INVALID', `invalid repository name ${JSON.stringify(name)} (must be lower case)`))
    if (!((method === 'POST' && id === '') || (method === 'DELETE' && id !== ''))) {
      return send(res, record, 405, errors('UNSUPPORTED', `${method} of a blob upload is not modelled`))
    }
    const scope = `repository:${name}:pull,push`
    const grant = bearer(req, record)
    if (!grant) return send(res, record, 401, errors('UNAUTHORIZED', 'authentication required'), { 'www-authenticate': challenge(scope) })
    if (!grant.access.get(name)?.has('push')) return send(res, record, 403, errors('DENIED', 'permission_denied: write_package'))
    if (method === 'DELETE') {
      if (!uploads.delete(id)) return send(res, record, 404, errors('BLOB_UPLOAD_UNKNOWN', 'blob upload unknown to registry'))
      return send(res, record, 204)
    }
    const uuid = crypto.randomUUID()
    uploads.add(uuid)
    send(res, record, 202, undefined, { location: `/v2/${name}/blobs/uploads/${uuid}`, 'docker-upload-uuid': uuid, range: '0-0' })
  }

  function handle(req: http.IncomingMessage, res: http.ServerResponse, body: Buffer, record: TokenRegistryRequest): void {
    const u = new URL(req.url ?? '/', 'http://stand-in')
    const method = record.method
    if (u.pathname === '/token') return handleToken(req, res, u.searchParams, record)
    if (u.pathname === '/v2/' || u.pathname === '/v2') {
      if (!bearer(req, record))
        return send(res, record, 401, errors('UNAUTHORIZED', 'authentication required'), { 'www-authenticate': challenge() })
      return send(res, record, 200, {})
    }
    const upload = /^\/v2\/(.+)\/blobs\/uploads\/([^/]*)$/.exec(u.pathname)
    if (upload) return handleUpload(req, res, upload[1], upload[2], record)
    const m = /^\/v2\/(.+)\/(manifests|blobs|tags)\/([^/]+)$/.exec(u.pathname)
    if (!m) return send(res, record, 404, errors('UNSUPPORTED', `${method} ${u.pathname} is not modelled by the stand-in`))
    const [, name, kind, ref] = m
    record.repository = name
    if (!NAME_RE.test(name))
      return send(res, record, 400, errors('NAME_INVALID', `invalid repository name ${JSON.stringify(name)} (must be lower case)`))
    if (kind === 'tags' && ref !== 'list') return send(res, record, 404, errors('UNSUPPORTED', `${u.pathname} is not modelled`))
    const write = method === 'PUT'
    if (!['GET', 'HEAD', 'PUT'].includes(method) || (write && kind !== 'manifests')) {
      return send(res, record, 405, errors('UNSUPPORTED', `${method} ${kind} is not supported`))
    }
    const scope = `repository:${name}:${write ? 'pull,push' : 'pull'}`
    const grant = bearer(req, record)
    if (!grant) return send(res, record, 401, errors('UNAUTHORIZED', 'authentication required'), { 'www-authenticate': challenge(scope) })
    const held = grant.access.get(name) ?? new Set<string>()
    if (write && !held.has('push')) {
      return send(res, record, 403, errors('DENIED', 'permission_denied: write_package'))
    }
    if (!write && !held.has('pull')) {
      return send(res, record, 401, errors('UNAUTHORIZED', 'authentication required'), {
        'www-authenticate': challenge(scope, 'insufficient_scope')
      })
    }

    if (kind === 'tags') {
      const r = repo(name, false)
      if (!r || r.tags.size === 0) return send(res, record, 404, errors('NAME_UNKNOWN', `repository name not known to registry: ${name}`))
      const all = [...r.tags.keys()].sort()
      const last = u.searchParams.get('last')
      const nParam = u.searchParams.get('n')
      // like distribution, a page is never longer than the registry's own limit, whatever `n` asks
      const asked = nParam !== null ? Number(nParam) : undefined
      const n =
        asked !== undefined && options.tagsPageSize !== undefined ? Math.min(asked, options.tagsPageSize) : (asked ?? options.tagsPageSize)
      let rest = last === null ? all : all.filter((t) => t > last)
      const headers: Record<string, string> = {}
      if (n !== undefined && Number.isInteger(n) && n >= 0 && rest.length > n) {
        rest = rest.slice(0, n)
        headers.link = `</v2/${name}/tags/list?n=${n}&last=${encodeURIComponent(rest[rest.length - 1] ?? '')}>; rel="next"`
      }
      return send(res, record, 200, { name, tags: rest }, headers)
    }

    if (kind === 'blobs') {
      const blob = DIGEST_RE.test(ref) ? repo(name, false)?.blobs.get(ref) : undefined
      if (!blob) return send(res, record, 404, errors('BLOB_UNKNOWN', `blob unknown to registry: ${ref}`))
      return send(res, record, 200, blob, { 'content-type': 'application/octet-stream', 'docker-content-digest': ref })
    }

    if (!write) {
      const r = repo(name, false)
      const digest = DIGEST_RE.test(ref) ? ref : r?.tags.get(ref)
      const stored = digest ? r?.manifests.get(digest) : undefined
      if (!digest || !stored) return send(res, record, 404, errors('MANIFEST_UNKNOWN', `manifest unknown: ${name}:${ref}`))
      return send(res, record, 200, stored.body, { 'content-type': stored.mediaType, 'docker-content-digest': digest })
    }

    // PUT a manifest
    const isDigest = DIGEST_RE.test(ref)
    if (!isDigest && !TAG_RE.test(ref)) return send(res, record, 400, errors('TAG_INVALID', `invalid tag ${JSON.stringify(ref)}`))
    const contentType = (req.headers['content-type'] ?? '').split(';')[0].trim()
    if (!(MANIFEST_MEDIA_TYPES as readonly string[]).includes(contentType)) {
      return send(res, record, 400, errors('MANIFEST_INVALID', `unsupported manifest media type ${JSON.stringify(contentType)}`))
    }
    let parsed: { mediaType?: string; config?: { digest?: string }; layers?: { digest?: string }[]; manifests?: { digest?: string }[] }
    try {
      parsed = JSON.parse(body.toString('utf8'))
    } catch {
      return send(res, record, 400, errors('MANIFEST_INVALID', 'manifest is not JSON'))
    }
    if (parsed.mediaType !== undefined && parsed.mediaType !== contentType) {
      return send(res, record, 400, errors('MANIFEST_INVALID', `mediaType ${parsed.mediaType} does not match Content-Type ${contentType}`))
    }
    const digest = sha256(body)
    if (isDigest && ref !== digest) return send(res, record, 400, errors('DIGEST_INVALID', `the body's digest is ${digest}, not ${ref}`))
    const r = repo(name, true) as Repository
    const missing = INDEX_TYPES.has(contentType)
      ? (parsed.manifests ?? []).map((d) => d.digest ?? '').filter((d) => !r.manifests.has(d))
      : [parsed.config?.digest ?? '', ...(parsed.layers ?? []).map((l) => l.digest ?? '')].filter((d) => !r.blobs.has(d))
    if (missing.length > 0) return send(res, record, 400, errors('MANIFEST_BLOB_UNKNOWN', 'blob unknown to registry', missing))
    r.manifests.set(digest, { mediaType: contentType, body })
    if (!isDigest) r.tags.set(ref, digest)
    send(res, record, 201, undefined, { location: `/v2/${name}/manifests/${digest}`, 'docker-content-digest': digest })
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  const host = `127.0.0.1:${port}`
  const url = `http://${host}`
  realm = `${url}/token`

  return {
    url,
    host,
    username,
    password,
    service,
    realm,
    requests,
    get openUploads() {
      return uploads.size
    },
    seed(name, tag, manifest, config) {
      const r = repo(name, true) as Repository
      let configDigest: string | undefined
      let configSize = 0
      if (config !== undefined && config !== null) {
        const blob = Buffer.from(typeof config === 'string' ? config : JSON.stringify(config))
        configDigest = sha256(blob)
        configSize = blob.length
        r.blobs.set(configDigest, blob)
      }
      let body: Buffer
      if (manifest === undefined || manifest === null) {
        if (!configDigest) {
          const blob = Buffer.from(
            JSON.stringify({ architecture: 'amd64', os: 'linux', config: {}, rootfs: { type: 'layers', diff_ids: [] } })
          )
          configDigest = sha256(blob)
          configSize = blob.length
          r.blobs.set(configDigest, blob)
        }
        body = Buffer.from(
          JSON.stringify({
            schemaVersion: 2,
            mediaType: MANIFEST_MEDIA_TYPES[1],
            config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: configDigest, size: configSize },
            layers: []
          })
        )
      } else {
        body = Buffer.from(typeof manifest === 'string' ? manifest : JSON.stringify(manifest))
      }
      const mediaType = (JSON.parse(body.toString('utf8')) as { mediaType?: string }).mediaType ?? MANIFEST_MEDIA_TYPES[1]
      const digest = sha256(body)
      r.manifests.set(digest, { mediaType, body })
      r.tags.set(tag, digest)
      return digest
    },
    tags(name) {
      return [...(repositories.get(name)?.tags.keys() ?? [])].sort()
    },
    digest(name, tag) {
      return repositories.get(name)?.tags.get(tag) ?? null
    },
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
    }
  }
}
