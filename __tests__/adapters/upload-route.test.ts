/**
 * An attestation is never dropped silently: an upload tool too old to carry attestation files
 * (uv before 0.9.12 skips them without a word) is bypassed, and pyship posts the upload form
 * with the `attestations` field itself; a new enough uv gets the files on its command line.
 * A stand-in `uv` (a shell script) answers `--version` and records the argv it was given.
 */
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { configureHttp } from '../../src/adapters/http.js'
import { mintToken, upload } from '../../src/adapters/pypi.js'
import { legacyUpload } from '../../src/adapters/legacy-upload.js'
import { signPublishAttestations } from '../../src/adapters/sigstore.js'
import { startPypi, type PypiStandIn } from '../../__fixtures__/pypi-server.js'
import { startSigstore, type SigstoreStandIn } from '../../__fixtures__/sigstore-server.js'
import { SYSTEM_PYTHON } from '../../__fixtures__/tools.js'
import { removeTempDirs, tempDir } from '../../__fixtures__/tree.js'

const WHEEL = 'dakora_client-1.4.0-py3-none-any.whl'
const MAKE_WHEEL = `
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w") as z:
    z.writestr("dakora_client/__init__.py", "")
    z.writestr("dakora_client-1.4.0.dist-info/METADATA", "Metadata-Version: 2.1\\nName: dakora-client\\nVersion: 1.4.0\\nClassifier: A\\nClassifier: B\\n\\nThe description.\\n")
    z.writestr("dakora_client-1.4.0.dist-info/WHEEL", "Wheel-Version: 1.0\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n")
    z.writestr("dakora_client-1.4.0.dist-info/RECORD", "")
`

describe('upload with attestations: the tool that carries them, or pyship itself', () => {
  let pypi: PypiStandIn
  let sigstore: SigstoreStandIn
  let dir: string
  let wheel: string
  let attestation: string
  beforeEach(async () => {
    configureHttp({ attempts: 1 })
    pypi = await startPypi()
    sigstore = await startSigstore({ acceptToken: (jwt) => pypi.oidc.acceptedIdTokens.has(jwt) })
    pypi.verifyAttestation = (bundle) => sigstore.verify(bundle)
    dir = tempDir('pyship-upload-route-')
    wheel = path.join(dir, WHEEL)
    execFileSync(SYSTEM_PYTHON, ['-c', MAKE_WHEEL, wheel])
    const oidc = { url: pypi.idTokenUrl, token: pypi.idTokenRequestToken }
    const [att] = await signPublishAttestations(
      [{ name: WHEEL, sha256: createHash('sha256').update(readFileSync(wheel)).digest('hex') }],
      oidc,
      {
        fulcioUrl: sigstore.fulcioUrl,
        rekorUrl: sigstore.rekorUrl
      }
    )
    attestation = `${wheel}.publish.attestation`
    writeFileSync(attestation, JSON.stringify(att))
  })
  afterEach(async () => {
    await Promise.all([pypi.close(), sigstore.close()])
    removeTempDirs()
  })

  /** A `uv` that prints `version` and records its arguments (one per line) in `argv`. */
  const fakeUv = (version: string): { uv: string; argv: string } => {
    const uv = path.join(dir, 'uv')
    const argv = path.join(dir, 'uv-argv')
    writeFileSync(
      uv,
      `#!/bin/sh\nif [ "$1" = "--version" ]; then echo "${version}"; exit 0; fi\nprintf '%s\\n' "$@" > ${JSON.stringify(argv)}\n`
    )
    chmodSync(uv, 0o755)
    return { uv, argv }
  }
  const trustedToken = (): Promise<string> => mintToken(pypi.url, { url: pypi.idTokenUrl, token: pypi.idTokenRequestToken })

  test('uv 0.8.22 (skips attestation files): pyship uploads the file with its attestation itself, uv publish never runs', async () => {
    const { uv, argv } = fakeUv('uv 0.8.22')
    await upload({ uv, python: SYSTEM_PYTHON }, pypi.uploadUrl, await trustedToken(), [wheel], dir, new Map([[wheel, attestation]]))
    expect(existsSync(argv)).toBe(false)
    expect(pypi.files.map((f) => [f.filename, f.provenance?.attestations.length])).toEqual([[WHEEL, 1]])
    expect(pypi.requests.filter((r) => r.method === 'POST' && r.path === '/legacy/').map((r) => r.status)).toEqual([200])
  })

  test('uv 0.9.12: uv publish gets the file and its attestation file', async () => {
    const { uv, argv } = fakeUv('uv 0.9.12 (ba0c5ba 2025-11-24)')
    await upload({ uv, python: SYSTEM_PYTHON }, pypi.uploadUrl, 'pypi-token', [wheel], dir, new Map([[wheel, attestation]]))
    expect(readFileSync(argv, 'utf8').trim().split('\n')).toEqual([
      'publish',
      '--publish-url',
      pypi.uploadUrl,
      '--trusted-publishing',
      'never',
      wheel,
      attestation
    ])
  })

  test('the index refuses the attestation: E_BUILD quoting its reason, as twine would show it', async () => {
    const { uv } = fakeUv('uv 0.8.22')
    const other = path.join(dir, 'other.attestation')
    const att = JSON.parse(readFileSync(attestation, 'utf8')) as { envelope: { statement: string } }
    const statement = JSON.parse(Buffer.from(att.envelope.statement, 'base64').toString('utf8')) as { subject: { name: string }[] }
    statement.subject[0].name = 'dakora_client-1.4.0.tar.gz'
    att.envelope.statement = Buffer.from(JSON.stringify(statement)).toString('base64')
    writeFileSync(other, JSON.stringify(att))
    const err = await upload(
      { uv, python: SYSTEM_PYTHON },
      pypi.uploadUrl,
      await trustedToken(),
      [wheel],
      dir,
      new Map([[wheel, other]])
    ).catch((e: unknown) => e)
    expect(err).toMatchObject({ code: 'E_BUILD', message: expect.stringContaining('Invalid attestations supplied during upload') })
    expect(pypi.files).toEqual([])
  })

  describe("pyship's own upload (an uv that would drop the attestation)", () => {
    /** A wheel of the same name with other bytes (another description). */
    const otherWheel = (): string => {
      const other = path.join(dir, 'other', WHEEL)
      execFileSync('mkdir', ['-p', path.dirname(other)])
      execFileSync(SYSTEM_PYTHON, ['-c', MAKE_WHEEL.replace('The description.', 'Another description.'), other])
      return other
    }
    const own = async (token: string, file = wheel, att: string | null = attestation): Promise<unknown> =>
      legacyUpload(SYSTEM_PYTHON, pypi.uploadUrl, token, [{ file, attestation: att }], dir)
        .then(() => null)
        .catch((e: unknown) => e)

    test("the form carries the wheel's metadata (each classifier), its digests and type; a second identical upload is accepted", async () => {
      expect(await own(await trustedToken())).toBeNull()
      const [file] = pypi.files
      expect([file.filename, file.project, file.version, file.filetype, file.pythonVersion]).toEqual([
        WHEEL,
        'dakora-client',
        '1.4.0',
        'bdist_wheel',
        'py3'
      ])
      expect(file.sha256).toBe(createHash('sha256').update(readFileSync(wheel)).digest('hex'))
      expect(file.md5).toBe(createHash('md5').update(readFileSync(wheel)).digest('hex'))
      expect(await own(await trustedToken())).toBeNull()
      expect(pypi.requests.filter((r) => r.method === 'POST' && r.path === '/legacy/').map((r) => r.status)).toEqual([200, 200])
    })

    test.each([
      [
        'a token the index refuses',
        'E_PYPI_AUTH',
        /^the index at http:\/\/127\.0\.0\.1:\d+\/legacy\/ refused the credentials uploading dakora_client-1\.4\.0-py3-none-any\.whl: /
      ],
      [
        'a file of this name with other bytes already there',
        'E_PYPI_EXISTS',
        /^the index already has a file of this name with other content: .*File already exists/
      ]
    ])('%s: %s, nothing else uploaded', async (_what, code, message) => {
      const token = await trustedToken()
      if (code === 'E_PYPI_EXISTS') expect(await own(token, otherWheel(), null)).toBeNull()
      const before = pypi.files.length
      const error = await own(code === 'E_PYPI_AUTH' ? 'pypi-not-a-token' : token)
      expect(error).toMatchObject({ code, message: expect.stringMatching(message) })
      expect(pypi.files).toHaveLength(before)
    })

    test('a file whose metadata cannot be read is E_BUILD naming it, before any request', async () => {
      const broken = path.join(dir, 'broken', WHEEL)
      execFileSync('mkdir', ['-p', path.dirname(broken)])
      writeFileSync(broken, 'not a zip')
      const error = await own(await trustedToken(), broken, null)
      expect(error).toMatchObject({
        code: 'E_BUILD',
        message: expect.stringMatching(/^reading the metadata of dakora_client-1\.4\.0-py3-none-any\.whl failed: /)
      })
      expect(pypi.requests.filter((r) => r.method === 'POST' && r.path === '/legacy/')).toEqual([])
    })
  })
})
