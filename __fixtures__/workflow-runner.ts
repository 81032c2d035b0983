/**
 * Runs a GitHub Actions workflow (the README's, as users copy them) step by step as a runner
 * would, against a bare `origin` and the stand-ins: jobs in `needs` order, each in its own
 * fresh checkout and RUNNER_TEMP, a matrix job once per `include` entry, `${{ … }}` evaluated
 * from `inputs`, `github`, `needs`, `steps`, `matrix`, `strategy`, `runner` and `secrets`.
 *
 * The steps it knows are the ones the README uses:
 * - `actions/checkout`: what the action runs — `fetch-depth: 1` (its default) fetches only the
 *   commit, as a branch (`-B main`), a tag, or a detached SHA (`ref:`); `fetch-depth: 0` fetches
 *   every branch and tag;
 * - `actions/upload-artifact` / `download-artifact`: a folder per artifact; `pattern:` downloads
 *   each matching artifact into `<path>/<name>/` (merged with `merge-multiple: true`);
 * - `astral-sh/setup-uv`, `actions/setup-python`, `docker/setup-buildx-action`: the machine's
 *   tools stand in for them;
 * - `pyship/pyship` (or `./`): the bundle, its inputs as a runner sets them — every input of
 *   action.yml with its default (expressions evaluated), the services' addresses, then `with:`;
 *   the job's OIDC endpoint only when it holds `id-token: write`;
 * - `run:`: bash -e, with `env:` and a GITHUB_OUTPUT of its own.
 * Anything else fails the run loudly: a workflow the README shows must be runnable here.
 */
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { parse } from 'yaml'
import { parseOutputFile, runActionAsync, type ActionRun } from './action.js'
import { readAction } from './readme.js'

type Value = unknown
interface StepDef { id?: string; name?: string; uses?: string; run?: string; with?: Record<string, Value>; env?: Record<string, Value>; if?: string }
interface JobDef { name?: string; environment?: string | { name: string }; needs?: string | string[]; outputs?: Record<string, string>; strategy?: { matrix?: Value }; permissions?: Record<string, string> | string; steps: StepDef[] }
interface WorkflowDef { on?: Value; permissions?: Record<string, string> | string; jobs: Record<string, JobDef> }

export interface StepRun { label: string; status: number | null; outputs: Record<string, string>; log: string; action?: ActionRun }
export interface JobRun { job: string; name: string; ok: boolean; outputs: Record<string, string>; steps: StepRun[]; workspace: string }
export interface WorkflowRun { ok: boolean; jobs: JobRun[]; /** Everything every step printed, for checks such as "no secret in the log". */ log: string }

export interface RunOptions {
  /** The bare repository that is `origin`. */
  origin: string
  /** Where job workspaces, temporary directories and artifacts go. */
  scratch: string
  /** The event: `refs/heads/main`, `refs/tags/cli-v2.0.0`… and its commit. */
  ref: string
  sha: string
  eventName?: string
  inputs?: Record<string, string>
  secrets?: Record<string, string>
  /** The environment every step sees (PATH, git identity, GITHUB_API_URL, GITHUB_REPOSITORY…). */
  env: Record<string, string>
  /** pyship inputs that point at the stand-ins instead of pypi.org, GitHub and ghcr.io. */
  services: Record<string, string>
  /** The runner's ID-token endpoint, given to jobs that hold `id-token: write`. */
  oidc?: Record<string, string>
  githubToken: string
  /** Called before each job runs (e.g. to put the job's `environment:` into the next ID token's claims). */
  beforeJob?: (job: { name: string; environment?: string }) => void
}

// --- expressions --------------------------------------------------------------------------

/** Evaluate one `${{ }}` expression: property paths, string/number/boolean literals, fromJSON, toJSON, ==, !=, &&, ||, !. */
export function evaluate(expr: string, context: Record<string, Value>): Value {
  const tokens = expr.match(/'(?:[^']|'')*'|[A-Za-z_][\w-]*|\d+(?:\.\d+)?|==|!=|&&|\|\||[!().,[\]*]/g) ?? []
  let at = 0
  const peek = (): string | undefined => tokens[at]
  const take = (want?: string): string => {
    const t = tokens[at++]
    if (want !== undefined && t !== want) throw new Error(`expression ${expr}: expected ${want}, got ${t}`)
    return t
  }
  const or = (): Value => {
    let left = and()
    while (peek() === '||') {
      take()
      const right = and()
      left = left || right
    }
    return left
  }
  const and = (): Value => {
    let left = equality()
    while (peek() === '&&') {
      take()
      const right = equality()
      left = left && right
    }
    return left
  }
  const equality = (): Value => {
    const left = unary()
    if (peek() === '==' || peek() === '!=') {
      const op = take()
      const right = unary()
      const same = String(left).toLowerCase() === String(right).toLowerCase()
      return op === '==' ? same : !same
    }
    return left
  }
  const unary = (): Value => (peek() === '!' ? (take(), !unary()) : primary())
  const primary = (): Value => {
    const t = take()
    if (t === '(') {
      const v = or()
      take(')')
      return v
    }
    if (t.startsWith("'")) return t.slice(1, -1).replace(/''/g, "'")
    if (/^\d/.test(t)) return Number(t)
    if (t === 'true' || t === 'false') return t === 'true'
    if (t === 'null') return null
    if (peek() === '(') {
      take('(')
      const args: Value[] = []
      while (peek() !== ')') {
        args.push(or())
        if (peek() === ',') take(',')
      }
      take(')')
      if (t === 'fromJSON') return JSON.parse(String(args[0]))
      if (t === 'toJSON') return JSON.stringify(args[0], null, 2)
      if (t === 'format') return String(args[0]).replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i) + 1]))
      throw new Error(`expression ${expr}: function ${t} is not modelled`)
    }
    let value: Value = context[t]
    for (;;) {
      if (peek() === '.') {
        take()
        const key = take()
        value = value === undefined || value === null ? undefined : (value as Record<string, Value>)[key]
      } else if (peek() === '[') {
        take()
        const key = or()
        take(']')
        value = value === undefined || value === null ? undefined : (value as Record<string, Value>)[String(key)]
      } else return value
    }
  }
  const result = or()
  if (at !== tokens.length) throw new Error(`expression ${expr}: cannot read past ${tokens[at]}`)
  return result
}

/** A value with its `${{ }}` expressions evaluated: a string that is one expression keeps the expression's type. */
export function interpolate(value: Value, context: Record<string, Value>): Value {
  if (typeof value !== 'string') return value
  const whole = /^\s*\$\{\{([\s\S]*?)\}\}\s*$/.exec(value)
  if (whole && !whole[1].includes('}}')) return evaluate(whole[1], context)
  return value.replace(/\$\{\{([\s\S]*?)\}\}/g, (_, e: string) => {
    const v = evaluate(e, context)
    return v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v)
  })
}
const asString = (v: Value): string => (v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v))

// --- the runner -------------------------------------------------------------------------------

/** Whether a `permissions:` value (the job's, else the workflow's) grants `right: write`. */
function holds(permissions: Record<string, string> | string | undefined, right: string): boolean {
  return permissions === 'write-all' || (typeof permissions === 'object' && permissions[right] === 'write')
}

/** Jobs in an order where every job comes after the jobs it needs. */
function jobOrder(jobs: Record<string, JobDef>): string[] {
  const done: string[] = []
  const visit = (name: string, seen: string[]): void => {
    if (done.includes(name)) return
    if (seen.includes(name)) throw new Error(`needs cycle at ${name}`)
    for (const dep of [jobs[name].needs ?? []].flat()) visit(dep, [...seen, name])
    done.push(name)
  }
  Object.keys(jobs).forEach((j) => visit(j, []))
  return done
}

export async function runWorkflow(text: string, options: RunOptions): Promise<WorkflowRun> {
  const wf = parse(text) as WorkflowDef
  const action = readAction()
  const artifacts = path.join(options.scratch, 'artifacts')
  mkdirSync(artifacts, { recursive: true })
  const refName = options.ref.replace(/^refs\/(heads|tags)\//, '')
  const github = {
    token: options.githubToken,
    ref: options.ref,
    ref_name: refName,
    ref_type: options.ref.startsWith('refs/tags/') ? 'tag' : 'branch',
    sha: options.sha,
    event_name: options.eventName ?? 'workflow_dispatch',
    repository: options.env.GITHUB_REPOSITORY,
    actor: 'release-bot'
  }
  const needs: Record<string, { outputs: Record<string, string>; result: string }> = {}
  const runs: JobRun[] = []
  let log = ''
  let jobCount = 0

  for (const jobName of jobOrder(wf.jobs)) {
    const job = wf.jobs[jobName]
    const deps = [job.needs ?? []].flat()
    if (deps.some((d) => needs[d]?.result !== 'success')) {
      needs[jobName] = { outputs: {}, result: 'skipped' }
      continue
    }
    const base = { inputs: options.inputs ?? {}, github, secrets: options.secrets ?? {}, needs, vars: {} }
    const matrix = job.strategy?.matrix === undefined ? undefined : interpolate(job.strategy.matrix, base)
    if (matrix !== undefined && (typeof matrix !== 'object' || matrix === null || Object.keys(matrix).some((k) => k !== 'include'))) {
      throw new Error(`job ${jobName}: only a matrix of include entries is modelled, got ${JSON.stringify(matrix)}`)
    }
    const instances = matrix ? ((matrix as { include: Record<string, Value>[] }).include ?? []) : [undefined]
    let result = 'success'
    const outputs: Record<string, string> = {}
    for (const [index, entry] of instances.entries()) {
      const workspace = path.join(options.scratch, `job-${jobCount}-${jobName}`)
      const temp = path.join(options.scratch, `temp-${jobCount++}`)
      mkdirSync(workspace, { recursive: true })
      mkdirSync(temp, { recursive: true })
      const steps: Record<string, { outputs: Record<string, string> }> = {}
      const context = (): Record<string, Value> => ({ ...base, matrix: entry ?? {}, strategy: { 'job-index': index, 'job-total': instances.length }, runner: { temp, os: 'Linux' }, steps, env: {} })
      const label = asString(interpolate(job.name ?? jobName, context()))
      const jobEnv: Record<string, string> = {
        ...options.env,
        GITHUB_WORKSPACE: workspace,
        RUNNER_TEMP: temp,
        GITHUB_SHA: options.sha,
        GITHUB_REF: options.ref,
        GITHUB_REF_NAME: refName,
        GITHUB_REF_TYPE: github.ref_type,
        GITHUB_EVENT_NAME: github.event_name,
        GITHUB_JOB: jobName,
        GITHUB_RUN_ID: '4242',
        GITHUB_RUN_ATTEMPT: '1',
        ...(holds(job.permissions ?? wf.permissions, 'id-token') ? options.oidc : {})
      }
      const run: JobRun = { job: jobName, name: label, ok: true, outputs: {}, steps: [], workspace }
      options.beforeJob?.({ name: jobName, environment: typeof job.environment === 'object' ? job.environment.name : job.environment })
      runs.push(run)
      for (const step of job.steps) {
        const ctx = context()
        const stepLabel = step.name ?? step.uses ?? (step.run ?? '').split('\n')[0]
        const withs = Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, asString(interpolate(v, ctx))]))
        const env = { ...jobEnv, ...Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, asString(interpolate(v, ctx))])) }
        const done = await runStep(step, withs, env, { workspace, temp, artifacts, options, action, context: ctx })
        log += `\n## ${label} › ${stepLabel}\n${done.log}`
        run.steps.push({ label: stepLabel, ...done })
        if (step.id) steps[step.id] = { outputs: done.outputs }
        if (done.status !== 0) {
          run.ok = false
          break
        }
      }
      if (!run.ok) result = 'failure'
      for (const [k, v] of Object.entries(job.outputs ?? {})) {
        const value = asString(interpolate(v, context()))
        if (value) outputs[k] = value
      }
      run.outputs = { ...outputs }
    }
    needs[jobName] = { outputs, result }
  }
  return { ok: runs.every((r) => r.ok) && Object.values(needs).every((n) => n.result === 'success'), jobs: runs, log }
}

interface StepContext {
  workspace: string
  temp: string
  artifacts: string
  options: RunOptions
  action: ReturnType<typeof readAction>
  context: Record<string, Value>
}

async function runStep(step: StepDef, withs: Record<string, string>, env: Record<string, string>, s: StepContext): Promise<Omit<StepRun, 'label'>> {
  if (step.run !== undefined) {
    const outputFile = path.join(s.temp, `output-${Math.random().toString(36).slice(2)}`)
    writeFileSync(outputFile, '')
    const script = asString(interpolate(step.run, s.context))
    const r = spawnSync('bash', ['-e', '-c', script], { cwd: s.workspace, env: { ...env, GITHUB_OUTPUT: outputFile }, encoding: 'utf8', timeout: 120_000 })
    return { status: r.status, outputs: parseOutputFile(readFileSync(outputFile, 'utf8')), log: `${r.stdout}${r.stderr}` }
  }
  const uses = step.uses ?? ''
  const [name] = uses.split('@')
  if (name === 'actions/checkout') return checkout(withs, env, s)
  if (['astral-sh/setup-uv', 'actions/setup-python', 'docker/setup-buildx-action'].includes(name)) return { status: 0, outputs: {}, log: `${name}: the machine's tools stand in` }
  if (name === 'actions/upload-artifact') {
    const from = withs.path
    const files = existsSync(from) ? readdirSync(from) : []
    if (files.length === 0 && (withs['if-no-files-found'] ?? 'warn') === 'error') return { status: 1, outputs: {}, log: `upload-artifact: no files found at ${from}` }
    cpSync(from, path.join(s.artifacts, withs.name), { recursive: true })
    return { status: 0, outputs: {}, log: `upload-artifact ${withs.name}: ${files.join(', ')}` }
  }
  if (name === 'actions/download-artifact') {
    const pattern = new RegExp(`^${(withs.pattern ?? withs.name ?? '*').replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`)
    const into = withs.path ?? s.workspace
    const names = readdirSync(s.artifacts).filter((n) => pattern.test(n))
    const single = Boolean(withs.name) && !withs.pattern
    for (const n of names) cpSync(path.join(s.artifacts, n), single || withs['merge-multiple'] === 'true' ? into : path.join(into, n), { recursive: true })
    return { status: 0, outputs: {}, log: `download-artifact: ${names.join(', ')} into ${into}` }
  }
  if (name === 'pyship/pyship' || uses === './') {
    const defaults = Object.fromEntries(Object.entries(s.action.inputs).map(([k, v]) => [k, asString(interpolate(v.default ?? '', s.context))]))
    const run = await runActionAsync({ ...defaults, ...s.options.services, ...withs }, { workspace: s.workspace, env })
    return { status: run.status, outputs: run.outputs, log: `${run.stdout}${run.stderr}`, action: run }
  }
  throw new Error(`step ${uses}: not modelled by the workflow runner`)
}

/** What actions/checkout does, on a fresh directory. */
function checkout(withs: Record<string, string>, env: Record<string, string>, s: StepContext): Omit<StepRun, 'label'> {
  const git = (args: string[]): { status: number | null; out: string } => {
    const r = spawnSync('git', args, { cwd: s.workspace, env, encoding: 'utf8' })
    return { status: r.status, out: `$ git ${args.join(' ')}\n${r.stdout}${r.stderr}` }
  }
  const ref = withs.ref || s.options.ref
  const depth = Number(withs['fetch-depth'] ?? '1')
  const steps: string[][] = [
    ['init', '-q'],
    ['remote', 'add', 'origin', s.options.origin]
  ]
  let target: string[]
  if (/^[0-9a-f]{40}$/.test(ref)) {
    steps.push(depth === 0 ? ['fetch', '-q', '--prune', '--tags', 'origin', '+refs/heads/*:refs/remotes/origin/*', '+refs/tags/*:refs/tags/*'] : ['fetch', '-q', '--no-tags', '--depth=1', 'origin', ref])
    target = ['checkout', '-q', '--force', '--detach', ref]
  } else if (ref.startsWith('refs/tags/')) {
    steps.push(depth === 0 ? ['fetch', '-q', '--prune', '--tags', 'origin', '+refs/heads/*:refs/remotes/origin/*', '+refs/tags/*:refs/tags/*'] : ['fetch', '-q', '--no-tags', '--depth=1', 'origin', `+${ref}:${ref}`])
    target = ['checkout', '-q', '--force', ref]
  } else {
    const branch = ref.replace(/^refs\/heads\//, '')
    steps.push(depth === 0 ? ['fetch', '-q', '--prune', '--tags', 'origin', '+refs/heads/*:refs/remotes/origin/*', '+refs/tags/*:refs/tags/*'] : ['fetch', '-q', '--no-tags', '--depth=1', 'origin', `+refs/heads/${branch}:refs/remotes/origin/${branch}`])
    target = ['checkout', '-q', '--force', '-B', branch, `refs/remotes/origin/${branch}`]
  }
  steps.push(target)
  let out = ''
  for (const args of steps) {
    const r = git(args)
    out += r.out
    if (r.status !== 0) return { status: r.status, outputs: {}, log: out }
  }
  return { status: 0, outputs: {}, log: out }
}
