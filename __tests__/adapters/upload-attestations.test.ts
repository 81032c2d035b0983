/**
 * How attestations travel with an upload: `uv publish` groups `<file>.publish.attestation`
 * given beside its file (uv 0.9.12+; older uv skips them silently); `twine upload --attestations` (twine 6) does the same;
 * older twine cannot, so pyship posts the upload API form itself with the `attestations` field.
 */
import { describe, expect, test } from '@jest/globals'
import { takesAttestations, uploadCommand } from '../../src/adapters/pypi.js'
import { multipartBody, uploadFields } from '../../src/adapters/legacy-upload.js'

const UV = { uv: '/bin/uv', python: '/usr/bin/python3' }
const PY = { uv: null, python: '/usr/bin/python3' }
const FILES = ['/t/a-1.0-py3-none-any.whl', '/t/a-1.0.tar.gz']
const ATTS = FILES.map((f) => `${f}.publish.attestation`)

describe('upload argv with attestations', () => {
  test.each([
    ['uv, no attestations', UV, [], ['publish', '--publish-url', 'https://up/legacy/', '--trusted-publishing', 'never', ...FILES]],
    [
      'uv, attestations beside the files',
      UV,
      ATTS,
      ['publish', '--publish-url', 'https://up/legacy/', '--trusted-publishing', 'never', ...FILES, ...ATTS]
    ],
    [
      'twine, no attestations',
      PY,
      [],
      ['-m', 'twine', 'upload', '--non-interactive', '--disable-progress-bar', '--repository-url', 'https://up/legacy/', ...FILES]
    ],
    [
      'twine 6, --attestations and the attestation files',
      PY,
      ATTS,
      [
        '-m',
        'twine',
        'upload',
        '--non-interactive',
        '--disable-progress-bar',
        '--repository-url',
        'https://up/legacy/',
        '--attestations',
        ...FILES,
        ...ATTS
      ]
    ]
  ])('%s', (_what, tools, atts, args) => {
    const cmd = uploadCommand(tools, 'https://up/legacy/', 'pypi-SECRET', FILES, atts)
    expect(cmd.args).toEqual(args)
    expect(cmd.args.join(' ')).not.toContain('SECRET')
  })

  test.each<['uv' | 'twine', string, boolean]>([
    ['twine', 'twine version 6.1.0 (pkginfo: 1.12.0, requests: 2.32.3)', true],
    ['twine', 'twine version 6.0.0 (…)', true],
    ['twine', 'twine version 10.0.0 (…)', true],
    ['twine', 'twine version 6.10.0 (…)', true],
    ['twine', 'twine version 5.1.1 (importlib-metadata: 8.0.0)', false],
    ['twine', 'twine version 4.0.2 (importlib-metadata: 4.12.0, keyring: 23.9.3)', false],
    ['twine', '/usr/bin/python3: No module named twine', false],
    ['uv', 'uv 0.9.12 (ba0c5ba 2025-11-24)', true],
    ['uv', 'uv 0.10.0', true],
    ['uv', 'uv 1.0.0', true],
    ['uv', 'uv 10.0.0', true],
    ['uv', 'uv 0.9.11 (…)', false],
    ['uv', 'uv 0.8.22', false],
    ['uv', '', false]
  ])('%s: %s → uploads attestation files: %s', (tool, output, takes) => {
    expect(takesAttestations(tool, output)).toBe(takes)
  })
})

describe("pyship's own upload form", () => {
  const content = Buffer.from('PK fake wheel')
  test('the attestations field is one JSON array, after the metadata, with the digests and file type twine sends', () => {
    const fields = uploadFields(
      '/t/a-1.0-py3-none-any.whl',
      content,
      [
        ['name', 'a'],
        ['version', '1.0'],
        ['classifiers', 'X'],
        ['classifiers', 'Y']
      ],
      '[{"version":1}]'
    )
    expect(fields).toEqual([
      [':action', 'file_upload'],
      ['protocol_version', '1'],
      ['name', 'a'],
      ['version', '1.0'],
      ['classifiers', 'X'],
      ['classifiers', 'Y'],
      ['filetype', 'bdist_wheel'],
      ['pyversion', 'py3'],
      ['md5_digest', expect.stringMatching(/^[0-9a-f]{32}$/)],
      ['sha256_digest', expect.stringMatching(/^[0-9a-f]{64}$/)],
      ['attestations', '[{"version":1}]']
    ])
    expect(
      uploadFields('/t/a-1.0.tar.gz', content, [], null).filter(([k]) => ['filetype', 'pyversion', 'attestations'].includes(k))
    ).toEqual([
      ['filetype', 'sdist'],
      ['pyversion', 'source']
    ])
  })

  test('multipart: a quote, a backslash or a line break in a name or file name is percent-encoded, never ends the header', () => {
    const { body } = multipartBody([['we"ird\\name', 'v']], 'a"b\\c\r\nX-Injected: 1.whl', content)
    const text = body.toString('utf8')
    expect(text).toContain('Content-Disposition: form-data; name="we%22ird%5Cname"\r\n')
    expect(text).toContain('name="content"; filename="a%22b%5Cc%0D%0AX-Injected: 1.whl"\r\n')
    expect(text).not.toContain('\r\nX-Injected')
  })

  test('multipart: each field, then the file as content with its name', () => {
    const { type, body } = multipartBody([['name', 'a']], 'a-1.0.tar.gz', content)
    const boundary = /boundary=(\S+)/.exec(type)?.[1] as string
    expect(body.toString('utf8')).toBe(
      `--${boundary}\r\nContent-Disposition: form-data; name="name"\r\n\r\na\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="content"; filename="a-1.0.tar.gz"\r\nContent-Type: application/octet-stream\r\n\r\nPK fake wheel\r\n--${boundary}--\r\n`
    )
  })
})
