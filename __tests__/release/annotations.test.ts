/**
 * OCI annotations of a release's images (SPEC §10 "Image metadata"), pure: what the
 * context package says (description, license), the annotation set, the buildx argv that
 * asks for them (buildx is not installed here: the argv is the contract), and verify's
 * comparison.
 */
import { describe, expect, test } from '@jest/globals'
import { annotationArgs, buildArgv, type BuildSpec } from '../../src/adapters/docker.js'
import { annotationProblems, imageAnnotations, imageMetadata, ociAnnotations } from '../../src/release/annotations.js'
import type { ImageState } from '../../src/release/state.js'
import { testState } from '../../__fixtures__/test-state.js'
import { packageFromDocument } from '../../src/pyproject/package.js'
import { parseToml } from '../../src/pyproject/toml.js'

const pkg = (toml: string) => packageFromDocument(parseToml(toml, 'server/pyproject.toml'), 'server')

describe('what the context package says', () => {
  test.each([
    {
      why: 'PEP 639 license expression',
      toml: '[project]\nname = "s"\nversion = "1.0"\ndescription = "Dakora API server"\nlicense = "Apache-2.0 OR MIT"\n',
      expected: { description: 'Dakora API server', licenses: 'Apache-2.0 OR MIT' }
    },
    {
      why: 'legacy license table with a one-line text',
      toml: '[project]\nname = "s"\nversion = "1.0"\ndescription = "x"\nlicense = { text = "Apache-2.0" }\n',
      expected: { description: 'x', licenses: 'Apache-2.0' }
    },
    {
      why: 'a license file: no license expression to give',
      toml: '[project]\nname = "s"\nversion = "1.0"\nlicense = { file = "LICENSE" }\n',
      expected: {}
    },
    {
      why: 'a whole license text is not an expression',
      toml: '[project]\nname = "s"\nversion = "1.0"\nlicense = { text = """MIT License\\n\\nPermission is hereby granted"""}\n',
      expected: {}
    },
    { why: 'neither', toml: '[project]\nname = "s"\nversion = "1.0"\n', expected: {} },
    { why: 'blank description', toml: '[project]\nname = "s"\nversion = "1.0"\ndescription = "  "\n', expected: {} },
    {
      why: 'a Poetry project without [project]',
      toml: '[tool.poetry]\nname = "s"\nversion = "1.0"\ndescription = "Poetry server"\nlicense = "MIT"\n',
      expected: { description: 'Poetry server', licenses: 'MIT' }
    }
  ])('$why', ({ toml, expected }) => {
    expect(imageMetadata(pkg(toml))).toEqual(expected)
  })

  test('an image whose context is no package has no description or license', () => {
    expect(imageMetadata(undefined)).toEqual({})
  })
})

const FACTS = { version: '2.0.0', revision: 'a'.repeat(40), source: 'https://github.com/acme/dakora', created: 1_793_534_400 }
const BASE = {
  'org.opencontainers.image.version': '2.0.0',
  'org.opencontainers.image.revision': 'a'.repeat(40),
  'org.opencontainers.image.source': 'https://github.com/acme/dakora',
  'org.opencontainers.image.created': '2026-11-01T12:00:00.000Z'
}

test.each([
  { why: 'the four from the release and its commit', facts: FACTS, expected: BASE },
  {
    why: 'with description and licenses',
    facts: { ...FACTS, description: 'Dakora API server', licenses: 'Apache-2.0' },
    expected: {
      ...BASE,
      'org.opencontainers.image.description': 'Dakora API server',
      'org.opencontainers.image.licenses': 'Apache-2.0'
    }
  }
])('annotations: $why', ({ facts, expected }) => {
  const got = ociAnnotations(facts)
  expect(got).toEqual(expected)
  expect(Object.keys(got)).toEqual(Object.keys(expected))
})

describe('buildx is asked for them', () => {
  const annotations = { 'org.opencontainers.image.version': '2.0.0', 'org.opencontainers.image.description': 'A, b=c' }
  const spec: BuildSpec = {
    context: '/w/server',
    dockerfile: '/w/server/Dockerfile',
    tags: [],
    labels: {},
    annotations,
    buildArgs: [],
    platforms: ['linux/amd64', 'linux/arm64']
  }
  const byDigest = { name: 'ghcr.io/acme/dakora/server', metadataFile: '/t/meta.json' }
  const tail = [
    '--provenance=false',
    '--output',
    `type=image,name=${byDigest.name},push-by-digest=true,name-canonical=true,push=true`,
    '--metadata-file',
    '/t/meta.json'
  ]
  test.each<[string, BuildSpec, boolean, string[]]>([
    [
      'several platforms pushed by digest: on the index buildx makes and on each manifest',
      { ...spec, pushByDigest: byDigest },
      true,
      [
        'buildx',
        'build',
        '--file',
        '/w/server/Dockerfile',
        '--platform',
        'linux/amd64,linux/arm64',
        ...tail,
        '--annotation',
        'index:org.opencontainers.image.version=2.0.0',
        '--annotation',
        'index:org.opencontainers.image.description=A, b=c',
        '--annotation',
        'manifest:org.opencontainers.image.version=2.0.0',
        '--annotation',
        'manifest:org.opencontainers.image.description=A, b=c',
        '/w/server'
      ]
    ],
    [
      'one platform pushed by digest (a build job): on its manifest only (BuildKit refuses index: for one platform)',
      { ...spec, platforms: ['linux/arm64'], pushByDigest: byDigest },
      true,
      [
        'buildx',
        'build',
        '--file',
        '/w/server/Dockerfile',
        '--platform',
        'linux/arm64',
        ...tail,
        '--annotation',
        'manifest:org.opencontainers.image.version=2.0.0',
        '--annotation',
        'manifest:org.opencontainers.image.description=A, b=c',
        '/w/server'
      ]
    ],
    [
      'loaded into the local store (docker push writes the manifest; the labels say it)',
      { ...spec, platforms: [], tags: ['x:2.0.0'] },
      true,
      ['buildx', 'build', '--file', '/w/server/Dockerfile', '--tag', 'x:2.0.0', '--load', '/w/server']
    ],
    [
      'the classic builder has no annotations (pyship writes them on the manifest it pushes)',
      { ...spec, platforms: ['linux/arm64'], tags: ['local:arm64'] },
      false,
      ['build', '--file', '/w/server/Dockerfile', '--tag', 'local:arm64', '--platform', 'linux/arm64', '--no-cache', '/w/server']
    ]
  ])('%s', (_name, s, buildx, expected) => {
    expect(buildArgv(s, buildx)).toEqual(expected)
  })

  test('no annotations, no arguments', () => {
    expect(annotationArgs({}, true)).toEqual([])
  })
})

test.each([
  { why: 'all there', found: { ...BASE, extra: 'x' }, problems: [] },
  { why: 'none (an index written without them)', found: undefined, problems: Object.keys(BASE).map((k) => `no ${k}`) },
  {
    why: 'another revision',
    found: { ...BASE, 'org.opencontainers.image.revision': 'b'.repeat(40) },
    problems: [`org.opencontainers.image.revision is "${'b'.repeat(40)}", not "${'a'.repeat(40)}"`]
  }
])('verify compares annotations: $why', ({ found, problems }) => {
  expect(annotationProblems(found, BASE)).toEqual(problems)
})

test("an image of a release is labelled with the release commit's full sha, its own version, the repository and the commit time", () => {
  const state = testState({ sha: 'c'.repeat(40) })
  const img = { plan: { version: '2.1.0', description: 'the server', licenses: 'MIT' } } as unknown as ImageState
  expect(imageAnnotations(state, img)).toMatchObject({
    'org.opencontainers.image.revision': 'c'.repeat(40),
    'org.opencontainers.image.version': '2.1.0',
    'org.opencontainers.image.source': 'https://github.com/acme/dakora',
    'org.opencontainers.image.description': 'the server',
    'org.opencontainers.image.licenses': 'MIT'
  })
  expect(imageAnnotations(state, img)['org.opencontainers.image.created']).toBe(new Date(1_790_000_000 * 1000).toISOString())
})
