/**
 * Layers point one way (docs/adrs/0003): front ends → commands → release steps →
 * release rules → adapters → core. No module imports from a higher layer, and nothing
 * below the front ends reads process.env.
 */
import { describe, expect, test } from '@jest/globals'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { ROOT } from '../__fixtures__/action.js'

const SRC = path.join(ROOT, 'src')

/** Rank of a module (path relative to src/, POSIX). */
export function layerOf(rel: string): number {
  if (['index.ts', 'main.ts', 'cli.ts'].includes(rel)) return 6
  if (rel.startsWith('commands/')) return 5
  if (rel.startsWith('release/steps/')) return 4
  if (rel.startsWith('report/')) return 3
  if (rel.startsWith('release/')) return 3
  if (rel.startsWith('adapters/')) return 2
  return 1 // core: errors, log, cancel, inputs, runner, config, pyproject, version, monorepo
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const abs = path.join(dir, name)
    return statSync(abs).isDirectory() ? sources(abs) : name.endsWith('.ts') ? [abs] : []
  })
}

const modules = sources(SRC).map((abs) => ({ rel: path.relative(SRC, abs).split(path.sep).join('/'), text: readFileSync(abs, 'utf8') }))

function importsOf(rel: string, text: string): string[] {
  const found: string[] = []
  const add = (spec: string): number =>
    found.push(path.posix.normalize(path.posix.join(path.posix.dirname(rel), spec)).replace(/\.js$/, '.ts'))
  for (const m of text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+'(\.{1,2}\/[^']+)'/gm)) add(m[1])
  // dynamic imports (the front ends and the command table load modules on demand) count too
  for (const m of text.matchAll(/\bimport\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g)) add(m[1])
  return found
}

describe('layers', () => {
  test('the rank table knows every layer', () => {
    expect([
      layerOf('main.ts'),
      layerOf('commands/release.ts'),
      layerOf('release/steps/build.ts'),
      layerOf('release/plan.ts'),
      layerOf('adapters/git.ts'),
      layerOf('version/pep440.ts')
    ]).toEqual([6, 5, 4, 3, 2, 1])
  })

  test('static and dynamic imports are both seen', () => {
    expect(
      importsOf('commands/index.ts', "import { x } from './check.js'\nconst plan = async () => (await import('./plan.js')).plan")
    ).toEqual(['commands/check.ts', 'commands/plan.ts'])
    expect(
      importsOf('adapters/git.ts', "const m = await import('../commands/release.js')").filter(
        (d) => layerOf(d) > layerOf('adapters/git.ts')
      )
    ).toEqual(['commands/release.ts'])
  })

  test.each(modules.map((m) => [m.rel, m.text]))('%s imports nothing from a higher layer', (rel, text) => {
    const upward = importsOf(rel, text).filter((dep) => layerOf(dep) > layerOf(rel))
    expect(upward).toEqual([])
  })

  // commands/index.ts is the table of commands; no command builds on another one
  test.each(modules.filter((m) => m.rel.startsWith('commands/') && m.rel !== 'commands/index.ts').map((m) => [m.rel, m.text]))(
    '%s imports no other command',
    (rel, text) => {
      expect(importsOf(rel, text).filter((dep) => dep.startsWith('commands/'))).toEqual([])
    }
  )

  // the planners' rules are pure: no file system, no process, nothing outside the core
  test.each(modules.filter((m) => /^monorepo\/(check|bump)-rules\//.test(m.rel)).map((m) => [m.rel, m.text]))(
    '%s (a planner rule) imports no I/O and nothing above the core',
    (rel, text) => {
      expect(importsOf(rel, text).filter((dep) => layerOf(dep) > 1)).toEqual([])
      expect([...text.matchAll(/from\s+'(node:(?!path')[^']+)'/g)].map((m) => m[1])).toEqual([])
    }
  )

  test.each(modules.filter((m) => layerOf(m.rel) < 6).map((m) => [m.rel, m.text]))('%s does not read process.env', (_rel, text) => {
    expect(text).not.toMatch(/process\.env\b/)
  })
})
