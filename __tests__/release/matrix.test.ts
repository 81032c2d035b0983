/**
 * `plan`'s matrix (SPEC §9): one build job per package (a package shared by two targets once)
 * and one per image and platform — an image without `platforms` still gets its linux/amd64
 * job — each on a native runner; an entry resolves back to exactly what the plan builds.
 */
import { expect, test } from '@jest/globals'
import { matrixFor, parseMatrixEntry, resolveEntry, runnerFor } from '../../src/release/matrix.js'
import type { ReleasePlan } from '../../src/release/plan.js'

const plan = {
  component: 'platform',
  version: '2.0.0',
  targets: [
    { name: 'cli', packages: [{ name: 'dakora', dir: 'cli', version: '2.0.0', group: 'platform', targetName: 'cli' }], images: [] },
    {
      name: 'also-cli',
      packages: [{ name: 'dakora', dir: 'cli', version: '2.0.0', group: 'platform', targetName: 'also-cli' }],
      images: []
    },
    {
      name: 'docker',
      packages: [],
      images: [
        { name: 'server', platforms: [], version: '2.0.0', group: 'platform', targetName: 'docker' },
        { name: 'studio', platforms: ['linux/amd64', 'linux/arm64'], version: '2.0.0', group: 'platform', targetName: 'docker' }
      ]
    }
  ]
} as unknown as ReleasePlan

test('one entry per package and per image and platform, on a native runner', () => {
  expect(matrixFor(plan).include.map((e) => [e.name, e.target, e.runner])).toEqual([
    ['package dakora 2.0.0', 'cli', 'ubuntu-latest'],
    ['image server linux/amd64', 'docker', 'ubuntu-latest'],
    ['image studio linux/amd64', 'docker', 'ubuntu-latest'],
    ['image studio linux/arm64', 'docker', 'ubuntu-24.04-arm']
  ])
})

test('every entry of the matrix resolves to what the plan builds', () => {
  for (const entry of matrixFor(plan).include) {
    const resolved = resolveEntry(plan, parseMatrixEntry(JSON.stringify(entry)))
    expect(resolved.target.name).toBe(entry.target)
    expect(entry.kind === 'image' ? resolved.image?.name : resolved.package?.dir).toBe(entry.kind === 'image' ? entry.image : entry.package)
  }
})

test.each([
  [
    'a platform the image is not built for',
    {
      kind: 'image',
      name: 'x',
      component: 'platform',
      version: '2.0.0',
      target: 'docker',
      image: 'server',
      platform: 'linux/arm64',
      runner: 'r'
    },
    /names platform linux\/arm64, which image server is not built for \(linux\/amd64\)/
  ],
  [
    'an image of another target',
    {
      kind: 'image',
      name: 'x',
      component: 'platform',
      version: '2.0.0',
      target: 'cli',
      image: 'server',
      platform: 'linux/amd64',
      runner: 'r'
    },
    /names image server, which target cli does not build/
  ],
  [
    'a package another target publishes',
    { kind: 'package', name: 'x', component: 'platform', version: '2.0.0', target: 'docker', package: 'cli', runner: 'r' },
    /names package cli, which target docker does not publish/
  ]
])('an entry naming %s is E_INPUT', (_name, entry, message) => {
  expect(() => resolveEntry(plan, parseMatrixEntry(JSON.stringify(entry)))).toThrow(message)
})

const entry = {
  kind: 'package',
  name: 'package dakora 2.0.0',
  component: 'platform',
  version: '2.0.0',
  target: 'cli',
  package: 'cli',
  runner: 'ubuntu-latest'
}
test.each([
  ['empty', '  ', /^input matrix-entry is empty: command build needs one entry/],
  ['not JSON', '{kind:', /^input matrix-entry is not valid JSON$/],
  ['the whole matrix (an array)', JSON.stringify([entry]), /must be a JSON object \(one entry of the matrix, not the whole matrix\)/],
  ['null', 'null', /must be a JSON object/],
  ['a string', '"package"', /must be a JSON object/],
  ['another kind', JSON.stringify({ ...entry, kind: 'wheel' }), /has kind "wheel"; expected "package" or "image"/],
  [
    'an unknown field',
    JSON.stringify({ ...entry, extra: 1 }),
    /has unknown fields "extra"; a package entry has kind, name, component, version, target, package, runner/
  ],
  ['a field from an image entry', JSON.stringify({ ...entry, platform: 'linux/amd64' }), /has unknown fields "platform"/],
  [
    'a package outside the working directory',
    JSON.stringify({ ...entry, package: '../x' }),
    /field package = "\.\.\/x" is not allowed: a package directory relative to the working directory/
  ],
  ['an absolute package path', JSON.stringify({ ...entry, package: '/etc' }), /field package = "\/etc" is not allowed/],
  ['a hostile component', JSON.stringify({ ...entry, component: 'a;b' }), /field component = "a;b" is not allowed: a target or group name/],
  ['a newline in the name', JSON.stringify({ ...entry, name: 'a\nb' }), /field name = .* is not allowed: a short title/],
  [
    'an escape character in the name (a terminal control sequence)',
    JSON.stringify({ ...entry, name: 'a\u001b[2Jb' }),
    /field name = .* is not allowed: a short title/
  ],
  [
    'a platform that is not os/arch',
    JSON.stringify({
      kind: 'image',
      name: 'x',
      component: 'p',
      version: '1',
      target: 't',
      image: 'server',
      platform: 'linux',
      runner: 'r'
    }),
    /field platform = "linux" is not allowed: os\/arch/
  ],
  ['an inherited field only (__proto__)', '{"__proto__": {"kind": "package"}}', /has kind undefined/]
])('matrix-entry %s is E_INPUT with the way to pass it', (_name, raw, message) => {
  let error: unknown
  try {
    parseMatrixEntry(raw)
  } catch (e) {
    error = e
  }
  expect(error).toMatchObject({
    code: 'E_INPUT',
    message: expect.stringMatching(message),
    hint: expect.stringContaining('matrix-entry: ${{ toJSON(matrix) }}')
  })
})

test('a valid entry comes back with exactly its fields', () => {
  expect(parseMatrixEntry(JSON.stringify(entry))).toEqual(entry)
})

test.each([
  ['linux/amd64', 'ubuntu-latest'],
  ['linux/arm64', 'ubuntu-24.04-arm'],
  ['linux/arm64/v8', 'ubuntu-24.04-arm'],
  ['linux/arm/v7', 'ubuntu-latest'],
  ['linux/386', 'ubuntu-latest'],
  ['linux/riscv64', 'ubuntu-latest']
])('the image job of %s runs on %s (natively where GitHub has such a runner)', (platform, runner) => {
  expect(runnerFor(platform)).toBe(runner)
})
