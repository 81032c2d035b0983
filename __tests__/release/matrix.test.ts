/**
 * `plan`'s matrix (SPEC §9): one build job per package (a package shared by two targets once)
 * and one per image and platform — an image without `platforms` still gets its linux/amd64
 * job — each on a native runner; an entry resolves back to exactly what the plan builds.
 */
import { expect, test } from '@jest/globals'
import { matrixFor, parseMatrixEntry, resolveEntry } from '../../src/release/matrix.js'
import type { ReleasePlan } from '../../src/release/plan.js'

const plan = {
  component: 'platform',
  version: '2.0.0',
  targets: [
    { name: 'cli', packages: [{ name: 'dakora', dir: 'cli' }], images: [] },
    { name: 'also-cli', packages: [{ name: 'dakora', dir: 'cli' }], images: [] },
    {
      name: 'docker',
      packages: [],
      images: [
        { name: 'server', platforms: [] },
        { name: 'studio', platforms: ['linux/amd64', 'linux/arm64'] }
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
  ['a platform the image is not built for', { kind: 'image', name: 'x', component: 'platform', version: '2.0.0', target: 'docker', image: 'server', platform: 'linux/arm64', runner: 'r' }, /names platform linux\/arm64, which image server is not built for \(linux\/amd64\)/],
  ['an image of another target', { kind: 'image', name: 'x', component: 'platform', version: '2.0.0', target: 'cli', image: 'server', platform: 'linux/amd64', runner: 'r' }, /names image server, which target cli does not build/],
  ['a package another target publishes', { kind: 'package', name: 'x', component: 'platform', version: '2.0.0', target: 'docker', package: 'cli', runner: 'r' }, /names package cli, which target docker does not publish/]
])('an entry naming %s is E_INPUT', (_name, entry, message) => {
  expect(() => resolveEntry(plan, parseMatrixEntry(JSON.stringify(entry)))).toThrow(message)
})
