/**
 * The package index as pypi.ts sees it, against the PyPI stand-in (and, for answers the
 * stand-in never gives, a one-route server): what a version holds (JSON API, 404 for an
 * unknown version), the versions of a project and the next free one, waiting until an upload
 * is visible, trusted publishing's token exchange, and the upload — `uv publish` (a stand-in
 * script recording its argv and token) or the real `twine upload` — with what its failure becomes.
 */
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { configureHttp } from '../../src/adapters/http.js'
import {
  describeClaims,
  indexFiles,
  indexVersions,
  mintToken,
  nextFreeVersion,
  PackageIndex,
  upload,
  uploadCommand,
  waitUntilVisible
} from '../../src/adapters/pypi.js'
import { setLogger } from '../../src/log.js'
import { startPypi, type PypiStandIn } from '../../__fixtures__/pypi-server.js'
import { SYSTEM_PYTHON } from '../../__fixtures__/tools.js'
import { removeTempDirs, tempDir } from '../../__fixtures__/tree.js'

const WHEEL = 'dakora_client-1.4.0-py3-none-any.whl'
const SDIST = 'dakora_client-1.4.0.tar.gz'
const TOKEN = 'pypi-INDEX-SECRET-TOKEN'
const MAKE_WHEEL = `
import io, sys, tarfile, zipfile
if sys.argv[1].endswith(".tar.gz"):
    with tarfile.open(sys.argv[1], "w:gz") as t:
        for name, data in [("PKG-INFO", b"Metadata-Version: 2.1\\nName: dakora-client\\nVersion: 1.4.0\\n"), ("pyproject.toml", b"")]:
            info = tarfile.TarInfo("dakora_client-1.4.0/" + name)
            info.size = len(data)
            t.addfile(info, io.BytesIO(data))
    sys.exit(0)
with zipfile.ZipFile(sys.argv[1], "w") as z:
    z.writestr("dakora_client/__init__.py", sys.argv[2])
    z.writestr("dakora_client-1.4.0.dist-info/METADATA", "Metadata-Version: 2.1\\nName: dakora-client\\nVersion: 1.4.0\\n")
    z.writestr("dakora_client-1.4.0.dist-info/WHEEL", "Wheel-Version: 1.0\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n")
    z.writestr("dakora_client-1.4.0.dist-info/RECORD", "")
`

let pypi: PypiStandIn
let dir: string
const logged: string[] = []
const secrets: string[] = []
beforeEach(async () => {
  configureHttp({ attempts: 1 })
  pypi = await startPypi({ tokens: [TOKEN] })
  dir = tempDir('pyship-pypi-index-')
  logged.length = 0
  secrets.length = 0
  setLogger(
    (line) => void logged.push(line),
    (secret) => void secrets.push(secret)
  )
})
afterEach(async () => {
  setLogger(() => undefined)
  await pypi.close()
  removeTempDirs()
})

const gets = (): string[] => pypi.requests.filter((r) => r.method === 'GET').map((r) => `${r.path} ${r.status}`)

/** What a `oneRoute` server received. */
const received: { method: string; path: string; type: string | undefined; body: string }[] = []

/** A server that answers each path of `routes` (404 for others) and records what it received. */
async function oneRoute(routes: Record<string, { status: number; body: string }>): Promise<{ url: string; close: () => Promise<void> }> {
  received.length = 0
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      received.push({
        method: req.method ?? '',
        path: req.url ?? '',
        type: req.headers['content-type'],
        body: Buffer.concat(chunks).toString()
      })
      const answer = routes[req.url ?? ''] ?? { status: 404, body: '{}' }
      res.writeHead(answer.status, { 'content-type': 'application/json' })
      res.end(answer.body)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

describe('what a version holds (JSON API)', () => {
  test('its files with their sha256, asked by the normalized name under the index URL without its trailing slashes', async () => {
    const wheel = pypi.addFile('Dakora_Client', '1.4.0', WHEEL, 'wheel bytes')
    const sdist = pypi.addFile('Dakora_Client', '1.4.0', SDIST, 'sdist bytes')
    pypi.addFile('Dakora_Client', '1.5.0', 'dakora_client-1.5.0.tar.gz', 'newer')
    expect(await indexFiles(`${pypi.url}//`, 'Dakora.Client', '1.4.0')).toEqual([
      { filename: WHEEL, sha256: wheel.sha256 },
      { filename: SDIST, sha256: sdist.sha256 }
    ])
    expect(gets()).toEqual(['/pypi/dakora-client/1.4.0/json 200'])
  })

  test.each([
    ['an unknown version', '9.9.9'],
    ['an unknown project', '1.4.0', 'nobody']
  ])('%s: null (404)', async (_what, version, name = 'dakora-client') => {
    pypi.addFile('dakora-client', '1.4.0', WHEEL, 'wheel bytes')
    expect(await indexFiles(pypi.url, name, version)).toBeNull()
    expect(gets()).toEqual([`/pypi/${name}/${version}/json 404`])
  })

  test('another answer (403): E_NETWORK naming it and the URL', async () => {
    pypi.failNext('/pypi/', 403)
    await expect(indexFiles(pypi.url, 'a', '1.0')).rejects.toMatchObject({
      code: 'E_NETWORK',
      message: `the index answered 403 to GET ${pypi.url}/pypi/a/1.0/json, not the JSON API's 200 or 404; a re-run resumes where this one stopped`
    })
  })

  test.each<[string, string, { filename: string; sha256: string }[] | string]>([
    ['no urls: no files', '{"info": {}}', []],
    [
      'a file without digests: an empty sha256',
      '{"urls": [{"filename": "a.whl"}, {"filename": "b.whl", "digests": {}}]}',
      [
        { filename: 'a.whl', sha256: '' },
        { filename: 'b.whl', sha256: '' }
      ]
    ],
    ['urls not a list', '{"urls": {"filename": "a.whl"}}', 'not a version of a project (PyPI JSON API)'],
    ['a file without a name', '{"urls": [{"filename": "a.whl"}, {"url": "x"}]}', 'not a version of a project (PyPI JSON API)'],
    ['a file that is no object', '{"urls": ["a.whl"]}', 'not a version of a project (PyPI JSON API)'],
    ['no object at all', '["a.whl"]', 'not a version of a project (PyPI JSON API)']
  ])('an answer with %s', async (_what, body, expected) => {
    const server = await oneRoute({ '/pypi/a/1.0/json': { status: 200, body } })
    try {
      const result = await indexFiles(server.url, 'a', '1.0').catch((e: unknown) => e)
      if (typeof expected === 'string')
        expect(result).toMatchObject({
          code: 'E_NETWORK',
          message: `the index answered GET ${server.url}/pypi/a/1.0/json with JSON that is ${expected}; a re-run resumes where this one stopped`
        })
      else expect(result).toEqual(expected)
    } finally {
      await server.close()
    }
  })
})

describe('the versions of a project and the next free one', () => {
  test('every version, by the normalized name; [] for an unknown project or another answer', async () => {
    pypi.addFile('dakora-client', '1.4.0', WHEEL, 'a')
    pypi.addFile('dakora-client', '1.5.0', 'dakora_client-1.5.0.tar.gz', 'b')
    expect((await indexVersions(`${pypi.url}/`, 'Dakora_Client')).sort()).toEqual(['1.4.0', '1.5.0'])
    expect(await indexVersions(pypi.url, 'nobody')).toEqual([])
    pypi.failNext('/pypi/', 403)
    expect(await indexVersions(pypi.url, 'dakora-client')).toEqual([])
    expect(gets()).toEqual(['/pypi/dakora-client/json 200', '/pypi/nobody/json 404', '/pypi/dakora-client/json 403'])
  })

  test.each([
    ['no releases', '{"info": {}}', []],
    ['releases not an object', '{"releases": ["1.0"]}', 'E_NETWORK'],
    ['no object', '"1.0"', 'E_NETWORK']
  ])('an answer with %s', async (_what, body, expected) => {
    const server = await oneRoute({ '/pypi/a/json': { status: 200, body } })
    try {
      const result = await indexVersions(server.url, 'a').catch((e: unknown) => e)
      if (expected === 'E_NETWORK')
        expect(result).toMatchObject({
          code: 'E_NETWORK',
          message: `the index answered GET ${server.url}/pypi/a/json with JSON that is not a project (PyPI JSON API); a re-run resumes where this one stopped`
        })
      else expect(result).toEqual(expected)
    } finally {
      await server.close()
    }
  })

  test.each([
    ['an unknown project', [], '1.4.0', '1.4.1'],
    ['released versions above: after the highest', ['1.4.0', '1.4.1', '1.4.3'], '1.4.0', '1.4.4'],
    ['the version above every released one', ['1.0.0'], '1.4.0', '1.4.1'],
    ['a pre-release is the highest: its release', ['1.4.0', '2.0.0rc1'], '1.4.0', '2.0.0'],
    ['a short version on the index', ['1.5'], '1.4.0', '1.5.1'],
    ['a version of the index that is none: left out', ['1.4.2', 'latest'], '1.4.0', '1.4.3']
  ])('%s: %s, %s → %s', async (_what, released, version, next) => {
    for (const v of released) pypi.addFile('dakora-client', v, `dakora_client-${v}.tar.gz`, v)
    expect(await nextFreeVersion(pypi.url, 'dakora-client', version)).toBe(next)
  })
})

describe("a page that is not JSON answered 200 (a CDN's or a proxy's error page) is another attempt for every read", () => {
  const oidc = (): { url: string; token: string } => ({ url: pypi.idTokenUrl, token: pypi.idTokenRequestToken })
  test.each<[string, string, () => Promise<unknown>, unknown]>([
    [
      "a version's files",
      '/pypi/',
      () => indexFiles(pypi.url, 'dakora-client', '1.4.0'),
      [{ filename: WHEEL, sha256: expect.any(String) }]
    ],
    ["a project's versions", '/pypi/', () => indexVersions(pypi.url, 'dakora-client'), ['1.4.0']],
    ["trusted publishing's audience", '/_/oidc/audience', () => mintToken(pypi.url, oidc()), expect.stringMatching(/^pypi-/)]
  ])('%s', async (_what, prefix, read, expected) => {
    configureHttp({ attempts: 2, backoff: 0.01 })
    pypi.addFile('dakora-client', '1.4.0', WHEEL, 'a')
    pypi.failNext(prefix, 200)
    expect(await read()).toEqual(expected)
    expect(pypi.requests.filter((r) => r.path.startsWith(prefix)).map((r) => r.status)).toEqual([200, 200])
  })
})

describe('waiting until an upload is visible', () => {
  test.each([
    ['visible after three look-ups, four attempts: true after waiting 0.5 + 1 + 2 s', 3, 4, true, 4, 3500],
    ['still hidden after three attempts: false, no wait after the last (0.5 + 1 s)', 5, 3, false, 3, 1500],
    ['visible at once: true, no wait', 0, 3, true, 1, 0]
  ])('%s', async (_what, hidden, attempts, visible, lookUps, least) => {
    pypi.addFile('dakora-client', '1.4.0', WHEEL, 'a').hiddenFor = hidden
    const started = Date.now()
    expect(await waitUntilVisible(pypi.url, 'dakora-client', '1.4.0', [WHEEL], attempts)).toBe(visible)
    // the backoff is slept (a wait never ends early); no upper bound: a loaded machine is slower
    expect(Date.now() - started).toBeGreaterThanOrEqual(least)
    expect(gets()).toHaveLength(lookUps)
  })

  test('every expected file must be listed: one of two is not enough', async () => {
    pypi.addFile('dakora-client', '1.4.0', WHEEL, 'a')
    expect(await waitUntilVisible(pypi.url, 'dakora-client', '1.4.0', [WHEEL, SDIST], 1)).toBe(false)
    pypi.addFile('dakora-client', '1.4.0', SDIST, 'b')
    expect(await waitUntilVisible(pypi.url, 'dakora-client', '1.4.0', [SDIST, WHEEL], 1)).toBe(true)
  })

  test('an unknown version (404) is waited for like a hidden one; eight attempts by default', async () => {
    pypi.addFile('dakora-client', '1.4.0', WHEEL, 'a').hiddenFor = 1
    expect(await waitUntilVisible(pypi.url, 'dakora-client', '1.4.0', [WHEEL])).toBe(true)
    expect(gets()).toEqual(['/pypi/dakora-client/1.4.0/json 404', '/pypi/dakora-client/1.4.0/json 200'])
  })
})

describe('trusted publishing', () => {
  const oidc = (): { url: string; token: string } => ({ url: pypi.idTokenUrl, token: pypi.idTokenRequestToken })
  const CLAIMS =
    'repository=octo-org/dakora, repository_owner=octo-org, workflow_ref=octo-org/dakora/.github/workflows/release.yml@refs/heads/main, job_workflow_ref=octo-org/dakora/.github/workflows/release.yml@refs/heads/main, environment=pypi, ref=refs/heads/main'

  test('the ID token for the index audience, exchanged for an upload token that is registered as a secret', async () => {
    const token = await mintToken(`${pypi.url}/`, oidc())
    expect(pypi.oidc.mintedTokens).toEqual([token])
    // the ID token (oidc.ts) and the minted token
    expect(secrets.at(-1)).toBe(token)
    expect(pypi.requests.map((r) => `${r.method} ${r.path.replace(/\?.*/, '')} ${r.status}`)).toEqual([
      'GET /_/oidc/audience 200',
      'GET /_runner/id-token 200',
      'POST /_/oidc/mint-token 200'
    ])
    expect(logged.join('\n')).not.toContain(token)
  })

  test('no OIDC token: E_NO_PYPI_TOKEN before any request', async () => {
    await expect(mintToken(pypi.url, null)).rejects.toMatchObject({
      code: 'E_NO_PYPI_TOKEN',
      message: 'no pypi-token and no OIDC token available for trusted publishing'
    })
    expect(pypi.requests).toEqual([])
  })

  test('an index without trusted publishing (404): E_PYPI_AUTH with the way out', async () => {
    pypi.oidc.enabled = false
    await expect(mintToken(pypi.url, oidc())).rejects.toMatchObject({
      code: 'E_PYPI_AUTH',
      message: `the index at ${pypi.url}/ does not offer trusted publishing (404 from /_/oidc/audience)`,
      hint: 'Use an API token (`pypi-token`) for this index, or check `pypi-url`.'
    })
  })

  test('a publisher that does not match: E_PYPI_AUTH with the index’s reasons and the claims to match, never the token', async () => {
    pypi.oidc.publisher = { repository: 'octo-org/other', workflow: 'release.yml' }
    const error = (await mintToken(pypi.url, oidc()).catch((e: unknown) => e)) as Error & { hint: string }
    expect(error).toMatchObject({
      code: 'E_PYPI_AUTH',
      message:
        'the index refused the trusted-publishing exchange (422): invalid-publisher: valid token, but no corresponding publisher (Publisher with matching claims was not found)',
      hint: `The trusted publisher registered on the index must match these claims: ${CLAIMS}.`
    })
    for (const jwt of pypi.oidc.acceptedIdTokens) expect(`${error.message} ${error.hint}`).not.toContain(jwt)
  })

  test.each([
    [
      'two errors: both, joined',
      422,
      JSON.stringify({
        errors: [
          { code: 'a', description: 'one' },
          { code: 'b', description: 'two' }
        ]
      }),
      'a: one; b: two'
    ],
    ['JSON without errors: no reasons', 400, '{"message": "no"}', ''],
    ['not JSON: its first 200 characters', 400, `<html>${'x'.repeat(300)}`, `<html>${'x'.repeat(194)}`]
  ])('a refused exchange with %s', async (_what, status, body, reasons) => {
    const server = await oneRoute({
      '/_/oidc/audience': { status: 200, body: '{"audience": "pypi"}' },
      '/_/oidc/mint-token': { status, body }
    })
    try {
      await expect(mintToken(server.url, oidc())).rejects.toMatchObject({
        code: 'E_PYPI_AUTH',
        message: `the index refused the trusted-publishing exchange (${status}): ${reasons}`,
        hint: `The trusted publisher registered on the index must match these claims: ${CLAIMS}.`
      })
      const [jwt] = pypi.oidc.acceptedIdTokens
      expect(received.map((r) => [r.method, r.path, r.type, r.body])).toEqual([
        ['GET', '/_/oidc/audience', undefined, ''],
        ['POST', '/_/oidc/mint-token', 'application/json', JSON.stringify({ token: jwt })]
      ])
    } finally {
      await server.close()
    }
  })

  test.each([
    [
      'an audience that is no string',
      '{"audience": 1}',
      '{"token": "t"}',
      `GET {url}/_/oidc/audience with JSON that is not an OIDC audience`
    ],
    [
      'a minted answer without a token',
      '{"audience": "pypi"}',
      '{"success": true}',
      `POST {url}/_/oidc/mint-token with JSON that is not a minted API token`
    ]
  ])('%s: E_NETWORK', async (_what, audience, minted, what) => {
    const server = await oneRoute({
      '/_/oidc/audience': { status: 200, body: audience },
      '/_/oidc/mint-token': { status: 200, body: minted }
    })
    try {
      await expect(mintToken(server.url, oidc())).rejects.toMatchObject({
        code: 'E_NETWORK',
        message: `the index answered ${what.replace('{url}', server.url)}; a re-run resumes where this one stopped`
      })
    } finally {
      await server.close()
    }
  })

  const jwt = (claims: unknown): string => `h.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.s`
  test.each([
    [
      'the claims a publisher is matched against, in order; others left out',
      jwt({
        ref: 'refs/tags/v1',
        sub: 'x',
        environment: 'pypi',
        repository_owner: 'o',
        repository: 'o/r',
        job_workflow_ref: 'j',
        workflow_ref: 'w'
      }),
      'repository=o/r, repository_owner=o, workflow_ref=w, job_workflow_ref=j, environment=pypi, ref=refs/tags/v1'
    ],
    ['an empty environment left out', jwt({ repository: 'o/r', environment: '' }), 'repository=o/r'],
    ['no claims', jwt({}), ''],
    ['not a JWT', 'opaque', '(the OIDC token could not be decoded)'],
    ['a payload that is not JSON', `h.${Buffer.from('nope').toString('base64url')}.s`, '(the OIDC token could not be decoded)']
  ])('describeClaims: %s', (_what, token, described) => {
    expect(describeClaims(token)).toBe(described)
  })
})

describe('the upload', () => {
  /**
   * A `uv` that prints `version` for `--version`; otherwise records its argv (one per line) and
   * the token it was given, prints `output` to stderr and exits with `status`.
   */
  const fakeUv = (version: string, output = '', status = 0): { uv: string; argv: string; calls: string; token: string } => {
    const uv = path.join(dir, 'uv')
    const argv = path.join(dir, 'uv-argv')
    const calls = path.join(dir, 'uv-calls')
    const token = path.join(dir, 'uv-token')
    const said = path.join(dir, 'uv-output')
    writeFileSync(said, output)
    writeFileSync(
      uv,
      [
        '#!/bin/sh',
        `echo "$1" >> ${JSON.stringify(calls)}`,
        `if [ "$1" = "--version" ]; then printf '%b\\n' ${JSON.stringify(version)}; exit 0; fi`,
        `printf '%s\\n' "$@" > ${JSON.stringify(argv)}`,
        `printf '%s' "$UV_PUBLISH_TOKEN" > ${JSON.stringify(token)}`,
        `cat ${JSON.stringify(said)} >&2`,
        `exit ${status}`,
        ''
      ].join('\n')
    )
    chmodSync(uv, 0o755)
    return { uv, argv, calls, token }
  }
  const lines = (file: string): string[] => readFileSync(file, 'utf8').trim().split('\n')
  const makeWheel = (content = '', sub = ''): string => {
    const file = path.join(dir, sub, WHEEL)
    execFileSync('mkdir', ['-p', path.dirname(file)])
    execFileSync(SYSTEM_PYTHON, ['-c', MAKE_WHEEL, file, content])
    return file
  }

  test('the token travels in the environment only: UV_PUBLISH_TOKEN for uv, TWINE_USERNAME/TWINE_PASSWORD for twine', () => {
    expect(uploadCommand({ uv: '/bin/uv', python: '/usr/bin/python3' }, 'https://up/', TOKEN, ['a.whl'])).toEqual({
      command: '/bin/uv',
      args: ['publish', '--publish-url', 'https://up/', '--trusted-publishing', 'never', 'a.whl'],
      env: { UV_PUBLISH_TOKEN: TOKEN }
    })
    expect(uploadCommand({ uv: null, python: '/usr/bin/python3' }, 'https://up/', TOKEN, ['a.whl'])).toEqual({
      command: '/usr/bin/python3',
      args: ['-m', 'twine', 'upload', '--non-interactive', '--disable-progress-bar', '--repository-url', 'https://up/', 'a.whl'],
      env: { TWINE_USERNAME: '__token__', TWINE_PASSWORD: TOKEN }
    })
  })

  test('uv publish: the exact argv and the token in UV_PUBLISH_TOKEN; no --version asked without attestations; the token never logged', async () => {
    const { uv, argv, calls, token } = fakeUv('uv 0.8.22')
    const wheel = makeWheel()
    await upload({ uv, python: SYSTEM_PYTHON }, pypi.uploadUrl, TOKEN, [wheel], dir, new Map([['/elsewhere.whl', '/elsewhere.att']]))
    expect(lines(argv)).toEqual(['publish', '--publish-url', pypi.uploadUrl, '--trusted-publishing', 'never', wheel])
    expect(readFileSync(token, 'utf8')).toBe(TOKEN)
    expect(lines(calls)).toEqual(['publish'])
    expect(logged).toContain(`$ ${uv} publish --publish-url ${pypi.uploadUrl} --trusted-publishing never ${wheel}`)
    expect(logged.join('\n')).not.toContain('SECRET')
  })

  test('a new enough uv with attestations: asked its version quietly, then given each file and its attestation', async () => {
    const { uv, argv, calls } = fakeUv('uv 0.9.12')
    const wheel = makeWheel()
    await upload({ uv, python: SYSTEM_PYTHON }, pypi.uploadUrl, TOKEN, [wheel], dir, new Map([[wheel, `${wheel}.att`]]))
    expect(lines(calls)).toEqual(['--version', 'publish'])
    expect(lines(argv).slice(-2)).toEqual([wheel, `${wheel}.att`])
    expect(logged.filter((l) => l.startsWith('$ '))).toEqual([
      `$ ${uv} publish --publish-url ${pypi.uploadUrl} --trusted-publishing never ${wheel} ${wheel}.att`
    ])
  })

  test.each([
    ['uv 0.8.22', 'uv 0.8.22 (abc 2025-09-01)', 'uv 0.8.22 (abc 2025-09-01) cannot upload attestations (uv 0.9.12 can)'],
    ['an uv that prints no version', '', 'uv cannot upload attestations (uv 0.9.12 can)'],
    ['an uv that prints a blank line first: the version is named', '\nuv 0.8.22', 'uv 0.8.22 cannot upload attestations (uv 0.9.12 can)']
  ])('%s with attestations: pyship posts the form itself (saying so), uv publish never runs', async (_what, version, said) => {
    const { uv, calls } = fakeUv(version)
    const wheel = makeWheel()
    writeFileSync(`${wheel}.att`, '{"version": 1}\n')
    const error = await upload(
      { uv, python: SYSTEM_PYTHON },
      pypi.uploadUrl,
      TOKEN,
      [wheel],
      dir,
      new Map([[wheel, `${wheel}.att`]])
    ).catch((e: unknown) => e)
    // an API token cannot carry attestations (trusted publishing only): the stand-in refuses, which shows the form was posted
    expect(error).toMatchObject({ code: 'E_BUILD', message: expect.stringContaining('Invalid attestations supplied during upload') })
    expect(lines(calls)).toEqual(['--version'])
    expect(logged).toEqual([`${said}: pyship uploads through the index's upload API itself`])
    expect(pypi.requests.map((r) => [r.method, r.path, r.filename])).toEqual([['POST', '/legacy/', WHEEL]])
  })

  test('uv 0.8.22 with one attested file of two: both go through the form, the other one without attestations', async () => {
    const { uv, calls } = fakeUv('uv 0.8.22')
    const wheel = makeWheel()
    const sdist = path.join(dir, SDIST)
    execFileSync(SYSTEM_PYTHON, ['-c', MAKE_WHEEL, sdist, ''])
    writeFileSync(`${wheel}.att`, '{}')
    const error = await upload(
      { uv, python: SYSTEM_PYTHON },
      pypi.uploadUrl,
      TOKEN,
      [sdist, wheel],
      dir,
      new Map([[wheel, `${wheel}.att`]])
    ).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'E_BUILD', message: expect.stringContaining('Invalid attestations supplied during upload') })
    expect(lines(calls)).toEqual(['--version'])
    expect(pypi.files.map((f) => [f.filename, f.provenance])).toEqual([[SDIST, undefined]])
    expect(pypi.requests.map((r) => [r.path, r.filename, r.status])).toEqual([
      ['/legacy/', SDIST, 200],
      ['/legacy/', WHEEL, 400]
    ])
  })

  test.each([
    ['403 Forbidden', 'error: Upload failed with status code 403 Forbidden', 'E_PYPI_AUTH'],
    ['401', 'Upload failed: 401 Unauthorized', 'E_PYPI_AUTH'],
    ['invalid authentication, any case', 'error: invalid or non-existent authentication information.', 'E_PYPI_AUTH'],
    ['refused and a file that exists: the credentials first', 'File already exists\n403 Forbidden', 'E_PYPI_AUTH'],
    ['File already exists', 'error: 400 File already exists (dakora.whl)', 'E_PYPI_EXISTS'],
    ['file already exists, any case', 'error: 400 file already exists', 'E_PYPI_EXISTS'],
    ['4030 and 14011 are no status', 'error: sent 4030 bytes of 14011, connection reset', 'E_BUILD']
  ])('a failed uv publish, %s: %s', async (_what, output, code) => {
    const { uv } = fakeUv('uv 0.8.22', output, 1)
    const error = (await upload({ uv, python: SYSTEM_PYTHON }, `${pypi.uploadUrl}?k=v`, TOKEN, [makeWheel()], dir).catch(
      (e: unknown) => e
    )) as Error
    const last = output.split('\n').join(' | ')
    const message = {
      E_PYPI_AUTH: `the index at ${pypi.uploadUrl} refused the credentials: ${last}`,
      E_PYPI_EXISTS: `the index already has a file of this name with other content: ${last}`,
      E_BUILD: `upload to ${pypi.uploadUrl} failed: ${last}`
    }[code]
    expect(error).toMatchObject({ code, message })
    if (code === 'E_BUILD') expect(error).toMatchObject({ hint: "The upload tool's last error is shown above." })
  })

  test("a failed upload's output is in the log once", async () => {
    const { uv } = fakeUv('uv 0.8.22', 'error: the index is on fire', 2)
    await expect(upload({ uv, python: SYSTEM_PYTHON }, pypi.uploadUrl, TOKEN, [makeWheel()], dir)).rejects.toMatchObject({
      code: 'E_BUILD'
    })
    expect(logged.filter((l) => l.includes('the index is on fire'))).toHaveLength(1)
  })

  describe('twine (the real one)', () => {
    const twine = { uv: null, python: SYSTEM_PYTHON }

    test('uploads the file to the stand-in with the token; an identical re-upload is accepted', async () => {
      const wheel = makeWheel()
      await upload(twine, pypi.uploadUrl, TOKEN, [wheel], dir)
      await upload(twine, pypi.uploadUrl, TOKEN, [wheel], dir)
      expect(pypi.files.map((f) => f.filename)).toEqual([WHEEL])
      expect(pypi.requests.filter((r) => r.method === 'POST').map((r) => [r.status, r.authorization])).toEqual([
        [200, 'token'],
        [200, 'token']
      ])
      expect(logged.join('\n')).not.toContain('SECRET')
    })

    test.each([
      [
        'a token the index refuses',
        'pypi-WRONG-SECRET',
        'E_PYPI_AUTH',
        /^the index at http:\/\/127\.0\.0\.1:\d+\/legacy\/ refused the credentials: .*403/
      ],
      ['another file under a used name', TOKEN, 'E_PYPI_EXISTS', /^the index already has a file of this name with other content: /]
    ])('%s: %s', async (_what, token, code, message) => {
      if (code === 'E_PYPI_EXISTS') await upload(twine, pypi.uploadUrl, TOKEN, [makeWheel('other', 'other')], dir)
      const error = (await upload(twine, pypi.uploadUrl, token, [makeWheel()], dir).catch((e: unknown) => e)) as Error
      expect(error).toMatchObject({ code, message: expect.stringMatching(message) })
      expect(`${error.message}\n${logged.join('\n')}`).not.toContain('SECRET')
    })

    test('twine 4 with an attestation: pyship posts the form itself, saying which twine cannot', async () => {
      const wheel = makeWheel()
      writeFileSync(`${wheel}.att`, '{}')
      await expect(upload(twine, pypi.uploadUrl, TOKEN, [wheel], dir, new Map([[wheel, `${wheel}.att`]]))).rejects.toMatchObject({
        code: 'E_BUILD'
      })
      expect(logged).toEqual([
        expect.stringMatching(
          /^twine version \d\.\S+ .* cannot upload attestations \(twine 6 can\): pyship uploads through the index's upload API itself$/
        )
      ])
      expect(existsSync(path.join(dir, 'uv-calls'))).toBe(false)
    })
  })
})

describe('PackageIndex: reads from the index URL, uploads to the upload URL', () => {
  test('files, the next free version, a minted token and an upload', async () => {
    pypi.addFile('dakora-client', '1.4.0', WHEEL, 'a')
    const index = new PackageIndex(pypi.url, `${pypi.url}/elsewhere/`)
    expect(await index.files('dakora-client', '1.4.0')).toEqual([{ filename: WHEEL, sha256: pypi.files[0].sha256 }])
    expect(await index.nextFreeVersion('dakora-client', '1.0.0')).toBe('1.4.1')
    const minted = await index.mintToken({ url: pypi.idTokenUrl, token: pypi.idTokenRequestToken })
    expect(minted).toMatch(/^pypi-/)
    expect(pypi.oidc.mintedTokens).toEqual([minted])
    const uv = path.join(dir, 'uv')
    writeFileSync(uv, `#!/bin/sh\nprintf '%s\\n' "$@" > ${JSON.stringify(path.join(dir, 'argv'))}\n`)
    chmodSync(uv, 0o755)
    await index.upload({ uv, python: SYSTEM_PYTHON }, TOKEN, ['/d/a.whl'], dir)
    expect(readFileSync(path.join(dir, 'argv'), 'utf8')).toBe(
      `publish\n--publish-url\n${pypi.url}/elsewhere/\n--trusted-publishing\nnever\n/d/a.whl\n`
    )
  })
})
