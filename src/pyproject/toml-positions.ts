/**
 * Where things are in a TOML document: every key, table header and array element by
 * its path, with its line and column, and for a string what a byte-exact edit needs
 * (its offsets, quoting and value). One pass over the text, no syntax tree: the text
 * has already been read by the TOML parser, so it is known to be valid and the
 * scanner only has to follow its shape. Positions match those of a position-keeping
 * TOML parser (toml-eslint-parser), which a test compares on every fixture.
 *
 * With `strict`, the scan also refuses what TOML 1.1 added and TOML 1.0 — Python's
 * `tomllib`, so pip — does not accept (the parser reads TOML 1.1): a newline, comment or
 * trailing comma inside an inline table, the `\e` and `\xHH` escapes, a time without its
 * seconds; and a date that does not exist (`2000-02-30`), which the parser lets through.
 * It throws `TomlStrictError` at the line and column where `tomllib` reports the problem.
 */

export type TomlPath = (string | number)[]

/** A value or table header: where it starts and, for a string, what an edit needs. */
export interface TomlNode {
  type: 'value' | 'array' | 'inline-table' | 'table'
  /** 1-based line, 0-based column (UTF-16 code units from the start of the line). */
  loc: { start: { line: number; column: number } }
  /** Offsets in the text (without BOM); a table's range is its header. */
  range: [number, number]
  /** Values: string, integer, float, boolean, offset-date-time, local-date-time, local-date or local-time. */
  kind?: string
  /** Strings: the value, and how it is quoted. */
  value?: string
  multiline?: boolean
  style?: 'basic' | 'literal'
}

export interface TomlNodeInfo {
  /** 1-based line of the key (key/values) or of the element (array items), or of the header. */
  line: number
  /** 1-based column. */
  column: number
  /** The value (string, array, table…) of a key/value, the element itself for array items, the table for headers. */
  node: TomlNode
}

export const pathKey = (path: TomlPath): string => path.join('\u0000')

/** Text TOML 1.0 (Python's `tomllib`) refuses, at its 1-based line and column. */
export class TomlStrictError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number
  ) {
    super(message)
  }
}

/** Line and column of an offset as `tomllib` counts them (lines by `\n`, columns from 1). */
function positionOf(text: string, at: number): { line: number; column: number } {
  let line = 1
  let lineStart = 0
  for (let k = text.indexOf('\n'); k !== -1 && k < at; k = text.indexOf('\n', k + 1)) {
    line++
    lineStart = k + 1
  }
  return { line, column: at - lineStart + 1 }
}

const DATE = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])/
const TIME = /^(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?/
const SECONDS = 'a time needs its seconds (HH:MM:SS): TOML 1.0, which Python reads, has no shorter form'
const OFFSET = /^(?:[Zz]|[+-](?:[01]\d|2[0-3]):[0-5]\d)?$/

/** How many days a month has (proleptic Gregorian, as Python's `datetime.date`). */
function daysIn(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28
  return [4, 6, 9, 11].includes(month) ? 30 : 31
}

/**
 * Why a date or time token (already read by the parser) is not TOML 1.0 as `tomllib` reads
 * it, with the offset in the token where `tomllib` stops; null when it is.
 */
export function strictDateTimeProblem(token: string): { at: number; message: string } | null {
  const date = DATE.exec(token)
  let rest = token
  if (date) {
    const [year, month, day] = [Number(date[1]), Number(date[2]), Number(date[3])]
    if (year < 1 || day > daysIn(year, month)) return { at: 0, message: `${date[0]} is not a date` }
    rest = token.slice(10)
    if (rest === '') return null
    // tomllib reads the date alone, then stops at a `T` or at the time after a space
    if (!TIME.test(rest.slice(1))) return { at: rest[0] === ' ' ? 11 : 10, message: SECONDS }
    rest = rest.slice(1)
  } else if (!TIME.test(rest)) {
    // tomllib reads the hour as a number (`0` alone when it has a leading zero), then stops
    return { at: token[0] === '0' ? 1 : 2, message: SECONDS }
  }
  const time = TIME.exec(rest) as RegExpExecArray
  return OFFSET.test(rest.slice(time[0].length)) || !date
    ? null
    : { at: token.length - rest.length + time[0].length, message: 'not a valid time offset' }
}

const SPACE = 32
const TAB = 9
const LF = 10
const CR = 13
const HASH = 35
const QUOTE = 34
const APOSTROPHE = 39
const BACKSLASH = 92

function bareKeyChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45 || c === 95
}

const ESCAPES: Record<string, string> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', e: '\x1b', '"': '"', '\\': '\\' }

/** The value of a basic string's body (escapes, and line-ending backslashes in multi-line strings). */
function unescape(body: string): string {
  if (!body.includes('\\')) return body
  return body.replace(/\\(?:[ \t]*\r?\n[ \t\r\n]*|u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|x([0-9A-Fa-f]{2})|(.))/g, (_m, u4, u8, x2, one) => {
    const hex = u4 ?? u8 ?? x2
    if (hex !== undefined) return String.fromCodePoint(parseInt(hex, 16))
    return one === undefined ? '' : (ESCAPES[one] ?? one)
  })
}

/** What kind of value a bare token (number, boolean, date or time) is. */
function kindOf(token: string): string {
  if (token === 'true' || token === 'false') return 'boolean'
  if (/^\d{4}-\d{2}-\d{2}/.test(token)) {
    if (token.length === 10) return 'local-date'
    return /(?:[Zz]|[+-]\d{2}:\d{2})$/.test(token) ? 'offset-date-time' : 'local-date-time'
  }
  if (/^\d{2}:\d{2}/.test(token)) return 'local-time'
  if (/^[+-]?(?:inf|nan)$/.test(token)) return 'float'
  if (/^0[xob]/.test(token)) return 'integer'
  return /[.eE]/.test(token) ? 'float' : 'integer'
}

/** Every position of a valid TOML document, by `pathKey` of its path. */
export function scanPositions(text: string, options: { strict?: boolean; positions?: boolean } = {}): Map<string, TomlNodeInfo> {
  const strict = options.strict === true
  /** `positions: false` only checks (strict): no paths are built, nothing is recorded. */
  const record = options.positions !== false
  const refuse = (at: number, message: string): never => {
    const { line: l, column } = positionOf(text, at)
    throw new TomlStrictError(message, l, column)
  }
  const nodes = new Map<string, TomlNodeInfo>()
  /** Arrays of tables: how many elements each (by the key of its resolved path) has so far. */
  const tableArrays = new Map<string, number>()
  const n = text.length
  let i = 0
  let line = 1
  let lineStart = 0

  const here = (): { line: number; column: number } => ({ line, column: i - lineStart })
  /**
   * An array element that does not move the scanner on (a `}` where a value should be: never
   * valid TOML) is an error rather than a loop that never ends; every other step moves on.
   */
  const stuck = (from: number): void => {
    if (i <= from) throw new Error(`TOML positions: unexpected text at line ${line}, column ${i - lineStart + 1}`)
  }
  /** Count the line breaks in text[from, to). */
  const lines = (from: number, to: number): void => {
    for (let at = text.indexOf('\n', from); at !== -1 && at < to; at = text.indexOf('\n', at + 1)) {
      line++
      lineStart = at + 1
    }
  }
  const skipSpace = (): void => {
    for (let c = text.charCodeAt(i); c === SPACE || c === TAB; c = text.charCodeAt(++i));
  }
  /** Spaces, line breaks and comments. */
  const skipBlank = (): void => {
    while (i < n) {
      const c = text.charCodeAt(i)
      if (c === SPACE || c === TAB || c === CR) i++
      else if (c === LF) {
        line++
        lineStart = ++i
      } else if (c === HASH) {
        const end = text.indexOf('\n', i)
        i = end === -1 ? n : end
      } else break
    }
  }

  /** The string starting at i (a quote); i moves past it. */
  const readString = (): TomlNode => {
    const start = i
    const loc = here()
    const quote = text.charCodeAt(i)
    const basic = quote === QUOTE
    const multiline = text.charCodeAt(i + 1) === quote && text.charCodeAt(i + 2) === quote
    let bodyStart: number
    let bodyEnd: number
    if (multiline) {
      let j = i + 3
      // (bounded: the strict scan also reads text the parser refused, up to where it stopped)
      for (; j < n;) {
        const c = text.charCodeAt(j)
        if (basic && c === BACKSLASH) j += 2
        else if (c === quote && text.charCodeAt(j + 1) === quote && text.charCodeAt(j + 2) === quote) break
        else j++
      }
      // up to two quotes right before the closing three belong to the string
      let end = j + 3
      while (end < j + 5 && text.charCodeAt(end) === quote) end++
      bodyStart = i + 3
      bodyEnd = end - 3
      i = end
      lines(start, end)
    } else {
      let j = i + 1
      while (j < n && text.charCodeAt(j) !== quote) j += basic && text.charCodeAt(j) === BACKSLASH ? 2 : 1
      bodyStart = i + 1
      bodyEnd = j
      i = j + 1
    }
    let body = text.slice(bodyStart, bodyEnd)
    if (strict && basic) {
      // (searched in the body only: searching the whole text would cost its length per string)
      for (let k = body.indexOf('\\'); k !== -1; k = body.indexOf('\\', k + 2)) {
        const e = body[k + 1]
        if (e === 'e' || e === 'x')
          refuse(
            bodyStart + k + 2,
            `\\${e} is not an escape in TOML 1.0, which Python reads: write \\u${e === 'e' ? '001B' : '00XX'} instead`
          )
      }
    }
    // a line break right after the opening delimiter is not part of the value
    if (multiline) body = body.replace(/^\r?\n/, '')
    return {
      type: 'value',
      loc: { start: loc },
      range: [start, i],
      kind: 'string',
      value: basic ? unescape(body) : body,
      multiline,
      style: basic ? 'basic' : 'literal'
    }
  }

  /** A dotted key starting at i; i moves past it and the spaces after it. */
  const readKey = (): string[] => {
    const names: string[] = []
    for (;;) {
      skipSpace()
      const c = text.charCodeAt(i)
      if (c === QUOTE || c === APOSTROPHE) {
        names.push(readString().value as string)
      } else {
        const from = i
        while (bareKeyChar(text.charCodeAt(i))) i++
        names.push(text.slice(from, i))
      }
      skipSpace()
      if (text.charCodeAt(i) !== 46) return names
      i++
    }
  }

  /** The value starting at i; i moves past it. Its arrays' elements and inline tables' keys are recorded under `path`. */
  const readValue = (path: TomlPath): TomlNode => {
    const start = i
    const loc = here()
    const c = text.charCodeAt(i)
    if (c === QUOTE || c === APOSTROPHE) return readString()
    if (c === 91 /* [ */) {
      i++
      for (let index = 0; ;) {
        skipBlank()
        const d = text.charCodeAt(i)
        if (d === 93 /* ] */ || i >= n) break
        if (d === 44 /* , */) {
          i++
          continue
        }
        const elementPath = record ? [...path, index++] : path
        const entry = { line, column: i - lineStart + 1, node: undefined as unknown as TomlNode }
        if (record) nodes.set(pathKey(elementPath), entry)
        const from = i
        entry.node = readValue(elementPath)
        stuck(from)
      }
      i++
      return { type: 'array', loc: { start: loc }, range: [start, i] }
    }
    if (c === 123 /* { */) {
      i++
      for (let comma = false; ;) {
        if (strict) {
          // TOML 1.0 keeps an inline table on one line, without a trailing comma
          skipSpace()
          const d = text.charCodeAt(i)
          if (d === LF || d === CR || d === HASH)
            refuse(
              i,
              'an inline table { … } must stay on one line, without comments: TOML 1.0, which Python reads, allows no line break inside it'
            )
          if (d === 125 && comma)
            refuse(i, 'an inline table { … } takes no comma after its last entry: TOML 1.0, which Python reads, refuses it')
        } else skipBlank()
        const d = text.charCodeAt(i)
        if (d === 125 /* } */ || i >= n) break
        comma = d === 44 /* , */
        if (comma) i++
        else readKeyValue(path)
      }
      i++
      return { type: 'inline-table', loc: { start: loc }, range: [start, i] }
    }
    // a number, boolean, date or time: up to a separator, a comment or the end of the line
    let end = i
    for (let d = c; end < n && d !== 44 && d !== 93 && d !== 125 && d !== HASH && d !== LF && d !== CR; d = text.charCodeAt(++end));
    while (end > i && (text.charCodeAt(end - 1) === SPACE || text.charCodeAt(end - 1) === TAB)) end--
    i = end
    const kind = kindOf(text.slice(start, end))
    if (strict && /date|time/.test(kind)) {
      const problem = strictDateTimeProblem(text.slice(start, end))
      if (problem) refuse(start + problem.at, problem.message)
    }
    return { type: 'value', loc: { start: loc }, range: [start, end], kind }
  }

  /** `key = value` starting at i, in the table at `prefix`. */
  const readKeyValue = (prefix: TomlPath): void => {
    const entry = { line, column: i - lineStart + 1, node: undefined as unknown as TomlNode }
    const names = readKey()
    i++ // =
    skipSpace()
    // dotted keys define the intermediate tables where they are written
    if (!record) {
      entry.node = readValue(prefix)
      return
    }
    for (let k = 1; k < names.length; k++) {
      const key = pathKey([...prefix, ...names.slice(0, k)])
      if (!nodes.has(key)) nodes.set(key, entry)
    }
    const path = [...prefix, ...names]
    nodes.set(pathKey(path), entry)
    entry.node = readValue(path)
  }

  /** The path of a table header: an array of tables in it stands for its last element. */
  const resolve = (names: string[], tableArray: boolean): TomlPath => {
    const path: TomlPath = []
    names.forEach((name, k) => {
      path.push(name)
      const key = pathKey(path)
      const count = tableArrays.get(key)
      if (tableArray && k === names.length - 1) {
        tableArrays.set(key, (count ?? 0) + 1)
        path.push(count ?? 0)
      } else if (count !== undefined) {
        path.push(count - 1)
      }
    })
    return path
  }

  let table: TomlPath = []
  for (skipBlank(); i < n; skipBlank()) {
    if (text.charCodeAt(i) !== 91 /* [ */) {
      readKeyValue(table)
      continue
    }
    const start = i
    const loc = here()
    const tableArray = text.charCodeAt(i + 1) === 91
    i += tableArray ? 2 : 1
    const names = readKey()
    i += tableArray ? 2 : 1
    if (!record) continue
    table = resolve(names, tableArray)
    const entry: TomlNodeInfo = { line: loc.line, column: loc.column + 1, node: { type: 'table', loc: { start: loc }, range: [start, i] } }
    for (let k = 1; k <= table.length; k++) {
      const key = pathKey(table.slice(0, k))
      if (!nodes.has(key)) nodes.set(key, entry)
    }
  }
  return nodes
}
