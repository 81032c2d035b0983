#!/usr/bin/env node
// `node scripts/glob-differential.mjs <glob-crate>/src/lib.rs [seed]`: src/config/glob.ts against
// the Rust glob crate itself (rust-lang/glob, the crate uv reads workspace members with), compiled
// here with rustc. Generated patterns go through Pattern::new (error position and message),
// Pattern::matches (default options) on generated texts, and glob() walks of a tree with hidden
// directories, symbolic links (one broken, one into another branch), a `[x]` directory and a
// non-ASCII name. Walk patterns are the ones uv passes on (normalized: no `.` and no inner `..`;
// a leading `..` allowed). Prints every disagreement and exits 1 when there is one.
// Needs rustc and tsc (node_modules). Paths are compared without a leading `./`: the crate writes
// `./.` for the current directory where this port writes `.`; both name the same directory.
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { compileModule } from './compile-module.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const [crate, seedArg] = process.argv.slice(2)
if (!crate) {
  console.error('usage: node scripts/glob-differential.mjs <glob-crate>/src/lib.rs [seed]')
  process.exit(2)
}
const work = mkdtempSync(path.join(tmpdir(), 'glob-diff-'))
try {
  // the crate and a driver reading P/M/G requests from stdin
  const driver = `extern crate glob;
use std::io::{self, BufRead, Write};
fn main() {
    let stdin = io::stdin();
    let mut out = io::BufWriter::new(io::stdout());
    for line in stdin.lock().lines() {
        let line = line.unwrap();
        let parts: Vec<&str> = line.split('\\t').collect();
        match parts[0] {
            "P" => match glob::Pattern::new(parts[1]) {
                Ok(_) => writeln!(out, "ok").unwrap(),
                Err(e) => writeln!(out, "err\\t{}\\t{}", e.pos, e.msg).unwrap(),
            },
            "M" => writeln!(out, "{}", glob::Pattern::new(parts[1]).unwrap().matches(parts[2])).unwrap(),
            _ => {
                let v: Vec<String> = glob::glob(parts[1]).unwrap().map(|r| match r { Ok(p) => p.display().to_string(), Err(e) => format!("ERR:{}", e.path().display()) }).collect();
                writeln!(out, "{}", v.join("\\u{1}")).unwrap()
            }
        }
    }
}
`
  writeFileSync(path.join(work, 'main.rs'), driver)
  execFileSync('rustc', ['--crate-type', 'lib', '--crate-name', 'glob', '--edition', '2021', '-O', crate, '--out-dir', work])
  execFileSync('rustc', [
    '--edition',
    '2021',
    '-O',
    path.join(work, 'main.rs'),
    '--extern',
    `glob=${path.join(work, 'libglob.rlib')}`,
    '-L',
    work,
    '-o',
    path.join(work, 'driver')
  ])
  // the port, compiled on its own
  const { compilePattern, GlobPatternError, matches, globPaths } = await compileModule(root, 'config/glob', path.join(work, 'js'))

  let seed = Number(seedArg ?? 1)
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
  const pick = (a) => a[Math.floor(rnd() * a.length)]
  const PAT = [
    'a',
    'b',
    'c',
    '-',
    '[',
    ']',
    '!',
    '^',
    '*',
    '?',
    '/',
    '.',
    'x',
    '**',
    'é',
    '[!',
    '[^',
    '[]',
    '[]]',
    '[!]]',
    '[a-c]',
    '[c-a]',
    '..'
  ]
  const TXT = ['a', 'b', 'c', '-', '/', '.', 'x', '^', ']', '!', '[', 'é', '..']
  const gen = (alpha, min, max) => Array.from({ length: min + Math.floor(rnd() * max) }, () => pick(alpha)).join('')
  const requests = []
  for (let i = 0; i < 4000; i++) {
    const p = gen(PAT, 1, 7)
    requests.push(['P', p])
    if (!(compilePattern(p) instanceof GlobPatternError)) for (let k = 0; k < 8; k++) requests.push(['M', p, gen(TXT, 0, 8)])
  }
  // deep enough that a leading `..` (or `.*` matching `..`) stays inside the work directory
  const tree = path.join(work, '1', '2', '3', '4', 'gtree')
  for (const d of ['a/b/c', 'a/x', 'b', '.h/a', 'a-b/c', 'x/a/b/a', 'c/.d', '[x]', 'é/a', 'node_modules/a', 'real/q'])
    mkdirSync(path.join(tree, d), { recursive: true })
  for (const f of ['a/f', 'a/b/g', 'b/a', '.h/f', 'x/a/b/a/f']) writeFileSync(path.join(tree, f), 'x')
  symlinkSync('../real', path.join(tree, 'a/ln'))
  symlinkSync('missing', path.join(tree, 'b/broken'))
  symlinkSync('../a', path.join(tree, 'x/cyc'))
  const GP = ['*', '**', 'a', 'b', 'x', '.h', '?', '[ab]', '[!a]*', '.*', 'c', 'q', 'ln', '[[]x]', 'é', 'node_modules']
  for (let i = 0; i < 1500; i++) {
    let p = Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => pick(GP)).join('/')
    if (rnd() < 0.1) p += '/'
    if (rnd() < 0.1) p = `../gtree/${p}`
    if (!(compilePattern(p) instanceof GlobPatternError) && (p.match(/\*\*/g) ?? []).length <= 2) requests.push(['G', p])
  }
  const out = spawnSync(path.join(work, 'driver'), {
    input: requests.map((r) => r.join('\t')).join('\n') + '\n',
    cwd: tree,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    timeout: 600_000
  })
  if (out.status !== 0) throw new Error(`the crate's driver failed: ${out.stderr}`)
  const answers = out.stdout.split('\n')
  const shown = (list) =>
    list
      .split('\u0001')
      .map((p) =>
        p
          .replace(/^(\.\/)+/, '')
          .replace(/^\.\.\/gtree\//, '')
          .replace(/\/\.\//g, '/')
      )
      .join('\u0001')
  const counts = { P: 0, M: 0, G: 0 }
  let bad = 0
  requests.forEach((r, i) => {
    counts[r[0]]++
    let mine
    let theirs = answers[i]
    if (r[0] === 'P') {
      const c = compilePattern(r[1])
      mine = c instanceof GlobPatternError ? `err\t${c.pos}\t${c.msg}` : 'ok'
    } else if (r[0] === 'M') mine = String(matches(compilePattern(r[1]), r[2]))
    else {
      mine = shown(
        globPaths(r[1], tree)
          .map((h) => (h.abs.startsWith(`${tree}/`) ? h.abs.slice(tree.length + 1) : h.abs))
          .join('\u0001')
      )
      theirs = shown(theirs)
    }
    if (mine !== theirs) {
      bad++
      if (bad <= 20)
        console.log(`${JSON.stringify(r)}\n  port  ${JSON.stringify(mine).slice(0, 400)}\n  crate ${JSON.stringify(theirs).slice(0, 400)}`)
    }
  })
  console.log(
    `glob differential (seed ${seedArg ?? 1}): ${counts.P} patterns, ${counts.M} matches, ${counts.G} walks; ${bad} disagreement${bad === 1 ? '' : 's'}`
  )
  process.exitCode = bad === 0 ? 0 : 1
} finally {
  rmSync(work, { recursive: true, force: true })
}
