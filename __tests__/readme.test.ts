/**
 * README.md documents what the action really has: the inputs/outputs tables and the
 * Troubleshooting section are generated (`npm run docs`) and must be up to date.
 */
import { describe, expect, test } from '@jest/globals'
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { ROOT } from '../__fixtures__/action.js'
import { readAction, renderReadme } from '../__fixtures__/readme.js'
import { CODES, docsLink } from '../src/errors.js'

const file = path.join(ROOT, 'README.md')
const readme = readFileSync(file, 'utf8')

describe('README.md', () => {
  test('generated sections are up to date (run `npm run docs` after changing action.yml or src/errors.ts)', () => {
    const fresh = renderReadme(readme)
    if (process.env.UPDATE_DOCS === '1') writeFileSync(file, fresh)
    else expect(readme).toBe(fresh)
  })

  test.each(Object.keys(CODES))('%s has a Troubleshooting heading the hints link to', (code) => {
    expect(readme).toContain(`### \`${code}\``)
    expect(docsLink(code as keyof typeof CODES)).toMatch(new RegExp(`#${code.toLowerCase()}$`))
  })

  test('every action.yml input and output is in the README', () => {
    const action = readAction()
    for (const name of [...Object.keys(action.inputs), ...Object.keys(action.outputs)]) expect(readme).toContain(`\`${name}\``)
  })

  test('the README test command is the one CI runs', () => {
    expect(readme).toContain('npm test')
    expect(readFileSync(path.join(ROOT, '.ci/run'), 'utf8')).toContain('npm test')
  })
})
