/**
 * An uncompressed tar file read in place (what `docker save` writes): an index of its
 * entries — where each file's data starts and how long it is — built by reading the
 * 512-byte headers one by one and skipping the data, so an image of any size costs a few
 * kilobytes of memory. The data is then read, or streamed, from the file by range.
 *
 * Formats: ustar (name + prefix), pax extended headers (`x`: path, linkpath, size, for
 * long names and files over 8 GiB; `g` global headers are read for the same keys), GNU
 * long names and link names (`././@LongLink`, types `L` and `K`) and GNU's base-256 sizes.
 * Symbolic and hard links to a file resolve to that file's data.
 */
import { closeSync, createReadStream, fstatSync, openSync, readSync } from 'node:fs'
import { Readable } from 'node:stream'
import path from 'node:path'

const BLOCK = 512

/** One file of the archive: its data is `size` bytes from `offset`. */
export interface TarEntry {
  offset: number
  size: number
}

/** What a 512-byte header says (before pax or GNU long-name overrides). */
export interface TarHeader {
  name: string
  type: string
  size: number
  linkname: string
}

const text = (block: Buffer, at: number, length: number): string => {
  const raw = block.subarray(at, at + length)
  const end = raw.indexOf(0)
  return raw.toString('utf8', 0, end < 0 ? raw.length : end)
}

/** A numeric field: octal text, or GNU's base-256 (first byte 0x80, big-endian binary). */
export function tarNumber(field: Buffer): number {
  if (field.length > 0 && (field[0] & 0x80) !== 0) {
    let value = field[0] & 0x7f
    for (let i = 1; i < field.length; i++) value = value * 256 + field[i]
    return value
  }
  const octal = field.toString('latin1').replace(/\0.*$/s, '').trim()
  return octal === '' ? 0 : parseInt(octal, 8)
}

/** The header in `block`, or null for an end-of-archive (all-zero) block. A bad checksum is an error. */
export function parseHeader(block: Buffer): TarHeader | null {
  if (block.every((b) => b === 0)) return null
  const stored = tarNumber(block.subarray(148, 156))
  let sum = 0
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : block[i]
  if (sum !== stored) throw new Error(`not a tar header (checksum ${stored}, computed ${sum})`)
  const name = text(block, 0, 100)
  // ustar (and GNU's ustar-like magic) split long names: prefix / name
  const prefix = block.toString('latin1', 257, 262) === 'ustar' ? text(block, 345, 155) : ''
  return {
    name: prefix ? `${prefix}/${name}` : name,
    type: text(block, 156, 1) || '0',
    size: tarNumber(block.subarray(124, 136)),
    linkname: text(block, 157, 100)
  }
}

/** The records of a pax extended header (`<length> <key>=<value>\n` …). */
export function parsePax(data: Buffer): Record<string, string> {
  const records: Record<string, string> = {}
  for (let at = 0; at < data.length;) {
    const space = data.indexOf(0x20, at)
    if (space < 0) break
    const length = parseInt(data.toString('latin1', at, space), 10)
    if (!Number.isFinite(length) || length <= 0) break
    const record = data.toString('utf8', space + 1, at + length - 1)
    const eq = record.indexOf('=')
    if (eq > 0) records[record.slice(0, eq)] = record.slice(eq + 1)
    at += length
  }
  return records
}

const clean = (name: string): string => path.posix.normalize(name.replace(/^(\.\/)+/, '')).replace(/\/$/, '')

/** Reads `length` bytes at `position` of an open file. */
type ReadAt = (position: number, length: number) => Buffer

/** The regular files of a tar, by path (links resolved), read header by header. */
export function indexTar(readAt: ReadAt, total: number): Map<string, TarEntry> {
  const files = new Map<string, TarEntry>()
  const links = new Map<string, string>()
  let global: Record<string, string> = {}
  let pax: Record<string, string> = {}
  let longName: string | null = null
  let longLink: string | null = null
  for (let at = 0; at + BLOCK <= total;) {
    const header = parseHeader(readAt(at, BLOCK))
    if (header === null) break
    const size =
      header.type === 'x' || header.type === 'g' || header.type === 'L' || header.type === 'K'
        ? header.size
        : Number(pax.size ?? global.size ?? header.size)
    const dataAt = at + BLOCK
    if (dataAt + size > total)
      throw new Error(`the tar is cut short: ${header.name} needs ${size} bytes at ${dataAt}, the file has ${total}`)
    at = dataAt + Math.ceil(size / BLOCK) * BLOCK
    // headers that describe the next entry
    if (header.type === 'x') pax = { ...pax, ...parsePax(readAt(dataAt, size)) }
    else if (header.type === 'g') global = { ...global, ...parsePax(readAt(dataAt, size)) }
    else if (header.type === 'L') longName = readAt(dataAt, size).toString('utf8').replace(/\0.*$/s, '')
    else if (header.type === 'K') longLink = readAt(dataAt, size).toString('utf8').replace(/\0.*$/s, '')
    else {
      const name = clean(pax.path ?? longName ?? global.path ?? header.name)
      const link = pax.linkpath ?? longLink ?? global.linkpath ?? header.linkname
      if (header.type === '0' || header.type === '7') files.set(name, { offset: dataAt, size })
      // a symbolic link is relative to its directory; a hard link names a path in the archive
      else if (header.type === '2') links.set(name, clean(path.posix.join(path.posix.dirname(name), link)))
      else if (header.type === '1') links.set(name, clean(link))
      pax = {}
      longName = null
      longLink = null
    }
  }
  // links to links resolve too (a bounded number of hops: a loop stays unresolved)
  for (const [link] of links) {
    let target = links.get(link) as string
    for (let hop = 0; hop < 16 && !files.has(target) && links.has(target); hop++) target = links.get(target) as string
    const data = files.get(target)
    if (data) files.set(link, data)
  }
  return files
}

/** A tar file on disk: its index, and its files read whole (small ones) or streamed. */
export class TarFile {
  readonly entries: Map<string, TarEntry>

  constructor(readonly file: string) {
    const fd = openSync(file, 'r')
    try {
      const { size } = fstatSync(fd)
      this.entries = indexTar((position, length) => {
        const buffer = Buffer.alloc(length)
        let got = 0
        while (got < length) {
          const n = readSync(fd, buffer, got, length - got, position + got)
          if (n === 0) break
          got += n
        }
        return buffer.subarray(0, got)
      }, size)
    } finally {
      closeSync(fd)
    }
  }

  /** The entry `name`, or null. */
  entry(name: string): TarEntry | null {
    return this.entries.get(clean(name)) ?? null
  }

  /** A (small) file's whole data. */
  read(entry: TarEntry): Buffer {
    const fd = openSync(this.file, 'r')
    try {
      const buffer = Buffer.alloc(entry.size)
      let got = 0
      while (got < entry.size) {
        const n = readSync(fd, buffer, got, entry.size - got, entry.offset + got)
        if (n === 0) break
        got += n
      }
      return buffer
    } finally {
      closeSync(fd)
    }
  }

  /** A file's data as a stream (a new one on every call). */
  stream(entry: TarEntry): Readable {
    // createReadStream's `end` is inclusive: an empty file is an empty stream
    if (entry.size === 0) return Readable.from([])
    return createReadStream(this.file, { start: entry.offset, end: entry.offset + entry.size - 1, highWaterMark: 1 << 20 })
  }
}
