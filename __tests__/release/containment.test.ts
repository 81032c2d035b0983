/**
 * Error containment (SPEC §5): an error nobody foresaw, thrown inside a release step,
 * ends as E_INTERNAL — exit 1, one annotation, the `problems` output, the job summary
 * with the steps already done and those not run — with no stack outside debug output,
 * and nothing published after it. The action runs in-process (src/main.ts) with the
 * build step replaced by one that throws a TypeError.
 */
import { afterAll, beforeAll, expect, jest, test } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseAnnotations, parseOutputFile } from '../../__fixtures__/action.js'
import { describeWithTools } from '../../__fixtures__/tools.js'
import { PYPI_TOKEN, startWorld, type World } from '../../__fixtures__/world.js'

const notUsedByRelease = (): never => {
  throw new Error('not used by a single-job release')
}
jest.unstable_mockModule('../../src/release/steps/build.js', () => ({
  buildPackages: notUsedByRelease,
  checkBuilt: notUsedByRelease,
  collectPrebuilt: notUsedByRelease,
  buildImageByDigest: notUsedByRelease,
  imageRecordFile: notUsedByRelease,
  build: {
    name: 'build',
    run: async () => {
      const missing = undefined as unknown as { files: string[] }
      return { status: 'done', detail: missing.files.join(', ') }
    }
  }
}))
const { run } = await import('../../src/main.js')

describeWithTools(['git'], 'an unforeseen error in a release step', () => {
  let world: World
  // one summary file for the suite: @actions/core remembers the first path it wrote to
  let io: string
  beforeAll(async () => {
    world = await startWorld()
    io = mkdtempSync(path.join(os.tmpdir(), 'pyship-contain-'))
  })
  afterAll(async () => {
    await world.close()
    rmSync(io, { recursive: true, force: true })
  })

  async function runInProcess(
    extra: Record<string, string>
  ): Promise<{ stdout: string; outputs: Record<string, string>; summary: string; exitCode: number | undefined }> {
    const saved = { ...process.env }
    const env: Record<string, string> = {
      ...world.env(),
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: world.repos.work,
      GITHUB_OUTPUT: path.join(io, 'output'),
      GITHUB_STEP_SUMMARY: path.join(io, 'summary'),
      RUNNER_TEMP: io,
      INPUT_COMMAND: 'release',
      INPUT_COMPONENT: 'sdk',
      'INPUT_PYPI-TOKEN': PYPI_TOKEN,
      'INPUT_GITHUB-TOKEN': world.github.token,
      'INPUT_PYPI-URL': world.pypi.url,
      'INPUT_PYPI-UPLOAD-URL': world.pypi.uploadUrl,
      'INPUT_RUN-TESTS': 'false',
      ...extra
    }
    writeFileSync(env.GITHUB_OUTPUT, '')
    writeFileSync(env.GITHUB_STEP_SUMMARY, '')
    let stdout = ''
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stdout += String(chunk)
      return true
    })
    const cwd = process.cwd()
    try {
      for (const k of Object.keys(process.env)) if (k.startsWith('INPUT_')) delete process.env[k]
      Object.assign(process.env, env)
      process.chdir(world.repos.work)
      process.exitCode = undefined
      await run()
      return {
        stdout,
        outputs: parseOutputFile(readFileSync(env.GITHUB_OUTPUT, 'utf8')),
        summary: readFileSync(env.GITHUB_STEP_SUMMARY, 'utf8'),
        exitCode: process.exitCode as number | undefined
      }
    } finally {
      write.mockRestore()
      process.chdir(cwd)
      process.env = saved
      process.exitCode = undefined
    }
  }

  test('E_INTERNAL with the steps done, in the summary and the problems output; no stack; nothing published', async () => {
    const r = await runInProcess({})
    expect(r.exitCode).toBe(1)
    const errors = parseAnnotations(r.stdout).filter((a) => a.level === 'error')
    expect(errors.map((a) => a.properties.title)).toEqual(['E_INTERNAL'])
    expect(errors[0].message).toMatch(/^pyship hit an error it did not foresee: TypeError: Cannot read properties of undefined/)
    expect(errors[0].message).toContain('Already done: plan, preflight, lock.')
    expect(JSON.parse(r.outputs.problems)).toEqual([expect.objectContaining({ code: 'E_INTERNAL', file: null, line: null })])
    const steps = JSON.parse(r.outputs.plan).steps.map((s: { step: string; status: string }) => `${s.step}: ${s.status}`)
    expect(steps).toEqual([
      'plan: done',
      'preflight: done',
      'lock: done',
      'test: skipped',
      'build: failed',
      'record intent: not run',
      'provenance: not run',
      'attach assets: not run',
      'publish: not run',
      'image provenance: not run',
      'tag and release: not run',
      'verify: not run'
    ])
    for (const row of [
      '<td>preflight</td><td>done</td>',
      '<td>build</td><td>failed</td>',
      '<td>publish</td><td>not run</td>',
      'E_INTERNAL'
    ])
      expect(r.summary).toContain(row)
    // no stack frames anywhere a person reads them without asking for debug output
    for (const text of [r.stdout, r.summary, JSON.stringify(r.outputs)]) expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/)
    expect(world.pypi.requests.filter((q) => q.method === 'POST')).toEqual([])
    expect(world.github.releases.length).toBe(0)
  })

  test('with RUNNER_DEBUG=1 the stack goes to the debug log', async () => {
    const r = await runInProcess({ RUNNER_DEBUG: '1' })
    expect(r.exitCode).toBe(1)
    const debug = r.stdout.split('\n').filter((l) => l.startsWith('::debug::'))
    expect(debug.join('\n')).toMatch(/unforeseen error: TypeError: Cannot read properties of undefined.*%0A\s+at /)
  })
})
