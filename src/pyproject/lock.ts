/**
 * uv.lock: the `[[package]]` entries of workspace members (those with a local
 * `editable`/`virtual`/`directory` source), with the position of their version line.
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import { isTable, locateValue, parseToml, readToml, type TomlDocument } from './toml.js'
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
  /** The whole document, parsed on first use (only `bump` needs it). */
  readonly doc: TomlDocument
  /** Workspace-member entries by normalized name. */
  members: Map<string, LockEntry>
}

const LOCAL_SOURCES = ['editable', 'virtual', 'directory'] as const
const LOCAL_SOURCE_LINE = /^source\s*=\s*\{\s*(?:editable|virtual|directory)\s*=/m

/**
 * The text of the lock with every `[[package]]` entry whose source is not local (registry,
 * git, url: nearly all of a real lock) blanked to its newlines, so that only members are parsed
 * while every line number stays the same. Returns the text and, for each entry kept, its
 * index in the full `package` array.
 */
function membersOnly(text: string): { text: string; indices: number[] } {
  const lines = text.split('\n')
  const out: string[] = []
  const indices: number[] = []
  let index = -1
  let block: string[] = []
  let inPackage = false
  const flush = (): void => {
    const text = block.join('\n')
    // an entry without a source line is not what uv writes: parse it, so errors show
    if (inPackage && (LOCAL_SOURCE_LINE.test(text) || !/^source\s*=/m.test(text))) {
      out.push(...block)
      indices.push(index)
    } else if (inPackage) out.push(...block.map(() => ''))
    else out.push(...block)
    block = []
  }
  for (const line of lines) {
    const header = /^\s*\[/.test(line)
    if (header && /^\s*\[\[\s*package\s*\]\]/.test(line)) {
      flush()
      inPackage = true
      index++
    } else if (header && !/^\s*\[\[?\s*package\./.test(line)) {
      flush()
      inPackage = false
    }
    block.push(line)
  }
  flush()
  return { text: out.join('\n'), indices }
}

/** The uv.lock of the working directory, or of the package directory `dir` (its own lock). */
export function readLock(paths: PackagePaths, dir = '.'): Lock | null {
  const abs = path.join(paths.workDir, dir, 'uv.lock')
  if (!existsSync(abs)) return null
  const file = relativeFile(paths, abs)
  // validates the file (UTF-8, a regular file) and gives its text; only members are parsed
  const whole = readToml(abs, file, { parse: false })
  const partial = membersOnly(whole.text)
  const doc = parseToml(partial.text, file)
  const members = new Map<string, LockEntry>()
  let full: TomlDocument | null = null
  const packages = Array.isArray(doc.value.package) ? doc.value.package : []
  packages.forEach((entry: unknown, index: number) => {
    if (!isTable(entry) || typeof entry.name !== 'string' || !isTable(entry.source)) return
    const source = entry.source
    const kind = LOCAL_SOURCES.find((k) => typeof source[k] === 'string')
    if (!kind) return
    const version = typeof entry.version === 'string' ? entry.version : null
    // the position is looked up when first read (a drift reported, an edit)
    let at: { line: number; column: number } | null = null
    // (from the whole document when `bump` has read it: its positions serve the edits too)
    const position = (): { line: number; column: number } =>
      (at ??= locateValue(full ?? doc, [...['package', full ? partial.indices[index] : index], ...(version === null ? [] : ['version'])]))
    members.set(normalizeName(entry.name), {
      name: normalizeName(entry.name),
      version,
      index: partial.indices[index],
      get line() {
        return position().line
      },
      get column() {
        return position().column
      },
      sourcePath: source[kind] as string
    })
  })
  return {
    file,
    abs,
    get doc(): TomlDocument {
      full ??= parseToml((whole.bom ? '\ufeff' : '') + whole.text, file)
      return full
    },
    members
  }
}
