#!/usr/bin/env node
// How long `release --dry-run` takes to fail when GitHub and the index accept connections
// and never answer (a black hole), printed, never asserted (SPEC §8 "fails in minutes,
// not hours"). With the default settings this takes a few minutes by design.
//
//   node bench/time-to-fail-network.mjs            # default settings
//   node bench/time-to-fail-network.mjs --fast     # the e2e tests' PYSHIP_HTTP_* settings
import { execFileSync, spawn } from 'node:child_process'
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const bundle = path.join(root, 'dist', 'index.js')
const fast = process.argv.includes('--fast')

// black holes (one for GitHub, one for the index): accept every connection, read, never write
const sockets = new Set()
async function blackHole() {
  const hole = net.createServer((s) => {
    sockets.add(s)
    s.on('error', () => undefined)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise((resolve) => hole.listen(0, '127.0.0.1', resolve))
  return hole
}
const holes = [await blackHole(), await blackHole()]
const [githubUrl, indexUrl] = holes.map((h) => `http://127.0.0.1:${h.address().port}`)

// the example monorepo in a git repository whose origin is a local bare repository
const dir = mkdtempSync(path.join(os.tmpdir(), 'pyship-ttf-'))
const work = path.join(dir, 'work')
const git = (args, cwd = work) => execFileSync('git', args, { cwd, stdio: 'ignore' })
cpSync(path.join(root, 'examples', 'dakora'), work, { recursive: true })
git(['init', '-q', '--bare', '--initial-branch=main', path.join(dir, 'origin.git')], dir)
git(['init', '-q', '-b', 'main'])
git(['add', '-A'])
git(['-c', 'user.name=bench', '-c', 'user.email=bench@example.com', 'commit', '-q', '-m', 'bench'])
git(['remote', 'add', 'origin', path.join(dir, 'origin.git')])
git(['push', '-q', 'origin', 'main'])

const env = {
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  GITHUB_API_URL: githubUrl,
  GITHUB_REPOSITORY: 'acme/dakora',
  GITHUB_TOKEN: 'bench-token',
  ...(fast
    ? {
        PYSHIP_HTTP_CONNECT_TIMEOUT: '2',
        PYSHIP_HTTP_TIMEOUT: '1',
        PYSHIP_HTTP_ATTEMPT_TIMEOUT: '3',
        PYSHIP_HTTP_ATTEMPTS: '2',
        PYSHIP_HTTP_BACKOFF: '0.05'
      }
    : {})
}
const start = process.hrtime.bigint()
const child = spawn(process.execPath, [bundle, 'release', 'sdk', '--dry-run', '--pypi-url', indexUrl], { cwd: work, env })
let stderr = ''
child.stderr.on('data', (c) => (stderr += c))
child.stdout.on('data', (c) => (stderr += c))
const status = await new Promise((resolve) => child.on('close', resolve))
const seconds = Number(process.hrtime.bigint() - start) / 1e9
const coded = stderr
  .split('\n')
  .filter((l) => /\bE_[A-Z_]+\b/.test(l))
  .map((l) => l.trim().slice(0, 160))

console.log(
  `time to fail against a black hole (GitHub and the index), ${fast ? 'test' : 'default'} settings: ${seconds.toFixed(1)} s (exit ${status})`
)
for (const line of coded) console.log(`  ${line}`)

for (const s of sockets) s.destroy()
for (const h of holes) h.close()
rmSync(dir, { recursive: true, force: true })
