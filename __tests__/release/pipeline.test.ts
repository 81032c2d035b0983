/**
 * The step runner of release, verify and rollback (src/release/pipeline.ts): steps run in
 * order; a step that finds its work done says "already done" (a dry run too); a dry run runs
 * only read-only steps and says "would run" for the rest; the first failure is recorded with
 * its code (E_INTERNAL when it has none), every later step is "not run", and the error goes
 * on; after a cancellation no further step starts. The last test cancels this module's run.
 */
import { describe, expect, test } from '@jest/globals'
import { cancel } from '../../src/cancel.js'
import { PyshipError } from '../../src/errors.js'
import { runSteps, StepLog, type Step } from '../../src/release/pipeline.js'

type Kind = 'read' | 'found' | 'act' | 'denied' | 'bug' | 'cancel'

function stepsOf(kinds: Kind[], calls: string[]): Step<null>[] {
  return kinds.map((kind, i) => ({
    name: `${i + 1} ${kind}`,
    readOnly: kind === 'read',
    alreadyDone: kind === 'found' ? () => 'it is there' : undefined,
    async run() {
      calls.push(`${i + 1} ${kind}`)
      if (kind === 'denied') throw new PyshipError('E_GITHUB_DENIED', 'no', { hint: 'h' })
      if (kind === 'bug') throw new TypeError('x is undefined')
      if (kind === 'cancel') cancel('SIGTERM')
      return { status: 'done', detail: `did ${kind}` }
    }
  }))
}

async function run(kinds: Kind[], dryRun = false): Promise<{ records: string[]; calls: string[]; error: unknown; finished: string[] }> {
  const calls: string[] = []
  const log = new StepLog()
  let error: unknown = null
  await runSteps(stepsOf(kinds, calls), null, log, { dryRun }).catch((e: unknown) => (error = e))
  return { records: log.records.map((r) => `${r.step}: ${r.status} ${r.detail}`.trim()), calls, error, finished: log.finished() }
}

describe('runSteps', () => {
  test('in order; a step that finds its work done is not run again', async () => {
    const r = await run(['read', 'found', 'act'])
    expect(r.calls).toEqual(['1 read', '3 act'])
    expect(r.records).toEqual(['1 read: done did read', '2 found: already done it is there', '3 act: done did act'])
    expect(r.finished).toEqual(['1 read', '2 found', '3 act'])
    expect(r.error).toBeNull()
  })

  test('a dry run runs only the read-only steps, says "would run" for the others and still looks at what is done', async () => {
    const r = await run(['read', 'act', 'found', 'denied'], true)
    expect(r.calls).toEqual(['1 read'])
    expect(r.records).toEqual(['1 read: done did read', '2 act: would run', '3 found: already done it is there', '4 denied: would run'])
    expect(r.finished).toEqual(['1 read', '3 found'])
  })

  test.each<[string, Kind, string]>([
    ['a coded failure is recorded by its code', 'denied', '2 denied: failed E_GITHUB_DENIED'],
    ['an unforeseen one as E_INTERNAL', 'bug', '2 bug: failed E_INTERNAL']
  ])('%s; every later step is "not run" and the error goes on', async (_what, kind, failed) => {
    const r = await run(['act', kind, 'act', 'found'])
    expect(r.calls).toEqual(['1 act', `2 ${kind}`])
    expect(r.records).toEqual(['1 act: done did act', failed, '3 act: not run', '4 found: not run'])
    expect(r.finished).toEqual(['1 act'])
    expect(r.error).toBeInstanceOf(kind === 'denied' ? PyshipError : TypeError)
  })

  // last: the cancellation is for the rest of this module
  test('after a cancellation no further step starts: each is "not run", with the signal', async () => {
    const r = await run(['act', 'cancel', 'act', 'found'])
    expect(r.calls).toEqual(['1 act', '2 cancel'])
    expect(r.records).toEqual([
      '1 act: done did act',
      '2 cancel: done did cancel',
      '3 act: not run cancelled (SIGTERM)',
      '4 found: not run cancelled (SIGTERM)'
    ])
    expect(r.error).toBeNull()
  })
})
