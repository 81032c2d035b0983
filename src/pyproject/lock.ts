/**
 * uv.lock: the `[[package]]` entries of workspace members (those with a local
 * `editable`/`virtual`/`directory` source), with the position of their version line.
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import { isTable, locateValue, readToml, type TomlDocument } from './toml.js'
import { relativeFile, type PackagePaths } from './package.js'
import { normalizeName } from './requirement.js'

export interface LockEntry {
  /** PEP 503 normal form. */
  name: string
  version: string | null
  /** Index in the `package` array of tables. */
  index: number
  /** Position of the version string (or of the entry when it has none). */
  line: number
  column: number
  /** The local path of the member (`editable`, `virtual` or `directory` source). */
  sourcePath: string
}

export interface Lock {
  file: string
  /** Absolute path. */
  abs: string
  doc: TomlDocument
  /** Workspace-member entries by normalized name. */
  members: Map<string, LockEntry>
}

const LOCAL_SOURCES = ['editable', 'virtual', 'directory'] as const

/** The uv.lock of the working directory, or of the package directory `dir` (its own lock). */
export function readLock(paths: PackagePaths, dir = '.'): Lock | null {
  const abs = path.join(paths.workDir, dir, 'uv.lock')
  if (!existsSync(abs)) return null
  const doc = readToml(abs, relativeFile(paths, abs))
  const members = new Map<string, LockEntry>()
  const packages = Array.isArray(doc.value.package) ? doc.value.package : []
  packages.forEach((entry: unknown, index: number) => {
    if (!isTable(entry) || typeof entry.name !== 'string' || !isTable(entry.source)) return
    const source = entry.source
    const kind = LOCAL_SOURCES.find((k) => typeof source[k] === 'string')
    if (!kind) return
    const version = typeof entry.version === 'string' ? entry.version : null
    const at = locateValue(doc, version === null ? ['package', index] : ['package', index, 'version'])
    members.set(normalizeName(entry.name), {
      name: normalizeName(entry.name),
      version,
      index,
      line: at.line,
      column: at.column,
      sourcePath: source[kind] as string
    })
  })
  return { file: doc.file, abs, doc, members }
}
