/**
 * `twine check` failing names the files it failed and what it said about each — not the last
 * lines of its output, which are often another file's PASSED (its output as Debian's twine
 * 4.0.2 prints it: long paths wrapped at 80 columns, words coloured).
 */
import { expect, test } from '@jest/globals'
import { twineFailures } from '../../src/adapters/python.js'

const OUTPUT = [
  'Checking ',
  '/tmp/pyship-io-V2Ok1d/pyship/35c9a8d01793/dist/core/acme_core-2.1.0-py3-none-any',
  '.whl: \x1b[31mFAILED\x1b[0m',
  '\x1b[31mERROR   \x1b[0m `long_description` has syntax errors in markup and would not be        ',
  '         rendered on PyPI.                                                      ',
  '\x1b[33mWARNING \x1b[0m `long_description_content_type` missing. defaulting to `text/x-rst`.   ',
  'Checking ',
  '/tmp/pyship-io-V2Ok1d/pyship/35c9a8d01793/dist/integrations_p000/acme_p000-1.0.0',
  '-py3-none-any.whl: \x1b[32mPASSED\x1b[0m',
  'Checking ',
  '/tmp/pyship-io-V2Ok1d/pyship/35c9a8d01793/dist/core/acme_core-2.1.0.tar.gz: \x1b[31mFAILED due to warnings\x1b[0m',
  '\x1b[33mWARNING \x1b[0m `long_description` missing.                                            ',
  'Checking ',
  '/tmp/pyship-io-V2Ok1d/pyship/35c9a8d01793/dist/integrations_p003/acme_p003-1.3.0',
  '.tar.gz: \x1b[32mPASSED\x1b[0m'
].join('\n')

test.each([
  [
    OUTPUT,
    'acme_core-2.1.0-py3-none-any.whl: FAILED ERROR `long_description` has syntax errors in markup and would not be rendered on PyPI. WARNING `long_description_content_type` missing. defaulting to `text/x-rst`.; acme_core-2.1.0.tar.gz: FAILED due to warnings WARNING `long_description` missing.'
  ],
  ['Checking dist/a-1.0.tar.gz: PASSED\n', null],
  ['Traceback (most recent call last):\n  ModuleNotFoundError: No module named twine\n', null]
])('%#', (output, expected) => {
  expect(twineFailures(output)).toBe(expected)
})
