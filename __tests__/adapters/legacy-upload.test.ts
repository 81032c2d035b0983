/**
 * pyship's own upload through the index's upload API (legacy-upload.ts), against the PyPI
 * stand-in and, for answers the stand-in never gives (a status without a status line, an
 * empty body, a 300), a one-answer server: the form the index receives (metadata as twine
 * names it, file type, Python tag, digests), what a refusal becomes (E_PYPI_AUTH,
 * E_PYPI_EXISTS, E_BUILD quoting the index's reason) and that nothing is logged or leaked.
 */
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { configureHttp } from '../../src/adapters/http.js'
import { legacyUpload, metadataFields } from '../../src/adapters/legacy-upload.js'
import { setLogger } from '../../src/log.js'
import { startPypi, type PypiStandIn } from '../../__fixtures__/pypi-server.js'
import { SYSTEM_PYTHON } from '../../__fixtures__/tools.js'
import { removeTempDirs, tempDir } from '../../__fixtures__/tree.js'

const WHEEL = 'dakora_client-1.4.0-py3-none-any.whl'
const SDIST = 'dakora_client-1.4.0.tar.gz'
const TOKEN = 'pypi-LEGACY-SECRET-TOKEN'

const METADATA = [
  'Metadata-Version: 2.1',
  'Name: dakora-client',
  'Version: 1.4.0',
  'Requires-Python: >=3.9',
  'Classifier: A',
  'Classifier: B',
  'Project-URL: Home, https://example.org',
  'Provides-Extra: cli',
  'Requires-Dist: click; extra == "cli"',
  '',
  'The description.',
  ''
].join('\n')

/** A wheel (`metadata` as its METADATA) or an sdist (`metadata` as its PKG-INFO) at `file`. */
const MAKE = `
import io, sys, tarfile, zipfile
path, metadata = sys.argv[1], sys.argv[2]
if path.endswith(".whl"):
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("dakora_client/__init__.py", "")
        z.writestr("dakora_client-1.4.0.dist-info/METADATA", metadata)
        z.writestr("dakora_client-1.4.0.dist-info/WHEEL", "Wheel-Version: 1.0\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n")
        z.writestr("dakora_client-1.4.0.dist-info/RECORD", "")
else:
    with tarfile.open(path, "w:gz") as t:
        for name, text in [("dakora_client-1.4.0/PKG-INFO", metadata), ("dakora_client-1.4.0/pyproject.toml", "")]:
            data = text.encode()
            info = tarfile.TarInfo(name)
            info.size = len(data)
            t.addfile(info, io.BytesIO(data))
`

let dir: string
const logged: string[] = []
const make = (name: string, metadata = METADATA, sub = ''): string => {
  const file = path.join(dir, sub, name)
  execFileSync('mkdir', ['-p', path.dirname(file)])
  execFileSync(SYSTEM_PYTHON, ['-c', MAKE, file, metadata])
  return file
}

beforeEach(() => {
  configureHttp({ attempts: 1 })
  dir = tempDir('pyship-legacy-upload-')
  logged.length = 0
  setLogger((line) => void logged.push(line))
})
afterEach(() => {
  setLogger(() => undefined)
  removeTempDirs()
})

describe('the core metadata as upload form fields', () => {
  test("a wheel's METADATA: every field in order, named as twine names them, multiple-use fields repeated, the body as description", async () => {
    const [fields] = await metadataFields(SYSTEM_PYTHON, [make(WHEEL)], dir)
    expect(fields).toEqual([
      ['metadata_version', '2.1'],
      ['name', 'dakora-client'],
      ['version', '1.4.0'],
      ['requires_python', '>=3.9'],
      ['classifiers', 'A'],
      ['classifiers', 'B'],
      ['project_urls', 'Home, https://example.org'],
      ['provides_extras', 'cli'],
      ['requires_dist', 'click; extra == "cli"'],
      ['description', 'The description.\n']
    ])
  })

  test.each([
    [
      'a Description field and a body: the field only',
      'Metadata-Version: 1.1\nName: a\nDescription: inline\n\nbody\n',
      [['description', 'inline']]
    ],
    ['no body: no description', 'Metadata-Version: 2.1\nName: a\n', []],
    ['a blank body: no description', 'Metadata-Version: 2.1\nName: a\n\n  \n\n', []]
  ])("an sdist's PKG-INFO, %s", async (_what, pkgInfo, description) => {
    const [fields] = await metadataFields(SYSTEM_PYTHON, [make(SDIST, pkgInfo)], dir)
    expect(fields.filter(([k]) => k === 'description')).toEqual(description)
    expect(fields.slice(0, 2)).toEqual([
      ['metadata_version', pkgInfo.slice(18, 21)],
      ['name', 'a']
    ])
  })

  test('several files: one list per file, in their order, read without a line in the log', async () => {
    const wheel = make(WHEEL, 'Metadata-Version: 2.1\nName: first\n')
    const sdist = make(SDIST, 'Metadata-Version: 2.1\nName: second\n')
    expect(await metadataFields(SYSTEM_PYTHON, [sdist, wheel], dir)).toEqual([
      [
        ['metadata_version', '2.1'],
        ['name', 'second']
      ],
      [
        ['metadata_version', '2.1'],
        ['name', 'first']
      ]
    ])
    expect(logged).toEqual([])
  })

  test('a file that is not a distribution: E_BUILD naming every file read, with the interpreter’s last lines', async () => {
    const wheel = make(WHEEL)
    const broken = path.join(dir, 'dakora_client-1.4.0.tar.gz')
    execFileSync('sh', ['-c', `echo not a tar > ${broken}`])
    const error = await metadataFields(SYSTEM_PYTHON, [wheel, broken], dir).catch((e: unknown) => e)
    expect(error).toMatchObject({
      code: 'E_BUILD',
      message: expect.stringMatching(
        /^reading the metadata of dakora_client-1\.4\.0-py3-none-any\.whl, dakora_client-1\.4\.0\.tar\.gz failed: .*ReadError/
      )
    })
    expect(logged).toEqual([])
  })
})

describe('against the PyPI stand-in', () => {
  let pypi: PypiStandIn
  beforeEach(async () => {
    pypi = await startPypi({ tokens: [TOKEN] })
  })
  afterEach(() => pypi.close())

  const uploads = (): number[] => pypi.requests.filter((r) => r.method === 'POST').map((r) => r.status)

  test('a wheel and an sdist in one call: each with its own metadata, type, Python tag and digests; nothing logged, the token nowhere', async () => {
    const wheel = make(WHEEL)
    const sdist = make(SDIST, METADATA.replace('>=3.9', '>=3.10'))
    await legacyUpload(
      SYSTEM_PYTHON,
      pypi.uploadUrl,
      TOKEN,
      [
        { file: wheel, attestation: null },
        { file: sdist, attestation: null }
      ],
      dir
    )
    expect(pypi.files.map((f) => [f.filename, f.project, f.version, f.filetype, f.pythonVersion, f.requiresPython])).toEqual([
      [WHEEL, 'dakora-client', '1.4.0', 'bdist_wheel', 'py3', '>=3.9'],
      [SDIST, 'dakora-client', '1.4.0', 'sdist', 'source', '>=3.10']
    ])
    expect(pypi.files.map((f) => f.sha256)).toEqual([wheel, sdist].map((f) => createHash('sha256').update(readFileSync(f)).digest('hex')))
    expect(pypi.requests.map((r) => [r.method, r.path, r.action, r.filename, r.authorization])).toEqual([
      ['POST', '/legacy/', 'file_upload', WHEEL, 'token'],
      ['POST', '/legacy/', 'file_upload', SDIST, 'token']
    ])
    expect(logged).toEqual([])
  })

  test('the same file again is accepted (200); another file under its name is E_PYPI_EXISTS quoting the index', async () => {
    const wheel = make(WHEEL)
    await legacyUpload(SYSTEM_PYTHON, pypi.uploadUrl, TOKEN, [{ file: wheel, attestation: null }], dir)
    await legacyUpload(SYSTEM_PYTHON, pypi.uploadUrl, TOKEN, [{ file: wheel, attestation: null }], dir)
    const other = make(WHEEL, METADATA.replace('The description.', 'Another.'), 'other')
    const error = await legacyUpload(SYSTEM_PYTHON, pypi.uploadUrl, TOKEN, [{ file: other, attestation: null }], dir).catch(
      (e: unknown) => e
    )
    expect(error).toMatchObject({
      code: 'E_PYPI_EXISTS',
      message: expect.stringMatching(
        /^the index already has a file of this name with other content: 400 File already exists \(.dakora_client-1\.4\.0-py3-none-any\.whl., with blake2_256 hash .[0-9a-f]{64}.\)\. See https:\/\/pypi\.org\/help\/#file-name-reuse for more information\.$/
      )
    })
    expect(uploads()).toEqual([200, 200, 400])
    expect(pypi.files).toHaveLength(1)
  })

  test.each([
    ['a token the index does not know (403)', 'pypi-WRONG-SECRET', null],
    ['a 401 from the index', TOKEN, 401]
  ])('%s: E_PYPI_AUTH naming the redacted upload URL, the file and the reason; the token never shown', async (_what, token, fail) => {
    if (fail !== null) pypi.failNext('/legacy/', fail)
    const wheel = make(WHEEL)
    const error = (await legacyUpload(SYSTEM_PYTHON, `${pypi.uploadUrl}?user=me`, token, [{ file: wheel, attestation: null }], dir).catch(
      (e: unknown) => e
    )) as Error
    const reason =
      fail === null
        ? '403 Invalid or non-existent authentication information. See https://pypi.org/help/#invalid-auth for more information.'
        : '401 Unauthorized'
    expect(error).toMatchObject({
      code: 'E_PYPI_AUTH',
      message: `the index at ${pypi.uploadUrl} refused the credentials uploading ${WHEEL}: ${reason}`
    })
    expect(JSON.stringify(error)).not.toContain('SECRET')
    expect(error.message).not.toContain('SECRET')
    expect(pypi.files).toEqual([])
  })

  test('a 503 to the POST: E_NETWORK from the index, not sent again (it may have taken effect)', async () => {
    pypi.failNext('/legacy/', 503)
    configureHttp({ attempts: 3 })
    const error = await legacyUpload(SYSTEM_PYTHON, pypi.uploadUrl, TOKEN, [{ file: make(WHEEL), attestation: null }], dir).catch(
      (e: unknown) => e
    )
    expect(error).toMatchObject({
      code: 'E_NETWORK',
      message: expect.stringMatching(/^the index did not confirm POST http:\/\/127\.0\.0\.1:\d+\/legacy\/ \(answered 503/)
    })
    expect(uploads()).toEqual([503])
  })
})

describe("the index's answer, quoted", () => {
  /** A server that answers every request with `status` and `body`, and records what it received. */
  let server: http.Server
  let url: string
  let answer: { status: number; body: string }
  const received: { method: string; headers: http.IncomingHttpHeaders; body: string }[] = []
  beforeEach(async () => {
    received.length = 0
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => {
        received.push({ method: req.method ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('latin1') })
        res.writeHead(answer.status, { 'content-type': 'text/html' })
        res.end(answer.body)
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/legacy/`
  })
  afterEach(async () => {
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  })

  const upload = async (): Promise<unknown> =>
    legacyUpload(SYSTEM_PYTHON, url, TOKEN, [{ file: make(WHEEL), attestation: null }], dir)
      .then(() => null)
      .catch((e: unknown) => e)

  test('the request: a POST of multipart/form-data with the token as Basic __token__ credentials', async () => {
    answer = { status: 201, body: '' }
    expect(await upload()).toBeNull()
    const [req] = received
    expect(req.method).toBe('POST')
    expect(req.headers.authorization).toBe(`Basic ${Buffer.from(`__token__:${TOKEN}`).toString('base64')}`)
    const boundary = /^multipart\/form-data; boundary=(pyship-[0-9a-f]{32})$/.exec(req.headers['content-type'] ?? '')?.[1]
    expect(boundary).toBeDefined()
    expect(req.body).toContain(`--${boundary}\r\nContent-Disposition: form-data; name=":action"\r\n\r\nfile_upload\r\n`)
    expect(req.body).toContain(
      `--${boundary}\r\nContent-Disposition: form-data; name="content"; filename="${WHEEL}"\r\nContent-Type: application/octet-stream\r\n\r\nPK`
    )
    expect(req.body.endsWith(`\r\n--${boundary}--\r\n`)).toBe(true)
  })

  test('an attestation file travels as the attestations field: a JSON array of its trimmed content; none without one', async () => {
    answer = { status: 200, body: '' }
    const wheel = make(WHEEL)
    const sdist = make(SDIST)
    writeFileSync(`${wheel}.publish.attestation`, '\n {"version": 1}\n\n')
    await legacyUpload(
      SYSTEM_PYTHON,
      url,
      TOKEN,
      [
        { file: wheel, attestation: `${wheel}.publish.attestation` },
        { file: sdist, attestation: null }
      ],
      dir
    )
    const field = (body: string): string[] => [...body.matchAll(/name="attestations"\r\n\r\n(.*?)\r\n--/gs)].map((m) => m[1])
    expect(received.map((r) => field(r.body))).toEqual([['[{"version": 1}]'], []])
  })

  test.each<[string, number, string, string]>([
    [
      'an HTML page: the status line out of its tags',
      400,
      '<html>\n <head>\n  <title>400 Bad metadata</title>\n </head>\n <body>\n  <h1>400 Bad metadata</h1>\n</body></html>',
      '400 Bad metadata'
    ],
    ['the status line after other lines', 400, 'Refused: 2 of 100 checks\n1 more thing\n400 The real reason\n', '400 The real reason'],
    ['no status line: the first line', 422, '\n\n   Payload refused   \n<p>details</p>\n', 'Payload refused'],
    ['a status number without its space is no status line', 400, 'Refused\n400\n4001 x\n', 'Refused'],
    ['an empty body', 400, '', ''],
    ['a long reason: its first 300 characters', 400, `400 ${'x'.repeat(400)}`, `400 ${'x'.repeat(296)}`],
    ['a 300 is no success', 300, '300 Multiple Choices', '300 Multiple Choices'],
    ['"file already exists" in a 409 is no E_PYPI_EXISTS unless the reason says so', 409, 'Conflict\n', 'Conflict']
  ])('%s', async (_what, status, body, reason) => {
    answer = { status, body }
    const error = await upload()
    expect(error).toMatchObject({
      code: 'E_BUILD',
      message: `upload of ${WHEEL} to ${url} failed (${status}): ${reason}`,
      hint: "The index's answer is quoted in the message; a re-run uploads only what is missing."
    })
    expect(received).toHaveLength(1)
  })

  test.each([
    ['in the status line', '400 File already exists (x.whl)\n', '400 File already exists (x.whl)'],
    ['any case', '<h1>400 FILE ALREADY EXISTS</h1>', '400 FILE ALREADY EXISTS']
  ])('"File already exists" %s: E_PYPI_EXISTS', async (_what, body, reason) => {
    answer = { status: 400, body }
    expect(await upload()).toMatchObject({
      code: 'E_PYPI_EXISTS',
      message: `the index already has a file of this name with other content: ${reason}`
    })
  })

  test('a 2xx of any kind is success: the next file is sent', async () => {
    answer = { status: 204, body: '' }
    const files = [make(WHEEL), make(SDIST)].map((file) => ({ file, attestation: null }))
    await legacyUpload(SYSTEM_PYTHON, url, TOKEN, files, dir)
    expect(received).toHaveLength(2)
  })
})
