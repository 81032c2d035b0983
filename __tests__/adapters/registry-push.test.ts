/**
 * The classic-builder push (SPEC §4 release, §9): layers read from a `docker save` tar on
 * disk are streamed to the registry — each blob's digest computed from a stream first, then
 * a monolithic upload (`POST …/blobs/uploads/`, `PUT <location>?digest=` with its
 * Content-Length, never chunked) — and the manifest lists each layer's digest and size.
 * A stand-in registry checks every uploaded byte against the digest it was promised.
 */
import { afterAll, beforeAll, beforeEach, expect, test } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { Registry, type BlobSource } from '../../src/adapters/registry.js'
import { TarFile } from '../../src/adapters/tar.js'

interface Upload {
  digest: string
  contentLength: string | undefined
  chunked: boolean
  size: number
  sha256: string
}

const blobs = new Map<string, number>()
const uploads: Upload[] = []
const manifests: string[] = []
let server: http.Server
let host = ''
const dir = mkdtempSync(path.join(os.tmpdir(), 'pyship-registry-push-'))

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x')
    const blob = /^\/v2\/.+\/blobs\/(sha256:[0-9a-f]{64})$/.exec(url.pathname)
    if (req.method === 'HEAD' && blob) return void res.writeHead(blobs.has(blob[1]) ? 200 : 404).end()
    if (req.method === 'POST' && url.pathname.endsWith('/blobs/uploads/'))
      return void res.writeHead(202, { location: `/upload/${uploads.length + 1}` }).end()
    const hash = createHash('sha256')
    let size = 0
    req.on('data', (c: Buffer) => {
      hash.update(c)
      size += c.length
    })
    req.on('end', () => {
      const sha256 = `sha256:${hash.digest('hex')}`
      if (req.method === 'PUT' && url.pathname.startsWith('/upload/')) {
        const digest = url.searchParams.get('digest') ?? ''
        uploads.push({
          digest,
          contentLength: req.headers['content-length'],
          chunked: /chunked/.test(req.headers['transfer-encoding'] ?? ''),
          size,
          sha256
        })
        if (digest !== sha256) return void res.writeHead(400).end('{"errors":[{"code":"DIGEST_INVALID"}]}')
        blobs.set(digest, size)
        return void res.writeHead(201).end()
      }
      if (req.method === 'PUT' && url.pathname.includes('/manifests/')) {
        manifests.push(url.pathname)
        return void res.writeHead(201, { 'docker-content-digest': sha256 }).end()
      }
      res.writeHead(404).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  await new Promise((r) => server.close(r))
  rmSync(dir, { recursive: true, force: true })
})
beforeEach(() => {
  blobs.clear()
  uploads.length = 0
  manifests.length = 0
})

/** Layers of these sizes in a pax tar (long names), as `docker save` leaves them: sources streamed from the file. */
function layersOnDisk(name: string, sizes: number[]): { sources: BlobSource[]; digests: string[] } {
  const tree = path.join(dir, name)
  const names = sizes.map((_, i) => `blobs/sha256/${String(i).padStart(120, 'l')}`)
  const digests: string[] = []
  sizes.forEach((size, i) => {
    mkdirSync(path.dirname(path.join(tree, names[i])), { recursive: true })
    const data = Buffer.alloc(size, i + 1)
    data.write(`layer ${i}`)
    writeFileSync(path.join(tree, names[i]), data)
    digests.push(`sha256:${createHash('sha256').update(data).digest('hex')}`)
  })
  spawnSync('tar', ['--format=pax', '-cf', `${tree}.tar`, '-C', tree, 'blobs'])
  const tar = new TarFile(`${tree}.tar`)
  const sources = names.map((n): BlobSource => {
    const entry = tar.entry(n)
    if (!entry) throw new Error(`${n} not in the tar`)
    return { size: entry.size, open: () => tar.stream(entry) }
  })
  return { sources, digests }
}

test.each<[string, number[]]>([
  ['one small layer', [10]],
  ['layers of 0 bytes, 3 MiB and 1 byte', [0, 3 * 1024 * 1024 + 7, 1]]
])('%s: streamed from the tar with its digest and Content-Length, listed in the manifest', async (name, sizes) => {
  const { sources, digests } = layersOnDisk(name.replace(/\W+/g, '-'), sizes)
  const config = Buffer.from('{"os":"linux","architecture":"amd64"}')
  const registry = new Registry(host, '', '')
  await registry.pushImage('acme/app', { config, layers: sources })

  const layerUploads = uploads.slice(1)
  expect(
    layerUploads.map((u) => ({ digest: u.digest, sha256: u.sha256, size: u.size, contentLength: u.contentLength, chunked: u.chunked }))
  ).toEqual(digests.map((digest, i) => ({ digest, sha256: digest, size: sizes[i], contentLength: String(sizes[i]), chunked: false })))
  expect(manifests).toHaveLength(1)
  // a repeat finds every blob there and sends none again
  uploads.length = 0
  await registry.pushImage('acme/app', { config, layers: sources })
  expect(uploads).toEqual([])
})

test('a layer that reads shorter than the tar said is refused before anything is uploaded', async () => {
  const { sources } = layersOnDisk('short', [100])
  const registry = new Registry(host, '', '')
  const lying: BlobSource = { size: 200, open: () => sources[0].open() }
  await expect(registry.pushImage('acme/app', { config: Buffer.from('{}'), layers: [lying] })).rejects.toThrow(/read as 100 bytes/)
  expect(uploads.filter((u) => u.size === 100)).toEqual([])
})
