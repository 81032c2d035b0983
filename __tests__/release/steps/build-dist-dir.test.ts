/**
 * release with dist-dir (SPEC §9): the images the build jobs pushed by digest are joined only
 * when each one is in the registry, for its platform, built from this very commit and version;
 * anything else in dist-dir stops the release before anything is published.
 */
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { ImageFacts, Registry } from '../../../src/adapters/registry.js'
import { PyshipError, toProblems } from '../../../src/errors.js'
import type { ImagePlan } from '../../../src/release/plan.js'
import { build } from '../../../src/release/steps/build.js'
import type { ImageState } from '../../../src/release/state.js'
import { OTHER_SHA, SHA, testState, testTarget } from '../../../__fixtures__/test-state.js'

const d = (c: string): string => `sha256:${c.repeat(64)}`
const image = (name: string, platforms: string[]): ImageState => ({
  plan: {
    name,
    version: '2.0.0',
    group: 'g',
    targetName: 'docker',
    registry: 'ghcr.io',
    repository: `acme/dakora/${name}`,
    ref: `ghcr.io/acme/dakora/${name}`,
    tagTemplates: ['{version}', '{major}.{minor}', 'latest'],
    siblings: [],
    context: name,
    dockerfile: `${name}/Dockerfile`,
    buildArgs: [],
    platforms
  } as ImagePlan,
  tags: ['2.0.0'],
  pushed: null,
  parts: [],
  joined: null,
  digest: null
})
const facts = (platform: string, revision = SHA, version = '2.0.0'): ImageFacts => {
  const [osName, architecture, variant] = platform.split('/')
  return {
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    digest: '',
    size: 1,
    platform: { os: osName, architecture, ...(variant ? { variant } : {}) },
    labels: { 'org.opencontainers.image.revision': revision, 'org.opencontainers.image.version': version }
  }
}

let dist: string
beforeEach(() => {
  dist = mkdtempSync(path.join(os.tmpdir(), 'pyship-dist-'))
})
afterEach(() => rmSync(dist, { recursive: true, force: true }))

/** A build job's record, in its own artifact folder as download-artifact lays it out. */
function record(job: number, fields: Record<string, string>): void {
  const dir = path.join(dist, `dist-${job}`)
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  writeFileSync(path.join(dir, `${fields.image}-${String(fields.platform).replace(/\//g, '-')}.pyship-image.json`), JSON.stringify(fields))
}

async function run(images: ImageState[], registryFacts: Record<string, ImageFacts | null>) {
  const registry: Partial<Registry> = { imageFacts: async (_repo: string, digest: string) => registryFacts[digest] ?? null }
  const state = testState({
    inputs: { distDir: dist },
    registry,
    git: { commitTime: async () => 1_790_000_000 },
    runner: { tempDir: os.tmpdir() },
    targets: [testTarget('docker-v2.0.0', { images })]
  })
  state.plan = { version: '2.0.0' } as typeof state.plan
  state.tools = {} as typeof state.tools
  try {
    await build.run(state)
    return { parts: images.map((i) => i.parts), errors: [] as string[] }
  } catch (error) {
    if (!(error instanceof PyshipError)) throw error
    return { parts: images.map((i) => i.parts), errors: toProblems(error).map((p) => `${p.code} ${p.message}`) }
  } finally {
    state.docker?.dispose()
  }
}

describe('release from dist-dir: the images of the build jobs', () => {
  test('one build per image and platform, from this commit and version: joined', async () => {
    record(0, { image: 'server', platform: 'linux/amd64', digest: d('1') })
    record(1, { image: 'server', platform: 'linux/arm64', digest: d('2') })
    const r = await run([image('server', ['linux/amd64', 'linux/arm64'])], {
      [d('1')]: facts('linux/amd64'),
      [d('2')]: facts('linux/arm64/v8')
    })
    expect(r).toEqual({
      parts: [
        [
          { platform: 'linux/amd64', digest: d('1') },
          { platform: 'linux/arm64', digest: d('2') }
        ]
      ],
      errors: []
    })
  })

  test('an image without platforms is built for linux/amd64 and needs that build', async () => {
    const r = await run([image('server', [])], {})
    expect(r.errors).toEqual(['E_DOCKER_BUILD dist-dir has no build of image server for linux/amd64'])
  })

  test.each([
    [
      'built from another commit',
      facts('linux/amd64', OTHER_SHA),
      /^E_BUILD ghcr\.io\/acme\/dakora\/server@sha256:1+ \(linux\/amd64\) was built from bbbbbbbbbbbb version 2\.0\.0, not aaaaaaaaaaaa version 2\.0\.0$/
    ],
    [
      'built for another version',
      facts('linux/amd64', SHA, '1.9.0'),
      /^E_BUILD .* was built from aaaaaaaaaaaa version 1\.9\.0, not aaaaaaaaaaaa version 2\.0\.0$/
    ],
    ['built without labels', { ...facts('linux/amd64'), labels: {} }, /^E_BUILD .* was built from an unknown commit version unknown/],
    ['built for another platform', facts('linux/arm64'), /^E_DOCKER_BUILD .* is built for linux\/arm64, not linux\/amd64$/],
    ['not in the registry', null, /^E_DOCKER_BUILD .* \(linux\/amd64\) is not an image in the registry$/]
  ])('an image %s is refused and nothing is joined', async (_name, found, message) => {
    record(0, { image: 'server', platform: 'linux/amd64', digest: d('1') })
    const r = await run([image('server', ['linux/amd64'])], { [d('1')]: found })
    expect(r.errors).toEqual([expect.stringMatching(message)])
    expect(r.parts).toEqual([[]])
  })

  test('two different builds of one image and platform, or a record of an image this release does not build, are refused', async () => {
    record(0, { image: 'server', platform: 'linux/amd64', digest: d('1') })
    record(1, { image: 'server', platform: 'linux/amd64', digest: d('2') })
    record(2, { image: 'worker', platform: 'linux/amd64', digest: d('3') })
    const r = await run([image('server', ['linux/amd64'])], { [d('1')]: facts('linux/amd64'), [d('2')]: facts('linux/amd64') })
    expect(r.errors.sort()).toEqual([
      'E_BUILD dist-dir holds worker-linux-amd64.pyship-image.json, for image worker, which this release does not build',
      'E_DOCKER_BUILD dist-dir has 2 different builds of image server for linux/amd64'
    ])
  })
})
