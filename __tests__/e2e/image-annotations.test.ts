/**
 * OCI annotations (SPEC §10 "Image metadata"): the index pyship joins and each manifest it
 * pushes carry `org.opencontainers.image.*` (version, revision, source, created, and the
 * context package's description and license), as a real registry serves them; verify
 * checks them on the index. Real dockerd (classic builder, one build per platform), a real
 * registry, the bundled action.
 */
import { afterEach, beforeEach, expect, test } from '@jest/globals'
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { GitRepos } from '../../__fixtures__/git.js'
import type { RegistryStandIn } from '../../__fixtures__/registry.js'
import { errors, startWorld, type World } from '../../__fixtures__/world.js'
import { describeWithTools } from '../../__fixtures__/tools.js'

const CONFIG = `[groups.platform]
packages = ["cli", "server"]

[targets.docker]
group = "platform"
kind = "docker"
tag = "docker-v{version}"
tests = "skip"
images = [{ name = "server", context = "server", platforms = ["linux/amd64", "linux/arm64"] }]
`

describeWithTools(['git', 'docker'], 'OCI annotations on the index and each manifest, in a real registry', () => {
  let world: World
  let repos: GitRepos
  let registry: RegistryStandIn

  beforeEach(async () => {
    world = await startWorld({ registry: true })
    ;({ repos, registry } = world)
    mkdirSync(path.join(repos.work, '.github'))
    writeFileSync(path.join(repos.work, '.github/pyship.toml'), CONFIG)
    // dockerd 20.10's classic builder loses --platform on a LABEL right after FROM scratch: COPY first
    writeFileSync(path.join(repos.work, 'server/Dockerfile'), 'FROM scratch\nCOPY src/ /app/src/\nCMD ["/app"]\n')
    repos.git(['add', '-A'])
    repos.git(['commit', '-q', '-m', 'server for amd64 and arm64'])
    repos.git(['push', '-q', 'origin', 'main'])
  })
  afterEach(() => world.close())

  test('the index and both platform manifests carry the annotations; verify checks them on the index', async () => {
    const sha = repos.head()
    const run = await world.action('release', 'docker')
    expect(errors(run)).toEqual([])
    expect(run.status).toBe(0)
    const expected = {
      'org.opencontainers.image.version': '2.0.0',
      'org.opencontainers.image.revision': sha,
      'org.opencontainers.image.source': 'https://github.com/acme/dakora',
      'org.opencontainers.image.created': '2026-11-01T12:00:00.000Z',
      // server/pyproject.toml: description = "Dakora API server", license = { text = "Apache-2.0" }
      'org.opencontainers.image.description': 'Dakora API server',
      'org.opencontainers.image.licenses': 'Apache-2.0'
    }
    const index = await registry.manifest('acme/dakora/server', '2.0.0')
    expect(index?.mediaType).toBe('application/vnd.oci.image.index.v1+json')
    expect(index?.json.annotations).toEqual(expected)
    for (const m of index?.json.manifests ?? []) {
      const image = await registry.manifest('acme/dakora/server', m.digest)
      expect(image?.json.annotations).toEqual(expected)
    }
    expect(index?.json.manifests).toHaveLength(2)
    // the labels say the same (registries that read labels)
    expect(await registry.labels('acme/dakora/server', '2.0.0')).toMatchObject(expected)

    const verified = await world.action('verify', 'docker')
    expect(errors(verified)).toEqual([])
    expect(verified.status).toBe(0)
    expect(verified.summary).toContain('annotations of')

    // someone re-tags 2.0.0 with an index of the same images but no annotations: verify says so
    const bare = { schemaVersion: 2, mediaType: index?.mediaType, manifests: index?.json.manifests }
    const put = await fetch(`${registry.url}/v2/acme/dakora/server/manifests/2.0.0`, {
      method: 'PUT',
      headers: {
        authorization: `Basic ${Buffer.from(`${registry.username}:${registry.password}`).toString('base64')}`,
        'content-type': 'application/vnd.oci.image.index.v1+json'
      },
      body: JSON.stringify(bare)
    })
    expect(put.status).toBe(201)
    const tampered = await world.action('verify', 'docker')
    expect(tampered.status).toBe(1)
    expect(errors(tampered)).toContainEqual(
      expect.stringMatching(
        /^E_VERIFY annotations of 127\.0\.0\.1:\d+\/acme\/dakora\/server:2\.0\.0: no org\.opencontainers\.image\.version; no org\.opencontainers\.image\.revision/
      )
    )
  }, 300_000)
})
