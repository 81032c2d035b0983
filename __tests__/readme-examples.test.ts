/**
 * The README's shell examples work as shown. A code block preceded by
 * `<!-- readme-test: examples/dakora[; edit FILE FROM TO] -->` runs each `$ pyship …` line,
 * in order, on a fresh copy of the example (after the edits), through the bundle; every
 * other line of the block is expected output (`…` stands for anything, and a line that is
 * only `…` for any number of lines). `<!-- readme-test: quick-start -->` runs the quick
 * start's commands as written, from this checkout instead of a fresh clone, with npm's
 * global prefix in a temporary directory. A block preceded by `<!-- readme-file: PATH -->`
 * is that file of this project, byte for byte (a config the README shows is one a test reads).
 */
import { afterAll, describe, expect, test } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parse } from 'yaml'
import { ROOT, runCli } from '../__fixtures__/action.js'
import { copyRepo } from '../__fixtures__/snapshot.js'
import { editFile } from '../__fixtures__/tree.js'

const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8')
const blocks = [...readme.matchAll(/<!-- readme-test: (.+?) -->\n```(\w+)\n([\s\S]*?)```/g)].map((m) => ({ spec: m[1], body: m[3] }))
const made: string[] = []
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })))

/** Whether `expected` (with `…` wildcards) matches the line. */
function matches(expected: string, line: string): boolean {
  let at = 0
  for (const part of expected.split('…').map((p) => p.trim())) {
    const found = line.indexOf(part, at)
    if (found < 0) return false
    at = found + part.length
  }
  return true
}

describe('README examples', () => {
  test('there are marked examples', () => {
    expect(blocks.filter((b) => b.spec.startsWith('examples/dakora')).length).toBeGreaterThanOrEqual(3)
    expect(blocks.some((b) => b.spec === 'quick-start')).toBe(true)
  })

  test.each(blocks.filter((b) => b.spec.startsWith('examples/')).map((b) => [b.spec, b.body]))('%s', (spec, body) => {
    const [dir, ...setup] = spec.split(';').map((s) => s.trim())
    const root = copyRepo(dir)
    made.push(root)
    for (const step of setup) {
      const [verb, file, from, to] = step.split(/\s+/)
      if (verb !== 'edit') throw new Error(`unknown readme-test step ${step}`)
      editFile(root, file, from, to)
    }
    // commands and the output each one should print
    const runs: { command: string; expected: string[] }[] = []
    for (const line of body.split('\n')) {
      if (line.startsWith('$ '))
        runs.push({
          command: line
            .slice(2)
            .replace(/\s+#.*$/, '')
            .trim(),
          expected: []
        })
      else if (line.trim() && runs.length) runs[runs.length - 1].expected.push(line.trimEnd())
    }
    for (const { command, expected } of runs) {
      const [program, ...args] = command.split(/\s+/)
      expect(program).toBe('pyship')
      const run = runCli(args, { cwd: root })
      const problem = expected.some((l) => /^\S+:\d+: E_[A-Z_]+ /.test(l))
      expect({ command, status: run.status, stderr: problem ? '' : run.stderr }).toEqual({ command, status: problem ? 1 : 0, stderr: '' })
      const lines = `${run.stdout}\n${run.stderr}`.split('\n').map((l) => l.trimEnd())
      let at = 0
      for (const want of expected) {
        if (want.trim() === '…') continue
        const found = lines.findIndex((l, i) => i >= at && matches(want, l))
        expect({ command, line: want, found: found >= 0 }).toEqual({ command, line: want, found: true })
        at = found + 1
      }
    }
  })

  // `<!-- readme-file: PATH -->` before a block: the block is that file of the project, byte for byte
  const files = [...readme.matchAll(/<!-- readme-file: (.+?) -->\n```\w+\n([\s\S]*?)```/g)].map((m) => [m[1], m[2]])
  test.each(files)('the README shows %s as it is', (file, body) => {
    expect(body).toBe(readFileSync(path.join(ROOT, file), 'utf8'))
  })

  test('every workflow step that uses pyship names its command (without one it would release)', () => {
    const workflows = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map(
      (m) => parse(m[1]) as { jobs?: Record<string, { steps?: { uses?: string; with?: Record<string, string> }[] }> }
    )
    const steps = workflows
      .flatMap((w) => Object.values(w?.jobs ?? {}).flatMap((j) => j.steps ?? []))
      .filter((s) => s.uses?.startsWith('pyship/pyship@'))
    expect(steps.length).toBeGreaterThanOrEqual(5)
    for (const step of steps) expect(step.with?.command).toBeTruthy()
  })

  test('the quick start puts pyship on PATH and runs it, as written', () => {
    const body = blocks.find((b) => b.spec === 'quick-start')?.body ?? ''
    const lines = body
      .split('\n')
      .map((l) => l.replace(/\s+#.*$/, '').trim())
      .filter(Boolean)
    expect(lines.slice(0, 2)).toEqual(['git clone https://github.com/pyship/pyship.git', 'cd pyship'])
    const prefix = mkdtempSync(path.join(os.tmpdir(), 'pyship-prefix-'))
    made.push(prefix)
    const env = {
      ...process.env,
      npm_config_prefix: prefix,
      npm_config_offline: 'true',
      npm_config_audit: 'false',
      npm_config_fund: 'false',
      PATH: `${path.join(prefix, 'bin')}${path.delimiter}${process.env.PATH ?? ''}`
    }
    const outputs: string[] = []
    for (const line of lines.slice(2)) {
      const r = spawnSync('bash', ['-c', line], { cwd: ROOT, env, encoding: 'utf8', timeout: 120_000 })
      expect({ line, status: r.status, stderr: r.status === 0 ? '' : r.stderr }).toEqual({ line, status: 0, stderr: '' })
      outputs.push(r.stdout)
    }
    expect(spawnSync('bash', ['-c', 'command -v pyship'], { env, encoding: 'utf8' }).stdout.trim()).toBe(path.join(prefix, 'bin', 'pyship'))
    expect(outputs.join('\n')).toMatch(/^pyship \d+\.\d+\.\d+$/m)
    expect(outputs.join('\n')).toContain('check: 3 packages: 3 static (2 groups), versions consistent')
  })
})
