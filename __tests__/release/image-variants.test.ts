/**
 * Images on any registry (SPEC §1, §4), pure: repository names normalised as docker does,
 * tag templates, the tags each variant gets (the highest-stable rule among that variant's
 * tags), rollback's moves per variant, and which credentials each registry host takes.
 */
import { describe, expect, test } from '@jest/globals'
import { canonicalRegistry, dockerAuthKey, parseImageName, registryApiHost } from '../../src/config/image-names.js'
import { imageTags, renderTag, rollbackMoves, tagTemplateProblem, variantVersions, type TagTemplates } from '../../src/release/images.js'
import { parseDockerAuths } from '../../src/adapters/docker-config.js'
import { Registries } from '../../src/release/registries.js'
import type { Latest } from '../../src/inputs.js'

const DEFAULT: TagTemplates = { templates: ['{version}', '{major}.{minor}', 'latest'], siblings: ['{version}-nonroot'] }
const NONROOT: TagTemplates = { templates: ['{version}-nonroot', '{major}.{minor}-nonroot', 'latest-nonroot'], siblings: ['{version}'] }

describe('repository names, normalised as docker normalises them', () => {
  test.each<[string, string, string]>([
    ['docker.io/arizephoenix/phoenix', 'docker.io', 'arizephoenix/phoenix'],
    ['arizephoenix/phoenix', 'docker.io', 'arizephoenix/phoenix'],
    ['index.docker.io/prefecthq/prefect', 'docker.io', 'prefecthq/prefect'],
    ['python', 'docker.io', 'library/python'],
    ['docker.io/python', 'docker.io', 'library/python'],
    ['ghcr.io/data-privacy-stack/presidio-analyzer', 'ghcr.io', 'data-privacy-stack/presidio-analyzer'],
    ['GHCR.io/other-org/x', 'ghcr.io', 'other-org/x'],
    ['localhost:5001/x/y', 'localhost:5001', 'x/y'],
    ['localhost/x', 'localhost', 'x'],
    ['127.0.0.1:5000/a/b/c', '127.0.0.1:5000', 'a/b/c'],
    ['registry.example.com:443/team/app_name', 'registry.example.com:443', 'team/app_name']
  ])('%s → registry %s, repository %s', (text, registry, repository) => {
    expect(parseImageName(text)).toEqual({ registry, repository })
  })

  test.each<[string, RegExp]>([
    ['ghcr.io/acme/App', /lower case/],
    ['ghcr.io/acme/app:1.0', /without a tag or digest/],
    ['python:3.12', /without a tag or digest/],
    ['ghcr.io/acme/app@sha256:abc', /without a tag or digest/],
    ['ghcr.io/acme//app', /lower case/],
    [' ghcr.io/acme/app', /must be a repository name/],
    ['', /must be a repository name/],
    ['bad_host.io/x', /not a host\[:port\]/]
  ])('%s is refused: %s', (text, message) => {
    const name = parseImageName(text)
    expect(typeof name).toBe('string')
    expect(name).toMatch(message)
  })

  test.each<[string, string, string, string]>([
    ['docker.io', 'docker.io', 'registry-1.docker.io', 'https://index.docker.io/v1/'],
    ['https://index.docker.io/v1/', 'docker.io', 'registry-1.docker.io', 'https://index.docker.io/v1/'],
    ['registry-1.docker.io', 'docker.io', 'registry-1.docker.io', 'https://index.docker.io/v1/'],
    ['ghcr.io', 'ghcr.io', 'ghcr.io', 'ghcr.io'],
    ['https://GHCR.io', 'ghcr.io', 'ghcr.io', 'ghcr.io'],
    ['localhost:5001', 'localhost:5001', 'localhost:5001', 'localhost:5001']
  ])('registry %s: compared as %s, API on %s, docker login key %s', (host, canonical, api, key) => {
    expect([canonicalRegistry(host), registryApiHost(host), dockerAuthKey(host)]).toEqual([canonical, api, key])
  })
})

describe('tag templates', () => {
  test.each<[string, RegExp | null]>([
    ['{version}', null],
    ['{version}-nonroot', null],
    ['{major}.{minor}-python3.12', null],
    ['{major}', null],
    ['latest-debug', null],
    ['{Version}', /unknown placeholder \{Version\}/],
    ['{sha}', /unknown placeholder \{sha\}/],
    ['v{version}+x', /only letters, digits/],
    ['-{version}', /must not start/],
    ['{version}-{version}', /twice/],
    ['{version', /brace that opens no placeholder/],
    ['', /is empty/]
  ])('%j → %s', (template, problem) => {
    const found = tagTemplateProblem(template)
    if (problem === null) expect(found).toBeNull()
    else expect(found).toMatch(problem)
  })

  test.each<[string, string, string]>([
    ['{version}-nonroot', '2.0.0', '2.0.0-nonroot'],
    ['{major}.{minor}-nonroot', '2.1.3', '2.1-nonroot'],
    ['{major}', '12.0.1', '12'],
    ['{major}.{minor}.{patch}-debug', '2.1.3.post1', '2.1.3-debug'],
    ['{version}', '2.0.0+build.7', '2.0.0-build.7'],
    ['latest-nonroot', '2.0.0', 'latest-nonroot']
  ])('%s of %s is %s', (template, version, tag) => expect(renderTag(template, version)).toBe(tag))
})

describe('the tags of each variant: the highest-stable rule among that variant only', () => {
  test.each<[string, string, string[], TagTemplates, Latest, string[]]>([
    ['first release, default variant', '1.0.0', [], DEFAULT, 'auto', ['1.0.0', '1.0', 'latest']],
    ['first release, nonroot variant', '1.0.0', [], NONROOT, 'auto', ['1.0.0-nonroot', '1.0-nonroot', 'latest-nonroot']],
    [
      "the other variant's tags are not local versions: 2.0.0-nonroot never holds the default's latest back",
      '1.9.0',
      ['2.0.0-nonroot', '2.0-nonroot', 'latest-nonroot', '1.8.0'],
      DEFAULT,
      'auto',
      ['1.9.0', '1.9', 'latest']
    ],
    [
      'a newer default image never holds the nonroot variant back',
      '1.9.0',
      ['2.0.0', '2.0', 'latest', '1.8.0-nonroot'],
      NONROOT,
      'auto',
      ['1.9.0-nonroot', '1.9-nonroot', 'latest-nonroot']
    ],
    [
      "a hotfix of an older line: the variant's line tag, never its latest",
      '1.4.3',
      ['2.0.0-nonroot', '2.0-nonroot', 'latest-nonroot', '1.4.2-nonroot', '1.4-nonroot', '2.0.0', 'latest'],
      NONROOT,
      'auto',
      ['1.4.3-nonroot', '1.4-nonroot']
    ],
    [
      'an older patch of a line with a newer one of the same variant',
      '1.4.1',
      ['1.4.2-nonroot', '1.4-nonroot', 'latest-nonroot'],
      NONROOT,
      'auto',
      ['1.4.1-nonroot']
    ],
    ['a pre-release gets only its version tag', '2.1.0rc1', ['2.0.0-nonroot'], NONROOT, 'auto', ['2.1.0rc1-nonroot']],
    [
      "a variant's broken version does not hold it back",
      '1.9.1',
      ['2.0.0-nonroot', '2.0.0-nonroot-broken', '1.9.0-nonroot'],
      NONROOT,
      'auto',
      ['1.9.1-nonroot', '1.9-nonroot', 'latest-nonroot']
    ],
    ['latest forced on a variant', '1.4.3', ['2.0.0-nonroot'], NONROOT, 'true', ['1.4.3-nonroot', '1.4-nonroot', 'latest-nonroot']],
    ['latest forced off a variant', '3.0.0', ['2.0.0-nonroot'], NONROOT, 'false', ['3.0.0-nonroot', '3.0-nonroot']],
    [
      'a {major} moving tag follows the major line',
      '1.5.0',
      ['2.0.0-py3.12', '1.4.0-py3.12'],
      { templates: ['{version}-py3.12', '{major}-py3.12'], siblings: [] },
      'auto',
      ['1.5.0-py3.12', '1-py3.12']
    ],
    [
      'without siblings, a plain {version} still reads -local tags as local versions',
      '2.0.1',
      ['2.0.2-build.1'],
      { templates: DEFAULT.templates, siblings: [] },
      'auto',
      ['2.0.1']
    ]
  ])('%s: %s with %j', (_what, version, existing, tags, latest, expected) => {
    expect(imageTags(version, existing, latest, '-broken', tags)).toEqual(expected)
  })

  test.each<[TagTemplates, string[]]>([
    [DEFAULT, ['2.0.0', '1.9.0']],
    [NONROOT, ['2.0.0-nonroot']]
  ])('the version tags of variant %j', (tags, expected) => {
    const existing = ['2.0.0', '2.0.0-nonroot', '1.9.0', '1.9.0-nonroot', '1.9.0-nonroot-broken', 'latest', 'latest-nonroot', '2.0-nonroot']
    expect([...variantVersions(existing, tags.templates[0], tags.siblings).keys()]).toEqual(expected)
  })
})

describe("rollback: each variant's moving tags go to its highest good version left, or away", () => {
  const registry = [
    '2.0.0',
    '2.0',
    'latest',
    '1.4.3',
    '1.4',
    '2.0.0-nonroot',
    '2.0-nonroot',
    'latest-nonroot',
    '1.4.3-nonroot',
    '1.4-nonroot'
  ]
  test.each<[string, string, string[], TagTemplates, { tag: string; to: string | null }[]]>([
    [
      'default variant of 2.0.0',
      '2.0.0',
      [...registry, '2.0.0-broken'],
      DEFAULT,
      [
        { tag: '2.0', to: null },
        { tag: 'latest', to: '1.4.3' }
      ]
    ],
    [
      'nonroot variant of 2.0.0',
      '2.0.0',
      [...registry, '2.0.0-nonroot-broken'],
      NONROOT,
      [
        { tag: '2.0-nonroot', to: null },
        { tag: 'latest-nonroot', to: '1.4.3-nonroot' }
      ]
    ],
    [
      'a line with an older good patch keeps its line tag on it',
      '2.0.1',
      ['2.0.1-nonroot', '2.0.1-nonroot-broken', '2.0.0-nonroot', '1.9.0-nonroot', '3.0.0'],
      NONROOT,
      [
        { tag: '2.0-nonroot', to: '2.0.0-nonroot' },
        { tag: 'latest-nonroot', to: '2.0.0-nonroot' }
      ]
    ],
    [
      'nothing of the variant left: every moving tag goes',
      '1.0.0',
      ['1.0.0-nonroot', '1.0.0-nonroot-broken', '2.0.0'],
      NONROOT,
      [
        { tag: '1.0-nonroot', to: null },
        { tag: 'latest-nonroot', to: null }
      ]
    ]
  ])('%s', (_what, version, existing, tags, expected) => {
    expect(rollbackMoves(version, existing, tags)).toEqual(expected)
  })
})

describe('credentials per registry host', () => {
  const auth = (u: string, p: string): string => Buffer.from(`${u}:${p}`).toString('base64')
  const config = JSON.stringify({
    auths: {
      'https://index.docker.io/v1/': { auth: auth('hubuser', 'hub-pass') },
      'quay.io': { username: 'quayuser', password: 'quay-pass' },
      'ghcr.io': { auth: auth('runner-ghcr', 'ghcr-from-login') },
      'https://registry.example.com': { auth: auth('ex', 'pa:ss:word') },
      'broken.example': { auth: 'bm90LWEtcGFpcg==' },
      'empty.example': {}
    },
    credsStore: 'desktop'
  })

  test('the auths entries of a docker config, keyed as docker compares hosts', () => {
    expect(Object.fromEntries(parseDockerAuths(config))).toEqual({
      'docker.io': { username: 'hubuser', password: 'hub-pass' },
      'quay.io': { username: 'quayuser', password: 'quay-pass' },
      'ghcr.io': { username: 'runner-ghcr', password: 'ghcr-from-login' },
      'registry.example.com': { username: 'ex', password: 'pa:ss:word' }
    })
    expect(parseDockerAuths('not json').size).toBe(0)
    expect(parseDockerAuths('{"auths": null}').size).toBe(0)
  })

  const registries = new Registries({ host: 'ghcr.io', username: 'octocat', password: 'github-token' }, parseDockerAuths(config))
  test.each<[string, string, string, string]>([
    ['ghcr.io', 'inputs', 'octocat', 'github-token'],
    ['GHCR.IO', 'inputs', 'octocat', 'github-token'],
    ['docker.io', 'docker config', 'hubuser', 'hub-pass'],
    ['index.docker.io', 'docker config', 'hubuser', 'hub-pass'],
    ['quay.io', 'docker config', 'quayuser', 'quay-pass'],
    ['registry.example.com', 'docker config', 'ex', 'pa:ss:word'],
    ['public.example.org', 'anonymous', '', '']
  ])('%s takes the credentials of the %s', (host, source, username, password) => {
    expect(registries.access(host)).toMatchObject({ source, username, password })
  })

  test('the registry input wins over a docker login to the same host, and Docker Hub is reached on registry-1.docker.io', () => {
    expect(registries.client('docker.io').host).toBe('registry-1.docker.io')
    expect(registries.client('ghcr.io')).toBe(registries.client('ghcr.io'))
    const hubInput = new Registries({ host: 'docker.io', username: 'input-user', password: 'input-pass' }, parseDockerAuths(config))
    expect(hubInput.access('index.docker.io')).toMatchObject({ source: 'inputs', username: 'input-user' })
  })
})
