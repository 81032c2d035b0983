/**
 * The tar reader of the classic-builder push (SPEC §4, §9): archives written by GNU tar in
 * each format — ustar, pax (long names and link names in extended headers), GNU (long names
 * in `././@LongLink` entries of type L and K) — read header by header from the file, every
 * regular file and link found with the right bytes, however long its name.
 */
import { afterAll, expect, test } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { linkSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseHeader, parsePax, tarNumber, TarFile } from '../../src/adapters/tar.js'

const root = mkdtempSync(path.join(os.tmpdir(), 'pyship-tar-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

const LONG_DIR = `${'d'.repeat(60)}/${'e'.repeat(60)}`
const LONG_NAME = `${'n'.repeat(180)}.tar`
/** Files (path → content) and links (path → target) of the tree every archive holds. */
const FILES: Record<string, string> = {
  'manifest.json': '[{"Config":"config.json","Layers":["layer/a.tar"]}]',
  'config.json': '{"os":"linux"}',
  'layer/a.tar': 'x'.repeat(1000),
  'empty.txt': '',
  [`${LONG_DIR}/short.tar`]: 'in a long directory',
  [`blobs/${LONG_NAME}`]: 'a name longer than 100 characters',
  'blobs/café-é.json': 'utf-8 name',
  'exact.bin': 'y'.repeat(512)
}
const SYMLINKS: Record<string, string> = {
  'layer/link.tar': 'a.tar',
  [`blobs/${'l'.repeat(150)}`]: `../${LONG_DIR}/short.tar`
}
const HARDLINKS: Record<string, string> = { 'hard.tar': 'layer/a.tar' }

function makeTree(dir: string): void {
  for (const [rel, content] of Object.entries(FILES)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true })
    writeFileSync(path.join(dir, rel), content)
  }
  for (const [rel, target] of Object.entries(SYMLINKS)) symlinkSync(target, path.join(dir, rel))
  for (const [rel, target] of Object.entries(HARDLINKS)) linkSync(path.join(dir, target), path.join(dir, rel))
}

/** What every readable path of the archive holds. */
const expected = (): Record<string, string> => {
  const all: Record<string, string> = { ...FILES }
  for (const [rel, target] of Object.entries(SYMLINKS))
    all[rel] = FILES[path.posix.normalize(path.posix.join(path.posix.dirname(rel), target))]
  for (const [rel, target] of Object.entries(HARDLINKS)) all[rel] = FILES[target]
  return all
}

test.each([
  ['pax', 'pax', './'],
  ['GNU', 'gnu', './'],
  ['pax, names without ./', 'pax', ''],
  ['GNU, names without ./', 'gnu', '']
])('a %s archive: every file, link and long name read from the file', (_name, format, prefix) => {
  const dir = path.join(root, `${format}-${prefix ? 'dot' : 'plain'}`)
  mkdirSync(dir)
  makeTree(dir)
  const file = `${dir}.tar`
  const names = prefix
    ? ['.']
    : [...new Set([...Object.keys(FILES), ...Object.keys(SYMLINKS), ...Object.keys(HARDLINKS)].map((p) => p.split('/')[0]))]
  const r = spawnSync('tar', [`--format=${format}`, '-cf', file, '-C', dir, ...names], { encoding: 'utf8' })
  expect(r.stderr).toBe('')
  const raw = readFileSync(file)
  // the archive really uses the format's long-name records
  if (format === 'gnu') expect(raw.includes('././@LongLink')).toBe(true)
  if (format === 'pax') expect(raw.includes(` path=`)).toBe(true)

  const tar = new TarFile(file)
  const read: Record<string, string> = {}
  for (const rel of Object.keys(expected())) {
    const entry = tar.entry(rel)
    read[rel] = entry ? tar.read(entry).toString('utf8') : '(missing)'
  }
  expect(read).toEqual(expected())
})

test('a file streams from its range, again on every call', async () => {
  const dir = path.join(root, 'stream')
  mkdirSync(dir)
  makeTree(dir)
  spawnSync('tar', ['--format=pax', '-cf', `${dir}.tar`, '-C', dir, '.'])
  const tar = new TarFile(`${dir}.tar`)
  const text = async (rel: string): Promise<string> => {
    const chunks: Buffer[] = []
    for await (const c of tar.stream(tar.entry(rel) as NonNullable<ReturnType<TarFile['entry']>>)) chunks.push(c as Buffer)
    return Buffer.concat(chunks).toString('utf8')
  }
  expect(await text('layer/a.tar')).toBe(FILES['layer/a.tar'])
  expect(await text('layer/a.tar')).toBe(FILES['layer/a.tar'])
  expect(await text('empty.txt')).toBe('')
  expect(await text(`blobs/${LONG_NAME}`)).toBe(FILES[`blobs/${LONG_NAME}`])
})

test.each<[string, Buffer, number]>([
  ['octal with a NUL', Buffer.from('00000001750\0'), 1000],
  ['octal with spaces', Buffer.from('  1750 \0\0\0\0\0'), 1000],
  ['empty', Buffer.alloc(12), 0],
  // GNU base-256: 0x80, then big-endian binary (a 9 GiB layer)
  ['base-256', Buffer.from([0x80, 0, 0, 0, 0, 0, 0, 0x02, 0x40, 0, 0, 0]), 9 * 1024 ** 3]
])('a numeric field, %s', (_name, field, value) => {
  expect(tarNumber(field)).toBe(value)
})

test('pax records: path, size and a value holding = and newlines', () => {
  const record = (key: string, value: string): string => {
    const body = ` ${key}=${value}\n`
    let length = body.length + 1
    while (`${length}${body}`.length !== length) length++
    return `${length}${body}`
  }
  const data = Buffer.from(record('path', 'a/b=c.tar') + record('size', '12345678901') + record('comment', 'two\nlines'))
  expect(parsePax(data)).toEqual({ path: 'a/b=c.tar', size: '12345678901', comment: 'two\nlines' })
})

test('a header with a wrong checksum is refused; an all-zero block ends the archive', () => {
  expect(parseHeader(Buffer.alloc(512))).toBeNull()
  const block = Buffer.alloc(512)
  block.write('name', 0)
  block.write('00000000000\0', 124)
  block.write('0000000\0', 148)
  expect(() => parseHeader(block)).toThrow(/checksum/)
})
