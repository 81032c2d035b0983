/**
 * A local stand-in for the GitHub REST API (releases, git refs/tags, the repository),
 * for tests that run the action or the CLI against it through `GITHUB_API_URL` and
 * `GITHUB_REPOSITORY=owner/repo` — never through test-only code paths.
 *
 *   const gh = await startGithub({ owner: 'acme', repo: 'orbit', bareRepo: repos.bare })
 *   env.GITHUB_API_URL = gh.url; env.GITHUB_REPOSITORY = 'acme/orbit'; env.INPUT_GITHUB-TOKEN = gh.token
 *   … run the action …
 *   expect(gh.violations).toEqual([])
 *   await gh.close()
 *
 * Every request is checked against GitHub's published OpenAPI description (the
 * dereferenced `api.github.com.deref.json` of `@octokit/openapi`, loaded once per process
 * — once per jest test file, since jest isolates module registries): the operation must
 * exist (method + path template), path parameters, query parameters and the JSON body
 * must match their schemas, and a `User-Agent` header must be present. Anything else is
 * answered the way GitHub answers it (404, 400, 422, 403) and recorded in `violations`
 * with a message naming the request and the schema rule, so a test asserting
 * `violations` is empty catches a client that only works against a lenient fake. Every
 * answer is also checked against the operation's response schema (`responseViolations`),
 * so the stand-in cannot drift from what a client written for real GitHub expects.
 *
 * Git state lives in `bareRepo` (the repository that is `origin`): tags created by
 * publishing a release are written there with `git update-ref`, and the refs/tags
 * endpoints read and delete refs there. All git calls use argument arrays.
 *
 * Modelled on real GitHub (docs.github.com/rest/releases/releases, /rest/git/refs,
 * /rest/git/tags, /rest/commits/commits, and the description's own texts):
 * - `make_latest` defaults to "true" for a newly published, non-prerelease release (as
 *   the description says); "false" leaves the latest alone; "legacy" recomputes it as the
 *   published non-prerelease release with the newest `created_at`, ties broken by the
 *   higher version in the tag, then the higher id ("creation date and higher semantic
 *   version"). Drafts and prereleases are never latest; when the latest release is
 *   deleted, unpublished or made a prerelease, the legacy rule picks the next one. With no
 *   latest release, `GET …/releases/latest` is 404.
 * - Several drafts may share a tag (GitHub allows it); a published release may not share
 *   its tag with another published release (422 `already_exists`).
 * - Drafts are listed only for writers, and `GET …/releases/tags/{tag}` never finds them.
 * - `created_at` is the time the release object was created (GitHub documents it as the
 *   commit date for "latest" purposes; the stand-in uses creation time, ties by id).
 * - Git data (docs.github.com/rest/git): blobs, trees (on a `base_tree`) and commits are
 *   written into `bareRepo`; a commit made without a `committer` or `signature` is
 *   committed and signed by GitHub (`verification.verified: true`, reason `valid`), as
 *   GitHub does for commits made through the API with an app's or the job's token.
 * - Pull requests (docs.github.com/rest/pulls): one open pull request per head and base
 *   (422 "A pull request already exists for owner:branch."), none without commits beyond
 *   its base; `mergePull()` merges one as the web button does.
 */
import { execFileSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import { createRequire } from 'node:module'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'

// ajv-formats is CommonJS: under NodeNext its default import is the module object type.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default

// ---------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------

/** A release as the stand-in stores it; the JSON answered for it is this plus defaults. */
export interface ReleaseRecord {
  id: number
  tag_name: string
  target_commitish: string
  name: string | null
  body: string | null
  draft: boolean
  prerelease: boolean
  created_at: string
  published_at: string | null
  html_url: string
  upload_url: string
  url: string
  assets: unknown[]
  author: object
  node_id: string
  tarball_url: string | null
  zipball_url: string | null
  immutable?: boolean
  /** Defaults to `${url}/assets` in answers. */
  assets_url?: string
  /** Defaults to `published_at ?? created_at` in answers. */
  updated_at?: string | null
}

/** A pull request as the stand-in stores it (head and base are branch names of this repository). */
export interface PullRecord {
  id: number
  number: number
  title: string
  body: string | null
  head: string
  base: string
  state: 'open' | 'closed'
  draft: boolean
  merged: boolean
  merge_commit_sha: string | null
  created_at: string
  updated_at: string
  closed_at: string | null
  merged_at: string | null
}

/** One request as the stand-in saw it, after it was answered. */
export interface RecordedRequest {
  method: string
  /** The URL path, percent-decoded (`/repos/o/r/git/refs/tags/v1` even when sent as `tags%2Fv1`). */
  path: string
  query: Record<string, string>
  status: number
  /** The parsed JSON body (the raw text when it was not JSON). */
  body?: unknown
  /** The OpenAPI operation the request matched, e.g. `repos/create-release`. */
  operationId?: string
  /** A binary body (an asset upload): its length and SHA-256 (hex). */
  bytes?: { length: number; sha256: string; contentType: string | null }
  /** The request's headers (names in lower case). */
  headers?: http.IncomingHttpHeaders
}

/** A file attached to a release (`repos/upload-release-asset`), with its bytes. */
export interface AssetRecord {
  id: number
  name: string
  label: string | null
  state: 'uploaded' | 'open'
  content_type: string
  size: number
  digest: string | null
  created_at: string
  data: Buffer
}

export interface GithubStandIn {
  /** The value for GITHUB_API_URL: `http://127.0.0.1:PORT`. */
  url: string
  owner: string
  repo: string
  /** A token with `contents: write`. */
  token: string
  /** A valid token that may only read: writes get 403 "Resource not accessible by integration". */
  readOnlyToken: string
  defaultBranch: string
  /** Every release, drafts included, in creation order. Tests may inspect or edit it. */
  releases: ReleaseRecord[]
  /** The id of the repository's "latest" release (null: none). */
  latestReleaseId: number | null
  /** Client mistakes: requests GitHub would refuse or that do not match the description. */
  violations: string[]
  /** Stand-in mistakes: answers that do not match the operation's response schema. */
  responseViolations: string[]
  requests: RecordedRequest[]
  /** Pull requests, in creation order (`pulls/create`); tests may inspect or edit them. */
  pulls: PullRecord[]
  /** Commits made through `git/create-commit` that GitHub signed (no custom committer or signature): `verification.verified` is true. */
  signedCommits: Set<string>
  /**
   * The repository's (or organization's) "Allow GitHub Actions to create and approve pull
   * requests" setting (default true). When false, `pulls/create` with the token is 403
   * "GitHub Actions is not permitted to create or approve pull requests." as on GitHub.
   */
  actionsMayCreatePullRequests: boolean
  /** Merge an open pull request (no HTTP): a merge commit of its head onto its base, as the "Merge pull request" button makes it. Returns the merge commit. */
  mergePull(number: number): string
  /** Called after each answer has been written (tests kill the client at chosen moments). */
  onRequest?: (request: RecordedRequest) => void
  /** Answer the next `count` (default 1) requests whose decoded path starts with `prefix` with `status` (429 carries `retry-after: 1`), or with `'reset'`: the connection is destroyed without an answer (recorded with status 0). */
  failNext(prefix: string, status: number | 'reset', count?: number): void
  /** Create a release directly (no HTTP, same rules as `POST …/releases`); throws when GitHub would refuse it. */
  seedRelease(fields: CreateReleaseFields): ReleaseRecord
  /** The assets of a release (by id), in upload order; tests may inspect or edit them. */
  assetsOf(releaseId: number): AssetRecord[]
  /** Attach a file directly (no HTTP), as an upload would; `state: 'open'` models an upload that never finished. */
  seedAsset(
    releaseId: number,
    name: string,
    data: Buffer | string,
    options?: { state?: 'uploaded' | 'open'; digest?: boolean }
  ): AssetRecord
  /**
   * Artifact attestations stored through `POST …/attestations` (GitHub's build provenance), in
   * order, each with the subject digests (`sha256:<hex>`) its statement names; tests may edit them.
   */
  attestations: AttestationRecord[]
  /** The token's `attestations: write` (default true); false: POST …/attestations answers 403 as GitHub does. */
  attestationsWrite: boolean
  /** Checks a bundle before it is stored (GitHub verifies each one): throws → 422. Set to the Sigstore stand-in's verify. */
  verifyBundle?: (bundle: unknown) => void
  close(): Promise<void>
}

/** One stored artifact attestation. */
export interface AttestationRecord {
  id: number
  bundle: Record<string, unknown>
  /** `sha256:<hex>` of every subject of its statement (what `GET …/attestations/{digest}` finds it by). */
  subjects: string[]
  predicateType: string
}

/** The subject digests and predicate type of a bundle's in-toto statement; null when it holds none. */
export function statementOfBundle(bundle: unknown): { subjects: string[]; predicateType: string } | null {
  try {
    const envelope = (bundle as { dsseEnvelope?: { payload?: unknown; payloadType?: unknown } }).dsseEnvelope
    if (!envelope || envelope.payloadType !== 'application/vnd.in-toto+json' || typeof envelope.payload !== 'string') return null
    const statement = JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8')) as {
      subject?: { digest?: { sha256?: string } }[]
      predicateType?: string
    }
    const subjects = (statement.subject ?? []).map((x) => x.digest?.sha256).filter((d): d is string => typeof d === 'string')
    if (subjects.length === 0 || typeof statement.predicateType !== 'string') return null
    return { subjects: subjects.map((d) => `sha256:${d}`), predicateType: statement.predicateType }
  } catch {
    return null
  }
}

/** The fields of `POST /repos/{owner}/{repo}/releases` that the stand-in honours. */
export interface CreateReleaseFields {
  tag_name: string
  target_commitish?: string
  name?: string
  body?: string
  draft?: boolean
  prerelease?: boolean
  make_latest?: 'true' | 'false' | 'legacy'
  generate_release_notes?: boolean
}

export interface StartGithubOptions {
  owner?: string
  repo?: string
  defaultBranch?: string
  /** Path of the local bare git repository that is `origin`; without it, git endpoints answer 404. */
  bareRepo?: string
  /** The web host in `html_url`s (GITHUB_SERVER_URL); default `https://github.com`. */
  serverUrl?: string
  /**
   * Model a repository with immutable releases: releases become `immutable` when
   * published; only their name and body may change; their tag cannot be deleted while the
   * release exists; and a deleted immutable release's tag name can never be published again
   * (422 "tag_name was used by an immutable release").
   */
  immutableReleases?: boolean
}

/** The OpenAPI description in use, and how long it took to load. */
export interface GithubDescription {
  file: string
  /** The description's `info.version` (the `@octokit/openapi` version). */
  version: string
  loadMs: number
  document: OpenApiDocument
}

/** REST API versions GitHub accepts in `X-GitHub-Api-Version`; others get 400. */
export const SUPPORTED_API_VERSIONS = ['2022-11-28', '2026-03-10']

// ---------------------------------------------------------------------------------------
// The OpenAPI description
// ---------------------------------------------------------------------------------------

type SchemaObject = Record<string, unknown>
type HttpMethod = 'get' | 'put' | 'post' | 'delete' | 'options' | 'head' | 'patch' | 'trace'
const METHODS: HttpMethod[] = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']

interface ParameterObject {
  name: string
  in: 'path' | 'query' | 'header' | 'cookie'
  required?: boolean
  schema?: SchemaObject
  'x-multi-segment'?: boolean
}
interface MediaTypeObject {
  schema?: SchemaObject
}
interface ResponseObject {
  content?: Record<string, MediaTypeObject>
}
interface OperationObject {
  operationId?: string
  parameters?: ParameterObject[]
  requestBody?: { required?: boolean; content?: Record<string, MediaTypeObject> }
  responses?: Record<string, ResponseObject>
  externalDocs?: { url?: string }
}
type PathItem = Partial<Record<HttpMethod, OperationObject>> & { parameters?: ParameterObject[] }

export interface OpenApiDocument {
  openapi: string
  info: { version: string }
  paths: Record<string, PathItem>
  components?: { schemas?: Record<string, SchemaObject> }
}

let description: GithubDescription | undefined

/**
 * GitHub's OpenAPI description for api.github.com, dereferenced (no `$ref`s), read from
 * `@octokit/openapi` on first use and cached for the rest of the process.
 */
export function githubDescription(): GithubDescription {
  if (!description) {
    const require = createRequire(import.meta.url)
    const file = require.resolve('@octokit/openapi/generated/api.github.com.deref.json')
    const started = performance.now()
    const document = JSON.parse(fs.readFileSync(file, 'utf8')) as OpenApiDocument
    description = { file, version: document.info.version, loadMs: Math.round(performance.now() - started), document }
  }
  return description
}

interface Route {
  template: string
  regex: RegExp
  names: string[]
  literals: number
  multi: number
  item: PathItem
}

let routes: Route[] | undefined

/** Every path template as a regex, most specific (most literal segments) first. */
function routeIndex(): Route[] {
  if (routes) return routes
  const list: Route[] = []
  for (const [template, item] of Object.entries(githubDescription().document.paths)) {
    const multiNames = new Set<string>()
    for (const parameter of allParameters(item)) if (parameter.in === 'path' && parameter['x-multi-segment']) multiNames.add(parameter.name)
    const names: string[] = []
    let literals = 0
    let multi = 0
    const pattern = template
      .split('/')
      .map((segment) => {
        if (!segment.includes('{')) {
          if (segment) literals++
          return escapeRegex(segment)
        }
        return segment
          .split(/(\{[^}]+\})/)
          .map((part) => {
            const name = /^\{([^}]+)\}$/.exec(part)?.[1]
            if (!name) return escapeRegex(part)
            names.push(name)
            if (multiNames.has(name)) {
              multi++
              return '(.+?)'
            }
            return '([^/]+)'
          })
          .join('')
      })
      .join('/')
    list.push({ template, regex: new RegExp(`^${pattern}$`), names, literals, multi, item })
  }
  list.sort((a, b) => b.literals - a.literals || a.multi - b.multi || a.names.length - b.names.length)
  routes = list
  return list
}

function allParameters(item: PathItem): ParameterObject[] {
  const out = [...(item.parameters ?? [])]
  for (const method of METHODS) out.push(...(item[method]?.parameters ?? []))
  return out
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** The path template and decoded path parameters for a raw URL path, if any template matches. */
export function matchRoute(rawPath: string): { template: string; item: PathItem; params: Record<string, string> } | undefined {
  for (const route of routeIndex()) {
    const m = route.regex.exec(rawPath)
    if (!m) continue
    const params: Record<string, string> = {}
    try {
      route.names.forEach((name, i) => (params[name] = decodeURIComponent(m[i + 1])))
    } catch {
      continue
    }
    return { template: route.template, item: route.item, params }
  }
  return undefined
}

/**
 * OpenAPI 3.0 schema → JSON Schema for ajv: `nullable` becomes a type union (or an
 * `anyOf` with null), `oneOf` becomes `anyOf` (GitHub's description has overlapping
 * branches, e.g. simple-user | empty-object), boolean `exclusiveMinimum`/`Maximum` become
 * numbers, and annotations (`example`, `discriminator`, `x-*`…) are dropped.
 */
export function toJsonSchema(schema: unknown): unknown {
  if (typeof schema !== 'object' || schema === null) return schema
  if (Array.isArray(schema)) return schema.map(toJsonSchema)
  const source = schema as SchemaObject
  const out: SchemaObject = {}
  const branches: unknown[][] = []
  for (const [key, value] of Object.entries(source)) {
    switch (key) {
      case 'properties':
      case 'patternProperties':
        out[key] = Object.fromEntries(Object.entries(value as SchemaObject).map(([k, v]) => [k, toJsonSchema(v)]))
        break
      case 'items':
      case 'not':
      case 'additionalProperties':
        out[key] = toJsonSchema(value)
        break
      case 'allOf':
        out.allOf = (value as unknown[]).map(toJsonSchema)
        break
      case 'anyOf':
      case 'oneOf':
        branches.push((value as unknown[]).map(toJsonSchema))
        break
      case 'type':
      case 'enum':
      case 'const':
      case 'required':
      case 'format':
      case 'minimum':
      case 'maximum':
      case 'multipleOf':
      case 'minLength':
      case 'maxLength':
      case 'pattern':
      case 'minItems':
      case 'maxItems':
      case 'uniqueItems':
      case 'minProperties':
      case 'maxProperties':
        out[key] = value
        break
      case 'exclusiveMinimum':
      case 'exclusiveMaximum': {
        const bound = key === 'exclusiveMinimum' ? 'minimum' : 'maximum'
        if (typeof value === 'number') out[key] = value
        else if (value === true && typeof source[bound] === 'number') out[key] = source[bound]
        break
      }
      default:
        break // annotations: description, title, example, default, readOnly, discriminator, x-*…
    }
  }
  if (typeof source.exclusiveMinimum === 'boolean' && source.exclusiveMinimum) delete out.minimum
  if (typeof source.exclusiveMaximum === 'boolean' && source.exclusiveMaximum) delete out.maximum
  if (branches.length === 1) out.anyOf = branches[0]
  else if (branches.length > 1) out.allOf = [...((out.allOf as unknown[]) ?? []), ...branches.map((anyOf) => ({ anyOf }))]
  if (source.nullable === true) {
    if (typeof out.type === 'string' && !out.anyOf && !out.allOf) {
      out.type = [out.type, 'null']
      if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null]
      return out
    }
    return { anyOf: [{ type: 'null' }, out] }
  }
  return out
}

function makeAjv(coerceTypes: boolean): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true, coerceTypes, unicodeRegExp: false, logger: false })
  addFormats(ajv)
  return ajv
}

let bodyAjv: Ajv | undefined
let paramAjv: Ajv | undefined
const compiled = new WeakMap<object, ValidateFunction>()

function validator(schema: SchemaObject, params = false): ValidateFunction {
  let fn = compiled.get(schema)
  if (!fn) {
    const ajv = params ? (paramAjv ??= makeAjv(true)) : (bodyAjv ??= makeAjv(false))
    fn = ajv.compile(toJsonSchema(schema) as SchemaObject)
    compiled.set(schema, fn)
  }
  return fn
}

/** The (cached) object schema of an operation's parameters in one location. */
const parameterSchemas = new WeakMap<object, Partial<Record<'path' | 'query', SchemaObject>>>()
function parameterSchema(operation: OperationObject, item: PathItem, where: 'path' | 'query'): SchemaObject {
  let entry = parameterSchemas.get(operation)
  if (!entry) parameterSchemas.set(operation, (entry = {}))
  let schema = entry[where]
  if (!schema) {
    const parameters = [...(item.parameters ?? []), ...(operation.parameters ?? [])].filter((p) => p.in === where)
    schema = {
      type: 'object',
      properties: Object.fromEntries(parameters.map((p) => [p.name, p.schema ?? {}])),
      required: parameters.filter((p) => p.required).map((p) => p.name)
    }
    entry[where] = schema
  }
  return schema
}

function describeErrors(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .map((e) => {
      const where = e.instancePath || '(root)'
      const extra = e.keyword === 'enum' ? ` ${JSON.stringify((e.params as { allowedValues: unknown[] }).allowedValues)}` : ''
      return `${where} ${e.message}${extra} (schema rule ${e.schemaPath})`
    })
    .join('; ')
}

/** GitHub's own wording for a body that fails its schema ("Invalid request.\n\nFor 'properties/draft', \"yes\" is not a boolean."). */
function githubSchemaMessage(errors: ErrorObject[] | null | undefined, body: unknown): string {
  const lines = (errors ?? []).map((e) => {
    const segments = e.instancePath.split('/').slice(1)
    const pointer = segments.map((s) => (/^\d+$/.test(s) ? `items/${s}` : `properties/${s}`)).join('/')
    if (e.keyword === 'required') return `"${(e.params as { missingProperty: string }).missingProperty}" wasn't supplied.`
    const value = segments.reduce<unknown>((v, s) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[s] : undefined), body)
    if (e.keyword === 'type') {
      const type = String((e.params as { type: string }).type).split(',')[0]
      const article = /^[aeiou]/.test(type) ? 'an' : 'a'
      return `For '${pointer}', ${JSON.stringify(value)} is not ${article} ${type}.`
    }
    if (e.keyword === 'enum')
      return `For '${pointer}', ${JSON.stringify(value)} is not a member of ${JSON.stringify((e.params as { allowedValues: unknown[] }).allowedValues)}.`
    return `Invalid property ${e.instancePath || '/'}: ${e.message}.`
  })
  return `Invalid request.\n\n${[...new Set(lines)].join('\n')}`
}

/**
 * Problems of one answer against the operation's response schema (empty: it matches).
 * `path` is the raw URL path of the request. Undeclared error statuses are checked against
 * GitHub's `basic-error`; an undeclared success status is a problem.
 */
export function checkResponse(method: string, path: string, status: number, body: unknown): string[] {
  const match = matchRoute(path.replace(/\?.*/, ''))
  const operation = match?.item[method.toLowerCase() as HttpMethod]
  if (!match || !operation) {
    if (status < 400) return [`${method} ${path}: no such operation in the description, yet answered ${status}`]
    const validate = validator(githubDescription().document.components?.schemas?.['basic-error'] ?? {})
    return validate(body) ? [] : [`${method} ${path} answered ${status}: the body is not a basic-error: ${describeErrors(validate.errors)}`]
  }
  const label = `${method} ${path} (${operation.operationId}) answered ${status}`
  const responses = operation.responses ?? {}
  const declared = responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default
  let schema: SchemaObject | undefined
  if (declared) {
    schema = declared.content?.['application/json']?.schema
    if (!declared.content && status < 400)
      return body === undefined || body === '' ? [] : [`${label}: the description declares no body, but one was sent`]
  }
  if (!schema && status >= 400) {
    // GitHub sends its basic error object even where the description declares no content.
    schema = githubDescription().document.components?.schemas?.['basic-error']
  } else if (!declared) {
    return [`${label}: status ${status} is not declared (declared: ${Object.keys(responses).join(', ')})`]
  }
  if (!schema) return []
  const validate = validator(schema)
  return validate(body) ? [] : [`${label}: the body does not match the response schema: ${describeErrors(validate.errors)}`]
}

// ---------------------------------------------------------------------------------------
// The server
// ---------------------------------------------------------------------------------------

interface Answer {
  status: number
  body?: unknown
  /** Raw bytes (an asset download, application/octet-stream). */
  raw?: Buffer
  /** A non-JSON body (text/plain). */
  text?: string
  headers?: Record<string, string>
}

interface Context {
  method: string
  rawPath: string
  path: string
  query: Record<string, string>
  params: Record<string, string>
  body: unknown
  operation: OperationObject
  writer: boolean
  docs: string
  /** The raw body of an asset upload. */
  bytes?: Buffer
  contentType?: string
  accept?: string
}

const ZERO_SHA = '0000000000000000000000000000000000000000'
const BOT_USER = 'github-actions[bot]'
const BOT_ID = 41898282
let nextReleaseId = 180000001
let nextAssetId = 260000001
let nextPullId = 1900000001

function isoNow(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z')
}

function isoFromGit(date: string): string {
  return new Date(date).toISOString().replace(/\.\d{3}Z$/, 'Z')
}

function randomToken(): string {
  return `ghs_${crypto.randomBytes(18).toString('base64url').replace(/[-_]/g, 'x').slice(0, 36)}`
}

/** Compare the first dotted number run of two tags (`cli-v1.10.0` > `cli-v1.9.2`). */
function compareTagVersions(a: string, b: string): number {
  const nums = (tag: string): number[] => (/\d+(?:\.\d+)*/.exec(tag)?.[0] ?? '').split('.').filter(Boolean).map(Number)
  const x = nums(a)
  const y = nums(b)
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? -1) - (y[i] ?? -1)
    if (d) return d
  }
  return 0
}

function urlPath(text: string): string {
  return encodeURIComponent(text).replace(/%2F/gi, '/')
}

class Stand implements GithubStandIn {
  url = ''
  token = randomToken()
  readOnlyToken = randomToken()
  releases: ReleaseRecord[] = []
  latestReleaseId: number | null = null
  violations: string[] = []
  responseViolations: string[] = []
  requests: RecordedRequest[] = []
  pulls: PullRecord[] = []
  signedCommits = new Set<string>()
  actionsMayCreatePullRequests = true
  attestations: AttestationRecord[] = []
  attestationsWrite = true
  verifyBundle?: (bundle: unknown) => void
  onRequest?: (request: RecordedRequest) => void
  readonly owner: string
  readonly repo: string
  readonly defaultBranch: string
  private readonly bareRepo?: string
  private readonly serverUrl: string
  private readonly immutableReleases: boolean
  private readonly server: http.Server
  private readonly failures: { prefix: string; status: number | 'reset'; remaining: number }[] = []
  private readonly untagged = new Map<number, string>()
  private readonly burnedTags = new Set<string>()
  private readonly assetStore = new Map<number, AssetRecord[]>()
  private readonly repoId: number
  private requestCount = 0

  constructor(options: StartGithubOptions) {
    this.owner = options.owner ?? 'owner'
    this.repo = options.repo ?? 'repo'
    this.defaultBranch = options.defaultBranch ?? 'main'
    this.bareRepo = options.bareRepo
    this.serverUrl = (options.serverUrl ?? 'https://github.com').replace(/\/$/, '')
    this.immutableReleases = options.immutableReleases ?? false
    this.repoId = parseInt(crypto.createHash('sha1').update(`${this.owner}/${this.repo}`).digest('hex').slice(0, 7), 16)
    this.server = http.createServer((req, res) => this.handle(req, res))
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject)
      this.server.listen(0, '127.0.0.1', () => resolve())
    })
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
  }

  failNext(prefix: string, status: number | 'reset', count = 1): void {
    this.failures.push({ prefix, status, remaining: count })
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve())
      this.server.closeAllConnections()
    })
  }

  seedRelease(fields: CreateReleaseFields): ReleaseRecord {
    const answer = this.createRelease(fields, 'https://docs.github.com/rest/releases/releases#create-a-release')
    if (answer.status !== 201) throw new Error(`seedRelease(${JSON.stringify(fields)}): ${answer.status} ${JSON.stringify(answer.body)}`)
    return this.releases.find((r) => r.id === (answer.body as { id: number }).id)!
  }

  assetsOf(releaseId: number): AssetRecord[] {
    let list = this.assetStore.get(releaseId)
    if (!list) this.assetStore.set(releaseId, (list = []))
    return list
  }

  seedAsset(
    releaseId: number,
    name: string,
    data: Buffer | string,
    options: { state?: 'uploaded' | 'open'; digest?: boolean } = {}
  ): AssetRecord {
    if (!this.releases.some((r) => r.id === releaseId)) throw new Error(`seedAsset: no release ${releaseId}`)
    const bytes = Buffer.isBuffer(data) ? data : Buffer.from(data, 'utf8')
    const asset: AssetRecord = {
      id: nextAssetId++,
      name,
      label: null,
      state: options.state ?? 'uploaded',
      content_type: 'application/octet-stream',
      size: bytes.length,
      digest: options.digest === false ? null : `sha256:${crypto.createHash('sha256').update(bytes).digest('hex')}`,
      created_at: isoNow(),
      data: bytes
    }
    this.assetsOf(releaseId).push(asset)
    return asset
  }

  // -------------------------------------------------------------------------------------
  // Request pipeline
  // -------------------------------------------------------------------------------------

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      if (this.takeReset(req)) return
      let answer: Answer
      let record: RecordedRequest
      try {
        ;({ answer, record } = this.process(req, Buffer.concat(chunks)))
      } catch (error) {
        const message = error instanceof Error ? (error.stack ?? error.message) : String(error)
        this.responseViolations.push(`${req.method} ${req.url}: the stand-in crashed: ${message}`)
        answer = { status: 500, body: { message: 'Server Error' } }
        record = { method: req.method ?? 'GET', path: req.url ?? '/', query: {}, status: 500 }
      }
      record.status = answer.status
      this.requests.push(record)
      this.send(res, answer, () => {
        try {
          this.onRequest?.(record)
        } catch (error) {
          this.violations.push(`onRequest threw after ${record.method} ${record.path}: ${String(error)}`)
        }
      })
    })
  }

  private send(res: http.ServerResponse, answer: Answer, done: () => void): void {
    this.requestCount++
    const headers: Record<string, string> = {
      'x-github-request-id': `${crypto.randomBytes(4).toString('hex').toUpperCase()}:${this.requestCount}`,
      'x-github-media-type': 'github.v3; format=json',
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': String(Math.max(0, 5000 - this.requestCount)),
      'x-ratelimit-used': String(this.requestCount),
      'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
      'x-ratelimit-resource': 'core',
      ...answer.headers
    }
    let payload: string | Buffer = ''
    if (answer.raw !== undefined) {
      headers['content-type'] = 'application/octet-stream'
      payload = answer.raw
    } else if (answer.text !== undefined) {
      headers['content-type'] = 'text/plain; charset=utf-8'
      payload = answer.text
    } else if (answer.body !== undefined) {
      headers['content-type'] = 'application/json; charset=utf-8'
      payload = JSON.stringify(answer.body)
    }
    headers['content-length'] = String(Buffer.byteLength(payload))
    res.writeHead(answer.status, headers)
    res.end(payload, done)
  }

  private process(req: http.IncomingMessage, rawBytes: Buffer): { answer: Answer; record: RecordedRequest } {
    // an asset's bytes: the storage GitHub redirects downloads to (a signed URL, outside the REST API)
    const storage = /^\/_storage\/assets\/(\d+)$/.exec(new URL(req.url ?? '/', 'http://stand-in').pathname)
    if (storage) {
      const asset = [...this.assetStore.values()].flat().find((a) => a.id === Number(storage[1]))
      const record: RecordedRequest = { method: req.method ?? 'GET', path: storage[0], query: {}, status: asset ? 200 : 404 }
      return { record, answer: asset ? { status: 200, raw: asset.data } : { status: 404, text: 'Not Found' } }
    }
    // an upload's body is the file itself (application/octet-stream), never parsed as JSON
    const binary = /^\/repos\/[^/]+\/[^/]+\/releases\/\d+\/assets$/.test(new URL(req.url ?? '/', 'http://stand-in').pathname)
    const rawBody = binary ? '' : rawBytes.toString('utf8')
    const method = (req.method ?? 'GET').toUpperCase()
    const url = new URL(req.url ?? '/', 'http://stand-in')
    const rawPath = url.pathname
    let path = rawPath
    try {
      path = decodeURIComponent(rawPath)
    } catch {
      // keep the raw path
    }
    const query = Object.fromEntries(url.searchParams)
    const record: RecordedRequest = { method, path, query, status: 0, headers: req.headers }
    if (binary && rawBytes.length > 0) {
      record.bytes = {
        length: rawBytes.length,
        sha256: crypto.createHash('sha256').update(rawBytes).digest('hex'),
        contentType: req.headers['content-type'] ?? null
      }
    }
    let body: unknown
    let bodyError: string | undefined
    if (rawBody.length > 0) {
      try {
        body = JSON.parse(rawBody)
      } catch (error) {
        body = rawBody
        bodyError = (error as Error).message
      }
      record.body = body
    }
    const label = `${method} ${path}`
    const violation = (text: string): void => void this.violations.push(text)

    // Headers GitHub insists on.
    if (!req.headers['user-agent']) {
      violation(`${label}: no User-Agent header (GitHub refuses such requests with 403)`)
      return {
        record,
        answer: {
          status: 403,
          text:
            'Request forbidden by administrative rules. Please make sure your request has a User-Agent header ' +
            '(https://docs.github.com/en/rest/overview/resources-in-the-rest-api#user-agent-required). ' +
            'Check https://developer.github.com for other possible causes.\n'
        }
      }
    }
    const version = req.headers['x-github-api-version']
    if (typeof version === 'string' && !SUPPORTED_API_VERSIONS.includes(version)) {
      violation(`${label}: X-GitHub-Api-Version ${version} is not supported (supported: ${SUPPORTED_API_VERSIONS.join(', ')})`)
      return {
        record,
        answer: this.error(400, `API version ${version} is not supported.`, 'https://docs.github.com/rest/about-the-rest-api/api-versions')
      }
    }

    // The operation.
    const match = matchRoute(rawPath)
    const operation = match?.item[method.toLowerCase() as HttpMethod]
    if (!match || !operation) {
      violation(
        match
          ? `${label}: the description has no ${method} operation for ${match.template} (it has: ${METHODS.filter((m) => match.item[m])
              .join(', ')
              .toUpperCase()})`
          : `${label}: no path in GitHub's REST description matches this URL (unknown route)`
      )
      const failure = this.takeFailure(path)
      return { record, answer: failure ?? this.error(404, 'Not Found', 'https://docs.github.com/rest') }
    }
    record.operationId = operation.operationId
    const docs = operation.externalDocs?.url ?? 'https://docs.github.com/rest'
    const where = `${label} (${operation.operationId})`

    // Validation against the description (recorded now, answered after auth like GitHub).
    let invalid: Answer | undefined
    const pathCheck = validator(parameterSchema(operation, match.item, 'path'), true)
    if (!pathCheck({ ...match.params })) {
      violation(`${where}: path parameters do not match ${match.template}: ${describeErrors(pathCheck.errors)}`)
      invalid = this.error(404, 'Not Found', docs)
    }
    const queryCheck = validator(parameterSchema(operation, match.item, 'query'), true)
    const coercedQuery: Record<string, unknown> = { ...query }
    if (!invalid && !queryCheck(coercedQuery)) {
      violation(`${where}: query parameters do not match the description: ${describeErrors(queryCheck.errors)}`)
      invalid = this.error(422, `Invalid request.\n\n${describeErrors(queryCheck.errors)}`, docs)
    }
    const requestBody = operation.requestBody
    const bodySchema = requestBody?.content?.['application/json']?.schema
    if (!invalid && bodyError !== undefined) {
      violation(`${where}: the body is not JSON (${bodyError})`)
      invalid = this.error(400, 'Problems parsing JSON', docs)
    } else if (!invalid && body === undefined && requestBody?.required) {
      violation(`${where}: the operation requires a JSON body and none was sent`)
      invalid = this.error(400, 'Problems parsing JSON', docs)
    } else if (!invalid && body !== undefined && bodySchema) {
      const bodyCheck = validator(bodySchema)
      if (!bodyCheck(body)) {
        violation(`${where}: the request body does not match the operation's requestBody schema: ${describeErrors(bodyCheck.errors)}`)
        invalid = this.error(422, githubSchemaMessage(bodyCheck.errors, body), docs)
      }
    } else if (!invalid && body !== undefined && !requestBody && method !== 'GET' && method !== 'DELETE') {
      violation(`${where}: a body was sent, but the operation takes none`)
    }

    const failure = this.takeFailure(path)
    if (failure) return { record, answer: failure }

    // Authentication and authorization.
    const authorization = req.headers.authorization ?? ''
    const token = /^(?:token|bearer)\s+(\S+)$/i.exec(authorization)?.[1]
    if (!authorization) {
      return { record, answer: this.error(401, 'Requires authentication', docs) }
    }
    if (token !== this.token && token !== this.readOnlyToken) {
      return { record, answer: this.error(401, 'Bad credentials', 'https://docs.github.com/rest') }
    }
    const writer = token === this.token
    if (
      match.params.owner !== undefined &&
      (match.params.owner.toLowerCase() !== this.owner.toLowerCase() || match.params.repo?.toLowerCase() !== this.repo.toLowerCase())
    ) {
      return { record, answer: this.error(404, 'Not Found', docs) }
    }
    if (!writer && method !== 'GET' && method !== 'HEAD') {
      return { record, answer: this.error(403, 'Resource not accessible by integration', docs) }
    }
    if (invalid) return { record, answer: invalid }

    if (binary && method === 'POST' && !req.headers['content-type']) {
      violation(`${where}: an asset upload without Content-Type (GitHub requires the file's media type)`)
      return { record, answer: this.error(422, 'Bad Content-Type header value', docs) }
    }
    const context: Context = {
      method,
      rawPath,
      path,
      query,
      params: match.params,
      body,
      operation,
      writer,
      docs,
      bytes: binary ? rawBytes : undefined,
      contentType: req.headers['content-type'],
      accept: req.headers.accept
    }
    const answer = this.dispatch(context)
    if (!answer) {
      violation(`${where}: a valid GitHub operation, but the stand-in does not implement it (answered 404)`)
      return { record, answer: this.error(404, 'Not Found', docs) }
    }
    for (const problem of checkResponse(method, rawPath, answer.status, answer.body)) this.responseViolations.push(problem)
    return { record, answer }
  }

  private takeFailure(path: string): Answer | undefined {
    const failure = this.failures.find((f) => f.remaining > 0 && path.startsWith(f.prefix))
    if (!failure || failure.status === 'reset') return undefined
    failure.remaining--
    const headers: Record<string, string> = failure.status === 429 ? { 'retry-after': '1' } : {}
    return { status: failure.status, body: { message: failure.status === 429 ? 'API rate limit exceeded' : 'Server Error' }, headers }
  }

  /** A `failNext(prefix, 'reset')`: the connection is destroyed without an answer (recorded with status 0). */
  private takeReset(req: http.IncomingMessage): boolean {
    const url = new URL(req.url ?? '/', 'http://stand-in')
    // failures are taken in the order they were asked for: a reset only when it is the next one
    const failure = this.failures.find((f) => f.remaining > 0 && url.pathname.startsWith(f.prefix))
    if (failure?.status !== 'reset') return false
    failure.remaining--
    this.requests.push({
      method: (req.method ?? 'GET').toUpperCase(),
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      status: 0
    })
    req.socket.destroy()
    return true
  }

  private error(status: number, message: string, documentation_url: string, extra: Record<string, unknown> = {}): Answer {
    return { status, body: { message, ...extra, documentation_url, status: String(status) } }
  }

  private validationFailed(docs: string, errors: Record<string, unknown>[]): Answer {
    return this.error(422, 'Validation Failed', docs, { errors })
  }

  private dispatch(c: Context): Answer | undefined {
    this.syncTags()
    switch (c.operation.operationId) {
      case 'repos/get':
        return { status: 200, body: this.repository(c.writer) }
      case 'repos/list-releases':
        return this.listReleases(c)
      case 'repos/get-release': {
        const release = this.releases.find((r) => r.id === Number(c.params.release_id))
        return release && (c.writer || !release.draft)
          ? { status: 200, body: this.releaseJson(release) }
          : this.error(404, 'Not Found', c.docs)
      }
      case 'repos/get-release-by-tag': {
        const release = this.releases.find((r) => !r.draft && r.tag_name === c.params.tag)
        return release ? { status: 200, body: this.releaseJson(release) } : this.error(404, 'Not Found', c.docs)
      }
      case 'repos/get-latest-release': {
        const release = this.releases.find((r) => r.id === this.latestReleaseId && !r.draft && !r.prerelease)
        return release ? { status: 200, body: this.releaseJson(release) } : this.error(404, 'Not Found', c.docs)
      }
      case 'repos/create-release':
        return this.createRelease(c.body as CreateReleaseFields, c.docs)
      case 'repos/update-release':
        return this.updateRelease(c)
      case 'repos/delete-release':
        return this.deleteRelease(c)
      case 'repos/generate-release-notes':
        return this.generateNotesAnswer(c)
      case 'repos/upload-release-asset':
        return this.uploadAsset(c)
      case 'repos/list-release-assets': {
        const release = this.releases.find((r) => r.id === Number(c.params.release_id))
        if (!release || (!c.writer && release.draft)) return this.error(404, 'Not Found', c.docs)
        return this.page(
          c,
          this.assetsOf(release.id).map((a) => this.assetJson(release, a))
        )
      }
      case 'repos/get-release-asset':
        return this.getAsset(c)
      case 'repos/delete-release-asset': {
        for (const list of this.assetStore.values()) {
          const i = list.findIndex((a) => a.id === Number(c.params.asset_id))
          if (i >= 0) {
            list.splice(i, 1)
            return { status: 204 }
          }
        }
        return this.error(404, 'Not Found', c.docs)
      }
      case 'git/get-ref':
        return this.getRef(c)
      case 'git/list-matching-refs':
        return this.matchingRefs(c)
      case 'git/create-ref':
        return this.createRef(c)
      case 'git/update-ref':
        return this.updateRef(c)
      case 'git/delete-ref':
        return this.deleteRef(c)
      case 'git/get-tag':
        return this.getTag(c)
      case 'repos/get-commit':
        return this.getCommit(c)
      case 'git/create-blob':
        return this.createBlob(c)
      case 'git/create-tree':
        return this.createTree(c)
      case 'git/create-commit':
        return this.createCommit(c)
      case 'git/get-commit':
        return this.gitCommitAnswer(c.params.commit_sha, c.docs)
      case 'pulls/list':
        return this.listPulls(c)
      case 'pulls/get': {
        const pull = this.pulls.find((p) => p.number === Number(c.params.pull_number))
        return pull ? { status: 200, body: this.pullJson(pull) } : this.error(404, 'Not Found', c.docs)
      }
      case 'pulls/create':
        return this.createPull(c)
      case 'pulls/update':
        return this.updatePull(c)
      case 'repos/create-attestation':
        return this.createAttestation(c)
      case 'repos/list-attestations':
        return this.listAttestations(c)
      default:
        return undefined
    }
  }

  /**
   * `POST …/attestations`: GitHub checks the token's `attestations: write` first (403), then
   * the bundle — an in-toto statement, signed and logged (`verifyBundle`) — else 422.
   */
  private createAttestation(c: Context): Answer {
    if (!this.attestationsWrite) return this.error(403, 'Resource not accessible by integration', c.docs)
    const bundle = (c.body as { bundle?: Record<string, unknown> }).bundle ?? {}
    const statement = statementOfBundle(bundle)
    if (!statement) return this.error(422, 'Invalid bundle: no in-toto statement with a subject', c.docs)
    try {
      this.verifyBundle?.(bundle)
    } catch (error) {
      return this.error(422, `Invalid bundle: ${String((error as Error).message ?? error).slice(0, 200)}`, c.docs)
    }
    const id = 1000 + this.attestations.length + 1
    this.attestations.push({ id, bundle, ...statement })
    return { status: 201, body: { id } }
  }

  /** `GET …/attestations/{subject_digest}` (optionally of one `predicate_type`), newest first. */
  private listAttestations(c: Context): Answer {
    const digest = c.params.subject_digest
    const type = c.query.predicate_type
    const found = this.attestations
      .filter((a) => a.subjects.includes(digest) && (!type || a.predicateType === type))
      .reverse()
      .slice(0, Number(c.query.per_page ?? 30))
      .map((a) => ({ bundle: a.bundle, repository_id: this.repoId, bundle_url: `${this.api}/attestations/${a.id}/bundle` }))
    return { status: 200, body: { attestations: found } }
  }

  // -------------------------------------------------------------------------------------
  // JSON shapes
  // -------------------------------------------------------------------------------------

  private get api(): string {
    return `${this.url}/repos/${this.owner}/${this.repo}`
  }

  private get web(): string {
    return `${this.serverUrl}/${this.owner}/${this.repo}`
  }

  private user(login: string, id: number, type: string): Record<string, unknown> {
    const api = `${this.url}/users/${encodeURIComponent(login)}`
    return {
      login,
      id,
      node_id: `MDQ6VXNlcj${Buffer.from(String(id)).toString('base64')}`,
      avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
      gravatar_id: '',
      url: api,
      html_url: `${this.serverUrl}/${encodeURIComponent(login)}`,
      followers_url: `${api}/followers`,
      following_url: `${api}/following{/other_user}`,
      gists_url: `${api}/gists{/gist_id}`,
      starred_url: `${api}/starred{/owner}{/repo}`,
      subscriptions_url: `${api}/subscriptions`,
      organizations_url: `${api}/orgs`,
      repos_url: `${api}/repos`,
      events_url: `${api}/events{/privacy}`,
      received_events_url: `${api}/received_events`,
      type,
      user_view_type: 'public',
      site_admin: false
    }
  }

  private repository(writer: boolean): Record<string, unknown> {
    const api = this.api
    const created = '2024-01-15T09:00:00Z'
    return {
      id: this.repoId,
      node_id: `R_kgDO${Buffer.from(String(this.repoId)).toString('base64')}`,
      name: this.repo,
      full_name: `${this.owner}/${this.repo}`,
      private: true,
      owner: this.user(this.owner, 9919, 'Organization'),
      html_url: this.web,
      description: null,
      fork: false,
      url: api,
      archive_url: `${api}/{archive_format}{/ref}`,
      assignees_url: `${api}/assignees{/user}`,
      blobs_url: `${api}/git/blobs{/sha}`,
      branches_url: `${api}/branches{/branch}`,
      collaborators_url: `${api}/collaborators{/collaborator}`,
      comments_url: `${api}/comments{/number}`,
      commits_url: `${api}/commits{/sha}`,
      compare_url: `${api}/compare/{base}...{head}`,
      contents_url: `${api}/contents/{+path}`,
      contributors_url: `${api}/contributors`,
      deployments_url: `${api}/deployments`,
      downloads_url: `${api}/downloads`,
      events_url: `${api}/events`,
      forks_url: `${api}/forks`,
      git_commits_url: `${api}/git/commits{/sha}`,
      git_refs_url: `${api}/git/refs{/sha}`,
      git_tags_url: `${api}/git/tags{/sha}`,
      git_url: `git://github.com/${this.owner}/${this.repo}.git`,
      issue_comment_url: `${api}/issues/comments{/number}`,
      issue_events_url: `${api}/issues/events{/number}`,
      issues_url: `${api}/issues{/number}`,
      keys_url: `${api}/keys{/key_id}`,
      labels_url: `${api}/labels{/name}`,
      languages_url: `${api}/languages`,
      merges_url: `${api}/merges`,
      milestones_url: `${api}/milestones{/number}`,
      notifications_url: `${api}/notifications{?since,all,participating}`,
      pulls_url: `${api}/pulls{/number}`,
      releases_url: `${api}/releases{/id}`,
      ssh_url: `git@github.com:${this.owner}/${this.repo}.git`,
      stargazers_url: `${api}/stargazers`,
      statuses_url: `${api}/statuses/{sha}`,
      subscribers_url: `${api}/subscribers`,
      subscription_url: `${api}/subscription`,
      tags_url: `${api}/tags`,
      teams_url: `${api}/teams`,
      trees_url: `${api}/git/trees{/sha}`,
      clone_url: `${this.web}.git`,
      mirror_url: null,
      hooks_url: `${api}/hooks`,
      svn_url: this.web,
      homepage: null,
      language: 'Python',
      forks_count: 0,
      stargazers_count: 0,
      watchers_count: 0,
      size: 128,
      default_branch: this.defaultBranch,
      open_issues_count: 0,
      is_template: false,
      topics: [],
      has_issues: true,
      has_projects: true,
      has_wiki: false,
      has_pages: false,
      has_downloads: true,
      has_discussions: false,
      archived: false,
      disabled: false,
      visibility: 'private',
      pushed_at: isoNow(),
      created_at: created,
      updated_at: created,
      permissions: { admin: false, maintain: false, push: writer, triage: writer, pull: true },
      allow_forking: false,
      web_commit_signoff_required: false,
      license: null,
      forks: 0,
      open_issues: 0,
      watchers: 0,
      network_count: 0,
      subscribers_count: 1
    }
  }

  private releaseJson(r: ReleaseRecord): Record<string, unknown> {
    return {
      ...r,
      assets: this.assetsOf(r.id).map((a) => this.assetJson(r, a)),
      assets_url: r.assets_url ?? `${r.url}/assets`,
      updated_at: r.updated_at ?? r.published_at ?? r.created_at,
      immutable: r.immutable ?? false
    }
  }

  /** Recompute the URLs that depend on the tag and the draft state. */
  private refreshUrls(r: ReleaseRecord): void {
    const published = !r.draft
    const tagPart = published ? urlPath(r.tag_name) : `untagged-${this.untagged.get(r.id) ?? ''}`
    r.html_url = `${this.web}/releases/tag/${tagPart}`
    r.tarball_url = published ? `${this.api}/tarball/${urlPath(r.tag_name)}` : null
    r.zipball_url = published ? `${this.api}/zipball/${urlPath(r.tag_name)}` : null
  }

  // -------------------------------------------------------------------------------------
  // Releases
  // -------------------------------------------------------------------------------------

  private newest(a: ReleaseRecord, b: ReleaseRecord): number {
    return b.created_at.localeCompare(a.created_at) || b.id - a.id
  }

  private listReleases(c: Context): Answer {
    const visible = this.releases.filter((r) => c.writer || !r.draft).sort((a, b) => this.newest(a, b))
    return this.page(
      c,
      visible.map((r) => this.releaseJson(r))
    )
  }

  /** One page of `all` (`per_page`, `page`, and GitHub's `Link` header). */
  private page(c: Context, all: unknown[]): Answer {
    const perPage = Math.min(100, Math.max(1, Number(c.query.per_page ?? 30) || 30))
    const page = Math.max(1, Number(c.query.page ?? 1) || 1)
    const last = Math.max(1, Math.ceil(all.length / perPage))
    const headers: Record<string, string> = {}
    if (last > 1) {
      const link = (p: number, rel: string): string => {
        const q = new URLSearchParams({ ...c.query, per_page: String(perPage), page: String(p) })
        return `<${this.url}${c.rawPath}?${q}>; rel="${rel}"`
      }
      const parts: string[] = []
      if (page > 1) parts.push(link(Math.min(page - 1, last), 'prev'))
      if (page < last) parts.push(link(page + 1, 'next'), link(last, 'last'))
      if (page > 1) parts.push(link(1, 'first'))
      headers.link = parts.join(', ')
    }
    return { status: 200, body: all.slice((page - 1) * perPage, page * perPage), headers }
  }

  // -------------------------------------------------------------------------------------
  // Release assets (docs.github.com/rest/releases/assets)
  // -------------------------------------------------------------------------------------

  private assetJson(release: ReleaseRecord, a: AssetRecord): Record<string, unknown> {
    const tagPart = release.draft ? `untagged-${this.untagged.get(release.id) ?? ''}` : urlPath(release.tag_name)
    return {
      url: `${this.api}/releases/assets/${a.id}`,
      browser_download_url: `${this.web}/releases/download/${tagPart}/${encodeURIComponent(a.name)}`,
      id: a.id,
      node_id: `RA_kwDO${Buffer.from(String(a.id)).toString('base64')}`,
      name: a.name,
      label: a.label,
      state: a.state,
      content_type: a.content_type,
      size: a.size,
      digest: a.digest,
      download_count: 0,
      created_at: a.created_at,
      updated_at: a.created_at,
      uploader: this.user(BOT_USER, BOT_ID, 'Bot')
    }
  }

  /**
   * `POST …/releases/{id}/assets?name=` on the uploads host: GitHub keeps the name (the
   * characters it would rename never occur in wheel or sdist names), refuses a taken name
   * with 422 `already_exists`, and computes the `sha256:` digest of what it received.
   */
  private uploadAsset(c: Context): Answer {
    const release = this.releases.find((r) => r.id === Number(c.params.release_id))
    if (!release) return this.error(404, 'Not Found', c.docs)
    const name = c.query.name
    if (this.assetsOf(release.id).some((a) => a.name === name)) {
      return this.validationFailed(c.docs, [{ resource: 'ReleaseAsset', code: 'already_exists', field: 'name' }])
    }
    const data = c.bytes ?? Buffer.alloc(0)
    const asset: AssetRecord = {
      id: nextAssetId++,
      name,
      label: c.query.label ?? null,
      state: 'uploaded',
      content_type: (c.contentType ?? 'application/octet-stream').split(';')[0].trim(),
      size: data.length,
      digest: `sha256:${crypto.createHash('sha256').update(data).digest('hex')}`,
      created_at: isoNow(),
      data
    }
    this.assetsOf(release.id).push(asset)
    return { status: 201, body: this.assetJson(release, asset) }
  }

  /** The asset's JSON, or with `Accept: application/octet-stream` a 302 to its bytes in storage. */
  private getAsset(c: Context, accept = ''): Answer {
    for (const [releaseId, list] of this.assetStore) {
      const asset = list.find((a) => a.id === Number(c.params.asset_id))
      const release = this.releases.find((r) => r.id === releaseId)
      if (!asset || !release) continue
      if (/application\/octet-stream/.test(accept || c.accept || ''))
        return { status: 302, headers: { location: `${this.url}/_storage/assets/${asset.id}` } }
      return { status: 200, body: this.assetJson(release, asset) }
    }
    return this.error(404, 'Not Found', c.docs)
  }

  /** Problems with publishing `tag` for release `self` (422 errors), or none. */
  private publishProblems(tag: string, self?: number): Record<string, unknown>[] {
    const errors: Record<string, unknown>[] = []
    if (this.releases.some((r) => r.id !== self && !r.draft && r.tag_name === tag)) {
      errors.push({ resource: 'Release', code: 'already_exists', field: 'tag_name' })
    }
    if (this.burnedTags.has(tag)) {
      errors.push({ resource: 'Release', code: 'custom', field: 'tag_name', message: 'tag_name was used by an immutable release' })
      errors.push({ resource: 'Release', code: 'custom', message: 'Published releases must have a valid tag' })
    }
    return errors
  }

  private tagNameProblems(tag: string, publish: boolean): Record<string, unknown>[] {
    if (validRefName(`refs/tags/${tag}`)) return []
    const errors: Record<string, unknown>[] = [
      { resource: 'Release', code: 'custom', field: 'tag_name', message: 'tag_name is not a valid tag' },
      { resource: 'Release', code: 'custom', field: 'tag_name', message: 'tag_name is not well-formed' }
    ]
    if (publish) errors.push({ resource: 'Release', code: 'custom', message: 'Published releases must have a valid tag' })
    return errors
  }

  /** When the tag is missing in bareRepo, the commit it would be created at (or a 422 error list). */
  private targetProblems(tag: string, target: string): Record<string, unknown>[] {
    if (!this.bareRepo || this.readRef(`refs/tags/${tag}`)) return []
    return this.resolveCommit(target) ? [] : [{ resource: 'Release', code: 'invalid', field: 'target_commitish' }]
  }

  /** Create the tag at the target (like GitHub does on publishing), unless it exists. */
  private ensureTag(tag: string, target: string): void {
    if (!this.bareRepo || this.readRef(`refs/tags/${tag}`)) return
    const sha = this.resolveCommit(target)
    if (sha) this.git(['update-ref', `refs/tags/${tag}`, sha, ZERO_SHA])
  }

  private createRelease(fields: CreateReleaseFields, docs: string): Answer {
    const draft = fields.draft ?? false
    const target = fields.target_commitish ?? this.defaultBranch
    const problems = [
      ...this.tagNameProblems(fields.tag_name, !draft),
      ...(draft ? [] : this.publishProblems(fields.tag_name)),
      ...this.targetProblems(fields.tag_name, target)
    ]
    if (problems.length) return this.validationFailed(docs, problems)
    let { name, body } = fields
    if (fields.generate_release_notes) {
      const notes = this.generateNotes(fields.tag_name, target)
      if ('error' in notes) return this.validationFailed(docs, notes.error)
      name ??= notes.name
      body = body ? `${body}\n\n${notes.body}` : notes.body
    }
    const id = nextReleaseId++
    this.untagged.set(id, crypto.createHash('sha1').update(`untagged-${id}`).digest('hex').slice(0, 20))
    const now = isoNow()
    const url = `${this.api}/releases/${id}`
    const release: ReleaseRecord = {
      url,
      assets_url: `${url}/assets`,
      upload_url: `${this.url}/repos/${this.owner}/${this.repo}/releases/${id}/assets{?name,label}`,
      html_url: '',
      id,
      author: this.user(BOT_USER, BOT_ID, 'Bot'),
      node_id: `RE_kwDO${Buffer.from(String(id)).toString('base64')}`,
      tag_name: fields.tag_name,
      target_commitish: target,
      name: name ?? null,
      body: body ?? null,
      draft,
      prerelease: fields.prerelease ?? false,
      immutable: !draft && this.immutableReleases,
      created_at: now,
      published_at: draft ? null : now,
      updated_at: now,
      assets: [],
      tarball_url: null,
      zipball_url: null
    }
    this.refreshUrls(release)
    if (!draft) this.ensureTag(release.tag_name, target)
    this.releases.push(release)
    this.applyLatest(release, fields.make_latest, !draft)
    return { status: 201, body: this.releaseJson(release), headers: { location: url } }
  }

  private updateRelease(c: Context): Answer {
    const release = this.releases.find((r) => r.id === Number(c.params.release_id))
    if (!release) return this.error(404, 'Not Found', c.docs)
    const fields = c.body as Partial<CreateReleaseFields> & { discussion_category_name?: string }
    if (release.immutable && !release.draft) {
      const locked = (['tag_name', 'target_commitish', 'draft', 'prerelease'] as const).filter(
        (k) => fields[k] !== undefined && fields[k] !== release[k]
      )
      if (locked.length) {
        return this.validationFailed(
          c.docs,
          locked.map((field) => ({
            resource: 'Release',
            code: 'custom',
            field,
            message: 'Cannot modify an immutable release: only its name and body may change'
          }))
        )
      }
    }
    const draft = fields.draft ?? release.draft
    const tag = fields.tag_name ?? release.tag_name
    const target = fields.target_commitish ?? release.target_commitish
    const publishing = release.draft && !draft
    const problems = [
      ...(fields.tag_name !== undefined ? this.tagNameProblems(tag, !draft) : []),
      ...(!draft && (publishing || tag !== release.tag_name) ? this.publishProblems(tag, release.id) : []),
      ...(!draft ? this.targetProblems(tag, target) : [])
    ]
    if (problems.length) return this.validationFailed(c.docs, problems)
    const wasLatest = this.latestReleaseId === release.id
    release.tag_name = tag
    release.target_commitish = target
    if (fields.name !== undefined) release.name = fields.name
    if (fields.body !== undefined) release.body = fields.body
    if (fields.prerelease !== undefined) release.prerelease = fields.prerelease
    release.draft = draft
    const now = isoNow()
    if (publishing) {
      release.published_at = now
      if (this.immutableReleases) release.immutable = true
    } else if (draft) {
      release.published_at = null
    }
    release.updated_at = now
    if (!draft) this.ensureTag(tag, target)
    this.refreshUrls(release)
    this.applyLatest(release, fields.make_latest, publishing)
    if (wasLatest && (release.draft || release.prerelease)) this.latestReleaseId = this.legacyLatest()
    return { status: 200, body: this.releaseJson(release) }
  }

  private deleteRelease(c: Context): Answer {
    const index = this.releases.findIndex((r) => r.id === Number(c.params.release_id))
    if (index < 0) return this.error(404, 'Not Found', c.docs)
    const [release] = this.releases.splice(index, 1)
    if (release.immutable && !release.draft) this.burnedTags.add(release.tag_name)
    if (this.latestReleaseId === release.id) this.latestReleaseId = this.legacyLatest()
    return { status: 204 }
  }

  /**
   * A published release whose tag was deleted (by the API or by a push to bareRepo) turns
   * back into a draft, as on GitHub; if it was the latest, the legacy rule picks another.
   */
  private syncTags(): void {
    if (!this.bareRepo) return
    const tags = new Set(this.listRefs('refs/tags/').map((r) => r.ref.slice('refs/tags/'.length)))
    for (const release of this.releases) {
      if (release.draft || tags.has(release.tag_name)) continue
      release.draft = true
      release.published_at = null
      this.refreshUrls(release)
      if (this.latestReleaseId === release.id) this.latestReleaseId = this.legacyLatest()
    }
  }

  /** make_latest: "true" (the default for a newly published release), "false", "legacy". */
  private applyLatest(release: ReleaseRecord, makeLatest: string | undefined, newlyPublished: boolean): void {
    const mode = makeLatest ?? (newlyPublished ? 'true' : undefined)
    if (mode === 'true' && !release.draft && !release.prerelease) this.latestReleaseId = release.id
    else if (mode === 'legacy') this.latestReleaseId = this.legacyLatest()
  }

  /** The newest published full release by created_at, then higher tag version, then id. */
  private legacyLatest(): number | null {
    const candidates = this.releases
      .filter((r) => !r.draft && !r.prerelease)
      .sort((a, b) => b.created_at.localeCompare(a.created_at) || compareTagVersions(b.tag_name, a.tag_name) || b.id - a.id)
    return candidates[0]?.id ?? null
  }

  private generateNotesAnswer(c: Context): Answer {
    const fields = c.body as { tag_name: string; target_commitish?: string; previous_tag_name?: string }
    const notes = this.generateNotes(fields.tag_name, fields.target_commitish ?? this.defaultBranch, fields.previous_tag_name)
    if ('error' in notes) return this.validationFailed(c.docs, notes.error)
    return { status: 200, body: notes }
  }

  /**
   * GitHub-like generated notes. GitHub lists merged pull requests; the stand-in has none,
   * so it lists the commits in `previous..head` (oldest first) in the same bullet format,
   * then the "Full Changelog" link. Without `previous_tag_name`, the previous tag is the
   * newest published release (other tag) whose tag is an ancestor of head.
   */
  private generateNotes(
    tag: string,
    target: string,
    previous?: string
  ): { name: string; body: string } | { error: Record<string, unknown>[] } {
    if (!this.bareRepo) return { name: tag, body: `**Full Changelog**: ${this.web}/commits/${urlPath(tag)}` }
    const head = this.readRef(`refs/tags/${tag}`) ? this.resolveCommit(`refs/tags/${tag}`) : this.resolveCommit(target)
    if (!head) return { error: [{ resource: 'Release', code: 'invalid', field: 'target_commitish' }] }
    let base: string | undefined
    if (previous !== undefined) {
      base = this.readRef(`refs/tags/${previous}`) ? this.resolveCommit(`refs/tags/${previous}`) : undefined
      if (!base) return { error: [{ resource: 'Release', code: 'invalid', field: 'previous_tag_name' }] }
    } else {
      for (const r of [...this.releases].sort((a, b) => this.newest(a, b))) {
        if (r.draft || r.tag_name === tag || !this.readRef(`refs/tags/${r.tag_name}`)) continue
        const sha = this.resolveCommit(`refs/tags/${r.tag_name}`)
        if (sha && this.isAncestor(sha, head)) {
          previous = r.tag_name
          base = sha
          break
        }
      }
    }
    const log = this.git(['log', '--reverse', '--format=%H%x00%an%x00%s', base ? `${base}..${head}` : head]) ?? ''
    const lines = log
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [sha, author, subject] = line.split('\0')
        return `* ${subject} by @${author.replace(/\s+/g, '-')} in ${this.web}/commit/${sha}`
      })
    const changed = lines.length ? `## What's Changed\n${lines.join('\n')}\n\n` : ''
    const full = previous
      ? `**Full Changelog**: ${this.web}/compare/${urlPath(previous)}...${urlPath(tag)}`
      : `**Full Changelog**: ${this.web}/commits/${urlPath(tag)}`
    return { name: tag, body: `${changed}${full}` }
  }

  // -------------------------------------------------------------------------------------
  // Git data: blobs, trees, commits (docs.github.com/rest/git), written into bareRepo
  // -------------------------------------------------------------------------------------

  /** git with bytes on stdin and extra environment; undefined when it fails. */
  private gitWith(args: string[], input: Buffer | string, env: Record<string, string> = {}): string | undefined {
    if (!this.bareRepo) return undefined
    try {
      return execFileSync('git', ['-C', this.bareRepo, ...args], {
        input,
        env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', ...env },
        encoding: 'utf8',
        stdio: ['pipe', 'pipe', 'pipe']
      })
    } catch {
      return undefined
    }
  }

  private objectType(sha: string): string | undefined {
    if (!/^[0-9a-f]{40}$/.test(sha)) return undefined
    return this.git(['cat-file', '-t', sha])?.trim()
  }

  private createBlob(c: Context): Answer {
    if (!this.bareRepo) return this.error(404, 'Not Found', c.docs)
    const { content, encoding } = c.body as { content: string; encoding?: string }
    if (encoding !== undefined && encoding !== 'utf-8' && encoding !== 'base64')
      return this.validationFailed(c.docs, [{ resource: 'Blob', field: 'encoding', code: 'invalid' }])
    const bytes = encoding === 'base64' ? Buffer.from(content, 'base64') : Buffer.from(content, 'utf8')
    const sha = this.gitWith(['hash-object', '-w', '--stdin'], bytes)?.trim()
    if (!sha) return this.error(422, 'Blob could not be written', c.docs)
    return { status: 201, body: { url: `${this.api}/git/blobs/${sha}`, sha }, headers: { location: `${this.api}/git/blobs/${sha}` } }
  }

  private createTree(c: Context): Answer {
    if (!this.bareRepo) return this.error(404, 'Not Found', c.docs)
    const { tree, base_tree } = c.body as {
      tree: { path?: string; mode?: string; type?: string; sha?: string | null; content?: string }[]
      base_tree?: string
    }
    if (base_tree !== undefined && this.objectType(base_tree) !== 'tree')
      return this.error(422, 'base_tree is not a valid tree oid', c.docs)
    const index = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gh-stand-in-index-')), 'index')
    const env = { GIT_INDEX_FILE: index }
    try {
      if (this.gitWith(base_tree ? ['read-tree', base_tree] : ['read-tree', '--empty'], '', env) === undefined)
        return this.error(422, 'Invalid tree info', c.docs)
      for (const entry of tree) {
        const file = entry.path ?? ''
        if (!file || file.startsWith('/') || file.split('/').some((part) => part === '' || part === '.' || part === '..'))
          return this.error(422, `tree.path contains a malformed path component`, c.docs)
        if (entry.sha === null) {
          // a bare repository has no work tree for `update-index --force-remove`: mode 0 removes the entry
          if (this.gitWith(['update-index', '--index-info'], `0 ${ZERO_SHA}\t${file}\n`, env) === undefined)
            return this.error(422, `tree.path ${file} could not be deleted`, c.docs)
          continue
        }
        let sha = entry.sha
        if (entry.content !== undefined) sha = this.gitWith(['hash-object', '-w', '--stdin'], Buffer.from(entry.content, 'utf8'))?.trim()
        if (!sha || this.objectType(sha) !== (entry.type ?? 'blob'))
          return this.error(422, `tree.sha ${entry.sha ?? ''} is not a valid ${entry.type ?? 'blob'}`, c.docs)
        if (this.gitWith(['update-index', '--add', '--cacheinfo', `${entry.mode},${sha},${file}`], '', env) === undefined)
          return this.error(422, `tree.mode ${entry.mode ?? ''} is invalid`, c.docs)
      }
      const sha = this.gitWith(['write-tree'], '', env)?.trim()
      if (!sha) return this.error(422, 'Invalid tree info', c.docs)
      return { status: 201, body: this.treeJson(sha), headers: { location: `${this.api}/git/trees/${sha}` } }
    } finally {
      fs.rmSync(path.dirname(index), { recursive: true, force: true })
    }
  }

  private treeJson(sha: string): Record<string, unknown> {
    const out = this.git(['ls-tree', '-l', sha]) ?? ''
    const entries = out
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [meta, name] = line.split('\t')
        const [mode, type, object, size] = meta.split(/\s+/)
        return {
          path: name,
          mode,
          type,
          sha: object,
          ...(type === 'blob' ? { size: Number(size) } : {}),
          url: `${this.api}/git/${type}s/${object}`
        }
      })
    return { sha, url: `${this.api}/git/trees/${sha}`, tree: entries, truncated: false }
  }

  private createCommit(c: Context): Answer {
    if (!this.bareRepo) return this.error(404, 'Not Found', c.docs)
    type Person = { name?: string; email?: string; date?: string }
    const fields = c.body as { message: string; tree: string; parents?: string[]; author?: Person; committer?: Person; signature?: string }
    if (this.objectType(fields.tree) !== 'tree') return this.error(422, `Tree SHA does not exist`, c.docs)
    for (const parent of fields.parents ?? [])
      if (this.objectType(parent) !== 'commit') return this.error(422, `Parent SHA does not exist or is not a commit object`, c.docs)
    const now = new Date().toISOString()
    // the token's identity authors it; GitHub commits and signs it (web-flow) when no committer or signature is given
    const author = { name: BOT_USER, email: `${BOT_ID}+${BOT_USER}@users.noreply.github.com`, date: now, ...fields.author }
    const signed = fields.committer === undefined && fields.signature === undefined
    const committer = fields.committer ?? (signed ? { name: 'GitHub', email: 'noreply@github.com', date: now } : author)
    const args = ['commit-tree', fields.tree, ...(fields.parents ?? []).flatMap((p) => ['-p', p])]
    const sha = this.gitWith(args, fields.message, {
      GIT_AUTHOR_NAME: author.name ?? BOT_USER,
      GIT_AUTHOR_EMAIL: author.email ?? '',
      GIT_AUTHOR_DATE: author.date ?? now,
      GIT_COMMITTER_NAME: committer.name ?? 'GitHub',
      GIT_COMMITTER_EMAIL: committer.email ?? '',
      GIT_COMMITTER_DATE: committer.date ?? now
    })?.trim()
    if (!sha) return this.error(422, 'Commit could not be created', c.docs)
    if (signed) this.signedCommits.add(sha)
    const answer = this.gitCommitAnswer(sha, c.docs)
    return { ...answer, status: 201, headers: { location: `${this.api}/git/commits/${sha}` } }
  }

  private verification(sha: string): Record<string, unknown> {
    return this.signedCommits.has(sha)
      ? {
          verified: true,
          reason: 'valid',
          signature: '-----BEGIN PGP SIGNATURE-----\n\nwsBcBAABCAAQBQJnStandIn\n-----END PGP SIGNATURE-----\n',
          payload: this.git(['cat-file', 'commit', sha]) ?? '',
          verified_at: isoNow()
        }
      : { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null }
  }

  private gitCommitAnswer(sha: string, docs: string): Answer {
    if (this.objectType(sha) !== 'commit') return this.error(404, 'Not Found', docs)
    const out = this.git(['show', '-s', '--format=%T%x00%P%x00%an%x00%ae%x00%aI%x00%cn%x00%ce%x00%cI%x00%B', sha]) ?? ''
    const [tree, parents, an, ae, ad, cn, ce, cd, message] = out.split('\0')
    return {
      status: 200,
      body: {
        sha,
        node_id: `C_kwDO${Buffer.from(sha).toString('base64')}`,
        url: `${this.api}/git/commits/${sha}`,
        html_url: `${this.web}/commit/${sha}`,
        author: { name: an, email: ae, date: isoFromGit(ad) },
        committer: { name: cn, email: ce, date: isoFromGit(cd) },
        tree: { sha: tree, url: `${this.api}/git/trees/${tree}` },
        message: message.replace(/\n+$/, ''),
        parents: parents
          .split(' ')
          .filter(Boolean)
          .map((p) => ({ sha: p, url: `${this.api}/git/commits/${p}`, html_url: `${this.web}/commit/${p}` })),
        verification: this.verification(sha)
      }
    }
  }

  // -------------------------------------------------------------------------------------
  // Pull requests (docs.github.com/rest/pulls/pulls)
  // -------------------------------------------------------------------------------------

  /** `head` as the API takes it: `branch` or `owner:branch` (this repository's owner only). */
  private headBranch(head: string): string | null {
    const colon = head.indexOf(':')
    if (colon < 0) return head
    return head.slice(0, colon).toLowerCase() === this.owner.toLowerCase() ? head.slice(colon + 1) : null
  }

  private listPulls(c: Context): Answer {
    const state = c.query.state ?? 'open'
    const head = c.query.head === undefined ? undefined : this.headBranch(c.query.head)
    const list = this.pulls
      .filter((p) => state === 'all' || p.state === state)
      .filter((p) => c.query.head === undefined || (head !== null && p.head === head))
      .filter((p) => c.query.base === undefined || p.base === c.query.base)
      .sort((a, b) => b.number - a.number)
    return this.page(
      c,
      list.map((p) => this.pullJson(p, false))
    )
  }

  private createPull(c: Context): Answer {
    if (!this.bareRepo) return this.error(404, 'Not Found', c.docs)
    if (!this.actionsMayCreatePullRequests)
      return this.error(403, 'GitHub Actions is not permitted to create or approve pull requests.', c.docs)
    const fields = c.body as { title?: string; head: string; base: string; body?: string; draft?: boolean; issue?: number }
    const head = this.headBranch(fields.head)
    const headSha = head === null ? undefined : this.resolveCommit(`refs/heads/${head}`)
    const baseSha = this.resolveCommit(`refs/heads/${fields.base}`)
    const problems: Record<string, unknown>[] = []
    if (fields.title === undefined && fields.issue === undefined)
      problems.push({ resource: 'PullRequest', code: 'missing_field', field: 'title' })
    if (!headSha) problems.push({ resource: 'PullRequest', code: 'invalid', field: 'head' })
    if (!baseSha) problems.push({ resource: 'PullRequest', code: 'invalid', field: 'base' })
    if (problems.length) return this.validationFailed(c.docs, problems)
    if (this.pulls.some((p) => p.state === 'open' && p.head === head && p.base === fields.base))
      return this.validationFailed(c.docs, [
        { resource: 'PullRequest', code: 'custom', message: `A pull request already exists for ${this.owner}:${head}.` }
      ])
    if (this.isAncestor(headSha!, baseSha!))
      return this.validationFailed(c.docs, [
        { resource: 'PullRequest', code: 'custom', message: `No commits between ${fields.base} and ${head}` }
      ])
    const now = isoNow()
    const number = this.pulls.reduce((n, p) => Math.max(n, p.number), 0) + 1
    const pull: PullRecord = {
      id: nextPullId++,
      number,
      title: fields.title ?? '',
      body: fields.body ?? null,
      head: head!,
      base: fields.base,
      state: 'open',
      draft: fields.draft ?? false,
      merged: false,
      merge_commit_sha: null,
      created_at: now,
      updated_at: now,
      closed_at: null,
      merged_at: null
    }
    this.pulls.push(pull)
    return { status: 201, body: this.pullJson(pull), headers: { location: `${this.api}/pulls/${number}` } }
  }

  private updatePull(c: Context): Answer {
    const pull = this.pulls.find((p) => p.number === Number(c.params.pull_number))
    if (!pull) return this.error(404, 'Not Found', c.docs)
    const fields = (c.body ?? {}) as { title?: string; body?: string; state?: 'open' | 'closed'; base?: string }
    if (fields.base !== undefined && !this.resolveCommit(`refs/heads/${fields.base}`))
      return this.validationFailed(c.docs, [{ resource: 'PullRequest', code: 'invalid', field: 'base' }])
    if (pull.merged && fields.state === 'open')
      return this.validationFailed(c.docs, [{ resource: 'PullRequest', code: 'custom', message: 'Cannot reopen a merged pull request' }])
    if (fields.title !== undefined) pull.title = fields.title
    if (fields.body !== undefined) pull.body = fields.body
    if (fields.base !== undefined) pull.base = fields.base
    if (fields.state !== undefined && fields.state !== pull.state) {
      pull.state = fields.state
      pull.closed_at = fields.state === 'closed' ? isoNow() : null
    }
    pull.updated_at = isoNow()
    return { status: 200, body: this.pullJson(pull) }
  }

  mergePull(number: number): string {
    const pull = this.pulls.find((p) => p.number === number && p.state === 'open')
    if (!pull) throw new Error(`mergePull: no open pull request #${number}`)
    const head = this.resolveCommit(`refs/heads/${pull.head}`)
    const base = this.resolveCommit(`refs/heads/${pull.base}`)
    if (!head || !base) throw new Error(`mergePull: #${number} has no head or base branch`)
    const tree = this.git(['rev-parse', `${head}^{tree}`])?.trim() ?? ''
    const now = new Date().toISOString()
    const sha = this.gitWith(
      ['commit-tree', tree, '-p', base, '-p', head],
      `Merge pull request #${number} from ${this.owner}/${pull.head}\n\n${pull.title}\n`,
      {
        GIT_AUTHOR_NAME: 'Test Author',
        GIT_AUTHOR_EMAIL: 'author@example.com',
        GIT_AUTHOR_DATE: now,
        GIT_COMMITTER_NAME: 'GitHub',
        GIT_COMMITTER_EMAIL: 'noreply@github.com',
        GIT_COMMITTER_DATE: now
      }
    )?.trim()
    if (!sha) throw new Error(`mergePull: #${number} could not be merged`)
    this.git(['update-ref', `refs/heads/${pull.base}`, sha, base])
    this.signedCommits.add(sha)
    Object.assign(pull, {
      state: 'closed',
      merged: true,
      merge_commit_sha: sha,
      merged_at: isoNow(),
      closed_at: isoNow(),
      updated_at: isoNow()
    })
    return sha
  }

  /** A pull request as GitHub answers it (`pull-request`; the list answers the `pull-request-simple` subset). */
  private pullJson(p: PullRecord, full = true): Record<string, unknown> {
    const api = `${this.api}/pulls/${p.number}`
    const issue = `${this.api}/issues/${p.number}`
    const html = `${this.web}/pull/${p.number}`
    const bot = this.user(BOT_USER, BOT_ID, 'Bot')
    const side = (branch: string): Record<string, unknown> => ({
      label: `${this.owner}:${branch}`,
      ref: branch,
      sha: this.resolveCommit(`refs/heads/${branch}`) ?? p.merge_commit_sha ?? ZERO_SHA,
      user: this.user(this.owner, 9919, 'Organization'),
      repo: this.repository(true)
    })
    const links = (href: string): { href: string } => ({ href })
    const simple: Record<string, unknown> = {
      url: api,
      id: p.id,
      node_id: `PR_kwDO${Buffer.from(String(p.id)).toString('base64')}`,
      html_url: html,
      diff_url: `${html}.diff`,
      patch_url: `${html}.patch`,
      issue_url: issue,
      commits_url: `${api}/commits`,
      review_comments_url: `${api}/comments`,
      review_comment_url: `${this.api}/pulls/comments{/number}`,
      comments_url: `${issue}/comments`,
      statuses_url: `${this.api}/statuses/${this.resolveCommit(`refs/heads/${p.head}`) ?? ZERO_SHA}`,
      number: p.number,
      state: p.state,
      locked: false,
      title: p.title,
      user: bot,
      body: p.body,
      labels: [],
      milestone: null,
      active_lock_reason: null,
      created_at: p.created_at,
      updated_at: p.updated_at,
      closed_at: p.closed_at,
      merged_at: p.merged_at,
      merge_commit_sha: p.merge_commit_sha,
      assignee: null,
      assignees: [],
      requested_reviewers: [],
      requested_teams: [],
      head: side(p.head),
      base: side(p.base),
      _links: {
        self: links(api),
        html: links(html),
        issue: links(issue),
        comments: links(`${issue}/comments`),
        review_comments: links(`${api}/comments`),
        review_comment: links(`${this.api}/pulls/comments{/number}`),
        commits: links(`${api}/commits`),
        statuses: links(`${this.api}/statuses/${this.resolveCommit(`refs/heads/${p.head}`) ?? ZERO_SHA}`)
      },
      author_association: 'NONE',
      auto_merge: null,
      draft: p.draft
    }
    if (!full) return simple
    return {
      ...simple,
      merged: p.merged,
      mergeable: p.state === 'open' ? true : null,
      rebaseable: p.state === 'open' ? true : null,
      mergeable_state: p.state === 'open' ? 'clean' : 'unknown',
      merged_by: p.merged ? this.user(this.owner, 9919, 'Organization') : null,
      comments: 0,
      review_comments: 0,
      maintainer_can_modify: false,
      commits: 1,
      additions: 0,
      deletions: 0,
      changed_files: 0
    }
  }

  // -------------------------------------------------------------------------------------
  // Git data, backed by bareRepo
  // -------------------------------------------------------------------------------------

  private git(args: string[]): string | undefined {
    if (!this.bareRepo) return undefined
    try {
      return execFileSync('git', ['-C', this.bareRepo, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
    } catch {
      return undefined
    }
  }

  /** All refs under `prefix` (a full ref name prefix, e.g. `refs/tags/`). */
  private listRefs(prefix: string): { ref: string; sha: string; type: string }[] {
    const dir = prefix.slice(0, prefix.lastIndexOf('/') + 1) || 'refs/'
    const out = this.git(['for-each-ref', '--format=%(refname)%00%(objectname)%00%(objecttype)', dir]) ?? ''
    return out
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [ref, sha, type] = line.split('\0')
        return { ref, sha, type }
      })
      .filter((r) => r.ref.startsWith(prefix))
  }

  private readRef(ref: string): { ref: string; sha: string; type: string } | undefined {
    return this.listRefs(ref).find((r) => r.ref === ref)
  }

  private resolveCommit(commitish: string): string | undefined {
    if (!commitish || commitish.startsWith('-')) return undefined
    return this.git(['rev-parse', '--verify', '--quiet', `${commitish}^{commit}`])?.trim() || undefined
  }

  private isAncestor(ancestor: string, head: string): boolean {
    if (!this.bareRepo) return false
    try {
      execFileSync('git', ['-C', this.bareRepo, 'merge-base', '--is-ancestor', ancestor, head], { stdio: 'ignore' })
      return true
    } catch {
      return false
    }
  }

  private refJson(r: { ref: string; sha: string; type: string }): Record<string, unknown> {
    const kind = r.type === 'tag' ? 'tags' : r.type === 'commit' ? 'commits' : `${r.type}s`
    return {
      ref: r.ref,
      node_id: `REF_kwDO${Buffer.from(r.ref).toString('base64')}`,
      url: `${this.api}/git/${urlPath(r.ref)}`,
      object: { sha: r.sha, type: r.type, url: `${this.api}/git/${kind}/${r.sha}` }
    }
  }

  private getRef(c: Context): Answer {
    const ref = this.readRef(`refs/${c.params.ref}`)
    return ref ? { status: 200, body: this.refJson(ref) } : this.error(404, 'Not Found', c.docs)
  }

  private matchingRefs(c: Context): Answer {
    if (!this.bareRepo) return this.error(404, 'Not Found', c.docs)
    return { status: 200, body: this.listRefs(`refs/${c.params.ref}`).map((r) => this.refJson(r)) }
  }

  private createRef(c: Context): Answer {
    if (!this.bareRepo) return this.error(404, 'Not Found', c.docs)
    const { ref, sha } = c.body as { ref: string; sha: string }
    if (!/^refs\/[^/]+\/.+/.test(ref) || !validRefName(ref)) return this.error(422, `${ref} is not a valid ref name.`, c.docs)
    if (this.readRef(ref)) return this.error(422, 'Reference already exists', c.docs)
    if (!/^[0-9a-f]{40}$/.test(sha) || this.git(['cat-file', '-e', sha]) === undefined)
      return this.error(422, 'Object does not exist', c.docs)
    if (this.git(['update-ref', ref, sha, ZERO_SHA]) === undefined) return this.error(422, 'Reference update failed', c.docs)
    return { status: 201, body: this.refJson(this.readRef(ref)!), headers: { location: `${this.api}/git/${urlPath(ref)}` } }
  }

  private updateRef(c: Context): Answer {
    const ref = `refs/${c.params.ref}`
    const current = this.readRef(ref)
    if (!current) return this.error(422, 'Reference does not exist', c.docs)
    const { sha, force } = c.body as { sha: string; force?: boolean }
    if (!/^[0-9a-f]{40}$/.test(sha) || this.git(['cat-file', '-e', sha]) === undefined)
      return this.error(422, 'Object does not exist', c.docs)
    if (!force && !this.isAncestor(current.sha, sha)) return this.error(422, 'Update is not a fast forward', c.docs)
    if (this.protectedTag(ref)) return this.error(422, 'Cannot update this protected ref: it belongs to an immutable release', c.docs)
    this.git(['update-ref', ref, sha, current.sha])
    return { status: 200, body: this.refJson(this.readRef(ref)!) }
  }

  private deleteRef(c: Context): Answer {
    const ref = `refs/${c.params.ref}`
    const current = this.readRef(ref)
    if (!current) return this.error(422, 'Reference does not exist', c.docs)
    if (ref === `refs/heads/${this.defaultBranch}`) return this.error(422, 'Cannot delete the default branch', c.docs)
    if (this.protectedTag(ref)) return this.error(422, 'Cannot delete this protected ref: it belongs to an immutable release', c.docs)
    this.git(['update-ref', '-d', ref, current.sha])
    return { status: 204 }
  }

  private protectedTag(ref: string): boolean {
    return ref.startsWith('refs/tags/') && this.releases.some((r) => r.immutable && !r.draft && `refs/tags/${r.tag_name}` === ref)
  }

  private getTag(c: Context): Answer {
    const sha = c.params.tag_sha
    if (!/^[0-9a-f]{40}$/.test(sha) || this.git(['cat-file', '-t', sha])?.trim() !== 'tag') return this.error(404, 'Not Found', c.docs)
    const raw = this.git(['cat-file', 'tag', sha]) ?? ''
    const split = raw.indexOf('\n\n')
    const header = split >= 0 ? raw.slice(0, split) : raw
    const message = split >= 0 ? raw.slice(split + 2) : ''
    const fields = Object.fromEntries(
      header.split('\n').map((line) => [line.slice(0, line.indexOf(' ')), line.slice(line.indexOf(' ') + 1)])
    )
    const tagger = /^(.*) <(.*)> (\d+) ([+-]\d{4})$/.exec(fields.tagger ?? '')
    const kind = fields.type === 'commit' ? 'commits' : `${fields.type}s`
    return {
      status: 200,
      body: {
        node_id: `TAG_kwDO${Buffer.from(sha).toString('base64')}`,
        tag: fields.tag,
        sha,
        url: `${this.api}/git/tags/${sha}`,
        message: message.replace(/-----BEGIN PGP SIGNATURE-----[\s\S]*$/, ''),
        tagger: {
          name: tagger?.[1] ?? '',
          email: tagger?.[2] ?? '',
          date: tagger ? new Date(Number(tagger[3]) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z') : isoNow()
        },
        object: { sha: fields.object, type: fields.type, url: `${this.api}/git/${kind}/${fields.object}` },
        verification: { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null }
      }
    }
  }

  private getCommit(c: Context): Answer {
    const ref = c.params.ref
    const sha = this.resolveCommit(/^(heads|tags)\//.test(ref) ? `refs/${ref}` : ref)
    if (!sha) return this.error(422, `No commit found for SHA: ${ref}`, c.docs)
    const out = this.git(['show', '-s', '--format=%H%x00%T%x00%P%x00%an%x00%ae%x00%aI%x00%cn%x00%ce%x00%cI%x00%B', sha]) ?? ''
    const [, tree, parents, an, ae, ad, cn, ce, cd, message] = out.split('\0')
    return {
      status: 200,
      body: {
        url: `${this.api}/commits/${sha}`,
        sha,
        node_id: `C_kwDO${Buffer.from(sha).toString('base64')}`,
        html_url: `${this.web}/commit/${sha}`,
        comments_url: `${this.api}/commits/${sha}/comments`,
        commit: {
          url: `${this.api}/git/commits/${sha}`,
          author: { name: an, email: ae, date: isoFromGit(ad) },
          committer: { name: cn, email: ce, date: isoFromGit(cd) },
          message: message.replace(/\n+$/, ''),
          comment_count: 0,
          tree: { sha: tree, url: `${this.api}/git/trees/${tree}` },
          verification: this.verification(sha)
        },
        author: null,
        committer: null,
        parents: parents
          .split(' ')
          .filter(Boolean)
          .map((p) => ({ sha: p, url: `${this.api}/commits/${p}`, html_url: `${this.web}/commit/${p}` }))
      }
    }
  }
}

/** `git check-ref-format` (no repository needed). */
function validRefName(ref: string): boolean {
  try {
    execFileSync('git', ['check-ref-format', ref], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

/**
 * Start a GitHub stand-in on 127.0.0.1 (a free port). The OpenAPI description is loaded
 * on the first start in the process (about a second) so that no request pays for it.
 */
export async function startGithub(options: StartGithubOptions = {}): Promise<GithubStandIn> {
  githubDescription()
  routeIndex()
  const stand = new Stand(options)
  await stand.listen()
  return stand
}
