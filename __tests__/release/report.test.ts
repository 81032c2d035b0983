/**
 * The `released` output (SPEC §3: "true when anything was published by this run") comes from
 * the step log: the publish or tag-and-release step did something in this run.
 */
import { expect, test } from '@jest/globals'
import { StepLog, type StepStatus } from '../../src/release/pipeline.js'
import { publishedBy } from '../../src/release/report.js'

test.each([
  [
    'a first release',
    [
      ['publish', 'done'],
      ['tag and release', 'done']
    ],
    true
  ],
  [
    'a re-run after a crash before the tag',
    [
      ['publish', 'already done'],
      ['tag and release', 'done']
    ],
    true
  ],
  [
    'a re-run of a finished release',
    [
      ['publish', 'already done'],
      ['tag and release', 'already done']
    ],
    false
  ],
  [
    'a dry run',
    [
      ['publish', 'would run'],
      ['tag and release', 'would run']
    ],
    false
  ],
  [
    'a failure after the upload',
    [
      ['publish', 'done'],
      ['tag and release', 'failed']
    ],
    true
  ],
  [
    'a failure before anything is published',
    [
      ['build', 'done'],
      ['publish', 'not run']
    ],
    false
  ],
  [
    'only read-only or preparatory steps did something',
    [
      ['preflight', 'done'],
      ['record intent', 'done'],
      ['verify', 'done']
    ],
    false
  ]
])('%s: released %s', (_name, records, expected) => {
  const log = new StepLog()
  for (const [step, status] of records as [string, StepStatus][]) log.add(step, status)
  expect(publishedBy(log)).toBe(expected)
})
