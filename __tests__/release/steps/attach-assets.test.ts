/**
 * attach assets (SPEC §10, between record intent and publish): each pypi target's draft
 * receives its files and SHA256SUMS (last); every target is decided before anything is
 * uploaded, so a conflict anywhere leaves every release as it was; the same content is
 * skipped, a broken upload deleted and sent again. Files are real, on disk; GitHub is faked.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { GitHub, Release, ReleaseAsset } from '../../../src/adapters/github.js'
import { PyshipError } from '../../../src/errors.js'
import type { PackagePlan } from '../../../src/release/plan.js'
import { attachAssets } from '../../../src/release/steps/attach-assets.js'
import type { PackageState, TargetState } from '../../../src/release/state.js'
import { release, testState, testTarget } from '../../../__fixtures__/test-state.js'

let dir: string
const hex = (text: string): string => createHash('sha256').update(text).digest('hex')
const FILES: Record<string, string> = {
  'dakora-2.0.0-py3-none-any.whl': 'wheel bytes',
  'dakora-2.0.0.tar.gz': 'sdist bytes',
  'dakora_client-1.4.0-py3-none-any.whl': 'client wheel',
  'dakora_client-1.4.0.tar.gz': 'client sdist'
}
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'pyship-assets-'))
  for (const [name, text] of Object.entries(FILES)) writeFileSync(path.join(dir, name), text)
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const pkg = (name: string, files: string[]): PackageState => ({
  plan: { name } as PackagePlan,
  onIndex: null,
  built: files.map((f) => path.join(dir, f)),
  toUpload: []
})
const target = (tag: string, id: number, files: string[]): TargetState =>
  testTarget(tag, { release: release({ id, tag_name: tag }), packages: files.length ? [pkg(tag, files)] : [] })
const asset = (id: number, name: string, text: string, fields: Partial<ReleaseAsset> = {}): ReleaseAsset => ({
  id,
  name,
  size: Buffer.byteLength(text),
  digest: `sha256:${hex(text)}`,
  state: 'uploaded',
  browser_download_url: '',
  content_type: 'application/octet-stream',
  ...fields
})

/** A GitHub whose releases hold `existing`; every upload and delete is logged in order. */
function github(existing: Record<number, ReleaseAsset[]>) {
  const log: string[] = []
  const fake: Partial<GitHub> = {
    assets: async (id: number) => existing[id] ?? [],
    uploadAsset: async (rel: Release, f: { name: string; contentType: string }) => {
      log.push(`upload ${rel.id} ${f.name} ${f.contentType}`)
      return asset(0, f.name, '', { digest: null })
    },
    deleteAsset: async (id: number) => void log.push(`delete ${id}`),
    downloadAsset: async () => {
      throw new Error('not needed: every asset has a digest')
    }
  }
  return { fake, log }
}

const CLI = ['dakora-2.0.0-py3-none-any.whl', 'dakora-2.0.0.tar.gz']
const SDK = ['dakora_client-1.4.0-py3-none-any.whl', 'dakora_client-1.4.0.tar.gz']
const sums = (names: string[]): string => names.map((n) => `${hex(FILES[n])}  ${n}\n`).join('')

describe('attach assets', () => {
  test('every file then SHA256SUMS, to each pypi target’s draft; a docker target gets none', async () => {
    const { fake, log } = github({})
    const state = testState({ github: fake, targets: [target('cli-v2.0.0', 1, CLI), target('docker-v2.0.0', 2, [])] })
    const outcome = await attachAssets.run(state)
    expect(log).toEqual([`upload 1 ${CLI[0]} application/zip`, `upload 1 ${CLI[1]} application/gzip`, 'upload 1 SHA256SUMS text/plain'])
    expect(outcome.status).toBe('done')
    expect(state.targets[0].assets?.map((a) => [a.name, a.url])).toEqual([
      [CLI[0], `https://github.com/acme/dakora/releases/download/cli-v2.0.0/${CLI[0]}`],
      [CLI[1], `https://github.com/acme/dakora/releases/download/cli-v2.0.0/${CLI[1]}`],
      ['SHA256SUMS', 'https://github.com/acme/dakora/releases/download/cli-v2.0.0/SHA256SUMS']
    ])
    expect(state.targets[1].assets).toBeUndefined()
  })

  test('what is there with the same content is skipped; a broken upload is deleted and sent again', async () => {
    const { fake, log } = github({
      1: [asset(11, CLI[0], FILES[CLI[0]]), asset(12, CLI[1], 'partial', { state: 'open', digest: null })]
    })
    const outcome = await attachAssets.run(testState({ github: fake, targets: [target('cli-v2.0.0', 1, CLI)] }))
    expect(log).toEqual(['delete 12', `upload 1 ${CLI[1]} application/gzip`, 'upload 1 SHA256SUMS text/plain'])
    expect(outcome).toEqual({ status: 'done', detail: `attached cli-v2.0.0/${CLI[1]}, cli-v2.0.0/SHA256SUMS; 1 already attached` })
  })

  test('everything there: already done, nothing sent', async () => {
    const { fake, log } = github({
      1: [asset(11, CLI[0], FILES[CLI[0]]), asset(12, CLI[1], FILES[CLI[1]]), asset(13, 'SHA256SUMS', sums(CLI))]
    })
    const outcome = await attachAssets.run(testState({ github: fake, targets: [target('cli-v2.0.0', 1, CLI)] }))
    expect(log).toEqual([])
    expect(outcome).toEqual({ status: 'already done', detail: '3 already attached' })
  })

  test.each([
    { why: 'another sdist of the same name (same size)', name: SDK[1], text: 'CLIENT SDIST' },
    { why: 'another sdist of the same name (other size)', name: SDK[1], text: 'x' },
    { why: 'a SHA256SUMS of other files', name: 'SHA256SUMS', text: sums(CLI) }
  ])('a conflict on the second target ($why) uploads nothing to either, with E_TAG_EXISTS', async ({ name, text }) => {
    const { fake, log } = github({ 2: [asset(21, name, text)] })
    const state = testState({ github: fake, targets: [target('cli-v2.0.0', 1, CLI), target('python-sdk-v1.4.0', 2, SDK)] })
    const error = await attachAssets.run(state).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(PyshipError)
    expect((error as PyshipError).code).toBe('E_TAG_EXISTS')
    expect((error as PyshipError).message).toContain(
      `the GitHub release of python-sdk-v1.4.0 already has an asset ${name} with other content`
    )
    expect((error as PyshipError).hint).toContain('pyship never replaces a release asset')
    expect(log).toEqual([])
  })

  test('the SHA256SUMS it uploads lists every file, sorted, with its SHA-256', async () => {
    const bodies: Record<string, string> = {}
    const { fake } = github({})
    fake.uploadAsset = async (_rel, f) => {
      if (f.body instanceof Uint8Array) bodies[f.name] = Buffer.from(f.body).toString('utf8')
      return asset(0, f.name, '', { digest: null })
    }
    await attachAssets.run(testState({ github: fake, targets: [target('python-sdk-v1.4.0', 2, [...SDK].reverse())] }))
    expect(bodies.SHA256SUMS).toBe(sums(SDK))
  })

  test('GitHub storing other bytes than were sent stops the step before the next upload (E_NETWORK)', async () => {
    const { fake, log } = github({})
    fake.uploadAsset = async (_rel, f) => {
      log.push(`upload ${f.name}`)
      return asset(0, f.name, 'cut short')
    }
    const state = testState({ github: fake, targets: [target('cli-v2.0.0', 1, CLI)] })
    await expect(attachAssets.run(state)).rejects.toMatchObject({ code: 'E_NETWORK' })
    expect(log).toEqual([`upload ${CLI[0]}`])
  })

  test('only while this run holds the release lock', async () => {
    const { fake, log } = github({})
    // another run took the lock over: origin's lock ref is gone
    const state = testState({ github: fake, git: { remoteRef: async () => null }, targets: [target('cli-v2.0.0', 1, CLI)] })
    state.locks = [{ tag: 'cli-v2.0.0', ref: 'refs/pyship/locks/cli-v2.0.0', oid: 'd'.repeat(40), message: '' }]
    await expect(attachAssets.run(state)).rejects.toMatchObject({ code: 'E_RELEASE_IN_PROGRESS' })
    expect(log).toEqual([])
  })
})
