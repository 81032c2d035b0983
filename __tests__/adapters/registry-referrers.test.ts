/**
 * OCI referrers (SPEC §10 images): a Sigstore bundle stored as an artifact manifest whose
 * `subject` is the image, on a registry with the referrers API (OCI distribution 1.1: it answers
 * the manifest PUT with `OCI-Subject` and lists referrers itself) and on one without (404 on
 * `/referrers/`: the referrers tag schema, an index tagged `sha256-<hex>`). The real
 * `docker-registry` 2.8 (no referrers API) is exercised in __tests__/e2e/provenance.test.ts.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from '@jest/globals'
import { createHash } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { EMPTY_CONFIG, Registry } from '../../src/adapters/registry.js'

const sha = (data: string | Buffer): string => `sha256:${createHash('sha256').update(data).digest('hex')}`
const BUNDLE = 'application/vnd.dev.sigstore.bundle.v0.3+json'
const IMAGE = { mediaType: 'application/vnd.oci.image.index.v1+json', digest: `sha256:${'a'.repeat(64)}`, size: 321 }

/** A registry holding blobs and manifests in memory; `api`: it implements the referrers API. */
let api = true
const blobs = new Map<string, Buffer>()
const manifests = new Map<string, { type: string; body: string }>()
const puts: string[] = []
let server: http.Server
let host = ''

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x')
      const body = Buffer.concat(chunks)
      const blob = /^\/v2\/acme\/app\/blobs\/(sha256:[0-9a-f]{64})$/.exec(url.pathname)
      const manifest = /^\/v2\/acme\/app\/manifests\/([^/]+)$/.exec(url.pathname)
      const referrers = /^\/v2\/acme\/app\/referrers\/(sha256:[0-9a-f]{64})$/.exec(url.pathname)
      if (blob && (req.method === 'HEAD' || req.method === 'GET')) {
        const data = blobs.get(blob[1])
        return void res.writeHead(data ? 200 : 404).end(req.method === 'GET' ? data : undefined)
      }
      if (req.method === 'POST' && url.pathname === '/v2/acme/app/blobs/uploads/')
        return void res.writeHead(202, { location: '/upload/1' }).end()
      if (req.method === 'PUT' && url.pathname === '/upload/1') {
        blobs.set(url.searchParams.get('digest') ?? '', body)
        return void res.writeHead(201).end()
      }
      if (manifest && req.method === 'PUT') {
        const text = body.toString('utf8')
        const digest = sha(text)
        manifests.set(digest, { type: String(req.headers['content-type']), body: text })
        if (!manifest[1].startsWith('sha256:')) manifests.set(manifest[1], { type: String(req.headers['content-type']), body: text })
        puts.push(manifest[1])
        const subject = (JSON.parse(text) as { subject?: { digest: string } }).subject?.digest
        return void res.writeHead(201, { 'docker-content-digest': digest, ...(api && subject ? { 'oci-subject': subject } : {}) }).end()
      }
      if (manifest && (req.method === 'GET' || req.method === 'HEAD')) {
        const m = manifests.get(manifest[1])
        if (!m) return void res.writeHead(404).end()
        return void res.writeHead(200, { 'content-type': m.type, 'docker-content-digest': sha(m.body) }).end(m.body)
      }
      if (referrers && api) {
        const found = [...manifests.entries()]
          .filter(
            ([d, m]) => d.startsWith('sha256:') && (JSON.parse(m.body) as { subject?: { digest: string } }).subject?.digest === referrers[1]
          )
          .map(([digest, m]) => {
            const doc = JSON.parse(m.body) as { artifactType?: string; annotations?: Record<string, string> }
            return {
              mediaType: m.type,
              digest,
              size: Buffer.byteLength(m.body),
              artifactType: doc.artifactType,
              annotations: doc.annotations
            }
          })
        res.writeHead(200, { 'content-type': 'application/vnd.oci.image.index.v1+json' })
        return void res.end(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: found }))
      }
      res.writeHead(404).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))
beforeEach(() => {
  blobs.clear()
  manifests.clear()
  puts.length = 0
})

const push = (registry: Registry, data = '{"bundle":1}') =>
  registry.pushReferrer('acme/app', IMAGE, {
    artifactType: BUNDLE,
    mediaType: BUNDLE,
    data: Buffer.from(data),
    annotations: { 'dev.sigstore.bundle.predicateType': 'https://slsa.dev/provenance/v1' }
  })

describe.each([
  ['with the referrers API', true, ['the artifact by digest']],
  ['without it (the referrers tag schema)', false, ['the artifact by digest', 'the index under sha256-aaa…']]
])('a registry %s', (_name, withApi, stored) => {
  beforeEach(() => {
    api = withApi
  })

  test('the bundle is an artifact whose subject is the image, its one layer the bundle, its config the empty one; referrers() finds it', async () => {
    const registry = new Registry(host, 'u', 'p')
    const digest = await push(registry)
    expect(
      puts.map((p) => (p === digest ? 'the artifact by digest' : p === `sha256-${'a'.repeat(64)}` ? 'the index under sha256-aaa…' : p))
    ).toEqual(stored)
    const artifact = JSON.parse(manifests.get(digest)?.body ?? '{}')
    expect(artifact).toEqual({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      artifactType: BUNDLE,
      config: EMPTY_CONFIG,
      layers: [{ mediaType: BUNDLE, digest: sha('{"bundle":1}'), size: 12 }],
      subject: IMAGE,
      annotations: { 'dev.sigstore.bundle.predicateType': 'https://slsa.dev/provenance/v1' }
    })
    expect(blobs.get(EMPTY_CONFIG.digest)?.toString()).toBe('{}')
    const found = await registry.referrers('acme/app', IMAGE.digest, BUNDLE)
    expect(found.api).toBe(withApi)
    expect(found.referrers.map((r) => r.digest)).toEqual([digest])
    expect((await registry.referrers('acme/app', `sha256:${'b'.repeat(64)}`, BUNDLE)).referrers).toEqual([])
  })

  test('the same bundle pushed twice is one referrer; another bundle is a second one', async () => {
    const registry = new Registry(host, 'u', 'p')
    const first = await push(registry)
    expect(await push(registry)).toBe(first)
    const second = await push(registry, '{"bundle":2}')
    expect((await registry.referrers('acme/app', IMAGE.digest, BUNDLE)).referrers.map((r) => r.digest).sort()).toEqual(
      [first, second].sort()
    )
  })
})
