/**
 * Fanning out on the runners (SPEC §9), pure: the `strategy.matrix` that `plan` writes
 * (one entry per package to build, one per image and platform) and the validation of
 * the one entry a `build` job receives — hostile input until proven otherwise.
 */
import { PyshipError } from '../errors.js'
import { COMPONENT_PATTERN } from '../inputs.js'
import type { ImagePlan, PackagePlan, ReleasePlan, TargetPlan } from './plan.js'
import { ALL } from './train.js'

/** The platform an image without `platforms` is built for. */
export const DEFAULT_PLATFORM = 'linux/amd64'

export interface PackageEntry {
  kind: 'package'
  /** A short job title, e.g. `package dakora 2.0.0`. */
  name: string
  component: string
  version: string
  target: string
  /** The package directory, relative to the working directory. */
  package: string
  /** A GitHub-hosted runner label for `runs-on` (any runner builds a package). */
  runner: string
}

export interface ImageEntry {
  kind: 'image'
  name: string
  component: string
  version: string
  target: string
  image: string
  /** `os/arch[/variant]`, e.g. `linux/arm64`. */
  platform: string
  /** A native runner for the platform: `ubuntu-24.04-arm` for arm64, else `ubuntu-latest`. */
  runner: string
}

export type MatrixEntry = PackageEntry | ImageEntry

export const platformsOf = (image: ImagePlan): string[] => (image.platforms.length > 0 ? image.platforms : [DEFAULT_PLATFORM])

/** A native GitHub-hosted runner for a platform (no emulation). */
export function runnerFor(platform: string): string {
  return /^linux\/arm64/.test(platform) ? 'ubuntu-24.04-arm' : 'ubuntu-latest'
}

/** `{ include: [...] }`, usable verbatim as `matrix: ${{ fromJSON(needs.plan.outputs.matrix) }}`. */
export function matrixFor(plan: ReleasePlan): { include: MatrixEntry[] } {
  const include: MatrixEntry[] = []
  const seen = new Set<string>()
  // each entry names its own group, version and target: a build job plans that group alone
  for (const t of plan.targets) {
    for (const p of t.packages) {
      if (seen.has(p.dir)) continue
      seen.add(p.dir)
      include.push({
        kind: 'package',
        name: `package ${p.name} ${p.version}`,
        component: plan.component === ALL ? p.group : plan.component,
        version: p.version,
        target: p.targetName,
        package: p.dir,
        runner: 'ubuntu-latest'
      })
    }
    for (const i of t.images) {
      for (const platform of platformsOf(i)) {
        include.push({
          kind: 'image',
          name: `image ${i.name} ${platform}`,
          component: plan.component === ALL ? i.group : plan.component,
          version: i.version,
          target: i.targetName,
          image: i.name,
          platform,
          runner: runnerFor(platform)
        })
      }
    }
  }
  return { include }
}

const PLATFORM = /^[a-z0-9]+\/[a-z0-9_]+(\/[a-z0-9]+)?$/
const PACKAGE_DIR = /^(?!\/)(?!.*(^|\/)\.\.?(\/|$))[A-Za-z0-9._/-]{1,200}$/
const VERSION = /^[A-Za-z0-9.!+_-]{1,64}$/
const IMAGE = /^[a-z0-9][a-z0-9._-]{0,127}$/
const FIELDS: Record<MatrixEntry['kind'], readonly string[]> = {
  package: ['kind', 'name', 'component', 'version', 'target', 'package', 'runner'],
  image: ['kind', 'name', 'component', 'version', 'target', 'image', 'platform', 'runner']
}

function entryError(message: string): PyshipError {
  return new PyshipError('E_INPUT', `input matrix-entry ${message}`, {
    hint: 'Pass one entry of the matrix output of `command: plan` unchanged: `matrix-entry: ${{ toJSON(matrix) }}` in a job with `strategy: { matrix: ${{ fromJSON(needs.plan.outputs.matrix) }} }`.'
  })
}

/** Validate the raw `matrix-entry` input: JSON of one entry, every field checked, own keys only. */
export function parseMatrixEntry(raw: string): MatrixEntry {
  if (raw.trim() === '') throw entryError('is empty: command build needs one entry of the matrix output of command plan')
  let value: unknown
  try {
    value = JSON.parse(raw)
  } catch {
    throw entryError('is not valid JSON')
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw entryError('must be a JSON object (one entry of the matrix, not the whole matrix)')
  const obj = value as Record<string, unknown>
  const own = (key: string): unknown => (Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined)
  const kind = own('kind')
  if (kind !== 'package' && kind !== 'image') throw entryError(`has kind ${JSON.stringify(kind)}; expected "package" or "image"`)
  const unknown = Object.keys(obj).filter((k) => !FIELDS[kind].includes(k))
  if (unknown.length > 0)
    throw entryError(
      `has unknown fields ${unknown.map((k) => JSON.stringify(k)).join(', ')}; a ${kind} entry has ${FIELDS[kind].join(', ')}`
    )
  const text = (key: string, pattern: RegExp, what: string): string => {
    const v = own(key)
    if (typeof v !== 'string' || !pattern.test(v))
      throw entryError(`field ${key} = ${JSON.stringify(v)?.slice(0, 80)} is not allowed: ${what}`)
    return v
  }
  const name = text('name', /^[^\p{Cc}]{0,200}$/u, 'a short title')
  const runner = text('runner', /^[A-Za-z0-9._-]{0,100}$/, 'a runner label')
  const component = text('component', COMPONENT_PATTERN, 'a target or group name')
  const version = text('version', VERSION, 'a PEP 440 version')
  const target = text('target', COMPONENT_PATTERN, 'a target name')
  if (kind === 'package')
    return {
      kind,
      name,
      component,
      version,
      target,
      package: text('package', PACKAGE_DIR, 'a package directory relative to the working directory'),
      runner
    }
  return {
    kind,
    name,
    component,
    version,
    target,
    image: text('image', IMAGE, 'an image name'),
    platform: text('platform', PLATFORM, 'os/arch such as linux/arm64'),
    runner
  }
}

/** What an entry names in the plan, or an E_INPUT naming what the plan lacks. */
export function resolveEntry(plan: ReleasePlan, entry: MatrixEntry): { target: TargetPlan; package?: PackagePlan; image?: ImagePlan } {
  const target = plan.targets.find((t) => t.name === entry.target)
  if (!target)
    throw entryError(
      `names target ${entry.target}, which the release of ${plan.component} does not have (${plan.targets.map((t) => t.name).join(', ')})`
    )
  if (entry.kind === 'package') {
    const pkg = target.packages.find((p) => p.dir === entry.package)
    if (!pkg) throw entryError(`names package ${entry.package}, which target ${target.name} does not publish`)
    return { target, package: pkg }
  }
  const image = target.images.find((i) => i.name === entry.image)
  if (!image) throw entryError(`names image ${entry.image}, which target ${target.name} does not build`)
  if (!platformsOf(image).includes(entry.platform))
    throw entryError(`names platform ${entry.platform}, which image ${image.name} is not built for (${platformsOf(image).join(', ')})`)
  return { target, image }
}
