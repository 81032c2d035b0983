import { describe, expect, test } from '@jest/globals'
import { dockerVersionTag, goodVersionTags, imageRepository, imageTags, stable } from '../../src/release/images.js'
import { copySources, dockerignored } from '../../src/adapters/dockerfile.js'
import { yankAdvice } from '../../src/commands/rollback.js'
import { buildArgv, type BuildSpec } from '../../src/adapters/docker.js'
import { parseChallenge } from '../../src/adapters/registry.js'
import type { Latest } from '../../src/inputs.js'

describe('image references and tags', () => {
  test('repository names are lower case', () => {
    expect(imageRepository('Acme', 'Dakora', 'Server')).toBe('acme/dakora/server')
  })

  test.each([
    ['2.0.0', '2.0.0'],
    ['2.0.0+build.7', '2.0.0-build.7'],
    ['2.1.0rc1', '2.1.0rc1']
  ])('docker tag of %s is %s', (version, tag) => expect(dockerVersionTag(version)).toBe(tag))

  test.each<[string, string, string[], Latest, string[]]>([
    ['first release', '1.0.0', [], 'auto', ['1.0.0', '1.0', 'latest']],
    ['a newer patch', '2.0.1', ['2.0.0', '2.0', 'latest', '1.4.2', '1.4'], 'auto', ['2.0.1', '2.0', 'latest']],
    [
      'a hotfix of an older line keeps latest on the newer line',
      '1.4.3',
      ['2.0.0', '2.0', 'latest', '1.4.2', '1.4'],
      'auto',
      ['1.4.3', '1.4']
    ],
    ['an older patch of a line with a newer one', '1.4.1', ['1.4.2', '1.4', 'latest'], 'auto', ['1.4.1']],
    ['a pre-release gets only its own tag', '2.1.0rc1', ['2.0.0', 'latest'], 'auto', ['2.1.0rc1']],
    ['pre-releases in the registry do not hold latest back', '2.0.1', ['2.0.0', '3.0.0rc1'], 'auto', ['2.0.1', '2.0', 'latest']],
    ['local versions map back', '2.0.1', ['2.0.2-build.1'], 'auto', ['2.0.1']],
    ['latest forced', '1.4.3', ['2.0.0'], 'true', ['1.4.3', '1.4', 'latest']],
    ['latest forced off', '3.0.0', ['2.0.0'], 'false', ['3.0.0', '3.0']],
    ['the same minor of another major does not count', '1.4.3', ['2.4.0', '2.4', 'latest', '1.4.2', '1.4'], 'auto', ['1.4.3', '1.4']],
    ['another minor of the same major does not count', '2.0.1', ['2.1.0', '2.1', 'latest', '2.0.0', '2.0'], 'auto', ['2.0.1', '2.0']],
    [
      'a resumed release finds its own version tag and keeps every tag',
      '2.0.0',
      ['2.0.0', '2.0', 'latest', '1.4.2'],
      'auto',
      ['2.0.0', '2.0', 'latest']
    ],
    ['multi-digit numbers are versions too', '12.0.1', ['12.0.0', '12.0', 'latest', '2.0.10'], 'auto', ['12.0.1', '12.0', 'latest']],
    ['a higher multi-digit patch holds the line', '2.0.9', ['2.0.10', '2.0', 'latest'], 'auto', ['2.0.9']],
    ['a higher multi-digit major holds latest', '12.0.1', ['12.0.5', '12.0', 'latest'], 'auto', ['12.0.1']]
  ])('%s: %s with %j → %j', (_name, version, existing, latest, expected) => {
    expect(imageTags(version, existing, latest)).toEqual(expected)
  })
})

describe('Dockerfile context', () => {
  test('COPY/ADD sources, skipping --from stages, URLs and variables', () => {
    const dockerfile = [
      'FROM scratch AS base',
      'COPY src/ /app/src/',
      'COPY --chown=1:1 a.txt b.txt /app/',
      'ADD ["with space.txt", "/app/"]',
      'COPY --from=base /x /y',
      'ADD https://example.com/file /tmp/',
      'COPY $DIR /z',
      'COPY one \\',
      '  two /dest/'
    ].join('\n')
    expect(copySources(dockerfile)).toEqual([
      { source: 'src/', line: 2 },
      { source: 'a.txt', line: 3 },
      { source: 'b.txt', line: 3 },
      { source: 'with space.txt', line: 4 },
      { source: 'one', line: 8 },
      { source: 'two', line: 8 }
    ])
  })

  test.each<[string, string[], boolean]>([
    ['tests/test_x.py', ['tests/'], true],
    ['tests', ['tests'], true],
    ['src/app.py', ['tests/'], false],
    ['README.md', ['*.md'], true],
    ['README.md', ['*.md', '!README.md'], false],
    ['docs/a/b.txt', ['docs/**'], true],
    ['src/x.pyc', ['**/*.pyc'], true],
    ['x', ['# comment', ''], false]
  ])('%s with %j ignored: %s', (rel, patterns, expected) => {
    expect(dockerignored(rel, patterns.join('\n'))).toBe(expected)
  })
})

describe('build argv', () => {
  const spec: BuildSpec = {
    context: '/w/server',
    dockerfile: '/w/server/Dockerfile',
    tags: ['ghcr.io/acme/dakora/server:2.0.0', 'ghcr.io/acme/dakora/server:latest'],
    labels: { 'org.opencontainers.image.version': '2.0.0' },
    buildArgs: ['VITE_API_URL'],
    platforms: []
  }
  test.each<[string, BuildSpec, boolean, string[]]>([
    [
      'docker build',
      spec,
      false,
      [
        'build',
        '--file',
        '/w/server/Dockerfile',
        '--tag',
        'ghcr.io/acme/dakora/server:2.0.0',
        '--tag',
        'ghcr.io/acme/dakora/server:latest',
        '--label',
        'org.opencontainers.image.version=2.0.0',
        '--build-arg',
        'VITE_API_URL',
        '/w/server'
      ]
    ],
    [
      'buildx, one platform, target',
      { ...spec, tags: [spec.tags[0]], buildArgs: [], target: 'prod', platforms: ['linux/amd64'] },
      true,
      [
        'buildx',
        'build',
        '--file',
        '/w/server/Dockerfile',
        '--tag',
        'ghcr.io/acme/dakora/server:2.0.0',
        '--label',
        'org.opencontainers.image.version=2.0.0',
        '--target',
        'prod',
        '--platform',
        'linux/amd64',
        '--load',
        '/w/server'
      ]
    ],
    [
      'buildx, several platforms stay in the cache',
      { ...spec, tags: [spec.tags[0]], labels: {}, buildArgs: [], platforms: ['linux/amd64', 'linux/arm64'] },
      true,
      [
        'buildx',
        'build',
        '--file',
        '/w/server/Dockerfile',
        '--tag',
        'ghcr.io/acme/dakora/server:2.0.0',
        '--platform',
        'linux/amd64,linux/arm64',
        '/w/server'
      ]
    ]
  ])('%s', (_name, s, buildx, expected) => {
    expect(buildArgv(s, buildx)).toEqual(expected)
  })
})

describe('registry challenges', () => {
  test.each([
    [
      'Bearer realm="https://ghcr.io/token",service="ghcr.io",scope="repository:a/b:pull"',
      'bearer',
      { realm: 'https://ghcr.io/token', service: 'ghcr.io', scope: 'repository:a/b:pull' }
    ],
    ['Basic realm="Registry Realm"', 'basic', { realm: 'Registry Realm' }]
  ])('%s', (header, scheme, params) => {
    expect(parseChallenge(header)).toEqual({ scheme, params })
  })
})

describe('rollback advice', () => {
  test.each([
    ['https://pypi.org', 'yank Dakora_Client 2.0.0 at https://pypi.org/manage/project/dakora-client/release/2.0.0/ (Options → Yank)'],
    [
      'https://test.pypi.org/',
      'yank Dakora_Client 2.0.0 at https://test.pypi.org/manage/project/dakora-client/release/2.0.0/ (Options → Yank)'
    ],
    [
      'https://pypi.example.com/root',
      'yank or delete Dakora_Client 2.0.0 with the tools of the index at https://pypi.example.com/root (PyPI-compatible indexes have no common yank API)'
    ]
  ])('%s', (pypiUrl, expected) => {
    expect(yankAdvice(pypiUrl, 'Dakora_Client', '2.0.0')).toBe(expected)
  })

  test.each<[string[], string[]]>([
    [['1.9.0', '2.0.0', '2.0.0-broken', 'latest', '2.0'], ['1.9.0']],
    [['1.9.0', '1.9.0-broken'], []],
    [['1.9.1-local', 'x', 'latest'], ['1.9.1-local']]
  ])('good version tags of %j', (tags, expected) => {
    expect([...goodVersionTags(tags).keys()]).toEqual(expected)
  })
})

describe('a configured broken marker', () => {
  test('versions marked with it are not good, and do not hold latest back', () => {
    expect([...goodVersionTags(['2.0.0', '2.0.0.bad', '1.9.0'], '.bad').keys()]).toEqual(['1.9.0'])
    expect(imageTags('1.9.1', ['2.0.0', '2.0.0.bad', '1.9.0'], 'auto', '.bad')).toEqual(['1.9.1', '1.9', 'latest'])
  })
})

describe('stable versions', () => {
  test.each<[string, boolean]>([
    ['2.0.0', true],
    ['2.0.0.post1', true],
    ['2.0.0rc1', false],
    ['2.0.0.dev3', false],
    ['not a version', false]
  ])('%s → %s', (version, expected) => {
    expect(stable(version)).toBe(expected)
  })
})
