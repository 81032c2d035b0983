/**
 * A REAL container registry for e2e tests: Debian's `docker-registry` (CNCF distribution
 * 2.8, the same code as the `registry:2` image) on a free 127.0.0.1 port, with htpasswd
 * (Basic) auth, deletion enabled and its storage in a temp dir removed by `close()`.
 * One per test file:
 *
 *   const registry = await startRegistry()           // user "pyship", a random password
 *   // pyship inputs: registry = registry.host, registry-username/-password = registry.username/.password
 *   afterAll(() => registry.close())
 *   expect(await registry.tags('acme/dakora/server')).toEqual(['1.0', '1.0.0', 'latest'])
 *
 * The docker daemon treats registries on 127.0.0.0/8 as insecure, so `docker login` and
 * `docker push` use plain HTTP without any daemon configuration. Needs `docker-registry`
 * and `htpasswd` (Debian `docker-registry`, `apache2-utils`; `.ci/services/docker.sh`
 * installs them); guard suites with `describeWithTools(['docker'], …)`.
 *
 * Every spawn uses an argument array; the password reaches `htpasswd` on stdin, never argv.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

/** The registry binary of Debian's `docker-registry` package. */
export const REGISTRY_BINARY = '/usr/bin/docker-registry'

/** Manifest media types, and the Accept header that asks for any of them. */
export const MEDIA_TYPES = {
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json'
} as const
export const MANIFEST_ACCEPT = Object.values(MEDIA_TYPES).join(', ')

export interface RegistryStandIn {
  /** `127.0.0.1:PORT`: the registry part of an image reference, and `docker login`'s argument. */
  host: string
  username: string
  password: string
  /** `http://127.0.0.1:PORT`. */
  url: string
  /** Stops the registry (SIGTERM, then SIGKILL) and removes its storage. */
  close(): Promise<void>
  /** Tags of a repository (`acme/dakora/server`), sorted; `[]` when the repository is unknown. */
  tags(repository: string): Promise<string[]>
  /** The `Docker-Content-Digest` of `repository:tag` (any manifest or index type), or null when absent. */
  digest(repository: string, tag: string): Promise<string | null>
  /** The config labels of `repository:tag` (for an index: its linux/amd64 image, else the first). */
  labels(repository: string, tag: string): Promise<Record<string, string>>
  /** The whole image config of `repository:tag` (`created`, `config.Labels`, `rootfs`, …). */
  config(repository: string, tag: string): Promise<ImageConfig>
  /** The manifest of `repository:tag` as served: media type, digest and parsed JSON; null when absent. */
  manifest(repository: string, tag: string): Promise<{ mediaType: string; digest: string; json: Manifest } | null>
  /** What the registry printed (stdout and stderr, last 64 KiB), for failure messages. */
  log(): string
  /** Freeze the registry (SIGSTOP): connections stay open and nothing answers, e.g. to catch a push mid-way. */
  pause(): void
  /** Let a paused registry go on (SIGCONT). */
  resume(): void
  /** With `auth: 'token'`: every request the token service answered. */
  tokenRequests: TokenRequest[]
}

/** The parts of an image config the helpers read. */
export interface ImageConfig {
  created?: string
  architecture?: string
  os?: string
  config?: { Labels?: Record<string, string> | null; [key: string]: unknown }
  [key: string]: unknown
}

/** An image manifest or an index / manifest list. */
export interface Manifest {
  schemaVersion: number
  mediaType?: string
  config?: { mediaType: string; digest: string; size: number }
  layers?: { mediaType: string; digest: string; size: number }[]
  manifests?: { mediaType: string; digest: string; size: number; platform?: { os?: string; architecture?: string } }[]
  [key: string]: unknown
}

export interface StartRegistryOptions {
  /** Default `pyship`. */
  username?: string
  /** Default: random hex. */
  password?: string
  /**
   * `token`: the registry's own `auth: token` (realm, service, issuer, rootcertbundle), as
   * Docker Hub and ghcr.io answer — behind a small token service in this process that checks
   * Basic credentials and issues JWTs (ES256, `x5c`) signed with a test key and certificate
   * made by openssl. Anonymous clients get `pull` on `publicRepositories` only. Default `htpasswd`.
   */
  auth?: 'htpasswd' | 'token'
  publicRepositories?: string[]
}

/** A request the token service answered (no secrets: which user, what it granted). */
export interface TokenRequest {
  user: string | null
  status: number
  scopes: string[]
  granted: string[]
}

const LOG_LIMIT = 64 * 1024
const START_TIMEOUT_MS = 15_000

/** A port that was free a moment ago on 127.0.0.1. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}

/** One `user:bcrypt-hash` line, made by `htpasswd -B -i -n user` (password on stdin). */
function htpasswdLine(username: string, password: string): string {
  const r = spawnSync('htpasswd', ['-B', '-i', '-n', username], { input: password, encoding: 'utf8', timeout: 30_000 })
  if (r.error) throw new Error(`htpasswd could not run (apt-get install apache2-utils): ${r.error.message}`)
  if (r.status !== 0) throw new Error(`htpasswd -B -i -n ${username} failed: ${r.stderr.trim()}`)
  const line = r.stdout.trim()
  if (!line.startsWith(`${username}:$2`)) throw new Error(`htpasswd printed no bcrypt line: ${JSON.stringify(line)}`)
  return line
}

/** The `auth` section: htpasswd, or token auth against a token service. */
type AuthConfig =
  { htpasswd: { realm: string; path: string } } | { token: { realm: string; service: string; issuer: string; rootcertbundle: string } }

/** distribution's configuration (YAML is a superset of JSON, so JSON it is: no quoting traps). */
function registryConfig(root: string, port: number, auth: AuthConfig): string {
  return JSON.stringify(
    {
      version: 0.1,
      log: { level: 'warn', formatter: 'text', accesslog: { disabled: true } },
      storage: {
        filesystem: { rootdirectory: path.join(root, 'storage') },
        delete: { enabled: true },
        maintenance: { uploadpurging: { enabled: false } }
      },
      http: { addr: `127.0.0.1:${port}`, secret: crypto.randomBytes(16).toString('hex') },
      auth
    },
    null,
    2
  )
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/** Starts one registry process; rejects (with its log) when it exits or never answers 401 on `/v2/`. */
async function launch(root: string, configFile: string, url: string): Promise<{ child: ChildProcess; log: () => string }> {
  let output = ''
  const child = spawn(REGISTRY_BINARY, ['serve', configFile], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] })
  const append = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-LOG_LIMIT)
  }
  child.stdout?.on('data', append)
  child.stderr?.on('data', append)
  let exited: string | null = null
  child.on('error', (e) => (exited = `could not start ${REGISTRY_BINARY}: ${e.message}`))
  child.on('exit', (code, signal) => (exited ??= `${REGISTRY_BINARY} exited (${signal ?? code})`))
  const deadline = Date.now() + START_TIMEOUT_MS
  for (;;) {
    if (exited !== null) throw new Error(`${exited}\n${output}`)
    try {
      const res = await fetch(`${url}/v2/`, { signal: AbortSignal.timeout(2_000) })
      await res.arrayBuffer()
      if (res.status === 401) return { child, log: () => output }
      child.kill('SIGKILL')
      throw new Error(`${url}/v2/ answered ${res.status}, expected 401 (auth required)\n${output}`)
    } catch (e) {
      if (e instanceof Error && e.message.includes('expected 401')) throw e
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`${REGISTRY_BINARY} did not answer ${url}/v2/ within ${START_TIMEOUT_MS} ms\n${output}`)
    }
    await sleep(50)
  }
}

/** Start a real registry on 127.0.0.1 (see the file comment). */
export async function startRegistry(options: StartRegistryOptions = {}): Promise<RegistryStandIn> {
  const username = options.username ?? 'pyship'
  const password = options.password ?? crypto.randomBytes(12).toString('hex')
  if (!fs.existsSync(REGISTRY_BINARY)) {
    throw new Error(`${REGISTRY_BINARY} is missing (apt-get install docker-registry, or bash .ci/services/docker.sh)`)
  }
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pyship-registry-')))
  const htpasswdFile = path.join(root, 'htpasswd')
  let tokens: TokenService | null = null
  let auth: AuthConfig = { htpasswd: { realm: 'pyship-test-registry', path: htpasswdFile } }
  if (options.auth === 'token') {
    tokens = await startTokenService(root, username, password, options.publicRepositories ?? [])
    auth = { token: { realm: tokens.realm, service: TOKEN_SERVICE, issuer: TOKEN_ISSUER, rootcertbundle: tokens.certFile } }
  } else fs.writeFileSync(htpasswdFile, htpasswdLine(username, password) + '\n', { mode: 0o600 })

  // A free port can be taken between probing and binding: try a few.
  let started: { child: ChildProcess; log: () => string } | undefined
  let url = ''
  let host = ''
  let lastError: unknown
  for (let attempt = 0; attempt < 3 && !started; attempt++) {
    const port = await freePort()
    host = `127.0.0.1:${port}`
    url = `http://${host}`
    const configFile = path.join(root, 'config.yml')
    fs.writeFileSync(configFile, registryConfig(root, port, auth))
    try {
      started = await launch(root, configFile, url)
    } catch (e) {
      lastError = e
    }
  }
  if (!started) {
    await tokens?.close()
    fs.rmSync(root, { recursive: true, force: true })
    throw lastError instanceof Error ? lastError : new Error(String(lastError))
  }
  const { child, log } = started
  const basic = 'Basic ' + Buffer.from(`${username}:${password}`).toString('base64')

  async function get(pathname: string, method: 'GET' | 'HEAD', accept?: string): Promise<Response> {
    // token auth: the test reads with a token of its own for that repository
    const repository = /^\/v2\/(.+?)\/(?:manifests|blobs|tags)\//.exec(pathname)?.[1] ?? ''
    const authorization = tokens ? `Bearer ${tokens.mint(username, [{ type: 'repository', name: repository, actions: ['pull'] }])}` : basic
    const headers: Record<string, string> = { authorization }
    if (accept) headers.accept = accept
    return fetch(`${url}${pathname}`, { method, headers, signal: AbortSignal.timeout(10_000) })
  }
  async function fail(res: Response, what: string): Promise<never> {
    const body = res.bodyUsed ? '' : await res.text().catch(() => '')
    throw new Error(`registry ${what}: HTTP ${res.status} ${body}`.trim())
  }

  async function manifest(repository: string, reference: string): Promise<{ mediaType: string; digest: string; json: Manifest } | null> {
    const res = await get(`/v2/${repository}/manifests/${reference}`, 'GET', MANIFEST_ACCEPT)
    if (res.status === 404) {
      await res.arrayBuffer()
      return null
    }
    if (!res.ok) return fail(res, `GET manifest ${repository}:${reference}`)
    const text = await res.text()
    const json = JSON.parse(text) as Manifest
    const digest = res.headers.get('docker-content-digest') ?? 'sha256:' + crypto.createHash('sha256').update(text).digest('hex')
    return {
      mediaType: res.headers.get('content-type') ?? json.mediaType ?? '',
      digest,
      json
    }
  }

  async function config(repository: string, tag: string): Promise<ImageConfig> {
    let m = await manifest(repository, tag)
    if (!m) throw new Error(`registry: ${repository}:${tag} does not exist`)
    if (m.json.manifests) {
      const images = m.json.manifests.filter((d) => d.platform?.os !== 'unknown') // skip attestation manifests
      const chosen = images.find((d) => d.platform?.os === 'linux' && d.platform.architecture === 'amd64') ?? images[0]
      if (!chosen) throw new Error(`registry: the index ${repository}:${tag} lists no image`)
      m = await manifest(repository, chosen.digest)
      if (!m) throw new Error(`registry: ${repository}@${chosen.digest} (in the index ${tag}) does not exist`)
    }
    if (!m.json.config) throw new Error(`registry: ${repository}:${tag} (${m.mediaType}) has no config`)
    const res = await get(`/v2/${repository}/blobs/${m.json.config.digest}`, 'GET')
    if (!res.ok) return fail(res, `GET config blob ${m.json.config.digest} of ${repository}:${tag}`)
    return (await res.json()) as ImageConfig
  }

  let closing: Promise<void> | undefined
  return {
    tokenRequests: tokens?.requests ?? [],
    pause: () => void child.kill('SIGSTOP'),
    resume: () => void child.kill('SIGCONT'),
    host,
    url,
    username,
    password,
    log,
    manifest,
    config,
    async tags(repository) {
      const res = await get(`/v2/${repository}/tags/list`, 'GET')
      if (res.status === 404) {
        await res.arrayBuffer()
        return []
      }
      if (!res.ok) return fail(res, `GET tags of ${repository}`)
      const body = (await res.json()) as { tags?: string[] | null }
      return [...(body.tags ?? [])].sort()
    },
    async digest(repository, tag) {
      const res = await get(`/v2/${repository}/manifests/${tag}`, 'HEAD', MANIFEST_ACCEPT)
      if (res.status === 404) return null
      if (!res.ok) return fail(res, `HEAD manifest ${repository}:${tag}`)
      const digest = res.headers.get('docker-content-digest')
      if (!digest) throw new Error(`registry: HEAD ${repository}:${tag} answered without Docker-Content-Digest`)
      return digest
    },
    async labels(repository, tag) {
      return (await config(repository, tag)).config?.Labels ?? {}
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        const done = (): void => {
          clearTimeout(killer)
          fs.rmSync(root, { recursive: true, force: true })
          void (tokens?.close() ?? Promise.resolve()).then(() => resolve())
        }
        const killer = setTimeout(() => child.kill('SIGKILL'), 5_000)
        if (child.exitCode !== null || child.signalCode !== null) return done()
        child.once('exit', done)
        child.kill('SIGTERM')
      })
      return closing
    }
  }
}

export const TOKEN_SERVICE = 'pyship-test-registry'
export const TOKEN_ISSUER = 'pyship-test-token-service'

interface Access {
  type: string
  name: string
  actions: string[]
}

interface TokenService {
  realm: string
  certFile: string
  requests: TokenRequest[]
  mint(user: string, access: Access[]): string
  close(): Promise<void>
}

const b64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url')

/**
 * The token service of a token-auth registry (distribution's "Token Authentication
 * Specification"): `GET /token?service=…&scope=repository:<name>:<actions>` (scope may
 * repeat, or be absent for `docker login`), Basic credentials checked, a JWT answered as
 * `{token, access_token, expires_in, issued_at}`. Wrong credentials: 401. The JWT is ES256
 * with the signing certificate in `x5c`, which the registry checks against its rootcertbundle.
 */
async function startTokenService(root: string, username: string, password: string, publicRepos: string[]): Promise<TokenService> {
  const keyFile = path.join(root, 'token.key')
  const certFile = path.join(root, 'token.crt')
  const r = spawnSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=pyship-test-token-service',
      '-keyout',
      keyFile,
      '-out',
      certFile
    ],
    { encoding: 'utf8', timeout: 30_000 }
  )
  if (r.status !== 0) throw new Error(`openssl could not make the token signing certificate: ${r.stderr}`)
  const key = crypto.createPrivateKey(fs.readFileSync(keyFile))
  const der = new crypto.X509Certificate(fs.readFileSync(certFile)).raw
  const mint = (user: string, access: Access[]): string => {
    const now = Math.floor(Date.now() / 1000)
    const header = b64url(JSON.stringify({ alg: 'ES256', typ: 'JWT', x5c: [der.toString('base64')] }))
    const claims = b64url(
      JSON.stringify({
        iss: TOKEN_ISSUER,
        sub: user,
        aud: TOKEN_SERVICE,
        exp: now + 600,
        nbf: now - 60,
        iat: now,
        jti: crypto.randomBytes(12).toString('hex'),
        access
      })
    )
    const signature = crypto.sign('sha256', Buffer.from(`${header}.${claims}`), { key, dsaEncoding: 'ieee-p1363' })
    return `${header}.${claims}.${b64url(signature)}`
  }
  const requests: TokenRequest[] = []
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://token')
    const scopes = url.searchParams.getAll('scope')
    const answer = (status: number, body: unknown, user: string | null, granted: string[]): void => {
      requests.push({ user, status, scopes, granted })
      res.writeHead(status, { 'content-type': 'application/json' })
      res.end(JSON.stringify(body))
    }
    if (url.pathname !== '/token' || (url.searchParams.get('service') ?? TOKEN_SERVICE) !== TOKEN_SERVICE)
      return answer(404, { errors: [{ code: 'NOT_FOUND' }] }, null, [])
    const header = req.headers.authorization ?? ''
    let user: string | null = null
    if (header.startsWith('Basic ')) {
      const [u, ...rest] = Buffer.from(header.slice(6), 'base64').toString('utf8').split(':')
      if (u !== username || rest.join(':') !== password) return answer(401, { errors: [{ code: 'UNAUTHORIZED' }] }, u, [])
      user = u
    }
    const access: Access[] = []
    for (const scope of scopes) {
      const [type, ...middle] = scope.split(':')
      const actions = (middle.pop() ?? '').split(',')
      const name = middle.join(':')
      if (type !== 'repository') continue
      const allowed = user ? actions : publicRepos.includes(name) ? actions.filter((a) => a === 'pull') : []
      if (allowed.length) access.push({ type, name, actions: allowed })
    }
    const token = mint(user ?? 'anonymous', access)
    answer(
      200,
      { token, access_token: token, expires_in: 600, issued_at: new Date().toISOString() },
      user,
      access.map((a) => `${a.name}:${a.actions.join(',')}`)
    )
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as net.AddressInfo).port
  return {
    realm: `http://127.0.0.1:${port}/token`,
    certFile,
    requests,
    mint,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
