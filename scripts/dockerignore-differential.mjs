#!/usr/bin/env node
// `node scripts/dockerignore-differential.mjs [cases] [seed]`: src/config/dockerignore.ts against
// Docker itself. Each case is a build context with generated files under t/ and a generated
// .dockerignore (exceptions, `**`, `*`, `?`, classes, a leading `/`, `./` and `..`, trailing `/`,
// comments, spaces); `docker build` (the classic builder: the CLI filters the context with
// moby/patternmatcher) copies the context into a `FROM scratch` image, whose files are listed with
// `docker export`. The files under t/ that arrive must be exactly those the port does not exclude,
// and a .dockerignore Docker refuses must be one the port refuses. Needs a Docker daemon and tsc
// (node_modules). Prints every disagreement and exits 1 when there is one.
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { compileModule } from './compile-module.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const cases = Number(process.argv[2] ?? 60)
let seed = Number(process.argv[3] ?? 1)
const work = mkdtempSync(path.join(tmpdir(), 'dockerignore-diff-'))
const tag = `pyship-dockerignore-diff-${process.pid}`
try {
  const { compileDockerignore, DockerignoreError, dockerignoreExcludes, dockerignoreMatches, readDockerignore } = await compileModule(
    root,
    'config/dockerignore',
    path.join(work, 'js')
  )

  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
  const pick = (a) => a[Math.floor(rnd() * a.length)]
  const NAMES = ['a', 'b', 'ab', '.h', 'x.py', 'x.pyc', 'a.md', 'README.md', 'c-d', '[x]']
  const GLOB = [
    'a',
    'b',
    '*',
    '?',
    '**',
    '*.py',
    '*.md',
    '.h',
    '[ab]',
    '[^a]*',
    'x.*',
    'a*',
    '*b',
    '..',
    '.',
    '[x]',
    '\\[x]',
    '[',
    '[]a]',
    '[c-a]',
    'a\\'
  ]
  let bad = 0
  let refusedBoth = 0
  for (let k = 0; k < cases; k++) {
    const ctx = path.join(work, `ctx${k}`)
    const files = new Set()
    for (let i = 0; i < 10; i++) files.add(['t', ...Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => pick(NAMES))].join('/'))
    // a name cannot be both a file and a directory
    const all = [...files].filter((f) => ![...files].some((g) => g.startsWith(`${f}/`)))
    for (const f of all) {
      mkdirSync(path.dirname(path.join(ctx, f)), { recursive: true })
      writeFileSync(path.join(ctx, f), 'x')
    }
    const lines = []
    for (let i = 0, n = 1 + Math.floor(rnd() * 5); i < n; i++) {
      let p = Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => pick(GLOB)).join('/')
      if (rnd() < 0.6) p = `t/${p}`
      if (rnd() < 0.15) p = `/${p}`
      if (rnd() < 0.1) p = `./${p}`
      if (rnd() < 0.15) p += '/'
      if (rnd() < 0.3) p = `!${p}`
      if (rnd() < 0.1) p = ` ${p}  `
      if (rnd() < 0.05) p = `# ${p}`
      lines.push(p)
    }
    const ignore = lines.join('\n') + '\n'
    writeFileSync(path.join(ctx, '.dockerignore'), ignore)
    writeFileSync(path.join(ctx, 'Dockerfile'), 'FROM scratch\nCOPY . /\n')
    let expected
    try {
      const m = compileDockerignore(readDockerignore(ignore))
      // the CLI's ValidateContextDirectory first: every path, top down, excluded directories skipped
      const paths = [
        ...new Set([
          '.dockerignore',
          'Dockerfile',
          ...all.flatMap((f) => f.split('/').map((_, i, parts) => parts.slice(0, i + 1).join('/')))
        ])
      ].sort()
      const skipped = []
      for (const p of paths) {
        if (skipped.some((d) => p.startsWith(`${d}/`))) continue
        if (dockerignoreMatches(m, p) && !all.includes(p)) skipped.push(p)
      }
      expected = all.filter((f) => !dockerignoreExcludes(m, f)).sort()
    } catch (error) {
      if (!(error instanceof DockerignoreError)) throw error
      expected = 'refused'
    }
    const build = spawnSync('docker', ['build', '-q', '-t', `${tag}:${k}`, ctx], {
      env: { ...process.env, DOCKER_BUILDKIT: '0' },
      encoding: 'utf8'
    })
    let actual
    if (build.status !== 0) actual = 'refused'
    else {
      const id = execFileSync('docker', ['create', `${tag}:${k}`, 'x'], { encoding: 'utf8' }).trim()
      const tar = spawnSync('sh', ['-c', 'docker export "$1" | tar -t', 'sh', id], { encoding: 'utf8', maxBuffer: 1 << 26 })
      execFileSync('docker', ['rm', id])
      execFileSync('docker', ['rmi', `${tag}:${k}`])
      actual = tar.stdout
        .split('\n')
        .filter((f) => f.startsWith('t/') && !f.endsWith('/'))
        .sort()
    }
    if (actual === 'refused' && expected === 'refused') refusedBoth++
    if (JSON.stringify(actual) !== JSON.stringify(expected)) {
      bad++
      if (bad <= 15)
        console.log(
          `case ${k}: ${JSON.stringify(ignore)}\n  files  ${JSON.stringify(all.sort())}\n  port   ${JSON.stringify(expected)}\n  docker ${JSON.stringify(actual)}${actual === 'refused' ? `\n  ${build.stderr.trim().split('\n').pop()}` : ''}`
        )
    }
  }
  console.log(
    `dockerignore differential (seed ${process.argv[3] ?? 1}): ${cases} contexts (${refusedBoth} refused by both); ${bad} disagreement${bad === 1 ? '' : 's'}`
  )
  process.exitCode = bad === 0 ? 0 : 1
} finally {
  rmSync(work, { recursive: true, force: true })
}
