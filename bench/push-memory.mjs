#!/usr/bin/env node
// Peak memory of the classic-builder push (no buildx: `docker save`, then pyship's registry
// client pushes the layers): builds a FROM-scratch image holding one file of PUSH_BENCH_MB
// MiB of random bytes (default 1024: a 1 GiB layer), starts a local `docker-registry`,
// bundles bench/push-memory-entry.ts with ncc and runs it: the save and the push, in a
// process of its own whose peak RSS (maxRSS) is printed, with the image size and the time.
//
//   node bench/push-memory.mjs            # 1 GiB
//   PUSH_BENCH_MB=256 node bench/push-memory.mjs
//
// Needs a Docker daemon and Debian's /usr/bin/docker-registry.
/* global Buffer, fetch, setTimeout */
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { randomFillSync } from 'node:crypto'
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const mb = Number(process.env.PUSH_BENCH_MB ?? 1024)
const work = mkdtempSync(path.join(os.tmpdir(), 'pyship-push-memory-'))
const image = 'pyship-bench/push-memory:latest'
let registry = null

const freePort = () =>
  new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address()
      s.close(() => resolve(port))
    })
  })

try {
  // 1. an image of one layer: mb MiB of random bytes (incompressible), FROM scratch
  const context = path.join(work, 'context')
  execFileSync('mkdir', ['-p', context])
  const fd = openSync(path.join(context, 'big'), 'w')
  const chunk = Buffer.alloc(1 << 20)
  for (let i = 0; i < mb; i++) writeSync(fd, randomFillSync(chunk))
  closeSync(fd)
  writeFileSync(path.join(context, 'Dockerfile'), 'FROM scratch\nCOPY big /big\n')
  execFileSync('docker', ['build', '--quiet', '--tag', image, context], {
    env: { ...process.env, DOCKER_BUILDKIT: '0' },
    stdio: ['ignore', 'ignore', 'inherit']
  })
  rmSync(context, { recursive: true, force: true })

  // 2. a local registry (no auth), storage in the work directory
  const port = await freePort()
  const config = path.join(work, 'registry.yml')
  writeFileSync(
    config,
    `version: 0.1\nstorage:\n  filesystem:\n    rootdirectory: ${path.join(work, 'storage')}\n  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:${port}\n`
  )
  registry = spawn('/usr/bin/docker-registry', ['serve', config], { stdio: 'ignore' })
  for (let i = 0; i < 100; i++) {
    const ok = await fetch(`http://127.0.0.1:${port}/v2/`).then(
      (r) => r.ok,
      () => false
    )
    if (ok) break
    await new Promise((r) => setTimeout(r, 100))
  }

  // 3. the push, bundled and run in its own process
  const out = path.join(work, 'entry')
  execFileSync(
    process.execPath,
    [
      path.join(root, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js'),
      'build',
      path.join(root, 'bench', 'push-memory-entry.ts'),
      '-o',
      out,
      '--quiet'
    ],
    { cwd: root, stdio: 'inherit' }
  )
  writeFileSync(path.join(out, 'package.json'), '{"type":"module"}')
  const run = spawnSync(process.execPath, [path.join(out, 'index.js'), image, `127.0.0.1:${port}`, 'bench/push-memory'], {
    cwd: work,
    encoding: 'utf8'
  })
  if (run.status !== 0) throw new Error(`the push failed: ${run.stderr || run.stdout}`)
  const result = JSON.parse(run.stdout.trim().split('\n').pop())
  console.log(
    `push of a ${mb} MiB image (classic builder: docker save + registry client): peak RSS ${result.maxRssMiB} MiB, ${result.seconds.toFixed(1)} s (save ${result.saveSeconds.toFixed(1)} s), ${result.digest}`
  )
} finally {
  registry?.kill('SIGTERM')
  spawnSync('docker', ['rmi', '--force', image], { stdio: 'ignore' })
  rmSync(work, { recursive: true, force: true })
}
