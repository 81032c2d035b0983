#!/usr/bin/env node
// Performance figures (printed, never asserted): start-up, `check` on a generated
// 1,000-package monorepo, and the bundle size. Usage: npm run bench [-- --runs N]
import { spawnSync } from 'node:child_process'
import { mkdtempSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const bundle = path.join(root, 'dist', 'index.js')
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 10

function time(args, cwd) {
  const samples = []
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint()
    const r = spawnSync(process.execPath, args, { cwd, encoding: 'utf8' })
    samples.push(Number(process.hrtime.bigint() - start) / 1e6)
    if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`)
  }
  samples.sort((a, b) => a - b)
  return { median: samples[Math.floor(samples.length / 2)], min: samples[0], max: samples[samples.length - 1] }
}

const fmt = ({ median, min, max }) => `median ${median.toFixed(0)} ms (min ${min.toFixed(0)}, max ${max.toFixed(0)})`

/** A uv workspace of `n` packages in 10 groups, each pinning the previous one, plus uv.lock. */
function generate(n) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pyship-bench-'))
  const groups = {}
  let lock = 'version = 1\nrevision = 3\nrequires-python = ">=3.11"\n'
  for (let i = 0; i < n; i++) {
    const name = `pkg-${String(i).padStart(4, '0')}`
    const group = `g${i % 10}`
    ;(groups[group] ??= []).push(`packages/${name}`)
    const deps = i > 0 ? `"pkg-${String(i - 1).padStart(4, '0')}>=1.${(i - 1) % 10}",` : ''
    mkdirSync(path.join(dir, 'packages', name), { recursive: true })
    writeFileSync(
      path.join(dir, 'packages', name, 'pyproject.toml'),
      `[project]\nname = "${name}"\nversion = "1.${i % 10}.0"  # group ${group}\nrequires-python = ">=3.11"\ndependencies = [\n  ${deps}\n]\n\n[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n`
    )
    lock += `\n[[package]]\nname = "${name}"\nversion = "1.${i % 10}.0"\nsource = { editable = "packages/${name}" }\n`
  }
  const config = Object.entries(groups)
    .map(([g, pkgs]) => `[tool.pyship.groups.${g}]\npackages = [${pkgs.map((p) => `"${p}"`).join(', ')}]\n`)
    .join('\n')
  writeFileSync(path.join(dir, 'pyproject.toml'), `[tool.uv.workspace]\nmembers = ["packages/*"]\n\n${config}`)
  writeFileSync(path.join(dir, 'uv.lock'), lock)
  return dir
}

/** One member and `n` registry packages, each with an sdist and 6 wheels: a real lock's shape (~15 lines each). */
function generateLock(n) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pyship-bench-lock-'))
  const lines = ['version = 1', 'revision = 3', '', '[[package]]', 'name = "app"', 'version = "1.0.0"', 'source = { editable = "app" }', '']
  const hash = (c) => `sha256:${c.repeat(64)}`
  for (let i = 0; i < n; i++) {
    lines.push('[[package]]', `name = "dep${i}"`, 'version = "1.2.3"', 'source = { registry = "https://pypi.org/simple" }')
    lines.push(`sdist = { url = "https://files.pythonhosted.org/dep${i}-1.2.3.tar.gz", hash = "${hash('0')}", size = 12345 }`, 'wheels = [')
    for (let j = 0; j < 6; j++) lines.push(`    { url = "https://files.pythonhosted.org/dep${i}-1.2.3-cp3${j}-none-any.whl", hash = "${hash('1')}", size = 2345 },`)
    lines.push(']', '')
  }
  mkdirSync(path.join(dir, 'app'))
  writeFileSync(path.join(dir, 'app', 'pyproject.toml'), '[project]\nname = "app"\nversion = "1.0.0"\n')
  writeFileSync(path.join(dir, 'pyproject.toml'), '[tool.uv.workspace]\nmembers = ["app"]\n')
  writeFileSync(path.join(dir, 'uv.lock'), lines.join('\n'))
  return { dir, lines: lines.length }
}

console.log(`pyship bench — node ${process.version}, ${os.cpus().length} cores, ${runs} runs each`)
console.log(`node -e 0                                   ${fmt(time(['-e', '0'], root))}`)
console.log(`pyship check (example, 3 packages, CLI)     ${fmt(time([bundle, 'check', '--cwd', 'examples/dakora'], root))}`)
const big = generate(1000)
try {
  const probe = spawnSync(process.execPath, [bundle, 'check'], { cwd: big, encoding: 'utf8' })
  const headline = probe.stdout.trim().split('\n').pop()
  console.log(`pyship check (1,000 packages, 10 groups)    ${fmt(time([bundle, 'check'], big))}  [${headline}]`)
} finally {
  rmSync(big, { recursive: true, force: true })
}
const lock = generateLock(3000)
try {
  console.log(`pyship check (uv.lock of ${lock.lines} lines)     ${fmt(time([bundle, 'check'], lock.dir))}`)
} finally {
  rmSync(lock.dir, { recursive: true, force: true })
}
console.log(`dist/index.js                               ${(statSync(bundle).size / 1024).toFixed(0)} KiB`)
