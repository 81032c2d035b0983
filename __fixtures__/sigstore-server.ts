/**
 * Sigstore stand-ins for tests: Fulcio (`POST /api/v2/signingCert`) and Rekor
 * (`POST /api/v1/log/entries`) from `@sigstore/mock`, served on 127.0.0.1 HTTP servers so
 * the bundled action (another process) reaches them through its `fulcio-url` / `rekor-url`
 * inputs, plus the trust root that verifies what they issued (`verifier`).
 *
 *   const sigstore = await startSigstore({ acceptToken: (jwt) => pypi.oidc.acceptedIdTokens.has(jwt) })
 *   // inputs: fulcio-url = sigstore.fulcioUrl, rekor-url = sigstore.rekorUrl
 *
 * Fulcio only certifies an ID token with audience `sigstore` that `acceptToken` accepts (the
 * runner stand-in issued it): the mock alone would certify any well-formed token. `down`
 * answers 503 on every request to that service (a Sigstore outage).
 */
import crypto from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import mock from '@sigstore/mock'
import { Verifier, toSignedEntity, toTrustMaterial } from '@sigstore/verify'
import { bundleFromJSON } from '@sigstore/bundle'
import { HashAlgorithm, PublicKeyDetails, TrustedRoot } from '@sigstore/protobuf-specs'

export interface SigstoreStandIn {
  fulcioUrl: string
  rekorUrl: string
  /** Requests as seen: `fulcio` or `rekor`, the status answered. */
  requests: { service: 'fulcio' | 'rekor'; status: number; audience?: string }[]
  down: { fulcio: boolean; rekor: boolean }
  /** Verifies a Sigstore bundle (JSON) against this stand-in's trust root; throws when it does not verify. */
  verify(bundle: unknown): void
  /** The stand-ins' trust root as a trusted_root.json (the `trusted-root` input reads it). */
  trustedRoot(): unknown
  close(): Promise<void>
}

type Handler = {
  path: string
  fn: (body: string) => Promise<{ statusCode: number; response: string | ArrayBufferView; contentType?: string }>
}

const bytes = (v: ArrayBufferView): Buffer => Buffer.from(v.buffer, v.byteOffset, v.byteLength)

function decodeJwt(jwt: string): Record<string, unknown> {
  try {
    return JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>
  } catch {
    return {}
  }
}

/**
 * Rekor stores a proposed `dsse` entry in its canonical form (the payload's hash, each
 * signature with its verifier), which verifiers compare with the bundle; the mock stores
 * the proposal as sent, so the stand-in canonicalizes it first, as Rekor does.
 */
function canonicalDsse(body: string): string {
  const proposed = JSON.parse(body) as {
    kind?: string
    apiVersion?: string
    spec?: { proposedContent?: { envelope: string; verifiers: string[] } }
  }
  const content = proposed.spec?.proposedContent
  if (proposed.kind !== 'dsse' || !content) return body
  const envelope = JSON.parse(content.envelope) as { payload: string; signatures: { sig: string }[] }
  const sha256 = (b: Buffer | string): string => crypto.createHash('sha256').update(b).digest('hex')
  return JSON.stringify({
    apiVersion: proposed.apiVersion ?? '0.0.1',
    kind: 'dsse',
    spec: {
      envelopeHash: { algorithm: 'sha256', value: sha256(content.envelope) },
      payloadHash: { algorithm: 'sha256', value: sha256(Buffer.from(envelope.payload, 'base64')) },
      signatures: envelope.signatures.map((sig) => ({ signature: sig.sig, verifier: content.verifiers[0] }))
    }
  })
}

async function serve(route: (req: http.IncomingMessage, body: string, res: http.ServerResponse) => Promise<void>): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      route(req, Buffer.concat(chunks).toString('utf8'), res).catch((err: unknown) => {
        res.writeHead(500, { 'content-type': 'text/plain' })
        res.end(String(err))
      })
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  return server
}

const urlOf = (server: http.Server): string => `http://127.0.0.1:${(server.address() as AddressInfo).port}`

export async function startSigstore(options: { acceptToken?: (jwt: string) => boolean } = {}): Promise<SigstoreStandIn> {
  const keys = (): crypto.KeyPairKeyObjectResult => crypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
  const caKeys = keys()
  const ctlog = await mock.initializeCTLog(caKeys)
  const ca = await mock.initializeCA(caKeys, ctlog)
  const fulcio = mock.fulcioHandler(ca) as Handler
  const tlogKeys = keys()
  const tlog = await mock.initializeTLog('https://rekor.sigstore.dev', tlogKeys)
  const rekor = mock.rekorHandler(tlog) as Handler

  const stand: SigstoreStandIn = {
    fulcioUrl: '',
    rekorUrl: '',
    requests: [],
    down: { fulcio: false, rekor: false },
    verify(bundle) {
      const entity = toSignedEntity(bundleFromJSON(bundle))
      verifier.verify(entity)
    },
    trustedRoot: () => TrustedRoot.toJSON(root),
    close: async () => {
      for (const s of servers) {
        s.closeAllConnections()
        await new Promise<void>((resolve) => s.close(() => resolve()))
      }
    }
  }

  const answer = async (
    service: 'fulcio' | 'rekor',
    handler: Handler,
    req: http.IncomingMessage,
    body: string,
    res: http.ServerResponse
  ) => {
    const reply = (status: number, type: string, payload: string | Buffer, audience?: string): void => {
      stand.requests.push({ service, status, ...(audience ? { audience } : {}) })
      res.writeHead(status, { 'content-type': type })
      res.end(payload)
    }
    if (stand.down[service]) return reply(503, 'text/plain', 'service unavailable')
    if (req.method !== 'POST' || new URL(req.url ?? '/', 'http://x').pathname !== handler.path) return reply(404, 'text/plain', 'not found')
    let audience: string | undefined
    if (service === 'fulcio') {
      let jwt = ''
      try {
        jwt = String((JSON.parse(body) as { credentials?: { oidcIdentityToken?: string } }).credentials?.oidcIdentityToken ?? '')
      } catch {
        /* refused below */
      }
      const claims = decodeJwt(jwt)
      audience = String(claims.aud ?? '')
      if (audience !== 'sigstore' || (options.acceptToken && !options.acceptToken(jwt)))
        return reply(401, 'application/json', JSON.stringify({ code: 401, message: 'Error processing the identity token' }), audience)
    }
    const out = await handler.fn(service === 'rekor' ? canonicalDsse(body) : body)
    const payload = typeof out.response === 'string' ? out.response : bytes(out.response)
    reply(out.statusCode, out.contentType ?? 'application/json', payload, audience)
  }

  const fulcioServer = await serve((req, body, res) => answer('fulcio', fulcio, req, body, res))
  const rekorServer = await serve((req, body, res) => answer('rekor', rekor, req, body, res))
  const servers = [fulcioServer, rekorServer]
  stand.fulcioUrl = urlOf(fulcioServer)
  stand.rekorUrl = urlOf(rekorServer)

  const start = new Date(Date.now() - 60_000)
  const root = {
    mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
    certificateAuthorities: [
      {
        subject: { commonName: 'sigstore', organization: 'sigstore.mock' },
        uri: stand.fulcioUrl,
        certChain: { certificates: [{ rawBytes: bytes(ca.rootCertificate) }] },
        validFor: { start },
        operator: 'sigstore.mock'
      }
    ],
    tlogs: [
      {
        baseUrl: 'https://rekor.sigstore.dev', // the log's name in its checkpoints (the mock names it so)
        logId: { keyId: crypto.createHash('sha256').update(tlog.publicKey).digest() },
        hashAlgorithm: HashAlgorithm.SHA2_256,
        publicKey: { rawBytes: tlog.publicKey, keyDetails: PublicKeyDetails.PKIX_ECDSA_P256_SHA_256, validFor: { start } },
        operator: 'sigstore.mock'
      }
    ],
    ctlogs: [
      {
        baseUrl: 'https://ctfe.sigstore.dev',
        logId: { keyId: bytes(ctlog.logID) },
        hashAlgorithm: HashAlgorithm.SHA2_256,
        publicKey: { rawBytes: ctlog.publicKey, keyDetails: PublicKeyDetails.PKIX_ECDSA_P256_SHA_256, validFor: { start } },
        operator: 'sigstore.mock'
      }
    ],
    timestampAuthorities: []
  } as unknown as TrustedRoot
  const verifier = new Verifier(toTrustMaterial(root), { tlogThreshold: 1, ctlogThreshold: 1, timestampThreshold: 1 })
  return stand
}
