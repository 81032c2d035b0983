/** The GitHub REST API (releases, the repository) through the one HTTP seam. */
import { PyshipError } from '../errors.js'
import { create, isObject, nextLink, redact, request, shape, type HttpOptions, type HttpResponse, type Shape } from './http.js'

export interface Release {
  id: number
  tag_name: string
  target_commitish: string
  name: string | null
  body: string | null
  draft: boolean
  prerelease: boolean
  html_url: string
  /** Where its assets are uploaded: `https://uploads.github.com/repos/o/r/releases/1/assets{?name,label}`. */
  upload_url?: string
}

/** A file attached to a release (GitHub's `release-asset`). */
export interface ReleaseAsset {
  id: number
  name: string
  size: number
  /** `sha256:<hex>`, or null where GitHub gives none. */
  digest: string | null
  /** `uploaded`; `open` (or `starter`) for an upload that never finished. */
  state: string
  browser_download_url: string
  content_type: string
}

export interface ReleaseFields {
  tag_name?: string
  target_commitish?: string
  name?: string
  body?: string
  draft?: boolean
  prerelease?: boolean
  make_latest?: 'true' | 'false' | 'legacy'
}

const isRelease = (v: unknown): boolean =>
  isObject(v) &&
  typeof v.id === 'number' &&
  typeof v.tag_name === 'string' &&
  typeof v.draft === 'boolean' &&
  typeof v.prerelease === 'boolean' &&
  typeof v.html_url === 'string'
const RELEASE = shape<Release>('a release', isRelease)
const RELEASES = shape<Release[]>('a list of releases', (v) => Array.isArray(v) && v.every(isRelease))
const REPOSITORY = shape<{ default_branch: string; html_url: string }>(
  'a repository',
  (v) => isObject(v) && typeof v.default_branch === 'string'
)
const isAsset = (v: unknown): boolean =>
  isObject(v) && typeof v.id === 'number' && typeof v.name === 'string' && typeof v.size === 'number' && typeof v.state === 'string'
const ASSET = shape<ReleaseAsset>('a release asset', isAsset)
const ASSETS = shape<ReleaseAsset[]>('a list of release assets', (v) => Array.isArray(v) && v.every(isAsset))
const NOTES = shape<{ body: string }>('generated release notes', (v) => isObject(v) && typeof v.body === 'string')

/** A git ref as GitHub answers it (`git-ref`). */
export interface GitRef {
  ref: string
  object: { sha: string; type: string }
}

/** A commit of the Git Data API (`git-commit`). */
export interface GitCommit {
  sha: string
  tree: { sha: string }
  parents: { sha: string }[]
  message: string
  verification?: { verified: boolean; reason: string }
}

/** A file of a tree to create: its path, mode and blob (null: the file is deleted). */
export interface TreeEntry {
  path: string
  mode: '100644' | '100755' | '120000'
  sha: string | null
}

/** A pull request, as pyship reads it. */
export interface PullRequest {
  number: number
  html_url: string
  state: string
  title: string
  body: string | null
  head: { ref: string; sha: string }
  base: { ref: string }
}

export interface PullFields {
  title: string
  body: string
}

const isSha = (v: unknown): boolean => isObject(v) && typeof v.sha === 'string'
const REF = shape<GitRef>('a git ref', (v) => isObject(v) && typeof v.ref === 'string' && isSha(v.object))
const SHA = shape<{ sha: string }>('a git object', isSha)
const GIT_COMMIT = shape<GitCommit>(
  'a git commit',
  (v) => isSha(v) && isObject(v) && isSha(v.tree) && Array.isArray(v.parents) && v.parents.every(isSha)
)
const isPull = (v: unknown): boolean =>
  isObject(v) &&
  typeof v.number === 'number' &&
  typeof v.html_url === 'string' &&
  typeof v.state === 'string' &&
  isObject(v.head) &&
  typeof v.head.ref === 'string' &&
  isObject(v.base) &&
  typeof v.base.ref === 'string'
const PULL = shape<PullRequest>('a pull request', isPull)
const PULLS = shape<PullRequest[]>('a list of pull requests', (v) => Array.isArray(v) && v.every(isPull))

/** Pages of a list GitHub may answer before pyship suspects a loop (100 per page). */
const MAX_PAGES = 1000

export class GitHub {
  private readonly base: string

  constructor(
    readonly apiUrl: string,
    readonly repository: string,
    private readonly token: string
  ) {
    this.base = apiUrl.replace(/\/+$/, '')
  }

  protected options(method: string, body?: unknown): HttpOptions {
    if (!this.token) {
      throw new PyshipError('E_GITHUB_DENIED', 'no GitHub token: set the `github-token` input (or GITHUB_TOKEN for the CLI)')
    }
    return {
      service: 'GitHub',
      method,
      json: method !== 'DELETE',
      headers: {
        accept: 'application/vnd.github+json',
        authorization: `Bearer ${this.token}`,
        'x-github-api-version': '2022-11-28',
        ...(body === undefined ? {} : { 'content-type': 'application/json' })
      },
      body: body === undefined ? undefined : JSON.stringify(body)
    }
  }

  /** 401/403 that are not rate limits (the seam waits those out) mean the token may not do this. */
  protected judge(method: string, url: string, res: HttpResponse, ok: number[]): HttpResponse {
    if (res.status === 401 || res.status === 403) {
      throw new PyshipError('E_GITHUB_DENIED', `GitHub refused ${method} ${redact(url)}: ${res.status} ${safeMessage(res)}`)
    }
    if (!ok.includes(res.status)) {
      throw new PyshipError('E_GITHUB_DENIED', `GitHub answered ${method} ${redact(url)} with ${res.status}: ${safeMessage(res)}`)
    }
    return res
  }

  protected url(path: string): string {
    return `${this.base}/repos/${this.repository}${path}`
  }

  /** A request whose answer must have one of the `ok` statuses (401/403: E_GITHUB_DENIED). */
  protected send(method: string, path: string, ok: number[], body?: unknown, extra: Partial<HttpOptions> = {}): Promise<HttpResponse> {
    return this.expect(method, path, ok, body, extra)
  }

  private async expect(
    method: string,
    path: string,
    ok: number[],
    body?: unknown,
    extra: Partial<HttpOptions> = {}
  ): Promise<HttpResponse> {
    const url = this.url(path)
    return this.judge(method, url, await request(url, { ...this.options(method, body), ...extra }), ok)
  }

  async repo(): Promise<{ default_branch: string; html_url: string }> {
    const url = this.url('')
    const res = await request(url, this.options('GET'))
    if (res.status === 404) throw new PyshipError('E_GITHUB_DENIED', `repository ${this.repository} is not visible with this token (404)`)
    return this.judge('GET', url, res, [200]).json(REPOSITORY)
  }

  /** Every release, drafts included (drafts are only visible to writers), to the last page. */
  releases(): Promise<Release[]> {
    return this.list('/releases', RELEASES)
  }

  /** Every asset of a release, to the last page. */
  assets(releaseId: number): Promise<ReleaseAsset[]> {
    return this.list(`/releases/${releaseId}/assets`, ASSETS)
  }

  /** A list read to its last page (`Link: rel="next"`), never following a page to another host with the token. */
  protected async list<T>(path: string, what: Shape<T[]>): Promise<T[]> {
    const all: T[] = []
    let url: string | null = this.url(`${path}${path.includes('?') ? '&' : '?'}per_page=100`)
    const seen = new Set<string>()
    while (url) {
      if (seen.has(url) || seen.size >= MAX_PAGES) {
        throw new PyshipError(
          'E_NETWORK',
          `GitHub's pages of ${redact(this.url(path))} do not end (page ${seen.size + 1}); a re-run resumes where this one stopped`
        )
      }
      seen.add(url)
      const res = this.judge('GET', url, await request(url, this.options('GET')), [200])
      all.push(...res.json(what))
      url = nextLink(res.headers.get('link'), url)
      // the token goes only where it came from
      if (url && new URL(url).origin !== new URL(this.base).origin) {
        throw new PyshipError(
          'E_NETWORK',
          `GitHub's next page of ${redact(this.url(path))} is on another host (${redact(url)}); not followed with the token; a re-run resumes where this one stopped`
        )
      }
    }
    return all
  }

  /**
   * The upload endpoint of a release (its `upload_url` template without `{?name,label}`),
   * with the asset's name. The token goes only to GitHub: the API's own host, or GitHub's
   * upload host for the API at api.github.com (`uploads.github.com`).
   */
  uploadUrl(release: Release, name: string): string {
    const template = release.upload_url ?? ''
    const url = template.replace(/\{[^}]*\}$/, '')
    const api = new URL(this.base)
    let target: URL
    try {
      target = new URL(url)
    } catch {
      throw new PyshipError('E_NETWORK', `GitHub gave release ${release.id} no upload URL (${JSON.stringify(template.slice(0, 80))})`)
    }
    const trusted =
      target.origin === api.origin ||
      (target.hostname === api.hostname && target.protocol === api.protocol) ||
      (api.hostname === 'api.github.com' && target.hostname === 'uploads.github.com' && target.protocol === 'https:')
    if (!trusted) {
      throw new PyshipError(
        'E_NETWORK',
        `GitHub gave release ${release.id} an upload URL on another host (${redact(url)}); the token is not sent there`
      )
    }
    target.searchParams.set('name', name)
    return target.toString()
  }

  /**
   * Attach a file to a release (`POST …/releases/{id}/assets?name=`, the uploads host). A
   * POST creates something, so it is never sent twice blindly: after an answer is lost the
   * release's assets are listed, and a complete asset of that name and size is adopted.
   * A 422 (`already_exists`) means the name is taken: E_TAG_EXISTS naming the asset.
   */
  uploadAsset(
    release: Release,
    file: { name: string; size: number; contentType: string; body: Uint8Array | (() => NodeJS.ReadableStream) }
  ): Promise<ReleaseAsset> {
    const url = this.uploadUrl(release, file.name)
    const options: HttpOptions = {
      ...this.options('POST'),
      json: true,
      headers: { ...this.options('POST').headers, 'content-type': file.contentType, 'content-length': String(file.size) },
      body: file.body
    }
    return create(
      url,
      options,
      (res) => {
        if (res.status === 422 && /already_exists/.test(res.text)) {
          throw new PyshipError('E_TAG_EXISTS', `release ${release.tag_name} already has an asset named ${file.name}`, {
            hint: 'Another upload of the same name got there first; re-run: the release resumes and compares what is there.'
          })
        }
        return this.judge('POST', url, res, [201]).json(ASSET)
      },
      async () =>
        (await this.assets(release.id)).find((a) => a.name === file.name && a.size === file.size && a.state === 'uploaded') ?? null
    )
  }

  /** Remove an asset (an upload that never finished, before it is sent again). */
  async deleteAsset(id: number): Promise<void> {
    await this.expect('DELETE', `/releases/assets/${id}`, [204, 404])
  }

  /** The bytes of an asset (`Accept: application/octet-stream`: GitHub redirects to its storage; the token is not sent there). */
  async downloadAsset(id: number): Promise<string> {
    const url = this.url(`/releases/assets/${id}`)
    const options = this.options('GET')
    const res = await request(url, { ...options, json: false, headers: { ...options.headers, accept: 'application/octet-stream' } })
    return this.judge('GET', url, res, [200]).text
  }

  /**
   * A draft (or release) for a tag. POST creates something, so it is never sent twice
   * blindly: when an answer is lost, the releases are listed and the one this request
   * made (same tag, commit, name and draft state) is adopted instead of creating another.
   */
  createRelease(fields: ReleaseFields & { tag_name: string }): Promise<Release> {
    const url = this.url('/releases')
    const mine = (r: Release): boolean =>
      r.tag_name === fields.tag_name &&
      (fields.target_commitish === undefined || r.target_commitish === fields.target_commitish) &&
      (fields.name === undefined || r.name === fields.name) &&
      r.draft === (fields.draft ?? false)
    return create(
      url,
      this.options('POST', fields),
      (res) => this.judge('POST', url, res, [201]).json(RELEASE),
      async () => (await this.releases()).find(mine) ?? null
    )
  }

  /** PATCH sets fields to values: repeating it changes nothing, so it may be retried. */
  async updateRelease(id: number, fields: ReleaseFields): Promise<Release> {
    return (await this.expect('PATCH', `/releases/${id}`, [200], fields, { idempotent: true })).json(RELEASE)
  }

  async deleteRelease(id: number): Promise<void> {
    await this.expect('DELETE', `/releases/${id}`, [204, 404])
  }

  /** Generated notes (a POST that creates nothing: safe to repeat). */
  async generateNotes(tag: string, target: string, previousTag?: string): Promise<string> {
    const res = await this.expect(
      'POST',
      '/releases/generate-notes',
      [200],
      { tag_name: tag, target_commitish: target, ...(previousTag ? { previous_tag_name: previousTag } : {}) },
      { idempotent: true }
    )
    return res.json(NOTES).body
  }

  /**
   * Store a Sigstore bundle as an artifact attestation (`POST …/attestations`, needs
   * `attestations: write`); returns its id. A POST creates something, so after a lost answer
   * the attestations of `subjectDigest` are read, and the very same bundle, if there, is adopted.
   */
  createAttestation(bundle: unknown, subjectDigest: string): Promise<number> {
    const url = this.url('/attestations')
    const signature = (b: unknown): string => JSON.stringify((b as { dsseEnvelope?: unknown } | null)?.dsseEnvelope ?? null)
    return create(
      url,
      this.options('POST', { bundle }),
      (res) => {
        if (res.status === 403) throw attestationsDenied(res)
        return this.judge('POST', url, res, [201]).json(ATTESTATION_ID).id ?? 0
      },
      async () => ((await this.attestations(subjectDigest)).some((a) => signature(a.bundle) === signature(bundle)) ? 0 : null)
    )
  }

  /** The artifact attestations of `digest` (`sha256:<hex>`), optionally of one predicate type; none is []. */
  async attestations(digest: string, predicateType?: string): Promise<StoredAttestation[]> {
    const query = predicateType ? `&predicate_type=${encodeURIComponent(predicateType)}` : ''
    const url = this.url(`/attestations/${digest}?per_page=100${query}`)
    const res = await request(url, this.options('GET'))
    if (res.status === 404) return []
    return this.judge('GET', url, res, [200]).json(ATTESTATIONS).attestations ?? []
  }

  /**
   * Whether the token may store attestations, without storing one: a POST of an empty bundle.
   * GitHub checks the token's `attestations: write` before it reads the body (403 "Resource not
   * accessible by integration"); with the permission it refuses the empty bundle (4xx) and
   * stores nothing. Returns the refusal, or null when the permission is there.
   */
  async attestationsWritable(): Promise<PyshipError | null> {
    const url = this.url('/attestations')
    const res = await request(url, { ...this.options('POST', { bundle: {} }), idempotent: true })
    if (res.status === 403 && !/rate limit/i.test(safeMessage(res))) return attestationsDenied(res)
    if (res.status === 401) return new PyshipError('E_GITHUB_DENIED', `GitHub refused the token (401): ${safeMessage(res)}`)
    // a 5xx never gets here: the seam sends the probe again and, when every attempt fails, throws E_NETWORK itself
    return null
  }
}

export interface StoredAttestation {
  bundle: unknown
  repository_id?: number
  bundle_url?: string
}

const ATTESTATION_ID = shape<{ id?: number }>('an attestation id', isObject)
const ATTESTATIONS = shape<{ attestations?: StoredAttestation[] }>(
  'a list of attestations',
  (v) => isObject(v) && (v.attestations === undefined || (Array.isArray(v.attestations) && v.attestations.every(isObject)))
)

/** The token lacks `attestations: write`: named, with the permissions block to add. */
function attestationsDenied(res: HttpResponse): PyshipError {
  return new PyshipError(
    'E_GITHUB_DENIED',
    `GitHub refused to store build provenance (403 ${safeMessage(res)}): the job lacks \`attestations: write\``,
    {
      hint: 'Give the release job `permissions: attestations: write` and `id-token: write` (beside `contents: write`), or set `provenance: false`.'
    }
  )
}

/**
 * The Git Data API and pull requests: what a release pull request is made of. Blobs, trees
 * and commits are content-addressed (sending one twice makes the same object), so they
 * are retried like reads; a ref or a pull request is created through `create()`, whose
 * look-up adopts what an answer lost on the way made.
 */
export class GitHubData extends GitHub {
  /** A ref (`heads/pyship/release`), or null when GitHub has none. */
  async ref(ref: string): Promise<GitRef | null> {
    const res = await this.send('GET', `/git/ref/${ref}`, [200, 404])
    return res.status === 404 ? null : res.json(REF)
  }

  /** A blob of these bytes (base64: any file, BOM and line endings kept). */
  async blob(bytes: Uint8Array): Promise<string> {
    const body = { content: Buffer.from(bytes).toString('base64'), encoding: 'base64' }
    return (await this.send('POST', '/git/blobs', [201], body, { idempotent: true })).json(SHA).sha
  }

  /** A tree: `base` with these files set (or deleted). */
  async tree(base: string, entries: TreeEntry[]): Promise<string> {
    const tree = entries.map((e) => ({ path: e.path, mode: e.mode, type: 'blob', sha: e.sha }))
    return (await this.send('POST', '/git/trees', [201], { base_tree: base, tree }, { idempotent: true })).json(SHA).sha
  }

  /** A commit made by GitHub (no author, committer or signature given: GitHub signs it). */
  async commit(message: string, tree: string, parents: string[]): Promise<GitCommit> {
    return (await this.send('POST', '/git/commits', [201], { message, tree, parents }, { idempotent: true })).json(GIT_COMMIT)
  }

  /** GitHub has this commit (it was pushed). */
  async hasCommit(sha: string): Promise<boolean> {
    return (await this.send('GET', `/git/commits/${sha}`, [200, 404, 422])).status === 200
  }

  async gitCommit(sha: string): Promise<GitCommit> {
    return (await this.send('GET', `/git/commits/${sha}`, [200])).json(GIT_COMMIT)
  }

  /** Point a branch at a commit: create it, or move it there whatever it held (a force push). */
  async setBranch(branch: string, sha: string, exists: boolean): Promise<void> {
    if (exists) {
      await this.send('PATCH', `/git/refs/heads/${branch}`, [200], { sha, force: true }, { idempotent: true })
      return
    }
    const ref = `refs/heads/${branch}`
    const url = this.url('/git/refs')
    await create(
      url,
      this.options('POST', { ref, sha }),
      (res) => this.judge('POST', url, res, [201]).json(REF),
      async () => {
        const found = await this.ref(`heads/${branch}`)
        return found?.object.sha === sha ? found : null
      }
    )
  }

  /** The open pull request of a branch of this repository, if any. */
  async openPull(branch: string): Promise<PullRequest | null> {
    const owner = this.repository.split('/')[0]
    const head = encodeURIComponent(`${owner}:${branch}`)
    const pulls = await this.list(`/pulls?state=open&head=${head}`, PULLS)
    return pulls.find((p) => p.head.ref === branch) ?? null
  }

  /** Open a pull request; after a lost answer, the one it opened is adopted (never a second one). */
  createPull(branch: string, base: string, fields: PullFields): Promise<PullRequest> {
    const url = this.url('/pulls')
    return create(
      url,
      this.options('POST', { ...fields, head: branch, base }),
      (res) => this.judge('POST', url, res, [201]).json(PULL),
      () => this.openPull(branch)
    )
  }

  /** PATCH sets fields to values: safe to repeat. */
  async updatePull(number: number, fields: PullFields & { base?: string }): Promise<PullRequest> {
    return (await this.send('PATCH', `/pulls/${number}`, [200], fields, { idempotent: true })).json(PULL)
  }
}

function safeMessage(res: HttpResponse): string {
  try {
    const body = JSON.parse(res.text) as { message?: unknown }
    return String(body?.message ?? '').slice(0, 200)
  } catch {
    return res.text.slice(0, 200).split('\n')[0]
  }
}
