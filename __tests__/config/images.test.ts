/**
 * The image keys of the config (SPEC §1): `repository` on any registry and `tags` templates
 * with variants, loaded from a real file; every mistake is E_CONFIG on its line, all together.
 */
import { afterEach, describe, expect, test } from '@jest/globals'
import { PyshipError, toProblems } from '../../src/errors.js'
import { loadConfig, type Config } from '../../src/config/load.js'
import { removeTempDirs, tempDir, writeTree } from '../../__fixtures__/tree.js'

afterEach(removeTempDirs)

/** The config with one image per line from line 8 on. */
const config = (images: string[]): string => `[groups.platform]
packages = ["server"]

[targets.docker]
group = "platform"
kind = "docker"
images = [
${images.map((i) => `  ${i},`).join('\n')}
]
`

function load(images: string[]): Config {
  const root = writeTree(tempDir(), {
    '.git/': null,
    'server/pyproject.toml': '[project]\nname = "server"\nversion = "1.0.0"\n',
    'server/Dockerfile': 'FROM scratch\n',
    '.github/pyship.toml': config(images)
  })
  return loadConfig({ workDir: root, repoRoot: root }, '', null)
}

/** `CODE line: message` of every problem. */
function problems(images: string[]): string[] {
  try {
    load(images)
  } catch (error) {
    expect(error).toBeInstanceOf(PyshipError)
    return toProblems(error as PyshipError).map((p) => `${p.code} ${p.file}:${p.line}: ${p.message}`)
  }
  throw new Error('expected E_CONFIG')
}

describe('images on any registry, with variants', () => {
  test('repository normalised as docker does, tags defaulted, a variant with its own tags and target', () => {
    const images = load([
      '{ name = "phoenix", context = "server", repository = "arizephoenix/phoenix" }',
      '{ name = "phoenix-ghcr", context = "server", repository = "ghcr.io/arize-ai/phoenix" }',
      '{ name = "phoenix-nonroot", context = "server", repository = "docker.io/arizephoenix/phoenix", target = "nonroot", tags = ["{version}-nonroot", "{major}.{minor}-nonroot", "latest-nonroot"] }',
      '{ name = "server" }'
    ]).targets.docker.images.map((i) => ({ name: i.name, repository: i.repository, tags: i.tags, target: i.target }))
    expect(images).toEqual([
      {
        name: 'phoenix',
        repository: { registry: 'docker.io', repository: 'arizephoenix/phoenix' },
        tags: ['{version}', '{major}.{minor}', 'latest'],
        target: undefined
      },
      {
        name: 'phoenix-ghcr',
        repository: { registry: 'ghcr.io', repository: 'arize-ai/phoenix' },
        tags: ['{version}', '{major}.{minor}', 'latest'],
        target: undefined
      },
      {
        name: 'phoenix-nonroot',
        repository: { registry: 'docker.io', repository: 'arizephoenix/phoenix' },
        tags: ['{version}-nonroot', '{major}.{minor}-nonroot', 'latest-nonroot'],
        target: 'nonroot'
      },
      { name: 'server', repository: undefined, tags: ['{version}', '{major}.{minor}', 'latest'], target: undefined }
    ])
  })

  test.each<[string, string[], string[]]>([
    [
      'an unknown placeholder',
      ['{ name = "server", tags = ["{version}", "{sha}"] }'],
      [
        'E_CONFIG .github/pyship.toml:8: .github/pyship.toml: targets.docker.images[0].tags[1] = "{sha}" has the unknown placeholder {sha}: the placeholders are {version}, {major}, {minor} and {patch}'
      ]
    ],
    [
      'no {version} template',
      ['{ name = "server", tags = ["{major}.{minor}", "latest"] }'],
      [
        'E_CONFIG .github/pyship.toml:8: targets.docker.images[0].tags = ["{major}.{minor}","latest"] has no {version} template: every image needs its version tag, e.g. "{version}" or "{version}-nonroot"'
      ]
    ],
    [
      'two {version} templates',
      ['{ name = "server", tags = ["{version}", "v{version}"] }'],
      [
        'E_CONFIG .github/pyship.toml:8: targets.docker.images[0].tags has 2 {version} templates ({version}, v{version}): an image has one version tag; the others must be moving tags like "{major}.{minor}"'
      ]
    ],
    [
      'a variant in the same repository without tags of its own',
      [
        '{ name = "server", repository = "docker.io/acme/server" }',
        '{ name = "server-nonroot", context = "server", repository = "acme/server", target = "nonroot", tags = ["{version}-nonroot", "{major}.{minor}", "latest-nonroot"] }'
      ],
      [
        'E_CONFIG .github/pyship.toml:9: targets.docker.images[1] and targets.docker.images[0] both push the tag "{major}.{minor}" to docker.io/acme/server: a variant in the same repository needs its own tags, e.g. ["{version}-nonroot", "{major}.{minor}-nonroot", "latest-nonroot"]'
      ]
    ],
    [
      'two images of one name in a target',
      ['{ name = "server" }', '{ name = "server", repository = "ghcr.io/other-org/server" }'],
      [
        'E_CONFIG .github/pyship.toml:9: targets.docker.images[1]: target docker already has an image named server (targets.docker.images[0]); give each image of a target its own name (a variant: "server-nonroot")'
      ]
    ],
    [
      'a repository with a tag, and one in upper case',
      [
        '{ name = "server", repository = "ghcr.io/acme/server:1.0" }',
        '{ name = "other", context = "server", repository = "ghcr.io/Acme/x" }'
      ],
      [
        'E_CONFIG .github/pyship.toml:8: .github/pyship.toml: targets.docker.images[0].repository = "ghcr.io/acme/server:1.0" names a repository without a tag or digest (tags come from `tags`)',
        'E_CONFIG .github/pyship.toml:9: .github/pyship.toml: targets.docker.images[1].repository = "ghcr.io/Acme/x" must be lower case: letters, digits and single separators (".", "_", "__", "-") between "/"-separated parts, as docker requires'
      ]
    ]
  ])('%s is E_CONFIG on its line', (_what, images, expected) => {
    expect(problems(images)).toEqual(expected)
  })
})
