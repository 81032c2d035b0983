/**
 * The Docker CLI: login into a temporary DOCKER_CONFIG (removed afterwards, so no
 * credentials stay on the runner), build (buildx when present), push. Argument
 * arrays only; the password goes through --password-stdin.
 */
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { PyshipError } from '../errors.js'
import { onCleanup } from '../cancel.js'
import { missingContextFiles } from './dockerfile.js'
import { exec, lastLines } from './exec.js'
import type { BlobSource } from './registry.js'
import { TarFile, type TarEntry } from './tar.js'

/** A `docker save` of one image: its config (small, in memory) and its layers, streamed from the tar on disk until `dispose()`. */
export interface SavedImage {
  config: Buffer
  layers: BlobSource[]
  /** Remove the tar. */
  dispose(): void
}

export interface BuildSpec {
  context: string
  dockerfile: string
  /** Full references (`host/owner/repo/image:tag`). */
  tags: string[]
  labels: Record<string, string>
  /** OCI annotations: buildx puts them on each manifest it pushes by digest, and on its index (several platforms). */
  annotations?: Record<string, string>
  /** Names of build args; docker reads their values from the environment (never on argv). */
  buildArgs: string[]
  target?: string
  platforms: string[]
  /**
   * buildx only: push by digest, no tag (`--output type=image,name=…,push-by-digest=true,…`),
   * the digest written to `metadataFile` (`containerimage.digest`).
   */
  pushByDigest?: { name: string; metadataFile: string }
}

/**
 * buildx's `--annotation` arguments: on each image manifest, and on the index when buildx
 * makes one (several platforms: BuildKit refuses `index:` for a single-platform export).
 */
export function annotationArgs(annotations: Record<string, string>, index: boolean): string[] {
  const args: string[] = []
  for (const level of index ? ['index', 'manifest'] : ['manifest'])
    for (const [k, v] of Object.entries(annotations)) args.push('--annotation', `${level}:${k}=${v}`)
  return args
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
    if (spec.pushByDigest) {
      // no provenance attestation: a per-platform digest must be an image manifest, ready to join an index
      args.push(
        '--provenance=false',
        '--output',
        `type=image,name=${spec.pushByDigest.name},push-by-digest=true,name-canonical=true,push=true`,
        '--metadata-file',
        spec.pushByDigest.metadataFile,
        ...annotationArgs(spec.annotations ?? {}, spec.platforms.length > 1)
      )
    } else if (spec.platforms.length <= 1) {
      // one platform can be loaded into the local store
      args.push('--load')
    }
  } else if (spec.platforms.length === 1) {
    // the classic builder builds one platform (FROM scratch and native images need no emulation);
    // its cache does not tell platforms apart (a FROM scratch step of amd64 would serve arm64)
    args.push('--platform', spec.platforms[0], '--no-cache')
  }
  args.push(spec.context)
  return args
}

export class Docker {
  private dir: string | null = null
  private buildx: boolean | null = null
  private saves = 0

  private forget: () => void = () => undefined

  /**
   * `tempDir`: the runner's temporary directory. Making a Docker changes nothing on disk (preflight
   * asks the daemon's version before anything is built): the credentials directory is made at first use.
   */
  constructor(private readonly tempDir: string) {}

  /** pyship's own DOCKER_CONFIG (credentials, build metadata, saved images), made at first use and removed on every exit. */
  get configDir(): string {
    if (this.dir === null) {
      this.dir = mkdtempSync(path.join(this.tempDir, 'pyship-docker-'))
      this.forget = onCleanup(() => this.dispose())
    }
    return this.dir
  }

  private env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
    return { DOCKER_CONFIG: this.configDir, ...extra }
  }

  /**
   * The daemon's version (`docker version`), asked before anything is built: E_DOCKER_BUILD when the
   * CLI is missing or its daemon does not answer. Needs no credentials (pyship's config is not made).
   */
  async serverVersion(cwd: string): Promise<string> {
    const r = await exec('docker', ['version', '--format', '{{.Server.Version}}'], { cwd, quiet: true })
    if (r.status !== 0)
      throw new PyshipError('E_DOCKER_BUILD', `docker is not usable here: ${lastLines(r, 2)}`, {
        hint: 'Images are built with the Docker CLI and a running daemon (ubuntu-latest runners have both).'
      })
    return r.stdout.trim()
  }

  async hasBuildx(cwd: string): Promise<boolean> {
    if (this.buildx === null)
      this.buildx = (await exec('docker', ['buildx', 'version'], { cwd, env: this.env(), quiet: true })).status === 0
    return this.buildx
  }

  async login(registry: string, username: string, password: string, cwd: string): Promise<void> {
    const r = await exec('docker', ['login', '--username', username, '--password-stdin', registry], {
      cwd,
      env: this.env(),
      input: password,
      quiet: true
    })
    if (r.status !== 0)
      throw new PyshipError('E_REGISTRY_DENIED', `docker login to ${registry} as ${username} was refused: ${lastLines(r, 1)}`)
  }

  /**
   * A login the runner already made (its docker config), copied into pyship's temporary
   * config so `docker push` to that host works there too; `key` as `docker login` files
   * it (`https://index.docker.io/v1/` for Docker Hub). Never on argv, never logged.
   */
  addAuth(key: string, username: string, password: string): void {
    const file = path.join(this.configDir, 'config.json')
    let doc: { auths?: Record<string, unknown> } = {}
    try {
      doc = JSON.parse(readFileSync(file, 'utf8')) as typeof doc
    } catch {
      doc = {}
    }
    doc.auths = { ...doc.auths, [key]: { auth: Buffer.from(`${username}:${password}`).toString('base64') } }
    writeFileSync(file, JSON.stringify(doc, null, 2), { mode: 0o600 })
    chmodSync(file, 0o600)
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
      throw new PyshipError(
        'E_DOCKER_BUILD',
        `building ${spec.tags[0]} failed: ${lastLines(r)}${missing.length ? `; missing from the context: ${missing.join(', ')}` : ''}`
      )
    }
  }

  /**
   * buildx: build and push by digest only (spec.pushByDigest); returns the digest buildx
   * pushed (an image manifest for one platform, an index for several).
   */
  async buildByDigest(spec: BuildSpec, cwd: string, sourceDateEpoch: number): Promise<string> {
    await this.build(spec, cwd, sourceDateEpoch)
    const file = spec.pushByDigest?.metadataFile as string
    const digest = (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>)['containerimage.digest']
    if (typeof digest !== 'string' || !/^sha256:[0-9a-f]{64}$/.test(digest))
      throw new PyshipError('E_DOCKER_BUILD', `buildx reported no digest for ${spec.pushByDigest?.name} in ${file}`)
    return digest
  }

  /**
   * `docker save` of a local image into a tar in the credentials directory (removed with
   * it), read entry by entry: its config and layers (uncompressed), as the registry client
   * pushes them. The layers stay on disk, streamed when pushed; `dispose()` removes the tar.
   */
  async save(reference: string, cwd: string): Promise<SavedImage> {
    const file = path.join(this.configDir, `image-${++this.saves}.tar`)
    const dispose = (): void => rmSync(file, { force: true })
    try {
      const r = await exec('docker', ['save', '--output', file, reference], { cwd, env: this.env() })
      if (r.status !== 0) throw new PyshipError('E_DOCKER_BUILD', `docker save ${reference} failed: ${lastLines(r, 2)}`)
      let tar: TarFile
      try {
        tar = new TarFile(file)
      } catch (error) {
        throw new PyshipError(
          'E_DOCKER_BUILD',
          `docker save ${reference} wrote a file pyship cannot read as a tar: ${(error as Error).message}`
        )
      }
      const get = (name: unknown): TarEntry => {
        const entry = typeof name === 'string' ? tar.entry(name) : null
        if (!entry) throw new PyshipError('E_DOCKER_BUILD', `docker save ${reference} wrote no ${String(name)}`)
        return entry
      }
      const manifest = (JSON.parse(tar.read(get('manifest.json')).toString('utf8')) as { Config?: unknown; Layers?: unknown }[])[0]
      if (!manifest || !Array.isArray(manifest.Layers))
        throw new PyshipError('E_DOCKER_BUILD', `docker save ${reference} wrote a manifest.json without layers`)
      const layers = manifest.Layers.map((name): BlobSource => {
        const entry = get(name)
        return { size: entry.size, open: () => tar.stream(entry) }
      })
      return { config: tar.read(get(manifest.Config)), layers, dispose }
    } catch (error) {
      dispose()
      throw error
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
    if (this.dir !== null) rmSync(this.dir, { recursive: true, force: true })
  }
}
