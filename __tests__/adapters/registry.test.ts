/**
 * pyship's registry client against a token-auth registry (ghcr.io style: Bearer
 * challenge, token service, anonymous pull of public repositories).
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { PyshipError } from '../../src/errors.js'
import { Registry } from '../../src/adapters/registry.js'
import { startTokenRegistry, type TokenRegistryStandIn } from '../../__fixtures__/token-registry.js'

let ghcr: TokenRegistryStandIn
const REPO = 'acme/dakora/server'

beforeAll(async () => {
  ghcr = await startTokenRegistry({ public: [REPO] })
  ghcr.seed(REPO, '2.0.0', null, { config: { Labels: { 'org.opencontainers.image.revision': 'abc123' } } })
})
afterAll(() => ghcr.close())

const code = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p
    return 'ok'
  } catch (error) {
    return error instanceof PyshipError ? error.code : String(error)
  }
}

describe('Registry client with Bearer token auth', () => {
  test('reads digests, tags and labels through a token, asking the token service once per scope', async () => {
    const registry = new Registry(ghcr.host, ghcr.username, ghcr.password)
    expect(await registry.digest(REPO, '2.0.0')).toBe(ghcr.digest(REPO, '2.0.0'))
    expect(await registry.digest(REPO, '9.9.9')).toBeNull()
    expect(await registry.tags(REPO)).toEqual(['2.0.0'])
    expect(await registry.labels(REPO, '2.0.0')).toEqual({ 'org.opencontainers.image.revision': 'abc123' })
    const tokenRequests = ghcr.requests.filter((r) => r.path.startsWith('/token'))
    expect(tokenRequests.length).toBe(1)
    expect(tokenRequests[0].auth).toBe('basic')
  })

  test('tags an existing manifest under another tag (no image data moves)', async () => {
    const registry = new Registry(ghcr.host, ghcr.username, ghcr.password)
    const digest = (await registry.digest(REPO, '2.0.0')) as string
    await registry.tag(REPO, digest, 'latest')
    expect(ghcr.digest(REPO, 'latest')).toBe(digest)
  })

  test('anonymous: public pull works, a login without credentials is E_REGISTRY_DENIED', async () => {
    const anonymous = new Registry(ghcr.host, '', '')
    expect(await anonymous.tags(REPO)).toContain('2.0.0')
    expect(await code(anonymous.checkLogin(REPO))).toBe('E_REGISTRY_DENIED')
  })

  test('tagging with a pull-only (anonymous) token is E_REGISTRY_DENIED', async () => {
    const anonymous = new Registry(ghcr.host, '', '')
    const digest = (await anonymous.digest(REPO, '2.0.0')) as string
    expect(await code(anonymous.tag(REPO, digest, 'stolen'))).toBe('E_REGISTRY_DENIED')
    expect(ghcr.digest(REPO, 'stolen')).toBeNull()
  })

  test('checkLogin proves the right to push: a blob upload is started, then cancelled', async () => {
    const before = ghcr.requests.length
    await new Registry(ghcr.host, ghcr.username, ghcr.password).checkLogin(REPO)
    const made = ghcr.requests.slice(before).filter((r) => r.path.includes('/blobs/uploads/'))
    expect(made.map((r) => `${r.method} ${r.status}`)).toEqual(['POST 202', 'DELETE 204'])
    expect(ghcr.openUploads).toBe(0)
  })

  test('checkLogin of a login that may only pull is E_REGISTRY_DENIED, naming the repository', async () => {
    const readOnly = await startTokenRegistry({ readOnly: [REPO] })
    try {
      const error = await new Registry(readOnly.host, readOnly.username, readOnly.password).checkLogin(REPO).then(
        () => null,
        (e: unknown) => e as PyshipError
      )
      expect(error).toBeInstanceOf(PyshipError)
      expect(error?.code).toBe('E_REGISTRY_DENIED')
      expect(error?.message).toBe(`${readOnly.host} lets ${readOnly.username} log in but not push to ${REPO} (403)`)
      expect(readOnly.openUploads).toBe(0)
    } finally {
      await readOnly.close()
    }
  })

  test('checkLogin without credentials never asks the registry', async () => {
    const before = ghcr.requests.length
    expect(await code(new Registry(ghcr.host, ghcr.username, '').checkLogin(REPO))).toBe('E_REGISTRY_DENIED')
    expect(await code(new Registry(ghcr.host, '', ghcr.password).checkLogin(REPO))).toBe('E_REGISTRY_DENIED')
    expect(ghcr.requests.length).toBe(before)
  })

  test.each([
    ['the right password', () => ghcr.password, 'ok'],
    ['a wrong password', () => 'wrong', 'E_REGISTRY_DENIED']
  ])('checkLogin with %s → %s', async (_name, password, expected) => {
    expect(await code(new Registry(ghcr.host, ghcr.username, password()).checkLogin(REPO))).toBe(expected)
  })
})
