/**
 * uv.lock: the `[[package]]` entries with a local `editable`/`virtual`/`directory` source
 * (workspace members, and in a package's own lock its path-sourced siblings), with the
 * position of their version line and their `[package.metadata]` requirements.
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import { isTable, locate, locateValue, parseToml, readToml, type TomlDocument } from './toml.js'
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
  /** Its `[package.metadata]` requirements (`requires-dist`, `requires-dev`), in file order. */
  requires: LockRequirement[]
}

/** One `{ name, specifier }` of a member's `requires-dist` or `requires-dev.<group>`. */
export interface LockRequirement {
  /** PEP 503 normal form. */
  name: string
  /** The name as the lock writes it. */
  written: string
  /** As written; null when the item has none (a path or workspace source). */
  specifier: string | null
  /** `requires-dist`, or `requires-dev.<group>` (the group as written). */
  section: string
  /** Path of the item in the whole document. */
  path: (string | number)[]
  /** Line of the item. */
  line: number
}

export interface Lock {
  file: string
  /** Absolute path. */
  abs: string
  /** Its directory relative to the working directory (`.` for the working directory's own). */
  dir: string
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

/** A member's `requires-dist` and `requires-dev` items; lines looked up when first read. */
function requirementsOf(metadata: unknown, index: number, lineOf: (at: (string | number)[]) => number): LockRequirement[] {
  if (!isTable(metadata)) return []
  const lists: [unknown, (string | number)[], string][] = [[metadata['requires-dist'], ['requires-dist'], 'requires-dist']]
  if (isTable(metadata['requires-dev'])) {
    for (const [g, list] of Object.entries(metadata['requires-dev'])) lists.push([list, ['requires-dev', g], `requires-dev.${g}`])
  }
  const found: LockRequirement[] = []
  for (const [list, at, section] of lists) {
    if (!Array.isArray(list)) continue
    list.forEach((item: unknown, i) => {
      if (!isTable(item) || typeof item.name !== 'string') return
      let line: number | null = null
      found.push({
        name: normalizeName(item.name),
        written: item.name,
        specifier: typeof item.specifier === 'string' ? item.specifier : null,
        section,
        path: ['package', index, 'metadata', ...at, i],
        get line() {
          return (line ??= lineOf([...at, i]))
        }
      })
    })
  }
  return found
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
    const requires = requirementsOf(entry.metadata, partial.indices[index], (at) => locate(doc, ['package', index, 'metadata', ...at]).line)
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
      sourcePath: source[kind] as string,
      requires
    })
  })
  return {
    file,
    abs,
    dir,
    get doc(): TomlDocument {
      full ??= parseToml((whole.bom ? '\ufeff' : '') + whole.text, file)
      return full
    },
    members
  }
}
