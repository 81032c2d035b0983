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

  test.each([
    ['the right password', () => ghcr.password, 'ok'],
    ['a wrong password', () => 'wrong', 'E_REGISTRY_DENIED']
  ])('checkLogin with %s → %s', async (_name, password, expected) => {
    expect(await code(new Registry(ghcr.host, ghcr.username, password()).checkLogin(REPO))).toBe(expected)
  })
})
