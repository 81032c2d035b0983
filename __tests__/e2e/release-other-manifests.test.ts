/**
 * `release --dry-run` of targets whose versions live in other manifests (the
 * `__fixtures__/repos/backends` monorepo, with the index and GitHub stand-ins): the maturin
 * target releases the version of its Cargo files and the Poetry target the version of
 * `[tool.poetry] version`; a Cargo.lock that drifted stops the release in preflight, on its
 * line, before anything is built. Nothing changes anywhere. (The real builds of these
 * packages: backends-other-manifests.test.ts.)
 */
import { afterEach, beforeEach, expect, test, describe } from '@jest/globals'
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { errors, startWorld, type World } from '../../__fixtures__/world.js'

describe('release --dry-run of Cargo- and Poetry-versioned targets', () => {
  let world: World

  beforeEach(async () => {
    world = await startWorld({ source: '__fixtures__/repos/backends' })
  })
  afterEach(() => world.close())

  const dryRun = (component: string) => world.action('release', component, { inputs: { 'dry-run': 'true', 'run-tests': 'false' } })
  const nothingChanged = (): void => {
    expect(world.github.requests.filter((r) => r.method !== 'GET')).toEqual([])
    expect(world.pypi.requests.filter((r) => r.method !== 'GET')).toEqual([])
    expect(world.repos.git(['tag', '--list'], world.repos.bare)).toBe('')
  }

  test.each([
    ['rust', 'rust-v1.2.0'],
    ['poetry', 'poetry-v1.2.0']
  ])('%s: the version its manifests carry, its tag, every step it would run', async (component, tag) => {
    const run = await dryRun(component)
    expect(errors(run)).toEqual([])
    expect(run.status).toBe(0)
    expect(run.outputs).toMatchObject({ version: '1.2.0', released: 'false' })
    expect(run.stdout).toContain(tag)
    const plan = JSON.parse(run.outputs.plan) as { steps: { step: string; status: string }[] }
    expect(plan.steps.filter((s) => s.status === 'would run').map((s) => s.step)).toEqual(
      expect.arrayContaining(['build', 'publish', 'tag and release'])
    )
    nothingChanged()
  })

  test('a drifted Cargo.lock entry stops the release in preflight, annotated on its line', async () => {
    const lock = path.join(world.repos.work, 'Cargo.lock')
    writeFileSync(
      lock,
      readFileSync(lock, 'utf8').replace('name = "plain-ext"\nversion = "1.2.0"', 'name = "plain-ext"\nversion = "1.1.0"')
    )
    world.repos.git(['commit', '-qam', 'a stale lock'])
    world.repos.git(['push', '-q', 'origin', 'main'])
    const run = await dryRun('rust')
    expect(run.status).toBe(1)
    expect(
      run.annotations.filter((a) => a.level === 'error').map((a) => `${a.properties.title} ${a.properties.file}:${a.properties.line}`)
    ).toEqual(['E_LOCK_DRIFT Cargo.lock:11'])
    nothingChanged()
  })
})
