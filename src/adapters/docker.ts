/**
 * The Docker CLI: login into a temporary DOCKER_CONFIG (removed afterwards, so no
 * credentials stay on the runner), build (buildx when present), push. Argument
 * arrays only; the password goes through --password-stdin.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import path from 'node:path'
import { PyshipError } from '../errors.js'
import { onCleanup } from '../cancel.js'
import { missingContextFiles } from './dockerfile.js'
import { exec, lastLines } from './exec.js'

export interface BuildSpec {
  context: string
  dockerfile: string
  /** Full references (`host/owner/repo/image:tag`). */
  tags: string[]
  labels: Record<string, string>
  /** Names of build args; docker reads their values from the environment (never on argv). */
  buildArgs: string[]
  target?: string
  platforms: string[]
}

/** argv of an image build (after `docker`). */
export function buildArgv(spec: BuildSpec, buildx: boolean): string[] {
  const args = buildx ? ['buildx', 'build'] : ['build']
  args.push('--file', spec.dockerfile)
  for (const t of spec.tags) args.push('--tag', t)
  for (const [k, v] of Object.entries(spec.labels)) args.push('--label', `${k}=${v}`)
  for (const name of spec.buildArgs) args.push('--build-arg', name)
  if (spec.target) args.push('--target', spec.target)
  if (buildx) {
    if (spec.platforms.length > 0) args.push('--platform', spec.platforms.join(','))
    // one platform can be loaded into the local store; several stay in the build cache until pushed
    if (spec.platforms.length <= 1) args.push('--load')
  }
  args.push(spec.context)
  return args
}


export class Docker {
  readonly configDir: string
  private buildx: boolean | null = null

  private readonly forget: () => void

  /** `tempDir`: the runner's temporary directory; the credentials directory inside it is removed on every exit. */
  constructor(tempDir: string) {
    this.configDir = mkdtempSync(path.join(tempDir, 'pyship-docker-'))
    this.forget = onCleanup(() => this.dispose())
  }

  private env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
    return { DOCKER_CONFIG: this.configDir, ...extra }
  }

  async hasBuildx(cwd: string): Promise<boolean> {
    if (this.buildx === null) this.buildx = (await exec('docker', ['buildx', 'version'], { cwd, env: this.env(), quiet: true })).status === 0
    return this.buildx
  }

  async login(registry: string, username: string, password: string, cwd: string): Promise<void> {
    const r = await exec('docker', ['login', '--username', username, '--password-stdin', registry], { cwd, env: this.env(), input: password, quiet: true })
    if (r.status !== 0) throw new PyshipError('E_REGISTRY_DENIED', `docker login to ${registry} as ${username} was refused: ${lastLines(r, 1)}`)
  }

  async build(spec: BuildSpec, cwd: string, sourceDateEpoch: number): Promise<void> {
    const buildx = await this.hasBuildx(cwd)
    // without buildx, newer clients refuse DOCKER_BUILDKIT=1; the classic builder works everywhere
    const r = await exec('docker', buildArgv(spec, buildx), {
      cwd,
      env: this.env({ SOURCE_DATE_EPOCH: String(sourceDateEpoch), ...(buildx ? {} : { DOCKER_BUILDKIT: '0' }) })
    })
    if (r.status !== 0) {
      const missing = missingContextFiles(spec.context, spec.dockerfile)
      throw new PyshipError('E_DOCKER_BUILD', `building ${spec.tags[0]} failed: ${lastLines(r)}${missing.length ? `; missing from the context: ${missing.join(', ')}` : ''}`)
    }
  }

  /** Push one reference; returns the manifest digest the registry stored. */
  async push(reference: string, cwd: string): Promise<string> {
    const r = await exec('docker', ['push', reference], { cwd, env: this.env() })
    if (r.status !== 0) {
      const denied = /denied|unauthorized|forbidden|authentication required/i.test(`${r.stdout}${r.stderr}`)
      throw new PyshipError(denied ? 'E_REGISTRY_DENIED' : 'E_DOCKER_BUILD', `docker push ${reference} failed: ${lastLines(r, 2)}`)
    }
    const digest = /digest: (sha256:[0-9a-f]{64})/.exec(r.stdout)?.[1]
    if (!digest) throw new PyshipError('E_VERIFY', `docker push ${reference} reported no digest`)
    return digest
  }

  /** Remove the temporary credentials. */
  dispose(): void {
    this.forget()
    rmSync(this.configDir, { recursive: true, force: true })
  }
}
