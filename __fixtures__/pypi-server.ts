/**
 * A local PyPI for tests: the upload API (warehouse's legacy `/legacy/` endpoint), the JSON
 * API, the simple index (PEP 503 HTML and PEP 691 JSON), file downloads, trusted publishing
 * (`/_/oidc/…`), PEP 740 attestations (the upload's `attestations` field, verified through
 * `verifyAttestation`, served from `/integrity/…/provenance`) and a stand-in for the GitHub
 * Actions runner's ID-token endpoint. Real clients work against it: `twine upload
 * --repository-url pypi.uploadUrl`, `uv publish`, `pip install --index-url pypi.simpleUrl`.
 *
 *   const pypi = await startPypi({ tokens: ['pypi-test'] })
 *   // pyship inputs: pypi-url = pypi.url, pypi-upload-url = pypi.uploadUrl
 *   // trusted publishing: env ACTIONS_ID_TOKEN_REQUEST_URL/TOKEN = runnerOidcEnv(pypi)
 *   afterEach(() => pypi.close())
 *
 * Behaviour follows warehouse (github.com/pypi/warehouse): `forklift/legacy.py` (upload
 * checks, their order and their messages, carried in the HTTP reason phrase as PyPI does, so
 * twine prints them), `forklift/forms.py`, `legacy/api/json.py`, `oidc/views.py`.
 * Not modelled: token scopes and project ownership (any accepted token, minted ones too, may
 * create any project; PyPI needs a pending publisher for that), token expiry, yanking,
 * deletion, size limits, PEP 658 metadata files, signature checks of
 * ID tokens (`oidc.acceptedIdTokens` stands for them); help links point at pypi.org.
 */
import crypto from 'node:crypto'
import http from 'node:http'
import zlib from 'node:zlib'
import type { AddressInfo } from 'node:net'

// ---------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------

/** A distribution file held by the index. */
export interface StoredFile {
  /** PEP 503 normalized project name (`dakora-client`). */
  project: string
  /** The version as uploaded (the form's `version` field). */
  version: string
  filename: string
  /** `bdist_wheel` or `sdist`. */
  filetype: string
  sha256: string
  content: Buffer
  md5: string
  blake2_256: string
  size: number
  /** `py3`, `cp311`, … or `source` for an sdist. */
  pythonVersion: string
  requiresPython: string | null
  uploadTime: Date
  /**
   * Look-ups of this file's version for which the JSON API and the simple index still hide
   * it (CDN propagation, see `visibilityDelay`); 0 = visible. Downloads are never delayed.
   */
  hiddenFor: number
  /** PEP 740: the attestations uploaded with the file (verified) and the trusted publisher that uploaded it. */
  provenance?: { publisher: Record<string, string>; attestations: unknown[] }
}

/** One request as the index saw it. Never holds a token. */
export interface RecordedRequest {
  method: string
  /** The request target: path and query string as sent. */
  path: string
  status: number
  /** `:action` of an upload request. */
  action?: string
  /** The uploaded file's name (uploads) or the downloaded file's name (`/files/…`). */
  filename?: string
  /** Uploads and the ID-token endpoint: a valid credential, none, or one that was refused. */
  authorization?: 'token' | 'none' | 'bad'
}

/** The claims of a GitHub Actions OIDC token (a partial object overrides the defaults). */
export type IdTokenClaims = Record<string, string | number | undefined>

/** A trusted publisher registered on the index (GitHub): what a minted token must match. */
export interface TrustedPublisher {
  /** `owner/name`, compared case-insensitively with the `repository` claim. */
  repository: string
  /** Workflow file name (`release.yml`), compared with the file in the `workflow_ref` claim. */
  workflow: string
  /** When set, the `environment` claim must equal it (case-insensitively). */
  environment?: string
}

export interface PypiStandIn {
  /** Index base, e.g. `http://127.0.0.1:PORT` (pyship's `pypi-url`). */
  url: string
  /** `${url}/legacy/` (pyship's `pypi-upload-url`). */
  uploadUrl: string
  /** `${url}/simple/` (for `pip install --index-url`). */
  simpleUrl: string
  /** The runner's ID-token endpoint (`ACTIONS_ID_TOKEN_REQUEST_URL`); already has a query, clients append `&audience=`. */
  idTokenUrl: string
  /** The bearer token that endpoint wants (`ACTIONS_ID_TOKEN_REQUEST_TOKEN`). */
  idTokenRequestToken: string
  /** API tokens accepted as the password of user `__token__` (minted tokens are added here). */
  tokens: Set<string>
  files: StoredFile[]
  requests: RecordedRequest[]
  /**
   * Pre-seed a release (as if uploaded earlier by another build): visible at once, no
   * validation. `filetype` follows the extension (`.whl` = bdist_wheel, else sdist).
   */
  addFile(project: string, version: string, filename: string, content: Buffer | string, options?: { requiresPython?: string }): StoredFile
  /**
   * JSON API and simple index hide a newly uploaded file for this many look-ups of its version
   * (a look-up of the project counts for every version). Applies to uploads made after it is set.
   */
  visibilityDelay: number
  /**
   * Answer the next `count` (default 1) requests whose path starts with `prefix` with `status`
   * (transient failures, e.g. 503, 429 with `Retry-After: 1`), or with `'reset'`: the connection
   * is destroyed without an answer (recorded with status 0), as a reset or a dropped proxy does.
   */
  failNext(prefix: string, status: number | 'reset', count?: number): void
  /** Called for every request after it was answered (tests use it to kill the client at a chosen moment). */
  onRequest?: (request: RecordedRequest) => void
  /**
   * Trusted publishing. `acceptedIdTokens` stands for "signature verifies": the ID-token
   * endpoint adds every token it issues. `publisher` null accepts any GitHub token; set it to
   * make mint-token check the claims like PyPI does. `enabled` false answers 404 on `/_/oidc/…`
   * (an index without trusted publishing).
   */
  oidc: { audience: string; acceptedIdTokens: Set<string>; mintedTokens: string[]; publisher: TrustedPublisher | null; enabled: boolean }
  /** Claims put into the next ID tokens, over the defaults (repository `octo-org/dakora`, environment `pypi`, …); `environment: ''` = no environment. */
  idTokenClaims: IdTokenClaims
  /**
   * An upload without credentials: `forbid` = 403 "Invalid or non-existent authentication
   * information" (warehouse), `challenge` = 401 with `WWW-Authenticate: Basic realm="pypi"`
   * (pypiserver, devpi, most private indexes).
   */
  missingAuth: 'forbid' | 'challenge'
  /**
   * PEP 740 (warehouse's `integrity` service): verifies an uploaded attestation's Sigstore bundle
   * (throws when it does not verify), e.g. `sigstore.verify` of `__fixtures__/sigstore-server.ts`.
   * null: the `attestations` field is refused as an index without PEP 740 support cannot check it.
   */
  verifyAttestation: ((bundle: unknown) => void) | null
  close(): Promise<void>
}

export interface StartPypiOptions {
  tokens?: string[]
  visibilityDelay?: number
  /** `oidc.audience` (pypi.org: `pypi`, test.pypi.org: `testpypi`). */
  audience?: string
  idTokenClaims?: IdTokenClaims
  publisher?: TrustedPublisher | null
  missingAuth?: 'forbid' | 'challenge'
  verifyAttestation?: (bundle: unknown) => void
}

/** The environment a GitHub runner gives a job with `id-token: write`, pointing at this stand-in. */
export function runnerOidcEnv(pypi: PypiStandIn): { ACTIONS_ID_TOKEN_REQUEST_URL: string; ACTIONS_ID_TOKEN_REQUEST_TOKEN: string } {
  return { ACTIONS_ID_TOKEN_REQUEST_URL: pypi.idTokenUrl, ACTIONS_ID_TOKEN_REQUEST_TOKEN: pypi.idTokenRequestToken }
}

// ---------------------------------------------------------------------------------------
// Names, versions, hashes
// ---------------------------------------------------------------------------------------

/** PEP 503 normalized name. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-')
}

interface Version {
  epoch: number
  release: number[]
  pre: [string, number] | null
  post: number | null
  dev: number | null
  local: string | null
}

// The regular expression of PEP 440's appendix.
const VERSION_RE =
  /^\s*v?(?:(?:([0-9]+)!)?([0-9]+(?:\.[0-9]+)*)(?:[-_.]?(alpha|a|beta|b|preview|pre|c|rc)[-_.]?([0-9]+)?)?(?:-([0-9]+)|[-_.]?(post|rev|r)[-_.]?([0-9]+)?)?(?:[-_.]?(dev)[-_.]?([0-9]+)?)?)(?:\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?\s*$/i

function parseVersion(text: string): Version | null {
  const m = VERSION_RE.exec(text)
  if (!m) return null
  const preLabel = m[3]?.toLowerCase()
  const pre: [string, number] | null = preLabel
    ? [
        preLabel === 'alpha' ? 'a' : preLabel === 'beta' ? 'b' : ['c', 'pre', 'preview'].includes(preLabel) ? 'rc' : preLabel,
        Number(m[4] ?? 0)
      ]
    : null
  const post = m[5] !== undefined ? Number(m[5]) : m[6] !== undefined ? Number(m[7] ?? 0) : null
  const local = m[10]
    ? m[10]
        .toLowerCase()
        .split(/[-_.]/)
        .map((s) => (/^[0-9]+$/.test(s) ? String(Number(s)) : s))
        .join('.')
    : null
  return {
    epoch: Number(m[1] ?? 0),
    release: m[2].split('.').map(Number),
    pre,
    post,
    dev: m[8] !== undefined ? Number(m[9] ?? 0) : null,
    local
  }
}

function formatVersion(v: Version, stripZeros: boolean): string {
  let release = [...v.release]
  if (stripZeros) while (release.length > 1 && release[release.length - 1] === 0) release = release.slice(0, -1)
  return (
    (v.epoch ? `${v.epoch}!` : '') +
    release.join('.') +
    (v.pre ? `${v.pre[0]}${v.pre[1]}` : '') +
    (v.post !== null ? `.post${v.post}` : '') +
    (v.dev !== null ? `.dev${v.dev}` : '') +
    (v.local ? `+${v.local}` : '')
  )
}

/** PEP 440 normal form (`2.0.0-RC1` → `2.0.0rc1`), or null when not a valid version. */
export function normalizeVersion(text: string): string | null {
  const v = parseVersion(text)
  return v ? formatVersion(v, false) : null
}

/** packaging's canonicalize_version: normal form without trailing `.0`s (`1.4.0` → `1.4`); warehouse finds releases by it. */
export function canonicalVersion(text: string): string {
  const v = parseVersion(text)
  return v ? formatVersion(v, true) : text.toLowerCase()
}

function compareVersions(a: string, b: string): number {
  const va = parseVersion(a)
  const vb = parseVersion(b)
  if (!va || !vb) return va ? 1 : vb ? -1 : a.localeCompare(b)
  const key = (v: Version): number[] => {
    const release = [...v.release]
    while (release.length > 1 && release[release.length - 1] === 0) release.pop()
    const pre =
      v.pre === null ? (v.post === null && v.dev !== null ? [-Infinity, 0] : [Infinity, 0]) : [['a', 'b', 'rc'].indexOf(v.pre[0]), v.pre[1]]
    return [v.epoch, ...release.concat(Array(20 - release.length).fill(0)), ...pre, v.post ?? -Infinity, v.dev ?? Infinity]
  }
  const ka = key(va)
  const kb = key(vb)
  for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1
  return (va.local ?? '').localeCompare(vb.local ?? '')
}

function isPrerelease(text: string): boolean {
  const v = parseVersion(text)
  return v !== null && (v.pre !== null || v.dev !== null)
}

const B2_IV = [
  0x6a09e667f3bcc908n,
  0xbb67ae8584caa73bn,
  0x3c6ef372fe94f82bn,
  0xa54ff53a5f1d36f1n,
  0x510e527fade682d1n,
  0x9b05688c2b3e6c1fn,
  0x1f83d9abfb41bd6bn,
  0x5be0cd19137e2179n
]
const B2_SIGMA = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
  [14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3],
  [11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4],
  [7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8],
  [9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13],
  [2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9],
  [12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11],
  [13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10],
  [6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5],
  [10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0]
]
const MASK64 = 0xffffffffffffffffn

/**
 * BLAKE2b with a 32-byte digest (Python's `hashlib.blake2b(digest_size=32)`), which PyPI
 * keys files by and twine sends as `blake2_256_digest`; node:crypto only has BLAKE2b-512.
 * Plain BigInt code (RFC 7693): fine for test-sized files.
 */
export function blake2b256(data: Buffer): string {
  const rotr = (x: bigint, n: bigint): bigint => ((x >> n) | (x << (64n - n))) & MASK64
  const h = [...B2_IV]
  h[0] ^= 0x01010000n ^ 32n
  const blocks = Math.max(1, Math.ceil(data.length / 128))
  let counter = 0n
  for (let b = 0; b < blocks; b++) {
    const block = Buffer.alloc(128)
    data.copy(block, 0, b * 128, Math.min(data.length, (b + 1) * 128))
    counter += BigInt(Math.min(128, data.length - b * 128))
    const m = Array.from({ length: 16 }, (_, i) => block.readBigUInt64LE(i * 8))
    const v = [...h, ...B2_IV]
    v[12] ^= counter & MASK64
    v[13] ^= counter >> 64n
    if (b === blocks - 1) v[14] ^= MASK64
    const g = (a: number, bb: number, c: number, d: number, x: bigint, y: bigint): void => {
      v[a] = (v[a] + v[bb] + x) & MASK64
      v[d] = rotr(v[d] ^ v[a], 32n)
      v[c] = (v[c] + v[d]) & MASK64
      v[bb] = rotr(v[bb] ^ v[c], 24n)
      v[a] = (v[a] + v[bb] + y) & MASK64
      v[d] = rotr(v[d] ^ v[a], 16n)
      v[c] = (v[c] + v[d]) & MASK64
      v[bb] = rotr(v[bb] ^ v[c], 63n)
    }
    for (let r = 0; r < 12; r++) {
      const s = B2_SIGMA[r % 10]
      g(0, 4, 8, 12, m[s[0]], m[s[1]])
      g(1, 5, 9, 13, m[s[2]], m[s[3]])
      g(2, 6, 10, 14, m[s[4]], m[s[5]])
      g(3, 7, 11, 15, m[s[6]], m[s[7]])
      g(0, 5, 10, 15, m[s[8]], m[s[9]])
      g(1, 6, 11, 12, m[s[10]], m[s[11]])
      g(2, 7, 8, 13, m[s[12]], m[s[13]])
      g(3, 4, 9, 14, m[s[14]], m[s[15]])
    }
    for (let i = 0; i < 8; i++) h[i] ^= v[i] ^ v[i + 8]
  }
  const out = Buffer.alloc(64)
  h.forEach((x, i) => out.writeBigUInt64LE(x, i * 8))
  return out.subarray(0, 32).toString('hex')
}

function hashes(content: Buffer): { md5: string; sha256: string; blake2_256: string } {
  return {
    md5: crypto.createHash('md5').update(content).digest('hex'),
    sha256: crypto.createHash('sha256').update(content).digest('hex'),
    blake2_256: blake2b256(content)
  }
}

// ---------------------------------------------------------------------------------------
// Distribution files
// ---------------------------------------------------------------------------------------

/** Entry names of a zip archive (central directory), or null when it is not a zip. */
function zipNames(buf: Buffer): string[] | null {
  for (let eocd = buf.length - 22; eocd >= Math.max(0, buf.length - 22 - 0xffff); eocd--) {
    if (buf.readUInt32LE(eocd) !== 0x06054b50) continue
    const count = buf.readUInt16LE(eocd + 10)
    let p = buf.readUInt32LE(eocd + 16)
    const names: string[] = []
    for (let i = 0; i < count; i++) {
      if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) return null
      const nameLength = buf.readUInt16LE(p + 28)
      names.push(buf.toString('utf8', p + 46, p + 46 + nameLength))
      p += 46 + nameLength + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32)
    }
    return names
  }
  return null
}

/** Member names of a .tar.gz (ustar, pax and GNU long names), or null when it is not one. */
function tarGzNames(buf: Buffer): string[] | null {
  let tar: Buffer
  try {
    tar = zlib.gunzipSync(buf)
  } catch {
    return null
  }
  const str = (b: Buffer): string => b.toString('utf8', 0, b.indexOf(0) === -1 ? b.length : b.indexOf(0))
  const names: string[] = []
  let longName: string | null = null
  for (let p = 0; p + 512 <= tar.length;) {
    const header = tar.subarray(p, p + 512)
    if (header.every((x) => x === 0)) break
    const size = parseInt(str(header.subarray(124, 136)).trim() || '0', 8)
    if (Number.isNaN(size)) return null
    const type = String.fromCharCode(header[156])
    const data = tar.subarray(p + 512, p + 512 + size)
    if (type === 'x') {
      const path = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(data.toString('utf8'))
      if (path) longName = path[1]
    } else if (type === 'L') {
      longName = str(data)
    } else if (type !== 'g') {
      const prefix = header.toString('latin1', 257, 262) === 'ustar' ? str(header.subarray(345, 500)) : ''
      const name = longName ?? (prefix ? `${prefix}/${str(header.subarray(0, 100))}` : str(header.subarray(0, 100)))
      names.push(name.replace(/\/+$/, ''))
      longName = null
    }
    p += 512 + Math.ceil(size / 512) * 512
  }
  return names
}

function commonPrefix(names: string[]): string {
  if (names.length === 0) return ''
  let prefix = names[0]
  for (const n of names) while (!n.startsWith(prefix)) prefix = prefix.slice(0, -1)
  return prefix
}

/** warehouse's `_is_valid_dist_file`: [ok, message]. */
function validDistFile(filename: string, content: Buffer): [boolean, string | null] {
  if (filename.endsWith('.whl') || filename.endsWith('.zip')) {
    const names = zipNames(content)
    if (!names) return [false, 'File is not a zipfile']
    if (filename.endsWith('.zip')) {
      const top = commonPrefix(names)
      if (['.', '/', ''].includes(top)) return [false, 'Incorrect number of top-level directories in sdist']
      const target = top.endsWith('/') ? `${top}PKG-INFO` : `${top}/PKG-INFO`
      if (!names.includes(target)) return [false, `PKG-INFO not found at ${target}`]
    } else {
      const parts = filename.split('-')
      if (parts.length < 3) return [false, 'Unable to parse name and version from wheel filename']
      const target = `${parts[0]}-${parts[1]}.dist-info/WHEEL`
      if (!names.includes(target)) return [false, `WHEEL not found at ${target}`]
    }
    return [true, null]
  }
  if (filename.endsWith('.tar.gz')) {
    const names = tarGzNames(content)
    if (!names) return [false, 'File is not a tarfile']
    const top = commonPrefix(names)
    if (['.', '/', ''].includes(top)) return [false, 'Incorrect number of top-level directories in sdist']
    const target = top.endsWith('/') ? `${top}PKG-INFO` : `${top}/PKG-INFO`
    if (!names.includes(target)) return [false, `PKG-INFO not found at ${target}`]
  }
  return [true, null]
}

const ALLOWED_PLATFORMS = new Set([
  'any',
  'win32',
  'win_arm64',
  'win_amd64',
  'win_ia64',
  'manylinux1_x86_64',
  'manylinux1_i686',
  'manylinux2010_x86_64',
  'manylinux2010_i686',
  ...['x86_64', 'i686', 'aarch64', 'armv7l', 'ppc64', 'ppc64le', 's390x'].map((a) => `manylinux2014_${a}`),
  'linux_armv6l',
  'linux_armv7l'
])
const MACOS_ARCHES = new Set(['ppc', 'ppc64', 'i386', 'x86_64', 'arm64', 'intel', 'fat', 'fat3', 'fat64', 'universal', 'universal2'])
const LINUX_ARCHES = new Set(['x86_64', 'i686', 'aarch64', 'armv7l', 'ppc64le', 's390x', 'riscv64'])

/** warehouse's `_valid_platform_tag` (so `linux_x86_64` wheels are refused, as on PyPI). */
function validPlatformTag(tag: string): boolean {
  if (ALLOWED_PLATFORMS.has(tag)) return true
  const mac = /^macosx_(\d+)_(\d+)_(.*)$/.exec(tag)
  if (mac && MACOS_ARCHES.has(mac[3]) && (mac[1] === '10' || (['11', '12', '13', '14', '15', '26'].includes(mac[1]) && mac[2] === '0')))
    return true
  const linux = /^(many|musl)linux_(\d+)_(\d+)_(.*)$/.exec(tag)
  if (linux) return LINUX_ARCHES.has(linux[4]) || (linux[1] === 'many' && linux[4] === 'ppc64')
  if (/^ios_\d+_\d+_(arm64|x86_64)_(iphoneos|iphonesimulator)$/.test(tag)) return true
  return /^android_\d+_(armeabi_v7a|arm64_v8a|x86|x86_64)$/.test(tag)
}

/** Python's repr() of a str, as warehouse's messages print it. */
function pyRepr(s: string): string {
  if (s.includes("'") && !s.includes('"')) return `"${s}"`
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`
}

// ---------------------------------------------------------------------------------------
// HTTP plumbing
// ---------------------------------------------------------------------------------------

interface Part {
  name: string
  filename?: string
  contentType?: string
  data: Buffer
}

function headerParam(header: string, key: string): string | undefined {
  const m = new RegExp(`(?:^|;)\\s*${key}\\s*=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|([^;]*))`, 'i').exec(header)
  if (!m) return undefined
  return m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2].trim()
}

function parseMultipart(body: Buffer, boundary: string): Part[] {
  const parts: Part[] = []
  const delimiter = Buffer.from(`--${boundary}`)
  const next = Buffer.from(`\r\n--${boundary}`)
  let pos = body.indexOf(delimiter)
  while (pos !== -1) {
    pos += delimiter.length
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) break
    if (body[pos] === 0x0d && body[pos + 1] === 0x0a) pos += 2
    const headerEnd = body.indexOf('\r\n\r\n', pos)
    if (headerEnd === -1) break
    const end = body.indexOf(next, headerEnd + 4)
    if (end === -1) break
    const headers = body.toString('utf8', pos, headerEnd).split('\r\n')
    const disposition = headers.find((h) => /^content-disposition:/i.test(h)) ?? ''
    const type = headers.find((h) => /^content-type:/i.test(h))
    const name = headerParam(disposition.replace(/^[^:]*:/, ''), 'name')
    if (name !== undefined) {
      parts.push({
        name,
        filename: headerParam(disposition.replace(/^[^:]*:/, ''), 'filename'),
        contentType: type?.replace(/^[^:]*:\s*/, '').trim(),
        data: body.subarray(headerEnd + 4, end)
      })
    }
    pos = end + 2
  }
  return parts
}

/** The best of `offers` for an Accept header (ties: the order of `offers`); no header accepts the first. */
function negotiate(accept: string | undefined, offers: string[]): string | null {
  if (!accept || !accept.trim()) return offers[0]
  const ranges = accept.split(',').map((r) => {
    const [type, ...params] = r.trim().split(';')
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
    return { type: type.trim().toLowerCase(), q: q ? Number(q.slice(2)) : 1 }
  })
  let best: string | null = null
  let bestQ = 0
  for (const offer of offers) {
    const [major] = offer.split('/')
    const match =
      ranges.find((r) => r.type === offer) ?? ranges.find((r) => r.type === `${major}/*`) ?? ranges.find((r) => r.type === '*/*')
    if (match && match.q > bestQ) {
      best = offer
      bestQ = match.q
    }
  }
  return best
}

const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/** Pyramid's title and explanation of the HTTP exceptions warehouse raises. */
const PYRAMID: Record<number, [string, string]> = {
  400: ['Bad Request', 'The server could not comply with the request since it is either malformed or otherwise incorrect.'],
  401: [
    'Unauthorized',
    'This server could not verify that you are authorized to access the document you requested.  Either you supplied the wrong credentials (e.g., bad password), or your browser does not understand how to supply the credentials required.'
  ],
  403: ['Forbidden', 'Access was denied to this resource.'],
  410: ['Gone', 'This resource is no longer available.  No forwarding address is given.'],
  308: ['Permanent Redirect', 'The resource has been moved to /legacy/; you should be redirected automatically.']
}

const HELP = 'https://pypi.org/help/'
const CORE_METADATA = 'See https://packaging.python.org/specifications/core-metadata for more information.'
const INVALID_AUTH = `Invalid or non-existent authentication information. See ${HELP}#invalid-auth for more information.`
const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com'

interface Ctx {
  req: http.IncomingMessage
  res: http.ServerResponse
  rec: RecordedRequest
  url: URL
  body: Buffer
  /** The upload's accepted API token (never recorded). */
  token?: string
}

interface Release {
  version: string
  files: StoredFile[]
}

let signingKey: crypto.KeyObject | null = null
const KEY_ID = crypto.randomBytes(16).toString('hex')

const b64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url')

function decodeJwt(token: string): Record<string, unknown> | null {
  const parts = token.split('.')
  if (parts.length !== 3) return null
  try {
    const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as unknown
    return claims && typeof claims === 'object' && !Array.isArray(claims) ? (claims as Record<string, unknown>) : null
  } catch {
    return null
  }
}

// ---------------------------------------------------------------------------------------
// The server
// ---------------------------------------------------------------------------------------

export async function startPypi(options: StartPypiOptions = {}): Promise<PypiStandIn> {
  const failures: { prefix: string; status: number | 'reset'; count: number }[] = []
  const displayNames = new Map<string, string>()
  const serials = new Map<string, number>()
  const usedJtis = new Set<string>()
  /** The trusted publisher behind each minted token (PEP 740 provenance names it). */
  const publishers = new Map<string, Record<string, string>>()
  let serial = 0

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('error', () => res.destroy())
    req.on('end', () => {
      const rec: RecordedRequest = { method: req.method ?? 'GET', path: req.url ?? '/', status: 0 }
      let recorded = false
      const record = (): void => {
        if (recorded) return
        recorded = true
        rec.status = res.headersSent ? res.statusCode : 0
        pypi.requests.push(rec)
        try {
          pypi.onRequest?.(rec)
        } catch (err) {
          process.emitWarning(`pypi stand-in: onRequest threw: ${String(err)}`)
        }
      }
      res.on('finish', record)
      res.on('close', record)
      const ctx: Ctx = { req, res, rec, url: new URL(req.url ?? '/', pypi.url), body: Buffer.concat(chunks) }
      try {
        route(ctx)
      } catch (err) {
        send(ctx, 500, 'text/plain', `500 Internal Server Error\n\n${String(err)}\n`)
      }
    })
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  function send(
    ctx: Ctx,
    status: number,
    type: string,
    body: string | Buffer,
    headers: Record<string, string> = {},
    reason?: string
  ): void {
    const buf = typeof body === 'string' ? Buffer.from(body) : body
    const head = { 'Content-Type': type, 'Content-Length': String(buf.length), ...headers }
    if (reason !== undefined) ctx.res.writeHead(status, reason, head)
    else ctx.res.writeHead(status, head)
    ctx.res.end(buf)
  }

  const json = (ctx: Ctx, status: number, value: unknown, headers: Record<string, string> = {}): void =>
    send(ctx, status, 'application/json', JSON.stringify(value), headers)

  /**
   * warehouse's `_exc_with_message`: the message rides in the status line (twine prints the
   * reason phrase), the body is Pyramid's error page in the format the client accepts
   * (HTML for `*\/*`, JSON for `application/json` as uv asks, else plain text).
   */
  function pyramidError(ctx: Ctx, status: number, message: string, headers: Record<string, string> = {}): void {
    const reason = message.replace(/[^\t\x20-\x7e\xa0-\xff]/g, '?')
    const [title, explanation] = PYRAMID[status] ?? [http.STATUS_CODES[status] ?? 'Error', '']
    const statusLine = `${status} ${reason}`
    const type = negotiate(ctx.req.headers.accept, ['text/html', 'application/json']) ?? 'text/plain'
    let body: string
    if (type === 'application/json') {
      body = JSON.stringify({ message: `${explanation}\n\n\n${message}\n\n`, code: statusLine, title })
    } else if (type === 'text/html') {
      body = `<html>\n <head>\n  <title>${escapeHtml(statusLine)}</title>\n </head>\n <body>\n  <h1>${escapeHtml(statusLine)}</h1>\n  ${escapeHtml(explanation)}<br/><br/>\n${escapeHtml(message)}\n\n\n </body>\n</html>`
    } else {
      body = `${statusLine}\n\n${explanation}\n\n\n${message}\n\n`
    }
    send(ctx, status, type === 'text/plain' || type === 'text/html' ? `${type}; charset=UTF-8` : type, body, headers, reason)
  }

  function notFound(ctx: Ctx): void {
    send(ctx, 404, 'text/plain; charset=UTF-8', '404 Not Found\n\nThe resource could not be found.\n\n\n')
  }

  // --- the data -------------------------------------------------------------------------

  function projectFiles(project: string): StoredFile[] {
    return pypi.files.filter((f) => f.project === project)
  }

  /**
   * The releases a look-up sees (only files already visible), then counts the look-up for
   * every hidden file it covered (`version` given: only that release's files).
   */
  function lookUp(project: string, version?: string): Release[] {
    const covered = projectFiles(project).filter((f) => version === undefined || canonicalVersion(f.version) === canonicalVersion(version))
    const releases = new Map<string, Release>()
    for (const f of covered) {
      if (f.hiddenFor > 0) continue
      const key = canonicalVersion(f.version)
      const release = releases.get(key) ?? { version: normalizeVersion(f.version) ?? f.version, files: [] }
      release.files.push(f)
      releases.set(key, release)
    }
    for (const f of covered) if (f.hiddenFor > 0) f.hiddenFor--
    return [...releases.values()].sort((a, b) => compareVersions(b.version, a.version))
  }

  const fileUrl = (f: StoredFile): string => `${base}/files/${encodeURIComponent(f.filename)}`

  function store(
    project: string,
    displayName: string,
    version: string,
    filename: string,
    content: Buffer,
    form: Partial<StoredFile>
  ): StoredFile {
    const digest = hashes(content)
    const file: StoredFile = {
      project,
      version,
      filename,
      filetype: form.filetype ?? (filename.endsWith('.whl') ? 'bdist_wheel' : 'sdist'),
      sha256: digest.sha256,
      content,
      md5: digest.md5,
      blake2_256: digest.blake2_256,
      size: content.length,
      pythonVersion: form.pythonVersion ?? (filename.endsWith('.whl') ? (filename.split('-').at(-3) ?? 'py3') : 'source'),
      requiresPython: form.requiresPython ?? null,
      uploadTime: new Date(),
      hiddenFor: form.hiddenFor ?? 0
    }
    if (!displayNames.has(project)) displayNames.set(project, displayName)
    pypi.files.push(file)
    serials.set(project, ++serial)
    return file
  }

  // --- routes ---------------------------------------------------------------------------

  function route(ctx: Ctx): void {
    const { rec, url, req } = ctx
    const failure = failures.find((f) => f.count > 0 && rec.path.startsWith(f.prefix))
    if (failure) {
      failure.count--
      if (failure.status === 'reset') {
        ctx.req.socket.destroy()
        return
      }
      const headers: Record<string, string> = failure.status === 429 ? { 'Retry-After': '1' } : {}
      send(ctx, failure.status, 'text/plain; charset=UTF-8', `${failure.status} ${http.STATUS_CODES[failure.status] ?? 'Error'}\n`, headers)
      return
    }
    const path = url.pathname
    const get = req.method === 'GET' || req.method === 'HEAD'
    let m: RegExpExecArray | null
    if (path === '/legacy') {
      if (req.method !== 'POST') return notFound(ctx)
      return pyramidError(ctx, 308, 'An upload was attempted to /legacy but the expected upload URL is /legacy/ (with a trailing slash)', {
        Location: '/legacy/'
      })
    }
    if (path === '/legacy/') return legacy(ctx)
    if (get && (m = /^\/pypi\/([^/]+)\/json\/?$/.exec(path))) return jsonProject(ctx, decodeURIComponent(m[1]))
    if (get && (m = /^\/pypi\/([^/]+)\/([^/]+)\/json\/?$/.exec(path)))
      return jsonRelease(ctx, decodeURIComponent(m[1]), decodeURIComponent(m[2]))
    if (get && path === '/simple/') return simpleRoot(ctx)
    if (get && (m = /^\/simple\/([^/]+)(\/?)$/.exec(path))) return simpleProject(ctx, decodeURIComponent(m[1]), m[2] === '/')
    if (get && (m = /^\/files\/([^/]+)$/.exec(path))) return download(ctx, decodeURIComponent(m[1]))
    if (get && (m = /^\/integrity\/([^/]+)\/([^/]+)\/([^/]+)\/provenance\/?$/.exec(path)))
      return provenanceOf(ctx, decodeURIComponent(m[1]), decodeURIComponent(m[2]), decodeURIComponent(m[3]))
    if (path.startsWith('/_/oidc/')) return oidcRoute(ctx, path)
    if (get && path === '/_runner/id-token') return idToken(ctx)
    return notFound(ctx)
  }

  function download(ctx: Ctx, filename: string): void {
    ctx.rec.filename = filename
    const file = pypi.files.find((f) => f.filename === filename)
    if (!file) return notFound(ctx)
    send(ctx, 200, 'application/octet-stream', file.content, { ETag: `"${file.md5}"` })
  }

  // --- JSON API -------------------------------------------------------------------------

  function jsonFile(f: StoredFile): Record<string, unknown> {
    return {
      comment_text: null,
      digests: { blake2b_256: f.blake2_256, md5: f.md5, sha256: f.sha256 },
      downloads: -1,
      filename: f.filename,
      has_sig: false,
      md5_digest: f.md5,
      packagetype: f.filetype,
      python_version: f.pythonVersion,
      requires_python: f.requiresPython,
      size: f.size,
      upload_time: f.uploadTime.toISOString().slice(0, 19),
      upload_time_iso_8601: f.uploadTime.toISOString(),
      url: fileUrl(f),
      yanked: false,
      yanked_reason: null
    }
  }

  function jsonData(project: string, release: Release, releases: Release[] | null): Record<string, unknown> {
    const name = displayNames.get(project) ?? project
    const data: Record<string, unknown> = {
      info: {
        name,
        version: release.version,
        requires_python: release.files.find((f) => f.requiresPython)?.requiresPython ?? null,
        package_url: `${base}/project/${project}/`,
        project_url: `${base}/project/${project}/`,
        release_url: `${base}/project/${project}/${release.version}/`,
        yanked: false,
        yanked_reason: null
      },
      last_serial: serials.get(project) ?? 0,
      urls: [...release.files].sort((a, b) => a.filename.localeCompare(b.filename)).map(jsonFile),
      vulnerabilities: []
    }
    if (releases) data.releases = Object.fromEntries(releases.map((r) => [r.version, r.files.map(jsonFile)]))
    return data
  }

  const JSON_HEADERS = { 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'max-age=900, public' }

  function jsonProject(ctx: Ctx, name: string): void {
    const project = normalizeName(name)
    if (name !== project && projectFiles(project).length) return redirect(ctx, `/pypi/${project}/json`)
    const releases = lookUp(project)
    if (releases.length === 0) return json(ctx, 404, { message: 'Not Found' }, JSON_HEADERS)
    // warehouse: the newest non-pre-release, else the newest pre-release.
    const latest = releases.find((r) => !isPrerelease(r.version)) ?? releases[0]
    json(ctx, 200, jsonData(project, latest, releases), { ...JSON_HEADERS, 'X-PyPI-Last-Serial': String(serials.get(project) ?? 0) })
  }

  function jsonRelease(ctx: Ctx, name: string, version: string): void {
    const project = normalizeName(name)
    if (name !== project && projectFiles(project).length) return redirect(ctx, `/pypi/${project}/${encodeURIComponent(version)}/json`)
    const [release] = lookUp(project, version)
    if (!release) return json(ctx, 404, { message: 'Not Found' }, JSON_HEADERS)
    json(ctx, 200, jsonData(project, release, null), { ...JSON_HEADERS, 'X-PyPI-Last-Serial': String(serials.get(project) ?? 0) })
  }

  function redirect(ctx: Ctx, location: string): void {
    send(
      ctx,
      301,
      'text/plain; charset=UTF-8',
      `301 Moved Permanently\n\nThe resource has been moved to ${location}; you should be redirected automatically.\n\n\n`,
      {
        Location: location
      }
    )
  }

  // --- simple index (PEP 503 / 691 / 700) -----------------------------------------------

  const SIMPLE_TYPES = ['text/html', 'application/vnd.pypi.simple.v1+html', 'application/vnd.pypi.simple.v1+json']

  function simpleType(ctx: Ctx): string | null {
    return negotiate(ctx.req.headers.accept, SIMPLE_TYPES)
  }

  function simpleRoot(ctx: Ctx): void {
    const type = simpleType(ctx)
    if (!type) return send(ctx, 406, 'text/plain', '406 Not Acceptable\n')
    const projects = [...new Set(pypi.files.filter((f) => f.hiddenFor === 0).map((f) => f.project))].sort()
    if (type.endsWith('+json')) {
      return send(
        ctx,
        200,
        type,
        JSON.stringify({
          meta: { 'api-version': '1.1', '_last-serial': serial },
          projects: projects.map((p) => ({ name: displayNames.get(p) ?? p }))
        })
      )
    }
    const links = projects.map((p) => `    <a href="/simple/${p}/">${escapeHtml(displayNames.get(p) ?? p)}</a>`).join('\n')
    send(
      ctx,
      200,
      type,
      `<!DOCTYPE html>\n<html>\n  <head>\n    <meta name="pypi:repository-version" content="1.1">\n    <title>Simple index</title>\n  </head>\n  <body>\n${links}\n  </body>\n</html>\n`
    )
  }

  function simpleProject(ctx: Ctx, name: string, slash: boolean): void {
    const project = normalizeName(name)
    if (!projectFiles(project).length) return send(ctx, 404, 'text/plain; charset=UTF-8', '404 Not Found\n')
    if (name !== project || !slash) return redirect(ctx, `/simple/${project}/`)
    const type = simpleType(ctx)
    if (!type) return send(ctx, 406, 'text/plain', '406 Not Acceptable\n')
    const releases = lookUp(project)
    // A project whose every file is still propagating is not in the cached index yet.
    if (releases.length === 0) return send(ctx, 404, 'text/plain; charset=UTF-8', '404 Not Found\n')
    const files = releases
      .slice()
      .reverse()
      .flatMap((r) => [...r.files].sort((a, b) => a.filename.localeCompare(b.filename)))
    const headers = { 'X-PyPI-Last-Serial': String(serials.get(project) ?? 0), 'Cache-Control': 'max-age=600, public' }
    if (type.endsWith('+json')) {
      const body = {
        meta: { 'api-version': '1.1', '_last-serial': serials.get(project) ?? 0 },
        name: project,
        versions: releases.map((r) => r.version).reverse(),
        files: files.map((f) => ({
          filename: f.filename,
          url: fileUrl(f),
          hashes: { sha256: f.sha256 },
          'requires-python': f.requiresPython,
          size: f.size,
          'upload-time': f.uploadTime.toISOString(),
          yanked: false
        }))
      }
      return send(ctx, 200, type, JSON.stringify(body), headers)
    }
    const links = files
      .map((f) => {
        const rp = f.requiresPython ? ` data-requires-python="${escapeHtml(f.requiresPython)}"` : ''
        return `    <a href="${escapeHtml(fileUrl(f))}#sha256=${f.sha256}"${rp}>${escapeHtml(f.filename)}</a><br />`
      })
      .join('\n')
    const page = `<!DOCTYPE html>\n<html>\n  <head>\n    <meta name="pypi:repository-version" content="1.1">\n    <title>Links for ${escapeHtml(project)}</title>\n  </head>\n  <body>\n    <h1>Links for ${escapeHtml(project)}</h1>\n${links}\n  </body>\n</html>\n<!--SERIAL ${serials.get(project) ?? 0}-->\n`
    send(ctx, 200, type, page, headers)
  }

  // --- upload (forklift) ----------------------------------------------------------------

  function legacy(ctx: Ctx): void {
    const { req, url, rec, body } = ctx
    const type = req.headers['content-type'] ?? ''
    const boundary = /multipart\/form-data/i.test(type) ? headerParam(type, 'boundary') : undefined
    const parts: Part[] = boundary ? parseMultipart(body, boundary) : []
    if (/application\/x-www-form-urlencoded/i.test(type)) {
      for (const [name, value] of new URLSearchParams(body.toString('utf8'))) parts.push({ name, data: Buffer.from(value) })
    }
    // WebOb's MultiDict.get: the last value of a key; the query string counts too.
    const field = (name: string): string | undefined => {
      const part = [...parts].reverse().find((p) => p.name === name && p.filename === undefined)
      const value = part ? part.data.toString('utf8') : (url.searchParams.get(name) ?? undefined)
      return value === undefined || value.trim() === 'UNKNOWN' ? undefined : value
    }
    const action = field(':action')
    if (action !== undefined) rec.action = action
    if (req.method === 'POST' && action === 'file_upload') return fileUpload(ctx, field, parts)
    if (req.method === 'POST' && (action === 'submit' || action === 'submit_pkg_info')) {
      return pyramidError(ctx, 410, 'Project pre-registration is no longer required or supported, upload your files instead.')
    }
    if (req.method === 'POST' && action === 'doc_upload') {
      return pyramidError(ctx, 410, 'Uploading documentation is no longer supported, we recommend using https://readthedocs.org/.')
    }
    // warehouse's catch-all for /legacy/ (no or unknown :action): the "API endpoint" page, 200.
    send(
      ctx,
      200,
      'text/html; charset=UTF-8',
      '<!DOCTYPE html>\n<html><head><title>API endpoint</title></head><body><h2>API endpoint</h2><p>This URL is an API endpoint for uploading files to PyPI.</p></body></html>\n'
    )
  }

  /** Checks an upload's credential: true when accepted, else false with the refusal already sent. */
  function authenticate(ctx: Ctx): boolean {
    const header = ctx.req.headers.authorization
    if (!header) {
      ctx.rec.authorization = 'none'
      if (pypi.missingAuth === 'challenge') {
        pyramidError(ctx, 401, 'Unauthorized', { 'WWW-Authenticate': 'Basic realm="pypi"' })
      } else {
        pyramidError(ctx, 403, INVALID_AUTH)
      }
      return false
    }
    ctx.rec.authorization = 'bad'
    const basic = /^basic\s+(\S+)$/i.exec(header)
    const decoded = basic ? Buffer.from(basic[1], 'base64').toString('utf8') : ''
    const colon = decoded.indexOf(':')
    if (!basic || colon === -1) {
      pyramidError(ctx, 403, INVALID_AUTH)
      return false
    }
    const user = decoded.slice(0, colon)
    const password = decoded.slice(colon + 1)
    if (user !== '__token__') {
      pyramidError(
        ctx,
        403,
        `Username/Password authentication is no longer supported. Migrate to API Tokens or Trusted Publishers instead. See ${HELP}#apitoken and ${HELP}#trusted-publishers`
      )
      return false
    }
    if (!pypi.tokens.has(password)) {
      pyramidError(ctx, 403, INVALID_AUTH)
      return false
    }
    ctx.rec.authorization = 'token'
    ctx.token = password
    return true
  }

  function fileUpload(ctx: Ctx, field: (name: string) => string | undefined, parts: Part[]): void {
    const content = [...parts].reverse().find((p) => p.name === 'content' && p.filename !== undefined)
    if (content) ctx.rec.filename = content.filename
    const bad = (message: string): void => pyramidError(ctx, 400, message)
    if (!authenticate(ctx)) return

    if ((field('protocol_version') ?? '1') !== '1') return bad('Unknown protocol version.')

    // forms.UploadForm, errors reported in warehouse's order (name first, then by field name).
    const name = field('name') ?? ''
    const filetype = field('filetype')
    const sha256 = field('sha256_digest')
    const blake2 = field('blake2_256_digest')
    const md5 = field('md5_digest')
    let pyversion = field('pyversion')
    if (!name) return bad(`'' is an invalid value for Name. Error: This field is required. ${CORE_METADATA}`)
    if (!/^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$/i.test(name)) {
      return bad(
        `${pyRepr(name)} is an invalid value for Name. Error: Start and end with a letter or numeral containing only ASCII numeric and '.', '_' and '-'. ${CORE_METADATA}`
      )
    }
    if (blake2 && !/^[a-f0-9]{64}$/i.test(blake2))
      return bad('Invalid value for blake2_256_digest. Error: Use a valid, hex-encoded, BLAKE2 message digest.')
    if (!filetype) return bad('Invalid value for filetype. Error: This field is required.')
    if (filetype !== 'sdist' && filetype !== 'bdist_wheel') return bad('Invalid value for filetype. Error: Use a known file type.')
    if (sha256 && !/^[a-f0-9]{64}$/i.test(sha256))
      return bad('Invalid value for sha256_digest. Error: Use a valid, hex-encoded, SHA256 message digest.')
    if (filetype !== 'sdist' && !pyversion)
      return bad('Invalid value for pyversion. Error: Python version is required for binary distribution uploads.')
    if (filetype === 'sdist') {
      if (!pyversion) pyversion = 'source'
      else if (pyversion !== 'source') return bad("Invalid value for pyversion. Error: Use 'source' as Python version for an sdist.")
    }
    if (!md5 && !sha256 && !blake2) return bad('Error: Include at least one message digest.')

    // metadata.parse: Metadata-Version, Name, Version.
    const metadataVersion = field('metadata_version')
    const rawVersion = field('version')
    if (!metadataVersion) return bad(`'metadata_version' is a required field. ${CORE_METADATA}`)
    if (!['1.0', '1.1', '1.2', '2.0', '2.1', '2.2', '2.3', '2.4'].includes(metadataVersion)) {
      return bad(`${pyRepr(metadataVersion)} is not a valid metadata version. ${CORE_METADATA}`)
    }
    if (!rawVersion) return bad(`'version' is a required field. ${CORE_METADATA}`)
    const parsedVersion = parseVersion(rawVersion)
    if (!parsedVersion) return bad(`${pyRepr(rawVersion)} is invalid for 'version'. ${CORE_METADATA}`)
    const version = formatVersion(parsedVersion, false)
    if (parsedVersion.local) return bad(`The use of local versions in <Version(${pyRepr(version)})> is not allowed. ${CORE_METADATA}`)

    if (!content) return bad('Upload payload does not have a file.')
    const project = normalizeName(name)
    const projectName = displayNames.get(project) ?? name
    const filename = content.filename ?? ''

    // _validate_filename
    // eslint-disable-next-line no-control-regex
    if (/[\x00-\x1f\x7f]/.test(filename)) {
      return bad('Cannot upload a file with non-printable characters (ordinals 0-31) or the DEL character (ordinal 127) in the name.')
    }
    if (/[/\\]/.test(filename)) return bad("Cannot upload a file with '/' or '\\' in the name.")
    const ext = /.+?(\.(tar\.gz|zip|whl))$/i.exec(filename)
    if (!ext) {
      return bad(
        'Invalid file extension: Use .tar.gz, .whl or .zip extension. See https://www.python.org/dev/peps/pep-0527 and https://peps.python.org/pep-0715/ for more information'
      )
    }
    const allowed = filetype === 'sdist' ? ['.zip', '.tar.gz'] : ['.whl']
    if (!allowed.includes(ext[1])) {
      return bad(
        `Invalid file extension: Extension ${ext[1]} is invalid for filetype ${filetype}. See https://www.python.org/dev/peps/pep-0527 for more information.`
      )
    }
    if (content.contentType?.toLowerCase().startsWith('image/')) return bad('Invalid distribution file.')

    // Digests: every one given must match.
    const data = content.data
    const digest = hashes(data)
    const given: [string | undefined, string][] = [
      [md5, digest.md5],
      [sha256, digest.sha256],
      [blake2, digest.blake2_256]
    ]
    if (given.some(([g, actual]) => g && g.toLowerCase() !== actual)) {
      return bad('The digest supplied does not match a digest calculated from the uploaded file.')
    }

    // _is_duplicate_file: same name or same content already there.
    const existing = pypi.files.find((f) => f.filename === filename || f.blake2_256 === digest.blake2_256)
    if (existing) {
      if (existing.filename === filename && existing.sha256 === digest.sha256 && existing.blake2_256 === digest.blake2_256) {
        return send(ctx, 200, 'text/plain; charset=UTF-8', '')
      }
      return bad(
        `File already exists (${pyRepr(filename)}, with blake2_256 hash ${pyRepr(digest.blake2_256)}). See ${HELP}#file-name-reuse for more information.`
      )
    }

    const release = projectFiles(project).filter((f) => canonicalVersion(f.version) === canonicalVersion(version))
    if (filetype === 'sdist' && release.some((f) => f.filetype === 'sdist')) return bad('Only one sdist may be uploaded per release.')

    const [valid, why] = validDistFile(filename, data)
    if (!valid) return bad(`Invalid distribution file. ${why ?? 'None'}`)

    const underscored = project.replace(/-/g, '_')
    if (filetype === 'sdist') {
      const stem = filename.replace(/\.(tar\.gz|zip)$/i, '')
      const dash = stem.lastIndexOf('-')
      if (dash <= 0 || !parseVersion(stem.slice(dash + 1))) return bad(`Invalid source distribution filename: ${filename}`)
      if (normalizeName(stem.slice(0, dash)) !== project)
        return bad(`Start filename for ${pyRepr(projectName)} with ${pyRepr(underscored)}.`)
      const expected = `${underscored}-${version}.tar.gz`
      if (filename !== expected) return bad(`Filename ${pyRepr(filename)} is invalid, should be ${pyRepr(expected)}.`)
    } else {
      const parts5 = filename.slice(0, -4).split('-')
      if (parts5.length !== 5 && parts5.length !== 6) return bad(`Invalid wheel filename (wrong number of parts): ${filename.slice(0, -4)}`)
      const wheelVersion = parts5[1]
      if (!parseVersion(wheelVersion)) return bad(`Invalid wheel filename (invalid version): ${filename.slice(0, -4)}`)
      for (const platform of parts5[parts5.length - 1].split('.')) {
        if (!validPlatformTag(platform)) return bad(`Binary wheel ${pyRepr(filename)} has an unsupported platform tag ${pyRepr(platform)}.`)
      }
      if (normalizeName(parts5[0]) !== project) return bad(`Start filename for ${pyRepr(projectName)} with ${pyRepr(underscored)}.`)
      if (parts5[0] !== underscored) {
        return bad(
          `Filename ${pyRepr(filename)} should contain the normalized project name ${pyRepr(underscored)}, not ${pyRepr(parts5[0])}.`
        )
      }
      if (canonicalVersion(wheelVersion) !== canonicalVersion(version)) {
        return bad(`Version in filename should be ${pyRepr(version)} not ${pyRepr(normalizeVersion(wheelVersion) ?? wheelVersion)}.`)
      }
      const names = zipNames(data) ?? []
      const distInfo = `${parts5[0]}-${parts5[1]}.dist-info`
      if (!names.includes(`${distInfo}/RECORD`)) {
        return bad(`Wheel ${pyRepr(filename)} does not contain the required RECORD file: ${distInfo}/RECORD`)
      }
      if (!names.includes(`${distInfo}/METADATA`)) {
        return bad(`Wheel ${pyRepr(filename)} does not contain the required METADATA file: ${distInfo}/METADATA`)
      }
    }

    // PEP 740 (warehouse forklift + integrity service): only with trusted publishing, one per file, verified against the file
    let provenance: StoredFile['provenance']
    const attestationsField = field('attestations')
    if (attestationsField !== undefined) {
      const publisher = ctx.token ? publishers.get(ctx.token) : undefined
      if (!publisher)
        return bad('Invalid attestations supplied during upload: Attestations are only supported when using Trusted Publishing')
      const why = checkAttestations(attestationsField, filename, digest.sha256)
      if (typeof why === 'string') return bad(`Invalid attestations supplied during upload: ${why}`)
      provenance = { publisher, attestations: why }
    }

    const stored = store(project, name, rawVersion, filename, Buffer.from(data), {
      filetype,
      pythonVersion: pyversion,
      requiresPython: field('requires_python') ?? null,
      hiddenFor: Math.max(0, Math.floor(pypi.visibilityDelay))
    })
    if (provenance) stored.provenance = provenance
    send(ctx, 200, 'text/plain; charset=UTF-8', '')
  }

  /** warehouse's `parse_attestations`: the verified attestations, or the reason they are refused. */
  function checkAttestations(text: string, filename: string, sha256: string): unknown[] | string {
    let list: unknown
    try {
      list = JSON.parse(text)
    } catch {
      return 'Malformed attestations'
    }
    if (!Array.isArray(list) || list.length === 0) return 'Malformed attestations'
    if (list.length > 1) return 'Only a single attestation per file is supported.'
    const att = list[0] as {
      version?: unknown
      verification_material?: { certificate?: unknown; transparency_entries?: unknown }
      envelope?: { statement?: unknown; signature?: unknown }
    }
    const vm = att?.verification_material
    const env = att?.envelope
    if (
      att?.version !== 1 ||
      typeof vm?.certificate !== 'string' ||
      !Array.isArray(vm.transparency_entries) ||
      vm.transparency_entries.length === 0 ||
      typeof env?.statement !== 'string' ||
      typeof env.signature !== 'string'
    )
      return 'Malformed attestations'
    if (!pypi.verifyAttestation) return 'this index does not check attestations'
    try {
      pypi.verifyAttestation({
        mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
        verificationMaterial: {
          certificate: { rawBytes: vm.certificate },
          tlogEntries: vm.transparency_entries,
          timestampVerificationData: { rfc3161Timestamps: [] }
        },
        dsseEnvelope: {
          payload: env.statement,
          payloadType: 'application/vnd.in-toto+json',
          signatures: [{ sig: env.signature, keyid: '' }]
        }
      })
    } catch (err) {
      return `Could not verify the uploaded artifact using the included attestation: ${err instanceof Error ? err.message : String(err)}`
    }
    let statement: { subject?: { name?: unknown; digest?: { sha256?: unknown } }[]; predicateType?: unknown }
    try {
      statement = JSON.parse(Buffer.from(env.statement, 'base64').toString('utf8')) as typeof statement
    } catch {
      return 'Could not verify the uploaded artifact using the included attestation: invalid statement'
    }
    const subjects = statement.subject ?? []
    const why = 'Could not verify the uploaded artifact using the included attestation: Verification failed:'
    if (subjects.length !== 1) return `${why} too many subjects in statement (must be exactly one)`
    if (subjects[0].name !== filename) return `${why} subject does not match distribution name: ${String(subjects[0].name)} != ${filename}`
    if (subjects[0].digest?.sha256 !== sha256) return `${why} subject does not match distribution digest`
    if (
      statement.predicateType !== 'https://docs.pypi.org/attestations/publish/v1' &&
      statement.predicateType !== 'https://slsa.dev/provenance/v1'
    )
      return `Attestation with unsupported predicate type: ${String(statement.predicateType)}`
    return list
  }

  /** PEP 740's integrity API: `GET /integrity/<project>/<version>/<filename>/provenance`. */
  function provenanceOf(ctx: Ctx, project: string, version: string, filename: string): void {
    const file = pypi.files.find(
      (f) => f.project === normalizeName(project) && canonicalVersion(f.version) === canonicalVersion(version) && f.filename === filename
    )
    if (!file) return json(ctx, 404, { message: 'Not Found' })
    if (!file.provenance) return json(ctx, 404, { message: `No provenance available for ${filename}` })
    json(ctx, 200, {
      version: 1,
      attestation_bundles: [{ publisher: file.provenance.publisher, attestations: file.provenance.attestations }]
    })
  }

  // --- trusted publishing -----------------------------------------------------------------

  function oidcRoute(ctx: Ctx, path: string): void {
    if (!pypi.oidc.enabled) return notFound(ctx)
    const method = ctx.req.method
    if (path === '/_/oidc/audience' && (method === 'GET' || method === 'HEAD')) return json(ctx, 200, { audience: pypi.oidc.audience })
    if ((path === '/_/oidc/mint-token' || path === '/_/oidc/github/mint-token') && method === 'POST') return mintToken(ctx)
    if (path === '/_/oidc/burn-token' && method === 'POST') {
      try {
        const token = (JSON.parse(ctx.body.toString('utf8')) as { token?: unknown }).token
        if (typeof token === 'string' && pypi.oidc.mintedTokens.includes(token)) pypi.tokens.delete(token)
      } catch {
        // PyPI answers 202 whatever it was given.
      }
      return json(ctx, 202, {})
    }
    notFound(ctx)
  }

  /** warehouse's `mint_token_from_oidc`: 422 `{"message": "Token request failed", "errors": [...]}` on every refusal. */
  function mintToken(ctx: Ctx): void {
    const refuse = (code: string, description: string): void =>
      json(ctx, 422, { message: 'Token request failed', errors: [{ code, description }] })
    let jwt: unknown
    try {
      jwt = (JSON.parse(ctx.body.toString('utf8')) as { token?: unknown }).token
    } catch (err) {
      return refuse('invalid-payload', `1 validation error for TokenPayload\n  Invalid JSON: ${String(err)}`)
    }
    if (typeof jwt !== 'string') {
      return refuse(
        'invalid-payload',
        `1 validation error for TokenPayload\ntoken\n  ${jwt === undefined ? 'Field required' : 'Input should be a valid string'}`
      )
    }
    const claims = decodeJwt(jwt)
    if (!claims || typeof claims.iss !== 'string') return refuse('invalid-payload', 'malformed JWT')
    if (claims.iss !== GITHUB_ISSUER) return refuse('invalid-payload', 'unknown trusted publishing issuer')
    const now = Date.now() / 1000
    const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud]
    const expired = typeof claims.exp === 'number' && claims.exp < now
    if (!pypi.oidc.acceptedIdTokens.has(jwt) || !aud.includes(pypi.oidc.audience) || expired) {
      return refuse('invalid-token', 'malformed or invalid token')
    }
    if (typeof claims.jti === 'string' && usedJtis.has(claims.jti)) return refuse('invalid-reuse-token', 'invalid token: already used')
    const publisher = pypi.oidc.publisher
    if (publisher) {
      const workflow = /^[^/]+\/[^/]+\/\.github\/workflows\/([^@]+)@/.exec(String(claims.workflow_ref ?? ''))?.[1]
      const matches =
        String(claims.repository ?? '').toLowerCase() === publisher.repository.toLowerCase() &&
        workflow === publisher.workflow &&
        (!publisher.environment || String(claims.environment ?? '').toLowerCase() === publisher.environment.toLowerCase())
      if (!matches)
        return refuse('invalid-publisher', 'valid token, but no corresponding publisher (Publisher with matching claims was not found)')
    }
    if (typeof claims.jti === 'string') usedJtis.add(claims.jti)
    const token = `pypi-${crypto.randomBytes(48).toString('base64url')}`
    pypi.tokens.add(token)
    pypi.oidc.mintedTokens.push(token)
    const workflowFile = /^[^/]+\/[^/]+\/\.github\/workflows\/([^@]+)@/.exec(String(claims.workflow_ref ?? ''))?.[1] ?? ''
    publishers.set(token, {
      kind: 'GitHub',
      repository: String(claims.repository ?? ''),
      workflow: workflowFile,
      ...(claims.environment ? { environment: String(claims.environment) } : {})
    })
    json(ctx, 200, { success: true, token, expires: Math.floor(now) + 900 })
  }

  // --- the runner's ID-token endpoint -----------------------------------------------------

  function idToken(ctx: Ctx): void {
    const header = ctx.req.headers.authorization
    const bearer = header ? /^bearer\s+(\S+)$/i.exec(header)?.[1] : undefined
    ctx.rec.authorization = !header ? 'none' : bearer === pypi.idTokenRequestToken ? 'token' : 'bad'
    if (ctx.rec.authorization !== 'token') return json(ctx, 401, { message: 'Unauthorized' })
    const overrides = pypi.idTokenClaims
    const repository = String(overrides.repository ?? 'octo-org/dakora')
    const owner = String(overrides.repository_owner ?? repository.split('/')[0])
    const ref = String(overrides.ref ?? 'refs/heads/main')
    const environment = overrides.environment === undefined ? 'pypi' : String(overrides.environment)
    const sha = String(overrides.sha ?? '4f5c2e8d1b7a9c3e6f0d2b4a8c1e5f7a9b3d6c0e')
    const workflowRef = String(overrides.workflow_ref ?? `${repository}/.github/workflows/release.yml@${ref}`)
    const now = Math.floor(Date.now() / 1000)
    const claims: IdTokenClaims = {
      jti: crypto.randomUUID(),
      sub: environment ? `repo:${repository}:environment:${environment}` : `repo:${repository}:ref:${ref}`,
      aud: ctx.url.searchParams.get('audience') ?? `https://github.com/${owner}`,
      ref,
      sha,
      repository,
      repository_owner: owner,
      repository_owner_id: '1000001',
      repository_id: '2000002',
      repository_visibility: 'public',
      run_id: '3000003',
      run_number: '7',
      run_attempt: '1',
      runner_environment: 'github-hosted',
      actor: owner,
      actor_id: '1000001',
      workflow: 'Release',
      workflow_ref: workflowRef,
      workflow_sha: sha,
      job_workflow_ref: workflowRef,
      job_workflow_sha: sha,
      head_ref: '',
      base_ref: '',
      event_name: 'push',
      ref_type: ref.startsWith('refs/tags/') ? 'tag' : 'branch',
      ref_protected: 'true',
      ...(environment ? { environment } : {}),
      iss: GITHUB_ISSUER,
      nbf: now - 5,
      exp: now + 300,
      iat: now,
      ...overrides
    }
    if (!environment) delete claims.environment
    signingKey ??= crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey
    const input = `${b64url({ typ: 'JWT', alg: 'RS256', x5t: KEY_ID.slice(0, 27), kid: KEY_ID })}.${b64url(claims)}`
    const jwt = `${input}.${crypto.sign('sha256', Buffer.from(input), signingKey).toString('base64url')}`
    pypi.oidc.acceptedIdTokens.add(jwt)
    json(ctx, 200, { value: jwt })
  }

  // --- the handle -------------------------------------------------------------------------

  const pypi: PypiStandIn = {
    url: base,
    uploadUrl: `${base}/legacy/`,
    simpleUrl: `${base}/simple/`,
    idTokenUrl: `${base}/_runner/id-token?api-version=2.0`,
    idTokenRequestToken: crypto.randomBytes(24).toString('hex'),
    tokens: new Set(options.tokens ?? []),
    files: [],
    requests: [],
    visibilityDelay: options.visibilityDelay ?? 0,
    oidc: {
      audience: options.audience ?? 'pypi',
      acceptedIdTokens: new Set(),
      mintedTokens: [],
      publisher: options.publisher ?? null,
      enabled: true
    },
    idTokenClaims: { ...(options.idTokenClaims ?? {}) },
    missingAuth: options.missingAuth ?? 'forbid',
    verifyAttestation: options.verifyAttestation ?? null,
    addFile(project, version, filename, content, fileOptions = {}) {
      const data = Buffer.isBuffer(content) ? content : Buffer.from(content)
      const clash = pypi.files.find((f) => f.filename === filename)
      if (clash) {
        if (clash.sha256 === crypto.createHash('sha256').update(data).digest('hex')) return clash
        throw new Error(`addFile: ${filename} is already on the index with other content`)
      }
      return store(normalizeName(project), project, version, filename, data, { requiresPython: fileOptions.requiresPython ?? null })
    },
    failNext(prefix, status, count = 1) {
      failures.push({ prefix, status, count })
    },
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
    }
  }
  return pypi
}
