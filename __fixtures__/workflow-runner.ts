/**
 * Runs a workflow of README.md job by job, step by step, as a GitHub runner would,
 * against a test World: every job gets its own checkout of origin made as
 * actions/checkout makes it (`__fixtures__/git.ts` actionsCheckout) and its own
 * RUNNER_TEMP; a matrix job runs once per `include` entry; upload-artifact and
 * download-artifact move files through an artifact store laid out as those actions lay
 * it out; `run:` steps run in bash with GITHUB_OUTPUT; pyship steps run the bundled
 * action with the step's `with:` (plus the World's endpoints and credentials).
 * Only the expressions and actions the README uses are understood: anything else throws,
 * so a README change this runner cannot follow fails the test instead of being skipped.
 */
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { parse } from 'yaml'
import { ROOT, type ActionRun } from './action.js'
import type { World } from './world.js'

interface Step {
  id?: string
  uses?: string
  run?: string
  with?: Record<string, string | number | boolean>
  env?: Record<string, string>
}

interface Job {
  needs?: string | string[]
  if?: string
  strategy?: { matrix: string | Record<string, unknown> }
  outputs?: Record<string, string>
  permissions?: Record<string, string>
  environment?: string
  steps: Step[]
}

export interface Workflow {
  on: unknown
  permissions?: Record<string, string>
  jobs: Record<string, Job>
}

/** The workflow of README.md whose block starts with `# .github/workflows/<file>`. */
export function readmeWorkflow(file: string): Workflow {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8')
  const block = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]).find((b) => b.startsWith(`# .github/workflows/${file}`))
  if (!block) throw new Error(`README.md has no workflow .github/workflows/${file}`)
  return parse(block) as Workflow
}

type Context = Record<string, unknown>

function lookup(ctx: Context, expr: string): unknown {
  let value: unknown = ctx
  for (const key of expr.split('.')) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) throw new Error(`workflow expression \${{ ${expr} }}: ${key} is not known here`)
    value = (value as Record<string, unknown>)[key]
  }
  return value
}

/** One expression: a context path, toJSON / fromJSON of one, or startsWith(path, 'literal'). */
function expression(expr: string, ctx: Context): unknown {
  const e = expr.trim()
  let m = /^(toJSON|fromJSON)\((.+)\)$/.exec(e)
  if (m) {
    const inner = expression(m[2], ctx)
    return m[1] === 'toJSON' ? JSON.stringify(inner, null, 2) : JSON.parse(String(inner))
  }
  m = /^startsWith\(([\w.-]+),\s*'([^']*)'\)$/.exec(e)
  if (m) return String(lookup(ctx, m[1])).startsWith(m[2])
  if (/^[\w-]+(\.[\w-]+)*$/.test(e)) return lookup(ctx, e)
  throw new Error(`workflow expression \${{ ${e} }} is not one this runner understands`)
}

/** A value with `${{ … }}` in it; a value that is one whole expression keeps its type. */
export function evaluate(value: unknown, ctx: Context): unknown {
  if (typeof value !== 'string') return value
  const whole = /^\$\{\{(.+?)\}\}$/.exec(value.trim())
  if (whole) return expression(whole[1], ctx)
  return value.replace(/\$\{\{(.+?)\}\}/g, (_all, e: string) => {
    const v = expression(e, ctx)
    return typeof v === 'string' ? v : JSON.stringify(v)
  })
}

const text = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value))

/** A glob of download-artifact's `pattern` (`*` and `?` only). */
const globToRegExp = (glob: string): RegExp => new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`)

export interface JobRun {
  job: string
  /** The matrix entry of this run of a matrix job. */
  matrix?: Record<string, unknown>
  workspace: string
  env: Record<string, string>
  /** Each pyship step's run, by step id (or `pyship-<index>`). */
  pyship: Record<string, ActionRun>
  /** Every `uses:` this job went through, in order (actions that need no work here are only listed). */
  uses: string[]
}

export interface WorkflowRun {
  jobs: JobRun[]
  /** Jobs whose `if:` was false. */
  skipped: string[]
  /** The artifact store: `<name>/…` as upload-artifact stored them. */
  artifacts: string
}

/**
 * Run `workflow` for an event: `githubRef`/`githubSha` are the event's ref and commit,
 * `event` the `github.event` payload. `between` runs after each job (tests move origin on
 * or check intermediate state). A failed pyship step fails the job and stops the run,
 * like a runner; the runs so far are returned in `jobs`.
 */
export async function runWorkflow(
  world: World,
  workflow: Workflow,
  event: { githubRef: string; githubSha: string; event?: Record<string, unknown> },
  options: { between?: (job: string) => void | Promise<void>; name?: string } = {}
): Promise<WorkflowRun> {
  const scratch = path.join(world.repos.root, options.name ?? 'workflow')
  const artifacts = path.join(scratch, 'artifacts')
  mkdirSync(artifacts, { recursive: true })
  const refName = event.githubRef.replace(/^refs\/(heads|tags)\//, '')
  const github = { ref: event.githubRef, ref_name: refName, sha: event.githubSha, event: event.event ?? {} }
  const outputs: Record<string, Record<string, unknown>> = {}
  const result: WorkflowRun = { jobs: [], skipped: [], artifacts }
  const order: string[] = []
  const visit = (name: string): void => {
    if (order.includes(name)) return
    const needs = workflow.jobs[name].needs
    for (const n of typeof needs === 'string' ? [needs] : (needs ?? [])) visit(n)
    order.push(name)
  }
  for (const name of Object.keys(workflow.jobs)) visit(name)

  for (const name of order) {
    const job = workflow.jobs[name]
    const needs = Object.fromEntries(Object.entries(outputs).map(([n, o]) => [n, { outputs: o }]))
    if (job.if !== undefined && !evaluate(`\${{ ${job.if} }}`, { github, needs })) {
      result.skipped.push(name)
      continue
    }
    const matrix = job.strategy ? (evaluate(job.strategy.matrix, { github, needs }) as { include: Record<string, unknown>[] }) : null
    const entries = matrix ? matrix.include : [undefined]
    for (const [index, entry] of entries.entries()) {
      const jobName = matrix ? `${name}-${index}` : name
      const temp = path.join(scratch, 'jobs', jobName, 'temp')
      mkdirSync(temp, { recursive: true })
      const run: JobRun = { job: name, matrix: entry, workspace: path.join(scratch, 'jobs', jobName, 'work'), env: { RUNNER_TEMP: temp }, pyship: {}, uses: [] }
      result.jobs.push(run)
      const steps: Record<string, { outputs: Record<string, string> }> = {}
      const ctx = (): Context => ({ github, needs, matrix: entry ?? {}, strategy: { 'job-index': index }, runner: { temp }, steps })
      for (const [i, step] of job.steps.entries()) {
        const inputs = Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, text(evaluate(v, ctx()))]))
        const uses = step.uses?.replace(/@.*$/, '')
        if (step.uses) run.uses.push(step.uses)
        if (uses === 'actions/checkout') {
          const checkout = world.job(`${options.name ?? 'workflow'}-${jobName}`, {
            githubRef: event.githubRef,
            githubSha: event.githubSha,
            ref: inputs.ref,
            fetchDepth: inputs['fetch-depth'] === undefined ? undefined : Number(inputs['fetch-depth'])
          })
          run.workspace = checkout.workspace
          run.env = { ...checkout.env, RUNNER_TEMP: temp }
        } else if (uses === 'astral-sh/setup-uv' || uses === 'actions/setup-python' || uses === 'docker/setup-buildx-action') {
          // the tools are on this machine already (python3.11, build, twine, pytest, docker)
        } else if (uses === 'actions/upload-artifact') {
          const from = inputs.path
          const files = existsSync(from) ? readdirSync(from) : []
          if (files.length === 0 && inputs['if-no-files-found'] === 'error') throw new Error(`upload-artifact ${inputs.name}: no files in ${from}`)
          if (existsSync(path.join(artifacts, inputs.name))) throw new Error(`upload-artifact: an artifact named ${inputs.name} exists already (v4 names are unique)`)
          // the artifact holds the folder's contents, not the folder
          cpSync(from, path.join(artifacts, inputs.name), { recursive: true })
        } else if (uses === 'actions/download-artifact') {
          const into = inputs.path
          const names = readdirSync(artifacts).filter((a) => (inputs.pattern ? globToRegExp(inputs.pattern).test(a) : inputs.name ? a === inputs.name : true))
          // several artifacts: one folder each, named after the artifact, unless merge-multiple
          const single = !!inputs.name
          for (const a of names) cpSync(path.join(artifacts, a), single || inputs['merge-multiple'] === 'true' ? into : path.join(into, a), { recursive: true })
        } else if (uses === 'pyship/pyship') {
          const { command, component = '', ...rest } = inputs
          const action = await world.action(command, component, { inputs: rest, workspace: run.workspace, env: run.env })
          run.pyship[step.id ?? `pyship-${i}`] = action
          if (step.id) steps[step.id] = { outputs: action.outputs }
          if (action.status !== 0) return result
        } else if (step.run !== undefined) {
          const outputFile = path.join(temp, `output-${i}`)
          writeFileSync(outputFile, '')
          const env = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, text(evaluate(v, ctx()))]))
          const r = spawnSync('bash', ['-e', '-c', step.run], { cwd: run.workspace, env: { PATH: process.env.PATH ?? '', ...run.env, ...env, GITHUB_OUTPUT: outputFile }, encoding: 'utf8' })
          if (r.status !== 0) throw new Error(`run step ${i} of ${jobName} failed: ${r.stderr}`)
          const stepOutputs = Object.fromEntries(
            readFileSync(outputFile, 'utf8')
              .split('\n')
              .filter((l) => l.includes('='))
              .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)])
          )
          if (step.id) steps[step.id] = { outputs: stepOutputs }
        } else {
          throw new Error(`workflow step ${JSON.stringify(step)} uses an action this runner does not know`)
        }
      }
      if (job.outputs) outputs[name] = Object.fromEntries(Object.entries(job.outputs).map(([k, v]) => [k, evaluate(v, ctx())]))
    }
    await options.between?.(name)
  }
  return result
}
