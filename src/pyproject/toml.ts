/**
 * TOML documents with positions. Values come from smol-toml (fast, little memory);
 * positions from toml-eslint-parser, whose full syntax tree has line/column and
 * offsets for every key and value — what annotations on the exact line and
 * byte-exact edits both need. That tree is built lazily, per file, the first time a
 * position of the file is asked for (`nodes`, `locate`, `locateValue`, `valueNode`),
 * so a run that reports nothing about a file never pays for it. Syntax errors are
 * always reported by toml-eslint-parser (its exact line/column).
 */
import { readFileSync, statSync } from 'node:fs'
import { parse as parseValues } from 'smol-toml'
import { parseTOML, getStaticTOMLValue, type AST } from 'toml-eslint-parser'
import { PyshipError } from '../errors.js'

export type TomlPath = (string | number)[]

/**
 * What is kept of a syntax-tree node: its position and, for a string, what a byte-exact
 * edit needs. The tree itself is dropped once indexed (it is many times the file's size).
 */
export interface TomlNode {
  type: AST.TOMLNode['type']
  /** 1-based line, 0-based column (as the parser gives them). */
  loc: { start: { line: number; column: number } }
  /** Offsets in the text (without BOM). */
  range: [number, number]
  /** Values (`TOMLValue`): string, integer, float, boolean, datetime… */
  kind?: string
  /** Strings: the value, and how it is quoted. */
  value?: string
  multiline?: boolean
  style?: 'basic' | 'literal'
}

export interface TomlNodeInfo {
  /** 1-based line of the key (key/values) or of the element (array items). */
  line: number
  /** 1-based column. */
  column: number
  /** The value (string, array, table…) of a key/value, the element itself for array items, the table for headers. */
  node: TomlNode
}

export interface TomlDocument {
  /** Path relative to the repository root, for messages and annotations. */
  file: string
  /** The text without a leading byte-order mark. */
  text: string
  /** Whether the file started with a UTF-8 byte-order mark. */
  bom: boolean
  value: Record<string, unknown>
  /** Every key, table header and array element by its path (parsed on first use). */
  readonly nodes: Map<string, TomlNodeInfo>
}

export const pathKey = (path: TomlPath): string => path.join('\u0000')

// ignoreBOM keeps a leading BOM in the text, so parseToml can record it and bump keep it
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

/**
 * Read and parse a TOML file; every failure is E_CONFIG naming the file (and line/column).
 * With `parse: false` the file is only read and decoded (`value` is empty, `nodes` too).
 */
export function readToml(absPath: string, file: string, options: { parse?: boolean } = {}): TomlDocument {
  let bytes: Buffer
  try {
    const stat = statSync(absPath)
    if (!stat.isFile()) throw new PyshipError('E_CONFIG', `${file} is not a regular file`, { location: { file } })
    bytes = readFileSync(absPath)
  } catch (error) {
    if (error instanceof PyshipError) throw error
    throw new PyshipError('E_CONFIG', `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, {
      location: { file }
    })
  }
  let text: string
  try {
    text = utf8.decode(bytes)
  } catch {
    throw new PyshipError('E_CONFIG', `${file} is not valid UTF-8`, {
      location: { file },
      hint: 'TOML files must be UTF-8: re-save the file as UTF-8.'
    })
  }
  if (options.parse === false) {
    const bom = text.charCodeAt(0) === 0xfeff
    return { file, text: bom ? text.slice(1) : text, bom, value: {}, nodes: new Map() }
  }
  return parseToml(text, file)
}

/**
 * The parser notices a table header missing its `]` only on the next line (where a
 * key is read as part of the header); tomllib, and the user, point at the header.
 * When the error is at the start of a line and the nearest non-blank line above is an
 * unterminated `[header`, report that header's line, after its last character.
 */
export function unterminatedHeader(text: string, line: number, column: number): { line: number; column: number; message: string } | null {
  if (column !== 1) return null
  const lines = text.split(/\r?\n/)
  for (let i = Math.min(line, lines.length) - 2; i >= 0; i--) {
    const content = lines[i].replace(/\s+#.*$/, '').trimEnd()
    if (content.trim() === '') continue
    if (!/^\s*\[/.test(content) || /\]\s*$/.test(content)) return null
    const double = /^\s*\[\[/.test(content)
    return { line: i + 1, column: content.length + 1, message: `Expected '${double ? ']]' : ']'}' at the end of the table header ${content.trim()}` }
  }
  return null
}

export function parseToml(source: string, file: string): TomlDocument {
  const bom = source.charCodeAt(0) === 0xfeff
  const text = bom ? source.slice(1) : source
  let value: Record<string, unknown>
  try {
    value = parseValues(text) as Record<string, unknown>
  } catch {
    // the position-keeping parser reports the error (exact line/column); should it
    // accept what smol-toml refused (integers beyond 2^53), its reading is used
    const ast = parsePositions(text, file)
    return documentOf(file, text, bom, getStaticTOMLValue(ast) as Record<string, unknown>, indexNodes(ast))
  }
  return documentOf(file, text, bom, value, null)
}

function documentOf(file: string, text: string, bom: boolean, value: Record<string, unknown>, known: Map<string, TomlNodeInfo> | null): TomlDocument {
  let nodes = known
  return {
    file,
    text,
    bom,
    value,
    get nodes(): Map<string, TomlNodeInfo> {
      nodes ??= indexPositions(text, file)
      return nodes
    }
  }
}

/** From this size on, a document of `[[name]]` blocks is indexed block by block. */
const BLOCKS_FROM = 256 * 1024
const BLOCK_HEADER = /^\[\[[ \t]*([A-Za-z0-9_-]+)[ \t]*\]\][ \t]*(?:#.*)?\r?$/gm

/**
 * Every position of a document. A large one made of top-level `[[name]]` blocks (a
 * uv.lock) is parsed one block at a time, so the syntax tree of the whole file (tens
 * of times its size) is never in memory at once; positions are shifted and each block's
 * `name.0` renumbered to its index. A header inside a multi-line string leaves a block
 * that does not parse: then the whole document is parsed at once.
 */
export function indexPositions(text: string, file: string, blocksFrom = BLOCKS_FROM): Map<string, TomlNodeInfo> {
  const whole = (): Map<string, TomlNodeInfo> => indexNodes(parsePositions(text, file))
  if (text.length < blocksFrom) return whole()
  const starts: { at: number; name: string }[] = [{ at: 0, name: '' }]
  for (const m of text.matchAll(BLOCK_HEADER)) if (m.index > 0) starts.push({ at: m.index, name: m[1] })
  if (starts.length < 3) return whole()
  const nodes = new Map<string, TomlNodeInfo>()
  const counts = new Map<string, number>()
  let line = 0
  let from = 0
  try {
    for (let b = 0; b < starts.length; b++) {
      const { at, name } = starts[b]
      const end = b + 1 < starts.length ? starts[b + 1].at : text.length
      for (let i = from; i < at; i++) if (text.charCodeAt(i) === 10) line++
      from = at
      const index = counts.get(name) ?? 0
      if (name) counts.set(name, index + 1)
      const prefix = `${name}\u00000`
      for (const [key, found] of indexNodes(parseTOML(text.slice(at, end)))) {
        const renumbered = name && (key === prefix || key.startsWith(`${prefix}\u0000`)) ? `${name}\u0000${index}${key.slice(prefix.length)}` : key
        if (nodes.has(renumbered)) continue
        const node = found.node
        node.loc.start.line += line
        node.range = [node.range[0] + at, node.range[1] + at]
        nodes.set(renumbered, { ...found, line: found.line + line })
      }
    }
  } catch {
    return whole()
  }
  return nodes
}

/** The syntax tree with positions; a syntax error is E_CONFIG at its line and column. */
function parsePositions(text: string, file: string): AST.TOMLProgram {
  try {
    return parseTOML(text)
  } catch (error) {
    const e = error as { message: string; lineNumber?: number; column?: number }
    let line = e.lineNumber ?? 1
    let column = (e.column ?? 0) + 1
    let message = e.message
    const header = unterminatedHeader(text, line, column)
    if (header) ({ line, column, message } = header)
    throw new PyshipError('E_CONFIG', `${file}:${line}:${column}: TOML syntax error: ${message}`, {
      location: { file, line, column },
      hint: 'Fix the TOML syntax at the line and column shown (the file must parse as TOML 1.0).'
    })
  }
}

function slim(node: AST.TOMLNode): TomlNode {
  const kept: TomlNode = { type: node.type, loc: { start: { line: node.loc.start.line, column: node.loc.start.column } }, range: [node.range[0], node.range[1]] }
  if (node.type === 'TOMLValue') {
    kept.kind = node.kind
    if (node.kind === 'string') Object.assign(kept, { value: node.value, multiline: node.multiline, style: node.style })
  }
  return kept
}

function info(node: AST.TOMLNode): TomlNodeInfo {
  return { line: node.loc.start.line, column: node.loc.start.column + 1, node: slim(node.type === 'TOMLKeyValue' ? node.value : node) }
}

function keyNames(key: AST.TOMLKey): string[] {
  return key.keys.map((k) => (k.type === 'TOMLBare' ? k.name : k.value))
}

function indexNodes(ast: AST.TOMLProgram): Map<string, TomlNodeInfo> {
  const nodes = new Map<string, TomlNodeInfo>()
  const visitValue = (path: TomlPath, node: AST.TOMLContentNode): void => {
    if (node.type === 'TOMLArray') {
      node.elements.forEach((element, index) => {
        const elementPath = [...path, index]
        nodes.set(pathKey(elementPath), info(element))
        visitValue(elementPath, element)
      })
    } else if (node.type === 'TOMLInlineTable') {
      for (const kv of node.body) visitKeyValue(path, kv)
    }
  }
  const visitKeyValue = (prefix: TomlPath, kv: AST.TOMLKeyValue): void => {
    const names = keyNames(kv.key)
    // dotted keys define the intermediate tables where they are written
    for (let i = 1; i < names.length; i++) {
      const k = pathKey([...prefix, ...names.slice(0, i)])
      if (!nodes.has(k)) nodes.set(k, info(kv))
    }
    const path = [...prefix, ...names]
    nodes.set(pathKey(path), info(kv))
    visitValue(path, kv.value)
  }
  for (const item of ast.body[0].body) {
    if (item.type === 'TOMLKeyValue') {
      visitKeyValue([], item)
    } else {
      const path = item.resolvedKey
      for (let i = 1; i <= path.length; i++) {
        const k = pathKey(path.slice(0, i))
        if (!nodes.has(k)) nodes.set(k, info(item))
      }
      for (const kv of item.body) visitKeyValue(path, kv)
    }
  }
  return nodes
}

/** The position of a path, falling back to its nearest ancestor that has one. */
export function locate(doc: TomlDocument, path: TomlPath): { file: string; line: number; column: number } {
  for (let n = path.length; n > 0; n--) {
    const found = doc.nodes.get(pathKey(path.slice(0, n)))
    if (found) return { file: doc.file, line: found.line, column: found.column }
  }
  return { file: doc.file, line: 1, column: 1 }
}

/** The value node (string, number, array…) of a key/value or an array element. */
export function valueNode(doc: TomlDocument, path: TomlPath): TomlNode | undefined {
  return doc.nodes.get(pathKey(path))?.node
}

/** Position of the value itself (for strings, the opening quote). */
export function locateValue(doc: TomlDocument, path: TomlPath): { file: string; line: number; column: number } {
  const node = valueNode(doc, path)
  if (!node) return locate(doc, path)
  return { file: doc.file, line: node.loc.start.line, column: node.loc.start.column + 1 }
}

export function isTable(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date)
}
