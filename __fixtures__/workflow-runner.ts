/**
 * Runs a GitHub Actions workflow (the README's, as users copy them) job by job, step by step,
 * as a runner would, against a test World (a bare `origin`, the PyPI and GitHub stand-ins, a
 * registry): jobs in `needs` order (`if:` honoured, a failed job's dependents skipped), each
 * in its own checkout made as actions/checkout makes it (`world.job`, `__fixtures__/git.ts`
 * actionsCheckout) and its own RUNNER_TEMP; a matrix job once per `include` entry;
 * `${{ … }}` evaluated from `inputs`, `github` (with `event`), `needs`, `steps`, `matrix`,
 * `strategy`, `runner` and `secrets`.
 *
 * The steps it knows are the ones the README uses:
 * - `actions/checkout` (`ref`, `fetch-depth`);
 * - `actions/upload-artifact` / `download-artifact`: a folder per artifact; `pattern:` downloads
 *   each matching artifact into `<path>/<name>/` (merged with `merge-multiple: true`);
 * - `astral-sh/setup-uv`, `actions/setup-python`, `docker/setup-buildx-action`: the machine's
 *   tools stand in for them;
 * - `pyship/pyship` (or `./`): the bundle, its inputs as a runner sets them — every input of
 *   action.yml with its default (expressions evaluated), the World's service addresses, then
 *   `with:`; the runner's OIDC endpoint only when the job (or the workflow) holds
 *   `id-token: write`, with the job's `environment:` in the ID token's claims; the GitHub
 *   stand-in stores artifact attestations only for a job holding `attestations: write`;
 * - `run:`: bash -e, with `env:` and a GITHUB_OUTPUT of its own.
 * Anything else fails loudly: a workflow the README shows must be runnable here.
 */
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { parse } from 'yaml'
import { parseOutputFile, ROOT, runActionAsync, type ActionRun } from './action.js'
import { runnerOidcEnv } from './pypi-server.js'
import { readAction } from './readme.js'
import { REGISTRY_PASSWORD, type World } from './world.js'

type Value = unknown
type Permissions = Record<string, string> | string
interface StepDef {
  id?: string
  name?: string
  uses?: string
  run?: string
  with?: Record<string, Value>
  env?: Record<string, Value>
}
interface JobDef {
  name?: string
  needs?: string | string[]
  if?: string
  environment?: string | { name: string }
  outputs?: Record<string, string>
  strategy?: { matrix?: Value }
  permissions?: Permissions
  steps: StepDef[]
}
export interface Workflow {
  on: Value
  permissions?: Permissions
  jobs: Record<string, JobDef>
}

export interface StepRun {
  label: string
  status: number | null
  outputs: Record<string, string>
  log: string
  action?: ActionRun
}
export interface JobRun {
  job: string
  name: string
  ok: boolean
  /** The matrix entry of this run of a matrix job. */
  matrix?: Record<string, Value>
  workspace: string
  env: Record<string, string>
  outputs: Record<string, string>
  steps: StepRun[]
  /** Each pyship step's run, by step id (or `pyship-<index>`). */
  pyship: Record<string, ActionRun>
  /** Every `uses:` this job went through, in order. */
  uses: string[]
}
export interface WorkflowRun {
  ok: boolean
  jobs: JobRun[]
  /** Jobs whose `if:` was false, or whose needs failed. */
  skipped: string[]
  /** The artifact store: `<name>/…` as upload-artifact stored them. */
  artifacts: string
  /** Everything every step printed, in order (for "no secret in the log" checks). */
  log: string
}

export interface WorkflowEvent {
  /** GITHUB_REF and GITHUB_SHA of the event: `refs/heads/main`, `refs/tags/cli-v2.0.0`… */
  githubRef: string
  githubSha: string
  /** `github.event` (e.g. `{ release: { tag_name } }`). */
  event?: Record<string, Value>
  eventName?: string
  /** `workflow_dispatch` inputs. */
  inputs?: Record<string, string>
  secrets?: Record<string, string>
}

const fileNames = new WeakMap<Workflow, string>()

/** The workflow of README.md whose block starts with `# .github/workflows/<file>`. */
export function readmeWorkflow(file: string): Workflow {
  const wf = parse(readmeWorkflowText(file)) as Workflow
  fileNames.set(wf, file)
  return wf
}
/** Every workflow of README.md, by the file its block's first comment names (`.github/workflows/x.yml`). */
export function readmeWorkflows(): Map<string, string> {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8')
  return new Map([...readme.matchAll(/```yaml\n(# (\.github\/workflows\/[\w.-]+)[\s\S]*?)```/g)].map((m) => [m[2], m[1]]))
}

export function readmeWorkflowText(file: string): string {
  const block = readmeWorkflows().get(`.github/workflows/${file}`)
  if (!block) throw new Error(`README.md has no workflow .github/workflows/${file}`)
  return block
}

// --- expressions --------------------------------------------------------------------------

/** Evaluate one `${{ }}` expression: paths, literals, fromJSON, toJSON, format, startsWith, ==, !=, &&, ||, !. */
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
      const same = String(left).toLowerCase() === String(unary()).toLowerCase()
      return op === '==' ? same : !same
    }
    return left
  }
  const unary = (): Value => (peek() === '!' ? (take(), !unary()) : primary())
  const call = (name: string, args: Value[]): Value => {
    if (name === 'fromJSON') return JSON.parse(String(args[0]))
    if (name === 'toJSON') return JSON.stringify(args[0], null, 2)
    if (name === 'format') return String(args[0]).replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i) + 1]))
    if (name === 'startsWith')
      return String(args[0] ?? '')
        .toLowerCase()
        .startsWith(String(args[1] ?? '').toLowerCase())
    throw new Error(`expression ${expr}: function ${name} is not modelled`)
  }
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
      return call(t, args)
    }
    if (!Object.hasOwn(context, t)) throw new Error(`expression ${expr}: no context ${t}`)
    let value: Value = context[t]
    for (;;) {
      let key: string
      if (peek() === '.') {
        take()
        key = take()
      } else if (peek() === '[') {
        take()
        key = String(or())
        take(']')
      } else return value
      value = value === undefined || value === null ? undefined : (value as Record<string, Value>)[key]
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
  return value.replace(/\$\{\{([\s\S]*?)\}\}/g, (_, e: string) => asString(evaluate(e, context)))
}
const asString = (v: Value): string => (v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v))

// --- the runner -------------------------------------------------------------------------------

/** Whether a `permissions:` value grants `right: write`. */
function holds(permissions: Permissions | undefined, right: string): boolean {
  return permissions === 'write-all' || (typeof permissions === 'object' && permissions[right] === 'write')
}

/** Jobs in an order where every job comes after the jobs it needs. */
function jobOrder(jobs: Record<string, JobDef>): string[] {
  const done: string[] = []
  const visit = (name: string, trail: string[]): void => {
    if (done.includes(name)) return
    if (trail.includes(name)) throw new Error(`needs cycle at ${name}`)
    for (const dep of [jobs[name].needs ?? []].flat()) visit(dep, [...trail, name])
    done.push(name)
  }
  Object.keys(jobs).forEach((j) => visit(j, []))
  return done
}

/**
 * Run `workflow` (parsed, or its YAML) for an event. `between` runs after each job (tests
 * move origin on, or look at what a job left). `name` keeps two runs of one World apart.
 */
export async function runWorkflow(
  world: World,
  workflow: Workflow | string,
  event: WorkflowEvent,
  options: { name?: string; between?: (job: string) => void | Promise<void> } = {}
): Promise<WorkflowRun> {
  const wf = typeof workflow === 'string' ? (parse(workflow) as Workflow) : workflow
  // the file name goes into the ID token's workflow_ref, which a trusted publisher names
  const file =
    (typeof workflow === 'string' ? /^# \.github\/workflows\/([\w.-]+)/.exec(workflow)?.[1] : fileNames.get(workflow)) ?? 'workflow.yml'
  const workflowRef = `acme/dakora/.github/workflows/${file}@${event.githubRef}`
  const action = readAction()
  const runName = options.name ?? 'workflow'
  const scratch = path.join(world.repos.root, runName)
  const artifacts = path.join(scratch, 'artifacts')
  mkdirSync(artifacts, { recursive: true })
  const refName = event.githubRef.replace(/^refs\/(heads|tags)\//, '')
  const github = {
    token: world.github.token,
    ref: event.githubRef,
    ref_name: refName,
    ref_type: event.githubRef.startsWith('refs/tags/') ? 'tag' : 'branch',
    sha: event.githubSha,
    event: event.event ?? {},
    event_name:
      event.eventName ?? (event.event?.release ? 'release' : event.githubRef.startsWith('refs/tags/') ? 'push' : 'workflow_dispatch'),
    repository: 'acme/dakora',
    actor: 'release-bot'
  }
  const services: Record<string, string> = {
    'pypi-url': world.pypi.url,
    'pypi-upload-url': world.pypi.uploadUrl,
    'build-isolation': 'false',
    'fulcio-url': world.sigstore.fulcioUrl,
    'rekor-url': world.sigstore.rekorUrl,
    ...(world.registry
      ? { registry: world.registry.host, 'registry-username': world.registry.username, 'registry-password': REGISTRY_PASSWORD }
      : {})
  }
  const needs: Record<string, { outputs: Record<string, string>; result: string }> = {}
  const result: WorkflowRun = { ok: true, jobs: [], skipped: [], artifacts, log: '' }
  let jobCount = 0

  for (const jobName of jobOrder(wf.jobs)) {
    const job = wf.jobs[jobName]
    const base = { inputs: event.inputs ?? {}, github, secrets: event.secrets ?? {}, needs, vars: {}, env: {} }
    const depsOk = [job.needs ?? []].flat().every((d) => needs[d]?.result === 'success')
    if (!depsOk || (job.if !== undefined && !evaluate(job.if.replace(/^\s*\$\{\{([\s\S]*)\}\}\s*$/, '$1'), base))) {
      needs[jobName] = { outputs: {}, result: 'skipped' }
      result.skipped.push(jobName)
      continue
    }
    const matrix = job.strategy?.matrix === undefined ? undefined : interpolate(job.strategy.matrix, base)
    if (matrix !== undefined && (typeof matrix !== 'object' || matrix === null || Object.keys(matrix).some((k) => k !== 'include'))) {
      throw new Error(`job ${jobName}: only a matrix of include entries is modelled, got ${JSON.stringify(matrix)}`)
    }
    const instances: (Record<string, Value> | undefined)[] = matrix
      ? ((matrix as { include?: Record<string, Value>[] }).include ?? [])
      : [undefined]
    const environment = typeof job.environment === 'object' ? job.environment.name : job.environment
    const oidc = holds(job.permissions ?? wf.permissions, 'id-token')
    // the job's token may store artifact attestations only with `attestations: write` (GitHub answers 403 otherwise)
    world.github.attestationsWrite = holds(job.permissions ?? wf.permissions, 'attestations')
    let outcome = 'success'
    const outputs: Record<string, string> = {}
    for (const [index, entry] of instances.entries()) {
      const id = `${runName}-${jobCount++}-${jobName}`
      const temp = path.join(world.repos.root, 'jobs', id, 'temp')
      mkdirSync(temp, { recursive: true })
      const steps: Record<string, { outputs: Record<string, string> }> = {}
      const context = (): Record<string, Value> => ({
        ...base,
        matrix: entry ?? {},
        strategy: { 'job-index': index, 'job-total': instances.length },
        runner: { temp, os: 'Linux' },
        steps
      })
      const run: JobRun = {
        job: jobName,
        name: asString(interpolate(job.name ?? jobName, context())),
        ok: true,
        matrix: entry,
        workspace: path.join(world.repos.root, 'jobs', id, 'work'),
        env: {
          ...world.env(),
          GIT_CONFIG_GLOBAL: path.join(world.repos.home, '.gitconfig'),
          RUNNER_TEMP: temp,
          GITHUB_REF: event.githubRef,
          GITHUB_REF_NAME: refName,
          GITHUB_REF_TYPE: github.ref_type,
          GITHUB_SHA: event.githubSha,
          GITHUB_EVENT_NAME: github.event_name,
          GITHUB_JOB: jobName,
          GITHUB_RUN_ID: '4242',
          GITHUB_RUN_ATTEMPT: '1',
          ...(oidc ? runnerOidcEnv(world.pypi) : {})
        },
        outputs: {},
        steps: [],
        pyship: {},
        uses: []
      }
      mkdirSync(run.workspace, { recursive: true })
      result.jobs.push(run)
      for (const [i, step] of job.steps.entries()) {
        const ctx = context()
        const label = step.name ?? step.uses ?? (step.run ?? '').split('\n')[0]
        const withs = Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, asString(interpolate(v, ctx))]))
        const env = {
          ...run.env,
          ...Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, asString(interpolate(v, ctx))]))
        }
        if (step.uses) run.uses.push(step.uses)
        // the claims GitHub puts into this job's ID token, which a trusted publisher checks
        if (oidc)
          world.pypi.idTokenClaims = {
            repository: 'acme/dakora',
            repository_owner: 'acme',
            ref: event.githubRef,
            environment: environment ?? '',
            workflow_ref: workflowRef,
            job_workflow_ref: workflowRef
          }
        const done = await runStep(step, withs, env, {
          world,
          run,
          temp,
          artifacts,
          action,
          services,
          context: ctx,
          checkoutName: id,
          event
        })
        result.log += `\n## ${run.name} › ${label}\n${done.log}`
        run.steps.push({ label, ...done })
        if (done.action) run.pyship[step.id ?? `pyship-${i}`] = done.action
        if (step.id) steps[step.id] = { outputs: done.outputs }
        if (done.status !== 0) {
          run.ok = false
          break
        }
      }
      if (!run.ok) outcome = 'failure'
      for (const [k, v] of Object.entries(job.outputs ?? {})) {
        const value = asString(interpolate(v, context()))
        if (value) outputs[k] = value
      }
      run.outputs = { ...outputs }
    }
    needs[jobName] = { outputs, result: outcome }
    if (outcome !== 'success') result.ok = false
    await options.between?.(jobName)
  }
  return result
}

interface StepContext {
  world: World
  run: JobRun
  temp: string
  artifacts: string
  action: ReturnType<typeof readAction>
  services: Record<string, string>
  context: Record<string, Value>
  checkoutName: string
  event: WorkflowEvent
}

async function runStep(
  step: StepDef,
  withs: Record<string, string>,
  env: Record<string, string>,
  s: StepContext
): Promise<Omit<StepRun, 'label'>> {
  if (step.run !== undefined) {
    const outputFile = path.join(s.temp, `output-${s.run.steps.length}`)
    writeFileSync(outputFile, '')
    const r = spawnSync('bash', ['-e', '-c', step.run], {
      cwd: s.run.workspace,
      env: { ...env, GITHUB_OUTPUT: outputFile },
      encoding: 'utf8',
      timeout: 120_000
    })
    return { status: r.status, outputs: parseOutputFile(readFileSync(outputFile, 'utf8')), log: `${r.stdout}${r.stderr}` }
  }
  const uses = step.uses ?? ''
  const [name] = uses.split('@')
  if (name === 'actions/checkout') {
    const fetchDepth = withs['fetch-depth'] === undefined ? undefined : Number(withs['fetch-depth'])
    const job = s.world.job(s.checkoutName, { githubRef: s.event.githubRef, githubSha: s.event.githubSha, ref: withs.ref, fetchDepth })
    s.run.workspace = job.workspace
    Object.assign(s.run.env, job.env, { RUNNER_TEMP: s.temp })
    return { status: 0, outputs: {}, log: `checkout ${withs.ref || s.event.githubRef} (fetch-depth ${fetchDepth ?? 1})` }
  }
  if (name === 'docker/login-action') {
    // what docker/login-action leaves: the login in the job's docker config (DOCKER_CONFIG), Docker Hub by default
    if (!withs.username || !withs.password) return { status: 1, outputs: {}, log: 'docker/login-action: Username and password required' }
    const registry = withs.registry || 'docker.io'
    const key = registry === 'docker.io' ? 'https://index.docker.io/v1/' : registry
    const dir = s.run.env.DOCKER_CONFIG ?? path.join(s.temp, 'docker-config')
    mkdirSync(dir, { recursive: true })
    const file = path.join(dir, 'config.json')
    const config = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { auths?: Record<string, { auth: string }> }) : {}
    config.auths = { ...config.auths, [key]: { auth: Buffer.from(`${withs.username}:${withs.password}`).toString('base64') } }
    writeFileSync(file, JSON.stringify(config, null, 2), { mode: 0o600 })
    s.run.env.DOCKER_CONFIG = dir
    return { status: 0, outputs: {}, log: `Logging into ${registry}...\nLogin Succeeded!` }
  }
  if (['astral-sh/setup-uv', 'actions/setup-python', 'docker/setup-buildx-action'].includes(name))
    return { status: 0, outputs: {}, log: `${name}: the machine's tools stand in` }
  if (name === 'actions/upload-artifact') {
    const from = withs.path
    const files = existsSync(from) ? readdirSync(from) : []
    if (files.length === 0 && (withs['if-no-files-found'] ?? 'warn') === 'error')
      return { status: 1, outputs: {}, log: `upload-artifact: no files found at ${from}` }
    if (existsSync(path.join(s.artifacts, withs.name)))
      return { status: 1, outputs: {}, log: `upload-artifact: an artifact named ${withs.name} exists already (names are unique)` }
    // the artifact holds the folder's contents, not the folder
    cpSync(from, path.join(s.artifacts, withs.name), { recursive: true })
    return { status: 0, outputs: {}, log: `upload-artifact ${withs.name}: ${files.join(', ')}` }
  }
  if (name === 'actions/download-artifact') {
    const glob = withs.pattern ?? withs.name ?? '*'
    const pattern = new RegExp(
      `^${glob
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.')}$`
    )
    const into = withs.path ?? s.run.workspace
    const names = readdirSync(s.artifacts).filter((n) => pattern.test(n))
    // by name: into path; several (pattern): one folder each, named after the artifact, unless merge-multiple
    const single = Boolean(withs.name) && !withs.pattern
    for (const n of names)
      cpSync(path.join(s.artifacts, n), single || withs['merge-multiple'] === 'true' ? into : path.join(into, n), { recursive: true })
    return { status: 0, outputs: {}, log: `download-artifact: ${names.join(', ')} into ${into}` }
  }
  if (name === 'pyship/pyship' || uses === './') {
    const defaults = Object.fromEntries(
      Object.entries(s.action.inputs).map(([k, v]) => [k, asString(interpolate(v.default ?? '', s.context))])
    )
    const run = await runActionAsync({ ...defaults, ...s.services, ...withs }, { workspace: s.run.workspace, env })
    return { status: run.status, outputs: run.outputs, log: `${run.stdout}${run.stderr}`, action: run }
  }
  throw new Error(`step ${uses}: not modelled by the workflow runner`)
}
