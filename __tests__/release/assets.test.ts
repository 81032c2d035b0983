/**
 * Release assets, pure (SPEC §10): the SHA256SUMS text (`sha256sum` format, sorted by
 * name), reading one back, and the resume decision for each asset against what the
 * release already carries.
 */
import { describe, expect, test } from '@jest/globals'
import { assetUrl, decideAssets, parseSha256Sums, renderSha256Sums, type AssetFile, type ExistingAsset } from '../../src/release/assets.js'

const A = 'a'.repeat(64)
const B = 'b'.repeat(64)
const C = 'c'.repeat(64)

describe('SHA256SUMS', () => {
  test.each([
    { files: [], text: '' },
    { files: [{ name: 'x-1.0.tar.gz', sha256: A }], text: `${A}  x-1.0.tar.gz\n` },
    {
      // sorted by name, byte order (capitals before lower case, as `LC_ALL=C sort`)
      files: [
        { name: 'x-1.0.tar.gz', sha256: A },
        { name: 'x-1.0-py3-none-any.whl', sha256: B },
        { name: 'X_other-1.0.tar.gz', sha256: C }
      ],
      text: `${C}  X_other-1.0.tar.gz\n${B}  x-1.0-py3-none-any.whl\n${A}  x-1.0.tar.gz\n`
    },
    { files: [{ name: 'x.whl', sha256: A.toUpperCase() }], text: `${A}  x.whl\n` },
    {
      files: [
        { name: 'x.whl', sha256: A },
        { name: 'x.whl', sha256: A }
      ],
      text: `${A}  x.whl\n`
    }
  ])('renders $files.length file(s) as sha256sum does', ({ files, text }) => {
    expect(renderSha256Sums(files)).toBe(text)
  })

  test.each([
    { text: `${A}  x.whl\n${B}  y.tar.gz\n`, sums: { 'x.whl': A, 'y.tar.gz': B }, bad: [] },
    { text: `${A} *x.whl\r\n`, sums: { 'x.whl': A }, bad: [] },
    { text: `${A.toUpperCase()}  x.whl`, sums: { 'x.whl': A }, bad: [] },
    { text: `not a line\n${A}  x.whl\n`, sums: { 'x.whl': A }, bad: ['not a line'] },
    { text: `${A.slice(1)}  x.whl\n`, sums: {}, bad: [`${A.slice(1)}  x.whl`] },
    { text: `${A}  x.whl\n${B}  x.whl\n`, sums: { 'x.whl': A }, bad: [`${B}  x.whl`] }
  ])('reads $text back', ({ text, sums, bad }) => {
    const read = parseSha256Sums(text)
    expect(Object.fromEntries(read.sums)).toEqual(sums)
    expect(read.bad).toEqual(bad)
  })

  test('what it renders it reads back', () => {
    const files = [
      { name: 'b.whl', sha256: B },
      { name: 'a.tar.gz', sha256: A }
    ]
    expect(Object.fromEntries(parseSha256Sums(renderSha256Sums(files)).sums)).toEqual({ 'a.tar.gz': A, 'b.whl': B })
  })
})

describe('the resume decision for each asset', () => {
  const file: AssetFile = { name: 'x.whl', size: 10, sha256: A }
  const asset = (fields: Partial<ExistingAsset>): ExistingAsset => ({
    id: 7,
    name: 'x.whl',
    size: 10,
    digest: `sha256:${A}`,
    state: 'uploaded',
    ...fields
  })
  test.each([
    { why: 'nothing there: upload', existing: [], sums: null, expected: 'upload' },
    { why: 'another name only: upload', existing: [asset({ name: 'y.whl' })], sums: null, expected: 'upload' },
    { why: 'same size and digest: skip', existing: [asset({})], sums: null, expected: 'skip' },
    { why: 'digest in capitals: skip', existing: [asset({ digest: `sha256:${A.toUpperCase()}` })], sums: null, expected: 'skip' },
    { why: 'other digest, same size: conflict', existing: [asset({ digest: `sha256:${B}` })], sums: null, expected: 'conflict' },
    { why: 'other size: conflict', existing: [asset({ size: 11 })], sums: null, expected: 'conflict' },
    { why: 'no digest, SHA256SUMS lists the same: skip', existing: [asset({ digest: null })], sums: { 'x.whl': A }, expected: 'skip' },
    {
      why: 'no digest, SHA256SUMS lists another: conflict',
      existing: [asset({ digest: null })],
      sums: { 'x.whl': B },
      expected: 'conflict'
    },
    {
      why: 'no digest, no SHA256SUMS: conflict (never taken for the same)',
      existing: [asset({ digest: null })],
      sums: null,
      expected: 'conflict'
    },
    { why: 'the digest wins over SHA256SUMS', existing: [asset({ digest: `sha256:${B}` })], sums: { 'x.whl': A }, expected: 'conflict' },
    {
      why: 'an upload that never finished: replace',
      existing: [asset({ state: 'open', size: 3, digest: null })],
      sums: null,
      expected: 'replace'
    },
    { why: 'a digest of another algorithm: not known', existing: [asset({ digest: `sha512:${A}` })], sums: null, expected: 'conflict' }
  ])('$why', ({ existing, sums, expected }) => {
    const d = decideAssets([file], existing, sums ? new Map(Object.entries(sums)) : null)
    const got = d.upload.length
      ? 'upload'
      : d.skip.length
        ? 'skip'
        : d.replace.length
          ? 'replace'
          : d.conflicts.length
            ? 'conflict'
            : 'none'
    expect(got).toBe(expected)
    expect(d.upload.length + d.skip.length + d.replace.length + d.conflicts.length).toBe(1)
  })

  test('a conflict says what differs', () => {
    expect(decideAssets([file], [asset({ size: 11 })]).conflicts[0].why).toBe('11 bytes, built 10 bytes')
    expect(decideAssets([file], [asset({ digest: `sha256:${B}` })]).conflicts[0].why).toBe(
      `sha256 ${B.slice(0, 12)}…, built ${A.slice(0, 12)}…`
    )
  })
})

test.each([
  ['python-sdk-v1.4.0', 'x-1.0.tar.gz', 'https://github.com/acme/dakora/releases/download/python-sdk-v1.4.0/x-1.0.tar.gz'],
  ['integrations/foo-v1.0', 'SHA256SUMS', 'https://github.com/acme/dakora/releases/download/integrations/foo-v1.0/SHA256SUMS'],
  ['v1.0+local', 'a b.whl', 'https://github.com/acme/dakora/releases/download/v1.0%2Blocal/a%20b.whl']
])('the link of asset %s/%s', (tag, name, url) => {
  expect(assetUrl('https://github.com/', 'acme/dakora', tag, name)).toBe(url)
})
