/**
 * maturin: a Rust extension's version is its crate's — `[package] version` in the
 * `Cargo.toml` (`[tool.maturin] manifest-path`, default beside the pyproject), or with
 * `version.workspace = true` the Cargo workspace's `[workspace.package] version`. The crate's
 * entry in `Cargo.lock` is its mirror. Both are written in SemVer spelling (`1.2.0-rc.1`),
 * which maturin reads as PEP 440 (`1.2.0rc1`).
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import { isTable, readToml, type TomlDocument } from '../toml.js'
import { locateVersion, VersionFileError, type VersionSpot } from '../version-file.js'
import { buildSystem, dynamicVersion, strings, table, toolTable, unknown, type BackendContext, type VersionBackend } from './backend.js'
import { PyshipError } from '../../errors.js'
import { expandDirGlob, GlobPatternError, GlobWalkError } from '../../config/glob.js'
import { tomlStringFinder } from './toml-string.js'

const BACKEND = 'Cargo.toml'
/**
 * A crate's manifest in `dir`. The name is joined at run time: ncc's asset relocator reads a
 * literal file name beside a computed directory as a file to ship, and would copy every
 * Cargo.toml it finds around the build into dist/.
 */
const MANIFEST = ['Cargo', 'toml'].join('.')
const manifestIn = (dir: string, ...more: string[]): string => path.join(dir, ...more, MANIFEST)

/** A path below the repository root as annotations show it. */
function shown(ctx: BackendContext, abs: string): string {
  const root = ctx.rel ? ctx.dir.slice(0, ctx.dir.length - ctx.rel.length - 1) : ctx.dir
  return path.relative(root, abs).split(path.sep).join('/')
}

/** The Cargo workspace root above a crate: its `package.workspace`, else the nearest ancestor with [workspace]. */
function workspaceRoot(ctx: BackendContext, crateAbs: string, crate: TomlDocument): { doc: TomlDocument; abs: string } | null {
  if (isTable(crate.value.workspace)) return { doc: crate, abs: crateAbs }
  const crateDir = path.dirname(crateAbs)
  const declared = table(crate.value.package).workspace
  const candidates: string[] = []
  if (typeof declared === 'string') candidates.push(manifestIn(path.resolve(crateDir, declared)))
  else
    for (let dir = path.dirname(crateDir); ; dir = path.dirname(dir)) {
      candidates.push(manifestIn(dir))
      if (existsSync(path.join(dir, '.git')) || path.dirname(dir) === dir) break
    }
  for (const abs of candidates) {
    if (!existsSync(abs)) continue
    const doc = readToml(abs, shown(ctx, abs))
    if (isTable(doc.value.workspace)) return { doc, abs }
  }
  return null
}

/**
 * The crates of a Cargo workspace that inherit its version (`version.workspace = true`): the
 * root's own package and every `[workspace] members` glob (Cargo's glob crate, as uv's) not in
 * `exclude`, by name. Their Cargo.lock entries change with the workspace version.
 */
function inheritingCrates(ctx: BackendContext, root: { doc: TomlDocument; abs: string }): string[] {
  const rootDir = path.dirname(root.abs)
  const workspace = table(root.doc.value.workspace)
  const excluded = new Set(strings(workspace.exclude).map((e) => path.posix.normalize(e).replace(/\/$/, '')))
  const dirs = new Set<string>(['.'])
  for (const pattern of strings(workspace.members)) {
    try {
      for (const dir of expandDirGlob(rootDir, pattern)) if (!excluded.has(dir)) dirs.add(dir)
    } catch (error) {
      if (!(error instanceof GlobPatternError || error instanceof GlobWalkError)) throw error
    }
  }
  const names: string[] = []
  for (const dir of dirs) {
    const abs = manifestIn(rootDir, dir)
    if (!existsSync(abs)) continue
    let manifest: TomlDocument
    try {
      manifest = readToml(abs, shown(ctx, abs))
    } catch (error) {
      if (error instanceof PyshipError) continue // Cargo reports its own manifests
      throw error
    }
    const pkg = table(manifest.value.package)
    if (typeof pkg.name === 'string' && isTable(pkg.version) && pkg.version.workspace === true) names.push(pkg.name)
  }
  return names
}

/** The crate's entry in Cargo.lock (a path crate: no `source` line), as a mirror of its version. */
function lockEntry(ctx: BackendContext, lockDir: string, crate: string): VersionSpot | undefined {
  const abs = path.join(lockDir, 'Cargo.lock')
  if (!existsSync(abs)) return undefined
  const name = crate.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const regex = new RegExp(
    `^\\[\\[package\\]\\]\\r?\\nname = "${name}"\\r?\\nversion = "(?<version>[^"\\r\\n]+)"(?!\\r?\\nsource = )`,
    'dm'
  )
  const find = (text: string): { start: number; end: number; version: string } | null => {
    const m = regex.exec(text)
    const at = m?.indices?.groups?.version
    return m?.groups && at ? { start: at[0], end: at[1], version: m.groups.version } : null
  }
  try {
    return { ...locateVersion(abs, shown(ctx, abs), find), spelling: 'semver' }
  } catch (error) {
    if (error instanceof VersionFileError) return undefined
    throw error
  }
}

export const maturin: VersionBackend = {
  name: 'maturin',
  claims: (ctx) => dynamicVersion(ctx.doc) && buildSystem(ctx.doc).backend.startsWith('maturin'),
  read(ctx) {
    const manifest = toolTable(ctx, 'maturin')['manifest-path']
    const abs = typeof manifest === 'string' ? path.resolve(ctx.dir, manifest) : manifestIn(ctx.dir)
    const file = shown(ctx, abs)
    if (!existsSync(abs)) return unknown(BACKEND, `maturin reads the version from ${file}, which does not exist`)
    const crate = readToml(abs, file)
    const pkg = table(crate.value.package)
    if (typeof pkg.name !== 'string') return unknown(BACKEND, `${file} has no [package] name (maturin reads the crate's version)`)
    const root = workspaceRoot(ctx, abs, crate)
    let carrier = { doc: crate, abs }
    let at = ['package', 'version']
    if (isTable(pkg.version) && pkg.version.workspace === true) {
      if (!root) return unknown(BACKEND, `${file} inherits version.workspace = true but no Cargo workspace is above it`)
      if (typeof table(table(root.doc.value.workspace).package).version !== 'string')
        return unknown(BACKEND, `${file} inherits version.workspace = true but ${root.doc.file} has no [workspace.package] version`)
      carrier = root
      at = ['workspace', 'package', 'version']
    } else if (typeof pkg.version !== 'string') {
      return unknown(BACKEND, `${file} has no [package] version`)
    }
    let spot: VersionSpot
    try {
      spot = { ...locateVersion(carrier.abs, carrier.doc.file, tomlStringFinder(carrier.doc.file, at)), spelling: 'semver' }
    } catch (error) {
      if (!(error instanceof VersionFileError)) throw error
      return unknown(BACKEND, `${carrier.doc.file}: ${at.join('.')} is not a plain string pyship can edit`)
    }
    // Cargo.lock sits beside the workspace root's manifest (the crate's own when it is no workspace member)
    // the crate's own entry, then (for a workspace version) every other crate that inherits it
    const lockDir = path.dirname((root ?? carrier).abs)
    const crates = [pkg.name, ...(carrier === root ? inheritingCrates(ctx, root).filter((n) => n !== pkg.name) : [])]
    const mirrors = crates.flatMap((crate, i) => {
      const entry = lockEntry(ctx, lockDir, crate)
      return entry ? [i === 0 ? entry : { ...entry, label: `crate ${crate}` }] : []
    })
    return { kind: 'file', backend: BACKEND, spot, tally: 'Cargo.toml', ...(mirrors.length ? { mirrors } : {}) }
  }
}
