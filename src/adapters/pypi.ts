/**
 * The package index: what a version already holds (JSON API), waiting until an upload
 * is visible (bounded polling, never a fixed sleep), trusted publishing (OIDC), and
 * the upload itself (`uv publish` or `twine upload`, the token in the environment).
 */
import { PyshipError } from '../errors.js'
import { normalizeName } from '../pyproject/requirement.js'
import { compareVersions, normalizeVersion } from '../version/pep440.js'
import { nextVersion } from '../version/bump.js'
import { log, registerSecret } from '../log.js'
import { exec, lastLines } from './exec.js'
import { idToken } from './oidc.js'
import { legacyUpload } from './legacy-upload.js'
import { isObject, redact, request, shape, sleep } from './http.js'

export interface IndexFile {
  filename: string
  sha256: string
}

const base = (pypiUrl: string): string => pypiUrl.replace(/\/+$/, '')
const INDEX = 'the index'

const VERSION_JSON = shape<{ urls?: { filename: string; digests?: { sha256?: string } }[] }>(
  'a version of a project (PyPI JSON API)',
  (v) =>
    isObject(v) && (v.urls === undefined || (Array.isArray(v.urls) && v.urls.every((u) => isObject(u) && typeof u.filename === 'string')))
)
const PROJECT_JSON = shape<{ releases?: Record<string, unknown> }>(
  'a project (PyPI JSON API)',
  (v) => isObject(v) && (v.releases === undefined || isObject(v.releases))
)
const AUDIENCE = shape<{ audience: string }>('an OIDC audience', (v) => isObject(v) && typeof v.audience === 'string')
const MINTED = shape<{ token: string }>('a minted API token', (v) => isObject(v) && typeof v.token === 'string')

/** The files of `name==version` on the index, or null when the index does not have that version. */
export async function indexFiles(pypiUrl: string, name: string, version: string): Promise<IndexFile[] | null> {
  const url = `${base(pypiUrl)}/pypi/${normalizeName(name)}/${version}/json`
  const res = await request(url, { service: INDEX, json: true })
  if (res.status === 404) return null
  if (res.status !== 200)
    throw new PyshipError(
      'E_NETWORK',
      `the index answered ${res.status} to GET ${redact(url)}, not the JSON API's 200 or 404; a re-run resumes where this one stopped`
    )
  const data = res.json(VERSION_JSON)
  return (data.urls ?? []).map((u) => ({ filename: u.filename, sha256: u.digests?.sha256 ?? '' }))
}

/** Every version of a project on the index ([] when the project is unknown). */
export async function indexVersions(pypiUrl: string, name: string): Promise<string[]> {
  const res = await request(`${base(pypiUrl)}/pypi/${normalizeName(name)}/json`, { service: INDEX, json: true })
  if (res.status !== 200) return []
  return Object.keys(res.json(PROJECT_JSON).releases ?? {})
}

/** The first patch version after `version` that the index does not have yet. */
export async function nextFreeVersion(pypiUrl: string, name: string, version: string): Promise<string> {
  const taken = new Set((await indexVersions(pypiUrl, name)).map((v) => normalizeVersion(v) ?? v))
  const highest = [...taken, version]
    .filter((v) => normalizeVersion(v) !== null)
    .sort(compareVersions)
    .pop() as string
  let next = nextVersion(highest, 'patch')
  while (taken.has(next)) next = nextVersion(next, 'patch')
  return next
}

/**
 * Poll the JSON API until `name==version` lists every expected file, with backoff,
 * at most `attempts` times (PyPI's CDN can take a while; a fixed sleep either wastes
 * time or is too short).
 */
export async function waitUntilVisible(
  pypiUrl: string,
  name: string,
  version: string,
  filenames: string[],
  attempts = 8
): Promise<boolean> {
  for (let i = 0; i < attempts; i++) {
    const files = await indexFiles(pypiUrl, name, version)
    if (files && filenames.every((f) => files.some((x) => x.filename === f))) return true
    if (i < attempts - 1) await sleep(Math.min(500 * 2 ** i, 15_000))
  }
  return false
}

/**
 * Trusted publishing: the runner's OIDC token for the index's audience, exchanged for
 * a short-lived API token. Throws E_PYPI_AUTH with the claims the publisher must match.
 */
export async function mintToken(pypiUrl: string, oidc: { url: string; token: string } | null): Promise<string> {
  if (!oidc) {
    throw new PyshipError('E_NO_PYPI_TOKEN', 'no pypi-token and no OIDC token available for trusted publishing')
  }
  const aud = await request(`${base(pypiUrl)}/_/oidc/audience`, { service: INDEX, json: true })
  if (aud.status !== 200) {
    throw new PyshipError(
      'E_PYPI_AUTH',
      `the index at ${redact(pypiUrl)} does not offer trusted publishing (${aud.status} from /_/oidc/audience)`,
      {
        hint: 'Use an API token (`pypi-token`) for this index, or check `pypi-url`.'
      }
    )
  }
  const audience = aud.json(AUDIENCE).audience
  const jwt = await idToken(oidc, audience, 'E_PYPI_AUTH', 'trusted publishing')
  // a POST: when its answer is lost it is not sent again (the OIDC token is single-use);
  // the minted token expires unused and a re-run exchanges a fresh one
  const minted = await request(`${base(pypiUrl)}/_/oidc/mint-token`, {
    service: INDEX,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: jwt })
  })
  if (minted.status !== 200) {
    let reasons: string
    try {
      const body = JSON.parse(minted.text) as { errors?: { code: string; description: string }[] }
      reasons = body.errors?.map((e) => `${e.code}: ${e.description}`).join('; ') ?? ''
    } catch {
      reasons = minted.text.slice(0, 200)
    }
    throw new PyshipError('E_PYPI_AUTH', `the index refused the trusted-publishing exchange (${minted.status}): ${reasons}`, {
      hint: `The trusted publisher registered on the index must match these claims: ${describeClaims(jwt)}.`
    })
  }
  const token = minted.json(MINTED).token
  registerSecret(token)
  return token
}

/** The claims of an OIDC token that a trusted publisher is matched against (never the token). */
export function describeClaims(jwt: string): string {
  try {
    const claims = JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>
    return ['repository', 'repository_owner', 'workflow_ref', 'job_workflow_ref', 'environment', 'ref']
      .filter((k) => claims[k] !== undefined && claims[k] !== '')
      .map((k) => `${k}=${String(claims[k])}`)
      .join(', ')
  } catch {
    return '(the OIDC token could not be decoded)'
  }
}

export interface UploadTool {
  command: string
  args: string[]
  env: NodeJS.ProcessEnv
}

/**
 * argv and environment of the upload; the token travels in the environment only. Attestation
 * files (`<file>.publish.attestation`, beside their file) are passed with the files: uv groups
 * them with their file, twine does so with `--attestations` (twine 6+).
 */
export function uploadCommand(
  tool: { uv: string | null; python: string },
  uploadUrl: string,
  token: string,
  files: string[],
  attestations: string[] = []
): UploadTool {
  if (tool.uv) {
    return {
      command: tool.uv,
      args: ['publish', '--publish-url', uploadUrl, '--trusted-publishing', 'never', ...files, ...attestations],
      env: { UV_PUBLISH_TOKEN: token }
    }
  }
  return {
    command: tool.python,
    args: [
      '-m',
      'twine',
      'upload',
      '--non-interactive',
      '--disable-progress-bar',
      '--repository-url',
      uploadUrl,
      ...(attestations.length > 0 ? ['--attestations'] : []),
      ...files,
      ...attestations
    ],
    env: { TWINE_USERNAME: '__token__', TWINE_PASSWORD: token }
  }
}

/**
 * Whether the upload tool's `--version` output names a version that uploads attestation files:
 * `uv publish` from uv 0.9.12 (older uv skips them silently), `twine upload --attestations` from twine 6.
 */
export function takesAttestations(tool: 'uv' | 'twine', versionOutput: string): boolean {
  const m = (tool === 'uv' ? /\buv (\d+)\.(\d+)\.(\d+)/ : /twine version (\d+)\.(\d+)\.(\d+)/i).exec(versionOutput)
  if (!m) return false
  const [major, minor, patch] = m.slice(1).map(Number)
  const [wantMajor, wantMinor, wantPatch] = tool === 'uv' ? [0, 9, 12] : [6, 0, 0]
  return major !== wantMajor ? major > wantMajor : minor !== wantMinor ? minor > wantMinor : patch >= wantPatch
}

/**
 * Upload `files`; `attestations` maps a file to its attestation file. uv 0.9.12+ and twine 6+
 * carry them; with an older tool pyship uploads those files itself through the upload API,
 * so an attestation is never dropped silently.
 */
export async function upload(
  tool: { uv: string | null; python: string },
  uploadUrl: string,
  token: string,
  files: string[],
  cwd: string,
  attestations: ReadonlyMap<string, string> = new Map()
): Promise<void> {
  const attested = files.flatMap((f) => (attestations.has(f) ? [attestations.get(f) as string] : []))
  if (attested.length > 0) {
    const [name, command, args] = tool.uv
      ? (['uv', tool.uv, ['--version']] as const)
      : (['twine', tool.python, ['-m', 'twine', '--version']] as const)
    const version = await exec(command, [...args], { cwd, quiet: true })
    const output = `${version.stdout}\n${version.stderr}`
    if (!takesAttestations(name, output)) {
      log(
        `${output.trim().split('\n')[0] || name} cannot upload attestations (${name === 'uv' ? 'uv 0.9.12' : 'twine 6'} can): pyship uploads through the index's upload API itself`
      )
      return legacyUpload(
        tool.python,
        uploadUrl,
        token,
        files.map((file) => ({ file, attestation: attestations.get(file) ?? null })),
        cwd
      )
    }
  }
  const cmd = uploadCommand(tool, uploadUrl, token, files, attested)
  const r = await exec(cmd.command, cmd.args, { cwd, env: cmd.env })
  if (r.status === 0) return
  const output = `${r.stdout}\n${r.stderr}`
  if (/\b403\b|Invalid or non-existent authentication|\b401\b/i.test(output)) {
    throw new PyshipError('E_PYPI_AUTH', `the index at ${redact(uploadUrl)} refused the credentials: ${lastLines(r)}`)
  }
  if (/File already exists/i.test(output)) {
    throw new PyshipError('E_PYPI_EXISTS', `the index already has a file of this name with other content: ${lastLines(r)}`)
  }
  // exec has logged the tool's output line by line: the error points up to it
  throw new PyshipError('E_BUILD', `upload to ${redact(uploadUrl)} failed: ${lastLines(r)}`, {
    hint: "The upload tool's last error is shown above."
  })
}

/**
 * The package index as a release sees it (`pypi-url` for reading, `pypi-upload-url` for
 * uploads): the one seam the release steps use, so a step's unit test fakes the index
 * (`__fixtures__/test-state.ts`) instead of starting one.
 */
export class PackageIndex {
  constructor(
    readonly url: string,
    readonly uploadUrl: string
  ) {}

  /** The files of `name` `version` on the index, or null when the index does not have that version. */
  files(name: string, version: string): Promise<IndexFile[] | null> {
    return indexFiles(this.url, name, version)
  }

  nextFreeVersion(name: string, version: string): Promise<string> {
    return nextFreeVersion(this.url, name, version)
  }

  /** An upload token: trusted publishing's exchange of the runner's ID token. */
  mintToken(oidc: { url: string; token: string } | null): Promise<string> {
    return mintToken(this.url, oidc)
  }

  upload(
    tool: { uv: string | null; python: string },
    token: string,
    files: string[],
    cwd: string,
    attestations?: ReadonlyMap<string, string>
  ): Promise<void> {
    return upload(tool, this.uploadUrl, token, files, cwd, attestations)
  }
}
