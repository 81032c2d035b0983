/**
 * Secrets are masked as the runner masks: whole, and each of their lines (SPEC §7) — the
 * runner matches a mask line by line, so a two-line token registered whole only would print.
 */
import { afterEach, beforeEach, expect, test } from '@jest/globals'
import os from 'node:os'
import { maskSecret } from '../src/main.js'

let stdout = ''
const write = process.stdout.write.bind(process.stdout)
beforeEach(() => {
  stdout = ''
  process.stdout.write = ((chunk: string | Uint8Array) => ((stdout += String(chunk)), true)) as typeof process.stdout.write
})
afterEach(() => {
  process.stdout.write = write
})

test.each<[string, string, string[]]>([
  ['nothing for an empty value', '', []],
  ['a one-line secret whole', 'pypi-AgEIcHlwaS5vcmc', ['pypi-AgEIcHlwaS5vcmc']],
  ['a two-line secret whole and each line', 'line-one\nline-two', ['line-one%0Aline-two', 'line-one', 'line-two']],
  ['CRLF lines too', 'line-one\r\nline-two', ['line-one%0D%0Aline-two', 'line-one', 'line-two']],
  [
    'each line trimmed, blank lines skipped',
    '  -----BEGIN KEY-----  \n\n  abc  \n',
    ['  -----BEGIN KEY-----  %0A%0A  abc  %0A', '-----BEGIN KEY-----', 'abc']
  ]
])('%s', (_what, value, masks) => {
  maskSecret(value)
  expect(stdout.split(os.EOL).filter(Boolean)).toEqual(masks.map((m) => `::add-mask::${m}`))
})
