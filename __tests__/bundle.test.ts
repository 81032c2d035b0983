/**
 * What `npm run bundle` promises of dist/: CommonJS files (dist/package.json says so);
 * the local commands run from the entry file alone (start-up reads one file); every file
 * is ASCII, strict, and has a source map that leads back to src/; licenses.txt names
 * every package whose code is bundled.
 */
import { afterAll, describe, expect, test } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { copyFileSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { ROOT } from '../__fixtures__/action.js'
import { copyTree, removeTempDirs, tempDir } from '../__fixtures__/tree.js'

afterAll(removeTempDirs)

const DIST = path.join(ROOT, 'dist')
const scripts = readdirSync(DIST).filter((f) => f.endsWith('.js'))
const mapOf = (file: string): { sources: string[]; mappings: string } => JSON.parse(readFileSync(path.join(DIST, `${file}.map`), 'utf8'))

describe('dist/', () => {
  test('the entry and its chunks are there', () => {
    expect(scripts).toContain('index.js')
    expect(scripts.length).toBeGreaterThan(5)
  })

  test('dist/ holds the bundle and nothing else: no file the asset relocator copied from around the build', () => {
    const stray = readdirSync(DIST, { recursive: true, withFileTypes: true })
      .map((e) => path.relative(DIST, path.join(e.parentPath, e.name)))
      .filter((f) => !/^(?:[\w.-]+\.js(?:\.map)?|licenses\.txt|package\.json)$/.test(f))
    expect(stray).toEqual([])
  })

  test('dist/package.json makes every file CommonJS', () => {
    expect(JSON.parse(readFileSync(path.join(DIST, 'package.json'), 'utf8'))).toEqual({ type: 'commonjs' })
  })

  test.each(scripts)('%s is ASCII (node reads it as one-byte text), strict CommonJS without ES module syntax', (file) => {
    const code = readFileSync(path.join(DIST, file), 'latin1')
    expect([...code].every((c) => c.charCodeAt(0) < 0x80)).toBe(true)
    expect(code).toMatch(/^(?:#!.*\n)?"use strict";/)
    expect(code).not.toMatch(/import\.meta|\bimport\(|^import |^export /m)
  })

  test.each(scripts)('%s has a source map into src/ or node_modules/', (file) => {
    const map = mapOf(file)
    expect(map.mappings.length).toBeGreaterThan(0)
    expect(map.sources.some((s) => /(?:^|\/)(?:src|node_modules)\//.test(s))).toBe(true)
    expect(readFileSync(path.join(DIST, file), 'utf8')).toMatch(new RegExp(`//# sourceMappingURL=${file.replace('.', '\\.')}.map\\s*$`))
  })

  test('licenses.txt names every bundled package, with its licence', () => {
    const bundled = new Set(
      scripts.flatMap((f) =>
        mapOf(f)
          .sources.map((s) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(s)?.[1])
          .filter((p): p is string => p !== undefined)
      )
    )
    expect([...bundled]).toEqual(expect.arrayContaining(['smol-toml', '@actions/core', 'undici']))
    const licenses = readFileSync(path.join(DIST, 'licenses.txt'), 'utf8')
    for (const name of bundled) {
      const { license } = JSON.parse(readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8'))
      expect(licenses).toContain(`${name}\n${license}\n`)
    }
  })

  test.each([
    ['check', ['check']],
    ['bump (dry run)', ['bump', 'platform', 'patch', '--dry-run']],
    ['--version', ['--version']]
  ])('%s runs from dist/index.js alone: no chunk is loaded', (_what, args) => {
    const alone = tempDir()
    copyFileSync(path.join(DIST, 'index.js'), path.join(alone, 'index.js'))
    copyFileSync(path.join(DIST, 'package.json'), path.join(alone, 'package.json'))
    const repo = copyTree(path.join(ROOT, 'examples', 'dakora'))
    const run = spawnSync(process.execPath, [path.join(alone, 'index.js'), ...args, '--cwd', repo], {
      encoding: 'utf8',
      env: { ...process.env, GITHUB_ACTIONS: '' }
    })
    expect(run.stderr).not.toMatch(/Cannot find module|ERR_MODULE_NOT_FOUND/)
    expect(run.status).toBe(0)
  })
})
