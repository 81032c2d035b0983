/**
 * The exact argv of every tool pyship spawns, for both paths: uv when it is on PATH
 * (uv cannot be installed here, so its path is proven by argv), and the python -m
 * build / pytest / twine fallback (which the e2e tests also run for real).
 */
import { describe, expect, test } from '@jest/globals'
import { buildCommand, testCommand, twineCheckCommand, type PythonTools } from '../../src/adapters/python.js'
import { uploadCommand } from '../../src/adapters/pypi.js'
import { UV_LOCK_ARGS } from '../../src/adapters/uv.js'
import { buildArgv, type BuildSpec } from '../../src/adapters/docker.js'

const UV: PythonTools = { uv: '/bin/uv', python: '/usr/bin/python3.11' }
const PY: PythonTools = { uv: null, python: '/usr/bin/python3.11' }

describe('argv', () => {
  test.each<[string, [string, string[]], [string, string[]]]>([
    ['tests with uv', testCommand(UV, '3.12'), ['/bin/uv', ['run', '--python', '3.12', 'pytest', '-p', 'no:cacheprovider']]],
    ['tests without uv', testCommand(PY, '3.11'), ['/usr/bin/python3.11', ['-m', 'pytest', '-p', 'no:cacheprovider']]],
    ['build with uv', buildCommand(UV, '/w/cli', '/t/out', true), ['/bin/uv', ['build', '--out-dir', '/t/out', '/w/cli']]],
    [
      'build with uv, no isolation',
      buildCommand(UV, '/w/cli', '/t/out', false),
      ['/bin/uv', ['build', '--out-dir', '/t/out', '--no-build-isolation', '/w/cli']]
    ],
    [
      'build without uv',
      buildCommand(PY, '/w/cli', '/t/out', true),
      ['/usr/bin/python3.11', ['-m', 'build', '--outdir', '/t/out', '/w/cli']]
    ],
    [
      'build without uv, no isolation',
      buildCommand(PY, '/w/cli', '/t/out', false),
      ['/usr/bin/python3.11', ['-m', 'build', '--outdir', '/t/out', '--no-isolation', '--skip-dependency-check', '/w/cli']]
    ],
    ['twine check with uv', twineCheckCommand(UV, ['/t/a.whl']), ['/bin/uv', ['tool', 'run', 'twine', 'check', '--strict', '/t/a.whl']]],
    [
      'twine check without uv',
      twineCheckCommand(PY, ['/t/a.whl']),
      ['/usr/bin/python3.11', ['-m', 'twine', 'check', '--strict', '/t/a.whl']]
    ]
  ])('%s', (_name, actual, expected) => {
    expect(actual).toEqual(expected)
  })

  test.each([
    {
      name: 'uv publish: token in UV_PUBLISH_TOKEN, never in argv',
      tools: UV,
      expected: {
        command: '/bin/uv',
        args: ['publish', '--publish-url', 'https://up/legacy/', '--trusted-publishing', 'never', '/t/a.whl', '/t/a.tar.gz'],
        env: { UV_PUBLISH_TOKEN: 'pypi-SECRET' }
      }
    },
    {
      name: 'twine upload: token in TWINE_PASSWORD, never in argv',
      tools: PY,
      expected: {
        command: '/usr/bin/python3.11',
        args: [
          '-m',
          'twine',
          'upload',
          '--non-interactive',
          '--disable-progress-bar',
          '--repository-url',
          'https://up/legacy/',
          '/t/a.whl',
          '/t/a.tar.gz'
        ],
        env: { TWINE_USERNAME: '__token__', TWINE_PASSWORD: 'pypi-SECRET' }
      }
    }
  ])('$name', ({ tools, expected }) => {
    const cmd = uploadCommand(tools, 'https://up/legacy/', 'pypi-SECRET', ['/t/a.whl', '/t/a.tar.gz'])
    expect(cmd).toEqual(expected)
    expect(cmd.args.join(' ')).not.toContain('SECRET')
  })

  test('uv lock', () => {
    expect([...UV_LOCK_ARGS]).toEqual(['lock'])
  })
})

describe('docker build argv', () => {
  const spec: BuildSpec = {
    context: '/w/server',
    dockerfile: '/w/server/Dockerfile',
    tags: [],
    labels: { 'org.opencontainers.image.version': '2.0.0' },
    buildArgs: ['API_URL'],
    platforms: ['linux/amd64', 'linux/arm64']
  }
  test.each<[string, BuildSpec, boolean, string[]]>([
    [
      'buildx, several platforms, pushed by digest only (no tag, no provenance index, digest in the metadata file)',
      { ...spec, pushByDigest: { name: 'ghcr.io/acme/dakora/server', metadataFile: '/t/meta.json' } },
      true,
      [
        'buildx',
        'build',
        '--file',
        '/w/server/Dockerfile',
        '--label',
        'org.opencontainers.image.version=2.0.0',
        '--build-arg',
        'API_URL',
        '--platform',
        'linux/amd64,linux/arm64',
        '--provenance=false',
        '--output',
        'type=image,name=ghcr.io/acme/dakora/server,push-by-digest=true,name-canonical=true,push=true',
        '--metadata-file',
        '/t/meta.json',
        '/w/server'
      ]
    ],
    [
      'buildx, one platform of a build job, pushed by digest only',
      { ...spec, platforms: ['linux/arm64'], pushByDigest: { name: 'ghcr.io/acme/dakora/server', metadataFile: '/t/meta.json' } },
      true,
      [
        'buildx',
        'build',
        '--file',
        '/w/server/Dockerfile',
        '--label',
        'org.opencontainers.image.version=2.0.0',
        '--build-arg',
        'API_URL',
        '--platform',
        'linux/arm64',
        '--provenance=false',
        '--output',
        'type=image,name=ghcr.io/acme/dakora/server,push-by-digest=true,name-canonical=true,push=true',
        '--metadata-file',
        '/t/meta.json',
        '/w/server'
      ]
    ],
    [
      'buildx, one platform, tagged and loaded (the single-job default)',
      { ...spec, platforms: [], tags: ['ghcr.io/acme/dakora/server:2.0.0'] },
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
        '--build-arg',
        'API_URL',
        '--load',
        '/w/server'
      ]
    ],
    [
      'classic builder, one platform of several (no cache: it does not tell platforms apart)',
      { ...spec, platforms: ['linux/arm64'], tags: ['local:arm64'] },
      false,
      [
        'build',
        '--file',
        '/w/server/Dockerfile',
        '--tag',
        'local:arm64',
        '--label',
        'org.opencontainers.image.version=2.0.0',
        '--build-arg',
        'API_URL',
        '--platform',
        'linux/arm64',
        '--no-cache',
        '/w/server'
      ]
    ]
  ])('%s', (_name, s, buildx, expected) => {
    expect(buildArgv(s, buildx)).toEqual(expected)
  })
})
