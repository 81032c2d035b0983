/**
 * TOML documents with positions. Values come from smol-toml (fast, little memory,
 * TOML 1.0), which also reports syntax errors at their line and column. Positions —
 * what annotations on the exact line and byte-exact edits both need — come from a
 * one-pass scanner (`toml-positions.ts`) run per file the first time a position of
 * the file is asked for (`nodes`, `locate`, `locateValue`, `valueNode`), so a run
 * that reports nothing about a file never pays for it.
 *
 * The parser reads TOML 1.1; pip reads pyproject.toml with Python's `tomllib` (TOML 1.0).
 * What only TOML 1.1 allows — an inline table over several lines or with a trailing comma,
 * `\e` and `\xHH`, a time without seconds — and a date that does not exist are refused too,
 * as `tomllib` refuses them (E_CONFIG at its line and column): the scanner checks them, run
 * at parse time only when the text may hold one (`mayHoldToml11`), and not on
 * `uv.lock` (written and read by uv, never by pip). A file
 * starting with a UTF-8 byte-order mark is read (and the mark kept by `bump`), where
 * `tomllib` refuses it: a deliberate difference (SPEC: the BOM is preserved).
 * `__tests__/pyproject/toml-corpus.test.ts` compares the verdicts with `tomllib` on a
 * generated corpus (`scripts/toml-corpus.py`).
 */
import { readFileSync, statSync } from 'node:fs'
import { parse as parseValues, TomlError } from 'smol-toml'
import { PyshipError } from '../errors.js'
import { pathKey, scanPositions, TomlStrictError, type TomlNode, type TomlNodeInfo, type TomlPath } from './toml-positions.js'

export { pathKey, type TomlNode, type TomlNodeInfo, type TomlPath }

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
 * A table header missing its `]`: the parser reads the rest of the line as part of the
 * key and stops at its end; say what is missing, after the header's last character,
 * as tomllib does.
 */
function unterminatedHeader(content: string): { column: number; message: string } | null {
  if (!/^\s*\[/.test(content) || content.includes(']')) return null
  const double = /^\s*\[\[/.test(content)
  return { column: content.length + 1, message: `Expected '${double ? ']]' : ']'}' at the end of the table header ${content.trim()}` }
}

/** A syntax error: E_CONFIG at its line and column. */
function syntaxError(error: TomlError, text: string, file: string): PyshipError {
  const { line } = error
  const lineText = (text.split('\n', line)[line - 1] ?? '').replace(/\r$/, '')
  let column = error.column
  let message = error.message.split('\n')[0].replace(/^Invalid TOML document: /, '')
  const header = unterminatedHeader(lineText.replace(/\s+#.*$/, '').trimEnd())
  if (header) ({ column, message } = header)
  else if (/control characters/.test(message) && column > lineText.length)
    message = 'unterminated string (only a multi-line string may span lines)'
  return new PyshipError('E_CONFIG', `${file}:${line}:${column}: TOML syntax error: ${message}`, {
    location: { file, line, column },
    hint: 'Fix the TOML syntax at the line and column shown (the file must parse as TOML 1.0).'
  })
}

/** Integers beyond 2^53 (read as BigInt) as the nearest number, like every other number pyship reads. */
function toNumbers(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value)
  if (Array.isArray(value)) return value.map(toNumbers)
  if (isTable(value)) for (const k of Object.keys(value)) value[k] = toNumbers(value[k])
  return value
}

/** `\e`, `\x`, a trailing comma before `}`, a time without seconds, a date past the 28th or of year 0. */
const TOML_1_1_HINT = /\\[ex]|,[ \t]*\}|(?<![\d:])\d\d:\d\d(?!:)|\d{4}-\d\d-(?:29|3\d)|0000-\d\d-/
/** Strings on one line (so that braces and `#` inside them do not count). */
const ONE_LINE_STRINGS = /"(?:[^"\\\n]|\\.)*"|'[^'\n]*'/g

/**
 * Whether the text may hold what only TOML 1.1 allows (or a date that does not exist): worth
 * the strict scan. Never false when it does; an inline table over several lines leaves a line
 * with more `{` than `}` outside strings, or a comment after a `{`. Most pyproject.toml files
 * answer false, and a run never compiles the scan.
 */
function mayHoldToml11(text: string): boolean {
  if (TOML_1_1_HINT.test(text)) return true
  if (!text.includes('{')) return false
  // the lines of a multi-line string are not told apart here: scan
  if (text.includes('"""') || text.includes("'''")) return true
  for (const line of text.replace(ONE_LINE_STRINGS, '""').split('\n')) {
    const open = line.indexOf('{')
    if (open !== -1 && (line.includes('#', open) || line.split('{').length > line.split('}').length)) return true
  }
  return false
}

/** What only TOML 1.1 allows, as E_CONFIG at its line and column. */
function strictError(error: TomlStrictError, file: string): PyshipError {
  const { line, column } = error
  return new PyshipError('E_CONFIG', `${file}:${line}:${column}: TOML syntax error: ${error.message}`, {
    location: { file, line, column },
    hint: 'Fix the TOML syntax at the line and column shown (the file must parse as TOML 1.0, as pip and uv read it).'
  })
}

/** TOML 1.0 as Python reads it, or E_CONFIG where `tomllib` stops (positions are left for later). */
function strictCheck(text: string, file: string): void {
  try {
    scanPositions(text, { strict: true, positions: false })
  } catch (error) {
    if (error instanceof TomlStrictError) throw strictError(error, file)
  }
}

/**
 * Whether to check what only TOML 1.1 allows: in text that may hold it, except in `uv.lock`,
 * which uv writes and reads and pip never does (1.6 MB for 5,000 packages: not worth a pass).
 */
const strictFor = (text: string, file: string): boolean => !/(?:^|\/)uv\.lock$/.test(file) && mayHoldToml11(text)

/**
 * The parser's error, unless the lines before it hold something only TOML 1.1 allows:
 * `tomllib` stops there first, so that is the error reported.
 */
function firstError(error: TomlError, text: string, file: string): PyshipError {
  if (strictFor(text, file)) {
    try {
      // the scanner reads the text in order: up to the parser's error, it is TOML 1.1 (on the
      // error's line too: the parser names where a string it could not end starts)
      scanPositions(text, { strict: true, positions: false })
    } catch (problem) {
      if (problem instanceof TomlStrictError && problem.line <= error.line) return strictError(problem, file)
    }
  }
  return syntaxError(error, text, file)
}

export function parseToml(source: string, file: string): TomlDocument {
  const bom = source.charCodeAt(0) === 0xfeff
  const text = bom ? source.slice(1) : source
  let value: Record<string, unknown>
  try {
    value = parseValues(text) as Record<string, unknown>
  } catch (error) {
    if (!(error instanceof TomlError)) throw error
    if (!/losslessly/.test(error.message)) throw firstError(error, text, file)
    try {
      value = toNumbers(parseValues(text, { integersAsBigInt: 'asNeeded' })) as Record<string, unknown>
    } catch (again) {
      throw again instanceof TomlError ? firstError(again, text, file) : again
    }
  }
  if (strictFor(text, file)) strictCheck(text, file)
  let nodes: Map<string, TomlNodeInfo> | null = null
  return {
    file,
    text,
    bom,
    value,
    get nodes(): Map<string, TomlNodeInfo> {
      nodes ??= scanPositions(text)
      return nodes
    }
  }
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
