/**
 * publish (SPEC §4 step 6), the irreversible part: only what the index and the registry do
 * not have yet, packages level by level (a package never reaches the index before one it
 * needs), one token for the run (the input, else trusted publishing), every image tag pointed
 * at the version tag's very manifest, and only while this run holds the release lock.
 */
import { describe, expect, test } from '@jest/globals'
import type { PackageIndex } from '../../../src/adapters/pypi.js'
import type { Registry } from '../../../src/adapters/registry.js'
import type { ImagePlan, PackagePlan } from '../../../src/release/plan.js'
import { publish } from '../../../src/release/steps/publish.js'
import type { ImageState, PackageState } from '../../../src/release/state.js'
import { testState, testTarget } from '../../../__fixtures__/test-state.js'

const d = (c: string): string => `sha256:${c.repeat(64)}`
const pkg = (name: string, level: number, toUpload: string[]): PackageState => ({
  plan: {
    name,
    dir: name,
    absDir: `/work/${name}`,
    pypiUrl: `https://pypi.org/project/${name}/2.0.0/`,
    level,
    vcs: false,
    buildEnv: {},
    needsLocalTag: false
  } as PackagePlan,
  onIndex: null,
  built: toUpload,
  toUpload
})
const image = (name: string, fields: Partial<ImageState>): ImageState => ({
  plan: {
    name,
    registry: 'ghcr.io',
    repository: `acme/dakora/${name}`,
    ref: `ghcr.io/acme/dakora/${name}`,
    platforms: []
  } as unknown as ImagePlan,
  tags: ['2.0.0', '2.0', 'latest'],
  pushed: null,
  parts: [],
  joined: null,
  digest: null,
  ...fields
})

function world(registryTags: Record<string, string> = {}) {
  const calls: string[] = []
  const index: Partial<PackageIndex> = {
    mintToken: async (oidc) => {
      calls.push(`mint ${oidc?.url ?? 'no oidc'}`)
      return 'minted-token'
    },
    upload: async (_tool, token, files) => {
      calls.push(`upload ${token} ${files.join(' ')}`)
    }
  }
  const tags = new Map(Object.entries(registryTags))
  const registry: Partial<Registry> = {
    digest: async (repo, tag) => tags.get(`${repo}:${tag}`) ?? null,
    tag: async (repo, digest, tag) => {
      calls.push(`tag ${repo}:${tag} → ${digest.slice(7, 9)}`)
      tags.set(`${repo}:${tag}`, digest)
    },
    putIndex: async (repo, digests) => {
      calls.push(`index ${repo} of ${digests.map((x) => x.slice(7, 9)).join(',')}`)
      return d('9')
    }
  }
  return { calls, index, registry, tags }
}

describe('publish', () => {
  test('packages level by level with one minted token, then each image: the index of its parts, its tags', async () => {
    const w = world()
    const state = testState({
      index: w.index,
      registry: w.registry,
      runner: { oidc: { url: 'https://oidc', token: 't' } },
      targets: [
        testTarget('cli-v2.0.0', { packages: [pkg('cli', 1, ['/o/cli.whl', '/o/cli.tar.gz']), pkg('client', 0, ['/o/client.whl'])] }),
        testTarget('docker-v2.0.0', {
          images: [
            image('server', {
              parts: [
                { platform: 'linux/amd64', digest: d('1') },
                { platform: 'linux/arm64', digest: d('2') }
              ]
            })
          ]
        })
      ]
    })
    state.plan = { version: '2.0.0' } as typeof state.plan
    const outcome = await publish.run(state)
    expect(w.calls).toEqual([
      'mint https://oidc',
      'upload minted-token /o/client.whl',
      'upload minted-token /o/cli.whl /o/cli.tar.gz',
      'index acme/dakora/server of 11,22',
      'tag acme/dakora/server:2.0.0 → 99',
      'tag acme/dakora/server:2.0 → 99',
      'tag acme/dakora/server:latest → 99'
    ])
    expect(outcome).toEqual({
      status: 'done',
      detail:
        `cli.whl, cli.tar.gz, client.whl, acme/dakora/server@sha256:999999999999… (index of linux/amd64, linux/arm64), ` +
        'acme/dakora/server:2.0.0, acme/dakora/server:2.0, acme/dakora/server:latest — https://pypi.org/project/cli/2.0.0/ https://pypi.org/project/client/2.0.0/'
    })
    expect(state.targets[1].images[0].digest).toBe(d('9'))
  })

  test('a chain of more than ten levels is uploaded in number order (level 10 after level 2)', async () => {
    const w = world()
    const levels = Array.from({ length: 12 }, (_, level) => 11 - level)
    const state = testState({
      index: w.index,
      inputs: { pypiToken: 'pypi-input-token' },
      targets: [testTarget('cli-v2.0.0', { packages: levels.map((level) => pkg(`p${level}`, level, [`/o/p${level}.whl`])) })]
    })
    state.plan = { version: '2.0.0' } as typeof state.plan
    await publish.run(state)
    expect(w.calls).toEqual(Array.from({ length: 12 }, (_, level) => `upload pypi-input-token /o/p${level}.whl`))
  })

  test('the pypi-token input is used as it is: no trusted-publishing exchange', async () => {
    const w = world()
    const state = testState({
      index: w.index,
      inputs: { pypiToken: 'pypi-input-token' },
      targets: [testTarget('sdk-v1.0.0', { packages: [pkg('sdk', 0, ['/o/sdk.whl'])] })]
    })
    state.plan = { version: '1.0.0' } as typeof state.plan
    await publish.run(state)
    expect(w.calls).toEqual(['upload pypi-input-token /o/sdk.whl'])
  })

  test('a resumed run: files already on the index and tags already at the digest are left; only a missing moving tag is set', async () => {
    const w = world({ 'acme/dakora/server:2.0.0': d('5'), 'acme/dakora/server:2.0': d('5') })
    const state = testState({
      index: w.index,
      registry: w.registry,
      targets: [testTarget('docker-v2.0.0', { packages: [pkg('cli', 0, [])], images: [image('server', { pushed: d('5') })] })]
    })
    state.plan = { version: '2.0.0' } as typeof state.plan
    const outcome = await publish.run(state)
    expect(w.calls).toEqual(['tag acme/dakora/server:latest → 55'])
    expect(outcome).toMatchObject({ status: 'done', detail: expect.stringContaining('acme/dakora/server:latest') })
  })

  test('everything already there: already done, nothing uploaded, no token minted', async () => {
    const w = world({ 'acme/dakora/server:2.0.0': d('5'), 'acme/dakora/server:2.0': d('5'), 'acme/dakora/server:latest': d('5') })
    const state = testState({
      index: w.index,
      registry: w.registry,
      targets: [testTarget('docker-v2.0.0', { packages: [pkg('cli', 0, [])], images: [image('server', { pushed: d('5') })] })]
    })
    state.plan = { version: '2.0.0' } as typeof state.plan
    expect(await publish.run(state)).toEqual({
      status: 'already done',
      detail: 'every file and image is published — https://pypi.org/project/cli/2.0.0/'
    })
    expect(w.calls).toEqual([])
  })

  test('a moving tag that points at another build is moved to this digest, never the other way', async () => {
    const w = world({ 'acme/dakora/server:latest': d('3') })
    const state = testState({
      registry: w.registry,
      targets: [testTarget('docker-v2.0.0', { images: [image('server', { joined: d('7'), tags: ['2.0.0', 'latest'] })] })]
    })
    state.plan = { version: '2.0.0' } as typeof state.plan
    await publish.run(state)
    expect(w.calls).toEqual(['tag acme/dakora/server:2.0.0 → 77', 'tag acme/dakora/server:latest → 77'])
    expect(w.tags.get('acme/dakora/server:latest')).toBe(d('7'))
  })

  test('images built by the classic builder: one docker login for the run, each version tag pushed, the other tags set at its digest', async () => {
    const w = world()
    const pushed: Record<string, string> = {
      'ghcr.io/acme/dakora/server:2.0.0-cuda': d('6'),
      'ghcr.io/acme/dakora/worker:2.0.0-cuda': d('8')
    }
    const state = testState({
      registry: w.registry,
      targets: [
        testTarget('docker-v2.0.0', {
          images: [image('server', { tags: ['2.0.0-cuda', 'latest'] }), image('worker', { tags: ['2.0.0-cuda'] })]
        })
      ]
    })
    state.docker = {
      login: async (host: string, user: string, password: string) => void w.calls.push(`login ${host} ${user} ${password.length}`),
      push: async (ref: string) => {
        w.calls.push(`push ${ref}`)
        w.tags.set(ref.replace(/^ghcr\.io\//, ''), pushed[ref])
        return pushed[ref]
      }
    } as unknown as typeof state.docker
    state.plan = { version: '2.0.0+cuda' } as typeof state.plan
    const outcome = await publish.run(state)
    expect(w.calls).toEqual([
      'login ghcr.io octocat 6',
      'push ghcr.io/acme/dakora/server:2.0.0-cuda',
      'tag acme/dakora/server:latest → 66',
      'push ghcr.io/acme/dakora/worker:2.0.0-cuda'
    ])
    expect(state.targets[0].images.map((i) => i.digest)).toEqual([d('6'), d('8')])
    expect(outcome).toEqual({
      status: 'done',
      detail: 'acme/dakora/server:2.0.0-cuda, acme/dakora/server:latest, acme/dakora/worker:2.0.0-cuda'
    })
  })

  test('a lock taken over by another run stops publish before the first upload', async () => {
    const w = world()
    const state = testState({
      index: w.index,
      git: { remoteRef: async () => 'c'.repeat(40), remoteCommitMessage: async () => null },
      targets: [testTarget('sdk-v1.0.0', { packages: [pkg('sdk', 0, ['/o/sdk.whl'])] })]
    })
    state.locks.push({ tag: 'sdk-v1.0.0', ref: 'refs/pyship/locks/sdk-v1.0.0', oid: 'd'.repeat(40), message: '' })
    await expect(publish.run(state)).rejects.toMatchObject({ code: 'E_RELEASE_IN_PROGRESS' })
    expect(w.calls).toEqual([])
  })
})
